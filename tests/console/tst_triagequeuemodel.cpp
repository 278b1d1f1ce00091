// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "console/TriageQueueModel.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;
using namespace vigil::protocol;

namespace {

const QDateTime now(QDate(2026, 11, 25), QTime(18, 0), Qt::UTC);

TriageEntry makeEntry(const QString &patient,
                      int acuity,
                      int waitedMinutes,
                      TriageStatus status = TriageStatus::Waiting,
                      const QString &hospital = u"123"_s)
{
    TriageEntry e;
    e.patientId = patient;
    e.hospitalId = hospital;
    e.displayName = u"Patient %1"_s.arg(patient);
    e.acuity = acuity;
    e.riskScore = 0.5;
    e.status = status;
    e.waitingSince = now.addSecs(-60 * waitedMinutes);
    e.updatedAt = now.addSecs(-30);
    return e;
}

} // namespace

class tst_TriageQueueModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void headers();
    void displayText_data();
    void displayText();
    void sortRole_data();
    void sortRole();
    void waitingText_data();
    void waitingText();
    void batchInsertIsOneSignal();
    void mergeByPatientAndHospital();
    void updateBatchIsOneRangedDataChanged();
    void doneLeavesTheQueue();
    void doneForUnknownPatientIgnored();
    void waitingThenDoneInOneBatch();
    void staleUpdateIgnored();
    void entryWithoutPatientIgnored();
    void resetEntries();
    void refreshWaitingTimes();
    void outOfRangeAccess();

