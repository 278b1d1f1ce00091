// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/RestApi.h"

#include <cmath>

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrlQuery>

#include "common/Logging.h"
#include "protocol/Contract.h"
#include "protocol/Json.h"
#include "server/AccessRules.h"
#include "server/AlertService.h"
#include "server/AlertStore.h"
#include "server/AuthMiddleware.h"
#include "server/LoginService.h"
#include "server/LoginThrottle.h"
#include "server/TokenService.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

using Reply = RestApi::Reply;
using Status = http::Status;
using Method = QHttpServerRequest::Method;

namespace {

constexpr QByteArrayView jsonType("application/json");

std::pair<QByteArray, QByteArray> header(const char *name, QByteArray value)
{
    return { QByteArray(name), std::move(value) };
}

Reply json(Status status, const QCborValue &value)
{
    return Reply{ status, protocol::json::write(value), {}, false };
}

Reply error(Status status, QLatin1StringView code, const QString &message)
{
    return Reply{ status, http::errorBody(code, message), {}, false };
}

Reply fieldError(QLatin1StringView code, const QString &field, const QString &message)
{
    QCborMap body;
    body.insert("error"_L1, code);
    body.insert("message"_L1, message);
    body.insert("field"_L1, field);
    return json(Status::BadRequest, body);
}

Reply unknownField(const QString &field)
{
    return fieldError("unknown_field"_L1, field, u"unknown field: %1"_s.arg(field.left(100)));
}

Reply forbidden(const QString &message)
{
    return error(Status::Forbidden, "forbidden"_L1, message);
}

Reply storeFailure(const StoreError &failure)
{
    const Status status = RestApi::statusFor(failure);
    QLatin1StringView code = "service_unavailable"_L1;
    if (status == Status::NotFound)
        code = "not_found"_L1;
    else if (status == Status::Conflict)
        code = "conflict"_L1;
    else if (status == Status::BadRequest)
        code = "invalid_request"_L1;
    Reply reply = error(status, code, AlertService::describe(failure));
    if (status == Status::ServiceUnavailable)
        reply.headers.append(header("Retry-After", "1"));
    return reply;
}

bool isIdText(const QString &text)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9]{1,64}$"_s);
    return pattern.match(text).hasMatch();
}

QCborArray alertsJson(const QList<protocol::Alert> &alerts)
{
    QCborArray array;
    for (const protocol::Alert &alert : alerts)
        array.append(alert.toJson());
    return array;
}

} // namespace

/// A responder kept for an answer that comes later. The socket may be gone by then.
class RestApi::Pending
{
public:
    Pending(QHttpServerResponder &&responder, http::HeaderList cors)
      : m_responder(std::move(responder))
      , m_socket(m_responder.socket())
      , m_cors(std::move(cors))
    {
    }

    void send(const Reply &reply)
    {
        if (m_sent)
            return;
        m_sent = true;
        if (!m_socket)
            return;
        http::HeaderList headers = m_cors;
        headers.append(reply.headers);
        http::reply(m_responder, reply.status, jsonType.toByteArray(), reply.body, headers);
    }

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    http::HeaderList m_cors;
    bool m_sent = false;
};

/// One request on its way through the routes.
struct RestApi::Call
{
    const QHttpServerRequest &request;
    QHttpServerResponder *responder;
    http::HeaderList cors;
    QString path;
    User user;
    QCborValue body;

    std::shared_ptr<Pending> defer()
    {
        return std::make_shared<Pending>(std::move(*responder), cors);
    }
};

RestApi::RestApi(AlertService &alerts,
                 AlertStore &store,
                 const AuthMiddleware &auth,
                 const TokenService &tokens,
                 LoginService &logins,
                 LoginThrottle &throttle,
                 RestApiOptions options,
                 QObject *parent)
  : QObject(parent)
  , m_alerts(alerts)
  , m_store(store)
  , m_auth(auth)
  , m_tokens(tokens)
  , m_logins(logins)
  , m_throttle(throttle)
  , m_options(std::move(options))
  , m_allowAnyOrigin(m_options.corsOrigins.contains(u"*"_s))
{
}

RestApi::~RestApi() = default;

HttpFrontend::RestHandler RestApi::handler()
{
    return [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    };
}

bool RestApi::isOriginAllowed(const QByteArray &origin) const
{
    if (origin.isEmpty() || m_allowAnyOrigin)
        return true;
    return m_options.corsOrigins.contains(QString::fromUtf8(origin));
}

