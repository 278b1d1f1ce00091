// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include "protocol/Result.h"

/// The application contract's value types (CONTRACT.md §7) with JSON in and out. JSON objects are
/// QCborMap (insertion-ordered; see Json.h); json::write() turns them into text.
namespace vigil::protocol {

enum class Priority
{
    High,
    Medium,
    Low,
    Info,
};
/// `high`, `medium`, `low`, `info`.
QString priorityToString(Priority priority);
std::optional<Priority> priorityFromString(QStringView text);
/// 3 for high down to 0 for info: larger is more urgent.
int priorityRank(Priority priority);

enum class AlertState
{
    Active,
    Acknowledged,
    Resolved,
};
QString alertStateToString(AlertState state);
std::optional<AlertState> alertStateFromString(QStringView text);

/// `2026-11-25T17:00:00.000Z`: UTC, ISO 8601 with milliseconds. Empty for an invalid time and for
/// years outside 0001..9999, which that form cannot hold.
QString formatTimestamp(const QDateTime &time);
/// Accepts ISO 8601 with or without milliseconds, with `Z` or an offset (python peers write
/// `+00:00`). Returns an invalid QDateTime for anything else.
/// Exactly `yyyy-MM-ddTHH:mm:ss[.f]` then `Z` or `+hh:mm`/`-hh:mm`, where the fraction has 1 to 9
/// digits (python writes microseconds) and is truncated to milliseconds. Upper-case `T` and `Z`
/// only; no leap seconds. The result is in UTC and its year in 0001..9999 (so formatTimestamp()
/// can write it back).
QDateTime parseTimestamp(QStringView text);

inline constexpr qsizetype maxTitleLength = 200;
inline constexpr qsizetype maxMessageLength = 2'000;
/// Ids, types and sources: long enough for any real id, short enough to bound storage.
inline constexpr qsizetype maxIdLength = 64;
inline constexpr qsizetype maxShortTextLength = 100;
/// The `type` of an alert whose producer gave none.
inline constexpr QStringView defaultAlertType = u"generic";

/// What a producer publishes (CONTRACT §7). Strict: required fields, bounds, no unknown fields.
///
/// - `patient_id`, `hospital_id`: non-empty, at most maxIdLength, only [A-Za-z0-9] (they become
///   room names `patient_<id>` / `hospital_<id>`).
/// - `priority`: one of high, medium, low, info. `title`: non-empty, at most maxTitleLength.
/// - `type` (default defaultAlertType; if given, non-empty), `source` (default empty): at most
///   maxShortTextLength. `message` (default empty): at most maxMessageLength. `data` (default
///   {}): an object holding only JSON values (no binary, no NaN), errors name the path
///   (`data.vitals[2]`).
/// - An optional field that is null counts as absent. Lengths count Unicode code points.
/// - Keys are checked first: an unknown one gives {field: the key, message: "unknown field"}.
/// - A value that is not an object gives an error with an empty field.
struct AlertInput
{
    QString patientId;
    QString hospitalId;
    QString type;
    Priority priority = Priority::Info;
    QString title;
    QString message;
    QCborMap data;
    QString source;

    /// Errors name the field: `patient_id`, `priority`, `title`, `data`, or the unknown key.
    static Result<AlertInput, ValidationError> fromJson(const QCborValue &json);
    QCborMap toJson() const;

    friend bool operator==(const AlertInput &, const AlertInput &) = default;
};

/// A stored alert as servers send it. Parsing is strict about the contract's fields (an alert
/// without id or seq cannot be de-duplicated) but tolerates unknown keys, so a newer server's extra
/// fields never make a client drop an alert.
struct Alert
{
    QString id;
    qint64 seq = 0;
    QString patientId;
    QString hospitalId;
    QString type;
    Priority priority = Priority::Info;
    QString title;
    QString message;
    QCborMap data;
    QString source;
    QDateTime createdAt;
    AlertState state = AlertState::Active;
    QString acknowledgedBy; ///< empty while not acknowledged (JSON null)
    std::optional<QDateTime> acknowledgedAt;
    bool suppressed = false;

    /// Copies the producer's fields; id, seq and createdAt are left for the server to assign.
    static Alert fromInput(const AlertInput &input);
    /// Requires id (non-empty), seq (integer >= 1), patient_id and hospital_id (non-empty
    /// strings), priority, title (a string), created_at (see parseTimestamp()) and state. type,
    /// message, data (an object), source, acknowledged_by (string), acknowledged_at (timestamp)
    /// and suppressed (bool) may be absent or null. Integral doubles count as integers.
    /// Producer-side bounds (lengths, id characters) are not applied: the server already
    /// accepted the alert.
    static Result<Alert, ValidationError> fromJson(const QCborValue &json);
    /// Keys in the contract's order: id, seq, patient_id, ..., suppressed. acknowledged_by and
    /// acknowledged_at are null while empty; an invalid createdAt is written as null.
    QCborMap toJson() const;

    friend bool operator==(const Alert &, const Alert &) = default;
};

enum class TriageStatus
{
    Waiting,
    InTriage,
    Done,
};
QString triageStatusToString(TriageStatus status);
std::optional<TriageStatus> triageStatusFromString(QStringView text);

/// One patient in the triage queue (CONTRACT §7). Tolerates unknown keys like Alert.
struct TriageEntry
{
    QString patientId;
    QString hospitalId;
    QString displayName;
    int acuity = 3;         ///< 1 (most urgent) .. 5
    double riskScore = 0.0; ///< 0 .. 1
    TriageStatus status = TriageStatus::Waiting;
    QDateTime waitingSince;
    QDateTime updatedAt;

    /// Requires patient_id, hospital_id (non-empty), acuity (integer 1..5), risk_score (number
    /// 0..1), status, waiting_since and updated_at; display_name may be absent or null.
    static Result<TriageEntry, ValidationError> fromJson(const QCborValue &json);
    QCborMap toJson() const;

    friend bool operator==(const TriageEntry &, const TriageEntry &) = default;
};

/// A room name (CONTRACT §4): `^[a-z_]+_[a-zA-Z0-9]+$`, one of `patient_<id>`, `hospital_<id>`,
/// `triage_queue`. Other names that match the regex parse with kind Other (servers refuse them).
class RoomName
{
public:
    enum class Kind
    {
        Patient,
        Hospital,
        Triage,
        Other,
    };

    /// std::nullopt when the text does not match the contract's regex. The kind is Patient
    /// (Hospital) only when the text is `patient_` (`hospital_`) followed by [a-zA-Z0-9]+, so
    /// `patient_icu_7` is Other; Triage only for exactly `triage_queue`.
    static std::optional<RoomName> parse(QStringView text);
    /// The id must be [A-Za-z0-9]+ (AlertInput ids are); otherwise the result has kind Other and
    /// its name fails isValid().
    static RoomName patient(const QString &patientId);
    static RoomName hospital(const QString &hospitalId);
    static RoomName triage();
    /// Whether `text` matches `^[a-z_]+_[a-zA-Z0-9]+$`.
    static bool isValid(QStringView text);

    const QString &name() const { return m_name; }
    Kind kind() const { return m_kind; }
    /// The patient or hospital id; empty for triage_queue and Other.
    const QString &id() const { return m_id; }

    friend bool operator==(const RoomName &, const RoomName &) = default;

private:
    RoomName(QString name, Kind kind, QString id);

    QString m_name;
    Kind m_kind = Kind::Other;
    QString m_id;
};

} // namespace vigil::protocol
