// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "server/LoginThrottle.h"

using namespace Qt::StringLiterals;
using vigil::server::LoginThrottle;

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 0;
    const QHostAddress m_peer{ u"10.0.0.7"_s };

    LoginThrottle throttle(LoginThrottle::Limits user = LoginThrottle::defaultUserLimits,
                           LoginThrottle::Limits address = LoginThrottle::defaultAddressLimits,
                           qsizetype maxEntries = LoginThrottle::defaultMaxEntries)
    {
        LoginThrottle result(user, address, maxEntries);
        result.setClock([this] { return m_now; });
        return result;
    }

private Q_SLOTS:
    void init() { m_now = 5'000'000; }

    void blocksAUsernameAfterFiveFailures()
    {
        LoginThrottle t = throttle();
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!t.retryAfterMs(u"alice"_s, m_peer).has_value());
            t.recordFailure(u"alice"_s, m_peer);
            m_now += 1'000;
        }
        // Failures at t0 .. t0+4 s; now t0+5 s: blocked until the first leaves the window.
        QCOMPARE(t.retryAfterMs(u"alice"_s, m_peer), std::optional<qint64>(295'000));
        // Case variants and other addresses do not get around it.
        QVERIFY(t.retryAfterMs(u"ALICE"_s, QHostAddress(u"10.9.9.9"_s)).has_value());
        // Other users on the same address are fine (the address limit is higher).
        QVERIFY(!t.retryAfterMs(u"bob"_s, m_peer).has_value());

        m_now += 295'000 - 1;
        QVERIFY(t.retryAfterMs(u"alice"_s, m_peer).has_value());
        m_now += 1;
        QVERIFY(!t.retryAfterMs(u"alice"_s, m_peer).has_value());
        // One more failure blocks again: the last five are within five minutes.
        t.recordFailure(u"alice"_s, m_peer);
        QCOMPARE(t.retryAfterMs(u"alice"_s, m_peer), std::optional<qint64>(1'000));
    }

    void blocksAnAddressAcrossUsernames()
    {
        LoginThrottle t = throttle();
        for (int i = 0; i < 20; ++i)
            t.recordFailure(u"user%1"_s.arg(i), m_peer);
        QVERIFY(t.retryAfterMs(u"someone-else"_s, m_peer).has_value());
        QCOMPARE(t.retryAfterMs(u"someone-else"_s, m_peer), std::optional<qint64>(300'000));
        QVERIFY(!t.retryAfterMs(u"someone-else"_s, QHostAddress(u"10.0.0.8"_s)).has_value());
    }

    void addressKeys_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("key");
        QTest::newRow("ipv4") << u"192.168.1.20"_s << u"192.168.1.20"_s;
        QTest::newRow("ipv4-mapped") << u"::ffff:192.168.1.20"_s << u"192.168.1.20"_s;
        QTest::newRow("ipv6 /64") << u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s
                                  << u"2001:db8:1:2::/64"_s;
        QTest::newRow("ipv6 same /64") << u"2001:db8:1:2::1"_s << u"2001:db8:1:2::/64"_s;
        QTest::newRow("loopback v6") << u"::1"_s << u"::/64"_s;
    }
    void addressKeys()
    {
        QFETCH(QString, address);
        QFETCH(QString, key);
        QCOMPARE(LoginThrottle::addressKey(QHostAddress(address)), key);
    }

    void ipv6HostsShareTheirPrefix()
    {
        LoginThrottle t = throttle({ 1'000, 60'000 }, { 3, 60'000 });
        for (int i = 1; i <= 3; ++i)
            t.recordFailure(u"u"_s, QHostAddress(u"2001:db8::%1"_s.arg(i)));
        QVERIFY(t.retryAfterMs(u"v"_s, QHostAddress(u"2001:db8::ffff"_s)).has_value());
        QVERIFY(!t.retryAfterMs(u"v"_s, QHostAddress(u"2001:db8:0:1::1"_s)).has_value());
    }

    void successClearsTheUsernameOnly()
    {
        LoginThrottle t = throttle({ 3, 60'000 }, { 3, 60'000 });
        for (int i = 0; i < 3; ++i)
            t.recordFailure(u"alice"_s, m_peer);
        QVERIFY(t.retryAfterMs(u"alice"_s, QHostAddress(u"10.1.1.1"_s)).has_value());
        t.recordSuccess(u"Alice"_s);
        QVERIFY(!t.retryAfterMs(u"alice"_s, QHostAddress(u"10.1.1.1"_s)).has_value());
        // The address keeps its count: logging into one's own account does not reset it.
        QVERIFY(t.retryAfterMs(u"alice"_s, m_peer).has_value());
    }

    void reportsTheLongerBlock()
    {
        LoginThrottle t = throttle({ 2, 10'000 }, { 2, 60'000 });
        t.recordFailure(u"alice"_s, m_peer);
        t.recordFailure(u"alice"_s, m_peer);
        QCOMPARE(t.retryAfterMs(u"alice"_s, m_peer), std::optional<qint64>(60'000));
    }

    void memoryIsBounded()
    {
        LoginThrottle t = throttle({ 5, 60'000 }, { 5, 60'000 }, 50);
        for (int i = 0; i < 1'000; ++i) {
            t.recordFailure(u"user%1"_s.arg(i), QHostAddress(quint32(0x0a000000 + i)));
            m_now += 10;
        }
        QVERIFY(t.trackedUsernames() <= 50);
        QVERIFY(t.trackedAddresses() <= 50);
        // The most recent keys survive eviction.
        for (int i = 0; i < 4; ++i)
            t.recordFailure(u"user999"_s, m_peer);
        QVERIFY(t.retryAfterMs(u"user999"_s, QHostAddress(u"10.200.0.1"_s)).has_value());

        // Long usernames are cut to a bounded key.
        const QString huge(100'000, u'x');
        t.recordFailure(huge, m_peer);
        QVERIFY(LoginThrottle::usernameKey(huge).size() <= 128);
    }

    void expiredKeysMakeRoom()
    {
        LoginThrottle t = throttle({ 5, 1'000 }, { 5, 1'000 }, 10);
        for (int i = 0; i < 10; ++i)
            t.recordFailure(u"old%1"_s.arg(i), QHostAddress(quint32(0x0a000000 + i)));
        m_now += 1'000;
        t.recordFailure(u"new"_s, QHostAddress(u"192.168.0.1"_s));
        QCOMPARE(t.trackedUsernames(), 1);
        QCOMPARE(t.trackedAddresses(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
