// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <variant>

#include <QString>
#include <QStringList>
#include <QUrl>

namespace vigil::cli {

/// vigil-cli's exit codes (also printed by `--help`).
enum ExitCode : int
{
    ExitOk = 0,          ///< done; for `watch`: stopped by SIGINT or SIGTERM
    ExitFailure = 1,     ///< the server refused or failed the request, or answered nonsense
    ExitUsage = 2,       ///< invalid command line or input
    ExitAuth = 3,        ///< no usable credentials: wrong password, refused or missing token
    ExitNotFound = 4,    ///< the alert (ack) does not exist
    ExitUnreachable = 5, ///< no answer: network error, timeout, TLS failure
    ExitLocal = 6,       ///< a local problem: token file or keychain unusable
};

/// The command line, parsed and checked.
struct CliOptions
{
    QString command;
    QUrl server;
    QString token;
    QString tokenFile;
    QString username;
    bool passwordStdin = false;
    QString caFile;
    int timeoutMs = 10'000;
    bool json = false;
    bool verbose = false;

    QStringList rooms;        ///< watch, history
    qint64 afterSeq = 0;      ///< history
    std::optional<int> limit; ///< history
    bool noBackfill = false; ///< watch (hidden): demonstrates what a client without backfill misses

    QString patient; ///< send-alert
    QString hospital;
    QString priority;
    QString title;
    QString message;
    QString data;
    QString type;
    QString source;

    QString alertId; ///< ack

    /// Whether any way to obtain a token was given.
    bool hasCredentials() const
    {
        return !token.isEmpty() || !tokenFile.isEmpty() || !username.isEmpty();
    }
};

/// Parses `arguments` (argv, program name first). Returns the options, or the exit code after
/// printing help, the version, or what is wrong.
std::variant<CliOptions, int> parseArguments(const QStringList &arguments);

} // namespace vigil::cli
