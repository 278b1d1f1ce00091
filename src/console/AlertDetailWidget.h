// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QColor>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "protocol/Contract.h"

class QLabel;
class QTextBrowser;

namespace vigil::console {

/// A state change this station saw happen (the contract keeps only the acknowledge time).
struct AlertStateChange
{
    QDateTime seenAt;
    protocol::AlertState state = protocol::AlertState::Active;
    QString by;

    friend bool operator==(const AlertStateChange &, const AlertStateChange &) = default;
};

/// The detail pane for one alert: priority (colour, symbol and words), title, message, the
/// producer's data in clinical notation (`HR 134>120`, `Risk score 0.87`), source, and the alert's
/// history. Read-only and selectable, so a nurse can copy it into a note.
class AlertDetailWidget final : public QWidget
{
    Q_OBJECT

public:
    /// Bounds for what a producer's free-form `data` can make the pane show.
    static constexpr int maxDataLines = 50;
    static constexpr int maxLineLength = 200;

    explicit AlertDetailWidget(QWidget *parent = nullptr);
    ~AlertDetailWidget() override;

    /// `background`/`foreground` are the priority's colours as the alert table shows them.
    void setAlert(const protocol::Alert &alert,
                  bool arrivedOffline,
                  const QList<AlertStateChange> &changes,
                  const QColor &background = {},
                  const QColor &foreground = {});
    void clear();
    /// The alert shown; empty id when none.
    const protocol::Alert &alert() const { return m_alert; }

    /// The text as shown (for tests and for copying).
    QString plainText() const;
    QString headerText() const;

    /// One line per entry of `data`: known scores as "Risk score 0.87", limit violations as
    /// "HR 134>120", anything else as "Label: value". Bounded by maxDataLines/maxLineLength.
    static QStringList dataLines(const QCborMap &data);
    /// Raised, held back, arrived offline, acknowledged, resolved: oldest first.
    static QStringList historyLines(const protocol::Alert &alert,
                                    bool arrivedOffline,
                                    const QList<AlertStateChange> &changes);
    static QString html(const protocol::Alert &alert,
                        bool arrivedOffline,
                        const QList<AlertStateChange> &changes);

private:
    QLabel *m_header = nullptr;
    QTextBrowser *m_body = nullptr;
    protocol::Alert m_alert;
};

} // namespace vigil::console
