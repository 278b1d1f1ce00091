#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Talks Engine.IO v4 through the nginx front of test-nginx.sh: long-polling (GET and POST), the
polling -> WebSocket upgrade with its probe, and a direct WebSocket connection (what the console
does). Standard library only. Exits non-zero with the first failed step.

Usage: nginx_probe.py HTTPS_PORT HTTP_PORT CA_FILE [--rest]
"""
import base64
import http.client
import json
import os
import socket
import ssl
import sys

TIMEOUT = 10


def step(message):
    print(f"ok: {message}", flush=True)


def tls_context(ca_file):
    context = ssl.create_default_context(cafile=ca_file)
    context.check_hostname = True
    return context


def https(port, context, method, path, body=None, headers=None):
    connection = http.client.HTTPSConnection("localhost", port, context=context, timeout=TIMEOUT)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), data


def open_packet(text):
    if not text.startswith("0"):
        raise SystemExit(f"expected an Engine.IO OPEN packet, got {text[:200]!r}")
    handshake = json.loads(text[1:])
    for key in ("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"):
        if key not in handshake:
            raise SystemExit(f"OPEN packet lacks {key}: {text[:200]!r}")
    return handshake


class WebSocket:
    """Just enough RFC 6455 for text frames: client frames masked, server frames unmasked."""

    def __init__(self, port, context, path):
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.sock = context.wrap_socket(raw, server_hostname="localhost")
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise SystemExit(f"connection closed during the WebSocket handshake: {head!r}")
            head += chunk
            if len(head) > 16384:
                raise SystemExit("WebSocket handshake answer too long")
        status_line = head.split(b"\r\n", 1)[0].decode()
        if " 101 " not in status_line + " ":
            raise SystemExit(f"WebSocket upgrade refused through nginx: {head.decode(errors='replace')}")
        self.buffer = b""

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("WebSocket closed by the other end")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send_text(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def receive_text(self):
        for _ in range(16):
            first, second = self._read(2)
            opcode = first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            if length > 1 << 20:
                raise SystemExit(f"frame of {length} bytes")
            payload = self._read(length)
            if opcode == 0x1:
                return payload.decode()
            if opcode == 0x8:
                raise SystemExit(f"WebSocket closed: {payload!r}")
        raise SystemExit("no text frame among 16 frames")

    def close(self):
        self.sock.close()


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__)
    https_port, http_port, ca_file = int(argv[1]), int(argv[2]), argv[3]
    check_rest = "--rest" in argv
    context = tls_context(ca_file)

    # Plain HTTP is redirected to HTTPS.
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=TIMEOUT)
    connection.request("GET", "/socket.io/?EIO=4&transport=polling", headers={"Host": "localhost"})
    response = connection.getresponse()
    location = response.getheader("Location", "")
    if response.status != 301 or not location.startswith("https://localhost"):
        raise SystemExit(f"http:// is not redirected to https:// ({response.status} {location!r})")
    step(f"http redirects to {location}")

    # Long-polling: OPEN, then a POST, then a GET that carries the answer to it.
    status, _, body = https(https_port, context, "GET", "/socket.io/?EIO=4&transport=polling")
    if status != 200:
        raise SystemExit(f"polling handshake through nginx: HTTP {status} {body[:200]!r}")
    handshake = open_packet(body.decode())
    sid = handshake["sid"]
    if "websocket" not in handshake["upgrades"]:
        raise SystemExit(f"server offers no websocket upgrade: {handshake}")
    step(f"polling handshake, sid {sid}")

    status, _, body = https(https_port, context, "POST", f"/socket.io/?EIO=4&transport=polling&sid={sid}",
                            body=b"40", headers={"Content-Type": "text/plain;charset=UTF-8"})
    if status != 200 or body != b"ok":
        raise SystemExit(f"polling POST through nginx: HTTP {status} {body[:200]!r}")
    status, _, body = https(https_port, context, "GET", f"/socket.io/?EIO=4&transport=polling&sid={sid}")
    text = body.decode()
    # 40: namespace joined (no auth needed); 44: refused (the service wants a token). Either one
    # is the server's answer to the POST, carried back on a GET.
    if status != 200 or not (text.startswith("40") or text.startswith("44")):
        raise SystemExit(f"polling GET after CONNECT: HTTP {status} {text[:200]!r}")
    step(f"polling POST and GET: {text[:80]}")

    # Upgrade of the same session: probe over the WebSocket, then UPGRADE.
    ws = WebSocket(https_port, context, f"/socket.io/?EIO=4&transport=websocket&sid={sid}")
    ws.send_text("2probe")
    answer = ws.receive_text()
    if answer != "3probe":
        raise SystemExit(f"probe answer {answer!r}, expected '3probe'")
    ws.send_text("5")
    step("WebSocket upgrade of the polling session (2probe/3probe, 5)")
    ws.close()

    # A fresh WebSocket-only connection, as the console opens it.
    ws = WebSocket(https_port, context, "/socket.io/?EIO=4&transport=websocket")
    handshake = open_packet(ws.receive_text())
    ws.send_text("40")
    answer = ws.receive_text()
    if not (answer.startswith("40") or answer.startswith("44")):
        raise SystemExit(f"CONNECT over WebSocket got {answer[:200]!r}")
    step(f"WebSocket-only session {handshake['sid']}: {answer[:80]}")
    ws.close()

    if check_rest:
        status, _, body = https(https_port, context, "GET", "/api/health")
        if status != 200 or json.loads(body).get("status") != "ok":
            raise SystemExit(f"/api/health through nginx: HTTP {status} {body[:200]!r}")
        step(f"REST through nginx: {body.decode()[:120]}")
    print("nginx passes polling, WebSocket upgrade and WebSocket-only sessions through")


if __name__ == "__main__":
    main(sys.argv)
