// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

#include "server/TokenService.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
using Code = TokenError::Code;

Q_DECLARE_METATYPE(vigil::server::TokenError::Code)

namespace {

const QByteArray secret = "test-secret-key-of-32-bytes-long";
constexpr qint64 now = 1'795'000'000;

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject validPayload()
{
    return QJsonObject{ { u"sub"_s, u"alice"_s },
                        { u"role"_s, u"nurse"_s },
                        { u"hospitals"_s, QJsonArray{ u"123"_s } },
                        { u"iat"_s, now },
                        { u"exp"_s, now + 3'600 } };
}

// Signs by hand, so the tests do not trust the code under test to build what it must refuse.
QByteArray sign(const QJsonObject &header,
                const QJsonObject &payload,
                const QByteArray &key,
                QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256)
{
    const QByteArray input = b64(json(header)) + '.' + b64(json(payload));
    return input + '.' + b64(QMessageAuthenticationCode::hash(input, key, algorithm));
}

QJsonObject hs256()
{
    return QJsonObject{ { u"alg"_s, u"HS256"_s }, { u"typ"_s, u"JWT"_s } };
}

TokenService service()
{
    TokenService tokens(secret);
    tokens.setClock([] { return now; });
    return tokens;
}

// A token version as the store makes them: milliseconds, beyond 32 bits.
constexpr qint64 aliceVersion = 1'764'115'200'123;
const User alice{ u"alice"_s, u"Alice"_s, Role::ChargeNurse, { u"123"_s, u"456"_s }, aliceVersion };

} // namespace

class TestTokenService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issueAndVerify()
    {
        const TokenService tokens = service();
        const auto issued = tokens.issue(alice);
        QVERIFY(issued.ok());
        QCOMPARE(issued->expiresIn, 8 * 3'600);
        QCOMPARE(issued->expiresAt, now + 8 * 3'600);
        QCOMPARE(issued->token.count('.'), 2);
        QVERIFY(!issued->token.contains(secret));

        const auto claims = tokens.verify(issued->token);
        QVERIFY2(claims.ok(), qPrintable(claims.ok() ? QString() : claims.error().message));
        QCOMPARE(claims.value(),
                 (TokenClaims{ u"alice"_s,
                               Role::ChargeNurse,
                               { u"123"_s, u"456"_s },
                               now,
                               now + 8 * 3'600,
                               aliceVersion }));

        // The header says HS256 and the payload carries exactly the contract's claims, and the
        // token version (`tv`) that revokes it when the password changes.
        const QList<QByteArray> parts = issued->token.split('.');
        const auto header = QJsonDocument::fromJson(
          QByteArray::fromBase64(parts.at(0), QByteArray::Base64UrlEncoding));
        QCOMPARE(header.object().value(u"alg"_s).toString(), u"HS256"_s);
        const auto payload = QJsonDocument::fromJson(
          QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding));
        QStringList keys = payload.object().keys();
        keys.sort();
        QCOMPARE(keys,
                 (QStringList{ u"exp"_s, u"hospitals"_s, u"iat"_s, u"role"_s, u"sub"_s, u"tv"_s }));
        QCOMPARE(payload.object().value(u"tv"_s).toInteger(), aliceVersion);
    }

    void acceptsAHandSignedToken()
    {
        // Interoperability: any HS256 library's token with the right key and claims is accepted.
        const auto claims = service().verify(sign(hs256(), validPayload(), secret));
        QVERIFY2(claims.ok(), qPrintable(claims.ok() ? QString() : claims.error().message));
        QCOMPARE(claims->subject, u"alice"_s);
        QCOMPARE(claims->role, Role::Nurse);
        QCOMPARE(claims->hospitals, QStringList{ u"123"_s });
        QCOMPARE(claims->tokenVersion, 0); // a token without `tv` (issued before schema v3)
        // An admin token with no hospitals is fine too.
        QJsonObject admin = validPayload();
        admin[u"role"_s] = u"admin"_s;
        admin[u"hospitals"_s] = QJsonArray{};
        QVERIFY(service().verify(sign(hs256(), admin, secret)).ok());
    }

    void lifetimeAndExpiry()
    {
        qint64 clock = now;
        TokenService tokens(secret, std::chrono::minutes(10));
        tokens.setClock([&clock] { return clock; });
        const auto issued = tokens.issue(alice);
        QCOMPARE(issued->expiresIn, 600);

        clock = now + 599;
        QVERIFY(tokens.verify(issued->token).ok());
        clock = now + 600;
        const auto expired = tokens.verify(issued->token);
        QVERIFY(!expired.ok());
        QCOMPARE(expired.error().code, Code::Expired);

        tokens.setLeeway(std::chrono::seconds(30));
        QVERIFY(tokens.verify(issued->token).ok());
        clock = now + 630;
        QCOMPARE(tokens.verify(issued->token).error().code, Code::Expired);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<Code>("code");

        const QByteArray valid = sign(hs256(), validPayload(), secret);
        const QList<QByteArray> parts = valid.split('.');

        // alg: none, forged by hand, with and without a signature.
        for (const QString &none : { u"none"_s, u"None"_s, u"NONE"_s }) {
            const QByteArray unsigned_ =
              b64(json({ { u"alg"_s, none }, { u"typ"_s, u"JWT"_s } })) + '.' + parts.at(1) + '.';
            QTest::addRow("alg %s, unsigned", qPrintable(none))
              << unsigned_ << Code::WrongAlgorithm;
            QTest::addRow("alg %s, old signature", qPrintable(none))
              << unsigned_ + parts.at(2) << Code::WrongAlgorithm;
        }
        QTest::newRow("HS512 with the right key")
          << sign({ { u"alg"_s, u"HS512"_s } }, validPayload(), secret, QCryptographicHash::Sha512)
          << Code::WrongAlgorithm;
        QTest::newRow("HS384 with the right key")
          << sign({ { u"alg"_s, u"HS384"_s } }, validPayload(), secret, QCryptographicHash::Sha384)
          << Code::WrongAlgorithm;
        QTest::newRow("RS256 header, HMAC signature (algorithm confusion)")
          << sign({ { u"alg"_s, u"RS256"_s } }, validPayload(), secret) << Code::WrongAlgorithm;
        QTest::newRow("alg is not a string")
          << sign({ { u"alg"_s, 256 } }, validPayload(), secret) << Code::Malformed;
        QTest::newRow("no alg") << sign({ { u"typ"_s, u"JWT"_s } }, validPayload(), secret)
                                << Code::Malformed;

        QTest::newRow("another key")
          << sign(hs256(), validPayload(), "another-secret-key-32-bytes-long")
          << Code::BadSignature;
        QTest::newRow("key prefix")
          << sign(hs256(), validPayload(), secret.left(31)) << Code::BadSignature;
        QJsonObject promoted = validPayload();
        promoted[u"role"_s] = u"admin"_s;
        QTest::newRow("tampered payload")
          << parts.at(0) + '.' + b64(json(promoted)) + '.' + parts.at(2) << Code::BadSignature;
        QTest::newRow("no signature")
          << parts.at(0) + '.' + parts.at(1) + '.' << Code::BadSignature;
        QTest::newRow("truncated signature") << valid.left(valid.size() - 3) << Code::BadSignature;

        QTest::newRow("empty") << QByteArray() << Code::Malformed;
        QTest::newRow("one part") << QByteArray("abc") << Code::Malformed;
        QTest::newRow("two parts") << parts.at(0) + '.' + parts.at(1) << Code::Malformed;
        QTest::newRow("four parts") << valid + ".x" << Code::Malformed;
        QTest::newRow("header not base64")
          << "%%%." + parts.at(1) + '.' + parts.at(2) << Code::Malformed;
        QTest::newRow("header not JSON")
          << b64("{alg") + '.' + parts.at(1) + '.' + parts.at(2) << Code::Malformed;
        QTest::newRow("header an array")
          << b64("[\"HS256\"]") + '.' + parts.at(1) + '.' + parts.at(2) << Code::Malformed;
        QTest::newRow("payload not JSON")
          << parts.at(0) + '.' + b64("not json") + '.' + parts.at(2) << Code::Malformed;
        QTest::newRow("too long") << QByteArray(TokenService::maxTokenLength + 1, 'a')
                                  << Code::Malformed;
        QTest::newRow("Bearer prefix left in") << "Bearer " + valid << Code::Malformed;

        const auto without = [](const QString &claim) {
            QJsonObject payload = validPayload();
            payload.remove(claim);
            return sign(hs256(), payload, secret);
        };
        const auto with = [](const QString &claim, const QJsonValue &value) {
            QJsonObject payload = validPayload();
            payload[claim] = value;
            return sign(hs256(), payload, secret);
        };
        for (const QString &claim : { u"sub"_s, u"role"_s, u"hospitals"_s, u"iat"_s, u"exp"_s })
            QTest::addRow("no %s", qPrintable(claim)) << without(claim) << Code::MissingClaim;
        QTest::newRow("empty sub") << with(u"sub"_s, u""_s) << Code::MissingClaim;
        QTest::newRow("numeric sub") << with(u"sub"_s, 7) << Code::MissingClaim;
        QTest::newRow("unknown role") << with(u"role"_s, u"superuser"_s) << Code::MissingClaim;
        QTest::newRow("hospitals a string") << with(u"hospitals"_s, u"123"_s) << Code::MissingClaim;
        QTest::newRow("hospitals of numbers")
          << with(u"hospitals"_s, QJsonArray{ 123 }) << Code::MissingClaim;
        QTest::newRow("exp a string") << with(u"exp"_s, u"tomorrow"_s) << Code::MissingClaim;
        QTest::newRow("exp fractional") << with(u"exp"_s, double(now) + 0.5) << Code::MissingClaim;
        QTest::newRow("tv a string") << with(u"tv"_s, u"7"_s) << Code::MissingClaim;
        QTest::newRow("tv fractional") << with(u"tv"_s, 7.5) << Code::MissingClaim;
        QTest::newRow("tv negative") << with(u"tv"_s, -1) << Code::MissingClaim;
        QTest::newRow("expired") << with(u"exp"_s, now - 1) << Code::Expired;
        QTest::newRow("expires now") << with(u"exp"_s, now) << Code::Expired;
    }
    void refused()
    {
        QFETCH(QByteArray, token);
        QFETCH(Code, code);
        const auto result = service().verify(token);
        QVERIFY2(!result.ok(), "token accepted");
        QCOMPARE(result.error().code, code);
        QVERIFY(!result.error().message.isEmpty());
        QVERIFY(!result.error().message.contains(QString::fromLatin1(secret)));
    }

    void otherServiceToken()
    {
        TokenService other("a completely different secret key");
        other.setClock([] { return now; });
        const auto foreign = other.issue(alice);
        QVERIFY(foreign.ok());
        QVERIFY(other.verify(foreign->token).ok());
        QCOMPARE(service().verify(foreign->token).error().code, Code::BadSignature);
    }

    void emptySecret()
    {
        TokenService none{ QByteArray() };
        QCOMPARE(none.issue(alice).error().code, Code::IssueFailed);
        QCOMPARE(none.verify(sign(hs256(), validPayload(), QByteArray("x"))).error().code,
                 Code::BadSignature);
    }
};

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
