// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/SqlAlertStore.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "common/Logging.h"
#include "protocol/Json.h"
#include "server/Database.h"

using namespace Qt::StringLiterals;
using vigil::protocol::Alert;
using vigil::protocol::AlertInput;
using vigil::protocol::AlertState;
using vigil::protocol::TriageEntry;

namespace vigil::server {

namespace {

const QString alertColumns = u"seq, id, patient_id, hospital_id, type, priority, title, message, "
                             u"data, source, created_at, state, acknowledged_by, acknowledged_at, "
                             u"suppressed"_s;
const QString triageColumns = u"patient_id, hospital_id, display_name, acuity, risk_score, status, "
                              u"waiting_since, updated_at"_s;

StoreError invalid(const QString &message)
{
    return StoreError{ StoreError::Code::Invalid, message };
}

// Patient and hospital ids end up in room names (`patient_<id>`), so they follow the room rule.
bool isValidId(const QString &id)
{
    if (id.isEmpty() || id.size() > protocol::maxIdLength)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')))
            return false;
    }
    return true;
}

std::optional<StoreError> validateInput(const AlertInput &input)
{
    if (!isValidId(input.patientId))
        return invalid(
          u"patient_id must be 1 to %1 letters or digits"_s.arg(protocol::maxIdLength));
    if (!isValidId(input.hospitalId))
        return invalid(
          u"hospital_id must be 1 to %1 letters or digits"_s.arg(protocol::maxIdLength));
    if (input.title.isEmpty() || input.title.size() > protocol::maxTitleLength)
        return invalid(u"title must be 1 to %1 characters"_s.arg(protocol::maxTitleLength));
    if (input.message.size() > protocol::maxMessageLength)
        return invalid(u"message is longer than %1 characters"_s.arg(protocol::maxMessageLength));
    if (input.type.size() > protocol::maxShortTextLength)
        return invalid(u"type is longer than %1 characters"_s.arg(protocol::maxShortTextLength));
    if (input.source.size() > protocol::maxShortTextLength)
        return invalid(u"source is longer than %1 characters"_s.arg(protocol::maxShortTextLength));
    return std::nullopt;
}

// 12 random bytes: 16 URL-safe characters, 96 bits, so a collision is not a practical concern (the
// UNIQUE constraint still catches one and insertOne() draws again).
QString newAlertId()
{
    QByteArray bytes(12, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / qsizetype(sizeof(quint32)));
    return QString::fromLatin1(
      bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Alert alertFromRow(const QSqlQuery &q)
{
    Alert alert;
    alert.seq = q.value(0).toLongLong();
    alert.id = q.value(1).toString();
    alert.patientId = q.value(2).toString();
    alert.hospitalId = q.value(3).toString();
    alert.type = q.value(4).toString();
    const QString priority = q.value(5).toString();
    if (const auto p = protocol::priorityFromString(priority))
        alert.priority = *p;
    else
        qCWarning(lcServerStore) << "alert" << alert.id << "has unknown priority" << priority;
    alert.title = q.value(6).toString();
    alert.message = q.value(7).toString();
    const auto data = protocol::json::parse(q.value(8).toByteArray());
    if (data && data->isMap())
        alert.data = data->toMap();
    else
        qCWarning(lcServerStore) << "alert" << alert.id << "has unreadable data";
    alert.source = q.value(9).toString();
    alert.createdAt = fromMs(q.value(10).toLongLong());
    const QString state = q.value(11).toString();
    if (const auto s = protocol::alertStateFromString(state))
        alert.state = *s;
    else
        qCWarning(lcServerStore) << "alert" << alert.id << "has unknown state" << state;
    if (!q.value(12).isNull())
        alert.acknowledgedBy = q.value(12).toString();
    if (!q.value(13).isNull())
        alert.acknowledgedAt = fromMs(q.value(13).toLongLong());
    alert.suppressed = q.value(14).toInt() != 0;
    return alert;
}

TriageEntry triageFromRow(const QSqlQuery &q)
{
    TriageEntry entry;
    entry.patientId = q.value(0).toString();
    entry.hospitalId = q.value(1).toString();
    entry.displayName = q.value(2).toString();
    entry.acuity = q.value(3).toInt();
    entry.riskScore = q.value(4).toDouble();
    if (const auto status = protocol::triageStatusFromString(q.value(5).toString()))
        entry.status = *status;
    entry.waitingSince = fromMs(q.value(6).toLongLong());
    entry.updatedAt = fromMs(q.value(7).toLongLong());
    return entry;
}

QString placeholders(qsizetype count)
{
    QString text;
    text.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        text += i == 0 ? u"?"_s : u",?"_s;
    return text;
}

std::optional<StoreError> validateIds(const QStringList &ids, const QString &what)
{
    for (const QString &id : ids) {
        if (!isValidId(id))
            return invalid(
              u"%1 '%2' is not a valid id"_s.arg(what, id.left(protocol::maxIdLength)));
    }
    return std::nullopt;
}

StoreResult<QList<Alert>> runAlertQuery(QSqlQuery &query, const QString &context)
{
    if (auto status = sql::exec(query, context); !status)
        return status.error();
    QList<Alert> alerts;
    while (query.next())
        alerts.append(alertFromRow(query));
    return alerts;
}

} // namespace

SqlAlertStore::SqlAlertStore(Database &database)
  : m_database(database)
  , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

void SqlAlertStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QString SqlAlertStore::backendName() const
{
    return m_database.backendName();
}

StoreStatus SqlAlertStore::checkOpen() const
{
    if (!m_database.isOpen())
        return StoreError{ StoreError::Code::Io, u"the alert store is not open"_s };
    return std::monostate{};
}

StoreStatus SqlAlertStore::claimPatient(const QString &patientId, const QString &hospitalId)
{
    {
        const PreparedQuery find =
          m_database.prepared(u"SELECT hospital_id FROM patients WHERE patient_id = ?"_s);
        find->addBindValue(patientId);
        if (auto status = sql::exec(find, u"looking up patient %1"_s.arg(patientId)); !status)
            return status;
        if (find->next()) {
            const QString owner = find->value(0).toString();
            if (owner != hospitalId)
                return StoreError{ StoreError::Code::Conflict,
                                   u"patient %1 belongs to hospital %2, not %3"_s.arg(
                                     patientId, owner, hospitalId) };
            return std::monostate{};
        }
    }
    const PreparedQuery insert =
      m_database.prepared(u"INSERT INTO patients (patient_id, hospital_id) VALUES (?, ?)"_s);
    insert->addBindValue(patientId);
    insert->addBindValue(hospitalId);
    return sql::exec(insert, u"recording patient %1"_s.arg(patientId));
}

StoreResult<Alert> SqlAlertStore::insertOne(const NewAlert &newAlert, qint64 now)
{
    const AlertInput &input = newAlert.input;
    if (auto status = claimPatient(input.patientId, input.hospitalId); !status)
        return status.error();

    Alert alert = Alert::fromInput(input);
    alert.createdAt = fromMs(now);
    alert.state = AlertState::Active;
    alert.acknowledgedBy.clear();
    alert.acknowledgedAt.reset();
    alert.suppressed = newAlert.suppressed;
    const QByteArray data = protocol::json::write(input.data);

    constexpr int idAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        alert.id = newAlertId();
        const PreparedQuery insert = m_database.prepared(
          u"INSERT INTO alerts (id, patient_id, hospital_id, type, priority, title, message, data, "
          u"source, created_at, state, suppressed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        insert->addBindValue(alert.id);
        insert->addBindValue(alert.patientId);
        insert->addBindValue(alert.hospitalId);
        insert->addBindValue(sql::text(alert.type));
        insert->addBindValue(protocol::priorityToString(alert.priority));
        insert->addBindValue(sql::text(alert.title));
        insert->addBindValue(sql::text(alert.message));
        insert->addBindValue(QString::fromUtf8(data));
        insert->addBindValue(sql::text(alert.source));
        insert->addBindValue(now);
        insert->addBindValue(protocol::alertStateToString(AlertState::Active));
        insert->addBindValue(alert.suppressed ? 1 : 0);
        auto status = sql::exec(insert, u"storing an alert"_s);
        if (status) {
            alert.seq = insert->lastInsertId().toLongLong();
            break;
        }
        // Only the random id is UNIQUE in this statement.
        if (status.error().code != StoreError::Code::Conflict || attempt == idAttempts)
            return status.error();
    }

    const PreparedQuery event = m_database.prepared(
      u"INSERT INTO alert_events (alert_id, state, actor, at) VALUES (?, ?, ?, ?)"_s);
    event->addBindValue(alert.id);
    event->addBindValue(protocol::alertStateToString(AlertState::Active));
    event->addBindValue(sql::text(alert.source));
    event->addBindValue(now);
    if (auto status = sql::exec(event, u"recording the alert's state"_s); !status)
        return status.error();
    return alert;
}

StoreResult<Alert> SqlAlertStore::insert(const AlertInput &input, bool suppressed)
{
    auto stored = insertMany({ NewAlert{ input, suppressed } });
    if (!stored)
        return stored.error();
    return stored.value().constFirst();
}

StoreResult<QList<Alert>> SqlAlertStore::insertMany(const QList<NewAlert> &alerts)
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (alerts.isEmpty())
        return QList<Alert>{};
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        if (auto error = validateInput(alerts.at(i).input)) {
            if (alerts.size() > 1)
                error->message = u"alert %1: %2"_s.arg(i).arg(error->message);
            return *error;
        }
    }

    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status.error();
    const qint64 now = m_clock();
    QList<Alert> stored;
    stored.reserve(alerts.size());
    for (const NewAlert &alert : alerts) {
        auto one = insertOne(alert, now);
        if (!one)
            return one.error();
        stored.append(std::move(one).value());
    }
    if (auto status = transaction.commit(); !status)
        return status.error();
    return stored;
}

