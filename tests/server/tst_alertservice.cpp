// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The alert service end to end: a real ServerApp (SQLite in a temporary directory) and raw
// Socket.IO clients. Rooms, access rules, publish, acknowledge, triage, rate limiting, store
// failures.
#include <memory>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include "ServiceTestKit.h"
#include "protocol/Json.h"
#include "server/AlertService.h"
#include "server/RateLimiter.h"
#include "server/SqlAlertStore.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;
using namespace vigil::test;
using vigil::protocol::sio::PacketType;

namespace {

QCborMap publishPayload(const QCborMap &input)
{
    QCborMap payload;
    payload.insert("alert"_L1, input);
    return payload;
}

QString errorOf(const QCborValue &ack)
{
    return ack.toMap().value("error"_L1).toString();
}

bool isOk(const QCborValue &ack)
{
    return ack.toMap().value("ok"_L1).toBool();
}

} // namespace

class tst_AlertService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void joinRoomRules_data();
    void joinRoomRules();
    void joinRoomAcceptsBareString();
    void leaveRoomStopsDelivery();
    void publishReachesTheRightRoomsOnce();
    void triageMembersSeeOnlyTheirHospitals();
    void publishValidation_data();
    void publishValidation();
    void publishesInOnePassShareATransaction();
    void acknowledgeBroadcastsOnce();
    void acknowledgeRefusals();
    void suppressedAlertsAreStoredAndSummarised();
    void monitorStatus();
    void unknownEventIsAnswered();
    void lockedStoreFailsThePublishOnly();
    void lockedStoreDelaysPublishesInOrder();
    void revokedTokensAreRefusedAndDisconnected();

private:
    std::unique_ptr<SioClient> connected(const QString &user);
    std::unique_ptr<ServiceHarness> m_server;
};

void tst_AlertService::init()
{
    m_server = std::make_unique<ServiceHarness>();
    const QString error = m_server->start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Patients known to the store: 1001 in hospital 123, 2001 in hospital 456.
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s).isEmpty());
    QVERIFY(!m_server->publish(u"2001"_s, u"456"_s).isEmpty());
}

void tst_AlertService::cleanup()
{
    m_server.reset();
}

std::unique_ptr<SioClient> tst_AlertService::connected(const QString &user)
{
    auto client = std::make_unique<SioClient>();
    if (!client->open(m_server->socketUrl()) || !client->join(u"/"_s, m_server->token(user)))
        return nullptr;
    return client;
}

void tst_AlertService::joinRoomRules_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("room");
    QTest::addColumn<QString>("error"); // empty: allowed

    QTest::newRow("regex: upper case") << u"nurse"_s << u"Patient_1001"_s << u"Invalid room name"_s;
    QTest::newRow("regex: no id") << u"nurse"_s << u"hospital_"_s << u"Invalid room name"_s;
    QTest::newRow("regex: dash") << u"admin"_s << u"patient_10-01"_s << u"Invalid room name"_s;
    QTest::newRow("regex: empty") << u"nurse"_s << QString() << u"Invalid room name"_s;
    QTest::newRow("other kind") << u"admin"_s << u"ward_7"_s << u"Invalid room name"_s;
    QTest::newRow("own hospital") << u"nurse"_s << u"hospital_123"_s << QString();
    QTest::newRow("other hospital") << u"nurse"_s << u"hospital_456"_s << u"Unauthorized"_s;
    QTest::newRow("own patient") << u"nurse"_s << u"patient_1001"_s << QString();
    QTest::newRow("other patient") << u"nurse"_s << u"patient_2001"_s << u"Unauthorized"_s;
    QTest::newRow("unknown patient") << u"nurse"_s << u"patient_9999"_s << u"Unauthorized"_s;
    QTest::newRow("admin unknown patient") << u"admin"_s << u"patient_9999"_s << QString();
    QTest::newRow("admin any hospital") << u"admin"_s << u"hospital_777"_s << QString();
    QTest::newRow("charge both") << u"charge"_s << u"patient_2001"_s << QString();
    QTest::newRow("nurse triage") << u"nurse"_s << u"triage_queue"_s << QString();
    QTest::newRow("producer triage") << u"producer"_s << u"triage_queue"_s << u"Unauthorized"_s;
    QTest::newRow("internal triage room")
      << u"admin"_s << u"triage_queue@123"_s << u"Invalid room name"_s;
}

