# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# tests of store, users, passwords, tokens, rate limits, settings (vigil_add_test calls)
foreach(name database alertstore alertwriter userstore passwordhasher tokenservice ratelimiter loginthrottle
        serversettings)
    vigil_add_test(NAME tst_${name} SOURCES tst_${name}.cpp LIBS vigil_server_core LABELS server)
endforeach()
