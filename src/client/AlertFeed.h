// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>

#include <QCborArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "client/ApiClient.h"
#include "client/ApiError.h"
#include "protocol/Backoff.h"
#include "protocol/Contract.h"

namespace vigil::client {

class Socket;

/// Where the station's picture of the ward stands. The console shows this; it must never look live
/// when it is not.
enum class LinkState
{
    Offline,     ///< not connected (connecting for the first time, or reconnecting after a loss)
    Joining,     ///< connected; joining rooms
    Backfilling, ///< rooms joined; fetching history that may have been missed
    Live,        ///< joined, backfilled, and data (or pings) arriving on time
    Stale,       ///< connected, but nothing (not even a ping) arrived for longer than expected
};

/// Where one followed room stands on the server.
enum class RoomState
{
    Pending, ///< not joined yet (offline, or the join is on its way)
    Joined,
    Refused, ///< the server refused the join ("Invalid room name", "Unauthorized"): not retried
};

/// How an alert reached the station.
enum class AlertOrigin
{
    /// A live event: `patient_alert` (also one a recovering server replayed on reconnection), or
    /// an `alert_updated` or acknowledge confirmation of an alert not seen before.
    Live,
    /// History of a followed room fetched after a (re)connect (it arrived while offline, and
    /// counts in offlineCount()) or after the server announced alerts its rate limiter held back
    /// (`alerts_suppressed`: those do not count as offline).
    Backfill,
    /// History of a room the station just started to follow (also the rooms of the first connect).
    RoomAdded,
};

/// The domain layer the console and vigil-cli build on (CONTRACT §9): the rooms this station
/// follows, joined again after every reconnect (unless the session was recovered), history
/// backfilled from a point that cannot leave a gap and merged with live events by alert id, the
/// triage queue, and acknowledgements confirmed by the server. Every alert of the followed rooms is
/// reported exactly once through alertsArrived(); later changes come through alertUpdated().
class AlertFeed : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        /// Backfill restarts this many seqs below the highest seq seen per room: overlap is
        /// harmless (merged by id), a gap would lose alerts.
        qint64 backfillSafetyMargin = 100;
        /// Page size for history requests (the contract allows up to 5000).
        int backfillPageSize = 1'000;
        /// Timeout for join/leave/acknowledge acks.
        qint64 ackTimeoutMs = 10'000;
        /// Nothing for this long (no event, no ping) makes the feed Stale. 0 derives it from the
        /// server's pingInterval (pingInterval + max(2 s, pingInterval / 5)).
        qint64 staleAfterMs = 0;
        /// Also follow the triage queue (snapshot via REST, then `triage_update`). This joins
        /// `triage_queue` even when it is not one of rooms(); the high-priority alerts that then
        /// arrive through it count only if they belong to a followed room.
        bool followTriage = true;
        /// Backfill rooms whose history was complete once again after every reconnect. Only a
        /// demonstration of what goes wrong without it (vigil-cli's hidden `--no-backfill`) turns
        /// this off; the history of newly followed rooms is fetched either way.
        bool backfillOnReconnect = true;
    };

    /// `socket` is the `/` namespace socket (its Manager owns the connection); `api` talks to the
    /// same server. Neither is owned. The feed connects the socket when started. The caller gives
    /// both their credentials (Socket::setAuth() with `{"token": ...}`,
    /// ApiClient::setBearerToken()), and after authenticationRequired() fresh ones, then calls
    /// start() again.
    AlertFeed(Socket *socket, ApiClient *api, Options options, QObject *parent = nullptr);
    AlertFeed(Socket *socket, ApiClient *api, QObject *parent = nullptr);
    ~AlertFeed() override;

    /// Connects and starts following the rooms set so far. Also the way to resume after
    /// authenticationRequired() or a refused connection: refused rooms are asked for again.
    void start();
    /// Stops following (leaves nothing on the server; the socket is disconnected).
    void stop();

    /// Follows these rooms (invalid names are refused: returns false and changes nothing).
    bool setRooms(const QList<protocol::RoomName> &rooms);
    bool addRoom(const protocol::RoomName &room);
    void removeRoom(const protocol::RoomName &room);
    QList<protocol::RoomName> rooms() const;
    RoomState roomState(const protocol::RoomName &room) const;

    LinkState linkState() const { return m_linkState; }
    /// When the last data (event, ack, ping or history page) arrived; invalid before any.
    QDateTime lastDataAt() const { return m_lastDataAt; }
    /// Alerts that arrived while the station was offline, since the last resetOfflineCount():
    /// those first seen through the backfill after a reconnect, and those a recovering server
    /// replayed on reconnection (they never reach the backfill as new).
    int offlineCount() const { return m_offlineCount; }
    void resetOfflineCount();

    /// Every alert known so far, by id (the merged picture).
    const QHash<QString, protocol::Alert> &alerts() const { return m_alerts; }
    const QList<protocol::TriageEntry> &triageQueue() const { return m_triage; }

    /// Asks the server to acknowledge; the answer comes through acknowledgeFinished(). Never
    /// buffered: when offline it fails at once (a late, silent acknowledge would be worse).
    void acknowledge(const QString &alertId);

