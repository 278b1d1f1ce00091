// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/EngineIoSession.h"

#include <algorithm>

#include <QTcpSocket>
#include <QTimer>

#include "common/Logging.h"
#include "server/EngineIoServer.h"
#include "server/WebSocketChannel.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace eio = protocol::eio;

namespace {

/// How long a closing WebSocket may take to flush its close frame before it is dropped.
constexpr int closeGraceMs = 2000;
/// How long a poll that arrives between `3probe` and `5` waits before it gets its noop (Node
/// checks every 100 ms).
constexpr int upgradeNoopDelayMs = 100;

const QByteArray pollContentType = QByteArrayLiteral("text/plain; charset=UTF-8");
const QByteArray noopPacket = QByteArrayLiteral("6");
const QByteArray closePacket = QByteArrayLiteral("1");
const QByteArray pingPacket = QByteArrayLiteral("2");

QByteArray joinRecords(const QList<QByteArray> &records)
{
    if (records.size() == 1)
        return records.front();
    qsizetype size = records.size() - 1;
    for (const QByteArray &record : records)
        size += record.size();
    QByteArray body;
    body.reserve(size);
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (i > 0)
            body.append(eio::recordSeparator);
        body.append(records.at(i));
    }
    return body;
}

bool isProtocolErrorClose(QWebSocketProtocol::CloseCode code)
{
    switch (code) {
        case QWebSocketProtocol::CloseCodeProtocolError:
        case QWebSocketProtocol::CloseCodeDatatypeNotSupported:
        case QWebSocketProtocol::CloseCodeWrongDatatype:
        case QWebSocketProtocol::CloseCodePolicyViolated:
        case QWebSocketProtocol::CloseCodeTooMuchData:
            return true;
        default:
            return false;
    }
}

} // namespace

EngineIoSession::EngineIoSession(EngineIoServer *server,
                                 QString id,
                                 HandshakeInfo handshake,
                                 bool supportsBinary)
  : QObject(server)
  , m_server(server)
  , m_supportsBinary(supportsBinary)
  , m_id(std::move(id))
  , m_handshake(std::move(handshake))
{
}

EngineIoSession::~EngineIoSession()
{
    if (m_server)
        m_server->forget(this);
    QObject::disconnect(m_pendingPollAbort);
}

void EngineIoSession::startHeartbeat()
{
    m_heartbeat = Heartbeat::WaitingToPing;
    m_deadline = m_server->now() + m_server->options().pingInterval;
    m_server->schedule(this, m_deadline);
}

void EngineIoSession::startWebSocket(WebSocketChannel *socket)
{
    m_transport = Transport::WebSocket;
    attachWebSocket(socket);
    const EngineIoOptions &options = m_server->options();
    const eio::Handshake open{
        m_id, {}, options.pingInterval, options.pingTimeout, options.maxPayload
    };
    sendFrame('0' + open.toJson());
    startHeartbeat();
}

void EngineIoSession::startPolling(QTcpSocket *socket,
                                   QHttpServerResponder &&responder,
                                   http::HeaderList headers)
{
    m_transport = Transport::Polling;
    const EngineIoOptions &options = m_server->options();
    QStringList upgrades;
    if (options.allowWebSocket)
        upgrades.append(u"websocket"_s);
    const eio::Handshake open{
        m_id, upgrades, options.pingInterval, options.pingTimeout, options.maxPayload
    };
    m_outbox.append('0' + open.toJson());
    startHeartbeat();
    handlePoll(socket, std::move(responder), std::move(headers));
}

bool EngineIoSession::canUpgrade() const
{
    return !m_closed && m_transport == Transport::Polling && !m_probe &&
           m_server->options().allowWebSocket;
}

// ---------------------------------------------------------------------------------------------
// Sending

void EngineIoSession::sendMessage(const QByteArray &text)
{
    if (m_closed)
        return;
    QByteArray packet;
    packet.reserve(text.size() + 1);
    packet.append('4');
    packet.append(text);
    if (m_transport == Transport::WebSocket) {
        sendFrame(packet);
        checkBackpressure();
    } else {
        enqueue(packet);
    }
}

void EngineIoSession::sendBinary(const QByteArray &bytes)
{
    if (m_closed)
        return;
    if (m_transport == Transport::WebSocket) {
        sendBinaryFrame(bytes);
        checkBackpressure();
    } else {
        enqueue('b' + bytes.toBase64());
    }
}

void EngineIoSession::send(const WireMessage &message)
{
    if (m_closed || message.isNull())
        return;
    if (m_transport == Transport::WebSocket) {
        m_ws->sendWire(message);
        if (m_supportsBinary) {
            for (const QByteArray &attachment : message.attachments())
                m_ws->sendBinary(attachment);
        } else {
            for (const QByteArray &record : message.base64Attachments())
                m_ws->sendText(record);
        }
        checkBackpressure();
        return;
    }
    enqueue(message.text());
    if (!message.attachments().isEmpty()) {
        for (const QByteArray &record : message.base64Attachments())
            enqueue(record);
    }
}

