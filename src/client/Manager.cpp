// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/Manager.h"

#include <algorithm>

#include <QDeadlineTimer>
#include <QUrlQuery>

#ifdef Q_OS_LINUX
#include <time.h>
#endif

#include "client/Socket.h"
#include "client/Timers.h"
#include "client/WebSocketTransport.h"
#include "common/Logging.h"

namespace vigil::client {

using namespace vigil::protocol;

namespace {

// CLOCK_MONOTONIC (behind QElapsedTimer/QDeadlineTimer on Linux) stops while the machine is
// suspended, so after a resume a dead link would still look alive for up to 45 s. CLOCK_BOOTTIME is
// just as monotonic but keeps counting through suspend.
qint64 heartbeatClockMs()
{
#ifdef Q_OS_LINUX
    timespec ts{};
    if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
#endif
    return QDeadlineTimer::current().deadline();
}

// The watchdog wakes at least this often, so a deadline that passed during a suspend is noticed
// soon after the resume rather than when the (suspend-blind) timer finally fires.
constexpr qint64 watchdogPollMs = 1'000;
constexpr qint64 maxHeartbeatPartMs = 24LL * 3'600'000;

QString normalizedNamespace(const QString &nsp)
{
    if (nsp.isEmpty())
        return QStringLiteral("/");
    return nsp.startsWith(u'/') ? nsp : QStringLiteral("/") + nsp;
}

} // namespace

Manager::Manager(const QUrl &serverUrl,
                 ManagerOptions options,
                 TransportFactory factory,
                 QObject *parent)
  : QObject(parent)
  , m_serverUrl(serverUrl)
  , m_options(std::move(options))
  , m_factory(std::move(factory))
  , m_backoff(m_options.backoff, m_options.random)
{
    if (!m_factory) {
        m_factory = [transportOptions = m_options.transport] {
            return std::make_unique<WebSocketTransport>(transportOptions);
        };
    }
    m_openTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    m_watchdogTimer.setSingleShot(true);
    connect(
      &m_openTimer, &QTimer::timeout, this, [this] { attemptFailed(QStringLiteral("timeout")); });
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        Q_EMIT reconnectAttempted(m_backoff.attempts());
        startAttempt();
    });
    connect(&m_watchdogTimer, &QTimer::timeout, this, &Manager::checkWatchdog);
}

Manager::~Manager()
{
    teardownTransport();
    // Sockets are children; delete them while the Manager is still whole, and stop them from
    // calling back into it.
    const QList<Socket *> sockets = std::exchange(m_sockets, {});
    for (Socket *socket : sockets) {
        socket->m_manager = nullptr;
        delete socket;
    }
}

Socket *Manager::socket(const QString &nsp, const SocketOptions &options)
{
    const QString name = normalizedNamespace(nsp);
    for (Socket *socket : std::as_const(m_sockets)) {
        if (socket->nsp() == name)
            return socket;
    }
    auto *socket = new Socket(this, name, options);
    m_sockets.append(socket);
    return socket;
}

QUrl Manager::engineUrl() const
{
    QUrl url;
    const QString scheme = m_serverUrl.scheme().toLower();
    const bool secure = scheme == QLatin1StringView("https") || scheme == QLatin1StringView("wss");
    url.setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(m_serverUrl.host());
    url.setPort(m_serverUrl.port());
    QString path = m_options.path.isEmpty() ? QStringLiteral("/socket.io/") : m_options.path;
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    if (!path.endsWith(u'/'))
        path.append(u'/');
    url.setPath(path);
    QUrlQuery query(m_serverUrl);
    query.removeAllQueryItems(QStringLiteral("EIO"));
    query.removeAllQueryItems(QStringLiteral("transport"));
    query.addQueryItem(QStringLiteral("EIO"), QStringLiteral("4"));
    query.addQueryItem(QStringLiteral("transport"), QStringLiteral("websocket"));
    url.setQuery(query);
    return url;
}

void Manager::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcClientManager) << "state" << state;
    Q_EMIT stateChanged(state);
}

void Manager::open()
{
    if (m_state != State::Disconnected)
        return;
    const QString scheme = m_serverUrl.scheme().toLower();
    const bool knownScheme =
      scheme == QLatin1StringView("http") || scheme == QLatin1StringView("https") ||
      scheme == QLatin1StringView("ws") || scheme == QLatin1StringView("wss");
    if (!m_serverUrl.isValid() || m_serverUrl.host().isEmpty() || !knownScheme) {
        // Retrying cannot fix a malformed URL.
        Q_EMIT errorOccurred(QStringLiteral("invalid server URL: %1")
                               .arg(m_serverUrl.toDisplayString(QUrl::RemoveUserInfo)));
        return;
    }
    m_skipReconnect = false;
    m_backoff.reset();
    setState(State::Connecting);
    startAttempt();
}

void Manager::reconnectNow()
{
    switch (m_state) {
        case State::Disconnected:
            open();
            return;
        case State::Reconnecting:
            if (m_reconnectTimer.isActive()) {
                m_reconnectTimer.stop();
                Q_EMIT reconnectAttempted(m_backoff.attempts());
                startAttempt();
            }
            return;
        case State::Connecting:
        case State::Open:
            return;
    }
}

