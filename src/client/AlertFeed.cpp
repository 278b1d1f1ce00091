// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/AlertFeed.h"

#include <algorithm>

#include <QCborMap>
#include <QDeadlineTimer>

#ifdef Q_OS_LINUX
#include <time.h>
#endif

#include "client/Manager.h"
#include "client/Socket.h"
#include "common/Logging.h"

namespace vigil::client {

using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

const QString triageRoom = u"triage_queue"_s;

// Retries of a failed backfill: soon at first, then no more than twice a minute.
constexpr Backoff::Options backfillRetryOptions{ 1'000, 30'000, 2.0, 0.5 };
constexpr qint64 defaultStaleAfterMs = 30'000;
constexpr qint64 minStaleGraceMs = 2'000;
constexpr qint64 triageRetryMs = 5'000;

int stateRank(AlertState state)
{
    switch (state) {
        case AlertState::Active:
            return 0;
        case AlertState::Acknowledged:
            return 1;
        case AlertState::Resolved:
            return 2;
    }
    return 0;
}

/// Whether `incoming` is a later state of `known`. The contract has no version field: the state
/// only moves forward (active, acknowledged, resolved), a later acknowledgement wins, and beyond
/// that only an `alert_updated` event (delivered in order) may change fields. History can be
/// older than an event that overtook it, so it never overrides one.
bool isNewer(const Alert &known, const Alert &incoming, bool fromUpdateEvent)
{
    const int knownRank = stateRank(known.state);
    const int incomingRank = stateRank(incoming.state);
    if (incomingRank != knownRank)
        return incomingRank > knownRank;
    if (known.acknowledgedAt.has_value() != incoming.acknowledgedAt.has_value())
        return incoming.acknowledgedAt.has_value();
    if (known.acknowledgedAt && *known.acknowledgedAt != *incoming.acknowledgedAt)
        return *incoming.acknowledgedAt > *known.acknowledgedAt;
    return fromUpdateEvent;
}

QString ackErrorText(const AckError &error)
{
    return error.code == AckErrorCode::TimedOut
             ? u"no confirmation from the server (timed out)"_s
             : u"the connection was lost before the server confirmed"_s;
}

/// The server's answer to join_room / leave_room / acknowledge_alert: `{"ok": ...}`. A backend
/// that answers without `ok` is taken at its word that nothing failed.
QString refusal(const QCborArray &args)
{
    const QCborMap answer = args.isEmpty() ? QCborMap() : args.first().toMap();
    if (answer.value("ok"_L1).isFalse()) {
        const QString error = answer.value("error"_L1).toString();
        return error.isEmpty() ? u"refused by the server"_s : error;
    }
    return {};
}

qint64 boottimeMs()
{
#ifdef Q_OS_LINUX
    // Keeps counting while the machine is suspended, as the Manager's heartbeat clock does:
    // after a resume the link must not look fresh.
    timespec ts{};
    if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
#endif
    return QDeadlineTimer::current().deadline();
}

} // namespace

AlertFeed::AlertFeed(Socket *socket, ApiClient *api, Options options, QObject *parent)
  : QObject(parent)
  , m_socket(socket)
  , m_api(api)
  , m_options(options)
  , m_backfillBackoff(backfillRetryOptions)
{
    m_backfillRetry.setSingleShot(true);
    connect(&m_backfillRetry, &QTimer::timeout, this, &AlertFeed::runBackfill);
    m_triageRetry.setSingleShot(true);
    connect(&m_triageRetry, &QTimer::timeout, this, &AlertFeed::fetchTriageSnapshot);
    connect(&m_staleTimer, &QTimer::timeout, this, &AlertFeed::checkStale);
    if (m_options.followTriage)
        addRoomEntry(triageRoom, false);
    connectSocket();
}

AlertFeed::AlertFeed(Socket *socket, ApiClient *api, QObject *parent)
  : AlertFeed(socket, api, Options{}, parent)
{
}

AlertFeed::~AlertFeed()
{
    if (m_api) {
        if (m_backfillRequest)
            m_api->cancel(m_backfillRequest);
        if (m_triageRequest)
            m_api->cancel(m_triageRequest);
    }
}

