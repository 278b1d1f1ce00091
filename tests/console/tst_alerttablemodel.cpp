// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cmath>
#include <memory>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

#include "console/AlertTableModel.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;
using namespace vigil::protocol;

namespace {

const QDateTime baseTime(QDate(2026, 11, 25), QTime(17, 0), Qt::UTC);

Alert makeAlert(const QString &id,
                qint64 seq,
                Priority priority = Priority::High,
                AlertState state = AlertState::Active)
{
    Alert a;
    a.id = id;
    a.seq = seq;
    a.patientId = u"42"_s;
    a.hospitalId = u"123"_s;
    a.type = u"sepsis_risk"_s;
    a.priority = priority;
    a.title = u"Sepsis risk 0.87"_s;
    a.message = u"Risk rose from 0.41 to 0.87 in 2 h"_s;
    a.source = u"risk_engine"_s;
    a.createdAt = baseTime.addSecs(seq);
    a.state = state;
    if (state != AlertState::Active) {
        a.acknowledgedBy = u"nurse.joy"_s;
        a.acknowledgedAt = baseTime.addSecs(seq + 60);
    }
    return a;
}

QList<Alert> makeAlerts(int first, int count)
{
    QList<Alert> alerts;
    for (int i = first; i < first + count; ++i)
        alerts.append(makeAlert(u"a%1"_s.arg(i), i));
    return alerts;
}

double luminance(const QColor &colour)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class tst_AlertTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void emptyModel();
    void headers();
    void displayText_data();
    void displayText();
    void sortRole_data();
    void sortRole();
    void priorityColours_data();
    void priorityColours();
    void activeRowsAreBold();
    void identityRoles();
    void batchInsertIsOneSignal();
    void duplicateInLaterBatchKeepsOneRow();
    void duplicateInSameBatchKeepsOneRow();
    void updateBatchIsOneRangedDataChanged();
    void identicalCopyChangesNothing();
    void stateNeverDowngraded_data();
    void stateNeverDowngraded();
    void lowerSeqIgnored();
    void alertWithoutIdIgnored();
    void offlineMarking();
    void updateDoesNotMarkSeenRowOffline();
    void markReviewed();
    void markAllReviewed();
    void clearResets();
    void outOfRangeAccess();
    void backfillInBatches();

private:
    std::unique_ptr<AlertTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_AlertTableModel::init()
{
    m_model = std::make_unique<AlertTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
      m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_AlertTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_AlertTableModel::emptyModel()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(AlertTableModel::ColumnCount));
    QCOMPARE(m_model->offlineCount(), 0);
    QCOMPARE(m_model->rowForId(u"nope"_s), -1);
}

void tst_AlertTableModel::headers()
{
    QSet<QString> seen;
    for (int c = 0; c < AlertTableModel::ColumnCount; ++c) {
        const QString header = m_model->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(!header.isEmpty(), qPrintable(u"column %1"_s.arg(c)));
        seen.insert(header);
    }
    QCOMPARE(seen.size(), int(AlertTableModel::ColumnCount));
    QCOMPARE(m_model->headerData(AlertTableModel::AcknowledgedBy, Qt::Horizontal).toString(),
             u"Acknowledged by"_s);
}