void tst_AlertService::joinRoomRules()
{
    QFETCH(QString, user);
    QFETCH(QString, room);
    QFETCH(QString, error);

    auto client = connected(user);
    QVERIFY(client);
    const QCborValue ack = client->joinRoom(room);
    QVERIFY2(ack.isMap(), "no ack");
    if (error.isEmpty()) {
        QVERIFY2(isOk(ack), qPrintable(errorOf(ack)));
        QCOMPARE(ack.toMap().value("room"_L1).toString(), room);
        QCOMPARE(client->countAfter(u"error"_s, 0), 0);
        return;
    }
    QCOMPARE(isOk(ack), false);
    QCOMPARE(errorOf(ack), error);
    const auto event = client->waitFor(u"error"_s);
    QVERIFY(event);
    QCOMPARE(vigil::protocol::json::write(event->at(0)),
             "{\"message\":\"" + error.toUtf8() + "\"}");
    // A refused join leaves the connection usable.
    QVERIFY(isOk(client->joinRoom(u"triage_queue"_s)) || user == u"producer");
    QVERIFY(client->isConnected());
}

void tst_AlertService::joinRoomAcceptsBareString()
{
    auto client = connected(u"nurse"_s);
    QVERIFY(client);
    const QCborValue ack = client->call(u"join_room"_s, u"hospital_123"_s);
    QVERIFY(isOk(ack));
    QVERIFY(!m_server->publish(u"1002"_s, u"123"_s).isEmpty());
    QVERIFY(client->waitFor(u"patient_alert"_s));
}

void tst_AlertService::leaveRoomStopsDelivery()
{
    auto client = connected(u"nurse"_s);
    QVERIFY(client);
    QVERIFY(isOk(client->joinRoom(u"hospital_123"_s)));
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s).isEmpty());
    QVERIFY(client->waitFor(u"patient_alert"_s));

    const QCborValue left =
      client->call(u"leave_room"_s, SioClient::roomPayload(u"hospital_123"_s));
    QVERIFY(isOk(left));
    QVERIFY(!m_server->publish(u"1001"_s, u"123"_s).isEmpty());
    QCOMPARE(client->countAfter(u"patient_alert"_s, 300), 1);

    const QCborValue invalid = client->call(u"leave_room"_s, SioClient::roomPayload(u"Bad Room"_s));
    QCOMPARE(errorOf(invalid), u"Invalid room name"_s);
}

