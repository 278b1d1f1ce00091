// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/HttpFrontend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif
#if QT_CONFIG(ssl)
#include <QSslServer>
#include <QSslSocket>
#endif

#include "common/Logging.h"
#include "server/EngineIoServer.h"
#include "server/HandshakeInfo.h"
#include "server/HttpReply.h"
#include "server/QtWebSocketChannel.h"
#ifdef Q_OS_LINUX
#include "server/RawWebSocket.h"
#endif
#include "server/WebSocketFrame.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

/// The same test QAbstractHttpServer applies before it offers a request for upgrading, so both
/// agree on which requests are upgrades.
bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("connection")).toLower().contains("upgrade") &&
           request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) ==
             0;
}

/// The server's answer to a WebSocket upgrade request: the complete `101 Switching Protocols`
/// response, or why RFC 6455 makes the request invalid (wrong method, version or key).
struct HandshakeAnswer
{
    QByteArray response; ///< empty when refused
    QByteArray error;
    bool accepted() const { return !response.isEmpty(); }
};

HandshakeAnswer answerHandshake(const QHttpServerRequest &request)
{
    if (request.method() != QHttpServerRequest::Method::Get)
        return { {}, QByteArrayLiteral("a WebSocket handshake must be a GET") };
    if (request.value(QByteArrayLiteral("sec-websocket-version")).trimmed() != "13")
        return { {}, QByteArrayLiteral("missing or unsupported Sec-WebSocket-Version") };
    const QByteArray key = request.value(QByteArrayLiteral("sec-websocket-key")).trimmed();
    const auto decoded =
      QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16)
        return { {}, QByteArrayLiteral("missing or invalid Sec-WebSocket-Key") };
    QByteArray response = QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                                            "Upgrade: websocket\r\n"
                                            "Connection: Upgrade\r\n"
                                            "Sec-WebSocket-Accept: ");
    response += ws::acceptKey(key);
    response += "\r\n\r\n";
    return { response, {} };
}

/// Headers allowed on top of the body limit before a request counts as oversized.
constexpr qint64 headerAllowance = 64 * 1024;

/// QTcpServer (or QSslServer) that lets HttpFrontend give back a connection it took out of the
/// pending queue (to connect its guard first).
template<typename Base>
class RequeueingServer final : public Base
{
public:
    using Base::Base;
    void requeue(QTcpSocket *socket) { this->addPendingConnection(socket); }
};

QLoggingCategory::CategoryFilter previousFilter = nullptr;

/// QAbstractHttpServer warns "WebSocket received but no slots connected ... or request not
/// handled" for every upgrade that HttpFrontend takes over itself; its only other warning is for
/// bind(), which is not used.
void silenceHttpServerWarnings(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrcmp(category->categoryName(), "qt.httpserver") == 0)
        category->setEnabled(QtWarningMsg, false);
}

} // namespace

HttpFrontend::HttpFrontend(QObject *parent)
  : QAbstractHttpServer(parent)
{
#ifdef Q_OS_LINUX
    m_socketLoop = new SocketLoop(this);
#endif
    static const bool filterInstalled = [] {
        previousFilter = QLoggingCategory::installFilter(silenceHttpServerWarnings);
        return true;
    }();
    Q_UNUSED(filterInstalled);
    connect(
      this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpFrontend::onNewWebSocket);
}

HttpFrontend::~HttpFrontend() = default;

void HttpFrontend::mount(const QString &pathPrefix, EngineIoServer *server)
{
    m_mounts.append(Mount{ pathPrefix, server });
}

void HttpFrontend::setRestHandler(RestHandler handler)
{
    m_restHandler = std::move(handler);
}

