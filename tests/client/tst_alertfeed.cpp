// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AlertFeed against a real backend: tests/interop/contract-peer.mjs (Node socket.io 4.8.4 with
// connection state recovery, the Vigil contract over node:http), started by this test. Needs `node`
// on PATH and `npm ci` run in tests/interop. Every test follows its own hospital, so tests never
// see each other's alerts.
#include <functional>
#include <memory>
#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

#include "client/AlertFeed.h"
#include "client/ApiClient.h"
#include "client/Manager.h"
#include "client/Socket.h"
#include "protocol/Json.h"
#include "support/ContractPeer.h"

using namespace vigil::client;
using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitMs = 15'000;

QString interopDir()
{
    return QStringLiteral(VIGIL_INTEROP_DIR);
}

using vigil::testsupport::ContractPeer;

/// Plain REST for the test's own plumbing (publishing, test hooks), independent of ApiClient.
class Rest
{
public:
    struct Reply
    {
        int status = 0;
        QCborValue body;
    };

    QUrl base;

    Reply call(const QByteArray &method,
               const QString &path,
               const QCborValue &body = {},
               const QString &token = {})
    {
        QNetworkRequest request(base.resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = m_nam.sendCustomRequest(
          request, method, body.isUndefined() ? QByteArray() : json::write(body));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(waitMs);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto parsed = json::parse(reply->readAll());
        if (parsed)
            result.body = parsed.value();
        reply->deleteLater();
        return result;
    }

    QString login(const QString &user, const QString &password)
    {
        QCborMap body;
        body.insert("username"_L1, user);
        body.insert("password"_L1, password);
        return call("POST", u"/api/auth/login"_s, body)
          .body.toMap()
          .value("access_token"_L1)
          .toString();
    }

private:
    QNetworkAccessManager m_nam;
};

QCborMap alertInput(const QString &hospital,
                    const QString &patient,
                    const QString &title,
                    const QString &priority = u"medium"_s)
{
    QCborMap input;
    input.insert("patient_id"_L1, patient);
    input.insert("hospital_id"_L1, hospital);
    input.insert("priority"_L1, priority);
    input.insert("title"_L1, title);
    return input;
}

/// Everything one AlertFeed reports.
struct Recorder
{
    explicit Recorder(AlertFeed *feed)
    {
        QObject::connect(feed,
                         &AlertFeed::alertsArrived,
                         feed,
                         [this](const QList<Alert> &alerts, AlertOrigin origin) {
                             for (const Alert &alert : alerts) {
                                 ++arrived[alert.id];
                                 origins.insert(alert.id, origin);
                                 order.append(alert.id);
                             }
                         });
        QObject::connect(feed, &AlertFeed::alertUpdated, feed, [this](const Alert &alert) {
            updates.append(alert);
        });
        QObject::connect(feed, &AlertFeed::linkStateChanged, feed, [this](LinkState state) {
            states.append(state);
        });
        QObject::connect(feed,
                         &AlertFeed::acknowledgeFinished,
                         feed,
                         [this](const QString &id, const QString &error, const Alert &alert) {
                             acks.append({ id, error, alert });
                         });
        QObject::connect(feed, &AlertFeed::problemOccurred, feed, [this](const QString &message) {
            problems.append(message);
        });
    }

    /// True when every id was reported exactly once.
    bool exactlyOnce(const QStringList &ids) const
    {
        for (const QString &id : ids) {
            if (arrived.value(id) != 1)
                return false;
        }
        return true;
    }
    int total() const { return int(order.size()); }

    struct Ack
    {
        QString id;
        QString error;
        Alert alert;
    };
    QHash<QString, int> arrived;
    QHash<QString, AlertOrigin> origins;
    QStringList order;
    QList<Alert> updates;
    QList<LinkState> states;
    QList<Ack> acks;
    QStringList problems;
};

/// One station: a Manager, the `/` socket, an ApiClient and the feed under test.
struct Station
{
    Station(const QUrl &url, const QString &token, AlertFeed::Options options = {})
      : manager(url, fastManagerOptions())
      , socket(manager.socket())
      , feed(socket, &api, options)
      , recorder(&feed)
    {
        socket->setAuth([token] {
            QCborMap auth;
            auth.insert("token"_L1, token);
            return auth;
        });
        (void)api.setBaseUrl(url);
        api.setBearerToken(token);
    }

