# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Engine.IO / Socket.IO server and HTTP front end.
target_sources(vigil_server_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/DisconnectReason.h
    ${CMAKE_CURRENT_LIST_DIR}/HandshakeInfo.h
    ${CMAKE_CURRENT_LIST_DIR}/WireMessage.h ${CMAKE_CURRENT_LIST_DIR}/WireMessage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/HttpReply.h ${CMAKE_CURRENT_LIST_DIR}/HttpReply.cpp
    ${CMAKE_CURRENT_LIST_DIR}/WebSocketChannel.h
    ${CMAKE_CURRENT_LIST_DIR}/WebSocketFrame.h ${CMAKE_CURRENT_LIST_DIR}/WebSocketFrame.cpp
    ${CMAKE_CURRENT_LIST_DIR}/QtWebSocketChannel.h ${CMAKE_CURRENT_LIST_DIR}/QtWebSocketChannel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/HttpFrontend.h ${CMAKE_CURRENT_LIST_DIR}/HttpFrontend.cpp
    ${CMAKE_CURRENT_LIST_DIR}/EngineIoServer.h ${CMAKE_CURRENT_LIST_DIR}/EngineIoServer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/EngineIoSession.h ${CMAKE_CURRENT_LIST_DIR}/EngineIoSession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/SocketIoServer.h ${CMAKE_CURRENT_LIST_DIR}/SocketIoServer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/SocketIoConnection.h ${CMAKE_CURRENT_LIST_DIR}/SocketIoConnection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/Namespace.h ${CMAKE_CURRENT_LIST_DIR}/Namespace.cpp
    ${CMAKE_CURRENT_LIST_DIR}/Prefetch.h
    ${CMAKE_CURRENT_LIST_DIR}/ServerSocket.h ${CMAKE_CURRENT_LIST_DIR}/ServerSocket.cpp
    ${CMAKE_CURRENT_LIST_DIR}/BroadcastOperator.h ${CMAKE_CURRENT_LIST_DIR}/BroadcastOperator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RoomAdapter.h ${CMAKE_CURRENT_LIST_DIR}/RoomAdapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ConformanceService.h ${CMAKE_CURRENT_LIST_DIR}/ConformanceService.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ShutdownSignals.h ${CMAKE_CURRENT_LIST_DIR}/ShutdownSignals.cpp)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_sources(vigil_server_core PRIVATE
        ${CMAKE_CURRENT_LIST_DIR}/RawWebSocket.h ${CMAKE_CURRENT_LIST_DIR}/RawWebSocket.cpp)
endif()