http::Status RestApi::statusFor(const StoreError &error)
{
    switch (error.code) {
        case StoreError::Code::NotFound:
            return Status::NotFound;
        case StoreError::Code::Conflict:
            return Status::Conflict;
        case StoreError::Code::Invalid:
            return Status::BadRequest;
        case StoreError::Code::Busy:
        case StoreError::Code::ReadOnly:
        case StoreError::Code::Full:
        case StoreError::Code::Corrupt:
        case StoreError::Code::Io:
            break;
    }
    return Status::ServiceUnavailable;
}

void RestApi::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    Call call{ request, &responder, {}, request.url().path(), {}, {} };
    while (call.path.size() > 1 && call.path.endsWith(u'/'))
        call.path.chop(1);

    const QByteArray origin = request.value(QByteArrayLiteral("origin"));
    Reply reply;
    if (!isOriginAllowed(origin)) {
        reply = error(Status::Forbidden, "forbidden_origin"_L1, u"Origin not allowed"_s);
    } else {
        if (!origin.isEmpty()) {
            call.cors = { { "Access-Control-Allow-Origin", origin },
                          { "Vary", "Origin" },
                          { "Access-Control-Expose-Headers", "Retry-After" } };
        }
        if (request.method() == Method::Options) {
            reply = Reply{ Status::NoContent,
                           {},
                           { { "Access-Control-Allow-Methods", "GET, POST, OPTIONS" },
                             { "Access-Control-Allow-Headers", "Authorization, Content-Type" },
                             { "Access-Control-Max-Age", "600" } },
                           false };
        } else if (request.body().size() > m_options.maxBodyBytes) {
            reply = error(Status::PayloadTooLarge,
                          "payload_too_large"_L1,
                          u"The body is larger than %1 bytes"_s.arg(m_options.maxBodyBytes));
        } else {
            reply = route(call);
        }
    }
    qCDebug(lcServerHttp).noquote()
      << request.method() << call.path << int(reply.status) << (reply.deferred ? "(deferred)" : "");
    if (reply.deferred)
        return;
    http::HeaderList headers = call.cors;
    headers.append(reply.headers);
    http::replyJson(responder, reply.status, reply.body, headers);
}

std::optional<Reply> RestApi::authenticate(Call &call)
{
    auto user = m_auth.userFromBearer(call.request.value(QByteArrayLiteral("authorization")));
    if (!user) {
        Reply reply =
          error(Status::Unauthorized, "unauthorized"_L1, u"A valid bearer token is required"_s);
        reply.headers.append(header("WWW-Authenticate", "Bearer"));
        return reply;
    }
    call.user = user.value();
    return std::nullopt;
}

