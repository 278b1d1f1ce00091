// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "ConsoleSamples.h"
#include "console/AlertFilterProxyModel.h"
#include "console/AlertTableModel.h"
#include "console/ConnectionStatus.h"
#include "console/MainWindow.h"
#include "console/Notifier.h"
#include "console/RoomListModel.h"
#include "console/Settings.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace vigil::console;
using vigil::client::AlertOrigin;
using vigil::client::LinkState;
using vigil::protocol::AlertState;
using vigil::protocol::Priority;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signedOutStateIsExplicit();
    void statusBarFollowsLinkState_data();
    void statusBarFollowsLinkState();
    void bannerAppearsAfterDelayWhenNotLive();
    void bannerCannotBeDismissed();
    void bannerClearsWhenLiveAgain();
    void bannerSoundsUnlessSoundIsOff();
    void acknowledgeOnlyForActiveAlertsWhenConnected();
    void acknowledgeFromButtonShortcutAndMenu();
    void acknowledgeIsNotSentTwice();
    void detailPaneFollowsSelection();
    void offlineAlertsAreMarkedUntilReviewed();
    void summaryCountsActiveAlertsByPriority();
    void highPriorityNotifiesWhenWindowInactive();
    void filtersReachTheProxy();
    void roomsAreAddedAndRemovedFromThePanel();
    void adminSeesServerStatus();
    void layoutIsSavedAndRestored();
    void everyControlHasAnAccessibleNameOrLabel();
    void keyboardOnlyTabOrder();
    void fontScalingIsHonoured();

private:
    void signIn(const QString &role = u"nurse"_s)
    {
        MainWindow::Session session;
        session.username = u"joy"_s;
        session.displayName = u"Nurse Joy"_s;
        session.role = role;
        session.server = QUrl(u"http://127.0.0.1:5000"_s);
        m_window->setSession(session);
    }
    void goLive()
    {
        m_window->connectionStatus()->setLinkState(LinkState::Joining);
        m_window->connectionStatus()->setLinkState(LinkState::Live);
    }
    QTableView *alertTable() const { return m_window->findChild<QTableView *>(u"alertTable"_s); }
    QPushButton *button(const QString &name) const
    {
        return m_window->findChild<QPushButton *>(name);
    }
    QAction *action(const QString &name) const { return m_window->findChild<QAction *>(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"vigil.ini"_s));
    m_window = std::make_unique<MainWindow>(m_settings.get());
    // Tests drive the alarm in milliseconds instead of the clinical default of seconds.
    m_window->connectionStatus()->setAlarmDelay(100ms);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Window shortcuts (Ctrl+K, Ctrl+F) only fire in the active window.
    QApplication::setActiveWindow(m_window.get());
    QTRY_VERIFY(m_window->isActiveWindow());
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_settings.reset();
}

void tst_MainWindow::signedOutStateIsExplicit()
{
    QVERIFY(!m_window->isSignedIn());
    auto *frame = m_window->findChild<QFrame *>(u"signedOutFrame"_s);
    QVERIFY(frame->isVisible());
    QCOMPARE(m_window->statusBarText(), u"Signed out: this station receives no alerts"_s);
    QVERIFY(m_window->summaryText().startsWith(u"SIGNED OUT"));
    // Signed out is a deliberate state, not a communication loss.
    QTest::qWait(300);
    QVERIFY(!m_window->isBannerVisible());

    QSignalSpy signInSpy(m_window.get(), &MainWindow::signInRequested);
    QTest::mouseClick(button(u"signInButton"_s), Qt::LeftButton);
    QCOMPARE(signInSpy.size(), 1);
    signIn();
    QVERIFY(!frame->isVisible());
}

void tst_MainWindow::statusBarFollowsLinkState_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("badge");
    QTest::newRow("joining") << int(LinkState::Joining) << u"Connected: joining rooms…"_s
                             << u"CONNECTING"_s;
    QTest::newRow("backfilling") << int(LinkState::Backfilling)
                                 << u"Connected: catching up on missed alerts (0 fetched)…"_s
                                 << u"CONNECTING"_s;
    QTest::newRow("live") << int(LinkState::Live) << u"Live: receiving alerts"_s << u"LIVE"_s;
    QTest::newRow("stale") << int(LinkState::Stale) << u"Stale: no data since never"_s
                           << u"STALE"_s;
    QTest::newRow("offline") << int(LinkState::Offline) << u"Offline since "_s << u"OFFLINE"_s;
}

