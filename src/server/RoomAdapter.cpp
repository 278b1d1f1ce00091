// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/RoomAdapter.h"

#include <algorithm>

#include "server/EngineIoServer.h"
#include "server/ServerSocket.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

bool shouldInclude(const QSet<QString> &sessionRooms,
                   const QSet<QString> &rooms,
                   const QSet<QString> &except)
{
    const bool included = rooms.isEmpty() || sessionRooms.intersects(rooms);
    return included && !sessionRooms.intersects(except);
}

} // namespace

RoomAdapter::RoomAdapter(RecoveryOptions options)
  : m_recovery(options)
  // Offsets from an earlier run (or another namespace) must never match this one's buffer.
  , m_offsetPrefix(EngineIoServer::generateId().left(6))
{
    m_clock.start();
}

void RoomAdapter::addSocket(ServerSocket *socket)
{
    m_all.insert(socket);
}

void RoomAdapter::removeSocket(ServerSocket *socket)
{
    m_all.remove(socket);
    for (const QString &room : socket->rooms())
        leave(socket, room);
}

void RoomAdapter::join(ServerSocket *socket, const QString &room)
{
    m_rooms[room].insert(socket);
}

void RoomAdapter::leave(ServerSocket *socket, const QString &room)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->remove(socket);
    if (it->isEmpty())
        m_rooms.erase(it);
}

std::vector<ServerSocket *> RoomAdapter::recipients(const QSet<QString> &rooms,
                                                    const QSet<QString> &except) const
{
    QSet<ServerSocket *> excluded;
    for (const QString &room : except) {
        const auto it = m_rooms.constFind(room);
        if (it != m_rooms.constEnd())
            excluded.unite(*it);
    }

    std::vector<ServerSocket *> out;
    auto collect = [&](const QSet<ServerSocket *> &members) {
        for (ServerSocket *socket : members) {
            if (excluded.isEmpty() || !excluded.contains(socket))
                out.push_back(socket);
        }
    };

    if (rooms.isEmpty()) {
        out.reserve(size_t(m_all.size()));
        collect(m_all);
        return out;
    }
    if (rooms.size() == 1) {
        const auto it = m_rooms.constFind(*rooms.constBegin());
        if (it != m_rooms.constEnd()) {
            out.reserve(size_t(it->size()));
            collect(*it);
        }
        return out;
    }
    QSet<ServerSocket *> seen;
    for (const QString &room : rooms) {
        const auto it = m_rooms.constFind(room);
        if (it == m_rooms.constEnd())
            continue;
        for (ServerSocket *socket : *it) {
            if (excluded.contains(socket) || seen.contains(socket))
                continue;
            seen.insert(socket);
            out.push_back(socket);
        }
    }
    return out;
}

QHash<QString, qsizetype> RoomAdapter::roomSizes() const
{
    QHash<QString, qsizetype> sizes;
    sizes.reserve(m_rooms.size());
    for (auto it = m_rooms.constBegin(); it != m_rooms.constEnd(); ++it)
        sizes.insert(it.key(), it->size());
    return sizes;
}

QString RoomAdapter::nextOffset()
{
    return m_offsetPrefix + u'-' + QString::number(m_nextOffset++, 36);
}

std::optional<quint64> RoomAdapter::parseOffset(const QString &offset) const
{
    const qsizetype prefix = m_offsetPrefix.size();
    if (offset.size() <= prefix + 1 || !offset.startsWith(m_offsetPrefix) ||
        offset.at(prefix) != u'-')
        return std::nullopt;
    bool ok = false;
    const quint64 id = QStringView(offset).sliced(prefix + 1).toULongLong(&ok, 36);
    if (!ok)
        return std::nullopt;
    return id;
}

void RoomAdapter::storePacket(const QString &offset,
                              const QSet<QString> &rooms,
                              const QSet<QString> &except,
                              const WireMessage &message)
{
    const std::optional<quint64> id = parseOffset(offset);
    if (!id)
        return;
    m_packets.push_back(BufferedPacket{ *id, m_clock.elapsed(), rooms, except, message });
    while (qsizetype(m_packets.size()) > std::max<qsizetype>(1, m_recovery.maxBufferedPackets))
        m_packets.pop_front();
}

void RoomAdapter::persistSession(SessionState session)
{
    const QString pid = session.pid;
    m_sessions.insert(pid, PersistedSession{ std::move(session), m_clock.elapsed() });
}

std::optional<RoomAdapter::Restored> RoomAdapter::restoreSession(const QString &pid,
                                                                 const QString &offset)
{
    const auto it = m_sessions.find(pid);
    if (it == m_sessions.end())
        return std::nullopt;
    PersistedSession persisted = std::move(*it);
    m_sessions.erase(it);
    if (m_clock.elapsed() - persisted.disconnectedAt > m_recovery.maxDisconnectionDuration)
        return std::nullopt;

    const std::optional<quint64> id = parseOffset(offset);
    if (!id)
        return std::nullopt;
    const auto found = std::lower_bound(
      m_packets.begin(), m_packets.end(), *id, [](const BufferedPacket &packet, quint64 value) {
          return packet.id < value;
      });
    if (found == m_packets.end() || found->id != *id)
        return std::nullopt;

    Restored restored{ std::move(persisted.state), {} };
    for (auto packet = std::next(found); packet != m_packets.end(); ++packet) {
        if (shouldInclude(restored.session.rooms, packet->rooms, packet->except))
            restored.missed.append(packet->message);
    }
    return restored;
}

void RoomAdapter::prune()
{
    const qint64 cutoff = m_clock.elapsed() - m_recovery.maxDisconnectionDuration;
    while (!m_packets.empty() && m_packets.front().emittedAt < cutoff)
        m_packets.pop_front();
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it->disconnectedAt < cutoff)
            it = m_sessions.erase(it);
        else
            ++it;
    }
}

} // namespace vigil::server
