// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "console/ConnectionStatus.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using vigil::client::LinkState;
using vigil::console::ConnectionStatus;

namespace {

// Today, so formatTime() shows only the time of day.
QDateTime at(int h, int m, int s)
{
    return QDateTime(QDate::currentDate(), QTime(h, m, s));
}

} // namespace

class tst_ConnectionStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void statusTexts_data();
    void statusTexts();
    void countdownMoves();
    void alarmAfterDelayWhenNotLive_data();
    void alarmAfterDelayWhenNotLive();
    void noAlarmBeforeDelay();
    void alarmClearsOnlyWhenLive();
    void noAlarmWhenSignedOut();
    void delayCountsFromLossNotFromLastEvent();
    void bannerNamesLastData();
    void connectedMeansUsableForRequests();

private:
    std::unique_ptr<ConnectionStatus> m_status;
    QDateTime m_now;
    QDateTime m_lastData;
};

void tst_ConnectionStatus::init()
{
    m_status = std::make_unique<ConnectionStatus>();
    m_now = at(14, 30, 0);
    m_lastData = at(14, 29, 58);
    m_status->setClock([this] { return m_now; });
    m_status->setLastDataProvider([this] { return m_lastData; });
}

void tst_ConnectionStatus::statusTexts_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("badge");

    QTest::newRow("signed out") << u"signedOut"_s
                                << u"Signed out: this station receives no alerts"_s
                                << u"SIGNED OUT"_s;
    QTest::newRow("first connect")
      << u"connecting"_s << u"Connecting to the server…"_s << u"OFFLINE"_s;
    QTest::newRow("joining") << u"joining"_s << u"Connected: joining rooms…"_s << u"CONNECTING"_s;
    QTest::newRow("backfilling") << u"backfilling"_s
                                 << u"Connected: catching up on missed alerts (250 fetched)…"_s
                                 << u"CONNECTING"_s;
    QTest::newRow("live") << u"live"_s << u"Live: receiving alerts"_s << u"LIVE"_s;
    QTest::newRow("stale") << u"stale"_s << u"Stale: no data since 14:29:58"_s << u"STALE"_s;
    QTest::newRow("offline after live")
      << u"offline"_s << u"Offline since 14:30:00"_s << u"OFFLINE"_s;
    QTest::newRow("reconnect scheduled")
      << u"scheduled"_s << u"Offline since 14:30:00. Reconnecting: attempt 3, next try in 4 s"_s
      << u"OFFLINE"_s;
    QTest::newRow("reconnect running")
      << u"attempting"_s << u"Offline since 14:30:00. Reconnecting: attempt 4…"_s << u"OFFLINE"_s;
    QTest::newRow("gave up")
      << u"gaveUp"_s << u"Offline since 14:30:00: automatic reconnection stopped (F5 retries)"_s
      << u"OFFLINE"_s;
}

