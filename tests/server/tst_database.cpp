// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/Database.h"

using namespace Qt::StringLiterals;
using vigil::server::Database;
using vigil::server::DatabaseOptions;
using vigil::server::StoreError;
using Code = vigil::server::StoreError::Code;

Q_DECLARE_METATYPE(vigil::server::StoreError::Code)

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QVariant scalar(const QSqlDatabase &db, const QString &statement)
    {
        QSqlQuery query(db);
        if (!query.exec(statement) || !query.next())
            return {};
        return query.value(0);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void urlToPath_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("path");
        QTest::newRow("file URL form")
          << u"sqlite:///var/lib/vigil/vigil.db"_s << u"/var/lib/vigil/vigil.db"_s;
        QTest::newRow("SQLAlchemy absolute form")
          << u"sqlite:////var/lib/vigil.db"_s << u"/var/lib/vigil.db"_s;
        QTest::newRow("relative") << u"sqlite:data/vigil.db"_s << u"data/vigil.db"_s;
        QTest::newRow("percent-encoded")
          << u"sqlite:///tmp/my%20store.db"_s << u"/tmp/my store.db"_s;
        QTest::newRow("windows drive")
          << u"sqlite:///C:/vigil/vigil.db"_s << u"C:/vigil/vigil.db"_s;
        QTest::newRow("memory, empty") << u"sqlite://"_s << u":memory:"_s;
        QTest::newRow("memory, named") << u"sqlite::memory:"_s << u":memory:"_s;
        QTest::newRow("plain path") << u"/srv/vigil.db"_s << u"/srv/vigil.db"_s;
        QTest::newRow("scheme is case-insensitive") << u"SQLite:///x.db"_s << u"/x.db"_s;
    }
    void urlToPath()
    {
        QFETCH(QString, url);
        QFETCH(QString, path);
        const auto result = Database::sqlitePathFromUrl(url);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value(), path);
    }

    void badUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << u""_s << u"empty"_s;
        QTest::newRow("host") << u"sqlite://server/x.db"_s << u"host"_s;
        QTest::newRow("postgresql") << u"postgresql://u:p@db/vigil"_s << u"PostgreSQL"_s;
        QTest::newRow("postgres") << u"postgres://db/vigil"_s << u"PostgreSQL"_s;
        QTest::newRow("mysql") << u"mysql://db/vigil"_s << u"unknown database scheme"_s;
    }
    void badUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, mentions);
        const auto result = Database::sqlitePathFromUrl(url);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Code::Invalid);
        QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
        Database db;
        const auto opened = db.open(url);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Code::Invalid);
        QVERIFY(!db.isOpen());
    }

    void createsSchemaInWalMode()
    {
        const QString file = path(u"sub/dir/fresh.db"_s);
        Database db;
        const auto opened = db.open(u"sqlite://"_s + file);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QVERIFY(db.isOpen());
        QVERIFY(QFile::exists(file));
        QCOMPARE(db.filePath(), file);
        QCOMPARE(db.backendName(), u"sqlite"_s);
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(scalar(db.connection(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(db.connection(), u"PRAGMA synchronous"_s).toInt(), 2); // FULL
        QCOMPARE(scalar(db.connection(), u"PRAGMA foreign_keys"_s).toInt(), 1);
        for (const QString &table : { u"alerts"_s,
                                      u"alert_events"_s,
                                      u"triage"_s,
                                      u"patients"_s,
                                      u"users"_s,
                                      u"user_hospitals"_s,
                                      u"schema_version"_s }) {
            QCOMPARE(
              scalar(
                db.connection(),
                u"SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%1'"_s.arg(table))
                .toInt(),
              1);
        }
        QCOMPARE(scalar(db.connection(), u"SELECT max(version) FROM schema_version"_s).toInt(),
                 Database::latestSchemaVersion());
    }

    void normalSyncOnRequest()
    {
        Database db;
        DatabaseOptions options;
        options.sync = DatabaseOptions::Sync::Normal;
        QVERIFY(db.open(path(u"normal.db"_s), options).ok());
        QCOMPARE(scalar(db.connection(), u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(scalar(db.connection(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    }

    void migratesAnEmptyFile()
    {
        const QString file = path(u"empty.db"_s);
        {
            QFile empty(file);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        QCOMPARE(QFileInfo(file).size(), 0);
        Database db;
        QVERIFY(db.open(file).ok());
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    }

    void reopenIsIdempotent()
    {
        const QString file = path(u"reopen.db"_s);
        for (int round = 0; round < 3; ++round) {
            Database db;
            const auto opened = db.open(file);
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
            QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
            // One row per migration, however often the file was opened.
            QCOMPARE(scalar(db.connection(), u"SELECT count(*) FROM schema_version"_s).toInt(),
                     Database::latestSchemaVersion());
        }
        // The same object can be reopened.
        Database db;
        QVERIFY(db.open(file).ok());
        db.close();
        QVERIFY(!db.isOpen());
        QVERIFY(db.open(file).ok());
        QVERIFY(db.isOpen());
    }

    void twoInstancesOnOneFile()
    {
        const QString file = path(u"shared.db"_s);
        Database first;
        Database second;
        QVERIFY(first.open(file).ok());
        QVERIFY(second.open(file).ok());
        QVERIFY(first.connection().connectionName() != second.connection().connectionName());
    }

    void refusesNewerSchema()
    {
        const QString file = path(u"newer.db"_s);
        {
            Database db;
            QVERIFY(db.open(file).ok());
            QSqlQuery bump(db.connection());
            QVERIFY(
              bump.exec(u"INSERT INTO schema_version (version, applied_at) VALUES (99, 0)"_s));
        }
        Database db;
        const auto opened = db.open(file);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Code::Invalid);
        QVERIFY2(opened.error().message.contains(u"99"), qPrintable(opened.error().message));
        QVERIFY(!db.isOpen());
    }

    void refusesForeignTables()
    {
        // A database of another program that happens to have an `alerts` table is not touched.
        const QString file = path(u"foreign.db"_s);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
            raw.setDatabaseName(file);
            QVERIFY(raw.open());
            QSqlQuery create(raw);
            QVERIFY(create.exec(u"CREATE TABLE alerts (x INTEGER)"_s));
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"foreign"_s);
        Database db;
        const auto opened = db.open(file);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(u"migration 1"),
                 qPrintable(opened.error().message));
    }

    void corruptFile()
    {
        const QString file = path(u"corrupt.db"_s);
        {
            QFile garbage(file);
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            QByteArray bytes(8192, 'x');
            bytes.replace(0, 16, "not a database!!");
            garbage.write(bytes);
        }
        Database db;
        const auto opened = db.open(file);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Code::Corrupt);
        QVERIFY(!db.isOpen());
    }

    void directoryInsteadOfFile()
    {
        const QString dir = path(u"a-directory.db"_s);
        QVERIFY(QDir().mkpath(dir));
        Database db;
        const auto opened = db.open(dir);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Code::Io);
    }

    void readOnlyNeedsCurrentSchema()
    {
        const QString file = path(u"readonly-empty.db"_s);
        {
            QFile empty(file);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        Database db;
        DatabaseOptions options;
        options.readOnly = true;
        const auto opened = db.open(file, options);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Code::ReadOnly);

        // With a current schema a read-only open works.
        const QString ready = path(u"readonly-ready.db"_s);
        {
            Database writer;
            QVERIFY(writer.open(ready).ok());
        }
        QVERIFY(db.open(ready, options).ok());
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    }

    void readOnlyMissingFile()
    {
        Database db;
        DatabaseOptions options;
        options.readOnly = true;
        const auto opened = db.open(path(u"does-not-exist.db"_s), options);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Code::Io);
        QVERIFY(!QFile::exists(path(u"does-not-exist.db"_s)));
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("native");
        QTest::addColumn<Code>("code");
        QTest::newRow("busy") << u"5"_s << Code::Busy;
        QTest::newRow("locked") << u"6"_s << Code::Busy;
        QTest::newRow("busy snapshot (extended)") << u"517"_s << Code::Busy;
        QTest::newRow("readonly") << u"8"_s << Code::ReadOnly;
        QTest::newRow("readonly dbmoved (extended)") << u"1032"_s << Code::ReadOnly;
        QTest::newRow("ioerr") << u"10"_s << Code::Io;
        QTest::newRow("corrupt") << u"11"_s << Code::Corrupt;
        QTest::newRow("full") << u"13"_s << Code::Full;
        QTest::newRow("cantopen") << u"14"_s << Code::Io;
        QTest::newRow("constraint") << u"19"_s << Code::Conflict;
        QTest::newRow("notadb") << u"26"_s << Code::Corrupt;
        QTest::newRow("generic") << u"1"_s << Code::Io;
        QTest::newRow("not a number") << u"x"_s << Code::Io;
    }
    void errorMapping()
    {
        QFETCH(QString, native);
        QFETCH(Code, code);
        const QSqlError error(u"driver"_s, u"database text"_s, QSqlError::StatementError, native);
        const StoreError mapped = vigil::server::sql::errorFrom(error, u"doing it"_s);
        QCOMPARE(mapped.code, code);
        QVERIFY(mapped.message.startsWith(u"doing it: "));
        QVERIFY(mapped.message.contains(u"database text"));
    }

    void preparedStatements()
    {
        Database db;
        QVERIFY(db.open(u"sqlite:///"_s + path(u"prepared.db"_s)).ok());
        const QString insert = u"INSERT INTO patients (patient_id, hospital_id) VALUES (?, ?)"_s;
        const QString select = u"SELECT hospital_id FROM patients WHERE patient_id = ?"_s;
        const QSqlQuery *first = nullptr;
        for (int i = 0; i < 3; ++i) {
            const vigil::server::PreparedQuery query = db.prepared(insert);
            if (!first)
                first = &*query;
            QCOMPARE(&*query, first); // the same statement each time, not compiled again
            query->addBindValue(u"p%1"_s.arg(i));
            query->addBindValue(u"h%1"_s.arg(i));
            QVERIFY(vigil::server::sql::exec(query, u"test"_s).ok());
        }
        // Each use bound its own values.
        for (int i = 0; i < 3; ++i) {
            const vigil::server::PreparedQuery query = db.prepared(select);
            query->addBindValue(u"p%1"_s.arg(i));
            QVERIFY(vigil::server::sql::exec(query, u"test"_s).ok());
            QVERIFY(query->next());
            QCOMPARE(query->value(0).toString(), u"h%1"_s.arg(i));
        }
        {
            // A statement still in use (a nested call) is given as another query.
            const vigil::server::PreparedQuery outer = db.prepared(select);
            const vigil::server::PreparedQuery inner = db.prepared(select);
            QVERIFY(&*outer != &*inner);
            outer->addBindValue(u"p1"_s);
            inner->addBindValue(u"p2"_s);
            QVERIFY(vigil::server::sql::exec(outer, u"test"_s).ok());
            QVERIFY(vigil::server::sql::exec(inner, u"test"_s).ok());
            QVERIFY(outer->next() && inner->next());
            QCOMPARE(outer->value(0).toString(), u"h1"_s);
            QCOMPARE(inner->value(0).toString(), u"h2"_s);
        }
        {
            // A SELECT handed back mid-way no longer holds a read snapshot: another connection
            // can write and a checkpoint can take the whole WAL.
            const vigil::server::PreparedQuery open = db.prepared(select);
            open->addBindValue(u"p0"_s);
            QVERIFY(vigil::server::sql::exec(open, u"test"_s).ok());
            QVERIFY(open->next());
            QVERIFY(open->isActive());
        }
        QVERIFY(!db.prepared(select)->isActive());
        Database other;
        QVERIFY(other.open(u"sqlite:///"_s + path(u"prepared.db"_s)).ok());
        QSqlQuery write(other.connection());
        QVERIFY(
          write.exec(u"INSERT INTO patients (patient_id, hospital_id) VALUES ('p9', 'h9')"_s));
        QSqlQuery checkpoint(db.connection());
        QVERIFY(checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
        QVERIFY(checkpoint.next());
        QCOMPARE(checkpoint.value(0).toInt(), 0); // not busy: no reader held the WAL
        checkpoint.finish();

        // Bad SQL is not cached; its error comes from exec().
        const vigil::server::PreparedQuery bad = db.prepared(u"SELECT missing FROM nowhere"_s);
        const auto status = vigil::server::sql::exec(bad, u"test"_s);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(u"nowhere"_s), qPrintable(status.error().message));
    }

    void errorCodeNames()
    {
        QCOMPARE(vigil::server::storeErrorCodeToString(Code::ReadOnly), u"read_only"_s);
        QCOMPARE(vigil::server::storeErrorCodeToString(Code::NotFound), u"not_found"_s);
        QCOMPARE(vigil::server::storeErrorCodeToString(Code::Busy), u"busy"_s);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
