// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include "server/AlertStore.h"

namespace vigil::server {

class Database;

/// AlertStore on a Database (Qt SQL, SQLite). Runs on the thread that opened the database.
class SqlAlertStore final : public AlertStore
{
public:
    /// `database` must outlive the store and be open before the first call.
    explicit SqlAlertStore(Database &database);

    /// Milliseconds since the epoch (UTC) for created_at, acknowledged_at and triage times.
    using Clock = std::function<qint64()>;
    void setClock(Clock clock);

    StoreResult<protocol::Alert> insert(const protocol::AlertInput &input,
                                        bool suppressed) override;
    StoreResult<QList<protocol::Alert>> insertMany(const QList<NewAlert> &alerts) override;
    StoreResult<AlertTransition> acknowledge(const QString &id, const QString &user) override;
    StoreResult<AlertTransition> resolve(const QString &id, const QString &user) override;
    StoreResult<protocol::Alert> get(const QString &id) const override;
    StoreResult<QList<protocol::Alert>> history(const HistoryQuery &query) const override;
    StoreResult<QList<protocol::Alert>> active(const HospitalScope &scope,
                                               int limit = maxHistoryLimit) const override;
    StoreResult<QList<AlertEvent>> stateHistory(const QString &id) const override;
    StoreResult<protocol::TriageEntry> upsertTriage(const protocol::TriageEntry &entry) override;
    StoreResult<QList<protocol::TriageEntry>> triage(const HospitalScope &scope) const override;
    StoreResult<QString> patientHospital(const QString &patientId) const override;
    StoreResult<qint64> lastSeq() const override;
    QString backendName() const override;

private:
    StoreResult<AlertTransition> transition(const QString &id,
                                            const QString &user,
                                            protocol::AlertState target);
    /// Records the patient's hospital, or Conflict when it already has another one.
    StoreStatus claimPatient(const QString &patientId, const QString &hospitalId);
    StoreResult<protocol::Alert> insertOne(const NewAlert &alert, qint64 now);
    StoreStatus checkOpen() const;

    Database &m_database;
    Clock m_clock;
};

} // namespace vigil::server
