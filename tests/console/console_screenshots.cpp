// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Screenshots of the console's main window for the README (scripts/take-screenshots runs this
// under Xvfb): live, communication lost, and German. The window, models and texts are the real
// ones; the ward is a fixed sample so the pictures are the same on every run.
#include <cstdio>

#include <QApplication>
#include <QCborMap>
#include <QDir>
#include <QEventLoop>
#include <QHeaderView>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include "console/AlertTableModel.h"
#include "console/ConnectionStatus.h"
#include "console/MainWindow.h"
#include "console/RoomListModel.h"
#include "console/Settings.h"
#include "console/Translations.h"
#include "console/TriageQueueModel.h"

using namespace Qt::StringLiterals;
using namespace vigil;
using namespace vigil::console;
using protocol::Alert;
using protocol::AlertState;
using protocol::Priority;

namespace {

QDateTime minutesAgo(double minutes)
{
    return QDateTime::currentDateTimeUtc().addMSecs(static_cast<qint64>(-minutes * 60'000));
}

QCborMap limit(double value, double limit, const QString &unit = {})
{
    QCborMap m;
    m.insert(u"value"_s, value);
    m.insert(u"limit"_s, limit);
    if (!unit.isEmpty())
        m.insert(u"unit"_s, unit);
    return m;
}

Alert alert(int seq,
            const QString &patient,
            Priority priority,
            const QString &type,
            const QString &title,
            const QString &message,
            double minutes,
            const QCborMap &data = {},
            const QString &source = u"risk_engine"_s)
{
    Alert a;
    a.id = u"a%1"_s.arg(seq);
    a.seq = seq;
    a.patientId = patient;
    a.hospitalId = u"123"_s;
    a.priority = priority;
    a.type = type;
    a.title = title;
    a.message = message;
    a.data = data;
    a.source = source;
    a.createdAt = minutesAgo(minutes);
    return a;
}

Alert acknowledged(Alert a, const QString &by, double minutesAfter)
{
    a.state = AlertState::Acknowledged;
    a.acknowledgedBy = by;
    a.acknowledgedAt = a.createdAt.addSecs(static_cast<qint64>(minutesAfter * 60));
    return a;
}

QList<Alert> liveAlerts()
{
    QList<Alert> alerts;
    QCborMap sepsis;
    sepsis.insert(u"score"_s, 0.87);
    sepsis.insert(u"model"_s, u"sepsis-v3"_s);
    sepsis.insert(u"lactate"_s, limit(3.1, 2.0, u"mmol/L"_s));
    alerts.append(alert(1041,
                        u"42"_s,
                        Priority::High,
                        u"sepsis_risk"_s,
                        u"Sepsis risk 0.87"_s,
                        u"Risk rose from 0.41 to 0.87 in 2 h"_s,
                        3.2,
                        sepsis));
    QCborMap spo2;
    spo2.insert(u"spo2"_s, limit(84, 90, u"%"_s));
    alerts.append(alert(1044,
                        u"17"_s,
                        Priority::High,
                        u"vitals"_s,
                        u"SpO2 84 % below 90 %"_s,
                        u"Oxygen saturation below the limit for 2 min"_s,
                        1.4,
                        spo2,
                        u"monitor_bed_17"_s));
    QCborMap news;
    news.insert(u"news2"_s, 8);
    alerts.append(alert(1039,
                        u"23"_s,
                        Priority::High,
                        u"deterioration"_s,
                        u"NEWS2 score 8"_s,
                        u"Emergency response threshold reached"_s,
                        6.5,
                        news,
                        u"ews"_s));
    QCborMap hr;
    hr.insert(u"hr"_s, limit(134, 120, u"bpm"_s));
    alerts.append(alert(1043,
                        u"7"_s,
                        Priority::Medium,
                        u"vitals"_s,
                        u"Heart rate 134 above 120"_s,
                        u"Heart rate above the limit for 5 min"_s,
                        2.1,
                        hr,
                        u"monitor_bed_7"_s));
    QCborMap rr;
    rr.insert(u"resp_rate"_s, limit(26, 24, u"/min"_s));
    alerts.append(alert(1037,
                        u"31"_s,
                        Priority::Medium,
                        u"vitals"_s,
                        u"Respiratory rate 26 above 24"_s,
                        u"Respiratory rate rising for 20 min"_s,
                        9.0,
                        rr,
                        u"monitor_bed_31"_s));
    alerts.append(alert(1036,
                        u"12"_s,
                        Priority::Low,
                        u"technical"_s,
                        u"ECG leads off"_s,
                        u"No ECG signal from bed 12"_s,
                        11.0,
                        {},
                        u"monitor_bed_12"_s));
    alerts.append(alert(1035,
                        u"19"_s,
                        Priority::Low,
                        u"technical"_s,
                        u"Infusion pump battery low"_s,
                        u"Pump 3 battery at 12 %"_s,
                        14.0,
                        {},
                        u"pump_3"_s));
    alerts.append(alert(1034,
                        u"42"_s,
                        Priority::Info,
                        u"lab"_s,
                        u"Lab result available"_s,
                        u"Blood culture result posted"_s,
                        18.0,
                        {},
                        u"lis"_s));
    alerts.append(acknowledged(alert(1030,
                                     u"8"_s,
                                     Priority::High,
                                     u"sepsis_risk"_s,
                                     u"Sepsis risk 0.79"_s,
                                     u"Risk rose from 0.52 to 0.79"_s,
                                     25.0,
                                     {},
                                     u"risk_engine"_s),
                               u"nurse.kim"_s,
                               1.5));
    alerts.append(acknowledged(alert(1028,
                                     u"7"_s,
                                     Priority::Medium,
                                     u"vitals"_s,
                                     u"Blood pressure 88/52"_s,
                                     u"Systolic below 90"_s,
                                     31.0,
                                     {},
                                     u"monitor_bed_7"_s),
                               u"nurse.joy"_s,
                               3.0));
    Alert resolved = alert(1020,
                           u"23"_s,
                           Priority::Low,
                           u"technical"_s,
                           u"SpO2 probe off"_s,
                           u"No SpO2 signal"_s,
                           44.0,
                           {},
                           u"monitor_bed_23"_s);
    resolved = acknowledged(resolved, u"nurse.joy"_s, 2.0);
    resolved.state = AlertState::Resolved;
    alerts.append(resolved);
    return alerts;
}

QList<Alert> missedAlerts()
{
    QCborMap temp;
    temp.insert(u"temp"_s, limit(39.4, 38.5, u"°C"_s));
    return { alert(1042,
                   u"55"_s,
                   Priority::Medium,
                   u"vitals"_s,
                   u"Temperature 39.4 °C"_s,
                   u"Fever above the limit"_s,
                   2.6,
                   temp,
                   u"monitor_bed_55"_s),
             alert(1040,
                   u"61"_s,
                   Priority::Low,
                   u"technical"_s,
                   u"Bed exit sensor"_s,
                   u"Bed 61 exit sensor triggered"_s,
                   4.0,
                   {},
                   u"bed_61"_s) };
}

QList<protocol::TriageEntry> triage()
{
    const auto entry = [](const QString &id,
                          const QString &name,
                          int acuity,
                          double risk,
                          protocol::TriageStatus status,
                          double waited) {
        protocol::TriageEntry e;
        e.patientId = id;
        e.hospitalId = u"123"_s;
        e.displayName = name;
        e.acuity = acuity;
        e.riskScore = risk;
        e.status = status;
        e.waitingSince = minutesAgo(waited);
        e.updatedAt = minutesAgo(0.5);
        return e;
    };
    return { entry(u"88"_s, u"M. Keller"_s, 2, 0.64, protocol::TriageStatus::Waiting, 12),
             entry(u"91"_s, u"A. Dubois"_s, 1, 0.91, protocol::TriageStatus::InTriage, 4),
             entry(u"93"_s, u"J. Smith"_s, 3, 0.32, protocol::TriageStatus::Waiting, 38),
             entry(u"94"_s, u"L. Martin"_s, 3, 0.28, protocol::TriageStatus::Waiting, 21),
             entry(u"97"_s, u"S. Novak"_s, 4, 0.12, protocol::TriageStatus::Waiting, 55) };
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

std::unique_ptr<MainWindow> buildWindow(Settings *settings)
{
    auto window = std::make_unique<MainWindow>(settings);
    window->resize(1600, 900);
    MainWindow::Session session;
    session.username = u"nurse.joy"_s;
    session.displayName = u"Nurse Joy"_s;
    session.role = u"nurse"_s;
    session.server = QUrl(u"https://vigil.hospital.example"_s);
    window->setSession(session);
    const QDateTime lastData = QDateTime::currentDateTime().addSecs(-1);
    window->connectionStatus()->setLastDataProvider([lastData] { return lastData; });
    window->connectionStatus()->setAlarmDelay(std::chrono::milliseconds(100));
    RoomListModel *rooms = window->roomModel();
    for (const QString &room :
         { u"hospital_123"_s, u"triage_queue"_s, u"patient_42"_s, u"hospital_999"_s })
        rooms->addRoom(room);
    for (const QString &room : { u"hospital_123"_s, u"triage_queue"_s, u"patient_42"_s })
        rooms->setJoinState(room, RoomListModel::JoinState::Joined);
    rooms->setJoinState(u"hospital_999"_s, RoomListModel::JoinState::Refused, u"Unauthorized"_s);
    window->connectionStatus()->setLinkState(client::LinkState::Joining);
    window->connectionStatus()->setLinkState(client::LinkState::Live);
    window->addAlerts(liveAlerts(), client::AlertOrigin::RoomAdded);
    window->addAlerts(missedAlerts(), client::AlertOrigin::Backfill);
    window->triageModel()->resetEntries(triage());
    window->show();
    window->selectAlert(u"a1041"_s);
    window->findChild<QTableView *>(u"alertTable"_s)->setFocus();
    wait(400);
    return window;
}

bool save(QWidget *window, const QString &path)
{
    const bool ok = window->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"vigil-console"_s);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();
    QDir().mkpath(out);
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"vigil.ini"_s));
    const QString qm = QStringLiteral(VIGIL_CONSOLE_QM_DIR);
    bool ok = true;

    Translations::install(Settings::Language::English, qm);
    {
        auto window = buildWindow(&settings);
        ok = save(window.get(), out + u"/console-live.png"_s) && ok;

        window->alertModel()->markAllReviewed();
        window->connectionStatus()->setLinkState(client::LinkState::Offline);
        window->roomModel()->resetJoinStates();
        window->connectionStatus()->setReconnectScheduled(3, 4'000);
        wait(600);
        ok = save(window.get(), out + u"/console-offline.png"_s) && ok;
    }

    if (Translations::install(Settings::Language::German, qm) != u"de") {
        std::fprintf(stderr, "German translation missing in %s\n", qPrintable(qm));
        return 1;
    }
    {
        auto window = buildWindow(&settings);
        ok = save(window.get(), out + u"/console-de.png"_s) && ok;
    }
    return ok ? 0 : 1;
}
