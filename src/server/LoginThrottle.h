// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace vigil::server {

/// Throttles failed logins per username and per peer address (CONTRACT §2).
///
/// Each key keeps the times of its last `maxFailures` failures; once that many fall within the
/// window, logins for the key are refused (429) until the oldest of them leaves the window. A
/// success clears the username's failures but not the address's, so an attacker cannot reset its
/// address by logging into an account of its own. Usernames are compared case-folded; IPv6 peers
/// are grouped by /64 (one host usually owns a whole /64) and IPv4-mapped addresses count as IPv4.
/// The address limit is higher than the username limit because a ward's stations often share one
/// address behind NAT.
///
/// Memory is bounded: at most maxEntries keys per kind; beyond that expired keys are dropped, then
/// the key with the oldest last failure.
class LoginThrottle final
{
public:
    struct Limits
    {
        int maxFailures = 5;
        qint64 windowMs = 5 * 60'000;
    };

    /// Milliseconds on a monotonic clock.
    using Clock = std::function<qint64()>;

    static constexpr Limits defaultUserLimits{ 5, 5 * 60'000 };
    static constexpr Limits defaultAddressLimits{ 20, 5 * 60'000 };
    static constexpr qsizetype defaultMaxEntries = 10'000;

    explicit LoginThrottle(Limits perUser = defaultUserLimits,
                           Limits perAddress = defaultAddressLimits,
                           qsizetype maxEntries = defaultMaxEntries);

    void setClock(Clock clock);

    /// Milliseconds until a login for this username from this peer may be tried again, or nullopt
    /// when it may be tried now. Answer 429 with `Retry-After: ceil(ms / 1000)` when set.
    std::optional<qint64> retryAfterMs(const QString &username, const QHostAddress &peer) const;
    void recordFailure(const QString &username, const QHostAddress &peer);
    void recordSuccess(const QString &username);

    qsizetype trackedUsernames() const { return m_users.size(); }
    qsizetype trackedAddresses() const { return m_addresses.size(); }

    /// The key a peer is counted under (`10.0.0.7`, `2001:db8:1:2::/64`).
    static QString addressKey(const QHostAddress &peer);
    static QString usernameKey(const QString &username);

private:
    using Failures = QHash<QString, QList<qint64>>;

    static std::optional<qint64> blockedFor(const Failures &failures,
                                            const QString &key,
                                            const Limits &limits,
                                            qint64 now);
    void record(Failures &failures, const QString &key, const Limits &limits, qint64 now);

    Limits m_userLimits;
    Limits m_addressLimits;
    qsizetype m_maxEntries;
    Clock m_clock;
    Failures m_users;
    Failures m_addresses;
};

} // namespace vigil::server
