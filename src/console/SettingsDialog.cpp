// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/SettingsDialog.h"

#include <cmath>

#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

#include "console/LoginDialog.h"
#include "console/Settings.h"
#include "ui_settingsdialog.h"

namespace vigil::console {

SettingsDialog::SettingsDialog(Settings *settings, QWidget *parent)
  : QDialog(parent)
  , m_settings(settings)
  , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    // Language names in their own language: someone who cannot read the current one must still
    // find theirs.
    m_ui->languageCombo->addItem(tr("System default"),
                                 static_cast<int>(Settings::Language::System));
    m_ui->languageCombo->addItem(QStringLiteral("English"),
                                 static_cast<int>(Settings::Language::English));
    m_ui->languageCombo->addItem(QStringLiteral("Deutsch"),
                                 static_cast<int>(Settings::Language::German));
    m_ui->languageCombo->addItem(QStringLiteral("Français"),
                                 static_cast<int>(Settings::Language::French));
    m_ui->errorLabel->hide();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->caBrowseButton, &QPushButton::clicked, this, &SettingsDialog::browseCaFile);
    // The longest delay can never be below the first one.
    connect(m_ui->delayMinSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        m_ui->delayMaxSpin->setMinimum(value);
    });
    load();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::load()
{
    m_ui->serverEdit->setText(m_settings->serverUrl().toString());
    m_ui->timeoutSpin->setValue(m_settings->apiTimeoutSeconds());
    m_ui->caFileEdit->setText(m_settings->caFile());
    const int attempts = m_settings->reconnectAttempts();
    m_ui->attemptsSpin->setValue(attempts < 0 ? 0 : attempts);
    m_ui->delayMinSpin->setValue(m_settings->reconnectDelayMinMs() / 1000.0);
    m_ui->delayMaxSpin->setMinimum(m_ui->delayMinSpin->value());
    m_ui->delayMaxSpin->setValue(m_settings->reconnectDelayMaxMs() / 1000.0);
    m_ui->offlineDelaySpin->setValue(m_settings->offlineAlarmDelaySeconds());
    m_ui->soundCheck->setChecked(m_settings->soundEnabled());
    const int index = m_ui->languageCombo->findData(static_cast<int>(m_settings->language()));
    m_ui->languageCombo->setCurrentIndex(index < 0 ? 0 : index);
}

void SettingsDialog::save()
{
    m_settings->setServerUrl(LoginDialog::parseServerUrl(m_ui->serverEdit->text()));
    m_settings->setApiTimeoutSeconds(m_ui->timeoutSpin->value());
    m_settings->setCaFile(m_ui->caFileEdit->text().trimmed());
    const int attempts = m_ui->attemptsSpin->value();
    m_settings->setReconnectAttempts(attempts == 0 ? -1 : attempts);
    m_settings->setReconnectDelayMinMs(
      static_cast<int>(std::lround(m_ui->delayMinSpin->value() * 1000)));
    m_settings->setReconnectDelayMaxMs(
      static_cast<int>(std::lround(m_ui->delayMaxSpin->value() * 1000)));
    m_settings->setOfflineAlarmDelaySeconds(m_ui->offlineDelaySpin->value());
    m_settings->setSoundEnabled(m_ui->soundCheck->isChecked());
    m_settings->setLanguage(
      static_cast<Settings::Language>(m_ui->languageCombo->currentData().toInt()));
    m_settings->sync();
}

QString SettingsDialog::validationError() const
{
    if (!LoginDialog::parseServerUrl(m_ui->serverEdit->text()).isValid())
        return tr("Enter the server address with http:// or https://.");
    const QString caFile = m_ui->caFileEdit->text().trimmed();
    if (!caFile.isEmpty()) {
        const QFileInfo info(caFile);
        if (!info.isFile() || !info.isReadable())
            return tr("The CA certificate file cannot be read: %1").arg(caFile);
    }
    return {};
}

QString SettingsDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

void SettingsDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_ui->errorLabel->setText(error);
        m_ui->errorLabel->show();
        return;
    }
    m_ui->errorLabel->hide();
    save();
    QDialog::accept();
}

void SettingsDialog::browseCaFile()
{
    // open(), not exec() or the static getters: a nested event loop would stall the alert feed.
    auto *dialog = new QFileDialog(this,
                                   tr("Choose CA certificates"),
                                   QFileInfo(m_ui->caFileEdit->text()).absolutePath(),
                                   tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_ui->caFileEdit->setText(file);
    });
    dialog->open();
}

} // namespace vigil::console
