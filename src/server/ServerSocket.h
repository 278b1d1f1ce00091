// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QCborArray>
#include <QCborValue>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QVariant>

#include "server/DisconnectReason.h"

namespace vigil::protocol::sio {
struct Packet;
}

namespace vigil::server {

class BroadcastOperator;
class Namespace;
class ServerSocket;
class SocketIoConnection;
struct HandshakeInfo;

/// The reply a client asked for with an event (its ack id). Copyable; the first call sends the
/// ACK, later calls and calls after the socket is gone do nothing.
class Ack
{
public:
    Ack() = default;

    /// Whether the client asked for an acknowledgement.
    bool isRequested() const { return m_state != nullptr; }
    /// Sends the ACK with these arguments (byte arrays become binary attachments).
    void send(const QCborArray &args = {}) const;
    void operator()(const QCborArray &args = {}) const { send(args); }

private:
    friend class ServerSocket;
    struct State
    {
        QPointer<ServerSocket> socket;
        qint64 id = 0;
        bool sent = false;
    };
    Ack(ServerSocket *socket, qint64 id);

    std::shared_ptr<State> m_state;
};

/// One client connected to one namespace (Node's server-side `Socket`). Owned by its connection;
/// deleted (later) after `disconnected`. Hold it in a QPointer across event-loop turns.
class ServerSocket final : public QObject
{
    Q_OBJECT

public:
    /// Called with the client's ACK arguments, or std::nullopt on timeout or disconnect.
    using AckCallback = std::function<void(std::optional<QCborArray> reply)>;

    ~ServerSocket() override;

    /// Public socket id (the room every socket is in); not the Engine.IO session id.
    const QString &id() const { return m_id; }
    /// Private session id for connection state recovery; empty when recovery is off.
    const QString &pid() const { return m_pid; }
    Namespace *nsp() const { return m_nsp; }
    SocketIoConnection *connection() const { return m_connection; }
    const HandshakeInfo &handshake() const;
    /// The CONNECT payload (undefined when the client sent none).
    const QCborValue &auth() const { return m_auth; }
    /// Per-socket application data, set by the CONNECT middleware (e.g. the authenticated user).
    const QVariant &data() const { return m_data; }
    void setData(QVariant data) { m_data = std::move(data); }
    bool isConnected() const { return m_connected; }
    /// True when this socket resumed a session through connection state recovery.
    bool recovered() const { return m_recovered; }

    const QSet<QString> &rooms() const { return m_rooms; }
    void join(const QString &room);
    void leave(const QString &room);

    void emitEvent(const QString &event, const QCborArray &args = {});
    /// Emits with an ack id; `callback` gets the reply, or std::nullopt after `timeoutMs` (0 waits
    /// until the socket disconnects).
    void emitWithAck(const QString &event,
                     const QCborArray &args,
                     AckCallback callback,
                     int timeoutMs = 0);

    /// Everyone in `room` except this socket (Node's `socket.to(room)`).
    BroadcastOperator to(const QString &room) const;
    /// Everyone in the namespace except this socket (Node's `socket.broadcast`).
    BroadcastOperator broadcast() const;

    /// Server-side disconnect: sends DISCONNECT for this namespace; with `closeConnection` the
    /// client's whole Engine.IO connection is closed too.
    void disconnectSocket(bool closeConnection = false);

Q_SIGNALS:
    void disconnected(vigil::server::DisconnectReason reason);

private:
    friend class Namespace;
    friend class SocketIoConnection;
    friend class Ack;

    struct PendingAck
    {
        AckCallback callback;
    };

    ServerSocket(Namespace *nsp,
                 SocketIoConnection *connection,
                 QString id,
                 QString pid,
                 QCborValue auth,
                 QVariant data,
                 bool recovered);

    void onPacket(const protocol::sio::Packet &packet);
    void onAck(qint64 id, const QCborArray &args);
    void sendAck(qint64 id, const QCborArray &args);
    /// Ends the socket: leaves rooms, fails pending acks, persists the session when recoverable.
    void onClose(DisconnectReason reason);

    // What a broadcast reads of each recipient comes first: one cache line.
    Namespace *m_nsp;
    SocketIoConnection *m_connection;
    bool m_connected = true;
    QString m_id;
    QString m_pid;
    QCborValue m_auth;
    QVariant m_data;
    QSet<QString> m_rooms;
    QHash<qint64, PendingAck> m_acks;
    qint64 m_nextAckId = 0;
    bool m_recovered = false;
};

} // namespace vigil::server
