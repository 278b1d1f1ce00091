// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AlertService.h"

#include <algorithm>

#include <QCborMap>
#include <QMetaObject>

#include "common/Logging.h"
#include "server/AccessRules.h"
#include "server/AuthMiddleware.h"
#include "server/EngineIoServer.h"
#include "server/Namespace.h"
#include "server/ServerSocket.h"
#include "server/SocketIoServer.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

/// How often open rate-limit windows are checked for their end. The limiter has no timers of its
/// own and its clock may be a test's, so the service polls while any window is open.
constexpr int windowPollMs = 1'000;

QCborMap okAnswer()
{
    QCborMap answer;
    answer.insert("ok"_L1, true);
    return answer;
}

QCborMap failAnswer(const QString &message)
{
    QCborMap answer;
    answer.insert("ok"_L1, false);
    answer.insert("error"_L1, message);
    return answer;
}

/// `{"room": "x"}` as the contract has it; a bare string (what a quick Flask client sends) is
/// accepted too. Anything else is no room at all.
QString roomArgument(const QCborArray &args)
{
    const QCborValue payload = args.isEmpty() ? QCborValue() : args.at(0);
    if (payload.isString())
        return payload.toString();
    if (payload.isMap()) {
        const QCborValue room = payload.toMap().value("room"_L1);
        if (room.isString())
            return room.toString();
    }
    return {};
}

} // namespace

AlertService::AlertService(SocketIoServer *io,
                           AlertStore &store,
                           AlertWriter &writer,
                           RateLimiter &limiter,
                           const AuthMiddleware &auth,
                           AlertServiceOptions options,
                           QObject *parent)
  : QObject(parent)
  , m_io(io)
  , m_main(io->mainNamespace())
  , m_monitor(io->addNamespace(u"/monitor"_s))
  , m_store(store)
  , m_writer(writer)
  , m_limiter(limiter)
  , m_options(options)
{
    m_uptime.start();

    m_main->use(auth.authenticated());
    m_monitor->use(auth.requireRole(Role::Admin));

    m_main->on(u"join_room"_s,
               [this](ServerSocket *socket, const QCborArray &args, const Ack &ack) {
                   onJoinRoom(socket, args, ack);
               });
    m_main->on(u"leave_room"_s,
               [this](ServerSocket *socket, const QCborArray &args, const Ack &ack) {
                   onLeaveRoom(socket, args, ack);
               });
    m_main->on(u"acknowledge_alert"_s,
               [this](ServerSocket *socket, const QCborArray &args, const Ack &ack) {
                   onAcknowledge(socket, args, ack);
               });
    m_main->on(u"publish_alert"_s,
               [this](ServerSocket *socket, const QCborArray &args, const Ack &ack) {
                   onPublish(socket, args, ack);
               });
    const auto unknown =
      [this](ServerSocket *socket, const QString &event, const QCborArray &, const Ack &ack) {
          onUnknownEvent(socket, event, ack);
      };
    m_main->onAny(unknown);
    m_monitor->onAny(unknown);

    connect(m_monitor, &Namespace::connected, this, [this](ServerSocket *socket) {
        socket->emitEvent(u"socket_status"_s, QCborArray{ socketStatus(true) });
    });
    m_statusTimer.setInterval(qMax(10, m_options.statusIntervalMs));
    connect(&m_statusTimer, &QTimer::timeout, this, &AlertService::emitStatus);
    m_statusTimer.start();

    if (m_options.revocationSweepMs > 0) {
        m_revocationTimer.setInterval(m_options.revocationSweepMs);
        connect(&m_revocationTimer, &QTimer::timeout, this, [this, &auth] {
            auth.disconnectRevoked(*m_main);
            auth.disconnectRevoked(*m_monitor);
        });
        m_revocationTimer.start();
    }

    m_windowTimer.setInterval(windowPollMs);
    connect(&m_windowTimer, &QTimer::timeout, this, &AlertService::closeRateWindows);

    m_storeRetryTimer.setSingleShot(true);
    connect(&m_storeRetryTimer, &QTimer::timeout, this, &AlertService::flushPublishes);
}

