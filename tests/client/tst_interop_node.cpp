// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The client against the real Node socket.io 4.8.4 server (tests/interop/sio-peer.mjs). Needs
// `node` on PATH and `npm ci` run in tests/interop (scripts/run-tests does it).
#include <memory>
#include <optional>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "client/Manager.h"
#include "client/Socket.h"
#include "protocol/Json.h"

using namespace vigil::client;
using vigil::protocol::Backoff;
using State = Manager::State;

namespace {

constexpr int waitMs = 10'000;

QString interopDir()
{
    return QStringLiteral(VIGIL_INTEROP_DIR);
}

/// One sio-peer.mjs process; it prints its port, and exits when its stdin closes.
class NodePeer
{
public:
    ~NodePeer() { stop(); }

    /// Empty on success, else why the peer could not start.
    QString start(const QString &node, const QStringList &environment)
    {
        m_process.setProgram(node);
        m_process.setArguments({ QDir(interopDir()).filePath(QStringLiteral("sio-peer.mjs")) });
        m_process.setWorkingDirectory(interopDir());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : environment)
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(waitMs))
            return QStringLiteral("node did not start: ") + m_process.errorString();
        QDeadlineTimer deadline(waitMs);
        while (!m_process.canReadLine() && !deadline.hasExpired() &&
               m_process.state() == QProcess::Running)
            m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        if (!m_process.canReadLine())
            return QStringLiteral("sio-peer.mjs printed no port");
        const auto line = vigil::protocol::json::parse(m_process.readLine().trimmed());
        const qint64 port =
          line ? line.value().toMap().value(QStringLiteral("port")).toInteger() : 0;
        if (port <= 0)
            return QStringLiteral("sio-peer.mjs printed no valid port");
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        return {};
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(3'000)) {
            m_process.kill();
            m_process.waitForFinished(3'000);
        }
    }

    QUrl url() const { return m_url; }

private:
    QProcess m_process;
    QUrl m_url;
};

ManagerOptions fastOptions()
{
    ManagerOptions options;
    options.backoff = Backoff::Options{ 100, 200, 2.0, 0.5 };
    options.openTimeoutMs = 5'000;
    return options;
}

QCborMap authWith(const QString &token)
{
    QCborMap auth;
    auth.insert(QStringLiteral("token"), token);
    return auth;
}

/// Every event a socket receives, in order.
struct EventLog
{
    explicit EventLog(Socket *socket)
    {
        socket->onAny([this](const QString &event, const QCborArray &args) {
            events.append({ event, args });
        });
    }
    QList<QCborArray> of(const QString &name) const
    {
        QList<QCborArray> result;
        for (const auto &[event, args] : events) {
            if (event == name)
                result.append(args);
        }
        return result;
    }
    QList<QPair<QString, QCborArray>> events;
};

/// Calls emitWithAck and keeps the outcome.
struct AckBox
{
    std::optional<AckResult> result;
    AckCallback callback()
    {
        return [this](const AckResult &r) { result = r; };
    }
    QCborValue first() const
    {
        return result && result->ok() && !result->value().isEmpty() ? result->value().at(0)
                                                                    : QCborValue();
    }
};

} // namespace

class tst_InteropNode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectWithAuth();
    void echoPlainAndBinary();
    void acksBothWays();
    void rooms();
    void multiplexingOnOneConnection();
    void middlewareRefusalIsFinal();
    void serverDisconnectIsNotRetried();
    void reconnectAfterDropWithBufferFlushed();
    void connectionStateRecovery();
    void heartbeatWithTheRealServer();

private:
    QString m_node;
    NodePeer m_plain;
    NodePeer m_recovering;
};

