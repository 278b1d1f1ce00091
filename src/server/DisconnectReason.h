// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>

namespace vigil::server {

/// Why an Engine.IO session or a Socket.IO socket ended. The texts are the reference server's, so
/// logs and application code read the same as with Node socket.io.
enum class DisconnectReason
{
    TransportClose,            ///< the peer closed the transport (WebSocket close, polling `1`)
    TransportError,            ///< duplicate or aborted poll, write failure, oversized frame
    PingTimeout,               ///< no pong within pingTimeout
    ParseError,                ///< an undecodable Engine.IO or Socket.IO packet
    ForcedClose,               ///< the server closed the session
    ServerShuttingDown,        ///< the server is stopping
    ClientNamespaceDisconnect, ///< the client sent a Socket.IO DISCONNECT
    ServerNamespaceDisconnect, ///< the server disconnected one namespace socket
    ForcedServerClose,         ///< the server disconnected a socket and closed its connection
};

constexpr QLatin1StringView reasonName(DisconnectReason reason)
{
    switch (reason) {
        case DisconnectReason::TransportClose:
            return QLatin1StringView("transport close");
        case DisconnectReason::TransportError:
            return QLatin1StringView("transport error");
        case DisconnectReason::PingTimeout:
            return QLatin1StringView("ping timeout");
        case DisconnectReason::ParseError:
            return QLatin1StringView("parse error");
        case DisconnectReason::ForcedClose:
            return QLatin1StringView("forced close");
        case DisconnectReason::ServerShuttingDown:
            return QLatin1StringView("server shutting down");
        case DisconnectReason::ClientNamespaceDisconnect:
            return QLatin1StringView("client namespace disconnect");
        case DisconnectReason::ServerNamespaceDisconnect:
            return QLatin1StringView("server namespace disconnect");
        case DisconnectReason::ForcedServerClose:
            return QLatin1StringView("forced server close");
    }
    return QLatin1StringView("unknown");
}

/// Connection state recovery keeps a session only when the client did not leave on purpose and the
/// stream was not corrupt (the reference server's list).
constexpr bool isRecoverable(DisconnectReason reason)
{
    switch (reason) {
        case DisconnectReason::TransportClose:
        case DisconnectReason::TransportError:
        case DisconnectReason::PingTimeout:
        case DisconnectReason::ForcedClose:
        case DisconnectReason::ServerShuttingDown:
        case DisconnectReason::ForcedServerClose:
            return true;
        case DisconnectReason::ParseError:
        case DisconnectReason::ClientNamespaceDisconnect:
        case DisconnectReason::ServerNamespaceDisconnect:
            return false;
    }
    return false;
}

} // namespace vigil::server
