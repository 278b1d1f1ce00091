#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Unpacks both .debs (dpkg-deb -x) and runs the programs from the unpacked /usr/bin: every library
# resolves on this system, --version prints project(VERSION), the systemd unit verifies, and the
# server's first run refuses without SECRET_KEY and serves with one.
# A real install into a clean Debian root is test-chroot.sh (opt-in, VIGIL_PACKAGING_CHROOT=1).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_debs
T="$WORK/unpack"
fresh_dir "$T"
ROOT="$T/root"
dpkg-deb -x "$SERVER_DEB" "$ROOT"
have_console && dpkg-deb -x "$CONSOLE_DEB" "$ROOT"
# The packages ship no shared libraries of their own today; should one appear, it is found here.
multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)"
export LD_LIBRARY_PATH="$ROOT/usr/lib/$multiarch:$ROOT/usr/lib"
unset DISPLAY WAYLAND_DISPLAY

programs=(vigil-server)
have_cli && programs+=(vigil-cli)
have_console && programs+=(vigil-console)

for program in "${programs[@]}"; do
    bin="$ROOT/usr/bin/$program"
    [ -x "$bin" ] || { check_failed "$program is not in the unpacked packages"; continue; }
    missing="$(ldd "$bin" | grep 'not found' || true)"
    [ -z "$missing" ] && pass "$program: every library resolves" || check_failed "$program: $missing"
    out="$(QT_QPA_PLATFORM=offscreen timeout 30 "$bin" --version 2>&1)" || check_failed "$program --version failed: $out"
    if grep -qE "(^| )$program $VIGIL_VERSION\$" <<<"$out"; then
        pass "$program --version: $out"
    else
        check_failed "$program --version printed '$out', expected '$program $VIGIL_VERSION'"
    fi
done

admin="$ROOT/usr/sbin/vigil-server-admin"
if [ -x "$admin" ] && sh -n "$admin" && grep -q '^server=/usr/bin/vigil-server$' "$admin" &&
    grep -q '^envfile=/etc/vigil/vigil-server.env$' "$admin" && grep -q '^user=_vigil$' "$admin"; then
    pass "vigil-server-admin points at the packaged server, env file and user"
else
    check_failed "vigil-server-admin is missing, broken or points elsewhere"
fi

# The unit as systemd reads it (with ExecStart pointing into the unpacked tree).
unit="$ROOT/lib/systemd/system/vigil-server.service"
if command -v systemd-analyze >/dev/null 2>&1; then
    sed "s#^ExecStart=/usr/bin/#ExecStart=$ROOT/usr/bin/#" "$unit" >"$T/vigil-server.service"
    if out="$(systemd-analyze verify "$T/vigil-server.service" 2>&1)" && [ -z "$out" ]; then
        pass "systemd-analyze verify"
    else
        check_failed "systemd-analyze verify: $out"
    fi
    exposure="$(systemd-analyze security --offline=yes "$T/vigil-server.service" 2>/dev/null |
        sed -n 's/.*Overall exposure level for vigil-server.service: \([0-9.]*\).*/\1/p')"
    if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 2.5) }'; then
        pass "systemd-analyze security: exposure $exposure"
    else
        check_failed "systemd-analyze security: exposure '${exposure:-unknown}' above 2.5"
    fi
else
    echo "note: systemd-analyze is not installed; unit syntax not checked"
fi

# First run, as the unit does it: the packaged env file, nothing set in it.
server="$ROOT/usr/bin/vigil-server"
envfile="$ROOT/etc/vigil/vigil-server.env"
if server_has_service "$server"; then
    set +e
    out="$(env -u SECRET_KEY timeout 20 "$server" --env-file "$envfile" --data-dir "$T/data" 2>&1)"
    status=$?
    set -e
    if [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && grep -q SECRET_KEY <<<"$out"; then
        pass "refuses to start without SECRET_KEY (exit $status)"
    else
        check_failed "without SECRET_KEY: exit $status, output: $out"
    fi
    grep -q 'user add' <<<"$out" && pass "the refusal says how to create users" ||
        check_failed "the refusal does not mention 'user add': $out"

    port="$(free_port)"
    cp "$envfile" "$T/configured.env"
    printf 'SECRET_KEY=%s\nVIGIL_LISTEN=127.0.0.1:%s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$port" >>"$T/configured.env"
    env -u SECRET_KEY "$server" --env-file "$T/configured.env" --data-dir "$T/data" >"$T/server.log" 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null || true' EXIT
    if wait_for_http "http://127.0.0.1:$port/api/health" 20; then
        health="$(curl -s --max-time 5 "http://127.0.0.1:$port/api/health")"
        grep -q "\"version\": *\"$VIGIL_VERSION\"" <<<"$health" && pass "configured server answers /api/health: $health" ||
            check_failed "/api/health: $health"
    else
        check_failed "the configured server did not answer on port $port: $(cat "$T/server.log")"
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        check_failed "vigil-server did not stop within 10 s of SIGTERM"
        kill -KILL "$pid" 2>/dev/null || true
    else
        wait "$pid" && pass "stops cleanly on SIGTERM" || check_failed "exit status $? after SIGTERM"
    fi
    trap - EXIT
else
    echo "note: this vigil-server has no alert service yet (no --demo in --help); first-run checks not run"
fi

finish