void EngineIoSession::sendFrame(const QByteArray &packet)
{
    m_ws->sendText(packet);
}

void EngineIoSession::sendBinaryFrame(const QByteArray &bytes)
{
    if (m_supportsBinary)
        m_ws->sendBinary(bytes);
    else
        m_ws->sendText('b' + bytes.toBase64());
}

bool EngineIoSession::checkBackpressure()
{
    if (m_ws && m_ws->bytesToWrite() > m_server->options().maxBufferedOutput) {
        qCWarning(lcServerEngine) << "session" << m_id << "stopped reading; dropping it";
        closeInternal(DisconnectReason::TransportError, {});
        return false;
    }
    return true;
}

void EngineIoSession::enqueue(const QByteArray &record)
{
    m_outbox.append(record);
    m_outboxBytes += record.size() + 1;
    if (m_outboxBytes > m_server->options().maxBufferedOutput) {
        qCWarning(lcServerEngine) << "session" << m_id << "stopped polling; dropping it";
        closeInternal(DisconnectReason::TransportError, {});
        return;
    }
    if (m_pendingPoll)
        scheduleFlush();
}

void EngineIoSession::scheduleFlush()
{
    // Packets sent in one event-loop pass leave in one poll response.
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &EngineIoSession::flush, Qt::QueuedConnection);
}

void EngineIoSession::flush()
{
    m_flushScheduled = false;
    if (m_closed || !m_pendingPoll || m_outbox.isEmpty())
        return;
    const QByteArray body = joinRecords(m_outbox);
    m_outbox.clear();
    m_outboxBytes = 0;
    answerPendingPoll(body);
}

void EngineIoSession::answerPendingPoll(const QByteArray &body)
{
    if (!m_pendingPoll)
        return;
    QHttpServerResponder responder(std::move(*m_pendingPoll));
    m_pendingPoll.reset();
    QObject::disconnect(m_pendingPollAbort);
    if (m_pendingPollSocket)
        http::reply(responder, http::Status::Ok, pollContentType, body, m_pendingPollHeaders);
    m_pendingPollSocket.clear();
    m_pendingPollHeaders.clear();
}

// ---------------------------------------------------------------------------------------------
// Polling requests

void EngineIoSession::handlePoll(QTcpSocket *socket,
                                 QHttpServerResponder &&responder,
                                 http::HeaderList headers)
{
    if (m_pendingPoll) {
        // Two outstanding GETs: the reference server gives up on the session.
        http::replyJson(responder,
                        EngineIoServer::errorStatus(EngineIoServer::ErrorCode::BadRequest),
                        EngineIoServer::errorBody(EngineIoServer::ErrorCode::BadRequest),
                        headers);
        closeInternal(DisconnectReason::TransportError, closePacket);
        return;
    }
    m_pendingPoll.emplace(std::move(responder));
    m_pendingPollSocket = socket;
    m_pendingPollHeaders = std::move(headers);
    m_pendingPollAbort =
      connect(socket, &QTcpSocket::disconnected, this, &EngineIoSession::onPollAborted);
    if (!m_outbox.isEmpty()) {
        flush();
    } else if (m_probed) {
        // The client has its `3probe` and may have sent `5` already, on another socket that this
        // event loop serves after this one. Waiting a little lets the upgrade win, so a poll that
        // raced it is refused like any poll after the upgrade; otherwise it ends with a noop.
        const quint64 generation = ++m_pollGeneration;
        QTimer::singleShot(upgradeNoopDelayMs, this, [this, generation] {
            if (generation == m_pollGeneration && m_pendingPoll && m_probe)
                answerPendingPoll(noopPacket);
        });
    }
}

void EngineIoSession::onPollAborted()
{
    // Node kills the session when a client drops its pending GET.
    m_pendingPoll.reset();
    QObject::disconnect(m_pendingPollAbort);
    m_pendingPollSocket.clear();
    closeInternal(DisconnectReason::TransportError, {});
}

