// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "client/ApiClient.h"
#include "protocol/Json.h"

using namespace vigil::client;
using namespace vigil::protocol;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

struct RecordedRequest
{
    QByteArray method;
    QString path;  ///< percent-encoded, as sent
    QString query; ///< percent-encoded, as sent
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    std::optional<QByteArray> header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return std::nullopt;
    }
    QUrlQuery urlQuery() const { return QUrlQuery(query); }
};

struct Answer
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    /// Keep the connection open and never answer.
    bool never = false;

    static Answer json(int status, const QCborValue &value)
    {
        return Answer{ status, json::write(value), {} };
    }
    static Answer raw(int status, QByteArray body) { return Answer{ status, std::move(body), {} }; }
    static Answer silence() { return Answer{ 0, {}, {}, true }; }
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
        case QHttpServerRequest::Method::Get:
            return "GET";
        case QHttpServerRequest::Method::Post:
            return "POST";
        case QHttpServerRequest::Method::Put:
            return "PUT";
        case QHttpServerRequest::Method::Delete:
            return "DELETE";
        default:
            return "OTHER";
    }
}

/// A real HTTP server on 127.0.0.1 that records every request and answers with whatever the test's
/// handler returns. Every request goes to QHttpServer's missing handler, which is the one place
/// that sees all of them.
class TestServer
{
public:
    using Handler = std::function<Answer(const RecordedRequest &)>;

    TestServer()
    {
        m_server.setMissingHandler([this](const QHttpServerRequest &request,
                                          QHttpServerResponder &&responder) {
            RecordedRequest recorded;
            recorded.method = methodName(request.method());
            recorded.path = request.url().path(QUrl::FullyEncoded);
            recorded.query = request.url().query(QUrl::FullyEncoded);
            recorded.headers = request.headers();
            recorded.body = request.body();
            requests.append(recorded);
            const Answer answer = m_handler ? m_handler(recorded) : Answer::raw(404, {});
            if (answer.never) {
                m_held.push_back(std::make_shared<QHttpServerResponder>(std::move(responder)));
                return;
            }
            responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(answer.status));
            responder.writeHeader("Content-Type", "application/json");
            responder.writeHeader("Content-Length", QByteArray::number(answer.body.size()));
            for (const auto &[key, value] : answer.headers)
                responder.writeHeader(key, value);
            responder.writeBody(answer.body);
        });
    }

    ~TestServer() { m_held.clear(); }

    bool listen() { return (m_port = m_server.listen(QHostAddress::LocalHost, 0)) != 0; }
    void sslSetup(const QSslCertificate &certificate, const QSslKey &key)
    {
        m_server.sslSetup(certificate, key);
    }
    QUrl url(const QString &scheme = u"http"_s) const
    {
        QUrl url;
        url.setScheme(scheme);
        url.setHost(u"127.0.0.1"_s);
        url.setPort(m_port);
        return url;
    }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void answerAll(const Answer &answer)
    {
        m_handler = [answer](const RecordedRequest &) { return answer; };
    }

    QList<RecordedRequest> requests;

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    Handler m_handler;
    std::vector<std::shared_ptr<QHttpServerResponder>> m_held;
};

QCborMap alertJson(qint64 seq, const QString &id = QString())
{
    QCborMap map;
    map.insert(u"id"_s, id.isEmpty() ? u"alert-"_s + QString::number(seq) : id);
    map.insert(u"seq"_s, seq);
    map.insert(u"patient_id"_s, u"42"_s);
    map.insert(u"hospital_id"_s, u"123"_s);
    map.insert(u"type"_s, u"sepsis_risk"_s);
    map.insert(u"priority"_s, u"high"_s);
    map.insert(u"title"_s, u"Sepsis risk 0.87"_s);
    map.insert(u"message"_s, u"Risk rose from 0.41 to 0.87 in 2 h"_s);
    QCborMap data;
    data.insert(u"score"_s, 0.87);
    map.insert(u"data"_s, data);
    map.insert(u"source"_s, u"risk_engine"_s);
    map.insert(u"created_at"_s, u"2026-11-25T17:00:00.000Z"_s);
    map.insert(u"state"_s, u"active"_s);
    map.insert(u"acknowledged_by"_s, QCborValue(nullptr));
    map.insert(u"acknowledged_at"_s, QCborValue(nullptr));
    map.insert(u"suppressed"_s, false);
    return map;
}

QCborArray alertsJson(qint64 firstSeq, qint64 lastSeq)
{
    QCborArray array;
    for (qint64 seq = firstSeq; seq <= lastSeq; ++seq)
        array.append(alertJson(seq));
    return array;
}

QCborMap loginJson()
{
    QCborMap user;
    user.insert(u"username"_s, u"nurse1"_s);
    user.insert(u"display_name"_s, u"Nurse One"_s);
    user.insert(u"role"_s, u"nurse"_s);
    user.insert(u"hospitals"_s, QCborArray{ u"123"_s, u"456"_s });
    QCborMap map;
    map.insert(u"access_token"_s, u"eyJhbGciOiJIUzI1NiJ9.e30.sig"_s);
    map.insert(u"token_type"_s, u"Bearer"_s);
    map.insert(u"expires_in"_s, 3600);
    map.insert(u"user"_s, user);
    return map;
}

QCborMap errorJson(const QString &code, const QString &message)
{
    QCborMap map;
    map.insert(u"error"_s, code);
    map.insert(u"message"_s, message);
    return map;
}

/// Collects the one answer a call is expected to give.
template<typename T>
struct Outcome
{
    std::optional<ApiResult<T>> result;
    int calls = 0;

    ApiClient::Callback<T> callback()
    {
        return [this](ApiResult<T> r) {
            ++calls;
            result.emplace(std::move(r));
        };
    }
    bool done() const { return calls > 0; }
    const T &value() const { return result->value(); }
    const ApiError &error() const { return result->error(); }
};

