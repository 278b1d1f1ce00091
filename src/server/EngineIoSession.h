// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include "protocol/EngineIo.h"
#include "server/DisconnectReason.h"
#include "server/HandshakeInfo.h"
#include "server/HttpReply.h"
#include "server/WireMessage.h"

class QTcpSocket;

namespace vigil::server {

class EngineIoServer;
class WebSocketChannel;

/// One Engine.IO connection, whatever carries it: a WebSocket, HTTP long-polling, or polling that
/// is being upgraded to a WebSocket. Created and owned by EngineIoServer; deleted (later) after
/// `closed`. Sending on a closed session does nothing.
class EngineIoSession final : public QObject
{
    Q_OBJECT

public:
    enum class Transport
    {
        Polling,
        WebSocket
    };

    ~EngineIoSession() override;

    const QString &id() const { return m_id; }
    Transport transport() const { return m_transport; }
    bool isOpen() const { return !m_closed; }
    bool isUpgrading() const { return m_probe != nullptr; }
    const HandshakeInfo &handshake() const { return m_handshake; }
    /// Whether a long-polling GET is waiting for data.
    bool hasPendingPoll() const { return m_pendingPoll.has_value(); }

    /// An Engine.IO message with a text payload (`4` is added).
    void sendMessage(const QByteArray &text);
    /// An Engine.IO binary message.
    void sendBinary(const QByteArray &bytes);
    /// A pre-encoded message (see WireMessage); the hot path for broadcasts.
    void send(const WireMessage &message);

    /// Closes the session from the server side ("forced close" unless told otherwise).
    void close(DisconnectReason reason = DisconnectReason::ForcedClose);

Q_SIGNALS:
    void messageReceived(const QByteArray &text);
    void binaryReceived(const QByteArray &bytes);
    void upgraded();
    void closed(vigil::server::DisconnectReason reason);

private:
    friend class EngineIoServer;

    enum class Heartbeat
    {
        WaitingToPing,
        WaitingForPong
    };

    EngineIoSession(EngineIoServer *server,
                    QString id,
                    HandshakeInfo handshake,
                    bool supportsBinary);

    void startWebSocket(WebSocketChannel *socket);
    void startPolling(QTcpSocket *socket,
                      QHttpServerResponder &&responder,
                      http::HeaderList headers);
    void startUpgrade(WebSocketChannel *probe);
    bool canUpgrade() const;

    // Polling.
    void handlePoll(QTcpSocket *socket, QHttpServerResponder &&responder, http::HeaderList headers);
    void handlePost(const QByteArray &contentType,
                    const QByteArray &body,
                    QHttpServerResponder &responder,
                    const http::HeaderList &headers);
    void enqueue(const QByteArray &record);
    void scheduleFlush();
    void flush();
    void answerPendingPoll(const QByteArray &body);
    void onPollAborted();

    // WebSocket.
    void attachWebSocket(WebSocketChannel *socket);
    void onWebSocketText(const QByteArray &text);
    void onWebSocketBinary(const QByteArray &bytes);
    void onProbeText(const QByteArray &text);
    void completeUpgrade();
    void dropProbe();
    void sendFrame(const QByteArray &packet);
    void sendBinaryFrame(const QByteArray &bytes);
    bool checkBackpressure();

    // Both.
    void handlePacket(const protocol::eio::Packet &packet);
    bool pingOverdue();
    void onDeadline();
    void startHeartbeat();
    void closeInternal(DisconnectReason reason, const QByteArray &pollAnswer);
    static void retireWebSocket(WebSocketChannel *socket, QObject *keeper);

    // What send() reads for every delivery comes first: one cache line.
    EngineIoServer *m_server;
    WebSocketChannel *m_ws = nullptr;
    Transport m_transport = Transport::Polling;
    bool m_supportsBinary = true;
    bool m_closed = false;
    QString m_id;
    HandshakeInfo m_handshake;

    // Heartbeat, driven by the server's single deadline timer.
    Heartbeat m_heartbeat = Heartbeat::WaitingToPing;
    qint64 m_deadline = 0;
    std::multimap<qint64, EngineIoSession *>::iterator m_deadlineIt;
    bool m_scheduled = false;

    WebSocketChannel *m_probe = nullptr;
    bool m_probed = false;

    std::optional<QHttpServerResponder> m_pendingPoll;
    QPointer<QTcpSocket> m_pendingPollSocket;
    QMetaObject::Connection m_pendingPollAbort;
    http::HeaderList m_pendingPollHeaders;
    QList<QByteArray> m_outbox;
    qint64 m_outboxBytes = 0;
    bool m_flushScheduled = false;
    quint64 m_pollGeneration = 0;
};

} // namespace vigil::server
