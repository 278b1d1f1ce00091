// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/PasswordHasher.h"

#include <algorithm>
#include <mutex>

#include <sodium.h>

#include "common/Logging.h"

namespace vigil::server {

namespace {

void initSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // sodium_init() picks the fastest implementations and seeds the RNG; -1 means the library
        // cannot work at all, which no caller could recover from.
        if (sodium_init() < 0)
            qFatal("libsodium failed to initialise");
    });
}

} // namespace

PasswordHasher::Limits PasswordHasher::Limits::interactive()
{
    return { crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE };
}

PasswordHasher::Limits PasswordHasher::Limits::minimal()
{
    return { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
}

PasswordHasher::PasswordHasher()
  : PasswordHasher(Limits::interactive())
{
}

PasswordHasher::PasswordHasher(Limits limits)
  : m_limits(limits)
{
    initSodium();
    m_limits.opsLimit = std::clamp<unsigned long long>(
      m_limits.opsLimit, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_OPSLIMIT_MAX);
    m_limits.memLimit =
      std::clamp<size_t>(m_limits.memLimit, crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_MEMLIMIT_MAX);
}

protocol::Result<QByteArray, PasswordHasher::Error> PasswordHasher::hash(
  const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    if (utf8.size() > maxPasswordBytes)
        return Error::TooLong;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out,
                          utf8.constData(),
                          static_cast<unsigned long long>(utf8.size()),
                          m_limits.opsLimit,
                          m_limits.memLimit) != 0) {
        qCWarning(lcServerAuth) << "password hashing failed: out of memory";
        return Error::OutOfMemory;
    }
    return QByteArray(out);
}

bool PasswordHasher::verify(const QByteArray &hash, const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    if (utf8.size() > maxPasswordBytes || hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    // constData() is NUL-terminated, which is what libsodium reads up to.
    return crypto_pwhash_str_verify(
             hash.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size())) == 0;
}

bool PasswordHasher::needsRehash(const QByteArray &hash) const
{
    if (hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return true;
    return crypto_pwhash_str_needs_rehash(hash.constData(), m_limits.opsLimit, m_limits.memLimit) !=
           0;
}

} // namespace vigil::server
