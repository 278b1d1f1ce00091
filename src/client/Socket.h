// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <map>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include "client/ClientOptions.h"
#include "protocol/Result.h"
#include "protocol/SocketIo.h"

// Socket::emit() would be mangled by Qt's `emit` keyword macro.
#ifdef emit
#error "client/Socket.h needs QT_NO_KEYWORDS"
#endif

class QTimer;

namespace vigil::client {

class Manager;

/// What emit() did with an event.
enum class EmitResult
{
    Sent,         ///< written to the connection
    Buffered,     ///< not connected: kept and sent in order right after the next CONNECT ack
    BufferFull,   ///< not connected and the send buffer is full: dropped, callback never called
    ReservedName, ///< `connect`, `disconnect`, ... may not be emitted: dropped
};

enum class AckErrorCode
{
    TimedOut,     ///< "operation has timed out"
    Disconnected, ///< "socket has been disconnected"
};

struct AckError
{
    AckErrorCode code = AckErrorCode::TimedOut;
    QString message;
};

/// The server's ack arguments, or why there will be none.
using AckResult = protocol::Result<QCborArray, AckError>;
using AckCallback = std::function<void(const AckResult &)>;
/// Answers a server event that asked for an ack; empty when it did not ask. Only the first call
/// counts, and only on the connection the event came from.
using AckReply = std::function<void(const QCborArray &args)>;
using EventHandler = std::function<void(const QCborArray &args, const AckReply &reply)>;
using SimpleEventHandler = std::function<void(const QCborArray &args)>;
using AnyEventHandler = std::function<void(const QString &event, const QCborArray &args)>;
/// Evaluated for every CONNECT, so a refreshed token is used on the next reconnect.
using AuthProvider = std::function<QCborMap()>;

/// One Socket.IO namespace multiplexed on a Manager's connection. Created by Manager::socket().
///
/// An *active* socket wants to be connected: after a transport loss it reconnects with the
/// Manager. It becomes inactive on disconnect(), on a server-side disconnect (`41`) and on a
/// CONNECT_ERROR: none of those is retried until the application calls connect() again.
///
/// Acks: every emitWithAck() callback is called exactly once (reply, timeout or disconnect). On a
/// disconnect, pending acks of packets already written fail with "socket has been disconnected";
/// those still in the send buffer stay pending (their timeout keeps running) and go out after the
/// next CONNECT ack, as in socket.io-client. Destroying the Socket drops callbacks uncalled.
///
/// Connection state recovery: when the server's CONNECT ack carries a `pid`, the string offset
/// that such a server appends to every ack-less event is recorded and removed from the handler
/// arguments, and the next CONNECT sends `{pid, offset}` (merged under the auth map). An event
/// the server sent as volatile carries no offset, so with a recovering server its last string
/// argument is taken for one: do not combine the two.
class Socket final : public QObject
{
    Q_OBJECT

public:
    ~Socket() override;

    QString nsp() const { return m_nsp; }
    Manager *manager() const { return m_manager; }
    bool isActive() const { return m_active; }
    bool isConnected() const { return m_connected; }
    /// The server's id for this socket while connected.
    QString id() const { return m_sid; }
    /// The last CONNECT ack restored the previous session (same pid).
    bool recovered() const { return m_recovered; }
    qsizetype bufferedPacketCount() const { return m_sendBuffer.size(); }

    void setAuth(AuthProvider provider) { m_auth = std::move(provider); }

    /// Makes the socket active and connects it (opening the Manager if needed). Does nothing when
    /// already connected or while its CONNECT awaits an answer.
    void connect();
    /// Sends DISCONNECT when connected; the socket becomes inactive.
    void disconnect();

    EmitResult emit(const QString &event, const QCborArray &args = {});
    /// `timeoutMs` <= 0 uses SocketOptions::defaultAckTimeoutMs. The callback is called exactly
    /// once when the result is Sent or Buffered, never otherwise.
    EmitResult emitWithAck(const QString &event,
                           const QCborArray &args,
                           qint64 timeoutMs,
                           AckCallback callback);

    /// Handlers stay registered across reconnects: register once, never from connected().
    void on(const QString &event, EventHandler handler);
    void on(const QString &event, SimpleEventHandler handler);
    void off(const QString &event);
    /// Called for every incoming event, before its own handlers.
    void onAny(AnyEventHandler handler);

Q_SIGNALS:
    void connected(bool recovered);
    void disconnected(const QString &reason);
    /// The server refused the CONNECT; `data` is undefined when it sent none.
    void connectError(const QString &message, const QCborValue &data);
    void errorOccurred(const QString &message);

private:
    friend class Manager;

    struct BufferedPacket
    {
        protocol::sio::Packet packet;
        qsizetype bytes = 0;
    };
    struct PendingAck
    {
        AckCallback callback;
        QTimer *timer = nullptr;
    };

    Socket(Manager *manager, QString nsp, SocketOptions options);

    // Called by Manager.
    void onManagerOpen();
    void onManagerClosed(const QString &reason);
    void onPacket(const protocol::sio::Packet &packet);

    void sendConnect();
    void onConnectAck(const protocol::sio::Packet &packet);
    void onConnectError(const protocol::sio::Packet &packet);
    void onServerDisconnect();
    void onAck(const protocol::sio::Packet &packet);
    void onAckTimeout(qint64 id);
    void dispatch(const protocol::sio::Packet &packet);
    void closeSocket(const QString &reason);
    void failPendingAcks();
    void flushSendBuffer();
    EmitResult sendOrBuffer(protocol::sio::Packet packet);
    void removeBuffered(qint64 ackId);
    void refuse(const QString &message, const QCborValue &data);

    Manager *m_manager;
    QString m_nsp;
    SocketOptions m_options;
    AuthProvider m_auth;
    bool m_active = false;
    bool m_connected = false;
    /// Connection (Manager::connectionId) whose CONNECT is awaiting its answer; 0 for none.
    quint64 m_connectSentOn = 0;
    QString m_sid;
    QString m_pid;
    QString m_lastOffset;
    bool m_recovered = false;
    QList<BufferedPacket> m_sendBuffer;
    qsizetype m_sendBufferBytes = 0;
    QList<protocol::sio::Packet> m_receiveBuffer;
    std::map<qint64, PendingAck> m_acks;
    qint64 m_nextAckId = 0;
    QHash<QString, QList<EventHandler>> m_handlers;
    QList<AnyEventHandler> m_anyHandlers;
};

} // namespace vigil::client
