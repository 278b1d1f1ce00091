// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QCborValue>
#include <QObject>
#include <QString>
#include <QStringList>

#include "server/ClientAddress.h"
#include "server/HttpFrontend.h"
#include "server/HttpReply.h"
#include "server/StoreError.h"
#include "server/User.h"

class QHttpServerRequest;
class QHttpServerResponder;

namespace vigil::server {

class AlertService;
class AlertStore;
class AuthMiddleware;
class LoginService;
class LoginThrottle;
class TokenService;

struct RestApiOptions
{
    /// Allowed `Origin`s; `*` allows every origin. Requests without Origin are always allowed.
    QStringList corsOrigins;
    /// Larger request bodies get 413 (SOCKET_IO_MAX_HTTP_BUFFER_SIZE).
    qint64 maxBodyBytes = 1'000'000;
    /// Alerts in one POST /api/alerts array.
    qsizetype maxAlertsPerRequest = 1'000;
    QString version;
    /// Proxies whose X-Forwarded-For names the client, for login throttling (clientAddress()).
    QList<Subnet> trustedProxies;
};

/// The REST endpoints of CONTRACT §8 (plus two documented extensions: resolving an alert and
/// posting a triage entry), for HttpFrontend's REST handler.
///
/// Every error is JSON `{"error": "<code>", "message": "<text>"}` (validation errors add
/// `"field"`). Bodies are strict: unknown fields are 400 naming the field. Requests from an Origin
/// outside the allow-list are 403 whatever they ask; allowed ones get the CORS headers, and
/// OPTIONS preflights are answered for every path.
class RestApi final : public QObject
{
    Q_OBJECT

public:
    /// Everything passed in must outlive the API.
    RestApi(AlertService &alerts,
            AlertStore &store,
            const AuthMiddleware &auth,
            const TokenService &tokens,
            LoginService &logins,
            LoginThrottle &throttle,
            RestApiOptions options,
            QObject *parent = nullptr);
    ~RestApi() override;

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    HttpFrontend::RestHandler handler();

    bool isOriginAllowed(const QByteArray &origin) const;
    /// The HTTP status for a store failure: NotFound 404, Conflict 409, Invalid 400, else 503.
    static http::Status statusFor(const StoreError &error);

    /// One answer, written at once or later (login and publish wait for other work).
    struct Reply
    {
        http::Status status = http::Status::Ok;
        QByteArray body;
        http::HeaderList headers;
        /// The route keeps the responder and answers later.
        bool deferred = false;
    };
    class Pending;

private:
    struct Call;

    Reply route(Call &call);
    std::optional<Reply> authenticate(Call &call);

    Reply health() const;
    Reply login(Call &call);
    Reply history(Call &call);
    Reply active(Call &call);
    Reply publish(Call &call);
    Reply transition(Call &call, const QString &alertId, bool resolve);
    Reply triageQueue(Call &call);
    Reply postTriage(Call &call);
    Reply status(Call &call);

    AlertService &m_alerts;
    AlertStore &m_store;
    const AuthMiddleware &m_auth;
    const TokenService &m_tokens;
    LoginService &m_logins;
    LoginThrottle &m_throttle;
    RestApiOptions m_options;
    bool m_allowAnyOrigin = false;
};

} // namespace vigil::server
