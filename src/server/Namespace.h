// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QCborArray>
#include <QCborValue>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QVariant>

#include "server/BroadcastOperator.h"
#include "server/DisconnectReason.h"
#include "server/RoomAdapter.h"
#include "server/ServerSocket.h"

namespace vigil::protocol::sio {
struct Packet;
}

namespace vigil::server {

class SocketIoConnection;
class SocketIoServer;
struct HandshakeInfo;

/// What a CONNECT middleware gets to decide on.
struct ConnectRequest
{
    QString nsp;
    /// The CONNECT payload (undefined when the client sent none).
    QCborValue auth;
    const HandshakeInfo *handshake = nullptr;
    /// Data accepted by the middlewares that ran before this one.
    QVariant data;
};

/// A middleware's answer. Refusing sends CONNECT_ERROR `{"message":..,"data":..}`.
struct ConnectResult
{
    bool accepted = true;
    /// Per-socket data on acceptance (replaces the data so far when valid).
    QVariant data;
    QString message;
    QCborValue errorData;

    static ConnectResult accept(QVariant data = {}) { return { true, std::move(data), {}, {} }; }
    static ConnectResult refuse(QString message, QCborValue data = {})
    {
        return { false, {}, std::move(message), std::move(data) };
    }
};

/// A Socket.IO namespace: CONNECT middlewares, event handlers, the sockets connected to it and
/// their rooms. Created through SocketIoServer::addNamespace().
class Namespace final : public QObject
{
    Q_OBJECT

public:
    /// Middlewares may answer later (from a timer or a worker's result); each must call `done`
    /// exactly once. Only the first call counts.
    using Middleware =
      std::function<void(const ConnectRequest &request, std::function<void(ConnectResult)> done)>;
    using EventHandler =
      std::function<void(ServerSocket *socket, const QCborArray &args, const Ack &ack)>;
    using AnyEventHandler = std::function<
      void(ServerSocket *socket, const QString &event, const QCborArray &args, const Ack &ack)>;

    const QString &name() const { return m_name; }
    SocketIoServer *server() const { return m_server; }

    /// Middlewares run in the order added; the first refusal wins.
    void use(Middleware middleware);
    void on(const QString &event, EventHandler handler);
    /// Gets events no `on()` handler took.
    void onAny(AnyEventHandler handler);

    BroadcastOperator to(const QString &room) { return BroadcastOperator(this).to(room); }
    BroadcastOperator to(const QStringList &rooms) { return BroadcastOperator(this).to(rooms); }
    BroadcastOperator except(const QString &room) { return BroadcastOperator(this).except(room); }
    /// Emits to every socket of the namespace.
    qsizetype emitEvent(const QString &event, const QCborArray &args = {})
    {
        return BroadcastOperator(this).emitEvent(event, args);
    }

    QList<ServerSocket *> sockets() const { return m_sockets.values(); }
    ServerSocket *socket(const QString &id) const { return m_sockets.value(id); }
    qsizetype socketCount() const { return m_sockets.size(); }
    RoomAdapter &adapter() { return m_adapter; }
    const RoomAdapter &adapter() const { return m_adapter; }

Q_SIGNALS:
    /// After the CONNECT ack went out: emits made here reach the client after the ack.
    void connected(vigil::server::ServerSocket *socket);
    void disconnected(vigil::server::ServerSocket *socket, vigil::server::DisconnectReason reason);

private:
    friend class SocketIoServer;
    friend class SocketIoConnection;
    friend class ServerSocket;
    friend class BroadcastOperator;

    Namespace(SocketIoServer *server, QString name);

    void handleConnect(SocketIoConnection *connection, const QCborValue &auth);
    void runMiddleware(SocketIoConnection *connection, ConnectRequest request, qsizetype index);
    void finishConnect(SocketIoConnection *connection,
                       const QCborValue &auth,
                       QVariant data,
                       std::optional<RoomAdapter::Restored> restored);
    void dispatch(ServerSocket *socket,
                  const QString &event,
                  const QCborArray &args,
                  const Ack &ack);
    /// Encodes once, records for recovery when due, hands the bytes to every recipient.
    qsizetype broadcastPacket(protocol::sio::Packet packet,
                              const QSet<QString> &rooms,
                              const QSet<QString> &except,
                              bool isVolatile);
    void removeSocket(ServerSocket *socket, DisconnectReason reason);

    SocketIoServer *m_server;
    QString m_name;
    QList<Middleware> m_middlewares;
    QHash<QString, EventHandler> m_handlers;
    AnyEventHandler m_anyHandler;
    QHash<QString, ServerSocket *> m_sockets;
    RoomAdapter m_adapter;
    QTimer m_pruneTimer;
};

} // namespace vigil::server
