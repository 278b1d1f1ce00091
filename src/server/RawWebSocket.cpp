// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/RawWebSocket.h"

#include <algorithm>
#include <array>
#include <cerrno>

#include <QSocketNotifier>
#include <QTimer>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/Logging.h"
#include "server/Prefetch.h"
#include "server/WireMessage.h"

namespace vigil::server {

namespace {

/// Read per notification at most this much, so that one busy client cannot hold the loop.
constexpr int readsPerWakeup = 4;
constexpr qsizetype readChunk = 64 * 1024;
/// What a partly written buffer may have sent before the sent part is cut off.
constexpr qsizetype compactAfter = 4096;

void removeFrom(std::vector<RawWebSocket *> &list, RawWebSocket *socket)
{
    std::replace(list.begin(), list.end(), socket, static_cast<RawWebSocket *>(nullptr));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SocketLoop

SocketLoop::SocketLoop(QObject *parent)
  : QObject(parent)
  , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0) {
        qCCritical(lcServerEngine) << "cannot create an epoll set:" << qt_error_string(errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SocketLoop::onReady);
}

SocketLoop::~SocketLoop()
{
    // Sockets that outlive the loop (they should not) find it gone through m_loop == nullptr.
    const auto live = m_live;
    for (RawWebSocket *socket : live)
        socket->m_loop = nullptr;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool SocketLoop::watch(RawWebSocket *socket)
{
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.ptr = socket;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, socket->m_fd, &event) != 0) {
        qCWarning(lcServerEngine) << "cannot watch a websocket:" << qt_error_string(errno);
        return false;
    }
    m_live.insert(socket);
    return true;
}

void SocketLoop::setWriteInterest(RawWebSocket *socket, bool enabled)
{
    if (socket->m_wantsWrite == enabled)
        return;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | (enabled ? EPOLLOUT : 0u);
    event.data.ptr = socket;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, socket->m_fd, &event) == 0)
        socket->m_wantsWrite = enabled;
}

void SocketLoop::unwatch(RawWebSocket *socket)
{
    // Before the descriptor is closed: a closed descriptor leaves the set by itself only when no
    // duplicate of it is open.
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, socket->m_fd, nullptr);
    m_live.remove(socket);
    cancelFlush(socket);
}

void SocketLoop::onReady()
{
    std::array<epoll_event, 256> events;
    const int count = ::epoll_wait(m_epoll, events.data(), int(events.size()), 0);
    for (int i = 0; i < count; ++i) {
        auto *socket = static_cast<RawWebSocket *>(events[std::size_t(i)].data.ptr);
        // An earlier event of this batch may have finished it.
        if (!m_live.contains(socket))
            continue;
        const uint32_t what = events[std::size_t(i)].events;
        if (what & EPOLLOUT)
            socket->onWritable();
        if ((what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) && m_live.contains(socket))
            socket->onReadable();
    }
}

void SocketLoop::queueFlush(RawWebSocket *socket)
{
    m_pending.push_back(socket);
    if (m_posted)
        return;
    m_posted = true;
    QMetaObject::invokeMethod(this, &SocketLoop::flushAll, Qt::QueuedConnection);
}

void SocketLoop::cancelFlush(RawWebSocket *socket)
{
    if (!socket->m_queued)
        return;
    socket->m_queued = false;
    removeFrom(m_pending, socket);
    removeFrom(m_flushing, socket);
}

void SocketLoop::flushAll()
{
    m_posted = false;
    // Sockets queued while flushing (a close answering an error) wait for the next pass.
    m_flushing.swap(m_pending);
    for (std::size_t i = 0; i < m_flushing.size(); ++i) {
        if (i + prefetchAhead < m_flushing.size() && m_flushing[i + prefetchAhead])
            prefetch(m_flushing[i + prefetchAhead]);
        RawWebSocket *socket = m_flushing[i];
        if (!socket)
            continue;
        socket->m_queued = false;
        socket->flush();
    }
    m_flushing.clear();
}

// ---------------------------------------------------------------------------------------------
// RawWebSocket

RawWebSocket::RawWebSocket(int fd, qint64 maxMessage, SocketLoop *loop, QObject *parent)
  : WebSocketChannel(parent)
  , m_fd(fd)
  , m_loop(loop)
  , m_reader(maxMessage)
{
    if (!m_loop || !m_loop->watch(this)) {
        // Nothing can be read or written: the connection is dropped at the first send or on
        // the next pass, and the session sees an ordinary disconnect.
        QMetaObject::invokeMethod(this, &RawWebSocket::finish, Qt::QueuedConnection);
    }
}

RawWebSocket::~RawWebSocket()
{
    if (m_fd >= 0) {
        if (m_loop)
            m_loop->unwatch(this);
        ::close(m_fd);
    }
}

void RawWebSocket::start(const QByteArray &handshakeResponse, const QByteArray &pendingInput)
{
    queue(handshakeResponse);
    if (!pendingInput.isEmpty()) {
        m_reader.feed(pendingInput);
        QMetaObject::invokeMethod(this, &RawWebSocket::processInput, Qt::QueuedConnection);
    }
}

QAbstractSocket::SocketState RawWebSocket::state() const
{
    if (m_fd < 0)
        return QAbstractSocket::UnconnectedState;
    return m_closeSent ? QAbstractSocket::ClosingState : QAbstractSocket::ConnectedState;
}

QWebSocketProtocol::CloseCode RawWebSocket::closeCode() const
{
    return QWebSocketProtocol::CloseCode(m_closeCode);
}

