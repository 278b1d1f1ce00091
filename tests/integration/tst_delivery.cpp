// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The delivery guarantee end to end (CONTRACT §9): `vigil-cli watch --json` follows two hospitals
// while alerts are published without pause (to both and to a third it does not follow) and the
// server is killed with SIGKILL and restarted, several times. Afterwards the alerts printed must be
// exactly the alerts the server stored for the two hospitals: each once, none missing, none of the
// third. The same scenario with the watch's backfill switched off (hidden --no-backfill) must miss
// alerts, which shows that the test can tell a correct client from a naive one.
//
// The server under test is a row of delivery_data(): a program, its arguments and environment, and
// the users to log in with. Rows for backends that are not installed skip with the reason.
#include <functional>
#include <memory>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <signal.h>

#include "client/ApiClient.h"
#include "protocol/Json.h"

using namespace vigil::client;
using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 30'000;
constexpr int restarts = 4;

QString interopDir()
{
    return QStringLiteral(VIGIL_INTEROP_DIR);
}

/// How to run one backend that follows the Vigil contract.
struct ServerSpec
{
    QString program;
    QStringList arguments;
    QString workingDirectory;
    /// Environment entries (NAME=value) for a server on `port` keeping its data in `dataDir`.
    /// It must keep what it stored across restarts with the same dataDir.
    std::function<QStringList(int port, const QString &dataDir)> environment;
    /// Empty when the backend can run here, else why not (the row is skipped).
    std::function<QString()> unavailable;
    QString watcher;
    QString watcherPassword;
    QString publisher;
    QString publisherPassword;
    /// The server signs tokens with a new key at every start: the watch must log in again.
    bool newKeyPerStart = false;
    /// Two hospitals the watcher may see and follows, and one it does not follow.
    QString followedA;
    QString followedB;
    QString unfollowed;
};

/// Without SECRET_KEY the peers sign with a new random key at every start, as vigil-server does
/// in --demo: every restart then also invalidates the watch's token.
QStringList peerEnvironment(int port, const QString &dataDir)
{
    return { u"PORT="_s + QString::number(port),
             u"STORE_FILE="_s + QDir(dataDir).filePath(u"alerts.jsonl"_s),
             u"SOCKET_IO_PING_INTERVAL=5000"_s,
             u"SOCKET_IO_PING_TIMEOUT=10000"_s,
             u"EXIT_WITH_STDIN=1"_s };
}

ServerSpec nodePeer()
{
    ServerSpec spec;
    spec.program = QStandardPaths::findExecutable(u"node"_s);
    spec.arguments = { QDir(interopDir()).filePath(u"contract-peer.mjs"_s) };
    spec.workingDirectory = interopDir();
    spec.environment = peerEnvironment;
    spec.newKeyPerStart = true;
    spec.unavailable = [program = spec.program]() -> QString {
        if (program.isEmpty())
            return u"node is not on PATH (apt-get install nodejs npm)"_s;
        if (!QFileInfo::exists(interopDir() + u"/node_modules/socket.io/package.json"_s))
            return u"tests/interop/node_modules is missing: run `npm ci` in tests/interop"_s;
        return {};
    };
    spec.watcher = u"nurse"_s;
    spec.watcherPassword = u"nurse-pass"_s;
    spec.publisher = u"producer"_s;
    spec.publisherPassword = u"producer-pass"_s;
    spec.followedA = u"123"_s;
    spec.followedB = u"456"_s;
    spec.unfollowed = u"789"_s;
    return spec;
}

