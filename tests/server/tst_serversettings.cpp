// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "server/ServerSettings.h"

using namespace Qt::StringLiterals;
using vigil::server::EnvFileEntry;
using vigil::server::ServerSettings;

namespace {

using Vars = QList<std::pair<QString, QString>>;

QProcessEnvironment environment(const Vars &vars)
{
    QProcessEnvironment env;
    for (const auto &[key, value] : vars)
        env.insert(key, value);
    return env;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

} // namespace

Q_DECLARE_METATYPE(QList<vigil::server::EnvFileEntry>)

class TestServerSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_cases = 0;

    // A fresh working directory per case, holding `envFile` as .env when given.
    QString workDir(const QByteArray &envFile = {})
    {
        const QString dir = m_dir.filePath(u"case-%1"_s.arg(++m_cases));
        QDir().mkpath(dir);
        if (!envFile.isNull())
            writeFile(dir + u"/.env"_s, envFile);
        return dir;
    }

    // Loads with the given environment, .env text and flags (argv without the program name).
    static vigil::protocol::Result<ServerSettings, vigil::server::SettingsError>
    load(const QString &dir, const Vars &env, const QStringList &flags = {})
    {
        QCommandLineParser parser;
        ServerSettings::addOptions(parser);
        if (!parser.parse(QStringList{ u"vigil-server"_s } + flags))
            return vigil::server::SettingsError{ u"flags"_s, parser.errorText() };
        ServerSettings::Sources sources;
        sources.environment = environment(env);
        sources.workingDirectory = dir;
        sources.parser = &parser;
        return ServerSettings::load(sources);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaults()
    {
        const auto settings = load(workDir(), { { u"SECRET_KEY"_s, QString(32, u'k') } });
        QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
        const ServerSettings &s = settings.value();
        QCOMPARE(s.secretKey, QByteArray(32, 'k'));
        QVERIFY(!s.secretKeyGenerated);
        QCOMPARE(s.corsOrigins,
                 (QStringList{ u"http://localhost:5173"_s, u"http://localhost:3000"_s }));
        QCOMPARE(s.pingIntervalMs, 25'000);
        QCOMPARE(s.pingTimeoutMs, 60'000);
        QCOMPARE(s.socketIoLogger, false);
        QCOMPARE(s.maxHttpBufferSize, 1'000'000);
        QCOMPARE(s.alertRateLimitPerMinute, 10);
        QCOMPARE(s.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(s.listenPort, 5'000);
        QCOMPARE(s.listenString(), u"127.0.0.1:5000"_s);
        QVERIFY(s.redisUrl.isEmpty());
        QVERIFY(s.tlsCertFile.isEmpty() && s.tlsKeyFile.isEmpty());
        QVERIFY(!s.demo);
        QVERIFY(s.warnings.isEmpty());
        QVERIFY(QDir::isAbsolutePath(s.dataDir));
        QCOMPARE(s.databaseUrl, u"sqlite://"_s + s.dataDir + u"/vigil.db"_s);
    }

    void secretKeyIsRequiredUnlessDemo()
    {
        const auto missing = load(workDir(), {});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().key, u"SECRET_KEY"_s);
        QVERIFY(missing.error().message.contains(u"--demo"));
        QVERIFY(!load(workDir(), { { u"SECRET_KEY"_s, u""_s } }).ok());

        const auto demo = load(workDir(), {}, { u"--demo"_s });
        QVERIFY(demo.ok());
        QVERIFY(demo->demo);
        QVERIFY(demo->secretKeyGenerated);
        QCOMPARE(demo->secretKey.size(), 32);
        const auto again = load(workDir(), {}, { u"--demo"_s });
        QVERIFY(again->secretKey != demo->secretKey); // random per start

        const auto demoWithKey =
          load(workDir(), { { u"SECRET_KEY"_s, u"given-demo-key"_s } }, { u"--demo"_s });
        QCOMPARE(demoWithKey->secretKey, QByteArray("given-demo-key"));
        QVERIFY(!demoWithKey->secretKeyGenerated);
    }

    void secretKeyFile()
    {
        const QString dir = workDir();
        QVERIFY(writeFile(dir + u"/secret"_s, "from-the-file-0123456789abcdefghij\n"));
        const auto settings = load(dir,
                                   { { u"SECRET_KEY"_s, u"from-the-environment"_s } },
                                   { u"--secret-key-file"_s, u"secret"_s });
        QVERIFY(settings.ok());
        QCOMPARE(settings->secretKey, QByteArray("from-the-file-0123456789abcdefghij"));

        const auto missing = load(dir, {}, { u"--secret-key-file"_s, u"nope"_s });
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().key, u"SECRET_KEY"_s);
        QVERIFY(writeFile(dir + u"/empty"_s, "\n"));
        QVERIFY(!load(dir, {}, { u"--secret-key-file"_s, u"empty"_s }).ok());
    }

    void secretNeverShown()
    {
        const QString secret = u"short-secret-value"_s;
        const auto settings = load(workDir(), { { u"SECRET_KEY"_s, secret } });
        QVERIFY(settings.ok());
        QCOMPARE(settings->warnings.size(), 1); // shorter than 32 bytes
        QVERIFY(!settings->warnings.join(u' ').contains(secret));
        QVERIFY(settings->summary().contains(u"SECRET_KEY: set"));
        QVERIFY(!settings->summary().contains(secret));
        // An invalid value elsewhere does not drag the secret into the message.
        const auto bad = load(
          workDir(), { { u"SECRET_KEY"_s, secret }, { u"SOCKET_IO_PING_INTERVAL"_s, u"-1"_s } });
        QVERIFY(!bad.ok());
        QVERIFY(!bad.error().message.contains(secret));
    }

    void precedence_data()
    {
        QTest::addColumn<QByteArray>("dotenv");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<int>("port");
        QTest::newRow("default") << QByteArray() << QString() << QString() << 5000;
        QTest::newRow(".env") << QByteArray("VIGIL_LISTEN=127.0.0.1:6001\n") << QString()
                              << QString() << 6001;
        QTest::newRow("env beats .env") << QByteArray("VIGIL_LISTEN=127.0.0.1:6001\n")
                                        << u"127.0.0.1:6002"_s << QString() << 6002;
        QTest::newRow("flag beats env") << QByteArray("VIGIL_LISTEN=127.0.0.1:6001\n")
                                        << u"127.0.0.1:6002"_s << u"127.0.0.1:6003"_s << 6003;
        QTest::newRow("flag beats .env") << QByteArray("VIGIL_LISTEN=127.0.0.1:6001\n") << QString()
                                         << u"127.0.0.1:6003"_s << 6003;
        QTest::newRow("empty env is unset")
          << QByteArray("VIGIL_LISTEN=127.0.0.1:6001\n") << u""_s << QString() << 6001;
    }
    void precedence()
    {
        QFETCH(QByteArray, dotenv);
        QFETCH(QString, env);
        QFETCH(QString, flag);
        QFETCH(int, port);
        Vars vars{ { u"SECRET_KEY"_s, QString(32, u's') } };
        if (!env.isNull())
            vars.append({ u"VIGIL_LISTEN"_s, env });
        QStringList flags;
        if (!flag.isNull())
            flags << u"--listen"_s << flag;
        const auto settings = load(workDir(dotenv.isEmpty() ? QByteArray() : dotenv), vars, flags);
        QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
        QCOMPARE(settings->listenPort, port);
    }

    void everyVariable()
    {
        const QString dir = workDir();
        QVERIFY(writeFile(dir + u"/cert.pem"_s, "cert"));
        QVERIFY(writeFile(dir + u"/key.pem"_s, "key"));
        const auto settings = load(
          dir,
          { { u"SECRET_KEY"_s, QString(40, u's') },
            { u"SOCKET_IO_CORS_ORIGINS"_s, u" https://ward.example:8443/ , http://10.0.0.2 ,,"_s },
            { u"SOCKET_IO_PING_INTERVAL"_s, u"0.3"_s },
            { u"SOCKET_IO_PING_TIMEOUT"_s, u"0.2"_s },
            { u"SOCKET_IO_LOGGER"_s, u"True"_s },
            { u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_s, u"1e6"_s },
            { u"ALERT_RATE_LIMIT_PER_MINUTE"_s, u"0"_s },
            { u"VIGIL_LISTEN"_s, u"[::1]:0"_s },
            { u"VIGIL_DATA_DIR"_s, u"state"_s },
            { u"VIGIL_DATABASE_URL"_s, u"sqlite:///srv/vigil/alerts.db"_s },
            { u"REDIS_URL"_s, u"redis://:pw@cache:6379/0"_s },
            { u"VIGIL_TLS_CERT"_s, u"cert.pem"_s },
            { u"VIGIL_TLS_KEY"_s, u"key.pem"_s },
            { u"VIGIL_TRUSTED_PROXIES"_s, u" 127.0.0.1, 10.1.0.0/16 ,::1,"_s } });
        QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
        const ServerSettings &s = settings.value();
        QCOMPARE(s.trustedProxiesString(), u"127.0.0.1/32,10.1.0.0/16,::1/128"_s);
        QCOMPARE(s.corsOrigins,
                 (QStringList{ u"https://ward.example:8443"_s, u"http://10.0.0.2"_s }));
        QCOMPARE(s.pingIntervalMs, 300);
        QCOMPARE(s.pingTimeoutMs, 200);
        QVERIFY(s.socketIoLogger);
        QCOMPARE(s.maxHttpBufferSize, 1'000'000);
        QCOMPARE(s.alertRateLimitPerMinute, 0);
        QCOMPARE(s.listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(s.listenPort, 0);
        QCOMPARE(s.listenString(), u"[::1]:0"_s);
        QCOMPARE(s.dataDir, dir + u"/state"_s);
        QCOMPARE(s.databaseUrl, u"sqlite:///srv/vigil/alerts.db"_s);
        QCOMPARE(s.redisUrl, u"redis://:pw@cache:6379/0"_s);
        QCOMPARE(s.tlsCertFile, dir + u"/cert.pem"_s);
        QCOMPARE(s.tlsKeyFile, dir + u"/key.pem"_s);
        QVERIFY(!s.summary().contains(u":pw@"));
    }

    void flagsForEveryVariable()
    {
        const QString dir = workDir();
        const auto settings = load(dir,
                                   { { u"SECRET_KEY"_s, QString(32, u's') } },
                                   { u"--cors-origins"_s,
                                     u"*"_s,
                                     u"--ping-interval"_s,
                                     u"5"_s,
                                     u"--ping-timeout"_s,
                                     u"7"_s,
                                     u"--socketio-logger"_s,
                                     u"--max-http-buffer-size"_s,
                                     u"2048"_s,
                                     u"--rate-limit"_s,
                                     u"3"_s,
                                     u"--listen"_s,
                                     u"*:8080"_s,
                                     u"--data-dir"_s,
                                     u"d"_s });
        QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
        const ServerSettings &s = settings.value();
        QCOMPARE(s.corsOrigins, QStringList{ u"*"_s });
        QCOMPARE(s.pingIntervalMs, 5'000);
        QCOMPARE(s.pingTimeoutMs, 7'000);
        QVERIFY(s.socketIoLogger);
        QCOMPARE(s.maxHttpBufferSize, 2'048);
        QCOMPARE(s.alertRateLimitPerMinute, 3);
        QCOMPARE(s.listenAddress, QHostAddress(QHostAddress::Any));
        QCOMPARE(s.listenPort, 8'080);
        QCOMPARE(s.dataDir, dir + u"/d"_s);
        QCOMPARE(s.databaseUrl, u"sqlite://"_s + dir + u"/d/vigil.db"_s);
    }

    void helpDocumentsEverything()
    {
        QCommandLineParser parser;
        ServerSettings::addOptions(parser);
        const QString help = parser.helpText();
        for (const QString &name : { u"SOCKET_IO_CORS_ORIGINS"_s,
                                     u"SOCKET_IO_PING_INTERVAL"_s,
                                     u"SOCKET_IO_PING_TIMEOUT"_s,
                                     u"SOCKET_IO_LOGGER"_s,
                                     u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_s,
                                     u"ALERT_RATE_LIMIT_PER_MINUTE"_s,
                                     u"VIGIL_LISTEN"_s,
                                     u"VIGIL_DATABASE_URL"_s,
                                     u"REDIS_URL"_s,
                                     u"VIGIL_TLS_CERT"_s,
                                     u"VIGIL_TLS_KEY"_s,
                                     u"VIGIL_DATA_DIR"_s,
                                     u"VIGIL_TRUSTED_PROXIES"_s,
                                     u"SECRET_KEY"_s,
                                     u"--demo"_s,
                                     u"--env-file"_s,
                                     u"--secret-key-file"_s })
            QVERIFY2(help.contains(name), qPrintable(name));
        QVERIFY(!help.contains(u"--secret-key "));
    }

    void invalidValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("negative ping") << u"SOCKET_IO_PING_INTERVAL"_s << u"-1"_s << u"positive"_s;
        QTest::newRow("zero ping") << u"SOCKET_IO_PING_INTERVAL"_s << u"0"_s << u"positive"_s;
        QTest::newRow("word ping") << u"SOCKET_IO_PING_TIMEOUT"_s << u"soon"_s << u"'soon'"_s;
        QTest::newRow("huge ping") << u"SOCKET_IO_PING_TIMEOUT"_s << u"1e9"_s << u"positive"_s;
        QTest::newRow("nan ping") << u"SOCKET_IO_PING_TIMEOUT"_s << u"nan"_s << u"positive"_s;
        QTest::newRow("logger") << u"SOCKET_IO_LOGGER"_s << u"maybe"_s << u"True or False"_s;
        QTest::newRow("zero buffer") << u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_s << u"0"_s << u"bytes"_s;
        QTest::newRow("fractional buffer")
          << u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_s << u"1.5"_s << u"bytes"_s;
        QTest::newRow("huge buffer")
          << u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_s << u"1e12"_s << u"bytes"_s;
        QTest::newRow("negative rate") << u"ALERT_RATE_LIMIT_PER_MINUTE"_s << u"-1"_s << u"0"_s;
        QTest::newRow("fractional rate")
          << u"ALERT_RATE_LIMIT_PER_MINUTE"_s << u"2.5"_s << u"whole"_s;
        QTest::newRow("port too big") << u"VIGIL_LISTEN"_s << u"127.0.0.1:70000"_s << u"port"_s;
        QTest::newRow("negative port") << u"VIGIL_LISTEN"_s << u"127.0.0.1:-1"_s << u"port"_s;
        QTest::newRow("no port") << u"VIGIL_LISTEN"_s << u"127.0.0.1"_s << u"host:port"_s;
        QTest::newRow("empty port") << u"VIGIL_LISTEN"_s << u"127.0.0.1:"_s << u"port"_s;
        QTest::newRow("host name")
          << u"VIGIL_LISTEN"_s << u"example.org:5000"_s << u"not an IP address"_s;
        QTest::newRow("bare ipv6") << u"VIGIL_LISTEN"_s << u"::1:5000"_s << u"brackets"_s;
        QTest::newRow("mysql") << u"VIGIL_DATABASE_URL"_s << u"mysql://db/vigil"_s
                               << u"unknown database scheme"_s;
        QTest::newRow("postgresql")
          << u"VIGIL_DATABASE_URL"_s << u"postgresql://db/vigil"_s << u"PostgreSQL"_s;
        QTest::newRow("sqlite host")
          << u"VIGIL_DATABASE_URL"_s << u"sqlite://db/vigil"_s << u"host"_s;
        QTest::newRow("redis scheme") << u"REDIS_URL"_s << u"http://cache"_s << u"redis://"_s;
        QTest::newRow("origin without scheme")
          << u"SOCKET_IO_CORS_ORIGINS"_s << u"localhost:5173"_s << u"origin"_s;
        QTest::newRow("origin with path")
          << u"SOCKET_IO_CORS_ORIGINS"_s << u"http://a.example/app"_s << u"origin"_s;
        QTest::newRow("tls cert alone") << u"VIGIL_TLS_CERT"_s << u"cert.pem"_s << u"both"_s;
        QTest::newRow("proxy name")
          << u"VIGIL_TRUSTED_PROXIES"_s << u"127.0.0.1,nginx"_s << u"'nginx'"_s;
        QTest::newRow("proxy prefix")
          << u"VIGIL_TRUSTED_PROXIES"_s << u"10.0.0.0/33"_s << u"network"_s;
    }
    void invalidValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        const auto settings =
          load(workDir(), { { u"SECRET_KEY"_s, QString(32, u's') }, { key, value } });
        QVERIFY2(!settings.ok(), "accepted");
        QVERIFY2(settings.error().message.contains(mentions), qPrintable(settings.error().message));
        QVERIFY(settings.error().message.contains(key));
        if (key != u"VIGIL_TLS_CERT")
            QVERIFY2(settings.error().message.contains(u"the environment"),
                     qPrintable(settings.error().message));
    }

    void errorsNameTheirSource()
    {
        const auto fromDotenv = load(workDir("SECRET_KEY=x\n\nSOCKET_IO_PING_INTERVAL=-5\n"), {});
        QVERIFY(!fromDotenv.ok());
        QCOMPARE(fromDotenv.error().key, u"SOCKET_IO_PING_INTERVAL"_s);
        QVERIFY2(fromDotenv.error().message.contains(u".env line 3"),
                 qPrintable(fromDotenv.error().message));
        const auto fromFlag =
          load(workDir(), { { u"SECRET_KEY"_s, u"x"_s } }, { u"--rate-limit"_s, u"many"_s });
        QVERIFY(!fromFlag.ok());
        QVERIFY2(fromFlag.error().message.contains(u"--rate-limit"),
                 qPrintable(fromFlag.error().message));
    }

    void tlsFilesMustExist()
    {
        const auto settings = load(workDir(),
                                   { { u"SECRET_KEY"_s, u"x"_s },
                                     { u"VIGIL_TLS_CERT"_s, u"missing.pem"_s },
                                     { u"VIGIL_TLS_KEY"_s, u"missing.key"_s } });
        QVERIFY(!settings.ok());
        QCOMPARE(settings.error().key, u"VIGIL_TLS_CERT"_s);
        QVERIFY(settings.error().message.contains(u"readable file"));
    }

    void envFileOption()
    {
        const QString dir = workDir("VIGIL_LISTEN=127.0.0.1:7001\n");
        QVERIFY(writeFile(dir + u"/other.env"_s, "SECRET_KEY=abc\nVIGIL_LISTEN=127.0.0.1:7002\n"));
        const auto settings = load(dir, {}, { u"--env-file"_s, u"other.env"_s });
        QVERIFY(settings.ok());
        QCOMPARE(settings->listenPort, 7'002);
        QCOMPARE(settings->secretKey, QByteArray("abc"));

        const auto missing =
          load(dir, { { u"SECRET_KEY"_s, u"x"_s } }, { u"--env-file"_s, u"absent.env"_s });
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(u"absent.env"));

        const auto broken = load(workDir("SECRET_KEY=x\nthis is not a setting\n"), {});
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(u"line 2"), qPrintable(broken.error().message));

        QByteArray huge(2 << 20, '#');
        QVERIFY(!load(workDir(huge), { { u"SECRET_KEY"_s, u"x"_s } }).ok());
    }

    void parseEnvFile_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<EnvFileEntry>>("entries");
        QTest::newRow("empty") << QByteArray() << QList<EnvFileEntry>{};
        QTest::newRow("plain") << QByteArray("A=1\nB=two words\n")
                               << QList<EnvFileEntry>{ { u"A"_s, u"1"_s, 1 },
                                                       { u"B"_s, u"two words"_s, 2 } };
        QTest::newRow("comments and blanks")
          << QByteArray("# header\n\n  A = 1  # trailing\nB=a#b\n")
          << QList<EnvFileEntry>{ { u"A"_s, u"1"_s, 3 }, { u"B"_s, u"a#b"_s, 4 } };
        QTest::newRow("export") << QByteArray("export A=1\n")
                                << QList<EnvFileEntry>{ { u"A"_s, u"1"_s, 1 } };
        QTest::newRow("double quotes")
          << QByteArray("A=\"x # not a comment\"\nB=\"line\\nbreak \\\"q\\\" \\\\ \\$\" # c\n")
          << QList<EnvFileEntry>{ { u"A"_s, u"x # not a comment"_s, 1 },
                                  { u"B"_s, u"line\nbreak \"q\" \\ \\$"_s, 2 } };
        QTest::newRow("single quotes")
          << QByteArray("A='a \\n $b'\n") << QList<EnvFileEntry>{ { u"A"_s, u"a \\n $b"_s, 1 } };
        QTest::newRow("empty values") << QByteArray("A=\nB=\"\"\nC= # nothing\n")
                                      << QList<EnvFileEntry>{ { u"A"_s, QString(), 1 },
                                                              { u"B"_s, QString(), 2 },
                                                              { u"C"_s, QString(), 3 } };
        QTest::newRow("crlf and equals in value")
          << QByteArray("URL=postgresql://u:p@h/db?x=1\r\n")
          << QList<EnvFileEntry>{ { u"URL"_s, u"postgresql://u:p@h/db?x=1"_s, 1 } };
        QTest::newRow("duplicates kept in order")
          << QByteArray("A=1\nA=2\n")
          << QList<EnvFileEntry>{ { u"A"_s, u"1"_s, 1 }, { u"A"_s, u"2"_s, 2 } };
        QTest::newRow("utf-8") << QByteArray("NAME=Station Süd\n")
                               << QList<EnvFileEntry>{ { u"NAME"_s, u"Station Süd"_s, 1 } };
    }
    void parseEnvFile()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<EnvFileEntry>, entries);
        const auto parsed = ServerSettings::parseEnvFile(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed.value().size(), entries.size());
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QCOMPARE(parsed.value().at(i).key, entries.at(i).key);
            QCOMPARE(parsed.value().at(i).value, entries.at(i).value);
            QCOMPARE(parsed.value().at(i).line, entries.at(i).line);
        }
    }

    void parseEnvFileErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("no equals") << QByteArray("A=1\nJUSTAKEY\n") << 2;
        QTest::newRow("bad key") << QByteArray("1A=1\n") << 1;
        QTest::newRow("space in key") << QByteArray("MY KEY=1\n") << 1;
        QTest::newRow("unterminated double") << QByteArray("A=1\n\nB=\"open\n") << 3;
        QTest::newRow("unterminated single") << QByteArray("B='open\n") << 1;
        QTest::newRow("text after quote") << QByteArray("B=\"a\"b\n") << 1;
        QTest::newRow("only equals") << QByteArray("=1\n") << 1;
    }
    void parseEnvFileErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        const auto parsed = ServerSettings::parseEnvFile(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(u"line %1:"_s.arg(line)),
                 qPrintable(parsed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestServerSettings)
#include "tst_serversettings.moc"
