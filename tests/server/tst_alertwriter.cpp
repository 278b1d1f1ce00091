// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <optional>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include "server/AlertWriter.h"
#include "server/Database.h"
#include "server/SqlAlertStore.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
using vigil::protocol::AlertInput;
using vigil::protocol::Priority;
using Code = StoreError::Code;

namespace {

NewAlert alert(const QString &patient, const QString &hospital)
{
    AlertInput in;
    in.patientId = patient;
    in.hospitalId = hospital;
    in.type = u"vital_sign"_s;
    in.priority = Priority::Medium;
    in.title = u"HR 134>120"_s;
    in.source = u"monitor"_s;
    return NewAlert{ in, false };
}

/// Another connection holding the write lock of the database, as a backup or an admin command
/// would.
struct Locker
{
    Database database;
    std::optional<QSqlQuery> query;

    bool lock(const QString &url)
    {
        if (!database.open(url).ok())
            return false;
        query.emplace(database.connection());
        return query->exec(u"BEGIN IMMEDIATE"_s);
    }
    bool unlock() { return query->exec(u"COMMIT"_s); }
};

} // namespace

/// AlertWriter against a real SQLite file: commits happen on the writer's thread, the event loop
/// keeps running meanwhile (shown with the database locked by another connection), batches keep
/// their order, one group's bad alert fails only that group, and a stopped writer refuses.
class TestAlertWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshUrl()
    {
        const QString url = u"sqlite:///"_s + m_dir.filePath(u"writer-%1.db"_s.arg(++m_files));
        Database schema; // the writer's thread opens it too; create the schema here first
        if (!schema.open(url).ok())
            return {};
        return url;
    }

    /// The batch's results, or nothing when they did not come within 10 s.
    static std::optional<AlertWriter::Results> writeAndWait(AlertWriter &writer,
                                                            AlertWriter::Groups groups,
                                                            QObject *context)
    {
        std::optional<AlertWriter::Results> results;
        bool onMainThread = false;
        writer.write(
          std::move(groups), context, [&results, &onMainThread](const AlertWriter::Results &r) {
              onMainThread = QThread::currentThread() == QCoreApplication::instance()->thread();
              results = r;
          });
        if (!QTest::qWaitFor([&results] { return results.has_value(); }, 10'000) || !onMainThread)
            return std::nullopt;
        return results;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void commitsBatchesInOrder()
    {
        const QString url = freshUrl();
        QVERIFY(!url.isEmpty());
        AlertWriter writer(url, DatabaseOptions{});
        QObject context;
        std::optional<AlertWriter::Results> first;
        std::optional<AlertWriter::Results> second;
        // Two batches given back to back: the second's seqs follow the first's.
        writer.write(
          { { alert(u"p1"_s, u"h1"_s), alert(u"p2"_s, u"h1"_s) }, { alert(u"p3"_s, u"h2"_s) } },
          &context,
          [&first](const AlertWriter::Results &r) { first = r; });
        writer.write({ { alert(u"p4"_s, u"h2"_s) } },
                     &context,
                     [&second](const AlertWriter::Results &r) { second = r; });
        QTRY_VERIFY_WITH_TIMEOUT(first.has_value() && second.has_value(), 10'000);
        QCOMPARE(first->size(), 2);
        QVERIFY(first->at(0).ok() && first->at(1).ok() && second->at(0).ok());
        QCOMPARE(first->at(0)->size(), 2);
        QCOMPARE(first->at(1)->size(), 1);
        const qint64 a = first->at(0)->at(0).seq;
        QCOMPARE(first->at(0)->at(1).seq, a + 1);
        QCOMPARE(first->at(1)->at(0).seq, a + 2);
        QCOMPARE(second->at(0)->at(0).seq, a + 3);
        QCOMPARE(first->at(1)->at(0).patientId, u"p3"_s);

        // Durable and visible to another connection once the callback ran.
        Database reader;
        QVERIFY(reader.open(url).ok());
        SqlAlertStore store(reader);
        QCOMPARE(store.lastSeq().value(), a + 3);
        QCOMPARE(store.get(second->at(0)->at(0).id)->patientId, u"p4"_s);
    }

    void theEventLoopRunsWhileACommitWaits()
    {
        const QString url = freshUrl();
        QVERIFY(!url.isEmpty());
        DatabaseOptions options;
        options.busyTimeoutMs = 5'000;
        AlertWriter writer(url, options);
        QObject context;

        // Another connection holds the write lock for 600 ms.
        Locker locker;
        QVERIFY(locker.lock(url));
        QTimer::singleShot(600, [&locker] { QVERIFY(locker.unlock()); });

        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(20);
        QElapsedTimer clock;
        clock.start();
        std::optional<AlertWriter::Results> results;
        int ticksAtAnswer = -1;
        writer.write({ { alert(u"p1"_s, u"h1"_s) } }, &context, [&](const AlertWriter::Results &r) {
            results = r;
            ticksAtAnswer = ticks;
        });
        QVERIFY(!results.has_value()); // the answer never comes from inside write()
        QTRY_VERIFY_WITH_TIMEOUT(results.has_value(), 10'000);
        QVERIFY2(results->at(0).ok(),
                 qPrintable(results->at(0).ok() ? QString() : results->at(0).error().message));
        QVERIFY(clock.elapsed() >= 500); // it did wait for the lock
        // The loop kept turning while the writer waited: a loop blocked by the commit would not
        // have ticked before the answer at all.
        QVERIFY2(ticksAtAnswer >= 5, qPrintable(QString::number(ticksAtAnswer)));
    }

    void aLockedStoreIsBusy()
    {
        const QString url = freshUrl();
        QVERIFY(!url.isEmpty());
        DatabaseOptions options;
        options.busyTimeoutMs = 100;
        AlertWriter writer(url, options);
        QObject context;
        Locker locker;
        QVERIFY(locker.lock(url));
        const auto results = writeAndWait(
          writer, { { alert(u"p1"_s, u"h1"_s) }, { alert(u"p2"_s, u"h1"_s) } }, &context);
        QVERIFY(results);
        QCOMPARE(results->size(), 2);
        for (const auto &result : *results) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, Code::Busy);
        }
        QVERIFY(locker.unlock());
    }

    void oneBadGroupFailsAlone()
    {
        const QString url = freshUrl();
        QVERIFY(!url.isEmpty());
        AlertWriter writer(url, DatabaseOptions{});
        QObject context;
        const auto stored = writeAndWait(writer, { { alert(u"p1"_s, u"h1"_s) } }, &context);
        QVERIFY(stored && stored->at(0).ok());
        // p1 belongs to h1: the second group conflicts, the first and third are stored.
        const auto results = writeAndWait(
          writer,
          { { alert(u"p2"_s, u"h1"_s) }, { alert(u"p1"_s, u"h2"_s) }, { alert(u"p3"_s, u"h2"_s) } },
          &context);
        QVERIFY(results);
        QVERIFY(results->at(0).ok());
        QVERIFY(!results->at(1).ok());
        QCOMPARE(results->at(1).error().code, Code::Conflict);
        QVERIFY(results->at(2).ok());
        QCOMPARE(results->at(2)->at(0).seq, results->at(0)->at(0).seq + 1);
    }

    void nothingAfterStop()
    {
        const QString url = freshUrl();
        QVERIFY(!url.isEmpty());
        AlertWriter writer(url, DatabaseOptions{});
        QObject context;
        const auto stored = writeAndWait(writer, { { alert(u"p1"_s, u"h1"_s) } }, &context);
        QVERIFY(stored && stored->at(0).ok());
        writer.stop();
        std::optional<AlertWriter::Results> results;
        writer.write({ { alert(u"p2"_s, u"h1"_s) } },
                     &context,
                     [&results](const AlertWriter::Results &r) { results = r; });
        QVERIFY(results.has_value()); // at once, on the caller's thread
        QCOMPARE(results->at(0).error().code, Code::Io);

        // A context that is gone by the time the batch is committed gets no call.
        AlertWriter other(url, DatabaseOptions{});
        bool called = false;
        {
            QObject shortLived;
            other.write({ { alert(u"p3"_s, u"h1"_s) } },
                        &shortLived,
                        [&called](const AlertWriter::Results &) { called = true; });
        }
        other.stop(); // the batch is committed before the thread stops
        QCoreApplication::processEvents();
        QVERIFY(!called);
        Database reader;
        QVERIFY(reader.open(url).ok());
        QCOMPARE(SqlAlertStore(reader).lastSeq().value(), 2); // p3 was stored all the same
    }

    void aStoreThatCannotOpenFailsEachGroup()
    {
        // A directory where the file should be.
        AlertWriter writer(u"sqlite:///"_s + m_dir.path(), DatabaseOptions{});
        QObject context;
        const auto results = writeAndWait(
          writer, { { alert(u"p1"_s, u"h1"_s) }, { alert(u"p2"_s, u"h1"_s) } }, &context);
        QVERIFY(results);
        QCOMPARE(results->size(), 2);
        QVERIFY(!results->at(0).ok() && !results->at(1).ok());
    }
};

QTEST_GUILESS_MAIN(TestAlertWriter)
#include "tst_alertwriter.moc"