private:
    std::unique_ptr<TriageQueueModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_TriageQueueModel::init()
{
    m_model = std::make_unique<TriageQueueModel>();
    m_model->setClock([] { return now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(
      m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_TriageQueueModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_TriageQueueModel::headers()
{
    QCOMPARE(m_model->columnCount(), int(TriageQueueModel::ColumnCount));
    QSet<QString> seen;
    for (int c = 0; c < TriageQueueModel::ColumnCount; ++c)
        seen.insert(m_model->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(seen.size(), int(TriageQueueModel::ColumnCount));
    QVERIFY(!seen.contains(QString()));
}

void tst_TriageQueueModel::displayText_data()
{
    QTest::addColumn<TriageEntry>("entry");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");

    TriageEntry e = makeEntry(u"42"_s, 2, 35);
    e.displayName = u"M. Curie"_s;
    e.riskScore = 0.873;
    QTest::newRow("acuity") << e << int(TriageQueueModel::Acuity) << u"2"_s;
    QTest::newRow("name") << e << int(TriageQueueModel::Patient) << u"M. Curie"_s;
    TriageEntry anonymous = e;
    anonymous.displayName.clear();
    QTest::newRow("no name") << anonymous << int(TriageQueueModel::Patient) << u"Patient 42"_s;
    QTest::newRow("hospital") << e << int(TriageQueueModel::Hospital) << u"123"_s;
    QTest::newRow("risk") << e << int(TriageQueueModel::RiskScore) << u"0.87"_s;
    QTest::newRow("waiting") << e << int(TriageQueueModel::Status) << u"Waiting"_s;
    TriageEntry inTriage = e;
    inTriage.status = TriageStatus::InTriage;
    QTest::newRow("in triage") << inTriage << int(TriageQueueModel::Status) << u"In triage"_s;
    QTest::newRow("since") << e << int(TriageQueueModel::Waiting) << u"17:25 (35 min)"_s;
}

void tst_TriageQueueModel::displayText()
{
    QFETCH(TriageEntry, entry);
    QFETCH(int, column);
    QFETCH(QString, expected);

    m_model->upsertEntries({ entry });
    QCOMPARE(m_model->index(0, column).data().toString(), expected);
}

void tst_TriageQueueModel::sortRole_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QVariant>("expected");

    QTest::newRow("acuity") << int(TriageQueueModel::Acuity) << QVariant(2);
    QTest::newRow("patient") << int(TriageQueueModel::Patient) << QVariant(u"Patient 42"_s);
    QTest::newRow("hospital") << int(TriageQueueModel::Hospital) << QVariant(u"123"_s);
    QTest::newRow("risk") << int(TriageQueueModel::RiskScore) << QVariant(0.5);
    QTest::newRow("status") << int(TriageQueueModel::Status) << QVariant(1);
    QTest::newRow("waiting since")
      << int(TriageQueueModel::Waiting) << QVariant(now.addSecs(-600).toMSecsSinceEpoch());
}

void tst_TriageQueueModel::sortRole()
{
    QFETCH(int, column);
    QFETCH(QVariant, expected);

    m_model->upsertEntries({ makeEntry(u"42"_s, 2, 10, TriageStatus::InTriage) });
    QCOMPARE(m_model->index(0, column).data(TriageQueueModel::SortRole), expected);
}

void tst_TriageQueueModel::waitingText_data()
{
    QTest::addColumn<QDateTime>("since");
    QTest::addColumn<QString>("expected");

    QTest::newRow("just now") << now << u"18:00 (0 min)"_s;
    QTest::newRow("minutes") << now.addSecs(-59 * 60) << u"17:01 (59 min)"_s;
    QTest::newRow("hours") << now.addSecs(-(2 * 60 + 5) * 60) << u"15:55 (2 h 05 min)"_s;
    QTest::newRow("other day") << now.addDays(-2).addSecs(-3600) << u"2026-11-23 17:00 (2 d 1 h)"_s;
    QTest::newRow("clock behind") << now.addSecs(300) << u"18:05 (0 min)"_s;
    QTest::newRow("unknown") << QDateTime() << QString();
}

void tst_TriageQueueModel::waitingText()
{
    QFETCH(QDateTime, since);
    QFETCH(QString, expected);
    QCOMPARE(TriageQueueModel::waitingText(since, now), expected);
}

void tst_TriageQueueModel::batchInsertIsOneSignal()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->upsertEntries(
      { makeEntry(u"1"_s, 3, 5), makeEntry(u"2"_s, 1, 2), makeEntry(u"3"_s, 5, 9) });
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(m_model->rowFor(u"123"_s, u"2"_s), 1);
}

void tst_TriageQueueModel::mergeByPatientAndHospital()
{
    m_model->upsertEntries({ makeEntry(u"1"_s, 3, 5) });
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    // The same patient id in another hospital is another patient.
    m_model->upsertEntries(
      { makeEntry(u"1"_s, 2, 5), makeEntry(u"1"_s, 4, 5, TriageStatus::Waiting, u"456"_s) });
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->entry(m_model->rowFor(u"123"_s, u"1"_s)).acuity, 2);
    QCOMPARE(m_model->entry(m_model->rowFor(u"456"_s, u"1"_s)).acuity, 4);
}

void tst_TriageQueueModel::updateBatchIsOneRangedDataChanged()
{
    QList<TriageEntry> entries;
    for (int i = 0; i < 6; ++i)
        entries.append(makeEntry(QString::number(i), 3, 10 + i));
    m_model->upsertEntries(entries);

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    TriageEntry a = entries.at(4);
    a.acuity = 1;
    a.updatedAt = now;
    TriageEntry b = entries.at(1);
    b.status = TriageStatus::InTriage;
    b.updatedAt = now;
    m_model->upsertEntries({ a, b, entries.at(2) });
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), 0);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 4);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(), TriageQueueModel::ColumnCount - 1);
    QCOMPARE(m_model->index(4, TriageQueueModel::Acuity).data().toString(), u"1"_s);
    QCOMPARE(m_model->index(1, TriageQueueModel::Status).data().toString(), u"In triage"_s);
}

