#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Control fields and file lists of both .debs: versions from project(VERSION), Depends filled by
# shlibdeps, the unit, the conffile, the env file that documents every server setting.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_tool dpkg-deb dpkg
need_debs
T="$WORK/fields"
fresh_dir "$T"

field() { dpkg-deb --field "$1" "$2"; }

# expect_field DEB FIELD VALUE
expect_field() {
    local got
    got="$(field "$1" "$2")"
    if [ "$got" = "$3" ]; then pass "$(basename "$1") $2: $got"; else check_failed "$(basename "$1") $2 is '$got', expected '$3'"; fi
}
# expect_depends DEB PACKAGE...: each name appears in Depends.
expect_depends() {
    local deb="$1" depends p
    shift
    depends="$(field "$deb" Depends)"
    for p in "$@"; do
        if grep -Eq "(^|[ ,|])$p( |,|$)" <<<"$depends"; then
            pass "$(basename "$deb") depends on $p"
        else
            check_failed "$(basename "$deb") Depends lacks $p: $depends"
        fi
    done
}
# expect_files DEB PATH...: each path is in the package (dpkg-deb --contents form, ./usr/...).
expect_files() {
    local deb="$1" list p
    list="$T/$(basename "$1").list"
    shift
    dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's#/$##' >"$list"
    for p in "$@"; do
        if grep -qxF "$p" "$list"; then pass "$(basename "$deb") has $p"; else check_failed "$(basename "$deb") lacks $p"; fi
    done
}
# expect_only_under DEB PREFIX...: no file outside the given trees (nothing under /usr/local etc.).
expect_only_under() {
    local deb="$1" list stray
    list="$T/$(basename "$1").list"
    shift
    local pattern
    pattern="^\\.?/?$|^\\./($(IFS='|'; echo "$*"))(/|$)"
    stray="$(grep -Ev "$pattern" "$list" | grep -Ev '^\./(usr|usr/share|usr/share/doc|etc|lib|lib/systemd|usr/share/icons)$' || true)"
    if [ -z "$stray" ]; then pass "$(basename "$deb") installs only under $*"; else check_failed "$(basename "$deb") installs unexpected paths: $stray"; fi
}

# --- vigil-server -------------------------------------------------------------------------------
expect_field "$SERVER_DEB" Package vigil-server
expect_field "$SERVER_DEB" Version "$VIGIL_VERSION"
expect_field "$SERVER_DEB" Architecture "$ARCH"
expect_field "$SERVER_DEB" Section net
# Libraries come from dpkg-shlibdeps (the binary's NEEDED entries); the SQLite driver and adduser
# are loaded or called at run time, so the package names them itself.
expect_depends "$SERVER_DEB" libc6 libqt6core6 libqt6network6 libqt6websockets6 libqt6httpserver6 \
    libqt6sql6 libsodium23 libjwt0 libqt6sql6-sqlite adduser
[ -n "$(field "$SERVER_DEB" Maintainer)" ] || check_failed "vigil-server has no Maintainer"
[ -n "$(field "$SERVER_DEB" Homepage)" ] || check_failed "vigil-server has no Homepage"

server_files=(./usr/bin/vigil-server ./usr/sbin/vigil-server-admin ./lib/systemd/system/vigil-server.service ./etc/vigil/vigil-server.env
    ./usr/share/doc/vigil-server/copyright ./usr/share/doc/vigil-server/changelog.gz
    ./usr/share/doc/vigil-server/ADMIN.md ./usr/share/doc/vigil-server/examples/vigil.conf)
if have_cli; then
    server_files+=(./usr/bin/vigil-cli)
else
    echo "note: this build has no vigil-cli target; not checking for it"
fi
expect_files "$SERVER_DEB" "${server_files[@]}"
expect_only_under "$SERVER_DEB" usr/bin usr/sbin usr/share/doc/vigil-server lib/systemd/system etc/vigil

dpkg-deb --control "$SERVER_DEB" "$T/server-control"
if grep -qxF /etc/vigil/vigil-server.env "$T/server-control/conffiles" 2>/dev/null; then
    pass "the env file is a conffile"
else
    check_failed "/etc/vigil/vigil-server.env is not listed in conffiles"
fi
for script in postinst prerm postrm; do
    if [ -x "$T/server-control/$script" ]; then pass "$script is executable"; else check_failed "$script missing or not executable"; fi
