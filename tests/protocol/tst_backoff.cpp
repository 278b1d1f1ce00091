// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <limits>
#include <memory>

#include <QList>
#include <QSet>
#include <QTest>

#include "protocol/Backoff.h"

using vigil::protocol::Backoff;

namespace {

struct ScriptedRandom
{
    QList<double> values;
    qsizetype calls = 0;
};

/// Hands out `values` in order and counts the calls, so a test can check that backoff draws exactly
/// one number per jittered attempt (and none without jitter).
Backoff::RandomSource scripted(const std::shared_ptr<ScriptedRandom> &state)
{
    return [state] {
        const qsizetype i = state->calls++;
        return i < state->values.size() ? state->values.at(i) : 0.5;
    };
}

Backoff::Options options(qint64 minMs, qint64 maxMs, double factor, double jitter)
{
    Backoff::Options o;
    o.minMs = minMs;
    o.maxMs = maxMs;
    o.factor = factor;
    o.jitter = jitter;
    return o;
}

/// The delay of the `attempt`th call (1-based) of a fresh default Backoff with the real generator.
qint64 delayAtAttempt(int attempt)
{
    Backoff backoff;
    qint64 delay = -1;
    for (int i = 0; i < attempt; ++i)
        delay = backoff.nextDelayMs();
    return delay;
}

constexpr int samples = 10'000;

} // namespace

class tst_Backoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactDelays_data();
    void exactDelays();
    void normalizedOptions_data();
    void normalizedOptions();
    void defaults();
    void observedRanges_data();
    void observedRanges();
    void signAndSizeFromOneNumber_data();
    void signAndSizeFromOneNumber();
    void distribution();
    void reset();
    void manyAttemptsStayInRange();
    void noCollapseToZeroAfterOverflow();
    void hugeMaxDoesNotOverflow();
};