ServerSpec flaskPeer()
{
    ServerSpec spec = nodePeer();
    // Debian's interpreter: the python3-flask-socketio modules live in its dist-packages.
    spec.program = u"/usr/bin/python3"_s;
    spec.arguments = { QDir(interopDir()).filePath(u"flask_peer.py"_s) };
    // One key across restarts: tokens stay valid, the watch never has to log in again.
    spec.environment = [](int port, const QString &dataDir) {
        return peerEnvironment(port, dataDir) << u"SECRET_KEY=tst_delivery"_s;
    };
    spec.newKeyPerStart = false;
    spec.unavailable = []() -> QString {
        if (!QFileInfo::exists(u"/usr/bin/python3"_s))
            return u"/usr/bin/python3 is missing"_s;
        QProcess probe;
        probe.start(u"/usr/bin/python3"_s, { u"-c"_s, u"import flask_socketio, eventlet"_s });
        if (!probe.waitForFinished(30'000) || probe.exitCode() != 0)
            return u"Flask-SocketIO with eventlet is missing (apt-get install "
                   "python3-flask-socketio python3-eventlet)"_s;
        return {};
    };
    return spec;
}

/// vigil-server itself, in demo mode on a store it keeps across restarts: demo users, a random
/// signing key per start (every restart invalidates the watch's token), the simulator adding its
/// own alerts to the followed hospitals, and the rate limiter holding some back.
ServerSpec vigilServer()
{
    ServerSpec spec;
    spec.program = QStringLiteral(VIGIL_BINARY_DIR) + u"/src/server/vigil-server"_s;
    spec.arguments = { u"--demo"_s };
    spec.workingDirectory = QDir::tempPath();
    spec.environment = [](int port, const QString &dataDir) {
        return QStringList{ u"VIGIL_LISTEN=127.0.0.1:%1"_s.arg(port),
                            u"VIGIL_DATABASE_URL=sqlite://"_s +
                              QDir(dataDir).filePath(u"vigil.db"_s),
                            u"SOCKET_IO_PING_INTERVAL=5"_s,
                            u"SOCKET_IO_PING_TIMEOUT=10"_s };
    };
    spec.newKeyPerStart = true;
    spec.unavailable = [program = spec.program]() -> QString {
        if (!QFileInfo(program).isExecutable())
            return u"vigil-server is not built (VIGIL_BUILD_SERVER=ON builds it)"_s;
        return {};
    };
    spec.watcher = u"charge"_s;
    spec.watcherPassword = u"charge-demo"_s;
    spec.publisher = u"producer"_s;
    spec.publisherPassword = u"producer-demo"_s;
    spec.followedA = u"123"_s;
    spec.followedB = u"456"_s;
    spec.unfollowed = u"789"_s;
    return spec;
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

/// The server under test as a child process, restartable on the same port and data.
class ServerProcess
{
public:
    ServerProcess(ServerSpec spec, QString dataDir, int port)
      : m_spec(std::move(spec))
      , m_dataDir(std::move(dataDir))
      , m_port(port)
    {
        (void)m_api.setBaseUrl(url());
        m_api.setTimeout(std::chrono::milliseconds(2'000));
    }
    ~ServerProcess() { kill(); }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); }

    void start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(m_spec.program);
        m_process->setArguments(m_spec.arguments);
        m_process->setWorkingDirectory(m_spec.workingDirectory);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : m_spec.environment(m_port, m_dataDir))
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        m_process->setProcessEnvironment(env);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start();
    }

    /// True once GET /api/health answers.
    bool waitHealthy()
    {
        QDeadlineTimer deadline(waitMs);
        while (!deadline.hasExpired() && m_process->state() != QProcess::NotRunning) {
            std::optional<bool> healthy;
            m_api.health([&](ApiResult<HealthStatus> result) { healthy = result.ok(); });
            if (!QTest::qWaitFor([&] { return healthy.has_value(); }, waitMs))
                return false;
            if (healthy.value_or(false))
                return true;
            // Not listening yet: ask again shortly.
            QTest::qWait(50);
        }
        return false;
    }

    void kill()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process->processId()), SIGKILL);
        m_process->waitForFinished(10'000);
    }

private:
    ServerSpec m_spec;
    QString m_dataDir;
    int m_port;
    std::unique_ptr<QProcess> m_process;
    ApiClient m_api;
};

