// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include "protocol/SocketIo.h"
#include "server/DisconnectReason.h"
#include "server/RoomAdapter.h"

namespace vigil::server {

class EngineIoServer;
class EngineIoSession;
class Namespace;
class SocketIoConnection;

struct SocketIoOptions
{
    /// A connection that has joined no namespace this long after opening is closed (ms).
    int connectTimeout = 45'000;
    int maxAttachments = protocol::sio::defaultMaxAttachments;
    RecoveryOptions recovery;
};

/// Socket.IO v5 on top of an EngineIoServer: namespaces by name, each with its middlewares,
/// handlers, sockets and rooms. Namespaces that were not added are refused with
/// `{"message":"Invalid namespace"}`.
class SocketIoServer final : public QObject
{
    Q_OBJECT

public:
    SocketIoServer(EngineIoServer *engine, SocketIoOptions options = {}, QObject *parent = nullptr);
    ~SocketIoServer() override;

    const SocketIoOptions &options() const { return m_options; }
    EngineIoServer *engine() const { return m_engine; }

    /// The namespace `name` (created on first use). `name` starts with `/`.
    Namespace *addNamespace(const QString &name);
    /// nullptr for a namespace that was never added.
    Namespace *findNamespace(const QString &name) const { return m_namespaces.value(name); }
    /// The main namespace `/`.
    Namespace *mainNamespace() { return addNamespace(QStringLiteral("/")); }
    QList<Namespace *> namespaces() const { return m_namespaces.values(); }

    qsizetype connectionCount() const { return m_connections.size(); }
    /// Closes every connection ("server shutting down"); sessions are kept for recovery.
    void closeAll();

private:
    friend class SocketIoConnection;

    void onConnection(EngineIoSession *session);

    EngineIoServer *m_engine;
    SocketIoOptions m_options;
    QHash<QString, Namespace *> m_namespaces;
    QSet<SocketIoConnection *> m_connections;
};

} // namespace vigil::server
