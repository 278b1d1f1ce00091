// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/HttpReply.h"

#include <QCborMap>
#include <QTcpSocket>

#include "protocol/Json.h"

namespace vigil::server::http {

void reply(QHttpServerResponder &responder,
           Status status,
           const QByteArray &contentType,
           const QByteArray &body,
           const HeaderList &headers)
{
    QTcpSocket *socket = responder.socket();
    if (!socket || !socket->isOpen() || socket->state() != QAbstractSocket::ConnectedState)
        return;
    responder.writeStatusLine(status);
    responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeBody(body);
}

void replyJson(QHttpServerResponder &responder,
               Status status,
               const QByteArray &json,
               const HeaderList &headers)
{
    reply(responder, status, QByteArrayLiteral("application/json"), json, headers);
}

QByteArray errorBody(QLatin1StringView code, const QString &message)
{
    QCborMap map;
    map.insert(QLatin1StringView("error"), code);
    map.insert(QLatin1StringView("message"), message);
    return protocol::json::write(QCborValue(std::move(map)));
}

} // namespace vigil::server::http
