#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the console MSI from the staged install tree with wixl (packaging/wix/vigil-console.wxs.in)
# and reads its tables back with msiinfo. The staged program is the Linux build: this checks the
# installer's structure, not that Windows runs it (docs/ADMIN.md says what a Windows build adds).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
have_console || skip "this build has no vigil-console target, so no MSI"
need_tool wixl wixl
need_tool msiinfo msitools
[ "${VIGIL_HAVE_ICO:-OFF}" = ON ] || skip "no product icon (needs rsvg-convert from librsvg2-bin and python3)"
[ -f "$VIGIL_ICON_ICO" ] || fail "$VIGIL_ICON_ICO is missing: build the vigil_icons target"
T="$WORK/msi"
fresh_dir "$T"

"$CMAKE_COMMAND" --install "$VIGIL_BUILD_DIR" --component console --prefix "$T/stage" --strip >/dev/null
[ -x "$T/stage/bin/vigil-console" ] || fail "the console component did not stage bin/vigil-console"

# The icon: a valid .ico with one image per size.
python3 - "$VIGIL_ICON_ICO" <<'PY' || fail "the product icon is not a valid .ico"
import struct, sys
data = open(sys.argv[1], "rb").read()
reserved, kind, count = struct.unpack("<HHH", data[:6])
assert reserved == 0 and kind == 1 and count >= 4, (reserved, kind, count)
for i in range(count):
    w, h, _, _, planes, bpp, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
    assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(data), i
print(f"ok: icon has {count} images")
PY

msi="$T/vigil-console.msi"
# wixl resolves Source= paths relative to the working directory only (absolute ones fail).
cp "$VIGIL_ICON_ICO" "$T/vigil-console.ico"
cp "$VIGIL_SOURCE_DIR/packaging/wix/license.rtf" "$T/license.rtf"
(cd "$T" && wixl -a x64 -D StageDir=stage -D IconFile=vigil-console.ico -D LicenseFile=license.rtf \
    -o vigil-console.msi "$VIGIL_WXS")
[ -s "$msi" ] || fail "wixl made no MSI"
pass "wixl built $(basename "$msi") ($(stat -c %s "$msi") bytes)"

table() { msiinfo export "$msi" "$1" | tr -d '\r'; }
msiinfo tables "$msi" | tr -d '\r' >"$T/tables"
for t in Property Component File Shortcut Directory Feature Upgrade Icon Media; do
    grep -qx "$t" "$T/tables" && pass "table $t" || check_failed "the MSI has no $t table"
done

prop() { table Property | awk -F'\t' -v k="$1" '$1 == k { print $2 }'; }
guid='^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$'
upgrade="$(prop UpgradeCode)"
[ "$upgrade" = "{$VIGIL_WIX_UPGRADE_GUID}" ] && pass "UpgradeCode $upgrade" ||
    check_failed "UpgradeCode is '$upgrade', expected {$VIGIL_WIX_UPGRADE_GUID}"
product="$(prop ProductCode)"
grep -Eq "$guid" <<<"$product" && pass "ProductCode $product" || check_failed "ProductCode '$product' is not a GUID"
[ "$(prop ProductVersion)" = "$VIGIL_VERSION" ] && pass "ProductVersion $VIGIL_VERSION" ||
    check_failed "ProductVersion is '$(prop ProductVersion)', expected $VIGIL_VERSION"
[ "$(prop ProductName)" = "Vigil Console" ] || check_failed "ProductName is '$(prop ProductName)'"
[ "$(prop ARPPRODUCTICON)" = "VigilIcon.ico" ] || check_failed "no ARPPRODUCTICON"

# Every component has a fixed GUID, so repairs and upgrades find their files again.
table Component | tail -n +4 >"$T/components"
for c in ConsoleExe LicenseFile StartMenuShortcut; do
    id="$(awk -F'\t' -v c="$c" '$1 == c { print $2 }' "$T/components")"
    grep -Eq "$guid" <<<"$id" && pass "component $c $id" || check_failed "component $c has GUID '$id'"
done
grep -q $'\tvigil-console.exe\t' <<<"$(table File)" && pass "File vigil-console.exe" || check_failed "no vigil-console.exe in the File table"
grep -q $'\tlicense.rtf\t' <<<"$(table File)" || check_failed "no license.rtf in the File table"

# Start-menu shortcut: in ProgramMenuFolder\Vigil, pointing at the installed .exe.
shortcut="$(table Shortcut | awk -F'\t' '$1 == "VigilConsoleShortcut"')"
[ -n "$shortcut" ] || check_failed "no VigilConsoleShortcut row"
awk -F'\t' '{ exit !($2 == "VigilMenuDir" && $3 ~ /Vigil Console/ && $5 == "[#VigilConsoleExe]") }' <<<"$shortcut" &&
    pass "shortcut: $shortcut" || check_failed "shortcut row is wrong: $shortcut"
[ -n "$(table Directory | awk -F'\t' '$1 == "VigilMenuDir" && $2 == "ProgramMenuFolder"')" ] ||
    check_failed "the shortcut folder is not under ProgramMenuFolder"

# A newer MSI removes the older one (MajorUpgrade), matched by the UpgradeCode.
grep -q "{$VIGIL_WIX_UPGRADE_GUID}" <<<"$(table Upgrade)" && pass "Upgrade table matches the UpgradeCode" ||
    check_failed "the Upgrade table does not name the UpgradeCode"
grep -qi 'x64' <<<"$(msiinfo suminfo "$msi")" && pass "summary: x64 package" || check_failed "summary info is not x64"

finish