/// What QVERIFY2 prints when an outcome was an error where a value was expected. QVERIFY2
/// evaluates its message even when the check passes, so this must work for values too.
template<typename T>
QByteArray describe(const ApiResult<T> &result)
{
    if (result.ok())
        return QByteArray();
    const ApiError &error = result.error();
    return (apiErrorKindToString(error.kind) + u' ' + QString::number(error.httpStatus) + u' ' +
            error.field + u": "_s + error.message)
      .toUtf8();
}

constexpr int waitLimit = 15'000; // ms

} // namespace

class tst_ApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void loginSucceeds();
    void loginWithWrongPasswordIsUnauthorized();
    void loginAnswerIsChecked_data();
    void loginAnswerIsChecked();
    void bearerTokenOnlyInHeader();
    void historyQueryString();
    void historyParsesAlerts();
    void historyPager_data();
    void historyPager();
    void historyPagerStopsOnError();
    void historyPagerCanBeCancelledFromPage();
    void historyPagerRefusesServerThatIgnoresAfterSeq();
    void httpErrorsMapToKinds_data();
    void httpErrorsMapToKinds();
    void malformedJsonIsInvalidResponse_data();
    void malformedJsonIsInvalidResponse();
    void badAlertFailsThePage_data();
    void badAlertFailsThePage();
    void outOfOrderPageIsInvalidResponse();
    void acknowledgeEncodesIdInPath();
    void publishSingleAndBatch();
    void publishBatchCountMismatch();
    void triageQueueStatusAndHealth();
    void redirectIsReportedNotFollowed();
    void invalidRequestsFailAsynchronously();
    void oversizedAnswerIsRefused();
    void timeout();
    void cancelledRequestNeverCallsBack();
    void connectionRefusedIsNetworkError();
    void tlsUntrustedAndTrustedWithCaFile();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiClient> m_client;
};

void tst_ApiClient::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->listen());
    m_client = std::make_unique<ApiClient>();
    // The machine's proxy settings must not route loopback requests elsewhere.
    m_client->setUseSystemProxy(false);
    QVERIFY(!m_client->setBaseUrl(m_server->url()));
}

void tst_ApiClient::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void tst_ApiClient::loginSucceeds()
{
    m_server->answerAll(Answer::json(200, loginJson()));
    Outcome<LoginResult> outcome;
    m_client->login(u"nurse1"_s, u"s3cret pass"_s, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY2(outcome.result->ok(), describe(*outcome.result).constData());

    const LoginResult &login = outcome.value();
    QCOMPARE(login.accessToken, u"eyJhbGciOiJIUzI1NiJ9.e30.sig"_s);
    QCOMPARE(login.tokenType, u"Bearer"_s);
    QCOMPARE(login.expiresInSeconds, 3600);
    QCOMPARE(login.user.username, u"nurse1"_s);
    QCOMPARE(login.user.displayName, u"Nurse One"_s);
    QCOMPARE(login.user.role, u"nurse"_s);
    QCOMPARE(login.user.hospitals, (QStringList{ u"123"_s, u"456"_s }));

    QCOMPARE(m_server->requests.size(), 1);
    const RecordedRequest &request = m_server->requests.constFirst();
    QCOMPARE(request.method, "POST");
    QCOMPARE(request.path, u"/api/auth/login"_s);
    QVERIFY(request.header("Content-Type").value_or(QByteArray()).startsWith("application/json"));
    QVERIFY(!request.header("Authorization"));
    const auto body = json::parse(request.body);
    QVERIFY(body && body->isMap());
    QCOMPARE(body->toMap().value(u"username"_s).toString(), u"nurse1"_s);
    QCOMPARE(body->toMap().value(u"password"_s).toString(), u"s3cret pass"_s);
    QCOMPARE(m_client->pendingCount(), 0);
}

void tst_ApiClient::loginWithWrongPasswordIsUnauthorized()
{
    m_server->answerAll(
      Answer::json(401, errorJson(u"invalid_credentials"_s, u"Invalid username or password"_s)));
    Outcome<LoginResult> outcome;
    m_client->login(u"nurse1"_s, u"wrong"_s, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::Unauthorized);
    QCOMPARE(outcome.error().httpStatus, 401);
    QCOMPARE(outcome.error().serverError, u"invalid_credentials"_s);
    QCOMPARE(outcome.error().message, u"Invalid username or password"_s);
    QCOMPARE(outcome.calls, 1);
}

void tst_ApiClient::loginAnswerIsChecked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    auto without = [](const QString &key) {
        QCborMap map = loginJson();
        map.remove(key);
        return json::write(map);
    };
    auto withUser = [](const QString &key, const QCborValue &value) {
        QCborMap map = loginJson();
        QCborMap user = map.value(u"user"_s).toMap();
        if (value.isUndefined())
            user.remove(key);
        else
            user.insert(key, value);
        map.insert(u"user"_s, user);
        return json::write(map);
    };
    auto with = [](const QString &key, const QCborValue &value) {
        QCborMap map = loginJson();
        map.insert(key, value);
        return json::write(map);
    };

    QTest::newRow("not JSON") << QByteArray("<html>") << QString();
    QTest::newRow("array") << QByteArray("[]") << QString();
    QTest::newRow("no token") << without(u"access_token"_s) << u"access_token"_s;
    QTest::newRow("empty token") << with(u"access_token"_s, u""_s) << u"access_token"_s;
    QTest::newRow("numeric token") << with(u"access_token"_s, 5) << u"access_token"_s;
    QTest::newRow("other token type") << with(u"token_type"_s, u"MAC"_s) << u"token_type"_s;
    QTest::newRow("no expiry") << without(u"expires_in"_s) << u"expires_in"_s;
    QTest::newRow("expiry text") << with(u"expires_in"_s, u"3600"_s) << u"expires_in"_s;
    QTest::newRow("no user") << without(u"user"_s) << u"user"_s;
    QTest::newRow("no username") << withUser(u"username"_s, QCborValue()) << u"user.username"_s;
    QTest::newRow("no role") << withUser(u"role"_s, QCborValue()) << u"user.role"_s;
    QTest::newRow("hospitals not array")
      << withUser(u"hospitals"_s, u"123"_s) << u"user.hospitals"_s;
    QTest::newRow("hospital not string")
      << withUser(u"hospitals"_s, QCborArray{ u"123"_s, 7 }) << u"user.hospitals[1]"_s;
}

