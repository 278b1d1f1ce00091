// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The REST API of CONTRACT §8 on a real ServerApp: every route, every error status, CORS, and a
// store that is full or read-only.
#include <memory>

#include <QSqlQuery>
#include <QTest>

#include "ServiceTestKit.h"
#include "protocol/Json.h"
#include "server/Database.h"
#include "server/SqlAlertStore.h"

using namespace Qt::StringLiterals;
using namespace vigil::test;

namespace {

QCborValue parsed(const HttpResult &result)
{
    const auto value = vigil::protocol::json::parse(result.body);
    return value ? value.value() : QCborValue();
}

QString errorCode(const HttpResult &result)
{
    return parsed(result).toMap().value("error"_L1).toString();
}

QByteArray loginBody(const QString &user, const QString &password)
{
    QCborMap body;
    body.insert("username"_L1, user);
    body.insert("password"_L1, password);
    return vigil::protocol::json::write(body);
}

QList<qint64> seqsOf(const QCborArray &alerts)
{
    QList<qint64> seqs;
    for (const QCborValue &alert : alerts)
        seqs.append(alert.toMap().value("seq"_L1).toInteger());
    return seqs;
}

} // namespace

class tst_RestApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void health();
    void login();
    void loginErrors_data();
    void loginErrors();
    void loginThrottle();
    void loginThrottleTrustsOnlyConfiguredProxies();
    void bearerRequired_data();
    void bearerRequired();
    void historyAccessAndPaging();
    void historyErrors_data();
    void historyErrors();
    void historyOfTriageRoom();
    void active();
    void publish();
    void publishErrors_data();
    void publishErrors();
    void acknowledge();
    void triage();
    void socketStatus();
    void unknownRoutes();
    void cors();
    void storeFull();
    void storeReadOnly();

private:
    QString nurse() const { return m_server->token(u"nurse"_s); }
    std::unique_ptr<ServiceHarness> m_server;
};

void tst_RestApi::init()
{
    m_server = std::make_unique<ServiceHarness>();
    const QString error = m_server->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_RestApi::cleanup()
{
    m_server.reset();
}

void tst_RestApi::health()
{
    const HttpResult result = m_server->get(u"/api/health"_s);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), QByteArray("application/json"));
    const QCborMap body = parsed(result).toMap();
    QCOMPARE(body.value("status"_L1).toString(), u"ok"_s);
    QCOMPARE(body.value("store"_L1).toString(), u"sqlite"_s);
    QVERIFY(!body.value("version"_L1).toString().isEmpty());
    QVERIFY(body.value("uptime_s"_L1).isInteger());
}

void tst_RestApi::login()
{
    const HttpResult result =
      m_server->post(u"/api/auth/login"_s, loginBody(u"charge"_s, u"charge-password"_s));
    QCOMPARE(result.status, 200);
    const QCborMap body = parsed(result).toMap();
    QCOMPARE(body.value("token_type"_L1).toString(), u"Bearer"_s);
    QVERIFY(body.value("expires_in"_L1).toInteger() > 0);
    const QCborMap user = body.value("user"_L1).toMap();
    QCOMPARE(user.value("username"_L1).toString(), u"charge"_s);
    QCOMPARE(user.value("display_name"_L1).toString(), u"Charge"_s);
    QCOMPARE(user.value("role"_L1).toString(), u"charge_nurse"_s);
    QCOMPARE(vigil::protocol::json::write(user.value("hospitals"_L1)),
             QByteArray("[\"123\",\"456\"]"));

    // The token works for REST and for Socket.IO.
    const QString token = body.value("access_token"_L1).toString();
    QCOMPARE(m_server->get(u"/api/alerts/active"_s, token).status, 200);
    SioClient client;
    QVERIFY(client.open(m_server->socketUrl()));
    QVERIFY(client.join(u"/"_s, token));
}

