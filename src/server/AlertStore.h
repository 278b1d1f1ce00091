// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "protocol/Contract.h"
#include "server/StoreError.h"

namespace vigil::server {

/// Which hospitals a query may see. The default sees none, so forgetting to fill it in never leaks
/// another hospital's alerts; admins use everything().
struct HospitalScope
{
    bool all = false;
    QStringList hospitalIds;

    static HospitalScope everything() { return { true, {} }; }
    static HospitalScope only(QStringList ids) { return { false, std::move(ids) }; }
};

/// GET /api/alerts/history: the union of the named patients, hospitals and rooms, after `afterSeq`,
/// ascending `seq`. The caller has already checked that the user may see what it names.
struct HistoryQuery
{
    QStringList patientIds;
    QStringList hospitalIds;
    /// `patient_<id>`, `hospital_<id>` or `triage_queue`; any other name is Invalid.
    QStringList rooms;
    /// `triage_queue` yields the high-priority alerts of these hospitals only.
    HospitalScope triageScope;
    qint64 afterSeq = 0;
    /// 1..maxHistoryLimit; larger values are clamped, smaller ones are Invalid.
    int limit = 500;
};

inline constexpr int maxHistoryLimit = 5'000;
/// Bounds one query's id lists (SQLite binds one variable per id).
inline constexpr int maxQueryIds = 1'000;

/// One alert to store and whether the rate limiter held back its live emit.
struct NewAlert
{
    protocol::AlertInput input;
    bool suppressed = false;
};

/// The outcome of acknowledge()/resolve(): the alert as stored now and whether this call changed it
/// (false for a repeated acknowledge: broadcast alert_updated only when true).
struct AlertTransition
{
    protocol::Alert alert;
    bool changed = false;
};

/// One row of an alert's state history: `active` when stored, then acknowledged / resolved.
struct AlertEvent
{
    protocol::AlertState state = protocol::AlertState::Active;
    QString actor; ///< the acknowledging user; the alert's source for `active`
    QDateTime at;

    friend bool operator==(const AlertEvent &, const AlertEvent &) = default;
};

/// Durable alerts, their state history, the triage queue and the patient → hospital map.
///
/// An interface so the service does not care where storage runs: SqlAlertStore works on the
/// calling thread (fine for a small site: a commit is one fsync), and an implementation that hands
/// the work to a database thread can replace it. Every call returns a value or a StoreError; none
/// throws, and a failed write leaves nothing half-stored.
class AlertStore
{
public:
    virtual ~AlertStore() = default;

    /// Stores one alert: assigns `id` (random, URL-safe), `seq` (strictly increasing, never
    /// reused), `created_at` and state `active`. Durable when this returns. Conflict when the
    /// patient already belongs to another hospital; Invalid for an input that breaks the contract.
    virtual StoreResult<protocol::Alert> insert(const protocol::AlertInput &input,
                                                bool suppressed) = 0;
    /// All or nothing, in one transaction (one fsync); seqs follow the list's order.
    virtual StoreResult<QList<protocol::Alert>> insertMany(const QList<NewAlert> &alerts) = 0;

    /// Idempotent: a second call keeps the first acknowledgement's user and time (changed=false).
    /// A resolved alert stays resolved. NotFound for an unknown id.
    virtual StoreResult<AlertTransition> acknowledge(const QString &id, const QString &user) = 0;
    /// Marks an alert resolved (from active or acknowledged); idempotent like acknowledge().
    virtual StoreResult<AlertTransition> resolve(const QString &id, const QString &user) = 0;

    virtual StoreResult<protocol::Alert> get(const QString &id) const = 0;
    virtual StoreResult<QList<protocol::Alert>> history(const HistoryQuery &query) const = 0;
    /// Active (neither acknowledged nor resolved) alerts of the scope, ascending seq, at most
    /// `limit` (clamped to maxHistoryLimit).
    virtual StoreResult<QList<protocol::Alert>> active(const HospitalScope &scope,
                                                       int limit = maxHistoryLimit) const = 0;
    virtual StoreResult<QList<AlertEvent>> stateHistory(const QString &id) const = 0;

    /// Inserts or replaces the patient's triage entry. Conflict when the patient belongs to
    /// another hospital. An invalid `waitingSince`/`updatedAt` is set to now.
    virtual StoreResult<protocol::TriageEntry> upsertTriage(const protocol::TriageEntry &entry) = 0;
    /// Ordered by acuity (1 first), then waiting time (longest first).
    virtual StoreResult<QList<protocol::TriageEntry>> triage(const HospitalScope &scope) const = 0;

    /// The hospital of the patient's first alert or triage entry; NotFound for an unknown patient.
    virtual StoreResult<QString> patientHospital(const QString &patientId) const = 0;
    /// The highest seq ever assigned (0 for an empty store), deletions included.
    virtual StoreResult<qint64> lastSeq() const = 0;

    /// `sqlite` or `postgresql`, for /api/health.
    virtual QString backendName() const = 0;
};

} // namespace vigil::server
