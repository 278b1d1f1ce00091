// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ServerSocket.h"

#include <QTimer>

#include "common/Logging.h"
#include "protocol/SocketIo.h"
#include "server/BroadcastOperator.h"
#include "server/EngineIoSession.h"
#include "server/Namespace.h"
#include "server/SocketIoConnection.h"

namespace vigil::server {

namespace sio = protocol::sio;

Ack::Ack(ServerSocket *socket, qint64 id)
  : m_state(std::make_shared<State>(State{ socket, id, false }))
{
}

void Ack::send(const QCborArray &args) const
{
    if (!m_state || m_state->sent)
        return;
    m_state->sent = true;
    if (m_state->socket)
        m_state->socket->sendAck(m_state->id, args);
}

ServerSocket::ServerSocket(Namespace *nsp,
                           SocketIoConnection *connection,
                           QString id,
                           QString pid,
                           QCborValue auth,
                           QVariant data,
                           bool recovered)
  : QObject(connection)
  , m_nsp(nsp)
  , m_connection(connection)
  , m_id(std::move(id))
  , m_pid(std::move(pid))
  , m_auth(std::move(auth))
  , m_data(std::move(data))
  , m_recovered(recovered)
{
}

ServerSocket::~ServerSocket()
{
    // Only when the Engine.IO side was destroyed without closing: keep the namespace consistent.
    if (m_connected) {
        m_nsp->m_adapter.removeSocket(this);
        m_nsp->m_sockets.remove(m_id);
    }
}

const HandshakeInfo &ServerSocket::handshake() const
{
    return m_connection->session()->handshake();
}

void ServerSocket::join(const QString &room)
{
    if (!m_connected || m_rooms.contains(room))
        return;
    m_rooms.insert(room);
    m_nsp->m_adapter.join(this, room);
}

void ServerSocket::leave(const QString &room)
{
    if (!m_rooms.remove(room))
        return;
    m_nsp->m_adapter.leave(this, room);
}

void ServerSocket::emitEvent(const QString &event, const QCborArray &args)
{
    if (m_nsp->m_adapter.recovery().enabled) {
        // Through the adapter, as Node does, so the packet gets an offset and is kept for replay
        // (even while this socket is away).
        m_nsp->broadcastPacket(sio::Packet::event(m_nsp->name(), event, args), { m_id }, {}, false);
        return;
    }
    if (m_connected)
        m_connection->sendPacket(sio::Packet::event(m_nsp->name(), event, args));
}

void ServerSocket::emitWithAck(const QString &event,
                               const QCborArray &args,
                               AckCallback callback,
                               int timeoutMs)
{
    if (!m_connected) {
        if (callback)
            callback(std::nullopt);
        return;
    }
    const qint64 id = m_nextAckId++;
    m_acks.insert(id, PendingAck{ std::move(callback) });
    if (timeoutMs > 0) {
        QTimer::singleShot(timeoutMs, this, [this, id] {
            const auto it = m_acks.find(id);
            if (it == m_acks.end())
                return;
            AckCallback pending = std::move(it->callback);
            m_acks.erase(it);
            if (pending)
                pending(std::nullopt);
        });
    }
    m_connection->sendPacket(sio::Packet::event(m_nsp->name(), event, args, id));
}

BroadcastOperator ServerSocket::to(const QString &room) const
{
    return BroadcastOperator(m_nsp).to(room).except(m_id);
}

BroadcastOperator ServerSocket::broadcast() const
{
    return BroadcastOperator(m_nsp).except(m_id);
}

void ServerSocket::disconnectSocket(bool closeConnection)
{
    if (!m_connected)
        return;
    if (!closeConnection) {
        m_connection->sendPacket(sio::Packet::disconnect(m_nsp->name()));
        onClose(DisconnectReason::ServerNamespaceDisconnect);
        return;
    }
    SocketIoConnection *connection = m_connection;
    const QList<ServerSocket *> sockets = connection->sockets();
    for (ServerSocket *socket : sockets) {
        connection->sendPacket(sio::Packet::disconnect(socket->m_nsp->name()));
        socket->onClose(DisconnectReason::ServerNamespaceDisconnect);
    }
    connection->close(DisconnectReason::ForcedServerClose);
}

void ServerSocket::onPacket(const sio::Packet &packet)
{
    switch (packet.type) {
        case sio::PacketType::Event:
        case sio::PacketType::BinaryEvent:
            m_nsp->dispatch(
              this, packet.eventName(), packet.args(), packet.id ? Ack(this, *packet.id) : Ack());
            break;
        case sio::PacketType::Ack:
        case sio::PacketType::BinaryAck:
            if (packet.id)
                onAck(*packet.id, packet.args());
            break;
        case sio::PacketType::Disconnect:
            onClose(DisconnectReason::ClientNamespaceDisconnect);
            break;
        case sio::PacketType::Connect:
        case sio::PacketType::ConnectError:
            // Only a server sends CONNECT_ERROR; CONNECT never reaches a connected socket.
            m_connection->close(DisconnectReason::ForcedClose);
            break;
    }
}

void ServerSocket::onAck(qint64 id, const QCborArray &args)
{
    const auto it = m_acks.find(id);
    if (it == m_acks.end())
        return; // unknown or already answered: ignored, as Node does
    AckCallback callback = std::move(it->callback);
    m_acks.erase(it);
    if (callback)
        callback(args);
}

void ServerSocket::sendAck(qint64 id, const QCborArray &args)
{
    if (m_connected)
        m_connection->sendPacket(sio::Packet::ack(m_nsp->name(), id, args));
}

void ServerSocket::onClose(DisconnectReason reason)
{
    if (!m_connected)
        return;
    m_connected = false;
    m_connection->detach(this);
    m_nsp->removeSocket(this, reason);

    const auto acks = std::exchange(m_acks, {});
    for (const PendingAck &pending : acks) {
        if (pending.callback)
            pending.callback(std::nullopt);
    }
    qCDebug(lcServerSocketIo) << "socket" << m_id << "left" << m_nsp->name() << ":"
                              << reasonName(reason);
    Q_EMIT disconnected(reason);
    Q_EMIT m_nsp->disconnected(this, reason);
    deleteLater();
}

} // namespace vigil::server