void tst_RestApi::loginErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("field");

    QTest::newRow("wrong password")
      << loginBody(u"nurse"_s, u"wrong-password"_s) << 401 << u"invalid_credentials"_s << QString();
    QTest::newRow("unknown user") << loginBody(u"ghost"_s, u"whatever-pw"_s) << 401
                                  << u"invalid_credentials"_s << QString();
    QTest::newRow("huge username") << loginBody(QString(30'000, u'n'), u"whatever-pw"_s) << 401
                                   << u"invalid_credentials"_s << QString();
    QTest::newRow("invalid json") << QByteArray("{\"username\":") << 400 << u"invalid_json"_s
                                  << QString();
    QTest::newRow("not an object") << QByteArray("[]") << 400 << u"invalid_request"_s << QString();
    QTest::newRow("empty body") << QByteArray() << 400 << u"invalid_request"_s << QString();
    QTest::newRow("unknown field")
      << QByteArray("{\"username\":\"nurse\",\"password\":\"x\",\"remember\":true}") << 400
      << u"unknown_field"_s << u"remember"_s;
    QTest::newRow("password not a string") << QByteArray("{\"username\":\"nurse\",\"password\":1}")
                                           << 400 << u"invalid_request"_s << u"password"_s;
}

void tst_RestApi::loginErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, field);
    const HttpResult result = m_server->post(u"/api/auth/login"_s, body);
    QCOMPARE(result.status, status);
    QCOMPARE(errorCode(result), error);
    QVERIFY(!parsed(result).toMap().value("message"_L1).toString().isEmpty());
    if (!field.isEmpty())
        QCOMPARE(parsed(result).toMap().value("field"_L1).toString(), field);
}

void tst_RestApi::loginThrottleTrustsOnlyConfiguredProxies()
{
    // The per-address limit (20 failures) counts the client named by a trusted proxy.
    for (const bool trusted : { true, false }) {
        ServiceHarness server([trusted](vigil::server::ServerSettings &s) {
            if (trusted)
                s.trustedProxies = { vigil::server::parseSubnet(u"127.0.0.1"_s).value() };
        });
        const QString error = server.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto from = [](const char *address) {
            return QList<std::pair<QByteArray, QByteArray>>{ { "X-Forwarded-For", address } };
        };
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(server
                       .post(u"/api/auth/login"_s,
                             loginBody(u"nobody%1"_s.arg(i), u"bad-password"_s),
                             {},
                             from("6.6.6.6, 10.0.0.1"))
                       .status,
                     401);
        }
        const auto blocked = server.post(
          u"/api/auth/login"_s, loginBody(u"nobody99"_s, u"bad-password"_s), {}, from("10.0.0.1"));
        QCOMPARE(blocked.status, 429);
        // Another client behind the same proxy is only separate when the proxy is trusted.
        const auto other = server.post(
          u"/api/auth/login"_s, loginBody(u"charge"_s, u"charge-password"_s), {}, from("10.0.0.2"));
        QCOMPARE(other.status, trusted ? 200 : 429);
    }
}

void tst_RestApi::loginThrottle()
{
    for (int i = 0; i < 5; ++i)
        QCOMPARE(
          m_server->post(u"/api/auth/login"_s, loginBody(u"nurse"_s, u"bad-password"_s)).status,
          401);
    // Even the right password is refused now, with a hint when to retry.
    const HttpResult throttled =
      m_server->post(u"/api/auth/login"_s, loginBody(u"nurse"_s, u"nurse-password"_s));
    QCOMPARE(throttled.status, 429);
    QCOMPARE(errorCode(throttled), u"too_many_requests"_s);
    QVERIFY(throttled.header("Retry-After").toInt() >= 1);
    // Other users are not locked out.
    QCOMPARE(
      m_server->post(u"/api/auth/login"_s, loginBody(u"charge"_s, u"charge-password"_s)).status,
      200);
}

void tst_RestApi::bearerRequired_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("not bearer") << QByteArray("Basic YWRtaW46YWRtaW4=");
    QTest::newRow("garbage") << QByteArray("Bearer abc.def.ghi");
}

void tst_RestApi::bearerRequired()
{
    QFETCH(QByteArray, authorization);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({ "Authorization", authorization });
    for (const QString &path : { u"/api/alerts/history?hospital_id=123"_s,
                                 u"/api/alerts/active"_s,
                                 u"/api/triage/queue"_s,
                                 u"/api/status/socket"_s }) {
        const HttpResult result = m_server->get(path, {}, headers);
        QCOMPARE(result.status, 401);
        QCOMPARE(errorCode(result), u"unauthorized"_s);
        QCOMPARE(result.header("WWW-Authenticate"), QByteArray("Bearer"));
    }
    QCOMPARE(m_server->post(u"/api/alerts"_s, "{}", {}, headers).status, 401);
}

