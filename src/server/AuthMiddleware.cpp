// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AuthMiddleware.h"

#include <QCborMap>
#include <QHash>

#include "common/Logging.h"
#include "server/HandshakeInfo.h"
#include "server/ServerSocket.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

QCborValue errorData(int code)
{
    QCborMap data;
    data.insert("code"_L1, code);
    return QCborValue(std::move(data));
}

ConnectResult unauthorized()
{
    return ConnectResult::refuse(u"Unauthorized"_s, errorData(401));
}

QString peerOf(const ConnectRequest &request)
{
    return request.handshake ? request.handshake->address.toString() : QString();
}

} // namespace

AuthMiddleware::AuthMiddleware(const TokenService &tokens)
  : m_tokens(tokens)
{
}

void AuthMiddleware::setRevocationCheck(RevocationCheck check)
{
    m_revoked = std::move(check);
}

protocol::Result<Principal, TokenError> AuthMiddleware::principalFromToken(
  QByteArrayView token) const
{
    auto claims = m_tokens.verify(token);
    if (!claims)
        return claims.error();
    if (m_revoked) {
        if (auto why = m_revoked(claims->subject, claims->issuedAt, claims->tokenVersion))
            return TokenError{ TokenError::Code::Revoked, *why };
    }
    return Principal{ userFromClaims(claims.value()), claims->issuedAt };
}

protocol::Result<Principal, TokenError> AuthMiddleware::principalFromAuth(
  const QCborValue &auth) const
{
    const QCborValue token = auth.isMap() ? auth.toMap().value("token"_L1) : QCborValue();
    if (!token.isString())
        return TokenError{ TokenError::Code::Malformed, u"no token in the CONNECT payload"_s };
    return principalFromToken(token.toString().toUtf8());
}

protocol::Result<User, TokenError> AuthMiddleware::userFromAuth(const QCborValue &auth) const
{
    auto principal = principalFromAuth(auth);
    if (!principal)
        return principal.error();
    return principal->user;
}

protocol::Result<User, TokenError> AuthMiddleware::userFromBearer(QByteArrayView header) const
{
    const QByteArrayView trimmed = header.trimmed();
    constexpr QByteArrayView scheme("Bearer ");
    if (trimmed.size() <= scheme.size() ||
        trimmed.first(scheme.size()).toByteArray().toLower() != "bearer ")
        return TokenError{ TokenError::Code::Malformed, u"no Bearer token"_s };
    auto principal = principalFromToken(trimmed.sliced(scheme.size()).trimmed());
    if (!principal)
        return principal.error();
    return principal->user;
}

Namespace::Middleware AuthMiddleware::authenticated() const
{
    return middleware(std::nullopt);
}

Namespace::Middleware AuthMiddleware::requireRole(Role role) const
{
    return middleware(role);
}

Namespace::Middleware AuthMiddleware::middleware(std::optional<Role> role) const
{
    return [this, role](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
        auto principal = principalFromAuth(request.auth);
        if (!principal) {
            qCInfo(lcServerAuth).noquote()
              << "CONNECT to" << request.nsp << "from" << peerOf(request)
              << "refused:" << principal.error().message;
            done(unauthorized());
            return;
        }
        if (request.data.canConvert<Principal>() &&
            request.data.value<Principal>().user.username != principal->user.username) {
            // A recovered session (its pid) belongs to the user who opened it.
            qCInfo(lcServerAuth).noquote()
              << "CONNECT to" << request.nsp << "by" << principal->user.username
              << "refused: it tried to recover another user's session";
            done(unauthorized());
            return;
        }
        if (role && principal->user.role != *role) {
            qCInfo(lcServerAuth).noquote()
              << "CONNECT to" << request.nsp << "by" << principal->user.username << "refused: role"
              << roleToString(principal->user.role);
            done(ConnectResult::refuse(u"Forbidden"_s, errorData(403)));
            return;
        }
        done(ConnectResult::accept(QVariant::fromValue(principal.value())));
    };
}

int AuthMiddleware::disconnectRevoked(Namespace &nsp) const
{
    if (!m_revoked)
        return 0;
    // Each user is looked up once per sweep, however many consoles it has open.
    QHash<QString, std::optional<QString>> verdicts;
    int count = 0;
    const auto sockets = nsp.sockets();
    for (ServerSocket *socket : sockets) {
        if (!socket->data().canConvert<Principal>())
            continue;
        const auto principal = socket->data().value<Principal>();
        const QString key = principal.user.username + u'\n' +
                            QString::number(principal.tokenIssuedAt) + u'\n' +
                            QString::number(principal.user.tokenVersion);
        auto it = verdicts.find(key);
        if (it == verdicts.end())
            it = verdicts.insert(key,
                                 m_revoked(principal.user.username,
                                           principal.tokenIssuedAt,
                                           principal.user.tokenVersion));
        if (!it.value())
            continue;
        qCInfo(lcServerAuth).noquote() << "disconnecting" << principal.user.username << "from"
                                       << nsp.name() << ":" << *it.value();
        socket->disconnectSocket(true);
        ++count;
    }
    return count;
}

std::optional<User> AuthMiddleware::userOf(const ServerSocket *socket)
{
    if (!socket || !socket->data().canConvert<Principal>())
        return std::nullopt;
    return socket->data().value<Principal>().user;
}

User AuthMiddleware::userFromClaims(const TokenClaims &claims)
{
    return User{
        claims.subject, claims.subject, claims.role, claims.hospitals, claims.tokenVersion
    };
}

} // namespace vigil::server