Reply RestApi::route(Call &call)
{
    const Method method = call.request.method();
    const QString &path = call.path;
    const auto wrongMethod = [](QByteArray allow) {
        Reply reply =
          error(Status::MethodNotAllowed, "method_not_allowed"_L1, u"Method not allowed here"_s);
        reply.headers.append(header("Allow", allow));
        return reply;
    };

    // Which routes exist, and with which method.
    enum class Route
    {
        Health,
        Login,
        History,
        Active,
        Alerts,
        Acknowledge,
        Resolve,
        TriageQueue,
        Triage,
        Status,
        None,
    };
    Route route = Route::None;
    QString alertId;
    if (path == u"/api/health")
        route = Route::Health;
    else if (path == u"/api/auth/login")
        route = Route::Login;
    else if (path == u"/api/alerts/history")
        route = Route::History;
    else if (path == u"/api/alerts/active")
        route = Route::Active;
    else if (path == u"/api/alerts")
        route = Route::Alerts;
    else if (path == u"/api/triage/queue")
        route = Route::TriageQueue;
    else if (path == u"/api/triage")
        route = Route::Triage;
    else if (path == u"/api/status/socket")
        route = Route::Status;
    else if (path.startsWith(u"/api/alerts/")) {
        const QStringList parts = path.mid(12).split(u'/');
        if (parts.size() == 2 && !parts.at(0).isEmpty() && parts.at(0).size() <= 256) {
            alertId = parts.at(0);
            if (parts.at(1) == u"acknowledge")
                route = Route::Acknowledge;
            else if (parts.at(1) == u"resolve")
                route = Route::Resolve;
        }
    }

    const bool isGet = method == Method::Get;
    const bool isPost = method == Method::Post;
    switch (route) {
        case Route::None:
            return error(
              Status::NotFound, "not_found"_L1, u"No resource at %1"_s.arg(path.left(200)));
        case Route::Health:
        case Route::History:
        case Route::Active:
        case Route::TriageQueue:
        case Route::Status:
            if (!isGet)
                return wrongMethod("GET, OPTIONS");
            break;
        case Route::Login:
        case Route::Alerts:
        case Route::Acknowledge:
        case Route::Resolve:
        case Route::Triage:
            if (!isPost)
                return wrongMethod("POST, OPTIONS");
            break;
    }

    if (isPost) {
        const QByteArray body = call.request.body();
        if (body.trimmed().isEmpty()) {
            call.body = QCborValue();
        } else {
            auto parsed = protocol::json::parse(body);
            if (!parsed)
                return error(Status::BadRequest,
                             "invalid_json"_L1,
                             u"The body is not valid JSON: %1"_s.arg(parsed.error().message));
            call.body = parsed.value();
        }
    }

    if (route == Route::Health)
        return health();
    if (route == Route::Login)
        return login(call);
    if (auto refused = authenticate(call))
        return *refused;
    switch (route) {
        case Route::History:
            return history(call);
        case Route::Active:
            return active(call);
        case Route::Alerts:
            return publish(call);
        case Route::Acknowledge:
            return transition(call, alertId, false);
        case Route::Resolve:
            return transition(call, alertId, true);
        case Route::TriageQueue:
            return triageQueue(call);
        case Route::Triage:
            return postTriage(call);
        case Route::Status:
            return status(call);
        case Route::Health:
        case Route::Login:
        case Route::None:
            break;
    }
    return error(Status::NotFound, "not_found"_L1, u"No resource at %1"_s.arg(path.left(200)));
}

Reply RestApi::health() const
{
    QCborMap body;
    body.insert("status"_L1, u"ok"_s);
    body.insert("version"_L1, m_options.version);
    body.insert("uptime_s"_L1, m_alerts.uptimeSeconds());
    body.insert("store"_L1, m_store.backendName());
    return json(Status::Ok, body);
}

Reply RestApi::login(Call &call)
{
    if (!call.body.isMap())
        return error(Status::BadRequest,
                     "invalid_request"_L1,
                     u"Expected {\"username\": \"...\", \"password\": \"...\"}"_s);
    const QCborMap body = call.body.toMap();
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        const QString key =
          it.key().isString() ? it.key().toString() : it.key().toDiagnosticNotation();
        if (key != u"username" && key != u"password")
            return unknownField(key);
    }
    const QCborValue username = body.value("username"_L1);
    const QCborValue password = body.value("password"_L1);
    if (!username.isString() || username.toString().isEmpty())
        return fieldError("invalid_request"_L1, u"username"_s, u"username: a string is required"_s);
    if (!password.isString() || password.toString().isEmpty())
        return fieldError("invalid_request"_L1, u"password"_s, u"password: a string is required"_s);

    // Throttle keys are kept per username: a name no user can have is cut to a bounded key.
    const QString name = username.toString().left(UserStore::maxUsernameLength + 1);
    const QHostAddress peer =
      clientAddress(call.request.remoteAddress(),
                    call.request.value(QByteArrayLiteral("x-forwarded-for")),
                    m_options.trustedProxies);
    if (const auto wait = m_throttle.retryAfterMs(name, peer)) {
        Reply reply = error(Status::TooManyRequests,
                            "too_many_requests"_L1,
                            u"Too many failed logins; try again later"_s);
        reply.headers.append(
          { "Retry-After", QByteArray::number(qMax<qint64>(1, (*wait + 999) / 1000)) });
        return reply;
    }

    std::shared_ptr<Pending> pending = call.defer();
    QPointer<RestApi> self(this);
    m_logins.verify(
      name,
      password.toString(),
      this,
      [self, pending, name, peer](const LoginService::Result &result) {
          if (!self)
              return;
          if (!result) {
              qCWarning(lcServerAuth).noquote() << "login check failed:" << result.error().message;
              pending->send(storeFailure(result.error()));
              return;
          }
          if (!result.value()) {
              self->m_throttle.recordFailure(name, peer);
              qCInfo(lcServerAuth).noquote()
                << "failed login for" << name.left(64) << "from" << peer.toString();
              pending->send(error(
                Status::Unauthorized, "invalid_credentials"_L1, u"Wrong username or password"_s));
              return;
          }
          const User &user = *result.value();
          self->m_throttle.recordSuccess(name);
          auto token = self->m_tokens.issue(user);
          if (!token) {
              qCCritical(lcServerAuth).noquote()
                << "cannot issue a token:" << token.error().message;
              pending->send(
                error(Status::InternalServerError, "internal_error"_L1, u"Cannot issue a token"_s));
              return;
          }
          QCborMap userJson;
          userJson.insert("username"_L1, user.username);
          userJson.insert("display_name"_L1, user.displayName);
          userJson.insert("role"_L1, roleToString(user.role));
          userJson.insert("hospitals"_L1, QCborArray::fromStringList(user.hospitals));
          QCborMap answer;
          answer.insert("access_token"_L1, QString::fromLatin1(token->token));
          answer.insert("token_type"_L1, u"Bearer"_s);
          answer.insert("expires_in"_L1, token->expiresIn);
          answer.insert("user"_L1, userJson);
          qCInfo(lcServerAuth).noquote() << "login of" << user.username;
          Reply reply = json(Status::Ok, answer);
          reply.headers.append(header("Cache-Control", "no-store"));
          pending->send(reply);
      });
    return Reply{ Status::Ok, {}, {}, true };
}

