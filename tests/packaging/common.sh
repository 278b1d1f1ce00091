# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the packaging tests. ctest sets the VIGIL_* variables (tests/packaging/CMakeLists.txt).
set -euo pipefail

: "${VIGIL_SOURCE_DIR:?run through ctest}" "${VIGIL_BUILD_DIR:?}" "${VIGIL_VERSION:?}" "${VIGIL_PKG_WORK:?}"
WORK="$VIGIL_PKG_WORK"
DEB_DIR="$WORK/debs"
ARCH="$(dpkg --print-architecture)"
SERVER_DEB="$DEB_DIR/vigil-server_${VIGIL_VERSION}_${ARCH}.deb"
CONSOLE_DEB="$DEB_DIR/vigil-console_${VIGIL_VERSION}_${ARCH}.deb"

# shellcheck disable=SC2034 # used by the scripts that source this file
# CONTRACT §10 plus the settings vigil-server adds; test-deb-fields.sh also asks the binary.
CONTRACT_SETTINGS=(SECRET_KEY SOCKET_IO_CORS_ORIGINS SOCKET_IO_PING_INTERVAL SOCKET_IO_PING_TIMEOUT
    SOCKET_IO_LOGGER SOCKET_IO_MAX_HTTP_BUFFER_SIZE ALERT_RATE_LIMIT_PER_MINUTE VIGIL_LISTEN
    VIGIL_DATABASE_URL REDIS_URL VIGIL_TLS_CERT VIGIL_TLS_KEY VIGIL_DATA_DIR VIGIL_TRUSTED_PROXIES)

FAILURES=0

skip() {
    echo "SKIP: $*"
    exit 77
}
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# Records a failed check and goes on, so one run shows every problem.
check_failed() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}
pass() { echo "ok: $*"; }
finish() {
    if [ "$FAILURES" -gt 0 ]; then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
need_tool() {
    command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (Debian package $2, listed in scripts/lib.sh)"
}
need_debs() {
    [ -f "$SERVER_DEB" ] || fail "$SERVER_DEB is missing: packaging_cpack_debs must run first"
    if [ "${VIGIL_HAVE_CONSOLE:-OFF}" = ON ]; then
        [ -f "$CONSOLE_DEB" ] || fail "$CONSOLE_DEB is missing: packaging_cpack_debs must run first"
    fi
}
have_console() { [ "${VIGIL_HAVE_CONSOLE:-OFF}" = ON ]; }
have_cli() { [ "${VIGIL_HAVE_CLI:-OFF}" = ON ]; }

# A fresh scratch directory for one test.
fresh_dir() {
    rm -rf "$1"
    mkdir -p "$1"
}

# A TCP port nobody listens on right now (the kernel's pick, released again).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_http URL SECONDS: polls until the URL answers with any HTTP status.
wait_for_http() {
    local url="$1" seconds="$2" i
    for ((i = 0; i < seconds * 5; i++)); do
        if curl -sk -o /dev/null --max-time 2 "$url"; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

# True when this vigil-server has the alert service (the --demo mode), not only --conformance.
server_has_service() {
    # Read all of --help first: grep -q in a pipe would stop early, and pipefail would then see the
    # server die of SIGPIPE.
    local help
    help="$("$1" --help 2>/dev/null || true)"
    grep -q -- '--demo' <<<"$help"
}