bool HttpFrontend::listen(const QHostAddress &address, quint16 port)
{
    // Our own server instead of QAbstractHttpServer::listen(), so that every connection passes
    // through guard() before QAbstractHttpServer reads from it.
    QTcpServer *server = nullptr;
    std::function<void(QTcpSocket *)> requeue;
#if QT_CONFIG(ssl)
    if (m_tls) {
        auto *ssl = new RequeueingServer<QSslServer>(this);
        ssl->setSslConfiguration(*m_tls);
        requeue = [ssl](QTcpSocket *socket) { ssl->requeue(socket); };
        server = ssl;
    }
#endif
    if (!server) {
        auto *tcp = new RequeueingServer<QTcpServer>(this);
        requeue = [tcp](QTcpSocket *socket) { tcp->requeue(socket); };
        server = tcp;
    }
    // Qt's default backlog of 50 drops SYNs during a reconnect storm (a whole ward's consoles
    // after a server restart), which clients only retry after a second.
    server->setListenBacklogSize(1024);
    if (!server->listen(address, port)) {
        qCCritical(lcServerHttp).noquote() << "cannot listen on" << address.toString() << "port"
                                           << port << ":" << server->errorString();
        delete server;
        return false;
    }
    // Connected before bind(): this runs first, takes the new connections, guards them and puts
    // them back, which signals again for QAbstractHttpServer (this slot then stands aside).
    connect(server, &QTcpServer::pendingConnectionAvailable, this, [this, server, requeue] {
        if (m_requeueing)
            return;
        QList<QTcpSocket *> incoming;
        while (QTcpSocket *socket = server->nextPendingConnection())
            incoming.append(socket);
        m_requeueing = true;
        for (QTcpSocket *socket : std::as_const(incoming)) {
            guard(socket);
            requeue(socket);
        }
        m_requeueing = false;
    });
    bind(server);
    m_address = address;
    m_port = server->serverPort();
    qCInfo(lcServerHttp).noquote() << "listening on" << address.toString() << "port" << m_port;
    return true;
}

