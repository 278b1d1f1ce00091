// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cerrno>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "WsTestFrames.h"
#include "server/RawWebSocket.h"
#include "server/WireMessage.h"

using namespace vigil::server;

/// RawWebSocket on one end of a socket pair; the test plays the client on the other end with
/// hand-made frames.
class tst_RawWebSocket : public QObject
{
    Q_OBJECT

private:
    int m_peer = -1;
    SocketLoop *m_loop = nullptr;
    QPointer<RawWebSocket> m_socket;
    QByteArray m_received;

    void open(qint64 maxMessage = 1000, const QByteArray &pending = {})
    {
        int fds[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
        QVERIFY(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
        QVERIFY(::fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);
        m_peer = fds[1];
        m_loop = new SocketLoop(this);
        m_socket = new RawWebSocket(fds[0], maxMessage, m_loop, this);
        m_socket->start("HTTP/1.1 101 Switching Protocols\r\n\r\n", pending);
    }

    void peerSend(const QByteArray &bytes)
    {
        QCOMPARE(::write(m_peer, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
    }

    /// Reads what has arrived at the peer; false once the server closed the connection.
    bool peerRead()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t got = ::read(m_peer, buffer, sizeof buffer);
            if (got > 0) {
                m_received.append(buffer, got);
                continue;
            }
            return got < 0 && errno == EAGAIN;
        }
    }

    /// The next frame from the server, waiting up to 5 s; opcode -1 if none came.
    wstest::ServerFrame nextFrame()
    {
        for (int i = 0; i < 500; ++i) {
            peerRead();
            wstest::ServerFrame frame = wstest::takeServerFrame(m_received);
            if (frame.opcode >= 0)
                return frame;
            QTest::qWait(10);
        }
        return {};
    }

    void skipHandshake()
    {
        QTRY_VERIFY((peerRead(), m_received.contains("\r\n\r\n")));
        m_received.remove(0, m_received.indexOf("\r\n\r\n") + 4);
    }

    bool peerSeesEof()
    {
        for (int i = 0; i < 500; ++i) {
            if (!peerRead())
                return true;
            QTest::qWait(10);
        }
        return false;
    }

private Q_SLOTS:
    void cleanup()
    {
        delete m_socket;
        delete m_loop;
        m_loop = nullptr;
        if (m_peer >= 0)
            ::close(m_peer);
        m_peer = -1;
        m_received.clear();
    }

    void handshakeThenMessagesInOrder()
    {
        open();
        m_socket->sendText("0{\"sid\":\"x\"}");
        m_socket->sendWire(WireMessage::fromEngineIoText("42[\"a\"]"));
        m_socket->sendBinary(QByteArray::fromHex("0102"));
        QCOMPARE(m_socket->bytesToWrite() > 0, true); // queued, not yet written
        QTRY_COMPARE(m_socket->bytesToWrite(), 0);
        QVERIFY(m_received.isEmpty());
        skipHandshake();
        auto first = nextFrame();
        QCOMPARE(first.opcode, 1);
        QCOMPARE(first.payload, QByteArray("0{\"sid\":\"x\"}"));
        auto second = nextFrame();
        QCOMPARE(second.opcode, 1);
        QCOMPARE(second.payload, QByteArray("42[\"a\"]"));
        auto third = nextFrame();
        QCOMPARE(third.opcode, 2);
        QCOMPARE(third.payload, QByteArray::fromHex("0102"));
    }

    void receivesTextAndBinary()
    {
        open();
        QSignalSpy text(m_socket.data(), &WebSocketChannel::textMessageReceived);
        QSignalSpy binary(m_socket.data(), &WebSocketChannel::binaryMessageReceived);
        peerSend(wstest::clientFrame(0x1, "3") +
                 wstest::clientFrame(0x2, QByteArray("\x00\x01", 2)));
        QTRY_COMPARE(text.size(), 1);
        QCOMPARE(text.at(0).at(0).toByteArray(), QByteArray("3"));
        QTRY_COMPARE(binary.size(), 1);
        QCOMPARE(binary.at(0).at(0).toByteArray(), QByteArray("\x00\x01", 2));
    }

    void inputThatCameWithTheHandshakeIsDeliveredAfterStart()
    {
        open(1000, wstest::clientFrame(0x1, "early"));
        QSignalSpy text(m_socket.data(), &WebSocketChannel::textMessageReceived);
        QTRY_COMPARE(text.size(), 1);
        QCOMPARE(text.at(0).at(0).toByteArray(), QByteArray("early"));
    }

    void answersPingWithPong()
    {
        open();
        skipHandshake();
        peerSend(wstest::clientFrame(0x9, "hb"));
        const auto pong = nextFrame();
        QCOMPARE(pong.opcode, 0xA);
        QCOMPARE(pong.payload, QByteArray("hb"));
    }

    void clientCloseIsEchoedAndConnectionEnds()
    {
        open();
        skipHandshake();
        QSignalSpy gone(m_socket.data(), &WebSocketChannel::disconnected);
        peerSend(wstest::clientFrame(0x8, QByteArray::fromHex("0fa0") + "bye")); // 4000
        const auto echo = nextFrame();
        QCOMPARE(echo.opcode, 0x8);
        QCOMPARE(echo.payload.toHex(), QByteArray("0fa0"));
        QVERIFY(peerSeesEof());
        QTRY_COMPARE(gone.size(), 1);
        QCOMPARE(int(m_socket->closeCode()), 4000);
        QCOMPARE(m_socket->state(), QAbstractSocket::UnconnectedState);
    }

    void serverCloseWaitsForTheClientsAnswer()
    {
        open();
        skipHandshake();
        QSignalSpy gone(m_socket.data(), &WebSocketChannel::disconnected);
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(m_socket->state(), QAbstractSocket::ClosingState);
        m_socket->sendText("late"); // refused: nothing may follow a close frame
        const auto close = nextFrame();
        QCOMPARE(close.opcode, 0x8);
        QCOMPARE(close.payload.toHex(), QByteArray("03e9"));
        QCOMPARE(gone.size(), 0);
        peerSend(wstest::clientFrame(0x8, QByteArray::fromHex("03e9")));
        QTRY_COMPARE(gone.size(), 1);
        QVERIFY(peerSeesEof());
        QVERIFY(m_received.isEmpty());
    }

    void serverCloseGivesUpOnASilentClient()
    {
        open();
        QSignalSpy gone(m_socket.data(), &WebSocketChannel::disconnected);
        m_socket->close();
        QVERIFY(gone.wait(RawWebSocket::closeGraceMs + 3000));
        QVERIFY(peerSeesEof());
    }

    void protocolErrorsCloseWithTheirCode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("unmasked") << QByteArray::fromHex("810161") << 1002;
        QTest::newRow("invalid utf-8") << wstest::clientFrame(0x1, "\xff") << 1007;
        QTest::newRow("too big") << wstest::clientFrame(0x1, QByteArray(1001, 'a')) << 1009;
    }

    void protocolErrorsCloseWithTheirCode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        open();
        skipHandshake();
        QSignalSpy text(m_socket.data(), &WebSocketChannel::textMessageReceived);
        QSignalSpy gone(m_socket.data(), &WebSocketChannel::disconnected);
        peerSend(bytes);
        const auto close = nextFrame();
        QCOMPARE(close.opcode, 0x8);
        QCOMPARE(int((uchar(close.payload.at(0)) << 8) | uchar(close.payload.at(1))), code);
        QVERIFY(peerSeesEof());
        QTRY_COMPARE(gone.size(), 1);
        QCOMPARE(int(m_socket->closeCode()), code);
        QCOMPARE(text.size(), 0);
    }

