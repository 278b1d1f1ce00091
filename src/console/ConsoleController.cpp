// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ConsoleController.h"

#include <utility>

#include <QCborArray>
#include <QCborMap>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "client/CredentialStore.h"
#include "client/Manager.h"
#include "client/Socket.h"
#include "common/Logging.h"
#include "console/AlertTableModel.h"
#include "console/ConnectionStatus.h"
#include "console/LoginDialog.h"
#include "console/MainWindow.h"
#include "console/RoomListModel.h"
#include "console/ServerStatusWidget.h"
#include "console/Settings.h"
#include "console/SettingsDialog.h"
#include "console/TriageQueueModel.h"

namespace vigil::console {

using client::ApiError;
using client::LinkState;

namespace {

RoomListModel::JoinState joinStateOf(client::RoomState state)
{
    switch (state) {
        case client::RoomState::Joined:
            return RoomListModel::JoinState::Joined;
        case client::RoomState::Refused:
            return RoomListModel::JoinState::Refused;
        case client::RoomState::Pending:
            break;
    }
    return RoomListModel::JoinState::Pending;
}

} // namespace

ConsoleController::ConsoleController(Settings *settings,
                                     std::unique_ptr<client::CredentialBackend> credentials,
                                     Options options,
                                     QObject *parent)
  : QObject(parent)
  , m_settings(settings)
  , m_credentials(std::make_unique<client::CredentialStore>(std::move(credentials)))
  , m_options(std::move(options))
  , m_window(std::make_unique<MainWindow>(settings))
  , m_persistRooms(m_options.rooms.isEmpty())
{
    connect(m_window.get(), &MainWindow::signInRequested, this, [this] { showLogin(); });
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ConsoleController::signOut);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &ConsoleController::openSettings);
    connect(m_window.get(), &MainWindow::reconnectRequested, this, [this] {
        if (m_manager)
            m_manager->reconnectNow();
    });
    connect(m_window.get(), &MainWindow::acknowledgeRequested, this, [this](const QString &id) {
        if (m_feed)
            m_feed->acknowledge(id);
        else
            m_window->acknowledgeFinished(id, tr("not signed in"));
    });

    RoomListModel *rooms = m_window->roomModel();
    connect(rooms, &RoomListModel::roomAdded, this, [this](const QString &name) {
        if (m_loadingRooms)
            return;
        if (m_feed) {
            if (const auto room = protocol::RoomName::parse(name))
                m_feed->addRoom(*room);
        }
        if (m_persistRooms)
            m_settings->setFollowedRooms(m_window->roomModel()->roomNames());
    });
    connect(rooms, &RoomListModel::roomRemoved, this, [this](const QString &name) {
        if (m_loadingRooms)
            return;
        if (m_feed) {
            if (const auto room = protocol::RoomName::parse(name))
                m_feed->removeRoom(*room);
        }
        if (m_persistRooms)
            m_settings->setFollowedRooms(m_window->roomModel()->roomNames());
    });
}

ConsoleController::~ConsoleController()
{
    endSession();
}

void ConsoleController::start()
{
    m_window->restoreLayout();
    m_window->show();

    const QUrl server = configuredServer();
    const QString username =
      m_options.username.isEmpty() ? m_settings->username() : m_options.username;
    if (m_options.password && !m_commandLinePasswordUsed && !username.isEmpty()) {
        // Used once: a later sign-in (after sign-out or an expired token) asks the person. It
        // neither stores a token nor touches one remembered from an earlier sign-in.
        m_commandLinePasswordUsed = true;
        m_commandLineSignIn = true;
        signIn(server, username, *m_options.password, false);
        m_options.password.reset();
        return;
    }
    if (m_settings->rememberMe() && !username.isEmpty()) {
        resumeRememberedSession();
        return;
    }
    showLogin();
}

QUrl ConsoleController::configuredServer() const
{
    return m_options.server.isValid() ? m_options.server : m_settings->serverUrl();
}

