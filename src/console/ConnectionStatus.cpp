// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ConnectionStatus.h"

#include <algorithm>

namespace vigil::console {

using client::LinkState;

ConnectionStatus::ConnectionStatus(QObject *parent)
  : QObject(parent)
{
    m_alarmTimer.setSingleShot(true);
    connect(&m_alarmTimer, &QTimer::timeout, this, [this] {
        if (m_signedIn && m_linkState != LinkState::Live)
            setAlarmActive(true);
    });
    // Countdowns ("next try in 4 s") and "since" texts must move even when no signal arrives.
    m_tick.setInterval(1'000);
    connect(&m_tick, &QTimer::timeout, this, &ConnectionStatus::changed);
}

ConnectionStatus::~ConnectionStatus() = default;

void ConnectionStatus::setClock(Clock clock)
{
    m_clock = std::move(clock);
    Q_EMIT changed();
}

void ConnectionStatus::setLastDataProvider(LastDataProvider provider)
{
    m_lastData = std::move(provider);
    Q_EMIT changed();
}

void ConnectionStatus::setAlarmDelay(std::chrono::milliseconds delay)
{
    m_alarmDelay = std::max(delay, std::chrono::milliseconds(0));
    if (m_alarmTimer.isActive())
        armAlarmTimer();
}

void ConnectionStatus::setSignedIn(bool signedIn)
{
    if (m_signedIn == signedIn)
        return;
    m_signedIn = signedIn;
    m_linkState = LinkState::Offline;
    m_everLive = false;
    m_attempt = 0;
    m_nextAttemptAt = {};
    m_attemptRunning = false;
    m_gaveUp = false;
    m_backfilling = false;
    m_backfillAlerts = 0;
    m_notLiveSince = signedIn ? now() : QDateTime();
    update();
}

void ConnectionStatus::setLinkState(LinkState state)
{
    if (state == m_linkState)
        return;
    const bool wasLive = m_linkState == LinkState::Live;
    m_linkState = state;
    if (state == LinkState::Live) {
        m_everLive = true;
        m_attempt = 0;
        m_nextAttemptAt = {};
        m_attemptRunning = false;
        m_gaveUp = false;
        m_notLiveSince = {};
    } else if (wasLive || !m_notLiveSince.isValid()) {
        m_notLiveSince = now();
    }
    if (state != LinkState::Offline) {
        m_attemptRunning = false;
        m_nextAttemptAt = {};
    }
    if (state != LinkState::Backfilling)
        m_backfilling = false;
    update();
}

void ConnectionStatus::setReconnectScheduled(int attempt, qint64 delayMs)
{
    m_attempt = attempt;
    m_attemptRunning = false;
    m_gaveUp = false;
    m_nextAttemptAt = now().addMSecs(std::max<qint64>(delayMs, 0));
    update();
}

void ConnectionStatus::setReconnectAttempted(int attempt)
{
    m_attempt = attempt;
    m_attemptRunning = true;
    m_nextAttemptAt = {};
    update();
}

void ConnectionStatus::setReconnectFailed()
{
    m_gaveUp = true;
    m_attemptRunning = false;
    m_nextAttemptAt = {};
    update();
}

void ConnectionStatus::setBackfillStarted()
{
    m_backfilling = true;
    m_backfillAlerts = 0;
    Q_EMIT changed();
}

void ConnectionStatus::setBackfillProgress(qint64 alerts)
{
    m_backfilling = true;
    m_backfillAlerts = alerts;
    Q_EMIT changed();
}

void ConnectionStatus::setBackfillFinished()
{
    m_backfilling = false;
    Q_EMIT changed();
}

QDateTime ConnectionStatus::lastDataAt() const
{
    return m_lastData ? m_lastData() : QDateTime();
}

bool ConnectionStatus::isConnected() const
{
    return m_signedIn && m_linkState != LinkState::Offline;
}

QDateTime ConnectionStatus::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTime();
}

void ConnectionStatus::update()
{
    const bool notLive = m_signedIn && m_linkState != LinkState::Live;
    if (!notLive) {
        m_alarmTimer.stop();
        setAlarmActive(false);
    } else if (!m_alarmActive && !m_alarmTimer.isActive()) {
        armAlarmTimer();
    }
    if (notLive)
        m_tick.start();
    else
        m_tick.stop();
    Q_EMIT changed();
}

void ConnectionStatus::armAlarmTimer()
{
    // The delay counts from when the link stopped being live, not from this call.
    qint64 remaining = m_alarmDelay.count();
    if (m_notLiveSince.isValid())
        remaining -= m_notLiveSince.msecsTo(now());
    m_alarmTimer.start(static_cast<int>(std::clamp<qint64>(remaining, 0, 24 * 3'600'000)));
}

void ConnectionStatus::setAlarmActive(bool active)
{
    if (m_alarmActive == active)
        return;
    m_alarmActive = active;
    Q_EMIT alarmActiveChanged(active);
}

QString ConnectionStatus::formatTime(const QDateTime &time) const
{
    if (!time.isValid())
        return tr("never");
    const QDateTime local = time.toLocalTime();
    // 24-hour digits read the same in every language of the ward.
    if (local.date() == now().toLocalTime().date())
        return local.toString(QStringLiteral("HH:mm:ss"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ConnectionStatus::statusText() const
{
    if (!m_signedIn)
        return tr("Signed out: this station receives no alerts");
    switch (m_linkState) {
        case LinkState::Offline: {
            const QString since = formatTime(m_notLiveSince);
            if (m_gaveUp)
                return tr("Offline since %1: automatic reconnection stopped (F5 retries)")
                  .arg(since);
            if (m_attempt > 0 && m_nextAttemptAt.isValid()) {
                const qint64 ms = std::max<qint64>(now().msecsTo(m_nextAttemptAt), 0);
                const int seconds = static_cast<int>((ms + 999) / 1'000);
                return tr("Offline since %1. Reconnecting: attempt %2, next try in %n s",
                          nullptr,
                          seconds)
                  .arg(since)
                  .arg(m_attempt);
            }
            if (m_attempt > 0)
                return tr("Offline since %1. Reconnecting: attempt %2…").arg(since).arg(m_attempt);
            if (!m_everLive)
                return tr("Connecting to the server…");
            return tr("Offline since %1").arg(since);
        }
        case LinkState::Joining:
            return tr("Connected: joining rooms…");
        case LinkState::Backfilling:
            return tr("Connected: catching up on missed alerts (%n fetched)…",
                      nullptr,
                      static_cast<int>(std::min<qint64>(m_backfillAlerts, 1'000'000'000)));
        case LinkState::Live:
            return tr("Live: receiving alerts");
        case LinkState::Stale:
            return tr("Stale: no data since %1").arg(formatTime(lastDataAt()));
    }
    return {};
}

QString ConnectionStatus::badgeText() const
{
    if (!m_signedIn)
        return tr("SIGNED OUT");
    switch (m_linkState) {
        case LinkState::Live:
            return tr("LIVE");
        case LinkState::Joining:
        case LinkState::Backfilling:
            return tr("CONNECTING");
        case LinkState::Stale:
            return tr("STALE");
        case LinkState::Offline:
            break;
    }
    return tr("OFFLINE");
}

QString ConnectionStatus::bannerTitle() const
{
    if (m_linkState == LinkState::Stale)
        return tr("NO DATA FROM THE SERVER: ALERTS MAY BE MISSING");
    if (m_linkState == LinkState::Joining || m_linkState == LinkState::Backfilling)
        return tr("NOT LIVE YET: ALERTS MAY BE MISSING");
    return tr("COMMUNICATION LOST: THIS STATION IS NOT RECEIVING ALERTS");
}

QString ConnectionStatus::bannerText() const
{
    // Three short lines read faster from across the room than one long sentence.
    return tr("Last data received: %1").arg(formatTime(lastDataAt())) + QLatin1Char('\n') +
           statusText() + QLatin1Char('\n') +
           tr("Check on your patients directly until this banner clears.");
}

} // namespace vigil::console
