// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "RawClients.h"
#include "server/EngineIoServer.h"
#include "server/EngineIoSession.h"
#include "server/HttpFrontend.h"

namespace vigil::server {
char *toString(DisconnectReason reason)
{
    return qstrdup(reasonName(reason).data());
}
} // namespace vigil::server

using namespace Qt::StringLiterals;
using namespace vigil::server;
using vigil::test::Frame;
using vigil::test::HttpClient;
using vigil::test::HttpResult;
using vigil::test::RawWebSocket;

/// The Engine.IO server on its own, as an echo (what the official Engine.IO suite drives), plus
/// server-side hooks to observe sessions.
class tst_EngineIoServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpFrontend> m_http;
    EngineIoServer *m_engine = nullptr;
    QList<DisconnectReason> m_closeReasons;

    void start(EngineIoOptions options = quietOptions())
    {
        m_http = std::make_unique<HttpFrontend>();
        m_engine = new EngineIoServer(options, m_http.get());
        m_http->mount(u"/engine.io/"_s, m_engine);
        connect(m_engine, &EngineIoServer::connection, this, [this](EngineIoSession *session) {
            connect(session,
                    &EngineIoSession::messageReceived,
                    session,
                    [session](const QByteArray &text) { session->sendMessage(text); });
            connect(session,
                    &EngineIoSession::binaryReceived,
                    session,
                    [session](const QByteArray &bytes) { session->sendBinary(bytes); });
            connect(session, &EngineIoSession::closed, this, [this](DisconnectReason reason) {
                m_closeReasons.append(reason);
            });
        });
        QVERIFY(m_http->listen(QHostAddress::LocalHost, 0));
    }

    /// Heartbeats far apart so they never interfere with what a test looks at.
    static EngineIoOptions quietOptions()
    {
        EngineIoOptions options;
        options.pingInterval = 60'000;
        options.pingTimeout = 60'000;
        return options;
    }

    static EngineIoOptions fastHeartbeat()
    {
        EngineIoOptions options;
        options.pingInterval = 150;
        options.pingTimeout = 150;
        return options;
    }

    QUrl url(const QString &query, const QString &scheme = u"http"_s) const
    {
        return QUrl(
          u"%1://127.0.0.1:%2/engine.io/?%3"_s.arg(scheme).arg(m_http->port()).arg(query));
    }
    QUrl pollUrl(const QString &sid) const { return url(u"EIO=4&transport=polling&sid="_s + sid); }
    QUrl wsUrl(const QString &extra = {}) const
    {
        return url(u"EIO=4&transport=websocket"_s + extra, u"ws"_s);
    }

    QString openPolling(HttpClient &client)
    {
        const HttpResult result = client.get(url(u"EIO=4&transport=polling"_s));
        if (result.status != 200)
            return {};
        return vigil::test::sidOf(result.body);
    }

