// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

#include "console/AlertFilterProxyModel.h"
#include "console/AlertTableModel.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;
using namespace vigil::protocol;

namespace {

const QDateTime baseTime(QDate(2026, 11, 25), QTime(17, 0), Qt::UTC);

struct Spec
{
    const char *id;
    Priority priority;
    AlertState state;
    int minute; ///< created at baseTime + minute
    const char *patient;
    const char *hospital;
    const char *type;
    const char *title;
};

Alert fromSpec(const Spec &s, qint64 seq)
{
    Alert a;
    a.id = QString::fromLatin1(s.id);
    a.seq = seq;
    a.priority = s.priority;
    a.state = s.state;
    a.createdAt = baseTime.addSecs(60 * s.minute);
    a.patientId = QString::fromLatin1(s.patient);
    a.hospitalId = QString::fromLatin1(s.hospital);
    a.type = QString::fromLatin1(s.type);
    a.title = QString::fromLatin1(s.title);
    a.message = u"Message of %1"_s.arg(a.id);
    a.source = u"test"_s;
    if (s.state != AlertState::Active) {
        a.acknowledgedBy = u"nurse%1"_s.arg(seq);
        a.acknowledgedAt = a.createdAt.addSecs(30);
    }
    return a;
}

// A small ward: ids name what matters for ordering (priority letter, state, minute).
const Spec ward[] = {
    { "h_act_10",
      Priority::High,
      AlertState::Active,
      10,
      "42",
      "123",
      "sepsis_risk",
      "Sepsis risk 0.87" },
    { "m_act_30", Priority::Medium, AlertState::Active, 30, "7", "123", "vitals", "HR 134>120" },
    { "h_ack_50",
      Priority::High,
      AlertState::Acknowledged,
      50,
      "42",
      "123",
      "deterioration",
      "NEWS2 7" },
    { "l_act_40", Priority::Low, AlertState::Active, 40, "100", "456", "technical", "Sensor off" },
    { "h_act_20", Priority::High, AlertState::Active, 20, "9", "456", "vitals", "SpO2 85<90" },
    { "i_res_60", Priority::Info, AlertState::Resolved, 60, "7", "123", "vitals", "Info note" },
    { "m_ack_05",
      Priority::Medium,
      AlertState::Acknowledged,
      5,
      "100",
      "456",
      "sepsis_risk",
      "Risk 0.55" },
};

QList<Alert> wardAlerts()
{
    QList<Alert> alerts;
    qint64 seq = 1;
    for (const Spec &s : ward)
        alerts.append(fromSpec(s, seq++));
    return alerts;
}

} // namespace

class tst_AlertFilterProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void defaultOrder();
    void defaultOrderKeepsLiveInsertsInPlace();
    void acknowledgingMovesAlertDown();
    void mixedBatchKeepsOrder();
    void sortByColumn_data();
    void sortByColumn();
    void backToDefaultOrder();
    void idsSortNumerically();
    void priorityFilter();
    void stateFilter();
    void roomFilter_data();
    void roomFilter();
    void textFilter_data();
    void textFilter();
    void combinedFilters();
    void filterAppliesToLiveAlerts();
    void clearFilters();
    void filtersChangedOnlyOnChange();
    void otherSourceModelFallsBack();

private:
    QStringList ids() const;

    std::unique_ptr<AlertTableModel> m_model;
    std::unique_ptr<AlertFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

