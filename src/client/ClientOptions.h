// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include "protocol/Backoff.h"

namespace vigil::client {

/// Extra HTTP headers of the WebSocket upgrade request (name, value).
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// How a WebSocketTransport reaches the server. TLS verification is always on.
struct TransportOptions
{
    /// PEM file with extra CA certificates trusted besides the system ones (empty: system only).
    QString caFile;
    /// Largest message accepted from the server; a bigger one closes the connection instead of
    /// being buffered without bound.
    qint64 maxIncomingMessageBytes = 16 * 1024 * 1024;
};

/// Manager behaviour. The defaults are socket.io-client's, except unlimited attempts, which a
/// clinical console needs.
struct ManagerOptions
{
    /// Engine.IO path; the trailing slash matters (Node drops `/socket.io` without it).
    QString path = QStringLiteral("/socket.io/");
    bool reconnection = true;
    /// Attempts per outage before reconnectFailed(); negative means unlimited.
    int reconnectionAttempts = -1;
    protocol::Backoff::Options backoff;
    /// Random numbers in [0, 1) for the backoff jitter; empty uses the global generator.
    protocol::Backoff::RandomSource random;
    /// Time allowed for the Engine.IO `open` packet of one attempt.
    qint64 openTimeoutMs = 20'000;
    HeaderList extraHeaders;
    TransportOptions transport;
    /// Milliseconds on a monotonic clock that keeps counting while the machine is suspended;
    /// empty uses CLOCK_BOOTTIME (Linux) or QDeadlineTimer. Tests inject one to simulate a suspend.
    std::function<qint64()> heartbeatClock;
};

/// Per-namespace limits.
struct SocketOptions
{
    /// Emits kept while not connected. Beyond either bound emit() refuses with BufferFull.
    qsizetype maxBufferedPackets = 1'000;
    qsizetype maxBufferedBytes = 4 * 1024 * 1024;
    /// Events held between CONNECT and its ack (a recovering server replays missed events there).
    qsizetype maxReceiveBuffer = 10'000;
    /// Used by emitWithAck() when it is given no positive timeout.
    qint64 defaultAckTimeoutMs = 10'000;
};

} // namespace vigil::client