private Q_SLOTS:
    void cleanup()
    {
        m_http.reset();
        m_engine = nullptr;
        m_closeReasons.clear();
    }

    void pollingHandshake()
    {
        start();
        HttpClient client;
        const HttpResult result = client.get(url(u"EIO=4&transport=polling"_s));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Content-Type"), "text/plain; charset=UTF-8");
        QVERIFY(result.body.startsWith('0'));
        const QJsonObject open = QJsonDocument::fromJson(result.body.mid(1)).object();
        QCOMPARE(
          open.keys(),
          (QStringList{
            u"maxPayload"_s, u"pingInterval"_s, u"pingTimeout"_s, u"sid"_s, u"upgrades"_s }));
        QCOMPARE(open.value("sid"_L1).toString().size(), 20);
        QCOMPARE(open.value("upgrades"_L1).toArray(), QJsonArray{ u"websocket"_s });
        QCOMPARE(open.value("pingInterval"_L1).toInt(), 60'000);
        QCOMPARE(open.value("maxPayload"_L1).toInt(), 1'000'000);
        QCOMPARE(m_engine->sessionCount(), 1);
        QVERIFY(m_engine->session(open.value("sid"_L1).toString()));
    }

    void webSocketHandshake()
    {
        start();
        RawWebSocket ws;
        const QByteArray open = ws.openEngineIo(wsUrl());
        const QJsonObject object = QJsonDocument::fromJson(open).object();
        QCOMPARE(object.value("upgrades"_L1).toArray(), QJsonArray());
        QCOMPARE(object.value("pingTimeout"_L1).toInt(), 60'000);
        QCOMPARE(object.value("maxPayload"_L1).toInt(), 1'000'000);
        const QString sid = object.value("sid"_L1).toString();
        QVERIFY(m_engine->session(sid));
        QCOMPARE(m_engine->session(sid)->transport(), EngineIoSession::Transport::WebSocket);
    }

    void handshakeErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("no EIO") << "GET"_ba << u"transport=polling"_s << 400
                                << R"({"code":5,"message":"Unsupported protocol version"})"_ba;
        QTest::newRow("EIO=abc") << "GET"_ba << u"EIO=abc&transport=polling"_s << 400
                                 << R"({"code":5,"message":"Unsupported protocol version"})"_ba;
        QTest::newRow("EIO=3") << "GET"_ba << u"EIO=3&transport=polling"_s << 400
                               << R"({"code":5,"message":"Unsupported protocol version"})"_ba;
        QTest::newRow("no transport")
          << "GET"_ba << u"EIO=4"_s << 400 << R"({"code":0,"message":"Transport unknown"})"_ba;
        QTest::newRow("transport=abc") << "GET"_ba << u"EIO=4&transport=abc"_s << 400
                                       << R"({"code":0,"message":"Transport unknown"})"_ba;
        QTest::newRow("POST handshake") << "POST"_ba << u"EIO=4&transport=polling"_s << 400
                                        << R"({"code":2,"message":"Bad handshake method"})"_ba;
        QTest::newRow("PUT handshake") << "PUT"_ba << u"EIO=4&transport=polling"_s << 400
                                       << R"({"code":2,"message":"Bad handshake method"})"_ba;
        QTest::newRow("unknown sid") << "GET"_ba << u"EIO=4&transport=polling&sid=nope"_s << 400
                                     << R"({"code":1,"message":"Session ID unknown"})"_ba;
        QTest::newRow("websocket without upgrade")
          << "GET"_ba << u"EIO=4&transport=websocket"_s << 400
          << R"({"code":3,"message":"Bad request"})"_ba;
    }

    void handshakeErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        start();
        HttpClient client;
        const HttpResult result = client.request(method, url(query));
        QCOMPARE(result.status, status);
        QCOMPARE(result.body, body);
        QCOMPARE(result.header("Content-Type"), "application/json");
        QCOMPARE(m_engine->sessionCount(), 0);
    }

    void webSocketHandshakeErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("no EIO") << u"transport=websocket"_s;
        QTest::newRow("EIO=abc") << u"EIO=abc&transport=websocket"_s;
        QTest::newRow("no transport") << u"EIO=4"_s;
        QTest::newRow("transport=abc") << u"EIO=4&transport=abc"_s;
        QTest::newRow("unknown sid") << u"EIO=4&transport=websocket&sid=nope"_s;
    }

    void webSocketHandshakeErrors()
    {
        QFETCH(QString, query);
        start();
        RawWebSocket ws;
        QVERIFY(!ws.open(url(query, u"ws"_s)));
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(m_engine->sessionCount(), 0);
    }

    void forbiddenOrigin()
    {
        EngineIoOptions options = quietOptions();
        options.allowedOrigins = { u"http://allowed.example"_s };
        start(options);
        HttpClient client;
        const QUrl handshake = url(u"EIO=4&transport=polling"_s);

        const HttpResult refused =
          client.request("GET", handshake, {}, { { "Origin", "http://evil.example" } });
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.body, R"({"code":4,"message":"Forbidden"})"_ba);

        const HttpResult allowed =
          client.request("GET", handshake, {}, { { "Origin", "http://allowed.example" } });
        QCOMPARE(allowed.status, 200);
        QCOMPARE(allowed.header("Access-Control-Allow-Origin"), "http://allowed.example");
        QCOMPARE(allowed.header("Access-Control-Allow-Credentials"), "true");

        // Desktop clients send no Origin at all.
        const HttpResult desktop = client.get(handshake);
        QCOMPARE(desktop.status, 200);
        QVERIFY(desktop.header("Access-Control-Allow-Origin").isEmpty());

        RawWebSocket evil(u"http://evil.example"_s);
        QVERIFY(!evil.open(wsUrl()));
        RawWebSocket good(u"http://allowed.example"_s);
        QVERIFY(!good.openEngineIo(wsUrl()).isEmpty());
        QCOMPARE(m_engine->sessionCount(), 3);
    }

    void corsPreflight()
    {
        EngineIoOptions options = quietOptions();
        options.allowedOrigins = { u"http://allowed.example"_s };
        start(options);
        HttpClient client;
        const HttpResult result =
          client.request("OPTIONS",
                         url(u"EIO=4&transport=polling"_s),
                         {},
                         { { "Origin", "http://allowed.example" },
                           { "Access-Control-Request-Headers", "content-type" } });
        QCOMPARE(result.status, 204);
        QCOMPARE(result.header("Access-Control-Allow-Origin"), "http://allowed.example");
        QCOMPARE(result.header("Access-Control-Allow-Headers"), "content-type");
        QCOMPARE(m_engine->sessionCount(), 0);
    }

    void pollingMessages_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("one text packet") << "4hello"_ba;
        QTest::newRow("several text packets") << "4test1\x1e"
                                                 "4test2\x1e"
                                                 "4test3"_ba;
        QTest::newRow("text and binary") << "4hello\x1e"
                                            "bAQIDBA=="_ba;
        QTest::newRow("utf-8") << "4h\xc3\xa9llo \xe2\x9c\x93"_ba;
    }

    void pollingMessages()
    {
        QFETCH(QByteArray, payload);
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        QVERIFY(!sid.isEmpty());
        const HttpResult pushed = client.post(pollUrl(sid), payload);
        QCOMPARE(pushed.status, 200);
        QCOMPARE(pushed.body, "ok");
        const HttpResult polled = client.get(pollUrl(sid));
        QCOMPARE(polled.status, 200);
        QCOMPARE(polled.body, payload);
    }

    void pendingPollIsAnsweredWhenDataArrives()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        std::unique_ptr<QNetworkReply> poll = client.start("GET", pollUrl(sid));
        QTRY_VERIFY(m_engine->session(sid)->hasPendingPoll());
        QVERIFY(!poll->isFinished());
        m_engine->session(sid)->sendMessage("later");
        m_engine->session(sid)->sendMessage("batched");
        const HttpResult result = HttpClient::finish(poll.get());
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body,
                 "4later\x1e"
                 "4batched"_ba);
    }

    void webSocketMessages()
    {
        start();
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        ws.sendText("4hello \xc3\xa9");
        QCOMPARE(ws.nextText(), "4hello \xc3\xa9"_ba);
        ws.sendBinary(QByteArray::fromHex("01020304"));
        const Frame frame = ws.next();
        QVERIFY(frame.binary);
        QCOMPARE(frame.data, QByteArray::fromHex("01020304"));
    }

    void webSocketWithoutBinarySupport()
    {
        start();
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl(u"&b64=1"_s)).isEmpty());
        ws.sendBinary(QByteArray::fromHex("01020304"));
        const Frame frame = ws.next();
        QVERIFY(!frame.binary);
        QCOMPARE(frame.data, "bAQIDBA=="_ba);
        // And base64 text frames from such a client are binary messages.
        ws.sendText("bBQY=");
        QCOMPARE(ws.next().data, "bBQY="_ba);
    }

    void webSocketHeartbeat()
    {
        start(fastHeartbeat());
        RawWebSocket ws;
        ws.answerPings = false;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(ws.next().data, "2"_ba);
            ws.sendText("3");
        }
        QVERIFY(ws.isConnected());
        QCOMPARE(m_engine->sessionCount(), 1);
    }

    void webSocketPingTimeout()
    {
        start(fastHeartbeat());
        RawWebSocket ws;
        ws.answerPings = false;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        QCOMPARE(ws.next().data, "2"_ba);
        QVERIFY(ws.waitForDisconnected());
        QTRY_COMPARE(m_engine->sessionCount(), 0);
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::PingTimeout });
    }

    void otherTrafficDoesNotCountAsPong()
    {
        start(fastHeartbeat());
        RawWebSocket ws;
        ws.answerPings = false;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        QCOMPARE(ws.next().data, "2"_ba);
        ws.sendText("4still here");
        QVERIFY(ws.waitForDisconnected());
        QTRY_COMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::PingTimeout });
    }

    void pollingHeartbeat()
    {
        start(fastHeartbeat());
        HttpClient client;
        const QString sid = openPolling(client);
        for (int i = 0; i < 3; ++i) {
            const HttpResult poll = client.get(pollUrl(sid));
            QCOMPARE(poll.status, 200);
            QCOMPARE(poll.body, "2"_ba);
            QCOMPARE(client.post(pollUrl(sid), "3").status, 200);
        }
        QCOMPARE(m_engine->sessionCount(), 1);
    }

    void pollingPingTimeout()
    {
        start(fastHeartbeat());
        HttpClient client;
        const QString sid = openPolling(client);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->sessionCount(), 0, 5000);
        QCOMPARE(client.get(pollUrl(sid)).status, 400);
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::PingTimeout });
    }

    void clientPingClosesSession()
    {
        start();
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        ws.sendText("2");
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::TransportError });
    }

    void pollingClose()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        std::unique_ptr<QNetworkReply> poll = client.start("GET", pollUrl(sid));
        QTRY_VERIFY(m_engine->session(sid)->hasPendingPoll());
        QCOMPARE(client.post(pollUrl(sid), "1").body, "ok");
        const HttpResult pending = HttpClient::finish(poll.get());
        QCOMPARE(pending.status, 200);
        QCOMPARE(pending.body, "6"_ba);
        QCOMPARE(client.get(pollUrl(sid)).status, 400);
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::TransportClose });
    }

    void webSocketClose()
    {
        start();
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        ws.sendText("1");
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::TransportClose });
    }

    void serverClose()
    {
        start();
        RawWebSocket ws;
        const QString wsSid = vigil::test::sidOf(ws.openEngineIo(wsUrl()));
        HttpClient client;
        const QString pollSid = openPolling(client);
        std::unique_ptr<QNetworkReply> poll = client.start("GET", pollUrl(pollSid));
        QTRY_VERIFY(m_engine->session(pollSid)->hasPendingPoll());

        m_engine->session(wsSid)->close();
        m_engine->session(pollSid)->close();
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(HttpClient::finish(poll.get()).body, "1"_ba);
        QCOMPARE(m_engine->sessionCount(), 0);
        QCOMPARE(m_closeReasons,
                 (QList<DisconnectReason>{ DisconnectReason::ForcedClose,
                                           DisconnectReason::ForcedClose }));
    }

    void invalidPacketClosesWebSocket()
    {
        start();
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        RawWebSocket other;
        QVERIFY(!other.openEngineIo(wsUrl()).isEmpty());
        ws.sendText("abc");
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::ParseError });
        other.sendText("4still fine");
        QCOMPARE(other.nextText(), "4still fine"_ba);
    }

    void invalidPayloadClosesPollingSession()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        const HttpResult pushed = client.post(pollUrl(sid), "abc");
        QCOMPARE(pushed.status, 400);
        QCOMPARE(client.get(pollUrl(sid)).status, 400);
    }

    void binaryPostBodyIsRefused()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        const HttpResult pushed = client.request(
          "POST", pollUrl(sid), "4hello", { { "Content-Type", "application/octet-stream" } });
        QCOMPARE(pushed.status, 400);
        QCOMPARE(m_engine->sessionCount(), 0);
    }

    void duplicatePoll()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        std::unique_ptr<QNetworkReply> first = client.start("GET", pollUrl(sid));
        QTRY_VERIFY(m_engine->session(sid)->hasPendingPoll());
        const HttpResult second = client.get(pollUrl(sid));
        QCOMPARE(second.status, 400);
        QCOMPARE(second.body, R"({"code":3,"message":"Bad request"})"_ba);
        const HttpResult firstResult = HttpClient::finish(first.get());
        QCOMPARE(firstResult.status, 200);
        QCOMPARE(firstResult.body, "1"_ba);
        QCOMPARE(client.get(pollUrl(sid)).status, 400);
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::TransportError });
    }

    void abortedPoll()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        std::unique_ptr<QNetworkReply> poll = client.start("GET", pollUrl(sid));
        QTRY_VERIFY(m_engine->session(sid)->hasPendingPoll());
        poll->abort();
        QTRY_COMPARE(m_engine->sessionCount(), 0);
        QCOMPARE(client.get(pollUrl(sid)).status, 400);
        QCOMPARE(m_closeReasons, QList<DisconnectReason>{ DisconnectReason::TransportError });
    }

    void upgrade()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        QSignalSpy upgraded(m_engine->session(sid), &EngineIoSession::upgraded);

        RawWebSocket ws;
        QVERIFY(ws.open(wsUrl(u"&sid="_s + sid)));
        QVERIFY(m_engine->session(sid)->isUpgrading());
        // A second WebSocket while one is upgrading is closed right after its handshake.
        RawWebSocket rival;
        rival.open(wsUrl(u"&sid="_s + sid));
        QVERIFY(rival.waitForDisconnected());
        QVERIFY(rival.pending().isEmpty());

        ws.sendText("2probe");
        QCOMPARE(ws.nextText(), "3probe"_ba);
        // The poll that was (or is now) pending ends with a noop so the client can upgrade.
        const HttpResult poll = client.get(pollUrl(sid));
        QCOMPARE(poll.status, 200);
        QCOMPARE(poll.body, "6"_ba);
        m_engine->session(sid)->sendMessage("queued while upgrading");

        ws.sendText("5");
        QTRY_COMPARE(upgraded.size(), 1);
        QCOMPARE(m_engine->session(sid)->transport(), EngineIoSession::Transport::WebSocket);
        QCOMPARE(ws.nextText(), "4queued while upgrading"_ba);
        ws.sendText("4hello");
        QCOMPARE(ws.nextText(), "4hello"_ba);

        // After the upgrade the session takes no polls and no other WebSocket.
        QCOMPARE(client.get(pollUrl(sid)).status, 400);
        QCOMPARE(client.post(pollUrl(sid), "4x").status, 400);
        RawWebSocket late;
        late.open(wsUrl(u"&sid="_s + sid));
        QVERIFY(late.waitForDisconnected());
        QVERIFY(late.pending().isEmpty());
        ws.sendText("4still the same session");
        QCOMPARE(ws.nextText(), "4still the same session"_ba);
        QCOMPARE(m_engine->sessionCount(), 1);
    }

    void pendingPollGetsNoopOnProbe()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        std::unique_ptr<QNetworkReply> poll = client.start("GET", pollUrl(sid));
        QTRY_VERIFY(m_engine->session(sid)->hasPendingPoll());
        RawWebSocket ws;
        QVERIFY(ws.open(wsUrl(u"&sid="_s + sid)));
        ws.sendText("2probe");
        QCOMPARE(ws.nextText(), "3probe"_ba);
        QCOMPARE(HttpClient::finish(poll.get()).body, "6"_ba);
    }

    void pollRacingTheUpgradeIsRefused()
    {
        start();
        HttpClient client;
        const QString sid = openPolling(client);
        RawWebSocket ws;
        QVERIFY(ws.open(wsUrl(u"&sid="_s + sid)));
        ws.sendText("2probe");
        QCOMPARE(ws.nextText(), "3probe"_ba);
        // A poll that reaches the server just before the `5` sent ahead of it.
        std::unique_ptr<QNetworkReply> poll = client.start("GET", pollUrl(sid));
        QTRY_VERIFY(m_engine->session(sid)->hasPendingPoll());
        ws.sendText("5");
        const HttpResult result = HttpClient::finish(poll.get());
        QCOMPARE(result.status, 400);
        QCOMPARE(result.body, R"({"code":3,"message":"Bad request"})"_ba);
    }

    void failedUpgradeKeepsPolling()
    {
        EngineIoOptions options = quietOptions();
        options.upgradeTimeout = 200;
        start(options);
        HttpClient client;
        const QString sid = openPolling(client);
        RawWebSocket ws;
        QVERIFY(ws.open(wsUrl(u"&sid="_s + sid)));
        QVERIFY(ws.waitForDisconnected()); // never probed: dropped after upgradeTimeout
        QVERIFY(!m_engine->session(sid)->isUpgrading());
        QCOMPARE(client.post(pollUrl(sid), "4after").status, 200);
        QCOMPARE(client.get(pollUrl(sid)).body, "4after"_ba);
    }

    void oversizedWebSocketMessage()
    {
        EngineIoOptions options = quietOptions();
        options.maxPayload = 1000;
        start(options);
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        ws.sendText("4" + QByteArray(999, 'x'));
        QCOMPARE(ws.nextText().size(), 1000);
        ws.sendText("4" + QByteArray(1000, 'x'));
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QTRY_COMPARE(m_engine->sessionCount(), 0);
    }

    void oversizedPost()
    {
        EngineIoOptions options = quietOptions();
        options.maxPayload = 1000;
        start(options);
        HttpClient client;
        const QString sid = openPolling(client);
        QCOMPARE(client.post(pollUrl(sid), "4" + QByteArray(1000, 'x')).status, 413);
        QCOMPARE(client.post(pollUrl(sid), "4" + QByteArray(999, 'x')).status, 200);
    }

    void slowReaderIsDropped()
    {
        EngineIoOptions options = quietOptions();
        options.maxBufferedOutput = 10'000;
        start(options);
        HttpClient client;
        const QString sid = openPolling(client);
        EngineIoSession *session = m_engine->session(sid);
        QSignalSpy closed(session, &EngineIoSession::closed);
        for (int i = 0; i < 20 && closed.isEmpty(); ++i)
            session->sendMessage(QByteArray(1000, 'x'));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(m_engine->sessionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_EngineIoServer)
#include "tst_engineioserver.moc"
