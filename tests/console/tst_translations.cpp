// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "console/AlertTableModel.h"
#include "console/ConnectionStatus.h"
#include "console/MainWindow.h"
#include "console/Settings.h"
#include "console/Translations.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void knownStrings_data();
    void knownStrings();
    void formsAreTranslated_data();
    void formsAreTranslated();
    void englishHasItsPluralForms();
    void missingDirectoryKeepsEnglish();

private:
    /// Where the build puts vigil_de.qm and vigil_fr.qm (the app embeds the same files).
    const QString m_qmDir = QStringLiteral(VIGIL_CONSOLE_QM_DIR);
};

void tst_Translations::initTestCase()
{
    for (const char *name : { "vigil_de.qm", "vigil_fr.qm", "vigil_en.qm" }) {
        QVERIFY2(QFileInfo::exists(QDir(m_qmDir).filePath(QLatin1StringView(name))),
                 qPrintable(m_qmDir + u'/' + QLatin1StringView(name)));
    }
}

void tst_Translations::cleanup()
{
    Translations::uninstall();
    QLocale::setDefault(QLocale::c());
}

void tst_Translations::knownStrings_data()
{
    QTest::addColumn<Settings::Language>("language");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("banner");
    QTest::addColumn<QString>("high");
    QTest::addColumn<QString>("live");

    QTest::newRow("de") << Settings::Language::German << u"de"_s
                        << u"VERBINDUNG UNTERBROCHEN: DIESE STATION EMPFÄNGT KEINE ALARME"_s
                        << u"*** Hoch"_s << u"Live: Alarme werden empfangen"_s;
    QTest::newRow("fr") << Settings::Language::French << u"fr"_s
                        << u"COMMUNICATION PERDUE : CE POSTE NE REÇOIT PAS D’ALERTES"_s
                        << u"*** Haute"_s << u"En direct : réception des alertes"_s;
}

void tst_Translations::knownStrings()
{
    QFETCH(Settings::Language, language);
    QFETCH(QString, code);
    QFETCH(QString, banner);
    QFETCH(QString, high);
    QFETCH(QString, live);

    QCOMPARE(Translations::install(language, m_qmDir), code);
    ConnectionStatus status;
    status.setSignedIn(true);
    QCOMPARE(status.bannerTitle(), banner);
    // Translators keep the asterisks: priority must never depend on colour or on the language.
    QCOMPARE(AlertTableModel::priorityText(vigil::protocol::Priority::High), high);
    status.setLinkState(vigil::client::LinkState::Live);
    QCOMPARE(status.statusText(), live);

    // Plurals come out right, not as "%n".
    status.setLinkState(vigil::client::LinkState::Backfilling);
    status.setBackfillProgress(1);
    QVERIFY(!status.statusText().contains(u"%n"));
    QVERIFY(status.statusText().contains(u'1'));

    status.setLinkState(vigil::client::LinkState::Offline);
    QCOMPARE(status.bannerTitle(), banner);
    Translations::uninstall();
    QCOMPARE(status.bannerTitle(), u"COMMUNICATION LOST: THIS STATION IS NOT RECEIVING ALERTS"_s);
}

void tst_Translations::formsAreTranslated_data()
{
    QTest::addColumn<Settings::Language>("language");
    QTest::addColumn<QString>("acknowledge");
    QTest::newRow("de") << Settings::Language::German << u"&Quittieren (Strg+K)"_s;
    QTest::newRow("fr") << Settings::Language::French << u"&Acquitter (Ctrl+K)"_s;
}

void tst_Translations::formsAreTranslated()
{
    QFETCH(Settings::Language, language);
    QFETCH(QString, acknowledge);
    QVERIFY(!Translations::install(language, m_qmDir).isEmpty());
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"vigil.ini"_s));
    MainWindow window(&settings);
    QCOMPARE(window.findChild<QPushButton *>(u"acknowledgeButton"_s)->text(), acknowledge);
    QVERIFY(window.statusBarText() !=
            u"Signed out: this station receives no alerts"_s); // translated too
}

void tst_Translations::englishHasItsPluralForms()
{
    QCOMPARE(Translations::install(Settings::Language::English, m_qmDir), QString());
    ConnectionStatus status;
    QCOMPARE(status.statusText(), u"Signed out: this station receives no alerts"_s);
    const char *source = "%n alert(s) arrived while offline: not reviewed yet";
    QCOMPARE(QCoreApplication::translate("vigil::console::MainWindow", source, nullptr, 1),
             u"1 alert arrived while offline: not reviewed yet"_s);
    QCOMPARE(QCoreApplication::translate("vigil::console::MainWindow", source, nullptr, 2),
             u"2 alerts arrived while offline: not reviewed yet"_s);
}

void tst_Translations::missingDirectoryKeepsEnglish()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no translation for"_s));
    QCOMPARE(Translations::install(Settings::Language::German, u"/nonexistent"_s), QString());
    ConnectionStatus status;
    QCOMPARE(status.statusText(), u"Signed out: this station receives no alerts"_s);
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
