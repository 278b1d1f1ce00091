// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/ApiClient.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <utility>

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

#include "common/Logging.h"
#include "protocol/Json.h"

namespace vigil::client {

using namespace Qt::StringLiterals;
using protocol::Alert;
using protocol::AlertInput;
using protocol::TriageEntry;

namespace {

// QNetworkProxyFactory::setUseSystemConfiguration() is process-wide; a factory of our own keeps the
// choice to this client.
class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

ApiError invalidResponse(const QString &field, const QString &message)
{
    ApiError error;
    error.kind = ApiError::Kind::InvalidResponse;
    error.field = field;
    error.message = message;
    return error;
}

ApiError invalidRequest(const QString &message)
{
    ApiError error;
    error.kind = ApiError::Kind::InvalidRequest;
    error.message = message;
    return error;
}

QString joinField(const QString &prefix, const QString &field)
{
    if (field.isEmpty())
        return prefix;
    if (prefix.isEmpty())
        return field;
    return prefix + u'.' + field;
}

ApiResult<QCborValue> parseBody(const QByteArray &body)
{
    auto parsed = protocol::json::parse(body);
    if (!parsed)
        return invalidResponse(QString(), u"the answer is not JSON: "_s + parsed.error().message);
    return std::move(parsed).value();
}

ApiResult<QCborMap> parseObject(const QByteArray &body)
{
    auto value = parseBody(body);
    if (!value)
        return value.error();
    if (!value->isMap())
        return invalidResponse(QString(), u"expected a JSON object"_s);
    return value->toMap();
}

std::optional<QString> stringField(const QCborMap &map, QLatin1StringView key)
{
    const QCborValue value = map.value(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

std::optional<qint64> integerValue(const QCborValue &value)
{
    if (value.isInteger())
        return value.toInteger();
    // Python backends may write whole numbers as floats (`3600.0`).
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= -9.0e15 && d <= 9.0e15 && d == static_cast<double>(static_cast<qint64>(d)))
            return static_cast<qint64>(d);
    }
    return std::nullopt;
}

std::optional<qint64> integerField(const QCborMap &map, QLatin1StringView key)
{
    return integerValue(map.value(key));
}

template<typename T>
ApiResult<QList<T>> parseArray(const QByteArray &body, QStringView what)
{
    auto value = parseBody(body);
    if (!value)
        return value.error();
    if (!value->isArray())
        return invalidResponse(QString(), u"expected a JSON array of "_s + what);
    const QCborArray array = value->toArray();
    QList<T> items;
    items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto item = T::fromJson(array.at(i));
        if (!item) {
            const QString index = u'[' + QString::number(i) + u']';
            return invalidResponse(joinField(index, item.error().field),
                                   what + u' ' + QString::number(i) + u": "_s +
                                     item.error().message);
        }
        items.append(std::move(item).value());
    }
    return items;
}

/// Pages must be ascending and after the asked seq; anything else would make paging skip alerts
/// or loop forever, so it is refused instead of repaired.
std::optional<ApiError> checkHistoryOrder(const QList<Alert> &alerts, qint64 afterSeq)
{
    qint64 previous = afterSeq;
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        const qint64 seq = alerts.at(i).seq;
        if (seq <= previous) {
            const QString field = u'[' + QString::number(i) + u"].seq"_s;
            const QString reason = i == 0 ? u"not after after_seq "_s + QString::number(afterSeq)
                                          : u"not in ascending order"_s;
            return invalidResponse(field,
                                   u"alert "_s + QString::number(i) + u": seq "_s +
                                     QString::number(seq) + u' ' + reason);
        }
        previous = seq;
    }
    return std::nullopt;
}

