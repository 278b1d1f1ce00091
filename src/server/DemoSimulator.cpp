// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/DemoSimulator.h"

#include <algorithm>
#include <cmath>

#include <QCborMap>
#include <QPointer>

#include "common/Logging.h"
#include "server/AlertService.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

using protocol::AlertInput;
using protocol::Priority;

namespace {

struct PatientSeed
{
    const char16_t *id;
    const char16_t *hospital;
    const char16_t *bed;
    const char16_t *name;
};

// Invented names; ids double as room names (patient_1001).
constexpr PatientSeed patientSeeds[] = {
    { u"1001", u"123", u"ICU-1", u"A. Okafor" },  { u"1002", u"123", u"ICU-2", u"M. Lindqvist" },
    { u"1003", u"123", u"ICU-3", u"R. Haddad" },  { u"1004", u"123", u"W4-12", u"J. Novak" },
    { u"1005", u"123", u"W4-14", u"S. Moreau" },  { u"1006", u"123", u"ED-3", u"L. Petrov" },
    { u"2001", u"456", u"ICU-7", u"K. Tanaka" },  { u"2002", u"456", u"ICU-8", u"E. Silva" },
    { u"2003", u"456", u"W2-03", u"P. O'Brien" }, { u"2004", u"456", u"W2-05", u"N. Kowalski" },
    { u"2005", u"456", u"ED-1", u"D. Mensah" },   { u"2006", u"456", u"ED-2", u"H. Fischer" },
};

struct VitalSign
{
    QLatin1StringView parameter; ///< as monitors label it
    QLatin1StringView label;     ///< for the message
    QLatin1StringView unit;
    double limit;
    bool above;        ///< the alert fires above (true) or below (false) the limit
    double worst;      ///< the furthest simulated value
    double highBeyond; ///< values beyond this are high priority
    int decimals;
};

const VitalSign vitalSigns[] = {
    { "HR"_L1, "heart rate"_L1, "/min"_L1, 120, true, 165, 140, 0 },
    { "HR"_L1, "heart rate"_L1, "/min"_L1, 50, false, 34, 40, 0 },
    { "SpO2"_L1, "oxygen saturation"_L1, "%"_L1, 90, false, 78, 85, 0 },
    { "RR"_L1, "respiratory rate"_L1, "/min"_L1, 24, true, 38, 30, 0 },
    { "NBPs"_L1, "systolic blood pressure"_L1, "mmHg"_L1, 90, false, 68, 80, 0 },
    { "Temp"_L1, "temperature"_L1, "C"_L1, 38.5, true, 40.4, 39.8, 1 },
};

struct TechnicalAlarm
{
    QLatin1StringView title;
    QLatin1StringView advice;
    Priority priority;
};

const TechnicalAlarm technicalAlarms[] = {
    { "ECG leads off"_L1, "check the electrodes"_L1, Priority::Medium },
    { "SpO2 probe off"_L1, "reattach the sensor"_L1, Priority::Low },
    { "Telemetry battery low"_L1, "replace the battery within 30 min"_L1, Priority::Low },
    { "NBP cuff leak"_L1, "check the cuff and tubing"_L1, Priority::Low },
    { "Monitor offline"_L1, "no data from the bedside monitor for 60 s"_L1, Priority::High },
};

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

DemoSimulator::DemoSimulator(AlertService *service, quint32 seed, QObject *parent)
  : QObject(parent)
  , m_service(service)
  , m_random(seed)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const PatientSeed &seedRow : patientSeeds) {
        Patient patient;
        patient.id = QString::fromUtf16(seedRow.id);
        patient.hospitalId = QString::fromUtf16(seedRow.hospital);
        patient.bed = QString::fromUtf16(seedRow.bed);
        patient.name = QString::fromUtf16(seedRow.name);
        patient.sepsisScore = uniform(0.05, 0.45);
        patient.news2 = between(0, 4);
        patient.acuity = between(2, 5);
        patient.waitingSince = now.addSecs(-between(5, 90) * 60);
        patient.inTriageQueue = patient.bed.startsWith(u"ED") || patient.bed.startsWith(u"W");
        m_patients.append(patient);
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DemoSimulator::tick);
}