void tst_ApiClient::loginAnswerIsChecked()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    m_server->answerAll(Answer::raw(200, body));
    Outcome<LoginResult> outcome;
    m_client->login(u"nurse1"_s, u"pw"_s, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
    QCOMPARE(outcome.error().field, field);
    QVERIFY(!outcome.error().message.isEmpty());
}

void tst_ApiClient::bearerTokenOnlyInHeader()
{
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJudXJzZTEifQ.c2lnbmF0dXJl"_s;
    QCborMap health;
    health.insert(u"status"_s, u"ok"_s);
    m_server->setHandler([&](const RecordedRequest &request) {
        if (request.path == "/api/health"_L1)
            return Answer::json(200, health);
        return Answer::json(200, QCborArray());
    });
    m_client->setBearerToken(token);
    QVERIFY(m_client->hasBearerToken());

    Outcome<QList<Alert>> active;
    m_client->activeAlerts(u"123"_s, active.callback());
    QTRY_VERIFY_WITH_TIMEOUT(active.done(), waitLimit);
    QVERIFY2(active.result->ok(), describe(*active.result).constData());

    Outcome<HealthStatus> healthOutcome;
    m_client->health(healthOutcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(healthOutcome.done(), waitLimit);
    QVERIFY(healthOutcome.result->ok());

    QCOMPARE(m_server->requests.size(), 2);
    const RecordedRequest &authenticated = m_server->requests.at(0);
    QCOMPARE(authenticated.path, u"/api/alerts/active"_s);
    QCOMPARE(authenticated.urlQuery().queryItemValue(u"hospital_id"_s), u"123"_s);
    QCOMPARE(authenticated.header("Authorization"), std::optional("Bearer " + token.toUtf8()));
    for (const RecordedRequest &request : std::as_const(m_server->requests)) {
        QVERIFY(!request.path.contains(token));
        QVERIFY(!request.query.contains(token));
        QVERIFY(!request.query.contains(u"token"_s));
    }
    // Health needs no credentials, so the token does not travel there.
    QVERIFY(!m_server->requests.at(1).header("Authorization"));

    m_client->clearBearerToken();
    Outcome<QList<Alert>> anonymous;
    m_client->activeAlerts(QString(), anonymous.callback());
    QTRY_VERIFY_WITH_TIMEOUT(anonymous.done(), waitLimit);
    QVERIFY(!m_server->requests.constLast().header("Authorization"));
    QVERIFY(m_server->requests.constLast().query.isEmpty());
}

void tst_ApiClient::historyQueryString()
{
    m_server->answerAll(Answer::json(200, QCborArray()));
    HistoryQuery query;
    query.patientId = u"a+b&c=d e"_s;
    query.hospitalId = u"123"_s;
    query.rooms = QStringList{ u"patient_42"_s, u"hospital_123"_s, u"triage_queue"_s };
    query.afterSeq = 17;
    query.limit = 50;
    Outcome<QList<Alert>> outcome;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY2(outcome.result->ok(), describe(*outcome.result).constData());
    QVERIFY(outcome.value().isEmpty());

    QCOMPARE(m_server->requests.size(), 1);
    const RecordedRequest &request = m_server->requests.constFirst();
    QCOMPARE(request.method, "GET");
    QCOMPARE(request.path, u"/api/alerts/history"_s);
    const QUrlQuery q = request.urlQuery();
    QCOMPARE(q.queryItemValue(u"patient_id"_s, QUrl::FullyDecoded), query.patientId);
    // A literal `+` would turn into a space on servers that decode queries as forms.
    QVERIFY2(request.query.contains("%2B"_L1), qPrintable(request.query));
    QVERIFY(!request.query.contains(u'+'));
    QCOMPARE(q.queryItemValue(u"hospital_id"_s), u"123"_s);
    QCOMPARE(q.allQueryItemValues(u"room"_s), query.rooms);
    QCOMPARE(q.queryItemValue(u"after_seq"_s), u"17"_s);
    QCOMPARE(q.queryItemValue(u"limit"_s), u"50"_s);
}

void tst_ApiClient::historyParsesAlerts()
{
    QCborArray page = alertsJson(5, 6);
    QCborMap acknowledged = alertJson(9, u"ack-9"_s);
    acknowledged.insert(u"state"_s, u"acknowledged"_s);
    acknowledged.insert(u"acknowledged_by"_s, u"nurse2"_s);
    acknowledged.insert(u"acknowledged_at"_s, u"2026-11-25T17:05:00.000Z"_s);
    // A newer server's extra field must not cost the alert.
    acknowledged.insert(u"escalation_level"_s, 2);
    page.append(acknowledged);
    m_server->answerAll(Answer::json(200, page));

    HistoryQuery query;
    query.rooms = QStringList{ u"patient_42"_s };
    query.afterSeq = 4;
    Outcome<QList<Alert>> outcome;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY2(outcome.result->ok(), describe(*outcome.result).constData());

    const QList<Alert> &alerts = outcome.value();
    QCOMPARE(alerts.size(), 3);
    QCOMPARE(alerts.at(0).id, u"alert-5"_s);
    QCOMPARE(alerts.at(0).seq, 5);
    QCOMPARE(alerts.at(0).priority, Priority::High);
    QCOMPARE(alerts.at(0).patientId, u"42"_s);
    QCOMPARE(alerts.at(0).data.value(u"score"_s).toDouble(), 0.87);
    QCOMPARE(alerts.at(1).seq, 6);
    QCOMPARE(alerts.at(2).id, u"ack-9"_s);
    QCOMPARE(alerts.at(2).state, AlertState::Acknowledged);
    QCOMPARE(alerts.at(2).acknowledgedBy, u"nurse2"_s);
    QVERIFY(alerts.at(2).acknowledgedAt.has_value());
    QCOMPARE(m_server->requests.constFirst().urlQuery().queryItemValue(u"limit"_s),
             QString::number(HistoryQuery::defaultLimit));
}

void tst_ApiClient::historyPager_data()
{
    QTest::addColumn<int>("stored");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("afterSeq");
    QTest::addColumn<QList<int>>("askedAfter");

    QTest::newRow("last page short") << 7 << 3 << 0 << QList<int>{ 0, 3, 6 };
    QTest::newRow("last page empty") << 6 << 3 << 0 << QList<int>{ 0, 3, 6 };
    QTest::newRow("one short page") << 2 << 500 << 0 << QList<int>{ 0 };
    QTest::newRow("nothing stored") << 0 << 10 << 0 << QList<int>{ 0 };
    QTest::newRow("resume in the middle") << 10 << 4 << 5 << QList<int>{ 5, 9 };
    QTest::newRow("limit 1") << 3 << 1 << 0 << QList<int>{ 0, 1, 2, 3 };
}

void tst_ApiClient::historyPager()
{
    QFETCH(int, stored);
    QFETCH(int, limit);
    QFETCH(int, afterSeq);
    QFETCH(QList<int>, askedAfter);

    // Serves seq 1..stored the way the contract says: after after_seq, at most limit, ascending.
    m_server->setHandler([stored](const RecordedRequest &request) {
        const QUrlQuery q = request.urlQuery();
        const qint64 after = q.queryItemValue(u"after_seq"_s).toLongLong();
        const qint64 pageLimit = q.queryItemValue(u"limit"_s).toLongLong();
        const qint64 first = after + 1;
        const qint64 last = std::min<qint64>(stored, after + pageLimit);
        return Answer::json(200, first <= last ? alertsJson(first, last) : QCborArray());
    });

    HistoryQuery query;
    query.hospitalId = u"123"_s;
    query.limit = limit;
    query.afterSeq = afterSeq;
    QList<qint64> received;
    QList<HistoryProgress> progressReports;
    Outcome<HistoryProgress> outcome;
    m_client->historyAll(
      query,
      [&](const QList<Alert> &page, const HistoryProgress &progress) {
          for (const Alert &alert : page)
              received.append(alert.seq);
          progressReports.append(progress);
      },
      outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY2(outcome.result->ok(), describe(*outcome.result).constData());

    QList<qint64> expected;
    for (qint64 seq = afterSeq + 1; seq <= stored; ++seq)
        expected.append(seq);
    QCOMPARE(received, expected);

    QList<int> asked;
    for (const RecordedRequest &request : std::as_const(m_server->requests)) {
        const QUrlQuery q = request.urlQuery();
        asked.append(q.queryItemValue(u"after_seq"_s).toInt());
        QCOMPARE(q.queryItemValue(u"limit"_s), QString::number(limit));
        QCOMPARE(q.queryItemValue(u"hospital_id"_s), u"123"_s);
    }
    QCOMPARE(asked, askedAfter);

    const HistoryProgress totals = outcome.value();
    QCOMPARE(totals.pages, askedAfter.size());
    QCOMPARE(totals.alerts, expected.size());
    QCOMPARE(totals.lastSeq, expected.isEmpty() ? afterSeq : expected.constLast());
    QCOMPARE(progressReports.size(), askedAfter.size());
    QCOMPARE(progressReports.constLast(), totals);
    for (qsizetype i = 1; i < progressReports.size(); ++i)
        QVERIFY(progressReports.at(i).alerts >= progressReports.at(i - 1).alerts);
    QCOMPARE(outcome.calls, 1);
    QCOMPARE(m_client->pendingCount(), 0);
}

void tst_ApiClient::historyPagerStopsOnError()
{
    m_server->setHandler([](const RecordedRequest &request) {
        const qint64 after = request.urlQuery().queryItemValue(u"after_seq"_s).toLongLong();
        if (after == 0)
            return Answer::json(200, alertsJson(1, 2));
        return Answer::json(500, errorJson(u"internal"_s, u"database unavailable"_s));
    });
    HistoryQuery query;
    query.rooms = QStringList{ u"hospital_123"_s };
    query.limit = 2;
    int pages = 0;
    Outcome<HistoryProgress> outcome;
    m_client->historyAll(
      query, [&](const QList<Alert> &, const HistoryProgress &) { ++pages; }, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::Http);
    QCOMPARE(outcome.error().httpStatus, 500);
    QCOMPARE(outcome.error().message, u"database unavailable"_s);
    QCOMPARE(pages, 1);
    // Nothing is in flight, so no third request can follow.
    QCOMPARE(m_client->pendingCount(), 0);
    QCOMPARE(m_server->requests.size(), 2);
}

void tst_ApiClient::historyPagerCanBeCancelledFromPage()
{
    m_server->setHandler(
      [](const RecordedRequest &) { return Answer::json(200, alertsJson(1, 2)); });
    HistoryQuery query;
    query.rooms = QStringList{ u"hospital_123"_s };
    query.limit = 2;
    int pages = 0;
    int finished = 0;
    ApiClient::RequestId id = 0;
    id = m_client->historyAll(
      query,
      [&](const QList<Alert> &, const HistoryProgress &) {
          ++pages;
          m_client->cancel(id);
      },
      [&](ApiResult<HistoryProgress>) { ++finished; });
    QTRY_COMPARE_WITH_TIMEOUT(pages, 1, waitLimit);
    QCOMPARE(m_client->pendingCount(), 0);
    QCOMPARE(m_server->requests.size(), 1);
    QCOMPARE(finished, 0);
}

void tst_ApiClient::historyPagerRefusesServerThatIgnoresAfterSeq()
{
    // A backend that ignores after_seq would make a naive pager loop forever.
    m_server->answerAll(Answer::json(200, alertsJson(1, 3)));
    HistoryQuery query;
    query.patientId = u"42"_s;
    query.limit = 3;
    Outcome<HistoryProgress> outcome;
    m_client->historyAll(query, {}, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
    QCOMPARE(outcome.error().field, u"[0].seq"_s);
    QCOMPARE(m_server->requests.size(), 2);
}

void tst_ApiClient::httpErrorsMapToKinds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<QString>("serverError");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfterSeconds"); // -1: none

    auto body = [](const QString &code, const QString &message) {
        return json::write(errorJson(code, message));
    };
    QTest::newRow("400") << 400 << body(u"bad_request"_s, u"room is required"_s) << QByteArray()
                         << ApiError::Kind::BadRequest << u"bad_request"_s << u"room is required"_s
                         << -1;
    QTest::newRow("401 expired") << 401 << body(u"token_expired"_s, u"Token expired"_s)
                                 << QByteArray() << ApiError::Kind::Unauthorized
                                 << u"token_expired"_s << u"Token expired"_s << -1;
    QTest::newRow("403") << 403 << body(u"forbidden"_s, u"Not allowed to see hospital 9"_s)
                         << QByteArray() << ApiError::Kind::Forbidden << u"forbidden"_s
                         << u"Not allowed to see hospital 9"_s << -1;
    QTest::newRow("404") << 404 << body(u"not_found"_s, u"No such alert"_s) << QByteArray()
                         << ApiError::Kind::NotFound << u"not_found"_s << u"No such alert"_s << -1;
    QTest::newRow("413") << 413 << body(u"payload_too_large"_s, u"Body over 1000000 bytes"_s)
                         << QByteArray() << ApiError::Kind::PayloadTooLarge
                         << u"payload_too_large"_s << u"Body over 1000000 bytes"_s << -1;
    QTest::newRow("429 seconds") << 429 << body(u"rate_limited"_s, u"Too many requests"_s)
                                 << QByteArray("30") << ApiError::Kind::RateLimited
                                 << u"rate_limited"_s << u"Too many requests"_s << 30;
    QTest::newRow("429 no header")
      << 429 << body(u"rate_limited"_s, u"Slow down"_s) << QByteArray()
      << ApiError::Kind::RateLimited << u"rate_limited"_s << u"Slow down"_s << -1;
    QTest::newRow("429 past date")
      << 429 << body(u"rate_limited"_s, u"Slow down"_s)
      << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << ApiError::Kind::RateLimited
      << u"rate_limited"_s << u"Slow down"_s << 0;
    QTest::newRow("500") << 500 << body(u"internal"_s, u"Internal error"_s) << QByteArray()
                         << ApiError::Kind::Http << u"internal"_s << u"Internal error"_s << -1;
    QTest::newRow("500 without JSON")
      << 500 << QByteArray("<h1>oops</h1>") << QByteArray() << ApiError::Kind::Http << QString()
      << u"HTTP 500 Internal Server Error"_s << -1;
    QTest::newRow("502 empty") << 502 << QByteArray() << QByteArray() << ApiError::Kind::Http
                               << QString() << u"HTTP 502 Bad Gateway"_s << -1;
}

void tst_ApiClient::httpErrorsMapToKinds()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(ApiError::Kind, kind);
    QFETCH(QString, serverError);
    QFETCH(QString, message);
    QFETCH(int, retryAfterSeconds);

    Answer answer = Answer::raw(status, body);
    if (!retryAfter.isEmpty())
        answer.headers.append(qMakePair(QByteArray("Retry-After"), retryAfter));
    m_server->answerAll(answer);
    Outcome<QList<Alert>> outcome;
    HistoryQuery query;
    query.hospitalId = u"9"_s;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    const ApiError &error = outcome.error();
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.serverError, serverError);
    QCOMPARE(error.message, message);
    if (retryAfterSeconds < 0)
        QVERIFY(!error.retryAfterSeconds);
    else
        QCOMPARE(error.retryAfterSeconds, std::optional<int>(retryAfterSeconds));
}

