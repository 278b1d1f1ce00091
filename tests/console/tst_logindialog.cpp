// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "console/LoginDialog.h"

using namespace Qt::StringLiterals;
using vigil::console::LoginDialog;

class tst_LoginDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validation_data();
    void validation();
    void signInOnlyWhenValid();
    void signInEmitsOnceAndWaits();
    void errorLetsTheUserRetry();
    void passwordDoesNotOutliveTheDialog();
    void unencryptedServerIsPointedOut();
    void keyboardOnly();

private:
    static QLineEdit *edit(LoginDialog &d, const char *name)
    {
        return d.findChild<QLineEdit *>(QLatin1StringView(name));
    }
    static QPushButton *signInButton(LoginDialog &d)
    {
        return d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }
    static void fill(LoginDialog &d, const QString &server, const QString &user, const QString &pw)
    {
        edit(d, "serverEdit")->setText(server);
        edit(d, "usernameEdit")->setText(user);
        edit(d, "passwordEdit")->setText(pw);
    }
};

void tst_LoginDialog::validation_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("error");

    QTest::newRow("ok https") << u"https://vigil.example"_s << u"joy"_s << u"pw"_s << QString();
    QTest::newRow("ok http with port")
      << u"http://127.0.0.1:5000"_s << u"joy"_s << u"pw"_s << QString();
    QTest::newRow("empty server") << u"  "_s << u"joy"_s << u"pw"_s
                                  << u"Enter the server address."_s;
    QTest::newRow("no scheme") << u"vigil.example:5000"_s << u"joy"_s << u"pw"_s
                               << u"Enter the server address with http:// or https://, e.g. "
                                  "https://vigil.hospital.example"_s;
    QTest::newRow("ws scheme") << u"ws://vigil.example"_s << u"joy"_s << u"pw"_s
                               << u"Enter the server address with http:// or https://, e.g. "
                                  "https://vigil.hospital.example"_s;
    QTest::newRow("credentials in url") << u"https://joy:pw@vigil.example"_s << u"joy"_s << u"pw"_s
                                        << u"Enter the server address with http:// or https://, "
                                           "e.g. https://vigil.hospital.example"_s;
    QTest::newRow("no user") << u"https://vigil.example"_s << u" "_s << u"pw"_s
                             << u"Enter your username."_s;
    QTest::newRow("long user") << u"https://vigil.example"_s << QString(101, u'a') << u"pw"_s
                               << u"The username is too long."_s;
    QTest::newRow("no password") << u"https://vigil.example"_s << u"joy"_s << QString()
                                 << u"Enter your password."_s;
}

void tst_LoginDialog::validation()
{
    QFETCH(QString, server);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, error);
    QCOMPARE(LoginDialog::validationError(server, user, password), error);
}

void tst_LoginDialog::signInOnlyWhenValid()
{
    LoginDialog dialog;
    QSignalSpy spy(&dialog, &LoginDialog::signInRequested);
    QVERIFY(!dialog.canSignIn());
    QCOMPARE(dialog.hintText(), u"Enter the server address."_s);
    fill(dialog, u"https://vigil.example"_s, u"joy"_s, QString());
    QVERIFY(!dialog.canSignIn());
    QCOMPARE(dialog.hintText(), u"Enter your password."_s);
    dialog.accept(); // Enter in a field must not bypass the validation
    QCOMPARE(spy.size(), 0);
    edit(dialog, "passwordEdit")->setText(u"secret"_s);
    QVERIFY(dialog.canSignIn());
    QVERIFY(dialog.hintText().isEmpty());
}

void tst_LoginDialog::signInEmitsOnceAndWaits()
{
    LoginDialog dialog;
    dialog.setRememberMe(true);
    fill(dialog, u" https://vigil.example:8443 "_s, u" joy "_s, u"secret"_s);
    QSignalSpy spy(&dialog, &LoginDialog::signInRequested);
    dialog.open();
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toUrl(), QUrl(u"https://vigil.example:8443"_s));
    QCOMPARE(spy.at(0).at(1).toString(), u"joy"_s);
    QCOMPARE(spy.at(0).at(2).toString(), u"secret"_s);
    QCOMPARE(spy.at(0).at(3).toBool(), true);
    // Busy: no second request, the form is locked, the dialog stays open for the answer.
    QVERIFY(dialog.isBusy());
    QVERIFY(!dialog.canSignIn());
    QVERIFY(!edit(dialog, "passwordEdit")->isEnabled());
    QVERIFY(dialog.isVisible());
    dialog.accept();
    QCOMPARE(spy.size(), 1);

    dialog.signInSucceeded();
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void tst_LoginDialog::errorLetsTheUserRetry()
{
    LoginDialog dialog;
    fill(dialog, u"https://vigil.example"_s, u"joy"_s, u"wrong"_s);
    dialog.open();
    dialog.accept();
    dialog.showError(u"Wrong username or password."_s);
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.errorText(), u"Wrong username or password."_s);
    QVERIFY(dialog.password().isEmpty());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.username(), u"joy"_s);
    edit(dialog, "passwordEdit")->setText(u"right"_s);
    QVERIFY(dialog.canSignIn());
    QSignalSpy spy(&dialog, &LoginDialog::signInRequested);
    dialog.accept();
    QCOMPARE(spy.size(), 1);
    QVERIFY(dialog.errorText().isEmpty());
}

void tst_LoginDialog::passwordDoesNotOutliveTheDialog()
{
    LoginDialog dialog;
    fill(dialog, u"https://vigil.example"_s, u"joy"_s, u"secret"_s);
    dialog.open();
    dialog.reject();
    QVERIFY(dialog.password().isEmpty());
    QVERIFY(!dialog.isBusy());
}

void tst_LoginDialog::unencryptedServerIsPointedOut()
{
    LoginDialog dialog;
    fill(dialog, u"http://vigil.example"_s, u"joy"_s, u"pw"_s);
    QVERIFY(dialog.hintText().contains(u"not encrypted"));
    edit(dialog, "serverEdit")->setText(u"http://localhost:5000"_s);
    QVERIFY(dialog.hintText().isEmpty());
    edit(dialog, "serverEdit")->setText(u"https://vigil.example"_s);
    QVERIFY(dialog.hintText().isEmpty());
}

void tst_LoginDialog::keyboardOnly()
{
    LoginDialog dialog;
    dialog.setServerUrl(QUrl(u"https://vigil.example"_s));
    dialog.setUsername(u"joy"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    // A returning user lands in the password field and signs in with Enter.
    QTRY_COMPARE(QApplication::focusWidget(), edit(dialog, "passwordEdit"));
    QSignalSpy spy(&dialog, &LoginDialog::signInRequested);
    QTest::keyClicks(QApplication::focusWidget(), u"secret"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(spy.size(), 1);
    // Every field has a name a screen reader can speak.
    for (const char *name : { "serverEdit", "usernameEdit", "passwordEdit" })
        QVERIFY2(!edit(dialog, name)->accessibleName().isEmpty(), name);
}

QTEST_MAIN(tst_LoginDialog)
#include "tst_logindialog.moc"