void tst_MainWindow::statusBarFollowsLinkState()
{
    QFETCH(int, state);
    QFETCH(QString, text);
    QFETCH(QString, badge);
    signIn();
    QCOMPARE(m_window->statusBarText(), u"Connecting to the server…"_s);
    goLive();
    m_window->connectionStatus()->setLinkState(static_cast<LinkState>(state));
    QVERIFY2(m_window->statusBarText().startsWith(text), qPrintable(m_window->statusBarText()));
    QVERIFY(m_window->summaryText().startsWith(badge));
    // A transient message never hides the connection state.
    m_window->showMessage(u"Settings saved."_s);
    QVERIFY(m_window->findChild<QLabel *>(u"connectionLabel"_s)->isVisible());
}

void tst_MainWindow::bannerAppearsAfterDelayWhenNotLive()
{
    signIn();
    goLive();
    QVERIFY(!m_window->isBannerVisible());
    QSignalSpy notified(m_window->notifier(), &Notifier::notified);
    m_window->connectionStatus()->setLinkState(LinkState::Offline);
    QVERIFY(!m_window->isBannerVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isBannerVisible(), 5'000);
    QCOMPARE(m_window->bannerTitleText(),
             u"COMMUNICATION LOST: THIS STATION IS NOT RECEIVING ALERTS"_s);
    QVERIFY(m_window->bannerDetailText().startsWith(u"Last data received: "));
    QVERIFY(m_window->windowTitle().contains(u"NOT RECEIVING ALERTS"));
    // The technical alarm also goes to the tray (critical).
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(2).toBool(), true);
    // The banner spans the window.
    auto *banner = m_window->findChild<QFrame *>(u"communicationBanner"_s);
    QCOMPARE(banner->width(), m_window->centralWidget()->width());

    // Also when the station never got live after signing in.
    m_window->clearSession();
    QVERIFY(!m_window->isBannerVisible());
    signIn();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isBannerVisible(), 5'000);
}

void tst_MainWindow::bannerCannotBeDismissed()
{
    signIn();
    goLive();
    m_window->connectionStatus()->setLinkState(LinkState::Stale);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isBannerVisible(), 5'000);
    auto *banner = m_window->findChild<QFrame *>(u"communicationBanner"_s);
    // Nothing to click away...
    QVERIFY(banner->findChildren<QAbstractButton *>().isEmpty());
    QTest::mouseClick(banner, Qt::LeftButton);
    QTest::mouseDClick(banner, Qt::LeftButton);
    // ...and no key closes it.
    for (const Qt::Key key : { Qt::Key_Escape, Qt::Key_Return, Qt::Key_Delete, Qt::Key_Space })
        QTest::keyClick(m_window.get(), key);
    QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier);
    QVERIFY(m_window->isBannerVisible());
    QVERIFY(banner->isVisible());
    QCOMPARE(m_window->bannerTitleText(), u"NO DATA FROM THE SERVER: ALERTS MAY BE MISSING"_s);
    // Coming back without being live (joining, backfilling) keeps it up.
    m_window->connectionStatus()->setLinkState(LinkState::Backfilling);
    QTest::qWait(200);
    QVERIFY(m_window->isBannerVisible());
    QCOMPARE(m_window->bannerTitleText(), u"NOT LIVE YET: ALERTS MAY BE MISSING"_s);
}

void tst_MainWindow::bannerClearsWhenLiveAgain()
{
    signIn();
    goLive();
    m_window->connectionStatus()->setLinkState(LinkState::Offline);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isBannerVisible(), 5'000);
    QVERIFY(m_window->notifier()->isAlarmSounding());
    m_window->connectionStatus()->setLinkState(LinkState::Joining);
    m_window->connectionStatus()->setLinkState(LinkState::Live);
    QVERIFY(!m_window->isBannerVisible());
    QVERIFY(!m_window->notifier()->isAlarmSounding());
    QVERIFY(!m_window->windowTitle().contains(u"NOT RECEIVING"));
    QCOMPARE(m_window->statusBarText(), u"Live: receiving alerts"_s);
}

