// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "server/WebSocketChannel.h"

class QWebSocket;

namespace vigil::server {

/// A WebSocketChannel over a QWebSocket: used where the connection's descriptor cannot be framed
/// directly (TLS, platforms without RawWebSocket). Owns the QWebSocket.
class QtWebSocketChannel final : public WebSocketChannel
{
    Q_OBJECT

public:
    QtWebSocketChannel(std::unique_ptr<QWebSocket> socket,
                       qint64 maxMessage,
                       QObject *parent = nullptr);
    ~QtWebSocketChannel() override;

    void sendText(const QByteArray &utf8) override;
    void sendBinary(const QByteArray &bytes) override;
    void sendWire(const WireMessage &message) override;
    qint64 bytesToWrite() const override;
    void close(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal) override;
    void abort() override;
    QAbstractSocket::SocketState state() const override;
    QWebSocketProtocol::CloseCode closeCode() const override;

private:
    QWebSocket *m_socket;
};

} // namespace vigil::server