void RawWebSocket::sendText(const QByteArray &utf8)
{
    sendFrame(ws::Opcode::Text, utf8);
}

void RawWebSocket::sendBinary(const QByteArray &bytes)
{
    sendFrame(ws::Opcode::Binary, bytes);
}

void RawWebSocket::sendFrame(ws::Opcode opcode, const QByteArray &payload)
{
    if (m_fd < 0 || m_closeSent)
        return;
    QByteArray frame;
    ws::appendFrame(frame, opcode, payload);
    queue(frame);
}

void RawWebSocket::sendWire(const WireMessage &message)
{
    if (m_fd < 0 || m_closeSent)
        return;
    queue(message.webSocketFrame());
}

void RawWebSocket::queue(const QByteArray &bytes)
{
    if (m_fd < 0)
        return;
    m_out.append(bytes);
    if (m_queued || m_wantsWrite)
        return; // already due to be written
    if (!m_loop) {
        flush();
        return;
    }
    m_queued = true;
    m_loop->queueFlush(this);
}

void RawWebSocket::queueClose(quint16 code)
{
    if (m_closeSent)
        return;
    m_closeSent = true;
    m_closeCode = code;
    // The close frame still goes out after data frames are refused (m_closeSent).
    queue(ws::closeFrame(code == ws::NoStatus ? quint16(ws::Normal) : code));
    m_graceTimer = new QTimer(this);
    m_graceTimer->setSingleShot(true);
    connect(m_graceTimer, &QTimer::timeout, this, &RawWebSocket::finish);
    m_graceTimer->start(closeGraceMs);
}

void RawWebSocket::close(QWebSocketProtocol::CloseCode code)
{
    if (m_fd < 0 || m_closeSent)
        return;
    // Then the peer answers with its close frame, which ends the connection (handle()).
    queueClose(quint16(code));
}

void RawWebSocket::abort()
{
    finish();
}

void RawWebSocket::flush()
{
    while (m_fd >= 0 && m_outPos < m_out.size()) {
        const ssize_t written = ::send(m_fd,
                                       m_out.constData() + m_outPos,
                                       size_t(m_out.size() - m_outPos),
                                       MSG_NOSIGNAL | MSG_DONTWAIT);
        if (written > 0) {
            m_outPos += written;
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // The kernel's buffer is full: wait until the peer reads, keeping what is unsent.
            if (m_outPos > compactAfter && m_outPos > m_out.size() / 2) {
                m_out.remove(0, m_outPos);
                m_outPos = 0;
            }
            if (m_loop)
                m_loop->setWriteInterest(this, true);
            return;
        }
        qCDebug(lcServerEngine) << "websocket write failed:" << qt_error_string(errno);
        finish();
        return;
    }
    if (m_fd < 0)
        return;
    m_outPos = 0;
    // An emptied buffer gives its memory back: most connections are idle most of the time, and
    // one allocation per pass is nothing next to the send() it accompanies.
    m_out.clear();
    if (m_loop)
        m_loop->setWriteInterest(this, false);
    if (m_finishAfterFlush)
        finish();
}

void RawWebSocket::onWritable()
{
    flush();
}

void RawWebSocket::onReadable()
{
    std::array<char, readChunk> buffer;
    for (int i = 0; i < readsPerWakeup && m_fd >= 0; ++i) {
        const ssize_t got = ::read(m_fd, buffer.data(), buffer.size());
        if (got > 0) {
            m_reader.feed(QByteArrayView(buffer.data(), got));
            processInput();
            if (got < ssize_t(buffer.size()))
                return;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        // End of stream or a reset: the peer is gone, whatever it did not read is lost anyway.
        if (got < 0)
            qCDebug(lcServerEngine) << "websocket read failed:" << qt_error_string(errno);
        finish();
        return;
    }
}

void RawWebSocket::processInput()
{
    while (m_fd >= 0 && !m_finishAfterFlush) {
        std::optional<ws::Message> message = m_reader.next();
        if (!message || !handle(std::move(*message)))
            return;
    }
}

bool RawWebSocket::handle(ws::Message &&message)
{
    switch (message.kind) {
        case ws::Message::Kind::Text:
            if (!m_closeSent)
                Q_EMIT textMessageReceived(message.payload);
            break;
        case ws::Message::Kind::Binary:
            if (!m_closeSent)
                Q_EMIT binaryMessageReceived(message.payload);
            break;
        case ws::Message::Kind::Ping:
            sendFrame(ws::Opcode::Pong, message.payload);
            break;
        case ws::Message::Kind::Pong:
            break;
        case ws::Message::Kind::Close:
            // The peer's close ends the handshake (if we started it) or starts it: answer with
            // the same code, then the server closes the TCP connection (RFC 6455 §7.1.1).
            queueClose(message.closeCode);
            m_closeCode =
              message.closeCode == ws::NoStatus ? quint16(ws::Normal) : message.closeCode;
            m_finishAfterFlush = true;
            if (bytesToWrite() == 0)
                finish();
            return false;
        case ws::Message::Kind::Error:
            qCInfo(lcServerEngine) << "websocket protocol error; closing with" << message.closeCode;
            queueClose(message.closeCode);
            m_closeCode = message.closeCode;
            m_finishAfterFlush = true;
            return false;
    }
    return m_fd >= 0;
}

void RawWebSocket::finish()
{
    if (m_fd < 0)
        return;
    if (m_loop)
        m_loop->unwatch(this);
    m_queued = false;
    m_wantsWrite = false;
    if (m_graceTimer)
        m_graceTimer->stop();
    ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outPos = 0;
    Q_EMIT disconnected();
}

} // namespace vigil::server