void tst_MainWindow::bannerSoundsUnlessSoundIsOff()
{
    signIn();
    goLive();
    QSignalSpy beeps(m_window->notifier(), &Notifier::beeped);
    m_window->connectionStatus()->setLinkState(LinkState::Offline);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isBannerVisible(), 5'000);
    QCOMPARE(beeps.size(), 1);
    goLive();

    m_settings->setSoundEnabled(false);
    beeps.clear();
    m_window->connectionStatus()->setLinkState(LinkState::Offline);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isBannerVisible(), 5'000);
    QCOMPARE(beeps.size(), 0);
    // Without sound the banner still appears: sound is an extra cue, never the only one.
    QVERIFY(m_window->isBannerVisible());
}

void tst_MainWindow::acknowledgeOnlyForActiveAlertsWhenConnected()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"active"_s, 1),
                          samples::alert(u"acked"_s, 2, Priority::High, AlertState::Acknowledged),
                          samples::alert(u"resolved"_s, 3, Priority::Low, AlertState::Resolved) },
                        AlertOrigin::Live);
    QPushButton *ack = button(u"acknowledgeButton"_s);
    QAction *ackAction = action(u"actionAcknowledge"_s);
    QVERIFY(!ack->isEnabled()); // nothing selected

    QVERIFY(m_window->selectAlert(u"acked"_s));
    QVERIFY(!ack->isEnabled());
    QVERIFY(!ackAction->isEnabled());
    QVERIFY(m_window->selectAlert(u"resolved"_s));
    QVERIFY(!ack->isEnabled());
    QVERIFY(m_window->selectAlert(u"active"_s));
    QVERIFY(ack->isEnabled());
    QVERIFY(ackAction->isEnabled());
    QCOMPARE(m_window->acknowledgeableSelection(), QStringList{ u"active"_s });

    // Offline: an acknowledge would fail (the feed never buffers one), so it is not offered.
    m_window->connectionStatus()->setLinkState(LinkState::Offline);
    QVERIFY(!ack->isEnabled());
    QVERIFY(ack->toolTip().contains(u"connection"));
    m_window->connectionStatus()->setLinkState(LinkState::Live);
    QVERIFY(ack->isEnabled());

    // Acknowledged elsewhere: the button follows the row.
    m_window->updateAlert(samples::alert(u"active"_s, 1, Priority::High, AlertState::Acknowledged));
    QVERIFY(!ack->isEnabled());
}

void tst_MainWindow::acknowledgeFromButtonShortcutAndMenu()
{
    signIn();
    goLive();
    m_window->addAlerts(
      { samples::alert(u"a1"_s, 1), samples::alert(u"a2"_s, 2), samples::alert(u"a3"_s, 3) },
      AlertOrigin::Live);
    QSignalSpy requested(m_window.get(), &MainWindow::acknowledgeRequested);

    QVERIFY(m_window->selectAlert(u"a1"_s));
    QTest::mouseClick(button(u"acknowledgeButton"_s), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), u"a1"_s);

    QVERIFY(m_window->selectAlert(u"a2"_s));
    alertTable()->setFocus();
    QTest::keyClick(alertTable(), Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(0).toString(), u"a2"_s);

    QVERIFY(m_window->selectAlert(u"a3"_s));
    action(u"actionAcknowledge"_s)->trigger(); // what the context menu and the Alerts menu hold
    QCOMPARE(requested.size(), 3);
    QCOMPARE(requested.at(2).at(0).toString(), u"a3"_s);

    m_window->acknowledgeFinished(u"a3"_s, u"Not found"_s);
    QVERIFY(!m_window->isAcknowledgePending(u"a3"_s));
}

void tst_MainWindow::acknowledgeIsNotSentTwice()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"a1"_s, 1), samples::alert(u"a2"_s, 2) },
                        AlertOrigin::Live);
    QSignalSpy requested(m_window.get(), &MainWindow::acknowledgeRequested);
    alertTable()->selectAll();
    action(u"actionAcknowledge"_s)->trigger();
    QCOMPARE(requested.size(), 2);
    QVERIFY(m_window->isAcknowledgePending(u"a1"_s));
    QVERIFY(!button(u"acknowledgeButton"_s)->isEnabled());
    action(u"actionAcknowledge"_s)->trigger();
    QCOMPARE(requested.size(), 2);

    // A failed acknowledge can be retried.
    m_window->acknowledgeFinished(u"a1"_s, u"operation has timed out"_s);
    QVERIFY(button(u"acknowledgeButton"_s)->isEnabled());
    action(u"actionAcknowledge"_s)->trigger();
    QCOMPARE(requested.size(), 3);
    QCOMPARE(requested.at(2).at(0).toString(), u"a1"_s);
}