void tst_Backoff::exactDelays_data()
{
    QTest::addColumn<qint64>("minMs");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<QList<double>>("randoms");
    QTest::addColumn<QList<qint64>>("expected");

    // Each expectation is backo2 by hand: ms = min * factor^n; deviation = floor(rand * jitter *
    // ms); floor(rand * 10) even subtracts, odd adds; then min(ms, max), truncated.
    // 1000 - 0; 2000 - 50 (decile 0); 4000 + 300 (decile 1); 8000 + 3960 capped; ...
    QTest::newRow("defaults") << qint64(1000) << qint64(5000) << 2.0 << 0.5
                              << QList<double>{ 0.0, 0.05, 0.15, 0.99, 0.5, 0.0 }
                              << QList<qint64>{ 1000, 1950, 4300, 5000, 5000, 5000 };
    // 1000 + 495 (decile 9); 2000 - 850 (decile 8); 4000 + 300; 8000 + 2000 (decile 5);
    // 16000 - 0; 32000 - 800 (decile 0); 64000 - 8000 (decile 2); 128000 + 28800 capped.
    QTest::newRow("max 60000") << qint64(1000) << qint64(60000) << 2.0 << 0.5
                               << QList<double>{ 0.99, 0.85, 0.15, 0.5, 0.0, 0.05, 0.25, 0.45 }
                               << QList<qint64>{
                                      1495, 1150, 4300, 10000, 16000, 31200, 56000, 60000
                                  };
    // 1000 * 1.5^n truncated: 5062.5 -> 5062, 7593.75 -> 7593, ...; 86497.55... capped.
    QTest::newRow("factor 1.5, no jitter")
      << qint64(1000) << qint64(60000) << 1.5 << 0.0
      << QList<double>{} << QList<qint64>{ 1000,  1500,  2250,  3375,  5062,  7593,
                                           11390, 17085, 25628, 38443, 57665, 60000 };
    // 100 + 5; 150 + 22 (22.5 floored); 225 - 73; 337.5 + 121 = 458.5 -> 458; 506.25 + 252;
    // 759.375 + 46.
    QTest::newRow("fractional ms") << qint64(100) << qint64(10000) << 1.5 << 0.5
                                   << QList<double>{ 0.1, 0.3, 0.65, 0.72, 0.999, 0.123 }
                                   << QList<qint64>{ 105, 172, 152, 458, 758, 805 };
    // 1000 - 850 (decile 8); 2000 + 1900 (decile 9); 4000 - 0; 8000 - 400 capped.
    QTest::newRow("jitter 1") << qint64(1000) << qint64(5000) << 2.0 << 1.0
                              << QList<double>{ 0.85, 0.95, 0.0, 0.05 }
                              << QList<qint64>{ 150, 3900, 4000, 5000 };
    QTest::newRow("jitter above 1 means none")
      << qint64(1000) << qint64(5000) << 2.0 << 1.5 << QList<double>{}
      << QList<qint64>{ 1000, 2000, 4000, 5000 };
    QTest::newRow("negative jitter means none")
      << qint64(1000) << qint64(5000) << 2.0 << -0.5 << QList<double>{}
      << QList<qint64>{ 1000, 2000, 4000, 5000 };
    QTest::newRow("NaN jitter means none")
      << qint64(1000) << qint64(5000) << 2.0 << qQNaN() << QList<double>{}
      << QList<qint64>{ 1000, 2000, 4000, 5000 };
    QTest::newRow("min above max is lowered")
      << qint64(8000) << qint64(5000) << 2.0 << 0.0 << QList<double>{}
      << QList<qint64>{ 5000, 5000, 5000 };
    QTest::newRow("negative min is 0")
      << qint64(-10) << qint64(5000) << 2.0 << 0.5 << QList<double>{ 0.5, 0.5, 0.5 }
      << QList<qint64>{ 0, 0, 0 };
    QTest::newRow("negative max is 0") << qint64(1000) << qint64(-1) << 2.0 << 0.5
                                       << QList<double>{ 0.5, 0.5 } << QList<qint64>{ 0, 0 };
    QTest::newRow("factor below 1 is 1") << qint64(1000) << qint64(5000) << 0.5 << 0.0
                                         << QList<double>{} << QList<qint64>{ 1000, 1000, 1000 };
    QTest::newRow("infinite factor is 1") << qint64(1000) << qint64(5000) << qInf() << 0.0
                                          << QList<double>{} << QList<qint64>{ 1000, 1000, 1000 };
    // 1.0 is clamped to the largest double below 1: 1000 + 499 (decile 9); -0.5 and NaN to 0.
    QTest::newRow("random outside [0,1) is clamped")
      << qint64(1000) << qint64(5000) << 2.0 << 0.5 << QList<double>{ 1.0, -0.5, qQNaN(), 7.0 }
      << QList<qint64>{ 1499, 2000, 4000, 5000 };
}

void tst_Backoff::exactDelays()
{
    QFETCH(qint64, minMs);
    QFETCH(qint64, maxMs);
    QFETCH(double, factor);
    QFETCH(double, jitter);
    QFETCH(QList<double>, randoms);
    QFETCH(QList<qint64>, expected);

    auto random = std::make_shared<ScriptedRandom>();
    random->values = randoms;
    Backoff backoff(options(minMs, maxMs, factor, jitter), scripted(random));

    QList<qint64> delays;
    for (qsizetype i = 0; i < expected.size(); ++i)
        delays.append(backoff.nextDelayMs());
    QCOMPARE(delays, expected);
    QCOMPARE(backoff.attempts(), expected.size());
    // One draw per attempt when jittered, none otherwise.
    QCOMPARE(random->calls, randoms.isEmpty() ? 0 : expected.size());
}

void tst_Backoff::normalizedOptions_data()
{
    QTest::addColumn<qint64>("minMs");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<qint64>("expectedMin");
    QTest::addColumn<qint64>("expectedMax");
    QTest::addColumn<double>("expectedFactor");
    QTest::addColumn<double>("expectedJitter");

    QTest::newRow("valid kept") << qint64(500) << qint64(60000) << 1.5 << 0.25 << qint64(500)
                                << qint64(60000) << 1.5 << 0.25;
    QTest::newRow("jitter 1 kept")
      << qint64(1000) << qint64(5000) << 2.0 << 1.0 << qint64(1000) << qint64(5000) << 2.0 << 1.0;
    QTest::newRow("min above max")
      << qint64(9000) << qint64(5000) << 2.0 << 0.5 << qint64(5000) << qint64(5000) << 2.0 << 0.5;
    QTest::newRow("negatives") << qint64(-1) << qint64(-1) << -2.0 << -1.0 << qint64(0) << qint64(0)
                               << 1.0 << 0.0;
    QTest::newRow("NaN") << qint64(1000) << qint64(5000) << qQNaN() << qQNaN() << qint64(1000)
                         << qint64(5000) << 1.0 << 0.0;
    QTest::newRow("jitter above 1")
      << qint64(1000) << qint64(5000) << 2.0 << 1.01 << qint64(1000) << qint64(5000) << 2.0 << 0.0;
}