void tst_AlertService::publishReachesTheRightRoomsOnce()
{
    auto nurse = connected(u"nurse"_s);
    auto nurse456 = connected(u"nurse456"_s);
    auto charge = connected(u"charge"_s);
    auto admin = connected(u"admin"_s);
    auto producer = connected(u"producer"_s);
    QVERIFY(nurse && nurse456 && charge && admin && producer);
    QVERIFY(isOk(nurse->joinRoom(u"patient_1001"_s)));
    QVERIFY(isOk(nurse456->joinRoom(u"hospital_456"_s)));
    QVERIFY(isOk(charge->joinRoom(u"triage_queue"_s)));
    for (const QString &room : { u"hospital_123"_s, u"patient_1001"_s, u"triage_queue"_s })
        QVERIFY(isOk(admin->joinRoom(room)));

    const QCborValue ack =
      producer->call(u"publish_alert"_s,
                     publishPayload(alertInput(u"1001"_s, u"123"_s, u"high"_s, u"HR 134>120"_s)));
    QVERIFY2(isOk(ack), qPrintable(errorOf(ack)));
    const QCborMap stored = ack.toMap().value("alert"_L1).toMap();
    QVERIFY(!stored.value("id"_L1).toString().isEmpty());
    QVERIFY(stored.value("seq"_L1).toInteger() > 2);
    QCOMPARE(stored.value("state"_L1).toString(), u"active"_s);
    QCOMPARE(stored.value("suppressed"_L1).toBool(), false);

    for (SioClient *client : { nurse.get(), charge.get(), admin.get() }) {
        const auto event = client->waitFor(u"patient_alert"_s);
        QVERIFY(event);
        QCOMPARE(event->at(0).toMap(), stored);
    }
    // Several matching rooms still mean one delivery; other hospitals and the publisher get none.
    QCOMPARE(admin->countAfter(u"patient_alert"_s, 300), 1);
    QCOMPARE(nurse->countAfter(u"patient_alert"_s, 0), 1);
    QCOMPARE(nurse456->countAfter(u"patient_alert"_s, 0), 0);
    QCOMPARE(producer->countAfter(u"patient_alert"_s, 0), 0);

    // Not high: the triage queue does not get it.
    const QCborValue medium = producer->call(
      u"publish_alert"_s, publishPayload(alertInput(u"2001"_s, u"456"_s, u"medium"_s)));
    QVERIFY(isOk(medium));
    QVERIFY(nurse456->waitFor(u"patient_alert"_s));
    QCOMPARE(charge->countAfter(u"patient_alert"_s, 300), 1);
    QCOMPARE(admin->countAfter(u"patient_alert"_s, 0), 1);
    QCOMPARE(nurse->countAfter(u"patient_alert"_s, 0), 1);

    // Stored before it was emitted: history has it.
    const HttpResult history =
      m_server->get(u"/api/alerts/history?patient_id=1001"_s, m_server->token(u"nurse"_s));
    QCOMPARE(history.status, 200);
    QVERIFY(history.body.contains(stored.value("id"_L1).toString().toUtf8()));
}

void tst_AlertService::triageMembersSeeOnlyTheirHospitals()
{
    auto nurse = connected(u"nurse"_s);
    auto nurse456 = connected(u"nurse456"_s);
    auto admin = connected(u"admin"_s);
    QVERIFY(nurse && nurse456 && admin);
    for (SioClient *client : { nurse.get(), nurse456.get(), admin.get() })
        QVERIFY(isOk(client->joinRoom(u"triage_queue"_s)));

    QVERIFY(!m_server->publish(u"2001"_s, u"456"_s, u"high"_s).isEmpty());
    QVERIFY(nurse456->waitFor(u"patient_alert"_s));
    QVERIFY(admin->waitFor(u"patient_alert"_s));
    QCOMPARE(nurse->countAfter(u"patient_alert"_s, 300), 0);

    vigil::protocol::TriageEntry entry;
    entry.patientId = u"2001"_s;
    entry.hospitalId = u"456"_s;
    entry.displayName = u"K. Tanaka"_s;
    entry.acuity = 2;
    entry.riskScore = 0.7;
    QVERIFY(m_server->app().alertService().updateTriage(entry));
    const auto update = nurse456->waitFor(u"triage_update"_s);
    QVERIFY(update);
    QCOMPARE(update->at(0).toMap().value("patient_id"_L1).toString(), u"2001"_s);
    QCOMPARE(update->at(0).toMap().value("acuity"_L1).toInteger(), 2);
    QVERIFY(admin->waitFor(u"triage_update"_s));
    QCOMPARE(nurse->countAfter(u"triage_update"_s, 300), 0);

    // Leaving the queue leaves its per-hospital rooms too.
    QVERIFY(isOk(nurse456->call(u"leave_room"_s, SioClient::roomPayload(u"triage_queue"_s))));
    QVERIFY(m_server->app().alertService().updateTriage(entry));
    QVERIFY(admin->waitFor(u"triage_update"_s));
    QCOMPARE(nurse456->countAfter(u"triage_update"_s, 300), 1);
}

