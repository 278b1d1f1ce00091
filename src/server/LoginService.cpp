// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/LoginService.h"

#include <memory>

#include <QMetaObject>
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
      : m_url(std::move(url))
      , m_options(options)
      , m_hasher(limits)
    {
    }

    LoginService::Result verify(const QString &username, const QString &password)
    {
        if (!m_database) {
            auto database = std::make_unique<Database>();
            const StoreStatus opened = database->open(m_url, m_options);
            if (!opened)
                return opened.error();
            m_database = std::move(database);
            m_users = std::make_unique<UserStore>(*m_database, m_hasher);
        }
        return m_users->verify(username, password);
    }

    void release()
    {
        m_users.reset();
        if (m_database)
            m_database->close();
        m_database.reset();
    }

private:
    QString m_url;
    DatabaseOptions m_options;
    PasswordHasher m_hasher;
    std::unique_ptr<Database> m_database;
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
