// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QList>
#include <QPointer>
#include <QTranslator>

#include "common/Logging.h"

namespace vigil::console {

namespace {

QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

} // namespace

QString Translations::defaultDirectory()
{
    return QStringLiteral(":/i18n");
}

QLocale Translations::localeFor(Settings::Language language)
{
    switch (language) {
        case Settings::Language::English:
            return QLocale(QLocale::English, QLocale::UnitedKingdom);
        case Settings::Language::German:
            return QLocale(QLocale::German, QLocale::Germany);
        case Settings::Language::French:
            return QLocale(QLocale::French, QLocale::France);
        case Settings::Language::System:
            break;
    }
    return QLocale::system();
}

QString Translations::install(Settings::Language language, const QString &directory)
{
    uninstall();
    const QLocale locale = localeFor(language);
    if (language != Settings::Language::System)
        QLocale::setDefault(locale);

    auto *vigil = new QTranslator(QCoreApplication::instance());
    // Tries vigil_de_DE, vigil_de, ... for each of the locale's UI languages.
    bool loaded = language != Settings::Language::English &&
                  vigil->load(locale, QStringLiteral("vigil"), QStringLiteral("_"), directory);
    if (!loaded && language != Settings::Language::System &&
        language != Settings::Language::English) {
        qCWarning(lcConsole) << "no translation for" << locale.name() << "in" << directory;
    }
    // English is the fallback; its file only holds the plural forms ("1 alert", "2 alerts").
    const bool english = !loaded;
    if (english)
        loaded = vigil->load(QStringLiteral("vigil_en"), directory);
    if (!loaded) {
        delete vigil;
        return {};
    }
    QCoreApplication::installTranslator(vigil);
    installed().append(vigil);
    if (english)
        return {};

    // Qt's own strings (standard buttons, context menus of text fields), when installed.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale,
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed().append(qt);
    } else {
        delete qt;
    }
    return vigil->language().section(u'_', 0, 0);
}

void Translations::uninstall()
{
    for (const QPointer<QTranslator> &translator : std::as_const(installed())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator.data();
        }
    }
    installed().clear();
}

} // namespace vigil::console