void tst_InteropNode::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (m_node.isEmpty())
        QSKIP("node is not on PATH (apt-get install nodejs npm)");
    if (!QFileInfo::exists(interopDir() + QStringLiteral("/node_modules/socket.io/package.json")))
        QSKIP("tests/interop/node_modules is missing: run `npm ci` in tests/interop "
              "(scripts/run-tests does)");
    QString error = m_plain.start(m_node, {});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_recovering.start(m_node, { QStringLiteral("CSR=1") });
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_InteropNode::connectWithAuth()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *socket = manager.socket();
    EventLog log(socket);
    QSignalSpy connectedSpy(socket, &Socket::connected);
    socket->setAuth([] { return authWith(QStringLiteral("abc")); });
    socket->connect();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 1, waitMs);
    QCOMPARE(connectedSpy.at(0).at(0).toBool(), false);
    QVERIFY(!socket->id().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(log.of(QStringLiteral("auth")).size(), 1, waitMs);
    QCOMPARE(log.of(QStringLiteral("auth")).at(0), QCborArray{ authWith(QStringLiteral("abc")) });

    AckBox info;
    socket->emitWithAck(QStringLiteral("info"), {}, waitMs, info.callback());
    QTRY_VERIFY_WITH_TIMEOUT(info.result.has_value(), waitMs);
    const QCborMap map = info.first().toMap();
    QCOMPARE(map.value(QStringLiteral("id")).toString(), socket->id());
    QCOMPARE(map.value(QStringLiteral("nsp")).toString(), QStringLiteral("/"));
}

void tst_InteropNode::echoPlainAndBinary()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *socket = manager.socket();
    EventLog log(socket);
    QCborMap nested;
    nested.insert(QStringLiteral("z"), QCborArray{ 1, 2.5, true, QCborValue(nullptr) });
    nested.insert(QStringLiteral("a"), QStringLiteral("ünïcødé ✓"));
    nested.insert(QStringLiteral("blob"), QCborValue(QByteArray("\x00\x01\xfe\xff", 4)));
    const QCborArray plain{ QStringLiteral("hello"), 42, nested };
    const QCborArray binary{ QCborValue(QByteArray(70'000, 'x')),
                             QCborValue(QByteArray()),
                             QStringLiteral("after") };
    // Emitted before connecting: buffered, then flushed in order after the ack.
    QCOMPARE(socket->emit(QStringLiteral("echo"), plain), EmitResult::Buffered);
    socket->connect();
    QTRY_VERIFY_WITH_TIMEOUT(socket->isConnected(), waitMs);
    QCOMPARE(socket->emit(QStringLiteral("echo"), binary), EmitResult::Sent);
    QTRY_COMPARE_WITH_TIMEOUT(log.of(QStringLiteral("echo-back")).size(), 2, waitMs);
    QCOMPARE(log.of(QStringLiteral("echo-back")).at(0), plain);
    QCOMPARE(log.of(QStringLiteral("echo-back")).at(1), binary);
}

void tst_InteropNode::acksBothWays()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *socket = manager.socket();
    const QByteArray bytes("\x01\x02\x03", 3);
    QCborArray asked;
    socket->on(QStringLiteral("question"), [&](const QCborArray &args, const AckReply &reply) {
        asked = args;
        QCborMap answer;
        answer.insert(QStringLiteral("answer"), QStringLiteral("because"));
        answer.insert(QStringLiteral("bin"), QCborValue(bytes));
        reply({ answer });
    });
    socket->connect();
    QTRY_VERIFY_WITH_TIMEOUT(socket->isConnected(), waitMs);

    // Client -> server ack, with binary both ways.
    AckBox echo;
    socket->emitWithAck(QStringLiteral("echo-ack"),
                        { QStringLiteral("x"), QCborValue(bytes) },
                        waitMs,
                        echo.callback());
    QTRY_VERIFY_WITH_TIMEOUT(echo.result.has_value(), waitMs);
    QVERIFY(echo.result->ok());
    QCOMPARE(echo.result->value(), (QCborArray{ QStringLiteral("x"), QCborValue(bytes) }));

    // Server -> client ack: the server asks us, then reports our answer.
    AckBox ask;
    socket->emitWithAck(QStringLiteral("ask"),
                        { QStringLiteral("question"), QStringLiteral("why?") },
                        waitMs,
                        ask.callback());
    QTRY_VERIFY_WITH_TIMEOUT(ask.result.has_value(), waitMs);
    QCOMPARE(asked, QCborArray{ QStringLiteral("why?") });
    const QCborMap answer = ask.first().toMap();
    QCOMPARE(answer.value(QStringLiteral("answer")).toString(), QStringLiteral("because"));
    QCOMPARE(answer.value(QStringLiteral("bin")).toByteArray(), bytes);

    // Nobody answers "silence": the server's ack times out, ours does not fire twice.
    AckBox silent;
    socket->emitWithAck(
      QStringLiteral("ask"), { QStringLiteral("silence") }, waitMs, silent.callback());
    QTRY_VERIFY_WITH_TIMEOUT(silent.result.has_value(), waitMs);
    QCOMPARE(silent.first().toMap().value(QStringLiteral("error")).toString(),
             QStringLiteral("operation has timed out"));

    // An event the server never acks: our timeout fires.
    AckBox never;
    socket->emitWithAck(QStringLiteral("echo"), {}, 200, never.callback());
    QTRY_VERIFY_WITH_TIMEOUT(never.result.has_value(), waitMs);
    QCOMPARE(never.result->error().code, AckErrorCode::TimedOut);
}

