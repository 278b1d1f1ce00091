// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

/// Test clients that speak raw Engine.IO frames, as the official suites do: a WebSocket that
/// records every frame, and blocking helpers for long-polling requests. Every wait is bounded.
namespace vigil::test {

inline constexpr int defaultWaitMs = 5000;

struct Frame
{
    bool binary = false;
    QByteArray data;

    bool isValid() const { return binary || !data.isNull(); }
};

class RawWebSocket : public QObject
{
    Q_OBJECT

public:
    explicit RawWebSocket(const QString &origin = {}, QObject *parent = nullptr);

    /// Opens and waits for the handshake; false if the server refused or nothing happened.
    bool open(const QUrl &url, int timeoutMs = defaultWaitMs);
    /// Opens and returns the Engine.IO `open` packet's JSON (empty on failure).
    QByteArray openEngineIo(const QUrl &url, int timeoutMs = defaultWaitMs);

    /// The next frame, waiting for it; an invalid Frame on timeout.
    Frame next(int timeoutMs = defaultWaitMs);
    /// The next text frame that is not a ping (pings are answered with pongs when `answerPings`).
    QByteArray nextText(int timeoutMs = defaultWaitMs);
    /// Frames received so far and not yet taken.
    QList<Frame> &pending() { return m_frames; }
    /// Waits up to `ms` and reports whether any non-ping frame arrived meanwhile.
    bool receivesNothingFor(int ms);

    void sendText(const QByteArray &text);
    void sendBinary(const QByteArray &bytes);
    void abort() { m_socket.abort(); }
    void close() { m_socket.close(); }

    bool waitForDisconnected(int timeoutMs = defaultWaitMs);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QWebSocket &socket() { return m_socket; }

    /// Answer server pings automatically (on by default).
    bool answerPings = true;
    int pingsSeen = 0;

private:
    QWebSocket m_socket;
    QList<Frame> m_frames;
    bool m_disconnected = false;
};

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const;
};

class HttpClient
{
public:
    HttpClient();

    std::unique_ptr<QNetworkReply> start(
      const QByteArray &method,
      const QUrl &url,
      const QByteArray &body = {},
      const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    HttpResult request(const QByteArray &method,
                       const QUrl &url,
                       const QByteArray &body = {},
                       const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                       int timeoutMs = defaultWaitMs);
    HttpResult get(const QUrl &url, int timeoutMs = defaultWaitMs)
    {
        return request("GET", url, {}, {}, timeoutMs);
    }
    HttpResult post(const QUrl &url, const QByteArray &body, int timeoutMs = defaultWaitMs)
    {
        return request(
          "POST", url, body, { { "Content-Type", "text/plain;charset=UTF-8" } }, timeoutMs);
    }
    /// Waits for a reply started with start(); status 0 on timeout.
    static HttpResult finish(QNetworkReply *reply, int timeoutMs = defaultWaitMs);

    QNetworkAccessManager &manager() { return m_manager; }

private:
    QNetworkAccessManager m_manager;
};

/// `sid` of an Engine.IO `open` payload (`0{...}` or its JSON).
QString sidOf(const QByteArray &open);

} // namespace vigil::test
