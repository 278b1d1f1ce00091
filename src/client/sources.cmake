# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
target_sources(vigil_client PRIVATE
    ClientOptions.h
    Timers.h
    Transport.h Transport.cpp
    WebSocketTransport.h WebSocketTransport.cpp
    Manager.h Manager.cpp
    Socket.h Socket.cpp)
