# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# console UI tests: settings, connection status and banner logic, dialogs, main window,
# translations. Widgets render on the offscreen platform (vigil_add_test sets it).
foreach(name settings connectionstatus alertdetailwidget serverstatuswidget logindialog
        settingsdialog mainwindow)
    vigil_add_test(NAME tst_${name} SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${name}.cpp
        LIBS vigil_console_core LABELS console)
endforeach()

# The translations test loads the .qm files vigil-console embeds, from the build tree.
get_property(vigil_console_qm_dir GLOBAL PROPERTY VIGIL_CONSOLE_QM_DIR)
vigil_add_test(NAME tst_translations SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_translations.cpp
    LIBS vigil_console_core LABELS console)
target_compile_definitions(tst_translations PRIVATE VIGIL_CONSOLE_QM_DIR="${vigil_console_qm_dir}")
add_dependencies(tst_translations vigil-console_lrelease)

# End to end against tests/interop/contract-peer.mjs in a child process (skips without node).
vigil_add_test(NAME tst_consolecontroller SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_consolecontroller.cpp
    LIBS vigil_console_core vigil_testsupport LABELS console TIMEOUT 300)
target_compile_definitions(tst_consolecontroller PRIVATE
    VIGIL_INTEROP_DIR="${PROJECT_SOURCE_DIR}/tests/interop")

# Not a test: scripts/take-screenshots runs it under Xvfb to refresh docs/screenshots/.
add_executable(console_screenshots ${CMAKE_CURRENT_LIST_DIR}/console_screenshots.cpp)
target_link_libraries(console_screenshots PRIVATE vigil_console_core vigil_common_cfg)
target_compile_definitions(console_screenshots PRIVATE
    VIGIL_CONSOLE_QM_DIR="${vigil_console_qm_dir}")
add_dependencies(console_screenshots vigil-console_lrelease)
if(TARGET vigil-server)
    add_dependencies(tst_consolecontroller vigil-server) # its --demo scenario
endif()
