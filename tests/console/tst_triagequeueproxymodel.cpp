// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QAbstractItemModelTester>
#include <QTest>

#include "console/TriageQueueModel.h"
#include "console/TriageQueueProxyModel.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;
using namespace vigil::protocol;

namespace {

const QDateTime now(QDate(2026, 11, 25), QTime(18, 0), Qt::UTC);

TriageEntry makeEntry(const QString &patient, int acuity, int waitedMinutes, double risk = 0.5)
{
    TriageEntry e;
    e.patientId = patient;
    e.hospitalId = u"123"_s;
    e.displayName = u"Patient %1"_s.arg(patient);
    e.acuity = acuity;
    e.riskScore = risk;
    e.waitingSince = now.addSecs(-60 * waitedMinutes);
    e.updatedAt = now.addSecs(-60);
    return e;
}

} // namespace

class tst_TriageQueueProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void acuityThenLongestWaiting();
    void liveUpdatesKeepOrder();
    void sortByColumn_data();
    void sortByColumn();

private:
    QStringList patients() const;

    std::unique_ptr<TriageQueueModel> m_model;
    std::unique_ptr<TriageQueueProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_TriageQueueProxyModel::init()
{
    m_model = std::make_unique<TriageQueueModel>();
    m_model->setClock([] { return now; });
    m_proxy = std::make_unique<TriageQueueProxyModel>();
    m_proxy->setSourceModel(m_model.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
      m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->upsertEntries({ makeEntry(u"a"_s, 3, 40, 0.9),
                             makeEntry(u"b"_s, 1, 5, 0.2),
                             makeEntry(u"c"_s, 3, 90, 0.4),
                             makeEntry(u"d"_s, 2, 10, 0.7),
                             makeEntry(u"e"_s, 1, 30, 0.1) });
}

void tst_TriageQueueProxyModel::cleanup()
{
    m_tester.reset();
    m_proxy.reset();
    m_model.reset();
}

QStringList tst_TriageQueueProxyModel::patients() const
{
    QStringList result;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        result.append(m_proxy->index(row, 0).data(TriageQueueModel::PatientIdRole).toString());
    return result;
}

void tst_TriageQueueProxyModel::acuityThenLongestWaiting()
{
    QCOMPARE(m_proxy->sortColumn(), int(TriageQueueModel::Acuity));
    QCOMPARE(patients(), (QStringList{ u"e"_s, u"b"_s, u"d"_s, u"c"_s, u"a"_s }));
}

void tst_TriageQueueProxyModel::liveUpdatesKeepOrder()
{
    TriageEntry worse = makeEntry(u"a"_s, 1, 40, 0.95);
    worse.updatedAt = now;
    m_model->upsertEntries({ worse, makeEntry(u"f"_s, 2, 60) });
    QCOMPARE(patients(), (QStringList{ u"a"_s, u"e"_s, u"b"_s, u"f"_s, u"d"_s, u"c"_s }));

    TriageEntry done = makeEntry(u"e"_s, 1, 30);
    done.status = TriageStatus::Done;
    done.updatedAt = now;
    m_model->upsertEntries({ done });
    QCOMPARE(patients(), (QStringList{ u"a"_s, u"b"_s, u"f"_s, u"d"_s, u"c"_s }));
}

void tst_TriageQueueProxyModel::sortByColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("risk desc") << int(TriageQueueModel::RiskScore) << Qt::DescendingOrder
                               << QStringList{ u"a"_s, u"d"_s, u"c"_s, u"b"_s, u"e"_s };
    QTest::newRow("waiting asc (longest first)")
      << int(TriageQueueModel::Waiting) << Qt::AscendingOrder
      << QStringList{ u"c"_s, u"a"_s, u"e"_s, u"d"_s, u"b"_s };
    QTest::newRow("patient asc") << int(TriageQueueModel::Patient) << Qt::AscendingOrder
                                 << QStringList{ u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s };
    QTest::newRow("acuity desc") << int(TriageQueueModel::Acuity) << Qt::DescendingOrder
                                 << QStringList{ u"a"_s, u"c"_s, u"d"_s, u"b"_s, u"e"_s };
}

void tst_TriageQueueProxyModel::sortByColumn()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);

    m_proxy->sort(column, order);
    QCOMPARE(patients(), expected);
}

QTEST_MAIN(tst_TriageQueueProxyModel)
#include "tst_triagequeueproxymodel.moc"
