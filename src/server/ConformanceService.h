// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>

#include "server/EngineIoServer.h"
#include "server/SocketIoServer.h"

namespace vigil::server {

class HttpFrontend;

/// `vigil-server --conformance`: what the official Socket.IO v5 and Engine.IO v4 test suites
/// expect of a server. `/socket.io/`: namespace `/` emits "auth" with the CONNECT payload, answers
/// "message" with "message-back" (same arguments) and acks "message-with-ack" with its arguments;
/// `/custom` emits "auth"; other namespaces are refused. `/engine.io/`: a bare Engine.IO echo.
/// Ping 300 ms, timeout 200 ms, maxPayload 1,000,000, connectTimeout 1 s, no recovery.
class ConformanceService final : public QObject
{
    Q_OBJECT

public:
    explicit ConformanceService(QObject *parent = nullptr);
    ~ConformanceService() override;

    static EngineIoOptions engineOptions();
    static SocketIoOptions socketIoOptions();

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    /// Stops listening and closes every session.
    void shutdown();

    HttpFrontend *http() const { return m_http; }
    SocketIoServer *socketIo() const { return m_socketIo; }
    EngineIoServer *socketIoEngine() const { return m_socketIoEngine; }
    EngineIoServer *echoEngine() const { return m_echoEngine; }

private:
    HttpFrontend *m_http;
    EngineIoServer *m_socketIoEngine;
    EngineIoServer *m_echoEngine;
    SocketIoServer *m_socketIo;
};

} // namespace vigil::server