void tst_AlertFilterProxyModel::init()
{
    m_model = std::make_unique<AlertTableModel>();
    m_proxy = std::make_unique<AlertFilterProxyModel>();
    m_proxy->setSourceModel(m_model.get());
    m_modelTester = std::make_unique<QAbstractItemModelTester>(
      m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(
      m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->upsertAlerts(wardAlerts());
}

void tst_AlertFilterProxyModel::cleanup()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_proxy.reset();
    m_model.reset();
}

QStringList tst_AlertFilterProxyModel::ids() const
{
    QStringList result;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        result.append(m_proxy->index(row, 0).data(AlertTableModel::AlertIdRole).toString());
    return result;
}

void tst_AlertFilterProxyModel::defaultOrder()
{
    QVERIFY(m_proxy->isDefaultOrder());
    const QStringList expected{ u"h_act_20"_s, u"h_act_10"_s, u"m_act_30"_s, u"l_act_40"_s,
                                u"h_ack_50"_s, u"m_ack_05"_s, u"i_res_60"_s };
    QCOMPARE(ids(), expected);
}

void tst_AlertFilterProxyModel::defaultOrderKeepsLiveInsertsInPlace()
{
    const Spec live[] = {
        { "h_act_90", Priority::High, AlertState::Active, 90, "42", "123", "vitals", "HR 150>120" },
        { "l_act_95", Priority::Low, AlertState::Active, 95, "42", "123", "vitals", "Lead off" },
    };
    m_model->upsertAlerts({ fromSpec(live[0], 100) });
    m_model->upsertAlerts({ fromSpec(live[1], 101) });
    const QStringList expected{ u"h_act_90"_s, u"h_act_20"_s, u"h_act_10"_s,
                                u"m_act_30"_s, u"l_act_95"_s, u"l_act_40"_s,
                                u"h_ack_50"_s, u"m_ack_05"_s, u"i_res_60"_s };
    QCOMPARE(ids(), expected);
}

void tst_AlertFilterProxyModel::acknowledgingMovesAlertDown()
{
    Alert acked = m_model->alert(m_model->rowForId(u"h_act_20"_s));
    acked.state = AlertState::Acknowledged;
    acked.acknowledgedBy = u"nurse.joy"_s;
    acked.acknowledgedAt = acked.createdAt.addSecs(5);
    m_model->upsertAlerts({ acked });
    const QStringList expected{ u"h_act_10"_s, u"m_act_30"_s, u"l_act_40"_s, u"h_ack_50"_s,
                                u"h_act_20"_s, u"m_ack_05"_s, u"i_res_60"_s };
    QCOMPARE(ids(), expected);
}

void tst_AlertFilterProxyModel::mixedBatchKeepsOrder()
{
    // One batch that both changes known rows and brings new ones, as a backfill page does.
    Alert acked = m_model->alert(m_model->rowForId(u"h_act_20"_s));
    acked.state = AlertState::Acknowledged;
    Alert resolved = m_model->alert(m_model->rowForId(u"m_ack_05"_s));
    resolved.state = AlertState::Resolved;
    const Spec fresh[] = {
        { "m_act_35", Priority::Medium, AlertState::Active, 35, "5", "123", "vitals", "RR 30>25" },
        { "h_ack_55", Priority::High, AlertState::Acknowledged, 55, "5", "123", "vitals", "x" },
    };
    m_model->upsertAlerts({ acked, fromSpec(fresh[0], 20), resolved, fromSpec(fresh[1], 21) });
    const QStringList expected{ u"h_act_10"_s, u"m_act_35"_s, u"m_act_30"_s,
                                u"l_act_40"_s, u"h_ack_55"_s, u"h_ack_50"_s,
                                u"h_act_20"_s, u"m_ack_05"_s, u"i_res_60"_s };
    QCOMPARE(ids(), expected);
}

void tst_AlertFilterProxyModel::sortByColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");

    // Equal values keep seq order (ascending), reversed for a descending sort.
    QTest::newRow("priority asc") << int(AlertTableModel::Priority) << Qt::AscendingOrder
                                  << QStringList{ u"i_res_60"_s, u"l_act_40"_s, u"m_act_30"_s,
                                                  u"m_ack_05"_s, u"h_act_10"_s, u"h_ack_50"_s,
                                                  u"h_act_20"_s };
    QTest::newRow("priority desc")
      << int(AlertTableModel::Priority) << Qt::DescendingOrder
      << QStringList{ u"h_act_20"_s, u"h_ack_50"_s, u"h_act_10"_s, u"m_ack_05"_s,
                      u"m_act_30"_s, u"l_act_40"_s, u"i_res_60"_s };
    QTest::newRow("time asc") << int(AlertTableModel::Time) << Qt::AscendingOrder
                              << QStringList{ u"m_ack_05"_s, u"h_act_10"_s, u"h_act_20"_s,
                                              u"m_act_30"_s, u"l_act_40"_s, u"h_ack_50"_s,
                                              u"i_res_60"_s };
    QTest::newRow("time desc") << int(AlertTableModel::Time) << Qt::DescendingOrder
                               << QStringList{ u"i_res_60"_s, u"h_ack_50"_s, u"l_act_40"_s,
                                               u"m_act_30"_s, u"h_act_20"_s, u"h_act_10"_s,
                                               u"m_ack_05"_s };
    QTest::newRow("patient asc (numeric)")
      << int(AlertTableModel::Patient) << Qt::AscendingOrder
      << QStringList{ u"m_act_30"_s, u"i_res_60"_s, u"h_act_20"_s, u"h_act_10"_s,
                      u"h_ack_50"_s, u"l_act_40"_s, u"m_ack_05"_s };
    QTest::newRow("state asc") << int(AlertTableModel::State) << Qt::AscendingOrder
                               << QStringList{ u"h_act_10"_s, u"m_act_30"_s, u"l_act_40"_s,
                                               u"h_act_20"_s, u"h_ack_50"_s, u"m_ack_05"_s,
                                               u"i_res_60"_s };
    QTest::newRow("title asc") << int(AlertTableModel::Title) << Qt::AscendingOrder
                               << QStringList{ u"m_act_30"_s, u"i_res_60"_s, u"h_ack_50"_s,
                                               u"m_ack_05"_s, u"l_act_40"_s, u"h_act_10"_s,
                                               u"h_act_20"_s };
    QTest::newRow("type asc") << int(AlertTableModel::Type) << Qt::AscendingOrder
                              << QStringList{ u"h_ack_50"_s, u"h_act_10"_s, u"m_ack_05"_s,
                                              u"l_act_40"_s, u"m_act_30"_s, u"h_act_20"_s,
                                              u"i_res_60"_s };
    QTest::newRow("acknowledged at asc")
      << int(AlertTableModel::AcknowledgedAt) << Qt::AscendingOrder
      << QStringList{ u"h_act_10"_s, u"m_act_30"_s, u"l_act_40"_s, u"h_act_20"_s,
                      u"m_ack_05"_s, u"h_ack_50"_s, u"i_res_60"_s };
}