void ConsoleController::showLogin(const QString &message)
{
    if (isSignedIn())
        return;
    if (!m_login) {
        m_login = new LoginDialog(m_window.get());
        m_login->setAttribute(Qt::WA_DeleteOnClose);
        m_login->setServerUrl(configuredServer());
        m_login->setUsername(m_options.username.isEmpty() ? m_settings->username()
                                                          : m_options.username);
        m_login->setRememberMe(m_settings->rememberMe());
        connect(m_login, &LoginDialog::signInRequested, this, &ConsoleController::signIn);
        connect(m_login, &QDialog::rejected, this, [this] {
            if (m_loginApi && m_loginRequest)
                m_loginApi->cancel(m_loginRequest);
            m_loginRequest = 0;
        });
    }
    if (!message.isEmpty())
        m_login->showError(message);
    // open(), not exec(): the window stays live (and its banner logic running) behind the dialog.
    m_login->open();
}

void ConsoleController::signIn(const QUrl &server,
                               const QString &username,
                               const QString &password,
                               bool remember)
{
    if (!m_loginApi)
        m_loginApi = new client::ApiClient(this);
    if (m_loginRequest)
        m_loginApi->cancel(m_loginRequest);
    if (const auto error = m_loginApi->setBaseUrl(server)) {
        const QString message = describe(*error, true);
        if (m_login)
            m_login->showError(message);
        else
            showLogin(message);
        Q_EMIT signInFailed(message);
        return;
    }
    applySettingsToApi(m_loginApi);
    m_window->showMessage(tr("Signing in to %1…").arg(server.host()));

    m_loginRequest = m_loginApi->login(
      username,
      password,
      [this, server, username, remember](client::ApiResult<client::LoginResult> result) {
          m_loginRequest = 0;
          if (!result) {
              const QString message = describe(result.error(), true);
              qCInfo(lcConsole) << "sign-in failed:"
                                << client::apiErrorKindToString(result.error().kind);
              m_commandLineSignIn = false;
              if (m_login)
                  m_login->showError(message);
              else
                  showLogin(message);
              Q_EMIT signInFailed(message);
              return;
          }
          const client::LoginResult &login = result.value();
          const bool commandLine = std::exchange(m_commandLineSignIn, false);
          m_settings->setServerUrl(server);
          m_settings->setUsername(username);
          // A command-line sign-in leaves "remember me" and the keychain as they were.
          if (!commandLine)
              m_settings->setRememberMe(remember);
          if (!commandLine && remember) {
              m_credentials->saveToken(
                username,
                server,
                login.accessToken,
                [this](std::optional<client::CredentialError> error) {
                    if (error && m_window)
                        m_window->showMessage(
                          tr("Could not keep the sign-in in the system keychain: %1")
                            .arg(error->message));
                });
          } else if (!commandLine) {
              // Unticking "remember me" forgets any token kept from before.
              m_credentials->removeToken(username, server, [](auto) {});
          }
          if (m_login)
              m_login->signInSucceeded();
          client::UserInfo user = login.user;
          if (user.username.isEmpty())
              user.username = username;
          startSession(server, login.accessToken, user);
      });
}

void ConsoleController::resumeRememberedSession()
{
    const QUrl server = configuredServer();
    const QString username =
      m_options.username.isEmpty() ? m_settings->username() : m_options.username;
    m_window->showMessage(tr("Resuming the saved sign-in of %1…").arg(username));
    m_credentials->loadToken(
      username,
      server,
      [this, server, username](
        protocol::Result<std::optional<QString>, client::CredentialError> result) {
          if (!result) {
              showLogin(tr("The system keychain could not be read (%1). Please sign in.")
                          .arg(result.error().message));
              return;
          }
          if (!result.value()) {
              showLogin();
              return;
          }
          const QString token = *result.value();
          const std::optional<TokenClaims> claims = decodeToken(token);
          if (!claims || (claims->expiresAt.isValid() &&
                          claims->expiresAt <= QDateTime::currentDateTimeUtc())) {
              m_credentials->removeToken(username, server, [](auto) {});
              showLogin(tr("Your saved sign-in has expired. Please sign in again."));
              return;
          }
          client::UserInfo user = claims->user;
          if (user.username.isEmpty())
              user.username = username;
          startSession(server, token, user);
      });
}