done
grep -q 'adduser --system' "$T/server-control/postinst" || check_failed "postinst does not create the service user"
grep -q 'SECRET_KEY' "$T/server-control/postinst" || check_failed "postinst does not tell the admin about SECRET_KEY"
grep -q 'vigil-server-admin user add' "$T/server-control/postinst" || check_failed "postinst does not say how to create users"

dpkg-deb -x "$SERVER_DEB" "$T/server-root"
unit="$T/server-root/lib/systemd/system/vigil-server.service"
for directive in 'User=_vigil' 'StateDirectory=vigil' 'ProtectSystem=strict' 'ProtectHome=yes' \
    'PrivateTmp=yes' 'NoNewPrivileges=yes' 'EnvironmentFile=/etc/vigil/vigil-server.env' \
    'ExecStart=/usr/bin/vigil-server' 'Environment=VIGIL_DATA_DIR=/var/lib/vigil' \
    'WantedBy=multi-user.target'; do
    if grep -qxF "$directive" "$unit"; then pass "unit: $directive"; else check_failed "unit lacks $directive"; fi
done

# The env file: every setting documented and commented out, nothing active.
env="$T/server-root/etc/vigil/vigil-server.env"
active="$(grep -Ev '^[[:space:]]*(#|$)' "$env" || true)"
[ -z "$active" ] && pass "env file sets nothing by default" || check_failed "env file has active lines: $active"
settings=("${CONTRACT_SETTINGS[@]}")
# The server's own --help names each setting it reads as "Env NAME": the file must know them all.
mapfile -t from_help < <("$VIGIL_BUILD_DIR/src/server/vigil-server" --help 2>/dev/null |
    grep -oE 'Env [A-Z][A-Z0-9_]+' | awk '{print $2}' | sort -u)
settings+=("${from_help[@]}")
for key in $(printf '%s\n' "${settings[@]}" | sort -u); do
    if grep -Eq "^#$key=" "$env"; then pass "env file documents $key"; else check_failed "env file lacks a commented-out $key="; fi
done
# Defaults shown in the file are the binary's defaults ("Env KEY...; default VALUE." in --help).
while IFS=$'\t' read -r key value; do
    # "default unset": the file shows an example value instead.
    [ "$value" = unset ] && continue
    shown="$(sed -n "s/^#$key=//p" "$env" | head -n1)"
    if [ "$shown" = "$value" ]; then
        pass "env file default $key=$value"
    else
        check_failed "env file shows $key=$shown but vigil-server --help says the default is $value"
    fi
done < <("$VIGIL_BUILD_DIR/src/server/vigil-server" --help 2>/dev/null | tr '\n' ' ' | tr -s ' ' |
    grep -oE 'Env [A-Z][A-Z0-9_]+( \([^)]*\))?; default [^ <>]+\.( |$)' |
    sed -E 's/^Env ([A-Z0-9_]+)( \([^)]*\))?; default (.*)\. ?$/\1\t\3/' || true)

# --- vigil-console ------------------------------------------------------------------------------
if have_console; then
    expect_field "$CONSOLE_DEB" Package vigil-console
    expect_field "$CONSOLE_DEB" Version "$VIGIL_VERSION"
    expect_field "$CONSOLE_DEB" Architecture "$ARCH"
    expect_depends "$CONSOLE_DEB" libc6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 \
        libqt6websockets6 libqt6keychain1 libqt6svg6 qt6-qpa-plugins
    icons=()
    for size in 16 24 32 48 64 128 256; do
        icons+=("./usr/share/icons/hicolor/${size}x${size}/apps/$VIGIL_APP_ID.png")
    done
    expect_files "$CONSOLE_DEB" ./usr/bin/vigil-console \
        "./usr/share/applications/$VIGIL_APP_ID.desktop" \
        "./usr/share/metainfo/$VIGIL_APP_ID.metainfo.xml" \
        "./usr/share/icons/hicolor/scalable/apps/$VIGIL_APP_ID.svg" "${icons[@]}" \
        ./usr/share/doc/vigil-console/copyright ./usr/share/doc/vigil-console/changelog.gz
    expect_only_under "$CONSOLE_DEB" usr/bin usr/share/applications usr/share/metainfo \
        usr/share/icons/hicolor usr/share/doc/vigil-console
    if grep -q 'vigil-cli\|vigil-server' <<<"$(dpkg-deb --contents "$CONSOLE_DEB")"; then
        check_failed "vigil-console carries server files"
    fi
else
    echo "note: this build has no vigil-console target; console package not checked"
fi

finish
