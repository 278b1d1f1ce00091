// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// vigil-server as a process: --help, refusing to start without SECRET_KEY, user administration
// through stdin, alerts surviving kill -9 with seq continuing, SIGTERM, --demo, SOCKET_IO_LOGGER.
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include "RawClients.h"
#include "ServerProcess.h"
#include "protocol/Json.h"

using namespace Qt::StringLiterals;
using namespace vigil::test;

namespace {

const QByteArray secret = "process-test-secret-key-of-32-bytes";

QCborValue json(const HttpResult &result)
{
    const auto value = vigil::protocol::json::parse(result.body);
    return value ? value.value() : QCborValue();
}

QByteArray loginBody(const QString &user, const QString &password)
{
    QCborMap body;
    body.insert("username"_L1, user);
    body.insert("password"_L1, password);
    return vigil::protocol::json::write(body);
}

QByteArray alertBody(int n)
{
    QCborMap input;
    input.insert("patient_id"_L1, u"77"_s);
    input.insert("hospital_id"_L1, u"123"_s);
    input.insert("priority"_L1, n % 2 ? u"high"_s : u"low"_s);
    input.insert("title"_L1, u"Alert %1"_s.arg(n));
    return vigil::protocol::json::write(input);
}

} // namespace

class tst_ServerMain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help();
    void refusesToStartWithoutSecretKey();
    void userAdministration();
    void alertsSurviveKillAndSeqContinues();
    void sigtermShutsDownCleanly();
    void demoMode();
    void socketIoLoggerTracesTheProtocol();
    void servesTlsDirectly();

private:
    QString token(ServerProcess &server, const QString &user, const QString &password);
    QString addUser(ServerProcess &server,
                    const QStringList &arguments,
                    const QByteArray &password);

    std::unique_ptr<QTemporaryDir> m_dir;
    HttpClient m_http;
};

void tst_ServerMain::init()
{
    if (!QFileInfo(ServerProcess::program()).isExecutable())
        QSKIP("vigil-server is not built");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_ServerMain::addUser(ServerProcess &server,
                                const QStringList &arguments,
                                const QByteArray &password)
{
    const auto result =
      server.run(QStringList{ u"--data-dir"_s, m_dir->path(), u"user"_s, u"add"_s } + arguments,
                 password + '\n');
    return result.exitCode == 0 ? QString() : result.err + result.out;
}

QString tst_ServerMain::token(ServerProcess &server, const QString &user, const QString &password)
{
    const HttpResult result = m_http.request("POST",
                                             server.url(u"/api/auth/login"_s),
                                             loginBody(user, password),
                                             { { "Content-Type", "application/json" } });
    return json(result).toMap().value("access_token"_L1).toString();
}

void tst_ServerMain::help()
{
    ServerProcess server;
    const auto result = server.run({ u"--help"_s });
    QCOMPARE(result.exitCode, 0);
    for (const QString &expected : { u"--demo"_s,
                                     u"--demo-rate"_s,
                                     u"--conformance"_s,
                                     u"--listen"_s,
                                     u"--data-dir"_s,
                                     u"--database-url"_s,
                                     u"--env-file"_s,
                                     u"--secret-key-file"_s,
                                     u"--cors-origins"_s,
                                     u"--ping-interval"_s,
                                     u"--ping-timeout"_s,
                                     u"--socketio-logger"_s,
                                     u"--max-http-buffer-size"_s,
                                     u"--rate-limit"_s,
                                     u"--redis-url"_s,
                                     u"--tls-cert"_s,
                                     u"--tls-key"_s,
                                     u"--role"_s,
                                     u"--hospitals"_s,
                                     u"--display-name"_s,
                                     u"user add"_s,
                                     u"user list"_s,
                                     u"user remove"_s,
                                     u"user passwd"_s,
                                     u"SECRET_KEY"_s })
        QVERIFY2(result.out.contains(expected), qPrintable(expected));
}

void tst_ServerMain::refusesToStartWithoutSecretKey()
{
    ServerProcess server;
    server.setWorkingDirectory(m_dir->path());
    const auto result =
      server.run({ u"--data-dir"_s, m_dir->path(), u"--listen"_s, u"127.0.0.1:0"_s });
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"SECRET_KEY"_s), qPrintable(result.err));
    QVERIFY(result.err.contains(u"--secret-key-file"_s));
    QVERIFY(result.err.contains(u"vigil-server user add"_s));
    QVERIFY(!QFileInfo::exists(m_dir->path() + u"/vigil.db"_s));
}

