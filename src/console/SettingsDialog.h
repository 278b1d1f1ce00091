// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QDialog>
#include <QString>

namespace Ui {
class SettingsDialog;
}

namespace vigil::console {

class Settings;

/// Edits Settings: server, request timeout, CA file, reconnection limits, the communication-loss
/// alarm delay, sound and language. Nothing is written until OK, and OK refuses values the
/// console could not use (the reason is shown in the dialog).
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(Settings *settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// Why the form cannot be saved, or an empty string.
    QString validationError() const;
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    void load();
    void save();
    void browseCaFile();

    Settings *m_settings;
    std::unique_ptr<Ui::SettingsDialog> m_ui;
};

} // namespace vigil::console
