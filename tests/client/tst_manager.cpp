// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "client/Manager.h"
#include "client/Socket.h"
#include "protocol/Backoff.h"
#include "support/FakeTransport.h"

using namespace vigil::client;
using vigil::protocol::Backoff;
using vigil::testsupport::FakeTransport;
using vigil::testsupport::FakeTransportFactory;
using State = Manager::State;

namespace {

// Backoff so long that nothing happens unless the test calls reconnectNow().
ManagerOptions manualOptions()
{
    ManagerOptions options;
    options.backoff = Backoff::Options{ 60'000, 120'000, 2.0, 0.5 };
    options.random = [] { return 0.0; };
    return options;
}

// Backoff short enough that the test simply waits for the next attempt.
ManagerOptions fastOptions()
{
    ManagerOptions options;
    options.backoff = Backoff::Options{ 10, 40, 2.0, 0.5 };
    options.random = [] { return 0.0; };
    return options;
}

struct Harness
{
    explicit Harness(ManagerOptions options = manualOptions(),
                     const QUrl &url = QUrl(QStringLiteral("http://127.0.0.1:4321")))
      : manager(std::make_unique<Manager>(url, std::move(options), transports.factory()))
    {
    }
    FakeTransport *transport() const { return transports.latest(); }

    FakeTransportFactory transports;
    std::unique_ptr<Manager> manager;
};

QList<State> states(const QSignalSpy &spy)
{
    QList<State> result;
    for (const QList<QVariant> &args : spy)
        result.append(args.at(0).value<State>());
    return result;
}

// A v4 client answers pings; it never sends one (Node closes the session on it).
bool sentPing(const FakeTransport *transport)
{
    for (const QByteArray &text : transport->sentText()) {
        if (text.startsWith('2'))
            return true;
    }
    return false;
}

} // namespace

class tst_Manager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void engineUrl_data();
    void engineUrl();
    void invalidUrlIsRefused();
    void openReachesOpenOnHandshake();
    void extraHeadersAreSent();
    void pingIsAnsweredWithPong();
    void invalidHandshakeFailsTheAttempt();
    void openTimeout();
    void heartbeatWatchdogFiresWithoutPings();
    void pingsKeepTheConnectionAlive();
    void suspendIsNoticedBeforeSending();
    void hugeHeartbeatDoesNotOverflow();
    void serverCloseReconnects();
    void transportCloseReconnects();
    void decodeErrorReconnects();
    void backoffDelaysComeFromBackoff();
    void attemptsResetAfterSuccessAndPerOutage();
    void reconnectFailedAfterLimit();
    void reconnectionDisabled();
    void overlappingAttemptsAreImpossible();
    void lateSignalsOfAnAbandonedTransportAreIgnored();
    void reconnectNowSkipsTheWait();
    void closeStopsReconnecting();
    void closeWhileOpen();
    void fullStateSequence();
};

void tst_Manager::engineUrl_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http") << "http://127.0.0.1:3000"
                          << "/socket.io/"
                          << "ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket";
    QTest::newRow("https") << "https://vigil.example"
                           << "/socket.io/"
                           << "wss://vigil.example/socket.io/?EIO=4&transport=websocket";
    QTest::newRow("ws") << "ws://h:1"
                        << "/socket.io/"
                        << "ws://h:1/socket.io/?EIO=4&transport=websocket";
    QTest::newRow("wss") << "wss://h"
                         << "/socket.io/"
                         << "wss://h/socket.io/?EIO=4&transport=websocket";
    QTest::newRow("path ignored, query kept")
      << "http://h:1/ignored?app=qt"
      << "/socket.io/"
      << "ws://h:1/socket.io/?app=qt&EIO=4&transport=websocket";
    QTest::newRow("custom path gets its slashes") << "http://h:1"
                                                  << "rt"
                                                  << "ws://h:1/rt/?EIO=4&transport=websocket";
    QTest::newRow("caller's EIO replaced") << "http://h:1?EIO=3"
                                           << "/socket.io/"
                                           << "ws://h:1/socket.io/?EIO=4&transport=websocket";
}

