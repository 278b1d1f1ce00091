# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the Engine.IO / Socket.IO server. RawClients speaks raw Engine.IO frames, as the
# official protocol suites do.
foreach(name engineioserver socketioserver httpfrontend roomadapter wiremessage conformanceservice)
    vigil_add_test(NAME tst_${name}
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${name}.cpp
                ${CMAKE_CURRENT_LIST_DIR}/RawClients.h ${CMAKE_CURRENT_LIST_DIR}/RawClients.cpp
        LIBS vigil_server_core
        LABELS server)
endforeach()
# Also starts the executable (exit codes, SIGTERM).
add_dependencies(tst_conformanceservice vigil-server)
# WebSocket framing on raw descriptors (Unix).
vigil_add_test(NAME tst_websocketframe
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_websocketframe.cpp ${CMAKE_CURRENT_LIST_DIR}/WsTestFrames.h
    LIBS vigil_server_core
    LABELS server)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    vigil_add_test(NAME tst_rawwebsocket
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_rawwebsocket.cpp ${CMAKE_CURRENT_LIST_DIR}/WsTestFrames.h
        LIBS vigil_server_core
        LABELS server)
endif()