ApiResult<LoginResult> parseLogin(const QByteArray &body)
{
    auto root = parseObject(body);
    if (!root)
        return root.error();
    LoginResult result;
    const auto token = stringField(*root, "access_token"_L1);
    if (!token || token->isEmpty())
        return invalidResponse(u"access_token"_s, u"missing or not a non-empty string"_s);
    result.accessToken = *token;
    if (root->contains("token_type"_L1)) {
        const auto type = stringField(*root, "token_type"_L1);
        if (!type || type->compare("bearer"_L1, Qt::CaseInsensitive) != 0)
            return invalidResponse(u"token_type"_s, u"not \"Bearer\""_s);
        result.tokenType = *type;
    } else {
        result.tokenType = u"Bearer"_s;
    }
    const auto expiresIn = integerField(*root, "expires_in"_L1);
    if (!expiresIn || *expiresIn < 0)
        return invalidResponse(u"expires_in"_s, u"missing or not a non-negative integer"_s);
    result.expiresInSeconds = *expiresIn;

    const QCborValue userValue = root->value("user"_L1);
    if (!userValue.isMap())
        return invalidResponse(u"user"_s, u"missing or not an object"_s);
    const QCborMap user = userValue.toMap();
    const auto username = stringField(user, "username"_L1);
    if (!username || username->isEmpty())
        return invalidResponse(u"user.username"_s, u"missing or not a non-empty string"_s);
    result.user.username = *username;
    const auto role = stringField(user, "role"_L1);
    if (!role || role->isEmpty())
        return invalidResponse(u"user.role"_s, u"missing or not a non-empty string"_s);
    result.user.role = *role;
    if (user.contains("display_name"_L1)) {
        const auto displayName = stringField(user, "display_name"_L1);
        if (!displayName)
            return invalidResponse(u"user.display_name"_s, u"not a string"_s);
        result.user.displayName = *displayName;
    }
    if (result.user.displayName.isEmpty())
        result.user.displayName = result.user.username;
    const QCborValue hospitals = user.value("hospitals"_L1);
    if (!hospitals.isArray())
        return invalidResponse(u"user.hospitals"_s, u"missing or not an array"_s);
    const QCborArray hospitalArray = hospitals.toArray();
    for (qsizetype i = 0; i < hospitalArray.size(); ++i) {
        const QCborValue hospital = hospitalArray.at(i);
        if (!hospital.isString())
            return invalidResponse(u"user.hospitals["_s + QString::number(i) + u']',
                                   u"not a string"_s);
        result.user.hospitals.append(hospital.toString());
    }
    return result;
}

ApiResult<Alert> parseAlert(const QByteArray &body)
{
    auto value = parseBody(body);
    if (!value)
        return value.error();
    auto alert = Alert::fromJson(*value);
    if (!alert)
        return invalidResponse(alert.error().field, u"alert: "_s + alert.error().message);
    return std::move(alert).value();
}

ApiResult<SocketStatus> parseSocketStatus(const QByteArray &body)
{
    auto root = parseObject(body);
    if (!root)
        return root.error();
    SocketStatus status;
    const auto connections = integerField(*root, "active_connections"_L1);
    if (!connections || *connections < 0)
        return invalidResponse(u"active_connections"_s, u"missing or not a non-negative integer"_s);
    status.activeConnections = *connections;
    const QCborValue rooms = root->value("rooms"_L1);
    if (!rooms.isMap())
        return invalidResponse(u"rooms"_s, u"missing or not an object"_s);
    const QCborMap roomMap = rooms.toMap();
    for (auto it = roomMap.cbegin(); it != roomMap.cend(); ++it) {
        if (!it.key().isString())
            return invalidResponse(u"rooms"_s, u"a key is not a string"_s);
        const QString name = it.key().toString();
        const auto count = integerValue(it.value());
        if (!count || *count < 0)
            return invalidResponse(u"rooms."_s + name, u"not a non-negative integer"_s);
        status.rooms.insert(name, *count);
    }
    if (root->contains("uptime_s"_L1)) {
        const auto uptime = integerField(*root, "uptime_s"_L1);
        if (!uptime)
            return invalidResponse(u"uptime_s"_s, u"not an integer"_s);
        status.uptimeSeconds = *uptime;
    }
    return status;
}

