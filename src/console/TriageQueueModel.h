// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <utility>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include "protocol/Contract.h"

namespace vigil::console {

/// The triage queue: one row per patient of a hospital, keyed by (hospital_id, patient_id).
/// Entries whose status becomes `done` leave the queue (rows are removed): the queue shows who
/// still waits, and a finished patient's history lives with her alerts. Rows keep arrival order;
/// TriageQueueProxyModel orders them by acuity, then longest waiting first.
class TriageQueueModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Acuity,
        Patient,
        Hospital,
        RiskScore,
        Status,
        Waiting,
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role
    {
        /// Raw values: acuity 1..5, display name, hospital id, risk 0..1, status rank (waiting 0,
        /// in triage 1, done 2), waiting since in msecs since the epoch.
        SortRole = Qt::UserRole,
        PatientIdRole,
        HospitalIdRole,
        AcuityRole,
        StatusRole,       ///< protocol::TriageStatus
        WaitingSinceRole, ///< QDateTime
        EntryRole,        ///< the whole protocol::TriageEntry
    };
    Q_ENUM(Role)

    using Clock = std::function<QDateTime()>;

    explicit TriageQueueModel(QObject *parent = nullptr);
    ~TriageQueueModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Merges `triage_update`s. New patients are appended with one rowsInserted per batch, changed
    /// rows get one dataChanged spanning them, `done` removes the row. An entry older than the row
    /// (by `updated_at`) is ignored, and so is one without patient id.
    void upsertEntries(const QList<protocol::TriageEntry> &entries);
    /// Replaces the whole queue, e.g. with `GET /api/triage/queue` after a reconnect.
    void resetEntries(const QList<protocol::TriageEntry> &entries);
    void clear();

    /// The entry in `row`, or an empty entry when `row` is out of range.
    const protocol::TriageEntry &entry(int row) const;
    int rowFor(const QString &hospitalId, const QString &patientId) const;

    /// "Now" for the waiting times; tests pass a fixed clock.
    void setClock(Clock clock);
    /// The Waiting column shows how long each patient has waited; call this periodically (e.g.
    /// each minute) so the durations stay true. Emits one dataChanged for that column.
    void refreshWaitingTimes();

    static QString statusText(protocol::TriageStatus status);
    static int statusRank(protocol::TriageStatus status);
    /// "14:02 (35 min)": local time since when, and for how long up to `now`.
    static QString waitingText(const QDateTime &since, const QDateTime &now);
    static QString patientText(const protocol::TriageEntry &entry);
    static QVariant sortValue(const protocol::TriageEntry &entry, int column);
    /// Orders two entries by `column` the way SortRole's values order them.
    static int compareColumn(const protocol::TriageEntry &left,
                             const protocol::TriageEntry &right,
                             int column);

private:
    using Key = std::pair<QString, QString>;
    static Key keyOf(const protocol::TriageEntry &entry);
    static bool isStale(const protocol::TriageEntry &incoming, const protocol::TriageEntry &held);
    void rebuildIndex();
    void removeRowList(QList<int> rows);

    QList<protocol::TriageEntry> m_entries;
    QHash<Key, int> m_rowByKey;
    Clock m_clock;
};

} // namespace vigil::console
