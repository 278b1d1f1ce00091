// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The official Node socket.io-client 4.8.4 against vigil-server: tests/interop/server-contract.mjs
// drives the whole contract over WebSocket, over long-polling, and over polling upgraded to
// WebSocket. Needs `node` and `npm ci` in tests/interop (scripts/run-tests does it).
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ServerProcess.h"

using namespace Qt::StringLiterals;
using namespace vigil::test;

namespace {

struct TestUser
{
    QString name;
    QString role;
    QString hospitals;
};

const QList<TestUser> users{
    { u"nurse"_s, u"nurse"_s, u"123"_s },
    { u"nurse456"_s, u"nurse"_s, u"456"_s },
    { u"charge"_s, u"charge_nurse"_s, u"123,456"_s },
    { u"admin"_s, u"admin"_s, {} },
    { u"producer"_s, u"producer"_s, {} },
};

} // namespace

class tst_ServerInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void contract_data();
    void contract();

private:
    QString m_node;
    QTemporaryDir m_dir;
    ServerProcess m_server;
};

void tst_ServerInterop::initTestCase()
{
    if (!QFileInfo(ServerProcess::program()).isExecutable())
        QSKIP("vigil-server is not built");
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not installed (scripts/run-tests installs it)");
    const QString client = QStringLiteral(VIGIL_INTEROP_DIR) + u"/node_modules/socket.io-client"_s;
    if (!QFileInfo(client).isDir())
        QSKIP("socket.io-client is not installed: run `npm ci` in tests/interop");
    QVERIFY(m_dir.isValid());

    m_server.setWorkingDirectory(m_dir.path());
    for (const TestUser &user : users) {
        QStringList arguments{ u"--data-dir"_s, m_dir.path(), u"user"_s, u"add"_s,
                               user.name,       u"--role"_s,  user.role };
        if (!user.hospitals.isEmpty())
            arguments << u"--hospitals"_s << user.hospitals;
        const auto added = m_server.run(arguments, (user.name + u"-password\n"_s).toUtf8());
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }
    m_server.environment().insert(u"SECRET_KEY"_s, u"interop-test-secret-key-of-32-bytes"_s);
    // Short heartbeats so a dropped transport is noticed quickly; a low rate limit to see it work.
    m_server.environment().insert(u"SOCKET_IO_PING_INTERVAL"_s, u"1"_s);
    m_server.environment().insert(u"SOCKET_IO_PING_TIMEOUT"_s, u"2"_s);
    m_server.environment().insert(u"ALERT_RATE_LIMIT_PER_MINUTE"_s, u"50"_s);
    const QString started =
      m_server.start({ u"--data-dir"_s, m_dir.path(), u"--listen"_s, u"127.0.0.1:0"_s });
    QVERIFY2(started.isEmpty(), qPrintable(started));
}

void tst_ServerInterop::cleanupTestCase()
{
    if (m_server.isRunning())
        QCOMPARE(m_server.terminate(), 0);
}

void tst_ServerInterop::contract_data()
{
    QTest::addColumn<QString>("transports");
    QTest::newRow("websocket") << u"websocket"_s;
    QTest::newRow("polling") << u"polling"_s;
    QTest::newRow("polling then websocket") << u"polling,websocket"_s;
}

void tst_ServerInterop::contract()
{
    QFETCH(QString, transports);
    QProcess node;
    node.setProgram(m_node);
    node.setArguments({ QStringLiteral(VIGIL_INTEROP_DIR) + u"/server-contract.mjs"_s });
    node.setWorkingDirectory(QStringLiteral(VIGIL_INTEROP_DIR));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"SERVER_URL"_s, m_server.url().toString(QUrl::StripTrailingSlash));
    env.insert(u"TRANSPORTS"_s, transports);
    node.setProcessEnvironment(env);
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start();
    QVERIFY(node.waitForStarted(processWaitMs));
    QVERIFY(node.waitForFinished(240'000));
    const QString output = QString::fromUtf8(node.readAll());
    qInfo().noquote() << output;
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
             qPrintable(output + m_server.errors().right(4000)));
    QVERIFY(output.contains(u" 0 failing"_s));
    QVERIFY(m_server.isRunning());
}

QTEST_GUILESS_MAIN(tst_ServerInterop)
#include "tst_serverinterop.moc"
