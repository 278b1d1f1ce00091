// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>
#include <optional>

#include <QSignalSpy>
#include <QTest>

#include "client/Manager.h"
#include "client/Socket.h"
#include "protocol/Json.h"
#include "support/FakeTransport.h"

using namespace vigil::client;
using vigil::protocol::Backoff;
using vigil::testsupport::FakeTransport;
using vigil::testsupport::FakeTransportFactory;
using State = Manager::State;

namespace {

struct Harness
{
    explicit Harness(ManagerOptions options = defaultOptions())
      : manager(std::make_unique<Manager>(QUrl(QStringLiteral("http://127.0.0.1:4321")),
                                          std::move(options),
                                          transports.factory()))
    {
    }

    static ManagerOptions defaultOptions()
    {
        ManagerOptions options;
        // Nothing reconnects by itself: tests call reconnectNow().
        options.backoff = Backoff::Options{ 60'000, 120'000, 2.0, 0.5 };
        options.random = [] { return 0.0; };
        return options;
    }

    FakeTransport *transport() const { return transports.latest(); }

    /// Drops the link and brings a new one up (handshake done, no CONNECT answered yet).
    FakeTransport *reconnect()
    {
        transport()->serverClose();
        manager->reconnectNow();
        transport()->serverHandshake();
        return transport();
    }

    FakeTransportFactory transports;
    std::unique_ptr<Manager> manager;
};

/// Records everything a socket reports, in order, as readable strings.
struct Recorder
{
    explicit Recorder(Socket *socket)
    {
        QObject::connect(socket, &Socket::connected, socket, [this](bool recovered) {
            log.append(recovered ? QStringLiteral("connected(recovered)")
                                 : QStringLiteral("connected"));
        });
        QObject::connect(socket, &Socket::disconnected, socket, [this](const QString &reason) {
            log.append(u"disconnected:" + reason);
        });
        socket->onAny([this](const QString &event, const QCborArray &args) {
            log.append(event + u':' + QString::fromUtf8(vigil::protocol::json::write(args)));
        });
    }
    QStringList log;
};

struct AckOutcome
{
    int calls = 0;
    std::optional<QCborArray> args;
    std::optional<AckError> error;

    AckCallback callback()
    {
        return [this](const AckResult &result) {
            ++calls;
            if (result)
                args = result.value();
            else
                error = result.error();
        };
    }
};

} // namespace

class tst_Socket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectWithoutAuth();
    void connectPayloadIsFreshOnEveryAttempt();
    void namespaceConnect();
    void secondConnectWhileConnectingSendsNothing();
    void preAckEventsAreDeliveredAfterTheAckInOrder();
    void emitsBeforeTheAckAreFlushedInOrder();
    void emitBufferFull();
    void emitBufferByteBudget();
    void reservedNamesAreRefused();
    void ackReceived();
    void ackTimeout();
    void ackTimeoutRemovesTheBufferedPacket();
    void hugeAckTimeoutDoesNotFireAtOnce();
    void pendingAcksFailOnDisconnect();
    void ackReplyToServerEvent();
    void connectErrorWithObject();
    void connectErrorWithBareString();
    void invalidConnectAck();
    void serverDisconnectIsNotRetried();
    void clientDisconnect();
    void transportLossReconnects();
    void binaryEventsBothWays();
    void recoveryBookkeeping();
    void noRecoveryWithoutOffsetOrPid();
    void handlersAreNotDuplicatedAcrossReconnects();
    void multiplexingTwoNamespaces();
    void refusedNamespaceLeavesTheOtherConnected();
    void receiveBufferOverflowStartsAFreshSession();
};