void tst_InteropNode::rooms()
{
    Manager managerA(m_plain.url(), fastOptions());
    Manager managerB(m_plain.url(), fastOptions());
    Socket *a = managerA.socket();
    Socket *b = managerB.socket();
    EventLog logA(a);
    EventLog logB(b);
    a->connect();
    b->connect();
    QTRY_VERIFY_WITH_TIMEOUT(a->isConnected() && b->isConnected(), waitMs);

    AckBox joined;
    a->emitWithAck(QStringLiteral("join"), { QStringLiteral("ward-1") }, waitMs, joined.callback());
    QTRY_VERIFY_WITH_TIMEOUT(joined.result.has_value(), waitMs);
    QVERIFY(joined.first().toArray().contains(QStringLiteral("ward-1")));

    AckBox sent;
    b->emitWithAck(QStringLiteral("to-room"),
                   { QStringLiteral("ward-1"), QStringLiteral("hello") },
                   waitMs,
                   sent.callback());
    QTRY_COMPARE_WITH_TIMEOUT(logA.of(QStringLiteral("room-msg")).size(), 1, waitMs);
    QCOMPARE(logA.of(QStringLiteral("room-msg")).at(0),
             (QCborArray{ QStringLiteral("ward-1"), QStringLiteral("hello") }));
    QTRY_VERIFY_WITH_TIMEOUT(sent.result.has_value(), waitMs);
    QVERIFY(logB.of(QStringLiteral("room-msg")).isEmpty()); // B is not in the room

    AckBox left;
    a->emitWithAck(QStringLiteral("leave"), { QStringLiteral("ward-1") }, waitMs, left.callback());
    QTRY_VERIFY_WITH_TIMEOUT(left.result.has_value(), waitMs);
    QVERIFY(!left.first().toArray().contains(QStringLiteral("ward-1")));
    AckBox bJoined;
    b->emitWithAck(
      QStringLiteral("join"), { QStringLiteral("ward-1") }, waitMs, bJoined.callback());
    QTRY_VERIFY_WITH_TIMEOUT(bJoined.result.has_value(), waitMs);
    b->emit(QStringLiteral("to-room"), { QStringLiteral("ward-1"), QStringLiteral("again") });
    QTRY_COMPARE_WITH_TIMEOUT(logB.of(QStringLiteral("room-msg")).size(), 1, waitMs);
    // A left: a message A would get was sent at the same instant as B's copy.
    AckBox roundTrip;
    a->emitWithAck(QStringLiteral("echo-ack"), {}, waitMs, roundTrip.callback());
    QTRY_VERIFY_WITH_TIMEOUT(roundTrip.result.has_value(), waitMs);
    QCOMPARE(logA.of(QStringLiteral("room-msg")).size(), 1);
}