void tst_ApiClient::malformedJsonIsInvalidResponse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArray(R"([{"id":"a","seq":)");
    QTest::newRow("html") << QByteArray("<html><body>proxy login</body></html>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("object instead of array") << QByteArray(R"({"alerts":[]})");
    QTest::newRow("deeply nested") << QByteArray(100'000, '[');
}

void tst_ApiClient::malformedJsonIsInvalidResponse()
{
    QFETCH(QByteArray, body);
    m_server->answerAll(Answer::raw(200, body));
    Outcome<QList<Alert>> outcome;
    HistoryQuery query;
    query.patientId = u"42"_s;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
    QCOMPARE(outcome.error().httpStatus, 0);
    QVERIFY(!outcome.error().message.isEmpty());
}

void tst_ApiClient::badAlertFailsThePage_data()
{
    QTest::addColumn<QString>("key");      // empty: replace the whole alert by the value
    QTest::addColumn<QCborValue>("value"); // undefined: remove the key
    QTest::addColumn<QString>("field");

    QTest::newRow("not an object") << QString() << QCborValue(u"alert"_s) << u"[1]"_s;
    QTest::newRow("null") << QString() << QCborValue(nullptr) << u"[1]"_s;

    QTest::newRow("priority as number") << u"priority"_s << QCborValue(3) << u"[1].priority"_s;
    QTest::newRow("no id") << u"id"_s << QCborValue() << u"[1].id"_s;
    QTest::newRow("no seq") << u"seq"_s << QCborValue() << u"[1].seq"_s;
    QTest::newRow("seq as text") << u"seq"_s << QCborValue(u"2"_s) << u"[1].seq"_s;
    QTest::newRow("bad timestamp")
      << u"created_at"_s << QCborValue(u"yesterday"_s) << u"[1].created_at"_s;
}

void tst_ApiClient::badAlertFailsThePage()
{
    QFETCH(QString, key);
    QFETCH(QCborValue, value);
    QFETCH(QString, field);

    QCborArray page = alertsJson(1, 3);
    QCborMap broken = page.at(1).toMap();
    if (key.isEmpty()) {
        page[1] = value;
    } else {
        if (value.isUndefined())
            broken.remove(key);
        else
            broken.insert(key, value);
        page[1] = broken;
    }
    m_server->answerAll(Answer::json(200, page));

    HistoryQuery query;
    query.patientId = u"42"_s;
    Outcome<QList<Alert>> outcome;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY2(!outcome.result->ok(), "a page with a bad alert must fail, not skip the alert");
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
    QCOMPARE(outcome.error().field, field);
    QVERIFY2(outcome.error().message.contains(u"alert 1"_s), qPrintable(outcome.error().message));

    // The pager fails the same way and hands out nothing of the broken page.
    int pages = 0;
    Outcome<HistoryProgress> paged;
    m_client->historyAll(
      query, [&](const QList<Alert> &, const HistoryProgress &) { ++pages; }, paged.callback());
    QTRY_VERIFY_WITH_TIMEOUT(paged.done(), waitLimit);
    QVERIFY(!paged.result->ok());
    QCOMPARE(paged.error().field, field);
    QCOMPARE(pages, 0);
}

void tst_ApiClient::outOfOrderPageIsInvalidResponse()
{
    QCborArray page;
    page.append(alertJson(4));
    page.append(alertJson(3));
    m_server->answerAll(Answer::json(200, page));
    HistoryQuery query;
    query.patientId = u"42"_s;
    Outcome<QList<Alert>> outcome;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
    QCOMPARE(outcome.error().field, u"[1].seq"_s);
}

void tst_ApiClient::acknowledgeEncodesIdInPath()
{
    QCborMap acknowledged = alertJson(8, u"a/b c?"_s);
    acknowledged.insert(u"state"_s, u"acknowledged"_s);
    acknowledged.insert(u"acknowledged_by"_s, u"nurse1"_s);
    acknowledged.insert(u"acknowledged_at"_s, u"2026-11-25T17:05:00.000Z"_s);
    m_server->answerAll(Answer::json(200, acknowledged));
    m_client->setBearerToken(u"tok"_s);

    Outcome<Alert> outcome;
    m_client->acknowledge(u"a/b c?"_s, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY2(outcome.result->ok(), describe(*outcome.result).constData());
    QCOMPARE(outcome.value().id, u"a/b c?"_s);
    QCOMPARE(outcome.value().state, AlertState::Acknowledged);
    QCOMPARE(outcome.value().acknowledgedBy, u"nurse1"_s);

    const RecordedRequest &request = m_server->requests.constFirst();
    QCOMPARE(request.method, "POST");
    QCOMPARE(request.path, u"/api/alerts/a%2Fb%20c%3F/acknowledge"_s);
    QVERIFY(request.query.isEmpty());
    QCOMPARE(request.header("Authorization"), std::optional(QByteArray("Bearer tok")));
}

void tst_ApiClient::publishSingleAndBatch()
{
    AlertInput input;
    input.patientId = u"42"_s;
    input.hospitalId = u"123"_s;
    input.type = u"vitals"_s;
    input.priority = Priority::Medium;
    input.title = u"SpO2 89 %"_s;
    input.source = u"monitor"_s;

    m_server->setHandler([](const RecordedRequest &request) {
        const auto body = json::parse(request.body);
        if (body && body->isArray())
            return Answer::json(201, alertsJson(11, 10 + body->toArray().size()));
        return Answer::json(201, alertJson(10));
    });

    Outcome<Alert> single;
    m_client->publish(input, single.callback());
    QTRY_VERIFY_WITH_TIMEOUT(single.done(), waitLimit);
    QVERIFY2(single.result->ok(), describe(*single.result).constData());
    QCOMPARE(single.value().seq, 10);

    AlertInput second = input;
    second.priority = Priority::Low;
    Outcome<QList<Alert>> batch;
    m_client->publish(QList<AlertInput>{ input, second }, batch.callback());
    QTRY_VERIFY_WITH_TIMEOUT(batch.done(), waitLimit);
    QVERIFY2(batch.result->ok(), describe(*batch.result).constData());
    QCOMPARE(batch.value().size(), 2);
    QCOMPARE(batch.value().at(1).seq, 12);

    QCOMPARE(m_server->requests.size(), 2);
    const RecordedRequest &first = m_server->requests.at(0);
    QCOMPARE(first.method, "POST");
    QCOMPARE(first.path, u"/api/alerts"_s);
    const auto firstBody = json::parse(first.body);
    QVERIFY(firstBody);
    const auto parsedInput = AlertInput::fromJson(*firstBody);
    QVERIFY(parsedInput);
    QCOMPARE(*parsedInput, input);

    const auto secondBody = json::parse(m_server->requests.at(1).body);
    QVERIFY(secondBody && secondBody->isArray());
    QCOMPARE(secondBody->toArray().size(), 2);
    const auto parsedSecond = AlertInput::fromJson(secondBody->toArray().at(1));
    QVERIFY(parsedSecond);
    QCOMPARE(*parsedSecond, second);
}

void tst_ApiClient::publishBatchCountMismatch()
{
    m_server->answerAll(Answer::json(201, alertsJson(1, 1)));
    AlertInput input;
    input.patientId = u"42"_s;
    input.hospitalId = u"123"_s;
    input.title = u"t"_s;
    Outcome<QList<Alert>> outcome;
    m_client->publish(QList<AlertInput>{ input, input }, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
}

void tst_ApiClient::triageQueueStatusAndHealth()
{
    QCborMap entry;
    entry.insert(u"patient_id"_s, u"42"_s);
    entry.insert(u"hospital_id"_s, u"123"_s);
    entry.insert(u"display_name"_s, u"J. Doe"_s);
    entry.insert(u"acuity"_s, 2);
    entry.insert(u"risk_score"_s, 0.5);
    entry.insert(u"status"_s, u"waiting"_s);
    entry.insert(u"waiting_since"_s, u"2026-11-25T16:00:00.000Z"_s);
    entry.insert(u"updated_at"_s, u"2026-11-25T16:30:00.000Z"_s);
    QCborMap badEntry = entry;
    badEntry.insert(u"acuity"_s, 9);

    QCborMap rooms;
    rooms.insert(u"triage_queue"_s, 3);
    rooms.insert(u"hospital_123"_s, 2);
    QCborMap status;
    status.insert(u"active_connections"_s, 5);
    status.insert(u"rooms"_s, rooms);

    QCborMap health;
    health.insert(u"status"_s, u"ok"_s);
    health.insert(u"version"_s, u"0.1.0"_s);
    health.insert(u"uptime_s"_s, 12);
    health.insert(u"store"_s, u"sqlite"_s);

    bool badTriage = false;
    m_server->setHandler([&](const RecordedRequest &request) {
        if (request.path == "/api/triage/queue"_L1)
            return Answer::json(200, QCborArray{ entry, badTriage ? badEntry : entry });
        if (request.path == "/api/status/socket"_L1)
            return Answer::json(200, status);
        if (request.path == "/api/health"_L1)
            return Answer::json(200, health);
        return Answer::raw(404, {});
    });

    Outcome<QList<TriageEntry>> triage;
    m_client->triageQueue(u"123"_s, triage.callback());
    QTRY_VERIFY_WITH_TIMEOUT(triage.done(), waitLimit);
    QVERIFY2(triage.result->ok(), describe(*triage.result).constData());
    QCOMPARE(triage.value().size(), 2);
    QCOMPARE(triage.value().at(0).displayName, u"J. Doe"_s);
    QCOMPARE(triage.value().at(0).acuity, 2);
    QCOMPARE(m_server->requests.constLast().urlQuery().queryItemValue(u"hospital_id"_s), u"123"_s);

    badTriage = true;
    Outcome<QList<TriageEntry>> triageBad;
    m_client->triageQueue(QString(), triageBad.callback());
    QTRY_VERIFY_WITH_TIMEOUT(triageBad.done(), waitLimit);
    QVERIFY(!triageBad.result->ok());
    QCOMPARE(triageBad.error().kind, ApiError::Kind::InvalidResponse);
    QCOMPARE(triageBad.error().field, u"[1].acuity"_s);

    Outcome<SocketStatus> socket;
    m_client->socketStatus(socket.callback());
    QTRY_VERIFY_WITH_TIMEOUT(socket.done(), waitLimit);
    QVERIFY2(socket.result->ok(), describe(*socket.result).constData());
    QCOMPARE(socket.value().activeConnections, 5);
    QCOMPARE(socket.value().rooms.value(u"triage_queue"_s), 3);
    QCOMPARE(socket.value().rooms.value(u"hospital_123"_s), 2);
    QVERIFY(!socket.value().uptimeSeconds);

    Outcome<HealthStatus> healthOutcome;
    m_client->health(healthOutcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(healthOutcome.done(), waitLimit);
    QVERIFY2(healthOutcome.result->ok(), describe(*healthOutcome.result).constData());
    QCOMPARE(healthOutcome.value().status, u"ok"_s);
    QCOMPARE(healthOutcome.value().version, u"0.1.0"_s);
    QCOMPARE(healthOutcome.value().uptimeSeconds, std::optional<qint64>(12));
    QCOMPARE(healthOutcome.value().store, u"sqlite"_s);
}

void tst_ApiClient::redirectIsReportedNotFollowed()
{
    Answer redirect = Answer::raw(302, {});
    redirect.headers.append(
      qMakePair(QByteArray("Location"), QByteArray("http://127.0.0.1:1/elsewhere")));
    m_server->answerAll(redirect);
    m_client->setBearerToken(u"secret-token"_s);
    Outcome<QList<Alert>> outcome;
    m_client->activeAlerts(QString(), outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::Http);
    QCOMPARE(outcome.error().httpStatus, 302);
    QVERIFY(outcome.error().message.contains(u"http://127.0.0.1:1/elsewhere"_s));
    QCOMPARE(m_server->requests.size(), 1);
}

void tst_ApiClient::invalidRequestsFailAsynchronously()
{
    HistoryQuery noFilter;
    Outcome<QList<Alert>> unfiltered;
    m_client->history(noFilter, unfiltered.callback());

    HistoryQuery tooMany;
    tooMany.patientId = u"42"_s;
    tooMany.limit = HistoryQuery::maxLimit + 1;
    Outcome<HistoryProgress> overLimit;
    m_client->historyAll(tooMany, {}, overLimit.callback());

    Outcome<Alert> emptyId;
    m_client->acknowledge(QString(), emptyId.callback());

    ApiClient other;
    other.setUseSystemProxy(false);
    const auto urlError = other.setBaseUrl(QUrl(u"ftp://127.0.0.1/"_s));
    QVERIFY(urlError);
    QCOMPARE(urlError->kind, ApiError::Kind::InvalidRequest);
    Outcome<HealthStatus> badScheme;
    other.health(badScheme.callback());

    // Never from inside the call: callers may still be setting up when it returns.
    QVERIFY(!unfiltered.done());
    QVERIFY(!overLimit.done());
    QVERIFY(!emptyId.done());
    QVERIFY(!badScheme.done());

    QTRY_VERIFY_WITH_TIMEOUT(
      unfiltered.done() && overLimit.done() && emptyId.done() && badScheme.done(), waitLimit);
    QCOMPARE(unfiltered.error().kind, ApiError::Kind::InvalidRequest);
    QCOMPARE(overLimit.error().kind, ApiError::Kind::InvalidRequest);
    QCOMPARE(emptyId.error().kind, ApiError::Kind::InvalidRequest);
    QCOMPARE(badScheme.error().kind, ApiError::Kind::InvalidRequest);
    QVERIFY(m_server->requests.isEmpty());
    QCOMPARE(m_client->pendingCount(), 0);
}

void tst_ApiClient::oversizedAnswerIsRefused()
{
    m_server->answerAll(Answer::json(200, alertsJson(1, 50)));
    m_client->setMaxResponseBytes(2'000);
    HistoryQuery query;
    query.patientId = u"42"_s;
    Outcome<QList<Alert>> outcome;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::InvalidResponse);
    QVERIFY(outcome.error().message.contains(u"2000"_s));
}

void tst_ApiClient::timeout()
{
    m_server->answerAll(Answer::silence());
    m_client->setTimeout(300ms);
    QCOMPARE(m_client->timeout(), 300ms);
    HistoryQuery query;
    query.patientId = u"42"_s;
    Outcome<QList<Alert>> outcome;
    m_client->history(query, outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::Timeout);
    QCOMPARE(outcome.calls, 1);
    QCOMPARE(m_server->requests.size(), 1);
}

void tst_ApiClient::cancelledRequestNeverCallsBack()
{
    m_server->answerAll(Answer::silence());
    m_client->setTimeout(300ms);
    HistoryQuery query;
    query.patientId = u"42"_s;
    Outcome<QList<Alert>> cancelled;
    const ApiClient::RequestId id = m_client->history(query, cancelled.callback());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests.size(), 1, waitLimit);
    m_client->cancel(id);
    QCOMPARE(m_client->pendingCount(), 0);

    // Started later with the same timeout, this one times out after the cancelled one would have.
    Outcome<QList<Alert>> later;
    m_client->history(query, later.callback());
    QTRY_VERIFY_WITH_TIMEOUT(later.done(), waitLimit);
    QCOMPARE(later.error().kind, ApiError::Kind::Timeout);
    QCOMPARE(cancelled.calls, 0);
}

void tst_ApiClient::connectionRefusedIsNetworkError()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port);
    QVERIFY(!m_client->setBaseUrl(url));
    Outcome<HealthStatus> outcome;
    m_client->health(outcome.callback());
    QTRY_VERIFY_WITH_TIMEOUT(outcome.done(), waitLimit);
    QVERIFY(!outcome.result->ok());
    QCOMPARE(outcome.error().kind, ApiError::Kind::Network);
    QCOMPARE(outcome.error().httpStatus, 0);
    QVERIFY(!outcome.error().message.isEmpty());
}

void tst_ApiClient::tlsUntrustedAndTrustedWithCaFile()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("the openssl command is not installed, so no test certificate can be made");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certPath = dir.filePath(u"cert.pem"_s);
    const QString keyPath = dir.filePath(u"key.pem"_s);
    QProcess process;
    process.start(openssl,
                  { u"req"_s,
                    u"-x509"_s,
                    u"-newkey"_s,
                    u"ec"_s,
                    u"-pkeyopt"_s,
                    u"ec_paramgen_curve:prime256v1"_s,
                    u"-nodes"_s,
                    u"-keyout"_s,
                    keyPath,
                    u"-out"_s,
                    certPath,
                    u"-days"_s,
                    u"2"_s,
                    u"-subj"_s,
                    u"/CN=127.0.0.1"_s,
                    u"-addext"_s,
                    u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s });
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        process.kill();
        QSKIP(qPrintable(u"openssl could not make a test certificate: "_s +
                         QString::fromLocal8Bit(process.readAllStandardError())));
    }
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Ec, QSsl::Pem);
    QVERIFY(!certificate.isNull());
    QVERIFY(!key.isNull());

    TestServer tlsServer;
    tlsServer.sslSetup(certificate, key);
    QVERIFY(tlsServer.listen());
    QCborMap health;
    health.insert(u"status"_s, u"ok"_s);
    tlsServer.answerAll(Answer::json(200, health));

    ApiClient client;
    client.setUseSystemProxy(false);
    QVERIFY(!client.setBaseUrl(tlsServer.url(u"https"_s)));

    Outcome<HealthStatus> untrusted;
    client.health(untrusted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(untrusted.done(), waitLimit);
    QVERIFY(!untrusted.result->ok());
    QCOMPARE(untrusted.error().kind, ApiError::Kind::Tls);
    QVERIFY(tlsServer.requests.isEmpty());

    const QString missing = dir.filePath(u"missing.pem"_s);
    QVERIFY(client.setCaCertificatesFile(missing));
    QVERIFY(client.setCaCertificatesFile(keyPath)); // a key, not a certificate
    QVERIFY(!client.setCaCertificatesFile(certPath));
    Outcome<HealthStatus> trusted;
    client.health(trusted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(trusted.done(), waitLimit);
    QVERIFY2(trusted.result->ok(), describe(*trusted.result).constData());
    QCOMPARE(trusted.value().status, u"ok"_s);
    QCOMPARE(tlsServer.requests.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
