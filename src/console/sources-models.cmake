# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Models and proxies.
target_sources(vigil_console_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AlertTableModel.h ${CMAKE_CURRENT_LIST_DIR}/AlertTableModel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AlertFilterProxyModel.h ${CMAKE_CURRENT_LIST_DIR}/AlertFilterProxyModel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/TriageQueueModel.h ${CMAKE_CURRENT_LIST_DIR}/TriageQueueModel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/TriageQueueProxyModel.h ${CMAKE_CURRENT_LIST_DIR}/TriageQueueProxyModel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RoomListModel.h ${CMAKE_CURRENT_LIST_DIR}/RoomListModel.cpp)
