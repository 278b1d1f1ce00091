# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ApiClient (REST) and CredentialStore (keychain).
target_sources(vigil_client PRIVATE
    ApiError.h ApiError.cpp
    ApiClient.h ApiClient.cpp
    CredentialBackend.h
    CredentialStore.h CredentialStore.cpp
    KeychainBackend.h KeychainBackend.cpp
    MemoryCredentialBackend.h MemoryCredentialBackend.cpp)
