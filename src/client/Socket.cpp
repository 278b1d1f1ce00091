// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/Socket.h"

#include <memory>

#include <QPointer>
#include <QSet>
#include <QTimer>

#include "client/Manager.h"
#include "client/Timers.h"
#include "common/Logging.h"

namespace vigil::client {

using namespace vigil::protocol;

namespace {

qsizetype encodedSize(const sio::Packet &packet)
{
    const sio::Encoded encoded = sio::encode(packet);
    qsizetype size = encoded.text.size();
    for (const QByteArray &attachment : encoded.attachments)
        size += attachment.size();
    return size;
}

} // namespace

Socket::Socket(Manager *manager, QString nsp, SocketOptions options)
  : QObject(manager)
  , m_manager(manager)
  , m_nsp(std::move(nsp))
  , m_options(options)
{
}

Socket::~Socket()
{
    if (m_manager)
        m_manager->socketDestroyed(this);
}

void Socket::connect()
{
    if (!m_manager || m_connected)
        return;
    m_active = true;
    switch (m_manager->state()) {
        case Manager::State::Disconnected:
            // CONNECT follows from onManagerOpen() once the handshake is in.
            m_manager->open();
            return;
        case Manager::State::Open:
            sendConnect();
            return;
        case Manager::State::Connecting:
        case Manager::State::Reconnecting:
            return;
    }
}

void Socket::disconnect()
{
    if (m_connected && m_manager)
        m_manager->sendPacket(sio::Packet::disconnect(m_nsp));
    m_active = false;
    // An explicit disconnect ends the session: the next connect starts a fresh one, whose gap the
    // application backfills. Offering the old pid would let a server that saw the transport close
    // before our DISCONNECT (a race on a busy machine) replay it instead.
    m_pid.clear();
    m_lastOffset.clear();
    closeSocket(QStringLiteral("io client disconnect"));
    if (m_manager)
        m_manager->socketDeactivated();
}

EmitResult Socket::emit(const QString &event, const QCborArray &args)
{
    if (sio::isReservedEventName(event))
        return EmitResult::ReservedName;
    return sendOrBuffer(sio::Packet::event(m_nsp, event, args));
}

EmitResult Socket::emitWithAck(const QString &event,
                               const QCborArray &args,
                               qint64 timeoutMs,
                               AckCallback callback)
{
    if (sio::isReservedEventName(event))
        return EmitResult::ReservedName;
    const qint64 id = m_nextAckId++;
    // Registered before the packet leaves, so no reply can find the table without it.
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, this, [this, id] { onAckTimeout(id); });
    m_acks.emplace(id, PendingAck{ std::move(callback), timer });
    const EmitResult result = sendOrBuffer(sio::Packet::event(m_nsp, event, args, id));
    if (result != EmitResult::Sent && result != EmitResult::Buffered) {
        m_acks.erase(id);
        delete timer;
        return result;
    }
    const qint64 timeout = timeoutMs > 0 ? timeoutMs : m_options.defaultAckTimeoutMs;
    detail::startClamped(*timer, timeout);
    return result;
}

void Socket::on(const QString &event, EventHandler handler)
{
    m_handlers[event].append(std::move(handler));
}

void Socket::on(const QString &event, SimpleEventHandler handler)
{
    on(event,
       EventHandler([handler = std::move(handler)](const QCborArray &args, const AckReply &) {
           handler(args);
       }));
}

void Socket::off(const QString &event)
{
    m_handlers.remove(event);
}

void Socket::onAny(AnyEventHandler handler)
{
    m_anyHandlers.append(std::move(handler));
}

void Socket::onManagerOpen()
{
    if (m_active && !m_connected)
        sendConnect();
}

void Socket::onManagerClosed(const QString &reason)
{
    closeSocket(reason);
}

void Socket::sendConnect()
{
    if (!m_manager || m_manager->state() != Manager::State::Open)
        return;
    const quint64 connection = m_manager->connectionId();
    // A second CONNECT on the same connection makes a Node server close it.
    if (m_connectSentOn == connection)
        return;

    QCborMap payload;
    if (!m_pid.isEmpty() && !m_lastOffset.isEmpty()) {
        payload.insert(QStringLiteral("pid"), m_pid);
        payload.insert(QStringLiteral("offset"), m_lastOffset);
    }
    if (m_auth) {
        const QCborMap auth = m_auth();
        // The application's keys win, as in socket.io-client.
        for (auto it = auth.constBegin(); it != auth.constEnd(); ++it)
            payload.insert(it.key(), it.value());
    }
    const QCborValue data = payload.isEmpty() && !m_auth ? QCborValue() : QCborValue(payload);
    if (m_manager->sendPacket(sio::Packet::connect(m_nsp, data))) {
        m_connectSentOn = connection;
        qCDebug(lcClientSocket) << m_nsp << "CONNECT sent" << (m_pid.isEmpty() ? "" : "(recovery)");
    }
}