void tst_AlertService::publishValidation_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("error"); // a part of the error text

    const QByteArray good = vigil::protocol::json::write(alertInput(u"1001"_s, u"123"_s));
    QTest::newRow("nurse may not publish")
      << u"nurse"_s << "{\"alert\":" + good + "}" << u"Unauthorized"_s;
    QTest::newRow("producer of another hospital")
      << u"producer123"_s
      << "{\"alert\":" + vigil::protocol::json::write(alertInput(u"2001"_s, u"456"_s)) + "}"
      << u"Unauthorized"_s;
    QTest::newRow("not an object")
      << u"producer"_s << QByteArray("[1,2]") << u"publish_alert expects"_s;
    QTest::newRow("unknown envelope field")
      << u"producer"_s << "{\"alert\":" + good + ",\"extra\":1}" << u"unknown field"_s;
    QTest::newRow("no title") << u"producer"_s
                              << QByteArray("{\"alert\":{\"patient_id\":\"1\",\"hospital_id\":"
                                            "\"123\",\"priority\":\"high\"}}")
                              << u"title"_s;
    QTest::newRow("bad priority") << u"producer"_s
                                  << QByteArray("{\"alert\":{\"patient_id\":\"1\",\"hospital_id\":"
                                                "\"123\",\"priority\":\"urgent\",\"title\":\"x\"}}")
                                  << u"priority"_s;
    QTest::newRow("unknown alert field")
      << u"producer"_s
      << QByteArray("{\"alert\":{\"patient_id\":\"1\",\"hospital_id\":\"123\",\"priority\":"
                    "\"high\",\"title\":\"x\",\"colour\":\"red\"}}")
      << u"colour"_s;
    QTest::newRow("title too long") << u"producer"_s
                                    << "{\"alert\":" +
                                         vigil::protocol::json::write(alertInput(
                                           u"1"_s, u"123"_s, u"low"_s, QString(201, u'x'))) +
                                         "}"
                                    << u"title"_s;
    QTest::newRow("patient of another hospital")
      << u"producer"_s
      << "{\"alert\":" + vigil::protocol::json::write(alertInput(u"1001"_s, u"456"_s)) + "}"
      << u"1001"_s;
}

void tst_AlertService::publishValidation()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, payload);
    QFETCH(QString, error);

    auto client = connected(user);
    QVERIFY(client);
    const auto parsed = vigil::protocol::json::parse(payload);
    QVERIFY(parsed);
    const qint64 lastSeq = m_server->app().alertStore().lastSeq().value();
    const QCborValue ack = client->call(u"publish_alert"_s, parsed.value());
    QVERIFY2(ack.isMap(), "no ack");
    QCOMPARE(isOk(ack), false);
    QVERIFY2(errorOf(ack).contains(error), qPrintable(errorOf(ack)));
    const auto event = client->waitFor(u"error"_s);
    QVERIFY(event);
    QCOMPARE(event->at(0).toMap().value("message"_L1).toString(), errorOf(ack));
    QCOMPARE(m_server->app().alertStore().lastSeq().value(), lastSeq);
    QVERIFY(client->isConnected());
    QVERIFY(isOk(client->joinRoom(u"hospital_123"_s)) || user == u"producer" ||
            user == u"producer123");
}

void tst_AlertService::publishesInOnePassShareATransaction()
{
    vigil::server::AlertService &service = m_server->app().alertService();
    QList<QList<vigil::protocol::Alert>> results;
    QList<QString> errors;
    const auto collect = [&](const vigil::server::StoreResult<QList<vigil::protocol::Alert>> &r) {
        if (r)
            results.append(r.value());
        else
            errors.append(r.error().message);
    };
    const auto input = [](const QString &patient, const QString &hospital) {
        return vigil::protocol::AlertInput::fromJson(alertInput(patient, hospital)).value();
    };
    // The second conflicts (patient 1001 belongs to 123): only it fails.
    service.publish({ input(u"1001"_s, u"123"_s) }, collect);
    service.publish({ input(u"1001"_s, u"456"_s) }, collect);
    service.publish({ input(u"3001"_s, u"456"_s), input(u"3002"_s, u"456"_s) }, collect);
    QCOMPARE(results.size() + errors.size(), 0); // nothing before the next loop pass
    QTRY_COMPARE_WITH_TIMEOUT(results.size() + errors.size(), 3, serviceWaitMs);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(1).size(), 2);
    QVERIFY(results.at(0).at(0).seq < results.at(1).at(0).seq);
    QCOMPARE(results.at(1).at(0).seq + 1, results.at(1).at(1).seq);
}