StoreResult<AlertTransition> SqlAlertStore::acknowledge(const QString &id, const QString &user)
{
    return transition(id, user, AlertState::Acknowledged);
}

StoreResult<AlertTransition> SqlAlertStore::resolve(const QString &id, const QString &user)
{
    return transition(id, user, AlertState::Resolved);
}

StoreResult<AlertTransition> SqlAlertStore::transition(const QString &id,
                                                       const QString &user,
                                                       AlertState target)
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (user.isEmpty() || user.size() > protocol::maxShortTextLength)
        return invalid(
          u"the acting user must be 1 to %1 characters"_s.arg(protocol::maxShortTextLength));
    if (id.isEmpty() || id.size() > protocol::maxIdLength)
        return StoreError{ StoreError::Code::NotFound, u"no alert with that id"_s };

    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status.error();
    auto current = get(id);
    if (!current)
        return current.error();
    Alert alert = std::move(current).value();
    const bool changes = target == AlertState::Acknowledged ? alert.state == AlertState::Active
                                                            : alert.state != AlertState::Resolved;
    if (!changes)
        return AlertTransition{ alert, false };

    const qint64 now = m_clock();
    const QSqlDatabase db = m_database.connection();
    QSqlQuery update(db);
    if (target == AlertState::Acknowledged) {
        update.prepare(u"UPDATE alerts SET state = ?, acknowledged_by = ?, acknowledged_at = ? "
                       u"WHERE seq = ?"_s);
        update.addBindValue(protocol::alertStateToString(target));
        update.addBindValue(user);
        update.addBindValue(now);
        update.addBindValue(alert.seq);
        alert.acknowledgedBy = user;
        alert.acknowledgedAt = fromMs(now);
    } else {
        update.prepare(u"UPDATE alerts SET state = ? WHERE seq = ?"_s);
        update.addBindValue(protocol::alertStateToString(target));
        update.addBindValue(alert.seq);
    }
    if (auto status = sql::exec(update, u"updating alert %1"_s.arg(id)); !status)
        return status.error();
    alert.state = target;

    QSqlQuery event(db);
    event.prepare(u"INSERT INTO alert_events (alert_id, state, actor, at) VALUES (?, ?, ?, ?)"_s);
    event.addBindValue(alert.id);
    event.addBindValue(protocol::alertStateToString(target));
    event.addBindValue(user);
    event.addBindValue(now);
    if (auto status = sql::exec(event, u"recording the alert's state"_s); !status)
        return status.error();
    if (auto status = transaction.commit(); !status)
        return status.error();
    return AlertTransition{ alert, true };
}

