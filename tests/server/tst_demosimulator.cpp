// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The --demo simulator: what it generates is valid and looks like a ward, its users work, and
// running it on a server stores and broadcasts alerts and triage updates.
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include "ServiceTestKit.h"
#include "protocol/Json.h"
#include "server/AlertService.h"
#include "server/DemoSimulator.h"
#include "server/SqlAlertStore.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;
using namespace vigil::test;
using vigil::server::DemoSimulator;

class tst_DemoSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alertsAreValidAndRealistic();
    void sameSeedSameAlerts();
    void triageEntriesAreValid();
    void demoUsers();
    void runsOnAServer();
};

void tst_DemoSimulator::alertsAreValidAndRealistic()
{
    DemoSimulator simulator(nullptr, 7);
    const QRegularExpression vitals(
      u"^(HR|SpO2|RR|NBPs|Temp) (\\d+(?:\\.\\d)?)([<>])(\\d+(?:\\.\\d)?)$"_s);
    const QRegularExpression sepsis(u"^Sepsis risk (0\\.\\d\\d)$"_s);
    QSet<QString> types;
    QSet<QString> titles;
    QSet<QString> priorities;
    QSet<QString> hospitals;
    for (int i = 0; i < 600; ++i) {
        const vigil::protocol::AlertInput alert = simulator.nextAlert();
        // What a producer would send passes the server's own validation.
        const auto again = vigil::protocol::AlertInput::fromJson(alert.toJson());
        QVERIFY2(
          again,
          qPrintable(again ? QString() : again.error().field + u": "_s + again.error().message));
        QCOMPARE(again.value(), alert);
        types.insert(alert.type);
        titles.insert(alert.title);
        priorities.insert(vigil::protocol::priorityToString(alert.priority));
        hospitals.insert(alert.hospitalId);
        QVERIFY(!alert.message.isEmpty());
        QVERIFY(!alert.source.isEmpty());

        if (alert.type == u"vitals") {
            const auto match = vitals.match(alert.title);
            QVERIFY2(match.hasMatch(), qPrintable(alert.title));
            const double value = match.captured(2).toDouble();
            const double limit = match.captured(4).toDouble();
            QVERIFY2(match.captured(3) == u">" ? value > limit : value < limit,
                     qPrintable(alert.title));
            QCOMPARE(alert.data.value("limit"_L1).toDouble(), limit);
            QCOMPARE(alert.data.value("value"_L1).toDouble(), value);
        } else if (alert.type == u"sepsis_risk") {
            const auto match = sepsis.match(alert.title);
            QVERIFY2(match.hasMatch(), qPrintable(alert.title));
            const double score = match.captured(1).toDouble();
            QCOMPARE(alert.data.value("score"_L1).toDouble(), score);
            QCOMPARE(alert.priority == vigil::protocol::Priority::High, score >= 0.8);
        }
    }
    QCOMPARE(types,
             (QSet<QString>{
               u"vitals"_s, u"sepsis_risk"_s, u"deterioration"_s, u"technical"_s, u"lab"_s }));
    QCOMPARE(hospitals, (QSet<QString>{ u"123"_s, u"456"_s }));
    QCOMPARE(priorities.size(), 4);
    QVERIFY(titles.contains(u"ECG leads off"_s));
    QVERIFY(titles.size() > 100);
}

void tst_DemoSimulator::sameSeedSameAlerts()
{
    DemoSimulator a(nullptr, 42);
    DemoSimulator b(nullptr, 42);
    DemoSimulator c(nullptr, 43);
    bool differs = false;
    for (int i = 0; i < 50; ++i) {
        const auto alert = a.nextAlert();
        QCOMPARE(b.nextAlert(), alert);
        differs = differs || !(c.nextAlert() == alert);
    }
    QVERIFY(differs);
}

