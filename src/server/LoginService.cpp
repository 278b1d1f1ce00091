// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/LoginService.h"

#include <memory>

#include <QPointer>

#include "common/Logging.h"
#include "server/UserStore.h"
#include "server/WorkerThread.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

/// Lives on the worker thread; everything it owns is created and destroyed there.
class LoginWorker final : public QObject
{
public:
    LoginWorker(QString url, DatabaseOptions options, PasswordHasher::Limits limits)
      : m_database(std::move(url), options)
      , m_hasher(limits)
    {
    }

    LoginService::Result verify(const QString &username, const QString &password)
    {
        if (!m_users) {
            const StoreResult<Database *> database = m_database.get();
            if (!database)
                return database.error();
            m_users = std::make_unique<UserStore>(*database.value(), m_hasher);
        }
        return m_users->verify(username, password);
    }

    void release()
    {
        m_users.reset();
        m_database.close();
    }

private:
    WorkerDatabase m_database;
    PasswordHasher m_hasher;
    std::unique_ptr<UserStore> m_users;
};

LoginService::LoginService(QString databaseUrl,
                           DatabaseOptions databaseOptions,
                           PasswordHasher::Limits limits,
                           QObject *parent)
  : QObject(parent)
  , m_worker(std::make_unique<WorkerThread<LoginWorker>>(u"vigil-login"_s,
                                                         std::move(databaseUrl),
                                                         databaseOptions,
                                                         limits))
{
}

LoginService::~LoginService() = default;

void LoginService::stop()
{
    m_worker->stop();
}

void LoginService::verify(const QString &username,
                          const QString &password,
                          QObject *context,
                          Callback done)
{
    if (!m_worker->isRunning() || m_pending >= maxPending) {
        done(StoreError{ StoreError::Code::Busy, u"too many logins in progress"_s });
        return;
    }
    ++m_pending;
    QPointer<QObject> guard(context);
    m_worker->run(
      [username, password](LoginWorker &worker) { return worker.verify(username, password); },
      [this, guard, done = std::move(done)](const Result &result) {
          --m_pending;
          if (guard)
              done(result);
      });
}

} // namespace vigil::server