Reply RestApi::history(Call &call)
{
    HistoryQuery query;
    const QList<std::pair<QString, QString>> items =
      call.request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == u"patient_id") {
            if (!isIdText(value))
                return fieldError(
                  "invalid_request"_L1, key, u"patient_id: 1 to 64 letters or digits"_s);
            query.patientIds.append(value);
        } else if (key == u"hospital_id") {
            if (!isIdText(value))
                return fieldError(
                  "invalid_request"_L1, key, u"hospital_id: 1 to 64 letters or digits"_s);
            query.hospitalIds.append(value);
        } else if (key == u"room") {
            query.rooms.append(value);
        } else if (key == u"after_seq") {
            bool ok = false;
            query.afterSeq = value.toLongLong(&ok);
            if (!ok || query.afterSeq < 0)
                return fieldError("invalid_request"_L1, key, u"after_seq: a whole number >= 0"_s);
        } else if (key == u"limit") {
            bool ok = false;
            query.limit = value.toInt(&ok);
            if (!ok || query.limit < 1 || query.limit > maxHistoryLimit)
                return fieldError("invalid_request"_L1,
                                  key,
                                  u"limit: a whole number from 1 to %1"_s.arg(maxHistoryLimit));
        } else {
            return fieldError(
              "unknown_field"_L1, key, u"unknown query parameter: %1"_s.arg(key.left(100)));
        }
    }
    if (query.patientIds.isEmpty() && query.hospitalIds.isEmpty() && query.rooms.isEmpty())
        return error(Status::BadRequest,
                     "invalid_request"_L1,
                     u"patient_id, hospital_id or room is required"_s);
    if (query.patientIds.size() + query.hospitalIds.size() + query.rooms.size() > maxQueryIds)
        return error(Status::BadRequest,
                     "invalid_request"_L1,
                     u"at most %1 patients, hospitals and rooms per query"_s.arg(maxQueryIds));

    const User &user = call.user;
    QString detail;
    for (const QString &patient : std::as_const(query.patientIds)) {
        const AccessRules::Decision decision =
          AccessRules::checkPatient(user, patient, m_store, &detail);
        if (decision == AccessRules::Decision::Unavailable)
            return storeFailure(StoreError{ StoreError::Code::Busy, detail });
        if (decision != AccessRules::Decision::Allowed)
            return forbidden(u"Not allowed to see patient %1"_s.arg(patient));
    }
    for (const QString &hospital : std::as_const(query.hospitalIds)) {
        if (!user.canSeeHospital(hospital))
            return forbidden(u"Not allowed to see hospital %1"_s.arg(hospital));
    }
    for (const QString &room : std::as_const(query.rooms)) {
        const AccessRules::RoomCheck check = AccessRules::checkRoom(user, room, m_store);
        switch (check.decision) {
            case AccessRules::Decision::Allowed:
                break;
            case AccessRules::Decision::InvalidRoom:
                return fieldError(
                  "invalid_request"_L1, u"room"_s, u"Invalid room name: %1"_s.arg(room.left(100)));
            case AccessRules::Decision::Unauthorized:
                return forbidden(u"Not allowed to see %1"_s.arg(room.left(100)));
            case AccessRules::Decision::Unavailable:
                return storeFailure(StoreError{ StoreError::Code::Busy, check.detail });
        }
    }
    query.triageScope = AccessRules::scopeOf(user);

    const StoreResult<QList<protocol::Alert>> alerts = m_store.history(query);
    if (!alerts)
        return storeFailure(alerts.error());
    return json(Status::Ok, alertsJson(alerts.value()));
}