AlertService::~AlertService()
{
    // Whoever still waits learns that nothing was stored.
    const QList<PublishJob> jobs = std::exchange(m_queue, {});
    for (const PublishJob &job : jobs) {
        if (job.done)
            job.done(StoreError{ StoreError::Code::Busy, u"the server is shutting down"_s });
    }
}

// ---------------------------------------------------------------------------------------------
// Rooms and events

QString AlertService::triageRoom(const QString &hospitalId)
{
    return u"triage_queue@"_s + hospitalId;
}

const QString &AlertService::allHospitalsTriageRoom()
{
    static const QString room = u"triage_queue@*"_s;
    return room;
}

QStringList AlertService::roomsOf(const QString &patientId, const QString &hospitalId, bool high)
{
    QStringList rooms{ u"patient_"_s + patientId, u"hospital_"_s + hospitalId };
    if (high)
        rooms << triageRoom(hospitalId) << allHospitalsTriageRoom();
    return rooms;
}

QString AlertService::describe(const protocol::ValidationError &error)
{
    return error.field.isEmpty() ? error.message : u"%1: %2"_s.arg(error.field, error.message);
}

QString AlertService::describe(const StoreError &error)
{
    switch (error.code) {
        case StoreError::Code::Conflict:
        case StoreError::Code::Invalid:
        case StoreError::Code::NotFound:
            return error.message;
        case StoreError::Code::Busy:
            return u"Not stored: the alert store is busy; try again"_s;
        case StoreError::Code::ReadOnly:
            return u"Not stored: the alert store is read-only"_s;
        case StoreError::Code::Full:
            return u"Not stored: the alert store is full"_s;
        case StoreError::Code::Corrupt:
        case StoreError::Code::Io:
            break;
    }
    return u"Not stored: the alert store failed"_s;
}

void AlertService::refuse(ServerSocket *socket, const Ack &ack, const QString &message)
{
    QCborMap error;
    error.insert("message"_L1, message);
    socket->emitEvent(u"error"_s, QCborArray{ error });
    ack(QCborArray{ failAnswer(message) });
}

void AlertService::onJoinRoom(ServerSocket *socket, const QCborArray &args, const Ack &ack)
{
    const std::optional<User> user = AuthMiddleware::userOf(socket);
    if (!user) {
        refuse(socket, ack, AccessRules::unauthorizedText);
        return;
    }
    const QString name = roomArgument(args);
    const AccessRules::RoomCheck check = AccessRules::checkRoom(*user, name, m_store);
    if (check.decision != AccessRules::Decision::Allowed) {
        if (check.decision == AccessRules::Decision::Unavailable)
            qCWarning(lcServerAlerts).noquote()
              << "join of" << name << "not checked:" << check.detail;
        else
            qCDebug(lcServerAlerts).noquote() << user->username << "may not join" << name.left(100)
                                              << "-" << AccessRules::textOf(check.decision);
        refuse(socket, ack, AccessRules::textOf(check.decision));
        return;
    }
    socket->join(name);
    if (check.room->kind() == protocol::RoomName::Kind::Triage) {
        if (user->role == Role::Admin) {
            socket->join(allHospitalsTriageRoom());
        } else {
            for (const QString &hospital : user->hospitals)
                socket->join(triageRoom(hospital));
        }
    }
    QCborMap answer = okAnswer();
    answer.insert("room"_L1, name);
    ack(QCborArray{ answer });
}

void AlertService::onLeaveRoom(ServerSocket *socket, const QCborArray &args, const Ack &ack)
{
    const QString name = roomArgument(args);
    if (!protocol::RoomName::isValid(name)) {
        refuse(socket, ack, AccessRules::invalidRoomText);
        return;
    }
    socket->leave(name);
    if (name == u"triage_queue") {
        const QSet<QString> rooms = socket->rooms();
        for (const QString &room : rooms) {
            if (room.startsWith(u"triage_queue@"))
                socket->leave(room);
        }
    }
    ack(QCborArray{ okAnswer() });
}

