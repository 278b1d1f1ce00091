// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/LoginService.h"

#include <memory>

#include <QMetaObject>
#include <QPointer>

#include "common/Logging.h"
#include "server/UserStore.h"

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
  , m_worker(new LoginWorker(std::move(databaseUrl), databaseOptions, limits))
{
    m_thread.setObjectName(u"vigil-login"_s);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

LoginService::~LoginService()
{
    stop();
    delete m_worker;
}

void LoginService::stop()
{
    if (!m_thread.isRunning())
        return;
    LoginWorker *worker = m_worker;
    QMetaObject::invokeMethod(
      worker, [worker] { worker->release(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void LoginService::verify(const QString &username,
                          const QString &password,
                          QObject *context,
                          Callback done)
{
    if (!m_thread.isRunning() || m_pending >= maxPending) {
        done(StoreError{ StoreError::Code::Busy, u"too many logins in progress"_s });
        return;
    }
    ++m_pending;
    QPointer<LoginService> self(this);
    QPointer<QObject> guard(context);
    LoginWorker *worker = m_worker;
    QMetaObject::invokeMethod(
      worker,
      [worker, self, guard, username, password, done = std::move(done)] {
          const Result result = worker->verify(username, password);
          if (!self)
              return;
          QMetaObject::invokeMethod(
            self.data(),
            [self, guard, result, done] {
                --self->m_pending;
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
      },
      Qt::QueuedConnection);
}

} // namespace vigil::server
