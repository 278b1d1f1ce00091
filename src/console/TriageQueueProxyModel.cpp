// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/TriageQueueProxyModel.h"

#include <initializer_list>

#include "console/TriageQueueModel.h"

namespace vigil::console {

TriageQueueProxyModel::TriageQueueProxyModel(QObject *parent)
  : QSortFilterProxyModel(parent)
{
    setSortRole(TriageQueueModel::SortRole);
    sort(TriageQueueModel::Acuity, Qt::AscendingOrder);
}

TriageQueueProxyModel::~TriageQueueProxyModel() = default;

void TriageQueueProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_queue = qobject_cast<TriageQueueModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

bool TriageQueueProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_queue)
        return QSortFilterProxyModel::lessThan(left, right);
    const auto &a = m_queue->entry(left.row());
    const auto &b = m_queue->entry(right.row());
    const std::initializer_list<int> order{ left.column(),
                                            TriageQueueModel::Acuity,
                                            TriageQueueModel::Waiting,
                                            TriageQueueModel::Hospital };
    for (const int column : order) {
        if (const int c = TriageQueueModel::compareColumn(a, b, column))
            return c < 0;
    }
    return a.patientId < b.patientId;
}

} // namespace vigil::console