void tst_Socket::connectWithoutAuth()
{
    Harness h;
    Socket *socket = h.manager->socket();
    QSignalSpy connectedSpy(socket, &Socket::connected);
    socket->connect();
    QCOMPARE(h.manager->state(), State::Connecting);
    QVERIFY(socket->isActive());
    QVERIFY(!socket->isConnected());
    h.transport()->serverHandshake();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
    h.transport()->serverText("40{\"sid\":\"abc\"}");
    QVERIFY(socket->isConnected());
    QCOMPARE(socket->id(), QStringLiteral("abc"));
    QCOMPARE(connectedSpy.size(), 1);
    QCOMPARE(connectedSpy.at(0).at(0).toBool(), false);
}

void tst_Socket::connectPayloadIsFreshOnEveryAttempt()
{
    Harness h;
    Socket *socket = h.manager->socket();
    int calls = 0;
    socket->setAuth([&calls] {
        ++calls;
        QCborMap auth;
        auth.insert(QStringLiteral("token"), QStringLiteral("t%1").arg(calls));
        return auth;
    });
    socket->connect();
    QCOMPARE(calls, 0); // evaluated when the CONNECT is built, not before
    h.transport()->serverHandshake();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40{\"token\":\"t1\"}" });
    h.transport()->serverText("40{\"sid\":\"a\"}");
    for (int attempt = 2; attempt <= 4; ++attempt) {
        FakeTransport *t = h.reconnect();
        QCOMPARE(t->sentText(),
                 QList<QByteArray>{ "40{\"token\":\"t" + QByteArray::number(attempt) + "\"}" });
        t->serverText("40{\"sid\":\"a\"}");
    }
    QCOMPARE(calls, 4);
}

void tst_Socket::namespaceConnect()
{
    Harness h;
    Socket *socket = h.manager->socket(QStringLiteral("monitor"));
    QCOMPARE(socket->nsp(), QStringLiteral("/monitor"));
    QCOMPARE(h.manager->socket(QStringLiteral("/monitor")), socket);
    socket->setAuth([] {
        QCborMap auth;
        auth.insert(QStringLiteral("token"), QStringLiteral("x"));
        return auth;
    });
    socket->connect();
    h.transport()->serverHandshake();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40/monitor,{\"token\":\"x\"}" });
    h.transport()->serverText("40/monitor,{\"sid\":\"m\"}");
    QVERIFY(socket->isConnected());
    QCOMPARE(socket->emit(QStringLiteral("hi")), EmitResult::Sent);
    QCOMPARE(h.transport()->sentText().last(), QByteArray("42/monitor,[\"hi\"]"));
}

void tst_Socket::secondConnectWhileConnectingSendsNothing()
{
    Harness h;
    Socket *socket = h.manager->socket();
    socket->connect();
    socket->connect();
    h.transport()->serverHandshake();
    socket->connect();
    socket->connect();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
    h.transport()->serverText("40{\"sid\":\"a\"}");
    socket->connect();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
    QCOMPARE(h.transports.createdCount(), 1);
}

void tst_Socket::preAckEventsAreDeliveredAfterTheAckInOrder()
{
    Harness h;
    Socket *socket = h.manager->socket();
    Recorder recorder(socket);
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    // As python-socketio does when its connect handler emits.
    t->serverText("42[\"auth\",{\"token\":\"123\"}]");
    t->serverText("42[\"a\",1]");
    t->serverText("42[\"b\",2]");
    QVERIFY(recorder.log.isEmpty());
    t->serverText("40{\"sid\":\"s\"}");
    QCOMPARE(recorder.log,
             (QStringList{ QStringLiteral("connected"),
                           QStringLiteral("auth:[{\"token\":\"123\"}]"),
                           QStringLiteral("a:[1]"),
                           QStringLiteral("b:[2]") }));
    t->serverText("42[\"c\",3]");
    QCOMPARE(recorder.log.last(), QStringLiteral("c:[3]"));
}

