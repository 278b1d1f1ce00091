// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/EngineIoServer.h"

#include <array>

#include <QHttpServerRequest>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

#include "common/Logging.h"
#include "server/EngineIoSession.h"
#include "server/WebSocketChannel.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

const QString transportKey = u"transport"_s;
const QString sidKey = u"sid"_s;
const QString eioKey = u"EIO"_s;
const QString b64Key = u"b64"_s;
const QString pollingName = u"polling"_s;
const QString websocketName = u"websocket"_s;

QString queryValue(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

EngineIoServer::EngineIoServer(EngineIoOptions options, QObject *parent)
  : QObject(parent)
  , m_options(std::move(options))
{
    m_clock.start();
    m_heartbeatTimer.setSingleShot(true);
    // The suites allow a few ms between a ping's deadline and the client's next request; a
    // coarse timer may be 5 % late.
    m_heartbeatTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &EngineIoServer::onHeartbeatTimer);
}

EngineIoServer::~EngineIoServer()
{
    // Sessions are children; make sure none calls back into a half-destroyed server.
    const auto sessions = m_sessions.values();
    m_sessions.clear();
    m_deadlines.clear();
    for (EngineIoSession *session : sessions) {
        session->m_scheduled = false;
        session->m_server = nullptr;
    }
}

HandshakeInfo EngineIoServer::handshakeFrom(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HandshakeInfo info;
    info.address = request.remoteAddress();
    info.port = socket ? socket->peerPort() : 0;
    info.query = request.query();
    info.origin = request.value(QByteArrayLiteral("origin"));
    info.userAgent = request.value(QByteArrayLiteral("user-agent"));
    info.issued = QDateTime::currentDateTimeUtc();
    info.secure = request.url().scheme() == "https"_L1;
    return info;
}

HandshakeInfo EngineIoServer::handshakeFrom(const QWebSocket &socket)
{
    HandshakeInfo info;
    info.address = socket.peerAddress();
    info.port = socket.peerPort();
    info.query = QUrlQuery(socket.requestUrl());
    info.origin = socket.origin().toUtf8();
    info.userAgent = socket.request().rawHeader(QByteArrayLiteral("User-Agent"));
    info.issued = QDateTime::currentDateTimeUtc();
    info.secure = socket.requestUrl().scheme() == "wss"_L1;
    return info;
}

