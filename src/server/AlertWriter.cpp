// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AlertWriter.h"

#include <memory>

#include <QMetaObject>
#include <QPointer>

#include "common/Logging.h"
#include "server/SqlAlertStore.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

/// Lives on the writer's thread; the database and the store are created and destroyed there.
class AlertWriterWorker final : public QObject
{
public:
    AlertWriterWorker(QString url, DatabaseOptions options)
      : m_url(std::move(url))
      , m_options(options)
    {
    }

    AlertWriter::Results commit(const AlertWriter::Groups &groups)
    {
        if (!m_store) {
            auto database = std::make_unique<Database>();
            const StoreStatus opened = database->open(m_url, m_options);
            if (!opened) {
                qCWarning(lcServerStore).noquote()
                  << "the alert writer cannot open the store:" << opened.error().message;
                return AlertWriter::Results(groups.size(),
                                            StoreResult<QList<protocol::Alert>>(opened.error()));
            }
            m_database = std::move(database);
            m_store = std::make_unique<SqlAlertStore>(*m_database);
        }
        return AlertWriter::commit(*m_store, groups);
    }

    void release()
    {
        m_store.reset();
        if (m_database)
            m_database->close();
        m_database.reset();
    }

private:
    QString m_url;
    DatabaseOptions m_options;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SqlAlertStore> m_store;
};

AlertWriter::AlertWriter(QString databaseUrl, DatabaseOptions databaseOptions, QObject *parent)
  : QObject(parent)
  , m_worker(new AlertWriterWorker(std::move(databaseUrl), databaseOptions))
{
    m_thread.setObjectName(u"vigil-alert-writer"_s);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

AlertWriter::~AlertWriter()
{
    stop();
    delete m_worker;
}

void AlertWriter::stop()
{
    if (!m_thread.isRunning())
        return;
    AlertWriterWorker *worker = m_worker;
    // Queued behind the batch being committed, so that one finishes first.
    QMetaObject::invokeMethod(
      worker, [worker] { worker->release(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void AlertWriter::write(Groups groups, QObject *context, Callback done)
{
    if (!m_thread.isRunning()) {
        done(Results(groups.size(),
                     StoreResult<QList<protocol::Alert>>(
                       StoreError{ StoreError::Code::Io, u"the alert store is shutting down"_s })));
        return;
    }
    QPointer<AlertWriter> self(this);
    QPointer<QObject> guard(context);
    AlertWriterWorker *worker = m_worker;
    QMetaObject::invokeMethod(
      worker,
      [worker, self, guard, groups = std::move(groups), done = std::move(done)] {
          Results results = worker->commit(groups);
          if (!self)
              return;
          QMetaObject::invokeMethod(
            self.data(),
            [guard, results = std::move(results), done] {
                if (guard)
                    done(results);
            },
            Qt::QueuedConnection);
      },
      Qt::QueuedConnection);
}

AlertWriter::Results AlertWriter::commit(AlertStore &store, const Groups &groups)
{
    QList<NewAlert> all;
    for (const QList<NewAlert> &group : groups)
        all.append(group);
    const StoreResult<QList<protocol::Alert>> stored = store.insertMany(all);
    Results results;
    results.reserve(groups.size());
    if (stored) {
        qsizetype offset = 0;
        for (const QList<NewAlert> &group : groups) {
            results.append(stored->mid(offset, group.size()));
            offset += group.size();
        }
        return results;
    }
    const StoreError::Code code = stored.error().code;
    if (groups.size() > 1 &&
        (code == StoreError::Code::Conflict || code == StoreError::Code::Invalid)) {
        // One publisher's bad alert must not fail the others that shared the transaction.
        for (const QList<NewAlert> &group : groups)
            results.append(store.insertMany(group));
        return results;
    }
    return Results(groups.size(), StoreResult<QList<protocol::Alert>>(stored.error()));
}

} // namespace vigil::server
