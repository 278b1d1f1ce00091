// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include "client/AlertFeed.h"

namespace vigil::console {

/// What the station knows about its link, gathered from AlertFeed and Manager signals, turned into
/// the texts of the status bar and of the communication-loss banner, and the decision when that
/// banner (a technical alarm) is due: whenever the station is signed in and the feed has not been
/// Live for longer than the alarm delay. The alarm cannot be dismissed; it clears itself only when
/// the feed is Live again.
class ConnectionStatus final : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    using LastDataProvider = std::function<QDateTime()>;

    /// The banner's default delay (the settings' default).
    static constexpr std::chrono::milliseconds defaultAlarmDelay{ 5'000 };

    explicit ConnectionStatus(QObject *parent = nullptr);
    ~ConnectionStatus() override;

    /// "Now" for the texts (offline since, next try in); tests pass a fixed clock.
    void setClock(Clock clock);
    /// Where the time of the last data comes from (AlertFeed::lastDataAt()).
    void setLastDataProvider(LastDataProvider provider);
    void setAlarmDelay(std::chrono::milliseconds delay);
    std::chrono::milliseconds alarmDelay() const { return m_alarmDelay; }

    /// Signed in: the station is supposed to be monitoring. Signing out ends any alarm.
    void setSignedIn(bool signedIn);
    bool isSignedIn() const { return m_signedIn; }

    void setLinkState(client::LinkState state);
    client::LinkState linkState() const { return m_linkState; }
    /// The Manager scheduled attempt `attempt` in `delayMs`.
    void setReconnectScheduled(int attempt, qint64 delayMs);
    /// The Manager started attempt `attempt`.
    void setReconnectAttempted(int attempt);
    /// The Manager gave up (reconnection limit reached): only "reconnect now" helps.
    void setReconnectFailed();
    void setBackfillStarted();
    void setBackfillProgress(qint64 alerts);
    void setBackfillFinished();

    bool isBackfilling() const { return m_backfilling; }
    qint64 backfillAlerts() const { return m_backfillAlerts; }
    int reconnectAttempt() const { return m_attempt; }
    bool reconnectGaveUp() const { return m_gaveUp; }
    /// Since when the feed has not been Live; invalid while Live or signed out.
    QDateTime notLiveSince() const { return m_notLiveSince; }
    QDateTime lastDataAt() const;

    /// The communication-loss alarm is on.
    bool isAlarmActive() const { return m_alarmActive; }
    /// Whether the link is usable for requests (acknowledge): connected, even if not yet Live.
    bool isConnected() const;

    /// One line for the status bar, e.g. "Reconnecting: attempt 3, next try in 4 s".
    QString statusText() const;
    /// A short word for the status badge: "LIVE", "NOT LIVE", ...
    QString badgeText() const;
    /// The banner's headline.
    QString bannerTitle() const;
    /// The banner's details: the last data, what the station is doing, what the nurse should do.
    QString bannerText() const;

    /// hh:mm:ss for today, with the date otherwise.
    QString formatTime(const QDateTime &time) const;

Q_SIGNALS:
    /// Any text changed (also every second while a countdown runs).
    void changed();
    void alarmActiveChanged(bool active);

private:
    QDateTime now() const;
    void update();
    void setAlarmActive(bool active);
    void armAlarmTimer();

    Clock m_clock;
    LastDataProvider m_lastData;
    std::chrono::milliseconds m_alarmDelay = defaultAlarmDelay;
    bool m_signedIn = false;
    client::LinkState m_linkState = client::LinkState::Offline;
    bool m_everLive = false;
    int m_attempt = 0;
    QDateTime m_nextAttemptAt;
    bool m_attemptRunning = false;
    bool m_gaveUp = false;
    bool m_backfilling = false;
    qint64 m_backfillAlerts = 0;
    QDateTime m_notLiveSince;
    bool m_alarmActive = false;
    QTimer m_alarmTimer;
    QTimer m_tick;
};

} // namespace vigil::console
