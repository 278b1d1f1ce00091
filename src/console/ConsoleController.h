// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "client/AlertFeed.h"
#include "client/ApiClient.h"
#include "client/CredentialBackend.h"
#include "client/Transport.h"
#include "console/LoginDialog.h"

namespace vigil::client {
class CredentialStore;
class Manager;
class Socket;
} // namespace vigil::client

namespace vigil::console {

class MainWindow;
class Settings;

/// Wires the client library to the console: signs in (login dialog, a remembered token from the
/// keychain, or a password given on the command line), builds one Manager with the `/` socket
/// (and `/monitor` for admins) plus ApiClient and AlertFeed per session, and connects the feed
/// to the window's models. Sign-out tears the session down and removes the remembered token.
///
/// Nothing here blocks: the login dialog and the settings dialog are opened with open(), keychain
/// and REST calls answer through callbacks.
class ConsoleController final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        /// --server: overrides the settings' server for this run.
        QUrl server;
        /// --username.
        QString username;
        /// From --password-file or stdin: used for one sign-in, never stored, never logged.
        std::optional<QString> password;
        /// --room (repeatable): the rooms of this run; the settings' list is left untouched.
        QStringList rooms;
        /// Tests inject transports; empty uses WebSockets.
        client::TransportFactory transportFactory;
        /// Tests use a short staleness bound; 0 lets the feed derive it from the server's ping.
        qint64 staleAfterMs = 0;
    };

    /// `credentials` is where remembered tokens live (the OS keychain in the app, memory in tests).
    ConsoleController(Settings *settings,
                      std::unique_ptr<client::CredentialBackend> credentials,
                      Options options,
                      QObject *parent = nullptr);
    ~ConsoleController() override;

    /// Shows the main window and starts signing in.
    void start();
    void signOut();

    MainWindow *window() const { return m_window.get(); }
    /// The login dialog while it is open, otherwise nullptr.
    LoginDialog *loginDialog() const { return m_login.data(); }
    client::AlertFeed *feed() const { return m_feed; }
    client::Manager *manager() const { return m_manager; }
    bool isSignedIn() const { return m_feed != nullptr; }
    const client::UserInfo &user() const { return m_user; }

    /// The user-facing text for a failed REST call.
    static QString describe(const client::ApiError &error, bool duringLogin);
    /// The claims of a JWT's payload (`sub`, `role`, `hospitals`, `exp`), decoded without
    /// verification: only for showing who is signed in and whether a remembered token expired; the
    /// server verifies every use. std::nullopt when the token is not a well-formed JWT.
    struct TokenClaims
    {
        client::UserInfo user;
        QDateTime expiresAt;
    };
    static std::optional<TokenClaims> decodeToken(const QString &token);
    /// The rooms a first sign-in follows when nothing else is configured: the user's hospitals,
    /// plus the triage queue for clinical roles.
    static QStringList defaultRooms(const client::UserInfo &user);

Q_SIGNALS:
    void signedIn();
    void signedOut();
    /// A sign-in attempt failed; `message` is what the user was told.
    void signInFailed(const QString &message);

private:
    void showLogin(const QString &message = {});
    void signIn(const QUrl &server,
                const QString &username,
                const QString &password,
                bool remember);
    void resumeRememberedSession();
    void startSession(const QUrl &server, const QString &token, const client::UserInfo &user);
    void endSession();
    void loadRooms();
    void connectFeed();
    void connectMonitor(const QString &token);
    void openSettings();
    void applySettingsToApi(client::ApiClient *api);
    QUrl configuredServer() const;

    Settings *m_settings;
    std::unique_ptr<client::CredentialStore> m_credentials;
    Options m_options;
    std::unique_ptr<MainWindow> m_window;
    QPointer<LoginDialog> m_login;
    client::ApiClient *m_loginApi = nullptr;
    client::ApiClient::RequestId m_loginRequest = 0;

    client::ApiClient *m_api = nullptr;
    client::Manager *m_manager = nullptr;
    client::Socket *m_socket = nullptr;
    client::Socket *m_monitor = nullptr;
    client::AlertFeed *m_feed = nullptr;
    client::UserInfo m_user;
    QUrl m_server;
    bool m_persistRooms = true;
    bool m_loadingRooms = false;
    bool m_commandLinePasswordUsed = false;
    /// The sign-in under way uses the command-line password.
    bool m_commandLineSignIn = false;
};

} // namespace vigil::console