StoreResult<Alert> SqlAlertStore::get(const QString &id) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT %1 FROM alerts WHERE id = ?"_s.arg(alertColumns));
    query.addBindValue(id);
    auto rows = runAlertQuery(query, u"reading alert %1"_s.arg(id.left(protocol::maxIdLength)));
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return StoreError{ StoreError::Code::NotFound,
                           u"no alert with id %1"_s.arg(id.left(protocol::maxIdLength)) };
    return rows->constFirst();
}

StoreResult<QList<Alert>> SqlAlertStore::history(const HistoryQuery &query) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (query.limit < 1)
        return invalid(u"limit must be at least 1"_s);
    if (query.afterSeq < 0)
        return invalid(u"after_seq must not be negative"_s);

    QStringList patients = query.patientIds;
    QStringList hospitals = query.hospitalIds;
    bool triage = false;
    for (const QString &room : query.rooms) {
        const auto name = protocol::RoomName::parse(room);
        if (!name)
            return invalid(u"invalid room name '%1'"_s.arg(room.left(protocol::maxIdLength)));
        switch (name->kind()) {
            case protocol::RoomName::Kind::Patient:
                patients.append(name->id());
                break;
            case protocol::RoomName::Kind::Hospital:
                hospitals.append(name->id());
                break;
            case protocol::RoomName::Kind::Triage:
                triage = true;
                break;
            case protocol::RoomName::Kind::Other:
                return invalid(u"unknown room '%1'"_s.arg(room.left(protocol::maxIdLength)));
        }
    }
    if (patients.isEmpty() && hospitals.isEmpty() && !triage)
        return invalid(u"name at least one patient, hospital or room"_s);
    const QStringList triageHospitals = query.triageScope.hospitalIds;
    if (patients.size() + hospitals.size() + triageHospitals.size() > maxQueryIds)
        return invalid(u"at most %1 patients, hospitals and rooms per query"_s.arg(maxQueryIds));
    if (auto error = validateIds(patients, u"patient_id"_s))
        return *error;
    if (auto error = validateIds(hospitals + triageHospitals, u"hospital_id"_s))
        return *error;
    patients.removeDuplicates();
    hospitals.removeDuplicates();

    QStringList terms;
    QVariantList values;
    if (!patients.isEmpty()) {
        terms.append(u"patient_id IN (%1)"_s.arg(placeholders(patients.size())));
        for (const QString &id : std::as_const(patients))
            values.append(id);
    }
    if (!hospitals.isEmpty()) {
        terms.append(u"hospital_id IN (%1)"_s.arg(placeholders(hospitals.size())));
        for (const QString &id : std::as_const(hospitals))
            values.append(id);
    }
    if (triage && query.triageScope.all) {
        terms.append(u"priority = 'high'"_s);
    } else if (triage && !triageHospitals.isEmpty()) {
        terms.append(u"(priority = 'high' AND hospital_id IN (%1))"_s.arg(
          placeholders(triageHospitals.size())));
        for (const QString &id : triageHospitals)
            values.append(id);
    }
    if (terms.isEmpty())
        return QList<Alert>{}; // only triage_queue, and no hospital it may show

    QSqlQuery select(m_database.connection());
    select.prepare(u"SELECT %1 FROM alerts WHERE seq > ? AND (%2) ORDER BY seq LIMIT ?"_s.arg(
      alertColumns, terms.join(u" OR "_s)));
    select.addBindValue(query.afterSeq);
    for (const QVariant &value : std::as_const(values))
        select.addBindValue(value);
    select.addBindValue(qMin(query.limit, maxHistoryLimit));
    return runAlertQuery(select, u"reading alert history"_s);
}

