// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QString>

#include "protocol/Contract.h"

namespace vigil::console {

/// The cell colours of a priority: the alarm colours of IEC 60601-1-8 practice (red, yellow,
/// cyan) with a text colour of at least 7:1 contrast; info is neutral grey. The table and the
/// main window's priority counters use the same ones.
struct PriorityColours
{
    QColor background;
    QColor foreground;
};
PriorityColours priorityColours(protocol::Priority priority);

/// Every alert of the followed rooms, one row per alert id, in arrival order. Sorting and filtering
/// belong to AlertFilterProxyModel; this model only merges, so a live alert costs O(1) here.
class AlertTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Priority,
        Time,
        Patient,
        Hospital,
        Type,
        Title,
        State,
        AcknowledgedBy,
        AcknowledgedAt,
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role
    {
        /// The column's raw value: priority rank (3 high .. 0 info), msecs since the epoch, state
        /// rank (0 active, 1 acknowledged, 2 resolved) or the unformatted text.
        SortRole = Qt::UserRole,
        AlertIdRole,
        PriorityRole, ///< protocol::Priority
        StateRole,    ///< protocol::AlertState
        SeqRole,
        CreatedAtRole,
        /// Arrived while the station was offline and nobody has reviewed it yet.
        OfflineRole,
        PatientIdRole,
        HospitalIdRole,
        AlertRole, ///< the whole protocol::Alert
    };
    Q_ENUM(Role)

    struct UpsertResult
    {
        qsizetype inserted = 0;
        qsizetype updated = 0;
        /// Copies that were stale (an older state or seq than the row holds) or had no id.
        qsizetype ignored = 0;
    };

    explicit AlertTableModel(QObject *parent = nullptr);
    ~AlertTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Merges by id. New alerts are appended with one rowsInserted for the whole batch; rows that
    /// changed get one dataChanged spanning them. A copy never moves an alert back to an earlier
    /// state (acknowledged stays acknowledged when an older active copy arrives later), and a
    /// copy with a lower seq than the row never replaces it. `arrivedOffline` marks the new rows
    /// until markReviewed(); updates of rows the nurse has already seen do not mark them.
    UpsertResult upsertAlerts(const QList<protocol::Alert> &alerts, bool arrivedOffline = false);

    /// The alert in `row`, or an empty Alert (empty id) when `row` is out of range.
    const protocol::Alert &alert(int row) const;
    /// The row of alert `id` or -1.
    int rowForId(const QString &id) const;
    bool isOffline(int row) const;

    /// False when `id` is unknown or was not marked.
    bool markReviewed(const QString &id);
    void markAllReviewed();
    /// Alerts that arrived while offline and are not yet reviewed.
    int offlineCount() const { return m_offlineCount; }

    void clear();

    static QString priorityText(protocol::Priority priority);
    static QString priorityAccessibleText(protocol::Priority priority);
    static QString stateText(protocol::AlertState state);
    static QString typeText(const QString &type);
    static QString timeText(const QDateTime &time);
    /// The value SortRole returns for `column`.
    static QVariant sortValue(const protocol::Alert &alert, int column);
    /// Orders two alerts by `column` the way SortRole's values order them (ids numerically when
    /// both are numbers). Negative, zero or positive.
    static int compareColumn(const protocol::Alert &left, const protocol::Alert &right, int column);
    /// 0 active, 1 acknowledged, 2 resolved: the order in which an alert's life moves on.
    static int stateRank(protocol::AlertState state);

Q_SIGNALS:
    void offlineCountChanged(int count);

private:
    struct Row
    {
        protocol::Alert alert;
        bool offline = false;
    };

    void setOfflineCount(int count);

    QList<Row> m_rows;
    QHash<QString, int> m_rowById;
    int m_offlineCount = 0;
};

} // namespace vigil::console