void tst_AlertTableModel::displayText_data()
{
    QTest::addColumn<Alert>("alert");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");

    const Alert high = makeAlert(u"h"_s, 1, Priority::High);
    QTest::newRow("high") << high << int(AlertTableModel::Priority) << u"*** High"_s;
    QTest::newRow("medium") << makeAlert(u"m"_s, 1, Priority::Medium)
                            << int(AlertTableModel::Priority) << u"** Medium"_s;
    QTest::newRow("low") << makeAlert(u"l"_s, 1, Priority::Low) << int(AlertTableModel::Priority)
                         << u"* Low"_s;
    QTest::newRow("info") << makeAlert(u"i"_s, 1, Priority::Info) << int(AlertTableModel::Priority)
                          << u"Info"_s;
    QTest::newRow("time") << high << int(AlertTableModel::Time) << u"2026-11-25 17:00:01"_s;
    QTest::newRow("patient") << high << int(AlertTableModel::Patient) << u"42"_s;
    QTest::newRow("hospital") << high << int(AlertTableModel::Hospital) << u"123"_s;
    QTest::newRow("known type") << high << int(AlertTableModel::Type) << u"Sepsis risk"_s;
    Alert custom = high;
    custom.type = u"fall_detected"_s;
    QTest::newRow("other type") << custom << int(AlertTableModel::Type) << u"fall detected"_s;
    QTest::newRow("title") << high << int(AlertTableModel::Title) << u"Sepsis risk 0.87"_s;
    QTest::newRow("active") << high << int(AlertTableModel::State) << u"Active"_s;
    const Alert acked = makeAlert(u"a"_s, 1, Priority::High, AlertState::Acknowledged);
    QTest::newRow("acknowledged") << acked << int(AlertTableModel::State) << u"Acknowledged"_s;
    QTest::newRow("resolved") << makeAlert(u"r"_s, 1, Priority::High, AlertState::Resolved)
                              << int(AlertTableModel::State) << u"Resolved"_s;
    QTest::newRow("ack by") << acked << int(AlertTableModel::AcknowledgedBy) << u"nurse.joy"_s;
    QTest::newRow("ack at") << acked << int(AlertTableModel::AcknowledgedAt)
                            << u"2026-11-25 17:01:01"_s;
    QTest::newRow("no ack by") << high << int(AlertTableModel::AcknowledgedBy) << QString();
    QTest::newRow("no ack at") << high << int(AlertTableModel::AcknowledgedAt) << QString();
}

void tst_AlertTableModel::displayText()
{
    QFETCH(Alert, alert);
    QFETCH(int, column);
    QFETCH(QString, expected);

    m_model->upsertAlerts({ alert });
    QCOMPARE(m_model->data(m_model->index(0, column)).toString(), expected);
}

void tst_AlertTableModel::sortRole_data()
{
    QTest::addColumn<Alert>("alert");
    QTest::addColumn<int>("column");
    QTest::addColumn<QVariant>("expected");

    const Alert high = makeAlert(u"h"_s, 7, Priority::High);
    const Alert acked = makeAlert(u"a"_s, 7, Priority::Low, AlertState::Acknowledged);
    QTest::newRow("high rank") << high << int(AlertTableModel::Priority) << QVariant(3);
    QTest::newRow("medium rank") << makeAlert(u"m"_s, 1, Priority::Medium)
                                 << int(AlertTableModel::Priority) << QVariant(2);
    QTest::newRow("low rank") << acked << int(AlertTableModel::Priority) << QVariant(1);
    QTest::newRow("info rank") << makeAlert(u"i"_s, 1, Priority::Info)
                               << int(AlertTableModel::Priority) << QVariant(0);
    QTest::newRow("time msecs") << high << int(AlertTableModel::Time)
                                << QVariant(baseTime.addSecs(7).toMSecsSinceEpoch());
    QTest::newRow("patient raw") << high << int(AlertTableModel::Patient) << QVariant(u"42"_s);
    QTest::newRow("hospital raw") << high << int(AlertTableModel::Hospital) << QVariant(u"123"_s);
    QTest::newRow("type raw") << high << int(AlertTableModel::Type) << QVariant(u"sepsis_risk"_s);
    QTest::newRow("title raw") << high << int(AlertTableModel::Title)
                               << QVariant(u"Sepsis risk 0.87"_s);
    QTest::newRow("active rank") << high << int(AlertTableModel::State) << QVariant(0);
    QTest::newRow("acknowledged rank") << acked << int(AlertTableModel::State) << QVariant(1);
    QTest::newRow("resolved rank") << makeAlert(u"r"_s, 1, Priority::Low, AlertState::Resolved)
                                   << int(AlertTableModel::State) << QVariant(2);
    QTest::newRow("ack by raw") << acked << int(AlertTableModel::AcknowledgedBy)
                                << QVariant(u"nurse.joy"_s);
    QTest::newRow("ack at msecs") << acked << int(AlertTableModel::AcknowledgedAt)
                                  << QVariant(baseTime.addSecs(67).toMSecsSinceEpoch());
    QTest::newRow("no ack at sorts first") << high << int(AlertTableModel::AcknowledgedAt)
                                           << QVariant(std::numeric_limits<qint64>::min());
}