void tst_AlertFilterProxyModel::sortByColumn()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);

    m_proxy->sort(column, order);
    QVERIFY(!m_proxy->isDefaultOrder());
    QCOMPARE(m_proxy->sortColumn(), column);
    QCOMPARE(ids(), expected);
}

void tst_AlertFilterProxyModel::backToDefaultOrder()
{
    // Column 0 ascending is also what the default order rides on; switching between them must
    // still re-sort.
    m_proxy->sort(AlertTableModel::Priority, Qt::AscendingOrder);
    QCOMPARE(ids().first(), u"i_res_60"_s);
    m_proxy->sort(-1);
    QVERIFY(m_proxy->isDefaultOrder());
    QCOMPARE(ids().first(), u"h_act_20"_s);
    QCOMPARE(ids().last(), u"i_res_60"_s);
    m_proxy->sort(AlertTableModel::Priority, Qt::AscendingOrder);
    QCOMPARE(ids().first(), u"i_res_60"_s);
}

void tst_AlertFilterProxyModel::idsSortNumerically()
{
    m_model->clear();
    QList<Alert> alerts;
    qint64 seq = 1;
    for (const char *patient : { "10", "9", "abc", "100", "Abd" }) {
        Alert a = fromSpec(ward[0], seq);
        a.id = u"p%1"_s.arg(seq++);
        a.patientId = QString::fromLatin1(patient);
        alerts.append(a);
    }
    m_model->upsertAlerts(alerts);
    m_proxy->sort(AlertTableModel::Patient, Qt::AscendingOrder);
    QStringList patients;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        patients.append(m_proxy->index(row, AlertTableModel::Patient).data().toString());
    QCOMPARE(patients, (QStringList{ u"9"_s, u"10"_s, u"100"_s, u"abc"_s, u"Abd"_s }));
}