void tst_InteropNode::multiplexingOnOneConnection()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *main = manager.socket();
    Socket *custom = manager.socket(QStringLiteral("/custom"));
    EventLog logMain(main);
    EventLog logCustom(custom);
    main->setAuth([] { return authWith(QStringLiteral("main")); });
    custom->setAuth([] { return authWith(QStringLiteral("custom")); });
    main->connect();
    custom->connect();
    QTRY_VERIFY_WITH_TIMEOUT(main->isConnected() && custom->isConnected(), waitMs);

    AckBox infoMain;
    AckBox infoCustom;
    main->emitWithAck(QStringLiteral("info"), {}, waitMs, infoMain.callback());
    custom->emitWithAck(QStringLiteral("info"), {}, waitMs, infoCustom.callback());
    QTRY_VERIFY_WITH_TIMEOUT(infoMain.result && infoCustom.result, waitMs);
    const QCborMap m = infoMain.first().toMap();
    const QCborMap c = infoCustom.first().toMap();
    QCOMPARE(m.value(QStringLiteral("nsp")).toString(), QStringLiteral("/"));
    QCOMPARE(c.value(QStringLiteral("nsp")).toString(), QStringLiteral("/custom"));
    QCOMPARE(c.value(QStringLiteral("auth")).toMap(), authWith(QStringLiteral("custom")));
    QVERIFY(!m.value(QStringLiteral("eio")).toString().isEmpty());
    QCOMPARE(m.value(QStringLiteral("eio")).toString(), c.value(QStringLiteral("eio")).toString());

    custom->emit(QStringLiteral("echo"), { QStringLiteral("only-custom") });
    QTRY_COMPARE_WITH_TIMEOUT(logCustom.of(QStringLiteral("echo-back")).size(), 1, waitMs);
    main->emit(QStringLiteral("echo"), { QStringLiteral("only-main") });
    QTRY_COMPARE_WITH_TIMEOUT(logMain.of(QStringLiteral("echo-back")).size(), 1, waitMs);
    QCOMPARE(logMain.of(QStringLiteral("echo-back")).at(0),
             QCborArray{ QStringLiteral("only-main") });
    QCOMPARE(logCustom.of(QStringLiteral("echo-back")).size(), 1);
}

void tst_InteropNode::middlewareRefusalIsFinal()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *main = manager.socket();
    Socket *admin = manager.socket(QStringLiteral("/admin"));
    QSignalSpy refused(admin, &Socket::connectError);
    QSignalSpy adminConnected(admin, &Socket::connected);
    QString token = QStringLiteral("wrong");
    admin->setAuth([&token] { return authWith(token); });
    main->connect();
    admin->connect();
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, waitMs);
    QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("not authorized"));
    QCOMPARE(
      refused.at(0).at(1).value<QCborValue>().toMap().value(QStringLiteral("code")).toInteger(),
      401);
    QVERIFY(!admin->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(main->isConnected(), waitMs);
    QTest::qWait(600); // several backoff periods: nothing may retry by itself
    QCOMPARE(refused.size(), 1);
    QCOMPARE(adminConnected.size(), 0);

    // The application fixes its credentials and asks again.
    token = QStringLiteral("secret");
    admin->connect();
    QTRY_COMPARE_WITH_TIMEOUT(adminConnected.size(), 1, waitMs);
    QCOMPARE(refused.size(), 1);
}

void tst_InteropNode::serverDisconnectIsNotRetried()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *socket = manager.socket();
    QSignalSpy disconnected(socket, &Socket::disconnected);
    QSignalSpy connectedSpy(socket, &Socket::connected);
    QSignalSpy attempts(&manager, &Manager::reconnectAttempted);
    socket->connect();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 1, waitMs);
    socket->emit(QStringLiteral("server-disconnect"));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("io server disconnect"));
    QVERIFY(!socket->isActive());
    QTest::qWait(600);
    QCOMPARE(connectedSpy.size(), 1);
    QCOMPARE(attempts.size(), 0);
    QCOMPARE(manager.state(), State::Disconnected);
}