void AlertService::onAcknowledge(ServerSocket *socket, const QCborArray &args, const Ack &ack)
{
    const std::optional<User> user = AuthMiddleware::userOf(socket);
    if (!user || !AccessRules::isClinical(user->role)) {
        refuse(socket, ack, AccessRules::unauthorizedText);
        return;
    }
    const QCborValue payload = args.isEmpty() ? QCborValue() : args.at(0);
    const QCborValue id = payload.isMap() ? payload.toMap().value("alert_id"_L1) : QCborValue();
    if (!id.isString() || id.toString().isEmpty() ||
        id.toString().size() > protocol::maxIdLength * 4) {
        refuse(socket, ack, AccessRules::notFoundText);
        return;
    }
    const StoreResult<protocol::Alert> alert = m_store.get(id.toString());
    if (!alert) {
        refuse(socket,
               ack,
               alert.error().code == StoreError::Code::NotFound ? AccessRules::notFoundText
                                                                : describe(alert.error()));
        return;
    }
    // An alert of a hospital the user may not see is reported as missing: ids do not leak.
    if (!user->canSeeHospital(alert->hospitalId)) {
        refuse(socket, ack, AccessRules::notFoundText);
        return;
    }
    const StoreResult<AlertTransition> result = acknowledge(alert->id, user->username);
    if (!result) {
        refuse(socket, ack, describe(result.error()));
        return;
    }
    QCborMap answer = okAnswer();
    answer.insert("alert"_L1, result->alert.toJson());
    ack(QCborArray{ answer });
}

void AlertService::onPublish(ServerSocket *socket, const QCborArray &args, const Ack &ack)
{
    const std::optional<User> user = AuthMiddleware::userOf(socket);
    if (!user || !AccessRules::canPublish(user->role)) {
        refuse(socket, ack, AccessRules::unauthorizedText);
        return;
    }
    const QCborValue payload = args.isEmpty() ? QCborValue() : args.at(0);
    if (!payload.isMap()) {
        refuse(socket, ack, u"publish_alert expects {\"alert\": {...}}"_s);
        return;
    }
    const QCborMap envelope = payload.toMap();
    for (auto it = envelope.constBegin(); it != envelope.constEnd(); ++it) {
        if (!it.key().isString() || it.key().toString() != u"alert") {
            refuse(socket, ack, u"%1: unknown field"_s.arg(it.key().toDiagnosticNotation()));
            return;
        }
    }
    auto input = protocol::AlertInput::fromJson(envelope.value("alert"_L1));
    if (!input) {
        refuse(socket, ack, u"alert."_s + describe(input.error()));
        return;
    }
    if (!AccessRules::canPublishFor(*user, input->hospitalId)) {
        refuse(socket, ack, AccessRules::unauthorizedText);
        return;
    }
    QPointer<ServerSocket> guard(socket);
    publish({ input.value() }, [guard, ack](const StoreResult<QList<protocol::Alert>> &result) {
        if (!result) {
            if (guard)
                refuse(guard, ack, describe(result.error()));
            return;
        }
        QCborMap answer = okAnswer();
        answer.insert("alert"_L1, result->constFirst().toJson());
        ack(QCborArray{ answer });
    });
}

void AlertService::onUnknownEvent(ServerSocket *socket, const QString &event, const Ack &ack)
{
    // Node ignores unknown events; answering keeps a client that waits for an ack from hanging.
    qCDebug(lcServerAlerts).noquote()
      << "unknown event" << event.left(100) << "on" << socket->nsp()->name();
    refuse(socket, ack, u"Unknown event: %1"_s.arg(event.left(100)));
}

// ---------------------------------------------------------------------------------------------
// Publishing

void AlertService::publish(QList<protocol::AlertInput> inputs, PublishCallback done)
{
    if (inputs.isEmpty()) {
        if (done)
            done(QList<protocol::Alert>());
        return;
    }
    if (m_queuedAlerts + inputs.size() > m_options.maxQueuedAlerts) {
        if (done)
            done(StoreError{ StoreError::Code::Busy, u"too many alerts waiting to be stored"_s });
        return;
    }
    PublishJob job;
    job.done = std::move(done);
    job.alerts.reserve(inputs.size());
    for (protocol::AlertInput &input : inputs)
        job.alerts.append(NewAlert{ std::move(input), false });
    m_queuedAlerts += job.alerts.size();
    m_queue.append(std::move(job));
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &AlertService::flushPublishes, Qt::QueuedConnection);
    }
}

