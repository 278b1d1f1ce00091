// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <utility>

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace vigil::server {

/// A network (address and prefix length), as QHostAddress::parseSubnet gives it.
using Subnet = std::pair<QHostAddress, int>;

/// Parses `a.b.c.d`, `a.b.c.d/n`, `v6`, `v6/n` (a bare address is a single host); std::nullopt
/// when malformed.
std::optional<Subnet> parseSubnet(const QString &text);

/// The address a request really came from. Behind a reverse proxy every request arrives from the
/// proxy, which names the client in `X-Forwarded-For` (`client, proxy1, proxy2`). That header is
/// only believed when `peer` is a trusted proxy; then the hops are read from the right and the
/// first one that is not itself a trusted proxy is the client (a client can prepend whatever it
/// likes, but cannot forge what the trusted proxies appended). Without trusted proxies, or with a
/// missing or malformed header, the answer is `peer`.
QHostAddress clientAddress(const QHostAddress &peer,
                           QByteArrayView forwardedFor,
                           const QList<Subnet> &trustedProxies);

} // namespace vigil::server