void tst_Manager::engineUrl()
{
    QFETCH(QString, server);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    ManagerOptions options = manualOptions();
    options.path = path;
    Harness h(options, QUrl(server));
    QCOMPARE(h.manager->engineUrl().toString(), expected);
    h.manager->open();
    QVERIFY(h.transport());
    QCOMPARE(h.transport()->url().toString(), expected);
}

void tst_Manager::invalidUrlIsRefused()
{
    Harness h(manualOptions(), QUrl(QStringLiteral("ftp://h/")));
    QSignalSpy errors(h.manager.get(), &Manager::errorOccurred);
    h.manager->open();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains(QLatin1StringView("invalid server URL")));
    QCOMPARE(h.manager->state(), State::Disconnected);
    QCOMPARE(h.transports.createdCount(), 0);
}

void tst_Manager::openReachesOpenOnHandshake()
{
    Harness h;
    QSignalSpy stateSpy(h.manager.get(), &Manager::stateChanged);
    h.manager->open();
    QCOMPARE(h.manager->state(), State::Connecting);
    QVERIFY(h.manager->attemptInProgress());
    QCOMPARE(h.transports.createdCount(), 1);
    h.transport()->serverHandshake(1234, 5678, "abc");
    QCOMPARE(h.manager->state(), State::Open);
    QVERIFY(!h.manager->attemptInProgress());
    QCOMPARE(h.manager->handshake().sid, QStringLiteral("abc"));
    QCOMPARE(h.manager->handshake().pingInterval, 1234);
    QCOMPARE(h.manager->handshake().pingTimeout, 5678);
    QCOMPARE(states(stateSpy), (QList<State>{ State::Connecting, State::Open }));
    // Opening again while open changes nothing.
    h.manager->open();
    QCOMPARE(h.transports.createdCount(), 1);
}

void tst_Manager::extraHeadersAreSent()
{
    ManagerOptions options = manualOptions();
    options.extraHeaders = { { "X-Station", "ward-3" } };
    Harness h(options);
    h.manager->open();
    QCOMPARE(h.transport()->headers(), options.extraHeaders);
    // The token travels in the CONNECT payload, never in the URL.
    QVERIFY(!h.transport()->url().toString().contains(QLatin1StringView("token")));
}

void tst_Manager::pingIsAnsweredWithPong()
{
    Harness h;
    QSignalSpy pings(h.manager.get(), &Manager::pingReceived);
    h.manager->open();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    QVERIFY(t->sentText().isEmpty());
    t->serverText("2");
    QCOMPARE(t->sentText(), QList<QByteArray>{ "3" });
    t->serverText("2");
    QCOMPARE(t->sentText(), (QList<QByteArray>{ "3", "3" }));
    QCOMPARE(pings.size(), 2);
    // Noop and a stray pong are ignored, not answered.
    t->serverText("6");
    t->serverText("3");
    QCOMPARE(t->sentText().size(), 2);
    QVERIFY(!sentPing(t));
    QCOMPARE(h.manager->state(), State::Open);
}

void tst_Manager::invalidHandshakeFailsTheAttempt()
{
    Harness h;
    QSignalSpy errors(h.manager.get(), &Manager::errorOccurred);
    QSignalSpy scheduled(h.manager.get(), &Manager::reconnectScheduled);
    h.manager->open();
    FakeTransport *t = h.transport();
    t->serverText("0{\"upgrades\":[]}");
    QCOMPARE(h.manager->state(), State::Reconnecting);
    QVERIFY(t->isClosed());
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains(QLatin1StringView("handshake")));
    QCOMPARE(scheduled.size(), 1);
}

