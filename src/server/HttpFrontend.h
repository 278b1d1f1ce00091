// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QString>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace vigil::server {

class EngineIoServer;
class SocketLoop;

/// The one HTTP port: Engine.IO paths (`/socket.io/`, and `/engine.io/` in the conformance mode)
/// go to their EngineIoServer, WebSocket upgrades included; everything else goes to the REST
/// handler. QHttpServer cannot do this: it is final and its router answers upgrade requests
/// with 404.
///
/// WebSocket upgrades on plain TCP are answered here and the connection continues as a
/// RawWebSocket on a duplicate of its descriptor (QAbstractHttpServer then closes its own copy);
/// over TLS, QAbstractHttpServer upgrades to a QWebSocket as usual.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    /// Answers one REST request. It may move the responder away and answer later; the request is
    /// only valid during the call.
    using RestHandler =
      std::function<void(const QHttpServerRequest &request, QHttpServerResponder &&responder)>;

    explicit HttpFrontend(QObject *parent = nullptr);
    ~HttpFrontend() override;

    /// Routes requests whose path starts with `pathPrefix` (e.g. `/socket.io/`) to `server`.
    void mount(const QString &pathPrefix, EngineIoServer *server);
    /// Replaces the default handler, which answers 404 `{"error":"not_found",...}`.
    void setRestHandler(RestHandler handler);

    /// Requests larger than this (plus 64 KiB of headers) are refused with 413 while they
    /// arrive, before QtHttpServer would have buffered all of them (it has no limit of its own).
    void setMaxRequestBytes(qint64 bytes) { m_maxRequestBytes = bytes; }
#if QT_CONFIG(ssl)
    /// Serve https/wss with `configuration` (instead of QAbstractHttpServer::sslSetup()).
    void setTlsConfiguration(const QSslConfiguration &configuration)
    {
        m_tls = configuration;
    }
#endif

    /// Starts listening; false (with the reason logged) when the address is unavailable.
    bool listen(const QHostAddress &address, quint16 port);
    /// The port actually bound (useful after listening on port 0); 0 when not listening.
    quint16 port() const
    {
        return m_port;
    }
    QHostAddress address() const
    {
        return m_address;
    }
    /// Stops accepting connections (open ones are not touched).
    void stopListening();

    /// Parses `host:port`, `[v6]:port` or `:port` (all interfaces); std::nullopt when malformed.
    static std::optional<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);

    static void notFound(const QHttpServerRequest &request, QHttpServerResponder &&responder);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Mount
    {
        QString prefix;
        QPointer<EngineIoServer> server;
    };

    EngineIoServer *serverFor(const QString &path) const;
    void onNewWebSocket();
    /// Answers the upgrade itself and hands the connection to `engine` as a RawWebSocket; false
    /// when the connection cannot be taken over that way (TLS, not Unix) and QWebSocket must do.
    bool upgradeRaw(const QHttpServerRequest &request, QTcpSocket *socket, EngineIoServer *engine);
    /// Puts the request size guard on `socket` before QAbstractHttpServer connects to it.
    void guard(QTcpSocket *socket);

    QList<Mount> m_mounts;
    RestHandler m_restHandler;
    QHostAddress m_address;
    quint16 m_port = 0;
    /// The socket whose upgrade request was refused with an answer written in handleRequest();
    /// QAbstractHttpServer calls missingHandler() for it right after, which must stay silent.
    QTcpSocket *m_answered = nullptr;
    SocketLoop *m_socketLoop = nullptr; ///< Linux only
    qint64 m_maxRequestBytes = 1'000'000;
    bool m_requeueing = false;
#if QT_CONFIG(ssl)
    std::optional<QSslConfiguration> m_tls;
#endif
};

} // namespace vigil::server