void ConsoleController::applySettingsToApi(client::ApiClient *api)
{
    api->setTimeout(std::chrono::seconds(m_settings->apiTimeoutSeconds()));
    if (const auto error = api->setCaCertificatesFile(m_settings->caFile()))
        m_window->showMessage(tr("The CA certificate file cannot be used: %1").arg(error->message));
}

void ConsoleController::startSession(const QUrl &server,
                                     const QString &token,
                                     const client::UserInfo &user)
{
    endSession();
    m_server = server;
    m_user = user;

    m_api = new client::ApiClient(this);
    m_api->setBaseUrl(server);
    m_api->setBearerToken(token);
    applySettingsToApi(m_api);

    client::ManagerOptions managerOptions;
    managerOptions.reconnectionAttempts = m_settings->reconnectAttempts();
    managerOptions.backoff.minMs = m_settings->reconnectDelayMinMs();
    managerOptions.backoff.maxMs = m_settings->reconnectDelayMaxMs();
    managerOptions.transport.caFile = m_settings->caFile();
    m_manager = new client::Manager(server, managerOptions, m_options.transportFactory, this);
    m_socket = m_manager->socket(QStringLiteral("/"));
    // Evaluated per CONNECT; the token travels in the auth payload, never in the URL.
    m_socket->setAuth([token] { return QCborMap{ { QStringLiteral("token"), token } }; });

    client::AlertFeed::Options feedOptions;
    feedOptions.staleAfterMs = m_options.staleAfterMs;
    m_feed = new client::AlertFeed(m_socket, m_api, feedOptions, this);
    connectFeed();

    MainWindow::Session session;
    session.username = user.username;
    session.displayName = user.displayName;
    session.role = user.role;
    session.server = server;
    m_window->setSession(session);
    loadRooms();
    if (user.role == u"admin")
        connectMonitor(token);

    m_feed->start();
    Q_EMIT signedIn();
}

void ConsoleController::loadRooms()
{
    QStringList names = m_options.rooms;
    if (names.isEmpty())
        names = m_settings->followedRooms();
    if (names.isEmpty())
        names = defaultRooms(m_user);

    RoomListModel *rooms = m_window->roomModel();
    m_loadingRooms = true;
    rooms->clear();
    for (const QString &name : std::as_const(names)) {
        const RoomListModel::AddResult result = rooms->addRoom(name);
        if (result != RoomListModel::AddResult::Added &&
            result != RoomListModel::AddResult::AlreadyFollowed) {
            m_window->showMessage(
              tr("Room %1 is not followed: %2").arg(name, RoomListModel::addResultText(result)));
        }
    }
    m_loadingRooms = false;
    m_feed->setRooms(rooms->rooms());
    if (m_persistRooms)
        m_settings->setFollowedRooms(rooms->roomNames());
}

