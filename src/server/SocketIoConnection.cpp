// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/SocketIoConnection.h"

#include <QTimer>

#include "common/Logging.h"
#include "server/EngineIoSession.h"
#include "server/Namespace.h"
#include "server/ServerSocket.h"
#include "server/SocketIoServer.h"
#include "server/WireMessage.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace sio = protocol::sio;

SocketIoConnection::SocketIoConnection(SocketIoServer *server, EngineIoSession *session)
  : QObject(session)
  , m_server(server)
  , m_session(session)
  , m_decoder(server->options().maxAttachments)
{
    connect(session, &EngineIoSession::messageReceived, this, &SocketIoConnection::onText);
    connect(session, &EngineIoSession::binaryReceived, this, &SocketIoConnection::onBinary);
    connect(session, &EngineIoSession::closed, this, &SocketIoConnection::onSessionClosed);
    QTimer::singleShot(
      server->options().connectTimeout, this, &SocketIoConnection::onConnectTimeout);
}

SocketIoConnection::~SocketIoConnection()
{
    // Destroyed with its session without a `closed` signal (the Engine.IO server went first).
    if (m_server)
        m_server->m_connections.remove(this);
}

ServerSocket *SocketIoConnection::socketFor(const QString &nsp) const
{
    for (ServerSocket *socket : m_sockets) {
        if (socket->nsp()->name() == nsp)
            return socket;
    }
    return nullptr;
}

void SocketIoConnection::send(const WireMessage &message)
{
    if (!m_closed)
        m_session->send(message);
}

void SocketIoConnection::sendPacket(const sio::Packet &packet)
{
    if (!m_closed)
        m_session->send(WireMessage::fromSocketIo(sio::encode(packet)));
}

void SocketIoConnection::close(DisconnectReason reason)
{
    if (m_closed)
        return;
    // The session's `closed` signal comes back to onSessionClosed(), which ends the sockets.
    m_session->close(reason);
}

void SocketIoConnection::onText(const QByteArray &text)
{
    if (m_closed)
        return;
    auto result = m_decoder.feedText(text);
    if (!result) {
        qCInfo(lcServerSocketIo) << "closing" << m_session->id()
                                 << "after an invalid packet:" << result.error().message;
        close(DisconnectReason::ParseError);
        return;
    }
    if (result.value())
        onPacket(*result.value());
}

void SocketIoConnection::onBinary(const QByteArray &bytes)
{
    if (m_closed)
        return;
    auto result = m_decoder.feedBinary(bytes);
    if (!result) {
        qCInfo(lcServerSocketIo) << "closing" << m_session->id()
                                 << "after an invalid attachment:" << result.error().message;
        close(DisconnectReason::ParseError);
        return;
    }
    if (result.value())
        onPacket(*result.value());
}

void SocketIoConnection::onPacket(const sio::Packet &packet)
{
    if (packet.type == sio::PacketType::Connect) {
        // A second CONNECT for a namespace already joined (or joining) is a protocol violation,
        // as is a non-object auth payload.
        if (socketFor(packet.nsp) || m_connecting.contains(packet.nsp)) {
            qCInfo(lcServerSocketIo)
              << "closing" << m_session->id() << "after a duplicate CONNECT to" << packet.nsp;
            close(DisconnectReason::ForcedClose);
            return;
        }
        if (!packet.data.isUndefined() && !packet.data.isMap()) {
            close(DisconnectReason::ParseError);
            return;
        }
        Namespace *nsp = m_server ? m_server->findNamespace(packet.nsp) : nullptr;
        if (!nsp) {
            sendPacket(sio::Packet::connectError(packet.nsp, u"Invalid namespace"_s));
            return;
        }
        m_connecting.insert(packet.nsp);
        nsp->handleConnect(this, packet.data);
        return;
    }

    ServerSocket *socket = socketFor(packet.nsp);
    if (!socket) {
        qCInfo(lcServerSocketIo) << "closing" << m_session->id()
                                 << "after a packet for a namespace it has not joined:"
                                 << packet.nsp;
        close(DisconnectReason::ForcedClose);
        return;
    }
    socket->onPacket(packet);
}

void SocketIoConnection::onSessionClosed(DisconnectReason reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_connecting.clear();
    const QList<ServerSocket *> sockets = m_sockets;
    for (ServerSocket *socket : sockets)
        socket->onClose(reason);
    m_sockets.clear();
    if (m_server)
        m_server->m_connections.remove(this);
    m_server = nullptr;
}

void SocketIoConnection::onConnectTimeout()
{
    if (m_closed || !m_sockets.isEmpty())
        return;
    qCInfo(lcServerSocketIo) << "closing" << m_session->id() << "which joined no namespace in time";
    close(DisconnectReason::ForcedClose);
}

void SocketIoConnection::attach(ServerSocket *socket)
{
    m_connecting.remove(socket->nsp()->name());
    m_sockets.append(socket);
}

void SocketIoConnection::detach(ServerSocket *socket)
{
    m_sockets.removeOne(socket);
}

void SocketIoConnection::connectFailed(const QString &nsp)
{
    m_connecting.remove(nsp);
}

} // namespace vigil::server
