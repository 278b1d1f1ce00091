// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include "client/WebSocketTransport.h"

using namespace vigil::client;

namespace {

constexpr int waitMs = 10'000;

QUrl engineUrl(quint16 port, const QString &scheme = QStringLiteral("ws"))
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/socket.io/?EIO=4&transport=websocket")
                  .arg(scheme)
                  .arg(port));
}

/// A loopback WebSocket server that hands out the peer of the transport under test.
struct Server
{
    explicit Server(QWebSocketServer::SslMode mode = QWebSocketServer::NonSecureMode)
      : server(QStringLiteral("tst_websockettransport"), mode)
    {
    }
    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    QWebSocket *waitForPeer()
    {
        if (!QTest::qWaitFor([this] { return server.hasPendingConnections(); }, waitMs))
            return nullptr;
        peer.reset(server.nextPendingConnection());
        return peer.get();
    }

    QWebSocketServer server;
    std::unique_ptr<QWebSocket> peer;
};

} // namespace

class tst_WebSocketTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framesBothWays();
    void requestCarriesUrlAndHeaders();
    void peerCloseIsReported();
    void localCloseIsSilent();
    void connectionRefused();
    void unreadableCaFile();
    void oversizedMessageIsRefused();
    void tlsIsVerified();
};

void tst_WebSocketTransport::framesBothWays()
{
    Server server;
    QVERIFY(server.listen());
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy texts(&transport, &Transport::textReceived);
    QSignalSpy binaries(&transport, &Transport::binaryReceived);
    transport.open(engineUrl(server.server.serverPort()), {});
    QWebSocket *peer = server.waitForPeer();
    QVERIFY(peer);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, waitMs);

    QSignalSpy peerTexts(peer, &QWebSocket::textMessageReceived);
    QSignalSpy peerBinaries(peer, &QWebSocket::binaryMessageReceived);
    transport.sendText("4ünï");
    transport.sendBinary(QByteArray("\x00\x01\x02", 3));
    QTRY_COMPARE_WITH_TIMEOUT(peerBinaries.size(), 1, waitMs);
    QCOMPARE(peerTexts.size(), 1);
    QCOMPARE(peerTexts.at(0).at(0).toString(), QStringLiteral("4ünï"));
    QCOMPARE(peerBinaries.at(0).at(0).toByteArray(), QByteArray("\x00\x01\x02", 3));

    peer->sendTextMessage(QStringLiteral("2"));
    peer->sendBinaryMessage(QByteArray("\xff", 1));
    QTRY_COMPARE_WITH_TIMEOUT(binaries.size(), 1, waitMs);
    QCOMPARE(texts.size(), 1);
    QCOMPARE(texts.at(0).at(0).toByteArray(), QByteArray("2"));
    QCOMPARE(binaries.at(0).at(0).toByteArray(), QByteArray("\xff", 1));
}

void tst_WebSocketTransport::requestCarriesUrlAndHeaders()
{
    Server server;
    QVERIFY(server.listen());
    WebSocketTransport transport;
    transport.open(engineUrl(server.server.serverPort()), { { "X-Station", "ward-3" } });
    QWebSocket *peer = server.waitForPeer();
    QVERIFY(peer);
    QCOMPARE(peer->requestUrl().path(), QStringLiteral("/socket.io/"));
    QCOMPARE(peer->requestUrl().query(), QStringLiteral("EIO=4&transport=websocket"));
    QCOMPARE(peer->request().rawHeader("X-Station"), QByteArray("ward-3"));
}

void tst_WebSocketTransport::peerCloseIsReported()
{
    Server server;
    QVERIFY(server.listen());
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(engineUrl(server.server.serverPort()), {});
    QWebSocket *peer = server.waitForPeer();
    QVERIFY(peer);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, waitMs);
    peer->close();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, waitMs);
}

void tst_WebSocketTransport::localCloseIsSilent()
{
    Server server;
    QVERIFY(server.listen());
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy closed(&transport, &Transport::closed);
    QSignalSpy errors(&transport, &Transport::errorOccurred);
    transport.open(engineUrl(server.server.serverPort()), {});
    QWebSocket *peer = server.waitForPeer();
    QVERIFY(peer);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, waitMs);
    QSignalSpy peerGone(peer, &QWebSocket::disconnected);
    transport.close();
    QTRY_COMPARE_WITH_TIMEOUT(peerGone.size(), 1, waitMs);
    QCOMPARE(closed.size(), 0);
    QCOMPARE(errors.size(), 0);
}

