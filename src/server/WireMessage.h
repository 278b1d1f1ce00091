// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QString>

namespace vigil::protocol::sio {
struct Encoded;
}

namespace vigil::server {

/// One outgoing Engine.IO text packet plus the binary messages that follow it, encoded once and
/// shared by every recipient of a broadcast. Copies share the bytes and the lazily built forms
/// (the WebSocket frame, UTF-16 for QWebSocket, base64 records for polling), so a broadcast to N
/// sockets converts each form at most once.
class WireMessage
{
public:
    WireMessage() = default;

    /// `packet` is a complete Engine.IO text packet including its type digit (`4...`, `2`).
    static WireMessage fromEngineIoText(QByteArray packet, QList<QByteArray> attachments = {});
    /// A Socket.IO packet becomes an Engine.IO message: `4` + text, then the attachments.
    static WireMessage fromSocketIo(const protocol::sio::Encoded &encoded);

    bool isNull() const { return !m_d; }
    const QByteArray &text() const;
    /// The text as UTF-16 (what QWebSocket::sendTextMessage takes), converted on first use.
    const QString &textString() const;
    const QList<QByteArray> &attachments() const;
    /// The text as a complete WebSocket text frame (server to client), built on first use.
    const QByteArray &webSocketFrame() const;
    /// Each attachment as a long-polling record `b<base64>`, built on first use.
    const QList<QByteArray> &base64Attachments() const;

private:
    struct Data
    {
        QByteArray text;
        QList<QByteArray> attachments;
        mutable QString textString;
        mutable bool hasTextString = false;
        mutable QByteArray frame;
        mutable QList<QByteArray> base64;
        mutable bool hasBase64 = false;
    };
    std::shared_ptr<const Data> m_d;
};

} // namespace vigil::server
