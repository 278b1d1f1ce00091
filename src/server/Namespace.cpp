// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/Namespace.h"

#include <algorithm>
#include <memory>

#include <QCborMap>
#include <QPointer>

#include "common/Logging.h"
#include "protocol/SocketIo.h"
#include "server/EngineIoServer.h"
#include "server/EngineIoSession.h"
#include "server/Prefetch.h"
#include "server/SocketIoConnection.h"
#include "server/SocketIoServer.h"
#include "server/WireMessage.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace sio = protocol::sio;

namespace {

struct ConnectAttempt
{
    QPointer<SocketIoConnection> connection;
    ConnectRequest request;
    std::optional<RoomAdapter::Restored> restored;
};

} // namespace

Namespace::Namespace(SocketIoServer *server, QString name)
  : QObject(server)
  , m_server(server)
  , m_name(std::move(name))
  , m_adapter(server->options().recovery)
{
    const RecoveryOptions &recovery = m_adapter.recovery();
    if (recovery.enabled) {
        m_pruneTimer.setInterval(
          int(std::clamp<qint64>(recovery.maxDisconnectionDuration, 1000, 60'000)));
        connect(&m_pruneTimer, &QTimer::timeout, this, [this] { m_adapter.prune(); });
        m_pruneTimer.start();
    }
}

void Namespace::use(Middleware middleware)
{
    m_middlewares.append(std::move(middleware));
}

void Namespace::on(const QString &event, EventHandler handler)
{
    m_handlers.insert(event, std::move(handler));
}

void Namespace::onAny(AnyEventHandler handler)
{
    m_anyHandler = std::move(handler);
}

void Namespace::handleConnect(SocketIoConnection *connection, const QCborValue &auth)
{
    auto attempt = std::make_shared<ConnectAttempt>();
    attempt->connection = connection;
    attempt->request = ConnectRequest{ m_name, auth, &connection->session()->handshake(), {} };

    const RecoveryOptions &recovery = m_adapter.recovery();
    if (recovery.enabled && auth.isMap()) {
        const QCborValue pid = auth[QLatin1StringView("pid")];
        const QCborValue offset = auth[QLatin1StringView("offset")];
        if (pid.isString() && offset.isString()) {
            attempt->restored = m_adapter.restoreSession(pid.toString(), offset.toString());
            if (attempt->restored) {
                attempt->request.data = attempt->restored->session.data;
                if (recovery.skipMiddlewares) {
                    finishConnect(
                      connection, auth, attempt->request.data, std::move(attempt->restored));
                    return;
                }
            }
        }
    }

    // Shared by every step so an asynchronous middleware can finish the chain later.
    struct Chain
    {
        static void run(QPointer<Namespace> nsp,
                        std::shared_ptr<ConnectAttempt> attempt,
                        qsizetype index)
        {
            if (!nsp || !attempt->connection || !attempt->connection->isOpen())
                return;
            if (index >= nsp->m_middlewares.size()) {
                nsp->finishConnect(attempt->connection,
                                   attempt->request.auth,
                                   attempt->request.data,
                                   std::move(attempt->restored));
                return;
            }
            auto answered = std::make_shared<bool>(false);
            nsp->m_middlewares.at(index)(
              attempt->request, [nsp, attempt, index, answered](ConnectResult result) {
                  if (*answered)
                      return;
                  *answered = true;
                  if (!nsp || !attempt->connection || !attempt->connection->isOpen())
                      return;
                  if (!result.accepted) {
                      SocketIoConnection *connection = attempt->connection;
                      connection->connectFailed(nsp->m_name);
                      qCDebug(lcServerSocketIo)
                        << "CONNECT to" << nsp->m_name << "refused:" << result.message;
                      connection->sendPacket(
                        sio::Packet::connectError(nsp->m_name, result.message, result.errorData));
                      return;
                  }
                  if (result.data.isValid())
                      attempt->request.data = std::move(result.data);
                  run(nsp, attempt, index + 1);
              });
        }
    };
    Chain::run(QPointer<Namespace>(this), attempt, 0);
}

void Namespace::finishConnect(SocketIoConnection *connection,
                              const QCborValue &auth,
                              QVariant data,
                              std::optional<RoomAdapter::Restored> restored)
{
    QString id;
    QString pid;
    const bool recovered = restored.has_value();
    if (restored) {
        id = restored->session.sid;
        pid = restored->session.pid;
    } else {
        id = EngineIoServer::generateId();
        if (m_adapter.recovery().enabled)
            pid = EngineIoServer::generateId();
    }
    if (m_sockets.contains(id)) {
        // A recovered id that is somehow live again: never let two sockets share it.
        id = EngineIoServer::generateId();
    }

    auto *socket = new ServerSocket(this, connection, id, pid, auth, std::move(data), recovered);
    m_sockets.insert(id, socket);
    m_adapter.addSocket(socket);
    socket->join(id);
    connection->attach(socket);

    if (restored) {
        for (const QString &room : std::as_const(restored->session.rooms))
            socket->join(room);
        // Missed packets go out before the CONNECT ack, as the reference server does.
        for (const WireMessage &message : std::as_const(restored->missed))
            connection->send(message);
        qCDebug(lcServerSocketIo) << "socket" << id << "recovered on" << m_name << "with"
                                  << restored->missed.size() << "missed packets";
    }

    QCborMap ack;
    ack.insert(QLatin1StringView("sid"), id);
    if (!pid.isEmpty())
        ack.insert(QLatin1StringView("pid"), pid);
    connection->sendPacket(sio::Packet::connect(m_name, QCborValue(std::move(ack))));
    Q_EMIT connected(socket);
}

void Namespace::dispatch(ServerSocket *socket,
                         const QString &event,
                         const QCborArray &args,
                         const Ack &ack)
{
    const auto it = m_handlers.constFind(event);
    if (it != m_handlers.constEnd()) {
        (*it)(socket, args, ack);
        return;
    }
    if (m_anyHandler)
        m_anyHandler(socket, event, args, ack);
}

qsizetype Namespace::broadcastPacket(sio::Packet packet,
                                     const QSet<QString> &rooms,
                                     const QSet<QString> &except,
                                     bool isVolatile)
{
    QString offset;
    if (m_adapter.recovery().enabled && packet.isEvent() && !packet.id && !isVolatile) {
        // The offset rides as the last argument; the client sends the last one it saw back in
        // its next CONNECT.
        offset = m_adapter.nextOffset();
        QCborArray array = packet.data.toArray();
        array.append(offset);
        packet.data = QCborValue(std::move(array));
    }
    const WireMessage message = WireMessage::fromSocketIo(sio::encode(packet));
    if (!offset.isEmpty())
        m_adapter.storePacket(offset, rooms, except, message);

    // A snapshot: nothing below runs application code, but a socket may be closed under us
    // (sockets are only ever deleted later, so the pointers stay valid).
    const std::vector<ServerSocket *> recipients = m_adapter.recipients(rooms, except);
    const std::size_t count = recipients.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (i + prefetchAhead < count)
            prefetch(recipients[i + prefetchAhead]);
        if (i + prefetchAhead / 2 < count)
            prefetch(recipients[i + prefetchAhead / 2]->m_connection);
        ServerSocket *socket = recipients[i];
        if (socket->m_connected)
            socket->m_connection->send(message);
    }
    return qsizetype(recipients.size());
}

void Namespace::removeSocket(ServerSocket *socket, DisconnectReason reason)
{
    const RecoveryOptions &recovery = m_adapter.recovery();
    if (recovery.enabled && isRecoverable(reason) && !socket->pid().isEmpty()) {
        m_adapter.persistSession(RoomAdapter::SessionState{
          socket->id(), socket->pid(), socket->rooms(), socket->data() });
    }
    m_adapter.removeSocket(socket);
    const auto it = m_sockets.find(socket->id());
    if (it != m_sockets.end() && *it == socket)
        m_sockets.erase(it);
}

} // namespace vigil::server
