// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerResponder>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "server/DisconnectReason.h"
#include "server/HttpReply.h"

class QHttpServerRequest;
class QTcpSocket;
class QWebSocket;

namespace vigil::server {

class EngineIoSession;
class WebSocketChannel;
struct HandshakeInfo;

/// Settings of one Engine.IO endpoint (CONTRACT §10 names them SOCKET_IO_*).
struct EngineIoOptions
{
    int pingInterval = 25'000;     ///< ms between server pings
    int pingTimeout = 20'000;      ///< ms the client has to answer a ping
    qint64 maxPayload = 1'000'000; ///< largest WebSocket message / polling POST body, bytes
    int upgradeTimeout = 10'000;   ///< ms a polling session may spend upgrading
    bool allowPolling = true;
    bool allowWebSocket = true;
    /// Allowed `Origin` values. Empty (or containing `*`) allows every origin; requests without an
    /// `Origin` header (desktop clients) are always allowed.
    QStringList allowedOrigins;
    /// Bytes queued for one client (WebSocket write buffer or polling backlog) before the server
    /// gives up on it, so a client that stops reading cannot make the server grow without bound.
    qint64 maxBufferedOutput = 32 * 1024 * 1024;
};

/// Engine.IO v4 server for one path: HTTP long-polling and WebSocket sessions, the polling to
/// WebSocket upgrade and a server-driven heartbeat, with the reference server's error answers.
/// HttpFrontend routes the path's requests here; `connection` hands every new session to the layer
/// above (Socket.IO, or an echo in the conformance mode), which connects to the session's signals
/// before returning.
class EngineIoServer : public QObject
{
    Q_OBJECT

public:
    /// Node's error table: HTTP 400 (403 for Forbidden) with `{"code":N,"message":"..."}`.
    enum class ErrorCode
    {
        UnknownTransport = 0,
        UnknownSid = 1,
        BadHandshakeMethod = 2,
        BadRequest = 3,
        Forbidden = 4,
        UnsupportedProtocolVersion = 5,
    };

    explicit EngineIoServer(EngineIoOptions options = {}, QObject *parent = nullptr);
    ~EngineIoServer() override;

    const EngineIoOptions &options() const { return m_options; }

    /// A plain HTTP request (GET/POST/OPTIONS) on the Engine.IO path. Answers now or, for a poll
    /// with nothing to send, keeps the responder until there is.
    void handleRequest(const QHttpServerRequest &request,
                       QTcpSocket *socket,
                       QHttpServerResponder &&responder);
    /// Checks a WebSocket upgrade request before the handshake; std::nullopt accepts it, an error
    /// is answered over HTTP instead of upgrading.
    std::optional<ErrorCode> verifyUpgrade(const QHttpServerRequest &request) const;
    /// Takes a WebSocket whose upgrade verifyUpgrade() accepted; `handshake` describes its
    /// upgrade request.
    void handleWebSocket(WebSocketChannel *socket, HandshakeInfo handshake);

    static HandshakeInfo handshakeFrom(const QHttpServerRequest &request, QTcpSocket *socket);
    static HandshakeInfo handshakeFrom(const QWebSocket &socket);

    static http::Status errorStatus(ErrorCode code);
    static QByteArray errorBody(ErrorCode code);
    bool isOriginAllowed(const QByteArray &origin) const;

    qsizetype sessionCount() const { return m_sessions.size(); }
    EngineIoSession *session(const QString &sid) const { return m_sessions.value(sid); }
    QList<EngineIoSession *> sessions() const { return m_sessions.values(); }
    /// Closes every session (WebSocket close frames, pending polls answered).
    void closeAll(DisconnectReason reason = DisconnectReason::ServerShuttingDown);

    /// A random 20-character base64url id, as Node's base64id.
    static QString generateId();

Q_SIGNALS:
    void connection(vigil::server::EngineIoSession *session);

private:
    friend class EngineIoSession;

    qint64 now() const { return m_clock.elapsed(); }
    void schedule(EngineIoSession *session, qint64 deadline);
    void unschedule(EngineIoSession *session);
    void onHeartbeatTimer();
    void armHeartbeatTimer();
    void forget(EngineIoSession *session);
    void replyError(QHttpServerResponder &responder,
                    ErrorCode code,
                    const http::HeaderList &headers = {}) const;
    http::HeaderList corsHeaders(const QByteArray &origin) const;
    void openPollingSession(const QHttpServerRequest &request,
                            QTcpSocket *socket,
                            QHttpServerResponder &&responder,
                            const http::HeaderList &cors);

    EngineIoOptions m_options;
    QHash<QString, EngineIoSession *> m_sessions;
    QElapsedTimer m_clock;
    QTimer m_heartbeatTimer;
    qint64 m_armedFor = -1;
    std::multimap<qint64, EngineIoSession *> m_deadlines;
};

} // namespace vigil::server