void tst_TriageQueueModel::doneLeavesTheQueue()
{
    QList<TriageEntry> entries;
    for (int i = 0; i < 6; ++i)
        entries.append(makeEntry(QString::number(i), 3, 10 + i));
    m_model->upsertEntries(entries);

    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QList<TriageEntry> done;
    for (int i : { 1, 2, 4 }) {
        TriageEntry e = entries.at(i);
        e.status = TriageStatus::Done;
        e.updatedAt = now;
        done.append(e);
    }
    m_model->upsertEntries(done);
    QCOMPARE(m_model->rowCount(), 3);
    // Two runs: row 4, then rows 1..2.
    QCOMPARE(removed.size(), 2);
    QCOMPARE(m_model->rowFor(u"123"_s, u"2"_s), -1);
    QCOMPARE(m_model->rowFor(u"123"_s, u"0"_s), 0);
    QCOMPARE(m_model->rowFor(u"123"_s, u"3"_s), 1);
    QCOMPARE(m_model->rowFor(u"123"_s, u"5"_s), 2);
    QCOMPARE(m_model->entry(2).patientId, u"5"_s);
}

void tst_TriageQueueModel::doneForUnknownPatientIgnored()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->upsertEntries({ makeEntry(u"9"_s, 1, 1, TriageStatus::Done) });
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(inserted.size(), 0);
}

void tst_TriageQueueModel::waitingThenDoneInOneBatch()
{
    TriageEntry done = makeEntry(u"9"_s, 1, 1, TriageStatus::Done);
    done.updatedAt = now;
    m_model->upsertEntries({ makeEntry(u"9"_s, 1, 1), done, makeEntry(u"8"_s, 2, 1) });
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entry(0).patientId, u"8"_s);
}

void tst_TriageQueueModel::staleUpdateIgnored()
{
    TriageEntry fresh = makeEntry(u"1"_s, 1, 5);
    fresh.updatedAt = now;
    m_model->upsertEntries({ fresh });
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    TriageEntry old = makeEntry(u"1"_s, 4, 5, TriageStatus::Done);
    old.updatedAt = now.addSecs(-120);
    m_model->upsertEntries({ old });
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entry(0).acuity, 1);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(removed.size(), 0);
}

void tst_TriageQueueModel::entryWithoutPatientIgnored()
{
    m_model->upsertEntries({ makeEntry(QString(), 1, 5), makeEntry(u"2"_s, 1, 5) });
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entry(0).patientId, u"2"_s);
}

void tst_TriageQueueModel::resetEntries()
{
    m_model->upsertEntries({ makeEntry(u"1"_s, 1, 5), makeEntry(u"2"_s, 2, 5) });
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    TriageEntry done = makeEntry(u"3"_s, 1, 5, TriageStatus::Done);
    m_model->resetEntries(
      { makeEntry(u"3"_s, 3, 5), makeEntry(u"4"_s, 4, 5), done, makeEntry(QString(), 1, 1) });
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entry(0).patientId, u"4"_s);
    QCOMPARE(m_model->rowFor(u"123"_s, u"4"_s), 0);
    QCOMPARE(m_model->rowFor(u"123"_s, u"1"_s), -1);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowFor(u"123"_s, u"4"_s), -1);
}

void tst_TriageQueueModel::refreshWaitingTimes()
{
    QDateTime clock = now;
    m_model->setClock([&clock] { return clock; });
    m_model->upsertEntries({ makeEntry(u"1"_s, 1, 5), makeEntry(u"2"_s, 1, 7) });
    QCOMPARE(m_model->index(1, TriageQueueModel::Waiting).data().toString(), u"17:53 (7 min)"_s);

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    clock = now.addSecs(10 * 60);
    m_model->refreshWaitingTimes();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(),
             m_model->index(0, TriageQueueModel::Waiting));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(),
             m_model->index(1, TriageQueueModel::Waiting));
    QCOMPARE(m_model->index(1, TriageQueueModel::Waiting).data().toString(), u"17:53 (17 min)"_s);
    m_model->setClock({});
}

void tst_TriageQueueModel::outOfRangeAccess()
{
    QVERIFY(m_model->entry(0).patientId.isEmpty());
    QVERIFY(m_model->entry(-3).patientId.isEmpty());
    QCOMPARE(m_model->rowFor(u"1"_s, u"2"_s), -1);
    QVERIFY(!m_model->index(0, 0).data().isValid());
}

QTEST_MAIN(tst_TriageQueueModel)
#include "tst_triagequeuemodel.moc"
