// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ClientAddress.h"

#include <QByteArrayList>

namespace vigil::server {

namespace {

bool isTrusted(const QHostAddress &address, const QList<Subnet> &trusted)
{
    for (const Subnet &subnet : trusted) {
        if (address.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress normalized(const QHostAddress &address)
{
    // An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

std::optional<Subnet> parseSubnet(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (!trimmed.contains(u'/')) {
        const QHostAddress address(trimmed);
        if (address.isNull())
            return std::nullopt;
        return Subnet{ address, address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128 };
    }
    const Subnet subnet = QHostAddress::parseSubnet(trimmed);
    if (subnet.first.isNull() || subnet.second < 0)
        return std::nullopt;
    return subnet;
}

QHostAddress clientAddress(const QHostAddress &peer,
                           QByteArrayView forwardedFor,
                           const QList<Subnet> &trustedProxies)
{
    const QHostAddress direct = normalized(peer);
    if (trustedProxies.isEmpty() || forwardedFor.isEmpty() || !isTrusted(direct, trustedProxies))
        return direct;
    const QByteArrayList hops = forwardedFor.toByteArray().split(',');
    QHostAddress client = direct;
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        const QHostAddress hop(QString::fromLatin1(hops.at(i).trimmed()));
        if (hop.isNull())
            return client; // garbage (or a port, or a name): stop at the last good hop
        client = normalized(hop);
        if (!isTrusted(client, trustedProxies))
            return client;
    }
    return client;
}

} // namespace vigil::server