void tst_MainWindow::detailPaneFollowsSelection()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"risk"_s, 1), samples::vitalsAlert(u"hr"_s, 2) },
                        AlertOrigin::Live);
    AlertDetailWidget *detail = m_window->detailWidget();
    QCOMPARE(detail->headerText(), u"No alert selected"_s);

    QVERIFY(m_window->selectAlert(u"hr"_s));
    QCOMPARE(detail->alert().id, u"hr"_s);
    QVERIFY(detail->plainText().contains(u"HR 134>120"));
    QVERIFY(detail->plainText().contains(u"monitor_bed_7"));

    QVERIFY(m_window->selectAlert(u"risk"_s));
    QVERIFY(detail->plainText().contains(u"Risk score 0.87"));
    QVERIFY(detail->plainText().contains(u"Risk rose from 0.41 to 0.87 in 2 h"));

    // A change from another station shows up in the pane and its history.
    auto acked = samples::alert(u"risk"_s, 1, Priority::High, AlertState::Acknowledged);
    acked.acknowledgedBy = u"nurse.kim"_s;
    m_window->updateAlert(acked);
    QVERIFY(detail->plainText().contains(u"Acknowledged by nurse.kim"));
    auto resolved = acked;
    resolved.state = AlertState::Resolved;
    m_window->updateAlert(resolved);
    QVERIFY(detail->plainText().contains(u"Resolved (seen by this station)"));

    alertTable()->clearSelection();
    QCOMPARE(detail->headerText(), u"No alert selected"_s);
}

void tst_MainWindow::offlineAlertsAreMarkedUntilReviewed()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"live"_s, 1) }, AlertOrigin::Live);
    m_window->addAlerts({ samples::alert(u"missed1"_s, 2),
                          samples::alert(u"missed2"_s, 3),
                          samples::alert(u"live"_s, 1) },
                        AlertOrigin::Backfill);
    QCOMPARE(m_window->alertModel()->offlineCount(), 2);
    // Plural forms come from vigil_en (tst_translations); without translators the source shows.
    QVERIFY(m_window->offlineReviewText().startsWith(u"2 alert"));
    QVERIFY(m_window->offlineReviewText().endsWith(u"arrived while offline: not reviewed yet"));
    QVERIFY(m_window->findChild<QLabel *>(u"offlineCountLabel"_s)->text().contains(u"2"));

    const int missedRow = m_window->alertModel()->rowForId(u"missed1"_s);
    QVERIFY(m_window->alertModel()->isOffline(missedRow));
    QVERIFY(!m_window->alertModel()->isOffline(m_window->alertModel()->rowForId(u"live"_s)));

    // Showing one in the detail pane is reviewing it.
    QVERIFY(m_window->selectAlert(u"missed1"_s));
    QTRY_COMPARE(m_window->alertModel()->offlineCount(), 1);
    QVERIFY(
      m_window->detailWidget()->plainText().contains(u"Arrived while this station was offline"));
    QVERIFY(m_window->offlineReviewText().startsWith(u"1 alert"));

    QTest::mouseClick(button(u"markAllReviewedButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->alertModel()->offlineCount(), 0);
    QVERIFY(m_window->offlineReviewText().isEmpty());
}

void tst_MainWindow::summaryCountsActiveAlertsByPriority()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"h1"_s, 1),
                          samples::alert(u"h2"_s, 2),
                          samples::alert(u"h3"_s, 3, Priority::High, AlertState::Acknowledged),
                          samples::alert(u"m1"_s, 4, Priority::Medium),
                          samples::alert(u"l1"_s, 5, Priority::Low),
                          samples::alert(u"i1"_s, 6, Priority::Info) },
                        AlertOrigin::Live);
    QTRY_COMPARE(m_window->summaryText(),
                 u"LIVE | *** High: 2 | ** Medium: 1 | * Low: 1 | Info: 1"_s);
    m_window->updateAlert(samples::alert(u"h1"_s, 1, Priority::High, AlertState::Acknowledged));
    QTRY_COMPARE(m_window->summaryText(),
                 u"LIVE | *** High: 1 | ** Medium: 1 | * Low: 1 | Info: 1"_s);
}

