// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "console/Settings.h"

using namespace Qt::StringLiterals;
using vigil::console::Settings;

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaults();
    void roundTrip();
    void keysAreDistinct();
    void invalidValuesFallBack_data();
    void invalidValuesFallBack();
    void settersClamp();
    void followedRoomsAreValidatedAndDeduplicated();
    void languageCodes_data();
    void languageCodes();
    void changedIsEmittedOncePerChange();
    void tokenIsNeverAKey();

private:
    QString path() const { return m_dir->filePath(u"vigil.ini"_s); }
    /// Writes a raw value as a hand-edited file would hold it.
    void writeRaw(Settings::Key key, const QVariant &value)
    {
        QSettings raw(path(), QSettings::IniFormat);
        raw.setValue(Settings::keyName(key), value);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Settings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Settings::defaults()
{
    Settings s(path());
    QCOMPARE(s.serverUrl(), QUrl(u"http://127.0.0.1:5000"_s));
    QCOMPARE(s.username(), QString());
    QCOMPARE(s.rememberMe(), false);
    QCOMPARE(s.apiTimeoutSeconds(), 10);
    QCOMPARE(s.caFile(), QString());
    QCOMPARE(s.language(), Settings::Language::System);
    QCOMPARE(s.reconnectAttempts(), -1);
    QCOMPARE(s.reconnectDelayMinMs(), 1000);
    QCOMPARE(s.reconnectDelayMaxMs(), 5000);
    QCOMPARE(s.offlineAlarmDelaySeconds(), 5);
    QCOMPARE(s.soundEnabled(), true);
    QCOMPARE(s.followedRooms(), QStringList());
    QVERIFY(s.windowGeometry().isEmpty());
    QVERIFY(s.windowState().isEmpty());
}

void tst_Settings::roundTrip()
{
    {
        Settings s(path());
        s.setServerUrl(QUrl(u"https://vigil.example:8443"_s));
        s.setUsername(u"  nurse.joy  "_s);
        s.setRememberMe(true);
        s.setApiTimeoutSeconds(25);
        s.setCaFile(u"/etc/vigil/ca.pem"_s);
        s.setLanguage(Settings::Language::French);
        s.setReconnectAttempts(12);
        s.setReconnectDelayMinMs(500);
        s.setReconnectDelayMaxMs(30'000);
        s.setOfflineAlarmDelaySeconds(8);
        s.setSoundEnabled(false);
        s.setFollowedRooms({ u"hospital_123"_s, u"triage_queue"_s, u"patient_42"_s });
        s.setWindowGeometry(QByteArray("\x01\x02geometry", 10));
        s.setWindowState(QByteArray("state\x00\xff", 7));
        s.sync();
    }
    Settings s(path());
    QCOMPARE(s.serverUrl(), QUrl(u"https://vigil.example:8443"_s));
    QCOMPARE(s.username(), u"nurse.joy"_s);
    QCOMPARE(s.rememberMe(), true);
    QCOMPARE(s.apiTimeoutSeconds(), 25);
    QCOMPARE(s.caFile(), u"/etc/vigil/ca.pem"_s);
    QCOMPARE(s.language(), Settings::Language::French);
    QCOMPARE(s.reconnectAttempts(), 12);
    QCOMPARE(s.reconnectDelayMinMs(), 500);
    QCOMPARE(s.reconnectDelayMaxMs(), 30'000);
    QCOMPARE(s.offlineAlarmDelaySeconds(), 8);
    QCOMPARE(s.soundEnabled(), false);
    QCOMPARE(s.followedRooms(),
             QStringList({ u"hospital_123"_s, u"triage_queue"_s, u"patient_42"_s }));
    QCOMPARE(s.windowGeometry(), QByteArray("\x01\x02geometry", 10));
    QCOMPARE(s.windowState(), QByteArray("state\x00\xff", 7));

    // Unlimited attempts survive a round trip too.
    s.setReconnectAttempts(-1);
    s.sync();
    QCOMPARE(Settings(path()).reconnectAttempts(), -1);
}

void tst_Settings::keysAreDistinct()
{
    QSet<QString> names;
    for (int k = 0; k < static_cast<int>(Settings::Key::KeyCount); ++k) {
        const QString name = Settings::keyName(static_cast<Settings::Key>(k));
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(k)));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
    }
}

void tst_Settings::invalidValuesFallBack_data()
{
    QTest::addColumn<Settings::Key>("key");
    QTest::addColumn<QVariant>("raw");

    QTest::newRow("url without scheme") << Settings::Key::ServerUrl << QVariant(u"vigil:5000"_s);
    QTest::newRow("ftp url") << Settings::Key::ServerUrl << QVariant(u"ftp://vigil"_s);
    QTest::newRow("garbage url") << Settings::Key::ServerUrl << QVariant(u"http://[::1"_s);
    QTest::newRow("timeout text") << Settings::Key::ApiTimeoutSeconds << QVariant(u"ten"_s);
    QTest::newRow("delay text") << Settings::Key::OfflineAlarmDelaySeconds << QVariant(u"x"_s);
    QTest::newRow("language") << Settings::Key::Language << QVariant(u"klingon"_s);
    QTest::newRow("sound") << Settings::Key::SoundEnabled << QVariant(u"maybe"_s);
    QTest::newRow("attempts text") << Settings::Key::ReconnectAttempts << QVariant(u"many"_s);
}

void tst_Settings::invalidValuesFallBack()
{
    QFETCH(Settings::Key, key);
    QFETCH(QVariant, raw);
    writeRaw(key, raw);
    Settings s(path());
    switch (key) {
        case Settings::Key::ServerUrl:
            QCOMPARE(s.serverUrl(), QUrl(Settings::defaultValue(key).toString()));
            break;
        case Settings::Key::ApiTimeoutSeconds:
            QCOMPARE(s.apiTimeoutSeconds(), 10);
            break;
        case Settings::Key::OfflineAlarmDelaySeconds:
            QCOMPARE(s.offlineAlarmDelaySeconds(), 5);
            break;
        case Settings::Key::Language:
            QCOMPARE(s.language(), Settings::Language::System);
            break;
        case Settings::Key::SoundEnabled:
            QCOMPARE(s.soundEnabled(), true);
            break;
        case Settings::Key::ReconnectAttempts:
            QCOMPARE(s.reconnectAttempts(), -1);
            break;
        default:
            QFAIL("row without expectation");
    }
}

void tst_Settings::settersClamp()
{
    writeRaw(Settings::Key::OfflineAlarmDelaySeconds, 3600);
    writeRaw(Settings::Key::ApiTimeoutSeconds, 0);
    writeRaw(Settings::Key::ReconnectDelayMinMs, 9000);
    writeRaw(Settings::Key::ReconnectDelayMaxMs, 2000);
    Settings s(path());
    // A dead station must not pass for a quiet ward for an hour.
    QCOMPARE(s.offlineAlarmDelaySeconds(), Settings::maxOfflineAlarmDelaySeconds);
    QCOMPARE(s.apiTimeoutSeconds(), Settings::minApiTimeoutSeconds);
    QCOMPARE(s.reconnectDelayMinMs(), 9000);
    QCOMPARE(s.reconnectDelayMaxMs(), 9000); // never below the first delay

    s.setOfflineAlarmDelaySeconds(0);
    QCOMPARE(s.offlineAlarmDelaySeconds(), Settings::minOfflineAlarmDelaySeconds);
    s.setReconnectAttempts(0);
    QCOMPARE(s.reconnectAttempts(), 1);
    s.setReconnectAttempts(-7);
    QCOMPARE(s.reconnectAttempts(), -1);
    s.setApiTimeoutSeconds(100'000);
    QCOMPARE(s.apiTimeoutSeconds(), Settings::maxApiTimeoutSeconds);
}

void tst_Settings::followedRoomsAreValidatedAndDeduplicated()
{
    writeRaw(Settings::Key::FollowedRooms,
             QStringList{ u"hospital_123"_s,
                          u"bad room"_s,
                          u"hospital_123"_s,
                          u" patient_42 "_s,
                          u""_s,
                          u"Triage"_s,
                          u"triage_queue"_s });
    Settings s(path());
    QCOMPARE(s.followedRooms(),
             QStringList({ u"hospital_123"_s, u"patient_42"_s, u"triage_queue"_s }));

    QStringList many;
    for (int i = 0; i < 2'000; ++i)
        many.append(u"patient_%1"_s.arg(i));
    s.setFollowedRooms(many);
    QCOMPARE(s.followedRooms().size(), 500);
}

void tst_Settings::languageCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<Settings::Language>("language");
    QTest::addColumn<bool>("valid");
    QTest::newRow("system") << u"system"_s << Settings::Language::System << true;
    QTest::newRow("en") << u"en"_s << Settings::Language::English << true;
    QTest::newRow("de") << u"de"_s << Settings::Language::German << true;
    QTest::newRow("fr upper") << u" FR "_s << Settings::Language::French << true;
    QTest::newRow("unknown") << u"es"_s << Settings::Language::System << false;
    QTest::newRow("empty") << QString() << Settings::Language::System << false;
}

void tst_Settings::languageCodes()
{
    QFETCH(QString, code);
    QFETCH(Settings::Language, language);
    QFETCH(bool, valid);
    bool ok = !valid;
    QCOMPARE(Settings::languageFromCode(code, &ok), language);
    QCOMPARE(ok, valid);
    if (valid)
        QCOMPARE(Settings::languageFromCode(Settings::languageCode(language)), language);
}

void tst_Settings::changedIsEmittedOncePerChange()
{
    Settings s(path());
    QSignalSpy spy(&s, &Settings::changed);
    s.setSoundEnabled(false);
    s.setSoundEnabled(false);
    s.setOfflineAlarmDelaySeconds(7);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), Settings::Key::SoundEnabled);
    QCOMPARE(spy.at(1).at(0).value<Settings::Key>(), Settings::Key::OfflineAlarmDelaySeconds);
}

void tst_Settings::tokenIsNeverAKey()
{
    // Tokens belong in the keychain only; nothing in the settings table may hold one.
    for (int k = 0; k < static_cast<int>(Settings::Key::KeyCount); ++k) {
        const QString name = Settings::keyName(static_cast<Settings::Key>(k)).toLower();
        QVERIFY2(!name.contains(u"token") && !name.contains(u"password"), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
