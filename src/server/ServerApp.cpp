// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ServerApp.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

#include "common/Logging.h"
#include "server/AlertService.h"
#include "server/AuthMiddleware.h"
#include "server/EngineIoServer.h"
#include "server/HttpFrontend.h"
#include "server/LoginService.h"
#include "server/LoginThrottle.h"
#include "server/RateLimiter.h"
#include "server/RestApi.h"
#include "server/SocketIoServer.h"
#include "server/SqlAlertStore.h"
#include "server/UserStore.h"
#include "vigil/Version.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

ServerApp::ServerApp(ServerSettings settings, ServerAppOptions options, QObject *parent)
  : QObject(parent)
  , m_settings(std::move(settings))
  , m_options(options)
  , m_hasher(options.hasherLimits)
  , m_tokens(m_settings.secretKey, options.tokenLifetime)
{
}

ServerApp::~ServerApp()
{
    // The login worker and the alert writer hold their own database connections; stop them
    // (the writer after the batch it is committing) before anything else goes.
    if (m_logins)
        m_logins->stop();
    if (m_writer)
        m_writer->stop();
    // All of these go before the stores they point to; the Engine.IO sessions before the
    // Socket.IO server their connections report to.
    delete m_restApi;
    delete m_alertService;
    delete m_http;
    delete m_engine;
    delete m_socketIo;
    delete m_logins;
    delete m_writer;
}

protocol::Result<std::monostate, QString> ServerApp::start()
{
    if (!m_settings.redisUrl.isEmpty())
        return u"REDIS_URL is set, but this vigil-server has no Redis adapter: rooms would not "
               u"reach clients of other nodes. Run a single node and unset REDIS_URL."_s;

    const StoreStatus opened = m_database.open(m_settings.databaseUrl, m_options.database);
    if (!opened)
        return u"cannot open the store %1: %2"_s.arg(m_settings.databaseUrl,
                                                     opened.error().message);
    if (m_database.filePath() == u":memory:")
        return u"an in-memory store cannot serve logins (they are checked on a worker thread "
               u"with its own connection); use a database file"_s;

    m_alertStore = std::make_unique<SqlAlertStore>(m_database);
    m_userStore = std::make_unique<UserStore>(m_database, m_hasher);
    m_rateLimiter = std::make_unique<RateLimiter>(m_settings.alertRateLimitPerMinute);
    m_throttle = std::make_unique<LoginThrottle>();
    m_auth = std::make_unique<AuthMiddleware>(m_tokens);
    m_auth->setRevocationCheck(
      [users = m_userStore.get()](const QString &username, qint64 issuedAt, qint64 version) {
          const auto state = users->tokenState(username);
          if (!state) {
              // The signature is good; a store that cannot answer must not lock every console out
              // of its alerts. Revocation waits for the store.
              qCWarning(lcServerAuth).noquote() << "cannot check whether the token of" << username
                                                << "is revoked:" << state.error().message;
              return std::optional<QString>{};
          }
          if (!state->has_value())
              return std::optional<QString>{ u"the user no longer exists"_s };
          // The version is exact; the seconds still catch tokens from before schema v3.
          if (version < (*state)->version || issuedAt < (*state)->validAfter)
              return std::optional<QString>{ u"the token predates a password change"_s };
          return std::optional<QString>{};
      });

    EngineIoOptions engineOptions;
    engineOptions.pingInterval = m_settings.pingIntervalMs;
    engineOptions.pingTimeout = m_settings.pingTimeoutMs;
    engineOptions.maxPayload = m_settings.maxHttpBufferSize;
    engineOptions.allowedOrigins = m_settings.corsOrigins;
    m_engine = new EngineIoServer(engineOptions);
    SocketIoOptions socketIoOptions;
    // A recovered session passes the token check again: a revoked user must not slip back in
    // through connection state recovery.
    socketIoOptions.recovery.skipMiddlewares = false;
    m_socketIo = new SocketIoServer(m_engine, socketIoOptions);
    m_http = new HttpFrontend();
    m_http->mount(u"/socket.io/"_s, m_engine);
    m_http->setMaxRequestBytes(m_settings.maxHttpBufferSize);

    AlertServiceOptions serviceOptions;
    serviceOptions.statusIntervalMs = m_options.statusIntervalMs;
    serviceOptions.revocationSweepMs = m_options.revocationSweepMs;
    serviceOptions.storeRetryMs = m_options.storeRetryMs;
    m_writer = new AlertWriter(m_settings.databaseUrl, m_options.database);
    m_alertService = new AlertService(
      m_socketIo, *m_alertStore, *m_writer, *m_rateLimiter, *m_auth, serviceOptions);
    m_logins = new LoginService(m_settings.databaseUrl, m_options.database, m_options.hasherLimits);

    RestApiOptions restOptions;
    restOptions.corsOrigins = m_settings.corsOrigins;
    restOptions.maxBodyBytes = m_settings.maxHttpBufferSize;
    restOptions.trustedProxies = m_settings.trustedProxies;
    restOptions.version = QString::fromLatin1(vigil::versionString);
    m_restApi = new RestApi(
      *m_alertService, *m_alertStore, *m_auth, m_tokens, *m_logins, *m_throttle, restOptions);
    m_http->setRestHandler(m_restApi->handler());

    if (!m_settings.tlsCertFile.isEmpty()) {
        auto tls = setUpTls();
        if (!tls)
            return tls.error();
    }
    if (!m_http->listen(m_settings.listenAddress, m_settings.listenPort))
        return u"cannot listen on %1 (in use, or not an address of this machine?)"_s.arg(
          m_settings.listenString());
    const StoreResult<qint64> lastSeq = m_alertStore->lastSeq();
    qCInfo(lcServerAlerts).noquote()
      << "store" << m_database.filePath() << "schema" << m_database.schemaVersion() << "last seq"
      << (lastSeq ? lastSeq.value() : -1);
    return std::monostate{};
}

protocol::Result<std::monostate, QString> ServerApp::setUpTls()
{
#if QT_CONFIG(ssl)
    QFile certFile(m_settings.tlsCertFile);
    QFile keyFile(m_settings.tlsKeyFile);
    if (!certFile.open(QIODevice::ReadOnly))
        return u"cannot read VIGIL_TLS_CERT %1: %2"_s.arg(certFile.fileName(),
                                                          certFile.errorString());
    if (!keyFile.open(QIODevice::ReadOnly))
        return u"cannot read VIGIL_TLS_KEY %1: %2"_s.arg(keyFile.fileName(), keyFile.errorString());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty())
        return u"VIGIL_TLS_CERT %1 holds no PEM certificate"_s.arg(certFile.fileName());
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return u"VIGIL_TLS_KEY %1 holds no PEM RSA or EC private key"_s.arg(keyFile.fileName());
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_http->setTlsConfiguration(configuration);
    return std::monostate{};
#else
    return u"this Qt has no TLS support; serve TLS from a reverse proxy instead"_s;
#endif
}

void ServerApp::shutdown()
{
    if (m_http)
        m_http->stopListening();
    if (m_socketIo)
        m_socketIo->closeAll();
    if (m_engine)
        m_engine->closeAll();
    if (m_logins)
        m_logins->stop();
}

quint16 ServerApp::port() const
{
    return m_http ? m_http->port() : 0;
}

} // namespace vigil::server