void DemoSimulator::setRate(double alertsPerMinute)
{
    if (!std::isfinite(alertsPerMinute) || alertsPerMinute <= 0.0)
        alertsPerMinute = defaultAlertsPerMinute;
    m_rate = std::min(alertsPerMinute, maxAlertsPerMinute);
}

QStringList DemoSimulator::hospitals()
{
    return { u"123"_s, u"456"_s };
}

QList<DemoUser> DemoSimulator::demoUsers()
{
    return {
        { User{ u"nurse"_s, u"Nurse Ada (hospital 123)"_s, Role::Nurse, { u"123"_s } },
          u"nurse-demo"_s },
        { User{ u"nurse456"_s, u"Nurse Ben (hospital 456)"_s, Role::Nurse, { u"456"_s } },
          u"nurse456-demo"_s },
        { User{ u"charge"_s, u"Charge nurse Cleo"_s, Role::ChargeNurse, { u"123"_s, u"456"_s } },
          u"charge-demo"_s },
        { User{ u"admin"_s, u"Administrator"_s, Role::Admin, {} }, u"admin-demo"_s },
        { User{ u"producer"_s, u"Demo risk engine"_s, Role::Producer, {} }, u"producer-demo"_s },
    };
}

StoreStatus DemoSimulator::installDemoUsers(UserStore &users)
{
    for (const DemoUser &demo : demoUsers()) {
        const StoreResult<User> existing = users.find(demo.user.username);
        if (existing) {
            const StoreResult<User> updated = users.update(demo.user);
            if (!updated)
                return updated.error();
            const StoreStatus password = users.setPassword(demo.user.username, demo.password);
            if (!password)
                return password.error();
            continue;
        }
        if (existing.error().code != StoreError::Code::NotFound)
            return existing.error();
        const StoreResult<User> added = users.add(demo.user, demo.password);
        if (!added)
            return added.error();
    }
    return std::monostate{};
}

double DemoSimulator::uniform(double low, double high)
{
    return low + m_random.generateDouble() * (high - low);
}

int DemoSimulator::between(int low, int high)
{
    return int(m_random.bounded(low, high + 1));
}

DemoSimulator::Patient &DemoSimulator::pickPatient()
{
    return m_patients[qsizetype(m_random.bounded(quint32(m_patients.size())))];
}

// ---------------------------------------------------------------------------------------------
// Alerts

AlertInput DemoSimulator::vitalsAlert(Patient &patient)
{
    const VitalSign &sign = vitalSigns[m_random.bounded(quint32(std::size(vitalSigns)))];
    const double scale = std::pow(10.0, sign.decimals);
    double value = uniform(0.15, 1.0) * (sign.worst - sign.limit) + sign.limit;
    value = std::round(value * scale) / scale;
    if (value == sign.limit)
        value += (sign.above ? 1.0 : -1.0) / scale;
    const bool high = sign.above ? value > sign.highBeyond : value < sign.highBeyond;

    AlertInput alert;
    alert.patientId = patient.id;
    alert.hospitalId = patient.hospitalId;
    alert.type = u"vitals"_s;
    alert.priority = high ? Priority::High : Priority::Medium;
    alert.title = u"%1 %2%3%4"_s.arg(QString(sign.parameter),
                                     number(value, sign.decimals),
                                     sign.above ? u">"_s : u"<"_s,
                                     number(sign.limit, sign.decimals));
    alert.message =
      u"Bed %1: %2 %3 %4, %5 the alarm limit of %6"_s.arg(patient.bed,
                                                          QString(sign.label),
                                                          number(value, sign.decimals),
                                                          QString(sign.unit),
                                                          sign.above ? u"above"_s : u"below"_s,
                                                          number(sign.limit, sign.decimals));
    alert.source = u"monitor_gateway"_s;
    alert.data.insert("parameter"_L1, QString(sign.parameter));
    alert.data.insert("value"_L1, value);
    alert.data.insert("limit"_L1, sign.limit);
    alert.data.insert("direction"_L1, sign.above ? u"above"_s : u"below"_s);
    alert.data.insert("unit"_L1, QString(sign.unit));
    alert.data.insert("bed"_L1, patient.bed);
    return alert;
}

