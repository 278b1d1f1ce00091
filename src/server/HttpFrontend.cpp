// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/HttpFrontend.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

#include "common/Logging.h"
#include "server/EngineIoServer.h"
#include "server/HttpReply.h"

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

} // namespace

HttpFrontend::HttpFrontend(QObject *parent)
  : QAbstractHttpServer(parent)
{
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
    const quint16 bound = QAbstractHttpServer::listen(address, port);
    if (bound == 0) {
        qCCritical(lcServerHttp).noquote()
          << "cannot listen on" << address.toString() << "port" << port;
        return false;
    }
    m_address = address;
    m_port = bound;
    qCInfo(lcServerHttp).noquote() << "listening on" << address.toString() << "port" << bound;
    return true;
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
        engine->handleWebSocket(std::move(socket));
    }
}

} // namespace vigil::server