void tst_ServerMain::userAdministration()
{
    ServerProcess server;
    server.setWorkingDirectory(m_dir->path());
    // No SECRET_KEY needed to manage users.
    QCOMPARE(addUser(server,
                     { u"nurse1"_s, u"--role"_s, u"nurse"_s, u"--hospitals"_s, u"123,456"_s },
                     "first-password"),
             QString());
    QCOMPARE(addUser(server, { u"boss"_s, u"--role"_s, u"admin"_s }, "boss-password"), QString());
    // A password on the command line is refused, not used.
    auto onArgv = server.run({ u"--data-dir"_s,
                               m_dir->path(),
                               u"user"_s,
                               u"add"_s,
                               u"x"_s,
                               u"secret-password"_s,
                               u"--role"_s,
                               u"nurse"_s },
                             "stdin-password\n");
    QCOMPARE(onArgv.exitCode, 2);
    // Too short, and no password at all.
    QVERIFY(!addUser(server, { u"shorty"_s, u"--role"_s, u"nurse"_s }, "short").isEmpty());
    QCOMPARE(server
               .run({ u"--data-dir"_s,
                      m_dir->path(),
                      u"user"_s,
                      u"add"_s,
                      u"empty"_s,
                      u"--role"_s,
                      u"nurse"_s })
               .exitCode,
             1);

    auto list = server.run({ u"--data-dir"_s, m_dir->path(), u"user"_s, u"list"_s });
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(u"nurse1"_s) && list.out.contains(u"123,456"_s));
    QVERIFY(list.out.contains(u"boss"_s));
    QVERIFY(!list.out.contains(u"shorty"_s) && !list.out.contains(u"empty"_s));

    auto passwd = server.run(
      { u"--data-dir"_s, m_dir->path(), u"user"_s, u"passwd"_s, u"nurse1"_s }, "second-password\n");
    QCOMPARE(passwd.exitCode, 0);

    server.environment().insert(u"SECRET_KEY"_s, QString::fromLatin1(secret));
    QVERIFY2(
      server.start({ u"--data-dir"_s, m_dir->path(), u"--listen"_s, u"127.0.0.1:0"_s }).isEmpty(),
      qPrintable(server.errors()));
    QVERIFY(token(server, u"nurse1"_s, u"first-password"_s).isEmpty());
    QVERIFY(!token(server, u"nurse1"_s, u"second-password"_s).isEmpty());
    QCOMPARE(server.terminate(), 0);

    auto removed =
      server.run({ u"--data-dir"_s, m_dir->path(), u"user"_s, u"remove"_s, u"nurse1"_s });
    QCOMPARE(removed.exitCode, 0);
    auto again =
      server.run({ u"--data-dir"_s, m_dir->path(), u"user"_s, u"remove"_s, u"nurse1"_s });
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(server.run({ u"--data-dir"_s, m_dir->path(), u"user"_s, u"frobnicate"_s }).exitCode,
             2);
}

