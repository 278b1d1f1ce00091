// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QHash>
#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include "RawClients.h"
#include "protocol/SocketIo.h"
#include "server/ServerApp.h"
#include "server/ServerSettings.h"

/// An in-process vigil-server (ServerApp on 127.0.0.1, port 0, SQLite in a temporary directory)
/// with test users, and a Socket.IO client speaking raw frames. Every wait is bounded.
namespace vigil::test {

inline constexpr int serviceWaitMs = 5'000;
inline const QString allowedOrigin = QStringLiteral("http://localhost:5173");

/// Test users: name, password (`<name>-password`), role, hospitals.
/// nurse (123), nurse456 (456), charge (123, 456), admin, producer (any), producer123 (123 only).
class ServiceHarness
{
public:
    explicit ServiceHarness(std::function<void(server::ServerSettings &)> adjust = {},
                            std::function<void(server::ServerAppOptions &)> adjustOptions = {});
    ~ServiceHarness();

    /// Empty on success, else why the server did not start.
    QString start();
    /// A second server on the same data directory (after stop()), e.g. read-only.
    QString restart(std::function<void(server::ServerAppOptions &)> adjustOptions = {});
    void stop();

    server::ServerApp &app() { return *m_app; }
    quint16 port() const { return m_app ? m_app->port() : 0; }
    QUrl url(const QString &pathAndQuery) const;
    QUrl socketUrl() const;
    QString dataDir() const { return m_dir.path(); }
    QString databaseUrl() const;

    /// A token issued by the server's own TokenService (no password check).
    QString token(const QString &username) const;
    static QString passwordOf(const QString &username) { return username + u"-password"; }

    HttpResult get(const QString &pathAndQuery,
                   const QString &token = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    HttpResult post(const QString &path,
                    const QByteArray &body,
                    const QString &token = {},
                    const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    /// Publishes through REST as `producer`; the stored alert (or an empty map).
    QCborMap publish(const QString &patientId,
                     const QString &hospitalId,
                     const QString &priority = QStringLiteral("medium"),
                     const QString &title = QStringLiteral("Test alert"));

private:
    QString build(std::function<void(server::ServerAppOptions &)> adjustOptions);

    QTemporaryDir m_dir;
    std::function<void(server::ServerSettings &)> m_adjust;
    std::function<void(server::ServerAppOptions &)> m_adjustOptions;
    std::unique_ptr<server::ServerApp> m_app;
    HttpClient m_http;
};

/// A Socket.IO v5 client over one raw WebSocket, with any number of namespaces.
class SioClient
{
public:
    struct Event
    {
        QString nsp;
        QString name;
        QCborArray args;
    };

    explicit SioClient(const QString &origin = {});

    /// Opens the Engine.IO session; false when refused.
    bool open(const QUrl &socketUrl);
    /// Sends CONNECT with `{"token": token}` (no payload when token is null) and waits for the
    /// answer: the CONNECT (type Connect) or CONNECT_ERROR packet; std::nullopt on timeout.
    std::optional<protocol::sio::Packet> connectNamespace(const QString &nsp,
                                                          const QString &token,
                                                          int timeoutMs = serviceWaitMs);
    /// CONNECT with any payload (undefined: none).
    std::optional<protocol::sio::Packet> connectWithAuth(const QString &nsp,
                                                         const QCborValue &auth,
                                                         int timeoutMs = serviceWaitMs);
    /// connectNamespace() that must succeed.
    bool join(const QString &nsp, const QString &token);

    void emitEvent(const QString &event,
                   const QCborValue &payload,
                   const QString &nsp = QStringLiteral("/"));
    /// Emits with an ack id and returns the ack's first argument (undefined on timeout).
    QCborValue call(const QString &event,
                    const QCborValue &payload,
                    const QString &nsp = QStringLiteral("/"),
                    int timeoutMs = serviceWaitMs);
    /// `join_room` with `{"room": room}`; the ack.
    QCborValue joinRoom(const QString &room)
    {
        return call(QStringLiteral("join_room"), roomPayload(room));
    }
    static QCborMap roomPayload(const QString &room);

    /// Waits for the next unseen event called `name` on `nsp`; std::nullopt on timeout.
    std::optional<QCborArray> waitFor(const QString &name,
                                      const QString &nsp = QStringLiteral("/"),
                                      int timeoutMs = serviceWaitMs);
    /// Lets `ms` pass while collecting, then returns how many `name` events arrived in total.
    int countAfter(const QString &name, int ms, const QString &nsp = QStringLiteral("/"));
    /// Every `name` event received so far (seen or not).
    QList<QCborArray> received(const QString &name, const QString &nsp = QStringLiteral("/")) const;

    bool isConnected() const { return m_socket.isConnected(); }
    RawWebSocket &socket() { return m_socket; }

private:
    /// Processes frames for up to `timeoutMs` or until `done()`.
    bool pump(const std::function<bool()> &done, int timeoutMs);
    void handleFrame(const Frame &frame);

    RawWebSocket m_socket;
    protocol::sio::Decoder m_decoder;
    QList<Event> m_events;
    QHash<QString, int> m_seen; ///< nsp + name -> events already returned by waitFor()
    QHash<qint64, QCborArray> m_acks;
    QHash<QString, protocol::sio::Packet> m_connects;
    qint64 m_nextAck = 1;
};

/// A well-formed AlertInput object.
QCborMap alertInput(const QString &patientId,
                    const QString &hospitalId,
                    const QString &priority = QStringLiteral("medium"),
                    const QString &title = QStringLiteral("Test alert"));

} // namespace vigil::test
