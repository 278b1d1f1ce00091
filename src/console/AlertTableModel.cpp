// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/AlertTableModel.h"

#include <algorithm>
#include <limits>

#include <QColor>
#include <QFont>

#include "common/Logging.h"

namespace vigil::console {

using protocol::Alert;
using protocol::AlertState;

namespace {

const Alert &emptyAlert()
{
    static const Alert empty;
    return empty;
}

int rankOf(protocol::Priority priority)
{
    // Same values as protocol::priorityRank, kept local because the sort runs it millions of
    // times and an inline switch is cheaper than a call into another library.
    switch (priority) {
        case protocol::Priority::High:
            return 3;
        case protocol::Priority::Medium:
            return 2;
        case protocol::Priority::Low:
            return 1;
        case protocol::Priority::Info:
            break;
    }
    return 0;
}

qint64 msecs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

qint64 acknowledgedMsecs(const Alert &alert)
{
    return alert.acknowledgedAt ? msecs(*alert.acknowledgedAt) : std::numeric_limits<qint64>::min();
}

template<typename T>
int threeWay(const T &left, const T &right)
{
    return left < right ? -1 : (right < left ? 1 : 0);
}

/// Patient and hospital ids are usually numbers: "9" sorts before "10".
int compareIds(const QString &left, const QString &right)
{
    bool leftIsNumber = false;
    bool rightIsNumber = false;
    const qlonglong l = left.toLongLong(&leftIsNumber);
    const qlonglong r = right.toLongLong(&rightIsNumber);
    if (leftIsNumber && rightIsNumber)
        return threeWay(l, r);
    if (leftIsNumber != rightIsNumber)
        return leftIsNumber ? -1 : 1;
    return left.compare(right, Qt::CaseInsensitive);
}

} // namespace

/// Red and yellow are reserved for alarms, so info is grey; each text colour keeps 7:1 contrast
/// so that a cell stays readable from across the room.
PriorityColours priorityColours(protocol::Priority priority)
{
    switch (priority) {
        case protocol::Priority::High:
            return { QColor(0xB0, 0x00, 0x00), QColor(Qt::white) };
        case protocol::Priority::Medium:
            return { QColor(0xFF, 0xD6, 0x00), QColor(Qt::black) };
        case protocol::Priority::Low:
            return { QColor(0x00, 0xB8, 0xD4), QColor(Qt::black) };
        case protocol::Priority::Info:
            break;
    }
    return { QColor(0xE0, 0xE0, 0xE0), QColor(Qt::black) };
}

AlertTableModel::AlertTableModel(QObject *parent)
  : QAbstractTableModel(parent)
{
}

AlertTableModel::~AlertTableModel() = default;

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Alert &a = row.alert;
    const int column = index.column();

    switch (role) {
        case Qt::DisplayRole:
            switch (column) {
                case Priority:
                    return priorityText(a.priority);
                case Time:
                    return timeText(a.createdAt);
                case Patient:
                    return a.patientId;
                case Hospital:
                    return a.hospitalId;
                case Type:
                    return typeText(a.type);
                case Title:
                    return a.title;
                case State:
                    return stateText(a.state);
                case AcknowledgedBy:
                    return a.acknowledgedBy;
                case AcknowledgedAt:
                    return a.acknowledgedAt ? timeText(*a.acknowledgedAt) : QString();
            }
            return {};
        case Qt::BackgroundRole:
            if (column == Priority)
                return priorityColours(a.priority).background;
            return {};
        case Qt::ForegroundRole:
            if (column == Priority)
                return priorityColours(a.priority).foreground;
            return {};
        case Qt::FontRole:
            if (a.state == AlertState::Active) {
                // Unhandled alerts stand out in every column, not only by the priority colour.
                QFont font;
                font.setBold(true);
                return font;
            }
            return {};
        case Qt::ToolTipRole:
            if (row.offline)
                return tr("Arrived while this station was offline; not reviewed yet");
            if (column == Title && !a.message.isEmpty())
                return a.message;
            return {};
        case Qt::AccessibleTextRole:
            if (column == Priority)
                return priorityAccessibleText(a.priority);
            return {};
        case SortRole:
            return sortValue(a, column);
        case AlertIdRole:
            return a.id;
        case PriorityRole:
            return QVariant::fromValue(a.priority);
        case StateRole:
            return QVariant::fromValue(a.state);
        case SeqRole:
            return a.seq;
        case CreatedAtRole:
            return a.createdAt;
        case OfflineRole:
            return row.offline;
        case PatientIdRole:
            return a.patientId;
        case HospitalIdRole:
            return a.hospitalId;
        case AlertRole:
            return QVariant::fromValue(a);
    }
    return {};
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Priority:
            return tr("Priority");
        case Time:
            return tr("Time");
        case Patient:
            return tr("Patient");
        case Hospital:
            return tr("Hospital");
        case Type:
            return tr("Type");
        case Title:
            return tr("Title");
        case State:
            return tr("State");
        case AcknowledgedBy:
            return tr("Acknowledged by");
        case AcknowledgedAt:
            return tr("Acknowledged at");
    }
    return {};
}

