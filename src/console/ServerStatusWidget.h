// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QCborValue>
#include <QDateTime>
#include <QWidget>

#include "client/ApiClient.h"

class QLabel;
class QTableWidget;

namespace vigil::console {

/// The admin's live view of the server: connections, rooms and uptime from the `/monitor`
/// namespace's `socket_status` events (CONTRACT §6).
class ServerStatusWidget final : public QWidget
{
    Q_OBJECT

public:
    /// A status naming more rooms shows only the busiest ones.
    static constexpr int maxRoomsShown = 200;

    explicit ServerStatusWidget(QWidget *parent = nullptr);
    ~ServerStatusWidget() override;

    /// `{"active_connections": n, "rooms": {...}, "uptime_s": n}`; std::nullopt when the payload
    /// does not have that shape (counts must be non-negative integers).
    static std::optional<client::SocketStatus> parse(const QCborValue &payload);

    void setStatus(const client::SocketStatus &status, const QDateTime &receivedAt);
    /// The monitor namespace is not connected (or refused): say so instead of showing old numbers
    /// as if they were current.
    void setUnavailable(const QString &reason);

    QString connectionsText() const;
    int roomRowCount() const;

    /// "2 d 03 h", "1 h 05 min", "42 s".
    static QString uptimeText(qint64 seconds);

private:
    QLabel *m_connections = nullptr;
    QLabel *m_uptime = nullptr;
    QLabel *m_updated = nullptr;
    QTableWidget *m_rooms = nullptr;
};

} // namespace vigil::console
