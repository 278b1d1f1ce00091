// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCborValue>
#include <QList>

#include "protocol/Result.h"

/// JSON text <-> QCborValue. QCborValue is the protocol's value model: unlike QJsonValue it holds
/// byte-array leaves (Socket.IO binary attachments) and QCborMap keeps insertion order, so objects
/// we build go on the wire in the order we wrote them (QJsonObject sorts its keys).
namespace vigil::protocol::json {

/// Deepest nesting accepted by parse(); deeper input is refused with ErrorCode::NestingTooDeep.
inline constexpr int maxDepth = 256;

/// Parses any JSON text, including a bare scalar (`"str"`, `42`, `null`), as JSON.parse does.
/// Integers that fit in qint64 become QCborValue::Integer, other numbers Double. Object keys keep
/// their order of appearance; a duplicate key keeps its first position and takes its last value.
/// Strict RFC 8259. Invalid UTF-8 is refused; an escaped lone surrogate (`"\ud800"`) becomes
/// U+FFFD, since QCborValue text is UTF-8. Never crashes; malformed text gives
/// ErrorCode::InvalidJson and nesting deeper than maxDepth ErrorCode::NestingTooDeep, with a
/// message naming the byte offset.
Result<QCborValue> parse(QByteArrayView text);

/// Writes compact JSON the way JSON.stringify does: no spaces, map keys in insertion order,
/// undefined map entries omitted and undefined array elements written as null, non-finite doubles
/// as null. Byte arrays cannot appear in JSON: the Socket.IO encoder replaces them with
/// placeholders first; any left over are written as null.
QByteArray write(const QCborValue &value);

/// Appends the JSON text of `value` to `out`. With `attachments`, each byte array is written as
/// `{"_placeholder":true,"num":N}` and appended to the list (N = its index there), in the
/// depth-first order Socket.IO uses; without, byte arrays are written as null.
void write(const QCborValue &value, QByteArray &out, QList<QByteArray> *attachments);

} // namespace vigil::protocol::json