    static ManagerOptions fastManagerOptions()
    {
        ManagerOptions options;
        options.backoff = Backoff::Options{ 100, 400, 2.0, 0.5 };
        options.openTimeoutMs = 5'000;
        return options;
    }

    QStringList idsOf(const QString &hospital) const
    {
        QStringList ids;
        for (const Alert &alert : feed.alerts()) {
            if (alert.hospitalId == hospital)
                ids.append(alert.id);
        }
        return ids;
    }

    Manager manager;
    Socket *socket;
    ApiClient api;
    AlertFeed feed;
    Recorder recorder;
};

QStringList idsOf(const QCborValue &alerts)
{
    QStringList ids;
    const QCborArray array = alerts.isArray() ? alerts.toArray() : QCborArray{ alerts };
    for (const QCborValue &alert : array)
        ids.append(alert.toMap().value("id"_L1).toString());
    return ids;
}

RoomName hospital(const QString &id)
{
    return RoomName::hospital(id);
}

} // namespace

class tst_AlertFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void joinAndLiveAlerts();
    void alertsOfUnfollowedRoomsAreIgnored();
    void refusedRoomIsReportedNotRetried();
    void backfillAfterOfflineExactlyOnce();
    void recoveredSessionReplaysExactlyOnce();
    void liveDuringBackfillIsMergedById();
    void addRoomWhileLive();
    void alertUpdatedNeverDowngrades();
    void acknowledgeConfirmedOrFailed();
    void triageSnapshotThenUpdates();
    void suppressedAlertsAreFetched();
    void suppressedSummaryMissedWhileOffline();
    void staleThenLive();
    void serverRestartKeepsExactlyOnce();
    void authenticationRequired();

private:
    Rest::Reply publish(const QCborValue &inputs)
    {
        return m_rest.call("POST", u"/api/alerts"_s, inputs, m_producer);
    }
    void configure(const QString &key, const QCborValue &value)
    {
        QCborMap body;
        body.insert(key, value);
        QCOMPARE(m_rest.call("POST", u"/api/debug/config"_s, body, m_admin).status, 200);
    }
    QString startPeer(int port = 0)
    {
        return m_peer.start(m_node,
                            { u"SECRET_KEY=tst_alertfeed"_s,
                              u"STORE_FILE="_s + m_dir.filePath(u"store.jsonl"_s),
                              u"USERS_FILE="_s + m_dir.filePath(u"users.json"_s),
                              u"SOCKET_IO_PING_INTERVAL=1000"_s,
                              u"SOCKET_IO_PING_TIMEOUT=20000"_s,
                              u"ALERT_RATE_LIMIT_PER_MINUTE=0"_s },
                            port);
    }

    QString m_node;
    QTemporaryDir m_dir;
    ContractPeer m_peer{ interopDir(), waitMs };
    Rest m_rest;
    QString m_nurse;
    QString m_producer;
    QString m_admin;
};

void tst_AlertFeed::initTestCase()
{
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not on PATH (apt-get install nodejs npm)");
    if (!QFileInfo::exists(interopDir() + u"/node_modules/socket.io/package.json"_s))
        QSKIP("tests/interop/node_modules is missing: run `npm ci` in tests/interop "
              "(scripts/run-tests does)");
    QVERIFY(m_dir.isValid());
    // The nurse sees every hospital the tests use except 999; each test has its own.
    QFile users(m_dir.filePath(u"users.json"_s));
    QVERIFY(users.open(QIODevice::WriteOnly));
    users.write(R"([
      {"username":"nurse","password":"n","display_name":"Nurse","role":"nurse",
       "hospitals":["101","102","103","104","105","106","107","108","109","110","111","112","113","114","115","116","117"]},
      {"username":"producer","password":"p","display_name":"Engine","role":"producer","hospitals":[]},
      {"username":"admin","password":"a","display_name":"Admin","role":"admin","hospitals":[]}
    ])");
    users.close();
    const QString error = startPeer();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_rest.base = m_peer.url();
    m_nurse = m_rest.login(u"nurse"_s, u"n"_s);
    m_producer = m_rest.login(u"producer"_s, u"p"_s);
    m_admin = m_rest.login(u"admin"_s, u"a"_s);
    QVERIFY(!m_nurse.isEmpty() && !m_producer.isEmpty() && !m_admin.isEmpty());
}

