// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/WatchCommand.h"

#include <QCborMap>

#include "cli/Output.h"
#include "client/ApiClient.h"
#include "client/Manager.h"
#include "client/Socket.h"

namespace vigil::cli {

using namespace vigil::client;
using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr int loginRetryMs = 2'000;

} // namespace

WatchCommand::WatchCommand(const CliOptions &options,
                           const QString &token,
                           std::optional<QString> password,
                           QObject *parent)
  : QObject(parent)
  , m_options(options)
  , m_token(token)
  , m_password(std::move(password))
{
    ManagerOptions managerOptions;
    managerOptions.transport.caFile = m_options.caFile;
    m_manager = new Manager(m_options.server, managerOptions, {}, this);
    m_socket = m_manager->socket();
    m_socket->setAuth([this] {
        QCborMap auth;
        auth.insert("token"_L1, m_token);
        return auth;
    });
    m_api = new ApiClient(this);
    (void)m_api->setBaseUrl(m_options.server);
    m_api->setTimeout(std::chrono::milliseconds(m_options.timeoutMs));
    if (!m_options.caFile.isEmpty())
        (void)m_api->setCaCertificatesFile(m_options.caFile);
    m_api->setBearerToken(m_token);
    m_loginRetry.setSingleShot(true);
    connect(&m_loginRetry, &QTimer::timeout, this, &WatchCommand::logInAgain);

    AlertFeed::Options feedOptions;
    // The triage queue is printed only when asked for.
    feedOptions.followTriage = m_options.rooms.contains(u"triage_queue"_s);
    feedOptions.backfillOnReconnect = !m_options.noBackfill;
    m_feed = new AlertFeed(m_socket, m_api, feedOptions, this);
    QList<RoomName> rooms;
    for (const QString &name : std::as_const(m_options.rooms))
        rooms.append(*RoomName::parse(name));
    m_feed->setRooms(rooms);

    connect(m_feed, &AlertFeed::alertsArrived, this, &WatchCommand::onAlertsArrived);
    connect(m_feed, &AlertFeed::alertUpdated, this, &WatchCommand::onAlertUpdated);
    connect(m_feed, &AlertFeed::triageQueueReset, this, &WatchCommand::onTriageReset);
    connect(m_feed, &AlertFeed::triageEntryUpdated, this, &WatchCommand::onTriageUpdated);
    connect(
      m_feed, &AlertFeed::authenticationRequired, this, &WatchCommand::onAuthenticationRequired);
    connect(m_feed, &AlertFeed::linkStateChanged, this, [this](LinkState state) {
        if (state != LinkState::Offline)
            m_tokenProven = true;
        output::stderrLine(u"link: "_s + output::linkStateText(state));
    });
    connect(m_feed,
            &AlertFeed::roomStateChanged,
            this,
            [](const RoomName &room, RoomState state, const QString &reason) {
                output::stderrLine(u"room "_s + room.name() + u": "_s +
                                   output::roomStateText(state) +
                                   (reason.isEmpty() ? QString() : u" ("_s + reason + u')'));
            });
    connect(m_feed, &AlertFeed::backfillStarted, this, [] {
        output::stderrLine(u"backfill: fetching history"_s);
    });
    connect(m_feed, &AlertFeed::backfillFinished, this, [this](int newAlerts) {
        output::stderrLine(
          u"backfill: done, %1 new alert(s), %2 arrived while offline"_s.arg(newAlerts).arg(
            m_feed->offlineCount()));
        m_feed->resetOfflineCount();
    });
    connect(m_feed, &AlertFeed::backfillFailed, this, [](const ApiError &error) {
        output::stderrLine(u"backfill: failed ("_s + error.message + u"), will retry"_s);
    });
    connect(m_feed, &AlertFeed::problemOccurred, this, [](const QString &message) {
        output::stderrLine(u"warning: "_s + message);
    });
    connect(m_manager, &Manager::connectionClosed, this, [](const QString &reason) {
        output::stderrLine(u"connection lost: "_s + reason);
    });
    connect(m_manager, &Manager::reconnectScheduled, this, [](int attempt, qint64 delayMs) {
        output::stderrLine(u"reconnecting: attempt %1 in %2 s"_s.arg(attempt).arg(
          double(delayMs) / 1000.0, 0, 'f', 1));
    });
    connect(m_manager, &Manager::errorOccurred, this, [](const QString &message) {
        output::stderrLine(u"connection: "_s + message);
    });
}

WatchCommand::~WatchCommand() = default;

void WatchCommand::start()
{
    output::stderrLine(u"watching "_s + m_options.rooms.join(u", "_s) + u" on "_s +
                       m_options.server.toDisplayString(QUrl::RemoveUserInfo));
    m_feed->start();
}

void WatchCommand::stop()
{
    m_loginRetry.stop();
    m_feed->stop();
    end(ExitOk);
}

void WatchCommand::onAlertsArrived(const QList<Alert> &alerts, AlertOrigin origin)
{
    const bool backfilled = origin != AlertOrigin::Live;
    for (const Alert &alert : alerts) {
        if (m_options.json)
            output::stdoutLine(output::alertEventJson(alert, backfilled));
        else
            output::stdoutLine(
              QString(output::alertText(alert) + (backfilled ? u"  (backfilled)"_s : QString()))
                .toUtf8());
    }
}

void WatchCommand::onAlertUpdated(const Alert &alert)
{
    if (m_options.json)
        output::stdoutLine(output::alertUpdatedJson(alert));
    else
        output::stdoutLine(QString(u"updated  "_s + output::alertText(alert)).toUtf8());
}

void WatchCommand::onTriageReset(const QList<TriageEntry> &entries)
{
    for (const TriageEntry &entry : entries)
        onTriageUpdated(entry);
}

void WatchCommand::onTriageUpdated(const TriageEntry &entry)
{
    if (m_options.json)
        output::stdoutLine(output::triageEventJson(entry));
    else
        output::stdoutLine(output::triageText(entry).toUtf8());
}

void WatchCommand::onAuthenticationRequired(const QString &message)
{
    output::stderrLine(u"the server refused the credentials: "_s + message);
    if (!m_password) {
        output::stderrLine(u"log in again (vigil-cli login) or pass a valid token"_s);
        end(ExitAuth);
        return;
    }
    if (!m_tokenProven) {
        // A token fresh from a login refused at once will not get better by logging in again.
        output::stderrLine(u"refused a fresh token: giving up"_s);
        end(ExitAuth);
        return;
    }
    logInAgain();
}

void WatchCommand::logInAgain()
{
    output::stderrLine(u"logging in again as "_s + m_options.username);
    m_api->login(m_options.username, *m_password, [this](ApiResult<LoginResult> result) {
        if (result) {
            m_tokenProven = false;
            setToken(result->accessToken);
            m_feed->start();
            return;
        }
        const ApiError &error = result.error();
        output::stderrLine(u"login failed: "_s + error.message);
        switch (error.kind) {
            case ApiError::Kind::Unauthorized:
            case ApiError::Kind::Forbidden:
                end(ExitAuth);
                return;
            default:
                // The server may be restarting; a watch keeps trying.
                m_loginRetry.start(loginRetryMs);
                return;
        }
    });
}

void WatchCommand::setToken(const QString &token)
{
    m_token = token;
    m_api->setBearerToken(token);
}

void WatchCommand::end(int exitCode)
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT finished(exitCode);
}

} // namespace vigil::cli
