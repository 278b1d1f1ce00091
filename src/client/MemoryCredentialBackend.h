// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QHash>
#include <QPair>

#include "client/CredentialBackend.h"

namespace vigil::client {

/// Secrets in memory, for tests and for a session that must not touch the OS keychain. Completes
/// asynchronously like a real keychain. setFailure() makes every later operation fail, to test
/// how callers pass errors on.
class MemoryCredentialBackend final : public CredentialBackend
{
    Q_OBJECT

public:
    using CredentialBackend::CredentialBackend;

    void writeSecret(const QString &service,
                     const QString &key,
                     const QString &secret,
                     DoneCallback done) override;
    void readSecret(const QString &service, const QString &key, ReadCallback done) override;
    void removeSecret(const QString &service, const QString &key, DoneCallback done) override;

    /// std::nullopt makes operations succeed again.
    void setFailure(std::optional<CredentialError> failure) { m_failure = std::move(failure); }

    /// The stored secret, read synchronously (for tests).
    std::optional<QString> secret(const QString &service, const QString &key) const;
    qsizetype size() const { return m_secrets.size(); }
    /// Operations started so far, including failed ones.
    int operationCount() const { return m_operations; }

private:
    QHash<QPair<QString, QString>, QString> m_secrets;
    std::optional<CredentialError> m_failure;
    int m_operations = 0;
};

} // namespace vigil::client
