// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include "server/ConformanceService.h"
#include "server/HttpFrontend.h"
#include "server/ShutdownSignals.h"
#include "vigil/Version.h"

using namespace Qt::StringLiterals;

namespace {

void printError(const QString &message)
{
    std::fputs(qPrintable(u"vigil-server: "_s + message + u'\n'), stderr);
}

} // namespace

int main(int argc, char *argv[])
{
    // With thousands of sockets, the GLib dispatcher's socket notifier bookkeeping is linear in
    // their number and is paid on every write; Qt's own UNIX dispatcher keeps it constant.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-server"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(vigil::versionString));
    QCoreApplication::setOrganizationName(u"Vigil"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
      u"Vigil alert server: Socket.IO (Engine.IO v4 + Socket.IO v5) and REST on one port."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption conformance(
      u"conformance"_s,
      u"Serve the contract of the official Socket.IO v5 and Engine.IO v4 protocol test suites "
      "(/socket.io/ and /engine.io/, ping 300 ms, timeout 200 ms, no recovery)."_s);
    const QCommandLineOption listen(
      u"listen"_s,
      u"Address and port to listen on (default 127.0.0.1:3000 with --conformance)."_s,
      u"host:port"_s);
    parser.addOption(conformance);
    parser.addOption(listen);
    parser.process(app);

    if (!parser.isSet(conformance)) {
        printError(u"the alert service is not built yet; only --conformance is available "
                   "(see --help)."_s);
        return 2;
    }

    const QString listenText = parser.isSet(listen) ? parser.value(listen) : u"127.0.0.1:3000"_s;
    const auto endpoint = vigil::server::HttpFrontend::parseListenAddress(listenText);
    if (!endpoint) {
        printError(u"invalid --listen value \"%1\" (expected host:port)"_s.arg(listenText));
        return 2;
    }

    // Installed first, so a SIGTERM right after start-up still shuts down cleanly.
    vigil::server::ShutdownSignals shutdownSignals;
    vigil::server::ConformanceService service;
    if (!service.listen(endpoint->first, endpoint->second)) {
        printError(u"cannot listen on %1"_s.arg(listenText));
        return 1;
    }
    std::fprintf(stdout,
                 "vigil-server %s: conformance mode on http://%s:%u\n",
                 vigil::versionString,
                 qPrintable(endpoint->first.toString()),
                 unsigned(service.port()));
    std::fflush(stdout);

    QObject::connect(&shutdownSignals,
                     &vigil::server::ShutdownSignals::shutdownRequested,
                     &app,
                     [&service, &app](int) {
                         service.shutdown();
                         // Lets the close frames and final poll answers leave before exiting.
                         QTimer::singleShot(200, &app, &QCoreApplication::quit);
                     });
    return app.exec();
}