void tst_Backoff::normalizedOptions()
{
    QFETCH(qint64, minMs);
    QFETCH(qint64, maxMs);
    QFETCH(double, factor);
    QFETCH(double, jitter);
    QFETCH(qint64, expectedMin);
    QFETCH(qint64, expectedMax);
    QFETCH(double, expectedFactor);
    QFETCH(double, expectedJitter);

    const Backoff backoff(options(minMs, maxMs, factor, jitter));
    QCOMPARE(backoff.options().minMs, expectedMin);
    QCOMPARE(backoff.options().maxMs, expectedMax);
    QCOMPARE(backoff.options().factor, expectedFactor);
    QCOMPARE(backoff.options().jitter, expectedJitter);
}

void tst_Backoff::defaults()
{
    const Backoff backoff;
    QCOMPARE(backoff.options().minMs, 1000);
    QCOMPARE(backoff.options().maxMs, 5000);
    QCOMPARE(backoff.options().factor, 2.0);
    QCOMPARE(backoff.options().jitter, 0.5);
    QCOMPARE(backoff.attempts(), 0);
}

void tst_Backoff::observedRanges_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");

    // Derived from backo2 with the defaults: the subtracting branch has rand < 0.9, so attempt n
    // (nominal N = 1000 * 2^(n-1)) goes down to N - floor(0.8999.. * N / 2) = 0.55 N + 1, and the
    // adding branch up to N + floor(0.9999.. * N / 2) = 1.5 N - 1, capped at 5000. These equal the
    // digest's observed ranges (20k samples of socket.io-client).
    QTest::newRow("attempt 1") << 1 << qint64(551) << qint64(1499);
    QTest::newRow("attempt 2") << 2 << qint64(1101) << qint64(2999);
    QTest::newRow("attempt 3") << 3 << qint64(2201) << qint64(5000);
    QTest::newRow("attempt 4") << 4 << qint64(4401) << qint64(5000);
    QTest::newRow("attempt 5") << 5 << qint64(5000) << qint64(5000);
    QTest::newRow("attempt 6") << 6 << qint64(5000) << qint64(5000);
    QTest::newRow("attempt 12") << 12 << qint64(5000) << qint64(5000);
}

void tst_Backoff::observedRanges()
{
    QFETCH(int, attempt);
    QFETCH(qint64, low);
    QFETCH(qint64, high);

    qint64 seenLow = std::numeric_limits<qint64>::max();
    qint64 seenHigh = std::numeric_limits<qint64>::min();
    for (int i = 0; i < samples; ++i) {
        const qint64 delay = delayAtAttempt(attempt);
        QVERIFY2(delay >= low && delay <= high, qPrintable(QString::number(delay)));
        seenLow = std::min(seenLow, delay);
        seenHigh = std::max(seenHigh, delay);
    }
    // Both ends are reached: each end's last 20 ms has a probability of at least 0.5% per sample.
    QVERIFY2(seenLow <= low + 20, qPrintable(QString::number(seenLow)));
    QVERIFY2(seenHigh >= high - 20, qPrintable(QString::number(seenHigh)));
}

void tst_Backoff::signAndSizeFromOneNumber_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("nominal");

    QTest::newRow("attempt 1") << 1 << qint64(1000);
    QTest::newRow("attempt 2") << 2 << qint64(2000);
}

void tst_Backoff::signAndSizeFromOneNumber()
{
    QFETCH(int, attempt);
    QFETCH(qint64, nominal);

    // deviation = floor(rand * N / 2) fixes rand's decile as floor(deviation * 20 / N); backo2
    // subtracts for even deciles and adds for odd ones. Independent draws for sign and size would
    // break this (e.g. a delay of 1010 on attempt 1).
    for (int i = 0; i < samples; ++i) {
        const qint64 delay = delayAtAttempt(attempt);
        const qint64 deviation = qAbs(delay - nominal);
        const qint64 decile = deviation * 20 / nominal;
        const bool added = delay > nominal;
        QVERIFY2((decile % 2 == 1) == added,
                 qPrintable(QStringLiteral("delay %1 from decile %2").arg(delay).arg(decile)));
    }
}

