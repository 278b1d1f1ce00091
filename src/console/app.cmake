# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# vigil-console: a thin main() over vigil_console_core, with the German and French translations
# built in under :/i18n.
qt_add_executable(vigil-console WIN32 MACOSX_BUNDLE ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(vigil-console PRIVATE vigil_console_core vigil_common_cfg)

# lupdate reads the whole console (models, widgets, forms), not only main.cpp. Locations are left
# out of the .ts files so they change only when texts change (scripts/check-translations).
get_target_property(vigil_console_tr_sources vigil_console_core SOURCES)
list(FILTER vigil_console_tr_sources INCLUDE REGEX "\\.(cpp|h|ui)$")
list(APPEND vigil_console_tr_sources ${CMAKE_CURRENT_LIST_DIR}/main.cpp
    ${PROJECT_SOURCE_DIR}/ui/mainwindow.ui
    ${PROJECT_SOURCE_DIR}/ui/logindialog.ui
    ${PROJECT_SOURCE_DIR}/ui/settingsdialog.ui)
set(VIGIL_CONSOLE_TS_FILES
    ${PROJECT_SOURCE_DIR}/translations/vigil_de.ts
    ${PROJECT_SOURCE_DIR}/translations/vigil_fr.ts)
qt_add_translations(vigil-console
    TS_FILES ${VIGIL_CONSOLE_TS_FILES}
    SOURCES ${vigil_console_tr_sources}
    LUPDATE_OPTIONS -no-obsolete -locations none)
# Tests load the same .qm files from the build tree (they do not link the executable).
set_property(GLOBAL PROPERTY VIGIL_CONSOLE_QM_DIR ${CMAKE_CURRENT_BINARY_DIR})

# English is the source language; vigil_en.ts holds only the plural forms ("1 alert", "2 alerts"),
# so it is updated with -pluralonly and built next to the others under :/i18n.
set(VIGIL_CONSOLE_EN_TS ${PROJECT_SOURCE_DIR}/translations/vigil_en.ts)
qt_add_lupdate(vigil_console_core
    TS_FILES ${VIGIL_CONSOLE_EN_TS}
    SOURCES ${vigil_console_tr_sources}
    OPTIONS -pluralonly -no-obsolete -locations none)
qt_add_lrelease(vigil_console_core
    TS_FILES ${VIGIL_CONSOLE_EN_TS}
    QM_FILES_OUTPUT_VARIABLE vigil_console_en_qm)
qt_add_resources(vigil-console vigil_console_en_translation
    PREFIX /i18n
    BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${vigil_console_en_qm})

install(TARGETS vigil-console
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT console
    BUNDLE DESTINATION . COMPONENT console)
