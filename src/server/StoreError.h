// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <variant>

#include <QString>

#include "protocol/Result.h"

namespace vigil::server {

/// Why a store operation failed. Callers map codes to answers (NotFound → 404, Busy/ReadOnly/Full →
/// 503, Invalid → 400, Conflict → 409 or a refused publish); the message is for logs and people.
struct StoreError
{
    enum class Code
    {
        NotFound, ///< no such alert, user or patient
        Conflict, ///< unique key taken (user exists) or a patient claimed by another hospital
        Busy,     ///< another connection held the write lock longer than the busy timeout
        ReadOnly, ///< the database file or connection cannot be written
        Full,     ///< disk or database size limit reached
        Corrupt,  ///< the file is not a database or is damaged
        Io,       ///< cannot open, read or write the file; anything else the driver reports
        Invalid,  ///< the request itself is wrong (bad id, empty filter, unsupported URL, newer
                  ///< schema)
    };

    Code code = Code::Io;
    QString message;

    friend bool operator==(const StoreError &, const StoreError &) = default;
};

/// `not_found`, `conflict`, `busy`, `read_only`, `full`, `corrupt`, `io`, `invalid`.
QString storeErrorCodeToString(StoreError::Code code);

template<typename T>
using StoreResult = protocol::Result<T, StoreError>;
/// For operations that return nothing but may fail.
using StoreStatus = protocol::Result<std::monostate, StoreError>;

} // namespace vigil::server