AlertTableModel::UpsertResult AlertTableModel::upsertAlerts(const QList<Alert> &alerts,
                                                            bool arrivedOffline)
{
    UpsertResult result;
    const int oldCount = static_cast<int>(m_rows.size());
    // New rows are collected first so the batch costs one rowsInserted; `pendingRows` lets a
    // duplicate later in the same batch merge into them.
    QList<Row> pending;
    QHash<QString, qsizetype> pendingRows;
    int firstChanged = std::numeric_limits<int>::max();
    int lastChanged = -1;

    for (const Alert &incoming : alerts) {
        if (incoming.id.isEmpty()) {
            qCWarning(lcConsole) << "ignoring an alert without id, seq" << incoming.seq;
            ++result.ignored;
            continue;
        }
        Alert *existing = nullptr;
        const int row = m_rowById.value(incoming.id, -1);
        if (row >= 0) {
            existing = &m_rows[row].alert;
        } else if (const auto p = pendingRows.constFind(incoming.id); p != pendingRows.cend()) {
            existing = &pending[p.value()].alert;
        } else {
            pendingRows.insert(incoming.id, pending.size());
            pending.append(Row{ incoming, arrivedOffline });
            ++result.inserted;
            continue;
        }
        const int incomingRank = stateRank(incoming.state);
        const int existingRank = stateRank(existing->state);
        const bool newer = incomingRank > existingRank ||
                           (incomingRank == existingRank && incoming.seq >= existing->seq);
        if (!newer || incoming == *existing) {
            ++result.ignored;
            continue;
        }
        *existing = incoming;
        if (row >= 0) {
            ++result.updated;
            firstChanged = std::min(firstChanged, row);
            lastChanged = std::max(lastChanged, row);
        }
    }

    // Changes before inserts: a sorting proxy places the new rows by comparing them with rows whose
    // order it already knows.
    if (lastChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    if (!pending.isEmpty()) {
        beginInsertRows({}, oldCount, oldCount + static_cast<int>(pending.size()) - 1);
        m_rows.append(std::move(pending));
        for (auto it = pendingRows.cbegin(); it != pendingRows.cend(); ++it)
            m_rowById.insert(it.key(), oldCount + static_cast<int>(it.value()));
        endInsertRows();
    }
    if (arrivedOffline && result.inserted > 0)
        setOfflineCount(m_offlineCount + static_cast<int>(result.inserted));
    return result;
}

const Alert &AlertTableModel::alert(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return emptyAlert();
    return m_rows.at(row).alert;
}

int AlertTableModel::rowForId(const QString &id) const
{
    return m_rowById.value(id, -1);
}

bool AlertTableModel::isOffline(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).offline;
}

bool AlertTableModel::markReviewed(const QString &id)
{
    const int row = rowForId(id);
    if (row < 0 || !m_rows.at(row).offline)
        return false;
    m_rows[row].offline = false;
    Q_EMIT dataChanged(
      index(row, 0), index(row, ColumnCount - 1), { OfflineRole, Qt::ToolTipRole });
    setOfflineCount(m_offlineCount - 1);
    return true;
}

