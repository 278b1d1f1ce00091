// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/WebSocketTransport.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

#include "common/Logging.h"

namespace vigil::client {

namespace {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1StringView("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// QWebSocket uses the application proxy, which is "none" unless the application opted into the
// system configuration; a console behind a hospital proxy must work without that opt-in.
QNetworkProxy systemProxyFor(const QUrl &wsUrl)
{
    // A proxy cannot reach our own loopback, and tests must not depend on the caller's proxy.
    if (isLoopbackHost(wsUrl.host()))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    QUrl httpUrl = wsUrl;
    // Proxy settings are keyed by http/https; ws/wss would fall through to all_proxy only.
    httpUrl.setScheme(wsUrl.scheme() == QLatin1StringView("wss") ? QStringLiteral("https")
                                                                 : QStringLiteral("http"));
    const QList<QNetworkProxy> proxies =
      QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(httpUrl));
    for (const QNetworkProxy &proxy : proxies) {
        if (proxy.type() == QNetworkProxy::NoProxy ||
            proxy.capabilities().testFlag(QNetworkProxy::TunnelingCapability))
            return proxy;
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

} // namespace

WebSocketTransport::WebSocketTransport(TransportOptions options, QObject *parent)
  : Transport(parent)
  , m_options(std::move(options))
{
    m_socket.setMaxAllowedIncomingMessageSize(
      quint64(qMax<qint64>(0, m_options.maxIncomingMessageBytes)));
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        if (m_closing || m_finished)
            return;
        m_opened = true;
        Q_EMIT opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        if (!m_opened) {
            // A failed connect reports disconnected before the error that says why.
            QTimer::singleShot(0, this, [this] {
                const QString why = m_socket.errorString();
                finish(true, why.isEmpty() ? QStringLiteral("connection failed") : why);
            });
            return;
        }
        const QString reason = m_socket.closeReason();
        finish(false, reason.isEmpty() ? QStringLiteral("transport close") : reason);
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        if (!m_closing && !m_finished)
            Q_EMIT textReceived(message.toUtf8());
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
        if (!m_closing && !m_finished)
            Q_EMIT binaryReceived(message);
    });
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(&m_socket, &QWebSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        finish(true, m_socket.errorString());
    });
#else
    connect(&m_socket,
            qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
            this,
            [this](QAbstractSocket::SocketError) { finish(true, m_socket.errorString()); });
#endif
    // Never ignored: a certificate problem ends the attempt, and the Manager retries with backoff.
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        finish(true, QStringLiteral("TLS error: ") + texts.join(QStringLiteral("; ")));
    });
}

WebSocketTransport::~WebSocketTransport()
{
    m_closing = true;
    m_socket.abort();
}

void WebSocketTransport::open(const QUrl &url, const HeaderList &headers)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_options.caFile.isEmpty()) {
        const QList<QSslCertificate> certificates =
          QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
        if (certificates.isEmpty()) {
            // Asynchronous like every other failure, so the Manager sees one code path.
            QTimer::singleShot(0, this, [this, file = m_options.caFile] {
                finish(true, QStringLiteral("cannot read a CA certificate from %1").arg(file));
            });
            return;
        }
        ssl.addCaCertificates(certificates);
    }
    m_socket.setSslConfiguration(ssl);
    m_socket.setProxy(systemProxyFor(url));
    qCDebug(lcClientManager) << "opening" << url.toDisplayString(QUrl::RemoveUserInfo);
    m_socket.open(request);
}

void WebSocketTransport::sendText(const QByteArray &utf8)
{
    m_socket.sendTextMessage(QString::fromUtf8(utf8));
}

void WebSocketTransport::sendBinary(const QByteArray &bytes)
{
    m_socket.sendBinaryMessage(bytes);
}

void WebSocketTransport::close()
{
    m_closing = true;
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.close();
    else
        m_socket.abort();
}

void WebSocketTransport::finish(bool error, const QString &text)
{
    if (m_closing || m_finished)
        return;
    m_finished = true;
    if (error)
        Q_EMIT errorOccurred(text);
    else
        Q_EMIT closed(text);
    m_socket.abort();
}

} // namespace vigil::client