void AlertFeed::connectSocket()
{
    if (!m_socket)
        return;
    // Socket handlers cannot be removed one by one and may outlive the feed: each checks that the
    // feed still exists. Registered once, so reconnects never duplicate them.
    QPointer<AlertFeed> self(this);
    m_socket->onAny([self](const QString &, const QCborArray &) {
        if (self)
            self->touch();
    });
    m_socket->on(u"patient_alert"_s, SimpleEventHandler([self](const QCborArray &args) {
                     if (self)
                         self->onPatientAlert(args);
                 }));
    m_socket->on(u"alert_updated"_s, SimpleEventHandler([self](const QCborArray &args) {
                     if (self)
                         self->onAlertUpdated(args);
                 }));
    m_socket->on(u"triage_update"_s, SimpleEventHandler([self](const QCborArray &args) {
                     if (self)
                         self->onTriageUpdate(args);
                 }));
    m_socket->on(u"alerts_suppressed"_s, SimpleEventHandler([self](const QCborArray &args) {
                     if (self)
                         self->onAlertsSuppressed(args);
                 }));
    m_socket->on(u"error"_s, SimpleEventHandler([](const QCborArray &args) {
                     // Every request of ours carries an ack that reports the same failure.
                     qCInfo(lcClientFeed) << "server error event:"
                                          << args.at(0).toMap().value("message"_L1).toString();
                 }));
    connect(m_socket, &Socket::connected, this, &AlertFeed::onConnected);
    connect(m_socket, &Socket::disconnected, this, &AlertFeed::onDisconnected);
    connect(m_socket, &Socket::connectError, this, &AlertFeed::onConnectError);
    connect(m_socket, &Socket::errorOccurred, this, &AlertFeed::problemOccurred);
    if (Manager *manager = m_socket->manager()) {
        connect(manager, &Manager::pingReceived, this, &AlertFeed::touch);
        connect(manager, &Manager::reconnectFailed, this, [this] {
            Q_EMIT problemOccurred(u"gave up reconnecting to the server"_s);
        });
    }
}

void AlertFeed::start()
{
    m_started = true;
    m_authBlocked = false;
    for (const QString &name : std::as_const(m_roomOrder)) {
        Room &room = m_rooms[name];
        if (room.state == RoomState::Refused)
            setRoomState(room, RoomState::Pending);
    }
    if (m_rooms.contains(triageRoom) && m_rooms[triageRoom].state == RoomState::Refused)
        setRoomState(m_rooms[triageRoom], RoomState::Pending);
    if (!m_socket) {
        Q_EMIT problemOccurred(u"no socket to connect"_s);
        return;
    }
    if (!m_socket->isConnected()) {
        m_socket->connect();
        return;
    }
    if (!m_connected) {
        // Connected by someone else before start(): nothing is joined yet.
        onConnected(false);
        return;
    }
    // Already connected (a restart after fresh credentials): finish what was left.
    for (auto it = m_rooms.begin(); it != m_rooms.end(); ++it) {
        if (it->state == RoomState::Pending && !it->joinInFlight)
            join(it.key());
    }
    if (m_rooms.contains(triageRoom) && m_rooms[triageRoom].state == RoomState::Joined)
        fetchTriageSnapshot();
    runBackfill();
    updateLinkState();
}

void AlertFeed::stop()
{
    m_started = false;
    interruptBackfill();
    m_backfillRetry.stop();
    m_triageRetry.stop();
    if (m_api && m_triageRequest)
        m_api->cancel(m_triageRequest);
    m_triageRequest = 0;
    m_triageLoading = false;
    if (m_socket)
        m_socket->disconnect();
    // A socket that never connected emits no disconnected(): settle here as well.
    onDisconnected();
}

bool AlertFeed::setRooms(const QList<RoomName> &rooms)
{
    for (const RoomName &room : rooms) {
        if (!RoomName::isValid(room.name()))
            return false;
    }
    QStringList wanted;
    for (const RoomName &room : rooms)
        wanted.append(room.name());
    const QStringList current = m_roomOrder;
    for (const QString &name : current) {
        if (!wanted.contains(name))
            removeRoom(*RoomName::parse(name));
    }
    for (const RoomName &room : rooms)
        addRoom(room);
    return true;
}

bool AlertFeed::addRoom(const RoomName &room)
{
    const QString name = room.name();
    if (!RoomName::isValid(name))
        return false;
    if (m_roomOrder.contains(name))
        return true;
    m_roomOrder.append(name);
    if (m_rooms.contains(name)) {
        // The triage room, joined so far for triage updates only: its alerts count from now on.
        Room &entry = m_rooms[name];
        entry.followed = true;
        entry.historyComplete = false;
        if (entry.state == RoomState::Joined) {
            wantBackfill(name, 0, false);
            runBackfill();
        }
    } else {
        addRoomEntry(name, true);
        if (m_connected && m_started)
            join(name);
    }
    updateLinkState();
    return true;
}

