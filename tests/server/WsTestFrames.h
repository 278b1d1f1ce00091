// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

/// Client frames (masked, as RFC 6455 requires of clients) built byte by byte, independently of
/// the server's own framing code.
namespace wstest {

inline QByteArray clientFrame(int opcode,
                              const QByteArray &payload,
                              bool fin = true,
                              int extraBits = 0)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | extraBits | opcode));
    const qsizetype n = payload.size();
    if (n < 126) {
        out.append(char(0x80 | n));
    } else if (n <= 0xFFFF) {
        out.append(char(0x80 | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xFF));
    } else {
        out.append(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            out.append(char((quint64(n) >> (8 * i)) & 0xFF));
    }
    const char mask[4] = { '\x12', '\x34', '\x56', '\x78' };
    out.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(char(payload.at(i) ^ mask[i % 4]));
    return out;
}

/// One unmasked server frame parsed from the front of `bytes` (consumed); opcode -1 when
/// incomplete.
struct ServerFrame
{
    int opcode = -1;
    bool fin = false;
    QByteArray payload;
};

inline ServerFrame takeServerFrame(QByteArray &bytes)
{
    ServerFrame frame;
    if (bytes.size() < 2)
        return frame;
    const auto *b = reinterpret_cast<const uchar *>(bytes.constData());
    if (b[1] & 0x80)
        return frame; // servers never mask; treat as unparseable
    quint64 n = b[1] & 0x7F;
    qsizetype header = 2;
    if (n == 126) {
        if (bytes.size() < 4)
            return frame;
        n = (quint64(b[2]) << 8) | b[3];
        header = 4;
    } else if (n == 127) {
        if (bytes.size() < 10)
            return frame;
        n = 0;
        for (int i = 0; i < 8; ++i)
            n = (n << 8) | b[2 + i];
        header = 10;
    }
    if (quint64(bytes.size() - header) < n)
        return frame;
    frame.opcode = b[0] & 0x0F;
    frame.fin = b[0] & 0x80;
    frame.payload = bytes.mid(header, qsizetype(n));
    bytes.remove(0, header + qsizetype(n));
    return frame;
}

} // namespace wstest
