// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QString>

/// Small helpers for writing complete HTTP answers through a QHttpServerResponder. Its own write()
/// overloads take headers only as an initializer_list, which cannot carry headers decided at run
/// time (CORS).
namespace vigil::server::http {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;
using Status = QHttpServerResponder::StatusCode;

/// Writes status line, headers, Content-Type, Content-Length and body. Does nothing when the peer
/// has already gone (QtHttpServer asserts on writes to a closed socket).
void reply(QHttpServerResponder &responder,
           Status status,
           const QByteArray &contentType,
           const QByteArray &body,
           const HeaderList &headers = {});

/// `application/json` answer.
void replyJson(QHttpServerResponder &responder,
               Status status,
               const QByteArray &json,
               const HeaderList &headers = {});

/// The REST error body of the contract: `{"error":"<code>","message":"<text>"}`.
QByteArray errorBody(QLatin1StringView code, const QString &message);

} // namespace vigil::server::http
