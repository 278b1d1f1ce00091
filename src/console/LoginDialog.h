// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QDialog>
#include <QString>
#include <QUrl>

namespace Ui {
class LoginDialog;
}

namespace vigil::console {

/// Server, username, password and "remember me". The dialog does no networking: "Sign in" emits
/// signInRequested() and waits (busy) until the controller calls signInSucceeded() or showError().
/// The password is never stored; it is cleared when the dialog closes.
class LoginDialog final : public QDialog
{
    Q_OBJECT

public:
    static constexpr int maxUsernameLength = 100;

    explicit LoginDialog(QWidget *parent = nullptr);
    ~LoginDialog() override;

    void setServerUrl(const QUrl &url);
    void setUsername(const QString &username);
    void setRememberMe(bool remember);

    QUrl serverUrl() const;
    QString username() const;
    QString password() const;
    bool rememberMe() const;

    /// Disables the form while the sign-in request runs.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    /// Shows why signing in failed and lets the user try again (the password is cleared).
    void showError(const QString &message);
    QString errorText() const;
    /// The hint under the form: what is missing, or a warning about an unencrypted server.
    QString hintText() const;
    bool canSignIn() const;
    /// Closes the dialog after a successful sign-in.
    void signInSucceeded();

    /// Why these inputs cannot be used, or an empty string when they can.
    static QString validationError(const QString &serverUrl,
                                   const QString &username,
                                   const QString &password);
    /// `https://host`, `http://host:port`; anything else (no scheme, no host, other schemes) is
    /// refused with an invalid QUrl.
    static QUrl parseServerUrl(const QString &text);

Q_SIGNALS:
    void signInRequested(const QUrl &server,
                         const QString &username,
                         const QString &password,
                         bool rememberMe);

public Q_SLOTS:
    void accept() override;
    void done(int result) override;

private:
    void updateState();

    std::unique_ptr<Ui::LoginDialog> m_ui;
    bool m_busy = false;
};

} // namespace vigil::console
