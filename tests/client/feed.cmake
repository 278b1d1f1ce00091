# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of AlertFeed and vigil-cli, and the delivery test (paths relative to tests/). They start
# the peers in tests/interop themselves and skip, saying why, when node or python is missing.
vigil_add_test(NAME tst_alertfeed SOURCES client/tst_alertfeed.cpp LIBS vigil_client vigil_testsupport
    LABELS client TIMEOUT 300)
target_compile_definitions(tst_alertfeed PRIVATE
    VIGIL_INTEROP_DIR="${PROJECT_SOURCE_DIR}/tests/interop")

# The delivery guarantee end to end: vigil-cli watch through SIGKILLed and restarted servers.
vigil_add_test(NAME tst_delivery SOURCES integration/tst_delivery.cpp LIBS vigil_client
    LABELS integration TIMEOUT 900)
target_compile_definitions(tst_delivery PRIVATE
    VIGIL_INTEROP_DIR="${PROJECT_SOURCE_DIR}/tests/interop")
if(TARGET vigil-cli)
    add_dependencies(tst_delivery vigil-cli)
endif()
if(TARGET vigil-server)
    add_dependencies(tst_delivery vigil-server)
endif()

# vigil-cli's commands, output and exit codes against both contract peers.
vigil_add_test(NAME tst_vigilcli SOURCES integration/tst_vigilcli.cpp LIBS vigil_protocol
    LABELS integration TIMEOUT 600)
target_compile_definitions(tst_vigilcli PRIVATE
    VIGIL_INTEROP_DIR="${PROJECT_SOURCE_DIR}/tests/interop")
if(TARGET vigil-cli)
    add_dependencies(tst_vigilcli vigil-cli)
endif()