    void peerGoneIsDisconnected()
    {
        open();
        QSignalSpy gone(m_socket.data(), &WebSocketChannel::disconnected);
        ::close(m_peer);
        m_peer = -1;
        QTRY_COMPARE(gone.size(), 1);
        QCOMPARE(m_socket->closeCode(), QWebSocketProtocol::CloseCodeNormal);
        m_socket->sendText("after"); // harmless
    }

    void slowReaderKeepsEverythingInOrder()
    {
        open(1000);
        // Far more than a socket pair buffers: the rest waits in the socket until the peer reads.
        const QByteArray chunk(16 * 1024, 'm');
        const int count = 200;
        for (int i = 0; i < count; ++i)
            m_socket->sendText(QByteArray::number(i) + ':' + chunk);
        QTest::qWait(50);
        QVERIFY(m_socket->bytesToWrite() > 0);
        skipHandshake();
        for (int i = 0; i < count; ++i) {
            const auto frame = nextFrame();
            QCOMPARE(frame.opcode, 1);
            QCOMPARE(frame.payload, QByteArray::number(i) + ':' + chunk);
        }
        QTRY_COMPARE(m_socket->bytesToWrite(), 0);
    }

    void socketsQueuedInOnePassAreAllFlushed()
    {
        // Several sockets share one scheduler; one deleted while queued must not break the rest.
        open();
        int fds[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
        QVERIFY(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
        auto *doomed = new RawWebSocket(fds[0], 1000, m_loop, this);
        doomed->sendText("never");
        m_socket->sendText("kept");
        delete doomed;
        skipHandshake();
        const auto frame = nextFrame();
        QCOMPARE(frame.payload, QByteArray("kept"));
        ::close(fds[1]);
    }
};

QTEST_GUILESS_MAIN(tst_RawWebSocket)
#include "tst_rawwebsocket.moc"