void tst_AlertTableModel::sortRole()
{
    QFETCH(Alert, alert);
    QFETCH(int, column);
    QFETCH(QVariant, expected);

    m_model->upsertAlerts({ alert });
    QCOMPARE(m_model->data(m_model->index(0, column), AlertTableModel::SortRole), expected);
}

void tst_AlertTableModel::priorityColours_data()
{
    QTest::addColumn<Priority>("priority");
    QTest::newRow("high") << Priority::High;
    QTest::newRow("medium") << Priority::Medium;
    QTest::newRow("low") << Priority::Low;
    QTest::newRow("info") << Priority::Info;
}

void tst_AlertTableModel::priorityColours()
{
    QFETCH(Priority, priority);

    const QList<Priority> all{ Priority::High, Priority::Medium, Priority::Low, Priority::Info };
    QList<Alert> alerts;
    for (int i = 0; i < all.size(); ++i)
        alerts.append(makeAlert(u"p%1"_s.arg(i), i, all.at(i)));
    m_model->upsertAlerts(alerts);

    const int row = static_cast<int>(all.indexOf(priority));
    const QModelIndex cell = m_model->index(row, AlertTableModel::Priority);
    const QColor background = m_model->data(cell, Qt::BackgroundRole).value<QColor>();
    const QColor foreground = m_model->data(cell, Qt::ForegroundRole).value<QColor>();
    QVERIFY(background.isValid());
    QVERIFY(foreground.isValid());
    const double ratio = contrast(background, foreground);
    QVERIFY2(ratio >= 7.0, qPrintable(u"contrast %1"_s.arg(ratio)));

    for (int other = 0; other < all.size(); ++other) {
        if (other == row)
            continue;
        const QColor otherBackground =
          m_model->data(m_model->index(other, AlertTableModel::Priority), Qt::BackgroundRole)
            .value<QColor>();
        QVERIFY(otherBackground != background);
    }
    if (priority == Priority::High)
        QVERIFY(background.red() > 2 * background.green() &&
                background.red() > 2 * background.blue());

    // Colour belongs to the priority cell alone; the rest of the row uses the view's palette.
    QVERIFY(
      !m_model->data(m_model->index(row, AlertTableModel::Title), Qt::BackgroundRole).isValid());
    QVERIFY(!m_model->data(cell, Qt::AccessibleTextRole).toString().contains(u'*'));
}

void tst_AlertTableModel::activeRowsAreBold()
{
    m_model->upsertAlerts(
      { makeAlert(u"a"_s, 1), makeAlert(u"b"_s, 2, Priority::High, AlertState::Acknowledged) });
    QVERIFY(
      m_model->data(m_model->index(0, AlertTableModel::Title), Qt::FontRole).value<QFont>().bold());
    QVERIFY(!m_model->data(m_model->index(1, AlertTableModel::Title), Qt::FontRole).isValid());
}

