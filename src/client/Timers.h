// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <limits>

#include <QTimer>

namespace vigil::client::detail {

/// QTimer counts in int milliseconds: longer configured or negotiated times are clamped rather
/// than wrapped into negative (immediate) timeouts.
inline void startClamped(QTimer &timer, qint64 ms)
{
    timer.start(int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max())));
}

} // namespace vigil::client::detail
