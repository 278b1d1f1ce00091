// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include "protocol/Result.h"
#include "server/User.h"

namespace vigil::server {

/// What a verified token says (CONTRACT §2: `sub`, `role`, `hospitals`, `iat`, `exp`).
struct TokenClaims
{
    QString subject;
    Role role = Role::Nurse;
    QStringList hospitals;
    qint64 issuedAt = 0;  ///< seconds since the epoch
    qint64 expiresAt = 0; ///< seconds since the epoch
    /// `tv`, the user's token version when the token was issued (User::tokenVersion); 0 when the
    /// token has none (issued before schema v3).
    qint64 tokenVersion = 0;

    friend bool operator==(const TokenClaims &, const TokenClaims &) = default;
};

struct TokenError
{
    enum class Code
    {
        Malformed,      ///< not three base64url parts of JSON objects, or too long
        BadSignature,   ///< signed with another key, or tampered with
        Expired,        ///< `exp` has passed
        WrongAlgorithm, ///< anything but HS256, `none` included
        MissingClaim,   ///< a required claim is absent or of the wrong type
        IssueFailed,    ///< issue() could not sign (no key, out of memory)
        Revoked,        ///< its user was removed or changed password after it was issued
    };
    Code code = Code::Malformed;
    QString message; ///< never contains the key or the token
};

struct IssuedToken
{
    QByteArray token;
    qint64 expiresIn = 0; ///< seconds, for the login answer's `expires_in`
    qint64 expiresAt = 0; ///< seconds since the epoch
};

/// Issues and verifies HS256 JWTs with libjwt. Only HS256 is accepted: the algorithm in the token
/// header is checked before libjwt sees the token, so `alg: none` and algorithm confusion (an
/// HS256 signature under an RS256 header, ...) are refused whatever the library would do.
/// The key is never logged.
class TokenService final
{
public:
    /// Seconds since the epoch.
    using Clock = std::function<qint64()>;

    static constexpr std::chrono::seconds defaultLifetime = std::chrono::hours(8);
    /// Tokens longer than this are Malformed without further work.
    static constexpr qsizetype maxTokenLength = 8'192;

    /// An empty secret makes every issue() fail and every verify() BadSignature.
    explicit TokenService(QByteArray secret, std::chrono::seconds lifetime = defaultLifetime);

    void setClock(Clock clock);
    /// Accepted clock difference for `exp` (default 0: one server issues and verifies).
    void setLeeway(std::chrono::seconds leeway);
    std::chrono::seconds lifetime() const { return m_lifetime; }

    protocol::Result<IssuedToken, TokenError> issue(const User &user) const;
    protocol::Result<TokenClaims, TokenError> verify(QByteArrayView token) const;

private:
    QByteArray m_secret;
    std::chrono::seconds m_lifetime;
    std::chrono::seconds m_leeway{ 0 };
    Clock m_clock;
};

} // namespace vigil::server
