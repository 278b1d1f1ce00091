// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "RawClients.h"
#include "server/EngineIoServer.h"
#include "server/HttpFrontend.h"
#include "server/HttpReply.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
using vigil::test::HttpClient;
using vigil::test::HttpResult;
using vigil::test::RawWebSocket;

class tst_HttpFrontend : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpFrontend> m_http;
    EngineIoServer *m_engine = nullptr;

    void start()
    {
        m_http = std::make_unique<HttpFrontend>();
        m_engine = new EngineIoServer({}, m_http.get());
        m_http->mount(u"/socket.io/"_s, m_engine);
        QVERIFY(m_http->listen(QHostAddress::LocalHost, 0));
        QVERIFY(m_http->port() != 0);
    }

    QUrl url(const QString &pathAndQuery, const QString &scheme = u"http"_s) const
    {
        return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(m_http->port()).arg(pathAndQuery));
    }

private Q_SLOTS:
    void cleanup()
    {
        m_http.reset();
        m_engine = nullptr;
    }

    void defaultRestAnswerIsJson404()
    {
        start();
        HttpClient client;
        const HttpResult result = client.get(url(u"/api/alerts/active"_s));
        QCOMPARE(result.status, 404);
        QCOMPARE(result.header("Content-Type"), "application/json");
        QCOMPARE(result.body,
                 R"({"error":"not_found","message":"No resource at /api/alerts/active"})"_ba);
    }

    void restHandlerGetsEverythingElse()
    {
        start();
        QList<QByteArray> seen;
        m_http->setRestHandler(
          [&](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
              seen.append(request.url().path().toUtf8() + ' ' + request.body());
              QHttpServerResponder local(std::move(responder));
              http::replyJson(local, http::Status::Created, R"({"ok":true})");
          });
        HttpClient client;
        const HttpResult created = client.post(url(u"/api/alerts"_s), "{}");
        QCOMPARE(created.status, 201);
        QCOMPARE(created.body, R"({"ok":true})"_ba);
        // Without its trailing slash the Socket.IO path is not Engine.IO's (as on Node).
        QCOMPARE(client.get(url(u"/socket.io?EIO=4&transport=polling"_s)).status, 201);
        // The Engine.IO path never reaches the REST handler.
        const HttpResult handshake = client.get(url(u"/socket.io/?EIO=4&transport=polling"_s));
        QCOMPARE(handshake.status, 200);
        QVERIFY(handshake.body.startsWith("0{"));
        QCOMPARE(seen, (QList<QByteArray>{ "/api/alerts {}", "/socket.io " }));
    }

    void restHandlerMayAnswerLater()
    {
        start();
        m_http->setRestHandler(
          [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
              auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
              QTimer::singleShot(
                50, this, [held] { http::reply(*held, http::Status::Ok, "text/plain", "later"); });
          });
        HttpClient client;
        const HttpResult result = client.get(url(u"/slow"_s));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body, "later"_ba);
    }

    void webSocketUpgrades()
    {
        start();
        RawWebSocket engine;
        QVERIFY(
          !engine.openEngineIo(url(u"/socket.io/?EIO=4&transport=websocket"_s, u"ws"_s)).isEmpty());
        QCOMPARE(m_engine->sessionCount(), 1);
        // Upgrades elsewhere are not ours: refused, and nothing else is disturbed.
        RawWebSocket other;
        QVERIFY(!other.open(url(u"/api/live"_s, u"ws"_s)));
        engine.sendText("3");
        QVERIFY(engine.isConnected());
        QCOMPARE(m_engine->sessionCount(), 1);
    }

    void refusedUpgradeGetsOneAnswer()
    {
        start();
        // A raw request, to see exactly what comes back for a refused upgrade.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_http->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(
          "GET /socket.io/?EIO=3&transport=websocket HTTP/1.1\r\n"
          "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY(socket.state() == QAbstractSocket::UnconnectedState ||
                    (answer += socket.readAll()).contains("Unsupported protocol version"));
        QTest::qWait(100);
        answer += socket.readAll();
        QVERIFY(answer.startsWith("HTTP/1.1 400"));
        QCOMPARE(answer.count("HTTP/1.1"), 1);
        QVERIFY(answer.endsWith(R"({"code":5,"message":"Unsupported protocol version"})"));
    }

    void oversizedRequestIsRefusedWhileItArrives()
    {
        start();
        m_http->setMaxRequestBytes(10'000);
        bool handled = false;
        m_http->setRestHandler([&handled](const QHttpServerRequest &, QHttpServerResponder &&r) {
            handled = true;
            QHttpServerResponder responder(std::move(r));
            http::replyJson(responder, http::Status::Ok, "{}");
        });
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_http->port());
        QVERIFY(socket.waitForConnected(5000));
        // Announces 50 MB and sends chunks; the answer must come long before the body is done.
        socket.write("POST /api/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 50000000\r\n\r\n");
        const QByteArray chunk(16 * 1024, 'a');
        qint64 sent = 0;
        QByteArray answer;
        for (int i = 0; i < 400 && !answer.contains("\r\n\r\n"); ++i) {
            if (socket.state() == QAbstractSocket::ConnectedState) {
                socket.write(chunk);
                sent += chunk.size();
            }
            QTest::qWait(5);
            answer += socket.readAll();
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("payload_too_large"));
        QVERIFY2(sent < 2'000'000, qPrintable(QString::number(sent)));
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(!handled);

        // A request within the limit on a new connection is served as usual.
        HttpClient client;
        QCOMPARE(client.post(url(u"/api/alerts"_s), QByteArray(9'000, 'b')).status, 200);
        QVERIFY(handled);
    }

    void listenFailsOnBusyPort()
    {
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        HttpFrontend http;
        QVERIFY(!http.listen(QHostAddress::LocalHost, busy.serverPort()));
        QCOMPARE(http.port(), 0);
    }

    void stopListening()
    {
        start();
        const quint16 port = m_http->port();
        m_http->stopListening();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(2000));
    }

    void parseListenAddress_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << u"127.0.0.1:3000"_s << true << u"127.0.0.1"_s << 3000;
        QTest::newRow("ipv6") << u"[::1]:80"_s << true << u"::1"_s << 80;
        QTest::newRow("any") << u":5000"_s << true << QString() << 5000;
        QTest::newRow("localhost") << u"localhost:0"_s << true << u"127.0.0.1"_s << 0;
        QTest::newRow("no port") << u"127.0.0.1"_s << false << QString() << 0;
        QTest::newRow("port too big") << u"127.0.0.1:65536"_s << false << QString() << 0;
        QTest::newRow("port not a number") << u"127.0.0.1:http"_s << false << QString() << 0;
        QTest::newRow("bare ipv6") << u"::1:80"_s << false << QString() << 0;
        QTest::newRow("host name") << u"example.invalid:80"_s << false << QString() << 0;
        QTest::newRow("empty") << QString() << false << QString() << 0;
    }

    void parseListenAddress()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, address);
        QFETCH(int, port);
        const auto parsed = HttpFrontend::parseListenAddress(text);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid)
            return;
        if (address.isEmpty())
            QCOMPARE(parsed->first, QHostAddress(QHostAddress::Any));
        else
            QCOMPARE(parsed->first, QHostAddress(address));
        QCOMPARE(int(parsed->second), port);
    }
};

QTEST_GUILESS_MAIN(tst_HttpFrontend)
#include "tst_httpfrontend.moc"