void tst_AlertService::acknowledgeBroadcastsOnce()
{
    auto nurse = connected(u"nurse"_s);
    auto charge = connected(u"charge"_s);
    QVERIFY(nurse && charge);
    QVERIFY(isOk(nurse->joinRoom(u"patient_1001"_s)));
    QVERIFY(isOk(charge->joinRoom(u"hospital_123"_s)));
    QVERIFY(isOk(charge->joinRoom(u"patient_1001"_s)));
    const QCborMap alert = m_server->publish(u"1001"_s, u"123"_s, u"high"_s);
    QVERIFY(!alert.isEmpty());
    QVERIFY(charge->waitFor(u"patient_alert"_s));

    QCborMap request;
    request.insert("alert_id"_L1, alert.value("id"_L1));
    const QCborValue ack = nurse->call(u"acknowledge_alert"_s, request);
    QVERIFY2(isOk(ack), qPrintable(errorOf(ack)));
    const QCborMap acknowledged = ack.toMap().value("alert"_L1).toMap();
    QCOMPARE(acknowledged.value("state"_L1).toString(), u"acknowledged"_s);
    QCOMPARE(acknowledged.value("acknowledged_by"_L1).toString(), u"nurse"_s);
    QCOMPARE(acknowledged.value("seq"_L1), alert.value("seq"_L1));

    const auto update = charge->waitFor(u"alert_updated"_s);
    QVERIFY(update);
    QCOMPARE(update->at(0).toMap(), acknowledged);
    QVERIFY(nurse->waitFor(u"alert_updated"_s));

    // Idempotent: the same answer, and no second broadcast.
    const QCborValue again = charge->call(u"acknowledge_alert"_s, request);
    QVERIFY(isOk(again));
    QCOMPARE(again.toMap().value("alert"_L1).toMap().value("acknowledged_by"_L1).toString(),
             u"nurse"_s);
    QCOMPARE(charge->countAfter(u"alert_updated"_s, 300), 1);
    QCOMPARE(nurse->countAfter(u"alert_updated"_s, 0), 1);
}

void tst_AlertService::acknowledgeRefusals()
{
    const QCborMap alert = m_server->publish(u"1001"_s, u"123"_s);
    QCborMap request;
    request.insert("alert_id"_L1, alert.value("id"_L1));

    auto producer = connected(u"producer"_s);
    auto nurse456 = connected(u"nurse456"_s);
    auto nurse = connected(u"nurse"_s);
    QVERIFY(producer && nurse456 && nurse);
    QCOMPARE(errorOf(producer->call(u"acknowledge_alert"_s, request)), u"Unauthorized"_s);
    QCOMPARE(errorOf(nurse456->call(u"acknowledge_alert"_s, request)), u"Not found"_s);
    QCborMap unknown;
    unknown.insert("alert_id"_L1, u"no-such-alert"_s);
    QCOMPARE(errorOf(nurse->call(u"acknowledge_alert"_s, unknown)), u"Not found"_s);
    QCOMPARE(errorOf(nurse->call(u"acknowledge_alert"_s, QCborValue(42))), u"Not found"_s);
    QVERIFY(nurse->waitFor(u"error"_s));

    // None of that changed the alert.
    const auto stored = m_server->app().alertStore().get(alert.value("id"_L1).toString());
    QVERIFY(stored);
    QCOMPARE(stored->state, vigil::protocol::AlertState::Active);
}

