// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWebSocket>

#include "client/Transport.h"

namespace vigil::client {

/// Transport over QWebSocket: TLS with peer verification (plus an optional CA file), the system
/// proxy, and a bound on incoming message size.
class WebSocketTransport final : public Transport
{
    Q_OBJECT

public:
    explicit WebSocketTransport(TransportOptions options = {}, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &url, const HeaderList &headers) override;
    void sendText(const QByteArray &utf8) override;
    void sendBinary(const QByteArray &bytes) override;
    void close() override;

private:
    /// Reports the end exactly once (closed or errorOccurred), whatever order QWebSocket's
    /// signals come in.
    void finish(bool error, const QString &text);

    TransportOptions m_options;
    QWebSocket m_socket;
    bool m_opened = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace vigil::client
