#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for the README's commands: sourced, never run directly.

VIGIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the build and the test suite need. One list, so run-demo and run-tests agree.
VIGIL_BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
    qtkeychain-qt6-dev libsodium-dev libjwt-dev
    librsvg2-bin dpkg-dev curl
)
VIGIL_TEST_PACKAGES=(
    clang clang-format libclang-rt-14-dev libbenchmark-dev libssl-dev
    xvfb xauth
    python3 python3-flask-socketio python3-eventlet
    gnome-keyring libsecret-tools dbus dbus-x11
    lintian desktop-file-utils appstream wixl msitools nginx openssl curl systemd debootstrap
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for: $* (run as root or install sudo)"
    fi
}

# Installs the Debian packages that are missing; does nothing (and needs no root) when all are there.
ensure_apt_packages() {
    local missing=()
    local p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Node.js and npm for the interop peers. A machine may already have them from another source
# (NodeSource ships npm inside its nodejs package, which conflicts with Debian's npm): only
# when a command is missing are Debian's packages installed.
ensure_node() {
    local need=()
    command -v node >/dev/null 2>&1 || need+=(nodejs)
    command -v npm >/dev/null 2>&1 || need+=(npm)
    [ ${#need[@]} -eq 0 ] || ensure_apt_packages "${need[@]}"
}

# npm install in a folder with a package.json (and lock file) when node_modules is missing or stale.
ensure_npm_packages() {
    local dir="$1"
    [ -f "$dir/package.json" ] || return 0
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
        log "installing npm packages in ${dir#"$VIGIL_ROOT"/}"
        if [ -f "$dir/package-lock.json" ]; then
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        else
            (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
        fi
        touch "$dir/node_modules"
    fi
}

# configure_and_build BUILD_DIR [cmake args...]: Ninja, 2 jobs (the machines have 2 cores).
configure_and_build() {
    local dir="$1"
    shift
    cmake -S "$VIGIL_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
    cmake --build "$dir" -j 2
}
