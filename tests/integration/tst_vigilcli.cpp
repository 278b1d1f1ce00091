// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// vigil-cli as a user runs it: the real binary against the two contract peers in tests/interop
// (Node socket.io and Flask-SocketIO), checking what it prints and its exit codes.
#include <memory>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "protocol/Json.h"

using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 30'000;

QString interopDir()
{
    return QStringLiteral(VIGIL_INTEROP_DIR);
}

QString cliPath()
{
    return QStringLiteral(VIGIL_BINARY_DIR) + u"/src/cli/vigil-cli"_s;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QList<QCborMap> jsonLines() const
    {
        QList<QCborMap> lines;
        for (const QByteArray &line : out.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const auto parsed = json::parse(line);
            lines.append(parsed ? parsed->toMap() : QCborMap());
        }
        return lines;
    }
};

/// Runs vigil-cli to completion; `input` goes to its stdin.
Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(cliPath(), arguments);
    process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(waitMs)) {
        process.kill();
        process.waitForFinished(5'000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

/// One peer process for the whole test.
class Peer
{
public:
    ~Peer()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5'000);
        }
    }

    QString start(const QString &program, const QString &script, const QString &storeFile)
    {
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PORT"_s, u"0"_s);
        env.insert(u"SECRET_KEY"_s, u"tst_vigilcli"_s);
        env.insert(u"STORE_FILE"_s, storeFile);
        env.insert(u"EXIT_WITH_STDIN"_s, u"1"_s);
        m_process->setProcessEnvironment(env);
        m_process->setWorkingDirectory(interopDir());
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start(program, { QDir(interopDir()).filePath(script) });
        QDeadlineTimer deadline(waitMs);
        while (!m_process->canReadLine() && !deadline.hasExpired() &&
               m_process->state() != QProcess::NotRunning)
            m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        const QByteArray line = m_process->readLine().trimmed();
        if (!line.startsWith("LISTENING "))
            return script + u" did not start"_s;
        m_url = u"http://127.0.0.1:"_s + QString::fromLatin1(line.mid(10));
        return {};
    }

    QString url() const { return m_url; }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_url;
};

} // namespace

class tst_VigilCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpVersionAndUsage();
    void commands_data();
    void commands();
    void watch_data();
    void watch();

private:
    /// The peer's URL for the current row, or skips with the reason it is not there.
    QString peerUrl(const QString &row);

    QTemporaryDir m_dir;
    Peer m_node;
    Peer m_flask;
    QString m_nodeMissing;
    QString m_flaskMissing;
};

void tst_VigilCli::initTestCase()
{
    if (!QFileInfo(cliPath()).isExecutable())
        QSKIP("vigil-cli is not built");
    QVERIFY(m_dir.isValid());
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty())
        m_nodeMissing = u"node is not on PATH"_s;
    else if (!QFileInfo::exists(interopDir() + u"/node_modules/socket.io/package.json"_s))
        m_nodeMissing = u"tests/interop/node_modules is missing: run `npm ci` in tests/interop"_s;
    else
        m_nodeMissing = m_node.start(node, u"contract-peer.mjs"_s, m_dir.filePath(u"node.jsonl"_s));

    QProcess probe;
    probe.start(u"/usr/bin/python3"_s, { u"-c"_s, u"import flask_socketio, eventlet"_s });
    if (!probe.waitForFinished(waitMs) || probe.exitStatus() != QProcess::NormalExit ||
        probe.exitCode() != 0)
        m_flaskMissing = u"Flask-SocketIO with eventlet is missing (apt-get install "
                         "python3-flask-socketio python3-eventlet)"_s;
    else
        m_flaskMissing = m_flask.start(
          u"/usr/bin/python3"_s, u"flask_peer.py"_s, m_dir.filePath(u"flask.jsonl"_s));
}

QString tst_VigilCli::peerUrl(const QString &row)
{
    const QString &missing = row == "node"_L1 ? m_nodeMissing : m_flaskMissing;
    return missing.isEmpty() ? (row == "node"_L1 ? m_node.url() : m_flask.url()) : QString();
}

