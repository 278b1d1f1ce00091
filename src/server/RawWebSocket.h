// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QByteArray>
#include <QObject>
#include <QSet>

#include "server/WebSocketChannel.h"
#include "server/WebSocketFrame.h"

class QSocketNotifier;
class QTimer;

namespace vigil::server {

class RawWebSocket;

/// The event loop of the raw WebSockets: one epoll set, watched by a single QSocketNotifier, so
/// that Qt's own loop (which poll()s every notifier on every pass, a cost that grows with the
/// number of connections) sees one descriptor however many clients are connected. It also sends
/// what the sockets queued during one pass of the event loop, one send() per socket: a broadcast
/// to N sockets costs N copies into their buffers and N system calls, and several messages for one
/// socket in one pass share a system call. One per HTTP front end; it must outlive its sockets.
class SocketLoop final : public QObject
{
    Q_OBJECT

public:
    explicit SocketLoop(QObject *parent = nullptr);
    ~SocketLoop() override;

    /// False when the epoll set could not be made (the error is logged).
    bool isValid() const { return m_epoll >= 0; }

private:
    friend class RawWebSocket;

    bool watch(RawWebSocket *socket);
    void setWriteInterest(RawWebSocket *socket, bool enabled);
    void unwatch(RawWebSocket *socket);
    void queueFlush(RawWebSocket *socket);
    void cancelFlush(RawWebSocket *socket);
    void onReady();
    void flushAll();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QSet<RawWebSocket *> m_live;
    std::vector<RawWebSocket *> m_pending;
    std::vector<RawWebSocket *> m_flushing;
    bool m_posted = false;
};

/// A server WebSocket framed directly on the connection's file descriptor (Linux; plain TCP only).
/// QWebSocket costs a UTF-16 conversion, a frame build and a write per message and per recipient,
/// and about 10 KB per connection; here a broadcast's frame is built once (WireMessage) and an
/// idle connection holds an epoll registration and no buffers.
class RawWebSocket final : public WebSocketChannel
{
    Q_OBJECT

public:
    /// Takes ownership of `fd` (non-blocking, already upgraded by the handshake response given to
    /// start()). `loop` must outlive the socket.
    RawWebSocket(int fd, qint64 maxMessage, SocketLoop *loop, QObject *parent = nullptr);
    ~RawWebSocket() override;

    /// Queues the handshake response and feeds `pendingInput` (bytes that arrived with the upgrade
    /// request), which is read on the next pass so that the caller can connect first.
    void start(const QByteArray &handshakeResponse, const QByteArray &pendingInput);

    void sendText(const QByteArray &utf8) override;
    void sendBinary(const QByteArray &bytes) override;
    void sendWire(const WireMessage &message) override;
    qint64 bytesToWrite() const override { return m_out.size() - m_outPos; }
    void close(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal) override;
    void abort() override;
    QAbstractSocket::SocketState state() const override;
    QWebSocketProtocol::CloseCode closeCode() const override;

    /// How long a closing socket waits for its peer before dropping the connection.
    static constexpr int closeGraceMs = 2000;

private:
    friend class SocketLoop;

    void onReadable();
    void onWritable();
    void processInput();
    bool handle(ws::Message &&message);
    void sendFrame(ws::Opcode opcode, const QByteArray &payload);
    void queue(const QByteArray &bytes);
    void queueClose(quint16 code);
    void flush();
    void finish();

    // The sending side, read for every delivery, comes first.
    int m_fd;
    quint16 m_closeCode = ws::Normal;
    bool m_queued = false;
    bool m_wantsWrite = false;
    bool m_closeSent = false;
    bool m_finishAfterFlush = false;
    SocketLoop *m_loop;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    QTimer *m_graceTimer = nullptr;
    ws::FrameReader m_reader;
};

} // namespace vigil::server
