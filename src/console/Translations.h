// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

#include "console/Settings.h"

namespace vigil::console {

/// Installs the console's translations (and Qt's own, for standard buttons) into the application.
/// The source language is English; German and French are built into the executable under :/i18n.
class Translations final
{
public:
    /// The resource directory qt_add_translations puts the .qm files in.
    static QString defaultDirectory();

    /// The locale `language` stands for (the system's for System).
    static QLocale localeFor(Settings::Language language);

    /// Replaces the translators installed by an earlier call. Returns the language code whose
    /// Vigil translation was loaded ("de", "fr"), or an empty string when the console stays in
    /// English (English asked for, or no translation for the system's language); English then
    /// gets its plural forms from vigil_en.
    static QString install(Settings::Language language,
                           const QString &directory = defaultDirectory());
    /// Removes what install() added.
    static void uninstall();
};

} // namespace vigil::console
