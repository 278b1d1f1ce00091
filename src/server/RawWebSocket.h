// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include "server/WebSocketChannel.h"
#include "server/WebSocketFrame.h"

class QSocketNotifier;
class QTimer;

namespace vigil::server {

class RawWebSocket;

/// Sends what the sockets queued during one pass of the event loop, one write() per socket: a
/// broadcast to N sockets costs N copies into their buffers and N system calls, and several
/// messages for one socket in one pass share a system call. One per HTTP front end.
class WriteScheduler final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~WriteScheduler() override;

    void add(RawWebSocket *socket);
    void remove(RawWebSocket *socket);

private:
    void flushAll();

    std::vector<RawWebSocket *> m_pending;
    std::vector<RawWebSocket *> m_flushing;
    bool m_posted = false;
};

/// A server WebSocket framed directly on the connection's file descriptor (Unix; plain TCP only).
/// QWebSocket costs a UTF-16 conversion, a frame build and a write per message and per recipient,
/// and about 10 KB per connection; here a broadcast's frame is built once (WireMessage) and each
/// idle connection holds two socket notifiers and no buffers.
class RawWebSocket final : public WebSocketChannel
{
    Q_OBJECT

public:
    /// Takes ownership of `fd` (non-blocking, already upgraded by `handshakeResponse`).
    RawWebSocket(int fd, qint64 maxMessage, WriteScheduler *scheduler, QObject *parent = nullptr);
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
    friend class WriteScheduler;

    void onReadable();
    void onWritable();
    void processInput();
    bool handle(ws::Message &&message);
    void sendFrame(ws::Opcode opcode, const QByteArray &payload);
    void queue(const QByteArray &bytes);
    void queueClose(quint16 code);
    void flush();
    void finish();

    int m_fd;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_graceTimer = nullptr;
    QPointer<WriteScheduler> m_scheduler;
    ws::FrameReader m_reader;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    quint16 m_closeCode = ws::Normal;
    bool m_queued = false;
    bool m_closeSent = false;
    bool m_finishAfterFlush = false;
};

} // namespace vigil::server