StoreResult<QList<Alert>> SqlAlertStore::active(const HospitalScope &scope, int limit) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (limit < 1)
        return invalid(u"limit must be at least 1"_s);
    if (!scope.all && scope.hospitalIds.isEmpty())
        return QList<Alert>{};
    if (scope.hospitalIds.size() > maxQueryIds)
        return invalid(u"at most %1 hospitals per query"_s.arg(maxQueryIds));
    if (auto error = validateIds(scope.hospitalIds, u"hospital_id"_s))
        return *error;

    QSqlQuery select(m_database.connection());
    const QString where =
      scope.all ? QString()
                : u" AND hospital_id IN (%1)"_s.arg(placeholders(scope.hospitalIds.size()));
    select.prepare(u"SELECT %1 FROM alerts WHERE state = 'active'%2 ORDER BY seq LIMIT ?"_s.arg(
      alertColumns, where));
    if (!scope.all) {
        for (const QString &id : scope.hospitalIds)
            select.addBindValue(id);
    }
    select.addBindValue(qMin(limit, maxHistoryLimit));
    return runAlertQuery(select, u"reading active alerts"_s);
}

StoreResult<QList<AlertEvent>> SqlAlertStore::stateHistory(const QString &id) const
{
    auto alert = get(id);
    if (!alert)
        return alert.error();
    QSqlQuery query(m_database.connection());
    query.prepare(
      u"SELECT state, actor, at FROM alert_events WHERE alert_id = ? ORDER BY event_id"_s);
    query.addBindValue(id);
    if (auto status = sql::exec(query, u"reading the state history of %1"_s.arg(id)); !status)
        return status.error();
    QList<AlertEvent> events;
    while (query.next()) {
        AlertEvent event;
        if (const auto state = protocol::alertStateFromString(query.value(0).toString()))
            event.state = *state;
        event.actor = query.value(1).toString();
        event.at = fromMs(query.value(2).toLongLong());
        events.append(event);
    }
    return events;
}

