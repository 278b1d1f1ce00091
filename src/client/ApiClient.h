// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "client/ApiError.h"
#include "protocol/Contract.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace vigil::client {

/// `user` of a login answer (CONTRACT §2).
struct UserInfo
{
    QString username;
    QString displayName;
    QString role;
    QStringList hospitals;

    friend bool operator==(const UserInfo &, const UserInfo &) = default;
};

struct LoginResult
{
    QString accessToken;
    QString tokenType;
    qint64 expiresInSeconds = 0;
    UserInfo user;

    friend bool operator==(const LoginResult &, const LoginResult &) = default;
};

/// GET /api/alerts/history (CONTRACT §8). At least one of patientId, hospitalId, rooms is needed.
struct HistoryQuery
{
    static constexpr int defaultLimit = 500;
    static constexpr int maxLimit = 5'000;

    QString patientId;
    QString hospitalId;
    QStringList rooms;
    qint64 afterSeq = 0;
    /// Must not exceed the server's maximum (5000 in the contract): a server that silently caps it
    /// would end paging early, since a page shorter than `limit` means "no more".
    int limit = defaultLimit;
};

/// Where a paged history download stands.
struct HistoryProgress
{
    int pages = 0;
    qint64 alerts = 0;
    /// The highest seq received so far; the query's afterSeq while nothing has arrived.
    qint64 lastSeq = 0;

    friend bool operator==(const HistoryProgress &, const HistoryProgress &) = default;
};

/// GET /api/status/socket.
struct SocketStatus
{
    qint64 activeConnections = 0;
    QMap<QString, qint64> rooms;
    std::optional<qint64> uptimeSeconds;
};

/// GET /api/health. Only `status` is required: other backends may leave the rest out.
struct HealthStatus
{
    QString status;
    QString version;
    std::optional<qint64> uptimeSeconds;
    QString store;
};

/// The contract's REST endpoints over QNetworkAccessManager.
///
/// Every call is asynchronous and reports through its callback exactly once, always from the event
/// loop and never from inside the call itself, unless the request is cancelled (cancel(),
/// cancelAll(), or destroying the ApiClient): then the callback is never called. Callers whose
/// callbacks capture objects that may die first must cancel their requests. A callback may start
/// or cancel requests, but must not delete the ApiClient (deleteLater() is fine).
///
/// TLS verification is always on; a CA file adds to the system's trusted certificates. The bearer
/// token only travels in the Authorization header, is never logged, and is not sent to a
/// redirect target: redirects are not followed but reported as ApiError::Kind::Http.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    using RequestId = quint64;
    template<typename T>
    using Callback = std::function<void(ApiResult<T>)>;
    using PageCallback =
      std::function<void(const QList<protocol::Alert> &page, const HistoryProgress &progress)>;

    static constexpr std::chrono::milliseconds defaultTimeout{ 10'000 };
    /// Bounds memory for one answer; 5000 alerts of the contract's maximum size fit easily.
    static constexpr qint64 defaultMaxResponseBytes = 64 * 1024 * 1024;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    /// `http://host:port` or `https://host/prefix`; endpoint paths are appended to its path. An
    /// invalid URL is kept (calls then fail with InvalidRequest) and reported here.
    std::optional<ApiError> setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }

    /// Sent as `Authorization: Bearer <token>` on every call except login and health.
    void setBearerToken(const QString &token);
    void clearBearerToken();
    bool hasBearerToken() const { return !m_token.isEmpty(); }

    /// The longest time without any data moving before a call fails with Timeout.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }

    /// Trusts the PEM (or DER) certificates in `path` in addition to the system's. An empty path
    /// goes back to the system's certificates only. Returns an error, and changes nothing, when the
    /// file cannot be read or holds no certificate.
    std::optional<ApiError> setCaCertificatesFile(const QString &path);

    /// On by default: the proxy settings of the system (on Linux `http_proxy`, `https_proxy`,
    /// `no_proxy`) apply. Off means direct connections.
    void setUseSystemProxy(bool use);

    /// Answers larger than this fail with InvalidResponse instead of filling memory.
    void setMaxResponseBytes(qint64 bytes);

    RequestId login(const QString &username,
                    const QString &password,
                    Callback<LoginResult> callback);
    /// One page: the alerts after `query.afterSeq`, ascending by seq. An alert that does not parse
    /// fails the whole page (InvalidResponse naming `[index].field`); it is never skipped.
    RequestId history(const HistoryQuery &query, Callback<QList<protocol::Alert>> callback);
    /// Pages through history from `query.afterSeq`, asking again after the last seq of each page
    /// until a page is shorter than `query.limit`. `onPage` gets each page as it arrives (it may
    /// cancel the request); `onFinished` gets the totals, or the first error, after which no
    /// further page is requested.
    RequestId historyAll(const HistoryQuery &query,
                         PageCallback onPage,
                         Callback<HistoryProgress> onFinished);
    /// An empty hospitalId asks for every hospital the user may see.
    RequestId activeAlerts(const QString &hospitalId, Callback<QList<protocol::Alert>> callback);
    RequestId acknowledge(const QString &alertId, Callback<protocol::Alert> callback);
    RequestId publish(const protocol::AlertInput &alert, Callback<protocol::Alert> callback);
    RequestId publish(const QList<protocol::AlertInput> &alerts,
                      Callback<QList<protocol::Alert>> callback);
    /// An empty hospitalId asks for every hospital the user may see.
    RequestId triageQueue(const QString &hospitalId,
                          Callback<QList<protocol::TriageEntry>> callback);
    RequestId socketStatus(Callback<SocketStatus> callback);
    RequestId health(Callback<HealthStatus> callback);

    /// The request's callback (for historyAll: both callbacks) will not be called.
    void cancel(RequestId id);
    void cancelAll();
    qsizetype pendingCount() const { return m_pending.size(); }

private:
    struct RawResponse
    {
        int status = 0;
        QByteArray body;
    };
    using RawHandler = std::function<void(ApiResult<RawResponse>)>;
    enum class Auth
    {
        None,
        Bearer,
    };
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray query;
        QByteArray body;
        Auth auth = Auth::Bearer;

        static Request get(QString path, QByteArray query = {}, Auth auth = Auth::Bearer)
        {
            return Request{ "GET", std::move(path), std::move(query), QByteArray(), auth };
        }
        static Request post(QString path, QByteArray body, Auth auth = Auth::Bearer)
        {
            return Request{ "POST", std::move(path), QByteArray(), std::move(body), auth };
        }
    };
    struct Pending
    {
        QPointer<QNetworkReply> reply;
        bool tooLarge = false;
    };
    struct Pager;

    RequestId newRequestId();
    void send(RequestId id, const Request &request, RawHandler handler);
    void failLater(RequestId id, ApiError error, RawHandler handler);
    void onReplyFinished(RequestId id, QNetworkReply *reply, const RawHandler &handler);
    ApiResult<RawResponse> classify(QNetworkReply *reply, bool tooLarge) const;
    template<typename T>
    RequestId call(const Request &request,
                   Callback<T> callback,
                   std::function<ApiResult<T>(const QByteArray &)> parse);
    void requestPage(RequestId id, const std::shared_ptr<Pager> &pager);
    std::optional<ApiError> validateBaseUrl() const;

    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_baseUrl;
    QString m_token;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    QList<QSslCertificate> m_extraCaCertificates;
    qint64 m_maxResponseBytes = defaultMaxResponseBytes;
    RequestId m_lastId = 0;
    QHash<RequestId, Pending> m_pending;
};

} // namespace vigil::client
