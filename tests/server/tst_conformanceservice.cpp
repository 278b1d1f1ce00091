// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <csignal>
#include <memory>

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "RawClients.h"
#include "server/ConformanceService.h"
#include "server/EngineIoServer.h"
#include "server/HttpFrontend.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
using vigil::test::HttpClient;
using vigil::test::RawWebSocket;

/// The contract of the official suites (digest §6.2), checked in-process; the suites themselves
/// run against the executable through scripts/run-conformance.
class tst_ConformanceService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ConformanceService> m_service;

    QUrl url(const QString &path, const QString &query, const QString &scheme = u"ws"_s) const
    {
        return QUrl(
          u"%1://127.0.0.1:%2%3?%4"_s.arg(scheme).arg(m_service->port()).arg(path, query));
    }

    std::unique_ptr<RawWebSocket> socketIo(const QByteArray &connect)
    {
        auto ws = std::make_unique<RawWebSocket>();
        if (ws->openEngineIo(url(u"/socket.io/"_s, u"EIO=4&transport=websocket"_s)).isEmpty())
            return nullptr;
        ws->sendText(connect);
        return ws;
    }

    static QString serverBinary()
    {
        return QStringLiteral(VIGIL_BINARY_DIR "/src/server/vigil-server");
    }

private Q_SLOTS:
    void init()
    {
        m_service = std::make_unique<ConformanceService>();
        QVERIFY(m_service->listen(QHostAddress::LocalHost, 0));
    }

    void cleanup() { m_service.reset(); }

    void settings()
    {
        RawWebSocket ws;
        const QJsonObject open =
          QJsonDocument::fromJson(
            ws.openEngineIo(url(u"/socket.io/"_s, u"EIO=4&transport=websocket"_s)))
            .object();
        QCOMPARE(open.value("pingInterval"_L1).toInt(), 300);
        QCOMPARE(open.value("pingTimeout"_L1).toInt(), 200);
        QCOMPARE(open.value("maxPayload"_L1).toInt(), 1'000'000);
        QCOMPARE(ConformanceService::socketIoOptions().connectTimeout, 1000);
        QVERIFY(!ConformanceService::socketIoOptions().recovery.enabled);
    }

    void mainNamespaceEmitsAuthAfterTheAck_data()
    {
        QTest::addColumn<QByteArray>("connect");
        QTest::addColumn<QByteArray>("ackPrefix");
        QTest::addColumn<QByteArray>("auth");
        QTest::newRow("main") << "40"_ba
                              << "40"_ba
                              << R"(42["auth",{}])"_ba;
        QTest::newRow("main with payload") << R"(40{"token":"123"})"_ba
                                           << "40"_ba
                                           << R"(42["auth",{"token":"123"}])"_ba;
        QTest::newRow("custom") << "40/custom,"_ba
                                << "40/custom,"_ba
                                << R"(42/custom,["auth",{}])"_ba;
        QTest::newRow("custom with payload") << R"(40/custom,{"token":"abc"})"_ba
                                             << "40/custom,"_ba
                                             << R"(42/custom,["auth",{"token":"abc"}])"_ba;
    }

    void mainNamespaceEmitsAuthAfterTheAck()
    {
        QFETCH(QByteArray, connect);
        QFETCH(QByteArray, ackPrefix);
        QFETCH(QByteArray, auth);
        auto ws = socketIo(connect);
        QVERIFY(ws);
        const QByteArray ack = ws->nextText();
        QVERIFY(ack.startsWith(ackPrefix));
        const QJsonObject handshake = QJsonDocument::fromJson(ack.mid(ackPrefix.size())).object();
        QCOMPARE(handshake.keys(), QStringList{ u"sid"_s });
        QCOMPARE(ws->nextText(), auth);
    }

    void unknownNamespace()
    {
        auto ws = socketIo("40/random");
        QVERIFY(ws);
        QCOMPARE(ws->nextText(), R"(44/random,{"message":"Invalid namespace"})"_ba);
    }

    void messages()
    {
        auto ws = socketIo("40");
        QVERIFY(ws);
        ws->nextText();
        ws->nextText();
        ws->sendText(R"(42["message",1,"2",{"3":[true]}])");
        QCOMPARE(ws->nextText(), R"(42["message-back",1,"2",{"3":[true]}])"_ba);
        ws->sendText(R"(42456["message-with-ack",1,"2",{"3":[false]}])");
        QCOMPARE(ws->nextText(), R"(43456[1,"2",{"3":[false]}])"_ba);
        ws->sendText(
          R"(452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
        ws->sendBinary(QByteArray::fromHex("010203"));
        ws->sendBinary(QByteArray::fromHex("040506"));
        QCOMPARE(ws->nextText(),
                 R"(462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"_ba);
        QCOMPARE(ws->next().data, QByteArray::fromHex("010203"));
        QCOMPARE(ws->next().data, QByteArray::fromHex("040506"));
        // After leaving the namespace the next frame is a ping.
        ws->answerPings = false;
        ws->sendText("41");
        QCOMPARE(ws->next().data, "2"_ba);
    }

    void engineIoEcho()
    {
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(url(u"/engine.io/"_s, u"EIO=4&transport=websocket"_s)).isEmpty());
        ws.sendText("4hello");
        QCOMPARE(ws.nextText(), "4hello"_ba);
        ws.sendBinary(QByteArray::fromHex("01020304"));
        QCOMPARE(ws.next().data, QByteArray::fromHex("01020304"));

        HttpClient client;
        const QString sid = vigil::test::sidOf(
          client.get(url(u"/engine.io/"_s, u"EIO=4&transport=polling"_s, u"http"_s)).body);
        const QUrl poll = url(u"/engine.io/"_s, u"EIO=4&transport=polling&sid="_s + sid, u"http"_s);
        QCOMPARE(client
                   .post(poll,
                         "4hello\x1e"
                         "bAQIDBA==")
                   .body,
                 "ok"_ba);
        // Pings (every 300 ms here) may ride along in the same response.
        QList<QByteArray> records = client.get(poll).body.split('\x1e');
        records.removeAll("2"_ba);
        QCOMPARE(records, (QList<QByteArray>{ "4hello"_ba, "bAQIDBA=="_ba }));
        // The Engine.IO echo has no Socket.IO layer: `40` is just a message.
        ws.sendText("40");
        QCOMPARE(ws.nextText(), "40"_ba);
    }

    void shutdownClosesEverything()
    {
        auto ws = socketIo("40");
        QVERIFY(ws);
        m_service->shutdown();
        QVERIFY(ws->waitForDisconnected());
        QCOMPARE(m_service->socketIoEngine()->sessionCount(), 0);
        RawWebSocket late;
        QVERIFY(!late.open(url(u"/socket.io/"_s, u"EIO=4&transport=websocket"_s), 2000));
    }

    void executableRefusesWithoutSecretKey()
    {
        if (!QFileInfo::exists(serverBinary()))
            QSKIP("vigil-server is not built");
        // Outside --conformance it is the alert server, which refuses to start without a key.
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"SECRET_KEY"_s);
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(QDir::tempPath());
        process.start(serverBinary(), {});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("SECRET_KEY"));

        process.start(serverBinary(), { u"--version"_s });
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains(VIGIL_VERSION));

        process.start(serverBinary(), { u"--conformance"_s, u"--listen"_s, u"nonsense"_s });
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 2);
    }

    void executableServesAndStopsOnSigterm()
    {
        if (!QFileInfo::exists(serverBinary()))
            QSKIP("vigil-server is not built");
        QProcess process;
        process.start(serverBinary(), { u"--conformance"_s, u"--listen"_s, u"127.0.0.1:0"_s });
        QVERIFY(process.waitForStarted(10'000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains('\n'), 10'000);
        const auto match =
          QRegularExpression(u"http://127\\.0\\.0\\.1:(\\d+)"_s).match(QString::fromUtf8(out));
        QVERIFY2(match.hasMatch(), out.constData());
        RawWebSocket ws;
        const QUrl target(
          u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(match.captured(1)));
        QVERIFY(!ws.openEngineIo(target).isEmpty());

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(ws.waitForDisconnected());
    }
};

QTEST_GUILESS_MAIN(tst_ConformanceService)
#include "tst_conformanceservice.moc"