void tst_VigilCli::helpVersionAndUsage()
{
    Run run = runCli({ u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("Exit codes:"));
    QVERIFY(run.out.contains("vigil-cli send-alert"));
    QVERIFY(!run.out.contains("no-backfill"));
    run = runCli({ u"watch"_s, u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--room"));
    QVERIFY(!run.out.contains("no-backfill"));
    run = runCli({ u"--version"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("vigil-cli " VIGIL_VERSION));

    QCOMPARE(runCli({}).exitCode, 2);
    QCOMPARE(runCli({ u"frobnicate"_s }).exitCode, 2);
    QCOMPARE(
      runCli({ u"watch"_s, u"--server"_s, u"http://127.0.0.1:1"_s, u"--token"_s, u"t"_s }).exitCode,
      2);
    QCOMPARE(
      runCli({ u"watch"_s, u"--server"_s, u"ftp://x"_s, u"--room"_s, u"hospital_1"_s }).exitCode,
      2);
    QCOMPARE(runCli({ u"history"_s,
                      u"--server"_s,
                      u"http://127.0.0.1:1"_s,
                      u"--token"_s,
                      u"t"_s,
                      u"--room"_s,
                      u"Not A Room"_s })
               .exitCode,
             2);
    QCOMPARE(
      runCli({ u"ack"_s, u"--server"_s, u"http://127.0.0.1:1"_s, u"--token"_s, u"t"_s }).exitCode,
      2);
    // Nobody listens on port 1.
    QCOMPARE(runCli({ u"status"_s, u"--server"_s, u"http://127.0.0.1:1"_s }).exitCode, 5);
}

void tst_VigilCli::commands_data()
{
    QTest::addColumn<QString>("peer");
    QTest::newRow("node") << u"node"_s;
    QTest::newRow("flask") << u"flask"_s;
}

void tst_VigilCli::commands()
{
    QFETCH(QString, peer);
    const QString server = peerUrl(peer);
    if (server.isEmpty())
        QSKIP(qPrintable(peer == "node"_L1 ? m_nodeMissing : m_flaskMissing));

    // login: the token goes to a file only its owner can read; a wrong password is exit 3.
    const QString tokenFile = m_dir.filePath(peer + u"-producer.token"_s);
    Run run = runCli({ u"login"_s,
                       u"--server"_s,
                       server,
                       u"--username"_s,
                       u"producer"_s,
                       u"--password-stdin"_s,
                       u"--token-file"_s,
                       tokenFile },
                     "producer-pass\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QFile::permissions(tokenFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QCOMPARE(runCli({ u"login"_s,
                      u"--server"_s,
                      server,
                      u"--username"_s,
                      u"producer"_s,
                      u"--password-stdin"_s,
                      u"--token-file"_s,
                      tokenFile + u".x"_s },
                    "wrong\n")
               .exitCode,
             3);

    // send-alert
    const QStringList producer{ u"--server"_s, server, u"--token-file"_s, tokenFile };
    run = runCli(QStringList{ u"send-alert"_s } + producer +
                 QStringList{ u"--patient"_s,
                              u"c42"_s,
                              u"--hospital"_s,
                              u"123"_s,
                              u"--priority"_s,
                              u"high"_s,
                              u"--title"_s,
                              u"Sepsis risk 0.87"_s,
                              u"--data"_s,
                              u"{\"score\":0.87}"_s,
                              u"--json"_s });
    QCOMPARE(run.exitCode, 0);
    const QCborMap sent = run.jsonLines().value(0);
    const QString id = sent.value("id"_L1).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(sent.value("data"_L1).toMap().value("score"_L1).toDouble(), 0.87);
    run = runCli(QStringList{ u"send-alert"_s } + producer +
                 QStringList{ u"--patient"_s,
                              u"c43"_s,
                              u"--hospital"_s,
                              u"456"_s,
                              u"--priority"_s,
                              u"low"_s,
                              u"--title"_s,
                              u"second"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("second"));
    QCOMPARE(runCli(QStringList{ u"send-alert"_s } + producer +
                    QStringList{ u"--patient"_s,
                                 u"c42"_s,
                                 u"--hospital"_s,
                                 u"123"_s,
                                 u"--priority"_s,
                                 u"urgent"_s,
                                 u"--title"_s,
                                 u"x"_s })
               .exitCode,
             2);
    QCOMPARE(runCli(QStringList{ u"send-alert"_s } + producer +
                    QStringList{ u"--patient"_s,
                                 u"c42"_s,
                                 u"--hospital"_s,
                                 u"123"_s,
                                 u"--priority"_s,
                                 u"low"_s,
                                 u"--title"_s,
                                 u"x"_s,
                                 u"--data"_s,
                                 u"[1]"_s })
               .exitCode,
             2);

    // history, logged in at start with the password on stdin
    const QStringList nurse{
        u"--server"_s, server, u"--username"_s, u"nurse"_s, u"--password-stdin"_s
    };
    run = runCli(
      QStringList{ u"history"_s } + nurse +
        QStringList{ u"--room"_s, u"hospital_123"_s, u"--room"_s, u"hospital_456"_s, u"--json"_s },
      "nurse-pass\n");
    QCOMPARE(run.exitCode, 0);
    const QList<QCborMap> history = run.jsonLines();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).value("id"_L1).toString(), id);
    QVERIFY(history.at(0).value("seq"_L1).toInteger() < history.at(1).value("seq"_L1).toInteger());
    run = runCli(QStringList{ u"history"_s } + nurse +
                   QStringList{ u"--room"_s,
                                u"hospital_123"_s,
                                u"--room"_s,
                                u"hospital_456"_s,
                                u"--json"_s,
                                u"--limit"_s,
                                u"1"_s },
                 "nurse-pass\n");
    QCOMPARE(run.jsonLines().size(), 1);
    run = runCli(QStringList{ u"history"_s } + nurse +
                   QStringList{ u"--room"_s,
                                u"hospital_123"_s,
                                u"--room"_s,
                                u"hospital_456"_s,
                                u"--json"_s,
                                u"--after-seq"_s,
                                QString::number(history.at(0).value("seq"_L1).toInteger()) },
                 "nurse-pass\n");
    QCOMPARE(run.jsonLines().size(), 1);
    QCOMPARE(run.jsonLines().at(0).value("title"_L1).toString(), u"second"_s);
    QCOMPARE(
      runCli(QStringList{ u"history"_s } + nurse + QStringList{ u"--room"_s, u"hospital_789"_s },
             "nurse-pass\n")
        .exitCode,
      3);
    QCOMPARE(
      runCli(QStringList{ u"history"_s } + nurse + QStringList{ u"--room"_s, u"hospital_123"_s },
             "wrong\n")
        .exitCode,
      3);

    // ack
    run = runCli(QStringList{ u"ack"_s } + nurse + QStringList{ id, u"--json"_s }, "nurse-pass\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.jsonLines().value(0).value("state"_L1).toString(), u"acknowledged"_s);
    QCOMPARE(run.jsonLines().value(0).value("acknowledged_by"_L1).toString(), u"nurse"_s);
    QCOMPARE(
      runCli(QStringList{ u"ack"_s } + nurse + QStringList{ u"nosuchalert"_s }, "nurse-pass\n")
        .exitCode,
      4);

    // status: health for anyone, the socket status for admins only
    run = runCli({ u"status"_s, u"--server"_s, server });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("health: ok"));
    run = runCli({ u"status"_s,
                   u"--server"_s,
                   server,
                   u"--username"_s,
                   u"admin"_s,
                   u"--password-stdin"_s,
                   u"--json"_s },
                 "admin-pass\n");
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.jsonLines().value(0).value("socket"_L1).isMap());
    QCOMPARE(runCli(QStringList{ u"status"_s } + nurse, "nurse-pass\n").exitCode, 3);
}

