// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QCborMap>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "RawClients.h"
#include "server/EngineIoServer.h"
#include "server/EngineIoSession.h"
#include "server/HandshakeInfo.h"
#include "server/HttpFrontend.h"
#include "server/Namespace.h"
#include "server/ServerSocket.h"
#include "server/SocketIoConnection.h"
#include "server/SocketIoServer.h"

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

/// Socket.IO over a real Engine.IO server, driven with raw frames.
class tst_SocketIoServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpFrontend> m_http;
    EngineIoServer *m_engine = nullptr;
    SocketIoServer *m_io = nullptr;
    /// Every socket that connected to `/`, in order.
    QList<QPointer<ServerSocket>> m_sockets;

    static SocketIoOptions withoutRecovery()
    {
        SocketIoOptions options;
        options.recovery.enabled = false;
        return options;
    }

    void start(SocketIoOptions options = withoutRecovery())
    {
        EngineIoOptions engineOptions;
        engineOptions.pingInterval = 60'000;
        engineOptions.pingTimeout = 60'000;
        m_http = std::make_unique<HttpFrontend>();
        m_engine = new EngineIoServer(engineOptions, m_http.get());
        m_io = new SocketIoServer(m_engine, options, m_http.get());
        m_http->mount(u"/socket.io/"_s, m_engine);
        Namespace *main = m_io->mainNamespace();
        connect(main, &Namespace::connected, this, [this](ServerSocket *socket) {
            m_sockets.append(socket);
        });
        main->on(u"echo"_s,
                 [](ServerSocket *, const QCborArray &args, const Ack &ack) { ack(args); });
        main->on(u"message"_s, [](ServerSocket *socket, const QCborArray &args, const Ack &) {
            socket->emitEvent(u"message-back"_s, args);
        });
        main->on(u"join"_s, [](ServerSocket *socket, const QCborArray &args, const Ack &ack) {
            socket->join(args.at(0).toString());
            ack();
        });
        main->on(u"leave"_s, [](ServerSocket *socket, const QCborArray &args, const Ack &ack) {
            socket->leave(args.at(0).toString());
            ack();
        });
        m_io->addNamespace(u"/custom"_s)
          ->on(u"where"_s, [](ServerSocket *socket, const QCborArray &, const Ack &ack) {
              ack(QCborArray{ socket->nsp()->name() });
          });
        QVERIFY(m_http->listen(QHostAddress::LocalHost, 0));
    }

    QUrl wsUrl() const
    {
        return QUrl(
          u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(m_http->port()));
    }
    QUrl pollUrl(const QString &sid = {}) const
    {
        QString url =
          u"http://127.0.0.1:%1/socket.io/?EIO=4&transport=polling"_s.arg(m_http->port());
        if (!sid.isEmpty())
            url += u"&sid="_s + sid;
        return QUrl(url);
    }

    /// A WebSocket with an Engine.IO session, connected to `/` with `connect`; `ack` gets the
    /// CONNECT answer. nullptr when any step fails.
    std::unique_ptr<RawWebSocket> connectClient(const QByteArray &connect = "40",
                                                QByteArray *ack = nullptr)
    {
        auto ws = std::make_unique<RawWebSocket>();
        if (ws->openEngineIo(wsUrl()).isEmpty())
            return nullptr;
        ws->sendText(connect);
        const QByteArray answer = ws->nextText();
        if (ack)
            *ack = answer;
        if (!answer.startsWith("40"))
            return nullptr;
        return ws;
    }

    static QJsonObject json(const QByteArray &text)
    {
        return QJsonDocument::fromJson(text).object();
    }