void tst_AlertFilterProxyModel::priorityFilter()
{
    m_proxy->setPriorityFilter({ Priority::High });
    QCOMPARE(ids(), (QStringList{ u"h_act_20"_s, u"h_act_10"_s, u"h_ack_50"_s }));
    QCOMPARE(m_proxy->priorityFilter(), QList<Priority>{ Priority::High });
    m_proxy->setPriorityFilter({ Priority::Low, Priority::Info });
    QCOMPARE(ids(), (QStringList{ u"l_act_40"_s, u"i_res_60"_s }));
    m_proxy->setPriorityFilter({});
    QCOMPARE(m_proxy->rowCount(), 7);
}

void tst_AlertFilterProxyModel::stateFilter()
{
    m_proxy->setStateFilter({ AlertState::Acknowledged });
    QCOMPARE(ids(), (QStringList{ u"h_ack_50"_s, u"m_ack_05"_s }));
    m_proxy->setStateFilter({ AlertState::Active, AlertState::Resolved });
    QCOMPARE(
      ids(),
      (QStringList{ u"h_act_20"_s, u"h_act_10"_s, u"m_act_30"_s, u"l_act_40"_s, u"i_res_60"_s }));
    QCOMPARE(m_proxy->stateFilter(),
             (QList<AlertState>{ AlertState::Active, AlertState::Resolved }));
}

void tst_AlertFilterProxyModel::roomFilter_data()
{
    QTest::addColumn<QStringList>("rooms");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("patient") << QStringList{ u"patient_42"_s }
                             << QStringList{ u"h_act_10"_s, u"h_ack_50"_s };
    QTest::newRow("hospital") << QStringList{ u"hospital_456"_s }
                              << QStringList{ u"h_act_20"_s, u"l_act_40"_s, u"m_ack_05"_s };
    QTest::newRow("triage is high priority")
      << QStringList{ u"triage_queue"_s }
      << QStringList{ u"h_act_20"_s, u"h_act_10"_s, u"h_ack_50"_s };
    QTest::newRow("patient or patient")
      << QStringList{ u"patient_42"_s, u"patient_7"_s }
      << QStringList{ u"h_act_10"_s, u"m_act_30"_s, u"h_ack_50"_s, u"i_res_60"_s };
    QTest::newRow("hospital or triage")
      << QStringList{ u"hospital_123"_s, u"triage_queue"_s }
      << QStringList{ u"h_act_20"_s, u"h_act_10"_s, u"m_act_30"_s, u"h_ack_50"_s, u"i_res_60"_s };
    QTest::newRow("unknown patient") << QStringList{ u"patient_999"_s } << QStringList{};
    QTest::newRow("other kind matches nothing") << QStringList{ u"ward_5"_s } << QStringList{};
}

void tst_AlertFilterProxyModel::roomFilter()
{
    QFETCH(QStringList, rooms);
    QFETCH(QStringList, expected);

    QList<RoomName> names;
    for (const QString &room : rooms) {
        const auto parsed = RoomName::parse(room);
        QVERIFY2(parsed, qPrintable(room));
        names.append(*parsed);
    }
    m_proxy->setRoomFilter(names);
    QCOMPARE(ids(), expected);
    m_proxy->setRoomFilter({});
    QCOMPARE(m_proxy->rowCount(), 7);
}

void tst_AlertFilterProxyModel::textFilter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("title, any case") << u"SEPSIS RISK 0"_s << QStringList{ u"h_act_10"_s };
    QTest::newRow("message") << u"message of l_act"_s << QStringList{ u"l_act_40"_s };
    QTest::newRow("patient") << u"100"_s << QStringList{ u"l_act_40"_s, u"m_ack_05"_s };
    QTest::newRow("type raw") << u"deterior"_s << QStringList{ u"h_ack_50"_s };
    // m_ack_05's title lacks the words; its type `sepsis_risk` has them.
    QTest::newRow("type as words")
      << u"sepsis risk"_s << QStringList{ u"h_act_10"_s, u"m_ack_05"_s };
    QTest::newRow("blanks trimmed") << u"  spo2 "_s << QStringList{ u"h_act_20"_s };
    QTest::newRow("hospital is not searched") << u"456"_s << QStringList{};
    QTest::newRow("nothing") << u"zzz"_s << QStringList{};
    QTest::newRow("empty means all")
      << u"   "_s << QStringList{ u"h_act_20"_s, u"h_act_10"_s, u"m_act_30"_s, u"l_act_40"_s,
                                  u"h_ack_50"_s, u"m_ack_05"_s, u"i_res_60"_s };
}

