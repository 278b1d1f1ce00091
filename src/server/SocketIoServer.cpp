// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/SocketIoServer.h"

#include "common/Logging.h"
#include "server/EngineIoServer.h"
#include "server/EngineIoSession.h"
#include "server/Namespace.h"
#include "server/SocketIoConnection.h"

namespace vigil::server {

SocketIoServer::SocketIoServer(EngineIoServer *engine, SocketIoOptions options, QObject *parent)
  : QObject(parent)
  , m_engine(engine)
  , m_options(std::move(options))
{
    connect(engine, &EngineIoServer::connection, this, &SocketIoServer::onConnection);
}

SocketIoServer::~SocketIoServer()
{
    // Connections are children of their sessions, which may outlive this object: end them while
    // the namespaces they point into still exist.
    closeAll();
    for (SocketIoConnection *connection : std::as_const(m_connections))
        connection->m_server = nullptr;
}

Namespace *SocketIoServer::addNamespace(const QString &name)
{
    Q_ASSERT(name.startsWith(u'/'));
    Namespace *&nsp = m_namespaces[name];
    if (!nsp)
        nsp = new Namespace(this, name);
    return nsp;
}

void SocketIoServer::closeAll()
{
    const auto connections = m_connections;
    for (SocketIoConnection *connection : connections)
        connection->close(DisconnectReason::ServerShuttingDown);
}

void SocketIoServer::onConnection(EngineIoSession *session)
{
    auto *connection = new SocketIoConnection(this, session);
    m_connections.insert(connection);
}

} // namespace vigil::server
