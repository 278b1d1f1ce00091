// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/FakeTransport.h"

namespace vigil::testsupport {

void FakeTransport::open(const QUrl &url, const client::HeaderList &headers)
{
    m_url = url;
    m_headers = headers;
}

void FakeTransport::sendText(const QByteArray &utf8)
{
    m_sent.append(Frame{ false, utf8 });
}

void FakeTransport::sendBinary(const QByteArray &bytes)
{
    m_sent.append(Frame{ true, bytes });
}

void FakeTransport::close()
{
    m_closed = true;
}

QList<QByteArray> FakeTransport::sentText() const
{
    QList<QByteArray> texts;
    for (const Frame &frame : m_sent) {
        if (!frame.binary)
            texts.append(frame.data);
    }
    return texts;
}

void FakeTransport::serverHandshake(qint64 pingIntervalMs,
                                    qint64 pingTimeoutMs,
                                    const QByteArray &sid)
{
    Q_EMIT opened();
    Q_EMIT textReceived(QByteArrayLiteral("0{\"sid\":\"") + sid +
                        QByteArrayLiteral("\",\"upgrades\":[],\"pingInterval\":") +
                        QByteArray::number(pingIntervalMs) +
                        QByteArrayLiteral(",\"pingTimeout\":") + QByteArray::number(pingTimeoutMs) +
                        QByteArrayLiteral(",\"maxPayload\":1000000}"));
}

client::TransportFactory FakeTransportFactory::factory()
{
    return [this] {
        auto transport = std::make_unique<FakeTransport>();
        m_created.append(transport.get());
        return std::unique_ptr<client::Transport>(std::move(transport));
    };
}

} // namespace vigil::testsupport