void tst_AlertFilterProxyModel::textFilter()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    m_proxy->setTextFilter(text);
    QCOMPARE(ids(), expected);
}

void tst_AlertFilterProxyModel::combinedFilters()
{
    m_proxy->setPriorityFilter({ Priority::High, Priority::Medium });
    m_proxy->setStateFilter({ AlertState::Active });
    m_proxy->setRoomFilter({ RoomName::hospital(u"123"_s) });
    QCOMPARE(ids(), (QStringList{ u"h_act_10"_s, u"m_act_30"_s }));
    m_proxy->setTextFilter(u"hr"_s);
    QCOMPARE(ids(), (QStringList{ u"m_act_30"_s }));
    m_proxy->setStateFilter({ AlertState::Acknowledged });
    QCOMPARE(ids(), QStringList{});
}

void tst_AlertFilterProxyModel::filterAppliesToLiveAlerts()
{
    m_proxy->setPriorityFilter({ Priority::High });
    m_proxy->setStateFilter({ AlertState::Active });
    QCOMPARE(m_proxy->rowCount(), 2);

    QSignalSpy proxyInserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
    const Spec low{ "l_act_99", Priority::Low, AlertState::Active, 99, "1", "1", "vitals", "x" };
    m_model->upsertAlerts({ fromSpec(low, 50) });
    QCOMPARE(proxyInserted.size(), 0);
    QCOMPARE(m_proxy->rowCount(), 2);

    // Acknowledging takes the alert out of an "active only" view.
    Alert acked = m_model->alert(m_model->rowForId(u"h_act_10"_s));
    acked.state = AlertState::Acknowledged;
    m_model->upsertAlerts({ acked });
    QCOMPARE(ids(), QStringList{ u"h_act_20"_s });
}

void tst_AlertFilterProxyModel::clearFilters()
{
    m_proxy->setPriorityFilter({ Priority::Info });
    m_proxy->setTextFilter(u"nothing matches"_s);
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->clearFilters();
    QCOMPARE(m_proxy->rowCount(), 7);
    QVERIFY(m_proxy->priorityFilter().isEmpty());
    QVERIFY(m_proxy->textFilter().isEmpty());
}

void tst_AlertFilterProxyModel::filtersChangedOnlyOnChange()
{
    QSignalSpy changed(m_proxy.get(), &AlertFilterProxyModel::filtersChanged);
    m_proxy->setTextFilter(u"sepsis"_s);
    m_proxy->setTextFilter(u" sepsis "_s);
    QCOMPARE(changed.size(), 1);
    m_proxy->setPriorityFilter({ Priority::High, Priority::Low });
    m_proxy->setPriorityFilter({ Priority::Low, Priority::High });
    QCOMPARE(changed.size(), 2);
    m_proxy->clearFilters();
    m_proxy->clearFilters();
    QCOMPARE(changed.size(), 3);
}

void tst_AlertFilterProxyModel::otherSourceModelFallsBack()
{
    QStandardItemModel other(3, 1);
    other.setItem(0, 0, new QStandardItem(u"b"_s));
    other.setItem(1, 0, new QStandardItem(u"c"_s));
    other.setItem(2, 0, new QStandardItem(u"a"_s));
    m_proxy->setSourceModel(&other);
    m_proxy->setSortRole(Qt::DisplayRole);
    m_proxy->sort(0, Qt::AscendingOrder);
    QCOMPARE(m_proxy->rowCount(), 3);
    QCOMPARE(m_proxy->index(0, 0).data().toString(), u"a"_s);
    m_proxy->setSourceModel(m_model.get());
    m_proxy->setSortRole(AlertTableModel::SortRole);
    m_proxy->sort(-1);
    QCOMPARE(ids().first(), u"h_act_20"_s);
}

QTEST_MAIN(tst_AlertFilterProxyModel)
#include "tst_alertfilterproxymodel.moc"