void tst_RestApi::historyAccessAndPaging()
{
    QList<qint64> published;
    for (int i = 0; i < 7; ++i) {
        const QCborMap alert = m_server->publish(u"1001"_s, u"123"_s);
        QVERIFY(!alert.isEmpty());
        published.append(alert.value("seq"_L1).toInteger());
    }
    QVERIFY(!m_server->publish(u"2001"_s, u"456"_s).isEmpty());

    // Paging: after the last seq until a short page.
    QList<qint64> seen;
    qint64 after = 0;
    for (int page = 0; page < 10; ++page) {
        const HttpResult result = m_server->get(
          u"/api/alerts/history?patient_id=1001&limit=3&after_seq=%1"_s.arg(after), nurse());
        QCOMPARE(result.status, 200);
        const QList<qint64> seqs = seqsOf(parsed(result).toArray());
        seen.append(seqs);
        if (seqs.size() < 3)
            break;
        after = seqs.last();
    }
    QCOMPARE(seen, published);

    // A union of rooms, ascending.
    const HttpResult both = m_server->get(
      u"/api/alerts/history?room=hospital_123&room=hospital_456"_s, m_server->token(u"charge"_s));
    QCOMPARE(both.status, 200);
    const QList<qint64> seqs = seqsOf(parsed(both).toArray());
    QCOMPARE(seqs.size(), 8);
    QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));

    // Access: naming what the user may not see is 403, whatever else is named.
    QCOMPARE(m_server->get(u"/api/alerts/history?hospital_id=456"_s, nurse()).status, 403);
    QCOMPARE(m_server->get(u"/api/alerts/history?patient_id=2001"_s, nurse()).status, 403);
    QCOMPARE(
      m_server->get(u"/api/alerts/history?patient_id=1001&room=hospital_456"_s, nurse()).status,
      403);
    QCOMPARE(m_server->get(u"/api/alerts/history?patient_id=4242"_s, nurse()).status, 403);
    QCOMPARE(
      m_server->get(u"/api/alerts/history?patient_id=4242"_s, m_server->token(u"admin"_s)).status,
      200);
}

void tst_RestApi::historyErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("nothing named") << QString() << QString();
    QTest::newRow("only paging") << u"after_seq=3&limit=10"_s << QString();
    QTest::newRow("unknown parameter") << u"hospital_id=123&patientid=1"_s << u"patientid"_s;
    QTest::newRow("limit zero") << u"hospital_id=123&limit=0"_s << u"limit"_s;
    QTest::newRow("limit too big") << u"hospital_id=123&limit=5001"_s << u"limit"_s;
    QTest::newRow("limit text") << u"hospital_id=123&limit=ten"_s << u"limit"_s;
    QTest::newRow("negative after_seq") << u"hospital_id=123&after_seq=-1"_s << u"after_seq"_s;
    QTest::newRow("bad room") << u"room=Hospital-123"_s << u"room"_s;
    QTest::newRow("other room kind") << u"room=ward_7"_s << u"room"_s;
    QTest::newRow("bad patient id") << u"patient_id=a%20b"_s << u"patient_id"_s;
}

void tst_RestApi::historyErrors()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const HttpResult result = m_server->get(u"/api/alerts/history?"_s + query, nurse());
    QCOMPARE(result.status, 400);
    QVERIFY(!errorCode(result).isEmpty());
    if (!field.isEmpty())
        QCOMPARE(parsed(result).toMap().value("field"_L1).toString(), field);
}

void tst_RestApi::historyOfTriageRoom()
{
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s, u"high"_s).isEmpty());
    QVERIFY(!m_server->publish(u"1002"_s, u"123"_s, u"low"_s).isEmpty());
    QVERIFY(!m_server->publish(u"2001"_s, u"456"_s, u"high"_s).isEmpty());
    const HttpResult result = m_server->get(u"/api/alerts/history?room=triage_queue"_s, nurse());
    QCOMPARE(result.status, 200);
    const QCborArray alerts = parsed(result).toArray();
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.at(0).toMap().value("patient_id"_L1).toString(), u"1001"_s);
    QCOMPARE(
      m_server->get(u"/api/alerts/history?room=triage_queue"_s, m_server->token(u"producer"_s))
        .status,
      403);
}