ApiResult<HealthStatus> parseHealth(const QByteArray &body)
{
    auto root = parseObject(body);
    if (!root)
        return root.error();
    HealthStatus health;
    const auto status = stringField(*root, "status"_L1);
    if (!status || status->isEmpty())
        return invalidResponse(u"status"_s, u"missing or not a non-empty string"_s);
    health.status = *status;
    health.version = stringField(*root, "version"_L1).value_or(QString());
    health.store = stringField(*root, "store"_L1).value_or(QString());
    if (root->contains("uptime_s"_L1)) {
        const auto uptime = integerField(*root, "uptime_s"_L1);
        if (!uptime)
            return invalidResponse(u"uptime_s"_s, u"not an integer"_s);
        health.uptimeSeconds = *uptime;
    }
    return health;
}

std::optional<int> parseRetryAfter(const QByteArray &header)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong seconds = text.toLongLong(&ok);
    if (ok) {
        if (seconds < 0)
            return std::nullopt;
        return static_cast<int>(std::min<qlonglong>(seconds, std::numeric_limits<int>::max()));
    }
    // HTTP's IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), which Qt::RFC2822Date refuses.
    const QDateTime parsed =
      QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    const QDateTime when = parsed.isValid()
                             ? QDateTime(parsed.date(), parsed.time(), Qt::UTC)
                             : QDateTime::fromString(QString::fromLatin1(text), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    const qint64 delta = QDateTime::currentDateTimeUtc().secsTo(when);
    return static_cast<int>(std::clamp<qint64>(delta, 0, std::numeric_limits<int>::max()));
}

ApiError::Kind kindForStatus(int status)
{
    switch (status) {
        case 400:
            return ApiError::Kind::BadRequest;
        case 401:
            return ApiError::Kind::Unauthorized;
        case 403:
            return ApiError::Kind::Forbidden;
        case 404:
            return ApiError::Kind::NotFound;
        case 413:
            return ApiError::Kind::PayloadTooLarge;
        case 429:
            return ApiError::Kind::RateLimited;
        default:
            return ApiError::Kind::Http;
    }
}

/// Percent-encodes everything but unreserved characters, so `+`, `&` and `=` in an id survive
/// servers that decode queries as forms.
QByteArray encodeComponent(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

void addQueryItem(QByteArray &query, QByteArrayView key, const QString &value)
{
    if (!query.isEmpty())
        query += '&';
    query += key;
    query += '=';
    query += encodeComponent(value);
}

bool isTransportError(QNetworkReply::NetworkError error)
{
    return error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
}

} // namespace

struct ApiClient::Pager
{
    HistoryQuery query;
    PageCallback onPage;
    Callback<HistoryProgress> onFinished;
    HistoryProgress progress;
};

ApiClient::ApiClient(QObject *parent)
  : QObject(parent)
  , m_nam(new QNetworkAccessManager(this))
{
    // Redirects would carry the Authorization header to wherever the server points; a
    // misconfigured base URL is better reported than followed.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    setUseSystemProxy(true);
}

ApiClient::~ApiClient()
{
    cancelAll();
}

std::optional<ApiError> ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    return validateBaseUrl();
}

std::optional<ApiError> ApiClient::validateBaseUrl() const
{
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty())
        return invalidRequest(u"the server URL is not a valid http or https URL"_s);
    const QString scheme = m_baseUrl.scheme();
    if (scheme != "http"_L1 && scheme != "https"_L1)
        return invalidRequest(u"the server URL must start with http:// or https://"_s);
    if (m_baseUrl.hasQuery() || m_baseUrl.hasFragment() || !m_baseUrl.userInfo().isEmpty())
        return invalidRequest(
          u"the server URL must not contain user info, a query or a fragment"_s);
    return std::nullopt;
}

