// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <unordered_map>

#include <QHashFunctions> // std::hash<QString>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include "server/StoreError.h"

class QSqlError;
class QSqlQuery;

namespace vigil::server {

struct DatabaseOptions
{
    /// How long a write waits for another connection's lock before failing with Busy.
    int busyTimeoutMs = 5'000;
    /// Opens the file read-only: reads work, every write fails with ReadOnly. The schema must
    /// already be current (a migration is a write).
    bool readOnly = false;
    /// Full (the default) fsyncs the WAL at every commit: a stored alert survives a power loss.
    /// Normal only syncs at checkpoints: a stored alert survives a crash or kill of the process
    /// but the last commits can be lost with the machine, and their seqs handed out again.
    enum class Sync
    {
        Full,
        Normal,
    };
    Sync sync = Sync::Full;
    /// When above 0, the file may not grow beyond this many pages (`PRAGMA max_page_count`, on
    /// every connection opened with these options): writes then fail with Full, as on a full disk.
    qint64 maxPageCount = 0;
};

/// A statement from Database::prepared(), used like a QSqlQuery (addBindValue(), sql::exec(),
/// next(), lastInsertId()). When it goes out of scope the query is finish()ed, so that a SELECT
/// does not keep its read snapshot open, and handed back to the cache for the next caller.
class PreparedQuery final
{
public:
    ~PreparedQuery();
    PreparedQuery(const PreparedQuery &) = delete;
    PreparedQuery &operator=(const PreparedQuery &) = delete;

    QSqlQuery &operator*() const { return *m_query; }
    QSqlQuery *operator->() const { return m_query; }
    /// Why the statement could not be prepared (sql::exec() reports it); invalid when it was.
    const QSqlError &prepareError() const { return m_prepareError; }

private:
    friend class Database;
    PreparedQuery(QSqlQuery *query,
                  bool *inUse,
                  std::unique_ptr<QSqlQuery> owned,
                  QSqlError prepareError = {});

    QSqlQuery *m_query;
    bool *m_inUse;                      ///< the cache entry's flag, or null for an owned query
    std::unique_ptr<QSqlQuery> m_owned; ///< a statement that could not be cached
    QSqlError m_prepareError;
};

/// One Qt SQL connection (QSQLITE) with the Vigil schema, shared by SqlAlertStore and UserStore.
///
/// The connection is opened in WAL mode with `synchronous=FULL` by default: every commit waits for
/// the WAL to reach the disk, so an alert whose insert returned survives a crash of the process
/// *and* of the machine. NORMAL would only survive the process, and a commit lost with the machine
/// would let its seq be handed out again to another alert after the restart, which clients that
/// saw the first cannot tell apart. The cost is one fsync per transaction, which insertMany()
/// shares among its alerts. Like every QSqlDatabase the connection belongs to the thread that
/// opened it.
///
/// The schema is versioned in `schema_version`; open() applies the missing migrations in order in
/// one write transaction, and refuses a database written by a newer schema.
class Database final
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// `url` is `sqlite:///absolute/path.db` (as in a file: URL; `sqlite:////absolute` works too),
    /// `sqlite:relative.db`, `sqlite://` or `sqlite::memory:` for an in-memory database, or a plain
    /// file path. The parent directory is created. PostgreSQL URLs are refused with Invalid.
    StoreStatus open(const QString &url, const DatabaseOptions &options = {});
    void close();
    bool isOpen() const;

    /// `sqlite` (the value of `store` in /api/health).
    QString backendName() const;
    /// The file in use, or `:memory:`.
    QString filePath() const;
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();

    /// The connection, for the stores built on it (same thread only).
    QSqlDatabase connection() const { return m_db; }

    /// `statement` prepared on this connection once and reused: SQLite compiles SQL text into a
    /// program, which costs more than running a small insert, so the statements run for every
    /// alert and every CONNECT come from here. A statement already in use (a nested call) or
    /// one that fails to prepare is given as a fresh query, whose error exec() reports.
    PreparedQuery prepared(const QString &statement);

    /// The file path named by a database URL or plain path; Invalid for other schemes.
    static StoreResult<QString> sqlitePathFromUrl(const QString &url);

private:
    StoreStatus applyPragmas(const DatabaseOptions &options);
    StoreStatus migrate(bool readOnly);

    struct CachedStatement
    {
        std::unique_ptr<QSqlQuery> query;
        bool inUse = false;
    };

    QString m_connectionName;
    QSqlDatabase m_db;
    /// Node-based: an entry (and its inUse flag) stays put while others are added.
    std::unordered_map<QString, CachedStatement> m_statements;
    QString m_path;
    int m_schemaVersion = 0;
};

namespace sql {

/// Maps a driver error to a code by SQLite's result code (busy, read-only, full, corrupt, ...).
StoreError errorFrom(const QSqlError &error, const QString &context);
/// A string bound as TEXT: Qt SQL binds a null QString as NULL, which NOT NULL columns refuse.
inline QString text(const QString &value)
{
    return value.isNull() ? QString::fromLatin1("") : value;
}
/// exec() with the error mapped.
StoreStatus exec(QSqlQuery &query, const QString &context);
/// The same for a statement from Database::prepared(), or the error that kept it from preparing.
StoreStatus exec(const PreparedQuery &query, const QString &context);
/// prepare() + exec() of a statement without bound values.
StoreStatus exec(const QSqlDatabase &db, const QString &statement, const QString &context);

/// `BEGIN IMMEDIATE` ... `COMMIT`: takes the write lock up front, so a writer waits for the lock
/// (busy timeout) instead of failing later when it upgrades a read lock. Rolls back when destroyed
/// uncommitted.
class WriteTransaction final
{
public:
    explicit WriteTransaction(QSqlDatabase db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    StoreStatus begin();
    StoreStatus commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace sql

} // namespace vigil::server