void ConsoleController::connectFeed()
{
    MainWindow *window = m_window.get();
    ConnectionStatus *status = window->connectionStatus();
    client::AlertFeed *feed = m_feed;

    status->setLastDataProvider([feed] { return feed->lastDataAt(); });
    connect(feed, &client::AlertFeed::linkStateChanged, status, &ConnectionStatus::setLinkState);
    connect(
      feed, &client::AlertFeed::backfillStarted, status, &ConnectionStatus::setBackfillStarted);
    connect(
      feed, &client::AlertFeed::backfillProgress, status, &ConnectionStatus::setBackfillProgress);
    connect(feed, &client::AlertFeed::backfillFinished, status, [status](int) {
        status->setBackfillFinished();
    });
    connect(feed, &client::AlertFeed::backfillFailed, window, [window](const ApiError &error) {
        window->showMessage(
          tr("Catching up on missed alerts failed (%1); retrying.").arg(describe(error, false)));
    });
    connect(m_manager,
            &client::Manager::reconnectScheduled,
            status,
            &ConnectionStatus::setReconnectScheduled);
    connect(m_manager,
            &client::Manager::reconnectAttempted,
            status,
            &ConnectionStatus::setReconnectAttempted);
    connect(
      m_manager, &client::Manager::reconnectFailed, status, &ConnectionStatus::setReconnectFailed);

    connect(
      feed,
      &client::AlertFeed::roomStateChanged,
      window,
      [window](const protocol::RoomName &room, client::RoomState state, const QString &reason) {
          window->roomModel()->setJoinState(room.name(), joinStateOf(state), reason);
      });
    connect(feed, &client::AlertFeed::alertsArrived, window, &MainWindow::addAlerts);
    connect(feed, &client::AlertFeed::alertUpdated, window, &MainWindow::updateAlert);
    connect(feed,
            &client::AlertFeed::triageQueueReset,
            window->triageModel(),
            &TriageQueueModel::resetEntries);
    connect(feed,
            &client::AlertFeed::triageEntryUpdated,
            window->triageModel(),
            [window](const protocol::TriageEntry &entry) {
                window->triageModel()->upsertEntries({ entry });
            });
    connect(feed,
            &client::AlertFeed::acknowledgeFinished,
            window,
            [window](const QString &id, const QString &error, const protocol::Alert &alert) {
                if (error.isEmpty() && !alert.id.isEmpty())
                    window->updateAlert(alert);
                window->acknowledgeFinished(id, error);
            });
    connect(feed, &client::AlertFeed::problemOccurred, window, &MainWindow::showMessage);
    connect(feed, &client::AlertFeed::authenticationRequired, this, [this](const QString &message) {
        const QString username = m_user.username;
        const QUrl server = m_server;
        endSession();
        m_credentials->removeToken(username, server, [](auto) {});
        Q_EMIT signedOut();
        showLogin(tr("The server no longer accepts this sign-in (%1). Please sign in "
                     "again.")
                    .arg(message));
    });
}

void ConsoleController::connectMonitor(const QString &token)
{
    m_monitor = m_manager->socket(QStringLiteral("/monitor"));
    m_monitor->setAuth([token] { return QCborMap{ { QStringLiteral("token"), token } }; });
    MainWindow *window = m_window.get();
    m_monitor->on(QStringLiteral("socket_status"),
                  client::SimpleEventHandler([window](const QCborArray &args) {
                      const auto status = ServerStatusWidget::parse(args.at(0));
                      if (status)
                          window->showServerStatus(*status);
                      else
                          qCWarning(lcConsole) << "ignoring a malformed socket_status";
                  }));
    connect(m_monitor,
            &client::Socket::connectError,
            window,
            [window](const QString &message, const QCborValue &) {
                window->setServerStatusUnavailable(message);
            });
    connect(m_monitor, &client::Socket::disconnected, window, [window](const QString &reason) {
        window->setServerStatusUnavailable(reason);
    });
    m_monitor->connect();
}

void ConsoleController::endSession()
{
    // This may run inside one of the feed's own signals (authenticationRequired), so the session's
    // objects are silenced now and deleted from the event loop, the feed before the socket's
    // Manager and the ApiClient it uses.
    if (m_feed) {
        QObject::disconnect(m_feed, nullptr, nullptr, nullptr);
        m_feed->stop();
        m_feed->deleteLater();
        m_feed = nullptr;
    }
    // QObject::disconnect, not Socket::disconnect(): only our signal connections go.
    if (m_monitor)
        QObject::disconnect(m_monitor, nullptr, nullptr, nullptr);
    if (m_manager) {
        QObject::disconnect(m_manager, nullptr, nullptr, nullptr);
        m_manager->close();
        m_manager->deleteLater();
        m_manager = nullptr;
    }
    m_socket = nullptr;
    m_monitor = nullptr;
    if (m_api) {
        m_api->cancelAll();
        m_api->deleteLater();
        m_api = nullptr;
    }
    if (m_window) {
        m_window->connectionStatus()->setLastDataProvider({});
        m_loadingRooms = true;
        m_window->roomModel()->clear();
        m_loadingRooms = false;
        m_window->clearSession();
    }
    m_user = {};
}