void tst_AlertFeed::cleanup()
{
    m_peer.signal(SIGCONT);
    // Test hooks back to a plain contract server, whatever the test did.
    QCborMap body;
    body.insert("leak_alerts"_L1, false);
    body.insert("ignore_acknowledge"_L1, false);
    body.insert("history_delay_ms"_L1, 0);
    body.insert("rate_limit"_L1, 0);
    m_rest.call("POST", u"/api/debug/config"_s, body, m_admin);
}

void tst_AlertFeed::joinAndLiveAlerts()
{
    // A patient room needs a known patient: its first alert is stored before the station starts.
    const auto first = publish(alertInput(u"101"_s, u"p101"_s, u"before start"_s));
    QCOMPARE(first.status, 201);

    Station station(m_peer.url(), m_nurse);
    QVERIFY(station.feed.setRooms({ RoomName::patient(u"p101"_s), hospital(u"102"_s) }));
    QVERIFY(station.feed.addRoom(*RoomName::parse(u"hospital_102"_s))); // already followed
    QCOMPARE(station.feed.rooms().size(), 2);
    QSignalSpy finished(&station.feed, &AlertFeed::backfillFinished);
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCOMPARE(station.feed.roomState(RoomName::patient(u"p101"_s)), RoomState::Joined);
    QCOMPARE(station.feed.roomState(hospital(u"102"_s)), RoomState::Joined);
    QVERIFY(station.recorder.states.contains(LinkState::Joining));
    QCOMPARE(station.recorder.states.last(), LinkState::Live);
    QCOMPARE(finished.size(), 1);

    // The alert stored before the room was followed came from history.
    const QString firstId = idsOf(first.body).first();
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.arrived.value(firstId), 1, waitMs);
    QCOMPARE(station.recorder.origins.value(firstId), AlertOrigin::RoomAdded);
    QCOMPARE(station.feed.offlineCount(), 0);

    const auto viaPatient = publish(alertInput(u"101"_s, u"p101"_s, u"patient room"_s));
    const auto viaHospital = publish(alertInput(u"102"_s, u"p102"_s, u"hospital room"_s));
    const auto notFollowed = publish(alertInput(u"103"_s, u"p103"_s, u"other hospital"_s));
    const QStringList live = idsOf(viaPatient.body) + idsOf(viaHospital.body);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(live), waitMs);
    for (const QString &id : live)
        QCOMPARE(station.recorder.origins.value(id), AlertOrigin::Live);
    QVERIFY(!station.feed.alerts().contains(idsOf(notFollowed.body).first()));
    QCOMPARE(station.recorder.total(), 3);
    QVERIFY(station.feed.lastDataAt().isValid());
}

void tst_AlertFeed::alertsOfUnfollowedRoomsAreIgnored()
{
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"104"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    // From now on the server sends every alert to every socket.
    configure(u"leak_alerts"_s, true);
    const auto other = publish(alertInput(u"105"_s, u"p105"_s, u"not ours"_s));
    const auto ours = publish(alertInput(u"104"_s, u"p104"_s, u"ours"_s));
    const QString oursId = idsOf(ours.body).first();
    // Events arrive in order: once ours is in, the other one was seen and ignored.
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.arrived.value(oursId), 1, waitMs);
    QCOMPARE(station.recorder.total(), 1);
    QVERIFY(!station.feed.alerts().contains(idsOf(other.body).first()));
}

