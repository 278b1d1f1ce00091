#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# lintian on both .debs: no errors. Warnings are printed for the record; overrides live in
# packaging/deb/ with a reason each.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_tool lintian lintian
need_debs
debs=("$SERVER_DEB")
have_console && debs+=("$CONSOLE_DEB")

T="$WORK/lintian"
fresh_dir "$T"
# lintian refuses to run as root without --allow-root; CI runs as root.
set +e
lintian --allow-root --no-tag-display-limit --display-info --fail-on error "${debs[@]}" >"$T/report" 2>&1
status=$?
set -e
cat "$T/report"
errors=$(grep -c '^E: ' "$T/report" || true)
[ "$status" -eq 0 ] || fail "lintian exit status $status with $errors error(s)"
[ "$errors" -eq 0 ] || fail "lintian reported $errors error(s)"
pass "lintian: no errors ($(grep -c '^W: ' "$T/report" || true) warning(s))"