namespace {

/// `hospital_id=` of /api/alerts/active and /api/triage/queue: optional, one value, narrows the
/// user's scope. Sets `reply` when the request is refused.
std::optional<HospitalScope> narrowedScope(const QHttpServerRequest &request,
                                           const User &user,
                                           std::optional<Reply> &reply)
{
    std::optional<QString> hospital;
    const QList<std::pair<QString, QString>> items = request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key != u"hospital_id") {
            reply = fieldError(
              "unknown_field"_L1, key, u"unknown query parameter: %1"_s.arg(key.left(100)));
            return std::nullopt;
        }
        if (!isIdText(value)) {
            reply =
              fieldError("invalid_request"_L1, key, u"hospital_id: 1 to 64 letters or digits"_s);
            return std::nullopt;
        }
        hospital = value;
    }
    if (!hospital)
        return AccessRules::scopeOf(user);
    if (!user.canSeeHospital(*hospital)) {
        reply = forbidden(u"Not allowed to see hospital %1"_s.arg(*hospital));
        return std::nullopt;
    }
    return HospitalScope::only({ *hospital });
}

} // namespace

Reply RestApi::active(Call &call)
{
    std::optional<Reply> refused;
    const auto scope = narrowedScope(call.request, call.user, refused);
    if (!scope)
        return *refused;
    const StoreResult<QList<protocol::Alert>> alerts = m_store.active(*scope);
    if (!alerts)
        return storeFailure(alerts.error());
    return json(Status::Ok, alertsJson(alerts.value()));
}

Reply RestApi::publish(Call &call)
{
    if (!AccessRules::canPublish(call.user.role))
        return forbidden(u"Only producers and admins publish alerts"_s);
    const bool isArray = call.body.isArray();
    QCborArray items;
    if (isArray)
        items = call.body.toArray();
    else if (call.body.isMap())
        items.append(call.body);
    else
        return error(Status::BadRequest,
                     "invalid_alert"_L1,
                     u"Expected an alert object or an array of them"_s);
    if (items.isEmpty())
        return error(Status::BadRequest, "invalid_alert"_L1, u"The array is empty"_s);
    if (items.size() > m_options.maxAlertsPerRequest)
        return error(Status::BadRequest,
                     "invalid_alert"_L1,
                     u"At most %1 alerts per request"_s.arg(m_options.maxAlertsPerRequest));

    QList<protocol::AlertInput> inputs;
    inputs.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        auto input = protocol::AlertInput::fromJson(items.at(i));
        const QString prefix = isArray ? u"[%1] "_s.arg(i) : QString();
        if (!input) {
            const QLatin1StringView code =
              input.error().message == u"unknown field" ? "unknown_field"_L1 : "invalid_alert"_L1;
            return fieldError(
              code, input.error().field, prefix + AlertService::describe(input.error()));
        }
        if (!AccessRules::canPublishFor(call.user, input->hospitalId))
            return forbidden(prefix +
                             u"Not allowed to publish for hospital %1"_s.arg(input->hospitalId));
        inputs.append(input.value());
    }

    std::shared_ptr<Pending> pending = call.defer();
    m_alerts.publish(
      std::move(inputs), [pending, isArray](const StoreResult<QList<protocol::Alert>> &result) {
          if (!result) {
              pending->send(storeFailure(result.error()));
              return;
          }
          pending->send(isArray ? json(Status::Created, alertsJson(result.value()))
                                : json(Status::Created, result->constFirst().toJson()));
      });
    return Reply{ Status::Created, {}, {}, true };
}