void AlertService::flushPublishes()
{
    m_flushScheduled = false;
    if (m_storeRetryTimer.isActive())
        return; // waiting for a locked store: the retry takes everything queued, in order
    if (m_writing)
        return; // the batch being committed takes what is queued now when it is done
    QList<PublishJob> jobs = std::exchange(m_queue, {});
    m_queuedAlerts = 0;
    if (jobs.isEmpty())
        return;

    // The limiter decides in publish order; its verdict is stored with the alert.
    AlertWriter::Groups groups;
    groups.reserve(jobs.size());
    for (PublishJob &job : jobs) {
        for (NewAlert &alert : job.alerts) {
            if (!job.judged)
                alert.suppressed =
                  m_limiter.admit(alert.input.patientId) == RateLimiter::Verdict::HoldBack;
        }
        job.judged = true;
        groups.append(job.alerts);
    }

    // One batch at a time, so that seqs follow the order of publishing; whatever is published
    // meanwhile goes in the next batch (and shares its fsync).
    m_writing = true;
    m_writer.write(std::move(groups),
                   this,
                   [this, jobs = std::move(jobs)](const AlertWriter::Results &results) mutable {
                       m_writing = false;
                       onStored(jobs, results);
                       if (!m_queue.isEmpty() && !m_flushScheduled) {
                           m_flushScheduled = true;
                           QMetaObject::invokeMethod(
                             this, &AlertService::flushPublishes, Qt::QueuedConnection);
                       }
                   });
}

void AlertService::onStored(QList<PublishJob> &jobs, const AlertWriter::Results &results)
{
    const bool allBusy = std::all_of(results.begin(), results.end(), [](const auto &result) {
        return !result && result.error().code == StoreError::Code::Busy;
    });
    if (allBusy && retryWhenBusy(jobs))
        return;
    if (m_storeBusy.isValid()) {
        qCInfo(lcServerAlerts).noquote()
          << "the store" << (allBusy ? "is still not writable" : "is writable again") << "after"
          << m_storeBusy.elapsed() << "ms";
        m_storeBusy.invalidate();
    }
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        const PublishJob &job = jobs.at(i);
        const auto &result = results.at(i);
        if (result) {
            deliver(job, result.value());
            continue;
        }
        qCWarning(lcServerAlerts).noquote()
          << "storing" << job.alerts.size() << "alerts failed:" << result.error().message;
        if (job.done)
            job.done(result.error());
    }
    closeRateWindows();
}

bool AlertService::retryWhenBusy(QList<PublishJob> &jobs)
{
    if (!m_storeBusy.isValid()) {
        m_storeBusy.start();
        m_storeRetryDelayMs = 50;
        qCWarning(lcServerAlerts).noquote()
          << "the store is locked by another connection; holding" << jobs.size()
          << "publishes and retrying for up to" << m_options.storeRetryMs << "ms";
    } else if (m_storeBusy.elapsed() >= m_options.storeRetryMs) {
        return false;
    }
    // Back in front of whatever was published meanwhile, so the order of `seq` stays the order
    // of publishing.
    for (const PublishJob &job : std::as_const(jobs))
        m_queuedAlerts += job.alerts.size();
    jobs.append(std::exchange(m_queue, {}));
    m_queue = std::move(jobs);
    m_storeRetryTimer.start(m_storeRetryDelayMs);
    m_storeRetryDelayMs = qMin(m_storeRetryDelayMs * 2, 1000);
    return true;
}

void AlertService::deliver(const PublishJob &job, const QList<protocol::Alert> &stored)
{
    for (const protocol::Alert &alert : stored) {
        if (alert.suppressed) {
            m_limiter.heldBack(alert.patientId, alert.hospitalId, alert.seq);
            if (alert.priority == protocol::Priority::High)
                m_heldBackHigh.insert(alert.patientId);
            continue;
        }
        broadcastAlert(u"patient_alert"_s, alert);
    }
    if (job.done)
        job.done(stored);
}