void ApiClient::setBearerToken(const QString &token)
{
    m_token = token;
}

void ApiClient::clearBearerToken()
{
    m_token.clear();
}

void ApiClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout.count() > 0 ? timeout : defaultTimeout;
}

std::optional<ApiError> ApiClient::setCaCertificatesFile(const QString &path)
{
    if (path.isEmpty()) {
        m_extraCaCertificates.clear();
        m_nam->clearConnectionCache();
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalidRequest(u"cannot read the CA file "_s + path + u": "_s + file.errorString());
    // A CA bundle is small; refusing huge files keeps a wrong path (a disk image, /dev/zero)
    // harmless.
    constexpr qint64 maxCaFileBytes = 16 * 1024 * 1024;
    const QByteArray data = file.read(maxCaFileBytes + 1);
    if (data.size() > maxCaFileBytes)
        return invalidRequest(u"the CA file "_s + path + u" is too large"_s);
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    if (certificates.isEmpty())
        return invalidRequest(u"the CA file "_s + path + u" holds no certificate"_s);
    m_extraCaCertificates = certificates;
    // Open connections keep the trust they were made with.
    m_nam->clearConnectionCache();
    return std::nullopt;
}

void ApiClient::setUseSystemProxy(bool use)
{
    if (use)
        m_nam->setProxyFactory(new SystemProxyFactory);
    else
        m_nam->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
}

void ApiClient::setMaxResponseBytes(qint64 bytes)
{
    m_maxResponseBytes = bytes > 0 ? bytes : defaultMaxResponseBytes;
}

ApiClient::RequestId ApiClient::newRequestId()
{
    const RequestId id = ++m_lastId;
    m_pending.insert(id, Pending{});
    return id;
}

void ApiClient::failLater(RequestId id, ApiError error, RawHandler handler)
{
    QTimer::singleShot(0, this, [this, id, error = std::move(error), handler = std::move(handler)] {
        const auto it = m_pending.constFind(id);
        if (it == m_pending.cend() || it->reply)
            return;
        handler(error);
    });
}

void ApiClient::send(RequestId id, const Request &request, RawHandler handler)
{
    if (auto error = validateBaseUrl()) {
        failLater(id, std::move(*error), std::move(handler));
        return;
    }
    QUrl url = m_baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + request.path, QUrl::StrictMode);
    if (!request.query.isEmpty())
        url.setQuery(QString::fromLatin1(request.query), QUrl::StrictMode);
    else
        url.setQuery(QString());

    QNetworkRequest networkRequest(url);
    networkRequest.setTransferTimeout(
      static_cast<int>(std::min<qint64>(m_timeout.count(), std::numeric_limits<int>::max())));
    networkRequest.setRawHeader("Accept", "application/json");
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader,
                             QByteArrayLiteral("vigil/" VIGIL_VERSION));
    if (request.auth == Auth::Bearer && !m_token.isEmpty())
        networkRequest.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (url.scheme() == "https"_L1) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!m_extraCaCertificates.isEmpty())
            ssl.addCaCertificates(m_extraCaCertificates);
        networkRequest.setSslConfiguration(ssl);
    }

    QNetworkReply *reply = nullptr;
    if (request.method == "GET") {
        reply = m_nam->get(networkRequest);
    } else {
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                                 QByteArrayLiteral("application/json"));
        reply = m_nam->sendCustomRequest(networkRequest, request.method, request.body);
    }
    qCDebug(lcClientApi).noquote() << request.method << request.path << "sent as request" << id;

    m_pending[id] = Pending{ reply, false };
    connect(reply,
            &QNetworkReply::downloadProgress,
            this,
            [this, id, reply](qint64 received, qint64 total) {
                if (received <= m_maxResponseBytes && total <= m_maxResponseBytes)
                    return;
                const auto it = m_pending.find(id);
                if (it == m_pending.end() || it->reply != reply)
                    return;
                it->tooLarge = true;
                reply->abort();
            });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply, handler = std::move(handler)] {
        onReplyFinished(id, reply, handler);
    });
}