void tst_AlertFeed::refusedRoomIsReportedNotRetried()
{
    Station station(m_peer.url(), m_nurse);
    QStringList reasons;
    QObject::connect(&station.feed,
                     &AlertFeed::roomStateChanged,
                     &station.feed,
                     [&](const RoomName &room, RoomState state, const QString &reason) {
                         if (state == RoomState::Refused)
                             reasons.append(room.name() + u": "_s + reason);
                     });
    QVERIFY(!station.feed.addRoom(RoomName::patient(u"not-valid"_s)));
    QVERIFY(station.feed.setRooms(
      { hospital(u"999"_s), *RoomName::parse(u"ward_7"_s), hospital(u"106"_s) }));
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCOMPARE(station.feed.roomState(hospital(u"999"_s)), RoomState::Refused);
    QCOMPARE(station.feed.roomState(*RoomName::parse(u"ward_7"_s)), RoomState::Refused);
    QCOMPARE(station.feed.roomState(hospital(u"106"_s)), RoomState::Joined);
    reasons.sort();
    QCOMPARE(reasons,
             QStringList({ u"hospital_999: Unauthorized"_s, u"ward_7: Invalid room name"_s }));

    // A network loss and a reconnect: the refused rooms are not asked for again.
    QSignalSpy connected(station.socket, &Socket::connected);
    QCOMPARE(m_rest.call("POST", u"/api/debug/drop"_s, QCborMap(), m_admin).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    const QCborMap joins =
      m_rest.call("GET", u"/api/debug/stats"_s, {}, m_admin).body.toMap().value("joins"_L1).toMap();
    QCOMPARE(joins.value("hospital_999"_L1).toInteger(), 1);
    QCOMPARE(joins.value("ward_7"_L1).toInteger(), 1);
    QCOMPARE(station.feed.roomState(hospital(u"999"_s)), RoomState::Refused);
}

void tst_AlertFeed::backfillAfterOfflineExactlyOnce()
{
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"107"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCborArray before;
    for (int i = 0; i < 3; ++i)
        before.append(alertInput(u"107"_s, u"p107"_s, u"live %1"_s.arg(i)));
    const QStringList liveIds = idsOf(publish(before).body);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(liveIds), waitMs);

    // Offline for real (an explicit disconnect is never recovered): these exist only in history.
    station.feed.stop();
    QCOMPARE(station.feed.linkState(), LinkState::Offline);
    QCborArray during;
    for (int i = 0; i < 5; ++i)
        during.append(alertInput(u"107"_s, u"p107"_s, u"offline %1"_s.arg(i)));
    const QStringList offlineIds = idsOf(publish(during).body);
    QCOMPARE(offlineIds.size(), 5);

    QSignalSpy offline(&station.feed, &AlertFeed::offlineCountChanged);
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(liveIds + offlineIds), waitMs);
    QCOMPARE(station.recorder.total(), 8);
    for (const QString &id : offlineIds)
        QCOMPARE(station.recorder.origins.value(id), AlertOrigin::Backfill);
    QCOMPARE(station.feed.offlineCount(), 5);
    QVERIFY(!offline.isEmpty());
    station.feed.resetOfflineCount();
    QCOMPARE(station.feed.offlineCount(), 0);
}

void tst_AlertFeed::recoveredSessionReplaysExactlyOnce()
{
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"107"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    // Something must have arrived for the session to be recoverable (socket.io needs an offset).
    const QStringList first = idsOf(publish(alertInput(u"107"_s, u"p107"_s, u"first"_s)).body);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(first), waitMs);
    const int known = station.recorder.total();

    // The server drops every connection, then stores alerts while nobody is connected.
    QSignalSpy connected(station.socket, &Socket::connected);
    QCborMap body;
    QCborArray inputs;
    for (int i = 0; i < 4; ++i)
        inputs.append(alertInput(u"107"_s, u"p107"_s, u"while dropped %1"_s.arg(i)));
    body.insert("publish"_L1, inputs);
    const auto dropped = m_rest.call("POST", u"/api/debug/drop"_s, body, m_admin);
    QCOMPARE(dropped.status, 200);
    const QStringList missed = idsOf(dropped.body.toMap().value("alerts"_L1));
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, waitMs);
    QCOMPARE(connected.at(0).at(0).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(missed), waitMs);
    QCOMPARE(station.recorder.total(), known + 4);
    QCOMPARE(station.feed.offlineCount(), 4);
    QCOMPARE(station.feed.roomState(hospital(u"107"_s)), RoomState::Joined);
}