void tst_Socket::emitsBeforeTheAckAreFlushedInOrder()
{
    Harness h;
    Socket *socket = h.manager->socket();
    QCOMPARE(socket->emit(QStringLiteral("x1")), EmitResult::Buffered);
    socket->connect();
    QCOMPARE(socket->emit(QStringLiteral("x2"), { 1 }), EmitResult::Buffered);
    h.transport()->serverHandshake();
    QCOMPARE(socket->emit(QStringLiteral("x3"), { QStringLiteral("three") }), EmitResult::Buffered);
    QCOMPARE(socket->bufferedPacketCount(), 3);
    QObject::connect(socket, &Socket::connected, socket, [socket] {
        socket->emit(QStringLiteral("fromHandler"));
    });
    h.transport()->serverText("40{\"sid\":\"s\"}");
    QCOMPARE(
      h.transport()->sentText(),
      (QList<QByteArray>{
        "40", "42[\"x1\"]", "42[\"x2\",1]", "42[\"x3\",\"three\"]", "42[\"fromHandler\"]" }));
    QCOMPARE(socket->bufferedPacketCount(), 0);
    QCOMPARE(socket->emit(QStringLiteral("x4")), EmitResult::Sent);
}

void tst_Socket::emitBufferFull()
{
    SocketOptions options;
    options.maxBufferedPackets = 3;
    Harness h;
    Socket *socket = h.manager->socket(QStringLiteral("/"), options);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(socket->emit(QStringLiteral("e"), { i }), EmitResult::Buffered);
    QCOMPARE(socket->emit(QStringLiteral("e"), { 3 }), EmitResult::BufferFull);
    AckOutcome outcome;
    QCOMPARE(socket->emitWithAck(QStringLiteral("e"), { 4 }, 20, outcome.callback()),
             EmitResult::BufferFull);
    QCOMPARE(socket->bufferedPacketCount(), 3);
    QTest::qWait(60);
    QCOMPARE(outcome.calls, 0); // refused emits never call back
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    QCOMPARE(h.transport()->sentText(),
             (QList<QByteArray>{ "40", "42[\"e\",0]", "42[\"e\",1]", "42[\"e\",2]" }));
}

void tst_Socket::emitBufferByteBudget()
{
    SocketOptions options;
    options.maxBufferedBytes = 100;
    Harness h;
    Socket *socket = h.manager->socket(QStringLiteral("/"), options);
    const QString big(60, u'x');
    QCOMPARE(socket->emit(QStringLiteral("e"), { big }), EmitResult::Buffered);
    QCOMPARE(socket->emit(QStringLiteral("e"), { big }), EmitResult::BufferFull);
    QCOMPARE(socket->emit(QStringLiteral("e"), { QStringLiteral("small") }), EmitResult::Buffered);
    // Binary payloads count too.
    QCOMPARE(socket->emit(QStringLiteral("b"), { QCborValue(QByteArray(80, 'b')) }),
             EmitResult::BufferFull);
}

void tst_Socket::reservedNamesAreRefused()
{
    Harness h;
    Socket *socket = h.manager->socket();
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    AckOutcome outcome;
    for (const char *name : { "connect",
                              "connect_error",
                              "disconnect",
                              "disconnecting",
                              "newListener",
                              "removeListener" }) {
        QCOMPARE(socket->emit(QString::fromLatin1(name)), EmitResult::ReservedName);
        QCOMPARE(socket->emitWithAck(QString::fromLatin1(name), {}, 10, outcome.callback()),
                 EmitResult::ReservedName);
    }
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
    QTest::qWait(30);
    QCOMPARE(outcome.calls, 0);
}