void tst_MainWindow::highPriorityNotifiesWhenWindowInactive()
{
    signIn();
    goLive();
    QSignalSpy notified(m_window->notifier(), &Notifier::notified);
    // Another window is active (the offscreen platform has no real focus otherwise).
    QWidget other;
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    QApplication::setActiveWindow(&other);
    QTRY_VERIFY(!m_window->isActiveWindow());

    m_window->addAlerts({ samples::alert(u"m"_s, 1, Priority::Medium) }, AlertOrigin::Live);
    QCOMPARE(notified.size(), 0);
    m_window->addAlerts({ samples::alert(u"h"_s, 2) }, AlertOrigin::Live);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(1).toString(), u"Patient 42: Sepsis risk 0.87"_s);
    m_window->addAlerts({ samples::alert(u"b1"_s, 3), samples::alert(u"b2"_s, 4) },
                        AlertOrigin::Backfill);
    QCOMPARE(notified.size(), 2);
    QVERIFY(notified.at(1).at(1).toString().contains(u"2 high-priority alert"));
    // History of a newly followed room is not news.
    m_window->addAlerts({ samples::alert(u"r1"_s, 5) }, AlertOrigin::RoomAdded);
    QCOMPARE(notified.size(), 2);

    QApplication::setActiveWindow(m_window.get());
    QTRY_VERIFY(m_window->isActiveWindow());
    m_window->addAlerts({ samples::alert(u"h2"_s, 6) }, AlertOrigin::Live);
    QCOMPARE(notified.size(), 2);
}

void tst_MainWindow::filtersReachTheProxy()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"h"_s, 1),
                          samples::alert(u"m"_s, 2, Priority::Medium),
                          samples::alert(u"l"_s, 3, Priority::Low, AlertState::Acknowledged),
                          samples::vitalsAlert(u"v"_s, 4) },
                        AlertOrigin::Live);
    AlertFilterProxyModel *proxy = m_window->alertProxy();
    QCOMPARE(proxy->rowCount(), 4);
    auto *priority = m_window->findChild<QComboBox *>(u"priorityFilterCombo"_s);
    priority->setCurrentIndex(priority->findText(u"*** High only"_s));
    QCOMPARE(proxy->rowCount(), 1);
    priority->setCurrentIndex(priority->findText(u"** Medium and higher"_s));
    QCOMPARE(proxy->rowCount(), 3);
    priority->setCurrentIndex(0);

    auto *state = m_window->findChild<QComboBox *>(u"stateFilterCombo"_s);
    state->setCurrentIndex(state->findText(u"Acknowledged"_s));
    QCOMPARE(proxy->rowCount(), 1);
    state->setCurrentIndex(0);

    auto *search = m_window->findChild<QLineEdit *>(u"searchEdit"_s);
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), search);
    QTest::keyClicks(search, u"heart"_s);
    QCOMPARE(proxy->rowCount(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(search->text(), QString());
    QCOMPARE(proxy->rowCount(), 4);

    m_window->roomModel()->addRoom(u"patient_7"_s);
    auto *room = m_window->findChild<QComboBox *>(u"roomFilterCombo"_s);
    QCOMPARE(room->count(), 2);
    room->setCurrentIndex(1);
    QCOMPARE(proxy->rowCount(), 1);
    // Unfollowing the filtered room drops the filter instead of showing nothing.
    m_window->roomModel()->removeRoom(u"patient_7"_s);
    QCOMPARE(room->count(), 1);
    QCOMPARE(proxy->rowCount(), 4);
}

void tst_MainWindow::roomsAreAddedAndRemovedFromThePanel()
{
    signIn();
    RoomListModel *rooms = m_window->roomModel();
    QSignalSpy added(rooms, &RoomListModel::roomAdded);
    QSignalSpy removed(rooms, &RoomListModel::roomRemoved);
    auto *edit = m_window->findChild<QLineEdit *>(u"roomEdit"_s);
    auto *message = m_window->findChild<QLabel *>(u"roomMessageLabel"_s);

    edit->setText(u"ward 7"_s);
    QTest::mouseClick(button(u"addRoomButton"_s), Qt::LeftButton);
    QCOMPARE(added.size(), 0);
    QVERIFY(!message->text().isEmpty());
    QCOMPARE(edit->text(), u"ward 7"_s);

    edit->setText(u"hospital_123"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).toString(), u"hospital_123"_s);
    QVERIFY(edit->text().isEmpty());
    QVERIFY(message->text().isEmpty());

    auto *list = m_window->findChild<QListView *>(u"roomList"_s);
    list->setCurrentIndex(rooms->index(0));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(rooms->rowCount(), 0);
}

