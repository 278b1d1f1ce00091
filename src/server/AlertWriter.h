// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QObject>
#include <QString>

#include "server/AlertStore.h"
#include "server/Database.h"

namespace vigil::server {

class AlertWriterWorker;
template<typename Worker>
class WorkerThread;

/// Commits published alerts on a thread of its own, so that the event loop never waits for a
/// commit's fsync (or for a lock another process holds): it goes on delivering earlier alerts and
/// reading sockets meanwhile. The thread has its own database connection, so it needs a database
/// file (an in-memory database would be a different, empty one there).
///
/// A batch is a list of groups, one group per publish: the groups are committed together in one
/// transaction (one fsync); when that fails on one group's alert (Conflict, Invalid), each group
/// is committed on its own, so that one publisher's bad alert does not fail the others.
class AlertWriter final : public QObject
{
    Q_OBJECT

public:
    using Groups = QList<QList<NewAlert>>;
    /// One result per group, in order.
    using Results = QList<StoreResult<QList<protocol::Alert>>>;
    using Callback = std::function<void(const Results &results)>;

    AlertWriter(QString databaseUrl, DatabaseOptions databaseOptions, QObject *parent = nullptr);
    ~AlertWriter() override;

    /// Commits `groups` on the writer's thread and calls `done` on this object's thread with the
    /// results, unless `context` is gone by then. Batches are committed in the order given.
    void write(Groups groups, QObject *context, Callback done);
    /// Waits for the batch being committed, then stops the thread; later writes fail as Io.
    void stop();

    /// What the writer's thread does with a batch, on `store`.
    static Results commit(AlertStore &store, const Groups &groups);

private:
    std::unique_ptr<WorkerThread<AlertWriterWorker>> m_worker;
};

} // namespace vigil::server