void tst_Socket::ackReceived()
{
    Harness h;
    Socket *socket = h.manager->socket();
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    AckOutcome first;
    AckOutcome second;
    QCOMPARE(socket->emitWithAck(QStringLiteral("q"), { 1 }, 5'000, first.callback()),
             EmitResult::Sent);
    QCOMPARE(socket->emitWithAck(QStringLiteral("q"), { 2 }, 5'000, second.callback()),
             EmitResult::Sent);
    QCOMPARE(t->sentTextFrom(1), (QList<QByteArray>{ "420[\"q\",1]", "421[\"q\",2]" }));
    t->serverText("431[\"two\"]");
    t->serverText("439[\"nobody\"]"); // unknown id: ignored
    t->serverText("430[]");
    QCOMPARE(first.calls, 1);
    QCOMPARE(first.args, QCborArray());
    QCOMPARE(second.calls, 1);
    QCOMPARE(second.args, QCborArray{ QStringLiteral("two") });
    t->serverText("430[\"again\"]"); // a duplicate reply is ignored
    QCOMPARE(first.calls, 1);
    QVERIFY(socket->isConnected());
}

void tst_Socket::ackTimeout()
{
    Harness h;
    Socket *socket = h.manager->socket();
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    AckOutcome outcome;
    socket->emitWithAck(QStringLiteral("slow"), {}, 30, outcome.callback());
    QTRY_COMPARE(outcome.calls, 1);
    QVERIFY(outcome.error.has_value());
    QCOMPARE(outcome.error->code, AckErrorCode::TimedOut);
    QCOMPARE(outcome.error->message, QStringLiteral("operation has timed out"));
    t->serverText("430[\"late\"]");
    QCOMPARE(outcome.calls, 1);
    QVERIFY(!outcome.args.has_value());
}

void tst_Socket::ackTimeoutRemovesTheBufferedPacket()
{
    Harness h;
    Socket *socket = h.manager->socket();
    AckOutcome outcome;
    QCOMPARE(socket->emitWithAck(QStringLiteral("stale"), {}, 30, outcome.callback()),
             EmitResult::Buffered);
    socket->emit(QStringLiteral("kept"));
    QTRY_COMPARE(outcome.calls, 1);
    QCOMPARE(outcome.error->code, AckErrorCode::TimedOut);
    QCOMPARE(socket->bufferedPacketCount(), 1);
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    QCOMPARE(h.transport()->sentText(), (QList<QByteArray>{ "40", "42[\"kept\"]" }));
}

void tst_Socket::hugeAckTimeoutDoesNotFireAtOnce()
{
    Harness h;
    Socket *socket = h.manager->socket();
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    AckOutcome outcome;
    socket->emitWithAck(QStringLiteral("q"), {}, 10'000'000'000LL, outcome.callback());
    QTest::qWait(50);
    QCOMPARE(outcome.calls, 0);
    h.transport()->serverText("430[]");
    QCOMPARE(outcome.calls, 1);
}

void tst_Socket::pendingAcksFailOnDisconnect()
{
    Harness h;
    Socket *socket = h.manager->socket();
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    AckOutcome a;
    AckOutcome b;
    socket->emitWithAck(QStringLiteral("a"), {}, 60'000, a.callback());
    socket->emitWithAck(QStringLiteral("b"), {}, 60'000, b.callback());
    t->serverClose();
    QCOMPARE(a.calls, 1);
    QCOMPARE(b.calls, 1);
    QCOMPARE(a.error->code, AckErrorCode::Disconnected);
    QCOMPARE(a.error->message, QStringLiteral("socket has been disconnected"));

    // Emitted while disconnected: stays buffered (and pending) across the outage.
    AckOutcome c;
    QCOMPARE(socket->emitWithAck(QStringLiteral("c"), {}, 60'000, c.callback()),
             EmitResult::Buffered);
    h.manager->reconnectNow();
    h.transport()->serverError(QStringLiteral("refused"));
    QCOMPARE(c.calls, 0);
    // Another outage while the CONNECT awaits its ack: still buffered, so still pending.
    FakeTransport *between = h.reconnect();
    QCOMPARE(between->sentText(), QList<QByteArray>{ "40" });
    QCOMPARE(c.calls, 0);
    QCOMPARE(socket->bufferedPacketCount(), 1);
    between->serverClose();
    QCOMPARE(c.calls, 0);
    h.manager->reconnectNow();
    FakeTransport *t2 = h.transport();
    t2->serverHandshake();
    t2->serverText("40{\"sid\":\"s2\"}");
    QCOMPARE(t2->sentText(), (QList<QByteArray>{ "40", "422[\"c\"]" }));
    t2->serverText("432[\"ok\"]");
    QCOMPARE(c.calls, 1);
    QCOMPARE(c.args, QCborArray{ QStringLiteral("ok") });
}

void tst_Socket::ackReplyToServerEvent()
{
    Harness h;
    Socket *socket = h.manager->socket();
    AckReply saved;
    socket->on(QStringLiteral("question"), [&saved](const QCborArray &args, const AckReply &reply) {
        QCOMPARE(args, QCborArray{ QStringLiteral("why?") });
        QVERIFY(reply);
        reply({ QStringLiteral("because"), QCborValue(QByteArray("\x01\x02", 2)) });
        reply({ QStringLiteral("twice") });
        saved = reply;
    });
    bool plainHadReply = true;
    socket->on(
      QStringLiteral("plain"),
      [&plainHadReply](const QCborArray &, const AckReply &reply) { plainHadReply = bool(reply); });
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    t->serverText("425[\"question\",\"why?\"]");
    QCOMPARE(t->sent().mid(1),
             (QList<FakeTransport::Frame>{
               { false, "461-5[\"because\",{\"_placeholder\":true,\"num\":0}]" },
               { true, QByteArray("\x01\x02", 2) } }));
    t->serverText("42[\"plain\"]");
    QVERIFY(!plainHadReply);
    // A reply after a reconnect would answer an id of another session: dropped.
    FakeTransport *t2 = h.reconnect();
    t2->serverText("40{\"sid\":\"s\"}");
    saved({ QStringLiteral("late") });
    QCOMPARE(t2->sentText(), QList<QByteArray>{ "40" });
}

void tst_Socket::connectErrorWithObject()
{
    ManagerOptions options = Harness::defaultOptions();
    options.backoff = Backoff::Options{ 10, 20, 2.0, 0.5 };
    Harness h(options);
    Socket *socket = h.manager->socket(QStringLiteral("/admin"));
    QSignalSpy errors(socket, &Socket::connectError);
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("44/admin,{\"message\":\"not authorized\",\"data\":{\"code\":401}}");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).toString(), QStringLiteral("not authorized"));
    const QCborValue data = errors.at(0).at(1).value<QCborValue>();
    QCOMPARE(data.toMap().value(QStringLiteral("code")).toInteger(), 401);
    QVERIFY(!socket->isActive());
    // Not retried: the only namespace gave up, so the connection closes and stays closed.
    QCOMPARE(h.manager->state(), State::Disconnected);
    QTest::qWait(100);
    QCOMPARE(h.transports.createdCount(), 1);
    // The application decides: a new connect() tries again (with fresh auth).
    socket->connect();
    QCOMPARE(h.transports.createdCount(), 2);
    h.transport()->serverHandshake();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40/admin," });
}

void tst_Socket::connectErrorWithBareString()
{
    Harness h;
    Socket *main = h.manager->socket();
    Socket *random = h.manager->socket(QStringLiteral("/random"));
    QSignalSpy errors(random, &Socket::connectError);
    main->connect();
    random->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    h.transport()->serverText("44/random,\"Unable to connect\"");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).toString(), QStringLiteral("Unable to connect"));
    QVERIFY(errors.at(0).at(1).value<QCborValue>().isUndefined());
    QVERIFY(!random->isActive());
    QVERIFY(main->isConnected());
    QCOMPARE(h.manager->state(), State::Open);
}

void tst_Socket::invalidConnectAck()
{
    Harness h;
    Socket *socket = h.manager->socket();
    QSignalSpy errors(socket, &Socket::connectError);
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40");
    QCOMPARE(errors.size(), 1);
    QVERIFY(!socket->isConnected());
    QVERIFY(!socket->isActive());
}

void tst_Socket::serverDisconnectIsNotRetried()
{
    ManagerOptions options = Harness::defaultOptions();
    options.backoff = Backoff::Options{ 10, 20, 2.0, 0.5 };
    Harness h(options);
    Socket *socket = h.manager->socket();
    QSignalSpy disconnected(socket, &Socket::disconnected);
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    AckOutcome outcome;
    socket->emitWithAck(QStringLiteral("pending"), {}, 60'000, outcome.callback());
    h.transport()->serverText("41");
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("io server disconnect"));
    QVERIFY(!socket->isActive());
    QCOMPARE(outcome.calls, 1);
    QCOMPARE(outcome.error->code, AckErrorCode::Disconnected);
    QCOMPARE(h.manager->state(), State::Disconnected);
    QTest::qWait(100);
    QCOMPARE(h.transports.createdCount(), 1);
}

void tst_Socket::clientDisconnect()
{
    Harness h;
    Socket *main = h.manager->socket();
    Socket *monitor = h.manager->socket(QStringLiteral("/monitor"));
    QSignalSpy disconnected(monitor, &Socket::disconnected);
    main->connect();
    monitor->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    t->serverText("40/monitor,{\"sid\":\"m\"}");
    monitor->disconnect();
    QCOMPARE(t->sentText().last(), QByteArray("41/monitor,"));
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("io client disconnect"));
    QCOMPARE(h.manager->state(), State::Open); // "/" still wants the connection
    main->disconnect();
    QCOMPARE(t->sentText().last(), QByteArray("41"));
    QCOMPARE(h.manager->state(), State::Disconnected);
    QVERIFY(t->isClosed());
}

void tst_Socket::transportLossReconnects()
{
    ManagerOptions options = Harness::defaultOptions();
    options.backoff = Backoff::Options{ 10, 20, 2.0, 0.5 };
    Harness h(options);
    Socket *socket = h.manager->socket();
    QSignalSpy disconnected(socket, &Socket::disconnected);
    QSignalSpy connectedSpy(socket, &Socket::connected);
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    h.transport()->serverClose();
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("transport close"));
    QVERIFY(socket->isActive());
    QVERIFY(!socket->isConnected());
    QTRY_COMPARE(h.transports.createdCount(), 2);
    h.transport()->serverHandshake();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
    h.transport()->serverText("40{\"sid\":\"s2\"}");
    QCOMPARE(connectedSpy.size(), 2);
    QCOMPARE(socket->id(), QStringLiteral("s2"));
}