StoreResult<TriageEntry> SqlAlertStore::upsertTriage(const TriageEntry &input)
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (!isValidId(input.patientId))
        return invalid(
          u"patient_id must be 1 to %1 letters or digits"_s.arg(protocol::maxIdLength));
    if (!isValidId(input.hospitalId))
        return invalid(
          u"hospital_id must be 1 to %1 letters or digits"_s.arg(protocol::maxIdLength));
    if (input.acuity < 1 || input.acuity > 5)
        return invalid(u"acuity must be 1 to 5"_s);
    if (!(input.riskScore >= 0.0 && input.riskScore <= 1.0))
        return invalid(u"risk_score must be between 0 and 1"_s);
    if (input.displayName.size() > protocol::maxTitleLength)
        return invalid(
          u"display_name is longer than %1 characters"_s.arg(protocol::maxTitleLength));

    TriageEntry entry = input;
    const qint64 now = m_clock();
    if (!entry.waitingSince.isValid())
        entry.waitingSince = fromMs(now);
    if (!entry.updatedAt.isValid())
        entry.updatedAt = fromMs(now);
    // Stored with millisecond precision, returned as it will read back.
    entry.waitingSince = fromMs(entry.waitingSince.toMSecsSinceEpoch());
    entry.updatedAt = fromMs(entry.updatedAt.toMSecsSinceEpoch());

    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status.error();
    if (auto status = claimPatient(entry.patientId, entry.hospitalId); !status)
        return status.error();
    QSqlQuery upsert(m_database.connection());
    upsert.prepare(
      u"INSERT INTO triage (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
      u"ON CONFLICT (patient_id) DO UPDATE SET hospital_id = excluded.hospital_id, "
      u"display_name = excluded.display_name, acuity = excluded.acuity, "
      u"risk_score = excluded.risk_score, status = excluded.status, "
      u"waiting_since = excluded.waiting_since, updated_at = excluded.updated_at"_s.arg(
        triageColumns));
    upsert.addBindValue(entry.patientId);
    upsert.addBindValue(entry.hospitalId);
    upsert.addBindValue(sql::text(entry.displayName));
    upsert.addBindValue(entry.acuity);
    upsert.addBindValue(entry.riskScore);
    upsert.addBindValue(protocol::triageStatusToString(entry.status));
    upsert.addBindValue(entry.waitingSince.toMSecsSinceEpoch());
    upsert.addBindValue(entry.updatedAt.toMSecsSinceEpoch());
    if (auto status = sql::exec(upsert, u"storing the triage entry"_s); !status)
        return status.error();
    if (auto status = transaction.commit(); !status)
        return status.error();
    return entry;
}

StoreResult<QList<TriageEntry>> SqlAlertStore::triage(const HospitalScope &scope) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (!scope.all && scope.hospitalIds.isEmpty())
        return QList<TriageEntry>{};
    if (scope.hospitalIds.size() > maxQueryIds)
        return invalid(u"at most %1 hospitals per query"_s.arg(maxQueryIds));
    if (auto error = validateIds(scope.hospitalIds, u"hospital_id"_s))
        return *error;
    QSqlQuery select(m_database.connection());
    const QString where =
      scope.all ? QString()
                : u" WHERE hospital_id IN (%1)"_s.arg(placeholders(scope.hospitalIds.size()));
    select.prepare(u"SELECT %1 FROM triage%2 ORDER BY acuity, waiting_since, patient_id LIMIT %3"_s
                     .arg(triageColumns, where)
                     .arg(maxHistoryLimit));
    if (!scope.all) {
        for (const QString &id : scope.hospitalIds)
            select.addBindValue(id);
    }
    if (auto status = sql::exec(select, u"reading the triage queue"_s); !status)
        return status.error();
    QList<TriageEntry> entries;
    while (select.next())
        entries.append(triageFromRow(select));
    return entries;
}

StoreResult<QString> SqlAlertStore::patientHospital(const QString &patientId) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT hospital_id FROM patients WHERE patient_id = ?"_s);
    query.addBindValue(patientId);
    if (auto status = sql::exec(query, u"looking up a patient"_s); !status)
        return status.error();
    if (!query.next())
        return StoreError{ StoreError::Code::NotFound,
                           u"unknown patient %1"_s.arg(patientId.left(protocol::maxIdLength)) };
    return query.value(0).toString();
}

StoreResult<qint64> SqlAlertStore::lastSeq() const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    // sqlite_sequence remembers the highest seq even after the row is deleted.
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT seq FROM sqlite_sequence WHERE name = 'alerts'"_s);
    if (auto status = sql::exec(query, u"reading the last seq"_s); !status)
        return status.error();
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

} // namespace vigil::server
