# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Windows, dialogs, settings, translations helper, controller; forms in ui/, icons in resources/.
target_sources(vigil_console_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Settings.h ${CMAKE_CURRENT_LIST_DIR}/Settings.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionStatus.h ${CMAKE_CURRENT_LIST_DIR}/ConnectionStatus.cpp
    ${CMAKE_CURRENT_LIST_DIR}/Notifier.h ${CMAKE_CURRENT_LIST_DIR}/Notifier.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AlertDetailWidget.h ${CMAKE_CURRENT_LIST_DIR}/AlertDetailWidget.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ServerStatusWidget.h ${CMAKE_CURRENT_LIST_DIR}/ServerStatusWidget.cpp
    ${CMAKE_CURRENT_LIST_DIR}/LoginDialog.h ${CMAKE_CURRENT_LIST_DIR}/LoginDialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/SettingsDialog.h ${CMAKE_CURRENT_LIST_DIR}/SettingsDialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MainWindow.h ${CMAKE_CURRENT_LIST_DIR}/MainWindow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/Translations.h ${CMAKE_CURRENT_LIST_DIR}/Translations.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ConsoleController.h ${CMAKE_CURRENT_LIST_DIR}/ConsoleController.cpp
    ${PROJECT_SOURCE_DIR}/resources/vigil.qrc)
# The forms in ui/ are found through AUTOUIC_SEARCH_PATHS (listing them as sources makes every
# target of this directory claim the generated headers). vigil.qrc is registered by name in
# MainWindow.cpp (Q_INIT_RESOURCE), as a static library needs.
set_target_properties(vigil_console_core PROPERTIES AUTORCC ON)