void tst_Socket::binaryEventsBothWays()
{
    Harness h;
    Socket *socket = h.manager->socket();
    QCborArray received;
    socket->on(QStringLiteral("bin"), [&received](const QCborArray &args) { received = args; });
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    t->clearSent();

    const QByteArray one("\x00\x01\xff", 3);
    const QByteArray two("\x02", 1);
    QCborMap nested;
    nested.insert(QStringLiteral("blob"), QCborValue(two));
    QCOMPARE(socket->emit(QStringLiteral("bin"), { QCborValue(one), nested }), EmitResult::Sent);
    QCOMPARE(t->sent(),
             (QList<FakeTransport::Frame>{
               { false,
                 "452-[\"bin\",{\"_placeholder\":true,\"num\":0},{\"blob\":{\"_placeholder\":"
                 "true,\"num\":1}}]" },
               { true, one },
               { true, two } }));

    t->serverText(
      "452-[\"bin\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");
    QVERIFY(received.isEmpty()); // attachments still missing
    t->serverBinary(one);
    t->serverBinary(two);
    QCOMPARE(received, (QCborArray{ QCborValue(two), QCborValue(one) }));

    // Binary ack from the server.
    AckOutcome outcome;
    socket->emitWithAck(QStringLiteral("get"), {}, 5'000, outcome.callback());
    t->serverText("461-0[{\"_placeholder\":true,\"num\":0}]");
    QCOMPARE(outcome.calls, 0);
    t->serverBinary(two);
    QCOMPARE(outcome.args, QCborArray{ QCborValue(two) });
}

void tst_Socket::recoveryBookkeeping()
{
    Harness h;
    Socket *socket = h.manager->socket();
    QList<QCborArray> ticks;
    QList<QCborArray> asks;
    socket->on(QStringLiteral("tick"), [&ticks](const QCborArray &args) { ticks.append(args); });
    socket->on(QStringLiteral("ask"), [&asks](const QCborArray &args) { asks.append(args); });
    QSignalSpy connectedSpy(socket, &Socket::connected);
    socket->setAuth([] {
        QCborMap auth;
        auth.insert(QStringLiteral("token"), QStringLiteral("abc"));
        return auth;
    });
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s1\",\"pid\":\"p1\"}");
    QCOMPARE(connectedSpy.at(0).at(0).toBool(), false);
    t->serverText("42[\"tick\",1,\"off1\"]");
    t->serverText("42[\"tick\",\"two\",\"off2\"]");
    // With an ack id the server appends no offset: nothing is stripped or recorded.
    t->serverText("427[\"ask\",\"keep-me\"]");
    QCOMPARE(ticks, (QList<QCborArray>{ { 1 }, { QStringLiteral("two") } }));
    QCOMPARE(asks, QList<QCborArray>{ { QStringLiteral("keep-me") } });

    FakeTransport *t2 = h.reconnect();
    QCOMPARE(t2->sentText(),
             QList<QByteArray>{ "40{\"pid\":\"p1\",\"offset\":\"off2\",\"token\":\"abc\"}" });
    // The server replays what was missed before its ack.
    t2->serverText("42[\"tick\",3,\"off3\"]");
    QCOMPARE(ticks.size(), 2);
    t2->serverText("40{\"sid\":\"s1\",\"pid\":\"p1\"}");
    QCOMPARE(connectedSpy.size(), 2);
    QCOMPARE(connectedSpy.at(1).at(0).toBool(), true);
    QVERIFY(socket->recovered());
    QCOMPARE(ticks.last(), QCborArray{ 3 });

    FakeTransport *t3 = h.reconnect();
    QCOMPARE(t3->sentText(),
             QList<QByteArray>{ "40{\"pid\":\"p1\",\"offset\":\"off3\",\"token\":\"abc\"}" });
    // Session expired on the server: new pid, not recovered.
    t3->serverText("40{\"sid\":\"s3\",\"pid\":\"p3\"}");
    QCOMPARE(connectedSpy.at(2).at(0).toBool(), false);
    QVERIFY(!socket->recovered());
    // No event since then: no offset to offer, so no recovery attempt.
    FakeTransport *t4 = h.reconnect();
    QCOMPARE(t4->sentText(), QList<QByteArray>{ "40{\"token\":\"abc\"}" });
}