void HttpFrontend::guard(QTcpSocket *socket)
{
    // Bytes received since the last answer. QAbstractHttpServer reads everything available on
    // each readyRead (connected after this one), so what is available here is new.
    auto received = std::make_shared<qint64>(0);
    connect(socket, &QTcpSocket::bytesWritten, socket, [received] { *received = 0; });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, received] {
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        *received += socket->bytesAvailable();
        if (*received <= m_maxRequestBytes + headerAllowance)
            return;
        qCInfo(lcServerHttp).noquote()
          << "refused a request over" << m_maxRequestBytes << "bytes from"
          << socket->peerAddress().toString() << "while it arrived";
        const QByteArray body = http::errorBody(
          "payload_too_large"_L1, u"The request is larger than %1 bytes"_s.arg(m_maxRequestBytes));
        socket->write("HTTP/1.1 413 Payload Too Large\r\n"
                      "Content-Type: application/json\r\n"
                      "Connection: close\r\n"
                      "Content-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
}

void HttpFrontend::stopListening()
{
    const auto tcpServers = servers();
    for (QTcpServer *server : tcpServers)
        server->close();
}

std::optional<std::pair<QHostAddress, quint16>> HttpFrontend::parseListenAddress(
  const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return std::nullopt;
    bool ok = false;
    const uint port = QStringView(text).sliced(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    QString host = text.first(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.sliced(1, host.size() - 2);
    else if (host.contains(u':'))
        return std::nullopt; // an IPv6 address needs brackets to tell it from the port
    QHostAddress address;
    if (host.isEmpty())
        address = QHostAddress(QHostAddress::Any);
    else if (host == "localhost"_L1)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return std::nullopt;
    return std::make_pair(address, quint16(port));
}

EngineIoServer *HttpFrontend::serverFor(const QString &path) const
{
    for (const Mount &mount : m_mounts) {
        if (mount.server && path.startsWith(mount.prefix))
            return mount.server;
    }
    return nullptr;
}

void HttpFrontend::notFound(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QHttpServerResponder local(std::move(responder));
    http::replyJson(
      local,
      http::Status::NotFound,
      http::errorBody("not_found"_L1, u"No resource at %1"_s.arg(request.url().path())));
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    EngineIoServer *engine = serverFor(request.url().path());
    if (isWebSocketUpgrade(request)) {
        if (!engine)
            return false; // missingHandler() answers 404
        if (const auto error = engine->verifyUpgrade(request)) {
            QHttpServerResponder responder = makeResponder(request, socket);
            http::replyJson(
              responder, EngineIoServer::errorStatus(*error), EngineIoServer::errorBody(*error));
            m_answered = socket;
            return false;
        }
        if (upgradeRaw(request, socket, engine)) {
            // QAbstractHttpServer now calls missingHandler() (silent for this socket) and
            // closes its descriptor; the connection lives on in the duplicate.
            m_answered = socket;
            return false;
        }
        // Unanswered and claimed: QAbstractHttpServer now upgrades the socket and emits
        // newWebSocketConnection.
        return true;
    }

    QHttpServerResponder responder = makeResponder(request, socket);
    if (engine)
        engine->handleRequest(request, socket, std::move(responder));
    else if (m_restHandler)
        m_restHandler(request, std::move(responder));
    else
        notFound(request, std::move(responder));
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (socket == m_answered) {
        m_answered = nullptr;
        return;
    }
    notFound(request, makeResponder(request, socket));
}

void HttpFrontend::onNewWebSocket()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            break;
        EngineIoServer *engine = serverFor(socket->requestUrl().path());
        if (!engine) {
            socket->abort();
            socket.release()->deleteLater();
            continue;
        }
        HandshakeInfo handshake = EngineIoServer::handshakeFrom(*socket);
        auto *channel = new QtWebSocketChannel(std::move(socket), engine->options().maxPayload);
        engine->handleWebSocket(channel, std::move(handshake));
    }
}

bool HttpFrontend::upgradeRaw(const QHttpServerRequest &request,
                              QTcpSocket *socket,
                              EngineIoServer *engine)
{
#ifdef Q_OS_LINUX
#if QT_CONFIG(ssl)
    if (qobject_cast<QSslSocket *>(socket))
        return false;
#endif
    if (!m_socketLoop->isValid())
        return false;
    const HandshakeAnswer answer = answerHandshake(request);
    if (!answer.accepted()) {
        qCInfo(lcServerHttp).noquote()
          << "refused a WebSocket handshake:" << QString::fromLatin1(answer.error);
        QHttpServerResponder responder = makeResponder(request, socket);
        http::replyJson(
          responder,
          http::Status::BadRequest,
          EngineIoServer::errorBody(EngineIoServer::ErrorCode::BadRequest),
          { { QByteArrayLiteral("Sec-WebSocket-Version"), QByteArrayLiteral("13") } });
        return true;
    }
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        qCWarning(lcServerHttp).noquote()
          << "cannot take over a WebSocket connection:" << qt_error_string(errno);
        return false;
    }
    // The request was read inside a transaction; whatever followed it (a client may send its
    // first frame right behind the handshake) belongs to the WebSocket.
    QByteArray pending;
    if (socket->isTransactionStarted()) {
        socket->rollbackTransaction();
        const QByteArray raw = socket->readAll();
        const qsizetype end = raw.indexOf("\r\n\r\n");
        if (end >= 0)
            pending = raw.sliced(end + 4);
    }
    HandshakeInfo handshake = EngineIoServer::handshakeFrom(request, socket);
    auto *channel = new RawWebSocket(fd, engine->options().maxPayload, m_socketLoop);
    channel->start(answer.response, pending);
    engine->handleWebSocket(channel, std::move(handshake));
    return true;
#else
    Q_UNUSED(request);
    Q_UNUSED(socket);
    Q_UNUSED(engine);
    return false;
#endif
}

} // namespace vigil::server
