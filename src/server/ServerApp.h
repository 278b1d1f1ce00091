// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <memory>

#include <QObject>
#include <QString>

#include "protocol/Result.h"
#include "server/Database.h"
#include "server/PasswordHasher.h"
#include "server/ServerSettings.h"
#include "server/TokenService.h"

namespace vigil::server {

class AlertService;
class AlertWriter;
class AuthMiddleware;
class EngineIoServer;
class HttpFrontend;
class LoginService;
class LoginThrottle;
class RateLimiter;
class RestApi;
class SocketIoServer;
class SqlAlertStore;
class UserStore;

/// What tests (and only tests) change about a server built from settings.
struct ServerAppOptions
{
    /// Argon2id cost of logins and new passwords.
    PasswordHasher::Limits hasherLimits = PasswordHasher::Limits::interactive();
    /// One write waits this long for another process's lock. Short, because the wait blocks the
    /// event loop and so every client; publishes are then retried between passes of the loop
    /// (AlertServiceOptions::storeRetryMs), other writes fail as busy ("try again").
    DatabaseOptions database{ 200, false, DatabaseOptions::Sync::Full };
    std::chrono::seconds tokenLifetime = TokenService::defaultLifetime;
    int statusIntervalMs = 5'000;
    /// How often connected sockets are checked for revoked tokens (AlertServiceOptions).
    int revocationSweepMs = 30'000;
    /// How long publishes wait for a locked store (AlertServiceOptions).
    int storeRetryMs = 10'000;
};

/// One vigil-server: the store, users, tokens, the Engine.IO/Socket.IO server with the alert
/// service, and the REST API, all on one HTTP port. Built from ServerSettings; the process entry
/// (ServerMain) and the in-process tests both use it.
class ServerApp final : public QObject
{
    Q_OBJECT

public:
    explicit ServerApp(ServerSettings settings,
                       ServerAppOptions options = {},
                       QObject *parent = nullptr);
    ~ServerApp() override;

    /// Opens the store and builds everything; then listens. The error says what to fix.
    protocol::Result<std::monostate, QString> start();
    /// Stops listening and closes every connection (sessions are kept for recovery).
    void shutdown();

    quint16 port() const;
    const ServerSettings &settings() const { return m_settings; }

    Database &database() { return m_database; }
    SqlAlertStore &alertStore() { return *m_alertStore; }
    UserStore &userStore() { return *m_userStore; }
    const TokenService &tokens() const { return m_tokens; }
    RateLimiter &rateLimiter() { return *m_rateLimiter; }
    AlertService &alertService() { return *m_alertService; }
    SocketIoServer &socketIo() { return *m_socketIo; }
    EngineIoServer &engine() { return *m_engine; }
    HttpFrontend &http() { return *m_http; }

private:
    protocol::Result<std::monostate, QString> setUpTls();

    ServerSettings m_settings;
    ServerAppOptions m_options;
    Database m_database;
    PasswordHasher m_hasher;
    TokenService m_tokens;
    std::unique_ptr<SqlAlertStore> m_alertStore;
    std::unique_ptr<UserStore> m_userStore;
    std::unique_ptr<RateLimiter> m_rateLimiter;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<AuthMiddleware> m_auth;
    HttpFrontend *m_http = nullptr;
    EngineIoServer *m_engine = nullptr;
    SocketIoServer *m_socketIo = nullptr;
    AlertService *m_alertService = nullptr;
    LoginService *m_logins = nullptr;
    AlertWriter *m_writer = nullptr; ///< commits publishes off the event loop
    RestApi *m_restApi = nullptr;
};

} // namespace vigil::server
