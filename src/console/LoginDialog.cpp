// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/LoginDialog.h"

#include <QHostAddress>
#include <QPushButton>

#include "ui_logindialog.h"

namespace vigil::console {

LoginDialog::LoginDialog(QWidget *parent)
  : QDialog(parent)
  , m_ui(std::make_unique<Ui::LoginDialog>())
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    m_ui->usernameEdit->setMaxLength(maxUsernameLength);
    m_ui->errorLabel->setObjectName(QStringLiteral("errorLabel"));
    // Error text in the alarm colour would blur the meaning of red on this station; dark text on a
    // light background with a bold weight reads as "attention" without looking like an alarm.
    m_ui->errorLabel->setStyleSheet(QStringLiteral(
      "QLabel { background: #fff4e5; color: #5c3300; border: 1px solid #d08a2a; padding: 6px; }"));
    QFont bold = m_ui->errorLabel->font();
    bold.setBold(true);
    m_ui->errorLabel->setFont(bold);
    m_ui->errorLabel->hide();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    for (QLineEdit *edit : { m_ui->serverEdit, m_ui->usernameEdit, m_ui->passwordEdit })
        connect(edit, &QLineEdit::textChanged, this, &LoginDialog::updateState);
    updateState();
}

LoginDialog::~LoginDialog() = default;

void LoginDialog::setServerUrl(const QUrl &url)
{
    m_ui->serverEdit->setText(url.toString());
}

void LoginDialog::setUsername(const QString &username)
{
    m_ui->usernameEdit->setText(username);
    // Returning users only need to type their password.
    if (!username.isEmpty() && !m_ui->serverEdit->text().isEmpty())
        m_ui->passwordEdit->setFocus();
}

void LoginDialog::setRememberMe(bool remember)
{
    m_ui->rememberCheck->setChecked(remember);
}

QUrl LoginDialog::serverUrl() const
{
    return parseServerUrl(m_ui->serverEdit->text());
}

QString LoginDialog::username() const
{
    return m_ui->usernameEdit->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_ui->passwordEdit->text();
}

bool LoginDialog::rememberMe() const
{
    return m_ui->rememberCheck->isChecked();
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w : std::initializer_list<QWidget *>{
           m_ui->serverEdit, m_ui->usernameEdit, m_ui->passwordEdit, m_ui->rememberCheck })
        w->setEnabled(!busy);
    if (busy) {
        m_ui->errorLabel->hide();
        m_ui->hintLabel->setText(tr("Signing in…"));
    }
    updateState();
}

void LoginDialog::showError(const QString &message)
{
    setBusy(false);
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->show();
    m_ui->passwordEdit->clear();
    m_ui->passwordEdit->setFocus();
}

QString LoginDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

QString LoginDialog::hintText() const
{
    return m_ui->hintLabel->text();
}

bool LoginDialog::canSignIn() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok)->isEnabled();
}

void LoginDialog::signInSucceeded()
{
    setBusy(false);
    QDialog::accept();
}

void LoginDialog::accept()
{
    if (m_busy || !validationError(m_ui->serverEdit->text(), username(), password()).isEmpty())
        return;
    setBusy(true);
    Q_EMIT signInRequested(serverUrl(), username(), password(), rememberMe());
}

void LoginDialog::done(int result)
{
    // Whatever way the dialog closes, the password does not outlive it.
    m_ui->passwordEdit->clear();
    m_busy = false;
    QDialog::done(result);
}

QUrl LoginDialog::parseServerUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != u"http" && url.scheme() != u"https") || !url.userInfo().isEmpty()) {
        return {};
    }
    return url;
}

QString LoginDialog::validationError(const QString &serverUrl,
                                     const QString &username,
                                     const QString &password)
{
    if (serverUrl.trimmed().isEmpty())
        return tr("Enter the server address.");
    if (!parseServerUrl(serverUrl).isValid())
        return tr("Enter the server address with http:// or https://, e.g. "
                  "https://vigil.hospital.example");
    if (username.trimmed().isEmpty())
        return tr("Enter your username.");
    if (username.trimmed().size() > maxUsernameLength)
        return tr("The username is too long.");
    if (password.isEmpty())
        return tr("Enter your password.");
    return {};
}

void LoginDialog::updateState()
{
    const QString error = validationError(m_ui->serverEdit->text(), username(), password());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && error.isEmpty());
    if (m_busy)
        return;
    const QUrl url = serverUrl();
    const QHostAddress host(url.host());
    const bool loopback = url.host() == u"localhost" || (!host.isNull() && host.isLoopback());
    if (!error.isEmpty())
        m_ui->hintLabel->setText(error);
    else if (url.scheme() == u"http" && !loopback)
        m_ui->hintLabel->setText(tr("Warning: this connection is not encrypted (http). Ask your "
                                    "administrator for the https address."));
    else
        m_ui->hintLabel->clear();
}

} // namespace vigil::console