void tst_RestApi::active()
{
    const QCborMap a = m_server->publish(u"1001"_s, u"123"_s);
    const QCborMap b = m_server->publish(u"2001"_s, u"456"_s);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const HttpResult mine = m_server->get(u"/api/alerts/active"_s, nurse());
    QCOMPARE(mine.status, 200);
    QCOMPARE(seqsOf(parsed(mine).toArray()), QList<qint64>{ a.value("seq"_L1).toInteger() });
    QCOMPARE(m_server->get(u"/api/alerts/active?hospital_id=456"_s, nurse()).status, 403);
    const HttpResult all = m_server->get(u"/api/alerts/active"_s, m_server->token(u"admin"_s));
    QCOMPARE(parsed(all).toArray().size(), 2);

    QCOMPARE(
      m_server->post(u"/api/alerts/%1/acknowledge"_s.arg(a.value("id"_L1).toString()), {}, nurse())
        .status,
      200);
    QCOMPARE(parsed(m_server->get(u"/api/alerts/active"_s, nurse())).toArray().size(), 0);
}

void tst_RestApi::publish()
{
    SioClient nurseClient;
    QVERIFY(nurseClient.open(m_server->socketUrl()));
    QVERIFY(nurseClient.join(u"/"_s, nurse()));
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s).isEmpty());
    QVERIFY(nurseClient.joinRoom(u"patient_1001"_s).toMap().value("ok"_L1).toBool());

    const QCborMap one = m_server->publish(u"1001"_s, u"123"_s, u"high"_s, u"SpO2 86<90"_s);
    QCOMPARE(one.value("title"_L1).toString(), u"SpO2 86<90"_s);
    QCOMPARE(one.value("data"_L1).toMap().value("value"_L1).toInteger(), 134);
    const auto live = nurseClient.waitFor(u"patient_alert"_s);
    QVERIFY(live);
    QCOMPARE(live->at(0).toMap(), one);

    QCborArray batch;
    for (int i = 0; i < 3; ++i)
        batch.append(alertInput(u"1001"_s, u"123"_s, u"low"_s, u"Batch %1"_s.arg(i)));
    const HttpResult result = m_server->post(
      u"/api/alerts"_s, vigil::protocol::json::write(batch), m_server->token(u"admin"_s));
    QCOMPARE(result.status, 201);
    const QCborArray stored = parsed(result).toArray();
    QCOMPARE(stored.size(), 3);
    const qint64 first = one.value("seq"_L1).toInteger();
    QCOMPARE(seqsOf(stored), (QList<qint64>{ first + 1, first + 2, first + 3 }));
    QCOMPARE(stored.at(2).toMap().value("title"_L1).toString(), u"Batch 2"_s);
    QTRY_COMPARE_WITH_TIMEOUT(nurseClient.countAfter(u"patient_alert"_s, 10), 4, serviceWaitMs);
}

void tst_RestApi::publishErrors_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("field");

    const QByteArray good = vigil::protocol::json::write(alertInput(u"1001"_s, u"123"_s));
    QTest::newRow("nurse") << u"nurse"_s << good << 403 << u"forbidden"_s << QString();
    QTest::newRow("restricted producer")
      << u"producer123"_s << vigil::protocol::json::write(alertInput(u"2001"_s, u"456"_s)) << 403
      << u"forbidden"_s << QString();
    QTest::newRow("invalid json") << u"producer"_s << QByteArray("{\"patient_id\"") << 400
                                  << u"invalid_json"_s << QString();
    QTest::newRow("empty body") << u"producer"_s << QByteArray() << 400 << u"invalid_alert"_s
                                << QString();
    QTest::newRow("empty array") << u"producer"_s << QByteArray("[]") << 400 << u"invalid_alert"_s
                                 << QString();
    QTest::newRow("number") << u"producer"_s << QByteArray("42") << 400 << u"invalid_alert"_s
                            << QString();
    QTest::newRow("missing title")
      << u"producer"_s
      << QByteArray("{\"patient_id\":\"1\",\"hospital_id\":\"123\",\"priority\":\"low\"}") << 400
      << u"invalid_alert"_s << u"title"_s;
    QTest::newRow("unknown field")
      << u"producer"_s
      << QByteArray("{\"patient_id\":\"1\",\"hospital_id\":\"123\",\"priority\":\"low\","
                    "\"title\":\"t\",\"seq\":5}")
      << 400 << u"unknown_field"_s << u"seq"_s;
    QTest::newRow("bad element of an array")
      << u"producer"_s << "[" + good + ",{\"patient_id\":\"1\"}]" << 400 << u"invalid_alert"_s
      << u"hospital_id"_s;
    QTest::newRow("patient of another hospital")
      << u"producer"_s << vigil::protocol::json::write(alertInput(u"1001"_s, u"456"_s)) << 409
      << u"conflict"_s << QString();
    QTest::newRow("too large") << u"producer"_s << QByteArray(70 * 1024, ' ') << 413
                               << u"payload_too_large"_s << QString();
}