void AlertTableModel::markAllReviewed()
{
    if (m_offlineCount == 0)
        return;
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows.at(row).offline)
            continue;
        m_rows[row].offline = false;
        if (first < 0)
            first = row;
        last = row;
    }
    if (last >= 0) {
        Q_EMIT dataChanged(
          index(first, 0), index(last, ColumnCount - 1), { OfflineRole, Qt::ToolTipRole });
    }
    setOfflineCount(0);
}

void AlertTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    endResetModel();
    setOfflineCount(0);
}

void AlertTableModel::setOfflineCount(int count)
{
    if (count == m_offlineCount)
        return;
    m_offlineCount = count;
    Q_EMIT offlineCountChanged(count);
}

QString AlertTableModel::priorityText(protocol::Priority priority)
{
    // The asterisks repeat the priority for anyone who cannot tell the colours apart (IEC
    // 60601-1-8 message prefixes); translators keep them.
    switch (priority) {
        case protocol::Priority::High:
            return tr("*** High");
        case protocol::Priority::Medium:
            return tr("** Medium");
        case protocol::Priority::Low:
            return tr("* Low");
        case protocol::Priority::Info:
            break;
    }
    return tr("Info");
}

QString AlertTableModel::priorityAccessibleText(protocol::Priority priority)
{
    // Screen readers would spell the asterisks out.
    switch (priority) {
        case protocol::Priority::High:
            return tr("High priority");
        case protocol::Priority::Medium:
            return tr("Medium priority");
        case protocol::Priority::Low:
            return tr("Low priority");
        case protocol::Priority::Info:
            break;
    }
    return tr("Information");
}

QString AlertTableModel::stateText(AlertState state)
{
    switch (state) {
        case AlertState::Active:
            return tr("Active");
        case AlertState::Acknowledged:
            return tr("Acknowledged");
        case AlertState::Resolved:
            break;
    }
    return tr("Resolved");
}

QString AlertTableModel::typeText(const QString &type)
{
    if (type == u"sepsis_risk")
        return tr("Sepsis risk");
    if (type == u"deterioration")
        return tr("Deterioration");
    if (type == u"vitals")
        return tr("Vitals");
    if (type == u"technical")
        return tr("Technical");
    // Producers may invent types; showing them readable beats hiding them.
    QString text = type;
    text.replace(u'_', u' ');
    return text;
}

QString AlertTableModel::timeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    // ISO order reads the same to every nurse whatever the language; seconds tell bursts apart.
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QVariant AlertTableModel::sortValue(const Alert &alert, int column)
{
    switch (column) {
        case Priority:
            return rankOf(alert.priority);
        case Time:
            return msecs(alert.createdAt);
        case Patient:
            return alert.patientId;
        case Hospital:
            return alert.hospitalId;
        case Type:
            return alert.type;
        case Title:
            return alert.title;
        case State:
            return stateRank(alert.state);
        case AcknowledgedBy:
            return alert.acknowledgedBy;
        case AcknowledgedAt:
            return acknowledgedMsecs(alert);
    }
    return {};
}

int AlertTableModel::compareColumn(const Alert &left, const Alert &right, int column)
{
    switch (column) {
        case Priority:
            return threeWay(rankOf(left.priority), rankOf(right.priority));
        case Time:
            return threeWay(msecs(left.createdAt), msecs(right.createdAt));
        case Patient:
            return compareIds(left.patientId, right.patientId);
        case Hospital:
            return compareIds(left.hospitalId, right.hospitalId);
        case Type:
            return left.type.compare(right.type, Qt::CaseInsensitive);
        case Title:
            return left.title.compare(right.title, Qt::CaseInsensitive);
        case State:
            return threeWay(stateRank(left.state), stateRank(right.state));
        case AcknowledgedBy:
            return left.acknowledgedBy.compare(right.acknowledgedBy, Qt::CaseInsensitive);
        case AcknowledgedAt:
            return threeWay(acknowledgedMsecs(left), acknowledgedMsecs(right));
    }
    return 0;
}

int AlertTableModel::stateRank(AlertState state)
{
    switch (state) {
        case AlertState::Active:
            return 0;
        case AlertState::Acknowledged:
            return 1;
        case AlertState::Resolved:
            break;
    }
    return 2;
}

} // namespace vigil::console
