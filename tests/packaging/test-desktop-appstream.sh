#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop entry and AppStream metainfo as packaged: valid, and pointing at each other, at the
# installed binary and at an installed icon.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
have_console || skip "this build has no vigil-console target, so no desktop entry"
need_tool desktop-file-validate desktop-file-utils
need_tool appstreamcli appstream
need_debs
T="$WORK/desktop"
fresh_dir "$T"
dpkg-deb -x "$CONSOLE_DEB" "$T/root"
desktop="$T/root/usr/share/applications/$VIGIL_APP_ID.desktop"
metainfo="$T/root/usr/share/metainfo/$VIGIL_APP_ID.metainfo.xml"
[ -f "$desktop" ] || fail "no $VIGIL_APP_ID.desktop in the package"
[ -f "$metainfo" ] || fail "no $VIGIL_APP_ID.metainfo.xml in the package"

if desktop-file-validate "$desktop"; then pass "desktop-file-validate"; else check_failed "desktop-file-validate"; fi
if appstreamcli validate --no-net --explain "$metainfo"; then pass "appstreamcli validate"; else check_failed "appstreamcli validate"; fi

value() { sed -n "s/^$1=//p" "$desktop" | head -n1; }
exec_bin="$(value Exec | awk '{print $1}')"
[ -x "$T/root/usr/bin/$exec_bin" ] && pass "Exec=$exec_bin is in the package" || check_failed "Exec=$exec_bin is not /usr/bin/$exec_bin of the package"
icon="$(value Icon)"
[ "$icon" = "$VIGIL_APP_ID" ] && pass "Icon=$icon" || check_failed "Icon is '$icon', expected $VIGIL_APP_ID"
[ -f "$T/root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || check_failed "no scalable icon named $icon"
[ -f "$T/root/usr/share/icons/hicolor/48x48/apps/$icon.png" ] || check_failed "no 48x48 icon named $icon"
if python3 - "$T/root/usr/share/icons/hicolor" "$icon" <<'PY'; then pass "PNG icons have their nominal sizes"; else check_failed "a PNG icon has the wrong size"; fi
import pathlib, struct, sys
ok = True
for png in pathlib.Path(sys.argv[1]).glob(f"*x*/apps/{sys.argv[2]}.png"):
    size = int(png.parent.parent.name.split("x")[0])
    data = png.read_bytes()
    w, h = struct.unpack(">II", data[16:24])
    if (w, h) != (size, size):
        print(f"{png}: {w}x{h}, expected {size}x{size}")
        ok = False
sys.exit(0 if ok else 1)
PY

grep -q "<id>$VIGIL_APP_ID</id>" "$metainfo" && pass "metainfo id" || check_failed "metainfo id is not $VIGIL_APP_ID"
grep -q "<launchable type=\"desktop-id\">$VIGIL_APP_ID.desktop</launchable>" "$metainfo" &&
    pass "metainfo launches $VIGIL_APP_ID.desktop" || check_failed "metainfo launchable does not name $VIGIL_APP_ID.desktop"
grep -q "<release version=\"$VIGIL_VERSION\"" "$metainfo" && pass "metainfo release $VIGIL_VERSION" ||
    check_failed "metainfo has no release $VIGIL_VERSION"
grep -q "<binary>$exec_bin</binary>" "$metainfo" && pass "metainfo provides $exec_bin" || check_failed "metainfo does not provide $exec_bin"

finish