void ApiClient::onReplyFinished(RequestId id, QNetworkReply *reply, const RawHandler &handler)
{
    reply->deleteLater();
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->reply != reply)
        return;
    const bool tooLarge = it->tooLarge;
    it->reply = nullptr;
    it->tooLarge = false;
    auto result = classify(reply, tooLarge);
    if (result) {
        qCDebug(lcClientApi) << "request" << id << "answered" << result->status;
    } else {
        qCDebug(lcClientApi).noquote()
          << "request" << id << "failed:" << apiErrorKindToString(result.error().kind)
          << result.error().httpStatus << result.error().message;
    }
    handler(std::move(result));
}

ApiResult<ApiClient::RawResponse> ApiClient::classify(QNetworkReply *reply, bool tooLarge) const
{
    if (tooLarge)
        return invalidResponse(QString(),
                               u"the answer is larger than "_s +
                                 QString::number(m_maxResponseBytes) + u" bytes"_s);
    const QNetworkReply::NetworkError networkError = reply->error();
    ApiError error;
    switch (networkError) {
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            // Cancelled requests never get here, so a cancel is the transfer timeout firing.
            error.kind = ApiError::Kind::Timeout;
            error.message = u"no answer within "_s + QString::number(m_timeout.count()) + u" ms"_s;
            return error;
        case QNetworkReply::SslHandshakeFailedError:
            error.kind = ApiError::Kind::Tls;
            error.message = reply->errorString();
            return error;
        default:
            break;
    }
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid() || isTransportError(networkError)) {
        error.kind = ApiError::Kind::Network;
        error.message = reply->errorString();
        return error;
    }
    const int status = statusAttribute.toInt();
    QByteArray body = reply->readAll();
    if (status >= 200 && status < 300)
        return RawResponse{ status, std::move(body) };

    error.kind = kindForStatus(status);
    error.httpStatus = status;
    if (auto parsed = protocol::json::parse(body); parsed && parsed->isMap()) {
        const QCborMap map = parsed->toMap();
        error.serverError = stringField(map, "error"_L1).value_or(QString());
        error.message = stringField(map, "message"_L1).value_or(QString());
    }
    if (status >= 300 && status < 400) {
        const QByteArray location = reply->rawHeader("Location");
        error.message = u"unexpected redirect to "_s + QString::fromLatin1(location) +
                        u"; check the server URL"_s;
    }
    if (error.message.isEmpty()) {
        const QString reason =
          reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        error.message =
          u"HTTP "_s + QString::number(status) + (reason.isEmpty() ? QString() : u' ' + reason);
    }
    if (status == 429 || status == 503)
        error.retryAfterSeconds = parseRetryAfter(reply->rawHeader("Retry-After"));
    return error;
}

template<typename T>
ApiClient::RequestId ApiClient::call(const Request &request,
                                     Callback<T> callback,
                                     std::function<ApiResult<T>(const QByteArray &)> parse)
{
    const RequestId id = newRequestId();
    send(id,
         request,
         [this, id, callback = std::move(callback), parse = std::move(parse)](
           ApiResult<RawResponse> response) {
             m_pending.remove(id);
             if (!response) {
                 callback(response.error());
                 return;
             }
             callback(parse(response->body));
         });
    return id;
}

ApiClient::RequestId ApiClient::login(const QString &username,
                                      const QString &password,
                                      Callback<LoginResult> callback)
{
    QCborMap body;
    body.insert("username"_L1, username);
    body.insert("password"_L1, password);
    const auto request =
      Request::post(u"/api/auth/login"_s, protocol::json::write(body), Auth::None);
    return call<LoginResult>(request, std::move(callback), parseLogin);
}

