// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringMatcher>

#include "protocol/Contract.h"

namespace vigil::console {

class AlertTableModel;

/// Sorts and filters an AlertTableModel. The default order (sort column -1) puts what needs a
/// nurse first: unacknowledged before acknowledged before resolved, then high priority first, then
/// newest first. Any column sorts by the model's SortRole values instead. Filters combine with AND;
/// within one filter any listed value matches. An empty list means "no filter".
class AlertFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AlertFilterProxyModel(QObject *parent = nullptr);
    ~AlertFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    /// `column` < 0 selects the default order (the order is then ignored).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    void sortByDefaultOrder() { sort(-1); }
    bool isDefaultOrder() const { return m_defaultOrder; }

    void setPriorityFilter(const QList<protocol::Priority> &priorities);
    QList<protocol::Priority> priorityFilter() const;

    void setStateFilter(const QList<protocol::AlertState> &states);
    QList<protocol::AlertState> stateFilter() const;

    /// Alerts of any of these rooms: `patient_<id>`, `hospital_<id>`, and `triage_queue`, which
    /// carries the high-priority alerts of every hospital the station may see (CONTRACT §5). A
    /// room of kind Other matches nothing.
    void setRoomFilter(const QList<protocol::RoomName> &rooms);
    QList<protocol::RoomName> roomFilter() const { return m_rooms; }

    /// Case-insensitive substring of title, message, patient id or type (`sepsis risk` also
    /// finds type `sepsis_risk`). Surrounding blanks are ignored.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }

    void clearFilters();

    /// Whether an alert passes every filter; filterAcceptsRow() applies this to source rows.
    bool accepts(const protocol::Alert &alert) const;

Q_SIGNALS:
    void filtersChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void filterChanged();

    /// Reads alerts straight from the source: sorting 100,000 rows through QVariant would cost
    /// an allocation-free but still needless conversion per comparison.
    QPointer<AlertTableModel> m_alerts;
    bool m_defaultOrder = true;
    unsigned m_priorityMask = 0;
    unsigned m_stateMask = 0;
    QList<protocol::RoomName> m_rooms;
    QSet<QString> m_roomPatients;
    QSet<QString> m_roomHospitals;
    bool m_roomTriage = false;
    QString m_text;
    /// Boyer-Moore tables built once per filter text: 100,000 rows times four fields add up.
    QStringMatcher m_textMatcher;
    QStringMatcher m_typeMatcher;
};

} // namespace vigil::console