void AlertFeed::removeRoom(const RoomName &room)
{
    const QString name = room.name();
    if (!m_roomOrder.removeOne(name))
        return;
    m_wanted.erase(name);
    if (name == triageRoom && m_options.followTriage) {
        m_rooms[name].followed = false;
    } else {
        const Room entry = m_rooms.take(name);
        if (m_connected && entry.joinedOnServer)
            leave(name);
    }
    updateLinkState();
}

QList<RoomName> AlertFeed::rooms() const
{
    QList<RoomName> result;
    for (const QString &name : m_roomOrder) {
        if (const std::optional<RoomName> room = RoomName::parse(name))
            result.append(*room);
    }
    return result;
}

RoomState AlertFeed::roomState(const RoomName &room) const
{
    const auto it = m_rooms.constFind(room.name());
    return it == m_rooms.constEnd() ? RoomState::Pending : it->state;
}

void AlertFeed::resetOfflineCount()
{
    if (m_offlineCount == 0)
        return;
    m_offlineCount = 0;
    Q_EMIT offlineCountChanged(0);
}

void AlertFeed::addRoomEntry(const QString &name, bool followed)
{
    Room room;
    room.name = name;
    room.followed = followed;
    m_rooms.insert(name, room);
}

void AlertFeed::setRoomState(Room &room, RoomState state, const QString &reason)
{
    if (room.state == state && room.reason == reason)
        return;
    room.state = state;
    room.reason = reason;
    if (const std::optional<RoomName> name = RoomName::parse(room.name))
        Q_EMIT roomStateChanged(*name, state, reason);
}

// ---- connection ---------------------------------------------------------------------------