void tst_AlertService::suppressedAlertsAreStoredAndSummarised()
{
    ServiceHarness limited([](vigil::server::ServerSettings &s) { s.alertRateLimitPerMinute = 2; });
    QVERIFY(limited.start().isEmpty());
    qint64 now = 1'000;
    limited.app().rateLimiter().setClock([&now] { return now; });

    SioClient nurse;
    QVERIFY(nurse.open(limited.socketUrl()));
    QVERIFY(nurse.join(u"/"_s, limited.token(u"nurse"_s)));
    QVERIFY(!limited.publish(u"1001"_s, u"123"_s).isEmpty()); // the patient is known now
    QVERIFY(isOk(nurse.joinRoom(u"patient_1001"_s)));
    QVERIFY(isOk(nurse.joinRoom(u"triage_queue"_s)));

    QList<QCborMap> stored;
    for (int i = 0; i < 4; ++i)
        stored.append(limited.publish(u"1001"_s, u"123"_s, u"high"_s, u"Burst %1"_s.arg(i)));
    for (const QCborMap &alert : std::as_const(stored))
        QVERIFY(!alert.isEmpty());
    // The window allowed 2 (the first publish above and one of the burst); 3 were held back.
    QCOMPARE(stored.at(0).value("suppressed"_L1).toBool(), false);
    for (int i = 1; i < 4; ++i)
        QCOMPARE(stored.at(i).value("suppressed"_L1).toBool(), true);
    QVERIFY(nurse.waitFor(u"patient_alert"_s));
    QCOMPARE(nurse.countAfter(u"patient_alert"_s, 300), 1);

    // Nothing held back is lost: history has every one.
    const HttpResult history =
      limited.get(u"/api/alerts/history?patient_id=1001"_s, limited.token(u"nurse"_s));
    QCOMPARE(history.status, 200);
    const QCborArray all = vigil::protocol::json::parse(history.body).value().toArray();
    QCOMPARE(all.size(), 5);
    QCOMPARE(all.at(4).toMap().value("suppressed"_L1).toBool(), true);

    QCOMPARE(nurse.countAfter(u"alerts_suppressed"_s, 0), 0);
    now += vigil::server::RateLimiter::windowMs + 1;
    limited.app().alertService().closeRateWindows();
    const auto summary = nurse.waitFor(u"alerts_suppressed"_s);
    QVERIFY(summary);
    const QCborMap s = summary->at(0).toMap();
    QCOMPARE(s.value("patient_id"_L1).toString(), u"1001"_s);
    QCOMPARE(s.value("hospital_id"_L1).toString(), u"123"_s);
    QCOMPARE(s.value("count"_L1).toInteger(), 3);
    QCOMPARE(s.value("first_seq"_L1), stored.at(1).value("seq"_L1));
    QCOMPARE(s.value("last_seq"_L1), stored.at(3).value("seq"_L1));
    // One summary per window, even for a socket in the patient and the triage rooms.
    QCOMPARE(nurse.countAfter(u"alerts_suppressed"_s, 300), 1);
}

void tst_AlertService::monitorStatus()
{
    SioClient admin;
    QVERIFY(admin.open(m_server->socketUrl()));
    QVERIFY(admin.join(u"/"_s, m_server->token(u"admin"_s)));
    QVERIFY(isOk(admin.joinRoom(u"hospital_123"_s)));
    QVERIFY(isOk(admin.joinRoom(u"triage_queue"_s)));
    auto nurse = connected(u"nurse"_s);
    QVERIFY(nurse);
    QVERIFY(isOk(nurse->joinRoom(u"hospital_123"_s)));

    // `/monitor` multiplexed on the same connection as `/`.
    QVERIFY(admin.join(u"/monitor"_s, m_server->token(u"admin"_s)));
    const auto first = admin.waitFor(u"socket_status"_s, u"/monitor"_s);
    QVERIFY(first);
    const QCborMap status = first->at(0).toMap();
    QCOMPARE(status.value("active_connections"_L1).toInteger(), 2);
    QVERIFY(status.value("uptime_s"_L1).isInteger());
    const QCborMap rooms = status.value("rooms"_L1).toMap();
    QCOMPARE(rooms.value("hospital_123"_L1).toInteger(), 2);
    QCOMPARE(rooms.value("triage_queue"_L1).toInteger(), 1);
    for (auto it = rooms.constBegin(); it != rooms.constEnd(); ++it)
        QVERIFY2(vigil::protocol::RoomName::isValid(it.key().toString()),
                 qPrintable(it.key().toString()));
    // Then periodically (every 200 ms in this harness).
    QVERIFY(admin.waitFor(u"socket_status"_s, u"/monitor"_s));

    const auto refused = nurse->connectNamespace(u"/monitor"_s, m_server->token(u"nurse"_s));
    QVERIFY(refused);
    QCOMPARE(refused->type, PacketType::ConnectError);
    QCOMPARE(vigil::protocol::json::write(refused->data),
             QByteArray("{\"message\":\"Forbidden\",\"data\":{\"code\":403}}"));
    QCOMPARE(nurse->countAfter(u"socket_status"_s, 300, u"/monitor"_s), 0);
}

