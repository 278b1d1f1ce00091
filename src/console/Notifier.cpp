// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/Notifier.h"

#include <QApplication>
#include <QSystemTrayIcon>

#include "common/Logging.h"

namespace vigil::console {

Notifier::Notifier(QObject *parent)
  : QObject(parent)
{
    m_alarmTimer.setInterval(alarmRepeatInterval);
    connect(&m_alarmTimer, &QTimer::timeout, this, &Notifier::beep);
}

Notifier::~Notifier() = default;

void Notifier::setTrayIcon(const QIcon &icon, const QString &toolTip)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcConsole) << "no system tray: notifications only inside the window";
        return;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        connect(m_tray,
                &QSystemTrayIcon::activated,
                this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger ||
                        reason == QSystemTrayIcon::DoubleClick)
                        Q_EMIT activationRequested();
                });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &Notifier::activationRequested);
    }
    m_tray->setIcon(icon);
    m_tray->setToolTip(toolTip);
    m_tray->show();
}

void Notifier::setSoundEnabled(bool enabled)
{
    m_soundEnabled = enabled;
}

void Notifier::startAlarm(const QString &title, const QString &message)
{
    notify(title, message, true);
    beep();
    m_alarmTimer.start();
}

void Notifier::stopAlarm()
{
    m_alarmTimer.stop();
}

void Notifier::notify(const QString &title, const QString &message, bool critical)
{
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title,
                            message,
                            critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            critical ? 30'000 : 10'000);
    }
    Q_EMIT notified(title, message, critical);
}

void Notifier::beep()
{
    if (!m_soundEnabled)
        return;
    QApplication::beep();
    Q_EMIT beeped();
}

} // namespace vigil::console
