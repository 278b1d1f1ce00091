// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/WebSocketFrame.h"

#include <cstring>

#include <QCryptographicHash>
#include <QStringDecoder>

namespace vigil::server::ws {

namespace {

constexpr quint8 finBit = 0x80;
constexpr quint8 rsvBits = 0x70;
constexpr quint8 opcodeBits = 0x0F;
constexpr quint8 maskBit = 0x80;
constexpr qsizetype maxControlPayload = 125;

bool isControl(quint8 opcode)
{
    return opcode >= 0x8;
}

bool isKnown(quint8 opcode)
{
    return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA);
}

bool isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

void unmask(char *data, qsizetype size, const uchar key[4])
{
    // Word-wise: masking every byte of a large message one at a time is measurably slow.
    quint64 wide = 0;
    for (int i = 0; i < 8; ++i)
        wide |= quint64(key[i % 4]) << (8 * i);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        word ^= wide;
        std::memcpy(data + i, &word, 8);
    }
    for (; i < size; ++i)
        data[i] = char(uchar(data[i]) ^ key[i % 4]);
}

} // namespace

void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload)
{
    const qsizetype size = payload.size();
    char header[10];
    int headerSize = 2;
    header[0] = char(finBit | quint8(opcode));
    if (size < 126) {
        header[1] = char(size);
    } else if (size <= 0xFFFF) {
        header[1] = char(126);
        header[2] = char((size >> 8) & 0xFF);
        header[3] = char(size & 0xFF);
        headerSize = 4;
    } else {
        header[1] = char(127);
        for (int i = 0; i < 8; ++i)
            header[2 + i] = char((quint64(size) >> (8 * (7 - i))) & 0xFF);
        headerSize = 10;
    }
    out.reserve(out.size() + headerSize + size);
    out.append(header, headerSize);
    out.append(payload.data(), size);
}

QByteArray closeFrame(quint16 code)
{
    const char payload[2] = { char(code >> 8), char(code & 0xFF) };
    QByteArray out;
    appendFrame(out, Opcode::Close, QByteArrayView(payload, 2));
    return out;
}

bool isValidCloseCode(quint16 code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    switch (code) {
        case 1000:
        case 1001:
        case 1002:
        case 1003:
        case 1007:
        case 1008:
        case 1009:
        case 1010:
        case 1011:
            return true;
        default:
            return false;
    }
}

FrameReader::FrameReader(qint64 maxMessage)
  : m_maxMessage(maxMessage)
{
}

void FrameReader::feed(QByteArrayView bytes)
{
    if (m_failed || bytes.isEmpty())
        return;
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.resize(0);
        m_pos = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
}

std::optional<Message> FrameReader::fail(quint16 code)
{
    m_failed = true;
    m_buffer.clear();
    m_message.clear();
    m_pos = 0;
    return Message{ Message::Kind::Error, {}, code };
}

std::optional<Message> FrameReader::next()
{
    while (!m_failed) {
        const qsizetype available = m_buffer.size() - m_pos;
        if (available < 2)
            break;
        const auto *head = reinterpret_cast<const uchar *>(m_buffer.constData() + m_pos);
        const bool fin = head[0] & finBit;
        const quint8 opcode = head[0] & opcodeBits;
        if (head[0] & rsvBits)
            return fail(ProtocolError); // no extension was negotiated
        if (!isKnown(opcode))
            return fail(ProtocolError);
        if (!(head[1] & maskBit))
            return fail(ProtocolError); // clients must mask (RFC 6455 §5.1)
        quint64 length = head[1] & 0x7F;
        qsizetype headerSize = 2;
        if (length == 126) {
            headerSize = 4;
            if (available < headerSize)
                break;
            length = (quint64(head[2]) << 8) | head[3];
        } else if (length == 127) {
            headerSize = 10;
            if (available < headerSize)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | head[2 + i];
            if (length >> 63)
                return fail(ProtocolError);
        }
        if (isControl(opcode) && (!fin || length > quint64(maxControlPayload)))
            return fail(ProtocolError);
        if (!isControl(opcode)) {
            if ((opcode == 0) != m_inMessage)
                return fail(ProtocolError); // a continuation out of place, or a new message
                                            // inside a fragmented one
            if (length > quint64(m_maxMessage - m_message.size()))
                return fail(TooBig);
        }
        headerSize += 4;
        if (available < headerSize)
            break;
        if (quint64(available - headerSize) < length)
            break;
        uchar key[4];
        std::memcpy(key, head + headerSize - 4, 4);
        const char *payloadStart = m_buffer.constData() + m_pos + headerSize;
        m_pos += headerSize + qsizetype(length);

        if (isControl(opcode)) {
            QByteArray payload(payloadStart, qsizetype(length));
            unmask(payload.data(), payload.size(), key);
            if (opcode == quint8(Opcode::Ping))
                return Message{ Message::Kind::Ping, payload, NoStatus };
            if (opcode == quint8(Opcode::Pong))
                return Message{ Message::Kind::Pong, payload, NoStatus };
            if (payload.size() == 0)
                return Message{ Message::Kind::Close, {}, NoStatus };
            if (payload.size() == 1)
                return fail(ProtocolError);
            const auto *p = reinterpret_cast<const uchar *>(payload.constData());
            const quint16 code = quint16((p[0] << 8) | p[1]);
            if (!isValidCloseCode(code))
                return fail(ProtocolError);
            QByteArray reason = payload.sliced(2);
            if (!isValidUtf8(reason))
                return fail(InvalidPayload);
            return Message{ Message::Kind::Close, reason, code };
        }

        if (opcode != 0) {
            m_inMessage = true;
            m_messageOpcode = Opcode(opcode);
        }
        const qsizetype start = m_message.size();
        m_message.append(payloadStart, qsizetype(length));
        unmask(m_message.data() + start, qsizetype(length), key);
        if (!fin)
            continue;
        m_inMessage = false;
        QByteArray payload = std::exchange(m_message, {});
        if (m_messageOpcode == Opcode::Text) {
            if (!isValidUtf8(payload))
                return fail(InvalidPayload);
            return Message{ Message::Kind::Text, payload, NoStatus };
        }
        return Message{ Message::Kind::Binary, payload, NoStatus };
    }
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        // Nothing half-read: give the memory back, an idle connection should hold none.
        m_buffer.clear();
        m_pos = 0;
    }
    return std::nullopt;
}

QByteArray acceptKey(const QByteArray &key)
{
    const QByteArray input = key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(input, QCryptographicHash::Sha1).toBase64();
}

} // namespace vigil::server::ws