Q_SIGNALS:
    void linkStateChanged(vigil::client::LinkState state);
    /// Also for `triage_queue` when it is joined only for Options::followTriage.
    void roomStateChanged(const vigil::protocol::RoomName &room,
                          vigil::client::RoomState state,
                          const QString &reason);
    /// New alerts, each id reported once ever, in ascending seq within one batch.
    void alertsArrived(const QList<vigil::protocol::Alert> &alerts,
                       vigil::client::AlertOrigin origin);
    /// A known alert changed (acknowledged, resolved, ...); never a state downgrade.
    void alertUpdated(const vigil::protocol::Alert &alert);
    void triageQueueReset(const QList<vigil::protocol::TriageEntry> &entries);
    void triageEntryUpdated(const vigil::protocol::TriageEntry &entry);
    void backfillStarted();
    /// `alerts` fetched so far in this backfill (new and already known).
    void backfillProgress(qint64 alerts);
    void backfillFinished(int newAlerts);
    /// The backfill could not complete; it is retried (with backoff) while connected.
    void backfillFailed(const vigil::client::ApiError &error);
    void offlineCountChanged(int count);
    /// `error` is empty on success; `alert` is the server's confirmed state then.
    void acknowledgeFinished(const QString &alertId,
                             const QString &error,
                             const vigil::protocol::Alert &alert);
    /// The server refused our credentials (CONNECT_ERROR 401 or REST 401): log in again.
    void authenticationRequired(const QString &message);
    /// Something the user should know that is not one of the above (e.g. an invalid alert payload).
    void problemOccurred(const QString &message);

private:
    struct Room
    {
        QString name;
        RoomState state = RoomState::Pending;
        QString reason;
        /// False for `triage_queue` joined only for triage updates (Options::followTriage).
        bool followed = true;
        /// The server has us in the room (survives a disconnect: a recovered session keeps it).
        bool joinedOnServer = false;
        bool joinInFlight = false;
        /// A backfill of this room ran to its end at least once.
        bool historyComplete = false;
        qint64 highestSeq = 0;
        /// Every alert of the room up to this seq is known: only a backfill that ran to its end
        /// from at most this point moves it. Live events do not, because the server may have held
        /// back (rate-limited) alerts below the seqs we saw live.
        qint64 completeUpTo = 0;
    };
    /// A backfill a room still needs: from where, and whether what it finds arrived while offline.
    struct Wanted
    {
        qint64 afterSeq = 0;
        bool afterReconnect = false;
    };
    struct Group
    {
        QStringList rooms;
        qint64 afterSeq = 0;
        AlertOrigin origin = AlertOrigin::Backfill;
        bool countOffline = false;
        /// Where to resume if this group is interrupted.
        qint64 reached = 0;
    };
    enum class Phase
    {
        Offline,
        Joining,
        Backfilling,
        Live,
    };

    void connectSocket();
    void onConnected(bool recovered);
    void onDisconnected();
    void onConnectError(const QString &message, const QCborValue &data);
    void onPatientAlert(const QCborArray &args);
    void onAlertUpdated(const QCborArray &args);
    void onTriageUpdate(const QCborArray &args);
    void onAlertsSuppressed(const QCborArray &args);

    void setRoomState(Room &room, RoomState state, const QString &reason = {});
    void join(const QString &name);
    void leave(const QString &name);
    void addRoomEntry(const QString &name, bool followed);
    bool isRelevant(const protocol::Alert &alert) const;
    QStringList followedRoomsOf(const protocol::Alert &alert) const;
    void noteSeq(const protocol::Alert &alert);
    /// Stores a new alert; true if it was not known before.
    bool store(const protocol::Alert &alert);
    /// Applies a newer state of a known alert; true if it changed.
    bool applyUpdate(const protocol::Alert &alert, bool fromUpdateEvent);

    void wantBackfill(const QString &room, qint64 afterSeq, bool afterReconnect);
    void scheduleBackfills(bool afterReconnect);
    void runBackfill();
    void onBackfillPage(const QList<protocol::Alert> &page, const HistoryProgress &progress);
    void onBackfillDone(const ApiResult<HistoryProgress> &result);
    void keepCompleteUpTo(const Group &group, qint64 seq);
    void interruptBackfill();
    void finishBackfillSessionIfIdle();

    void fetchTriageSnapshot();
    void onTriageSnapshot(const ApiResult<QList<protocol::TriageEntry>> &result);
    void applyTriageEntry(const protocol::TriageEntry &entry);

    void onAcknowledgeAnswered(const QString &alertId, const QCborArray &args);
    void finishAcknowledge(const QString &alertId, const QString &error);

    void restAuthFailed(const ApiError &error);
    void touch();
    void checkStale();
    qint64 staleAfterMs() const;
    qint64 nowMs() const;
    void updateLinkState();

    QPointer<Socket> m_socket;
    QPointer<ApiClient> m_api;
    Options m_options;
    bool m_started = false;
    /// Counts Socket.IO sessions, so an answer never lands in a session it was not asked in.
    quint64 m_session = 0;
    bool m_connected = false;
    /// Set while a recovering server's replayed events are dispatched right after the CONNECT.
    bool m_replaying = false;
    /// A REST 401: nothing is retried until start() is called with fresh credentials.
    bool m_authBlocked = false;

    QStringList m_roomOrder;
    QHash<QString, Room> m_rooms;

    std::map<QString, Wanted> m_wanted;
    std::optional<Group> m_group;
    ApiClient::RequestId m_backfillRequest = 0;
    bool m_backfillSession = false;
    qint64 m_backfillFetched = 0;
    int m_backfillNew = 0;
    protocol::Backoff m_backfillBackoff;
    QTimer m_backfillRetry;

    ApiClient::RequestId m_triageRequest = 0;
    bool m_triageLoading = false;
    QList<protocol::TriageEntry> m_triageDuringSnapshot;
    QTimer m_triageRetry;

    QTimer m_staleTimer;
    qint64 m_lastDataMs = 0;
    bool m_stale = false;

    LinkState m_linkState = LinkState::Offline;
    QDateTime m_lastDataAt;
    int m_offlineCount = 0;
    QHash<QString, protocol::Alert> m_alerts;
    QList<protocol::TriageEntry> m_triage;
};

} // namespace vigil::client
