// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

namespace vigil::console {

class TriageQueueModel;

/// Orders a TriageQueueModel: by default by acuity (1 first), then longest waiting first. Sorting
/// by another column keeps that order among equal values.
class TriageQueueProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TriageQueueProxyModel(QObject *parent = nullptr);
    ~TriageQueueProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QPointer<TriageQueueModel> m_queue;
};

} // namespace vigil::console
