// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include "protocol/Result.h"

/// Engine.IO v4 packets, WebSocket framing and HTTP long-polling payloads. Pure values: no I/O.
namespace vigil::protocol::eio {

enum class PacketType : quint8
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
};

/// Separator between packets in a long-polling payload.
inline constexpr char recordSeparator = '\x1e';

struct Packet
{
    PacketType type = PacketType::Message;
    /// Text payload (UTF-8, without the type digit) or, when `binary`, the raw bytes.
    QByteArray data;
    /// Only Message packets can be binary.
    bool binary = false;

    static Packet message(QByteArray text)
    {
        return { PacketType::Message, std::move(text), false };
    }
    static Packet binaryMessage(QByteArray bytes)
    {
        return { PacketType::Message, std::move(bytes), true };
    }
    static Packet control(PacketType type, QByteArray data = {})
    {
        return { type, std::move(data), false };
    }

    friend bool operator==(const Packet &, const Packet &) = default;
};

/// WebSocket text frame for a text packet: `<type digit><data>` (`4hello`, `2probe`).
/// For a binary packet this gives the polling form `b<base64>`; over WebSocket send `data` as a
/// binary frame instead (no type prefix in Engine.IO v4).
QByteArray encodeText(const Packet &packet);

/// Decodes one WebSocket text frame (`4hello`, `3probe`, `1`). Empty input, a non-digit or an
/// unknown type gives an error (EmptyInput, UnknownPacketType). The data after the digit is not
/// judged (`2probe`, `0{...}` stays text for Handshake::fromJson). A frame starting with `b` is an
/// unknown type: over WebSocket binary data arrives as binary frames, and only decodePayload knows
/// `b`.
Result<Packet> decodeText(QByteArrayView frame);

/// A WebSocket binary frame is always a binary Message in Engine.IO v4.
inline Packet fromBinaryFrame(QByteArray bytes)
{
    return Packet::binaryMessage(std::move(bytes));
}

/// HTTP long-polling payload: packets joined by `\x1e`, binary ones as `b<base64>`.
QByteArray encodePayload(const QList<Packet> &packets);

/// Decodes a long-polling payload. Refuses (never truncates) a payload holding more than
/// `maxPackets` packets, so a hostile POST cannot make us allocate without bound.
/// Errors: empty body → EmptyInput; an empty record (`4a\x1e\x1e4b`, trailing `\x1e`) →
/// InvalidPayload; `b` + anything but canonical padded standard base64 → InvalidBase64 (what Node,
/// browsers and python send; keeps decode(encode(x)) == x); other records as decodeText().
Result<QList<Packet>> decodePayload(QByteArrayView body, qsizetype maxPackets = 10'000);

/// The `open` packet's JSON. `maxPayload` is optional because python-engineio omits it.
struct Handshake
{
    QString sid;
    QStringList upgrades;
    qint64 pingInterval = 25'000; ///< ms
    qint64 pingTimeout = 20'000;  ///< ms
    std::optional<qint64> maxPayload;

    /// `{"sid":..,"upgrades":[..],"pingInterval":..,"pingTimeout":..,"maxPayload":..}` in that
    /// order.
    QByteArray toJson() const;
    /// Requires `sid` (non-empty string), `pingInterval` and `pingTimeout` (non-negative integers);
    /// `upgrades` defaults to empty; unknown keys are ignored (peers add their own).
    /// Bad fields give InvalidHandshake naming the field; text that is not JSON keeps json::parse's
    /// code (InvalidJson, NestingTooDeep). Intervals above INT32_MAX ms are refused: no timer can
    /// hold them. An integral JSON number written with a fraction (`25000.0`) counts as an integer.
    static Result<Handshake> fromJson(QByteArrayView json);

    friend bool operator==(const Handshake &, const Handshake &) = default;
};

} // namespace vigil::protocol::eio
