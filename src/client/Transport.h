// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include "client/ClientOptions.h"

namespace vigil::client {

/// One WebSocket-like connection, used once: the Manager creates a fresh transport for every
/// attempt, so a late signal of an old connection can never reach the new one. Frames map 1:1 to
/// Engine.IO packets (text frames for text packets, binary frames for attachments).
class Transport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~Transport() override;

    /// Starts connecting; `url` is the full Engine.IO URL (`ws[s]://host/socket.io/?EIO=4&...`).
    virtual void open(const QUrl &url, const HeaderList &headers) = 0;
    virtual void sendText(const QByteArray &utf8) = 0;
    virtual void sendBinary(const QByteArray &bytes) = 0;
    /// Closes without emitting closed(): the caller already knows.
    virtual void close() = 0;

Q_SIGNALS:
    void opened();
    void textReceived(const QByteArray &utf8);
    void binaryReceived(const QByteArray &bytes);
    void closed(const QString &reason);
    void errorOccurred(const QString &message);
};

using TransportFactory = std::function<std::unique_ptr<Transport>()>;

} // namespace vigil::client
