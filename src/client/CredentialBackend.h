// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QObject>
#include <QString>

#include "protocol/Result.h"

namespace vigil::client {

/// Why a keychain operation failed. "Not found" is not an error: loads report it as an empty value.
struct CredentialError
{
    enum class Kind
    {
        /// Refused before reaching the keychain (empty username, invalid server URL, empty token).
        InvalidArgument,
        /// No keychain service is available (no Secret Service on the session bus, ...).
        NoBackend,
        /// The keychain is locked, or the user or the system refused access.
        AccessDenied,
        /// Anything else the keychain reported.
        Failed,
    };

    Kind kind = Kind::Failed;
    QString message;

    friend bool operator==(const CredentialError &, const CredentialError &) = default;
};

/// Where CredentialStore keeps secrets. Implementations must complete asynchronously (never call
/// back from inside the call), call back exactly once per operation, and never after their
/// destruction.
class CredentialBackend : public QObject
{
    Q_OBJECT

public:
    /// std::nullopt on success.
    using DoneCallback = std::function<void(std::optional<CredentialError>)>;
    /// An empty optional when there is no entry for the key.
    using ReadCallback =
      std::function<void(protocol::Result<std::optional<QString>, CredentialError>)>;

    using QObject::QObject;
    ~CredentialBackend() override = default;

    virtual void writeSecret(const QString &service,
                             const QString &key,
                             const QString &secret,
                             DoneCallback done) = 0;
    virtual void readSecret(const QString &service, const QString &key, ReadCallback done) = 0;
    /// Removing an entry that does not exist succeeds.
    virtual void removeSecret(const QString &service, const QString &key, DoneCallback done) = 0;
};

} // namespace vigil::client