void tst_MainWindow::adminSeesServerStatus()
{
    auto *group = m_window->findChild<QWidget *>(u"serverStatusGroup"_s);
    signIn();
    QVERIFY(!group->isVisible());
    m_window->clearSession();
    signIn(u"admin"_s);
    QVERIFY(group->isVisible());
    vigil::client::SocketStatus status;
    status.activeConnections = 4;
    m_window->showServerStatus(status);
    QCOMPARE(m_window->findChild<QLabel *>(u"serverConnections"_s)->text(), u"4"_s);
}

void tst_MainWindow::layoutIsSavedAndRestored()
{
    // The window fits a 1280-pixel screen.
    QVERIFY2(m_window->minimumSizeHint().width() <= 1280,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    m_window->resize(1281, 777);
    m_window->close();
    QVERIFY(!m_settings->windowGeometry().isEmpty());
    QVERIFY(!m_settings->windowState().isEmpty());
    MainWindow again(m_settings.get());
    again.restoreLayout();
    QCOMPARE(again.size(), QSize(1281, 777));
}

void tst_MainWindow::everyControlHasAnAccessibleNameOrLabel()
{
    // Screen readers need a name: either an accessible name or a label with a buddy.
    QSet<QWidget *> labelled;
    for (QLabel *label : m_window->findChildren<QLabel *>()) {
        if (label->buddy())
            labelled.insert(label->buddy());
    }
    const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const bool control = qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
                             qobject_cast<QTableView *>(w) || qobject_cast<QListView *>(w);
        if (!control || w->objectName().isEmpty() || w->objectName().startsWith(u"qt_"))
            continue;
        QVERIFY2(!w->accessibleName().isEmpty() || labelled.contains(w),
                 qPrintable(w->objectName()));
    }
    for (QAbstractButton *b : m_window->findChildren<QAbstractButton *>()) {
        if (b->objectName().startsWith(u"qt_") || b->objectName().isEmpty())
            continue;
        QVERIFY2(!b->text().isEmpty() || !b->accessibleName().isEmpty(),
                 qPrintable(b->objectName()));
    }
}

void tst_MainWindow::keyboardOnlyTabOrder()
{
    signIn();
    goLive();
    m_window->addAlerts({ samples::alert(u"a1"_s, 1) }, AlertOrigin::Live);
    QStringList visited;
    m_window->findChild<QComboBox *>(u"priorityFilterCombo"_s)->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < 5; ++i) {
        QTRY_VERIFY(QApplication::focusWidget());
        visited.append(QApplication::focusWidget()->objectName());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    QCOMPARE(visited,
             QStringList({ u"priorityFilterCombo"_s,
                           u"stateFilterCombo"_s,
                           u"roomFilterCombo"_s,
                           u"searchEdit"_s,
                           u"alertTable"_s }));
    // From the table, the acknowledge button is next once an active alert is selected.
    QVERIFY(m_window->selectAlert(u"a1"_s));
    alertTable()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(alertTable(), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), button(u"acknowledgeButton"_s));
}

void tst_MainWindow::fontScalingIsHonoured()
{
    const QFont original = QApplication::font();
    QFont big = original;
    big.setPointSizeF(20);
    QApplication::setFont(big);
    // Everything follows the user's size; the table is a little larger still.
    QTRY_VERIFY(alertTable()->font().pointSizeF() >= 20);
    QVERIFY(m_window->findChild<QLabel *>(u"bannerTitle"_s)->font().pointSizeF() >= 30);
    QApplication::setFont(original);
    QTRY_VERIFY(alertTable()->font().pointSizeF() < 20);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