QString EngineIoServer::generateId()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), 15);
    return QString::fromLatin1(
      bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

http::Status EngineIoServer::errorStatus(ErrorCode code)
{
    return code == ErrorCode::Forbidden ? http::Status::Forbidden : http::Status::BadRequest;
}

QByteArray EngineIoServer::errorBody(ErrorCode code)
{
    switch (code) {
        case ErrorCode::UnknownTransport:
            return QByteArrayLiteral(R"({"code":0,"message":"Transport unknown"})");
        case ErrorCode::UnknownSid:
            return QByteArrayLiteral(R"({"code":1,"message":"Session ID unknown"})");
        case ErrorCode::BadHandshakeMethod:
            return QByteArrayLiteral(R"({"code":2,"message":"Bad handshake method"})");
        case ErrorCode::BadRequest:
            return QByteArrayLiteral(R"({"code":3,"message":"Bad request"})");
        case ErrorCode::Forbidden:
            return QByteArrayLiteral(R"({"code":4,"message":"Forbidden"})");
        case ErrorCode::UnsupportedProtocolVersion:
            return QByteArrayLiteral(R"({"code":5,"message":"Unsupported protocol version"})");
    }
    return QByteArrayLiteral(R"({"code":3,"message":"Bad request"})");
}

bool EngineIoServer::isOriginAllowed(const QByteArray &origin) const
{
    if (origin.isEmpty() || m_options.allowedOrigins.isEmpty())
        return true;
    for (const QString &allowed : m_options.allowedOrigins) {
        if (allowed == "*"_L1 || allowed == QLatin1StringView(origin))
            return true;
    }
    return false;
}

http::HeaderList EngineIoServer::corsHeaders(const QByteArray &origin) const
{
    if (origin.isEmpty())
        return {};
    return {
        { QByteArrayLiteral("Access-Control-Allow-Origin"), origin },
        { QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true") },
        { QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin") },
    };
}

void EngineIoServer::replyError(QHttpServerResponder &responder,
                                ErrorCode code,
                                const http::HeaderList &headers) const
{
    http::replyJson(responder, errorStatus(code), errorBody(code), headers);
}

void EngineIoServer::handleRequest(const QHttpServerRequest &request,
                                   QTcpSocket *socket,
                                   QHttpServerResponder &&responder)
{
    const QUrlQuery query = request.query();
    const QByteArray origin = request.value(QByteArrayLiteral("origin"));
    const auto method = request.method();

    if (!isOriginAllowed(origin)) {
        qCInfo(lcServerEngine) << "refused a request from origin" << origin;
        replyError(responder, ErrorCode::Forbidden);
        return;
    }
    const http::HeaderList cors = corsHeaders(origin);

    if (method == QHttpServerRequest::Method::Options) {
        // CORS preflight for browser polling clients.
        http::HeaderList headers = cors;
        headers.append({ QByteArrayLiteral("Access-Control-Allow-Methods"),
                         QByteArrayLiteral("GET, POST, OPTIONS") });
        const QByteArray requested =
          request.value(QByteArrayLiteral("access-control-request-headers"));
        if (!requested.isEmpty())
            headers.append({ QByteArrayLiteral("Access-Control-Allow-Headers"), requested });
        http::reply(
          responder, http::Status::NoContent, QByteArrayLiteral("text/plain"), {}, headers);
        return;
    }

    const QString transport = queryValue(query, transportKey);
    const bool transportKnown = (transport == pollingName && m_options.allowPolling) ||
                                (transport == websocketName && m_options.allowWebSocket);
    if (!transportKnown) {
        replyError(responder, ErrorCode::UnknownTransport, cors);
        return;
    }

    const QString sid = queryValue(query, sidKey);
    if (!sid.isEmpty()) {
        EngineIoSession *session = m_sessions.value(sid);
        if (!session) {
            replyError(responder, ErrorCode::UnknownSid, cors);
            return;
        }
        // A session that has moved to WebSocket (or was one from the start) takes no polls.
        if (transport != pollingName ||
            session->transport() != EngineIoSession::Transport::Polling) {
            replyError(responder, ErrorCode::BadRequest, cors);
            return;
        }
        if (session->pingOverdue()) {
            replyError(responder, ErrorCode::UnknownSid, cors);
            return;
        }
        if (method == QHttpServerRequest::Method::Get) {
            session->handlePoll(socket, std::move(responder), cors);
        } else if (method == QHttpServerRequest::Method::Post) {
            session->handlePost(
              request.value(QByteArrayLiteral("content-type")), request.body(), responder, cors);
        } else {
            replyError(responder, ErrorCode::BadRequest, cors);
        }
        return;
    }

    if (method != QHttpServerRequest::Method::Get) {
        replyError(responder, ErrorCode::BadHandshakeMethod, cors);
        return;
    }
    if (transport != pollingName) {
        // A WebSocket handshake without the Upgrade header.
        replyError(responder, ErrorCode::BadRequest, cors);
        return;
    }
    if (queryValue(query, eioKey) != "4"_L1) {
        replyError(responder, ErrorCode::UnsupportedProtocolVersion, cors);
        return;
    }
    openPollingSession(request, socket, std::move(responder), cors);
}

void EngineIoServer::openPollingSession(const QHttpServerRequest &request,
                                        QTcpSocket *socket,
                                        QHttpServerResponder &&responder,
                                        const http::HeaderList &cors)
{
    const QUrlQuery query = request.query();
    auto *session = new EngineIoSession(
      this, generateId(), handshakeFrom(request, socket), !query.hasQueryItem(b64Key));
    m_sessions.insert(session->id(), session);
    qCDebug(lcServerEngine) << "polling session" << session->id() << "from"
                            << request.remoteAddress();
    session->startPolling(socket, std::move(responder), cors);
    if (session->isOpen())
        Q_EMIT connection(session);
}

std::optional<EngineIoServer::ErrorCode> EngineIoServer::verifyUpgrade(
  const QHttpServerRequest &request) const
{
    const QUrlQuery query = request.query();
    const QString transport = queryValue(query, transportKey);
    if (transport != websocketName || !m_options.allowWebSocket)
        return transport == pollingName ? ErrorCode::BadRequest : ErrorCode::UnknownTransport;
    if (!isOriginAllowed(request.value(QByteArrayLiteral("origin"))))
        return ErrorCode::Forbidden;
    const QString sid = queryValue(query, sidKey);
    if (!sid.isEmpty()) {
        // A session that cannot take this WebSocket (already upgraded or upgrading) gets it
        // closed right after the handshake, as Node does; only an unknown sid is refused here.
        if (!m_sessions.contains(sid))
            return ErrorCode::UnknownSid;
        return std::nullopt;
    }
    if (queryValue(query, eioKey) != "4"_L1)
        return ErrorCode::UnsupportedProtocolVersion;
    return std::nullopt;
}

void EngineIoServer::handleWebSocket(WebSocketChannel *socket, HandshakeInfo handshake)
{
    const QString sid = queryValue(handshake.query, sidKey);
    if (!sid.isEmpty()) {
        EngineIoSession *session = m_sessions.value(sid);
        // The session may have closed, or another WebSocket may have won, since the request was
        // verified.
        if (!session || !session->canUpgrade()) {
            // Closed on the next pass: QAbstractHttpServer still signals a QWebSocket's readyRead
            // once more after handing it over, and a closed socket makes that a warning.
            socket->setParent(this);
            QTimer::singleShot(
              0, socket, [this, socket] { EngineIoSession::retireWebSocket(socket, this); });
            return;
        }
        session->startUpgrade(socket);
        return;
    }

    const bool supportsBinary = !handshake.query.hasQueryItem(b64Key);
    const QHostAddress peer = handshake.address;
    auto *session = new EngineIoSession(this, generateId(), std::move(handshake), supportsBinary);
    m_sessions.insert(session->id(), session);
    qCDebug(lcServerEngine) << "websocket session" << session->id() << "from" << peer;
    session->startWebSocket(socket);
    if (session->isOpen())
        Q_EMIT connection(session);
}

void EngineIoServer::closeAll(DisconnectReason reason)
{
    const auto sessions = m_sessions.values();
    for (EngineIoSession *session : sessions)
        session->close(reason);
}

void EngineIoServer::forget(EngineIoSession *session)
{
    unschedule(session);
    m_sessions.remove(session->id());
}

void EngineIoServer::schedule(EngineIoSession *session, qint64 deadline)
{
    if (session->m_scheduled)
        m_deadlines.erase(session->m_deadlineIt);
    session->m_deadlineIt = m_deadlines.emplace(deadline, session);
    session->m_scheduled = true;
    if (m_armedFor < 0 || deadline < m_armedFor)
        armHeartbeatTimer();
}

void EngineIoServer::unschedule(EngineIoSession *session)
{
    if (!session->m_scheduled)
        return;
    m_deadlines.erase(session->m_deadlineIt);
    session->m_scheduled = false;
}

void EngineIoServer::armHeartbeatTimer()
{
    if (m_deadlines.empty()) {
        m_heartbeatTimer.stop();
        m_armedFor = -1;
        return;
    }
    const qint64 first = m_deadlines.begin()->first;
    m_armedFor = first;
    m_heartbeatTimer.start(int(std::clamp<qint64>(first - now(), 0, 24 * 3600 * 1000)));
}

void EngineIoServer::onHeartbeatTimer()
{
    m_armedFor = -1;
    const qint64 current = now();
    // Bounded: each due session is removed before its handler runs and reschedules in the future.
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= current) {
        EngineIoSession *session = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        session->m_scheduled = false;
        session->onDeadline();
    }
    armHeartbeatTimer();
}

} // namespace vigil::server