void tst_ServerMain::alertsSurviveKillAndSeqContinues()
{
    ServerProcess server;
    server.setWorkingDirectory(m_dir->path());
    QCOMPARE(addUser(server, { u"producer"_s, u"--role"_s, u"producer"_s }, "producer-password"),
             QString());
    QCOMPARE(addUser(server,
                     { u"nurse"_s, u"--role"_s, u"nurse"_s, u"--hospitals"_s, u"123"_s },
                     "nurse-password"),
             QString());
    server.environment().insert(u"SECRET_KEY"_s, QString::fromLatin1(secret));
    server.environment().insert(u"VIGIL_LISTEN"_s, u"127.0.0.1:0"_s);
    const QStringList arguments{ u"--data-dir"_s, m_dir->path() };

    QStringList ids;
    qint64 lastSeq = 0;
    for (int round = 0; round < 2; ++round) {
        const QString started = server.start(arguments);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const QString producer = token(server, u"producer"_s, u"producer-password"_s);
        QVERIFY(!producer.isEmpty());
        for (int i = 0; i < 10; ++i) {
            const HttpResult result =
              m_http.request("POST",
                             server.url(u"/api/alerts"_s),
                             alertBody(round * 10 + i),
                             { { "Content-Type", "application/json" },
                               { "Authorization", "Bearer " + producer.toLatin1() } });
            QCOMPARE(result.status, 201);
            const QCborMap alert = json(result).toMap();
            const qint64 seq = alert.value("seq"_L1).toInteger();
            QVERIFY2(seq > lastSeq, "seq must keep increasing across restarts");
            lastSeq = seq;
            ids.append(alert.value("id"_L1).toString());
        }
        // The 201 came after the commit: a kill right now loses nothing.
        server.kill();
    }

    QVERIFY(server.start(arguments).isEmpty());
    const QString nurse = token(server, u"nurse"_s, u"nurse-password"_s);
    const HttpResult history =
      m_http.request("GET",
                     server.url(u"/api/alerts/history?patient_id=77&limit=100"_s),
                     {},
                     { { "Authorization", "Bearer " + nurse.toLatin1() } });
    QCOMPARE(history.status, 200);
    const QCborArray alerts = json(history).toArray();
    QStringList found;
    for (const QCborValue &alert : alerts)
        found.append(alert.toMap().value("id"_L1).toString());
    QCOMPARE(found, ids);
    QCOMPARE(alerts.last().toMap().value("seq"_L1).toInteger(), lastSeq);
    QCOMPARE(server.terminate(), 0);
}

void tst_ServerMain::sigtermShutsDownCleanly()
{
    ServerProcess server;
    server.setWorkingDirectory(m_dir->path());
    server.environment().insert(u"SECRET_KEY"_s, QString::fromLatin1(secret));
    QVERIFY(
      server.start({ u"--data-dir"_s, m_dir->path(), u"--listen"_s, u"127.0.0.1:0"_s }).isEmpty());
    // A connected client does not keep it alive.
    RawWebSocket client;
    QVERIFY(!client
               .openEngineIo(QUrl(
                 u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(server.port())))
               .isEmpty());
    QCOMPARE(server.terminate(), 0);
    QVERIFY(client.waitForDisconnected());
    QVERIFY(server.errors().contains(u"no users"_s));
}

void tst_ServerMain::demoMode()
{
    ServerProcess server;
    server.setWorkingDirectory(m_dir->path());
    // No SECRET_KEY: the demo makes one. No data dir: a temporary one.
    server.environment().insert(u"HOME"_s, m_dir->path());
    server.environment().insert(u"XDG_DATA_HOME"_s, m_dir->path() + u"/xdg"_s);
    const QString started =
      server.start({ u"--demo"_s, u"--demo-rate"_s, u"600"_s, u"--listen"_s, u"127.0.0.1:0"_s });
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString out = server.output();
    for (const QString &user :
         { u"nurse"_s, u"nurse456"_s, u"charge"_s, u"admin"_s, u"producer"_s })
        QVERIFY2(out.contains(user), qPrintable(out));
    static const QRegularExpression storeLine(u"store in (\\S+)"_s);
    const QString dataDir = storeLine.match(out).captured(1);
    QVERIFY2(QFileInfo(dataDir).isDir(), qPrintable(out));

    const QString nurse = token(server, u"nurse"_s, u"nurse-demo"_s);
    QVERIFY(!nurse.isEmpty());
    int count = 0;
    for (int i = 0; i < 100 && count < 3; ++i) {
        const HttpResult history =
          m_http.request("GET",
                         server.url(u"/api/alerts/history?hospital_id=123"_s),
                         {},
                         { { "Authorization", "Bearer " + nurse.toLatin1() } });
        QCOMPARE(history.status, 200);
        count = int(json(history).toArray().size());
        if (count < 3)
            QTest::qWait(100);
    }
    QVERIFY(count >= 3);
    const HttpResult queue = m_http.request("GET",
                                            server.url(u"/api/triage/queue"_s),
                                            {},
                                            { { "Authorization", "Bearer " + nurse.toLatin1() } });
    QVERIFY(json(queue).toArray().size() >= 1);
    QCOMPARE(server.terminate(), 0);
    QVERIFY2(!QFileInfo::exists(dataDir), "the demo's temporary store is removed at exit");
}