void tst_DemoSimulator::triageEntriesAreValid()
{
    DemoSimulator simulator(nullptr, 3);
    QSet<QString> statuses;
    for (int i = 0; i < 200; ++i) {
        const vigil::protocol::TriageEntry entry = simulator.nextTriage();
        const auto again = vigil::protocol::TriageEntry::fromJson(entry.toJson());
        QVERIFY(again);
        QVERIFY(entry.acuity >= 1 && entry.acuity <= 5);
        QVERIFY(entry.riskScore >= 0.0 && entry.riskScore <= 1.0);
        QVERIFY(!entry.displayName.isEmpty());
        QVERIFY(entry.waitingSince <= entry.updatedAt);
        statuses.insert(vigil::protocol::triageStatusToString(entry.status));
    }
    QCOMPARE(statuses.size(), 3);
}

void tst_DemoSimulator::demoUsers()
{
    const QList<vigil::server::DemoUser> users = DemoSimulator::demoUsers();
    QSet<QString> roles;
    QSet<QString> hospitals;
    for (const auto &demo : users) {
        QVERIFY(demo.password.size() >= vigil::server::UserStore::minPasswordLength);
        QVERIFY(vigil::server::UserStore::isValidUsername(demo.user.username));
        roles.insert(vigil::server::roleToString(demo.user.role));
        for (const QString &h : demo.user.hospitals)
            hospitals.insert(h);
    }
    QCOMPARE(roles, (QSet<QString>{ u"nurse"_s, u"charge_nurse"_s, u"admin"_s, u"producer"_s }));
    const QStringList expected = DemoSimulator::hospitals();
    QCOMPARE(hospitals, QSet<QString>(expected.begin(), expected.end()));

    // Installing twice is fine, and resets a changed password.
    ServiceHarness server;
    QVERIFY(server.start().isEmpty());
    vigil::server::UserStore &store = server.app().userStore();
    QVERIFY(DemoSimulator::installDemoUsers(store));
    QVERIFY(store.setPassword(users.first().user.username, u"changed-password"_s));
    QVERIFY(DemoSimulator::installDemoUsers(store));
    for (const auto &demo : users) {
        const auto verified = store.verify(demo.user.username, demo.password);
        QVERIFY(verified && verified.value());
        QCOMPARE(verified.value()->role, demo.user.role);
        QCOMPARE(verified.value()->hospitals, demo.user.hospitals);
    }
}

void tst_DemoSimulator::runsOnAServer()
{
    ServiceHarness server;
    QVERIFY(server.start().isEmpty());
    SioClient charge;
    QVERIFY(charge.open(server.socketUrl()));
    QVERIFY(charge.join(u"/"_s, server.token(u"charge"_s)));
    QVERIFY(charge.joinRoom(u"hospital_123"_s).toMap().value("ok"_L1).toBool());
    QVERIFY(charge.joinRoom(u"hospital_456"_s).toMap().value("ok"_L1).toBool());
    QVERIFY(charge.joinRoom(u"triage_queue"_s).toMap().value("ok"_L1).toBool());

    DemoSimulator simulator(&server.app().alertService(), 11);
    simulator.setRate(1'200); // one every 50 ms on average
    QSignalSpy published(&simulator, &DemoSimulator::published);
    simulator.start();
    QVERIFY(charge.waitFor(u"patient_alert"_s));
    QVERIFY(charge.waitFor(u"triage_update"_s));
    QTRY_VERIFY_WITH_TIMEOUT(published.size() >= 5, serviceWaitMs);
    simulator.stop();
    QVERIFY(!simulator.isRunning());

    const auto stored = server.app().alertStore().lastSeq();
    QVERIFY(stored && stored.value() >= 10);
    const HttpResult queue = server.get(u"/api/triage/queue"_s, server.token(u"charge"_s));
    QCOMPARE(queue.status, 200);
    QVERIFY(vigil::protocol::json::parse(queue.body).value().toArray().size() >= 4);
    const HttpResult history = server.get(u"/api/alerts/history?hospital_id=123&hospital_id=456"_s,
                                          server.token(u"charge"_s));
    QVERIFY(vigil::protocol::json::parse(history.body).value().toArray().size() >= stored.value());
}

QTEST_GUILESS_MAIN(tst_DemoSimulator)
#include "tst_demosimulator.moc"
