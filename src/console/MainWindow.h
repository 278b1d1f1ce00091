// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QSet>
#include <QString>
#include <QTimer>

#include "client/AlertFeed.h"
#include "client/ApiClient.h"
#include "console/AlertDetailWidget.h"
#include "protocol/Contract.h"

class QLabel;
class QProgressBar;
class QModelIndex;

namespace Ui {
class MainWindow;
}

namespace vigil::console {

class AlertFilterProxyModel;
class AlertTableModel;
class ConnectionStatus;
class Notifier;
class RoomListModel;
class Settings;
class TriageQueueModel;
class TriageQueueProxyModel;

/// The nurse's screen: the communication-loss banner across the top, a summary of active alerts
/// by priority, the alert table with its filters, the triage queue, the followed rooms, the detail
/// pane, and the connection state in the status bar. It owns the models and the ConnectionStatus
/// and shows what they hold; the controller fills them and acts on the requests it emits
/// (acknowledge, sign in/out, settings, reconnect). Nothing here blocks or opens a nested event
/// loop.
///
/// Keyboard: Ctrl+K acknowledges the selected alerts, Ctrl+F searches, Ctrl+1..4 move between the
/// alerts, triage queue, rooms and details, F5 reconnects now, F1 lists every shortcut.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    /// Who is signed in, for the status bar and the admin panel.
    struct Session
    {
        QString username;
        QString displayName;
        QString role;
        QUrl server;
    };

    explicit MainWindow(Settings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    AlertTableModel *alertModel() const { return m_alerts; }
    AlertFilterProxyModel *alertProxy() const { return m_alertProxy; }
    TriageQueueModel *triageModel() const { return m_triage; }
    RoomListModel *roomModel() const { return m_rooms; }
    ConnectionStatus *connectionStatus() const { return m_status; }
    Notifier *notifier() const { return m_notifier; }

    void setSession(const Session &session);
    void clearSession();
    bool isSignedIn() const { return m_signedIn; }

    /// New alerts as the feed reported them: marks them when they arrived while offline, raises a
    /// tray notification for high-priority ones when the window is not active.
    void addAlerts(const QList<protocol::Alert> &alerts, client::AlertOrigin origin);
    /// A known alert changed (acknowledged elsewhere, resolved...): the detail history records it.
    void updateAlert(const protocol::Alert &alert);
    /// The server answered an acknowledge request; `error` is empty on success.
    void acknowledgeFinished(const QString &alertId, const QString &error);
    /// A live `socket_status` from `/monitor` (admins only).
    void showServerStatus(const client::SocketStatus &status);
    void setServerStatusUnavailable(const QString &reason);
    /// A short message in the status bar (errors the nurse should see but need not act on).
    void showMessage(const QString &text);

    /// The selected alerts that can be acknowledged now: active, not already being acknowledged,
    /// and the station connected.
    QStringList acknowledgeableSelection() const;
    bool isAcknowledgePending(const QString &alertId) const;
    /// Selects the alert (in the current sort and filter); false when it is not shown.
    bool selectAlert(const QString &alertId);
    QString selectedAlertId() const;

    /// The texts as shown, for tests and screenshots.
    QString statusBarText() const;
    QString bannerTitleText() const;
    QString bannerDetailText() const;
    bool isBannerVisible() const;
    QString summaryText() const;
    QString offlineReviewText() const;
    AlertDetailWidget *detailWidget() const;

    /// Saves geometry and splitter positions into Settings.
    void saveLayout();
    void restoreLayout();

Q_SIGNALS:
    void acknowledgeRequested(const QString &alertId);
    void signInRequested();
    void signOutRequested();
    void settingsRequested();
    void reconnectRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool event(QEvent *event) override;

private:
    void setupModels();
    void setupAlertTable();
    void setupFilters();
    void setupTriage();
    void setupRooms();
    void setupActions();
    void setupStatusBar();
    void applyStyle();
    void scaleFonts();

    void updateConnection();
    void updateBanner(bool alarm);
    void setAlarmFrame(bool alarm);
    void fitTitleColumn();
    void updateSummary();
    void updateOfflineReview();
    void updateActions();
    void updateDetails();
    void updateRoomFilterChoices();
    void applyPriorityFilter();
    void applyStateFilter();
    void applyRoomFilter();

    void acknowledgeSelected();
    void markSelectedReviewed();
    void markAllReviewed();
    void copySelectedDetails();
    void showAlertContextMenu(const QPoint &pos);
    void addRoomFromEdit();
    void removeSelectedRoom();
    void showShortcuts();
    void showAbout();

    QList<int> selectedSourceRows() const;
    int currentSourceRow() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    Settings *m_settings;
    AlertTableModel *m_alerts = nullptr;
    AlertFilterProxyModel *m_alertProxy = nullptr;
    TriageQueueModel *m_triage = nullptr;
    TriageQueueProxyModel *m_triageProxy = nullptr;
    RoomListModel *m_rooms = nullptr;
    ConnectionStatus *m_status = nullptr;
    Notifier *m_notifier = nullptr;

    QLabel *m_connectionLabel = nullptr;
    QProgressBar *m_backfillBar = nullptr;
    QLabel *m_offlineLabel = nullptr;
    QLabel *m_userLabel = nullptr;

    bool m_signedIn = false;
    bool m_splittersPlaced = false;
    Session m_session;
    QSet<QString> m_pendingAcks;
    QHash<QString, QList<AlertStateChange>> m_changes;
    /// Alerts first seen through a backfill: their history says so even after review.
    QSet<QString> m_arrivedOffline;
    /// Counting active alerts walks every row: coalesce bursts into one pass.
    QTimer m_summaryTimer;
    QTimer m_triageClock;
};

} // namespace vigil::console