void EngineIoSession::handlePost(const QByteArray &contentType,
                                 const QByteArray &body,
                                 QHttpServerResponder &responder,
                                 const http::HeaderList &headers)
{
    if (body.size() > m_server->options().maxPayload) {
        http::reply(
          responder, http::Status::PayloadTooLarge, QByteArrayLiteral("text/plain"), {}, headers);
        return;
    }
    if (contentType.startsWith("application/octet-stream")) {
        // Engine.IO v4 carries binary as base64 text; a binary body means a v3 client or garbage.
        http::replyJson(responder,
                        http::Status::BadRequest,
                        EngineIoServer::errorBody(EngineIoServer::ErrorCode::BadRequest),
                        headers);
        closeInternal(DisconnectReason::TransportError, closePacket);
        return;
    }
    auto packets = eio::decodePayload(body);
    if (!packets) {
        qCInfo(lcServerEngine) << "session" << m_id
                               << "sent an invalid payload:" << packets.error().message;
        http::replyJson(responder,
                        http::Status::BadRequest,
                        EngineIoServer::errorBody(EngineIoServer::ErrorCode::BadRequest),
                        headers);
        closeInternal(DisconnectReason::ParseError, closePacket);
        return;
    }
    for (const eio::Packet &packet : packets.value()) {
        if (m_closed)
            break;
        handlePacket(packet);
    }
    http::reply(responder,
                http::Status::Ok,
                QByteArrayLiteral("text/html"),
                QByteArrayLiteral("ok"),
                headers);
}

// ---------------------------------------------------------------------------------------------
// WebSocket

void EngineIoSession::attachWebSocket(WebSocketChannel *socket)
{
    m_ws = socket;
    socket->setParent(this);
    connect(
      socket, &WebSocketChannel::textMessageReceived, this, &EngineIoSession::onWebSocketText);
    connect(
      socket, &WebSocketChannel::binaryMessageReceived, this, &EngineIoSession::onWebSocketBinary);
    connect(socket, &WebSocketChannel::disconnected, this, [this, socket] {
        if (socket != m_ws)
            return;
        const bool error = isProtocolErrorClose(socket->closeCode());
        closeInternal(error ? DisconnectReason::TransportError : DisconnectReason::TransportClose,
                      {});
    });
}

void EngineIoSession::onWebSocketText(const QByteArray &utf8)
{
    if (m_closed)
        return;
    if (utf8.startsWith('b')) {
        // A client that cannot send binary frames sends base64 text instead.
        auto decoded = eio::decodePayload(utf8, 1);
        if (!decoded) {
            closeInternal(DisconnectReason::ParseError, {});
            return;
        }
        handlePacket(decoded->front());
        return;
    }
    auto packet = eio::decodeText(utf8);
    if (!packet) {
        qCInfo(lcServerEngine) << "session" << m_id
                               << "sent an invalid packet:" << packet.error().message;
        closeInternal(DisconnectReason::ParseError, {});
        return;
    }
    handlePacket(packet.value());
}

void EngineIoSession::onWebSocketBinary(const QByteArray &bytes)
{
    if (m_closed)
        return;
    Q_EMIT binaryReceived(bytes);
}

void EngineIoSession::startUpgrade(WebSocketChannel *probe)
{
    m_probe = probe;
    m_probed = false;
    probe->setParent(this);
    connect(probe, &WebSocketChannel::textMessageReceived, this, &EngineIoSession::onProbeText);
    connect(probe, &WebSocketChannel::binaryMessageReceived, this, &EngineIoSession::dropProbe);
    connect(probe, &WebSocketChannel::disconnected, this, [this, probe] {
        if (probe == m_probe)
            dropProbe();
    });
    QTimer::singleShot(m_server->options().upgradeTimeout, probe, [this, probe] {
        if (probe == m_probe) {
            qCInfo(lcServerEngine) << "session" << m_id << "did not finish its upgrade";
            dropProbe();
        }
    });
}

void EngineIoSession::onProbeText(const QByteArray &text)
{
    if (m_closed || !m_probe)
        return;
    if (text == "2probe") {
        m_probe->sendText(QByteArrayLiteral("3probe"));
        m_probed = true;
        // Ends the pending poll now so that the client can pause polling and send `5`.
        if (m_pendingPoll) {
            if (m_outbox.isEmpty())
                answerPendingPoll(noopPacket);
            else
                flush();
        }
    } else if (text == "5") {
        completeUpgrade();
    } else {
        dropProbe();
    }
}

void EngineIoSession::completeUpgrade()
{
    WebSocketChannel *socket = m_probe;
    m_probe = nullptr;
    m_probed = false;
    QObject::disconnect(socket, nullptr, this, nullptr);

    if (m_pendingPoll) {
        // Only a client that ignored the noop still polls here; from now on polls are refused.
        QHttpServerResponder responder(std::move(*m_pendingPoll));
        m_pendingPoll.reset();
        QObject::disconnect(m_pendingPollAbort);
        if (m_pendingPollSocket) {
            http::replyJson(responder,
                            http::Status::BadRequest,
                            EngineIoServer::errorBody(EngineIoServer::ErrorCode::BadRequest),
                            m_pendingPollHeaders);
        }
        m_pendingPollSocket.clear();
        m_pendingPollHeaders.clear();
    }
    m_transport = Transport::WebSocket;
    attachWebSocket(socket);

    // Whatever was queued for the next poll now goes over the WebSocket, in order.
    const QList<QByteArray> queued = std::exchange(m_outbox, {});
    m_outboxBytes = 0;
    for (const QByteArray &record : queued) {
        if (record.startsWith('b')) {
            if (!m_supportsBinary) {
                m_ws->sendText(record);
                continue;
            }
            auto decoded = eio::decodePayload(record, 1);
            if (decoded)
                m_ws->sendBinary(decoded->front().data);
        } else {
            sendFrame(record);
        }
    }
    qCDebug(lcServerEngine) << "session" << m_id << "upgraded to websocket";
    Q_EMIT upgraded();
}

