// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/Output.h"

#include <cstdio>

#include <QDateTime>

#include "protocol/Json.h"

namespace vigil::cli::output {

using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

void writeLine(std::FILE *stream, const QByteArray &utf8)
{
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

QString prioritySymbol(Priority priority)
{
    switch (priority) {
        case Priority::High:
            return u"***"_s;
        case Priority::Medium:
            return u"** "_s;
        case Priority::Low:
            return u"*  "_s;
        case Priority::Info:
            return u"   "_s;
    }
    return u"   "_s;
}

} // namespace

void stdoutLine(const QByteArray &utf8)
{
    writeLine(stdout, utf8);
}

void stderrLine(const QString &text)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    writeLine(stderr, QString(stamp + u' ' + text).toUtf8());
}

void errorLine(const QString &text)
{
    writeLine(stderr, QString(u"vigil-cli: "_s + text).toUtf8());
}

QByteArray alertEventJson(const Alert &alert, bool backfilled)
{
    QCborMap line;
    line.insert("event"_L1, u"patient_alert"_s);
    line.insert("alert"_L1, alert.toJson());
    line.insert("backfilled"_L1, backfilled);
    return json::write(line);
}

QByteArray alertUpdatedJson(const Alert &alert)
{
    QCborMap line;
    line.insert("event"_L1, u"alert_updated"_s);
    line.insert("alert"_L1, alert.toJson());
    return json::write(line);
}

QByteArray triageEventJson(const TriageEntry &entry)
{
    QCborMap line;
    line.insert("event"_L1, u"triage_update"_s);
    line.insert("entry"_L1, entry.toJson());
    return json::write(line);
}

QString alertText(const Alert &alert)
{
    QString text = formatTimestamp(alert.createdAt) + u"  "_s + prioritySymbol(alert.priority) +
                   u' ' + priorityToString(alert.priority).leftJustified(6) + u" hospital "_s +
                   alert.hospitalId + u"  patient "_s + alert.patientId + u"  "_s + alert.title +
                   u"  ["_s + alertStateToString(alert.state);
    if (!alert.acknowledgedBy.isEmpty())
        text += u" by "_s + alert.acknowledgedBy;
    text += u"]  id="_s + alert.id + u" seq="_s + QString::number(alert.seq);
    return text;
}

QString triageText(const TriageEntry &entry)
{
    return u"triage  hospital "_s + entry.hospitalId + u"  patient "_s + entry.patientId +
           (entry.displayName.isEmpty() ? QString() : u" ("_s + entry.displayName + u')') +
           u"  acuity "_s + QString::number(entry.acuity) + u"  risk "_s +
           QString::number(entry.riskScore, 'f', 2) + u"  "_s + triageStatusToString(entry.status);
}

QString linkStateText(client::LinkState state)
{
    switch (state) {
        case client::LinkState::Offline:
            return u"offline"_s;
        case client::LinkState::Joining:
            return u"connected, joining rooms"_s;
        case client::LinkState::Backfilling:
            return u"connected, fetching missed alerts"_s;
        case client::LinkState::Live:
            return u"live"_s;
        case client::LinkState::Stale:
            return u"STALE: connected but nothing received for too long"_s;
    }
    return {};
}

QString roomStateText(client::RoomState state)
{
    switch (state) {
        case client::RoomState::Pending:
            return u"pending"_s;
        case client::RoomState::Joined:
            return u"joined"_s;
        case client::RoomState::Refused:
            return u"refused"_s;
    }
    return {};
}

} // namespace vigil::cli::output