void tst_InteropNode::reconnectAfterDropWithBufferFlushed()
{
    Manager manager(m_plain.url(), fastOptions());
    Socket *socket = manager.socket();
    EventLog log(socket);
    QSignalSpy disconnected(socket, &Socket::disconnected);
    QSignalSpy connectedSpy(socket, &Socket::connected);
    QSignalSpy reconnected(&manager, &Manager::reconnected);
    socket->connect();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 1, waitMs);
    const QString firstId = socket->id();

    socket->emit(QStringLiteral("drop-transport"), { 3 });
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("transport close"));
    QVERIFY(socket->isActive());
    QCOMPARE(socket->emit(QStringLiteral("echo"), { QStringLiteral("b1") }), EmitResult::Buffered);
    QCOMPARE(socket->emit(QStringLiteral("echo"), { QStringLiteral("b2") }), EmitResult::Buffered);

    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 2, waitMs);
    QCOMPARE(connectedSpy.at(1).at(0).toBool(), false);
    QCOMPARE(reconnected.size(), 1);
    QVERIFY(socket->id() != firstId);
    QTRY_COMPARE_WITH_TIMEOUT(log.of(QStringLiteral("echo-back")).size(), 2, waitMs);
    QCOMPARE(log.of(QStringLiteral("echo-back")),
             (QList<QCborArray>{ { QStringLiteral("b1") }, { QStringLiteral("b2") } }));
    // Without recovery the events sent during the outage are simply gone.
    QVERIFY(log.of(QStringLiteral("missed")).isEmpty());
}

void tst_InteropNode::connectionStateRecovery()
{
    Manager manager(m_recovering.url(), fastOptions());
    Socket *socket = manager.socket();
    EventLog log(socket);
    QSignalSpy connectedSpy(socket, &Socket::connected);
    QSignalSpy disconnected(socket, &Socket::disconnected);
    socket->setAuth([] { return authWith(QStringLiteral("abc")); });
    socket->connect();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 1, waitMs);
    QCOMPARE(connectedSpy.at(0).at(0).toBool(), false);
    // The server's "auth" event carries an offset: it must not reach the handler.
    QTRY_COMPARE_WITH_TIMEOUT(log.of(QStringLiteral("auth")).size(), 1, waitMs);
    QCOMPARE(log.of(QStringLiteral("auth")).at(0), QCborArray{ authWith(QStringLiteral("abc")) });
    const QString firstId = socket->id();

    socket->emit(QStringLiteral("drop-transport"), { 3 });
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 2, waitMs);
    QCOMPARE(connectedSpy.at(1).at(0).toBool(), true);
    QVERIFY(socket->recovered());
    QCOMPARE(socket->id(), firstId);
    QTRY_COMPARE_WITH_TIMEOUT(log.of(QStringLiteral("missed")).size(), 3, waitMs);
    QCOMPARE(log.of(QStringLiteral("missed")), (QList<QCborArray>{ { 1 }, { 2 }, { 3 } }));

    AckBox info;
    socket->emitWithAck(QStringLiteral("info"), {}, waitMs, info.callback());
    QTRY_VERIFY_WITH_TIMEOUT(info.result.has_value(), waitMs);
    const QCborMap map = info.first().toMap();
    QCOMPARE(map.value(QStringLiteral("recovered")).toBool(), true);
    // What the server saw in the CONNECT: pid and offset beside the application's token.
    const QCborMap auth = map.value(QStringLiteral("auth")).toMap();
    QCOMPARE(auth.value(QStringLiteral("token")).toString(), QStringLiteral("abc"));
    QVERIFY(!auth.value(QStringLiteral("pid")).toString().isEmpty());
    QVERIFY(!auth.value(QStringLiteral("offset")).toString().isEmpty());
}

void tst_InteropNode::heartbeatWithTheRealServer()
{
    NodePeer fast;
    const QString error = fast.start(
      m_node, { QStringLiteral("PING_INTERVAL=100"), QStringLiteral("PING_TIMEOUT=2000") });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Manager manager(fast.url(), fastOptions());
    Socket *socket = manager.socket();
    QSignalSpy pings(&manager, &Manager::pingReceived);
    QSignalSpy disconnected(socket, &Socket::disconnected);
    socket->connect();
    QTRY_VERIFY_WITH_TIMEOUT(socket->isConnected(), waitMs);
    // Node closes a session whose pings go unanswered (and one that receives a ping): five
    // answered pings on one session prove the direction and the replies are right.
    QTRY_VERIFY_WITH_TIMEOUT(pings.size() >= 5, waitMs);
    QCOMPARE(disconnected.size(), 0);
    QCOMPARE(manager.state(), State::Open);
}

QTEST_GUILESS_MAIN(tst_InteropNode)
#include "tst_interop_node.moc"
