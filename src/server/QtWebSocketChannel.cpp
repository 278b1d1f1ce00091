// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/QtWebSocketChannel.h"

#include <QWebSocket>

#include "server/WireMessage.h"

namespace vigil::server {

QtWebSocketChannel::QtWebSocketChannel(std::unique_ptr<QWebSocket> socket,
                                       qint64 maxMessage,
                                       QObject *parent)
  : WebSocketChannel(parent)
  , m_socket(socket.release())
{
    m_socket->setParent(this);
    // The frame limit makes QWebSocket refuse an oversized frame as soon as its header arrives,
    // before the payload is buffered; it closes with 1009 as Node's `ws` does.
    m_socket->setMaxAllowedIncomingFrameSize(quint64(maxMessage));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(maxMessage));
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        Q_EMIT textMessageReceived(text.toUtf8());
    });
    connect(
      m_socket, &QWebSocket::binaryMessageReceived, this, &WebSocketChannel::binaryMessageReceived);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketChannel::disconnected);
}

QtWebSocketChannel::~QtWebSocketChannel() = default;

void QtWebSocketChannel::sendText(const QByteArray &utf8)
{
    m_socket->sendTextMessage(QString::fromUtf8(utf8));
}

void QtWebSocketChannel::sendBinary(const QByteArray &bytes)
{
    m_socket->sendBinaryMessage(bytes);
}

void QtWebSocketChannel::sendWire(const WireMessage &message)
{
    m_socket->sendTextMessage(message.textString());
}

qint64 QtWebSocketChannel::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void QtWebSocketChannel::close(QWebSocketProtocol::CloseCode code)
{
    m_socket->close(code);
}

void QtWebSocketChannel::abort()
{
    m_socket->abort();
}

QAbstractSocket::SocketState QtWebSocketChannel::state() const
{
    return m_socket->state();
}

QWebSocketProtocol::CloseCode QtWebSocketChannel::closeCode() const
{
    return m_socket->closeCode();
}

} // namespace vigil::server
