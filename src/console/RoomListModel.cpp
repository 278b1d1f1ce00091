// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/RoomListModel.h"

namespace vigil::console {

using protocol::RoomName;

RoomListModel::RoomListModel(QObject *parent)
  : QAbstractListModel(parent)
{
}

RoomListModel::~RoomListModel() = default;

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
            return displayText(e.room);
        case Qt::ToolTipRole:
        case StatusTextRole:
            return joinStateText(e.state, e.reason);
        case Qt::AccessibleTextRole:
            return tr("%1, %2").arg(displayText(e.room), joinStateText(e.state, e.reason));
        case RoomNameRole:
            return e.room.name();
        case KindRole:
            return QVariant::fromValue(e.room.kind());
        case RoomIdRole:
            return e.room.id();
        case JoinStateRole:
            return QVariant::fromValue(e.state);
        case RefusalReasonRole:
            return e.reason;
    }
    return {};
}

RoomListModel::AddResult RoomListModel::addRoom(const QString &name)
{
    const std::optional<RoomName> room = RoomName::parse(name);
    if (!room)
        return AddResult::InvalidName;
    return addRoom(*room);
}

RoomListModel::AddResult RoomListModel::addRoom(const RoomName &room)
{
    if (room.kind() == RoomName::Kind::Other)
        return AddResult::UnsupportedKind;
    if (contains(room.name()))
        return AddResult::AlreadyFollowed;
    if (m_entries.size() >= maxRooms)
        return AddResult::TooManyRooms;
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(Entry{ room, JoinState::Pending, {} });
    endInsertRows();
    Q_EMIT roomAdded(room.name());
    return AddResult::Added;
}

bool RoomListModel::removeRoom(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return false;
    // Copy first: `name` may refer to the entry that is about to go.
    const QString removed = m_entries.at(row).room.name();
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    Q_EMIT roomRemoved(removed);
    return true;
}

void RoomListModel::clear()
{
    const QStringList names = roomNames();
    beginResetModel();
    m_entries.clear();
    endResetModel();
    for (const QString &name : names)
        Q_EMIT roomRemoved(name);
}

bool RoomListModel::setJoinState(const QString &name, JoinState state, const QString &reason)
{
    const int row = rowOf(name);
    if (row < 0)
        return false;
    Entry &e = m_entries[row];
    const QString newReason = state == JoinState::Refused ? reason : QString();
    if (e.state == state && e.reason == newReason)
        return true;
    e.state = state;
    e.reason = newReason;
    Q_EMIT dataChanged(index(row), index(row));
    return true;
}

void RoomListModel::resetJoinStates()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &e = m_entries[row];
        if (e.state == JoinState::Pending)
            continue;
        e.state = JoinState::Pending;
        e.reason.clear();
        if (first < 0)
            first = row;
        last = row;
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first), index(last));
}

int RoomListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).room.name() == name)
            return row;
    }
    return -1;
}

QList<RoomName> RoomListModel::rooms() const
{
    QList<RoomName> result;
    result.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        result.append(e.room);
    return result;
}

QStringList RoomListModel::roomNames() const
{
    QStringList result;
    result.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        result.append(e.room.name());
    return result;
}

RoomListModel::JoinState RoomListModel::joinState(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? JoinState::Pending : m_entries.at(row).state;
}

QString RoomListModel::refusalReason(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : m_entries.at(row).reason;
}

QString RoomListModel::displayText(const RoomName &room)
{
    switch (room.kind()) {
        case RoomName::Kind::Patient:
            return tr("Patient %1").arg(room.id());
        case RoomName::Kind::Hospital:
            return tr("Hospital %1").arg(room.id());
        case RoomName::Kind::Triage:
            return tr("Triage queue");
        case RoomName::Kind::Other:
            break;
    }
    return room.name();
}

QString RoomListModel::joinStateText(JoinState state, const QString &reason)
{
    switch (state) {
        case JoinState::Pending:
            return tr("Joining…");
        case JoinState::Joined:
            return tr("Joined");
        case JoinState::Refused:
            break;
    }
    // The reason is the server's own text ("Unauthorized"); it is shown as received.
    return reason.isEmpty() ? tr("Refused") : tr("Refused: %1").arg(reason);
}

QString RoomListModel::addResultText(AddResult result)
{
    switch (result) {
        case AddResult::Added:
            return {};
        case AddResult::AlreadyFollowed:
            return tr("This station already follows that room.");
        case AddResult::InvalidName:
            return tr("That is not a room name. Use patient_<id>, hospital_<id> or triage_queue.");
        case AddResult::UnsupportedKind:
            return tr("Only patient_<id>, hospital_<id> and triage_queue rooms can be followed.");
        case AddResult::TooManyRooms:
            break;
    }
    return tr("This station follows %n rooms already, the most it can.", nullptr, maxRooms);
}

} // namespace vigil::console
