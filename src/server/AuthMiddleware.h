// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArrayView>
#include <QCborValue>

#include "protocol/Result.h"
#include "server/Namespace.h"
#include "server/TokenService.h"
#include "server/User.h"

namespace vigil::server {

class ServerSocket;

/// CONNECT middlewares for `/` and `/monitor` (CONTRACT §2, §3): the JWT rides in the CONNECT
/// payload `{"token": "<JWT>"}`, never in the URL. A missing, malformed, wrongly signed or expired
/// token is refused with `{"message":"Unauthorized","data":{"code":401}}`; a valid token of the
/// wrong role with `{"message":"Forbidden","data":{"code":403}}`. An accepted socket carries its
/// User as its data.
class AuthMiddleware final
{
public:
    /// `tokens` must outlive every middleware made here.
    explicit AuthMiddleware(const TokenService &tokens);

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
    const TokenService &m_tokens;
};

} // namespace vigil::server
