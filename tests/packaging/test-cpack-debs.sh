#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds vigil-server and vigil-console .debs from the build tree with CPack (the fixture of the
# other .deb tests).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_tool dpkg-shlibdeps dpkg-dev

fresh_dir "$DEB_DIR"
cd "$VIGIL_BUILD_DIR"
"$CPACK_COMMAND" --config CPackConfig.cmake -G DEB -B "$DEB_DIR"

[ -f "$SERVER_DEB" ] || fail "CPack did not make $(basename "$SERVER_DEB"); it made: $(ls "$DEB_DIR"/*.deb 2>/dev/null)"
pass "$(basename "$SERVER_DEB")"
if have_console; then
    [ -f "$CONSOLE_DEB" ] || fail "CPack did not make $(basename "$CONSOLE_DEB")"
    pass "$(basename "$CONSOLE_DEB")"
else
    echo "note: this build has no vigil-console target, so no console package"
fi
extra=$(find "$DEB_DIR" -maxdepth 1 -name '*.deb' ! -name 'vigil-server_*' ! -name 'vigil-console_*')
[ -z "$extra" ] || fail "unexpected packages (install rules without COMPONENT console/server?): $extra"
