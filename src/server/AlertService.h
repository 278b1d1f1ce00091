// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QCborArray>
#include <QCborMap>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "protocol/Contract.h"
#include "server/AlertStore.h"
#include "server/AlertWriter.h"
#include "server/RateLimiter.h"
#include "server/User.h"

namespace vigil::server {

class Ack;
class AuthMiddleware;
class Namespace;
class ServerSocket;
class SocketIoServer;

struct AlertServiceOptions
{
    /// How often `/monitor` gets socket_status (CONTRACT §6: 5 s).
    int statusIntervalMs = 5'000;
    /// Publishes waiting for the next store pass beyond this are refused as busy, so a flood of
    /// publishes cannot grow memory without bound.
    qsizetype maxQueuedAlerts = 50'000;
    /// A publish that finds the store locked by another process (a backup, an admin command) is
    /// retried, with the event loop free between attempts, for this long before it fails as
    /// busy (ms).
    int storeRetryMs = 10'000;
    /// How often connected sockets are checked for revoked tokens (user removed, password
    /// changed) and disconnected; 0 turns the sweep off.
    int revocationSweepMs = 30'000;
};

/// The alert service of CONTRACT §2–§6 on a SocketIoServer: validates, stores, rate-limits and
/// broadcasts alerts; room joins with the access rules; acknowledge; triage updates; `/monitor`
/// socket_status every 5 s; alerts_suppressed summaries when a rate-limit window closes.
///
/// Every alert is committed to the store before it is emitted or acknowledged as stored. Publishes
/// that arrive while the previous batch is being committed share the next insertMany() (one
/// commit, one fsync); with an AlertWriter the commit runs off the event loop.
///
/// Broadcasts are encoded once per event: patient_alert and alert_updated go to
/// `patient_<p>`, `hospital_<h>` and, for high priority, the triage rooms, as one room list, so a
/// socket in several of them gets the event once. Members of `triage_queue` also sit in internal
/// per-hospital rooms (`triage_queue@<h>`, `triage_queue@*` for admins; `@` cannot pass the room
/// regex, so clients cannot join them), and triage traffic goes to those: a member only receives
/// hospitals it may see, with no per-recipient filtering.
class AlertService final : public QObject
{
    Q_OBJECT

public:
    using PublishCallback = std::function<void(const StoreResult<QList<protocol::Alert>> &result)>;

    /// `io`, `store`, `writer`, `limiter` and `auth` must outlive the service. Reads,
    /// acknowledgements and triage go to `store`; publishes are committed by `writer`, on its own
    /// thread, so the event loop never waits for their fsync. Registers the middlewares and
    /// handlers of `/` and `/monitor`.
    AlertService(SocketIoServer *io,
                 AlertStore &store,
                 AlertWriter &writer,
                 RateLimiter &limiter,
                 const AuthMiddleware &auth,
                 AlertServiceOptions options = {},
                 QObject *parent = nullptr);
    ~AlertService() override;

    /// Stores the alerts (all or nothing, in order), then emits patient_alert for those the rate
    /// limiter lets through and calls `done` with the stored alerts. Publishes queued while a
    /// batch is being committed are committed together next. The inputs must be valid.
    void publish(QList<protocol::AlertInput> inputs, PublishCallback done);
    /// Acknowledges as `user` (idempotent) and broadcasts alert_updated when it changed.
    StoreResult<AlertTransition> acknowledge(const QString &alertId, const QString &user);
    /// Resolves (idempotent) and broadcasts alert_updated when it changed.
    StoreResult<AlertTransition> resolve(const QString &alertId, const QString &user);
    /// Stores the entry and broadcasts triage_update to the triage members of its hospital.
    StoreResult<protocol::TriageEntry> updateTriage(const protocol::TriageEntry &entry);

    /// `{"active_connections": n, "rooms": {...}}`, plus `uptime_s` when asked.
    QCborMap socketStatus(bool withUptime) const;
    qint64 uptimeSeconds() const { return m_uptime.elapsed() / 1000; }
    /// Emits an alerts_suppressed summary for every rate-limit window that has closed. A timer
    /// calls it when the next window ends; tests with their own limiter clock call it directly.
    void closeRateWindows();

    /// The rooms an alert's events go to (patient, hospital, and the triage rooms when high).
    static QStringList roomsOf(const QString &patientId, const QString &hospitalId, bool high);
    static QString triageRoom(const QString &hospitalId);
    static const QString &allHospitalsTriageRoom();

    /// `<field>: <message>` for a validation error.
    static QString describe(const protocol::ValidationError &error);
    /// The publish error text for a store failure (its message for Conflict and Invalid).
    static QString describe(const StoreError &error);

private:
    struct PublishJob
    {
        QList<NewAlert> alerts;
        PublishCallback done;
        /// The rate limiter has decided on these alerts (a retry must not count them again).
        bool judged = false;
    };

    void onJoinRoom(ServerSocket *socket, const QCborArray &args, const Ack &ack);
    void onLeaveRoom(ServerSocket *socket, const QCborArray &args, const Ack &ack);
    void onAcknowledge(ServerSocket *socket, const QCborArray &args, const Ack &ack);
    void onPublish(ServerSocket *socket, const QCborArray &args, const Ack &ack);
    void onUnknownEvent(ServerSocket *socket, const QString &event, const Ack &ack);
    static void refuse(ServerSocket *socket, const Ack &ack, const QString &message);

    void flushPublishes();
    /// Delivers (or fails) each job with its group's result, or queues them all again for a
    /// retry when the store was locked.
    void onStored(QList<PublishJob> &jobs, const AlertWriter::Results &results);
    /// Queues `jobs` again for a retry while the store's lock is within its grace period; false
    /// once the period is over (they fail then).
    bool retryWhenBusy(QList<PublishJob> &jobs);
    void deliver(const PublishJob &job, const QList<protocol::Alert> &stored);
    void broadcastAlert(const QString &event, const protocol::Alert &alert);
    void scheduleWindowTimer();
    void emitStatus();

    SocketIoServer *m_io;
    Namespace *m_main;
    Namespace *m_monitor;
    AlertStore &m_store;
    AlertWriter &m_writer;
    RateLimiter &m_limiter;
    AlertServiceOptions m_options;
    QElapsedTimer m_uptime;

    QList<PublishJob> m_queue;
    qsizetype m_queuedAlerts = 0;
    bool m_flushScheduled = false;
    bool m_writing = false; ///< a batch is with the writer

    /// Patients whose open rate-limit window held back a high-priority alert: their summary also
    /// goes to the triage rooms.
    QSet<QString> m_heldBackHigh;
    QTimer m_windowTimer;
    QTimer m_statusTimer;
    QTimer m_revocationTimer;
    QTimer m_storeRetryTimer;
    QElapsedTimer m_storeBusy; ///< valid while publishes wait for a locked store
    int m_storeRetryDelayMs = 0;
};

} // namespace vigil::server
