// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborArray>
#include <QSet>
#include <QString>
#include <QStringList>

namespace vigil::server {

class Namespace;

/// Who a broadcast goes to: rooms (none = the whole namespace) minus `except` rooms. A small
/// value built fluently, as Node's `io.to("a").except("b").emit(...)`. The packet is encoded once
/// and the same bytes go to every recipient.
class BroadcastOperator
{
public:
    explicit BroadcastOperator(Namespace *nsp)
      : m_nsp(nsp)
    {
    }

    BroadcastOperator to(const QString &room) const;
    BroadcastOperator to(const QStringList &rooms) const;
    BroadcastOperator except(const QString &room) const;
    BroadcastOperator except(const QStringList &rooms) const;
    /// Not kept for connection state recovery and without an offset (Node's `volatile`).
    BroadcastOperator asVolatile() const;

    /// Returns the number of sockets the event was handed to.
    qsizetype emitEvent(const QString &event, const QCborArray &args = {}) const;

    const QSet<QString> &rooms() const { return m_rooms; }
    const QSet<QString> &exceptRooms() const { return m_except; }

private:
    Namespace *m_nsp;
    QSet<QString> m_rooms;
    QSet<QString> m_except;
    bool m_volatile = false;
};

} // namespace vigil::server