void tst_VigilCli::watch_data()
{
    commands_data();
}

void tst_VigilCli::watch()
{
    QFETCH(QString, peer);
    const QString server = peerUrl(peer);
    if (server.isEmpty())
        QSKIP(qPrintable(peer == "node"_L1 ? m_nodeMissing : m_flaskMissing));
    const QString tokenFile = m_dir.filePath(peer + u"-watch-producer.token"_s);
    QCOMPARE(runCli({ u"login"_s,
                      u"--server"_s,
                      server,
                      u"--username"_s,
                      u"producer"_s,
                      u"--password-stdin"_s,
                      u"--token-file"_s,
                      tokenFile },
                    "producer-pass\n")
               .exitCode,
             0);
    auto send = [&](const QString &hospital, const QString &title) {
        const Run run = runCli({ u"send-alert"_s,
                                 u"--server"_s,
                                 server,
                                 u"--token-file"_s,
                                 tokenFile,
                                 u"--patient"_s,
                                 u"w1"_s,
                                 u"--hospital"_s,
                                 hospital,
                                 u"--priority"_s,
                                 u"medium"_s,
                                 u"--title"_s,
                                 title,
                                 u"--json"_s });
        return run.jsonLines().value(0).value("id"_L1).toString();
    };
    const QString before = send(u"123"_s, u"before the watch"_s);
    QVERIFY(!before.isEmpty());

    QProcess watch;
    watch.start(cliPath(),
                { u"watch"_s,
                  u"--server"_s,
                  server,
                  u"--username"_s,
                  u"nurse"_s,
                  u"--password-stdin"_s,
                  u"--room"_s,
                  u"hospital_123"_s,
                  u"--json"_s });
    watch.write("nurse-pass\n");
    watch.closeWriteChannel();
    QByteArray out;
    QByteArray err;
    auto lines = [&] {
        out += watch.readAllStandardOutput();
        err += watch.readAllStandardError();
        QList<QCborMap> result;
        for (const QByteArray &line : out.split('\n')) {
            if (const auto parsed = json::parse(line); parsed && parsed->isMap())
                result.append(parsed->toMap());
        }
        return result;
    };
    auto has = [&](const QString &event, const QString &id, const QCborValue &backfilled) {
        for (const QCborMap &line : lines()) {
            if (line.value("event"_L1).toString() == event &&
                line.value("alert"_L1).toMap().value("id"_L1).toString() == id &&
                (backfilled.isUndefined() || line.value("backfilled"_L1) == backfilled))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(has(u"patient_alert"_s, before, true), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(err.contains("link: live"), waitMs);
    const QString live = send(u"123"_s, u"live"_s);
    const QString other = send(u"456"_s, u"not followed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(has(u"patient_alert"_s, live, false), waitMs);
    QCOMPARE(runCli({ u"ack"_s,
                      u"--server"_s,
                      server,
                      u"--username"_s,
                      u"nurse"_s,
                      u"--password-stdin"_s,
                      live },
                    "nurse-pass\n")
               .exitCode,
             0);
    QTRY_VERIFY_WITH_TIMEOUT(has(u"alert_updated"_s, live, QCborValue()), waitMs);

    watch.terminate();
    QVERIFY(watch.waitForFinished(waitMs));
    lines();
    QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.exitCode(), 0);
    QVERIFY(!has(u"patient_alert"_s, other, QCborValue()));
    QHash<QString, int> printed;
    for (const QCborMap &line : lines()) {
        if (line.value("event"_L1).toString() == "patient_alert"_L1)
            ++printed[line.value("alert"_L1).toMap().value("id"_L1).toString()];
    }
    QCOMPARE(printed.value(before), 1);
    QCOMPARE(printed.value(live), 1);
    // Every stdout line is one JSON object.
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            QVERIFY2(json::parse(line).ok(), line.constData());
    }

    // A refused token ends the watch with exit 3 instead of a retry loop.
    const Run refused = runCli({ u"watch"_s,
                                 u"--server"_s,
                                 server,
                                 u"--token"_s,
                                 u"not.a.token"_s,
                                 u"--room"_s,
                                 u"hospital_123"_s });
    QCOMPARE(refused.exitCode, 3);
    QVERIFY(refused.err.contains("refused"));
}

QTEST_GUILESS_MAIN(tst_VigilCli)
#include "tst_vigilcli.moc"
