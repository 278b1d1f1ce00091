// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractSocket>
#include <QByteArray>
#include <QObject>
#include <QWebSocketProtocol>

namespace vigil::server {

class WireMessage;

/// The server side of one WebSocket, whatever implements it: RawWebSocket frames messages itself
/// on the connection's file descriptor (plain TCP, the fast path), QtWebSocketChannel wraps a
/// QWebSocket (TLS, where the descriptor cannot be shared). Text travels as UTF-8 both ways.
///
/// Sends are asynchronous: bytes are queued and leave on the next pass of the event loop, so
/// messages sent to one socket in one pass go out together. After close() or abort() the channel
/// emits `disconnected` once the close handshake ends (or a grace period passes).
class WebSocketChannel : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// A text message; `utf8` must be valid UTF-8 (the server only sends what it encoded).
    virtual void sendText(const QByteArray &utf8) = 0;
    virtual void sendBinary(const QByteArray &bytes) = 0;
    /// The Engine.IO text packet of a broadcast (framed once and shared by every recipient).
    virtual void sendWire(const WireMessage &message) = 0;
    /// Bytes queued and not yet accepted by the kernel.
    virtual qint64 bytesToWrite() const = 0;
    /// Starts the close handshake with `code`.
    virtual void close(
      QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal) = 0;
    /// Drops the connection at once.
    virtual void abort() = 0;
    virtual QAbstractSocket::SocketState state() const = 0;
    /// The code of the close frame received or sent; CloseCodeNormal until then.
    virtual QWebSocketProtocol::CloseCode closeCode() const = 0;

Q_SIGNALS:
    void textMessageReceived(const QByteArray &utf8);
    void binaryMessageReceived(const QByteArray &bytes);
    void disconnected();
};

} // namespace vigil::server
