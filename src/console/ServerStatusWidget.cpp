// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ServerStatusWidget.h"

#include <algorithm>
#include <utility>

#include <QCborMap>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vigil::console {

namespace {

std::optional<qint64> count(const QCborValue &value)
{
    if (value.isInteger() && value.toInteger() >= 0)
        return value.toInteger();
    // JSON peers may send integral doubles.
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= 0 && d <= 9e15 && d == static_cast<double>(static_cast<qint64>(d)))
            return static_cast<qint64>(d);
    }
    return std::nullopt;
}

} // namespace

ServerStatusWidget::ServerStatusWidget(QWidget *parent)
  : QWidget(parent)
  , m_connections(new QLabel(this))
  , m_uptime(new QLabel(this))
  , m_updated(new QLabel(this))
  , m_rooms(new QTableWidget(0, 2, this))
{
    auto *form = new QFormLayout;
    form->addRow(tr("Connections:"), m_connections);
    form->addRow(tr("Uptime:"), m_uptime);
    form->addRow(tr("Updated:"), m_updated);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_rooms, 1);

    m_connections->setObjectName(QStringLiteral("serverConnections"));
    m_rooms->setObjectName(QStringLiteral("serverRooms"));
    m_rooms->setHorizontalHeaderLabels({ tr("Room"), tr("Members") });
    m_rooms->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_rooms->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_rooms->verticalHeader()->hide();
    m_rooms->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rooms->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rooms->setAccessibleName(tr("Rooms on the server"));
    setUnavailable(tr("waiting for the server"));
}

ServerStatusWidget::~ServerStatusWidget() = default;

std::optional<client::SocketStatus> ServerStatusWidget::parse(const QCborValue &payload)
{
    if (!payload.isMap())
        return std::nullopt;
    const QCborMap map = payload.toMap();
    const auto connections = count(map.value(QStringLiteral("active_connections")));
    if (!connections)
        return std::nullopt;
    client::SocketStatus status;
    status.activeConnections = *connections;
    const QCborValue rooms = map.value(QStringLiteral("rooms"));
    if (rooms.isMap()) {
        const QCborMap roomMap = rooms.toMap();
        for (auto it = roomMap.constBegin(); it != roomMap.constEnd(); ++it) {
            const auto members = count(it.value());
            if (!it.key().isString() || !members)
                return std::nullopt;
            status.rooms.insert(it.key().toString(), *members);
        }
    } else if (!rooms.isUndefined() && !rooms.isNull()) {
        return std::nullopt;
    }
    status.uptimeSeconds = count(map.value(QStringLiteral("uptime_s")));
    return status;
}

void ServerStatusWidget::setStatus(const client::SocketStatus &status, const QDateTime &receivedAt)
{
    m_connections->setText(QString::number(status.activeConnections));
    m_uptime->setText(status.uptimeSeconds ? uptimeText(*status.uptimeSeconds) : tr("unknown"));
    m_updated->setText(receivedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));

    QList<std::pair<QString, qint64>> rooms;
    for (auto it = status.rooms.constBegin(); it != status.rooms.constEnd(); ++it)
        rooms.append({ it.key(), it.value() });
    std::stable_sort(
      rooms.begin(), rooms.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    if (rooms.size() > maxRoomsShown)
        rooms.resize(maxRoomsShown);

    m_rooms->setRowCount(static_cast<int>(rooms.size()));
    for (int row = 0; row < rooms.size(); ++row) {
        m_rooms->setItem(row, 0, new QTableWidgetItem(rooms.at(row).first));
        auto *members = new QTableWidgetItem(QString::number(rooms.at(row).second));
        members->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_rooms->setItem(row, 1, members);
    }
}

void ServerStatusWidget::setUnavailable(const QString &reason)
{
    m_connections->setText(tr("unavailable (%1)").arg(reason));
    m_uptime->setText(QStringLiteral("–"));
    m_updated->setText(QStringLiteral("–"));
    m_rooms->setRowCount(0);
}

QString ServerStatusWidget::connectionsText() const
{
    return m_connections->text();
}

int ServerStatusWidget::roomRowCount() const
{
    return m_rooms->rowCount();
}

QString ServerStatusWidget::uptimeText(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    const qint64 days = seconds / 86'400;
    const qint64 hours = (seconds % 86'400) / 3'600;
    const qint64 minutes = (seconds % 3'600) / 60;
    if (days > 0)
        return tr("%1 d %2 h").arg(days).arg(hours, 2, 10, QLatin1Char('0'));
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return tr("%1 min %2 s").arg(minutes).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(seconds);
}

} // namespace vigil::console
