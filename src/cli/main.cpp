// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <variant>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include "cli/CliApp.h"
#include "cli/CliOptions.h"
#include "cli/TerminationSignals.h"
#include "vigil/Version.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(vigil::versionString));

    const auto parsed = vigil::cli::parseArguments(QCoreApplication::arguments());
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const vigil::cli::CliOptions &options = std::get<vigil::cli::CliOptions>(parsed);

    // The library's own log lines would repeat what vigil-cli already says on stderr;
    // QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("vigil.*.debug=false")
                                                     : QStringLiteral("vigil.*=false"));

    vigil::cli::CliApp cli(options);
    vigil::cli::TerminationSignals signals;
    QObject::connect(
      &cli, &vigil::cli::CliApp::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    QObject::connect(&signals,
                     &vigil::cli::TerminationSignals::terminationRequested,
                     &cli,
                     &vigil::cli::CliApp::terminate);
    QTimer::singleShot(0, &cli, &vigil::cli::CliApp::run);
    return app.exec();
}
