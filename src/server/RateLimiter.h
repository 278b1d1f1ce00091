// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QList>
#include <QString>

namespace vigil::server {

/// `alerts_suppressed` (CONTRACT §5): how many live emits a closed window held back.
struct SuppressionSummary
{
    QString patientId;
    QString hospitalId;
    int count = 0;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;

    friend bool operator==(const SuppressionSummary &, const SuppressionSummary &) = default;
};

/// The per-patient live-emit limit (ALERT_RATE_LIMIT_PER_MINUTE).
///
/// Fixed windows per patient: a patient's window opens with its first alert after a quiet spell
/// and lasts 60 s; the first `limit` alerts in it are emitted live, the rest are held back (stored
/// with `suppressed: true` by the caller) and reported by one SuppressionSummary when the window
/// closes. Windows are anchored to each patient's first alert, not to the wall-clock minute, so a
/// patient never gets two windows' worth in its first seconds; across a window boundary a burst
/// can reach 2 × limit, which is the price of one summary per window instead of a sliding count.
///
/// No timer per patient: the service polls closeExpiredWindows() (nextDeadline() says when).
/// Memory holds only patients with an alert in the last 60 s, at most maxTrackedPatients; beyond
/// that new patients are emitted untracked (an alert is never hidden for lack of memory).
class RateLimiter final
{
public:
    enum class Verdict
    {
        Emit,
        HoldBack,
    };

    /// Milliseconds on a monotonic clock.
    using Clock = std::function<qint64()>;

    static constexpr qint64 windowMs = 60'000;
    static constexpr qsizetype defaultMaxTrackedPatients = 100'000;

    /// `limitPerMinute` 0 turns limiting off (every alert is emitted).
    explicit RateLimiter(int limitPerMinute = 10,
                         qsizetype maxTrackedPatients = defaultMaxTrackedPatients);

    void setClock(Clock clock);
    int limit() const { return m_limit; }

    /// Counts one alert of the patient and says whether to emit it live. For HoldBack, call
    /// heldBack() with the stored alert's seq once it is stored.
    Verdict admit(const QString &patientId);
    /// Records a held-back alert for the patient's summary.
    void heldBack(const QString &patientId, const QString &hospitalId, qint64 seq);

    /// Closes every window that has ended by now (on the clock) and returns one summary for each
    /// window that held back alerts; forgets patients whose window closed.
    QList<SuppressionSummary> closeExpiredWindows();
    /// When the next window ends (on the clock), or nullopt when no window is open.
    std::optional<qint64> nextDeadline() const;

    qsizetype trackedPatients() const { return m_windows.size(); }

private:
    struct Window
    {
        qint64 start = 0;
        int admitted = 0;
        SuppressionSummary held;
    };

    /// Closes `it` if it has ended; returns true when it was removed.
    bool closeIfExpired(QHash<QString, Window>::iterator &it, qint64 now);

    int m_limit;
    qsizetype m_maxTracked;
    Clock m_clock;
    QHash<QString, Window> m_windows;
    /// Summaries of windows closed inside admit(), handed out by the next closeExpiredWindows().
    QList<SuppressionSummary> m_pending;
};

} // namespace vigil::server