void tst_AlertFeed::liveDuringBackfillIsMergedById()
{
    QCborArray history;
    for (int i = 0; i < 100; ++i)
        history.append(alertInput(u"108"_s, u"p108x%1"_s.arg(i % 7), u"old %1"_s.arg(i)));
    const QStringList oldIds = idsOf(publish(history).body);
    QCOMPARE(oldIds.size(), 100);
    configure(u"history_delay_ms"_s, 250);

    AlertFeed::Options options;
    options.backfillPageSize = 20;
    Station station(m_peer.url(), m_nurse, options);
    station.feed.setRooms({ hospital(u"108"_s) });
    QStringList liveIds;
    QObject::connect(&station.feed, &AlertFeed::backfillStarted, &station.feed, [&] {
        // Stored after the backfill began: these come live and again in a later history page.
        QTimer::singleShot(0, &station.feed, [&] {
            QCborArray inputs;
            for (int i = 0; i < 5; ++i)
                inputs.append(alertInput(u"108"_s, u"p108"_s, u"during backfill %1"_s.arg(i)));
            liveIds = idsOf(publish(inputs).body);
        });
    });
    QSignalSpy progress(&station.feed, &AlertFeed::backfillProgress);
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCOMPARE(liveIds.size(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(oldIds + liveIds), waitMs);
    QCOMPARE(station.recorder.total(), 105);
    QVERIFY(progress.size() >= 5);
    QVERIFY(progress.last().at(0).toLongLong() >= 100);
}

void tst_AlertFeed::addRoomWhileLive()
{
    const QStringList earlier = idsOf(publish(alertInput(u"115"_s, u"p115"_s, u"earlier"_s)).body);
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"114"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCOMPARE(station.recorder.total(), 0);
    station.recorder.states.clear();
    QVERIFY(station.feed.addRoom(hospital(u"115"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(earlier), waitMs);
    QCOMPARE(station.recorder.origins.value(earlier.first()), AlertOrigin::RoomAdded);
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QVERIFY(!station.recorder.states.isEmpty());
    QCOMPARE(station.feed.offlineCount(), 0);

    station.feed.removeRoom(hospital(u"115"_s));
    QCOMPARE(station.feed.rooms().size(), 1);
    const auto later = publish(alertInput(u"115"_s, u"p115"_s, u"after removal"_s));
    const QStringList marker = idsOf(publish(alertInput(u"114"_s, u"p114"_s, u"marker"_s)).body);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(marker), waitMs);
    QVERIFY(!station.recorder.arrived.contains(idsOf(later.body).first()));
}

void tst_AlertFeed::alertUpdatedNeverDowngrades()
{
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"110"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    const auto published = publish(alertInput(u"110"_s, u"p110"_s, u"to acknowledge"_s));
    const QCborMap original = published.body.toMap();
    const QString id = original.value("id"_L1).toString();
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.arrived.value(id), 1, waitMs);

    // Acknowledged by another station through REST: the update reaches this one.
    QCOMPARE(m_rest.call("POST", u"/api/alerts/"_s + id + u"/acknowledge"_s, {}, m_nurse).status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.updates.size(), 1, waitMs);
    QCOMPARE(station.recorder.updates.first().state, AlertState::Acknowledged);
    QCOMPARE(station.recorder.updates.first().acknowledgedBy, u"nurse"_s);
    QCOMPARE(station.feed.alerts().value(id).state, AlertState::Acknowledged);

    // A stale "active" state is not a downgrade; an update of an alert never seen is reported
    // once as an alert; garbage is reported as a problem.
    auto emitEvent = [&](const QString &event, const QCborValue &payload) {
        QCborMap body;
        body.insert("room"_L1, u"hospital_110"_s);
        body.insert("event"_L1, event);
        body.insert("payload"_L1, payload);
        QCOMPARE(m_rest.call("POST", u"/api/debug/emit"_s, body, m_admin).status, 200);
    };
    emitEvent(u"alert_updated"_s, original);
    QCborMap ghost = original;
    ghost.insert("id"_L1, u"ghost110"_s);
    ghost.insert("seq"_L1, 999'999'999);
    emitEvent(u"alert_updated"_s, ghost);
    QCborMap broken;
    broken.insert("id"_L1, 5);
    emitEvent(u"patient_alert"_s, broken);
    const QStringList marker = idsOf(publish(alertInput(u"110"_s, u"p110"_s, u"marker"_s)).body);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(marker), waitMs);
    QCOMPARE(station.recorder.updates.size(), 1);
    QCOMPARE(station.feed.alerts().value(id).state, AlertState::Acknowledged);
    QCOMPARE(station.recorder.arrived.value(u"ghost110"_s), 1);
    QCOMPARE(station.recorder.problems.size(), 1);

    // A reconnect's backfill brings the acknowledged state again: nothing to report.
    station.feed.stop();
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCOMPARE(station.recorder.updates.size(), 1);
    QCOMPARE(station.recorder.arrived.value(id), 1);
}

