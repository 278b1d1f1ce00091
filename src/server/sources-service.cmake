# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Alert service, REST API, demo, admin commands.
target_sources(vigil_server_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AccessRules.h ${CMAKE_CURRENT_LIST_DIR}/AccessRules.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AuthMiddleware.h ${CMAKE_CURRENT_LIST_DIR}/AuthMiddleware.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AlertService.h ${CMAKE_CURRENT_LIST_DIR}/AlertService.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AlertWriter.h ${CMAKE_CURRENT_LIST_DIR}/AlertWriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/LoginService.h ${CMAKE_CURRENT_LIST_DIR}/LoginService.cpp
    ${CMAKE_CURRENT_LIST_DIR}/WorkerThread.h
    ${CMAKE_CURRENT_LIST_DIR}/RestApi.h ${CMAKE_CURRENT_LIST_DIR}/RestApi.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ClientAddress.h ${CMAKE_CURRENT_LIST_DIR}/ClientAddress.cpp
    ${CMAKE_CURRENT_LIST_DIR}/DemoSimulator.h ${CMAKE_CURRENT_LIST_DIR}/DemoSimulator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ServerApp.h ${CMAKE_CURRENT_LIST_DIR}/ServerApp.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AdminCommands.h ${CMAKE_CURRENT_LIST_DIR}/AdminCommands.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ServerMain.h ${CMAKE_CURRENT_LIST_DIR}/ServerMain.cpp)