AlertInput DemoSimulator::sepsisAlert(Patient &patient)
{
    const double previous = patient.sepsisScore;
    // Mostly rising (that is when a risk engine speaks up), sometimes falling back.
    double next = previous + uniform(-0.12, 0.35);
    next = std::clamp(std::round(next * 100.0) / 100.0, 0.02, 0.99);
    if (next == previous)
        next = std::min(0.99, previous + 0.05);
    patient.sepsisScore = next;
    const int hours = between(1, 6);

    AlertInput alert;
    alert.patientId = patient.id;
    alert.hospitalId = patient.hospitalId;
    alert.type = u"sepsis_risk"_s;
    alert.priority = next >= 0.8 ? Priority::High : next >= 0.6 ? Priority::Medium : Priority::Low;
    alert.title = u"Sepsis risk %1"_s.arg(number(next, 2));
    alert.message = u"Risk %1 from %2 to %3 in %4 h"_s.arg(next > previous ? u"rose"_s : u"fell"_s,
                                                           number(previous, 2),
                                                           number(next, 2),
                                                           QString::number(hours));
    alert.source = u"risk_engine"_s;
    alert.data.insert("score"_L1, next);
    alert.data.insert("previous_score"_L1, previous);
    alert.data.insert("window_h"_L1, hours);
    alert.data.insert("model"_L1, u"vigil-demo-sepsis-1"_s);
    return alert;
}

AlertInput DemoSimulator::warningScoreAlert(Patient &patient)
{
    const int previous = patient.news2;
    const int next = std::clamp(previous + between(-1, 4), 0, 15);
    patient.news2 = next == previous ? std::min(15, next + 1) : next;

    AlertInput alert;
    alert.patientId = patient.id;
    alert.hospitalId = patient.hospitalId;
    alert.type = u"deterioration"_s;
    alert.priority = patient.news2 >= 7   ? Priority::High
                     : patient.news2 >= 5 ? Priority::Medium
                                          : Priority::Low;
    alert.title = u"NEWS2 %1 (was %2)"_s.arg(patient.news2).arg(previous);
    alert.message = patient.news2 >= 7   ? u"Emergency response threshold reached"_s
                    : patient.news2 >= 5 ? u"Urgent review by a clinician"_s
                                         : u"Increase observation frequency"_s;
    alert.source = u"early_warning"_s;
    alert.data.insert("score"_L1, patient.news2);
    alert.data.insert("previous_score"_L1, previous);
    alert.data.insert("scale"_L1, u"NEWS2"_s);
    return alert;
}

AlertInput DemoSimulator::technicalAlert(Patient &patient)
{
    const TechnicalAlarm &alarm =
      technicalAlarms[m_random.bounded(quint32(std::size(technicalAlarms)))];
    AlertInput alert;
    alert.patientId = patient.id;
    alert.hospitalId = patient.hospitalId;
    alert.type = u"technical"_s;
    alert.priority = alarm.priority;
    alert.title = QString(alarm.title);
    alert.message = u"Bed %1: %2"_s.arg(patient.bed, QString(alarm.advice));
    alert.source = u"monitor_gateway"_s;
    alert.data.insert("bed"_L1, patient.bed);
    alert.data.insert("condition"_L1, QString(alarm.title));
    return alert;
}

AlertInput DemoSimulator::labAlert(Patient &patient)
{
    const double lactate = std::round(uniform(1.0, 4.5) * 10.0) / 10.0;
    AlertInput alert;
    alert.patientId = patient.id;
    alert.hospitalId = patient.hospitalId;
    alert.type = u"lab"_s;
    alert.priority = lactate >= 4.0   ? Priority::High
                     : lactate >= 2.0 ? Priority::Medium
                                      : Priority::Info;
    alert.title = u"Lactate %1 mmol/L"_s.arg(number(lactate, 1));
    alert.message = lactate >= 2.0 ? u"Above the reference range (0.5-2.0 mmol/L)"_s
                                   : u"Within the reference range"_s;
    alert.source = u"lab_system"_s;
    alert.data.insert("analyte"_L1, u"lactate"_s);
    alert.data.insert("value"_L1, lactate);
    alert.data.insert("unit"_L1, u"mmol/L"_s);
    return alert;
}