private Q_SLOTS:
    void cleanup()
    {
        m_http.reset();
        m_engine = nullptr;
        m_io = nullptr;
        m_sockets.clear();
    }

    void connectMainNamespace()
    {
        start();
        QByteArray ack;
        auto ws = connectClient("40", &ack);
        QVERIFY(ws);
        const QJsonObject answer = json(ack.mid(2));
        QCOMPARE(answer.keys(), QStringList{ u"sid"_s });
        QCOMPARE(m_sockets.size(), 1);
        ServerSocket *socket = m_sockets.front();
        QCOMPARE(answer.value("sid"_L1).toString(), socket->id());
        QVERIFY(socket->pid().isEmpty());
        QVERIFY(!socket->recovered());
        // The socket id is not the Engine.IO session id, and every socket is in its own room.
        QVERIFY(!m_engine->session(socket->id()));
        QCOMPARE(socket->rooms(), QSet<QString>{ socket->id() });
        QVERIFY(socket->auth().isUndefined());
        QCOMPARE(socket->handshake().address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(m_io->connectionCount(), 1);
    }

    void connectAckCarriesPidWithRecovery()
    {
        start(SocketIoOptions{});
        QByteArray ack;
        QVERIFY(connectClient("40", &ack));
        const QJsonObject answer = json(ack.mid(2));
        QCOMPARE(answer.keys(), (QStringList{ u"pid"_s, u"sid"_s }));
        QCOMPARE(answer.value("pid"_L1).toString(), m_sockets.front()->pid());
        QVERIFY(ack.startsWith("40{\"sid\":")); // sid first, as Node writes it
    }

    void ackComesBeforeHandlerEmits()
    {
        start();
        connect(m_io->mainNamespace(), &Namespace::connected, this, [](ServerSocket *socket) {
            socket->emitEvent(u"welcome"_s, QCborArray{ socket->auth() });
        });
        QByteArray ack;
        auto ws = connectClient(R"(40{"token":"123"})", &ack);
        QVERIFY(ws);
        QVERIFY(ack.startsWith("40{\"sid\":\""));
        QCOMPARE(ws->nextText(), R"(42["welcome",{"token":"123"}])"_ba);
    }

    void middlewareAcceptsWithData()
    {
        start();
        Namespace *main = m_io->mainNamespace();
        QCborValue seenAuth;
        QHostAddress seenAddress;
        main->use([&](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
            seenAuth = request.auth;
            seenAddress = request.handshake->address;
            done(ConnectResult::accept(u"alice"_s));
        });
        main->use([](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
            // Sees what the first one accepted, and may keep it.
            QCOMPARE(request.data.toString(), u"alice"_s);
            done(ConnectResult::accept());
        });
        QVERIFY(connectClient(R"(40{"token":"good"})"));
        QCOMPARE(seenAuth.toMap().value("token"_L1).toString(), u"good"_s);
        QCOMPARE(seenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(m_sockets.front()->data().toString(), u"alice"_s);
        QCOMPARE(m_sockets.front()->auth().toMap().value("token"_L1).toString(), u"good"_s);
    }

    void middlewareRefuses()
    {
        start();
        Namespace *admin = m_io->addNamespace(u"/admin"_s);
        QSignalSpy connected(admin, &Namespace::connected);
        admin->use([](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
            if (request.auth.toMap().value("token"_L1).toString() == "ok"_L1)
                done(ConnectResult::accept());
            else
                done(ConnectResult::refuse(u"Unauthorized"_s, QCborMap{ { u"code"_s, 401 } }));
        });
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText(R"(40/admin,{"token":"bad"})");
        QCOMPARE(ws->nextText(), R"(44/admin,{"message":"Unauthorized","data":{"code":401}})"_ba);
        QCOMPARE(connected.size(), 0);
        // The connection is fine, and the refusal is not final on the server side.
        ws->sendText(R"(40/admin,{"token":"ok"})");
        QVERIFY(ws->nextText().startsWith("40/admin,{\"sid\":\""));
        QCOMPARE(connected.size(), 1);
        QVERIFY(ws->isConnected());
    }

    void asyncMiddleware()
    {
        start();
        Namespace *slow = m_io->addNamespace(u"/slow"_s);
        slow->use([this](const ConnectRequest &, std::function<void(ConnectResult)> done) {
            QTimer::singleShot(50, this, [done] {
                done(ConnectResult::accept(42));
                done(ConnectResult::refuse(u"ignored: only the first answer counts"_s));
            });
        });
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText("40/slow,");
        QVERIFY(ws->nextText().startsWith("40/slow,{\"sid\":\""));
        QCOMPARE(slow->socketCount(), 1);
        QCOMPARE(slow->sockets().front()->data().toInt(), 42);
        QVERIFY(ws->receivesNothingFor(100));
    }

    void middlewareAnswerAfterCloseIsDropped()
    {
        start();
        Namespace *slow = m_io->addNamespace(u"/slow"_s);
        std::function<void(ConnectResult)> later;
        slow->use([&later](const ConnectRequest &, std::function<void(ConnectResult)> done) {
            later = std::move(done);
        });
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText("40/slow,");
        QTRY_VERIFY(later);
        ws->abort();
        QTRY_COMPARE(m_io->connectionCount(), 0);
        later(ConnectResult::accept());
        QCOMPARE(slow->socketCount(), 0);
    }

    void unknownNamespace()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText("40/random");
        QCOMPARE(ws->nextText(), R"(44/random,{"message":"Invalid namespace"})"_ba);
        ws->sendText(R"(42["message","still here"])");
        QCOMPARE(ws->nextText(), R"(42["message-back","still here"])"_ba);
    }

    void eventsAndAcks()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText(R"(425["echo",1,"two",{"3":[true]},null,2.5])");
        QCOMPARE(ws->nextText(), R"(435[1,"two",{"3":[true]},null,2.5])"_ba);
        ws->sendText(R"(42["message",1,"2",{"3":[true]}])");
        QCOMPARE(ws->nextText(), R"(42["message-back",1,"2",{"3":[true]}])"_ba);

        bool requested = true;
        m_io->mainNamespace()->on(u"plain"_s,
                                  [&](ServerSocket *, const QCborArray &, const Ack &ack) {
                                      requested = ack.isRequested();
                                      ack(QCborArray{ u"no one asked"_s });
                                  });
        ws->sendText(R"(42["plain"])");
        ws->sendText(R"(42["message","after"])");
        QCOMPARE(ws->nextText(), R"(42["message-back","after"])"_ba);
        QVERIFY(!requested);
    }

    void ackIsSentOnce()
    {
        start();
        m_io->mainNamespace()->on(u"twice"_s,
                                  [](ServerSocket *, const QCborArray &, const Ack &ack) {
                                      Ack copy = ack;
                                      ack(QCborArray{ 1 });
                                      copy(QCborArray{ 2 });
                                  });
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText(R"(427["twice"])");
        QCOMPARE(ws->nextText(), "437[1]"_ba);
        ws->sendText(R"(42["message","marker"])");
        QCOMPARE(ws->nextText(), R"(42["message-back","marker"])"_ba);
    }

    void binaryEventAndAck()
    {
        start();
        QByteArray received;
        m_io->mainNamespace()->on(u"upload"_s,
                                  [&](ServerSocket *, const QCborArray &args, const Ack &ack) {
                                      received = args.at(0).toByteArray();
                                      ack(QCborArray{ QByteArray::fromHex("0909"), u"ok"_s });
                                  });
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText(R"(451-7["upload",{"_placeholder":true,"num":0}])");
        ws->sendBinary(QByteArray::fromHex("010203"));
        QCOMPARE(ws->nextText(), R"(461-7[{"_placeholder":true,"num":0},"ok"])"_ba);
        const Frame attachment = ws->next();
        QVERIFY(attachment.binary);
        QCOMPARE(attachment.data, QByteArray::fromHex("0909"));
        QCOMPARE(received, QByteArray::fromHex("010203"));

        // Binary arguments echo back in order, as the official suite sends them.
        ws->sendText(
          R"(452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
        ws->sendBinary(QByteArray::fromHex("010203"));
        ws->sendBinary(QByteArray::fromHex("040506"));
        QCOMPARE(
          ws->nextText(),
          R"(452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"_ba);
        QCOMPARE(ws->next().data, QByteArray::fromHex("010203"));
        QCOMPARE(ws->next().data, QByteArray::fromHex("040506"));
    }

    void serverEmitsBinary()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        m_sockets.front()->emitEvent(
          u"file"_s, QCborArray{ QCborMap{ { u"bin"_s, QByteArray::fromHex("0102") } } });
        QCOMPARE(ws->nextText(), R"(451-["file",{"bin":{"_placeholder":true,"num":0}}])"_ba);
        QCOMPARE(ws->next().data, QByteArray::fromHex("0102"));
    }

    void serverEmitWithAck()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ServerSocket *socket = m_sockets.front();

        std::optional<QCborArray> reply;
        int calls = 0;
        socket->emitWithAck(
          u"question"_s, QCborArray{ u"why?"_s }, [&](std::optional<QCborArray> r) {
              reply = std::move(r);
              ++calls;
          });
        QCOMPARE(ws->nextText(), R"(420["question","why?"])"_ba);
        ws->sendText(R"(430["because"])");
        QTRY_COMPARE(calls, 1);
        QVERIFY(reply);
        QCOMPARE(*reply, QCborArray{ u"because"_s });
        // A repeated or unknown ack id is ignored.
        ws->sendText(R"(430["again"])");
        ws->sendText(R"(4399["unknown"])");

        std::optional<QCborArray> binaryReply;
        socket->emitWithAck(
          u"photo"_s, {}, [&](std::optional<QCborArray> r) { binaryReply = std::move(r); });
        QCOMPARE(ws->nextText(), R"(421["photo"])"_ba);
        ws->sendText(R"(461-1[{"_placeholder":true,"num":0}])");
        ws->sendBinary(QByteArray::fromHex("0a0b"));
        QTRY_VERIFY(binaryReply);
        QCOMPARE(binaryReply->at(0).toByteArray(), QByteArray::fromHex("0a0b"));
        QCOMPARE(calls, 1);
    }

    void serverEmitWithAckTimesOutOrFailsOnDisconnect()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ServerSocket *socket = m_sockets.front();
        bool timedOut = false;
        socket->emitWithAck(
          u"slow"_s, {}, [&](std::optional<QCborArray> r) { timedOut = !r.has_value(); }, 50);
        QTRY_VERIFY(timedOut);
        ws->sendText(R"(430["too late"])"); // ignored

        bool failed = false;
        socket->emitWithAck(
          u"never"_s, {}, [&](std::optional<QCborArray> r) { failed = !r.has_value(); });
        QCOMPARE(ws->nextText(), R"(420["slow"])"_ba);
        QCOMPARE(ws->nextText(), R"(421["never"])"_ba);
        ws->abort();
        QTRY_VERIFY(failed);
    }

    void roomsAndBroadcast()
    {
        start();
        auto a = connectClient();
        auto b = connectClient();
        auto c = connectClient();
        QVERIFY(a && b && c);
        ServerSocket *sa = m_sockets.at(0);
        ServerSocket *sb = m_sockets.at(1);
        const QString scId = m_sockets.at(2)->id();
        a->sendText(R"(421["join","ward"])");
        b->sendText(R"(421["join","ward"])");
        c->sendText(R"(421["join","icu"])");
        a->sendText(R"(422["join","icu"])");
        QCOMPARE(a->nextText(), "431[]"_ba);
        QCOMPARE(a->nextText(), "432[]"_ba);
        QCOMPARE(b->nextText(), "431[]"_ba);
        QCOMPARE(c->nextText(), "431[]"_ba);
        QCOMPARE(sa->rooms(), (QSet<QString>{ sa->id(), u"ward"_s, u"icu"_s }));
        Namespace *nsp = m_io->mainNamespace();
        QCOMPARE(nsp->adapter().roomSizes().value(u"ward"_s), 2);

        // Each broadcast is followed by a marker to everyone, so "did not receive" needs no wait:
        // the next frame of a client that was left out is the marker.
        const auto marker = [&] { nsp->emitEvent(u"marker"_s); };
        const QByteArray markerText = R"(42["marker"])";

        QCOMPARE(nsp->to(u"ward"_s).emitEvent(u"alert"_s, QCborArray{ 1 }), 2);
        marker();
        QCOMPARE(a->nextText(), R"(42["alert",1])"_ba);
        QCOMPARE(b->nextText(), R"(42["alert",1])"_ba);
        QCOMPARE(c->nextText(), markerText);
        QCOMPARE(a->nextText(), markerText);
        QCOMPARE(b->nextText(), markerText);

        // Several rooms: a socket in both gets the event once; except removes whole rooms.
        QCOMPARE(nsp->to(QStringList{ u"ward"_s, u"icu"_s }).emitEvent(u"both"_s), 3);
        QCOMPARE(nsp->to(u"icu"_s).except(u"ward"_s).emitEvent(u"icu-only"_s), 1);
        marker();
        QCOMPARE(a->nextText(), R"(42["both"])"_ba);
        QCOMPARE(a->nextText(), markerText);
        QCOMPARE(b->nextText(), R"(42["both"])"_ba);
        QCOMPARE(b->nextText(), markerText);
        QCOMPARE(c->nextText(), R"(42["both"])"_ba);
        QCOMPARE(c->nextText(), R"(42["icu-only"])"_ba);
        QCOMPARE(c->nextText(), markerText);

        // socket.to(room) and socket.broadcast leave the sender out.
        QCOMPARE(sa->to(u"ward"_s).emitEvent(u"from-a"_s), 1);
        QCOMPARE(sa->broadcast().emitEvent(u"all-but-a"_s), 2);
        marker();
        QCOMPARE(a->nextText(), markerText);
        QCOMPARE(b->nextText(), R"(42["from-a"])"_ba);
        QCOMPARE(b->nextText(), R"(42["all-but-a"])"_ba);
        QCOMPARE(c->nextText(), R"(42["all-but-a"])"_ba);

        // Leaving, and a disconnected socket leaving every room.
        b->sendText(R"(423["leave","ward"])");
        QCOMPARE(b->nextText(), markerText);
        QCOMPARE(b->nextText(), "433[]"_ba);
        QCOMPARE(nsp->to(u"ward"_s).emitEvent(u"after-leave"_s), 1);
        c->abort();
        QTRY_COMPARE(nsp->socketCount(), 2);
        QCOMPARE(nsp->to(u"icu"_s).emitEvent(u"icu-after"_s), 1);
        QVERIFY(!nsp->adapter().hasRoom(scId));
        QVERIFY(!sb->rooms().contains(u"ward"_s));
    }

    void invalidPacketsCloseOnlyThatConnection_data()
    {
        QTest::addColumn<QList<QByteArray>>("frames");
        QTest::addColumn<bool>("binaryLast");
        auto row = [](const char *name, QList<QByteArray> frames, bool binaryLast = false) {
            QTest::newRow(name) << frames << binaryLast;
        };
        row("unknown packet type", { "4abc" });
        row("invalid payload format", { "42{}" });
        row("invalid ack id", { R"(42abc["message-with-ack",1])" });
        row("reserved event name", { R"(42["connect"])" });
        row("event for a namespace not joined", { R"(42/custom,["where"])" });
        row("duplicate CONNECT", { "40" });
        row("non-object auth", { R"(40/custom,"str")" });
        row("CONNECT_ERROR from a client", { R"(44{"message":"x"})" });
        row("too many attachments", { R"(4511-["message"])" });
        row("text while attachments are due",
            { R"(451-["message",{"_placeholder":true,"num":0}])", R"(42["message"])" });
        row("attachment nobody announced", { "\x01\x02" }, true);
        row(
          "bad placeholder", { R"(451-["message",{"_placeholder":true,"num":5}])", "\x01" }, true);
    }

    void invalidPacketsCloseOnlyThatConnection()
    {
        QFETCH(QList<QByteArray>, frames);
        QFETCH(bool, binaryLast);
        start();
        auto bad = connectClient();
        auto good = connectClient();
        QVERIFY(bad && good);
        QSignalSpy gone(m_sockets.front().data(), &ServerSocket::disconnected);
        for (qsizetype i = 0; i < frames.size(); ++i) {
            if (binaryLast && i == frames.size() - 1)
                bad->sendBinary(frames.at(i));
            else
                bad->sendText(frames.at(i));
        }
        QVERIFY(bad->waitForDisconnected());
        QTRY_COMPARE(gone.size(), 1);
        QTRY_COMPARE(m_io->connectionCount(), 1);
        good->sendText(R"(42["message","unaffected"])");
        QCOMPARE(good->nextText(), R"(42["message-back","unaffected"])"_ba);
    }

    void firstPacketMustBeConnect()
    {
        start();
        RawWebSocket ws;
        QVERIFY(!ws.openEngineIo(wsUrl()).isEmpty());
        ws.sendText(R"(42["message","too early"])");
        QVERIFY(ws.waitForDisconnected());
        QTRY_COMPARE(m_engine->sessionCount(), 0);
    }

    void connectTimeout()
    {
        SocketIoOptions options = withoutRecovery();
        options.connectTimeout = 200;
        start(options);
        RawWebSocket idle;
        QVERIFY(!idle.openEngineIo(wsUrl()).isEmpty());
        auto joined = connectClient();
        QVERIFY(joined);
        QVERIFY(idle.waitForDisconnected());
        QTest::qWait(300); // well past the timeout for `joined` too
        QVERIFY(joined->isConnected());
        joined->sendText(R"(42["message","alive"])");
        QCOMPARE(joined->nextText(), R"(42["message-back","alive"])"_ba);
    }

    void clientDisconnect()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        QPointer<ServerSocket> first = m_sockets.front();
        QSignalSpy nspGone(m_io->mainNamespace(), &Namespace::disconnected);
        QSignalSpy gone(first.data(), &ServerSocket::disconnected);
        ws->sendText("41");
        QTRY_COMPARE(gone.size(), 1);
        QCOMPARE(gone.front().front().value<DisconnectReason>(),
                 DisconnectReason::ClientNamespaceDisconnect);
        QCOMPARE(nspGone.size(), 1);
        QCOMPARE(m_io->mainNamespace()->socketCount(), 0);
        QTRY_VERIFY(!first); // deleted later
        // The Engine.IO connection stays, and the namespace can be joined again.
        QCOMPARE(m_engine->sessionCount(), 1);
        ws->sendText("40");
        QVERIFY(ws->nextText().startsWith("40{"));
        QCOMPARE(m_sockets.size(), 2);
    }

    void serverDisconnect()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText("40/custom,");
        QVERIFY(ws->nextText().startsWith("40/custom,"));
        QSignalSpy gone(m_sockets.front().data(), &ServerSocket::disconnected);
        m_sockets.front()->disconnectSocket();
        QCOMPARE(ws->nextText(), "41"_ba);
        QCOMPARE(gone.size(), 1);
        QCOMPARE(gone.front().front().value<DisconnectReason>(),
                 DisconnectReason::ServerNamespaceDisconnect);
        // `/custom` is still there on the same connection.
        ws->sendText(R"(42/custom,1["where"])");
        QCOMPARE(ws->nextText(), R"(43/custom,1["/custom"])"_ba);

        ServerSocket *custom = m_io->findNamespace(u"/custom"_s)->sockets().front();
        custom->disconnectSocket(true);
        QCOMPARE(ws->nextText(), "41/custom,"_ba);
        QVERIFY(ws->waitForDisconnected());
        QTRY_COMPARE(m_engine->sessionCount(), 0);
    }

    void transportCloseEndsEverySocket()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText("40/custom,");
        QVERIFY(ws->nextText().startsWith("40/custom,"));
        QSignalSpy mainGone(m_io->mainNamespace(), &Namespace::disconnected);
        QSignalSpy customGone(m_io->findNamespace(u"/custom"_s), &Namespace::disconnected);
        ws->abort();
        QTRY_COMPARE(mainGone.size(), 1);
        QTRY_COMPARE(customGone.size(), 1);
        QCOMPARE(mainGone.front().at(1).value<DisconnectReason>(),
                 DisconnectReason::TransportClose);
        QCOMPARE(m_io->connectionCount(), 0);
    }

    void multiplexing()
    {
        start();
        auto ws = connectClient();
        QVERIFY(ws);
        ws->sendText(R"(40/custom,{"token":"abc"})");
        const QByteArray ack = ws->nextText();
        QVERIFY(ack.startsWith("40/custom,"));
        const QString customId = json(ack.mid(10)).value("sid"_L1).toString();
        QVERIFY(customId != m_sockets.front()->id());

        ws->sendText(R"(42/custom,3["where"])");
        ws->sendText(R"(423["echo","main"])");
        QCOMPARE(ws->nextText(), R"(43/custom,3["/custom"])"_ba);
        QCOMPARE(ws->nextText(), R"(433["main"])"_ba);
        m_io->findNamespace(u"/custom"_s)->emitEvent(u"hi"_s, QCborArray{ u"custom"_s });
        QCOMPARE(ws->nextText(), R"(42/custom,["hi","custom"])"_ba);
    }

    void pollingTransport()
    {
        start();
        connect(m_io->mainNamespace(), &Namespace::connected, this, [](ServerSocket *socket) {
            socket->emitEvent(u"auth"_s, QCborArray{ socket->auth() });
        });
        HttpClient client;
        const QString sid = vigil::test::sidOf(client.get(pollUrl()).body);
        QVERIFY(!sid.isEmpty());
        QCOMPARE(client.post(pollUrl(sid), R"(40{"token":"x"})").body, "ok");
        const QByteArray body = client.get(pollUrl(sid)).body;
        // The CONNECT ack and what the handler emitted leave in one response, ack first.
        const QList<QByteArray> packets = body.split('\x1e');
        QCOMPARE(packets.size(), 2);
        QVERIFY(packets.at(0).startsWith("40{\"sid\":\""));
        QCOMPARE(packets.at(1), R"(42["auth",{"token":"x"}])"_ba);

        QCOMPARE(client
                   .post(pollUrl(sid),
                         "451-[\"message\",{\"_placeholder\":true,\"num\":0}]\x1e"
                         "bAQID")
                   .body,
                 "ok");
        QCOMPARE(client.get(pollUrl(sid)).body,
                 "451-[\"message-back\",{\"_placeholder\":true,\"num\":0}]\x1e"
                 "bAQID"_ba);
    }

    void recovery()
    {
        start(SocketIoOptions{});
        Namespace *nsp = m_io->mainNamespace();
        QByteArray ack;
        auto ws = connectClient("40", &ack);
        QVERIFY(ws);
        const QString sid = json(ack.mid(2)).value("sid"_L1).toString();
        const QString pid = json(ack.mid(2)).value("pid"_L1).toString();
        ws->sendText(R"(421["join","ward"])");
        QCOMPARE(ws->nextText(), "431[]"_ba);

        // Events without an ack id carry an offset as their last argument; acks do not.
        nsp->to(u"ward"_s).emitEvent(u"tick"_s, QCborArray{ 1 });
        const QByteArray tick = ws->nextText();
        QVERIFY2(tick.startsWith("42[\"tick\",1,\""), tick.constData());
        const QString offset = QJsonDocument::fromJson(tick.mid(2)).array().last().toString();
        QVERIFY(!offset.isEmpty());
        m_sockets.front()->emitWithAck(u"question"_s, {}, {});
        QCOMPARE(ws->nextText(), R"(420["question"])"_ba);

        // The transport drops; the server keeps emitting.
        ws->abort();
        QTRY_COMPARE(nsp->socketCount(), 0);
        QCOMPARE(nsp->adapter().persistedSessionCount(), 1);
        nsp->to(u"ward"_s).emitEvent(u"tick"_s, QCborArray{ 2 });
        nsp->to(u"elsewhere"_s).emitEvent(u"not-for-us"_s);
        nsp->except(u"ward"_s).emitEvent(u"excluded"_s);
        nsp->emitEvent(u"everyone"_s);
        nsp->to(u"ward"_s).asVolatile().emitEvent(u"volatile"_s);

        // Back with pid + offset: missed packets first, then the ack with the same ids.
        auto back = std::make_unique<RawWebSocket>();
        QVERIFY(!back->openEngineIo(wsUrl()).isEmpty());
        back->sendText(
          QJsonDocument(
            QJsonObject{ { "pid"_L1, pid }, { "offset"_L1, offset }, { "token"_L1, u"abc"_s } })
            .toJson(QJsonDocument::Compact)
            .prepend("40"));
        const QByteArray missed1 = back->nextText();
        const QByteArray missed2 = back->nextText();
        const QByteArray reAck = back->nextText();
        QVERIFY2(missed1.startsWith("42[\"tick\",2,\""), missed1.constData());
        QVERIFY2(missed2.startsWith("42[\"everyone\",\""), missed2.constData());
        QVERIFY2(reAck.startsWith("40{"), reAck.constData());
        QCOMPARE(json(reAck.mid(2)).value("sid"_L1).toString(), sid);
        QCOMPARE(json(reAck.mid(2)).value("pid"_L1).toString(), pid);
        QCOMPARE(m_sockets.size(), 2);
        ServerSocket *recovered = m_sockets.back();
        QVERIFY(recovered->recovered());
        QCOMPARE(recovered->id(), sid);
        QCOMPARE(recovered->rooms(), (QSet<QString>{ sid, u"ward"_s }));
        QCOMPARE(nsp->adapter().persistedSessionCount(), 0);

        // Rooms work again at once.
        nsp->to(u"ward"_s).emitEvent(u"tick"_s, QCborArray{ 3 });
        QVERIFY(back->nextText().startsWith("42[\"tick\",3,\""));
    }

    void recoveryRunsMiddlewaresWhenNotSkipped()
    {
        SocketIoOptions options;
        options.recovery.skipMiddlewares = false;
        start(options);
        int middlewareRuns = 0;
        m_io->mainNamespace()->use(
          [&](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
              ++middlewareRuns;
              // The restored data is offered to the middleware.
              done(
                ConnectResult::accept(request.data.isValid() ? request.data : QVariant(u"user"_s)));
          });
        QByteArray ack;
        auto ws = connectClient("40", &ack);
        QVERIFY(ws);
        const QString pid = json(ack.mid(2)).value("pid"_L1).toString();
        m_sockets.front()->emitEvent(u"tick"_s);
        const QByteArray tick = ws->nextText();
        const QString offset = QJsonDocument::fromJson(tick.mid(2)).array().last().toString();
        ws->abort();
        QTRY_COMPARE(m_io->mainNamespace()->socketCount(), 0);

        auto back =
          connectClient(u"40{\"pid\":\"%1\",\"offset\":\"%2\"}"_s.arg(pid, offset).toUtf8(), &ack);
        QVERIFY(back);
        QCOMPARE(middlewareRuns, 2);
        QVERIFY(m_sockets.back()->recovered());
        QCOMPARE(m_sockets.back()->data().toString(), u"user"_s);
    }

    void noRecovery_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("expired") << u"expired"_s;
        QTest::newRow("unknown pid") << u"unknown pid"_s;
        QTest::newRow("unknown offset") << u"unknown offset"_s;
        QTest::newRow("client left on purpose") << u"explicit disconnect"_s;
        QTest::newRow("no offset") << u"no offset"_s;
    }

    void noRecovery()
    {
        QFETCH(QString, how);
        SocketIoOptions options;
        options.recovery.maxDisconnectionDuration = how == "expired"_L1 ? 100 : 60'000;
        start(options);
        QByteArray ack;
        auto ws = connectClient("40", &ack);
        QVERIFY(ws);
        const QString sid = json(ack.mid(2)).value("sid"_L1).toString();
        QString pid = json(ack.mid(2)).value("pid"_L1).toString();
        m_sockets.front()->emitEvent(u"tick"_s);
        QString offset = QJsonDocument::fromJson(ws->nextText().mid(2)).array().last().toString();
        if (how == "explicit disconnect"_L1) {
            ws->sendText("41");
            QTRY_COMPARE(m_io->mainNamespace()->socketCount(), 0);
        }
        ws->abort();
        QTRY_COMPARE(m_io->mainNamespace()->socketCount(), 0);
        if (how == "expired"_L1)
            QTest::qWait(300);
        if (how == "unknown pid"_L1)
            pid = u"AAAAAAAAAAAAAAAAAAAA"_s;
        if (how == "unknown offset"_L1)
            offset = u"zzzzzz-1"_s;

        QByteArray connect = u"40{\"pid\":\"%1\",\"offset\":\"%2\"}"_s.arg(pid, offset).toUtf8();
        if (how == "no offset"_L1)
            connect = u"40{\"pid\":\"%1\"}"_s.arg(pid).toUtf8();
        auto back = connectClient(connect, &ack);
        QVERIFY(back);
        const QJsonObject answer = json(ack.mid(2));
        QVERIFY(answer.value("sid"_L1).toString() != sid);
        QVERIFY(answer.value("pid"_L1).toString() != pid);
        QVERIFY(!m_sockets.back()->recovered());
    }

    void packetBufferIsBounded()
    {
        SocketIoOptions options;
        options.recovery.maxBufferedPackets = 5;
        start(options);
        Namespace *nsp = m_io->mainNamespace();
        for (int i = 0; i < 20; ++i)
            nsp->emitEvent(u"tick"_s, QCborArray{ i });
        QCOMPARE(nsp->adapter().bufferedPacketCount(), 5);
    }
};

QTEST_GUILESS_MAIN(tst_SocketIoServer)
#include "tst_socketioserver.moc"