void tst_AlertFeed::acknowledgeConfirmedOrFailed()
{
    AlertFeed::Options options;
    options.ackTimeoutMs = 1'000;
    Station station(m_peer.url(), m_nurse, options);
    station.feed.setRooms({ hospital(u"111"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    const QString id = idsOf(publish(alertInput(u"111"_s, u"p111"_s, u"ack me"_s)).body).first();
    const QString other =
      idsOf(publish(alertInput(u"111"_s, u"p111"_s, u"ack me later"_s)).body).first();
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce({ id, other }), waitMs);

    station.feed.acknowledge(id);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.acks.size(), 1, waitMs);
    QCOMPARE(station.recorder.acks.at(0).id, id);
    QCOMPARE(station.recorder.acks.at(0).error, QString());
    QCOMPARE(station.recorder.acks.at(0).alert.state, AlertState::Acknowledged);
    QCOMPARE(station.recorder.acks.at(0).alert.acknowledgedBy, u"nurse"_s);
    QCOMPARE(station.feed.alerts().value(id).state, AlertState::Acknowledged);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.updates.size(), 1, waitMs);

    station.feed.acknowledge(u"no-such-alert"_s);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.acks.size(), 2, waitMs);
    QCOMPARE(station.recorder.acks.at(1).error, u"Not found"_s);

    // The server never answers: reported, not silently dropped.
    configure(u"ignore_acknowledge"_s, true);
    station.feed.acknowledge(other);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.acks.size(), 3, waitMs);
    QVERIFY(!station.recorder.acks.at(2).error.isEmpty());
    QCOMPARE(station.feed.alerts().value(other).state, AlertState::Active);
    configure(u"ignore_acknowledge"_s, false);

    // Offline: fails at once and is not sent after the reconnect.
    station.feed.stop();
    station.feed.acknowledge(other);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.acks.size(), 4, waitMs);
    QCOMPARE(station.recorder.acks.at(3).id, other);
    QVERIFY(!station.recorder.acks.at(3).error.isEmpty());
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    const QCborArray stored =
      m_rest.call("GET", u"/api/alerts/history?hospital_id=111"_s, {}, m_nurse).body.toArray();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(1).toMap().value("state"_L1).toString(), u"active"_s);
}

