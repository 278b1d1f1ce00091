// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/SocketIo.h"

#include <cmath>

#include <QCborMap>
#include <QStringDecoder>

#include "protocol/Json.h"

namespace vigil::protocol::sio {

using namespace Qt::StringLiterals;

namespace {

/// Number.MAX_SAFE_INTEGER: the largest ack id a JavaScript peer can hold exactly.
constexpr qint64 maxAckId = 9007199254740991;
constexpr qsizetype maxAckIdDigits = 16;

QString describeByte(char c)
{
    const auto u = static_cast<uchar>(c);
    if (u >= 0x20 && u < 0x7f)
        return u"'"_s + QChar(char16_t(u)) + u'\'';
    return u"byte 0x"_s + QString::number(u, 16).rightJustified(2, u'0');
}

QString typeName(PacketType type)
{
    switch (type) {
        case PacketType::Connect:
            return u"CONNECT"_s;
        case PacketType::Disconnect:
            return u"DISCONNECT"_s;
        case PacketType::Event:
            return u"EVENT"_s;
        case PacketType::Ack:
            return u"ACK"_s;
        case PacketType::ConnectError:
            return u"CONNECT_ERROR"_s;
        case PacketType::BinaryEvent:
            return u"BINARY_EVENT"_s;
        case PacketType::BinaryAck:
            return u"BINARY_ACK"_s;
    }
    return u"packet"_s;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Checks the payload against its packet type, as socket.io-parser's isPayloadValid() does.
std::optional<Error> validatePayload(const Packet &p)
{
    const auto invalid = [&p](const QString &what) {
        return Error{ ErrorCode::InvalidPayload, typeName(p.type) + u" payload must be "_s + what };
    };
    switch (p.type) {
        case PacketType::Connect:
            if (!p.data.isUndefined() && !p.data.isMap())
                return invalid(u"an object or absent"_s);
            break;
        case PacketType::Disconnect:
            if (!p.data.isUndefined())
                return invalid(u"absent"_s);
            break;
        case PacketType::ConnectError:
            if (!p.data.isString() && !p.data.isMap())
                return invalid(u"a string or an object"_s);
            break;
        case PacketType::Event:
        case PacketType::BinaryEvent: {
            if (!p.data.isArray() || p.data.toArray().isEmpty())
                return invalid(u"a non-empty array"_s);
            const QCborValue name = p.data.toArray().at(0);
            if (name.isString()) {
                if (isReservedEventName(name.toString())) {
                    return Error{ ErrorCode::ReservedEventName,
                                  u"reserved event name \""_s + name.toString() + u'"' };
                }
            } else if (!name.isInteger() && !name.isDouble()) {
                return invalid(u"an array starting with an event name (string or number)"_s);
            }
            break;
        }
        case PacketType::Ack:
        case PacketType::BinaryAck:
            if (!p.data.isArray())
                return invalid(u"an array"_s);
            break;
    }
    return std::nullopt;
}

/// Decodes one text packet; `attachments` receives the announced attachment count.
Result<Packet> decodeHeader(QByteArrayView text, int maxAttachments, int &attachments)
{
    attachments = 0;
    const qsizetype n = text.size();
    if (n == 0)
        return Error{ ErrorCode::EmptyInput, u"empty Socket.IO packet"_s };
    if (text[0] < '0' || text[0] > '6') {
        return Error{ ErrorCode::UnknownPacketType,
                      u"unknown Socket.IO packet type "_s + describeByte(text[0]) };
    }
    Packet p;
    p.type = static_cast<PacketType>(text[0] - '0');
    qsizetype i = 1;

    if (p.type == PacketType::BinaryEvent || p.type == PacketType::BinaryAck) {
        const qsizetype start = i;
        while (i < n && isDigit(text[i]))
            ++i;
        if (i == n || text[i] != '-') {
            return Error{ ErrorCode::InvalidAttachmentCount,
                          i == n ? u"attachment count not followed by '-'"_s
                                 : u"unexpected "_s + describeByte(text[i]) +
                                     u" in attachment count"_s };
        }
        if (i == start)
            return Error{ ErrorCode::InvalidAttachmentCount, u"empty attachment count"_s };
        qint64 count = 0;
        for (qsizetype d = start; d < i && count <= maxAttachments; ++d)
            count = count * 10 + (text[d] - '0');
        if (count > maxAttachments) {
            return Error{ ErrorCode::TooManyAttachments,
                          u"too many attachments: "_s +
                            QString::fromLatin1(
                              text.sliced(start, std::min<qsizetype>(i - start, 20))) +
                            u" (at most "_s + QString::number(maxAttachments) + u')' };
        }
        attachments = int(count);
        ++i;
    }

    if (i < n && text[i] == '/') {
        qsizetype end = i;
        while (end < n && text[end] != ',')
            ++end;
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        p.nsp = utf8(text.sliced(i, end - i));
        if (utf8.hasError())
            return Error{ ErrorCode::InvalidNamespace, u"namespace is not valid UTF-8"_s };
        i = end < n ? end + 1 : n;
    }

    if (i < n && isDigit(text[i])) {
        const qsizetype start = i;
        while (i < n && isDigit(text[i]))
            ++i;
        if (i - start > maxAckIdDigits) {
            return Error{ ErrorCode::InvalidAckId,
                          u"ack id of %1 digits is too long"_s.arg(i - start) };
        }
        qint64 id = 0;
        for (qsizetype d = start; d < i; ++d)
            id = id * 10 + (text[d] - '0');
        if (id > maxAckId)
            return Error{ ErrorCode::InvalidAckId, u"ack id %1 is too large"_s.arg(id) };
        p.id = id;
    }

    if ((p.type == PacketType::Ack || p.type == PacketType::BinaryAck) && !p.id) {
        return Error{ ErrorCode::InvalidAckId,
                      typeName(p.type) + u" without an ack id"_s +
                        (i < n ? u" (found "_s + describeByte(text[i]) + u')' : QString()) };
    }

    if (i < n) {
        auto json = json::parse(text.sliced(i));
        if (!json) {
            return Error{ json.error().code,
                          u"invalid JSON payload starting at offset %1: %2"_s.arg(
                            QString::number(i), json.error().message) };
        }
        p.data = std::move(json).value();
    }

    if (auto error = validatePayload(p))
        return *error;
    return p;
}

/// Replaces `{"_placeholder":true,"num":N}` by buffers[N], touching only containers that hold one.
std::optional<QCborValue> resolvePlaceholders(const QCborValue &value,
                                              const QList<QByteArray> &buffers,
                                              QString &error)
{
    if (value.isArray()) {
        QCborArray array = value.toArray();
        bool changed = false;
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto child = resolvePlaceholders(array.at(i), buffers, error);
            if (!error.isEmpty())
                return std::nullopt;
            if (child) {
                array[i] = *child;
                changed = true;
            }
        }
        return changed ? std::optional<QCborValue>(array) : std::nullopt;
    }
    if (!value.isMap())
        return std::nullopt;

    QCborMap map = value.toMap();
    if (map.value(u"_placeholder"_s).isTrue()) {
        const QCborValue num = map.value(u"num"_s);
        qint64 index = -1;
        if (num.isInteger()) {
            index = num.toInteger();
        } else if (num.isDouble() && std::floor(num.toDouble()) == num.toDouble() &&
                   num.toDouble() >= 0 && num.toDouble() < double(buffers.size())) {
            index = qint64(num.toDouble());
        }
        if (index < 0 || index >= buffers.size()) {
            error = u"placeholder \"num\" "_s + QString::fromUtf8(json::write(num)) +
                    u" is not an attachment index below "_s + QString::number(buffers.size());
            return std::nullopt;
        }
        return QCborValue(buffers.at(index));
    }
    bool changed = false;
    for (qsizetype i = 0; i < map.size(); ++i) {
        auto child = resolvePlaceholders((map.cbegin() + i).value(), buffers, error);
        if (!error.isEmpty())
            return std::nullopt;
        if (child) {
            (map.begin() + i).value() = *child;
            changed = true;
        }
    }
    return changed ? std::optional<QCborValue>(map) : std::nullopt;
}

} // namespace

bool isReservedEventName(QStringView name)
{
    static constexpr QStringView reserved[] = { u"connect",     u"connect_error",
                                                u"disconnect",  u"disconnecting",
                                                u"newListener", u"removeListener" };
    for (QStringView r : reserved) {
        if (name == r)
            return true;
    }
    return false;
}

QString Packet::eventName() const
{
    if (!isEvent() || !data.isArray())
        return {};
    const QCborValue first = data.toArray().at(0);
    if (first.isString())
        return first.toString();
    if (first.isInteger())
        return QString::number(first.toInteger());
    if (first.isDouble())
        return QString::fromLatin1(json::write(first));
    return {};
}

QCborArray Packet::args() const
{
    if (!data.isArray())
        return {};
    QCborArray array = data.toArray();
    if (isEvent()) {
        if (!array.isEmpty())
            array.removeFirst();
        return array;
    }
    if (isAck())
        return array;
    return {};
}

Packet Packet::connect(QString nsp, QCborValue auth)
{
    return Packet{ PacketType::Connect, std::move(nsp), std::nullopt, std::move(auth) };
}

Packet Packet::disconnect(QString nsp)
{
    return Packet{ PacketType::Disconnect, std::move(nsp), std::nullopt, {} };
}

Packet Packet::event(QString nsp,
                     const QString &name,
                     const QCborArray &args,
                     std::optional<qint64> id)
{
    QCborArray array = args;
    array.prepend(name);
    return Packet{ PacketType::Event, std::move(nsp), id, std::move(array) };
}

Packet Packet::ack(QString nsp, qint64 id, QCborArray args)
{
    return Packet{ PacketType::Ack, std::move(nsp), id, std::move(args) };
}

Packet Packet::connectError(QString nsp, const QString &message, QCborValue data)
{
    QCborMap map;
    map.insert(u"message"_s, message);
    if (!data.isUndefined())
        map.insert(u"data"_s, std::move(data));
    return Packet{ PacketType::ConnectError, std::move(nsp), std::nullopt, std::move(map) };
}

Encoded encode(const Packet &packet)
{
    Encoded e;
    QByteArray &out = e.text;
    // The type digit is patched below once the attachment count is known.
    out.append(char('0' + int(packet.type)));
    if (!packet.nsp.isEmpty() && packet.nsp != u"/") {
        out.append(packet.nsp.toUtf8());
        out.append(',');
    }
    if (packet.id)
        out.append(QByteArray::number(*packet.id));
    const bool binaryType =
      packet.type == PacketType::BinaryEvent || packet.type == PacketType::BinaryAck;
    if (!packet.data.isUndefined()) {
        json::write(
          packet.data, out, packet.isEvent() || packet.isAck() ? &e.attachments : nullptr);
    }
    if (binaryType || !e.attachments.isEmpty()) {
        QByteArray header(1, packet.isEvent() ? '5' : '6');
        header.append(QByteArray::number(e.attachments.size()));
        header.append('-');
        out.replace(0, 1, header);
    }
    return e;
}

Decoder::Decoder(int maxAttachments)
  : m_maxAttachments(maxAttachments)
{
}

Result<std::optional<Packet>> Decoder::feedText(QByteArrayView text)
{
    if (m_pending) {
        const qsizetype missing = m_expected - m_buffers.size();
        reset();
        return Error{ ErrorCode::UnexpectedText,
                      u"text packet while %1 binary attachment(s) were still expected"_s.arg(
                        missing) };
    }
    int attachments = 0;
    auto packet = decodeHeader(text, m_maxAttachments, attachments);
    if (!packet)
        return packet.error();
    if (attachments == 0)
        return std::optional<Packet>(std::move(packet).value());
    m_pending = std::move(packet).value();
    m_expected = attachments;
    m_buffers.clear();
    m_buffers.reserve(attachments);
    return std::optional<Packet>();
}

Result<std::optional<Packet>> Decoder::feedBinary(const QByteArray &bytes)
{
    if (!m_pending)
        return Error{ ErrorCode::UnexpectedBinary,
                      u"binary message while no attachment was expected"_s };
    m_buffers.append(bytes);
    if (m_buffers.size() < m_expected)
        return std::optional<Packet>();

    Packet packet = std::move(*m_pending);
    QString error;
    auto resolved = resolvePlaceholders(packet.data, m_buffers, error);
    reset();
    if (!error.isEmpty())
        return Error{ ErrorCode::InvalidPlaceholder, error };
    if (resolved)
        packet.data = std::move(*resolved);
    return std::optional<Packet>(std::move(packet));
}

void Decoder::reset()
{
    m_pending.reset();
    m_expected = 0;
    m_buffers.clear();
}

Result<Packet> decodeText(QByteArrayView text, int maxAttachments)
{
    int attachments = 0;
    auto packet = decodeHeader(text, maxAttachments, attachments);
    if (!packet)
        return packet.error();
    if (attachments > 0) {
        return Error{ ErrorCode::InvalidAttachmentCount,
                      u"%1 announces %2 binary attachment(s): feed it to a Decoder"_s.arg(
                        typeName(packet->type), QString::number(attachments)) };
    }
    return std::move(packet).value();
}

} // namespace vigil::protocol::sio
