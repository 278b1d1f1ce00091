// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/ApiError.h"

namespace vigil::client {

QString apiErrorKindToString(ApiError::Kind kind)
{
    switch (kind) {
        case ApiError::Kind::InvalidRequest:
            return QStringLiteral("invalid_request");
        case ApiError::Kind::Network:
            return QStringLiteral("network");
        case ApiError::Kind::Timeout:
            return QStringLiteral("timeout");
        case ApiError::Kind::Tls:
            return QStringLiteral("tls");
        case ApiError::Kind::InvalidResponse:
            return QStringLiteral("invalid_response");
        case ApiError::Kind::BadRequest:
            return QStringLiteral("bad_request");
        case ApiError::Kind::Unauthorized:
            return QStringLiteral("unauthorized");
        case ApiError::Kind::Forbidden:
            return QStringLiteral("forbidden");
        case ApiError::Kind::NotFound:
            return QStringLiteral("not_found");
        case ApiError::Kind::PayloadTooLarge:
            return QStringLiteral("payload_too_large");
        case ApiError::Kind::RateLimited:
            return QStringLiteral("rate_limited");
        case ApiError::Kind::Http:
            return QStringLiteral("http");
    }
    return QStringLiteral("unknown");
}

} // namespace vigil::client