void tst_AlertService::unknownEventIsAnswered()
{
    auto nurse = connected(u"nurse"_s);
    QVERIFY(nurse);
    const QCborValue ack = nurse->call(u"no_such_event"_s, QCborMap());
    QCOMPARE(isOk(ack), false);
    QVERIFY(errorOf(ack).contains(u"no_such_event"_s));
    QVERIFY(nurse->isConnected());
}

void tst_AlertService::lockedStoreFailsThePublishOnly()
{
    // Publishes wait 400 ms for a locked store here, then fail.
    ServiceHarness server({}, [](vigil::server::ServerAppOptions &o) { o.storeRetryMs = 400; });
    const QString error = server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!server.publish(u"1001"_s, u"123"_s).isEmpty());
    SioClient producer;
    SioClient nurse;
    QVERIFY(producer.open(server.socketUrl()) &&
            producer.join(u"/"_s, server.token(u"producer"_s)));
    QVERIFY(nurse.open(server.socketUrl()) && nurse.join(u"/"_s, server.token(u"nurse"_s)));
    QVERIFY(isOk(nurse.joinRoom(u"hospital_123"_s)));
    const qint64 before = server.app().alertStore().lastSeq().value();

    // Another process holds the write lock.
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        locker.setDatabaseName(server.dataDir() + u"/vigil.db"_s);
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));

        const QCborValue ack =
          producer.call(u"publish_alert"_s, publishPayload(alertInput(u"1001"_s, u"123"_s)));
        QCOMPARE(isOk(ack), false);
        QVERIFY2(errorOf(ack).contains(u"busy"_s), qPrintable(errorOf(ack)));
        const HttpResult rest =
          server.post(u"/api/alerts"_s,
                      vigil::protocol::json::write(alertInput(u"1001"_s, u"123"_s)),
                      server.token(u"producer"_s));
        QCOMPARE(rest.status, 503);
        QCOMPARE(rest.header("Retry-After"), QByteArray("1"));
        // Everyone else is still served: reads, joins, other sockets.
        QVERIFY(isOk(nurse.joinRoom(u"patient_1001"_s)));
        QCOMPARE(
          server.get(u"/api/alerts/history?hospital_id=123"_s, server.token(u"nurse"_s)).status,
          200);
        QCOMPARE(nurse.countAfter(u"patient_alert"_s, 100), 0);

        QVERIFY(lock.exec(u"ROLLBACK"_s));
        lock.finish();
        locker.close();
    }
    QSqlDatabase::removeDatabase(u"locker"_s);

    const QCborValue ack =
      producer.call(u"publish_alert"_s, publishPayload(alertInput(u"1001"_s, u"123"_s)));
    QVERIFY2(isOk(ack), qPrintable(errorOf(ack)));
    QCOMPARE(ack.toMap().value("alert"_L1).toMap().value("seq"_L1).toInteger(), before + 1);
    QVERIFY(nurse.waitFor(u"patient_alert"_s));
}