void tst_WebSocketTransport::connectionRefused()
{
    quint16 port = 0;
    {
        Server server;
        QVERIFY(server.listen());
        port = server.server.serverPort();
    }
    WebSocketTransport transport;
    QSignalSpy errors(&transport, &Transport::errorOccurred);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(engineUrl(port), {});
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, waitMs);
    QVERIFY(!errors.at(0).at(0).toString().isEmpty());
    QCOMPARE(closed.size(), 0); // one failure, reported once
}

void tst_WebSocketTransport::unreadableCaFile()
{
    TransportOptions options;
    options.caFile = QStringLiteral("/nonexistent/vigil-ca.pem");
    WebSocketTransport transport(options);
    QSignalSpy errors(&transport, &Transport::errorOccurred);
    transport.open(engineUrl(1), {});
    QCOMPARE(errors.size(), 0); // asynchronous, like every other failure
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, waitMs);
    QVERIFY(errors.at(0).at(0).toString().contains(QLatin1StringView("CA certificate")));
}

void tst_WebSocketTransport::oversizedMessageIsRefused()
{
    Server server;
    QVERIFY(server.listen());
    TransportOptions options;
    options.maxIncomingMessageBytes = 1'000;
    WebSocketTransport transport(options);
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy texts(&transport, &Transport::textReceived);
    QSignalSpy closed(&transport, &Transport::closed);
    QSignalSpy errors(&transport, &Transport::errorOccurred);
    transport.open(engineUrl(server.server.serverPort()), {});
    QWebSocket *peer = server.waitForPeer();
    QVERIFY(peer);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, waitMs);
    peer->sendTextMessage(QString(2'000, u'x'));
    QTRY_COMPARE_WITH_TIMEOUT(closed.size() + errors.size(), 1, waitMs);
    QCOMPARE(texts.size(), 0);
}

void tst_WebSocketTransport::tlsIsVerified()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("the openssl CLI is missing, so no test certificate can be made");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certFile = dir.filePath(QStringLiteral("cert.pem"));
    const QString keyFile = dir.filePath(QStringLiteral("key.pem"));
    QProcess process;
    process.start(openssl,
                  { QStringLiteral("req"),
                    QStringLiteral("-x509"),
                    QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"),
                    QStringLiteral("-nodes"),
                    QStringLiteral("-days"),
                    QStringLiteral("1"),
                    QStringLiteral("-subj"),
                    QStringLiteral("/CN=127.0.0.1"),
                    QStringLiteral("-addext"),
                    QStringLiteral("subjectAltName=IP:127.0.0.1"),
                    QStringLiteral("-keyout"),
                    keyFile,
                    QStringLiteral("-out"),
                    certFile });
    QVERIFY(process.waitForFinished(60'000));
    if (process.exitCode() != 0)
        QSKIP("openssl could not make a test certificate");
    QFile keyIn(keyFile);
    QVERIFY(keyIn.open(QIODevice::ReadOnly));
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certFile);
    QCOMPARE(certs.size(), 1);

    Server server(QWebSocketServer::SecureMode);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certs.first());
    config.setPrivateKey(QSslKey(&keyIn, QSsl::Rsa));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    server.server.setSslConfiguration(config);
    QVERIFY(server.listen());
    const QUrl url = engineUrl(server.server.serverPort(), QStringLiteral("wss"));

    // Self-signed and not trusted: refused, never silently accepted.
    {
        WebSocketTransport untrusted;
        QSignalSpy opened(&untrusted, &Transport::opened);
        QSignalSpy errors(&untrusted, &Transport::errorOccurred);
        untrusted.open(url, {});
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, waitMs);
        QVERIFY(errors.at(0).at(0).toString().contains(QLatin1StringView("TLS")));
        QCOMPARE(opened.size(), 0);
    }
    // The same certificate given as the CA file: accepted.
    TransportOptions options;
    options.caFile = certFile;
    WebSocketTransport trusted(options);
    QSignalSpy opened(&trusted, &Transport::opened);
    QSignalSpy errors(&trusted, &Transport::errorOccurred);
    trusted.open(url, {});
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, waitMs);
    QCOMPARE(errors.size(), 0);
}

QTEST_GUILESS_MAIN(tst_WebSocketTransport)
#include "tst_websockettransport.moc"
