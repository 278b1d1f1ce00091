// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "protocol/Contract.h"
#include "server/StoreError.h"
#include "server/User.h"

namespace vigil::server {

class AlertService;
class UserStore;

/// A demo login: printed at start-up, documented in docs/SERVER.md.
struct DemoUser
{
    User user;
    QString password;
};

/// `vigil-server --demo`: simulated patients in two hospitals whose monitors and risk models
/// raise realistic alerts (sepsis risk scores, vital signs beyond their limits such as
/// `HR 134>120` or `SpO2 86<90`, early-warning scores, technical alerts such as `ECG leads off`,
/// lab results) and whose triage entries change, at a configurable rate. Alerts go through
/// AlertService::publish() like any producer's, rate limiter included.
class DemoSimulator final : public QObject
{
    Q_OBJECT

public:
    static constexpr double defaultAlertsPerMinute = 20.0;
    static constexpr double maxAlertsPerMinute = 6'000.0;

    /// `service` may be null to use the generator alone (nextAlert(), nextTriage()).
    explicit DemoSimulator(AlertService *service, quint32 seed, QObject *parent = nullptr);

    /// Alerts per minute, clamped to (0, maxAlertsPerMinute].
    void setRate(double alertsPerMinute);
    double rate() const { return m_rate; }

    /// Publishes the initial triage queue and a few alerts, then keeps going until stop().
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    /// The next simulated alert (valid AlertInput).
    protocol::AlertInput nextAlert();
    /// The next triage change (valid TriageEntry, times set).
    protocol::TriageEntry nextTriage();

    static QStringList hospitals();
    /// nurse (123), nurse456 (456), charge (both), admin, producer.
    static QList<DemoUser> demoUsers();
    /// Adds the demo users, or resets their role, hospitals and password when they exist.
    static StoreStatus installDemoUsers(UserStore &users);

Q_SIGNALS:
    void published(int alerts);

private:
    struct Patient
    {
        QString id;
        QString hospitalId;
        QString bed;
        QString name;
        double sepsisScore = 0.2;
        int news2 = 2;
        int acuity = 3;
        protocol::TriageStatus status = protocol::TriageStatus::Waiting;
        QDateTime waitingSince;
        bool inTriageQueue = false;
    };

    void tick();
    void scheduleNext();
    Patient &pickPatient();
    double uniform(double low, double high);
    int between(int low, int high);
    protocol::AlertInput vitalsAlert(Patient &patient);
    protocol::AlertInput sepsisAlert(Patient &patient);
    protocol::AlertInput warningScoreAlert(Patient &patient);
    protocol::AlertInput technicalAlert(Patient &patient);
    protocol::AlertInput labAlert(Patient &patient);

    AlertService *m_service;
    QRandomGenerator m_random;
    QList<Patient> m_patients;
    double m_rate = defaultAlertsPerMinute;
    bool m_running = false;
    int m_ticks = 0;
    qsizetype m_nextTriage = 0;
    QTimer m_timer;
};

} // namespace vigil::server
