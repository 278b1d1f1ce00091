#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Packs square PNG files into one Windows .ico (PNG-compressed entries, Windows Vista and later).

Usage: make-ico.py OUT.ico IN.png [IN.png ...]
"""
import struct
import sys

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data, name):
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise SystemExit(f"make-ico: {name} is not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if width != height or not 1 <= width <= 256:
        raise SystemExit(f"make-ico: {name} is {width}x{height}; icons must be square, at most 256")
    return width


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    images = []
    for name in argv[2:]:
        with open(name, "rb") as f:
            data = f.read()
        images.append((png_size(data, name), data))
    images.sort(key=lambda image: image[0])

    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in images:
        # 0 in the one-byte width/height fields means 256.
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    with open(argv[1], "wb") as f:
        f.write(header + entries + b"".join(data for _, data in images))


if __name__ == "__main__":
    main(sys.argv)