void tst_Socket::noRecoveryWithoutOffsetOrPid()
{
    Harness h;
    Socket *socket = h.manager->socket();
    QList<QCborArray> messages;
    socket->on(QStringLiteral("msg"),
               [&messages](const QCborArray &args) { messages.append(args); });
    socket->connect();
    h.transport()->serverHandshake();
    // python-socketio: no pid, so a trailing string is an ordinary argument.
    h.transport()->serverText("40{\"sid\":\"s\"}");
    h.transport()->serverText("42[\"msg\",\"hello\"]");
    QCOMPARE(messages, QList<QCborArray>{ { QStringLiteral("hello") } });
    FakeTransport *t2 = h.reconnect();
    QCOMPARE(t2->sentText(), QList<QByteArray>{ "40" });
    t2->serverText("40{\"sid\":\"s\"}");
    QVERIFY(!socket->recovered());
}

void tst_Socket::handlersAreNotDuplicatedAcrossReconnects()
{
    Harness h;
    Socket *socket = h.manager->socket();
    int calls = 0;
    socket->on(QStringLiteral("alert"), [&calls](const QCborArray &) { ++calls; });
    socket->connect();
    h.transport()->serverHandshake();
    h.transport()->serverText("40{\"sid\":\"s\"}");
    for (int round = 1; round <= 5; ++round) {
        h.transport()->serverText("42[\"alert\"]");
        QCOMPARE(calls, round);
        FakeTransport *t = h.reconnect();
        QCOMPARE(t->sentText(), QList<QByteArray>{ "40" });
        t->serverText("40{\"sid\":\"s\"}");
    }
    h.transport()->serverText("42[\"alert\"]");
    QCOMPARE(calls, 6);
}

