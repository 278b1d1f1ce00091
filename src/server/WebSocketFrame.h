// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

/// RFC 6455 framing for the server side: frames written are unmasked and unfragmented; frames read
/// must be masked, and every rule of the RFC that a server checks is checked (RSV bits, opcodes,
/// control frame size and fragmentation, continuation order, close codes, UTF-8 in text).
namespace vigil::server::ws {

enum class Opcode : quint8
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// Close codes used here (RFC 6455 §7.4.1).
enum CloseCode : quint16
{
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    NoStatus = 1005,
    InvalidPayload = 1007,
    PolicyViolation = 1008,
    TooBig = 1009,
    InternalError = 1011,
};

/// Appends a complete server frame (FIN set, unmasked) to `out`.
void appendFrame(QByteArray &out, Opcode opcode, QByteArrayView payload);
/// A close frame with `code` (and no reason).
QByteArray closeFrame(quint16 code);
/// Whether a close frame may carry `code` (RFC 6455 §7.4).
bool isValidCloseCode(quint16 code);

/// One complete message or control frame read from a client, or the error that ends the
/// connection (`closeCode` says which close code to answer with).
struct Message
{
    enum class Kind
    {
        Text,
        Binary,
        Ping,
        Pong,
        Close,
        Error,
    };
    Kind kind = Kind::Error;
    QByteArray payload; ///< unmasked; for Close, the reason text
    quint16 closeCode =
      NoStatus; ///< Close: the code received (NoStatus if none); Error: the answer
};

/// Incremental reader of client frames. Feed bytes as they arrive and take messages until next()
/// returns std::nullopt. After an Error nothing more is read. A frame that would make its message
/// longer than `maxMessage` is refused (TooBig) as soon as its header is read, before its payload
/// is buffered.
class FrameReader
{
public:
    explicit FrameReader(qint64 maxMessage);

    void feed(QByteArrayView bytes);
    std::optional<Message> next();
    /// Bytes held: a partial frame and a partial fragmented message.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos + m_message.size(); }

private:
    std::optional<Message> fail(quint16 code);

    qint64 m_maxMessage;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    QByteArray m_message;
    bool m_inMessage = false;
    Opcode m_messageOpcode = Opcode::Text;
    bool m_failed = false;
};

/// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`.
QByteArray acceptKey(const QByteArray &key);

} // namespace vigil::server::ws
