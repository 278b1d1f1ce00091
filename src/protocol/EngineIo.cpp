// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/EngineIo.h"

#include <cmath>
#include <limits>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include "protocol/Json.h"

using namespace Qt::StringLiterals;

namespace vigil::protocol::eio {
namespace {

constexpr char binaryPrefix = 'b';
constexpr char firstTypeDigit = '0';
constexpr char lastTypeDigit = '6';

/// Timers take int milliseconds; a larger interval could not be scheduled, and capping here keeps
/// `pingInterval + pingTimeout` far from overflowing in the watchdog.
constexpr qint64 maxTimerMs = std::numeric_limits<qint32>::max();

QString describeByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f)
        return u"'%1'"_s.arg(QLatin1Char(c));
    return u"0x%1"_s.arg(uint{ u }, 2, 16, QLatin1Char('0'));
}

qsizetype encodedSize(const Packet &p)
{
    return 1 + (p.binary ? (p.data.size() + 2) / 3 * 4 : p.data.size());
}

void appendEncoded(QByteArray &out, const Packet &p)
{
    if (p.binary) {
        out.append(binaryPrefix);
        out.append(p.data.toBase64());
    } else {
        out.append(static_cast<char>(firstTypeDigit + static_cast<int>(p.type)));
        out.append(p.data);
    }
}

Error withContext(const QString &context, Error error)
{
    error.message = context + u": "_s + error.message;
    return error;
}

Result<Packet> decodeBinaryRecord(QByteArrayView base64)
{
    auto decoded = QByteArray::fromBase64Encoding(QByteArray(base64.data(), base64.size()),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error{ ErrorCode::InvalidBase64, u"binary packet is not valid base64"_s };
    // Qt's strict mode still accepts missing padding and non-zero trailing bits; every peer sends
    // the canonical padded form, and accepting only that keeps decode(encode(x)) == x.
    if (decoded.decoded.toBase64() != base64)
        return Error{ ErrorCode::InvalidBase64, u"binary packet is not canonical padded base64"_s };
    return Packet::binaryMessage(std::move(decoded.decoded));
}

Result<Packet> decodeRecord(QByteArrayView record)
{
    if (record.isEmpty())
        return Error{ ErrorCode::InvalidPayload, u"empty packet"_s };
    if (record.front() == binaryPrefix)
        return decodeBinaryRecord(record.sliced(1));
    return decodeText(record);
}

/// JSON has one number type and JSON.parse cannot tell 25000 from 25000.0, so an integral double
/// counts as an integer.
std::optional<qint64> toInteger(const QCborValue &value)
{
    if (value.isInteger())
        return value.toInteger();
    if (value.isDouble()) {
        const double d = value.toDouble();
        constexpr double limit = 9223372036854775808.0; // 2^63
        if (std::isfinite(d) && d == std::trunc(d) && d >= -limit && d < limit)
            return static_cast<qint64>(d);
    }
    return std::nullopt;
}

Error invalidHandshake(QString message)
{
    return Error{ ErrorCode::InvalidHandshake, std::move(message) };
}

Result<qint64> requireDuration(const QCborMap &map, QLatin1StringView key)
{
    const QCborValue value = map.value(key);
    if (value.isUndefined())
        return invalidHandshake(u"handshake: missing \"%1\""_s.arg(key));
    const std::optional<qint64> ms = toInteger(value);
    if (!ms || *ms < 0 || *ms > maxTimerMs)
        return invalidHandshake(
          u"handshake: \"%1\" must be an integer from 0 to %2 (ms)"_s.arg(key).arg(maxTimerMs));
    return *ms;
}

} // namespace

QByteArray encodeText(const Packet &packet)
{
    QByteArray out;
    out.reserve(encodedSize(packet));
    appendEncoded(out, packet);
    return out;
}

Result<Packet> decodeText(QByteArrayView frame)
{
    if (frame.isEmpty())
        return Error{ ErrorCode::EmptyInput, u"empty Engine.IO packet"_s };
    const char digit = frame.front();
    if (digit < firstTypeDigit || digit > lastTypeDigit)
        return Error{ ErrorCode::UnknownPacketType,
                      u"unknown Engine.IO packet type %1"_s.arg(describeByte(digit)) };
    const auto type = static_cast<PacketType>(digit - firstTypeDigit);
    const QByteArrayView data = frame.sliced(1);
    return Packet::control(type, QByteArray(data.data(), data.size()));
}