void tst_Manager::openTimeout()
{
    ManagerOptions options = manualOptions();
    options.openTimeoutMs = 50;
    Harness h(options);
    QSignalSpy errors(h.manager.get(), &Manager::errorOccurred);
    QSignalSpy scheduled(h.manager.get(), &Manager::reconnectScheduled);
    h.manager->open();
    QPointer<FakeTransport> t = h.transport();
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).toString(), QStringLiteral("timeout"));
    QCOMPARE(scheduled.size(), 1);
    QCOMPARE(scheduled.at(0).at(0).toInt(), 1);
    QVERIFY(!h.manager->attemptInProgress());
    QVERIFY(!t || t->isClosed());
}

void tst_Manager::heartbeatWatchdogFiresWithoutPings()
{
    Harness h;
    QSignalSpy closedSpy(h.manager.get(), &Manager::connectionClosed);
    h.manager->open();
    QPointer<FakeTransport> t = h.transport();
    t->serverHandshake(30, 30);
    QCOMPARE(h.manager->state(), State::Open);
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
    QCOMPARE(closedSpy.size(), 1);
    QCOMPARE(closedSpy.at(0).at(0).toString(), QStringLiteral("ping timeout"));
    QVERIFY(!t || t->isClosed());
}

void tst_Manager::pingsKeepTheConnectionAlive()
{
    qint64 clock = 1'000'000;
    ManagerOptions options = manualOptions();
    options.heartbeatClock = [&clock] { return clock; };
    Harness h(options);
    h.manager->open();
    FakeTransport *t = h.transport();
    t->serverHandshake(25'000, 20'000);
    // Ten ping periods: each ping moves the deadline, so the link never expires.
    for (int i = 0; i < 10; ++i) {
        clock += 40'000;
        QVERIFY(!h.manager->heartbeatExpired());
        t->serverText("2");
    }
    clock += 44'999;
    QVERIFY(!h.manager->heartbeatExpired());
    clock += 1;
    QVERIFY(h.manager->heartbeatExpired());
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
}

void tst_Manager::suspendIsNoticedBeforeSending()
{
    qint64 clock = 0;
    ManagerOptions options = manualOptions();
    options.heartbeatClock = [&clock] { return clock; };
    Harness h(options);
    QSignalSpy closedSpy(h.manager.get(), &Manager::connectionClosed);
    Socket *socket = h.manager->socket();
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake(25'000, 20'000);
    t->serverText("40{\"sid\":\"s\"}");
    QVERIFY(socket->isConnected());
    t->clearSent();

    // The machine sleeps for an hour: no timer fired, but the link is dead.
    clock += 3'600'000;
    QCOMPARE(socket->emit(QStringLiteral("late")), EmitResult::Buffered);
    QVERIFY(t->sent().isEmpty());
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
    QCOMPARE(closedSpy.at(0).at(0).toString(), QStringLiteral("ping timeout"));

    // The event goes out on the next connection instead.
    h.manager->reconnectNow();
    FakeTransport *t2 = h.transport();
    QVERIFY(t2 != t);
    t2->serverHandshake();
    t2->serverText("40{\"sid\":\"s2\"}");
    QCOMPARE(t2->sentText(), (QList<QByteArray>{ "40", "42[\"late\"]" }));
}

void tst_Manager::hugeHeartbeatDoesNotOverflow()
{
    qint64 clock = 0;
    ManagerOptions options = manualOptions();
    options.heartbeatClock = [&clock] { return clock; };
    Harness h(options);
    h.manager->open();
    // The largest values the handshake decoder accepts; their sum does not fit a QTimer's int.
    h.transport()->serverText("0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":2147483647,"
                              "\"pingTimeout\":2147483647}");
    QCOMPARE(h.manager->state(), State::Open);
    QVERIFY(!h.manager->heartbeatExpired());
    QTest::qWait(50);
    QCOMPARE(h.manager->state(), State::Open);
    // Capped at a day each, so the link is still declared dead eventually.
    clock += 48LL * 3'600'000;
    QVERIFY(h.manager->heartbeatExpired());
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
}