Reply RestApi::transition(Call &call, const QString &alertId, bool resolve)
{
    if (!AccessRules::isClinical(call.user.role))
        return forbidden(resolve ? u"Not allowed to resolve alerts"_s
                                 : u"Not allowed to acknowledge alerts"_s);
    if (!call.body.isUndefined()) {
        if (!call.body.isMap())
            return error(Status::BadRequest, "invalid_request"_L1, u"Expected {} or no body"_s);
        const QCborMap body = call.body.toMap();
        if (!body.isEmpty()) {
            const QCborValue key = body.constBegin().key();
            return unknownField(key.isString() ? key.toString() : key.toDiagnosticNotation());
        }
    }
    const StoreResult<protocol::Alert> alert = m_store.get(alertId);
    if (!alert)
        return alert.error().code == StoreError::Code::NotFound
                 ? error(Status::NotFound, "not_found"_L1, u"No such alert"_s)
                 : storeFailure(alert.error());
    if (!call.user.canSeeHospital(alert->hospitalId))
        return error(Status::NotFound, "not_found"_L1, u"No such alert"_s);
    const StoreResult<AlertTransition> result =
      resolve ? m_alerts.resolve(alert->id, call.user.username)
              : m_alerts.acknowledge(alert->id, call.user.username);
    if (!result)
        return storeFailure(result.error());
    return json(Status::Ok, result->alert.toJson());
}

Reply RestApi::triageQueue(Call &call)
{
    std::optional<Reply> refused;
    const auto scope = narrowedScope(call.request, call.user, refused);
    if (!scope)
        return *refused;
    const StoreResult<QList<protocol::TriageEntry>> entries = m_store.triage(*scope);
    if (!entries)
        return storeFailure(entries.error());
    QCborArray array;
    for (const protocol::TriageEntry &entry : entries.value())
        array.append(entry.toJson());
    return json(Status::Ok, array);
}

Reply RestApi::postTriage(Call &call)
{
    if (!AccessRules::canPublish(call.user.role))
        return forbidden(u"Only producers and admins update the triage queue"_s);
    if (!call.body.isMap())
        return error(Status::BadRequest, "invalid_triage_entry"_L1, u"Expected a JSON object"_s);
    QCborMap body = call.body.toMap();
    static const QStringList allowed{ u"patient_id"_s,   u"hospital_id"_s, u"display_name"_s,
                                      u"acuity"_s,       u"risk_score"_s,  u"status"_s,
                                      u"waiting_since"_s };
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        const QString key =
          it.key().isString() ? it.key().toString() : it.key().toDiagnosticNotation();
        if (!allowed.contains(key))
            return unknownField(key);
    }
    for (const QLatin1StringView key : { "patient_id"_L1, "hospital_id"_L1 }) {
        const QCborValue value = body.value(key);
        if (!value.isString() || !isIdText(value.toString()))
            return fieldError(
              "invalid_triage_entry"_L1, QString(key), u"%1: 1 to 64 letters or digits"_s.arg(key));
    }
    const QCborValue displayName = body.value("display_name"_L1);
    if (!displayName.isUndefined() && !displayName.isNull() &&
        (!displayName.isString() || displayName.toString().size() > 200))
        return fieldError("invalid_triage_entry"_L1,
                          u"display_name"_s,
                          u"display_name: a string of at most 200 characters"_s);
    const QString patientId = body.value("patient_id"_L1).toString();
    const QString hospitalId = body.value("hospital_id"_L1).toString();
    if (!AccessRules::canPublishFor(call.user, hospitalId))
        return forbidden(u"Not allowed to update hospital %1"_s.arg(hospitalId));

    const QString now = protocol::formatTimestamp(QDateTime::currentDateTimeUtc());
    if (body.value("waiting_since"_L1).isUndefined()) {
        // A status change keeps the time the patient started waiting.
        QString since = now;
        const StoreResult<QList<protocol::TriageEntry>> entries =
          m_store.triage(HospitalScope::only({ hospitalId }));
        if (entries) {
            for (const protocol::TriageEntry &entry : entries.value()) {
                if (entry.patientId == patientId)
                    since = protocol::formatTimestamp(entry.waitingSince);
            }
        }
        body.insert("waiting_since"_L1, since);
    }
    body.insert("updated_at"_L1, now);
    auto entry = protocol::TriageEntry::fromJson(body);
    if (!entry)
        return fieldError(
          "invalid_triage_entry"_L1, entry.error().field, AlertService::describe(entry.error()));
    const StoreResult<protocol::TriageEntry> stored = m_alerts.updateTriage(entry.value());
    if (!stored)
        return storeFailure(stored.error());
    return json(Status::Ok, stored->toJson());
}

Reply RestApi::status(Call &call)
{
    if (call.user.role != Role::Admin)
        return forbidden(u"Admins only"_s);
    return json(Status::Ok, m_alerts.socketStatus(false));
}

} // namespace vigil::server
