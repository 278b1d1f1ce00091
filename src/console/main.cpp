// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <memory>
#include <optional>

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QStyleFactory>
#include <QTextStream>

#include "client/KeychainBackend.h"
#include "console/ConsoleController.h"
#include "console/Settings.h"
#include "console/Translations.h"
#include "vigil/Version.h"

namespace {

/// The first line of `file` ("-" for stdin), without its line break; bounded so a wrong path
/// (a device, a huge file) cannot fill memory.
std::optional<QString> readPassword(const QString &path)
{
    constexpr qint64 maxLength = 4'096;
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return std::nullopt;
    QByteArray line = file.readLine(maxLength);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

/// --help and --version must work without a display (packaging checks, ssh sessions).
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app = onlyPrints(argc, argv)
                                              ? std::make_unique<QCoreApplication>(argc, argv)
                                              : std::make_unique<QApplication>(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Vigil"));
    QApplication::setApplicationName(QStringLiteral("vigil-console"));
    // Wayland matches windows to the desktop entry (and its icon) by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.vigil.Console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Vigil"));
    QApplication::setApplicationVersion(QString::fromLatin1(vigil::versionString));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Vigil: the nurse's alert console."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QStringLiteral("Server URL, e.g. https://vigil:5000."),
                                          QStringLiteral("url"));
    const QCommandLineOption usernameOption(QStringLiteral("username"),
                                            QStringLiteral("Username to sign in with."),
                                            QStringLiteral("name"));
    const QCommandLineOption passwordFileOption(
      QStringLiteral("password-file"),
      QStringLiteral("Sign in with the password on the first line of this file (\"-\" reads "
                     "stdin). For demos and kiosks; the password is used once and never stored."),
      QStringLiteral("file"));
    const QCommandLineOption roomOption(
      QStringLiteral("room"),
      QStringLiteral("Follow this room for this run (repeatable), e.g. hospital_123."),
      QStringLiteral("room"));
    const QCommandLineOption languageOption(
      QStringLiteral("language"), QStringLiteral("system, en, de or fr."), QStringLiteral("code"));
    const QCommandLineOption settingsOption(
      QStringLiteral("settings"),
      QStringLiteral("Use this INI file instead of the user's settings."),
      QStringLiteral("file"));
    parser.addOptions({ serverOption,
                        usernameOption,
                        passwordFileOption,
                        roomOption,
                        languageOption,
                        settingsOption });
    parser.process(*app);
    if (!qobject_cast<QApplication *>(app.get())) {
        // "-v" or "-h" was the value of another option; start again without that ambiguity.
        std::fprintf(stderr, "vigil-console: use --option=value for values starting with -\n");
        return 2;
    }
    // One look on every desktop, so screenshots, training material and the ward match.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    auto settings = parser.isSet(settingsOption)
                      ? std::make_unique<vigil::console::Settings>(parser.value(settingsOption))
                      : std::make_unique<vigil::console::Settings>();

    vigil::console::Settings::Language language = settings->language();
    if (parser.isSet(languageOption)) {
        bool ok = false;
        language = vigil::console::Settings::languageFromCode(parser.value(languageOption), &ok);
        if (!ok) {
            std::fprintf(stderr,
                         "vigil-console: unknown language \"%s\" (system, en, de, fr)\n",
                         qPrintable(parser.value(languageOption)));
            return 2;
        }
    }
    vigil::console::Translations::install(language);

    vigil::console::ConsoleController::Options options;
    if (parser.isSet(serverOption)) {
        options.server = QUrl(parser.value(serverOption), QUrl::StrictMode);
        if (!options.server.isValid() || options.server.host().isEmpty()) {
            std::fprintf(stderr,
                         "vigil-console: invalid server URL \"%s\"\n",
                         qPrintable(parser.value(serverOption)));
            return 2;
        }
    }
    options.username = parser.value(usernameOption);
    if (parser.isSet(passwordFileOption)) {
        options.password = readPassword(parser.value(passwordFileOption));
        if (!options.password) {
            std::fprintf(stderr,
                         "vigil-console: cannot read the password file \"%s\"\n",
                         qPrintable(parser.value(passwordFileOption)));
            return 2;
        }
    }
    options.rooms = parser.values(roomOption);

    vigil::console::ConsoleController controller(
      settings.get(), std::make_unique<vigil::client::KeychainBackend>(), std::move(options));
    controller.start();
    return QApplication::exec();
}