void tst_RestApi::publishErrors()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, field);
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s).isEmpty());
    const qint64 before = m_server->app().alertStore().lastSeq().value();

    const HttpResult result = m_server->post(u"/api/alerts"_s, body, m_server->token(user));
    QCOMPARE(result.status, status);
    QCOMPARE(errorCode(result), error);
    if (!field.isEmpty())
        QCOMPARE(parsed(result).toMap().value("field"_L1).toString(), field);
    // Nothing was stored, and the server goes on serving.
    QCOMPARE(m_server->app().alertStore().lastSeq().value(), before);
    QCOMPARE(m_server->get(u"/api/health"_s).status, 200);
}

void tst_RestApi::acknowledge()
{
    const QCborMap alert = m_server->publish(u"1001"_s, u"123"_s);
    const QString path = u"/api/alerts/%1/acknowledge"_s.arg(alert.value("id"_L1).toString());

    QCOMPARE(m_server->post(path, {}, m_server->token(u"producer"_s)).status, 403);
    QCOMPARE(m_server->post(path, {}, m_server->token(u"nurse456"_s)).status, 404);
    QCOMPARE(m_server->post(u"/api/alerts/nope/acknowledge"_s, {}, nurse()).status, 404);
    const HttpResult unknown = m_server->post(path, "{\"note\":\"x\"}", nurse());
    QCOMPARE(unknown.status, 400);
    QCOMPARE(parsed(unknown).toMap().value("field"_L1).toString(), u"note"_s);

    const HttpResult first = m_server->post(path, "{}", nurse());
    QCOMPARE(first.status, 200);
    const QCborMap acknowledged = parsed(first).toMap();
    QCOMPARE(acknowledged.value("state"_L1).toString(), u"acknowledged"_s);
    QCOMPARE(acknowledged.value("acknowledged_by"_L1).toString(), u"nurse"_s);
    const HttpResult again = m_server->post(path, {}, m_server->token(u"charge"_s));
    QCOMPARE(again.status, 200);
    QCOMPARE(parsed(again).toMap(), acknowledged);

    const HttpResult resolved =
      m_server->post(u"/api/alerts/%1/resolve"_s.arg(alert.value("id"_L1).toString()), {}, nurse());
    QCOMPARE(resolved.status, 200);
    QCOMPARE(parsed(resolved).toMap().value("state"_L1).toString(), u"resolved"_s);
}

void tst_RestApi::triage()
{
    QByteArray entry(
      "{\"patient_id\":\"2001\",\"hospital_id\":\"456\",\"display_name\":\"K. Tanaka\","
      "\"acuity\":2,\"risk_score\":0.64,\"status\":\"waiting\"}");
    QCOMPARE(m_server->post(u"/api/triage"_s, entry, nurse()).status, 403);
    const HttpResult stored =
      m_server->post(u"/api/triage"_s, entry, m_server->token(u"producer"_s));
    QCOMPARE(stored.status, 200);
    const QCborMap first = parsed(stored).toMap();
    QCOMPARE(first.value("acuity"_L1).toInteger(), 2);
    QVERIFY(!first.value("waiting_since"_L1).toString().isEmpty());

    entry.replace("\"waiting\"", "\"in_triage\"");
    const HttpResult moved = m_server->post(u"/api/triage"_s, entry, m_server->token(u"admin"_s));
    QCOMPARE(moved.status, 200);
    QCOMPARE(parsed(moved).toMap().value("status"_L1).toString(), u"in_triage"_s);
    QCOMPARE(parsed(moved).toMap().value("waiting_since"_L1), first.value("waiting_since"_L1));

    const HttpResult badField = m_server->post(
      u"/api/triage"_s, "{\"patient_id\":\"1\",\"bed\":3}", m_server->token(u"producer"_s));
    QCOMPARE(badField.status, 400);
    QCOMPARE(parsed(badField).toMap().value("field"_L1).toString(), u"bed"_s);
    const HttpResult badAcuity = m_server->post(
      u"/api/triage"_s,
      "{\"patient_id\":\"7\",\"hospital_id\":\"456\",\"acuity\":9,\"risk_score\":0.1,"
      "\"status\":\"waiting\"}",
      m_server->token(u"producer"_s));
    QCOMPARE(badAcuity.status, 400);
    QCOMPARE(parsed(badAcuity).toMap().value("field"_L1).toString(), u"acuity"_s);

    QCOMPARE(parsed(m_server->get(u"/api/triage/queue"_s, nurse())).toArray().size(), 0);
    const HttpResult charge = m_server->get(u"/api/triage/queue"_s, m_server->token(u"charge"_s));
    QCOMPARE(charge.status, 200);
    QCOMPARE(parsed(charge).toArray().size(), 1);
    QCOMPARE(m_server->get(u"/api/triage/queue?hospital_id=456"_s, nurse()).status, 403);
    QCOMPARE(m_server->get(u"/api/triage/queue?ward=1"_s, nurse()).status, 400);
}

