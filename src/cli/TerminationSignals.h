// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace vigil::cli {

/// Turns SIGINT and SIGTERM into a Qt signal delivered by the event loop (a signal handler may
/// do almost nothing itself: it writes one byte to a pipe the loop watches). On systems without
/// POSIX signals the default handling stays.
class TerminationSignals final : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace vigil::cli
