// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/MainWindow.h"

#include <algorithm>
#include <array>

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDataStream>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>

#include "console/AlertFilterProxyModel.h"
#include "console/AlertTableModel.h"
#include "console/ConnectionStatus.h"
#include "console/Notifier.h"
#include "console/RoomListModel.h"
#include "console/Settings.h"
#include "console/TriageQueueModel.h"
#include "console/TriageQueueProxyModel.h"
#include "ui_mainwindow.h"
#include "vigil/Version.h"

// Resources of a static library must be registered by name, outside any namespace.
static void initConsoleResources()
{
    Q_INIT_RESOURCE(vigil);
}

namespace vigil::console {

using client::LinkState;
using protocol::Alert;
using protocol::AlertState;
using protocol::Priority;

namespace {

/// Light violet marks alerts that arrived while offline: distinct from the alarm colours (red,
/// yellow, cyan), which must keep their meaning.
const QColor offlineBackground(0xE8, 0xDD, 0xF5);

/// The priority cell keeps its alarm colour when the row is selected, and rows that arrived while
/// offline carry a marker word as well as a background, so neither depends on colour alone.
class AlertItemDelegate final : public QStyledItemDelegate
{
public:
    AlertItemDelegate(QString offlineMarker, QObject *parent)
      : QStyledItemDelegate(parent)
      , m_offlineMarker(std::move(offlineMarker))
    {
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == AlertTableModel::Priority) {
            option->state &= ~QStyle::State_Selected;
            return;
        }
        if (index.column() == AlertTableModel::Time ||
            index.column() == AlertTableModel::AcknowledgedAt) {
            // Today's times without the date: the column stays narrow enough for the title. The
            // date still shows for anything older, so times are never ambiguous.
            const QDateTime time = index.column() == AlertTableModel::Time
                                     ? index.data(AlertTableModel::CreatedAtRole).toDateTime()
                                     : index.data(AlertTableModel::AlertRole)
                                         .value<protocol::Alert>()
                                         .acknowledgedAt.value_or(QDateTime());
            const QDateTime local = time.toLocalTime();
            if (time.isValid() && local.date() == QDate::currentDate())
                option->text = local.toString(QStringLiteral("HH:mm:ss"));
        }
        if (!index.data(AlertTableModel::OfflineRole).toBool())
            return;
        if (!(option->state & QStyle::State_Selected))
            option->backgroundBrush = offlineBackground;
        if (index.column() == AlertTableModel::Title)
            option->text = m_offlineMarker + QLatin1Char(' ') + option->text;
    }

private:
    QString m_offlineMarker;
};

/// "Patient 42" over "Joined": the join state with the name, so a refused room cannot pass for a
/// followed one.
class RoomItemDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        // Two lines: the panel stays narrow and neither part is cut off.
        option->text +=
          QChar(QChar::LineSeparator) + index.data(RoomListModel::StatusTextRole).toString();
        const auto state =
          index.data(RoomListModel::JoinStateRole).value<RoomListModel::JoinState>();
        if (state == RoomListModel::JoinState::Pending)
            option->font.setItalic(true);
        if (state == RoomListModel::JoinState::Refused && !(option->state & QStyle::State_Selected))
            option->palette.setColor(QPalette::Text, QColor(0x8A, 0x4B, 0x00));
    }
};

enum PriorityChoice
{
    AllPriorities,
    HighOnly,
    MediumAndHigher,
    LowAndHigher,
    InfoOnly,
};

enum StateChoice
{
    AllStates,
    ActiveOnly,
    Open,
    AcknowledgedOnly,
    ResolvedOnly,
};

constexpr int layoutVersion = 1;

} // namespace

MainWindow::MainWindow(Settings *settings, QWidget *parent)
  : QMainWindow(parent)
  , m_ui(std::make_unique<Ui::MainWindow>())
  , m_settings(settings)
{
    initConsoleResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/vigil.svg")));

    setupModels();
    setupAlertTable();
    setupFilters();
    setupTriage();
    setupRooms();
    setupActions();
    setupStatusBar();
    applyStyle();
    scaleFonts();

    // The tables take the height; banner and summary keep their natural size.
    m_ui->centralLayout->setStretch(m_ui->centralLayout->indexOf(m_ui->mainSplitter), 1);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->centerSplitter->setStretchFactor(0, 3);
    m_ui->centerSplitter->setStretchFactor(1, 1);
    m_ui->bannerLayout->setStretch(1, 1);
    m_ui->bannerIcon->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_ui->bannerTitle->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_ui->bannerText->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_ui->searchEdit->setMinimumWidth(QFontMetrics(font()).averageCharWidth() * 20);

    m_ui->serverStatusGroup->hide();
    m_ui->communicationBanner->hide();
    m_ui->bannerIcon->setPixmap(QIcon(QStringLiteral(":/icons/alarm.svg")).pixmap(48, 48));
    m_ui->bannerIcon->setAccessibleName(tr("Alarm"));

    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(150);
    connect(&m_summaryTimer, &QTimer::timeout, this, &MainWindow::updateSummary);

    clearSession();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupModels()
{
    m_alerts = new AlertTableModel(this);
    m_alertProxy = new AlertFilterProxyModel(this);
    m_alertProxy->setSourceModel(m_alerts);
    m_triage = new TriageQueueModel(this);
    m_triageProxy = new TriageQueueProxyModel(this);
    m_triageProxy->setSourceModel(m_triage);
    m_rooms = new RoomListModel(this);
    m_status = new ConnectionStatus(this);
    m_notifier = new Notifier(this);
    m_notifier->setSoundEnabled(m_settings->soundEnabled());
    m_notifier->setTrayIcon(QIcon(QStringLiteral(":/icons/vigil.svg")), tr("Vigil"));
    connect(m_notifier, &Notifier::activationRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    m_status->setAlarmDelay(std::chrono::seconds(m_settings->offlineAlarmDelaySeconds()));

    connect(m_status, &ConnectionStatus::changed, this, &MainWindow::updateConnection);
    connect(m_status, &ConnectionStatus::alarmActiveChanged, this, &MainWindow::updateBanner);
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::SoundEnabled)
            m_notifier->setSoundEnabled(m_settings->soundEnabled());
        else if (key == Settings::Key::OfflineAlarmDelaySeconds)
            m_status->setAlarmDelay(std::chrono::seconds(m_settings->offlineAlarmDelaySeconds()));
    });

    const auto summaryLater = [this] { m_summaryTimer.start(); };
    connect(m_alerts, &QAbstractItemModel::rowsInserted, this, summaryLater);
    connect(m_alerts, &QAbstractItemModel::dataChanged, this, summaryLater);
    connect(m_alerts, &QAbstractItemModel::modelReset, this, summaryLater);
    connect(
      m_alerts, &AlertTableModel::offlineCountChanged, this, &MainWindow::updateOfflineReview);
}

