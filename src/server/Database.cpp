// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/Database.h"

#include <atomic>

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include "common/Logging.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

const QString sqliteDriver = u"QSQLITE"_s;
const QString memoryPath = u":memory:"_s;

// SQLite primary result codes (sqlite3.h); the driver reports them as nativeErrorCode().
enum SqliteCode
{
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteConstraint = 19,
    SqliteNotADb = 26,
};

// Each migration is the list of statements that takes the schema from version N-1 to N. Never edit
// a released migration: add the next one.
const QList<QList<QString>> &migrations()
{
    static const QList<QList<QString>> list = {
        // v1
        {
          uR"(CREATE TABLE alerts (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                patient_id TEXT NOT NULL,
                hospital_id TEXT NOT NULL,
                type TEXT NOT NULL,
                priority TEXT NOT NULL,
                title TEXT NOT NULL,
                message TEXT NOT NULL,
                data TEXT NOT NULL,
                source TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                state TEXT NOT NULL,
                acknowledged_by TEXT,
                acknowledged_at INTEGER,
                suppressed INTEGER NOT NULL))"_s,
          u"CREATE INDEX alerts_patient ON alerts (patient_id, seq)"_s,
          u"CREATE INDEX alerts_hospital ON alerts (hospital_id, seq)"_s,
          u"CREATE INDEX alerts_active ON alerts (hospital_id, seq) WHERE state = 'active'"_s,
          uR"(CREATE TABLE alert_events (
                event_id INTEGER PRIMARY KEY AUTOINCREMENT,
                alert_id TEXT NOT NULL REFERENCES alerts (id),
                state TEXT NOT NULL,
                actor TEXT NOT NULL,
                at INTEGER NOT NULL))"_s,
          u"CREATE INDEX alert_events_alert ON alert_events (alert_id, event_id)"_s,
          uR"(CREATE TABLE patients (
                patient_id TEXT PRIMARY KEY,
                hospital_id TEXT NOT NULL))"_s,
          uR"(CREATE TABLE triage (
                patient_id TEXT PRIMARY KEY REFERENCES patients (patient_id),
                hospital_id TEXT NOT NULL,
                display_name TEXT NOT NULL,
                acuity INTEGER NOT NULL,
                risk_score REAL NOT NULL,
                status TEXT NOT NULL,
                waiting_since INTEGER NOT NULL,
                updated_at INTEGER NOT NULL))"_s,
          u"CREATE INDEX triage_hospital ON triage (hospital_id)"_s,
          uR"(CREATE TABLE users (
                username TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL))"_s,
          uR"(CREATE TABLE user_hospitals (
                username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
                hospital_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (username, hospital_id)))"_s,
        },
        // v2: tokens issued before this time (seconds) are revoked; set by add and passwd.
        {
          u"ALTER TABLE users ADD COLUMN tokens_valid_after INTEGER NOT NULL DEFAULT 0"_s,
        },
        // v3: the credential generation tokens carry (`tv`); exact where v2's seconds are not.
        // token_clock hands out versions that only grow, across users and removals: a user added
        // again under an old name never gets a version an old token of that name carries.
        {
          u"ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0"_s,
          u"CREATE TABLE token_clock (id INTEGER PRIMARY KEY CHECK (id = 1), "
          u"last INTEGER NOT NULL)"_s,
          u"INSERT INTO token_clock (id, last) VALUES (1, 0)"_s,
        },
    };
    return list;
}

QString nextConnectionName()
{
    static std::atomic<int> counter{ 0 };
    return u"vigil-store-%1"_s.arg(counter.fetch_add(1) + 1);
}

} // namespace

Database::Database()
  : m_connectionName(nextConnectionName())
{
}

