// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "server/RateLimiter.h"

using namespace Qt::StringLiterals;
using vigil::server::RateLimiter;
using vigil::server::SuppressionSummary;
using Verdict = RateLimiter::Verdict;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 0;

    RateLimiter limiter(int limit, qsizetype maxTracked = RateLimiter::defaultMaxTrackedPatients)
    {
        RateLimiter result(limit, maxTracked);
        result.setClock([this] { return m_now; });
        return result;
    }

    // Feeds `count` alerts of a patient with seqs from `seq` on; returns how many were emitted.
    static int feed(RateLimiter &rl, const QString &patient, int count, qint64 &seq)
    {
        int emitted = 0;
        for (int i = 0; i < count; ++i, ++seq) {
            if (rl.admit(patient) == Verdict::Emit)
                ++emitted;
            else
                rl.heldBack(patient, u"h1"_s, seq);
        }
        return emitted;
    }

private Q_SLOTS:
    void init() { m_now = 1'000'000; }

    void limitPerWindow_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("alerts");
        QTest::addColumn<int>("emitted");
        QTest::newRow("under") << 10 << 9 << 9;
        QTest::newRow("at") << 10 << 10 << 10;
        QTest::newRow("over") << 10 << 25 << 10;
        QTest::newRow("limit 1") << 1 << 5 << 1;
        QTest::newRow("off") << 0 << 500 << 500;
    }
    void limitPerWindow()
    {
        QFETCH(int, limit);
        QFETCH(int, alerts);
        QFETCH(int, emitted);
        RateLimiter rl = limiter(limit);
        qint64 seq = 1;
        QCOMPARE(feed(rl, u"p1"_s, alerts, seq), emitted);
        m_now += RateLimiter::windowMs;
        const auto summaries = rl.closeExpiredWindows();
        if (alerts > emitted) {
            QCOMPARE(summaries.size(), 1);
            QCOMPARE(summaries.at(0),
                     (SuppressionSummary{
                       u"p1"_s, u"h1"_s, alerts - emitted, qint64(emitted + 1), qint64(alerts) }));
        } else {
            QVERIFY(summaries.isEmpty());
        }
        QCOMPARE(rl.trackedPatients(), 0);
    }

    void windowIsAnchoredToFirstAlert()
    {
        RateLimiter rl = limiter(2);
        qint64 seq = 1;
        QCOMPARE(feed(rl, u"p1"_s, 3, seq), 2); // opens the window at t0, seq 3 held
        QCOMPARE(rl.nextDeadline(), std::optional<qint64>(m_now + RateLimiter::windowMs));
        m_now += RateLimiter::windowMs - 1;
        QVERIFY(rl.closeExpiredWindows().isEmpty());
        QCOMPARE(rl.admit(u"p1"_s), Verdict::HoldBack); // still the first window
        rl.heldBack(u"p1"_s, u"h1"_s, seq++);
        m_now += 1;
        const auto summaries = rl.closeExpiredWindows();
        QCOMPARE(summaries.size(), 1);
        QCOMPARE(summaries.at(0).count, 2);
        QCOMPARE(summaries.at(0).firstSeq, 3);
        QCOMPARE(summaries.at(0).lastSeq, 4);
        QVERIFY(!rl.nextDeadline().has_value());
        // A new window starts with the next alert.
        QCOMPARE(feed(rl, u"p1"_s, 3, seq), 2);
    }

    void patientsAreIndependent()
    {
        RateLimiter rl = limiter(3);
        qint64 seq = 1;
        QCOMPARE(feed(rl, u"p1"_s, 5, seq), 3);
        m_now += 30'000;
        QCOMPARE(feed(rl, u"p2"_s, 4, seq), 3);
        QCOMPARE(rl.trackedPatients(), 2);

        m_now += 30'000; // p1's window ends, p2's has 30 s left
        auto summaries = rl.closeExpiredWindows();
        QCOMPARE(summaries.size(), 1);
        QCOMPARE(summaries.at(0).patientId, u"p1"_s);
        QCOMPARE(summaries.at(0).count, 2);
        QCOMPARE(rl.trackedPatients(), 1);
        QCOMPARE(rl.nextDeadline(), std::optional<qint64>(m_now + 30'000));

        m_now += 30'000;
        summaries = rl.closeExpiredWindows();
        QCOMPARE(summaries.size(), 1);
        QCOMPARE(summaries.at(0), (SuppressionSummary{ u"p2"_s, u"h1"_s, 1, 9, 9 }));
    }

    void summaryNotLostWhenAdmitClosesTheWindow()
    {
        // The service may be slow to poll: the next alert closes the old window itself and the
        // summary waits for the next poll.
        RateLimiter rl = limiter(1);
        qint64 seq = 1;
        QCOMPARE(feed(rl, u"p1"_s, 3, seq), 1);
        m_now += 2 * RateLimiter::windowMs;
        QCOMPARE(rl.admit(u"p1"_s), Verdict::Emit);
        QCOMPARE(rl.nextDeadline(), std::optional<qint64>(m_now));
        const auto summaries = rl.closeExpiredWindows();
        QCOMPARE(summaries.size(), 1);
        QCOMPARE(summaries.at(0), (SuppressionSummary{ u"p1"_s, u"h1"_s, 2, 2, 3 }));
        QVERIFY(rl.closeExpiredWindows().isEmpty());
    }

    void quietWindowsAreForgotten()
    {
        RateLimiter rl = limiter(10);
        for (int i = 0; i < 1'000; ++i)
            QCOMPARE(rl.admit(QString::number(i)), Verdict::Emit);
        QCOMPARE(rl.trackedPatients(), 1'000);
        m_now += RateLimiter::windowMs;
        QVERIFY(rl.closeExpiredWindows().isEmpty());
        QCOMPARE(rl.trackedPatients(), 0);
    }

    void memoryIsBounded()
    {
        RateLimiter rl = limiter(1, 100);
        qint64 seq = 1;
        for (int i = 0; i < 100; ++i)
            feed(rl, QString::number(i), 2, seq);
        QCOMPARE(rl.trackedPatients(), 100);
        // Full of live windows: a new patient is emitted untracked rather than hidden.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(rl.admit(u"newcomer"_s), Verdict::Emit);
        rl.heldBack(u"newcomer"_s, u"h1"_s, 999); // ignored: not tracked
        QCOMPARE(rl.trackedPatients(), 100);

        // Once windows end, the space is reused and no summary is lost.
        m_now += RateLimiter::windowMs;
        QCOMPARE(rl.admit(u"later"_s), Verdict::Emit);
        QCOMPARE(rl.trackedPatients(), 1);
        const auto summaries = rl.closeExpiredWindows();
        QCOMPARE(summaries.size(), 100);
        for (const SuppressionSummary &summary : summaries)
            QCOMPARE(summary.count, 1);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
