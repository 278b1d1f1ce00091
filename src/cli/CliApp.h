// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QObject>
#include <QPointer>
#include <QString>

#include "cli/CliOptions.h"
#include "client/ApiError.h"

namespace vigil::client {
class ApiClient;
class CredentialStore;
} // namespace vigil::client

namespace vigil::cli {

class WatchCommand;

/// Runs one vigil-cli command. Everything is asynchronous; finished() reports the exit code.
class CliApp final : public QObject
{
    Q_OBJECT

public:
    explicit CliApp(CliOptions options, QObject *parent = nullptr);
    ~CliApp() override;

    void run();
    /// SIGINT/SIGTERM: a watch stops cleanly, anything else is abandoned.
    void terminate();

    /// The exit code for a failed REST call.
    static int exitCodeFor(const client::ApiError &error);

Q_SIGNALS:
    void finished(int exitCode);

private:
    using TokenCallback = std::function<void(const QString &token)>;

    /// Finds the token the options point to, or finishes with the reason it cannot.
    void obtainToken(TokenCallback then);
    void loginWithPassword(const QString &password, TokenCallback then);

    void runLogin();
    void runWatch(const QString &token);
    void runHistory(const QString &token);
    void runSendAlert(const QString &token);
    void runAck(const QString &token);
    void runStatus(const QString &token);

    void fail(int exitCode, const QString &message);
    void failRequest(const QString &what, const client::ApiError &error);
    void finish(int exitCode);

    CliOptions m_options;
    client::ApiClient *m_api = nullptr;
    client::CredentialStore *m_credentials = nullptr;
    QPointer<WatchCommand> m_watch;
    /// Kept for a watch that must log in again (a restarted server with a new key).
    std::optional<QString> m_password;
    bool m_finished = false;
};

/// The first line of stdin without its line ending; nullopt at end of input.
std::optional<QString> readPasswordFromStdin();
/// Asks on the terminal with echo off; nullopt when there is no terminal.
std::optional<QString> promptPassword(const QString &prompt);

} // namespace vigil::cli