void tst_AlertTableModel::identityRoles()
{
    Alert a = makeAlert(u"x1"_s, 9, Priority::Medium, AlertState::Acknowledged);
    a.patientId = u"7"_s;
    a.hospitalId = u"99"_s;
    m_model->upsertAlerts({ a });
    const QModelIndex idx = m_model->index(0, AlertTableModel::Title);
    QCOMPARE(m_model->data(idx, AlertTableModel::AlertIdRole).toString(), u"x1"_s);
    QCOMPARE(m_model->data(idx, AlertTableModel::SeqRole).toLongLong(), 9);
    QCOMPARE(m_model->data(idx, AlertTableModel::PriorityRole).value<Priority>(), Priority::Medium);
    QCOMPARE(m_model->data(idx, AlertTableModel::StateRole).value<AlertState>(),
             AlertState::Acknowledged);
    QCOMPARE(m_model->data(idx, AlertTableModel::PatientIdRole).toString(), u"7"_s);
    QCOMPARE(m_model->data(idx, AlertTableModel::HospitalIdRole).toString(), u"99"_s);
    QCOMPARE(m_model->data(idx, AlertTableModel::CreatedAtRole).toDateTime(), a.createdAt);
    QCOMPARE(m_model->data(idx, AlertTableModel::OfflineRole).toBool(), false);
    QCOMPARE(m_model->data(idx, AlertTableModel::AlertRole).value<Alert>(), a);
    QCOMPARE(m_model->data(m_model->index(0, AlertTableModel::Title), Qt::ToolTipRole).toString(),
             a.message);
}

void tst_AlertTableModel::batchInsertIsOneSignal()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const auto first = m_model->upsertAlerts(makeAlerts(0, 50));
    QCOMPARE(first.inserted, 50);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 49);

    m_model->upsertAlerts(makeAlerts(50, 10));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 50);
    QCOMPARE(inserted.at(1).at(2).toInt(), 59);
    QCOMPARE(m_model->rowCount(), 60);
    QCOMPARE(m_model->rowForId(u"a57"_s), 57);
    QCOMPARE(m_model->alert(57).id, u"a57"_s);
}

void tst_AlertTableModel::duplicateInLaterBatchKeepsOneRow()
{
    m_model->upsertAlerts(makeAlerts(0, 5));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const auto result = m_model->upsertAlerts({ makeAlert(u"a2"_s, 2), makeAlert(u"new"_s, 10) });
    QCOMPARE(result.inserted, 1);
    QCOMPARE(m_model->rowCount(), 6);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 5);
    QCOMPARE(m_model->rowForId(u"a2"_s), 2);
}

void tst_AlertTableModel::duplicateInSameBatchKeepsOneRow()
{
    const Alert active = makeAlert(u"d"_s, 3);
    const Alert acked = makeAlert(u"d"_s, 3, Priority::High, AlertState::Acknowledged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const auto result = m_model->upsertAlerts({ active, acked, active });
    QCOMPARE(result.inserted, 1);
    QCOMPARE(result.ignored, 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_model->alert(0).state, AlertState::Acknowledged);
}

void tst_AlertTableModel::updateBatchIsOneRangedDataChanged()
{
    m_model->upsertAlerts(makeAlerts(0, 20));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

    QList<Alert> updates;
    for (int i : { 12, 4, 9 }) {
        Alert a = makeAlert(u"a%1"_s.arg(i), i, Priority::High, AlertState::Acknowledged);
        updates.append(a);
    }
    const auto result = m_model->upsertAlerts(updates);
    QCOMPARE(result.updated, 3);
    QCOMPARE(result.inserted, 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 4);
    QCOMPARE(topLeft.column(), 0);
    QCOMPARE(bottomRight.row(), 12);
    QCOMPARE(bottomRight.column(), AlertTableModel::ColumnCount - 1);
    QCOMPARE(m_model->data(m_model->index(9, AlertTableModel::State)).toString(),
             u"Acknowledged"_s);
    QCOMPARE(m_model->data(m_model->index(10, AlertTableModel::State)).toString(), u"Active"_s);
}

void tst_AlertTableModel::identicalCopyChangesNothing()
{
    m_model->upsertAlerts(makeAlerts(0, 3));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const auto result = m_model->upsertAlerts(makeAlerts(0, 3));
    QCOMPARE(result.updated, 0);
    QCOMPARE(result.ignored, 3);
    QCOMPARE(changed.size(), 0);
}

void tst_AlertTableModel::stateNeverDowngraded_data()
{
    QTest::addColumn<AlertState>("held");
    QTest::addColumn<AlertState>("incoming");
    QTest::addColumn<AlertState>("expected");

    QTest::newRow("acknowledged stays")
      << AlertState::Acknowledged << AlertState::Active << AlertState::Acknowledged;
    QTest::newRow("resolved stays (active)")
      << AlertState::Resolved << AlertState::Active << AlertState::Resolved;
    QTest::newRow("resolved stays (ack)")
      << AlertState::Resolved << AlertState::Acknowledged << AlertState::Resolved;
    QTest::newRow("active to acknowledged")
      << AlertState::Active << AlertState::Acknowledged << AlertState::Acknowledged;
    QTest::newRow("acknowledged to resolved")
      << AlertState::Acknowledged << AlertState::Resolved << AlertState::Resolved;
    QTest::newRow("active to resolved")
      << AlertState::Active << AlertState::Resolved << AlertState::Resolved;
}

void tst_AlertTableModel::stateNeverDowngraded()
{
    QFETCH(AlertState, held);
    QFETCH(AlertState, incoming);
    QFETCH(AlertState, expected);

    m_model->upsertAlerts({ makeAlert(u"s"_s, 5, Priority::High, held) });
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->upsertAlerts({ makeAlert(u"s"_s, 5, Priority::High, incoming) });
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->alert(0).state, expected);
    QCOMPARE(changed.size(), expected == held ? 0 : 1);
    if (expected != AlertState::Active)
        QCOMPARE(m_model->alert(0).acknowledgedBy, u"nurse.joy"_s);
}

