// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ServerMain.h"

#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

#include "server/AdminCommands.h"
#include "server/ConformanceService.h"
#include "server/Database.h"
#include "server/DemoSimulator.h"
#include "server/HttpFrontend.h"
#include "server/PasswordHasher.h"
#include "server/ServerApp.h"
#include "server/ServerSettings.h"
#include "server/ShutdownSignals.h"
#include "server/UserStore.h"
#include "vigil/Version.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

const QString conformanceFlag = u"conformance"_s;
const QString demoRateFlag = u"demo-rate"_s;
const QString roleFlag = u"role"_s;
const QString hospitalsFlag = u"hospitals"_s;
const QString displayNameFlag = u"display-name"_s;

void printError(const QString &message)
{
    std::fputs(qPrintable(u"vigil-server: "_s + message + u'\n'), stderr);
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

QString secretKeyHelp()
{
    return u"SECRET_KEY is not set. vigil-server signs its login tokens with it and will not start "
           u"without one (only --demo makes a random one).\n"
           u"  Set it in the environment or in ./.env, e.g.\n"
           u"    SECRET_KEY=$(openssl rand -hex 32)   (in .env: SECRET_KEY=<64 hex digits>)\n"
           u"  or keep it in a file readable only by the server: --secret-key-file <file>.\n"
           u"  Then create the first users:\n"
           u"    vigil-server user add admin --role admin\n"
           u"    vigil-server user add nurse1 --role nurse --hospitals 123\n"
           u"  (see vigil-server --help and docs/SERVER.md)."_s;
}

/// One line of stdin without its line break; std::nullopt at end of input or for a line longer
/// than a password may be.
std::optional<QString> readLine()
{
    QByteArray line;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, stdin)) {
        line += buffer;
        if (line.endsWith('\n'))
            break;
        if (line.size() > 4 * PasswordHasher::maxPasswordBytes)
            return std::nullopt;
    }
    if (line.isEmpty())
        return std::nullopt;
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

/// A prompt without echo on a terminal (asked twice), else one line of stdin (for scripts:
/// `printf '%s\n' "$PW" | vigil-server user add ...`).
std::optional<QString> readPassword()
{
#ifdef Q_OS_UNIX
    if (isatty(STDIN_FILENO)) {
        const auto ask = [](const char *prompt) -> std::optional<QString> {
            std::fputs(prompt, stderr);
            std::fflush(stderr);
            termios saved{};
            const bool canHide = tcgetattr(STDIN_FILENO, &saved) == 0;
            if (canHide) {
                termios hidden = saved;
                hidden.c_lflag &= ~tcflag_t(ECHO);
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden);
            }
            std::optional<QString> line = readLine();
            if (canHide)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            std::fputs("\n", stderr);
            return line;
        };
        const std::optional<QString> first = ask("Password: ");
        if (!first)
            return std::nullopt;
        const std::optional<QString> second = ask("Repeat the password: ");
        if (first != second) {
            printError(u"the passwords differ"_s);
            return std::nullopt;
        }
        return first;
    }
#endif
    return readLine();
}

int runConformance(QCoreApplication &app, const QCommandLineParser &parser)
{
    const QString listenText =
      parser.isSet(u"listen"_s) ? parser.value(u"listen"_s) : u"127.0.0.1:3000"_s;
    const auto endpoint = HttpFrontend::parseListenAddress(listenText);
    if (!endpoint) {
        printError(u"invalid --listen value \"%1\" (expected host:port)"_s.arg(listenText));
        return 2;
    }
    // Installed first, so a SIGTERM right after start-up still shuts down cleanly.
    ShutdownSignals shutdownSignals;
    ConformanceService service;
    if (!service.listen(endpoint->first, endpoint->second)) {
        printError(u"cannot listen on %1"_s.arg(listenText));
        return 1;
    }
    printOut(u"vigil-server %1: conformance mode on http://%2:%3\n"_s
               .arg(QString::fromLatin1(vigil::versionString), endpoint->first.toString())
               .arg(service.port()));
    QObject::connect(
      &shutdownSignals, &ShutdownSignals::shutdownRequested, &app, [&service, &app](int) {
          service.shutdown();
          // Lets the close frames and final poll answers leave before exiting.
          QTimer::singleShot(200, &app, &QCoreApplication::quit);
      });
    return app.exec();
}