void MainWindow::setupAlertTable()
{
    QTableView *table = m_ui->alertTable;
    table->setModel(m_alertProxy);
    table->setItemDelegate(new AlertItemDelegate(tr("[offline]"), table));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    QHeaderView *header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSortIndicatorClearable(true);
    // -1: the proxy's default order (unacknowledged, then priority, then newest) until the nurse
    // clicks a column; a third click on that column goes back to it.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    table->setSortingEnabled(true);

    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    connect(table->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &MainWindow::updateDetails);
    // The selected alert may change underneath (acknowledged on another station).
    connect(m_alertProxy, &QAbstractItemModel::dataChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    connect(m_alertProxy, &QAbstractItemModel::modelReset, this, [this] {
        updateDetails();
        updateActions();
    });
    connect(table, &QWidget::customContextMenuRequested, this, &MainWindow::showAlertContextMenu);
    table->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (section != AlertTableModel::Title)
            fitTitleColumn();
    });
    connect(table, &QAbstractItemView::activated, this, [this] { m_ui->alertDetail->setFocus(); });
}

void MainWindow::setupFilters()
{
    QComboBox *priority = m_ui->priorityFilterCombo;
    priority->addItem(tr("All priorities"), AllPriorities);
    priority->addItem(tr("*** High only"), HighOnly);
    priority->addItem(tr("** Medium and higher"), MediumAndHigher);
    priority->addItem(tr("* Low and higher"), LowAndHigher);
    priority->addItem(tr("Info only"), InfoOnly);
    connect(priority, &QComboBox::currentIndexChanged, this, &MainWindow::applyPriorityFilter);

    QComboBox *state = m_ui->stateFilterCombo;
    state->addItem(tr("All states"), AllStates);
    state->addItem(tr("Active"), ActiveOnly);
    state->addItem(tr("Active and acknowledged"), Open);
    state->addItem(tr("Acknowledged"), AcknowledgedOnly);
    state->addItem(tr("Resolved"), ResolvedOnly);
    connect(state, &QComboBox::currentIndexChanged, this, &MainWindow::applyStateFilter);

    connect(
      m_ui->roomFilterCombo, &QComboBox::currentIndexChanged, this, &MainWindow::applyRoomFilter);
    updateRoomFilterChoices();

    connect(m_ui->searchEdit,
            &QLineEdit::textChanged,
            m_alertProxy,
            &AlertFilterProxyModel::setTextFilter);
    // The filter bar must not make the window wider than a 1280-pixel screen; the combo boxes
    // share the spare width instead of each claiming its longest entry.
    for (QComboBox *combo : { priority, state, m_ui->roomFilterCombo }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
        combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
}

void MainWindow::setupTriage()
{
    QTableView *table = m_ui->triageTable;
    table->setModel(m_triageProxy);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setTabKeyNavigation(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSortIndicator(TriageQueueModel::Acuity, Qt::AscendingOrder);
    table->setSortingEnabled(true);
    // A queue is tens of rows: sizing columns to their contents is cheap and nothing is cut off.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(TriageQueueModel::Patient,
                                                    QHeaderView::Stretch);
    // Waiting times are durations: they must keep moving between updates from the server.
    m_triageClock.setInterval(30'000);
    connect(&m_triageClock, &QTimer::timeout, m_triage, &TriageQueueModel::refreshWaitingTimes);
    m_triageClock.start();
}

void MainWindow::setupRooms()
{
    m_ui->roomList->setModel(m_rooms);
    m_ui->roomList->setItemDelegate(new RoomItemDelegate(m_ui->roomList));
    m_ui->roomList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ui->roomList->setSpacing(2);
    m_ui->roomEdit->setMaxLength(100);
    connect(m_ui->addRoomButton, &QPushButton::clicked, this, &MainWindow::addRoomFromEdit);
    connect(m_ui->roomEdit, &QLineEdit::returnPressed, this, &MainWindow::addRoomFromEdit);
    connect(m_ui->removeRoomButton, &QPushButton::clicked, this, &MainWindow::removeSelectedRoom);
    m_ui->roomList->installEventFilter(this);
    connect(m_ui->roomList->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_ui->removeRoomButton->setEnabled(m_ui->roomList->currentIndex().isValid());
    });
    m_ui->removeRoomButton->setEnabled(false);

    connect(m_rooms, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRoomFilterChoices);
    connect(m_rooms, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateRoomFilterChoices);
    connect(m_rooms, &QAbstractItemModel::modelReset, this, &MainWindow::updateRoomFilterChoices);
}

void MainWindow::setupActions()
{
    Ui::MainWindow &ui = *m_ui;
    connect(ui.actionSignIn, &QAction::triggered, this, &MainWindow::signInRequested);
    connect(ui.signInButton, &QPushButton::clicked, this, &MainWindow::signInRequested);
    connect(ui.actionSignOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(ui.actionReconnect, &QAction::triggered, this, &MainWindow::reconnectRequested);
    connect(ui.actionSettings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);

    connect(ui.actionAcknowledge, &QAction::triggered, this, &MainWindow::acknowledgeSelected);
    connect(ui.acknowledgeButton, &QPushButton::clicked, this, &MainWindow::acknowledgeSelected);
    connect(ui.actionMarkReviewed, &QAction::triggered, this, &MainWindow::markSelectedReviewed);
    connect(ui.markReviewedButton, &QPushButton::clicked, this, &MainWindow::markSelectedReviewed);
    connect(ui.actionMarkAllReviewed, &QAction::triggered, this, &MainWindow::markAllReviewed);
    connect(ui.markAllReviewedButton, &QPushButton::clicked, this, &MainWindow::markAllReviewed);
    connect(ui.actionCopy, &QAction::triggered, this, &MainWindow::copySelectedDetails);
    // Ctrl+C belongs to the text fields when they have focus.
    ui.actionCopy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    ui.alertTable->addAction(ui.actionCopy);

    connect(ui.actionFind, &QAction::triggered, this, [this] {
        m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->searchEdit->selectAll();
    });
    connect(ui.actionClearFilters, &QAction::triggered, this, [this] {
        m_ui->priorityFilterCombo->setCurrentIndex(0);
        m_ui->stateFilterCombo->setCurrentIndex(0);
        m_ui->roomFilterCombo->setCurrentIndex(0);
        m_ui->searchEdit->clear();
    });
    connect(ui.actionDefaultOrder, &QAction::triggered, this, [this] {
        m_ui->alertTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    });
    connect(ui.actionFocusAlerts, &QAction::triggered, this, [this] {
        m_ui->alertTable->setFocus(Qt::ShortcutFocusReason);
    });
    connect(ui.actionFocusTriage, &QAction::triggered, this, [this] {
        m_ui->triageTable->setFocus(Qt::ShortcutFocusReason);
    });
    connect(ui.actionFocusRooms, &QAction::triggered, this, [this] {
        m_ui->roomList->setFocus(Qt::ShortcutFocusReason);
    });
    connect(ui.actionFocusDetails, &QAction::triggered, this, [this] {
        m_ui->alertDetail->setFocus(Qt::ShortcutFocusReason);
    });
    connect(ui.actionShortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(ui.actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::setupStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_connectionLabel->setTextFormat(Qt::PlainText);
    m_connectionLabel->setAccessibleName(tr("Connection"));
    m_backfillBar = new QProgressBar(this);
    m_backfillBar->setObjectName(QStringLiteral("backfillBar"));
    m_backfillBar->setRange(0, 0);
    m_backfillBar->setTextVisible(true);
    m_backfillBar->setMaximumWidth(260);
    m_backfillBar->setAccessibleName(tr("Catching up on missed alerts"));
    m_backfillBar->hide();
    m_offlineLabel = new QLabel(this);
    m_offlineLabel->setObjectName(QStringLiteral("offlineCountLabel"));
    m_offlineLabel->setTextFormat(Qt::PlainText);
    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    m_userLabel->setTextFormat(Qt::PlainText);
    // Permanent widgets: a transient message must never hide the connection state.
    statusBar()->addPermanentWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_backfillBar);
    statusBar()->addPermanentWidget(m_offlineLabel);
    statusBar()->addPermanentWidget(m_userLabel);
}

void MainWindow::applyStyle()
{
    // Colours only, never sizes: font sizes follow the user's settings (see scaleFonts()). The
    // priority counters take the table's colours (IEC 60601-1-8 red, yellow, cyan).
    QString counters;
    for (const auto &[name, priority] :
         { std::pair{ "highCountLabel", protocol::Priority::High },
           std::pair{ "mediumCountLabel", protocol::Priority::Medium },
           std::pair{ "lowCountLabel", protocol::Priority::Low },
           std::pair{ "infoCountLabel", protocol::Priority::Info } }) {
        const PriorityColours colours = priorityColours(priority);
        counters +=
          QStringLiteral("#%1 { background-color: %2; color: %3; padding: 4px 10px; "
                         "border-radius: 4px; }\n")
            .arg(QLatin1StringView(name), colours.background.name(), colours.foreground.name());
    }
    setStyleSheet(counters + QStringLiteral(R"(
#communicationBanner { background-color: #B00000; }
#communicationBanner QLabel { color: #FFFFFF; }
#signedOutFrame { background-color: #37474F; }
#signedOutFrame QLabel { color: #FFFFFF; }
#summaryFrame { background-color: #F3F5F7; border-bottom: 1px solid #C5CDD5; }
#linkBadge { padding: 4px 14px; border-radius: 4px; color: #FFFFFF; background-color: #546E7A; }
#linkBadge[linkState="live"] { background-color: #1B5E20; }
#linkBadge[linkState="connecting"] { background-color: #0D47A1; }
#linkBadge[linkState="down"] { background-color: #B00000; }
#offlineReviewLabel { background-color: #E8DDF5; color: #311B92; padding: 4px 10px; border-radius: 4px; }
#offlineCountLabel { color: #311B92; }
QTableView { gridline-color: #D5DBE1; selection-background-color: #0D47A1; selection-color: #FFFFFF; }
QTableView[alarm="true"] { border: 3px solid #B00000; }
QHeaderView::section { background-color: #ECEFF1; color: #1C2833; padding: 4px 6px; border: none;
    border-right: 1px solid #CFD8DC; border-bottom: 1px solid #B0BEC5; }
)"));
}

void MainWindow::scaleFonts()
{
    // Everything is relative to the application font, so desktop font scaling still applies; the
    // parts read from across the room are larger still.
    const QFont base = QApplication::font();
    const auto scaled = [&base](double factor, bool bold) {
        QFont f = base;
        f.setPointSizeF(base.pointSizeF() * factor);
        f.setBold(bold);
        return f;
    };
    m_ui->bannerTitle->setFont(scaled(1.6, true));
    m_ui->bannerText->setFont(scaled(1.15, false));
    m_ui->signedOutLabel->setFont(scaled(1.3, true));
    m_ui->linkBadge->setFont(scaled(1.2, true));
    for (QLabel *label : { m_ui->activeLabel,
                           m_ui->highCountLabel,
                           m_ui->mediumCountLabel,
                           m_ui->lowCountLabel,
                           m_ui->infoCountLabel,
                           m_ui->offlineReviewLabel })
        label->setFont(scaled(1.1, true));
    m_ui->alertTable->setFont(scaled(1.1, false));
    m_ui->alertDetail->setFont(scaled(1.1, false));
    m_ui->triageTable->setFont(scaled(1.05, false));
    m_connectionLabel->setFont(scaled(1.0, true));

    const QFontMetrics metrics(m_ui->alertTable->font());
    m_ui->alertTable->verticalHeader()->setDefaultSectionSize(metrics.height() + 12);
    QHeaderView *header = m_ui->alertTable->horizontalHeader();
    QFont headerFont = header->font();
    headerFont.setBold(true);
    const QFontMetrics headerMetrics(headerFont);
    // Active rows are bold: measure samples bold too.
    QFont boldFont = m_ui->alertTable->font();
    boldFont.setBold(true);
    const QFontMetrics boldMetrics(boldFont);
    // Wide enough for a typical value and, for the columns a nurse scans, the (translated) header
    // with its sort arrow; the acknowledgement columns may elide their long headers instead.
    const auto fit = [&](int section, const QString &sample, bool wholeHeader = true) {
        const QString title = m_alerts->headerData(section, Qt::Horizontal).toString();
        const int titleWidth = wholeHeader ? headerMetrics.horizontalAdvance(title) + 30 : 0;
        header->resizeSection(section,
                              std::max(boldMetrics.horizontalAdvance(sample) + 16, titleWidth));
    };
    fit(AlertTableModel::Priority, AlertTableModel::priorityText(Priority::Medium));
    fit(AlertTableModel::Time, QStringLiteral("00:00:00"));
    fit(AlertTableModel::Patient, QStringLiteral("0000"));
    fit(AlertTableModel::Hospital, QStringLiteral("000"));
    fit(AlertTableModel::Type, AlertTableModel::typeText(QStringLiteral("deterioration")));
    fit(AlertTableModel::State, AlertTableModel::stateText(AlertState::Acknowledged));
    fit(AlertTableModel::AcknowledgedBy, QStringLiteral("nurse.name.x"), false);
    fit(AlertTableModel::AcknowledgedAt, QStringLiteral("00:00:00 "), false);
    m_ui->triageTable->verticalHeader()->setDefaultSectionSize(
      QFontMetrics(m_ui->triageTable->font()).height() + 10);
    fitTitleColumn();
}

void MainWindow::setSession(const Session &session)
{
    m_session = session;
    m_signedIn = true;
    const QString who = session.displayName.isEmpty() ? session.username : session.displayName;
    m_userLabel->setText(tr("%1 (%2) at %3").arg(who, session.role, session.server.host()));
    m_ui->serverStatusGroup->setVisible(session.role == u"admin");
    m_ui->signedOutFrame->hide();
    m_status->setSignedIn(true);
    setWindowTitle(tr("Vigil: %1").arg(who));
    updateActions();
}

void MainWindow::clearSession()
{
    m_session = {};
    m_signedIn = false;
    m_pendingAcks.clear();
    m_changes.clear();
    m_arrivedOffline.clear();
    m_alerts->clear();
    m_triage->clear();
    m_ui->alertDetail->clear();
    m_userLabel->setText(tr("Not signed in"));
    m_ui->serverStatusGroup->hide();
    m_ui->serverStatus->setUnavailable(tr("not signed in"));
    m_ui->signedOutFrame->show();
    m_status->setSignedIn(false);
    setWindowTitle(tr("Vigil"));
    updateConnection();
    updateSummary();
    updateOfflineReview();
    updateActions();
}

void MainWindow::addAlerts(const QList<Alert> &alerts, client::AlertOrigin origin)
{
    const bool offline = origin == client::AlertOrigin::Backfill;
    if (offline) {
        for (const Alert &alert : alerts) {
            if (m_alerts->rowForId(alert.id) < 0)
                m_arrivedOffline.insert(alert.id);
        }
    }
    m_alerts->upsertAlerts(alerts, offline);

    if (origin == client::AlertOrigin::RoomAdded)
        return;
    QList<const Alert *> urgent;
    for (const Alert &alert : alerts) {
        if (alert.priority == Priority::High && alert.state == AlertState::Active)
            urgent.append(&alert);
    }
    if (urgent.isEmpty() || isActiveWindow())
        return;
    if (offline) {
        m_notifier->notify(tr("High-priority alerts arrived while offline"),
                           tr("%n high-priority alert(s) arrived while this station was offline.",
                              nullptr,
                              static_cast<int>(urgent.size())),
                           true);
    } else if (urgent.size() == 1) {
        const Alert &a = *urgent.first();
        m_notifier->notify(
          tr("*** High-priority alert"), tr("Patient %1: %2").arg(a.patientId, a.title), true);
    } else {
        m_notifier->notify(
          tr("*** High-priority alerts"),
          tr("%n new high-priority alert(s).", nullptr, static_cast<int>(urgent.size())),
          true);
    }
}

void MainWindow::updateAlert(const Alert &alert)
{
    const int row = m_alerts->rowForId(alert.id);
    if (row >= 0 && m_alerts->alert(row).state != alert.state) {
        QList<AlertStateChange> &changes = m_changes[alert.id];
        // A flapping producer must not grow this without bound.
        if (changes.size() < 50)
            changes.append({ QDateTime::currentDateTime(), alert.state, alert.acknowledgedBy });
    }
    m_alerts->upsertAlerts({ alert }, false);
}

void MainWindow::acknowledgeFinished(const QString &alertId, const QString &error)
{
    m_pendingAcks.remove(alertId);
    if (!error.isEmpty()) {
        const int row = m_alerts->rowForId(alertId);
        const QString title = row >= 0 ? m_alerts->alert(row).title : alertId;
        showMessage(tr("Could not acknowledge “%1”: %2").arg(title, error));
    }
    updateActions();
}

void MainWindow::showServerStatus(const client::SocketStatus &status)
{
    m_ui->serverStatus->setStatus(status, QDateTime::currentDateTime());
}

void MainWindow::setServerStatusUnavailable(const QString &reason)
{
    m_ui->serverStatus->setUnavailable(reason);
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 15'000);
}

QList<int> MainWindow::selectedSourceRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_ui->alertTable->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(m_alertProxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

int MainWindow::currentSourceRow() const
{
    const QItemSelectionModel *selection = m_ui->alertTable->selectionModel();
    const QModelIndex current = selection->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent()))
        return m_alertProxy->mapToSource(current).row();
    const QModelIndexList rows = selection->selectedRows();
    return rows.isEmpty() ? -1 : m_alertProxy->mapToSource(rows.first()).row();
}

QStringList MainWindow::acknowledgeableSelection() const
{
    QStringList ids;
    if (!m_status->isConnected())
        return ids;
    for (const int row : selectedSourceRows()) {
        const Alert &alert = m_alerts->alert(row);
        if (alert.state == AlertState::Active && !m_pendingAcks.contains(alert.id))
            ids.append(alert.id);
    }
    return ids;
}

bool MainWindow::isAcknowledgePending(const QString &alertId) const
{
    return m_pendingAcks.contains(alertId);
}

bool MainWindow::selectAlert(const QString &alertId)
{
    const int row = m_alerts->rowForId(alertId);
    if (row < 0)
        return false;
    const QModelIndex index = m_alertProxy->mapFromSource(m_alerts->index(row, 0));
    if (!index.isValid())
        return false;
    m_ui->alertTable->selectionModel()->setCurrentIndex(
      index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->alertTable->scrollTo(index);
    return true;
}

QString MainWindow::selectedAlertId() const
{
    const int row = currentSourceRow();
    return row < 0 ? QString() : m_alerts->alert(row).id;
}

void MainWindow::acknowledgeSelected()
{
    const QStringList ids = acknowledgeableSelection();
    if (ids.isEmpty())
        return;
    for (const QString &id : ids) {
        m_pendingAcks.insert(id);
        Q_EMIT acknowledgeRequested(id);
    }
    showMessage(tr("Acknowledging %n alert(s)…", nullptr, static_cast<int>(ids.size())));
    updateActions();
}

void MainWindow::markSelectedReviewed()
{
    for (const int row : selectedSourceRows())
        m_alerts->markReviewed(m_alerts->alert(row).id);
}

void MainWindow::markAllReviewed()
{
    m_alerts->markAllReviewed();
}

void MainWindow::copySelectedDetails()
{
    if (m_ui->alertDetail->alert().id.isEmpty())
        return;
    QApplication::clipboard()->setText(m_ui->alertDetail->headerText() + QLatin1Char('\n') +
                                       m_ui->alertDetail->plainText());
}

void MainWindow::showAlertContextMenu(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_ui->actionAcknowledge);
    menu->addAction(m_ui->actionMarkReviewed);
    menu->addSeparator();
    menu->addAction(m_ui->actionCopy);
    menu->popup(m_ui->alertTable->viewport()->mapToGlobal(pos));
}

void MainWindow::addRoomFromEdit()
{
    const QString name = m_ui->roomEdit->text().trimmed();
    if (name.isEmpty())
        return;
    const RoomListModel::AddResult result = m_rooms->addRoom(name);
    if (result == RoomListModel::AddResult::Added) {
        m_ui->roomEdit->clear();
        m_ui->roomMessageLabel->clear();
    } else {
        m_ui->roomMessageLabel->setText(RoomListModel::addResultText(result));
    }
}

void MainWindow::removeSelectedRoom()
{
    const QModelIndex index = m_ui->roomList->currentIndex();
    if (!index.isValid())
        return;
    m_rooms->removeRoom(index.data(RoomListModel::RoomNameRole).toString());
    m_ui->roomMessageLabel->clear();
}

void MainWindow::updateConnection()
{
    m_connectionLabel->setText(m_status->statusText());
    m_ui->linkBadge->setText(m_status->badgeText());
    m_ui->linkBadge->setAccessibleDescription(m_status->statusText());
    QString state = QStringLiteral("signedout");
    if (m_status->isSignedIn()) {
        switch (m_status->linkState()) {
            case LinkState::Live:
                state = QStringLiteral("live");
                break;
            case LinkState::Joining:
            case LinkState::Backfilling:
                state = QStringLiteral("connecting");
                break;
            case LinkState::Offline:
            case LinkState::Stale:
                state = QStringLiteral("down");
                break;
        }
    }
    if (m_ui->linkBadge->property("linkState").toString() != state) {
        m_ui->linkBadge->setProperty("linkState", state);
        // Dynamic properties in selectors need a re-polish to take effect.
        m_ui->linkBadge->style()->unpolish(m_ui->linkBadge);
        m_ui->linkBadge->style()->polish(m_ui->linkBadge);
    }

    if (m_status->isBackfilling()) {
        m_backfillBar->setFormat(
          tr("Catching up: %n alert(s)",
             nullptr,
             static_cast<int>(std::min<qint64>(m_status->backfillAlerts(), 1'000'000'000))));
        m_backfillBar->show();
    } else {
        m_backfillBar->hide();
    }

    if (m_status->isAlarmActive()) {
        m_ui->bannerTitle->setText(m_status->bannerTitle());
        m_ui->bannerText->setText(m_status->bannerText());
        m_ui->communicationBanner->setAccessibleDescription(
          m_ui->bannerTitle->text() + QLatin1Char('\n') + m_ui->bannerText->text());
    }
    updateActions();
}

void MainWindow::updateBanner(bool alarm)
{
    if (alarm) {
        m_ui->bannerTitle->setText(m_status->bannerTitle());
        m_ui->bannerText->setText(m_status->bannerText());
        m_ui->communicationBanner->show();
        setAlarmFrame(true);
        setWindowTitle(tr("Vigil: NOT RECEIVING ALERTS"));
        m_notifier->startAlarm(m_status->bannerTitle(), m_status->bannerText());
        return;
    }
    const bool wasShown = !m_ui->communicationBanner->isHidden();
    m_ui->communicationBanner->hide();
    setAlarmFrame(false);
    m_notifier->stopAlarm();
    if (m_signedIn) {
        const QString who =
          m_session.displayName.isEmpty() ? m_session.username : m_session.displayName;
        setWindowTitle(tr("Vigil: %1").arg(who));
        if (wasShown) {
            showMessage(tr("Connection restored at %1: receiving alerts again.")
                          .arg(m_status->formatTime(QDateTime::currentDateTime())));
        }
    }
}

void MainWindow::setAlarmFrame(bool alarm)
{
    // A red frame around the tables too: what they show may be out of date.
    for (QWidget *view : std::initializer_list<QWidget *>{ m_ui->alertTable, m_ui->triageTable }) {
        view->setProperty("alarm", alarm);
        view->style()->unpolish(view);
        view->style()->polish(view);
    }
}

void MainWindow::updateSummary()
{
    std::array<int, 4> counts{};
    for (int row = 0; row < m_alerts->rowCount(); ++row) {
        const Alert &alert = m_alerts->alert(row);
        if (alert.state == AlertState::Active)
            ++counts.at(static_cast<std::size_t>(alert.priority));
    }
    const auto text = [](Priority p, int n) {
        return tr("%1: %2").arg(AlertTableModel::priorityText(p)).arg(n);
    };
    m_ui->highCountLabel->setText(text(Priority::High, counts[0]));
    m_ui->mediumCountLabel->setText(text(Priority::Medium, counts[1]));
    m_ui->lowCountLabel->setText(text(Priority::Low, counts[2]));
    m_ui->infoCountLabel->setText(text(Priority::Info, counts[3]));
    m_ui->highCountLabel->setAccessibleName(
      tr("%n active high-priority alert(s)", nullptr, counts[0]));
    m_ui->mediumCountLabel->setAccessibleName(
      tr("%n active medium-priority alert(s)", nullptr, counts[1]));
    m_ui->lowCountLabel->setAccessibleName(
      tr("%n active low-priority alert(s)", nullptr, counts[2]));
    m_ui->infoCountLabel->setAccessibleName(
      tr("%n active information message(s)", nullptr, counts[3]));
}

void MainWindow::updateOfflineReview()
{
    const int count = m_alerts->offlineCount();
    const QString text = tr("%n alert(s) arrived while offline: not reviewed yet", nullptr, count);
    m_ui->offlineReviewLabel->setText(text);
    m_ui->offlineReviewLabel->setVisible(count > 0);
    m_ui->markAllReviewedButton->setVisible(count > 0);
    m_offlineLabel->setText(count > 0 ? tr("%n unreviewed offline alert(s)", nullptr, count)
                                      : QString());
    updateActions();
}

void MainWindow::updateActions()
{
    const QStringList ackable = acknowledgeableSelection();
    const bool canAck = !ackable.isEmpty();
    m_ui->actionAcknowledge->setEnabled(canAck);
    m_ui->acknowledgeButton->setEnabled(canAck);
    QString why;
    if (!m_status->isConnected())
        why = tr("Acknowledging needs a connection to the server.");
    else if (!canAck)
        why = tr("Select an active alert to acknowledge it.");
    else
        why = tr("Acknowledge %n selected alert(s) on every station (Ctrl+K).",
                 nullptr,
                 static_cast<int>(ackable.size()));
    m_ui->acknowledgeButton->setToolTip(why);
    m_ui->acknowledgeButton->setAccessibleDescription(why);

    bool anyOffline = false;
    for (const int row : selectedSourceRows())
        anyOffline = anyOffline || m_alerts->isOffline(row);
    m_ui->actionMarkReviewed->setEnabled(anyOffline);
    m_ui->markReviewedButton->setEnabled(anyOffline);
    m_ui->actionMarkAllReviewed->setEnabled(m_alerts->offlineCount() > 0);
    m_ui->actionCopy->setEnabled(currentSourceRow() >= 0);

    m_ui->actionSignIn->setEnabled(!m_signedIn);
    m_ui->actionSignOut->setEnabled(m_signedIn);
    m_ui->actionReconnect->setEnabled(m_signedIn && m_status->linkState() == LinkState::Offline);
}

void MainWindow::updateDetails()
{
    const int row = currentSourceRow();
    if (row < 0) {
        m_ui->alertDetail->clear();
        return;
    }
    const Alert &alert = m_alerts->alert(row);
    const QModelIndex priority = m_alerts->index(row, AlertTableModel::Priority);
    const bool offline = m_alerts->isOffline(row);
    m_ui->alertDetail->setAlert(alert,
                                offline || m_arrivedOffline.contains(alert.id),
                                m_changes.value(alert.id),
                                priority.data(Qt::BackgroundRole).value<QColor>(),
                                priority.data(Qt::ForegroundRole).value<QColor>());
    // Shown in the detail pane is what "reviewed" means; the pane keeps the note until the
    // selection moves on.
    if (offline)
        QTimer::singleShot(0, this, [this, id = alert.id] {
            if (selectedAlertId() == id)
                m_alerts->markReviewed(id);
        });
}

void MainWindow::updateRoomFilterChoices()
{
    QComboBox *combo = m_ui->roomFilterCombo;
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("All followed rooms"), QString());
    for (const protocol::RoomName &room : m_rooms->rooms())
        combo->addItem(RoomListModel::displayText(room), room.name());
    const int index = combo->findData(current);
    combo->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0 && !current.isEmpty())
        applyRoomFilter();
}

void MainWindow::applyPriorityFilter()
{
    QList<Priority> priorities;
    switch (m_ui->priorityFilterCombo->currentData().toInt()) {
        case HighOnly:
            priorities = { Priority::High };
            break;
        case MediumAndHigher:
            priorities = { Priority::High, Priority::Medium };
            break;
        case LowAndHigher:
            priorities = { Priority::High, Priority::Medium, Priority::Low };
            break;
        case InfoOnly:
            priorities = { Priority::Info };
            break;
        default:
            break;
    }
    m_alertProxy->setPriorityFilter(priorities);
}

void MainWindow::applyStateFilter()
{
    QList<AlertState> states;
    switch (m_ui->stateFilterCombo->currentData().toInt()) {
        case ActiveOnly:
            states = { AlertState::Active };
            break;
        case Open:
            states = { AlertState::Active, AlertState::Acknowledged };
            break;
        case AcknowledgedOnly:
            states = { AlertState::Acknowledged };
            break;
        case ResolvedOnly:
            states = { AlertState::Resolved };
            break;
        default:
            break;
    }
    m_alertProxy->setStateFilter(states);
}

void MainWindow::applyRoomFilter()
{
    const QString name = m_ui->roomFilterCombo->currentData().toString();
    const std::optional<protocol::RoomName> room = protocol::RoomName::parse(name);
    m_alertProxy->setRoomFilter(room ? QList<protocol::RoomName>{ *room }
                                     : QList<protocol::RoomName>{});
}

void MainWindow::showShortcuts()
{
    const QString text =
      tr("<table>"
         "<tr><td><b>Ctrl+K</b></td><td>Acknowledge the selected alerts</td></tr>"
         "<tr><td><b>Ctrl+R</b></td><td>Mark the selected alerts as reviewed</td></tr>"
         "<tr><td><b>Ctrl+Shift+R</b></td><td>Mark all offline alerts as reviewed</td></tr>"
         "<tr><td><b>Ctrl+F</b></td><td>Search alerts</td></tr>"
         "<tr><td><b>Ctrl+Shift+L</b></td><td>Clear all filters</td></tr>"
         "<tr><td><b>Ctrl+D</b></td><td>Back to the default order (urgent first)</td></tr>"
         "<tr><td><b>Ctrl+1 … Ctrl+4</b></td><td>Go to alerts, triage queue, rooms, "
         "details</td></tr>"
         "<tr><td><b>Menu key, Shift+F10</b></td><td>Actions for the selected alert</td></tr>"
         "<tr><td><b>F5</b></td><td>Reconnect now</td></tr>"
         "<tr><td><b>Ctrl+,</b></td><td>Settings</td></tr>"
         "<tr><td><b>Alt+letter</b></td><td>The control with that underlined letter</td></tr>"
         "</table>");
    auto *box = new QMessageBox(
      QMessageBox::NoIcon, tr("Keyboard shortcuts"), text, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    box->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(
      QMessageBox::NoIcon,
      tr("About Vigil"),
      tr("Vigil %1\nClinician alert console.\n\nVigil is a secondary notification system: it "
         "does not replace the alarms of bedside devices.")
        .arg(QString::fromLatin1(vigil::versionString)),
      QMessageBox::Close,
      this);
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::statusBarText() const
{
    return m_connectionLabel->text();
}

QString MainWindow::bannerTitleText() const
{
    return m_ui->bannerTitle->text();
}

QString MainWindow::bannerDetailText() const
{
    return m_ui->bannerText->text();
}

bool MainWindow::isBannerVisible() const
{
    return !m_ui->communicationBanner->isHidden();
}

QString MainWindow::summaryText() const
{
    return QStringList{ m_ui->linkBadge->text(),
                        m_ui->highCountLabel->text(),
                        m_ui->mediumCountLabel->text(),
                        m_ui->lowCountLabel->text(),
                        m_ui->infoCountLabel->text() }
      .join(QStringLiteral(" | "));
}

QString MainWindow::offlineReviewText() const
{
    return m_ui->offlineReviewLabel->isHidden() ? QString() : m_ui->offlineReviewLabel->text();
}

AlertDetailWidget *MainWindow::detailWidget() const
{
    return m_ui->alertDetail;
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << layoutVersion << m_ui->mainSplitter->saveState() << m_ui->centerSplitter->saveState()
        << m_ui->alertTable->horizontalHeader()->saveState();
    m_settings->setWindowState(state);
    m_settings->sync();
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1400, 860);
    const QByteArray state = m_settings->windowState();
    if (state.isEmpty())
        return;
    QDataStream in(state);
    int version = 0;
    QByteArray mainSplitter;
    QByteArray centerSplitter;
    QByteArray header;
    in >> version >> mainSplitter >> centerSplitter >> header;
    // A state from another version or a damaged file is ignored, not half-applied.
    if (in.status() != QDataStream::Ok || version != layoutVersion)
        return;
    m_splittersPlaced = m_ui->mainSplitter->restoreState(mainSplitter) &&
                        m_ui->centerSplitter->restoreState(centerSplitter);
    m_ui->alertTable->horizontalHeader()->restoreState(header);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_splittersPlaced)
        return;
    // First start: proportions of the real window, known only now. The alert table gets most.
    m_splittersPlaced = true;
    const int width = m_ui->mainSplitter->width();
    m_ui->mainSplitter->setSizes({ width * 13 / 100, width * 63 / 100, width * 24 / 100 });
    const int height = m_ui->centerSplitter->height();
    m_ui->centerSplitter->setSizes({ height * 68 / 100, height * 32 / 100 });
}

void MainWindow::fitTitleColumn()
{
    // The title takes whatever the other columns leave, but never less than a readable minimum
    // (then the table scrolls sideways instead of cutting every title short).
    QHeaderView *header = m_ui->alertTable->horizontalHeader();
    int others = 0;
    for (int section = 0; section < header->count(); ++section) {
        if (section != AlertTableModel::Title && !header->isSectionHidden(section))
            others += header->sectionSize(section);
    }
    const int minimum = QFontMetrics(m_ui->alertTable->font()).averageCharWidth() * 24;
    const int width = std::max(minimum, m_ui->alertTable->viewport()->width() - others);
    if (header->sectionSize(AlertTableModel::Title) != width)
        header->resizeSection(AlertTableModel::Title, width);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->alertTable->viewport() && event->type() == QEvent::Resize)
        fitTitleColumn();
    if (watched == m_ui->roomList && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        removeSelectedRoom();
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

bool MainWindow::event(QEvent *event)
{
    const bool handled = QMainWindow::event(event);
    // The user changed the desktop font size: the derived sizes follow.
    if (event->type() == QEvent::ApplicationFontChange)
        scaleFonts();
    return handled;
}

} // namespace vigil::console
