// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArrayView>
#include <QCborValue>

#include "protocol/Result.h"
#include "server/Namespace.h"
#include "server/TokenService.h"
#include "server/User.h"

namespace vigil::server {

class ServerSocket;

/// What an accepted socket carries as its data: its user (with its token's version), and when
/// its token was issued, so that a later revocation can find it.
struct Principal
{
    User user;
    qint64 tokenIssuedAt = 0; ///< seconds since the epoch
};

/// CONNECT middlewares for `/` and `/monitor` (CONTRACT §2, §3): the JWT rides in the CONNECT
/// payload `{"token": "<JWT>"}`, never in the URL. A missing, malformed, wrongly signed or expired
/// token is refused with `{"message":"Unauthorized","data":{"code":401}}`; a valid token of the
/// wrong role with `{"message":"Forbidden","data":{"code":403}}`. An accepted socket carries its
/// Principal as its data.
///
/// A signed token is also checked against the user store (setRevocationCheck): a token whose
/// user was removed, or changed password after it was issued, is refused like a bad one, and
/// disconnectRevoked() ends sockets that connected with such a token.
class AuthMiddleware final
{
public:
    /// Why tokens of `username` issued at `issuedAt` (seconds) with version `tokenVersion` (`tv`,
    /// 0 when the token has none) are no longer honoured, or std::nullopt if they still are.
    using RevocationCheck = std::function<
      std::optional<QString>(const QString &username, qint64 issuedAt, qint64 tokenVersion)>;

    /// `tokens` must outlive every middleware made here.
    explicit AuthMiddleware(const TokenService &tokens);

    void setRevocationCheck(RevocationCheck check);
    /// Disconnects (closing the Socket.IO session, as Node's `disconnect(true)`) each socket of
    /// `nsp` whose token has been revoked; returns how many.
    int disconnectRevoked(Namespace &nsp) const;

    /// Any valid token.
    Namespace::Middleware authenticated() const;
    /// A valid token of `role` (admins for `/monitor`).
    Namespace::Middleware requireRole(Role role) const;

    /// The user from a CONNECT payload's token, or why it was refused.
    protocol::Result<User, TokenError> userFromAuth(const QCborValue &auth) const;
    /// The user from an `Authorization: Bearer <JWT>` header value.
    protocol::Result<User, TokenError> userFromBearer(QByteArrayView header) const;

    /// The user an accepted socket authenticated as; std::nullopt for a socket that no
    /// middleware here accepted.
    static std::optional<User> userOf(const ServerSocket *socket);
    /// Tokens carry no display name: the username stands in.
    static User userFromClaims(const TokenClaims &claims);

private:
    protocol::Result<Principal, TokenError> principalFromToken(QByteArrayView token) const;
    protocol::Result<Principal, TokenError> principalFromAuth(const QCborValue &auth) const;
    Namespace::Middleware middleware(std::optional<Role> role) const;

    const TokenService &m_tokens;
    RevocationCheck m_revoked;
};

} // namespace vigil::server

Q_DECLARE_METATYPE(vigil::server::Principal)
