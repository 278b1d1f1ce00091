// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ConformanceService.h"

#include <QCborMap>

#include "server/EngineIoSession.h"
#include "server/HttpFrontend.h"
#include "server/Namespace.h"
#include "server/ServerSocket.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

void emitAuth(ServerSocket *socket)
{
    const QCborValue auth = socket->auth().isUndefined() ? QCborValue(QCborMap()) : socket->auth();
    socket->emitEvent(u"auth"_s, QCborArray{ auth });
}

} // namespace

EngineIoOptions ConformanceService::engineOptions()
{
    EngineIoOptions options;
    options.pingInterval = 300;
    options.pingTimeout = 200;
    options.maxPayload = 1'000'000;
    return options;
}

SocketIoOptions ConformanceService::socketIoOptions()
{
    SocketIoOptions options;
    options.connectTimeout = 1000;
    // Offsets would change the echoed arguments and `pid` the CONNECT ack the suite checks.
    options.recovery.enabled = false;
    return options;
}

ConformanceService::ConformanceService(QObject *parent)
  : QObject(parent)
  , m_http(new HttpFrontend(this))
  , m_socketIoEngine(new EngineIoServer(engineOptions(), this))
  , m_echoEngine(new EngineIoServer(engineOptions(), this))
  , m_socketIo(new SocketIoServer(m_socketIoEngine, socketIoOptions(), this))
{
    m_http->mount(u"/socket.io/"_s, m_socketIoEngine);
    m_http->mount(u"/engine.io/"_s, m_echoEngine);

    Namespace *main = m_socketIo->mainNamespace();
    connect(main, &Namespace::connected, this, &emitAuth);
    main->on(u"message"_s, [](ServerSocket *socket, const QCborArray &args, const Ack &) {
        socket->emitEvent(u"message-back"_s, args);
    });
    main->on(u"message-with-ack"_s,
             [](ServerSocket *, const QCborArray &args, const Ack &ack) { ack(args); });

    Namespace *custom = m_socketIo->addNamespace(u"/custom"_s);
    connect(custom, &Namespace::connected, this, &emitAuth);

    connect(m_echoEngine, &EngineIoServer::connection, this, [](EngineIoSession *session) {
        connect(session,
                &EngineIoSession::messageReceived,
                session,
                [session](const QByteArray &text) { session->sendMessage(text); });
        connect(session,
                &EngineIoSession::binaryReceived,
                session,
                [session](const QByteArray &bytes) { session->sendBinary(bytes); });
    });
}

ConformanceService::~ConformanceService() = default;

bool ConformanceService::listen(const QHostAddress &address, quint16 port)
{
    return m_http->listen(address, port);
}

quint16 ConformanceService::port() const
{
    return m_http->port();
}

void ConformanceService::shutdown()
{
    m_http->stopListening();
    m_socketIo->closeAll();
    m_socketIoEngine->closeAll();
    m_echoEngine->closeAll();
}

} // namespace vigil::server
