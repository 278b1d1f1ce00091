// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/CredentialBackend.h"

namespace vigil::client {

/// The OS keychain through QtKeychain: Secret Service (gnome-keyring, KWallet) on Linux, the
/// Credential Manager on Windows, the Keychain on macOS. The insecure plain-file fallback is never
/// enabled: without a keychain, operations fail with NoBackend.
class KeychainBackend final : public CredentialBackend
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
};

} // namespace vigil::client
