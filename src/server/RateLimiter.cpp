// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/RateLimiter.h"

#include <QElapsedTimer>

#include "common/Logging.h"

namespace vigil::server {

RateLimiter::RateLimiter(int limitPerMinute, qsizetype maxTrackedPatients)
  : m_limit(qMax(0, limitPerMinute))
  , m_maxTracked(qMax<qsizetype>(1, maxTrackedPatients))
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_clock = [timer] { return timer->elapsed(); };
}

void RateLimiter::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

bool RateLimiter::closeIfExpired(QHash<QString, Window>::iterator &it, qint64 now)
{
    if (now < it->start + windowMs)
        return false;
    if (it->held.count > 0)
        m_pending.append(it->held);
    it = m_windows.erase(it);
    return true;
}

RateLimiter::Verdict RateLimiter::admit(const QString &patientId)
{
    if (m_limit == 0)
        return Verdict::Emit;
    const qint64 now = m_clock();
    auto it = m_windows.find(patientId);
    if (it != m_windows.end() && closeIfExpired(it, now))
        it = m_windows.end();
    if (it == m_windows.end()) {
        if (m_windows.size() >= m_maxTracked) {
            // Make room from closed windows before giving up on tracking.
            m_pending.append(closeExpiredWindows());
            if (m_windows.size() >= m_maxTracked) {
                qCWarning(lcServerAlerts)
                  << "rate limiter tracks" << m_windows.size() << "patients; emitting untracked";
                return Verdict::Emit;
            }
        }
        it = m_windows.insert(patientId, Window{ now, 0, {} });
    }
    if (it->admitted < m_limit) {
        ++it->admitted;
        return Verdict::Emit;
    }
    return Verdict::HoldBack;
}

void RateLimiter::heldBack(const QString &patientId, const QString &hospitalId, qint64 seq)
{
    const auto it = m_windows.find(patientId);
    if (it == m_windows.end())
        return;
    SuppressionSummary &held = it->held;
    if (held.count == 0) {
        held.patientId = patientId;
        held.hospitalId = hospitalId;
        held.firstSeq = seq;
        held.lastSeq = seq;
    } else {
        held.firstSeq = qMin(held.firstSeq, seq);
        held.lastSeq = qMax(held.lastSeq, seq);
    }
    ++held.count;
}

QList<SuppressionSummary> RateLimiter::closeExpiredWindows()
{
    const qint64 now = m_clock();
    for (auto it = m_windows.begin(); it != m_windows.end();) {
        if (!closeIfExpired(it, now))
            ++it;
    }
    QList<SuppressionSummary> closed;
    closed.swap(m_pending);
    return closed;
}

std::optional<qint64> RateLimiter::nextDeadline() const
{
    if (!m_pending.isEmpty())
        return m_clock();
    std::optional<qint64> next;
    for (const Window &window : m_windows) {
        const qint64 end = window.start + windowMs;
        if (!next || end < *next)
            next = end;
    }
    return next;
}

} // namespace vigil::server
