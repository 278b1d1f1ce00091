// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QUrl>

#include "client/Transport.h"

namespace vigil::testsupport {

/// A Transport driven by the test: it records what the client sends and lets the test play the
/// server (frames, close, errors). Nothing happens on its own, so tests are deterministic.
class FakeTransport final : public client::Transport
{
    Q_OBJECT

public:
    struct Frame
    {
        bool binary = false;
        QByteArray data;
        friend bool operator==(const Frame &, const Frame &) = default;
    };

    using client::Transport::Transport;

    void open(const QUrl &url, const client::HeaderList &headers) override;
    void sendText(const QByteArray &utf8) override;
    void sendBinary(const QByteArray &bytes) override;
    void close() override;

    // What the client did.
    QUrl url() const { return m_url; }
    client::HeaderList headers() const { return m_headers; }
    bool isClosed() const { return m_closed; }
    QList<Frame> sent() const { return m_sent; }
    /// Text frames only, in order.
    QList<QByteArray> sentText() const;
    /// Text frames sent after the first `skip` ones.
    QList<QByteArray> sentTextFrom(qsizetype skip) const { return sentText().mid(skip); }
    void clearSent() { m_sent.clear(); }

    // The server's side.
    void serverText(const QByteArray &utf8) { Q_EMIT textReceived(utf8); }
    void serverBinary(const QByteArray &bytes) { Q_EMIT binaryReceived(bytes); }
    /// `0{...}` with the given heartbeat timings (as Node sends it on a WebSocket-only session).
    void serverHandshake(qint64 pingIntervalMs = 25'000,
                         qint64 pingTimeoutMs = 20'000,
                         const QByteArray &sid = QByteArrayLiteral("eio-sid"));
    void serverClose(const QString &reason = QStringLiteral("transport close"))
    {
        Q_EMIT closed(reason);
    }
    void serverError(const QString &message) { Q_EMIT errorOccurred(message); }

private:
    QUrl m_url;
    client::HeaderList m_headers;
    QList<Frame> m_sent;
    bool m_closed = false;
};

/// Hands out FakeTransports to a Manager and keeps track of them (the Manager deletes them).
class FakeTransportFactory
{
public:
    client::TransportFactory factory();
    int createdCount() const { return int(m_created.size()); }
    /// The most recent transport, or nullptr when none was created or it is already deleted.
    FakeTransport *latest() const
    {
        return m_created.isEmpty() ? nullptr : m_created.last().data();
    }
    FakeTransport *at(int index) const { return m_created.value(index).data(); }

private:
    QList<QPointer<FakeTransport>> m_created;
};

} // namespace vigil::testsupport
