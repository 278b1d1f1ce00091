// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/WireMessage.h"

#include "protocol/SocketIo.h"
#include "server/WebSocketFrame.h"

namespace vigil::server {

namespace {

const QByteArray &emptyBytes()
{
    static const QByteArray empty;
    return empty;
}

const QList<QByteArray> &emptyList()
{
    static const QList<QByteArray> empty;
    return empty;
}

} // namespace

WireMessage WireMessage::fromEngineIoText(QByteArray packet, QList<QByteArray> attachments)
{
    auto d = std::make_shared<Data>();
    d->text = std::move(packet);
    d->attachments = std::move(attachments);
    WireMessage message;
    message.m_d = std::move(d);
    return message;
}

WireMessage WireMessage::fromSocketIo(const protocol::sio::Encoded &encoded)
{
    QByteArray text;
    text.reserve(encoded.text.size() + 1);
    text.append('4');
    text.append(encoded.text);
    return fromEngineIoText(std::move(text), encoded.attachments);
}

const QByteArray &WireMessage::text() const
{
    return m_d ? m_d->text : emptyBytes();
}

const QString &WireMessage::textString() const
{
    static const QString empty;
    if (!m_d)
        return empty;
    if (!m_d->hasTextString) {
        m_d->textString = QString::fromUtf8(m_d->text);
        m_d->hasTextString = true;
    }
    return m_d->textString;
}

const QByteArray &WireMessage::webSocketFrame() const
{
    if (!m_d)
        return emptyBytes();
    if (m_d->frame.isEmpty())
        ws::appendFrame(m_d->frame, ws::Opcode::Text, m_d->text);
    return m_d->frame;
}

const QList<QByteArray> &WireMessage::attachments() const
{
    return m_d ? m_d->attachments : emptyList();
}

const QList<QByteArray> &WireMessage::base64Attachments() const
{
    if (!m_d)
        return emptyList();
    if (!m_d->hasBase64) {
        m_d->base64.reserve(m_d->attachments.size());
        for (const QByteArray &bytes : m_d->attachments)
            m_d->base64.append('b' + bytes.toBase64());
        m_d->hasBase64 = true;
    }
    return m_d->base64;
}

} // namespace vigil::server