void tst_AlertTableModel::lowerSeqIgnored()
{
    Alert newer = makeAlert(u"q"_s, 10);
    newer.title = u"newer"_s;
    Alert older = makeAlert(u"q"_s, 9);
    older.title = u"older"_s;
    m_model->upsertAlerts({ newer });
    const auto result = m_model->upsertAlerts({ older });
    QCOMPARE(result.ignored, 1);
    QCOMPARE(m_model->alert(0).title, u"newer"_s);
}

void tst_AlertTableModel::alertWithoutIdIgnored()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const auto result = m_model->upsertAlerts({ makeAlert(QString(), 1), makeAlert(u"ok"_s, 2) });
    QCOMPARE(result.ignored, 1);
    QCOMPARE(result.inserted, 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->alert(0).id, u"ok"_s);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->rowForId(QString()), -1);
}

void tst_AlertTableModel::offlineMarking()
{
    QSignalSpy countChanged(m_model.get(), &AlertTableModel::offlineCountChanged);
    m_model->upsertAlerts(makeAlerts(0, 3), false);
    QCOMPARE(m_model->offlineCount(), 0);
    QCOMPARE(countChanged.size(), 0);

    m_model->upsertAlerts(makeAlerts(3, 4), true);
    QCOMPARE(m_model->offlineCount(), 4);
    QCOMPARE(countChanged.size(), 1);
    QCOMPARE(countChanged.at(0).at(0).toInt(), 4);
    QVERIFY(!m_model->isOffline(2));
    QVERIFY(m_model->isOffline(3));
    QCOMPARE(m_model->data(m_model->index(5, 0), AlertTableModel::OfflineRole).toBool(), true);
    QCOMPARE(m_model->data(m_model->index(1, 0), AlertTableModel::OfflineRole).toBool(), false);
    QVERIFY(m_model->data(m_model->index(5, AlertTableModel::Title), Qt::ToolTipRole)
              .toString()
              .contains(u"offline"_s));

    // A live copy of an alert that came in while offline does not count as reviewing it.
    m_model->upsertAlerts({ makeAlert(u"a4"_s, 4, Priority::High, AlertState::Acknowledged) },
                          false);
    QVERIFY(m_model->isOffline(4));
    QCOMPARE(m_model->offlineCount(), 4);
}

