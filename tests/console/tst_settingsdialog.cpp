// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include "console/Settings.h"
#include "console/SettingsDialog.h"

using namespace Qt::StringLiterals;
using vigil::console::Settings;
using vigil::console::SettingsDialog;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void showsCurrentSettings();
    void okSavesEverything();
    void cancelChangesNothing();
    void refusesUnusableValues();
    void longestDelayFollowsFirstDelay();

private:
    template<typename T>
    static T *child(SettingsDialog &d, const char *name)
    {
        T *w = d.findChild<T *>(QLatin1StringView(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void tst_SettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"vigil.ini"_s));
}

void tst_SettingsDialog::showsCurrentSettings()
{
    m_settings->setServerUrl(QUrl(u"https://vigil.example"_s));
    m_settings->setApiTimeoutSeconds(30);
    m_settings->setReconnectAttempts(-1);
    m_settings->setReconnectDelayMinMs(1'500);
    m_settings->setReconnectDelayMaxMs(8'000);
    m_settings->setOfflineAlarmDelaySeconds(9);
    m_settings->setSoundEnabled(false);
    m_settings->setLanguage(Settings::Language::German);
    SettingsDialog d(m_settings.get());
    QCOMPARE(child<QLineEdit>(d, "serverEdit")->text(), u"https://vigil.example"_s);
    QCOMPARE(child<QSpinBox>(d, "timeoutSpin")->value(), 30);
    QCOMPARE(child<QSpinBox>(d, "attemptsSpin")->value(), 0);
    QCOMPARE(child<QSpinBox>(d, "attemptsSpin")->text(), u"Unlimited"_s);
    QCOMPARE(child<QDoubleSpinBox>(d, "delayMinSpin")->value(), 1.5);
    QCOMPARE(child<QDoubleSpinBox>(d, "delayMaxSpin")->value(), 8.0);
    QCOMPARE(child<QSpinBox>(d, "offlineDelaySpin")->value(), 9);
    QCOMPARE(child<QCheckBox>(d, "soundCheck")->isChecked(), false);
    QCOMPARE(child<QComboBox>(d, "languageCombo")->currentText(), u"Deutsch"_s);
}

void tst_SettingsDialog::okSavesEverything()
{
    QTemporaryFile ca;
    QVERIFY(ca.open());
    ca.write("-----BEGIN CERTIFICATE-----\n");
    ca.close();

    SettingsDialog d(m_settings.get());
    child<QLineEdit>(d, "serverEdit")->setText(u"https://ward7.example:8443"_s);
    child<QSpinBox>(d, "timeoutSpin")->setValue(20);
    child<QLineEdit>(d, "caFileEdit")->setText(ca.fileName());
    child<QSpinBox>(d, "attemptsSpin")->setValue(50);
    child<QDoubleSpinBox>(d, "delayMinSpin")->setValue(0.5);
    child<QDoubleSpinBox>(d, "delayMaxSpin")->setValue(12.0);
    child<QSpinBox>(d, "offlineDelaySpin")->setValue(3);
    child<QCheckBox>(d, "soundCheck")->setChecked(false);
    QComboBox *language = child<QComboBox>(d, "languageCombo");
    language->setCurrentIndex(language->findText(u"Français"_s));
    QSignalSpy accepted(&d, &QDialog::accepted);
    d.open();
    d.accept();
    QCOMPARE(accepted.size(), 1);

    Settings reread(m_settings->fileName());
    QCOMPARE(reread.serverUrl(), QUrl(u"https://ward7.example:8443"_s));
    QCOMPARE(reread.apiTimeoutSeconds(), 20);
    QCOMPARE(reread.caFile(), ca.fileName());
    QCOMPARE(reread.reconnectAttempts(), 50);
    QCOMPARE(reread.reconnectDelayMinMs(), 500);
    QCOMPARE(reread.reconnectDelayMaxMs(), 12'000);
    QCOMPARE(reread.offlineAlarmDelaySeconds(), 3);
    QCOMPARE(reread.soundEnabled(), false);
    QCOMPARE(reread.language(), Settings::Language::French);

    // 0 attempts in the form is "Unlimited".
    SettingsDialog again(m_settings.get());
    child<QSpinBox>(again, "attemptsSpin")->setValue(0);
    again.accept();
    QCOMPARE(m_settings->reconnectAttempts(), -1);
}

void tst_SettingsDialog::cancelChangesNothing()
{
    SettingsDialog d(m_settings.get());
    QSignalSpy changed(m_settings.get(), &Settings::changed);
    child<QSpinBox>(d, "offlineDelaySpin")->setValue(30);
    child<QLineEdit>(d, "serverEdit")->setText(u"https://elsewhere.example"_s);
    d.open();
    d.reject();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_settings->offlineAlarmDelaySeconds(), 5);
}

void tst_SettingsDialog::refusesUnusableValues()
{
    SettingsDialog d(m_settings.get());
    QSignalSpy changed(m_settings.get(), &Settings::changed);
    d.open();
    child<QLineEdit>(d, "serverEdit")->setText(u"vigil.example"_s);
    d.accept();
    QVERIFY(d.isVisible());
    QVERIFY(d.errorText().contains(u"http://"));

    child<QLineEdit>(d, "serverEdit")->setText(u"https://vigil.example"_s);
    child<QLineEdit>(d, "caFileEdit")->setText(m_dir->filePath(u"missing.pem"_s));
    d.accept();
    QVERIFY(d.isVisible());
    QVERIFY(d.errorText().contains(u"missing.pem"));
    QCOMPARE(changed.size(), 0);

    child<QLineEdit>(d, "caFileEdit")->clear();
    d.accept();
    QVERIFY(!d.isVisible());
    QCOMPARE(m_settings->serverUrl(), QUrl(u"https://vigil.example"_s));
}

void tst_SettingsDialog::longestDelayFollowsFirstDelay()
{
    SettingsDialog d(m_settings.get());
    child<QDoubleSpinBox>(d, "delayMinSpin")->setValue(20.0);
    QCOMPARE(child<QDoubleSpinBox>(d, "delayMaxSpin")->value(), 20.0);
    d.accept();
    QCOMPARE(m_settings->reconnectDelayMinMs(), 20'000);
    QCOMPARE(m_settings->reconnectDelayMaxMs(), 20'000);
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