void tst_ConnectionStatus::statusTexts()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    QFETCH(QString, badge);

    if (scenario != u"signedOut")
        m_status->setSignedIn(true);
    if (scenario == u"joining") {
        m_status->setLinkState(LinkState::Joining);
    } else if (scenario == u"backfilling") {
        m_status->setLinkState(LinkState::Backfilling);
        m_status->setBackfillStarted();
        m_status->setBackfillProgress(250);
    } else if (scenario == u"live") {
        m_status->setLinkState(LinkState::Live);
    } else if (scenario == u"stale") {
        m_status->setLinkState(LinkState::Live);
        m_status->setLinkState(LinkState::Stale);
    } else if (scenario == u"offline" || scenario == u"scheduled" || scenario == u"attempting" ||
               scenario == u"gaveUp") {
        m_status->setLinkState(LinkState::Live);
        m_status->setLinkState(LinkState::Offline);
        if (scenario == u"scheduled") {
            m_status->setReconnectScheduled(3, 3'500);
        } else if (scenario == u"attempting") {
            m_status->setReconnectScheduled(4, 1'000);
            m_status->setReconnectAttempted(4);
        } else if (scenario == u"gaveUp") {
            m_status->setReconnectAttempted(5);
            m_status->setReconnectFailed();
        }
    }
    QCOMPARE(m_status->statusText(), expected);
    QCOMPARE(m_status->badgeText(), badge);
}

void tst_ConnectionStatus::countdownMoves()
{
    m_status->setSignedIn(true);
    m_status->setLinkState(LinkState::Live);
    m_status->setLinkState(LinkState::Offline);
    m_status->setReconnectScheduled(2, 5'000);
    QVERIFY(m_status->statusText().endsWith(u"attempt 2, next try in 5 s"));
    m_now = m_now.addMSecs(2'100);
    QVERIFY(m_status->statusText().endsWith(u"next try in 3 s"));
    m_now = m_now.addSecs(60);
    QVERIFY(m_status->statusText().endsWith(u"next try in 0 s"));
    // The text refreshes on its own while a countdown runs.
    QSignalSpy changed(m_status.get(), &ConnectionStatus::changed);
    QVERIFY(changed.wait(3'000));
}

void tst_ConnectionStatus::alarmAfterDelayWhenNotLive_data()
{
    // int, not LinkState: the enum has no metatype of its own.
    QTest::addColumn<int>("state");
    QTest::newRow("offline") << static_cast<int>(LinkState::Offline);
    QTest::newRow("stale") << static_cast<int>(LinkState::Stale);
    QTest::newRow("joining") << static_cast<int>(LinkState::Joining);
    QTest::newRow("backfilling") << static_cast<int>(LinkState::Backfilling);
}

void tst_ConnectionStatus::alarmAfterDelayWhenNotLive()
{
    QFETCH(int, state);
    m_status->setAlarmDelay(150ms);
    m_status->setSignedIn(true);
    m_status->setLinkState(LinkState::Live);
    QSignalSpy alarm(m_status.get(), &ConnectionStatus::alarmActiveChanged);
    m_status->setLinkState(static_cast<LinkState>(state));
    QVERIFY(!m_status->isAlarmActive());
    QTRY_COMPARE_WITH_TIMEOUT(alarm.size(), 1, 5'000);
    QCOMPARE(alarm.at(0).at(0).toBool(), true);
    QVERIFY(m_status->isAlarmActive());
}

void tst_ConnectionStatus::noAlarmBeforeDelay()
{
    // A long delay: a short outage that heals in time never raises the alarm.
    m_status->setAlarmDelay(60s);
    m_status->setSignedIn(true);
    m_status->setLinkState(LinkState::Live);
    QSignalSpy alarm(m_status.get(), &ConnectionStatus::alarmActiveChanged);
    m_status->setLinkState(LinkState::Offline);
    QTest::qWait(100);
    m_status->setLinkState(LinkState::Live);
    QVERIFY(!m_status->isAlarmActive());
    QCOMPARE(alarm.size(), 0);
}

void tst_ConnectionStatus::alarmClearsOnlyWhenLive()
{
    m_status->setAlarmDelay(50ms);
    m_status->setSignedIn(true);
    m_status->setLinkState(LinkState::Offline);
    QTRY_VERIFY_WITH_TIMEOUT(m_status->isAlarmActive(), 5'000);
    // Connected again but not yet live: the station may still be missing alerts.
    m_status->setLinkState(LinkState::Joining);
    QVERIFY(m_status->isAlarmActive());
    m_status->setLinkState(LinkState::Backfilling);
    QVERIFY(m_status->isAlarmActive());
    QSignalSpy alarm(m_status.get(), &ConnectionStatus::alarmActiveChanged);
    m_status->setLinkState(LinkState::Live);
    QVERIFY(!m_status->isAlarmActive());
    QCOMPARE(alarm.size(), 1);
    QCOMPARE(alarm.at(0).at(0).toBool(), false);
}

void tst_ConnectionStatus::noAlarmWhenSignedOut()
{
    m_status->setAlarmDelay(50ms);
    m_status->setLinkState(LinkState::Offline);
    QTest::qWait(200);
    QVERIFY(!m_status->isAlarmActive());

    m_status->setSignedIn(true);
    QTRY_VERIFY_WITH_TIMEOUT(m_status->isAlarmActive(), 5'000);
    m_status->setSignedIn(false);
    QVERIFY(!m_status->isAlarmActive());
}

void tst_ConnectionStatus::delayCountsFromLossNotFromLastEvent()
{
    // Reconnect attempts keep arriving during an outage; they must not push the alarm back.
    m_status->setAlarmDelay(400ms);
    m_status->setSignedIn(true);
    m_status->setLinkState(LinkState::Live);
    m_status->setLinkState(LinkState::Offline);
    QElapsedTimer timer;
    timer.start();
    while (!m_status->isAlarmActive() && timer.elapsed() < 5'000) {
        m_status->setReconnectScheduled(1, 100);
        m_status->setReconnectAttempted(1);
        QTest::qWait(50);
    }
    QVERIFY(m_status->isAlarmActive());
}

void tst_ConnectionStatus::bannerNamesLastData()
{
    m_status->setSignedIn(true);
    m_status->setLinkState(LinkState::Live);
    m_status->setLinkState(LinkState::Offline);
    QCOMPARE(m_status->bannerTitle(),
             u"COMMUNICATION LOST: THIS STATION IS NOT RECEIVING ALERTS"_s);
    const QStringList lines = m_status->bannerText().split(u'\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), u"Last data received: 14:29:58"_s);
    QCOMPARE(lines.at(1), u"Offline since 14:30:00"_s);

    m_lastData = QDateTime();
    QVERIFY(m_status->bannerText().startsWith(u"Last data received: never"));
    m_lastData = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5));
    QVERIFY(m_status->bannerText().startsWith(u"Last data received: 2026-01-02 03:04:05"));

    m_status->setLinkState(LinkState::Stale);
    QCOMPARE(m_status->bannerTitle(), u"NO DATA FROM THE SERVER: ALERTS MAY BE MISSING"_s);
}

void tst_ConnectionStatus::connectedMeansUsableForRequests()
{
    QVERIFY(!m_status->isConnected());
    m_status->setSignedIn(true);
    QVERIFY(!m_status->isConnected());
    m_status->setLinkState(LinkState::Joining);
    QVERIFY(m_status->isConnected());
    m_status->setLinkState(LinkState::Stale);
    QVERIFY(m_status->isConnected());
    m_status->setLinkState(LinkState::Offline);
    QVERIFY(!m_status->isConnected());
}

QTEST_GUILESS_MAIN(tst_ConnectionStatus)
#include "tst_connectionstatus.moc"