void tst_AlertTableModel::updateDoesNotMarkSeenRowOffline()
{
    m_model->upsertAlerts(makeAlerts(0, 2), false);
    QSignalSpy countChanged(m_model.get(), &AlertTableModel::offlineCountChanged);
    const auto result = m_model->upsertAlerts(
      { makeAlert(u"a1"_s, 1, Priority::High, AlertState::Acknowledged), makeAlert(u"b"_s, 5) },
      true);
    QCOMPARE(result.updated, 1);
    QCOMPARE(result.inserted, 1);
    QVERIFY(!m_model->isOffline(1));
    QVERIFY(m_model->isOffline(2));
    QCOMPARE(m_model->offlineCount(), 1);
    QCOMPARE(countChanged.size(), 1);
}

void tst_AlertTableModel::markReviewed()
{
    m_model->upsertAlerts(makeAlerts(0, 3), true);
    QSignalSpy countChanged(m_model.get(), &AlertTableModel::offlineCountChanged);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    QVERIFY(m_model->markReviewed(u"a1"_s));
    QCOMPARE(m_model->offlineCount(), 2);
    QCOMPARE(countChanged.size(), 1);
    QCOMPARE(countChanged.at(0).at(0).toInt(), 2);
    QVERIFY(!m_model->isOffline(1));
    QVERIFY(m_model->isOffline(0));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 1);

    QVERIFY(!m_model->markReviewed(u"a1"_s));
    QVERIFY(!m_model->markReviewed(u"unknown"_s));
    QCOMPARE(m_model->offlineCount(), 2);
    QCOMPARE(countChanged.size(), 1);
}

void tst_AlertTableModel::markAllReviewed()
{
    m_model->upsertAlerts(makeAlerts(0, 2), false);
    m_model->upsertAlerts(makeAlerts(2, 5), true);
    QSignalSpy countChanged(m_model.get(), &AlertTableModel::offlineCountChanged);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->markAllReviewed();
    QCOMPARE(m_model->offlineCount(), 0);
    QCOMPARE(countChanged.size(), 1);
    QCOMPARE(countChanged.at(0).at(0).toInt(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 6);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(!m_model->isOffline(row));

    m_model->markAllReviewed();
    QCOMPARE(countChanged.size(), 1);
    QCOMPARE(changed.size(), 1);
}

void tst_AlertTableModel::clearResets()
{
    m_model->upsertAlerts(makeAlerts(0, 4), true);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy countChanged(m_model.get(), &AlertTableModel::offlineCountChanged);
    m_model->clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowForId(u"a1"_s), -1);
    QCOMPARE(m_model->offlineCount(), 0);
    QCOMPARE(countChanged.size(), 1);

    // Ids are free again after a clear.
    QCOMPARE(m_model->upsertAlerts(makeAlerts(0, 2)).inserted, 2);
}

void tst_AlertTableModel::outOfRangeAccess()
{
    m_model->upsertAlerts(makeAlerts(0, 1));
    QVERIFY(m_model->alert(-1).id.isEmpty());
    QVERIFY(m_model->alert(1).id.isEmpty());
    QVERIFY(!m_model->isOffline(5));
    QVERIFY(!m_model->data(m_model->index(3, 0)).isValid());
    QVERIFY(!m_model->data(m_model->index(0, 0), Qt::UserRole + 500).isValid());
}

void tst_AlertTableModel::backfillInBatches()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    for (int batch = 0; batch < 20; ++batch)
        m_model->upsertAlerts(makeAlerts(batch * 500, 500), true);
    QCOMPARE(m_model->rowCount(), 10'000);
    QCOMPARE(inserted.size(), 20);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_model->offlineCount(), 10'000);
    QCOMPARE(m_model->rowForId(u"a9999"_s), 9'999);
    QCOMPARE(m_model->rowForId(u"a5000"_s), 5'000);

    // Backfill overlaps what live events already delivered: overlap merges, nothing doubles.
    m_model->upsertAlerts(makeAlerts(9'800, 400), true);
    QCOMPARE(m_model->rowCount(), 10'200);
    QCOMPARE(inserted.size(), 21);
}

QTEST_MAIN(tst_AlertTableModel)
#include "tst_alerttablemodel.moc"
