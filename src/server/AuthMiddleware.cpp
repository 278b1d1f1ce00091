// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AuthMiddleware.h"

#include <QCborMap>

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

protocol::Result<User, TokenError> AuthMiddleware::userFromAuth(const QCborValue &auth) const
{
    const QCborValue token = auth.isMap() ? auth.toMap().value("token"_L1) : QCborValue();
    if (!token.isString())
        return TokenError{ TokenError::Code::Malformed, u"no token in the CONNECT payload"_s };
    const QByteArray bytes = token.toString().toUtf8();
    auto claims = m_tokens.verify(bytes);
    if (!claims)
        return claims.error();
    return userFromClaims(claims.value());
}

protocol::Result<User, TokenError> AuthMiddleware::userFromBearer(QByteArrayView header) const
{
    const QByteArrayView trimmed = header.trimmed();
    constexpr QByteArrayView scheme("Bearer ");
    if (trimmed.size() <= scheme.size() ||
        trimmed.first(scheme.size()).toByteArray().toLower() != "bearer ")
        return TokenError{ TokenError::Code::Malformed, u"no Bearer token"_s };
    auto claims = m_tokens.verify(trimmed.sliced(scheme.size()).trimmed());
    if (!claims)
        return claims.error();
    return userFromClaims(claims.value());
}

Namespace::Middleware AuthMiddleware::authenticated() const
{
    return [this](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
        auto user = userFromAuth(request.auth);
        if (!user) {
            qCInfo(lcServerAuth).noquote() << "CONNECT to" << request.nsp << "from"
                                           << peerOf(request) << "refused:" << user.error().message;
            done(unauthorized());
            return;
        }
        done(ConnectResult::accept(QVariant::fromValue(user.value())));
    };
}

Namespace::Middleware AuthMiddleware::requireRole(Role role) const
{
    return [this, role](const ConnectRequest &request, std::function<void(ConnectResult)> done) {
        auto user = userFromAuth(request.auth);
        if (!user) {
            qCInfo(lcServerAuth).noquote() << "CONNECT to" << request.nsp << "from"
                                           << peerOf(request) << "refused:" << user.error().message;
            done(unauthorized());
            return;
        }
        if (user->role != role) {
            qCInfo(lcServerAuth).noquote() << "CONNECT to" << request.nsp << "by" << user->username
                                           << "refused: role" << roleToString(user->role);
            done(ConnectResult::refuse(u"Forbidden"_s, errorData(403)));
            return;
        }
        done(ConnectResult::accept(QVariant::fromValue(user.value())));
    };
}

std::optional<User> AuthMiddleware::userOf(const ServerSocket *socket)
{
    if (!socket || !socket->data().canConvert<User>())
        return std::nullopt;
    return socket->data().value<User>();
}

User AuthMiddleware::userFromClaims(const TokenClaims &claims)
{
    return User{ claims.subject, claims.subject, claims.role, claims.hospitals };
}

} // namespace vigil::server