void tst_AlertService::lockedStoreDelaysPublishesInOrder()
{
    auto producer = connected(u"producer"_s);
    auto nurse = connected(u"nurse"_s);
    QVERIFY(producer && nurse);
    QVERIFY(isOk(nurse->joinRoom(u"hospital_123"_s)));
    const qint64 before = m_server->app().alertStore().lastSeq().value();

    QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
    locker.setDatabaseName(m_server->dataDir() + u"/vigil.db"_s);
    QVERIFY(locker.open());
    auto lock = std::make_unique<QSqlQuery>(locker);
    QVERIFY(lock->exec(u"BEGIN IMMEDIATE"_s));
    // Released while the publishes below wait: a backup or an admin command that takes a moment.
    bool released = false;
    QTimer::singleShot(800, [&] { released = lock->exec(u"ROLLBACK"_s); });

    // Three publishes while locked; none may be lost or reordered, and the server stays
    // responsive meanwhile (the join below is answered before the lock goes).
    for (int i = 0; i < 3; ++i) {
        producer->emitEvent(
          u"publish_alert"_s,
          publishPayload(alertInput(u"1001"_s, u"123"_s, u"medium"_s, u"held %1"_s.arg(i))));
    }
    QVERIFY(isOk(nurse->joinRoom(u"patient_1001"_s)));
    QVERIFY(!released);
    for (int i = 0; i < 3; ++i) {
        const auto alert = nurse->waitFor(u"patient_alert"_s, u"/"_s, 10'000);
        QVERIFY2(alert, "a publish held by the lock was never delivered");
        const QCborMap map = alert->at(0).toMap();
        QCOMPARE(map.value("title"_L1).toString(), u"held %1"_s.arg(i));
        QCOMPARE(map.value("seq"_L1).toInteger(), before + 1 + i);
    }
    QVERIFY(released);
    lock.reset();
    locker.close();
    locker = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"locker"_s);
}

void tst_AlertService::revokedTokensAreRefusedAndDisconnected()
{
    ServiceHarness server({},
                          [](vigil::server::ServerAppOptions &o) { o.revocationSweepMs = 200; });
    const QString error = server.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString nurseToken = server.token(u"nurse"_s);
    const QString chargeToken = server.token(u"charge"_s);
    SioClient nurse;
    QVERIFY(nurse.open(server.socketUrl()));
    QVERIFY(nurse.join(u"/"_s, nurseToken));
    SioClient charge;
    QVERIFY(charge.open(server.socketUrl()));
    QVERIFY(charge.join(u"/"_s, chargeToken));
    QCOMPARE(server.get(u"/api/alerts/active"_s, nurseToken).status, 200);

    // At once, most likely in the second the token was issued: its version (`tv`) revokes it,
    // where its `iat` (whole seconds) could not.
    QVERIFY(server.app().userStore().setPassword(u"nurse"_s, u"a-new-password"_s).ok());

    QTRY_VERIFY_WITH_TIMEOUT(!nurse.isConnected(), serviceWaitMs);
    QCOMPARE(server.get(u"/api/alerts/active"_s, nurseToken).status, 401);
    SioClient again;
    QVERIFY(again.open(server.socketUrl()));
    const auto refused = again.connectNamespace(u"/"_s, nurseToken);
    QVERIFY(refused);
    QCOMPARE(refused->type, PacketType::ConnectError);
    QCOMPARE(vigil::protocol::json::write(refused->data),
             QByteArray("{\"message\":\"Unauthorized\",\"data\":{\"code\":401}}"));
    // A token issued after the change works, whatever second it is.
    QCOMPARE(server.get(u"/api/alerts/active"_s, server.token(u"nurse"_s)).status, 200);

    // Another user is untouched; removing it ends its session too.
    QVERIFY(charge.isConnected());
    QCOMPARE(charge.joinRoom(u"hospital_123"_s).toMap().value(u"ok"_s).toBool(), true);
    QVERIFY(server.app().userStore().remove(u"charge"_s).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!charge.isConnected(), serviceWaitMs);
    QCOMPARE(server.get(u"/api/alerts/active"_s, chargeToken).status, 401);
}

QTEST_GUILESS_MAIN(tst_AlertService)
#include "tst_alertservice.moc"
