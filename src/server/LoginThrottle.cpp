// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/LoginThrottle.h"

#include <memory>

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

constexpr qsizetype maxUsernameKeyLength = 128;

LoginThrottle::Limits sane(LoginThrottle::Limits limits)
{
    limits.maxFailures = qMax(1, limits.maxFailures);
    limits.windowMs = qMax<qint64>(1, limits.windowMs);
    return limits;
}

} // namespace

LoginThrottle::LoginThrottle(Limits perUser, Limits perAddress, qsizetype maxEntries)
  : m_userLimits(sane(perUser))
  , m_addressLimits(sane(perAddress))
  , m_maxEntries(qMax<qsizetype>(1, maxEntries))
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_clock = [timer] { return timer->elapsed(); };
}

void LoginThrottle::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QString LoginThrottle::usernameKey(const QString &username)
{
    return username.left(maxUsernameKeyLength).toCaseFolded();
}

QString LoginThrottle::addressKey(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    if (peer.protocol() == QAbstractSocket::IPv6Protocol) {
        Q_IPV6ADDR bytes = peer.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            bytes[i] = 0;
        return QHostAddress(bytes).toString() + u"/64"_s;
    }
    return peer.toString();
}

std::optional<qint64> LoginThrottle::blockedFor(const Failures &failures,
                                                const QString &key,
                                                const Limits &limits,
                                                qint64 now)
{
    const auto it = failures.constFind(key);
    if (it == failures.cend() || it->size() < limits.maxFailures)
        return std::nullopt;
    // The list holds the last maxFailures failures: blocked while the oldest is in the window.
    const qint64 until = it->constFirst() + limits.windowMs;
    if (until <= now)
        return std::nullopt;
    return until - now;
}

std::optional<qint64> LoginThrottle::retryAfterMs(const QString &username,
                                                  const QHostAddress &peer) const
{
    const qint64 now = m_clock();
    const auto user = blockedFor(m_users, usernameKey(username), m_userLimits, now);
    const auto address = blockedFor(m_addresses, addressKey(peer), m_addressLimits, now);
    if (user && address)
        return qMax(*user, *address);
    return user ? user : address;
}

void LoginThrottle::record(Failures &failures, const QString &key, const Limits &limits, qint64 now)
{
    if (!failures.contains(key) && failures.size() >= m_maxEntries) {
        for (auto it = failures.begin(); it != failures.end();) {
            if (it->constLast() + limits.windowMs <= now)
                it = failures.erase(it);
            else
                ++it;
        }
        if (failures.size() >= m_maxEntries) {
            auto oldest = failures.begin();
            for (auto it = failures.begin(); it != failures.end(); ++it) {
                if (it->constLast() < oldest->constLast())
                    oldest = it;
            }
            failures.erase(oldest);
        }
    }
    QList<qint64> &times = failures[key];
    times.append(now);
    while (times.size() > limits.maxFailures)
        times.removeFirst();
}

void LoginThrottle::recordFailure(const QString &username, const QHostAddress &peer)
{
    const qint64 now = m_clock();
    record(m_users, usernameKey(username), m_userLimits, now);
    record(m_addresses, addressKey(peer), m_addressLimits, now);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    m_users.remove(usernameKey(username));
}

} // namespace vigil::server
