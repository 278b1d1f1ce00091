// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QtGlobal>

namespace vigil::protocol {

/// Reconnection delays exactly as socket.io-client's backo2: `min * factor^attempts`, then a
/// proportional jitter whose size and sign come from the same random number, capped at `max`.
/// A pure value class: the Manager owns the timer.
///
/// Where backo2 breaks down this class does not: it never wraps at 2^31 ms (backo2's `| 0`), and it
/// keeps returning maxMs after thousands of attempts (backo2 returns 0 once its delay overflows to
/// Infinity and the random number is 0). The attempt counter saturates at INT_MAX.
class Backoff
{
public:
    struct Options
    {
        qint64 minMs = 1'000;
        qint64 maxMs = 5'000;
        double factor = 2.0;
        /// socket.io-client accepts 0 < jitter <= 1; 0 disables jitter.
        double jitter = 0.5;
    };
    /// Returns a number in [0, 1). The default draws from QRandomGenerator::global().
    using RandomSource = std::function<double()>;

    Backoff();
    /// Options are normalised (options() shows the result): maxMs < 0 becomes 0; minMs is clamped
    /// to [0, maxMs]; a factor below 1 or not finite becomes 1 (a constant delay); a jitter outside
    /// (0, 1], NaN included, becomes 0 as in backo2. Numbers from `random` outside [0, 1) are
    /// clamped into it.
    explicit Backoff(Options options, RandomSource random = {});

    /// The delay before the next attempt, in ms; counts one attempt. Always in [0, maxMs], however
    /// many attempts came before (no overflow).
    qint64 nextDelayMs();
    /// Starts again from `minMs` (after a successful connect or a new outage).
    void reset() { m_attempts = 0; }
    /// Delays handed out since the last reset().
    int attempts() const { return m_attempts; }

    const Options &options() const { return m_options; }

private:
    Options m_options;
    RandomSource m_random;
    int m_attempts = 0;
};

} // namespace vigil::protocol
