// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// CredentialStore with the real QtKeychain backend against a real Secret Service: gnome-keyring in
// a private D-Bus session, so the test never touches the user's own keyring. The executable runs
// twice: the outer run starts `dbus-run-session`, which unlocks a fresh keyring in a temporary
// home and runs this executable again with --inner; the inner run holds the actual checks.

#include <cstdio>
#include <optional>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "client/CredentialStore.h"
#include "client/KeychainBackend.h"

using namespace vigil::client;
using namespace Qt::StringLiterals;

using LoadResult = vigil::protocol::Result<std::optional<QString>, CredentialError>;

namespace {

constexpr auto innerFlag = "--inner";
/// The inner run exits with this code, after printing a `SKIP:` line, when no keyring works.
constexpr int skipExitCode = 77;
constexpr int keychainWait = 30'000; // ms

const QUrl server(u"https://vigil.example:8443"_s);

QString secretTool()
{
    return QStandardPaths::findExecutable(u"secret-tool"_s);
}

struct ToolResult
{
    bool ran = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ToolResult runTool(const QString &program,
                   const QStringList &arguments,
                   const QByteArray &input = {})
{
    ToolResult result;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10'000))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished(5'000);
        return result;
    }
    result.ran = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

/// Whether a Secret Service answers on this session bus, checked with tools independent of the
/// code under test so that a broken KeychainBackend fails the test instead of skipping it.
std::optional<QString> secretServiceUnavailableReason()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return u"no session bus (DBUS_SESSION_BUS_ADDRESS is empty)"_s;
    const QString tool = secretTool();
    if (tool.isEmpty())
        return std::nullopt; // nothing independent to probe with; let the test itself decide
    const QStringList attributes{ u"vigil-probe"_s, u"1"_s };
    const ToolResult stored =
      runTool(tool, QStringList{ u"store"_s, u"--label=vigil probe"_s } + attributes, "probe");
    if (!stored.ran || stored.exitCode != 0)
        return u"the keyring does not accept secrets: "_s + QString::fromLocal8Bit(stored.err);
    runTool(tool, QStringList{ u"clear"_s } + attributes);
    return std::nullopt;
}

} // namespace

/// Runs inside the private D-Bus session.
class tst_SecretServiceInner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saveLoadRemove();
    void overwrite();
    void notFoundIsNotAnError();

private:
    std::optional<CredentialError> save(CredentialStore &store,
                                        const QString &user,
                                        const QString &token);
    LoadResult load(CredentialStore &store, const QString &user);
    std::optional<CredentialError> remove(CredentialStore &store, const QString &user);
};

std::optional<CredentialError> tst_SecretServiceInner::save(CredentialStore &store,
                                                            const QString &user,
                                                            const QString &token)
{
    std::optional<std::optional<CredentialError>> result;
    store.saveToken(
      user, server, token, [&](std::optional<CredentialError> error) { result = error; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), keychainWait); }();
    return result.value_or(CredentialError{ CredentialError::Kind::Failed, u"no answer"_s });
}

LoadResult tst_SecretServiceInner::load(CredentialStore &store, const QString &user)
{
    std::optional<LoadResult> result;
    store.loadToken(user, server, [&](LoadResult r) { result = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), keychainWait); }();
    return result.value_or(CredentialError{ CredentialError::Kind::Failed, u"no answer"_s });
}

std::optional<CredentialError> tst_SecretServiceInner::remove(CredentialStore &store,
                                                              const QString &user)
{
    std::optional<std::optional<CredentialError>> result;
    store.removeToken(user, server, [&](std::optional<CredentialError> error) { result = error; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), keychainWait); }();
    return result.value_or(CredentialError{ CredentialError::Kind::Failed, u"no answer"_s });
}

void tst_SecretServiceInner::saveLoadRemove()
{
    CredentialStore store(std::make_unique<KeychainBackend>());
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJudXJzZTEifQ.c2ln"_s;

    const auto saved = save(store, u"nurse1"_s, token);
    QVERIFY2(!saved, saved ? qPrintable(saved->message) : "");

    const LoadResult loaded = load(store, u"nurse1"_s);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded.value(), std::optional<QString>(token));

    // The secret is really in the Secret Service, where other programs see it under our key.
    const QString tool = secretTool();
    const QString key = CredentialStore::accountKey(u"nurse1"_s, server);
    if (!tool.isEmpty()) {
        const ToolResult found =
          runTool(tool, { u"lookup"_s, u"server"_s, u"vigil"_s, u"user"_s, key });
        QVERIFY(found.ran);
        QCOMPARE(found.exitCode, 0);
        QCOMPARE(QString::fromUtf8(found.out).trimmed(), token);
    }

    const auto removed = remove(store, u"nurse1"_s);
    QVERIFY2(!removed, removed ? qPrintable(removed->message) : "");
    const LoadResult afterRemove = load(store, u"nurse1"_s);
    QVERIFY(afterRemove.ok());
    QVERIFY(!afterRemove.value().has_value());
    if (!tool.isEmpty()) {
        const ToolResult gone =
          runTool(tool, { u"lookup"_s, u"server"_s, u"vigil"_s, u"user"_s, key });
        QVERIFY(gone.ran);
        QVERIFY(gone.exitCode != 0 || gone.out.trimmed().isEmpty());
    }

    const auto removedAgain = remove(store, u"nurse1"_s);
    QVERIFY2(!removedAgain, "removing a missing entry must succeed");
}

