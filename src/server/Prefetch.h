// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace vigil::server {

/// How many recipients ahead a broadcast loop prefetches.
constexpr std::size_t prefetchAhead = 8;

/// Asks the CPU to start loading `address` into the cache; a hint, nothing else. A broadcast
/// walks a thousand recipients whose objects the kernel's send path has pushed out of the cache
/// since the last alert: loading the next ones while the current one is handled hides that wait.
inline void prefetch(const void *address)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    static_cast<void>(address);
#endif
}

} // namespace vigil::server