void tst_Socket::multiplexingTwoNamespaces()
{
    Harness h;
    Socket *main = h.manager->socket();
    Socket *monitor = h.manager->socket(QStringLiteral("/monitor"));
    QStringList seen;
    main->onAny([&seen](const QString &event, const QCborArray &) { seen.append(u"/:" + event); });
    monitor->onAny(
      [&seen](const QString &event, const QCborArray &) { seen.append(u"/monitor:" + event); });
    main->connect();
    monitor->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    QCOMPARE(t->sentText(), (QList<QByteArray>{ "40", "40/monitor," }));
    t->serverText("40/monitor,{\"sid\":\"m\"}");
    t->serverText("40{\"sid\":\"s\"}");
    QVERIFY(main->isConnected());
    QVERIFY(monitor->isConnected());
    t->serverText("42/monitor,[\"stats\"]");
    t->serverText("42[\"alert\"]");
    t->serverText("42/other,[\"ignored\"]");
    QCOMPARE(seen, (QStringList{ QStringLiteral("/monitor:stats"), QStringLiteral("/:alert") }));

    // Ack ids are per namespace and both replies find their own callback.
    AckOutcome a;
    AckOutcome b;
    main->emitWithAck(QStringLiteral("q"), {}, 5'000, a.callback());
    monitor->emitWithAck(QStringLiteral("q"), {}, 5'000, b.callback());
    QCOMPARE(t->sentTextFrom(2), (QList<QByteArray>{ "420[\"q\"]", "42/monitor,0[\"q\"]" }));
    t->serverText("43/monitor,0[\"m\"]");
    t->serverText("430[\"s\"]");
    QCOMPARE(a.args, QCborArray{ QStringLiteral("s") });
    QCOMPARE(b.args, QCborArray{ QStringLiteral("m") });
    QCOMPARE(h.transports.createdCount(), 1);
}

void tst_Socket::refusedNamespaceLeavesTheOtherConnected()
{
    Harness h;
    Socket *main = h.manager->socket();
    Socket *admin = h.manager->socket(QStringLiteral("/admin"));
    main->connect();
    admin->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    t->serverText("44/admin,{\"message\":\"not authorized\"}");
    QVERIFY(main->isConnected());
    QVERIFY(!admin->isActive());
    // After a reconnect only the active namespace asks again.
    FakeTransport *t2 = h.reconnect();
    QCOMPARE(t2->sentText(), QList<QByteArray>{ "40" });
}

void tst_Socket::receiveBufferOverflowStartsAFreshSession()
{
    SocketOptions options;
    options.maxReceiveBuffer = 3;
    Harness h;
    Socket *socket = h.manager->socket(QStringLiteral("/"), options);
    QSignalSpy errors(socket, &Socket::errorOccurred);
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\",\"pid\":\"p\"}");
    t->serverText("42[\"e\",\"o1\"]");
    FakeTransport *t2 = h.reconnect();
    QCOMPARE(t2->sentText(), QList<QByteArray>{ "40{\"pid\":\"p\",\"offset\":\"o1\"}" });
    for (int i = 0; i < 4; ++i)
        t2->serverText("42[\"e\",\"replayed\"]");
    QCOMPARE(errors.size(), 1);
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
    h.manager->reconnectNow();
    h.transport()->serverHandshake();
    // No claim to recover a session whose replay was cut short.
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
}

QTEST_GUILESS_MAIN(tst_Socket)
#include "tst_socket.moc"
