// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include <QObject>
#include <QString>
#include <QUrl>

#include "client/CredentialBackend.h"

namespace vigil::client {

/// Access tokens in the OS keychain, one per `username@server` (service `vigil`).
///
/// Operations run one at a time in the order they were asked for, so a load after a save sees the
/// saved token, and their callbacks are called in that order, always from the event loop. Queued
/// operations whose store is destroyed are dropped without a callback. Tokens are never logged.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    static constexpr QLatin1StringView serviceName{ "vigil" };
    /// Far above any real JWT; a token this large is a caller's mistake, not a credential.
    static constexpr qsizetype maxTokenLength = 64 * 1024;

    /// std::nullopt on success.
    using DoneCallback = CredentialBackend::DoneCallback;
    /// The token, or an empty optional when none is stored ("not found" is not an error).
    using LoadCallback = CredentialBackend::ReadCallback;

    /// Uses the OS keychain (KeychainBackend).
    explicit CredentialStore(QObject *parent = nullptr);
    explicit CredentialStore(std::unique_ptr<CredentialBackend> backend, QObject *parent = nullptr);
    ~CredentialStore() override;

    /// `nurse@https://vigil.example:8443`: the server URL without user info, query, fragment,
    /// trailing slash or default port, so equivalent spellings of one server share a key. Empty
    /// when the username is empty or the URL is not a valid http(s) URL.
    static QString accountKey(const QString &username, const QUrl &server);

    void saveToken(const QString &username,
                   const QUrl &server,
                   const QString &token,
                   DoneCallback done);
    void loadToken(const QString &username, const QUrl &server, LoadCallback done);
    /// Removing a token that is not stored succeeds.
    void removeToken(const QString &username, const QUrl &server, DoneCallback done);

    /// Operations queued or running.
    qsizetype pendingCount() const { return qsizetype(m_queue.size()); }

private:
    struct Operation
    {
        enum class Type
        {
            Save,
            Load,
            Remove,
        };
        Type type = Type::Load;
        QString key;
        QString token;
        DoneCallback done;
        LoadCallback loaded;
    };

    void enqueue(Operation operation);
    void scheduleNext();
    void startNext();
    void finishCurrent();

    std::unique_ptr<CredentialBackend> m_backend;
    std::deque<Operation> m_queue;
    bool m_running = false;
    bool m_scheduled = false;
};

} // namespace vigil::client