void tst_ServerMain::socketIoLoggerTracesTheProtocol()
{
    for (const bool on : { false, true }) {
        ServerProcess server;
        server.setWorkingDirectory(m_dir->path());
        server.environment().insert(u"SECRET_KEY"_s, QString::fromLatin1(secret));
        server.environment().insert(u"QT_MESSAGE_PATTERN"_s, u"%{category} %{type}: %{message}"_s);
        server.environment().remove(u"QT_LOGGING_RULES"_s);
        if (on)
            server.environment().insert(u"SOCKET_IO_LOGGER"_s, u"True"_s);
        QVERIFY(server.start({ u"--data-dir"_s, m_dir->path(), u"--listen"_s, u"127.0.0.1:0"_s })
                  .isEmpty());
        RawWebSocket client;
        QVERIFY(
          !client
             .openEngineIo(
               QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(server.port())))
             .isEmpty());
        client.close();
        QVERIFY(client.waitForDisconnected());
        QTest::qWait(200);
        QCOMPARE(server.terminate(), 0);
        QCOMPARE(server.errors().contains(u"vigil.server.engine debug"_s), on);
    }
}

void tst_ServerMain::servesTlsDirectly()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is not installed: no certificate to test with");
    const QString cert = m_dir->filePath(u"cert.pem"_s);
    const QString key = m_dir->filePath(u"key.pem"_s);
    QProcess make;
    make.start(openssl,
               { u"req"_s,
                 u"-x509"_s,
                 u"-newkey"_s,
                 u"rsa:2048"_s,
                 u"-nodes"_s,
                 u"-keyout"_s,
                 key,
                 u"-out"_s,
                 cert,
                 u"-days"_s,
                 u"1"_s,
                 u"-subj"_s,
                 u"/CN=127.0.0.1"_s,
                 u"-addext"_s,
                 u"subjectAltName=IP:127.0.0.1"_s });
    QVERIFY(make.waitForFinished(processWaitMs));
    QCOMPARE(make.exitCode(), 0);

    ServerProcess server;
    server.setWorkingDirectory(m_dir->path());
    server.environment().insert(u"SECRET_KEY"_s, QString::fromLatin1(secret));
    server.environment().insert(u"VIGIL_TLS_CERT"_s, cert);
    server.environment().insert(u"VIGIL_TLS_KEY"_s, key);
    const QString started =
      server.start({ u"--data-dir"_s, m_dir->path(), u"--listen"_s, u"127.0.0.1:0"_s });
    QVERIFY2(started.isEmpty(), qPrintable(started));
    QVERIFY(server.output().contains(u"https://"_s));

    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(u"https://127.0.0.1:%1/api/health"_s.arg(server.port())));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(cert));
    request.setSslConfiguration(tls);
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), processWaitMs);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("\"status\":\"ok\""));

    // Over TLS the WebSocket is QWebSocket's (QtWebSocketChannel), not the raw-descriptor one.
    QWebSocket socket;
    socket.setSslConfiguration(tls);
    QSignalSpy text(&socket, &QWebSocket::textMessageReceived);
    socket.open(
      QUrl(u"wss://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(server.port())));
    QTRY_VERIFY_WITH_TIMEOUT(!text.isEmpty(), processWaitMs);
    QVERIFY(text.at(0).at(0).toString().startsWith(u"0{\"sid\":"_s));
    socket.sendTextMessage(u"40"_s); // Socket.IO CONNECT without a token: refused with a reason
    QTRY_VERIFY_WITH_TIMEOUT(text.size() >= 2, processWaitMs);
    QVERIFY2(text.at(1).at(0).toString().startsWith(u"44{"_s),
             qPrintable(text.at(1).at(0).toString()));
    socket.close();
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(tst_ServerMain)
#include "tst_servermain.moc"
