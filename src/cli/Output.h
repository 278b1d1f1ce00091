// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QString>

#include "client/AlertFeed.h"
#include "protocol/Contract.h"

namespace vigil::cli {

/// What vigil-cli writes. Results go to stdout, one line at a time and flushed per line, so a
/// reader (a test, `jq`, a pipe into a file) sees every line as soon as it is complete and nothing
/// is lost when the process is killed. Diagnostics go to stderr.
namespace output {

void stdoutLine(const QByteArray &utf8);
/// Prefixed with the UTC time, for people following a long `watch`.
void stderrLine(const QString &text);
/// `vigil-cli: <text>` for one-shot commands and command-line errors.
void errorLine(const QString &text);

/// `{"event":"patient_alert","alert":{...},"backfilled":true|false}`
QByteArray alertEventJson(const protocol::Alert &alert, bool backfilled);
/// `{"event":"alert_updated","alert":{...}}`
QByteArray alertUpdatedJson(const protocol::Alert &alert);
/// `{"event":"triage_update","entry":{...}}`
QByteArray triageEventJson(const protocol::TriageEntry &entry);

/// One line for people: time, priority (symbol and word), hospital, patient, title, state, ids.
QString alertText(const protocol::Alert &alert);
QString triageText(const protocol::TriageEntry &entry);

QString linkStateText(client::LinkState state);
QString roomStateText(client::RoomState state);

} // namespace output
} // namespace vigil::cli
