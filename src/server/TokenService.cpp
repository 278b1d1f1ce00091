// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/TokenService.h"

#include <cmath>
#include <cstdlib>
#include <memory>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <jwt.h>

#include "common/Logging.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

using Error = TokenError::Code;

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct MallocDeleter
{
    void operator()(char *text) const { std::free(text); }
};

TokenError error(Error code, const QString &message)
{
    return TokenError{ code, message };
}

std::optional<QJsonObject> decodeJsonPart(QByteArrayView part)
{
    if (part.isEmpty())
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(part.toByteArray(),
                                                  QByteArray::Base64UrlEncoding |
                                                    QByteArray::OmitTrailingEquals |
                                                    QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

std::optional<qint64> integerClaim(const QJsonObject &payload, QLatin1StringView name)
{
    const QJsonValue value = payload.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    // JSON numbers are doubles; a timestamp must be a whole number that fits.
    if (!std::isfinite(number) || std::trunc(number) != number || std::abs(number) > 9.0e15)
        return std::nullopt;
    return qint64(number);
}

} // namespace

TokenService::TokenService(QByteArray secret, std::chrono::seconds lifetime)
  : m_secret(std::move(secret))
  , m_lifetime(lifetime.count() > 0 ? lifetime : defaultLifetime)
  , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
}

void TokenService::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void TokenService::setLeeway(std::chrono::seconds leeway)
{
    m_leeway = leeway.count() > 0 ? leeway : std::chrono::seconds(0);
}

protocol::Result<IssuedToken, TokenError> TokenService::issue(const User &user) const
{
    if (m_secret.isEmpty())
        return error(Error::IssueFailed, u"no signing key is configured"_s);
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return error(Error::IssueFailed, u"out of memory"_s);
    const JwtPtr jwt(raw);

    const qint64 now = m_clock();
    const qint64 expiresAt = now + m_lifetime.count();
    QJsonArray hospitals;
    for (const QString &hospital : user.hospitals)
        hospitals.append(hospital);
    // As JSON rather than jwt_add_grant_int, whose `long` is 32 bits on Windows.
    const QByteArray grantsJson =
      QJsonDocument(
        QJsonObject{ { u"hospitals"_s, hospitals }, { u"tv"_s, QJsonValue(user.tokenVersion) } })
        .toJson(QJsonDocument::Compact);

    const bool built =
      jwt_set_alg(jwt.get(),
                  JWT_ALG_HS256,
                  reinterpret_cast<const unsigned char *>(m_secret.constData()),
                  int(m_secret.size())) == 0 &&
      jwt_add_grant(jwt.get(), "sub", user.username.toUtf8().constData()) == 0 &&
      jwt_add_grant(jwt.get(), "role", roleToString(user.role).toUtf8().constData()) == 0 &&
      jwt_add_grants_json(jwt.get(), grantsJson.constData()) == 0 &&
      jwt_add_grant_int(jwt.get(), "iat", long(now)) == 0 &&
      jwt_add_grant_int(jwt.get(), "exp", long(expiresAt)) == 0;
    if (!built)
        return error(Error::IssueFailed, u"could not build the token"_s);
    const std::unique_ptr<char, MallocDeleter> encoded(jwt_encode_str(jwt.get()));
    if (!encoded)
        return error(Error::IssueFailed, u"could not sign the token"_s);
    return IssuedToken{ QByteArray(encoded.get()), m_lifetime.count(), expiresAt };
}

protocol::Result<TokenClaims, TokenError> TokenService::verify(QByteArrayView token) const
{
    if (token.isEmpty())
        return error(Error::Malformed, u"the token is empty"_s);
    if (token.size() > maxTokenLength)
        return error(Error::Malformed, u"the token is too long"_s);
    const QByteArray text = token.toByteArray();
    const QList<QByteArray> parts = text.split('.');
    if (parts.size() != 3)
        return error(Error::Malformed, u"a JWT has three parts separated by dots"_s);
    const auto header = decodeJsonPart(parts.at(0));
    if (!header)
        return error(Error::Malformed, u"the token header is not base64url JSON"_s);
    const QJsonValue alg = header->value("alg"_L1);
    if (!alg.isString())
        return error(Error::Malformed, u"the token header has no algorithm"_s);
    if (alg.toString() != u"HS256")
        return error(Error::WrongAlgorithm,
                     u"algorithm '%1' is not accepted (only HS256)"_s.arg(alg.toString().left(16)));
    const auto payload = decodeJsonPart(parts.at(1));
    if (!payload)
        return error(Error::Malformed, u"the token payload is not base64url JSON"_s);
    if (parts.at(2).isEmpty())
        return error(Error::BadSignature, u"the token is not signed"_s);
    if (m_secret.isEmpty())
        return error(Error::BadSignature, u"no verification key is configured"_s);

    jwt_t *raw = nullptr;
    const int rc = jwt_decode(&raw,
                              text.constData(),
                              reinterpret_cast<const unsigned char *>(m_secret.constData()),
                              int(m_secret.size()));
    const JwtPtr jwt(raw);
    if (rc != 0 || !jwt)
        return error(Error::BadSignature, u"the token signature does not match"_s);
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return error(Error::WrongAlgorithm, u"only HS256 is accepted"_s);

    TokenClaims claims;
    const QJsonValue sub = payload->value("sub"_L1);
    if (!sub.isString() || sub.toString().isEmpty())
        return error(Error::MissingClaim, u"the token has no 'sub' claim"_s);
    claims.subject = sub.toString();
    const QJsonValue role = payload->value("role"_L1);
    if (!role.isString())
        return error(Error::MissingClaim, u"the token has no 'role' claim"_s);
    const auto parsedRole = roleFromString(role.toString());
    if (!parsedRole)
        return error(Error::MissingClaim, u"the token's 'role' is not a known role"_s);
    claims.role = *parsedRole;
    const QJsonValue hospitals = payload->value("hospitals"_L1);
    if (!hospitals.isArray())
        return error(Error::MissingClaim, u"the token has no 'hospitals' claim"_s);
    for (const QJsonValue &hospital : hospitals.toArray()) {
        if (!hospital.isString())
            return error(Error::MissingClaim, u"the token's 'hospitals' holds a non-string"_s);
        claims.hospitals.append(hospital.toString());
    }
    const auto iat = integerClaim(*payload, "iat"_L1);
    if (!iat)
        return error(Error::MissingClaim, u"the token has no integer 'iat' claim"_s);
    claims.issuedAt = *iat;
    const auto exp = integerClaim(*payload, "exp"_L1);
    if (!exp)
        return error(Error::MissingClaim, u"the token has no integer 'exp' claim"_s);
    claims.expiresAt = *exp;
    if (payload->contains("tv"_L1)) {
        const auto tv = integerClaim(*payload, "tv"_L1);
        if (!tv || *tv < 0)
            return error(Error::MissingClaim, u"the token's 'tv' is not a whole number"_s);
        claims.tokenVersion = *tv;
    }
    if (m_clock() >= claims.expiresAt + m_leeway.count())
        return error(Error::Expired, u"the token has expired"_s);
    return claims;
}

} // namespace vigil::server