void tst_RestApi::socketStatus()
{
    SioClient client;
    QVERIFY(client.open(m_server->socketUrl()));
    QVERIFY(client.join(u"/"_s, nurse()));
    QVERIFY(client.joinRoom(u"hospital_123"_s).toMap().value("ok"_L1).toBool());
    QCOMPARE(m_server->get(u"/api/status/socket"_s, nurse()).status, 403);
    const HttpResult result = m_server->get(u"/api/status/socket"_s, m_server->token(u"admin"_s));
    QCOMPARE(result.status, 200);
    const QCborMap status = parsed(result).toMap();
    QCOMPARE(status.value("active_connections"_L1).toInteger(), 1);
    QCOMPARE(vigil::protocol::json::write(status.value("rooms"_L1)),
             QByteArray("{\"hospital_123\":1}"));
}

void tst_RestApi::unknownRoutes()
{
    const HttpResult missing = m_server->get(u"/api/nothing"_s, nurse());
    QCOMPARE(missing.status, 404);
    QCOMPARE(errorCode(missing), u"not_found"_s);
    QCOMPARE(m_server->get(u"/"_s).status, 404);
    const HttpResult wrongMethod = m_server->get(u"/api/auth/login"_s);
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(errorCode(wrongMethod), u"method_not_allowed"_s);
    QVERIFY(wrongMethod.header("Allow").contains("POST"));
    QCOMPARE(m_server->post(u"/api/health"_s, "{}").status, 405);
    // Trailing slashes are the same route.
    QCOMPARE(m_server->get(u"/api/health/"_s).status, 200);
}

void tst_RestApi::cors()
{
    const QList<std::pair<QByteArray, QByteArray>> allowed{ { "Origin",
                                                              allowedOrigin.toLatin1() } };
    const QList<std::pair<QByteArray, QByteArray>> evil{ { "Origin", "http://evil.example" } };

    const HttpResult ok = m_server->get(u"/api/health"_s, {}, allowed);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.header("Access-Control-Allow-Origin"), allowedOrigin.toLatin1());
    QCOMPARE(ok.header("Vary"), QByteArray("Origin"));
    // Desktop clients send no Origin and get no CORS headers.
    QVERIFY(m_server->get(u"/api/health"_s).header("Access-Control-Allow-Origin").isEmpty());

    const HttpResult refused = m_server->get(u"/api/alerts/active"_s, nurse(), evil);
    QCOMPARE(refused.status, 403);
    QCOMPARE(errorCode(refused), u"forbidden_origin"_s);
    QVERIFY(refused.header("Access-Control-Allow-Origin").isEmpty());
    const HttpResult refusedLogin =
      m_server->post(u"/api/auth/login"_s, loginBody(u"nurse"_s, u"nurse-password"_s), {}, evil);
    QCOMPARE(refusedLogin.status, 403);

    HttpClient http;
    auto preflight = allowed;
    preflight.append(std::pair<QByteArray, QByteArray>("Access-Control-Request-Method", "POST"));
    preflight.append(std::pair<QByteArray, QByteArray>("Access-Control-Request-Headers",
                                                       "authorization,content-type"));
    const HttpResult answer =
      http.request("OPTIONS", m_server->url(u"/api/alerts"_s), {}, preflight);
    QCOMPARE(answer.status, 204);
    QCOMPARE(answer.header("Access-Control-Allow-Origin"), allowedOrigin.toLatin1());
    QVERIFY(answer.header("Access-Control-Allow-Methods").contains("POST"));
    QVERIFY(answer.header("Access-Control-Allow-Headers").toLower().contains("authorization"));
    auto evilPreflight = evil;
    evilPreflight.append(
      std::pair<QByteArray, QByteArray>("Access-Control-Request-Method", "POST"));
    QCOMPARE(http.request("OPTIONS", m_server->url(u"/api/alerts"_s), {}, evilPreflight).status,
             403);

    // The same allow-list guards Socket.IO.
    SioClient good(allowedOrigin);
    QVERIFY(good.open(m_server->socketUrl()));
    SioClient bad(u"http://evil.example"_s);
    QVERIFY(!bad.open(m_server->socketUrl()));
    const HttpResult polling = m_server->get(u"/socket.io/?EIO=4&transport=polling"_s, {}, evil);
    QCOMPARE(polling.status, 403);
}

