// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CONNECT authentication on `/` and `/monitor` against a real ServerApp, and the bearer parsing
// the REST API shares with it.
#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QTest>

#include "ServiceTestKit.h"
#include "protocol/Json.h"
#include "server/AuthMiddleware.h"
#include "server/TokenService.h"
#include "server/User.h"

using namespace Qt::StringLiterals;
using namespace vigil::test;
using vigil::protocol::sio::PacketType;
using vigil::server::Role;
using vigil::server::TokenService;
using vigil::server::User;

namespace {

const QByteArray secret("service-test-secret-key-of-32-bytes!");

User nurse()
{
    return User{ u"nurse"_s, u"Nurse 123"_s, Role::Nurse, { u"123"_s } };
}

QString issued(const TokenService &tokens, const User &user)
{
    return QString::fromLatin1(tokens.issue(user).value().token);
}

QString unsignedToken()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray header =
      QByteArray("{\"alg\":\"none\",\"typ\":\"JWT\"}")
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray payload =
      QByteArray("{\"sub\":\"admin\",\"role\":\"admin\",\"hospitals\":[],\"iat\":" +
                 QByteArray::number(now) + ",\"exp\":" + QByteArray::number(now + 3600) + "}")
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(header + '.' + payload + '.');
}

} // namespace

class tst_AuthMiddleware : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refusedTokens_data();
    void refusedTokens();
    void acceptedTokenCarriesTheUser();
    void monitorNeedsAdmin_data();
    void monitorNeedsAdmin();
    void bearerHeader_data();
    void bearerHeader();

private:
    std::unique_ptr<ServiceHarness> m_server;
};

void tst_AuthMiddleware::initTestCase()
{
    m_server = std::make_unique<ServiceHarness>();
    const QString error = m_server->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_AuthMiddleware::cleanupTestCase()
{
    m_server.reset();
}

void tst_AuthMiddleware::refusedTokens_data()
{
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<QCborValue>("auth");
    const auto withToken = [](const QCborValue &token) {
        QCborMap auth;
        auth.insert("token"_L1, token);
        return QCborValue(auth);
    };

    TokenService otherKey(QByteArray("another-secret-key-of-32-bytes!!"));
    TokenService past(secret);
    past.setClock([] { return QDateTime::currentSecsSinceEpoch() - 9 * 3600; });
    for (const QString &nsp : { u"/"_s, u"/monitor"_s }) {
        const QByteArray n = nsp.toLatin1();
        QTest::addRow("%s no payload", n.constData()) << nsp << QCborValue();
        QTest::addRow("%s no token", n.constData()) << nsp << QCborValue(QCborMap());
        QTest::addRow("%s token not a string", n.constData()) << nsp << withToken(QCborValue(42));
        QTest::addRow("%s empty token", n.constData()) << nsp << withToken(QString());
        QTest::addRow("%s garbage", n.constData()) << nsp << withToken(u"not-a-jwt"_s);
        QTest::addRow("%s wrong key", n.constData()) << nsp << withToken(issued(otherKey, nurse()));
        QTest::addRow("%s expired", n.constData()) << nsp << withToken(issued(past, nurse()));
        QTest::addRow("%s alg none", n.constData()) << nsp << withToken(unsignedToken());
        QTest::addRow("%s huge", n.constData()) << nsp << withToken(QString(20'000, u'a'));
    }
}

void tst_AuthMiddleware::refusedTokens()
{
    QFETCH(QString, nsp);
    QFETCH(QCborValue, auth);

    SioClient client;
    QVERIFY(client.open(m_server->socketUrl()));
    const auto answer = client.connectWithAuth(nsp, auth);
    QVERIFY(answer);
    QCOMPARE(answer->type, PacketType::ConnectError);
    QCOMPARE(vigil::protocol::json::write(answer->data),
             QByteArray("{\"message\":\"Unauthorized\",\"data\":{\"code\":401}}"));
    // The refusal is for that namespace only: the connection still works.
    QVERIFY(client.join(u"/"_s, m_server->token(u"nurse"_s)));
}

void tst_AuthMiddleware::acceptedTokenCarriesTheUser()
{
    SioClient client;
    QVERIFY(client.open(m_server->socketUrl()));
    QVERIFY(client.join(u"/"_s, m_server->token(u"nurse"_s)));
    // The nurse's hospitals came from the token: hospital 123 yes, 456 no.
    QVERIFY(client.joinRoom(u"hospital_123"_s).toMap().value("ok"_L1).toBool());
    QCOMPARE(client.joinRoom(u"hospital_456"_s).toMap().value("error"_L1).toString(),
             u"Unauthorized"_s);
}

void tst_AuthMiddleware::monitorNeedsAdmin_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("nurse") << u"nurse"_s << false;
    QTest::newRow("charge") << u"charge"_s << false;
    QTest::newRow("producer") << u"producer"_s << false;
    QTest::newRow("admin") << u"admin"_s << true;
}

void tst_AuthMiddleware::monitorNeedsAdmin()
{
    QFETCH(QString, user);
    QFETCH(bool, allowed);
    SioClient client;
    QVERIFY(client.open(m_server->socketUrl()));
    const auto answer = client.connectNamespace(u"/monitor"_s, m_server->token(user));
    QVERIFY(answer);
    if (allowed) {
        QCOMPARE(answer->type, PacketType::Connect);
        QVERIFY(client.waitFor(u"socket_status"_s, u"/monitor"_s));
        return;
    }
    QCOMPARE(answer->type, PacketType::ConnectError);
    QCOMPARE(vigil::protocol::json::write(answer->data),
             QByteArray("{\"message\":\"Forbidden\",\"data\":{\"code\":403}}"));
}

void tst_AuthMiddleware::bearerHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("valid");
    TokenService tokens(secret);
    const QByteArray token = tokens.issue(nurse()).value().token;
    QTest::newRow("bearer") << "Bearer " + token << true;
    QTest::newRow("lower case scheme") << "bearer " + token << true;
    QTest::newRow("spaces") << "  Bearer   " + token + "  " << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("scheme only") << QByteArray("Bearer ") << false;
    QTest::newRow("basic") << QByteArray("Basic bnVyc2U6cHc=") << false;
    QTest::newRow("no scheme") << token << false;
    QTest::newRow("tampered") << "Bearer " + token.left(token.size() - 2) + "xx" << false;
}

void tst_AuthMiddleware::bearerHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    TokenService tokens(secret);
    vigil::server::AuthMiddleware auth(tokens);
    const auto user = auth.userFromBearer(header);
    QCOMPARE(user.ok(), valid);
    if (valid) {
        QCOMPARE(user->username, u"nurse"_s);
        QCOMPARE(user->role, Role::Nurse);
        QCOMPARE(user->hospitals, QStringList{ u"123"_s });
    }
}

QTEST_GUILESS_MAIN(tst_AuthMiddleware)
#include "tst_authmiddleware.moc"
