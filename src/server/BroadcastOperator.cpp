// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/BroadcastOperator.h"

#include "protocol/SocketIo.h"
#include "server/Namespace.h"

namespace vigil::server {

BroadcastOperator BroadcastOperator::to(const QString &room) const
{
    BroadcastOperator copy(*this);
    copy.m_rooms.insert(room);
    return copy;
}

BroadcastOperator BroadcastOperator::to(const QStringList &rooms) const
{
    BroadcastOperator copy(*this);
    for (const QString &room : rooms)
        copy.m_rooms.insert(room);
    return copy;
}

BroadcastOperator BroadcastOperator::except(const QString &room) const
{
    BroadcastOperator copy(*this);
    copy.m_except.insert(room);
    return copy;
}

BroadcastOperator BroadcastOperator::except(const QStringList &rooms) const
{
    BroadcastOperator copy(*this);
    for (const QString &room : rooms)
        copy.m_except.insert(room);
    return copy;
}

BroadcastOperator BroadcastOperator::asVolatile() const
{
    BroadcastOperator copy(*this);
    copy.m_volatile = true;
    return copy;
}

qsizetype BroadcastOperator::emitEvent(const QString &event, const QCborArray &args) const
{
    if (!m_nsp)
        return 0;
    return m_nsp->broadcastPacket(
      protocol::sio::Packet::event(m_nsp->name(), event, args), m_rooms, m_except, m_volatile);
}

} // namespace vigil::server
