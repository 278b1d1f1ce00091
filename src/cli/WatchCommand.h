// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QObject>
#include <QString>
#include <QTimer>

#include "cli/CliOptions.h"
#include "client/AlertFeed.h"

namespace vigil::client {
class ApiClient;
class Manager;
class Socket;
} // namespace vigil::client

namespace vigil::cli {

/// `vigil-cli watch`: an AlertFeed whose reports become lines on stdout (alerts, updates, triage)
/// and stderr (everything about the connection). Runs until stop(), or until credentials fail
/// for good.
class WatchCommand final : public QObject
{
    Q_OBJECT

public:
    /// With a password, a refused token is replaced by logging in again (a restarted server may
    /// have a new signing key); without, a refused token ends the watch with ExitAuth.
    WatchCommand(const CliOptions &options,
                 const QString &token,
                 std::optional<QString> password,
                 QObject *parent = nullptr);
    ~WatchCommand() override;

    void start();
    /// Stops following; finished(ExitOk) follows.
    void stop();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onAlertsArrived(const QList<protocol::Alert> &alerts, client::AlertOrigin origin);
    void onAlertUpdated(const protocol::Alert &alert);
    void onTriageReset(const QList<protocol::TriageEntry> &entries);
    void onTriageUpdated(const protocol::TriageEntry &entry);
    void onAuthenticationRequired(const QString &message);
    void logInAgain();
    void setToken(const QString &token);
    void end(int exitCode);

    CliOptions m_options;
    QString m_token;
    std::optional<QString> m_password;
    client::Manager *m_manager = nullptr;
    client::Socket *m_socket = nullptr;
    client::ApiClient *m_api = nullptr;
    client::AlertFeed *m_feed = nullptr;
    /// The socket connected with the current token at least once: a refusal means it expired or
    /// the server changed its key, not that our credentials are wrong.
    bool m_tokenProven = false;
    QTimer m_loginRetry;
    bool m_ended = false;
};

} // namespace vigil::cli