void Manager::close()
{
    m_skipReconnect = true;
    m_reconnectTimer.stop();
    const bool wasOpen = m_state == State::Open;
    teardownTransport();
    m_backoff.reset();
    setState(State::Disconnected);
    if (wasOpen) {
        const QString reason = QStringLiteral("forced close");
        Q_EMIT connectionClosed(reason);
        const QList<Socket *> sockets = m_sockets;
        for (Socket *socket : sockets)
            socket->onManagerClosed(reason);
    }
}

bool Manager::heartbeatExpired() const
{
    return m_state == State::Open && nowMs() >= m_heartbeatDeadlineMs;
}

qint64 Manager::nowMs() const
{
    return m_options.heartbeatClock ? m_options.heartbeatClock() : heartbeatClockMs();
}

void Manager::startAttempt()
{
    // One transport at a time: whatever is left of the previous one goes first.
    teardownTransport();
    std::unique_ptr<Transport> transport = m_factory();
    if (!transport) {
        attemptFailed(QStringLiteral("no transport"));
        return;
    }
    m_transport = transport.release();
    m_transport->setParent(this);
    m_handshakeDone = false;
    m_decoder.reset();
    connect(m_transport, &Transport::textReceived, this, &Manager::onText);
    connect(m_transport, &Transport::binaryReceived, this, &Manager::onBinary);
    connect(m_transport, &Transport::closed, this, [this](const QString &reason) {
        if (m_handshakeDone)
            connectionLost(QStringLiteral("transport close"));
        else
            attemptFailed(reason);
    });
    connect(m_transport, &Transport::errorOccurred, this, [this](const QString &message) {
        if (m_handshakeDone) {
            Q_EMIT errorOccurred(message);
            connectionLost(QStringLiteral("transport error"));
        } else {
            attemptFailed(message);
        }
    });
    if (m_options.openTimeoutMs > 0)
        detail::startClamped(m_openTimer, m_options.openTimeoutMs);
    m_transport->open(engineUrl(), m_options.extraHeaders);
}

void Manager::attemptFailed(const QString &message)
{
    // Signals of abandoned transports are disconnected, so only the current attempt gets here.
    if (m_state == State::Open || m_state == State::Disconnected)
        return;
    qCInfo(lcClientManager) << "connection attempt failed:" << message;
    teardownTransport();
    Q_EMIT errorOccurred(message);
    if (!m_options.reconnection || m_skipReconnect) {
        setState(State::Disconnected);
        return;
    }
    scheduleReconnect();
}

void Manager::connectionLost(const QString &reason)
{
    if (m_state != State::Open)
        return;
    qCInfo(lcClientManager) << "connection lost:" << reason;
    teardownTransport();
    // Every outage starts again at attempt 1.
    m_backoff.reset();
    const bool reconnect = m_options.reconnection && !m_skipReconnect;
    setState(reconnect ? State::Reconnecting : State::Disconnected);
    Q_EMIT connectionClosed(reason);
    const QList<Socket *> sockets = m_sockets;
    for (Socket *socket : sockets)
        socket->onManagerClosed(reason);
    // A socket handler may have closed or reopened the Manager meanwhile.
    if (reconnect && m_state == State::Reconnecting && !m_transport && !m_reconnectTimer.isActive())
        scheduleReconnect();
}

void Manager::scheduleReconnect()
{
    const int limit = m_options.reconnectionAttempts;
    if (limit >= 0 && m_backoff.attempts() >= limit) {
        qCWarning(lcClientManager) << "giving up after" << m_backoff.attempts() << "attempts";
        m_backoff.reset();
        setState(State::Disconnected);
        Q_EMIT reconnectFailed();
        return;
    }
    const qint64 delay = m_backoff.nextDelayMs();
    const int attempt = m_backoff.attempts();
    setState(State::Reconnecting);
    detail::startClamped(m_reconnectTimer, delay);
    qCInfo(lcClientManager) << "reconnect attempt" << attempt << "in" << delay << "ms";
    Q_EMIT reconnectScheduled(attempt, delay);
}

void Manager::teardownTransport()
{
    m_openTimer.stop();
    m_watchdogTimer.stop();
    m_handshakeDone = false;
    if (!m_transport)
        return;
    Transport *transport = m_transport;
    m_transport = nullptr;
    disconnect(transport, nullptr, this, nullptr);
    transport->close();
    // Possibly inside one of its own signals.
    transport->deleteLater();
}

