#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Opt-in (VIGIL_PACKAGING_CHROOT=1, root, network to the Debian mirror): a clean Debian 12 root made
# with debootstrap, `apt-get install ./vigil-server_*.deb ./vigil-console_*.deb` in it, then the
# programs run from their installed paths, the service user, the conffile's mode and a purge.
# Measured on the 2-core CI machine: 3.8 minutes in all the first time (debootstrap --variant=minbase
# about 2, then cached in VIGIL_CHROOT_CACHE), 1.5 minutes with the cache (mostly apt and the Qt runtime).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ "${VIGIL_PACKAGING_CHROOT:-0}" = 1 ] ||
    skip "opt-in: VIGIL_PACKAGING_CHROOT=1 ctest -L packaging-chroot (debootstrap + apt take 2-4 minutes)"
[ "$(id -u)" -eq 0 ] || skip "needs root for debootstrap and chroot"
need_tool debootstrap debootstrap
need_debs

SUITE=bookworm
MIRROR="${VIGIL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${VIGIL_CHROOT_CACHE:-/var/cache/vigil-packaging}"
BASE="$CACHE/$SUITE-minbase-$ARCH.tar.gz"
T="$WORK/chroot"
ROOT="$T/root"
fresh_dir "$T"

mounted=()
cleanup() {
    local m
    for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
    [ "${VIGIL_KEEP_CHROOT:-0}" = 1 ] || rm -rf "$ROOT"
}
trap cleanup EXIT

if [ ! -f "$BASE" ]; then
    mkdir -p "$CACHE"
    echo "debootstrap $SUITE (minbase) from $MIRROR; cached as $BASE"
    debootstrap --variant=minbase "$SUITE" "$T/base" "$MIRROR" >"$T/debootstrap.log" 2>&1 ||
        fail "debootstrap failed: $(tail -n 20 "$T/debootstrap.log")"
    tar -C "$T/base" -czf "$BASE.tmp" . && mv "$BASE.tmp" "$BASE"
    rm -rf "$T/base"
fi
mkdir -p "$ROOT"
tar -C "$ROOT" -xzf "$BASE"

# The host's apt sources (with updates and security), so the Qt versions dpkg-shlibdeps asked
# for are there; no service starts inside the root.
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    rm -f "$ROOT/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$ROOT/etc/apt/sources.list.d/"
fi
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$ROOT/proc" && mounted+=("$ROOT/proc")

mkdir -p "$ROOT/tmp/debs"
debs=("$SERVER_DEB")
have_console && debs+=("$CONSOLE_DEB")
cp "${debs[@]}" "$ROOT/tmp/debs/"
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

in_root apt-get update -qq >"$T/apt.log" 2>&1 || fail "apt-get update in the root: $(tail -n 20 "$T/apt.log")"
root_debs=()
for deb in "${debs[@]}"; do root_debs+=("/tmp/debs/$(basename "$deb")"); done
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${root_debs[@]}" >>"$T/apt.log" 2>&1; then
    pass "apt-get install ./$(basename "$SERVER_DEB")$(have_console && echo " ./$(basename "$CONSOLE_DEB")")"
else
    fail "apt-get install: $(tail -n 30 "$T/apt.log")"
fi
grep -A6 'vigil-server is installed but not started' "$T/apt.log" || check_failed "postinst printed no first-run hint"

programs=(vigil-server)
have_cli && programs+=(vigil-cli)
have_console && programs+=(vigil-console)
for program in "${programs[@]}"; do
    out="$(in_root env QT_QPA_PLATFORM=offscreen "/usr/bin/$program" --version 2>&1)" ||
        check_failed "$program --version in the root: $out"
    grep -qE "(^| )$program $VIGIL_VERSION\$" <<<"$out" && pass "installed $program --version: $out" ||
        check_failed "installed $program --version printed '$out'"
done

in_root getent passwd _vigil >/dev/null && pass "service user _vigil exists" || check_failed "no _vigil user"
stat_env="$(in_root stat -c '%U:%G %a' /etc/vigil/vigil-server.env)"
[ "$stat_env" = "root:_vigil 640" ] && pass "env file root:_vigil 640" || check_failed "env file is $stat_env"
stat_state="$(in_root stat -c '%U:%G %a' /var/lib/vigil)"
[ "$stat_state" = "_vigil:_vigil 750" ] && pass "state dir _vigil:_vigil 750" || check_failed "/var/lib/vigil is $stat_state"
[ -f "$ROOT/lib/systemd/system/vigil-server.service" ] || check_failed "unit not installed"
if have_console; then
    [ -f "$ROOT/usr/share/applications/$VIGIL_APP_ID.desktop" ] && pass "desktop entry installed" ||
        check_failed "desktop entry not installed"
fi

if server_has_service "$ROOT/usr/bin/vigil-server"; then
    # As the unit starts it: the service user, the unit's VIGIL_DATA_DIR, the packaged env file.
    out="$(in_root runuser -u _vigil -- env VIGIL_DATA_DIR=/var/lib/vigil /usr/bin/vigil-server \
        --env-file /etc/vigil/vigil-server.env 2>&1)" && check_failed "started without SECRET_KEY: $out"
    grep -q SECRET_KEY <<<"$out" && pass "the service user's first start refuses without SECRET_KEY" ||
        check_failed "first start without SECRET_KEY said: $out"

    # The documented way to create users writes the service's store, owned by the service user.
    printf 'chroot-test-password\n' | in_root vigil-server-admin user add alice --role admin >>"$T/apt.log" 2>&1 ||
        check_failed "vigil-server-admin user add failed: $(tail -n 5 "$T/apt.log")"
    users="$(in_root vigil-server-admin user list 2>/dev/null || true)"
    grep -q '^alice ' <<<"$users" && pass "vigil-server-admin user add/list" || check_failed "user list: $users"
    owner="$(in_root stat -c '%U:%G' /var/lib/vigil/vigil.db 2>&1)"
    [ "$owner" = "_vigil:_vigil" ] && pass "the store belongs to _vigil" || check_failed "vigil.db is $owner"
fi

in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q vigil-server >>"$T/apt.log" 2>&1 ||
    check_failed "apt-get purge vigil-server: $(tail -n 20 "$T/apt.log")"
[ ! -e "$ROOT/etc/vigil/vigil-server.env" ] && pass "purge removes the env file" || check_failed "env file left after purge"
in_root dpkg-statoverride --list /etc/vigil/vigil-server.env >/dev/null && check_failed "statoverride left after purge"
[ -d "$ROOT/var/lib/vigil" ] && pass "purge keeps the alert store directory" || check_failed "purge deleted /var/lib/vigil"

finish