void Socket::onPacket(const sio::Packet &packet)
{
    switch (packet.type) {
        case sio::PacketType::Connect:
            onConnectAck(packet);
            return;
        case sio::PacketType::ConnectError:
            onConnectError(packet);
            return;
        case sio::PacketType::Disconnect:
            onServerDisconnect();
            return;
        case sio::PacketType::Ack:
        case sio::PacketType::BinaryAck:
            onAck(packet);
            return;
        case sio::PacketType::Event:
        case sio::PacketType::BinaryEvent:
            if (m_connected) {
                dispatch(packet);
            } else if (m_active && m_connectSentOn != 0) {
                // Sent before the CONNECT ack (a recovering server replays missed events there,
                // python-socketio emits from its connect handler there): delivered after the ack.
                if (m_receiveBuffer.size() >= m_options.maxReceiveBuffer) {
                    qCWarning(lcClientSocket)
                      << m_nsp << "receive buffer overflow before the CONNECT ack";
                    // Dropping events silently is not an option: start over on a fresh session,
                    // which the application backfills, instead of claiming a recovery.
                    m_receiveBuffer.clear();
                    m_pid.clear();
                    m_lastOffset.clear();
                    Q_EMIT errorOccurred(QStringLiteral("too many events before the CONNECT ack"));
                    if (m_manager)
                        m_manager->dropConnection(QStringLiteral("parse error"));
                    return;
                }
                m_receiveBuffer.append(packet);
            } else {
                qCDebug(lcClientSocket) << m_nsp << "event while not connected dropped";
            }
            return;
    }
}

void Socket::onConnectAck(const sio::Packet &packet)
{
    if (!m_active || m_connected) {
        qCDebug(lcClientSocket) << m_nsp << "unexpected CONNECT ack ignored";
        return;
    }
    const QCborMap map = packet.data.toMap();
    const QString sid = map.value(QStringLiteral("sid")).toString();
    if (!packet.data.isMap() || sid.isEmpty()) {
        // A Socket.IO v2 server answers this way; retrying will not help.
        refuse(QStringLiteral("invalid CONNECT answer (is the server Socket.IO v3 or later?)"),
               QCborValue());
        return;
    }
    const QString pid = map.value(QStringLiteral("pid")).toString();
    m_recovered = !pid.isEmpty() && pid == m_pid;
    m_pid = pid;
    if (!m_recovered)
        m_lastOffset.clear();
    m_sid = sid;
    m_connected = true;
    m_connectSentOn = 0;
    qCInfo(lcClientSocket) << m_nsp << "connected" << (m_recovered ? "(recovered)" : "");
    flushSendBuffer();
    Q_EMIT connected(m_recovered);
    QList<sio::Packet> early = std::exchange(m_receiveBuffer, {});
    for (const sio::Packet &event : std::as_const(early)) {
        if (!m_connected)
            break;
        dispatch(event);
    }
}

void Socket::onConnectError(const sio::Packet &packet)
{
    if (m_connected) {
        qCDebug(lcClientSocket) << m_nsp << "CONNECT_ERROR while connected ignored";
        return;
    }
    QString message;
    QCborValue data;
    if (packet.data.isString()) {
        // python-socketio sends a bare string for an unknown namespace.
        message = packet.data.toString();
    } else if (packet.data.isMap()) {
        const QCborMap map = packet.data.toMap();
        message = map.value(QStringLiteral("message")).toString();
        data = map.value(QStringLiteral("data"));
    }
    if (message.isEmpty())
        message = QStringLiteral("connection refused by the server");
    refuse(message, data);
}

void Socket::refuse(const QString &message, const QCborValue &data)
{
    qCInfo(lcClientSocket) << m_nsp << "connect error:" << message;
    m_active = false;
    m_connectSentOn = 0;
    m_receiveBuffer.clear();
    Q_EMIT connectError(message, data);
    if (m_manager)
        m_manager->socketDeactivated();
}

void Socket::onServerDisconnect()
{
    if (!m_connected && !m_active)
        return;
    qCInfo(lcClientSocket) << m_nsp << "disconnected by the server";
    m_active = false;
    closeSocket(QStringLiteral("io server disconnect"));
    if (m_manager)
        m_manager->socketDeactivated();
}

void Socket::closeSocket(const QString &reason)
{
    const bool wasConnected = m_connected;
    m_connected = false;
    m_connectSentOn = 0;
    m_sid.clear();
    m_receiveBuffer.clear();
    if (wasConnected) {
        qCInfo(lcClientSocket) << m_nsp << "disconnected:" << reason;
        Q_EMIT disconnected(reason);
    }
    failPendingAcks();
}