void tst_Manager::serverCloseReconnects()
{
    Harness h;
    QSignalSpy closedSpy(h.manager.get(), &Manager::connectionClosed);
    QSignalSpy scheduled(h.manager.get(), &Manager::reconnectScheduled);
    h.manager->open();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("1");
    QCOMPARE(h.manager->state(), State::Reconnecting);
    QVERIFY(t->isClosed());
    QCOMPARE(closedSpy.at(0).at(0).toString(), QStringLiteral("transport close"));
    QCOMPARE(scheduled.size(), 1);
    QCOMPARE(scheduled.at(0).at(0).toInt(), 1);
    QCOMPARE(scheduled.at(0).at(1).toLongLong(), 60'000);
}

void tst_Manager::transportCloseReconnects()
{
    Harness h(fastOptions());
    QSignalSpy reconnected(h.manager.get(), &Manager::reconnected);
    h.manager->open();
    h.transport()->serverHandshake();
    h.transport()->serverClose();
    QCOMPARE(h.manager->state(), State::Reconnecting);
    QTRY_COMPARE(h.transports.createdCount(), 2);
    h.transport()->serverHandshake();
    QCOMPARE(h.manager->state(), State::Open);
    QCOMPARE(reconnected.size(), 1);
}

void tst_Manager::decodeErrorReconnects()
{
    Harness h;
    QSignalSpy closedSpy(h.manager.get(), &Manager::connectionClosed);
    QSignalSpy errors(h.manager.get(), &Manager::errorOccurred);
    h.manager->open();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("4abc");
    QCOMPARE(h.manager->state(), State::Reconnecting);
    QVERIFY(t->isClosed());
    QCOMPARE(closedSpy.at(0).at(0).toString(), QStringLiteral("parse error"));
    QCOMPARE(errors.size(), 1);
}

void tst_Manager::backoffDelaysComeFromBackoff()
{
    // Deterministic "random" numbers: the delays must be exactly Backoff's.
    const QList<double> randoms{ 0.0, 0.37, 0.99, 0.5, 0.12, 0.8, 0.25 };
    auto makeSource = [randoms] {
        auto index = std::make_shared<qsizetype>(0);
        return [randoms, index] { return randoms.at((*index)++ % randoms.size()); };
    };
    ManagerOptions options;
    options.backoff = Backoff::Options{ 1'000, 5'000, 2.0, 0.5 };
    options.random = makeSource();
    Backoff reference(options.backoff, makeSource());

    Harness h(options);
    QSignalSpy scheduled(h.manager.get(), &Manager::reconnectScheduled);
    QSignalSpy attempted(h.manager.get(), &Manager::reconnectAttempted);
    h.manager->open();
    h.transport()->serverError(QStringLiteral("connection refused"));
    for (int attempt = 1; attempt <= 7; ++attempt) {
        QCOMPARE(scheduled.size(), attempt);
        QCOMPARE(scheduled.last().at(0).toInt(), attempt);
        const qint64 delay = scheduled.last().at(1).toLongLong();
        QCOMPARE(delay, reference.nextDelayMs());
        QVERIFY(delay >= 0 && delay <= 5'000);
        h.manager->reconnectNow();
        QCOMPARE(attempted.size(), attempt);
        QCOMPARE(attempted.last().at(0).toInt(), attempt);
        h.transport()->serverError(QStringLiteral("connection refused"));
    }
    // socket.io-client's formula with random 0: min * 2^n minus nothing, capped.
    const QList<qint64> zeroJitter{ 1'000, 2'000, 4'000, 5'000, 5'000 };
    ManagerOptions plain;
    plain.random = [] { return 0.0; };
    Harness h2(plain);
    QSignalSpy scheduled2(h2.manager.get(), &Manager::reconnectScheduled);
    h2.manager->open();
    for (qint64 expected : zeroJitter) {
        h2.transport()->serverError(QStringLiteral("refused"));
        QCOMPARE(scheduled2.last().at(1).toLongLong(), expected);
        h2.manager->reconnectNow();
    }
}

void tst_Manager::attemptsResetAfterSuccessAndPerOutage()
{
    Harness h;
    QSignalSpy scheduled(h.manager.get(), &Manager::reconnectScheduled);
    QSignalSpy reconnected(h.manager.get(), &Manager::reconnected);
    h.manager->open();
    h.transport()->serverHandshake();
    h.transport()->serverClose();
    QCOMPARE(scheduled.last().at(0).toInt(), 1);
    h.manager->reconnectNow();
    h.transport()->serverError(QStringLiteral("refused"));
    QCOMPARE(scheduled.last().at(0).toInt(), 2);
    QCOMPARE(scheduled.last().at(1).toLongLong(), 120'000);
    h.manager->reconnectNow();
    h.transport()->serverHandshake();
    QCOMPARE(reconnected.size(), 1);
    // A new outage starts from attempt 1 and the minimum delay again.
    h.transport()->serverClose();
    QCOMPARE(scheduled.last().at(0).toInt(), 1);
    QCOMPARE(scheduled.last().at(1).toLongLong(), 60'000);
}

void tst_Manager::reconnectFailedAfterLimit()
{
    ManagerOptions options = fastOptions();
    options.reconnectionAttempts = 2;
    Harness h(options);
    QSignalSpy failed(h.manager.get(), &Manager::reconnectFailed);
    QSignalSpy attempted(h.manager.get(), &Manager::reconnectAttempted);
    h.manager->open();
    h.transport()->serverError(QStringLiteral("refused"));
    QTRY_COMPARE(h.transports.createdCount(), 2);
    h.transport()->serverError(QStringLiteral("refused"));
    QTRY_COMPARE(h.transports.createdCount(), 3);
    h.transport()->serverError(QStringLiteral("refused"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(attempted.size(), 2);
    QCOMPARE(h.manager->state(), State::Disconnected);
    QTest::qWait(100);
    QCOMPARE(h.transports.createdCount(), 3);
    // reconnectNow() after giving up starts over.
    h.manager->reconnectNow();
    QCOMPARE(h.manager->state(), State::Connecting);
    QCOMPARE(h.transports.createdCount(), 4);
}

void tst_Manager::reconnectionDisabled()
{
    ManagerOptions options = fastOptions();
    options.reconnection = false;
    Harness h(options);
    QSignalSpy scheduled(h.manager.get(), &Manager::reconnectScheduled);
    h.manager->open();
    h.transport()->serverError(QStringLiteral("refused"));
    QCOMPARE(h.manager->state(), State::Disconnected);
    h.manager->open();
    h.transport()->serverHandshake();
    h.transport()->serverClose();
    QCOMPARE(h.manager->state(), State::Disconnected);
    QTest::qWait(100);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(h.transports.createdCount(), 2);
}

void tst_Manager::overlappingAttemptsAreImpossible()
{
    Harness h;
    h.manager->open();
    h.manager->open();
    h.manager->reconnectNow();
    QCOMPARE(h.transports.createdCount(), 1);
    h.transport()->serverError(QStringLiteral("refused"));
    h.manager->reconnectNow();
    QCOMPARE(h.transports.createdCount(), 2);
    // Attempt 1 is running: neither call may start another.
    h.manager->reconnectNow();
    h.manager->open();
    Socket *socket = h.manager->socket();
    socket->connect();
    QCOMPARE(h.transports.createdCount(), 2);
    QVERIFY(h.transports.at(0) == nullptr || h.transports.at(0)->isClosed());
    QVERIFY(!h.transport()->isClosed());
}

void tst_Manager::lateSignalsOfAnAbandonedTransportAreIgnored()
{
    ManagerOptions options = manualOptions();
    options.openTimeoutMs = 30;
    Harness h(options);
    h.manager->open();
    QPointer<FakeTransport> first = h.transport();
    QTRY_COMPARE(h.manager->state(), State::Reconnecting);
    h.manager->reconnectNow();
    FakeTransport *second = h.transport();
    QVERIFY(second != first);
    // The timed-out connection answers late; that must not open the Manager.
    if (first) {
        first->serverHandshake();
        first->serverClose();
    }
    QCOMPARE(h.manager->state(), State::Reconnecting);
    QVERIFY(h.manager->attemptInProgress());
    second->serverHandshake();
    QCOMPARE(h.manager->state(), State::Open);
}

void tst_Manager::reconnectNowSkipsTheWait()
{
    Harness h;
    QSignalSpy attempted(h.manager.get(), &Manager::reconnectAttempted);
    h.manager->open();
    h.transport()->serverHandshake();
    h.transport()->serverClose();
    QCOMPARE(h.manager->state(), State::Reconnecting);
    QCOMPARE(h.transports.createdCount(), 1);
    h.manager->reconnectNow(); // the scheduled delay is a minute
    QCOMPARE(attempted.size(), 1);
    QCOMPARE(h.transports.createdCount(), 2);
    h.transport()->serverHandshake();
    QCOMPARE(h.manager->state(), State::Open);
    // Open: nothing to skip.
    h.manager->reconnectNow();
    QCOMPARE(h.transports.createdCount(), 2);
}

void tst_Manager::closeStopsReconnecting()
{
    Harness h(fastOptions());
    QSignalSpy attempted(h.manager.get(), &Manager::reconnectAttempted);
    h.manager->open();
    h.transport()->serverHandshake();
    h.transport()->serverClose();
    QCOMPARE(h.manager->state(), State::Reconnecting);
    h.manager->close();
    QCOMPARE(h.manager->state(), State::Disconnected);
    QTest::qWait(150); // several backoff periods
    QCOMPARE(attempted.size(), 0);
    QCOMPARE(h.transports.createdCount(), 1);

    // Also while an attempt is running.
    h.manager->open();
    QCOMPARE(h.transports.createdCount(), 2);
    FakeTransport *t = h.transport();
    h.manager->close();
    QVERIFY(t->isClosed());
    QTest::qWait(150);
    QCOMPARE(h.transports.createdCount(), 2);
    QCOMPARE(h.manager->state(), State::Disconnected);
}

void tst_Manager::closeWhileOpen()
{
    Harness h(fastOptions());
    QSignalSpy closedSpy(h.manager.get(), &Manager::connectionClosed);
    Socket *socket = h.manager->socket();
    QSignalSpy disconnected(socket, &Socket::disconnected);
    socket->connect();
    FakeTransport *t = h.transport();
    t->serverHandshake();
    t->serverText("40{\"sid\":\"s\"}");
    h.manager->close();
    QVERIFY(t->isClosed());
    QCOMPARE(h.manager->state(), State::Disconnected);
    QCOMPARE(closedSpy.at(0).at(0).toString(), QStringLiteral("forced close"));
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("forced close"));
    QTest::qWait(100);
    QCOMPARE(h.transports.createdCount(), 1);
    // The socket stayed active: opening again reconnects it.
    QVERIFY(socket->isActive());
    h.manager->open();
    h.transport()->serverHandshake();
    QCOMPARE(h.transport()->sentText(), QList<QByteArray>{ "40" });
}

void tst_Manager::fullStateSequence()
{
    Harness h;
    QSignalSpy stateSpy(h.manager.get(), &Manager::stateChanged);
    h.manager->open();                                  // Connecting
    h.transport()->serverError(QStringLiteral("down")); // Reconnecting
    h.manager->reconnectNow();                          // (attempt 1, still Reconnecting)
    h.transport()->serverHandshake();                   // Open
    h.transport()->serverText("1");                     // Reconnecting
    h.manager->close();                                 // Disconnected
    QCOMPARE(states(stateSpy),
             (QList<State>{ State::Connecting,
                            State::Reconnecting,
                            State::Open,
                            State::Reconnecting,
                            State::Disconnected }));
}

QTEST_GUILESS_MAIN(tst_Manager)
#include "tst_manager.moc"
