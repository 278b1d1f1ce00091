// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AlertWriter.h"

#include <memory>

#include <QPointer>

#include "common/Logging.h"
#include "server/SqlAlertStore.h"
#include "server/WorkerThread.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

/// Lives on the writer's thread; the database and the store are created and destroyed there.
class AlertWriterWorker final : public QObject
{
public:
    AlertWriterWorker(QString url, DatabaseOptions options)
      : m_database(std::move(url), options)
    {
    }

    AlertWriter::Results commit(const AlertWriter::Groups &groups)
    {
        if (!m_store) {
            const StoreResult<Database *> database = m_database.get();
            if (!database) {
                qCWarning(lcServerStore).noquote()
                  << "the alert writer cannot open the store:" << database.error().message;
                return AlertWriter::Results(groups.size(),
                                            StoreResult<QList<protocol::Alert>>(database.error()));
            }
            m_store = std::make_unique<SqlAlertStore>(*database.value());
        }
        return AlertWriter::commit(*m_store, groups);
    }

    void release()
    {
        m_store.reset();
        m_database.close();
    }

private:
    WorkerDatabase m_database;
    std::unique_ptr<SqlAlertStore> m_store;
};

AlertWriter::AlertWriter(QString databaseUrl, DatabaseOptions databaseOptions, QObject *parent)
  : QObject(parent)
  , m_worker(std::make_unique<WorkerThread<AlertWriterWorker>>(u"vigil-alert-writer"_s,
                                                               std::move(databaseUrl),
                                                               databaseOptions))
{
}

AlertWriter::~AlertWriter() = default;

void AlertWriter::stop()
{
    m_worker->stop();
}

void AlertWriter::write(Groups groups, QObject *context, Callback done)
{
    if (!m_worker->isRunning()) {
        done(Results(groups.size(),
                     StoreResult<QList<protocol::Alert>>(
                       StoreError{ StoreError::Code::Io, u"the alert store is shutting down"_s })));
        return;
    }
    QPointer<QObject> guard(context);
    m_worker->run(
      [groups = std::move(groups)](AlertWriterWorker &worker) { return worker.commit(groups); },
      [guard, done = std::move(done)](const Results &results) {
          if (guard)
              done(results);
      });
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
