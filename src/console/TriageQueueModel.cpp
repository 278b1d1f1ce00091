// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/TriageQueueModel.h"

#include <algorithm>
#include <limits>

#include <QLocale>

#include "common/Logging.h"

namespace vigil::console {

using protocol::TriageEntry;
using protocol::TriageStatus;

namespace {

const TriageEntry &emptyEntry()
{
    static const TriageEntry empty;
    return empty;
}

qint64 msecs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
}

template<typename T>
int threeWay(const T &left, const T &right)
{
    return left < right ? -1 : (right < left ? 1 : 0);
}

} // namespace

TriageQueueModel::TriageQueueModel(QObject *parent)
  : QAbstractTableModel(parent)
  , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

TriageQueueModel::~TriageQueueModel() = default;

int TriageQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int TriageQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TriageQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return {};
    const TriageEntry &e = m_entries.at(index.row());
    const int column = index.column();

    switch (role) {
        case Qt::DisplayRole:
            switch (column) {
                case Acuity:
                    return QString::number(e.acuity);
                case Patient:
                    return patientText(e);
                case Hospital:
                    return e.hospitalId;
                case RiskScore:
                    return QLocale().toString(e.riskScore, 'f', 2);
                case Status:
                    return statusText(e.status);
                case Waiting:
                    return waitingText(e.waitingSince, m_clock());
            }
            return {};
        case Qt::ToolTipRole:
            if (column == Acuity)
                return tr("Acuity %1 of 5 (1 is the most urgent)").arg(e.acuity);
            if (column == Patient)
                return tr("Patient %1").arg(e.patientId);
            return {};
        case Qt::TextAlignmentRole:
            if (column == Acuity || column == RiskScore)
                return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case SortRole:
            return sortValue(e, column);
        case PatientIdRole:
            return e.patientId;
        case HospitalIdRole:
            return e.hospitalId;
        case AcuityRole:
            return e.acuity;
        case StatusRole:
            return QVariant::fromValue(e.status);
        case WaitingSinceRole:
            return e.waitingSince;
        case EntryRole:
            return QVariant::fromValue(e);
    }
    return {};
}

QVariant TriageQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Acuity:
            return tr("Acuity");
        case Patient:
            return tr("Patient");
        case Hospital:
            return tr("Hospital");
        case RiskScore:
            return tr("Risk score");
        case Status:
            return tr("Status");
        case Waiting:
            return tr("Waiting since");
    }
    return {};
}

void TriageQueueModel::upsertEntries(const QList<TriageEntry> &entries)
{
    // Fold the batch first so a patient who appears twice (waiting, then done) is one decision.
    QList<TriageEntry> folded;
    QHash<Key, qsizetype> foldedIndex;
    for (const TriageEntry &e : entries) {
        if (e.patientId.isEmpty()) {
            qCWarning(lcConsole) << "ignoring a triage entry without patient id";
            continue;
        }
        const Key key = keyOf(e);
        const auto found = foldedIndex.constFind(key);
        if (found == foldedIndex.cend()) {
            foldedIndex.insert(key, folded.size());
            folded.append(e);
        } else if (!isStale(e, folded.at(found.value()))) {
            folded[found.value()] = e;
        }
    }

    QList<int> toRemove;
    QList<TriageEntry> toUpdate;
    QList<TriageEntry> toInsert;
    for (const TriageEntry &e : std::as_const(folded)) {
        const int row = m_rowByKey.value(keyOf(e), -1);
        if (row < 0) {
            if (e.status != TriageStatus::Done)
                toInsert.append(e);
            continue;
        }
        const TriageEntry &held = m_entries.at(row);
        if (e == held || isStale(e, held))
            continue;
        if (e.status == TriageStatus::Done)
            toRemove.append(row);
        else
            toUpdate.append(e);
    }

    removeRowList(std::move(toRemove));

    int first = std::numeric_limits<int>::max();
    int last = -1;
    for (const TriageEntry &e : std::as_const(toUpdate)) {
        const int row = m_rowByKey.value(keyOf(e));
        m_entries[row] = e;
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));

    if (!toInsert.isEmpty()) {
        const int oldCount = static_cast<int>(m_entries.size());
        beginInsertRows({}, oldCount, oldCount + static_cast<int>(toInsert.size()) - 1);
        for (TriageEntry &e : toInsert) {
            m_rowByKey.insert(keyOf(e), static_cast<int>(m_entries.size()));
            m_entries.append(std::move(e));
        }
        endInsertRows();
    }
}

void TriageQueueModel::resetEntries(const QList<TriageEntry> &entries)
{
    beginResetModel();
    m_entries.clear();
    m_rowByKey.clear();
    for (const TriageEntry &e : entries) {
        if (e.patientId.isEmpty())
            continue;
        const int row = m_rowByKey.value(keyOf(e), -1);
        if (row >= 0) {
            if (!isStale(e, m_entries.at(row)))
                m_entries[row] = e;
            continue;
        }
        m_rowByKey.insert(keyOf(e), static_cast<int>(m_entries.size()));
        m_entries.append(e);
    }
    // Done entries were folded in above so a later `done` copy wins over an earlier `waiting` one;
    // only now do they leave.
    m_entries.removeIf([](const TriageEntry &e) { return e.status == TriageStatus::Done; });
    rebuildIndex();
    endResetModel();
}

void TriageQueueModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_rowByKey.clear();
    endResetModel();
}

const TriageEntry &TriageQueueModel::entry(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return emptyEntry();
    return m_entries.at(row);
}

int TriageQueueModel::rowFor(const QString &hospitalId, const QString &patientId) const
{
    return m_rowByKey.value(Key(hospitalId, patientId), -1);
}

void TriageQueueModel::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
    refreshWaitingTimes();
}

void TriageQueueModel::refreshWaitingTimes()
{
    if (m_entries.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, Waiting),
                       index(static_cast<int>(m_entries.size()) - 1, Waiting),
                       { Qt::DisplayRole });
}

QString TriageQueueModel::statusText(TriageStatus status)
{
    switch (status) {
        case TriageStatus::Waiting:
            return tr("Waiting");
        case TriageStatus::InTriage:
            return tr("In triage");
        case TriageStatus::Done:
            break;
    }
    return tr("Done");
}

int TriageQueueModel::statusRank(TriageStatus status)
{
    switch (status) {
        case TriageStatus::Waiting:
            return 0;
        case TriageStatus::InTriage:
            return 1;
        case TriageStatus::Done:
            break;
    }
    return 2;
}

QString TriageQueueModel::waitingText(const QDateTime &since, const QDateTime &now)
{
    if (!since.isValid())
        return {};
    const QDateTime localSince = since.toLocalTime();
    const QDateTime localNow = now.isValid() ? now.toLocalTime() : localSince;
    // A clock running behind the server's must not show a negative wait.
    const qint64 minutes = std::max<qint64>(0, localSince.secsTo(localNow) / 60);
    const QString when = localSince.date() == localNow.date()
                           ? localSince.toString(QStringLiteral("HH:mm"))
                           : localSince.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QString howLong;
    if (minutes < 60) {
        howLong = tr("%n min", nullptr, static_cast<int>(minutes));
    } else if (minutes < 24 * 60) {
        howLong = tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    } else {
        howLong = tr("%1 d %2 h").arg(minutes / (24 * 60)).arg((minutes / 60) % 24);
    }
    return tr("%1 (%2)", "waiting since: time (duration)").arg(when, howLong);
}

QString TriageQueueModel::patientText(const TriageEntry &entry)
{
    if (!entry.displayName.isEmpty())
        return entry.displayName;
    return tr("Patient %1").arg(entry.patientId);
}

QVariant TriageQueueModel::sortValue(const TriageEntry &entry, int column)
{
    switch (column) {
        case Acuity:
            return entry.acuity;
        case Patient:
            return patientText(entry);
        case Hospital:
            return entry.hospitalId;
        case RiskScore:
            return entry.riskScore;
        case Status:
            return statusRank(entry.status);
        case Waiting:
            return msecs(entry.waitingSince);
    }
    return {};
}

int TriageQueueModel::compareColumn(const TriageEntry &left, const TriageEntry &right, int column)
{
    switch (column) {
        case Acuity:
            return threeWay(left.acuity, right.acuity);
        case Patient:
            return patientText(left).compare(patientText(right), Qt::CaseInsensitive);
        case Hospital:
            return left.hospitalId.compare(right.hospitalId, Qt::CaseInsensitive);
        case RiskScore:
            return threeWay(left.riskScore, right.riskScore);
        case Status:
            return threeWay(statusRank(left.status), statusRank(right.status));
        case Waiting:
            return threeWay(msecs(left.waitingSince), msecs(right.waitingSince));
    }
    return 0;
}

TriageQueueModel::Key TriageQueueModel::keyOf(const TriageEntry &entry)
{
    return Key(entry.hospitalId, entry.patientId);
}

bool TriageQueueModel::isStale(const TriageEntry &incoming, const TriageEntry &held)
{
    return incoming.updatedAt.isValid() && held.updatedAt.isValid() &&
           incoming.updatedAt < held.updatedAt;
}

void TriageQueueModel::rebuildIndex()
{
    m_rowByKey.clear();
    m_rowByKey.reserve(m_entries.size());
    for (int row = 0; row < m_entries.size(); ++row)
        m_rowByKey.insert(keyOf(m_entries.at(row)), row);
}

void TriageQueueModel::removeRowList(QList<int> rows)
{
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    // One rowsRemoved per contiguous run, from the bottom up so earlier rows keep their numbers.
    qsizetype i = 0;
    while (i < rows.size()) {
        const int last = rows.at(i);
        int first = last;
        while (i + 1 < rows.size() && rows.at(i + 1) == first - 1) {
            ++i;
            first = rows.at(i);
        }
        ++i;
        beginRemoveRows({}, first, last);
        m_entries.remove(first, last - first + 1);
        endRemoveRows();
    }
    rebuildIndex();
}

} // namespace vigil::console
