#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The nginx configuration of docs/ADMIN.md (packaging/nginx/vigil.conf), run for real on 127.0.0.1
# with a throw-away certificate in front of the built vigil-server: HTTPS redirect, long-polling,
# the polling -> WebSocket upgrade and WebSocket-only sessions must all pass through.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_tool nginx nginx
need_tool openssl openssl
need_tool curl curl
server="$VIGIL_BUILD_DIR/src/server/vigil-server"
[ -x "$server" ] || fail "$server is not built"
T="$WORK/nginx"
fresh_dir "$T"
chmod 755 "$T"

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

server_port="$(free_port)"
if server_has_service "$server"; then
    mode=(--demo --data-dir "$T/data")
    rest=(--rest)
else
    # Until the alert service lands, the protocol server alone (same Engine.IO endpoint).
    mode=(--conformance)
    rest=()
fi
"$server" "${mode[@]}" --listen "127.0.0.1:$server_port" >"$T/server.log" 2>&1 &
pids+=($!)
wait_for_http "http://127.0.0.1:$server_port/socket.io/?EIO=4&transport=polling" 30 ||
    fail "vigil-server ${mode[*]} did not start: $(cat "$T/server.log")"
pass "vigil-server ${mode[*]} on 127.0.0.1:$server_port"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$T/test.key" -out "$T/test.pem" 2>/dev/null

https_port="$(free_port)"
http_port="$(free_port)"
# The committed file with test ports, the test certificate and the test server's port. Each
# replacement must hit, so the test notices when the file changes shape.
python3 - "$VIGIL_SOURCE_DIR/packaging/nginx/vigil.conf" "$T/site.conf" <<PY
import re, sys
text = open(sys.argv[1]).read()
replacements = [
    (r"server 127\.0\.0\.1:5000;", "server 127.0.0.1:$server_port;"),
    (r"listen 80;", "listen 127.0.0.1:$http_port;"),
    (r"listen \[::\]:80;\n", ""),
    (r"listen 443 ssl http2;", "listen 127.0.0.1:$https_port ssl http2;"),
    (r"listen \[::\]:443 ssl http2;\n", ""),
    (r"ssl_certificate +/etc/ssl/certs/vigil\.example\.org\.pem;", "ssl_certificate $T/test.pem;"),
    (r"ssl_certificate_key +/etc/ssl/private/vigil\.example\.org\.key;", "ssl_certificate_key $T/test.key;"),
    (r"server_name vigil\.example\.org;", "server_name localhost;"),
]
for pattern, replacement in replacements:
    text, n = re.subn(pattern, replacement, text)
    if n == 0:
        sys.exit(f"packaging/nginx/vigil.conf no longer contains {pattern!r}: update test-nginx.sh")
open(sys.argv[2], "w").write(text)
PY

mkdir -p "$T/logs" "$T/temp"
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
cat >"$T/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $T/nginx.pid;
error_log $T/logs/error.log info;
events { worker_connections 64; }
http {
    access_log $T/logs/access.log;
    client_body_temp_path $T/temp/body;
    proxy_temp_path $T/temp/proxy;
    fastcgi_temp_path $T/temp/fastcgi;
    uwsgi_temp_path $T/temp/uwsgi;
    scgi_temp_path $T/temp/scgi;
    include $T/site.conf;
}
CONF
nginx -t -p "$T" -c "$T/nginx.conf" 2>&1 || fail "nginx -t rejects the configuration"
nginx -p "$T" -c "$T/nginx.conf" -g 'daemon off;' >"$T/logs/stdout.log" 2>&1 &
pids+=($!)
wait_for_http "https://127.0.0.1:$https_port/" 20 || fail "nginx did not start: $(cat "$T/logs/error.log")"
pass "nginx on 127.0.0.1:$https_port (https) and :$http_port (http)"

if ! timeout 60 python3 "$VIGIL_SOURCE_DIR/tests/packaging/nginx_probe.py" "$https_port" "$http_port" "$T/test.pem" "${rest[@]}"; then
    echo "--- nginx error.log"; tail -n 30 "$T/logs/error.log"
    echo "--- vigil-server log"; tail -n 30 "$T/server.log"
    fail "Engine.IO through nginx"
fi