AlertInput DemoSimulator::nextAlert()
{
    Patient &patient = pickPatient();
    const int roll = between(0, 99);
    if (roll < 40)
        return vitalsAlert(patient);
    if (roll < 62)
        return sepsisAlert(patient);
    if (roll < 77)
        return warningScoreAlert(patient);
    if (roll < 92)
        return technicalAlert(patient);
    return labAlert(patient);
}

protocol::TriageEntry DemoSimulator::nextTriage()
{
    // Round-robin over the patients in the queue, each one step along waiting → in_triage →
    // done → (readmitted) waiting.
    QList<qsizetype> queued;
    for (qsizetype i = 0; i < m_patients.size(); ++i) {
        if (m_patients.at(i).inTriageQueue)
            queued.append(i);
    }
    Patient &patient = m_patients[queued.at(m_nextTriage++ % queued.size())];
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (patient.status) {
        case protocol::TriageStatus::Waiting:
            if (between(0, 2) == 0)
                patient.status = protocol::TriageStatus::InTriage;
            else
                patient.acuity = std::clamp(patient.acuity + between(-1, 1), 1, 5);
            break;
        case protocol::TriageStatus::InTriage:
            patient.status = protocol::TriageStatus::Done;
            break;
        case protocol::TriageStatus::Done:
            patient.status = protocol::TriageStatus::Waiting;
            patient.acuity = between(1, 5);
            patient.waitingSince = now;
            break;
    }
    protocol::TriageEntry entry;
    entry.patientId = patient.id;
    entry.hospitalId = patient.hospitalId;
    entry.displayName = u"%1 (%2)"_s.arg(patient.name, patient.bed);
    entry.acuity = patient.acuity;
    entry.riskScore = patient.sepsisScore;
    entry.status = patient.status;
    entry.waitingSince = patient.waitingSince;
    entry.updatedAt = now;
    return entry;
}

// ---------------------------------------------------------------------------------------------
// Running

void DemoSimulator::start()
{
    if (m_running || !m_service)
        return;
    m_running = true;
    // The queue and a few alerts at once, so a console that connects finds something.
    for (const Patient &patient : std::as_const(m_patients)) {
        if (!patient.inTriageQueue)
            continue;
        protocol::TriageEntry entry;
        entry.patientId = patient.id;
        entry.hospitalId = patient.hospitalId;
        entry.displayName = u"%1 (%2)"_s.arg(patient.name, patient.bed);
        entry.acuity = patient.acuity;
        entry.riskScore = patient.sepsisScore;
        entry.status = patient.status;
        entry.waitingSince = patient.waitingSince;
        entry.updatedAt = QDateTime::currentDateTimeUtc();
        const auto stored = m_service->updateTriage(entry);
        if (!stored)
            qCWarning(lcServerAlerts).noquote()
              << "demo triage entry not stored:" << stored.error().message;
    }
    QList<AlertInput> first;
    for (int i = 0; i < 6; ++i)
        first.append(nextAlert());
    QPointer<DemoSimulator> self(this);
    m_service->publish(first, [self](const StoreResult<QList<protocol::Alert>> &result) {
        if (result && self)
            Q_EMIT self->published(int(result->size()));
    });
    scheduleNext();
}

void DemoSimulator::stop()
{
    m_running = false;
    m_timer.stop();
}

void DemoSimulator::scheduleNext()
{
    const double meanMs = 60'000.0 / m_rate;
    // ±50 % so bursts and lulls look like a ward, not a metronome.
    m_timer.start(std::max(1, int(std::lround(meanMs * uniform(0.5, 1.5)))));
}

void DemoSimulator::tick()
{
    if (!m_running || !m_service)
        return;
    ++m_ticks;
    QPointer<DemoSimulator> self(this);
    m_service->publish({ nextAlert() }, [self](const StoreResult<QList<protocol::Alert>> &result) {
        if (!result) {
            qCWarning(lcServerAlerts).noquote()
              << "demo alert not stored:" << result.error().message;
            return;
        }
        if (self)
            Q_EMIT self->published(int(result->size()));
    });
    if (m_ticks % 3 == 0) {
        const auto stored = m_service->updateTriage(nextTriage());
        if (!stored)
            qCWarning(lcServerAlerts).noquote()
              << "demo triage entry not stored:" << stored.error().message;
    }
    scheduleNext();
}

} // namespace vigil::server
