// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <utility>

#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThread>

#include "server/Database.h"

namespace vigil::server {

/// A worker's own connection to the store: opened on the worker's thread at first use (a Qt SQL
/// connection only works on the thread that opened it), closed from the worker's release().
class WorkerDatabase final
{
public:
    WorkerDatabase(QString url, DatabaseOptions options)
      : m_url(std::move(url))
      , m_options(options)
    {
    }

    /// The open connection, or why it cannot be opened (tried again at the next call).
    StoreResult<Database *> get()
    {
        if (!m_database) {
            auto database = std::make_unique<Database>();
            const StoreStatus opened = database->open(m_url, m_options);
            if (!opened)
                return opened.error();
            m_database = std::move(database);
        }
        return m_database.get();
    }

    void close()
    {
        if (m_database)
            m_database->close();
        m_database.reset();
    }

private:
    QString m_url;
    DatabaseOptions m_options;
    std::unique_ptr<Database> m_database;
};

/// A `Worker` (a QObject with a `release()`) living on a thread of its own, for work that would
/// stall every socket on the event loop: an Argon2id check, a commit and its fsync. Each such
/// worker opens its own database connection there, since a Qt SQL connection only works on the
/// thread that opened it.
///
/// Jobs run one at a time, in the order given; each one's answer comes back on the thread that
/// made the WorkerThread. stop() (and the destructor) lets the job in progress finish, calls
/// `release()` on the worker's thread, and ends the thread; answers not delivered by then are
/// dropped.
template<typename Worker>
class WorkerThread final
{
public:
    template<typename... Args>
    explicit WorkerThread(const QString &name, Args &&...args)
      : m_worker(new Worker(std::forward<Args>(args)...))
    {
        m_thread.setObjectName(name);
        m_worker->moveToThread(&m_thread);
        m_thread.start();
    }

    ~WorkerThread()
    {
        stop();
        delete m_worker;
    }

    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    bool isRunning() const { return m_thread.isRunning(); }

    /// Calls `job(worker)` on the worker's thread, then `answer(result)` on this one.
    template<typename Job, typename Answer>
    void run(Job job, Answer answer)
    {
        Worker *worker = m_worker;
        QObject *replies = &m_replies; // outlives the job: stop() waits for it first
        QMetaObject::invokeMethod(
          worker,
          [worker, replies, job = std::move(job), answer = std::move(answer)]() mutable {
              auto result = job(*worker);
              QMetaObject::invokeMethod(
                replies,
                [result = std::move(result), answer = std::move(answer)]() mutable {
                    answer(result);
                },
                Qt::QueuedConnection);
          },
          Qt::QueuedConnection);
    }

    void stop()
    {
        if (!m_thread.isRunning())
            return;
        Worker *worker = m_worker;
        // Queued behind the job in progress, so that one finishes first.
        QMetaObject::invokeMethod(
          worker, [worker] { worker->release(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

private:
    QObject m_replies; ///< lives on the thread that made this; answers are posted to it
    QThread m_thread;
    Worker *m_worker;
};

} // namespace vigil::server