namespace {

std::optional<ApiError> validateHistoryQuery(const HistoryQuery &query)
{
    if (query.patientId.isEmpty() && query.hospitalId.isEmpty() && query.rooms.isEmpty())
        return invalidRequest(u"history needs a patient, a hospital or a room"_s);
    if (query.limit < 1 || query.limit > HistoryQuery::maxLimit)
        return invalidRequest(u"history limit must be between 1 and "_s +
                              QString::number(HistoryQuery::maxLimit));
    if (query.afterSeq < 0)
        return invalidRequest(u"after_seq must not be negative"_s);
    return std::nullopt;
}

QByteArray historyQueryString(const HistoryQuery &query)
{
    QByteArray text;
    if (!query.patientId.isEmpty())
        addQueryItem(text, "patient_id", query.patientId);
    if (!query.hospitalId.isEmpty())
        addQueryItem(text, "hospital_id", query.hospitalId);
    for (const QString &room : query.rooms)
        addQueryItem(text, "room", room);
    addQueryItem(text, "after_seq", QString::number(query.afterSeq));
    addQueryItem(text, "limit", QString::number(query.limit));
    return text;
}

ApiResult<QList<Alert>> parseHistoryPage(const QByteArray &body, qint64 afterSeq)
{
    auto alerts = parseArray<Alert>(body, u"alert");
    if (!alerts)
        return alerts;
    if (auto error = checkHistoryOrder(*alerts, afterSeq))
        return *error;
    return alerts;
}

} // namespace

ApiClient::RequestId ApiClient::history(const HistoryQuery &query, Callback<QList<Alert>> callback)
{
    if (auto error = validateHistoryQuery(query)) {
        const RequestId id = newRequestId();
        failLater(id, std::move(*error), [this, id, callback](ApiResult<RawResponse> response) {
            m_pending.remove(id);
            callback(response.error());
        });
        return id;
    }
    const auto request = Request::get(u"/api/alerts/history"_s, historyQueryString(query));
    const qint64 afterSeq = query.afterSeq;
    return call<QList<Alert>>(request, std::move(callback), [afterSeq](const QByteArray &body) {
        return parseHistoryPage(body, afterSeq);
    });
}

ApiClient::RequestId ApiClient::historyAll(const HistoryQuery &query,
                                           PageCallback onPage,
                                           Callback<HistoryProgress> onFinished)
{
    auto pager = std::make_shared<Pager>();
    pager->query = query;
    pager->onPage = std::move(onPage);
    pager->onFinished = std::move(onFinished);
    pager->progress.lastSeq = query.afterSeq;
    const RequestId id = newRequestId();
    if (auto error = validateHistoryQuery(query)) {
        failLater(id, std::move(*error), [this, id, pager](ApiResult<RawResponse> response) {
            m_pending.remove(id);
            pager->onFinished(response.error());
        });
        return id;
    }
    requestPage(id, pager);
    return id;
}

void ApiClient::requestPage(RequestId id, const std::shared_ptr<Pager> &pager)
{
    HistoryQuery query = pager->query;
    query.afterSeq = pager->progress.lastSeq;
    const auto request = Request::get(u"/api/alerts/history"_s, historyQueryString(query));
    send(id, request, [this, id, pager, afterSeq = query.afterSeq](ApiResult<RawResponse> raw) {
        auto page =
          raw ? parseHistoryPage(raw->body, afterSeq) : ApiResult<QList<Alert>>(raw.error());
        if (!page) {
            m_pending.remove(id);
            pager->onFinished(page.error());
            return;
        }
        const QList<Alert> &alerts = *page;
        ++pager->progress.pages;
        pager->progress.alerts += alerts.size();
        if (!alerts.isEmpty())
            pager->progress.lastSeq = alerts.constLast().seq;
        const bool last = alerts.size() < pager->query.limit;
        QPointer<ApiClient> self(this);
        if (pager->onPage)
            pager->onPage(alerts, pager->progress);
        // onPage may have cancelled the pager or destroyed this client.
        if (!self || !m_pending.contains(id))
            return;
        if (last) {
            m_pending.remove(id);
            pager->onFinished(pager->progress);
            return;
        }
        requestPage(id, pager);
    });
}

