// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include "protocol/SocketIo.h"
#include "server/DisconnectReason.h"

namespace vigil::server {

class EngineIoSession;
class ServerSocket;
class SocketIoServer;
class WireMessage;

/// The Socket.IO side of one Engine.IO session (Node's `Client`): decodes packets, routes them to
/// the namespace sockets multiplexed on it, and closes the whole session on any protocol error.
/// A child of its session.
class SocketIoConnection final : public QObject
{
    Q_OBJECT

public:
    ~SocketIoConnection() override;

    EngineIoSession *session() const { return m_session; }
    SocketIoServer *server() const { return m_server; }
    bool isOpen() const { return !m_closed; }
    ServerSocket *socketFor(const QString &nsp) const;
    const QList<ServerSocket *> &sockets() const { return m_sockets; }

    void send(const WireMessage &message);
    void sendPacket(const protocol::sio::Packet &packet);
    /// Closes the Engine.IO session, and with it every namespace socket on it.
    void close(DisconnectReason reason = DisconnectReason::ForcedClose);

private:
    friend class SocketIoServer;
    friend class Namespace;
    friend class ServerSocket;

    SocketIoConnection(SocketIoServer *server, EngineIoSession *session);

    void onText(const QByteArray &text);
    void onBinary(const QByteArray &bytes);
    void onPacket(const protocol::sio::Packet &packet);
    void onSessionClosed(DisconnectReason reason);
    void onConnectTimeout();

    void attach(ServerSocket *socket);
    void detach(ServerSocket *socket);
    /// A middleware refused, or the namespace is unknown.
    void connectFailed(const QString &nsp);

    SocketIoServer *m_server;
    EngineIoSession *m_session;
    bool m_closed = false; // next to m_session: both are read for every delivery
    protocol::sio::Decoder m_decoder;
    QList<ServerSocket *> m_sockets;
    /// Namespaces whose CONNECT is waiting on middlewares.
    QSet<QString> m_connecting;
};

} // namespace vigil::server