void AlertService::broadcastAlert(const QString &event, const protocol::Alert &alert)
{
    m_main
      ->to(roomsOf(alert.patientId, alert.hospitalId, alert.priority == protocol::Priority::High))
      .emitEvent(event, QCborArray{ alert.toJson() });
}

StoreResult<AlertTransition> AlertService::acknowledge(const QString &alertId, const QString &user)
{
    StoreResult<AlertTransition> result = m_store.acknowledge(alertId, user);
    if (result && result->changed)
        broadcastAlert(u"alert_updated"_s, result->alert);
    return result;
}

StoreResult<AlertTransition> AlertService::resolve(const QString &alertId, const QString &user)
{
    StoreResult<AlertTransition> result = m_store.resolve(alertId, user);
    if (result && result->changed)
        broadcastAlert(u"alert_updated"_s, result->alert);
    return result;
}

StoreResult<protocol::TriageEntry> AlertService::updateTriage(const protocol::TriageEntry &entry)
{
    StoreResult<protocol::TriageEntry> result = m_store.upsertTriage(entry);
    if (result) {
        m_main->to(QStringList{ triageRoom(result->hospitalId), allHospitalsTriageRoom() })
          .emitEvent(u"triage_update"_s, QCborArray{ result->toJson() });
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Rate-limit summaries and status

void AlertService::closeRateWindows()
{
    const QList<SuppressionSummary> summaries = m_limiter.closeExpiredWindows();
    for (const SuppressionSummary &summary : summaries) {
        const bool high = m_heldBackHigh.remove(summary.patientId);
        QCborMap payload;
        payload.insert("patient_id"_L1, summary.patientId);
        payload.insert("hospital_id"_L1, summary.hospitalId);
        payload.insert("count"_L1, summary.count);
        payload.insert("first_seq"_L1, summary.firstSeq);
        payload.insert("last_seq"_L1, summary.lastSeq);
        qCInfo(lcServerAlerts).noquote()
          << "held back" << summary.count << "live emits for patient" << summary.patientId << "(seq"
          << summary.firstSeq << "to" << summary.lastSeq << ")";
        m_main->to(roomsOf(summary.patientId, summary.hospitalId, high))
          .emitEvent(u"alerts_suppressed"_s, QCborArray{ payload });
    }
    scheduleWindowTimer();
}

void AlertService::scheduleWindowTimer()
{
    if (m_limiter.nextDeadline()) {
        if (!m_windowTimer.isActive())
            m_windowTimer.start();
    } else {
        m_windowTimer.stop();
        // A window can close inside admit() without a summary reaching us yet; nothing is open,
        // so no patient can still owe one.
        m_heldBackHigh.clear();
    }
}

QCborMap AlertService::socketStatus(bool withUptime) const
{
    QCborMap rooms;
    const QHash<QString, qsizetype> sizes = m_main->adapter().roomSizes();
    QStringList names;
    for (auto it = sizes.constBegin(); it != sizes.constEnd(); ++it) {
        // Each socket's own id room and the internal triage rooms are not the contract's rooms.
        if (protocol::RoomName::isValid(it.key()) && !m_main->socket(it.key()))
            names.append(it.key());
    }
    names.sort();
    for (const QString &name : std::as_const(names))
        rooms.insert(name, sizes.value(name));

    QCborMap status;
    status.insert("active_connections"_L1, m_io->engine()->sessionCount());
    status.insert("rooms"_L1, rooms);
    if (withUptime)
        status.insert("uptime_s"_L1, uptimeSeconds());
    return status;
}

void AlertService::emitStatus()
{
    if (m_monitor->socketCount() == 0)
        return;
    // Volatile: a status that missed a dropped client is stale by the next one anyway.
    BroadcastOperator(m_monitor).asVolatile().emitEvent(u"socket_status"_s,
                                                        QCborArray{ socketStatus(true) });
}

} // namespace vigil::server