ApiClient::RequestId ApiClient::activeAlerts(const QString &hospitalId,
                                             Callback<QList<Alert>> callback)
{
    QByteArray query;
    if (!hospitalId.isEmpty())
        addQueryItem(query, "hospital_id", hospitalId);
    const auto request = Request::get(u"/api/alerts/active"_s, query);
    return call<QList<Alert>>(request, std::move(callback), [](const QByteArray &body) {
        return parseArray<Alert>(body, u"alert");
    });
}

ApiClient::RequestId ApiClient::acknowledge(const QString &alertId, Callback<Alert> callback)
{
    if (alertId.isEmpty()) {
        const RequestId id = newRequestId();
        failLater(id,
                  invalidRequest(u"the alert id is empty"_s),
                  [this, id, callback](ApiResult<RawResponse> response) {
                      m_pending.remove(id);
                      callback(response.error());
                  });
        return id;
    }
    const QString path =
      u"/api/alerts/"_s + QString::fromLatin1(encodeComponent(alertId)) + u"/acknowledge"_s;
    const auto request = Request::post(path, QByteArrayLiteral("{}"));
    return call<Alert>(request, std::move(callback), parseAlert);
}

ApiClient::RequestId ApiClient::publish(const AlertInput &alert, Callback<Alert> callback)
{
    const auto request = Request::post(u"/api/alerts"_s, protocol::json::write(alert.toJson()));
    return call<Alert>(request, std::move(callback), parseAlert);
}

ApiClient::RequestId ApiClient::publish(const QList<AlertInput> &alerts,
                                        Callback<QList<Alert>> callback)
{
    QCborArray array;
    for (const AlertInput &alert : alerts)
        array.append(alert.toJson());
    const auto request = Request::post(u"/api/alerts"_s, protocol::json::write(array));
    const qsizetype expected = alerts.size();
    return call<QList<Alert>>(
      request, std::move(callback), [expected](const QByteArray &body) -> ApiResult<QList<Alert>> {
          auto stored = parseArray<Alert>(body, u"alert");
          if (stored && stored->size() != expected)
              return invalidResponse(QString(),
                                     u"expected "_s + QString::number(expected) +
                                       u" stored alerts, got "_s + QString::number(stored->size()));
          return stored;
      });
}

ApiClient::RequestId ApiClient::triageQueue(const QString &hospitalId,
                                            Callback<QList<TriageEntry>> callback)
{
    QByteArray query;
    if (!hospitalId.isEmpty())
        addQueryItem(query, "hospital_id", hospitalId);
    const auto request = Request::get(u"/api/triage/queue"_s, query);
    return call<QList<TriageEntry>>(request, std::move(callback), [](const QByteArray &body) {
        return parseArray<TriageEntry>(body, u"triage entry");
    });
}

ApiClient::RequestId ApiClient::socketStatus(Callback<SocketStatus> callback)
{
    const auto request = Request::get(u"/api/status/socket"_s);
    return call<SocketStatus>(request, std::move(callback), parseSocketStatus);
}

ApiClient::RequestId ApiClient::health(Callback<HealthStatus> callback)
{
    const auto request = Request::get(u"/api/health"_s, {}, Auth::None);
    return call<HealthStatus>(request, std::move(callback), parseHealth);
}

void ApiClient::cancel(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    QPointer<QNetworkReply> reply = it->reply;
    m_pending.erase(it);
    if (reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiClient::cancelAll()
{
    const QList<RequestId> ids = m_pending.keys();
    for (const RequestId id : ids)
        cancel(id);
}

} // namespace vigil::client