void Socket::failPendingAcks()
{
    QSet<qint64> buffered;
    for (const BufferedPacket &entry : std::as_const(m_sendBuffer)) {
        if (entry.packet.id)
            buffered.insert(*entry.packet.id);
    }
    QList<AckCallback> failed;
    for (auto it = m_acks.begin(); it != m_acks.end();) {
        if (buffered.contains(it->first)) {
            ++it;
            continue;
        }
        delete it->second.timer;
        failed.append(std::move(it->second.callback));
        it = m_acks.erase(it);
    }
    // Callbacks last: they may emit again.
    for (const AckCallback &callback : std::as_const(failed)) {
        if (callback)
            callback(AckError{ AckErrorCode::Disconnected,
                               QStringLiteral("socket has been disconnected") });
    }
}

void Socket::onAck(const sio::Packet &packet)
{
    if (!packet.id)
        return;
    const auto it = m_acks.find(*packet.id);
    if (it == m_acks.end()) {
        qCDebug(lcClientSocket) << m_nsp << "ack with unknown id" << *packet.id << "ignored";
        return;
    }
    PendingAck ack = std::move(it->second);
    m_acks.erase(it);
    delete ack.timer;
    if (ack.callback)
        ack.callback(packet.args());
}

void Socket::onAckTimeout(qint64 id)
{
    const auto it = m_acks.find(id);
    if (it == m_acks.end())
        return;
    PendingAck ack = std::move(it->second);
    m_acks.erase(it);
    ack.timer->deleteLater();
    removeBuffered(id);
    if (ack.callback)
        ack.callback(AckError{ AckErrorCode::TimedOut, QStringLiteral("operation has timed out") });
}

void Socket::dispatch(const sio::Packet &packet)
{
    const QString name = packet.eventName();
    QCborArray args = packet.args();
    if (!m_pid.isEmpty() && !packet.id && !args.isEmpty() && args.last().isString()) {
        m_lastOffset = args.last().toString();
        args.removeLast();
    }

    AckReply reply;
    if (packet.id) {
        auto used = std::make_shared<bool>(false);
        QPointer<Socket> self(this);
        const quint64 connection = m_manager ? m_manager->connectionId() : 0;
        reply = [self, used, connection, id = *packet.id](const QCborArray &replyArgs) {
            if (*used)
                return;
            *used = true;
            // An ack id means nothing to a later session.
            if (!self || !self->m_connected || !self->m_manager ||
                self->m_manager->connectionId() != connection) {
                qCDebug(lcClientSocket) << "ack reply after the connection changed dropped";
                return;
            }
            self->m_manager->sendPacket(sio::Packet::ack(self->m_nsp, id, replyArgs));
        };
    }

    const QList<AnyEventHandler> any = m_anyHandlers;
    for (const AnyEventHandler &handler : any)
        handler(name, args);
    const QList<EventHandler> handlers = m_handlers.value(name);
    for (const EventHandler &handler : handlers)
        handler(args, reply);
}

EmitResult Socket::sendOrBuffer(sio::Packet packet)
{
    // Anything already buffered goes first, so a direct send would overtake it.
    if (m_connected && m_sendBuffer.isEmpty() && m_manager && m_manager->sendPacket(packet))
        return EmitResult::Sent;
    const qsizetype bytes = encodedSize(packet);
    if (m_sendBuffer.size() >= m_options.maxBufferedPackets ||
        m_sendBufferBytes + bytes > m_options.maxBufferedBytes) {
        qCWarning(lcClientSocket) << m_nsp << "send buffer full, event" << packet.eventName()
                                  << "dropped";
        return EmitResult::BufferFull;
    }
    m_sendBufferBytes += bytes;
    m_sendBuffer.append(BufferedPacket{ std::move(packet), bytes });
    return EmitResult::Buffered;
}

void Socket::flushSendBuffer()
{
    while (!m_sendBuffer.isEmpty() && m_connected && m_manager) {
        if (!m_manager->sendPacket(m_sendBuffer.first().packet))
            return;
        m_sendBufferBytes -= m_sendBuffer.first().bytes;
        m_sendBuffer.removeFirst();
    }
}

void Socket::removeBuffered(qint64 ackId)
{
    for (qsizetype i = 0; i < m_sendBuffer.size(); ++i) {
        if (m_sendBuffer.at(i).packet.id == ackId) {
            m_sendBufferBytes -= m_sendBuffer.at(i).bytes;
            m_sendBuffer.removeAt(i);
            return;
        }
    }
}

} // namespace vigil::client
