# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of the alert service, REST API, demo mode and admin commands. The in-process ones run a
# real ServerApp on SQLite in a temporary directory (ServiceTestKit); tst_servermain and
# tst_serverinterop start the built vigil-server.
foreach(name alertservice authmiddleware restapi)
    vigil_add_test(NAME tst_${name}
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${name}.cpp
                ${CMAKE_CURRENT_LIST_DIR}/ServiceTestKit.h ${CMAKE_CURRENT_LIST_DIR}/ServiceTestKit.cpp
                ${CMAKE_CURRENT_LIST_DIR}/RawClients.h ${CMAKE_CURRENT_LIST_DIR}/RawClients.cpp
        LIBS vigil_server_core
        LABELS server)
endforeach()

vigil_add_test(NAME tst_demosimulator
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_demosimulator.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ServiceTestKit.h ${CMAKE_CURRENT_LIST_DIR}/ServiceTestKit.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RawClients.h ${CMAKE_CURRENT_LIST_DIR}/RawClients.cpp
    LIBS vigil_server_core
    LABELS server)
vigil_add_test(NAME tst_clientaddress SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clientaddress.cpp
    LIBS vigil_server_core LABELS server)
vigil_add_test(NAME tst_admincommands SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_admincommands.cpp
    LIBS vigil_server_core LABELS server)

# Process level: the executable with a data directory, kill -9 and restart, admin commands, demo.
vigil_add_test(NAME tst_servermain
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_servermain.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ServerProcess.h ${CMAKE_CURRENT_LIST_DIR}/ServerProcess.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RawClients.h ${CMAKE_CURRENT_LIST_DIR}/RawClients.cpp
    LIBS vigil_server_core
    LABELS server
    TIMEOUT 400)
add_dependencies(tst_servermain vigil-server)

# The official Node socket.io-client 4.8.4 (tests/interop) against vigil-server.
vigil_add_test(NAME tst_serverinterop
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_serverinterop.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ServerProcess.h ${CMAKE_CURRENT_LIST_DIR}/ServerProcess.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RawClients.h ${CMAKE_CURRENT_LIST_DIR}/RawClients.cpp
    LIBS vigil_server_core
    LABELS interop
    TIMEOUT 600)
add_dependencies(tst_serverinterop vigil-server)
target_compile_definitions(tst_serverinterop PRIVATE
    VIGIL_INTEROP_DIR="${PROJECT_SOURCE_DIR}/tests/interop")
