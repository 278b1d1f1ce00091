// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawClients.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

namespace vigil::test {

namespace {

/// Processes events until `done()` or the deadline; returns `done()`.
template<typename Done>
bool waitUntil(Done done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return done();
        QTest::qWait(5);
    }
    return true;
}

} // namespace

RawWebSocket::RawWebSocket(const QString &origin, QObject *parent)
  : QObject(parent)
  , m_socket(origin)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (answerPings && text == QLatin1StringView("2")) {
            ++pingsSeen;
            m_socket.sendTextMessage(QStringLiteral("3"));
            return;
        }
        m_frames.append(Frame{ false, text.toUtf8() });
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        m_frames.append(Frame{ true, bytes });
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_disconnected = true; });
}

bool RawWebSocket::open(const QUrl &url, int timeoutMs)
{
    m_disconnected = false;
    m_socket.open(url);
    waitUntil([this] { return isConnected() || m_disconnected; }, timeoutMs);
    return isConnected();
}

QByteArray RawWebSocket::openEngineIo(const QUrl &url, int timeoutMs)
{
    if (!open(url, timeoutMs))
        return {};
    const Frame frame = next(timeoutMs);
    if (frame.binary || !frame.data.startsWith('0'))
        return {};
    return frame.data.mid(1);
}

Frame RawWebSocket::next(int timeoutMs)
{
    waitUntil([this] { return !m_frames.isEmpty(); }, timeoutMs);
    if (m_frames.isEmpty())
        return {};
    return m_frames.takeFirst();
}

QByteArray RawWebSocket::nextText(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const Frame frame = next(int(std::max<qint64>(0, deadline.remainingTime())));
        if (!frame.isValid())
            return {};
        if (frame.binary)
            return QByteArrayLiteral("<binary>") + frame.data.toHex();
        if (frame.data == "2")
            continue;
        return frame.data;
    }
}

bool RawWebSocket::receivesNothingFor(int ms)
{
    QTest::qWait(ms);
    for (const Frame &frame : std::as_const(m_frames)) {
        if (frame.binary || frame.data != "2")
            return false;
    }
    return true;
}

void RawWebSocket::sendText(const QByteArray &text)
{
    m_socket.sendTextMessage(QString::fromUtf8(text));
}

void RawWebSocket::sendBinary(const QByteArray &bytes)
{
    m_socket.sendBinaryMessage(bytes);
}

bool RawWebSocket::waitForDisconnected(int timeoutMs)
{
    return waitUntil(
      [this] { return m_disconnected || m_socket.state() == QAbstractSocket::UnconnectedState; },
      timeoutMs);
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpClient::HttpClient()
{
    m_manager.setAutoDeleteReplies(false);
}

std::unique_ptr<QNetworkReply> HttpClient::start(
  const QByteArray &method,
  const QUrl &url,
  const QByteArray &body,
  const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return std::unique_ptr<QNetworkReply>(m_manager.sendCustomRequest(request, method, body));
}

HttpResult HttpClient::finish(QNetworkReply *reply, int timeoutMs)
{
    waitUntil([reply] { return reply->isFinished(); }, timeoutMs);
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    return result;
}

HttpResult HttpClient::request(const QByteArray &method,
                               const QUrl &url,
                               const QByteArray &body,
                               const QList<std::pair<QByteArray, QByteArray>> &headers,
                               int timeoutMs)
{
    std::unique_ptr<QNetworkReply> reply = start(method, url, body, headers);
    return finish(reply.get(), timeoutMs);
}

QString sidOf(const QByteArray &open)
{
    const QByteArray json = open.startsWith('0') ? open.mid(1) : open;
    return QJsonDocument::fromJson(json).object().value(QLatin1StringView("sid")).toString();
}

} // namespace vigil::test
