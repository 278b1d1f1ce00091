# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# tests of ApiClient and CredentialStore (vigil_add_test calls; paths relative to tests/)

# tst_apiclient talks to a real in-process QHttpServer; the server build finds the module too, but
# the client can be built without the server.
find_package(Qt6 ${Qt6_VERSION} QUIET COMPONENTS HttpServer)
if(TARGET Qt6::HttpServer)
    vigil_add_test(NAME tst_apiclient SOURCES client/tst_apiclient.cpp
        LIBS vigil_client Qt6::HttpServer LABELS client)
else()
    message(STATUS "Qt HttpServer not found: tst_apiclient is not built")
endif()

vigil_add_test(NAME tst_credentialstore SOURCES client/tst_credentialstore.cpp
    LIBS vigil_client LABELS client)

# Starts its own private D-Bus session with gnome-keyring; skips with the reason when it cannot.
vigil_add_test(NAME tst_credentialstore_secretservice
    SOURCES client/tst_credentialstore_secretservice.cpp
    LIBS vigil_client LABELS client TIMEOUT 240)
