// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

#include "server/Database.h"
#include "server/SqlAlertStore.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
using vigil::protocol::Alert;
using vigil::protocol::AlertInput;
using vigil::protocol::AlertState;
using vigil::protocol::Priority;
using vigil::protocol::TriageEntry;
using vigil::protocol::TriageStatus;
using Code = StoreError::Code;

namespace {

constexpr qint64 baseTime = 1'795'000'000'000; // 2026-11-17, whole milliseconds

AlertInput input(const QString &patient,
                 const QString &hospital,
                 Priority priority = Priority::High,
                 const QString &title = u"Sepsis risk 0.87"_s)
{
    AlertInput in;
    in.patientId = patient;
    in.hospitalId = hospital;
    in.type = u"sepsis_risk"_s;
    in.priority = priority;
    in.title = title;
    in.message = u"Risk rose from 0.41 to 0.87 in 2 h"_s;
    in.data = QCborMap{ { u"score"_s, 0.87 },
                        { u"hr"_s, 134 },
                        { u"limits"_s, QCborArray{ 120, u"bpm"_s } } };
    in.source = u"risk_engine"_s;
    return in;
}

QList<qint64> seqs(const QList<Alert> &alerts)
{
    QList<qint64> result;
    for (const Alert &alert : alerts)
        result.append(alert.seq);
    return result;
}

QString describe(const StoreError &error)
{
    return storeErrorCodeToString(error.code) + u": "_s + error.message;
}

// The child half of survivesSigkill: store alerts, report them, then wait to be killed.
int childInsert(const QString &file)
{
    Database db;
    if (!db.open(file).ok())
        return 2;
    SqlAlertStore store(db);
    const auto one = store.insert(input(u"7"_s, u"123"_s), false);
    const auto batch = store.insertMany(
      { NewAlert{ input(u"8"_s, u"123"_s), true }, NewAlert{ input(u"9"_s, u"123"_s), false } });
    if (!one.ok() || !batch.ok())
        return 3;
    std::printf("stored %s %lld %s %lld %s %lld\n",
                qPrintable(one->id),
                static_cast<long long>(one->seq),
                qPrintable(batch->at(0).id),
                static_cast<long long>(batch->at(0).seq),
                qPrintable(batch->at(1).id),
                static_cast<long long>(batch->at(1).seq));
    std::fflush(stdout);
    // Bounded: the parent kills us long before this ends.
    for (int i = 0; i < 600; ++i)
        QThread::msleep(100);
    return 0;
}

} // namespace

Q_DECLARE_METATYPE(vigil::protocol::AlertInput)
Q_DECLARE_METATYPE(vigil::server::HistoryQuery)

class TestAlertStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString newFile() { return m_dir.filePath(u"store-%1.db"_s.arg(++m_files)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void insertAssignsServerFields()
    {
        Database db;
        QVERIFY(db.open(newFile()).ok());
        SqlAlertStore store(db);
        store.setClock([] { return baseTime; });
        QCOMPARE(store.backendName(), u"sqlite"_s);
        QCOMPARE(store.lastSeq().value(), 0);

        const AlertInput in = input(u"42"_s, u"123"_s);
        const auto stored = store.insert(in, false);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : describe(stored.error())));
        const Alert &alert = stored.value();
        QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]{16}$"_s).match(alert.id).hasMatch());
        QCOMPARE(alert.seq, 1);
        QCOMPARE(alert.createdAt, QDateTime::fromMSecsSinceEpoch(baseTime, Qt::UTC));
        QCOMPARE(alert.state, AlertState::Active);
        QVERIFY(alert.acknowledgedBy.isEmpty());
        QVERIFY(!alert.acknowledgedAt.has_value());
        QVERIFY(!alert.suppressed);
        QCOMPARE(alert.patientId, in.patientId);
        QCOMPARE(alert.title, in.title);
        QCOMPARE(alert.data, in.data);

        const auto read = store.get(alert.id);
        QVERIFY(read.ok());
        QCOMPARE(read.value(), alert);
        QCOMPARE(store.lastSeq().value(), 1);
        QCOMPARE(store.patientHospital(u"42"_s).value(), u"123"_s);

        const auto events = store.stateHistory(alert.id);
        QVERIFY(events.ok());
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->at(0).state, AlertState::Active);
        QCOMPARE(events->at(0).actor, u"risk_engine"_s);
        QCOMPARE(events->at(0).at, alert.createdAt);

        const auto suppressed = store.insert(input(u"42"_s, u"123"_s), true);
        QVERIFY(suppressed.ok());
        QVERIFY(suppressed->suppressed);
        QCOMPARE(suppressed->seq, 2);
        QVERIFY(suppressed->id != alert.id);
        QVERIFY(store.get(suppressed->id)->suppressed);
    }

    void dataRoundTrips()
    {
        Database db;
        QVERIFY(db.open(newFile()).ok());
        SqlAlertStore store(db);
        AlertInput in = input(u"1"_s, u"2"_s);
        in.data =
          QCborMap{ { u"nested"_s, QCborMap{ { u"a"_s, QCborArray{ 1, 2.5, u"x"_s, true } } } },
                    { u"null"_s, QCborValue(nullptr) },
                    { u"unicode"_s, u"Herzfrequenz 134 > 120 ♥"_s } };
        in.message = QString(vigil::protocol::maxMessageLength, u'm');
        in.priority = Priority::Info;
        const auto stored = store.insert(in, false);
        QVERIFY(stored.ok());
        const auto read = store.get(stored->id);
        QVERIFY(read.ok());
        QCOMPARE(read->data, in.data);
        QCOMPARE(read->message, in.message);
        QCOMPARE(read->priority, Priority::Info);
    }

    void minimalInput()
    {
        // Only the contract's required fields: the optional texts are stored as empty strings.
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        AlertInput in;
        in.patientId = u"1"_s;
        in.hospitalId = u"2"_s;
        in.priority = Priority::Low;
        in.title = u"Check lead"_s;
        const auto stored = store.insert(in, false);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : describe(stored.error())));
        const auto read = store.get(stored->id);
        QVERIFY(read.ok());
        QVERIFY(read->message.isEmpty());
        QVERIFY(read->type.isEmpty());
        QVERIFY(read->data.isEmpty());
        QCOMPARE(read.value(), stored.value());
    }

    void invalidInput_data()
    {
        QTest::addColumn<AlertInput>("in");
        QTest::addColumn<QString>("field");
        AlertInput noTitle = input(u"1"_s, u"2"_s);
        noTitle.title.clear();
        QTest::newRow("empty title") << noTitle << u"title"_s;
        AlertInput longTitle = input(u"1"_s, u"2"_s);
        longTitle.title = QString(vigil::protocol::maxTitleLength + 1, u't');
        QTest::newRow("long title") << longTitle << u"title"_s;
        AlertInput longMessage = input(u"1"_s, u"2"_s);
        longMessage.message = QString(vigil::protocol::maxMessageLength + 1, u'm');
        QTest::newRow("long message") << longMessage << u"message"_s;
        QTest::newRow("empty patient") << input(QString(), u"2"_s) << u"patient_id"_s;
        QTest::newRow("patient with _") << input(u"icu_7"_s, u"2"_s) << u"patient_id"_s;
        QTest::newRow("hospital with space") << input(u"1"_s, u"St Mary"_s) << u"hospital_id"_s;
        QTest::newRow("long hospital")
          << input(u"1"_s, QString(vigil::protocol::maxIdLength + 1, u'h')) << u"hospital_id"_s;
    }
    void invalidInput()
    {
        QFETCH(AlertInput, in);
        QFETCH(QString, field);
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        const auto stored = store.insert(in, false);
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error().code, Code::Invalid);
        QVERIFY2(stored.error().message.contains(field), qPrintable(stored.error().message));
        QCOMPARE(store.lastSeq().value(), 0);
    }

    void seqContinuesAcrossRestarts()
    {
        const QString file = newFile();
        QList<qint64> seen;
        for (int restart = 0; restart < 3; ++restart) {
            Database db;
            QVERIFY(db.open(u"sqlite://"_s + file).ok());
            SqlAlertStore store(db);
            for (int i = 0; i < 2; ++i) {
                const auto stored = store.insert(input(u"5"_s, u"123"_s), false);
                QVERIFY(stored.ok());
                seen.append(stored->seq);
            }
        }
        QCOMPARE(seen, (QList<qint64>{ 1, 2, 3, 4, 5, 6 }));

        // A deleted alert's seq is never handed out again.
        {
            Database db;
            QVERIFY(db.open(file).ok());
            QSqlQuery remove(db.connection());
            QVERIFY(remove.exec(u"DELETE FROM alert_events"_s));
            QVERIFY(remove.exec(u"DELETE FROM alerts"_s));
        }
        Database db;
        QVERIFY(db.open(file).ok());
        SqlAlertStore store(db);
        QCOMPARE(store.lastSeq().value(), 6);
        const auto stored = store.insert(input(u"5"_s, u"123"_s), false);
        QVERIFY(stored.ok());
        QCOMPARE(stored->seq, 7);
    }

    void insertManyIsAllOrNothing()
    {
        Database db;
        QVERIFY(db.open(newFile()).ok());
        SqlAlertStore store(db);
        QVERIFY(store.insert(input(u"42"_s, u"123"_s), false).ok());

        const auto batch = store.insertMany({ NewAlert{ input(u"1"_s, u"123"_s), false },
                                              NewAlert{ input(u"2"_s, u"123"_s), true },
                                              NewAlert{ input(u"3"_s, u"123"_s), false } });
        QVERIFY(batch.ok());
        QCOMPARE(seqs(batch.value()), (QList<qint64>{ 2, 3, 4 }));
        QVERIFY(batch->at(1).suppressed);

        // The third alert claims patient 42 for another hospital: nothing of the batch is kept.
        const auto refused = store.insertMany({ NewAlert{ input(u"10"_s, u"123"_s), false },
                                                NewAlert{ input(u"11"_s, u"123"_s), false },
                                                NewAlert{ input(u"42"_s, u"999"_s), false } });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, Code::Conflict);
        HistoryQuery all;
        all.hospitalIds = { u"123"_s, u"999"_s };
        QCOMPARE(seqs(store.history(all).value()), (QList<qint64>{ 1, 2, 3, 4 }));
        QCOMPARE(store.patientHospital(u"10"_s).error().code, Code::NotFound);

        // A validation error names the alert's index and stores nothing.
        AlertInput bad = input(u"12"_s, u"123"_s);
        bad.title.clear();
        const auto invalid =
          store.insertMany({ NewAlert{ input(u"12"_s, u"123"_s), false }, NewAlert{ bad, false } });
        QVERIFY(!invalid.ok());
        QCOMPARE(invalid.error().code, Code::Invalid);
        QVERIFY2(invalid.error().message.startsWith(u"alert 1:"),
                 qPrintable(invalid.error().message));
        QCOMPARE(store.history(all)->size(), 4);

        QVERIFY(store.insertMany({}).ok());
        // Later inserts keep increasing past the rolled-back ones.
        const auto next = store.insert(input(u"13"_s, u"123"_s), false);
        QVERIFY(next.ok());
        QVERIFY(next->seq > 4);
    }

    void patientBelongsToFirstHospital()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        QVERIFY(store.insert(input(u"42"_s, u"123"_s), false).ok());
        const auto moved = store.insert(input(u"42"_s, u"456"_s), false);
        QVERIFY(!moved.ok());
        QCOMPARE(moved.error().code, Code::Conflict);
        QVERIFY(moved.error().message.contains(u"123"));
        QCOMPARE(store.patientHospital(u"42"_s).value(), u"123"_s);
        QCOMPARE(store.patientHospital(u"43"_s).error().code, Code::NotFound);

        // A triage entry claims a patient too.
        TriageEntry entry;
        entry.patientId = u"77"_s;
        entry.hospitalId = u"456"_s;
        const auto triaged = store.upsertTriage(entry);
        QVERIFY2(triaged.ok(), qPrintable(triaged.ok() ? QString() : describe(triaged.error())));
        QCOMPARE(store.patientHospital(u"77"_s).value(), u"456"_s);
        QCOMPARE(store.insert(input(u"77"_s, u"123"_s), false).error().code, Code::Conflict);
        entry.patientId = u"42"_s;
        QCOMPARE(store.upsertTriage(entry).error().code, Code::Conflict);
    }

    void acknowledgeIsIdempotent()
    {
        Database db;
        QVERIFY(db.open(newFile()).ok());
        SqlAlertStore store(db);
        qint64 now = baseTime;
        store.setClock([&now] { return now; });
        const Alert alert = store.insert(input(u"42"_s, u"123"_s), false).value();

        now += 5'000;
        const auto first = store.acknowledge(alert.id, u"alice"_s);
        QVERIFY(first.ok());
        QVERIFY(first->changed);
        QCOMPARE(first->alert.state, AlertState::Acknowledged);
        QCOMPARE(first->alert.acknowledgedBy, u"alice"_s);
        QCOMPARE(first->alert.acknowledgedAt, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC));
        QCOMPARE(store.get(alert.id).value(), first->alert);

        now += 5'000;
        const auto second = store.acknowledge(alert.id, u"bob"_s);
        QVERIFY(second.ok());
        QVERIFY(!second->changed);
        QCOMPARE(second->alert, first->alert);
        QCOMPARE(store.get(alert.id)->acknowledgedBy, u"alice"_s);

        const auto events = store.stateHistory(alert.id).value();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(1),
                 (AlertEvent{ AlertState::Acknowledged,
                              u"alice"_s,
                              QDateTime::fromMSecsSinceEpoch(baseTime + 5'000, Qt::UTC) }));

        // Resolve, then acknowledging leaves it resolved.
        const auto resolved = store.resolve(alert.id, u"carol"_s);
        QVERIFY(resolved.ok());
        QVERIFY(resolved->changed);
        QCOMPARE(resolved->alert.state, AlertState::Resolved);
        QCOMPARE(resolved->alert.acknowledgedBy, u"alice"_s);
        QVERIFY(!store.resolve(alert.id, u"carol"_s)->changed);
        const auto late = store.acknowledge(alert.id, u"dave"_s);
        QVERIFY(!late->changed);
        QCOMPARE(late->alert.state, AlertState::Resolved);
        QCOMPARE(store.stateHistory(alert.id)->size(), 3);
    }

    void acknowledgeErrors()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        const Alert alert = store.insert(input(u"42"_s, u"123"_s), false).value();
        QCOMPARE(store.acknowledge(u"nope"_s, u"alice"_s).error().code, Code::NotFound);
        QCOMPARE(store.acknowledge(QString(), u"alice"_s).error().code, Code::NotFound);
        QCOMPARE(store.acknowledge(QString(10'000, u'x'), u"alice"_s).error().code, Code::NotFound);
        QCOMPARE(store.acknowledge(alert.id, QString()).error().code, Code::Invalid);
        QCOMPARE(store.get(u"nope"_s).error().code, Code::NotFound);
        QCOMPARE(store.stateHistory(u"nope"_s).error().code, Code::NotFound);
        QCOMPARE(store.get(alert.id)->state, AlertState::Active);
    }

    void history_data()
    {
        QTest::addColumn<HistoryQuery>("query");
        QTest::addColumn<QList<qint64>>("expected");
        // The fixture: seq 1 p1/h1 high, 2 p2/h1 low, 3 p3/h2 high, 4 p1/h1 medium, 5 p4/h3 high.
        HistoryQuery q;
        q.patientIds = { u"p1"_s };
        QTest::newRow("patient") << q << QList<qint64>{ 1, 4 };
        q = {};
        q.hospitalIds = { u"h1"_s };
        QTest::newRow("hospital") << q << QList<qint64>{ 1, 2, 4 };
        q = {};
        q.patientIds = { u"p3"_s };
        q.hospitalIds = { u"h1"_s };
        QTest::newRow("union") << q << QList<qint64>{ 1, 2, 3, 4 };
        q = {};
        q.rooms = { u"patient_p2"_s, u"hospital_h3"_s };
        QTest::newRow("rooms") << q << QList<qint64>{ 2, 5 };
        q = {};
        q.rooms = { u"triage_queue"_s };
        QTest::newRow("triage sees nothing by default") << q << QList<qint64>{};
        q.triageScope = HospitalScope::only({ u"h1"_s, u"h2"_s });
        QTest::newRow("triage of visible hospitals") << q << QList<qint64>{ 1, 3 };
        q.triageScope = HospitalScope::everything();
        QTest::newRow("triage, admin") << q << QList<qint64>{ 1, 3, 5 };
        q = {};
        q.hospitalIds = { u"h1"_s, u"h2"_s, u"h3"_s };
        q.afterSeq = 2;
        QTest::newRow("after seq") << q << QList<qint64>{ 3, 4, 5 };
        q.limit = 2;
        QTest::newRow("limit") << q << QList<qint64>{ 3, 4 };
        q.afterSeq = 5;
        QTest::newRow("past the end") << q << QList<qint64>{};
        q = {};
        q.hospitalIds = { u"h1"_s, u"h1"_s };
        q.patientIds = { u"p1"_s };
        QTest::newRow("duplicates") << q << QList<qint64>{ 1, 2, 4 };
        q = {};
        q.patientIds = { u"unknown"_s };
        QTest::newRow("unknown patient") << q << QList<qint64>{};
        q = {};
        q.hospitalIds = { u"h1"_s };
        q.limit = 1'000'000;
        QTest::newRow("limit clamped") << q << QList<qint64>{ 1, 2, 4 };
    }
    void history()
    {
        QFETCH(HistoryQuery, query);
        QFETCH(QList<qint64>, expected);
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        QVERIFY(store
                  .insertMany({ NewAlert{ input(u"p1"_s, u"h1"_s, Priority::High), false },
                                NewAlert{ input(u"p2"_s, u"h1"_s, Priority::Low), false },
                                NewAlert{ input(u"p3"_s, u"h2"_s, Priority::High), false },
                                NewAlert{ input(u"p1"_s, u"h1"_s, Priority::Medium), false },
                                NewAlert{ input(u"p4"_s, u"h3"_s, Priority::High), false } })
                  .ok());
        const auto result = store.history(query);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : describe(result.error())));
        QCOMPARE(seqs(result.value()), expected);
    }

    void historyRefusesBadQueries_data()
    {
        QTest::addColumn<HistoryQuery>("query");
        HistoryQuery q;
        QTest::newRow("nothing named") << q;
        q.patientIds = { u"1"_s };
        q.limit = 0;
        QTest::newRow("limit 0") << q;
        q.limit = 10;
        q.afterSeq = -1;
        QTest::newRow("negative after_seq") << q;
        q = {};
        q.rooms = { u"Patient-1"_s };
        QTest::newRow("invalid room") << q;
        q.rooms = { u"ward_7"_s };
        QTest::newRow("unknown room kind") << q;
        q = {};
        q.patientIds = { u"a'b"_s };
        QTest::newRow("bad id") << q;
        q = {};
        for (int i = 0; i <= maxQueryIds; ++i)
            q.hospitalIds.append(QString::number(i));
        QTest::newRow("too many ids") << q;
    }
    void historyRefusesBadQueries()
    {
        QFETCH(HistoryQuery, query);
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        QVERIFY(store.insert(input(u"1"_s, u"2"_s), false).ok());
        const auto result = store.history(query);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Code::Invalid);
    }

    void activeAlerts()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        SqlAlertStore store(db);
        const auto stored = store.insertMany({ NewAlert{ input(u"p1"_s, u"h1"_s), false },
                                               NewAlert{ input(u"p2"_s, u"h1"_s), false },
                                               NewAlert{ input(u"p3"_s, u"h2"_s), false },
                                               NewAlert{ input(u"p4"_s, u"h1"_s), false } });
        QVERIFY(stored.ok());
        QVERIFY(store.acknowledge(stored->at(1).id, u"alice"_s).ok());
        QVERIFY(store.resolve(stored->at(3).id, u"alice"_s).ok());
        QCOMPARE(seqs(store.active(HospitalScope::only({ u"h1"_s })).value()),
                 (QList<qint64>{ 1 }));
        QCOMPARE(seqs(store.active(HospitalScope::everything()).value()), (QList<qint64>{ 1, 3 }));
        QCOMPARE(seqs(store.active(HospitalScope::everything(), 1).value()), (QList<qint64>{ 1 }));
        QCOMPARE(store.active(HospitalScope{}).value().size(), 0);
        QCOMPARE(store.active(HospitalScope::everything(), 0).error().code, Code::Invalid);
    }

    void triageQueue()
    {
        Database db;
        QVERIFY(db.open(newFile()).ok());
        SqlAlertStore store(db);
        store.setClock([] { return baseTime; });
        const auto entry =
          [](const QString &patient, const QString &hospital, int acuity, qint64 waitingSince) {
              TriageEntry e;
              e.patientId = patient;
              e.hospitalId = hospital;
              e.displayName = u"Patient "_s + patient;
              e.acuity = acuity;
              e.riskScore = 0.5;
              e.status = TriageStatus::Waiting;
              e.waitingSince = QDateTime::fromMSecsSinceEpoch(waitingSince, Qt::UTC);
              return e;
          };
        QVERIFY(store.upsertTriage(entry(u"a"_s, u"h1"_s, 3, baseTime - 1'000)).ok());
        QVERIFY(store.upsertTriage(entry(u"b"_s, u"h1"_s, 1, baseTime - 500)).ok());
        QVERIFY(store.upsertTriage(entry(u"c"_s, u"h1"_s, 3, baseTime - 9'000)).ok());
        QVERIFY(store.upsertTriage(entry(u"d"_s, u"h2"_s, 2, baseTime)).ok());

        const auto order = [](const QList<TriageEntry> &entries) {
            QStringList ids;
            for (const TriageEntry &e : entries)
                ids.append(e.patientId);
            return ids;
        };
        QCOMPARE(order(store.triage(HospitalScope::only({ u"h1"_s })).value()),
                 (QStringList{ u"b"_s, u"c"_s, u"a"_s }));
        QCOMPARE(order(store.triage(HospitalScope::everything()).value()),
                 (QStringList{ u"b"_s, u"d"_s, u"c"_s, u"a"_s }));
        QVERIFY(store.triage(HospitalScope{})->isEmpty());

        // Upsert replaces the patient's entry; an unset updated_at becomes now.
        TriageEntry changed = entry(u"a"_s, u"h1"_s, 1, baseTime - 20'000);
        changed.status = TriageStatus::InTriage;
        changed.riskScore = 0.93;
        const auto stored = store.upsertTriage(changed);
        QVERIFY(stored.ok());
        QCOMPARE(stored->updatedAt, QDateTime::fromMSecsSinceEpoch(baseTime, Qt::UTC));
        const auto list = store.triage(HospitalScope::only({ u"h1"_s })).value();
        QCOMPARE(order(list), (QStringList{ u"a"_s, u"b"_s, u"c"_s }));
        QCOMPARE(list.at(0), stored.value());
        QCOMPARE(list.at(0).status, TriageStatus::InTriage);

        TriageEntry bad = entry(u"e"_s, u"h1"_s, 6, baseTime);
        QCOMPARE(store.upsertTriage(bad).error().code, Code::Invalid);
        bad.acuity = 2;
        bad.riskScore = 1.5;
        QCOMPARE(store.upsertTriage(bad).error().code, Code::Invalid);
        bad.riskScore = qQNaN();
        QCOMPARE(store.upsertTriage(bad).error().code, Code::Invalid);
    }

    void closedStoreReportsAnError()
    {
        Database db;
        SqlAlertStore store(db);
        QCOMPARE(store.insert(input(u"1"_s, u"2"_s), false).error().code, Code::Io);
        HistoryQuery q;
        q.patientIds = { u"1"_s };
        QCOMPARE(store.history(q).error().code, Code::Io);
        QCOMPARE(store.lastSeq().error().code, Code::Io);
    }

    void lockedDatabaseGivesBusy()
    {
        const QString file = newFile();
        Database db;
        DatabaseOptions options;
        options.busyTimeoutMs = 200;
        QVERIFY(db.open(file, options).ok());
        SqlAlertStore store(db);
        const Alert before = store.insert(input(u"1"_s, u"2"_s), false).value();

        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
            locker.setDatabaseName(file);
            QVERIFY(locker.open());
            QSqlQuery lock(locker);
            QVERIFY2(lock.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(lock.lastError().text()));

            const auto blocked = store.insert(input(u"1"_s, u"2"_s), false);
            QVERIFY(!blocked.ok());
            QCOMPARE(blocked.error().code, Code::Busy);
            QVERIFY2(blocked.error().message.contains(u"locked"),
                     qPrintable(blocked.error().message));
            QCOMPARE(store.acknowledge(before.id, u"alice"_s).error().code, Code::Busy);
            // Readers are not blocked by a writer in WAL mode.
            QVERIFY(store.get(before.id).ok());

            QVERIFY(lock.exec(u"ROLLBACK"_s));
            locker.close();
        }
        QSqlDatabase::removeDatabase(u"locker"_s);

        // Once the lock is gone, writes work again and nothing half-stored is left behind.
        const auto after = store.insert(input(u"1"_s, u"2"_s), false);
        QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : describe(after.error())));
        HistoryQuery q;
        q.patientIds = { u"1"_s };
        QCOMPARE(store.history(q)->size(), 2);
        QCOMPARE(store.get(before.id)->state, AlertState::Active);
    }

    void readOnlyDatabase_data()
    {
        QTest::addColumn<bool>("fileMode");
        QTest::newRow("opened read-only") << false;
        QTest::newRow("file mode 0444") << true;
    }
    void readOnlyDatabase()
    {
        QFETCH(bool, fileMode);
        if (fileMode && ::geteuid() == 0)
            QSKIP("root writes to read-only files; the read-only open covers the same error");
        const QString file = newFile();
        QString id;
        {
            Database db;
            QVERIFY(db.open(file).ok());
            SqlAlertStore store(db);
            id = store.insert(input(u"1"_s, u"2"_s), false)->id;
            QSqlQuery checkpoint(db.connection());
            QVERIFY(checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
        }
        DatabaseOptions options;
        if (fileMode)
            QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        else
            options.readOnly = true;

        Database db;
        const auto opened = db.open(file, options);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : describe(opened.error())));
        SqlAlertStore store(db);
        const auto refused = store.insert(input(u"1"_s, u"2"_s), false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, Code::ReadOnly);
        QVERIFY2(refused.error().message.contains(u"read-only"),
                 qPrintable(refused.error().message));
        QCOMPARE(store.acknowledge(id, u"alice"_s).error().code, Code::ReadOnly);
        TriageEntry entry;
        entry.patientId = u"1"_s;
        entry.hospitalId = u"2"_s;
        QCOMPARE(store.upsertTriage(entry).error().code, Code::ReadOnly);
        // Reading still works.
        QCOMPARE(store.get(id)->state, AlertState::Active);
        QCOMPARE(store.lastSeq().value(), 1);
        if (fileMode)
            QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void fullDatabaseGivesFull()
    {
        Database db;
        QVERIFY(db.open(newFile()).ok());
        SqlAlertStore store(db);
        const Alert first = store.insert(input(u"1"_s, u"2"_s), false).value();
        QSqlQuery limit(db.connection());
        QVERIFY(limit.exec(u"PRAGMA page_count"_s) && limit.next());
        const int pages = limit.value(0).toInt();
        limit.finish();
        QVERIFY(limit.exec(u"PRAGMA max_page_count = %1"_s.arg(pages + 2)));

        AlertInput big = input(u"1"_s, u"2"_s);
        big.message = QString(vigil::protocol::maxMessageLength, u'x');
        std::optional<StoreError> error;
        int stored = 0;
        for (int i = 0; i < 1'000 && !error; ++i) {
            const auto result = store.insert(big, false);
            if (result.ok())
                ++stored;
            else
                error = result.error();
        }
        QVERIFY(error.has_value());
        QCOMPARE(error->code, Code::Full);
        QVERIFY2(error->message.contains(u"full"), qPrintable(error->message));
        // Everything that was reported stored is still there.
        HistoryQuery q;
        q.patientIds = { u"1"_s };
        QCOMPARE(store.history(q)->size(), stored + 1);
        QCOMPARE(store.get(first.id)->id, first.id);
    }

    void survivesSigkill()
    {
        const QString file = newFile();
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), { u"--child-insert"_s, file });
        QVERIFY2(child.waitForStarted(30'000), qPrintable(child.errorString()));
        QByteArray line;
        for (int i = 0; i < 60 && !line.endsWith('\n'); ++i) {
            if (child.state() == QProcess::NotRunning)
                break;
            child.waitForReadyRead(1'000);
            line += child.readAll();
        }
        QVERIFY2(line.startsWith("stored "), line.constData());
        child.kill(); // SIGKILL: no destructor, no close, no checkpoint
        QVERIFY(child.waitForFinished(30'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QList<QByteArray> fields = line.trimmed().split(' ');
        QCOMPARE(fields.size(), 7);
        Database db;
        QVERIFY(db.open(file).ok());
        SqlAlertStore store(db);
        for (int i = 0; i < 3; ++i) {
            const QString id = QString::fromLatin1(fields.at(1 + 2 * i));
            const auto alert = store.get(id);
            QVERIFY2(alert.ok(), qPrintable(id));
            QCOMPARE(alert->seq, fields.at(2 + 2 * i).toLongLong());
            QCOMPARE(alert->suppressed, i == 1);
        }
        QCOMPARE(store.lastSeq().value(), 3);
        // And seq continues after the crash.
        QCOMPARE(store.insert(input(u"7"_s, u"123"_s), false)->seq, 4);
    }
};

int main(int argc, char **argv)
{
    // The test re-runs itself as the process to kill in survivesSigkill.
    if (argc == 3 && qstrcmp(argv[1], "--child-insert") == 0) {
        QCoreApplication app(argc, argv);
        return childInsert(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestAlertStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_alertstore.moc"
