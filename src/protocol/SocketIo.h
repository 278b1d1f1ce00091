// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QCborArray>
#include <QCborValue>
#include <QList>
#include <QString>

#include "protocol/Result.h"

/// Socket.IO v5 packets on top of Engine.IO messages, with binary attachments. Pure values: no I/O.
namespace vigil::protocol::sio {

enum class PacketType : quint8
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
};

/// socket.io-parser's default `maxAttachments` (4.2.6+).
inline constexpr int defaultMaxAttachments = 10;

/// Event names a peer must never emit (Node closes the connection on them).
bool isReservedEventName(QStringView name);

struct Packet
{
    PacketType type = PacketType::Event;
    QString nsp = QStringLiteral("/");
    /// Ack id: present on EVENTs that want an ack and on every ACK.
    std::optional<qint64> id;
    /// Payload. Undefined when absent. Binary leaves are QCborValue byte arrays.
    QCborValue data;

    bool isEvent() const { return type == PacketType::Event || type == PacketType::BinaryEvent; }
    bool isAck() const { return type == PacketType::Ack || type == PacketType::BinaryAck; }

    /// First element of an event's array (a string, or a number turned into text).
    QString eventName() const;
    /// An event's arguments (the array without its name) or an ack's whole array.
    QCborArray args() const;

    static Packet connect(QString nsp, QCborValue auth = {});
    static Packet disconnect(QString nsp);
    static Packet event(QString nsp,
                        const QString &name,
                        const QCborArray &args,
                        std::optional<qint64> id = std::nullopt);
    static Packet ack(QString nsp, qint64 id, QCborArray args);
    /// `{"message": message}` plus `"data"` when given.
    static Packet connectError(QString nsp, const QString &message, QCborValue data = {});

    friend bool operator==(const Packet &, const Packet &) = default;
};

/// What goes on the wire: one Engine.IO text message, then each attachment as its own binary
/// message, in order, nothing interleaved.
struct Encoded
{
    QByteArray text;
    QList<QByteArray> attachments;
};

/// Encodes as socket.io-parser does. An EVENT or ACK whose data holds byte arrays becomes a
/// BINARY_EVENT / BINARY_ACK with `{"_placeholder":true,"num":N}` in their place (depth-first,
/// arrays in index order, maps in insertion order).
Encoded encode(const Packet &packet);

/// Per-connection decoder: a BINARY_* header makes it collect that many binary messages before the
/// packet is complete. Validates exactly as socket.io-parser's `isPayloadValid`: payload type per
/// packet type, reserved event names, attachment count (0..maxAttachments), ack id digits,
/// namespace up to the first `,` or the end. After an error, call reset() (the connection should be
/// closed anyway; an error already drops any half-received packet).
class Decoder
{
public:
    explicit Decoder(int maxAttachments = defaultMaxAttachments);

    /// A complete packet, std::nullopt while attachments are still expected, or an error.
    Result<std::optional<Packet>> feedText(QByteArrayView text);
    Result<std::optional<Packet>> feedBinary(const QByteArray &bytes);

    bool awaitingAttachments() const { return m_pending.has_value(); }
    void reset();

private:
    int m_maxAttachments;
    std::optional<Packet> m_pending;
    int m_expected = 0;
    QList<QByteArray> m_buffers;
};

/// Decodes a Socket.IO packet with no attachments in one go (convenience for tests and tools).
Result<Packet> decodeText(QByteArrayView text, int maxAttachments = defaultMaxAttachments);

} // namespace vigil::protocol::sio
