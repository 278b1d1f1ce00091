// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <optional>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

#include "server/WireMessage.h"

namespace vigil::server {

class ServerSocket;

/// Connection state recovery settings (Node's `connectionStateRecovery`).
struct RecoveryOptions
{
    bool enabled = true;
    /// How long a dropped client may stay away and still get its session and missed packets.
    qint64 maxDisconnectionDuration = 120'000; ///< ms
    /// A recovered socket skips the CONNECT middlewares (its session was authorised before).
    bool skipMiddlewares = true;
    /// Upper bound on the packets kept for replay; the oldest go first. A client whose offset is
    /// gone gets a fresh session (and backfills through REST), so this only trades memory.
    qsizetype maxBufferedPackets = 100'000;
};

/// One namespace's rooms (room -> sockets) and, when recovery is on, the packets and sessions kept
/// for clients that come back (Node's in-memory SessionAwareAdapter).
class RoomAdapter
{
public:
    explicit RoomAdapter(RecoveryOptions options);

    const RecoveryOptions &recovery() const { return m_recovery; }

    void addSocket(ServerSocket *socket);
    void removeSocket(ServerSocket *socket);
    void join(ServerSocket *socket, const QString &room);
    void leave(ServerSocket *socket, const QString &room);

    /// Sockets in any of `rooms` (every socket when empty) and in none of `except`, each once.
    std::vector<ServerSocket *> recipients(const QSet<QString> &rooms,
                                           const QSet<QString> &except) const;
    qsizetype socketCount() const { return m_all.size(); }
    /// Room name -> member count (sockets' own id rooms included).
    QHash<QString, qsizetype> roomSizes() const;
    bool hasRoom(const QString &room) const { return m_rooms.contains(room); }

    // Recovery.
    struct SessionState
    {
        QString sid;
        QString pid;
        QSet<QString> rooms;
        QVariant data;
    };
    struct Restored
    {
        SessionState session;
        QList<WireMessage> missed;
    };

    /// A new offset, unique and increasing for this server's life.
    QString nextOffset();
    void storePacket(const QString &offset,
                     const QSet<QString> &rooms,
                     const QSet<QString> &except,
                     const WireMessage &message);
    void persistSession(SessionState session);
    /// The session of `pid` and every packet after `offset` meant for its rooms, if the session
    /// is known, not expired and the offset is still buffered. The session is consumed.
    std::optional<Restored> restoreSession(const QString &pid, const QString &offset);
    /// Drops sessions and packets older than maxDisconnectionDuration.
    void prune();
    qsizetype bufferedPacketCount() const { return qsizetype(m_packets.size()); }
    qsizetype persistedSessionCount() const { return m_sessions.size(); }

private:
    struct BufferedPacket
    {
        quint64 id = 0;
        qint64 emittedAt = 0;
        QSet<QString> rooms;
        QSet<QString> except;
        WireMessage message;
    };
    struct PersistedSession
    {
        SessionState state;
        qint64 disconnectedAt = 0;
    };

    std::optional<quint64> parseOffset(const QString &offset) const;

    RecoveryOptions m_recovery;
    QSet<ServerSocket *> m_all;
    QHash<QString, QSet<ServerSocket *>> m_rooms;

    QElapsedTimer m_clock;
    QString m_offsetPrefix;
    quint64 m_nextOffset = 1;
    std::deque<BufferedPacket> m_packets;
    QHash<QString, PersistedSession> m_sessions;
};

} // namespace vigil::server