void Manager::onText(const QByteArray &utf8)
{
    const Result<eio::Packet> decoded = eio::decodeText(utf8);
    if (!decoded) {
        handleDecodeError(decoded.error());
        return;
    }
    const eio::Packet &packet = decoded.value();
    if (!m_handshakeDone) {
        if (packet.type == eio::PacketType::Open)
            onHandshake(packet.data);
        else
            qCDebug(lcClientManager)
              << "ignoring packet before the handshake, type" << int(packet.type);
        return;
    }
    switch (packet.type) {
        case eio::PacketType::Ping:
            armWatchdog();
            if (m_transport)
                m_transport->sendText(eio::encodeText(eio::Packet::control(eio::PacketType::Pong)));
            Q_EMIT pingReceived();
            return;
        case eio::PacketType::Close:
            connectionLost(QStringLiteral("transport close"));
            return;
        case eio::PacketType::Message: {
            const Result<std::optional<sio::Packet>> result = m_decoder.feedText(packet.data);
            if (!result) {
                handleDecodeError(result.error());
                return;
            }
            if (result.value())
                onSocketIoPacket(*result.value());
            return;
        }
        case eio::PacketType::Open:
        case eio::PacketType::Pong:
        case eio::PacketType::Upgrade:
        case eio::PacketType::Noop:
            qCDebug(lcClientManager) << "ignoring Engine.IO packet type" << int(packet.type);
            return;
    }
}

void Manager::onBinary(const QByteArray &bytes)
{
    if (!m_handshakeDone)
        return;
    const Result<std::optional<sio::Packet>> result = m_decoder.feedBinary(bytes);
    if (!result) {
        handleDecodeError(result.error());
        return;
    }
    if (result.value())
        onSocketIoPacket(*result.value());
}

void Manager::handleDecodeError(const Error &error)
{
    qCWarning(lcClientManager) << "invalid packet from the server:" << error.message;
    m_decoder.reset();
    if (m_handshakeDone) {
        Q_EMIT errorOccurred(QStringLiteral("parse error: ") + error.message);
        connectionLost(QStringLiteral("parse error"));
    } else {
        attemptFailed(QStringLiteral("parse error: ") + error.message);
    }
}

void Manager::onHandshake(const QByteArray &json)
{
    const Result<eio::Handshake> handshake = eio::Handshake::fromJson(json);
    if (!handshake) {
        attemptFailed(QStringLiteral("invalid handshake: ") + handshake.error().message);
        return;
    }
    m_openTimer.stop();
    m_handshake = handshake.value();
    m_handshakeDone = true;
    ++m_connectionId;
    const bool wasReconnecting = m_state == State::Reconnecting;
    m_backoff.reset();
    armWatchdog();
    qCInfo(lcClientManager) << "open, ping interval" << m_handshake.pingInterval << "timeout"
                            << m_handshake.pingTimeout;
    setState(State::Open);
    if (wasReconnecting)
        Q_EMIT reconnected();
    const quint64 connection = m_connectionId;
    const QList<Socket *> sockets = m_sockets;
    for (Socket *socket : sockets) {
        // A handler may have closed the connection already.
        if (m_state != State::Open || m_connectionId != connection)
            return;
        socket->onManagerOpen();
    }
}

void Manager::onSocketIoPacket(const sio::Packet &packet)
{
    for (Socket *socket : std::as_const(m_sockets)) {
        if (socket->nsp() == packet.nsp) {
            socket->onPacket(packet);
            return;
        }
    }
    qCDebug(lcClientManager) << "packet for unknown namespace" << packet.nsp;
}

void Manager::armWatchdog()
{
    // A broken or hostile handshake must not overflow the deadline arithmetic.
    const qint64 total = std::clamp<qint64>(m_handshake.pingInterval, 0, maxHeartbeatPartMs) +
                         std::clamp<qint64>(m_handshake.pingTimeout, 0, maxHeartbeatPartMs);
    m_heartbeatDeadlineMs = nowMs() + total;
    detail::startClamped(m_watchdogTimer, qMin(total, watchdogPollMs));
}

void Manager::checkWatchdog()
{
    if (m_state != State::Open)
        return;
    const qint64 remaining = m_heartbeatDeadlineMs - nowMs();
    if (remaining <= 0) {
        connectionLost(QStringLiteral("ping timeout"));
        return;
    }
    detail::startClamped(m_watchdogTimer, qMin(remaining, watchdogPollMs));
}

bool Manager::sendPacket(const sio::Packet &packet)
{
    if (m_state != State::Open || !m_transport)
        return false;
    if (heartbeatExpired()) {
        // Declared dead from the event loop, not from inside the caller's emit().
        m_watchdogTimer.start(0);
        return false;
    }
    const sio::Encoded encoded = sio::encode(packet);
    m_transport->sendText(eio::encodeText(eio::Packet::message(encoded.text)));
    for (const QByteArray &attachment : encoded.attachments)
        m_transport->sendBinary(attachment);
    return true;
}

void Manager::socketDeactivated()
{
    // As socket.io-client: the connection is closed once no namespace wants it.
    for (const Socket *socket : std::as_const(m_sockets)) {
        if (socket->isActive())
            return;
    }
    if (m_state != State::Disconnected) {
        qCDebug(lcClientManager) << "no active namespace left, closing";
        close();
    }
}

void Manager::dropConnection(const QString &reason)
{
    const quint64 connection = m_connectionId;
    QTimer::singleShot(0, this, [this, connection, reason] {
        if (m_connectionId == connection)
            connectionLost(reason);
    });
}

void Manager::socketDestroyed(Socket *socket)
{
    m_sockets.removeAll(socket);
}

} // namespace vigil::client