/// Loads the settings for a command that needs the store but no key (user administration).
protocol::Result<ServerSettings, SettingsError> settingsForAdmin(const QCommandLineParser &parser)
{
    ServerSettings::Sources sources;
    sources.parser = &parser;
    // The key signs tokens only; a placeholder lets the rest load (and be validated) without it.
    if (sources.environment.value(u"SECRET_KEY"_s).isEmpty())
        sources.environment.insert(u"SECRET_KEY"_s, u"unused-by-user-administration"_s);
    return ServerSettings::load(sources);
}

int runUserCommand(const QCommandLineParser &parser, const QStringList &arguments)
{
    auto settings = settingsForAdmin(parser);
    if (!settings) {
        printError(settings.error().message);
        return AdminCommands::Usage;
    }
    Database database;
    const StoreStatus opened = database.open(settings->databaseUrl);
    if (!opened) {
        printError(
          u"cannot open the store %1: %2"_s.arg(settings->databaseUrl, opened.error().message));
        return AdminCommands::Failed;
    }
    const PasswordHasher hasher;
    UserStore users(database, hasher);
    QTextStream out(stdout);
    QTextStream err(stderr);
    AdminCommands::UserOptions options;
    if (parser.isSet(roleFlag))
        options.role = parser.value(roleFlag);
    if (parser.isSet(hospitalsFlag))
        options.hospitals = parser.value(hospitalsFlag);
    if (parser.isSet(displayNameFlag))
        options.displayName = parser.value(displayNameFlag);
    AdminCommands commands(users, &readPassword, out, err);
    return commands.run(arguments, options);
}

bool isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

int runServer(QCoreApplication &app, const QCommandLineParser &parser)
{
    ServerSettings::Sources sources;
    sources.parser = &parser;
    auto loaded = ServerSettings::load(sources);
    if (!loaded) {
        printError(loaded.error().key == u"SECRET_KEY" && !parser.isSet(u"secret-key-file"_s)
                     ? secretKeyHelp()
                     : loaded.error().message);
        return 2;
    }
    ServerSettings settings = loaded.value();
    for (const QString &warning : std::as_const(settings.warnings))
        printError(u"warning: "_s + warning);

    if (settings.socketIoLogger) {
        QLoggingCategory::setFilterRules(u"vigil.server.engine.debug=true\n"
                                         u"vigil.server.socketio.debug=true\n"
                                         u"vigil.server.http.debug=true\n"
                                         u"vigil.protocol.debug=true"_s);
    }

    double demoRate = DemoSimulator::defaultAlertsPerMinute;
    if (parser.isSet(demoRateFlag)) {
        bool ok = false;
        demoRate = parser.value(demoRateFlag).toDouble(&ok);
        if (!ok || !(demoRate > 0.0) || demoRate > DemoSimulator::maxAlertsPerMinute) {
            printError(
              u"--demo-rate must be a number of alerts per minute from above 0 to %1"_s.arg(
                DemoSimulator::maxAlertsPerMinute));
            return 2;
        }
        if (!settings.demo)
            printError(u"warning: --demo-rate only matters with --demo"_s);
    }

    // A demo gets a fresh store of its own unless a data directory or database was named.
    std::unique_ptr<QTemporaryDir> demoDir;
    if (settings.demo) {
        const QString defaultDir = QDir::cleanPath(
          QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).isEmpty()
            ? QDir::current().absoluteFilePath(u"data"_s)
            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
        const bool defaultDatabase =
          settings.databaseUrl == u"sqlite://"_s + settings.dataDir + u"/vigil.db"_s ||
          settings.databaseUrl == u"sqlite:///"_s + settings.dataDir + u"/vigil.db"_s;
        if (settings.dataDir == defaultDir && defaultDatabase) {
            demoDir =
              std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"vigil-demo-XXXXXX"_s));
            if (!demoDir->isValid()) {
                printError(
                  u"cannot create a temporary data directory: %1"_s.arg(demoDir->errorString()));
                return 1;
            }
            settings.dataDir = demoDir->path();
            settings.databaseUrl = u"sqlite://"_s + demoDir->path() + u"/vigil.db"_s;
        }
    }

    ShutdownSignals shutdownSignals;
    ServerApp server(settings);
    const auto started = server.start();
    if (!started) {
        printError(started.error());
        return 1;
    }

    std::unique_ptr<DemoSimulator> simulator;
    if (settings.demo) {
        const StoreStatus users = DemoSimulator::installDemoUsers(server.userStore());
        if (!users) {
            printError(u"cannot create the demo users: %1"_s.arg(users.error().message));
            return 1;
        }
        QString text = u"Demo mode: store in %1%2\nDemo users (hospitals 123 and 456):\n"_s.arg(
          settings.dataDir, demoDir ? u" (deleted at exit)"_s : QString());
        for (const DemoUser &demo : DemoSimulator::demoUsers()) {
            text += u"  %1  password %2  role %3  hospitals %4\n"_s.arg(
              demo.user.username.leftJustified(9),
              demo.password.leftJustified(14),
              roleToString(demo.user.role).leftJustified(12),
              demo.user.role == Role::Admin   ? u"(all)"_s
              : demo.user.hospitals.isEmpty() ? u"(any, publishes)"_s
                                              : demo.user.hospitals.join(u','));
        }
        printOut(text);
        if (!isLoopback(settings.listenAddress))
            printError(u"warning: the demo users' passwords are public; this demo listens "
                       u"beyond this machine (%1)"_s.arg(settings.listenString()));
        simulator =
          std::make_unique<DemoSimulator>(&server.alertService(), quint32(std::time(nullptr)));
        simulator->setRate(demoRate);
        simulator->start();
    } else {
        const auto users = server.userStore().list();
        if (users && users->isEmpty())
            printError(u"warning: the store has no users, so nobody can log in; create one with "
                       u"vigil-server user add <name> --role admin"_s);
    }

    const QString scheme = settings.tlsCertFile.isEmpty() ? u"http"_s : u"https"_s;
    const QString host = settings.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                           ? u"[%1]"_s.arg(settings.listenAddress.toString())
                           : settings.listenAddress.toString();
    printOut(u"vigil-server %1 listening on %2://%3:%4 (store %5)\n"_s
               .arg(QString::fromLatin1(vigil::versionString), scheme, host)
               .arg(server.port())
               .arg(server.database().filePath()));

    QObject::connect(&shutdownSignals,
                     &ShutdownSignals::shutdownRequested,
                     &app,
                     [&server, &simulator, &app](int signalNumber) {
                         printOut(u"vigil-server: signal %1, shutting down\n"_s.arg(signalNumber));
                         if (simulator)
                             simulator->stop();
                         server.shutdown();
                         QTimer::singleShot(200, &app, &QCoreApplication::quit);
                     });
    return app.exec();
}

} // namespace

int serverMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-server"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(vigil::versionString));
    QCoreApplication::setOrganizationName(u"Vigil"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
      u"Vigil alert server: Socket.IO (Engine.IO v4 + Socket.IO v5) and REST on one port.\n"
      u"Settings come from ./.env, then the environment, then these flags (later wins); "
      u"SECRET_KEY is required unless --demo is given.\n\n"_s +
      AdminCommands::usage());
    parser.addHelpOption();
    parser.addVersionOption();
    ServerSettings::addOptions(parser);
    parser.addOption(
      QCommandLineOption(demoRateFlag,
                         u"With --demo: simulated alerts per minute (default %1)."_s.arg(
                           DemoSimulator::defaultAlertsPerMinute),
                         u"n"_s));
    parser.addOption(QCommandLineOption(
      conformanceFlag,
      u"Serve the contract of the official Socket.IO v5 and Engine.IO v4 protocol test suites "
      u"instead (/socket.io/ and /engine.io/, ping 300 ms, timeout 200 ms, no recovery; "
      u"--listen default 127.0.0.1:3000)."_s));
    parser.addOption(QCommandLineOption(
      roleFlag, u"user add: nurse, charge_nurse, admin or producer."_s, u"role"_s));
    parser.addOption(QCommandLineOption(
      hospitalsFlag, u"user add: comma-separated hospital ids the user may see."_s, u"ids"_s));
    parser.addOption(QCommandLineOption(
      displayNameFlag, u"user add: the name shown in the console."_s, u"name"_s));
    parser.addPositionalArgument(
      u"user"_s,
      u"user add|list|remove|passwd ... (see above); nothing to serve."_s,
      u"[user ...]"_s);
    parser.process(app);

    if (parser.isSet(conformanceFlag))
        return runConformance(app, parser);

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.first() != u"user") {
            printError(u"unknown command '%1' (see --help)"_s.arg(positional.first().left(50)));
            return 2;
        }
        return runUserCommand(parser, positional.mid(1));
    }
    for (const QString &flag : { roleFlag, hospitalsFlag, displayNameFlag }) {
        if (parser.isSet(flag)) {
            printError(u"--%1 only goes with user add"_s.arg(flag));
            return 2;
        }
    }
    return runServer(app, parser);
}

} // namespace vigil::server
