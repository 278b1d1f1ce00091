// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QSystemTrayIcon>
#include <QTimer>

namespace vigil::console {

/// The station's ways of getting attention beyond the window: the audible cue (QApplication::beep)
/// and tray notifications (QSystemTrayIcon, where the desktop has a tray). Every notification and
/// beep is also announced through a signal, so behaviour can be checked on platforms without a
/// tray or a speaker, and so a screen reader bridge could follow.
class Notifier final : public QObject
{
    Q_OBJECT

public:
    /// How often the communication-loss cue repeats while the alarm lasts: an alarm that sounds
    /// once is easily missed by a nurse who was in a patient's room.
    static constexpr std::chrono::milliseconds alarmRepeatInterval{ 10'000 };

    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    /// Shows a tray icon when the platform has a system tray.
    void setTrayIcon(const QIcon &icon, const QString &toolTip);
    bool hasTray() const { return m_tray != nullptr; }

    void setSoundEnabled(bool enabled);
    bool soundEnabled() const { return m_soundEnabled; }

    /// Starts the technical alarm: a critical tray message and a cue now and every
    /// alarmRepeatInterval (when sound is on) until stopAlarm().
    void startAlarm(const QString &title, const QString &message);
    void stopAlarm();
    bool isAlarmSounding() const { return m_alarmTimer.isActive(); }

    /// A tray message, e.g. a new high-priority alert while the window is not active.
    void notify(const QString &title, const QString &message, bool critical = false);

Q_SIGNALS:
    void notified(const QString &title, const QString &message, bool critical);
    void beeped();
    /// The tray icon was clicked: the window should come to the front.
    void activationRequested();

private:
    void beep();

    QPointer<QSystemTrayIcon> m_tray;
    bool m_soundEnabled = true;
    QTimer m_alarmTimer;
};

} // namespace vigil::console