void EngineIoSession::dropProbe()
{
    if (!m_probe)
        return;
    WebSocketChannel *probe = m_probe;
    m_probe = nullptr;
    m_probed = false;
    retireWebSocket(probe, this);
}

void EngineIoSession::retireWebSocket(WebSocketChannel *socket, QObject *keeper)
{
    QObject::disconnect(socket, nullptr, keeper, nullptr);
    QObject *owner = keeper;
    if (auto *session = qobject_cast<EngineIoSession *>(keeper))
        owner = session->m_server;
    socket->setParent(owner);
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    // Deleting the socket at once would drop the close frame still in its write buffer.
    QObject::connect(socket, &WebSocketChannel::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(closeGraceMs, socket, &QObject::deleteLater);
    socket->close();
}

// ---------------------------------------------------------------------------------------------
// Packets, heartbeat, close

void EngineIoSession::handlePacket(const eio::Packet &packet)
{
    switch (packet.type) {
        case eio::PacketType::Pong:
            if (packet.data.isEmpty() && m_heartbeat == Heartbeat::WaitingForPong) {
                m_heartbeat = Heartbeat::WaitingToPing;
                m_deadline = m_server->now() + m_server->options().pingInterval;
                m_server->schedule(this, m_deadline);
            }
            break;
        case eio::PacketType::Ping:
            // Engine.IO v4 clients never ping; Node treats it as a broken client.
            qCInfo(lcServerEngine)
              << "session" << m_id << "sent a ping (invalid heartbeat direction)";
            closeInternal(DisconnectReason::TransportError, closePacket);
            break;
        case eio::PacketType::Message:
            if (packet.binary)
                Q_EMIT binaryReceived(packet.data);
            else
                Q_EMIT messageReceived(packet.data);
            break;
        case eio::PacketType::Close:
            closeInternal(DisconnectReason::TransportClose, noopPacket);
            break;
        case eio::PacketType::Open:
        case eio::PacketType::Upgrade:
        case eio::PacketType::Noop:
            break;
    }
}

bool EngineIoSession::pingOverdue()
{
    if (m_closed || m_heartbeat != Heartbeat::WaitingForPong || m_server->now() < m_deadline)
        return false;
    closeInternal(DisconnectReason::PingTimeout, closePacket);
    return true;
}

void EngineIoSession::onDeadline()
{
    if (m_closed)
        return;
    if (m_heartbeat == Heartbeat::WaitingForPong) {
        closeInternal(DisconnectReason::PingTimeout, closePacket);
        return;
    }
    const EngineIoOptions &options = m_server->options();
    const qint64 current = m_server->now();
    // The pong is due pingTimeout after the ping was due, so a late timer does not give the client
    // extra time; but never less than half of it after the ping actually left.
    const qint64 scheduled = m_deadline;
    m_heartbeat = Heartbeat::WaitingForPong;
    m_deadline =
      std::max(scheduled + options.pingTimeout, current + qint64(options.pingTimeout) / 2);
    m_server->schedule(this, m_deadline);
    if (m_transport == Transport::WebSocket) {
        sendFrame(pingPacket);
        checkBackpressure();
    } else {
        enqueue(pingPacket);
    }
}

void EngineIoSession::close(DisconnectReason reason)
{
    closeInternal(reason, closePacket);
}

void EngineIoSession::closeInternal(DisconnectReason reason, const QByteArray &pollAnswer)
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_server)
        m_server->forget(this);

    if (m_pendingPoll) {
        if (!pollAnswer.isEmpty()) {
            answerPendingPoll(pollAnswer);
        } else {
            m_pendingPoll.reset();
            QObject::disconnect(m_pendingPollAbort);
        }
    }
    m_outbox.clear();
    m_outboxBytes = 0;
    dropProbe();
    if (m_ws) {
        WebSocketChannel *socket = m_ws;
        m_ws = nullptr;
        retireWebSocket(socket, this);
    }
    qCDebug(lcServerEngine) << "session" << m_id << "closed:" << reasonName(reason);
    Q_EMIT closed(reason);
    deleteLater();
}

} // namespace vigil::server
