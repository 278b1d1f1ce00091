// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "protocol/Result.h"

namespace vigil::server {

/// Argon2id password hashes in libsodium's self-describing string form (`$argon2id$v=19$m=...`).
/// Thread-safe: hashing at the interactive limits takes tens of milliseconds and 64 MiB, so servers
/// should verify logins off the event loop.
class PasswordHasher final
{
public:
    struct Limits
    {
        unsigned long long opsLimit = 0;
        size_t memLimit = 0;

        /// libsodium's OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE: the production default.
        static Limits interactive();
        /// The smallest limits libsodium accepts: for tests only.
        static Limits minimal();
    };

    enum class Error
    {
        TooLong,     ///< longer than maxPasswordBytes
        OutOfMemory, ///< libsodium could not allocate the memory limit
    };

    /// Passwords are hashed as UTF-8; longer ones are refused to bound the work per request.
    static constexpr qsizetype maxPasswordBytes = 1'024;

    PasswordHasher();
    explicit PasswordHasher(Limits limits);

    Limits limits() const { return m_limits; }

    protocol::Result<QByteArray, Error> hash(const QString &password) const;
    /// False for a wrong password and for anything that is not a hash libsodium understands.
    bool verify(const QByteArray &hash, const QString &password) const;
    /// True when the hash was made with other limits (or another algorithm) than this hasher's:
    /// rehash it after the next successful verify.
    bool needsRehash(const QByteArray &hash) const;

private:
    Limits m_limits;
};

} // namespace vigil::server