Database::~Database()
{
    close();
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

StoreResult<QString> Database::sqlitePathFromUrl(const QString &url)
{
    const QString text = url.trimmed();
    if (text.isEmpty())
        return StoreError{ StoreError::Code::Invalid, u"the database URL is empty"_s };
    if (text.startsWith(u"sqlite:", Qt::CaseInsensitive)) {
        QString rest = text.mid(7);
        if (rest.isEmpty() || rest == u"//" || rest == memoryPath)
            return memoryPath;
        if (rest.startsWith(u"//")) {
            rest = rest.mid(2);
            // Anything between `//` and the path would be a host, which a file has not.
            if (!rest.startsWith(u'/'))
                return StoreError{
                    StoreError::Code::Invalid,
                    u"a sqlite URL has no host: write sqlite:///absolute/path.db"_s
                };
        }
        QString path = QUrl::fromPercentEncoding(rest.toUtf8());
        // SQLAlchemy writes absolute paths with four slashes (sqlite:////var/x.db).
        while (path.startsWith(u"//"))
            path.remove(0, 1);
        // sqlite:///C:/data/vigil.db names a Windows drive path, as file:///C:/ does.
        if (path.size() >= 3 && path.at(0) == u'/' && path.at(1).isLetter() && path.at(2) == u':')
            path.remove(0, 1);
        return path;
    }
    const qsizetype schemeEnd = text.indexOf(u"://");
    if (schemeEnd > 0) {
        const QString scheme = text.left(schemeEnd).toLower();
        if (scheme == u"postgresql" || scheme == u"postgres")
            return StoreError{ StoreError::Code::Invalid,
                               u"PostgreSQL is not supported by this build's store; use sqlite"_s };
        return StoreError{ StoreError::Code::Invalid,
                           u"unknown database scheme '%1' (use sqlite:///path.db)"_s.arg(scheme) };
    }
    return text;
}

StoreStatus Database::open(const QString &url, const DatabaseOptions &options)
{
    close();
    auto path = sqlitePathFromUrl(url);
    if (!path)
        return path.error();
    if (!QSqlDatabase::isDriverAvailable(sqliteDriver))
        return StoreError{ StoreError::Code::Io,
                           u"the Qt SQLite driver (QSQLITE, Debian package libqt6sql6-sqlite) "
                           u"is not installed"_s };
    m_path = path.value();
    if (m_path != memoryPath && !options.readOnly) {
        const QString dir = QFileInfo(m_path).absolutePath();
        if (!QDir().mkpath(dir))
            return StoreError{ StoreError::Code::Io,
                               u"cannot create the database directory %1"_s.arg(dir) };
    }

    m_db = QSqlDatabase::addDatabase(sqliteDriver, m_connectionName);
    m_db.setDatabaseName(m_path);
    QString connectOptions = u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(qMax(0, options.busyTimeoutMs));
    if (options.readOnly)
        connectOptions += u";QSQLITE_OPEN_READONLY"_s;
    m_db.setConnectOptions(connectOptions);
    if (!m_db.open()) {
        const StoreError error = sql::errorFrom(m_db.lastError(), u"opening %1"_s.arg(m_path));
        close();
        return error;
    }

    StoreStatus status = applyPragmas(options);
    if (status)
        status = migrate(options.readOnly);
    if (!status) {
        close();
        return status;
    }
    qCInfo(lcServerStore) << "opened" << m_path << "schema version" << m_schemaVersion
                          << (options.readOnly ? "read-only" : "");
    return std::monostate{};
}

void Database::close()
{
    if (!m_db.isValid())
        return;
    // Prepared statements hold the connection open; they go first.
    m_statements.clear();
    m_db.close();
    // removeDatabase() needs every handle gone, including ours.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_schemaVersion = 0;
}

PreparedQuery::PreparedQuery(QSqlQuery *query,
                             bool *inUse,
                             std::unique_ptr<QSqlQuery> owned,
                             QSqlError prepareError)
  : m_query(query)
  , m_inUse(inUse)
  , m_owned(std::move(owned))
  , m_prepareError(std::move(prepareError))
{
}

PreparedQuery::~PreparedQuery()
{
    m_query->finish();
    if (m_inUse)
        *m_inUse = false;
}

PreparedQuery Database::prepared(const QString &statement)
{
    const auto it = m_statements.find(statement);
    if (it != m_statements.end() && !it->second.inUse) {
        it->second.inUse = true;
        return PreparedQuery(it->second.query.get(), &it->second.inUse, nullptr);
    }
    auto query = std::make_unique<QSqlQuery>(m_db);
    const bool ok = query->prepare(statement);
    QSqlQuery *raw = query.get(); // before the move: arguments have no set order
    if (ok && it == m_statements.end()) {
        auto &cached =
          m_statements.emplace(statement, CachedStatement{ std::move(query), true }).first->second;
        return PreparedQuery(raw, &cached.inUse, nullptr);
    }
    // Not cached: it failed to prepare (its error goes with it), or the cached one is in use.
    QSqlError error = ok ? QSqlError() : raw->lastError();
    return PreparedQuery(raw, nullptr, std::move(query), std::move(error));
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

QString Database::backendName() const
{
    return u"sqlite"_s;
}

QString Database::filePath() const
{
    return m_path;
}

StoreStatus Database::applyPragmas(const DatabaseOptions &options)
{
    const bool readOnly = options.readOnly;
    // The first statement is where SQLite actually reads the file: a file that is not a database
    // fails here with SQLITE_NOTADB.
    QSqlQuery probe(m_db);
    if (!probe.prepare(u"SELECT count(*) FROM sqlite_master"_s) || !probe.exec())
        return sql::errorFrom(probe.lastError(), u"reading %1"_s.arg(m_path));
    probe.finish();

    if (!readOnly && m_path != memoryPath) {
        QSqlQuery wal(m_db);
        if (!wal.exec(u"PRAGMA journal_mode = WAL"_s))
            return sql::errorFrom(wal.lastError(), u"switching to WAL"_s);
        if (wal.next() && wal.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
            qCWarning(lcServerStore)
              << "the filesystem of" << m_path << "does not support WAL; journal mode is"
              << wal.value(0).toString();
    }
    if (options.maxPageCount > 0) {
        const auto status = sql::exec(m_db,
                                      u"PRAGMA max_page_count = %1"_s.arg(options.maxPageCount),
                                      u"limiting the file's size"_s);
        if (!status)
            return status;
    }
    const QString sync = options.sync == DatabaseOptions::Sync::Full ? u"FULL"_s : u"NORMAL"_s;
    if (auto status = sql::exec(m_db, u"PRAGMA synchronous = "_s + sync, u"setting synchronous"_s);
        !status)
        return status;
    return sql::exec(m_db, u"PRAGMA foreign_keys = ON"_s, u"enabling foreign keys"_s);
}

StoreStatus Database::migrate(bool readOnly)
{
    const auto readVersion = [this]() -> StoreResult<int> {
        QSqlQuery exists(m_db);
        if (!exists.prepare(u"SELECT count(*) FROM sqlite_master "
                            u"WHERE type = 'table' AND name = 'schema_version'"_s) ||
            !exists.exec() || !exists.next())
            return sql::errorFrom(exists.lastError(), u"reading the schema version"_s);
        if (exists.value(0).toInt() == 0)
            return 0;
        QSqlQuery version(m_db);
        if (!version.prepare(u"SELECT max(version) FROM schema_version"_s) || !version.exec())
            return sql::errorFrom(version.lastError(), u"reading the schema version"_s);
        return version.next() ? version.value(0).toInt() : 0;
    };

    auto current = readVersion();
    if (!current)
        return current.error();
    const int latest = latestSchemaVersion();
    const auto checkNotNewer = [latest](int version) -> StoreStatus {
        if (version > latest)
            return StoreError{ StoreError::Code::Invalid,
                               u"the database has schema version %1, newer than this server's %2; "
                               u"upgrade vigil-server"_s.arg(version)
                                 .arg(latest) };
        return std::monostate{};
    };
    if (auto status = checkNotNewer(current.value()); !status)
        return status;
    if (current.value() == latest) {
        m_schemaVersion = latest;
        return std::monostate{};
    }
    if (readOnly)
        return StoreError{ StoreError::Code::ReadOnly,
                           u"the database needs schema migration %1 → %2 but is open read-only"_s
                             .arg(current.value())
                             .arg(latest) };

    sql::WriteTransaction transaction(m_db);
    if (auto status = transaction.begin(); !status)
        return status;
    // Another process may have migrated between our read and the write lock.
    current = readVersion();
    if (!current)
        return current.error();
    if (auto status = checkNotNewer(current.value()); !status)
        return status;
    if (current.value() == 0) {
        if (auto status = sql::exec(m_db,
                                    u"CREATE TABLE IF NOT EXISTS schema_version "
                                    u"(version INTEGER NOT NULL, applied_at INTEGER NOT NULL)"_s,
                                    u"creating schema_version"_s);
            !status)
            return status;
    }
    for (int version = current.value() + 1; version <= latest; ++version) {
        for (const QString &statement : migrations().at(version - 1)) {
            if (auto status = sql::exec(m_db, statement, u"migration %1"_s.arg(version)); !status)
                return status;
        }
        QSqlQuery record(m_db);
        record.prepare(u"INSERT INTO schema_version (version, applied_at) VALUES (?, "
                       u"CAST(strftime('%s', 'now') AS INTEGER) * 1000)"_s);
        record.addBindValue(version);
        if (auto status = sql::exec(record, u"recording migration %1"_s.arg(version)); !status)
            return status;
    }
    if (auto status = transaction.commit(); !status)
        return status;
    qCInfo(lcServerStore) << "migrated" << m_path << "from schema version" << current.value()
                          << "to" << latest;
    m_schemaVersion = latest;
    return std::monostate{};
}

namespace sql {

StoreError errorFrom(const QSqlError &error, const QString &context)
{
    bool ok = false;
    const int native = error.nativeErrorCode().toInt(&ok);
    // Extended result codes keep the primary code in the low byte.
    const int primary = ok ? (native & 0xff) : -1;
    StoreError::Code code = StoreError::Code::Io;
    QString what;
    switch (primary) {
        case SqliteBusy:
        case SqliteLocked:
            code = StoreError::Code::Busy;
            what = u"the database is locked by another connection"_s;
            break;
        case SqliteReadOnly:
            code = StoreError::Code::ReadOnly;
            what = u"the database is read-only"_s;
            break;
        case SqliteFull:
            code = StoreError::Code::Full;
            what = u"the database or disk is full"_s;
            break;
        case SqliteCorrupt:
        case SqliteNotADb:
            code = StoreError::Code::Corrupt;
            what = u"the database file is damaged or not a database"_s;
            break;
        case SqliteConstraint:
            code = StoreError::Code::Conflict;
            what = u"a constraint was violated"_s;
            break;
        case SqliteIoErr:
        case SqliteCantOpen:
            code = StoreError::Code::Io;
            what = u"cannot read or write the database file"_s;
            break;
        default:
            what = u"database error"_s;
            break;
    }
    const QString detail = error.text().trimmed();
    return StoreError{ code,
                       u"%1: %2%3"_s.arg(
                         context, what, detail.isEmpty() ? QString() : u" (%1)"_s.arg(detail)) };
}

StoreStatus exec(QSqlQuery &query, const QString &context)
{
    if (!query.exec())
        return errorFrom(query.lastError(), context);
    return std::monostate{};
}

StoreStatus exec(const PreparedQuery &query, const QString &context)
{
    if (query.prepareError().isValid())
        return errorFrom(query.prepareError(), context);
    return exec(*query, context);
}

StoreStatus exec(const QSqlDatabase &db, const QString &statement, const QString &context)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        return errorFrom(query.lastError(), context);
    return exec(query, context);
}

WriteTransaction::WriteTransaction(QSqlDatabase db)
  : m_db(std::move(db))
{
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

StoreStatus WriteTransaction::begin()
{
    auto status = exec(m_db, u"BEGIN IMMEDIATE"_s, u"starting a write transaction"_s);
    m_active = status.ok();
    return status;
}

StoreStatus WriteTransaction::commit()
{
    auto status = exec(m_db, u"COMMIT"_s, u"committing"_s);
    if (status)
        m_active = false;
    else
        rollback();
    return status;
}

void WriteTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // After FULL, IOERR and similar errors SQLite has already rolled back, so this may fail
    // harmlessly with "no transaction is active".
    QSqlQuery query(m_db);
    if (!query.exec(u"ROLLBACK"_s))
        qCDebug(lcServerStore) << "rollback:" << query.lastError().text();
}

} // namespace sql

QString storeErrorCodeToString(StoreError::Code code)
{
    switch (code) {
        case StoreError::Code::NotFound:
            return u"not_found"_s;
        case StoreError::Code::Conflict:
            return u"conflict"_s;
        case StoreError::Code::Busy:
            return u"busy"_s;
        case StoreError::Code::ReadOnly:
            return u"read_only"_s;
        case StoreError::Code::Full:
            return u"full"_s;
        case StoreError::Code::Corrupt:
            return u"corrupt"_s;
        case StoreError::Code::Io:
            return u"io"_s;
        case StoreError::Code::Invalid:
            return u"invalid"_s;
    }
    return u"io"_s;
}

} // namespace vigil::server