void tst_AlertFeed::triageSnapshotThenUpdates()
{
    auto entry = [](const QString &patient, int acuity, const QString &status) {
        QCborMap e;
        e.insert("patient_id"_L1, patient);
        e.insert("hospital_id"_L1, u"112"_s);
        e.insert("display_name"_L1, QString(u"Patient "_s + patient));
        e.insert("acuity"_L1, acuity);
        e.insert("risk_score"_L1, 0.5);
        e.insert("status"_L1, status);
        return e;
    };
    auto put = [&](const QCborMap &e) {
        QCOMPARE(m_rest.call("POST", u"/api/debug/triage"_s, e, m_admin).status, 201);
    };
    put(entry(u"t1"_s, 2, u"waiting"_s));
    put(entry(u"t2"_s, 4, u"waiting"_s));

    Station station(m_peer.url(), m_nurse);
    QSignalSpy reset(&station.feed, &AlertFeed::triageQueueReset);
    QSignalSpy updated(&station.feed, &AlertFeed::triageEntryUpdated);
    station.feed.setRooms({ hospital(u"112"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(reset.size(), 1, waitMs);
    auto patients = [&] {
        QStringList ids;
        for (const TriageEntry &e : station.feed.triageQueue())
            ids.append(e.patientId + u':' + QString::number(e.acuity) + u':' +
                       triageStatusToString(e.status));
        ids.sort();
        return ids;
    };
    QCOMPARE(patients(), QStringList({ u"t1:2:waiting"_s, u"t2:4:waiting"_s }));

    put(entry(u"t2"_s, 1, u"in_triage"_s));
    put(entry(u"t3"_s, 3, u"waiting"_s));
    QTRY_COMPARE_WITH_TIMEOUT(updated.size(), 2, waitMs);
    QCOMPARE(updated.at(0).at(0).value<TriageEntry>().patientId, u"t2"_s);
    QCOMPARE(patients(),
             QStringList({ u"t1:2:waiting"_s, u"t2:1:in_triage"_s, u"t3:3:waiting"_s }));
    QCOMPARE(station.feed.roomState(RoomName::triage()), RoomState::Joined);
    QVERIFY(!station.feed.rooms().contains(RoomName::triage()));
}

void tst_AlertFeed::suppressedAlertsAreFetched()
{
    configure(u"rate_window_ms"_s, 1'500);
    configure(u"rate_limit"_s, 2);
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"113"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QSignalSpy backfills(&station.feed, &AlertFeed::backfillStarted);
    QCborArray burst;
    for (int i = 0; i < 5; ++i)
        burst.append(alertInput(u"113"_s, u"p113"_s, u"burst %1"_s.arg(i)));
    const QCborArray stored = publish(burst).body.toArray();
    QCOMPARE(stored.size(), 5);
    QCOMPARE(stored.at(4).toMap().value("suppressed"_L1).toBool(), true);
    const QStringList ids = idsOf(stored);
    // Two arrive live; the server holds back three and announces them when the window closes.
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.total(), 2, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(ids), waitMs);
    QCOMPARE(station.recorder.total(), 5);
    QVERIFY(backfills.size() >= 1);
    QCOMPARE(station.feed.offlineCount(), 0);
}

void tst_AlertFeed::suppressedSummaryMissedWhileOffline()
{
    // Held-back alerts sit below alerts seen live (another patient of the same room). If the
    // station is offline when their summary goes out, the reconnect backfill must still reach
    // them: it starts from the last point known to be complete, not from the highest seq seen.
    // A margin of 0 makes the gap impossible to hide behind overlap.
    configure(u"rate_window_ms"_s, 1'500);
    configure(u"rate_limit"_s, 1);
    AlertFeed::Options options;
    options.backfillSafetyMargin = 0;
    Station station(m_peer.url(), m_nurse, options);
    station.feed.setRooms({ hospital(u"117"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);

    QCborArray burst;
    for (int i = 0; i < 3; ++i)
        burst.append(alertInput(u"117"_s, u"pa117"_s, u"burst %1"_s.arg(i)));
    const QStringList held = idsOf(publish(burst).body);
    const QStringList later =
      idsOf(publish(QCborArray{ alertInput(u"117"_s, u"pb117"_s, u"other patient"_s) }).body);
    QTRY_COMPARE_WITH_TIMEOUT(station.recorder.total(), 2, waitMs);

    station.feed.stop();
    // The summary of the held-back alerts goes out while nobody listens.
    QTest::qWait(2'500);
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(held + later), waitMs);
    QCOMPARE(station.recorder.total(), 4);
}

void tst_AlertFeed::staleThenLive()
{
    AlertFeed::Options options;
    options.staleAfterMs = 2'500;
    Station station(m_peer.url(), m_nurse, options);
    station.feed.setRooms({ hospital(u"116"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QSignalSpy disconnected(station.socket, &Socket::disconnected);
    station.recorder.states.clear();

    // A frozen server: no events, no pings, but the TCP connection stays up.
    m_peer.signal(SIGSTOP);
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Stale, waitMs);
    m_peer.signal(SIGCONT);
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCOMPARE(station.recorder.states, QList<LinkState>({ LinkState::Stale, LinkState::Live }));
    // Stale came well before the heartbeat watchdog would have declared the link dead.
    QCOMPARE(disconnected.size(), 0);
}

void tst_AlertFeed::serverRestartKeepsExactlyOnce()
{
    Station station(m_peer.url(), m_nurse);
    station.feed.setRooms({ hospital(u"109"_s) });
    station.feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
    QCborArray first;
    for (int i = 0; i < 10; ++i)
        first.append(alertInput(u"109"_s, u"p109"_s, u"before restart %1"_s.arg(i)));
    QStringList ids = idsOf(publish(first).body);
    QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(ids), waitMs);

    for (int round = 0; round < 2; ++round) {
        const int port = m_peer.port();
        m_peer.kill();
        QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Offline, waitMs);
        const QString error = startPeer(port);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Stored by the new process, most likely before the station is back.
        QCborArray after;
        for (int i = 0; i < 5; ++i)
            after.append(
              alertInput(u"109"_s, u"p109"_s, u"after restart %1.%2"_s.arg(round).arg(i)));
        const auto reply = publish(after);
        QCOMPARE(reply.status, 201);
        ids += idsOf(reply.body);
        QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
        QTRY_VERIFY_WITH_TIMEOUT(station.recorder.exactlyOnce(ids), waitMs);
    }
    QCOMPARE(station.recorder.total(), 20);
    QStringList held = station.idsOf(u"109"_s);
    held.sort();
    ids.sort();
    QCOMPARE(held, ids);
    // The store kept counting: seqs are unique across the restarts.
    QSet<qint64> seqs;
    for (const Alert &alert : station.feed.alerts())
        seqs.insert(alert.seq);
    QCOMPARE(seqs.size(), station.feed.alerts().size());
}

void tst_AlertFeed::authenticationRequired()
{
    // A refused CONNECT: reported once, never retried on its own.
    {
        Station station(m_peer.url(), u"not-a-token"_s);
        QSignalSpy auth(&station.feed, &AlertFeed::authenticationRequired);
        station.feed.setRooms({ hospital(u"101"_s) });
        station.feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(auth.size(), 1, waitMs);
        QTRY_COMPARE_WITH_TIMEOUT(station.manager.state(), Manager::State::Disconnected, waitMs);
        QVERIFY(!station.socket->isActive());
        QCOMPARE(station.feed.linkState(), LinkState::Offline);
    }
    // The socket is accepted but REST refuses the token: the backfill stops and asks for a login;
    // with a fresh token, start() resumes it.
    {
        QCOMPARE(publish(alertInput(u"101"_s, u"p101"_s, u"for the backfill"_s)).status, 201);
        Station station(m_peer.url(), m_nurse);
        station.api.setBearerToken(u"expired"_s);
        QSignalSpy auth(&station.feed, &AlertFeed::authenticationRequired);
        QSignalSpy failed(&station.feed, &AlertFeed::backfillFailed);
        station.feed.setRooms({ hospital(u"101"_s) });
        station.feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(auth.size(), 1, waitMs);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, waitMs);
        QCOMPARE(failed.at(0).at(0).value<ApiError>().kind, ApiError::Kind::Unauthorized);
        QCOMPARE(station.feed.linkState(), LinkState::Backfilling);
        station.api.setBearerToken(m_nurse);
        station.feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(station.feed.linkState(), LinkState::Live, waitMs);
        QCOMPARE(auth.size(), 1);
        QVERIFY(station.recorder.total() >= 1);
    }
}

QTEST_GUILESS_MAIN(tst_AlertFeed)
#include "tst_alertfeed.moc"
