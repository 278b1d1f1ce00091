// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "protocol/Result.h"
#include "server/ClientAddress.h"

class QCommandLineParser;

namespace vigil::server {

/// A setting that could not be used: which variable, and why (with where the value came from).
struct SettingsError
{
    QString key;
    QString message;
};

/// One `KEY=VALUE` of a `.env` file.
struct EnvFileEntry
{
    QString key;
    QString value;
    int line = 0;

    friend bool operator==(const EnvFileEntry &, const EnvFileEntry &) = default;
};

/// vigil-server's configuration: every variable of CONTRACT §10 with its default, plus the data
/// directory.
///
/// Sources, later ones winning: `.env` in the working directory (or `--env-file`), then the process
/// environment, then command-line flags. The environment beats `.env` as in python-dotenv and
/// docker compose (a deployment overrides the checked-in file); flags beat both because they are
/// the most explicit. Empty environment variables count as unset.
///
/// SECRET_KEY has no flag (argv is visible to every local user through ps); `--secret-key-file`
/// reads it from a file instead. Without `--demo` it is required; with `--demo` and no key a random
/// one is made per start. The key never appears in errors, warnings or summary().
///
/// The data directory (VIGIL_DATA_DIR, `--data-dir`) defaults to QStandardPaths' AppDataLocation
/// (for example ~/.local/share/vigil/vigil-server; set the application name first), or ./data when
/// there is none; the default database is `sqlite:///<data dir>/vigil.db`.
struct ServerSettings
{
    QByteArray secretKey;
    bool secretKeyGenerated = false;
    /// `*` allows every origin; requests without Origin are always allowed (CONTRACT §10).
    QStringList corsOrigins{ QStringLiteral("http://localhost:5173"),
                             QStringLiteral("http://localhost:3000") };
    int pingIntervalMs = 25'000;
    int pingTimeoutMs = 60'000;
    bool socketIoLogger = false;
    qint64 maxHttpBufferSize = 1'000'000;
    /// 0 turns the live-emit limit off.
    int alertRateLimitPerMinute = 10;
    QHostAddress listenAddress{ QHostAddress::LocalHost };
    /// 0 picks a free port.
    quint16 listenPort = 5'000;
    QString databaseUrl;
    QString redisUrl;
    /// Reverse proxies whose X-Forwarded-For is believed (clientAddress()).
    QList<Subnet> trustedProxies;
    QString tlsCertFile;
    QString tlsKeyFile;
    QString dataDir;
    bool demo = false;
    /// Things worth telling the operator that do not stop the server (a short SECRET_KEY, ...).
    QStringList warnings;

    struct Sources
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        /// Where `.env` is looked for unless `--env-file` names a file.
        QString workingDirectory;
        /// Flags added by addOptions() and parsed; may be null.
        const QCommandLineParser *parser = nullptr;
    };

    /// Adds one option per setting (documented with its variable and default) plus `--demo`,
    /// `--data-dir`, `--env-file` and `--secret-key-file`.
    static void addOptions(QCommandLineParser &parser);
    /// Reads and validates every source; the first invalid value is the error.
    static protocol::Result<ServerSettings, SettingsError> load(const Sources &sources);

    /// Parses `.env` text: `KEY=VALUE` lines, `export KEY=VALUE`, `#` comments (whole lines, or
    /// after whitespace in unquoted values), 'single' (literal) and "double" quotes (with \n \t \r
    /// \" \\ escapes) on one line. Later duplicates win when applied. Errors name the line.
    static protocol::Result<QList<EnvFileEntry>, SettingsError> parseEnvFile(QByteArrayView text);

    /// `VIGIL_LISTEN` form: `host:port`, `[ipv6]:port`; host `localhost`, `*` or an IP address.
    static protocol::Result<std::pair<QHostAddress, quint16>, QString> parseListen(
      const QString &text);

    /// One line per setting for the startup log; the secret shows only as set / generated.
    QString summary() const;
    QString trustedProxiesString() const;
    /// `127.0.0.1:5000`, `[::1]:5000`.
    QString listenString() const;
};

} // namespace vigil::server
