# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Store, users, passwords, tokens, rate limits, settings.
target_sources(vigil_server_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/StoreError.h
    ${CMAKE_CURRENT_LIST_DIR}/Database.h ${CMAKE_CURRENT_LIST_DIR}/Database.cpp
    ${CMAKE_CURRENT_LIST_DIR}/AlertStore.h
    ${CMAKE_CURRENT_LIST_DIR}/SqlAlertStore.h ${CMAKE_CURRENT_LIST_DIR}/SqlAlertStore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/User.h ${CMAKE_CURRENT_LIST_DIR}/User.cpp
    ${CMAKE_CURRENT_LIST_DIR}/UserStore.h ${CMAKE_CURRENT_LIST_DIR}/UserStore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/PasswordHasher.h ${CMAKE_CURRENT_LIST_DIR}/PasswordHasher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/TokenService.h ${CMAKE_CURRENT_LIST_DIR}/TokenService.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RateLimiter.h ${CMAKE_CURRENT_LIST_DIR}/RateLimiter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/LoginThrottle.h ${CMAKE_CURRENT_LIST_DIR}/LoginThrottle.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ServerSettings.h ${CMAKE_CURRENT_LIST_DIR}/ServerSettings.cpp)
