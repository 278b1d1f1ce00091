// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>

#include "protocol/Result.h"

namespace vigil::client {

/// Why a REST call failed. Libraries return kinds; the console turns them into tr() text.
struct ApiError
{
    enum class Kind
    {
        /// Refused by the client before anything was sent (bad base URL, empty query, ...).
        InvalidRequest,
        /// No HTTP answer: connection refused, host not found, connection dropped, proxy failure.
        Network,
        /// No data for longer than the request timeout.
        Timeout,
        /// TLS handshake failed, usually an untrusted or mismatching certificate.
        Tls,
        /// 2xx, but the body is not the contract's shape; `field` names what is wrong.
        InvalidResponse,
        /// 400.
        BadRequest,
        /// 401: the token is missing, expired or invalid (or, for login, the credentials are
        /// wrong):
        /// the caller must log in again instead of retrying.
        Unauthorized,
        /// 403: authenticated but not allowed (role, or a room/hospital the user may not see).
        Forbidden,
        /// 404.
        NotFound,
        /// 413.
        PayloadTooLarge,
        /// 429; `retryAfterSeconds` says when to try again if the server said so.
        RateLimited,
        /// Any other non-2xx status (5xx, unexpected redirects, ...).
        Http,
    };

    Kind kind = Kind::Network;
    /// The HTTP status, 0 when no HTTP answer arrived.
    int httpStatus = 0;
    /// The server's `error` code from `{"error": ..., "message": ...}`; empty when absent.
    QString serverError;
    /// For people: the server's `message`, or a description of the local failure.
    QString message;
    /// For InvalidResponse: the offending field, e.g. `access_token` or `[3].priority`.
    QString field;
    /// For RateLimited: the server's Retry-After in seconds.
    std::optional<int> retryAfterSeconds;

    friend bool operator==(const ApiError &, const ApiError &) = default;
};

QString apiErrorKindToString(ApiError::Kind kind);

template<typename T>
using ApiResult = protocol::Result<T, ApiError>;

} // namespace vigil::client