void ConsoleController::signOut()
{
    if (!isSignedIn())
        return;
    const QString username = m_user.username;
    const QUrl server = m_server;
    endSession();
    m_credentials->removeToken(username, server, [this](std::optional<client::CredentialError> e) {
        if (e && m_window)
            m_window->showMessage(
              tr("The saved sign-in could not be removed from the keychain: %1").arg(e->message));
    });
    Q_EMIT signedOut();
    showLogin();
}

void ConsoleController::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        if (m_api)
            m_api->setTimeout(std::chrono::seconds(m_settings->apiTimeoutSeconds()));
        m_window->showMessage(tr("Settings saved."));
    });
    dialog->open();
}

QString ConsoleController::describe(const ApiError &error, bool duringLogin)
{
    switch (error.kind) {
        case ApiError::Kind::Unauthorized:
            return duringLogin ? tr("Wrong username or password.")
                               : tr("The server no longer accepts this sign-in.");
        case ApiError::Kind::Network:
            return tr("The server cannot be reached (%1).").arg(error.message);
        case ApiError::Kind::Timeout:
            return tr("The server did not answer in time.");
        case ApiError::Kind::Tls:
            return tr("The server's certificate is not trusted (%1). Check the address, or the "
                      "CA file in the settings.")
              .arg(error.message);
        case ApiError::Kind::RateLimited:
            if (error.retryAfterSeconds)
                return tr("Too many attempts. Try again in %n second(s).",
                          nullptr,
                          *error.retryAfterSeconds);
            return tr("Too many attempts. Try again later.");
        case ApiError::Kind::Forbidden:
            return tr("This account may not do this (%1).").arg(error.message);
        case ApiError::Kind::InvalidResponse:
            return tr("The server's answer was not understood (%1). Is this a Vigil server?")
              .arg(error.field.isEmpty() ? error.message : error.field);
        case ApiError::Kind::InvalidRequest:
            return tr("The request was not sent: %1").arg(error.message);
        case ApiError::Kind::BadRequest:
        case ApiError::Kind::NotFound:
        case ApiError::Kind::PayloadTooLarge:
        case ApiError::Kind::Http:
            break;
    }
    return tr("The server reported an error (HTTP %1): %2")
      .arg(error.httpStatus)
      .arg(error.message);
}

std::optional<ConsoleController::TokenClaims> ConsoleController::decodeToken(const QString &token)
{
    if (token.size() > client::CredentialStore::maxTokenLength)
        return std::nullopt;
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1).toLatin1(),
                                                        QByteArray::Base64UrlEncoding |
                                                          QByteArray::OmitTrailingEquals |
                                                          QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(*decoded, &parseError);
    if (parseError.error != QJsonParseError::NoError || !json.isObject())
        return std::nullopt;
    const QJsonObject claims = json.object();
    TokenClaims result;
    result.user.username = claims.value(QStringLiteral("sub")).toString();
    result.user.role = claims.value(QStringLiteral("role")).toString();
    const QJsonArray hospitals = claims.value(QStringLiteral("hospitals")).toArray();
    for (const QJsonValue &h : hospitals) {
        if (h.isString() && result.user.hospitals.size() < 1'000)
            result.user.hospitals.append(h.toString());
    }
    const QJsonValue exp = claims.value(QStringLiteral("exp"));
    if (exp.isDouble())
        result.expiresAt =
          QDateTime::fromSecsSinceEpoch(static_cast<qint64>(exp.toDouble()), Qt::UTC);
    return result;
}

QStringList ConsoleController::defaultRooms(const client::UserInfo &user)
{
    QStringList rooms;
    for (const QString &hospital : user.hospitals) {
        const protocol::RoomName room = protocol::RoomName::hospital(hospital);
        if (protocol::RoomName::isValid(room.name()) && !rooms.contains(room.name()))
            rooms.append(room.name());
        if (rooms.size() >= 20)
            break;
    }
    if (user.role == u"nurse" || user.role == u"charge_nurse" || user.role == u"admin")
        rooms.append(protocol::RoomName::triage().name());
    return rooms;
}

} // namespace vigil::console
