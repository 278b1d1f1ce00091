// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/Backoff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <QRandomGenerator>

namespace vigil::protocol {

namespace {

Backoff::Options normalized(Backoff::Options options)
{
    options.maxMs = std::max<qint64>(options.maxMs, 0);
    options.minMs = std::clamp<qint64>(options.minMs, 0, options.maxMs);
    // Shrinking or non-finite growth is no backoff at all; a constant delay is the closest sane
    // reading.
    if (!std::isfinite(options.factor) || options.factor < 1.0)
        options.factor = 1.0;
    // backo2's constructor keeps jitter only when 0 < jitter <= 1 and uses 0 otherwise (NaN too).
    if (!(options.jitter > 0.0 && options.jitter <= 1.0))
        options.jitter = 0.0;
    return options;
}

double clampedUnit(double r)
{
    // An injected source may misbehave; keep its numbers in [0, 1) so the delay stays in range.
    if (!(r >= 0.0))
        return 0.0;
    if (r >= 1.0)
        return std::nextafter(1.0, 0.0);
    return r;
}

} // namespace

Backoff::Backoff()
  : Backoff(Options{})
{
}

Backoff::Backoff(Options options, RandomSource random)
  : m_options(normalized(options))
  , m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

qint64 Backoff::nextDelayMs()
{
    const double max = static_cast<double>(m_options.maxMs);
    // 0 * Infinity would be NaN, which the cap below turns into max; a zero minimum means no delay.
    double ms = m_options.minMs == 0
                  ? 0.0
                  : static_cast<double>(m_options.minMs) * std::pow(m_options.factor, m_attempts);
    if (m_attempts < std::numeric_limits<int>::max())
        ++m_attempts;

    if (m_options.jitter > 0.0) {
        const double rand = clampedUnit(m_random());
        const double deviation = std::floor(rand * m_options.jitter * ms);
        const bool down = (static_cast<int>(std::floor(rand * 10)) & 1) == 0;
        ms = down ? ms - deviation : ms + deviation;
    }

    // After ~1000 attempts ms overflows to Infinity, and backo2 then computes Infinity - NaN for
    // rand 0 and returns NaN | 0 = 0, a tight reconnect loop. Here NaN and Infinity fail `ms < max`
    // and give max. Comparing in double also keeps values at or above 2^63 away from the integer
    // conversion.
    if (!(ms < max))
        return m_options.maxMs;
    if (!(ms > 0.0))
        return 0;
    // backo2 ends with `| 0`, which truncates toward zero.
    return static_cast<qint64>(std::trunc(ms));
}

} // namespace vigil::protocol