QByteArray encodePayload(const QList<Packet> &packets)
{
    qsizetype size = packets.isEmpty() ? 0 : packets.size() - 1;
    for (const Packet &p : packets)
        size += encodedSize(p);
    QByteArray out;
    out.reserve(size);
    for (qsizetype i = 0; i < packets.size(); ++i) {
        if (i > 0)
            out.append(recordSeparator);
        appendEncoded(out, packets.at(i));
    }
    return out;
}

Result<QList<Packet>> decodePayload(QByteArrayView body, qsizetype maxPackets)
{
    if (body.isEmpty())
        return Error{ ErrorCode::EmptyInput, u"empty long-polling payload"_s };
    QList<Packet> packets;
    qsizetype start = 0;
    for (qsizetype index = 0;; ++index) {
        // Checked before each record is decoded, so a hostile body costs at most maxPackets
        // packets of work and memory before it is refused.
        if (index >= maxPackets)
            return Error{ ErrorCode::TooManyPackets,
                          u"long-polling payload holds more than %1 packets"_s.arg(maxPackets) };
        const qsizetype end = body.indexOf(recordSeparator, start);
        const QByteArrayView record =
          end < 0 ? body.sliced(start) : body.sliced(start, end - start);
        Result<Packet> packet = decodeRecord(record);
        if (!packet)
            return withContext(u"packet %1"_s.arg(index), packet.error());
        packets.append(std::move(packet).value());
        if (end < 0)
            return packets;
        start = end + 1;
    }
}

QByteArray Handshake::toJson() const
{
    QCborMap map;
    map.insert(QLatin1StringView("sid"), sid);
    map.insert(QLatin1StringView("upgrades"), QCborArray::fromStringList(upgrades));
    map.insert(QLatin1StringView("pingInterval"), pingInterval);
    map.insert(QLatin1StringView("pingTimeout"), pingTimeout);
    if (maxPayload)
        map.insert(QLatin1StringView("maxPayload"), *maxPayload);
    return json::write(QCborValue(std::move(map)));
}

Result<Handshake> Handshake::fromJson(QByteArrayView json)
{
    Result<QCborValue> parsed = json::parse(json);
    if (!parsed)
        return withContext(u"handshake"_s, parsed.error());
    if (!parsed->isMap())
        return invalidHandshake(u"handshake is not a JSON object"_s);
    const QCborMap map = parsed->toMap();

    Handshake h;
    const QCborValue sid = map.value(QLatin1StringView("sid"));
    if (!sid.isString() || sid.toString().isEmpty())
        return invalidHandshake(u"handshake: \"sid\" must be a non-empty string"_s);
    h.sid = sid.toString();

    const QCborValue upgrades = map.value(QLatin1StringView("upgrades"));
    if (!upgrades.isUndefined()) {
        if (!upgrades.isArray())
            return invalidHandshake(u"handshake: \"upgrades\" must be an array of strings"_s);
        const QCborArray list = upgrades.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list.at(i).isString())
                return invalidHandshake(u"handshake: \"upgrades[%1]\" must be a string"_s.arg(i));
            h.upgrades.append(list.at(i).toString());
        }
    }

    const Result<qint64> interval = requireDuration(map, QLatin1StringView("pingInterval"));
    if (!interval)
        return interval.error();
    h.pingInterval = *interval;
    const Result<qint64> timeout = requireDuration(map, QLatin1StringView("pingTimeout"));
    if (!timeout)
        return timeout.error();
    h.pingTimeout = *timeout;

    const QCborValue maxPayload = map.value(QLatin1StringView("maxPayload"));
    if (!maxPayload.isUndefined()) {
        const std::optional<qint64> bytes = toInteger(maxPayload);
        if (!bytes || *bytes <= 0)
            return invalidHandshake(u"handshake: \"maxPayload\" must be a positive integer"_s);
        h.maxPayload = bytes;
    }
    return h;
}

} // namespace vigil::protocol::eio