void tst_SecretServiceInner::overwrite()
{
    CredentialStore store(std::make_unique<KeychainBackend>());
    QVERIFY(!save(store, u"nurse2"_s, u"first"_s));
    QVERIFY(!save(store, u"nurse2"_s, u"second"_s));
    const LoadResult loaded = load(store, u"nurse2"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value(), std::optional<QString>(u"second"_s));
    QVERIFY(!remove(store, u"nurse2"_s));
}

void tst_SecretServiceInner::notFoundIsNotAnError()
{
    CredentialStore store(std::make_unique<KeychainBackend>());
    // Queued back to back: each keychain job starts only after the previous one has finished.
    std::optional<LoadResult> first;
    std::optional<LoadResult> second;
    store.loadToken(u"never-stored"_s, server, [&](LoadResult r) { first = r; });
    store.loadToken(u"never-stored-either"_s, server, [&](LoadResult r) { second = r; });
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value() && second.has_value(), keychainWait);
    QVERIFY2(first->ok(), first->ok() ? "" : qPrintable(first->error().message));
    QVERIFY(!first->value().has_value());
    QVERIFY(second->ok());
    QVERIFY(!second->value().has_value());
}

/// Starts the private session and runs the inner tests in it.
class tst_CredentialStoreSecretService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realSecretService();
};

void tst_CredentialStoreSecretService::realSecretService()
{
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    if (dbusRunSession.isEmpty())
        QSKIP("dbus-run-session is not installed (Debian package dbus-daemon / dbus)");
    if (QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s).isEmpty())
        QSKIP("gnome-keyring-daemon is not installed (Debian package gnome-keyring)");

    // A fresh home: the keyring is created with a known password and the user's own keyring,
    // if any, is never opened.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString runtimeDir = home.filePath(u"run"_s);
    QVERIFY(QDir().mkpath(runtimeDir));
    QVERIFY(
      QFile::setPermissions(runtimeDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_RUNTIME_DIR"_s, runtimeDir);
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    environment.insert(u"VIGIL_KEYRING_PASSWORD"_s, u"vigil-test"_s);
    for (const auto &name : { u"DBUS_SESSION_BUS_ADDRESS"_s,
                              u"GNOME_KEYRING_CONTROL"_s,
                              u"XDG_CURRENT_DESKTOP"_s,
                              u"DESKTOP_SESSION"_s,
                              u"KDE_FULL_SESSION"_s })
        environment.remove(name);

    const QString script =
      u"printf %s \"$VIGIL_KEYRING_PASSWORD\" | gnome-keyring-daemon --unlock --components=secrets"
      " >/dev/null || { echo 'SKIP: gnome-keyring-daemon could not start'; exit 77; }; "
      "exec \"$0\" --inner"_s;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(dbusRunSession,
                  { u"--"_s, u"sh"_s, u"-c"_s, script, QCoreApplication::applicationFilePath() });
    QVERIFY2(process.waitForStarted(10'000), qPrintable(process.errorString()));
    if (!process.waitForFinished(180'000)) {
        process.kill();
        process.waitForFinished(10'000);
        QFAIL("the inner test run did not finish within 180 s");
    }
    const QByteArray output = process.readAll();
    // The inner run's own report, so that a failure shows which check failed.
    std::fputs(output.constData(), stdout);
    std::fflush(stdout);

    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    if (process.exitCode() == skipExitCode) {
        QString reason = u"no working Secret Service in a private D-Bus session"_s;
        for (const QByteArray &line : output.split('\n')) {
            if (line.startsWith("SKIP: "))
                reason = QString::fromLocal8Bit(line.mid(6));
        }
        QSKIP(qPrintable(reason));
    }
    QVERIFY2(process.exitCode() == 0, "the inner test run failed; its output is above");
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments();
    if (arguments.removeAll(QLatin1StringView(innerFlag)) > 0) {
        if (const auto reason = secretServiceUnavailableReason()) {
            std::printf("SKIP: %s\n", qPrintable(*reason));
            return skipExitCode;
        }
        tst_SecretServiceInner inner;
        return QTest::qExec(&inner, arguments);
    }
    tst_CredentialStoreSecretService outer;
    return QTest::qExec(&outer, arguments);
}

#include "tst_credentialstore_secretservice.moc"