void tst_Backoff::distribution()
{
    int below = 0;
    int above = 0;
    double sum = 0;
    QSet<qint64> distinct;
    for (int i = 0; i < samples; ++i) {
        const qint64 delay = delayAtAttempt(1);
        below += delay < 1000 ? 1 : 0;
        above += delay > 1000 ? 1 : 0;
        sum += static_cast<double>(delay);
        distinct.insert(delay);
    }
    // Expected: about half each way, a mean of 1025 (the adding deciles are the larger ones) with a
    // standard error near 3, and 500 possible values.
    QVERIFY2(below > samples * 4 / 10, qPrintable(QString::number(below)));
    QVERIFY2(above > samples * 4 / 10, qPrintable(QString::number(above)));
    const double mean = sum / samples;
    QVERIFY2(qAbs(mean - 1000.0) < 100.0, qPrintable(QString::number(mean)));
    QVERIFY2(distinct.size() > 300, qPrintable(QString::number(distinct.size())));
}

void tst_Backoff::reset()
{
    auto random = std::make_shared<ScriptedRandom>();
    random->values = { 0.0, 0.0, 0.0, 0.0, 0.0 };
    Backoff backoff(options(1000, 60000, 2.0, 0.5), scripted(random));

    QCOMPARE(backoff.nextDelayMs(), 1000);
    QCOMPARE(backoff.nextDelayMs(), 2000);
    QCOMPARE(backoff.nextDelayMs(), 4000);
    QCOMPARE(backoff.attempts(), 3);
    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    QCOMPARE(backoff.nextDelayMs(), 1000);
    QCOMPARE(backoff.nextDelayMs(), 2000);
    QCOMPARE(backoff.attempts(), 2);
}

void tst_Backoff::manyAttemptsStayInRange()
{
    Backoff backoff;
    for (int i = 1; i <= 100'000; ++i) {
        const qint64 delay = backoff.nextDelayMs();
        if (i >= 5)
            QCOMPARE(delay, 5000);
        else
            QVERIFY(delay >= 0 && delay <= 5000);
    }
    QCOMPARE(backoff.attempts(), 100'000);
}

void tst_Backoff::noCollapseToZeroAfterOverflow()
{
    // 1000 * 2^n is Infinity in double from n = 1024 on; backo2 then computes 0 * Infinity = NaN
    // for rand 0 and returns 0, i.e. reconnects in a tight loop. This class must keep max.
    Backoff backoff(options(1000, 5000, 2.0, 0.5), [] { return 0.0; });
    for (int i = 1; i <= 3000; ++i) {
        const qint64 delay = backoff.nextDelayMs();
        if (i >= 5)
            QCOMPARE(delay, 5000);
    }

    // A zero minimum stays zero: 0 * Infinity must not turn into max (or anything else).
    Backoff zero(options(0, 5000, 2.0, 0.5), [] { return 0.95; });
    for (int i = 1; i <= 3000; ++i)
        QCOMPARE(zero.nextDelayMs(), 0);
}

void tst_Backoff::hugeMaxDoesNotOverflow()
{
    constexpr qint64 top = std::numeric_limits<qint64>::max();
    Backoff backoff(options(top / 2, top, 2.0, 1.0));
    bool reachedMax = false;
    for (int i = 0; i < 2000; ++i) {
        const qint64 delay = backoff.nextDelayMs();
        QVERIFY(delay >= 0 && delay <= top);
        reachedMax = reachedMax || delay == top;
    }
    QVERIFY(reachedMax);

    Backoff large(options(1000, top, 10.0, 0.0));
    qint64 previous = 0;
    for (int i = 0; i < 100; ++i) {
        const qint64 delay = large.nextDelayMs();
        QVERIFY(delay >= previous && delay <= top);
        previous = delay;
    }
    QCOMPARE(previous, top);
}

QTEST_GUILESS_MAIN(tst_Backoff)
#include "tst_backoff.moc"
