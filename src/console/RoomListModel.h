// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QStringList>

#include "protocol/Contract.h"

namespace vigil::console {

/// The rooms this station follows, in the order they were added, with the server's answer to each
/// join. The model only records the wish; the controller joins and leaves (roomAdded/roomRemoved)
/// and reports back through setJoinState().
class RoomListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class JoinState
    {
        Pending, ///< asked for (or to be asked again after a reconnect), no answer yet
        Joined,
        Refused, ///< the server said no; refusalReason() says why
    };
    Q_ENUM(JoinState)

    enum class AddResult
    {
        Added,
        AlreadyFollowed,
        InvalidName,     ///< not `^[a-z_]+_[a-zA-Z0-9]+$`
        UnsupportedKind, ///< valid syntax but not patient_, hospital_ or triage_queue
        TooManyRooms,
    };
    Q_ENUM(AddResult)

    enum Role
    {
        RoomNameRole = Qt::UserRole, ///< `patient_42`
        KindRole,                    ///< protocol::RoomName::Kind
        RoomIdRole,                  ///< `42`; empty for the triage queue
        JoinStateRole,               ///< JoinState
        RefusalReasonRole,
        StatusTextRole, ///< "Joined", "Joining…", "Refused: Unauthorized"
    };
    Q_ENUM(Role)

    /// A station follows a ward, not a hospital's every bed; the bound keeps a runaway settings
    /// file from making the client join thousands of rooms.
    static constexpr int maxRooms = 500;

    explicit RoomListModel(QObject *parent = nullptr);
    ~RoomListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// Validates with RoomName::parse; on success appends the room as Pending and emits roomAdded.
    AddResult addRoom(const QString &name);
    AddResult addRoom(const protocol::RoomName &room);
    /// False when the room was not followed. Emits roomRemoved.
    bool removeRoom(const QString &name);
    void clear();

    /// False when the room is not followed. `reason` is kept only for Refused.
    bool setJoinState(const QString &name, JoinState state, const QString &reason = {});
    /// Every room back to Pending, e.g. when the connection drops and the rooms must be joined
    /// again.
    void resetJoinStates();

    bool contains(const QString &name) const { return rowOf(name) >= 0; }
    int rowOf(const QString &name) const;
    QList<protocol::RoomName> rooms() const;
    QStringList roomNames() const;
    JoinState joinState(const QString &name) const;
    QString refusalReason(const QString &name) const;

    /// "Patient 42", "Hospital 123", "Triage queue".
    static QString displayText(const protocol::RoomName &room);
    static QString joinStateText(JoinState state, const QString &reason = {});
    /// What to tell the user when addRoom() did not add.
    static QString addResultText(AddResult result);

Q_SIGNALS:
    void roomAdded(const QString &name);
    void roomRemoved(const QString &name);

private:
    struct Entry
    {
        protocol::RoomName room;
        JoinState state = JoinState::Pending;
        QString reason;
    };

    QList<Entry> m_entries;
};

} // namespace vigil::console