/// Publishes alerts one after another, round robin over the three hospitals, each for a new
/// patient (so no rate limiter holds them back). Failures while the server is down are expected:
/// only what the server stored counts.
class Publisher : public QObject
{
public:
    Publisher(const QUrl &url, const ServerSpec &spec)
      : m_spec(spec)
    {
        (void)m_api.setBaseUrl(url);
        m_api.setTimeout(std::chrono::milliseconds(2'000));
        m_timer.setInterval(30);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { publishNext(); });
    }

    void start() { m_timer.start(); }
    void stop()
    {
        m_timer.stop();
        m_api.cancelAll();
        m_inFlight = false;
    }

    /// Publishes `count` alerts in one request, now.
    void burst(int count)
    {
        QList<AlertInput> inputs;
        for (int i = 0; i < count; ++i)
            inputs.append(nextInput());
        send(inputs, true);
    }

    /// One alert in `hospital`; its id once stored (empty if it failed).
    void publishOne(const QString &hospital, std::function<void(const QString &)> done)
    {
        AlertInput input = nextInput();
        input.hospitalId = hospital;
        m_api.publish(
          input, [done = std::move(done)](ApiResult<Alert> r) { done(r ? r->id : QString()); });
    }

    int stored() const { return int(m_hospitalOf.size()); }
    QSet<QString> burstIds() const { return m_burstIds; }
    int failures() const { return m_failures; }
    QString hospitalOf(const QString &id) const { return m_hospitalOf.value(id); }
    QSet<QString> idsOf(const QString &hospital) const
    {
        QSet<QString> ids;
        for (auto it = m_hospitalOf.cbegin(); it != m_hospitalOf.cend(); ++it) {
            if (it.value() == hospital)
                ids.insert(it.key());
        }
        return ids;
    }

private:
    AlertInput nextInput()
    {
        const QString hospitals[] = { m_spec.followedA, m_spec.followedB, m_spec.unfollowed };
        AlertInput input;
        input.hospitalId = hospitals[m_counter % 3];
        input.patientId = u"d%1x%2"_s.arg(m_round).arg(m_counter);
        input.priority = m_counter % 5 == 0 ? Priority::High : Priority::Medium;
        input.title = u"delivery %1"_s.arg(m_counter);
        input.type = u"vitals"_s;
        ++m_counter;
        return input;
    }

    void publishNext()
    {
        if (m_inFlight)
            return;
        send({ nextInput() });
    }

    void send(const QList<AlertInput> &inputs, bool burst = false, bool retried = false)
    {
        if (m_token.isEmpty()) {
            login([this, inputs, burst, retried] { send(inputs, burst, retried); });
            return;
        }
        m_inFlight = true;
        m_api.publish(inputs, [this, inputs, burst, retried](ApiResult<QList<Alert>> result) {
            m_inFlight = false;
            if (!result) {
                ++m_failures;
                // A restarted server may sign with a new key; a burst must not be lost to that.
                if (result.error().kind == ApiError::Kind::Unauthorized) {
                    m_token.clear();
                    if (burst && !retried)
                        send(inputs, burst, true);
                }
                return;
            }
            for (const Alert &alert : result.value()) {
                m_hospitalOf.insert(alert.id, alert.hospitalId);
                if (burst)
                    m_burstIds.insert(alert.id);
            }
        });
    }

    /// Logs in, then calls `then`; a failed login drops it (the server is probably down).
    void login(std::function<void()> then)
    {
        m_inFlight = true;
        m_api.login(m_spec.publisher,
                    m_spec.publisherPassword,
                    [this, then = std::move(then)](ApiResult<LoginResult> r) {
                        m_inFlight = false;
                        if (!r) {
                            ++m_failures;
                            return;
                        }
                        m_token = r->accessToken;
                        m_api.setBearerToken(m_token);
                        then();
                    });
    }

    ServerSpec m_spec;
    ApiClient m_api;
    QTimer m_timer;
    QString m_token;
    bool m_inFlight = false;
    int m_counter = 0;
    int m_round = int(QDateTime::currentMSecsSinceEpoch() % 100'000);
    int m_failures = 0;
    QHash<QString, QString> m_hospitalOf;
    QSet<QString> m_burstIds;
};

/// `vigil-cli watch --json` as a child process; its stdout lines parsed as they come.
class Watcher
{
public:
    struct Printed
    {
        QString id;
        QString hospital;
        bool backfilled = false;
    };

    void start(const QUrl &url, const ServerSpec &spec, bool noBackfill)
    {
        QStringList arguments{ u"watch"_s,     u"--server"_s,
                               url.toString(), u"--username"_s,
                               spec.watcher,   u"--password-stdin"_s,
                               u"--room"_s,    u"hospital_"_s + spec.followedA,
                               u"--room"_s,    u"hospital_"_s + spec.followedB,
                               u"--json"_s };
        if (noBackfill)
            arguments.append(u"--no-backfill"_s);
        QObject::connect(
          &m_process, &QProcess::readyReadStandardOutput, &m_process, [this] { readOut(); });
        QObject::connect(
          &m_process, &QProcess::readyReadStandardError, &m_process, [this] { readErr(); });
        m_process.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/src/cli/vigil-cli"_s, arguments);
        m_process.write(spec.watcherPassword.toUtf8() + '\n');
        m_process.closeWriteChannel();
    }

    /// SIGTERM, then everything it still printed.
    bool terminate()
    {
        m_process.terminate();
        const bool ended = m_process.waitForFinished(waitMs);
        readOut();
        readErr();
        return ended;
    }

    int countStderr(QStringView fragment) const
    {
        int count = 0;
        for (const QString &line : m_stderr) {
            if (line.contains(fragment))
                ++count;
        }
        return count;
    }

    QSet<QString> uniqueIds() const
    {
        QSet<QString> ids;
        for (const Printed &p : m_printed)
            ids.insert(p.id);
        return ids;
    }

    QProcess m_process;
    QList<Printed> m_printed;
    QStringList m_stderr;
    QStringList m_invalid;

private:
    void readOut()
    {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            const auto parsed = json::parse(line);
            const QCborMap object = parsed ? parsed->toMap() : QCborMap();
            const QString event = object.value("event"_L1).toString();
            if (event == "patient_alert"_L1) {
                const QCborMap alert = object.value("alert"_L1).toMap();
                m_printed.append({ alert.value("id"_L1).toString(),
                                   alert.value("hospital_id"_L1).toString(),
                                   object.value("backfilled"_L1).toBool() });
            } else if (event != "alert_updated"_L1 && event != "triage_update"_L1) {
                m_invalid.append(QString::fromUtf8(line));
            }
        }
    }
    void readErr()
    {
        m_errBuffer += m_process.readAllStandardError();
        qsizetype end = 0;
        while ((end = m_errBuffer.indexOf('\n')) >= 0) {
            m_stderr.append(QString::fromUtf8(m_errBuffer.left(end)));
            m_errBuffer.remove(0, end + 1);
        }
    }

    QByteArray m_errBuffer;
};

/// Everything the server stored for `hospitals`, as the watcher may see it.
std::optional<QSet<QString>> storedFor(const QUrl &url,
                                       const ServerSpec &spec,
                                       const QStringList &hospitals)
{
    ApiClient api;
    (void)api.setBaseUrl(url);
    std::optional<ApiResult<LoginResult>> login;
    api.login(spec.watcher, spec.watcherPassword, [&](ApiResult<LoginResult> r) { login = r; });
    if (!QTest::qWaitFor([&] { return login.has_value(); }, waitMs) || !*login)
        return std::nullopt;
    api.setBearerToken((*login)->accessToken);
    HistoryQuery query;
    for (const QString &hospital : hospitals)
        query.rooms.append(u"hospital_"_s + hospital);
    query.limit = 1'000;
    QSet<QString> ids;
    std::optional<bool> done;
    api.historyAll(
      query,
      [&](const QList<Alert> &page, const HistoryProgress &) {
          for (const Alert &alert : page)
              ids.insert(alert.id);
      },
      [&](ApiResult<HistoryProgress> r) { done = r.ok(); });
    if (!QTest::qWaitFor([&] { return done.has_value(); }, waitMs) || !*done)
        return std::nullopt;
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(ServerSpec)

class tst_Delivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delivery_data();
    void delivery();
};

void tst_Delivery::delivery_data()
{
    QTest::addColumn<ServerSpec>("spec");
    QTest::addColumn<bool>("backfill");
    QTest::newRow("vigil-server") << vigilServer() << true;
    QTest::newRow("vigil-server-without-backfill") << vigilServer() << false;
    QTest::newRow("node-peer") << nodePeer() << true;
    QTest::newRow("node-peer-without-backfill") << nodePeer() << false;
    QTest::newRow("flask-peer") << flaskPeer() << true;
    QTest::newRow("flask-peer-without-backfill") << flaskPeer() << false;
}

void tst_Delivery::delivery()
{
    QFETCH(ServerSpec, spec);
    QFETCH(bool, backfill);
    if (const QString reason = spec.unavailable(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    const QString cli = QStringLiteral(VIGIL_BINARY_DIR) + u"/src/cli/vigil-cli"_s;
    if (!QFileInfo(cli).isExecutable())
        QSKIP("vigil-cli is not built (it is built with VIGIL_BUILD_CLIENT=ON)");

    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    const int port = freePort();
    QVERIFY(port > 0);
    ServerProcess server(spec, dataDir.path(), port);
    server.start();
    QVERIFY2(server.waitHealthy(), "the server did not come up");

    Publisher publisher(server.url(), spec);
    publisher.start();
    Watcher watcher;
    watcher.start(server.url(), spec, !backfill);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.countStderr(u"link: live") >= 1, waitMs);

    for (int round = 0; round < restarts; ++round) {
        const int storedBefore = publisher.stored();
        QTRY_VERIFY_WITH_TIMEOUT(publisher.stored() >= storedBefore + 20, waitMs);
        const int attempts = watcher.countStderr(u"reconnecting: attempt 2 ");
        const int live = watcher.countStderr(u"link: live");
        server.kill();
        // Down until the watch's first reconnect attempt failed: its next one is a second or
        // more away, so what is published right after the restart lands while it is offline.
        QTRY_VERIFY_WITH_TIMEOUT(watcher.countStderr(u"reconnecting: attempt 2 ") > attempts,
                                 waitMs);
        server.start();
        QVERIFY2(server.waitHealthy(), "the server did not come back");
        publisher.burst(6);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.countStderr(u"link: live") > live, waitMs);
    }
    const int storedBefore = publisher.stored();
    QTRY_VERIFY_WITH_TIMEOUT(publisher.stored() >= storedBefore + 20, waitMs);
    publisher.stop();

    const auto readBack = storedFor(server.url(), spec, { spec.followedA, spec.followedB });
    QVERIFY2(readBack.has_value(), "the stored alerts could not be read back");
    QSet<QString> stored = *readBack;
    QVERIFY(stored.size() > 50);
    const QSet<QString> unfollowed = publisher.idsOf(spec.unfollowed);
    QVERIFY(!unfollowed.isEmpty());

    if (backfill) {
        QTRY_COMPARE_WITH_TIMEOUT(watcher.uniqueIds().size(), stored.size(), waitMs);
    } else {
        // A last alert published live: once it is printed, everything before it that the watch
        // was ever going to print is printed too.
        std::optional<QString> sentinel;
        publisher.publishOne(spec.followedA, [&](const QString &id) { sentinel = id; });
        QTRY_VERIFY_WITH_TIMEOUT(sentinel.has_value(), waitMs);
        QVERIFY(!sentinel->isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(watcher.uniqueIds().contains(*sentinel), waitMs);
        stored.insert(*sentinel);
    }

    if (spec.newKeyPerStart)
        QVERIFY(watcher.countStderr(u"logging in again") >= restarts);
    QVERIFY(watcher.terminate());
    QCOMPARE(watcher.m_process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watcher.m_process.exitCode(), 0);
    QVERIFY2(watcher.m_invalid.isEmpty(), qPrintable(watcher.m_invalid.join(u'\n')));

    // Never twice, whatever happened.
    QHash<QString, int> times;
    for (const Watcher::Printed &p : std::as_const(watcher.m_printed))
        ++times[p.id];
    QStringList twice;
    for (auto it = times.cbegin(); it != times.cend(); ++it) {
        if (it.value() > 1)
            twice.append(it.key());
    }
    QVERIFY2(twice.isEmpty(), qPrintable(u"printed more than once: "_s + twice.join(u' ')));
    // Never an alert of the hospital it does not follow, never one the server did not store.
    const QSet<QString> printed = watcher.uniqueIds();
    QVERIFY(!printed.intersects(unfollowed));
    QVERIFY2((printed - stored).isEmpty(), "printed alerts the server did not store");
    const QSet<QString> missing = stored - printed;
    if (backfill) {
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"%1 stored alert(s) never printed"_s.arg(missing.size())));
        // Alerts stored right after a restart, while the watch was reconnecting: the backfill
        // had to make up for them.
        const QSet<QString> bursts = publisher.burstIds();
        int backfilled = 0;
        for (const Watcher::Printed &p : std::as_const(watcher.m_printed))
            backfilled += p.backfilled && bursts.contains(p.id) ? 1 : 0;
        QVERIFY(backfilled > 0);
    } else {
        // Exactly what the backfill exists for.
        QVERIFY2(!missing.isEmpty(),
                 "a watch without backfill missed nothing: the scenario "
                 "does not exercise the backfill");
        qInfo("without backfill, %d of %d stored alerts were never printed",
              int(missing.size()),
              int(stored.size()));
    }
}

QTEST_GUILESS_MAIN(tst_Delivery)
#include "tst_delivery.moc"
