// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace vigil::server {

/// Turns SIGINT and SIGTERM into a Qt signal on the event loop (a self-pipe: the handler only
/// writes a byte, everything else runs as ordinary Qt code). One instance at a time.
class ShutdownSignals final : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

    /// False when the handlers could not be installed (the reason is logged).
    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace vigil::server