void AlertFeed::onConnected(bool recovered)
{
    if (!m_started) {
        // Someone else connected the socket; the feed follows nothing until start().
        return;
    }
    ++m_session;
    m_connected = true;
    m_stale = false;
    m_authBlocked = false;
    touch();
    m_staleTimer.start(
      std::chrono::milliseconds(std::clamp<qint64>(staleAfterMs() / 4, 100, 1'000)));
    qCInfo(lcClientFeed) << "connected" << (recovered ? "(session recovered)" : "");

    // Backfill starting points are fixed now, before this session's first live event could raise
    // a room's highest seq above alerts that were stored while we were away.
    scheduleBackfills(true);

    if (recovered) {
        // Events a recovering server replays are dispatched right after this signal, in the same
        // call: they arrived while we were offline.
        m_replaying = true;
        QMetaObject::invokeMethod(
          this, [this] { m_replaying = false; }, Qt::QueuedConnection);
    }
    const QStringList names = m_rooms.keys();
    for (const QString &name : names) {
        Room &room = m_rooms[name];
        if (room.state == RoomState::Refused)
            continue;
        if (recovered && room.joinedOnServer) {
            setRoomState(room, RoomState::Joined);
            if (name == triageRoom)
                fetchTriageSnapshot();
            continue;
        }
        room.joinedOnServer = false;
        join(name);
    }
    runBackfill();
    updateLinkState();
}

void AlertFeed::onDisconnected()
{
    const bool wasConnected = m_connected;
    m_connected = false;
    m_stale = false;
    m_replaying = false;
    m_staleTimer.stop();
    interruptBackfill();
    m_backfillRetry.stop();
    m_triageRetry.stop();
    if (m_api && m_triageRequest)
        m_api->cancel(m_triageRequest);
    m_triageRequest = 0;
    m_triageLoading = false;
    for (auto it = m_rooms.begin(); it != m_rooms.end(); ++it) {
        it->joinInFlight = false;
        if (it->state == RoomState::Joined)
            setRoomState(*it, RoomState::Pending);
    }
    if (wasConnected)
        qCInfo(lcClientFeed) << "disconnected";
    updateLinkState();
}

void AlertFeed::onConnectError(const QString &message, const QCborValue &data)
{
    onDisconnected();
    const bool unauthorized =
      data.toMap().value("code"_L1).toInteger() == 401 || message == "Unauthorized"_L1;
    if (unauthorized) {
        qCInfo(lcClientFeed) << "the server refused the credentials";
        Q_EMIT authenticationRequired(message);
    } else {
        Q_EMIT problemOccurred(u"the server refused the connection: "_s + message);
    }
}

// ---- rooms --------------------------------------------------------------------------------

void AlertFeed::join(const QString &name)
{
    if (!m_socket || !m_connected)
        return;
    Room &room = m_rooms[name];
    room.joinInFlight = true;
    setRoomState(room, RoomState::Pending);
    QCborMap payload;
    payload.insert("room"_L1, name);
    QPointer<AlertFeed> self(this);
    const quint64 session = m_session;
    const EmitResult result = m_socket->emitWithAck(
      u"join_room"_s,
      { payload },
      m_options.ackTimeoutMs,
      [self, session, name](const AckResult &r) {
          if (!self || self->m_session != session || !self->m_connected)
              return;
          const auto it = self->m_rooms.find(name);
          if (it == self->m_rooms.end() || !it->joinInFlight)
              return;
          it->joinInFlight = false;
          if (!r) {
              // Not a refusal: the server did not answer in time. Asking again is safe.
              qCWarning(lcClientFeed) << "join of" << name << "not confirmed:" << r.error().message;
              Q_EMIT self->problemOccurred(u"joining "_s + name + u" was not confirmed: "_s +
                                           r.error().message + u"; trying again"_s);
              QTimer::singleShot(self->m_options.ackTimeoutMs, self, [self, session, name] {
                  if (self && self->m_session == session && self->m_connected &&
                      self->m_rooms.contains(name) &&
                      self->m_rooms[name].state == RoomState::Pending &&
                      !self->m_rooms[name].joinInFlight)
                      self->join(name);
              });
              self->updateLinkState();
              return;
          }
          self->touch();
          const QString error = refusal(r.value());
          if (!error.isEmpty()) {
              qCInfo(lcClientFeed) << "join of" << name << "refused:" << error;
              self->m_wanted.erase(name);
              self->setRoomState(*it, RoomState::Refused, error);
              if (name == triageRoom && !it->followed)
                  Q_EMIT self->problemOccurred(u"the triage queue is not available: "_s + error);
          } else {
              it->joinedOnServer = true;
              self->setRoomState(*it, RoomState::Joined);
              if (it->followed && !it->historyComplete && self->m_wanted.count(name) == 0)
                  self->wantBackfill(name, 0, false);
              if (name == triageRoom)
                  self->fetchTriageSnapshot();
          }
          self->runBackfill();
          self->updateLinkState();
      });
    if (result != EmitResult::Sent && result != EmitResult::Buffered) {
        room.joinInFlight = false;
        Q_EMIT problemOccurred(u"could not send the join of "_s + name);
    }
}

void AlertFeed::leave(const QString &name)
{
    if (!m_socket)
        return;
    QCborMap payload;
    payload.insert("room"_L1, name);
    m_socket->emitWithAck(
      u"leave_room"_s, { payload }, m_options.ackTimeoutMs, [name](const AckResult &r) {
          const QString error = r ? refusal(r.value()) : r.error().message;
          if (!error.isEmpty())
              qCInfo(lcClientFeed) << "leaving" << name << "failed:" << error;
      });
}

// ---- alerts -------------------------------------------------------------------------------

QStringList AlertFeed::followedRoomsOf(const Alert &alert) const
{
    QStringList result;
    const QString candidates[] = { u"patient_"_s + alert.patientId,
                                   u"hospital_"_s + alert.hospitalId,
                                   alert.priority == Priority::High ? triageRoom : QString() };
    for (const QString &name : candidates) {
        if (name.isEmpty())
            continue;
        const auto it = m_rooms.constFind(name);
        if (it != m_rooms.constEnd() && it->followed)
            result.append(name);
    }
    return result;
}

bool AlertFeed::isRelevant(const Alert &alert) const
{
    return !followedRoomsOf(alert).isEmpty();
}

void AlertFeed::noteSeq(const Alert &alert)
{
    for (const QString &name : followedRoomsOf(alert)) {
        Room &room = m_rooms[name];
        room.highestSeq = std::max(room.highestSeq, alert.seq);
    }
}

bool AlertFeed::store(const Alert &alert)
{
    if (m_alerts.contains(alert.id))
        return false;
    m_alerts.insert(alert.id, alert);
    return true;
}

bool AlertFeed::applyUpdate(const Alert &alert, bool fromUpdateEvent)
{
    const auto it = m_alerts.find(alert.id);
    if (it == m_alerts.end() || *it == alert || !isNewer(*it, alert, fromUpdateEvent))
        return false;
    Alert updated = alert;
    updated.seq = it->seq; // the storage order never changes; a different one is a server bug
    *it = updated;
    Q_EMIT alertUpdated(updated);
    return true;
}

void AlertFeed::onPatientAlert(const QCborArray &args)
{
    if (!m_connected)
        return;
    const auto parsed = Alert::fromJson(args.at(0));
    if (!parsed) {
        qCWarning(lcClientFeed) << "invalid patient_alert:" << parsed.error().field
                                << parsed.error().message;
        Q_EMIT problemOccurred(u"the server sent an invalid alert ("_s + parsed.error().field +
                               u": "_s + parsed.error().message + u')');
        return;
    }
    const Alert &alert = parsed.value();
    if (!isRelevant(alert))
        return;
    noteSeq(alert);
    if (!store(alert)) {
        applyUpdate(alert, false);
        return;
    }
    Q_EMIT alertsArrived({ alert }, AlertOrigin::Live);
    if (m_replaying) {
        ++m_offlineCount;
        Q_EMIT offlineCountChanged(m_offlineCount);
    }
}

void AlertFeed::onAlertUpdated(const QCborArray &args)
{
    if (!m_connected)
        return;
    const auto parsed = Alert::fromJson(args.at(0));
    if (!parsed) {
        Q_EMIT problemOccurred(u"the server sent an invalid alert update ("_s +
                               parsed.error().field + u": "_s + parsed.error().message + u')');
        return;
    }
    const Alert &alert = parsed.value();
    if (!isRelevant(alert))
        return;
    noteSeq(alert);
    // An update of an alert never seen must still be reported once as an alert of its room.
    if (store(alert)) {
        Q_EMIT alertsArrived({ alert }, AlertOrigin::Live);
        return;
    }
    applyUpdate(alert, true);
}

void AlertFeed::onAlertsSuppressed(const QCborArray &args)
{
    if (!m_connected)
        return;
    const QCborMap summary = args.at(0).toMap();
    const qint64 firstSeq = summary.value("first_seq"_L1).toInteger(-1);
    const QString patient = summary.value("patient_id"_L1).toString();
    const QString hospital = summary.value("hospital_id"_L1).toString();
    qCInfo(lcClientFeed) << "alerts held back by the server's rate limiter:"
                         << summary.value("count"_L1).toInteger();
    const QString candidates[] = { u"patient_"_s + patient, u"hospital_"_s + hospital, triageRoom };
    for (const QString &name : candidates) {
        const auto it = m_rooms.constFind(name);
        if (it == m_rooms.constEnd() || !it->followed || it->state != RoomState::Joined)
            continue;
        // Without a usable first_seq the whole room is read again: overlap is harmless.
        wantBackfill(name, firstSeq > 0 ? firstSeq - 1 : 0, false);
    }
    runBackfill();
    updateLinkState();
}

// ---- backfill -----------------------------------------------------------------------------

void AlertFeed::wantBackfill(const QString &room, qint64 afterSeq, bool afterReconnect)
{
    const auto it = m_wanted.find(room);
    if (it == m_wanted.end()) {
        m_wanted.emplace(room, Wanted{ afterSeq, afterReconnect });
        return;
    }
    it->second.afterSeq = std::min(it->second.afterSeq, afterSeq);
    it->second.afterReconnect = it->second.afterReconnect || afterReconnect;
}

void AlertFeed::scheduleBackfills(bool afterReconnect)
{
    for (const QString &name : std::as_const(m_roomOrder)) {
        const Room &room = m_rooms[name];
        if (room.state == RoomState::Refused || !room.followed)
            continue;
        if (!room.historyComplete) {
            // Never read to the end: continue where an interrupted backfill stopped, or start.
            if (m_wanted.count(name) == 0)
                wantBackfill(name, 0, false);
            continue;
        }
        if (!m_options.backfillOnReconnect)
            continue;
        // From the last point known to be complete, not from the highest seq seen live: alerts
        // held back by the rate limiter sit below live ones, and their summary may have been
        // missed while offline.
        wantBackfill(name,
                     std::max<qint64>(0, room.completeUpTo - m_options.backfillSafetyMargin),
                     afterReconnect);
    }
}

void AlertFeed::runBackfill()
{
    if (!m_connected || !m_api || m_group || m_authBlocked || m_backfillRetry.isActive())
        return;
    // Rooms joined together are backfilled together: wait for every join to be answered so their
    // queries can be combined.
    for (const Room &room : std::as_const(m_rooms)) {
        if (room.joinInFlight)
            return;
    }
    // Drop what can no longer be backfilled; find the first room ready to go.
    std::optional<Group> group;
    for (auto it = m_wanted.begin(); it != m_wanted.end();) {
        const auto room = m_rooms.constFind(it->first);
        if (room == m_rooms.constEnd() || !room->followed || room->state == RoomState::Refused) {
            it = m_wanted.erase(it);
            continue;
        }
        ++it;
    }
    for (const auto &[name, wanted] : m_wanted) {
        const Room &room = m_rooms[name];
        if (room.state != RoomState::Joined)
            continue;
        const AlertOrigin origin =
          room.historyComplete ? AlertOrigin::Backfill : AlertOrigin::RoomAdded;
        const bool countOffline = origin == AlertOrigin::Backfill && wanted.afterReconnect;
        if (!group) {
            group = Group{ { name }, wanted.afterSeq, origin, countOffline, wanted.afterSeq };
        } else if (group->afterSeq == wanted.afterSeq && group->origin == origin &&
                   group->countOffline == countOffline) {
            group->rooms.append(name);
        }
    }
    if (!group) {
        finishBackfillSessionIfIdle();
        return;
    }
    for (const QString &name : std::as_const(group->rooms))
        m_wanted.erase(name);
    m_group = group;
    if (!m_backfillSession) {
        m_backfillSession = true;
        m_backfillFetched = 0;
        m_backfillNew = 0;
        Q_EMIT backfillStarted();
    }
    HistoryQuery query;
    query.rooms = group->rooms;
    query.afterSeq = group->afterSeq;
    query.limit = std::clamp(m_options.backfillPageSize, 1, HistoryQuery::maxLimit);
    qCInfo(lcClientFeed) << "backfill of" << group->rooms << "after seq" << group->afterSeq;
    QPointer<AlertFeed> self(this);
    m_backfillRequest = m_api->historyAll(
      query,
      [self](const QList<Alert> &page, const HistoryProgress &progress) {
          if (self)
              self->onBackfillPage(page, progress);
      },
      [self](const ApiResult<HistoryProgress> &result) {
          if (self)
              self->onBackfillDone(result);
      });
    updateLinkState();
}

void AlertFeed::onBackfillPage(const QList<Alert> &page, const HistoryProgress &progress)
{
    if (!m_group)
        return;
    touch();
    m_group->reached = std::max(m_group->reached, progress.lastSeq);
    m_backfillFetched += page.size();
    QList<Alert> fresh;
    for (const Alert &alert : page) {
        if (!isRelevant(alert))
            continue;
        noteSeq(alert);
        if (store(alert))
            fresh.append(alert);
        else
            applyUpdate(alert, false);
    }
    m_backfillNew += int(fresh.size());
    Q_EMIT backfillProgress(m_backfillFetched);
    if (!fresh.isEmpty()) {
        Q_EMIT alertsArrived(fresh, m_group->origin);
        if (m_group && m_group->countOffline) {
            m_offlineCount += int(fresh.size());
            Q_EMIT offlineCountChanged(m_offlineCount);
        }
    }
}

void AlertFeed::onBackfillDone(const ApiResult<HistoryProgress> &result)
{
    if (!m_group)
        return;
    const Group group = *m_group;
    m_group.reset();
    m_backfillRequest = 0;
    if (result) {
        m_backfillBackoff.reset();
        for (const QString &name : group.rooms) {
            const auto it = m_rooms.find(name);
            if (it != m_rooms.end())
                it->historyComplete = true;
        }
        keepCompleteUpTo(group, group.reached);
        runBackfill();
        updateLinkState();
        return;
    }
    const ApiError &error = result.error();
    qCWarning(lcClientFeed) << "backfill failed:" << error.message;
    // What was read stays read; the rest is asked for again, with the margin, since a page is
    // only as complete as the server's view when it answered.
    const qint64 resume = std::max(group.afterSeq, group.reached - m_options.backfillSafetyMargin);
    keepCompleteUpTo(group, resume);
    for (const QString &name : group.rooms)
        wantBackfill(name, resume, group.countOffline);
    Q_EMIT backfillFailed(error);
    if (error.kind == ApiError::Kind::Unauthorized) {
        restAuthFailed(error);
    } else if (m_connected) {
        m_backfillRetry.start(std::chrono::milliseconds(m_backfillBackoff.nextDelayMs()));
    }
    updateLinkState();
}

void AlertFeed::keepCompleteUpTo(const Group &group, qint64 seq)
{
    // Pages arrive in seq order, each asked for after the previous one's last seq: what a
    // backfill read before it stopped is complete, if it started from a complete point.
    for (const QString &name : group.rooms) {
        const auto it = m_rooms.find(name);
        if (it != m_rooms.end() && group.afterSeq <= it->completeUpTo)
            it->completeUpTo = std::max(it->completeUpTo, seq);
    }
}

void AlertFeed::interruptBackfill()
{
    if (!m_group)
        return;
    if (m_api && m_backfillRequest)
        m_api->cancel(m_backfillRequest);
    m_backfillRequest = 0;
    const Group group = *m_group;
    m_group.reset();
    const qint64 resume = std::max(group.afterSeq, group.reached - m_options.backfillSafetyMargin);
    keepCompleteUpTo(group, resume);
    for (const QString &name : group.rooms)
        wantBackfill(name, resume, group.countOffline);
}

void AlertFeed::finishBackfillSessionIfIdle()
{
    if (!m_backfillSession || m_group || m_backfillRetry.isActive())
        return;
    for (const auto &[name, wanted] : m_wanted) {
        const auto room = m_rooms.constFind(name);
        if (room != m_rooms.constEnd() && room->state == RoomState::Joined)
            return;
    }
    m_backfillSession = false;
    qCInfo(lcClientFeed) << "backfill finished:" << m_backfillNew << "new alerts";
    Q_EMIT backfillFinished(m_backfillNew);
}

// ---- triage -------------------------------------------------------------------------------

void AlertFeed::fetchTriageSnapshot()
{
    if (!m_options.followTriage || !m_api || !m_connected || m_authBlocked)
        return;
    if (m_triageRequest)
        m_api->cancel(m_triageRequest);
    m_triageLoading = true;
    m_triageDuringSnapshot.clear();
    QPointer<AlertFeed> self(this);
    m_triageRequest =
      m_api->triageQueue(QString(), [self](const ApiResult<QList<TriageEntry>> &result) {
          if (self)
              self->onTriageSnapshot(result);
      });
}

void AlertFeed::onTriageSnapshot(const ApiResult<QList<TriageEntry>> &result)
{
    m_triageRequest = 0;
    m_triageLoading = false;
    if (!result) {
        qCWarning(lcClientFeed) << "triage queue snapshot failed:" << result.error().message;
        if (result.error().kind == ApiError::Kind::Unauthorized) {
            restAuthFailed(result.error());
            return;
        }
        Q_EMIT problemOccurred(u"the triage queue could not be loaded: "_s +
                               result.error().message);
        if (m_connected)
            m_triageRetry.start(std::chrono::milliseconds(triageRetryMs));
        return;
    }
    touch();
    m_triage = result.value();
    // Updates that came while the snapshot was on its way may be newer than what it holds.
    const QList<TriageEntry> during = std::exchange(m_triageDuringSnapshot, {});
    for (const TriageEntry &entry : during) {
        const auto it = std::find_if(m_triage.begin(), m_triage.end(), [&](const TriageEntry &e) {
            return e.patientId == entry.patientId;
        });
        if (it == m_triage.end())
            m_triage.append(entry);
        else if (!(entry.updatedAt < it->updatedAt))
            *it = entry;
    }
    Q_EMIT triageQueueReset(m_triage);
}

void AlertFeed::applyTriageEntry(const TriageEntry &entry)
{
    const auto it = std::find_if(m_triage.begin(), m_triage.end(), [&](const TriageEntry &e) {
        return e.patientId == entry.patientId;
    });
    if (it == m_triage.end())
        m_triage.append(entry);
    else
        *it = entry;
    Q_EMIT triageEntryUpdated(entry);
}

void AlertFeed::onTriageUpdate(const QCborArray &args)
{
    if (!m_connected || !m_options.followTriage)
        return;
    const auto parsed = TriageEntry::fromJson(args.at(0));
    if (!parsed) {
        Q_EMIT problemOccurred(u"the server sent an invalid triage entry ("_s +
                               parsed.error().field + u": "_s + parsed.error().message + u')');
        return;
    }
    if (m_triageLoading)
        m_triageDuringSnapshot.append(parsed.value());
    applyTriageEntry(parsed.value());
}

// ---- acknowledge --------------------------------------------------------------------------

void AlertFeed::acknowledge(const QString &alertId)
{
    if (!m_socket || !m_connected || !m_socket->isConnected()) {
        // Never kept for later: a nurse must know now that it did not happen.
        finishAcknowledge(alertId, u"not connected to the server"_s);
        return;
    }
    QCborMap payload;
    payload.insert("alert_id"_L1, alertId);
    QPointer<AlertFeed> self(this);
    const EmitResult result = m_socket->emitWithAck(
      u"acknowledge_alert"_s,
      { payload },
      m_options.ackTimeoutMs,
      [self, alertId](const AckResult &r) {
          if (!self)
              return;
          if (!r) {
              Q_EMIT self->acknowledgeFinished(alertId, ackErrorText(r.error()), Alert());
              return;
          }
          self->touch();
          self->onAcknowledgeAnswered(alertId, r.value());
      });
    if (result != EmitResult::Sent && result != EmitResult::Buffered)
        finishAcknowledge(alertId, u"the acknowledgement could not be sent"_s);
}

void AlertFeed::onAcknowledgeAnswered(const QString &alertId, const QCborArray &args)
{
    const QString error = refusal(args);
    if (!error.isEmpty()) {
        Q_EMIT acknowledgeFinished(alertId, error, Alert());
        return;
    }
    const auto parsed = Alert::fromJson(args.at(0).toMap().value("alert"_L1));
    if (!parsed || parsed->id != alertId) {
        Q_EMIT acknowledgeFinished(
          alertId, u"the server's confirmation does not hold the alert"_s, Alert());
        return;
    }
    const Alert &alert = parsed.value();
    if (isRelevant(alert)) {
        noteSeq(alert);
        if (store(alert))
            Q_EMIT alertsArrived({ alert }, AlertOrigin::Live);
        else
            applyUpdate(alert, true);
    }
    Q_EMIT acknowledgeFinished(alertId, QString(), alert);
}

void AlertFeed::finishAcknowledge(const QString &alertId, const QString &error)
{
    // Reported from the event loop, never from inside acknowledge().
    QPointer<AlertFeed> self(this);
    QMetaObject::invokeMethod(
      this,
      [self, alertId, error] {
          if (self)
              Q_EMIT self->acknowledgeFinished(alertId, error, Alert());
      },
      Qt::QueuedConnection);
}

// ---- health of the link -------------------------------------------------------------------

void AlertFeed::restAuthFailed(const ApiError &error)
{
    if (m_authBlocked)
        return;
    m_authBlocked = true;
    m_backfillRetry.stop();
    m_triageRetry.stop();
    Q_EMIT authenticationRequired(error.message);
}

qint64 AlertFeed::nowMs() const
{
    if (m_socket && m_socket->manager() && m_socket->manager()->options().heartbeatClock)
        return m_socket->manager()->options().heartbeatClock();
    return boottimeMs();
}

qint64 AlertFeed::staleAfterMs() const
{
    if (m_options.staleAfterMs > 0)
        return m_options.staleAfterMs;
    const qint64 interval =
      m_socket && m_socket->manager() ? m_socket->manager()->handshake().pingInterval : 0;
    if (interval <= 0)
        return defaultStaleAfterMs;
    return interval + std::max(minStaleGraceMs, interval / 5);
}

void AlertFeed::touch()
{
    m_lastDataMs = nowMs();
    m_lastDataAt = QDateTime::currentDateTimeUtc();
    if (m_stale) {
        m_stale = false;
        qCInfo(lcClientFeed) << "data flows again";
        updateLinkState();
    }
}

void AlertFeed::checkStale()
{
    if (!m_connected || m_stale)
        return;
    if (nowMs() - m_lastDataMs > staleAfterMs()) {
        m_stale = true;
        qCWarning(lcClientFeed) << "nothing received for" << nowMs() - m_lastDataMs << "ms";
        updateLinkState();
    }
}

void AlertFeed::updateLinkState()
{
    Phase phase = Phase::Offline;
    if (m_connected && m_started) {
        phase = Phase::Live;
        bool joining = false;
        for (const Room &room : std::as_const(m_rooms)) {
            if (room.joinInFlight || room.state == RoomState::Pending)
                joining = true;
        }
        bool backfilling = m_group.has_value() || m_backfillRetry.isActive();
        for (const auto &[name, wanted] : m_wanted) {
            const auto room = m_rooms.constFind(name);
            if (room != m_rooms.constEnd() && room->state == RoomState::Joined)
                backfilling = true;
        }
        if (joining)
            phase = Phase::Joining;
        else if (backfilling)
            phase = Phase::Backfilling;
    }
    LinkState state = LinkState::Offline;
    switch (phase) {
        case Phase::Offline:
            state = LinkState::Offline;
            break;
        case Phase::Joining:
            state = LinkState::Joining;
            break;
        case Phase::Backfilling:
            state = LinkState::Backfilling;
            break;
        case Phase::Live:
            state = LinkState::Live;
            break;
    }
    if (phase != Phase::Offline && m_stale)
        state = LinkState::Stale;
    if (state == m_linkState)
        return;
    m_linkState = state;
    qCInfo(lcClientFeed) << "link state" << int(state);
    Q_EMIT linkStateChanged(state);
}

} // namespace vigil::client
