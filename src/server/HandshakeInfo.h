// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

namespace vigil::server {

/// What the server knew about a client when its Engine.IO session opened (Node's
/// `socket.handshake` minus the CONNECT auth, which belongs to each namespace socket). Only the
/// fields the application uses are kept, to keep idle connections small.
struct HandshakeInfo
{
    QHostAddress address;
    quint16 port = 0;
    /// The request's query, including any application parameters the client added.
    QUrlQuery query;
    /// The `Origin` header; empty for desktop clients, which send none.
    QByteArray origin;
    QByteArray userAgent;
    QDateTime issued;
    bool secure = false;
};

} // namespace vigil::server
