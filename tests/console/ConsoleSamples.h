// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QDateTime>
#include <QString>

#include "protocol/Contract.h"

/// Alerts as the demo hospital sends them, for the console's widget tests.
namespace vigil::console::samples {

inline protocol::Alert alert(const QString &id,
                             qint64 seq,
                             protocol::Priority priority = protocol::Priority::High,
                             protocol::AlertState state = protocol::AlertState::Active)
{
    protocol::Alert a;
    a.id = id;
    a.seq = seq;
    a.patientId = QStringLiteral("42");
    a.hospitalId = QStringLiteral("123");
    a.type = QStringLiteral("sepsis_risk");
    a.priority = priority;
    a.title = QStringLiteral("Sepsis risk 0.87");
    a.message = QStringLiteral("Risk rose from 0.41 to 0.87 in 2 h");
    a.data = QCborMap{ { QStringLiteral("score"), 0.87 } };
    a.source = QStringLiteral("risk_engine");
    a.createdAt = QDateTime::currentDateTimeUtc().addSecs(-600 + seq);
    a.state = state;
    if (state != protocol::AlertState::Active) {
        a.acknowledgedBy = QStringLiteral("nurse.joy");
        a.acknowledgedAt = a.createdAt.addSecs(60);
    }
    return a;
}

inline protocol::Alert vitalsAlert(const QString &id, qint64 seq)
{
    protocol::Alert a = alert(id, seq, protocol::Priority::Medium);
    a.patientId = QStringLiteral("7");
    a.type = QStringLiteral("vitals");
    a.title = QStringLiteral("Heart rate high");
    a.message = QStringLiteral("Heart rate above the limit for 5 min");
    a.data = QCborMap{ { QStringLiteral("hr"),
                         QCborMap{ { QStringLiteral("value"), 134 },
                                   { QStringLiteral("limit"), 120 } } } };
    a.source = QStringLiteral("monitor_bed_7");
    return a;
}

} // namespace vigil::console::samples