void tst_RestApi::storeFull()
{
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s).isEmpty());
    qint64 pages = 0;
    {
        QSqlQuery query(m_server->app().database().connection());
        QVERIFY(query.exec(u"PRAGMA page_count"_s) && query.next());
        pages = query.value(0).toLongLong();
    }
    // As on a full disk: every connection (the alert writer's too) finds the file at its limit.
    const QString error = m_server->restart(
      [pages](vigil::server::ServerAppOptions &o) { o.database.maxPageCount = pages; });
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString token = m_server->token(u"producer"_s);
    QCborMap big = alertInput(u"1001"_s, u"123"_s);
    big.insert("message"_L1, QString(2000, u'm'));
    int failures = 0;
    HttpResult last;
    for (int i = 0; i < 40 && failures == 0; ++i) {
        last = m_server->post(u"/api/alerts"_s, vigil::protocol::json::write(big), token);
        if (last.status != 201)
            ++failures;
    }
    QCOMPARE(last.status, 503);
    QCOMPARE(errorCode(last), u"service_unavailable"_s);
    QVERIFY(parsed(last).toMap().value("message"_L1).toString().contains(u"full"_s));
    const qint64 stuck = m_server->app().alertStore().lastSeq().value();

    // Still serving reads; and once there is room again, publishing resumes with the next seq.
    QCOMPARE(m_server->get(u"/api/alerts/history?hospital_id=123"_s, nurse()).status, 200);
    QVERIFY(m_server->restart().isEmpty());
    const QCborMap next = m_server->publish(u"1001"_s, u"123"_s);
    QCOMPARE(next.value("seq"_L1).toInteger(), stuck + 1);
}

void tst_RestApi::storeReadOnly()
{
    const QCborMap before = m_server->publish(u"1001"_s, u"123"_s);
    QVERIFY(!before.isEmpty());
    const QString error =
      m_server->restart([](vigil::server::ServerAppOptions &o) { o.database.readOnly = true; });
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const HttpResult refused =
      m_server->post(u"/api/alerts"_s,
                     vigil::protocol::json::write(alertInput(u"1001"_s, u"123"_s)),
                     m_server->token(u"producer"_s));
    QCOMPARE(refused.status, 503);
    QVERIFY(parsed(refused).toMap().value("message"_L1).toString().contains(u"read-only"_s));
    SioClient producer;
    QVERIFY(producer.open(m_server->socketUrl()));
    QVERIFY(producer.join(u"/"_s, m_server->token(u"producer"_s)));
    QCborMap payload;
    payload.insert("alert"_L1, alertInput(u"1001"_s, u"123"_s));
    const QCborValue ack = producer.call(u"publish_alert"_s, payload);
    QCOMPARE(ack.toMap().value("ok"_L1).toBool(), false);
    QVERIFY(ack.toMap().value("error"_L1).toString().contains(u"read-only"_s));

    // What was stored is all there, and logins still work.
    const HttpResult history = m_server->get(u"/api/alerts/history?patient_id=1001"_s, nurse());
    QCOMPARE(history.status, 200);
    QCOMPARE(parsed(history).toArray().size(), 1);
    QCOMPARE(parsed(history).toArray().at(0).toMap(), before);
    QCOMPARE(
      m_server->post(u"/api/auth/login"_s, loginBody(u"nurse"_s, u"nurse-password"_s)).status, 200);
}

QTEST_GUILESS_MAIN(tst_RestApi)
#include "tst_restapi.moc"
