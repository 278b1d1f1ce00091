// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include "client/ClientOptions.h"
#include "client/Transport.h"
#include "protocol/Backoff.h"
#include "protocol/EngineIo.h"
#include "protocol/SocketIo.h"

namespace vigil::client {

class Socket;

/// One Engine.IO session at a time, and the only owner of its transport: a single state machine
/// opens, watches (heartbeat), closes and reopens it with backoff, so two attempts can never
/// overlap. Socket.IO packets are routed to the Socket of their namespace.
///
/// Lives in one thread (move it to a worker thread as a whole if the GUI thread may block).
class Manager final : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Disconnected, ///< idle: never opened, close() called, reconnection off or given up
        Connecting,   ///< first attempt after open()
        Open,         ///< Engine.IO handshake received
        Reconnecting, ///< link lost: waiting for the next attempt or running it
    };
    Q_ENUM(State)

    /// `serverUrl` is the origin (`http[s]://` or `ws[s]://host:port`, query items kept); its path
    /// is ignored, namespaces come from socket(). Without a factory, WebSocketTransport is used.
    explicit Manager(const QUrl &serverUrl,
                     ManagerOptions options = {},
                     TransportFactory factory = {},
                     QObject *parent = nullptr);
    ~Manager() override;

    /// The Socket of namespace `nsp` (created on first use, owned by the Manager). A later call
    /// for the same namespace returns the same Socket and ignores `options`, as socket.io-client.
    Socket *socket(const QString &nsp = QStringLiteral("/"), const SocketOptions &options = {});

    State state() const { return m_state; }
    /// True while a transport exists and the handshake is awaited.
    bool attemptInProgress() const { return m_transport && m_state != State::Open; }
    /// The current session's handshake; meaningful only while Open.
    const protocol::eio::Handshake &handshake() const { return m_handshake; }
    /// The full Engine.IO URL every attempt connects to.
    QUrl engineUrl() const;
    const ManagerOptions &options() const { return m_options; }

    /// Starts connecting; does nothing unless Disconnected.
    void open();
    /// Skips the current backoff wait; when Disconnected, opens. Never starts a second attempt
    /// while one runs.
    void reconnectNow();
    /// Closes for good: no reconnection until open() or reconnectNow().
    void close();

    /// True once `pingInterval + pingTimeout` passed without a ping: the link is dead even if no
    /// timer fired yet (thread blocked, machine suspended).
    bool heartbeatExpired() const;

Q_SIGNALS:
    void stateChanged(vigil::client::Manager::State state);
    /// The next attempt (1-based, per outage) starts after `delayMs`.
    void reconnectScheduled(int attempt, qint64 delayMs);
    void reconnectAttempted(int attempt);
    /// An open connection ended ("transport close", "ping timeout", "parse error",
    /// "transport error", "forced close").
    void connectionClosed(const QString &reason);
    /// An attempt after an outage got its handshake.
    void reconnected();
    /// reconnectionAttempts were used up; the Manager is Disconnected.
    void reconnectFailed();
    /// Every server ping: proof of life for staleness detection.
    void pingReceived();
    void errorOccurred(const QString &message);

private:
    friend class Socket;

    void setState(State state);
    void startAttempt();
    void attemptFailed(const QString &message);
    void connectionLost(const QString &reason);
    void scheduleReconnect();
    void teardownTransport();
    void onText(const QByteArray &utf8);
    void onBinary(const QByteArray &bytes);
    void onHandshake(const QByteArray &json);
    void onSocketIoPacket(const protocol::sio::Packet &packet);
    void armWatchdog();
    void checkWatchdog();
    void handleDecodeError(const protocol::Error &error);
    qint64 nowMs() const;

    // Called by Socket.
    bool sendPacket(const protocol::sio::Packet &packet);
    void socketDeactivated();
    /// Ends the current connection from the event loop (never inside the caller's stack).
    void dropConnection(const QString &reason);
    void socketDestroyed(Socket *socket);
    quint64 connectionId() const { return m_connectionId; }

    QUrl m_serverUrl;
    ManagerOptions m_options;
    TransportFactory m_factory;
    State m_state = State::Disconnected;
    QPointer<Transport> m_transport;
    protocol::eio::Handshake m_handshake;
    protocol::sio::Decoder m_decoder;
    protocol::Backoff m_backoff;
    QTimer m_openTimer;
    QTimer m_reconnectTimer;
    QTimer m_watchdogTimer;
    /// Deadline on a clock that keeps counting during suspend (see heartbeatExpired()).
    qint64 m_heartbeatDeadlineMs = 0;
    bool m_handshakeDone = false;
    bool m_skipReconnect = false;
    /// Counts Engine.IO sessions, so an ack reply never goes to a session it did not come from.
    quint64 m_connectionId = 0;
    QList<Socket *> m_sockets;
};

} // namespace vigil::client
