// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/Contract.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include <QCborArray>

#include "protocol/Json.h"

namespace vigil::protocol {

using namespace Qt::StringLiterals;

namespace {

namespace key {
constexpr auto id = "id"_L1;
constexpr auto seq = "seq"_L1;
constexpr auto patientId = "patient_id"_L1;
constexpr auto hospitalId = "hospital_id"_L1;
constexpr auto type = "type"_L1;
constexpr auto priority = "priority"_L1;
constexpr auto title = "title"_L1;
constexpr auto message = "message"_L1;
constexpr auto data = "data"_L1;
constexpr auto source = "source"_L1;
constexpr auto createdAt = "created_at"_L1;
constexpr auto state = "state"_L1;
constexpr auto acknowledgedBy = "acknowledged_by"_L1;
constexpr auto acknowledgedAt = "acknowledged_at"_L1;
constexpr auto suppressed = "suppressed"_L1;
constexpr auto displayName = "display_name"_L1;
constexpr auto acuity = "acuity"_L1;
constexpr auto riskScore = "risk_score"_L1;
constexpr auto status = "status"_L1;
constexpr auto waitingSince = "waiting_since"_L1;
constexpr auto updatedAt = "updated_at"_L1;
} // namespace key

constexpr std::array alertInputKeys{ key::patientId, key::hospitalId, key::type, key::priority,
                                     key::title,     key::message,    key::data, key::source };

/// JavaScript peers cannot tell 3 from 3.0, so integral doubles count as integers up to 2^53,
/// beyond which doubles stop being exact.
constexpr double maxExactDouble = 9007199254740992.0;

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

bool isAsciiAlnum(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (!isAsciiAlnum(c))
            return false;
    }
    return true;
}

/// Lengths are counted in Unicode code points (what Python's len() and a reader count), so a
/// title of emoji gets the same 200 as a title of letters.
qsizetype codePointCount(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

enum class Need
{
    Required,
    /// Absent and JSON null both mean "use the default".
    Optional,
};

struct TextRule
{
    Need need = Need::Required;
    bool nonEmpty = false;
    qsizetype maxLength = -1;
    /// Ids become part of room names (`patient_<id>`, `hospital_<id>`), which the contract
    /// restricts to `^[a-z_]+_[a-zA-Z0-9]+$`; so ids are [A-Za-z0-9]+ and nothing else.
    bool idChars = false;
};

/// Reads typed fields from a JSON object and keeps the first error; after an error every read
/// returns a default, so a parser can read all its fields and check failed() once.
class FieldReader
{
public:
    explicit FieldReader(const QCborMap &map)
      : m_map(map)
    {
    }

    bool failed() const { return m_error.has_value(); }
    const ValidationError &error() const { return *m_error; }

    void fail(QString field, QString message)
    {
        if (!m_error)
            m_error = ValidationError{ std::move(field), std::move(message) };
    }

    /// std::nullopt for an optional field that is absent or null.
    std::optional<QString> text(QLatin1StringView name, const TextRule &rule)
    {
        const QCborValue value = present(name, rule.need);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isString()) {
            fail(name, u"must be a string"_s);
            return std::nullopt;
        }
        QString result = value.toString();
        if (rule.nonEmpty && result.isEmpty()) {
            fail(name, u"must not be empty"_s);
            return std::nullopt;
        }
        if (rule.maxLength >= 0 && codePointCount(result) > rule.maxLength) {
            fail(name, u"must be at most %1 characters long"_s.arg(rule.maxLength));
            return std::nullopt;
        }
        if (rule.idChars && !isAsciiAlnum(result)) {
            fail(name, u"may contain only the letters A-Z, a-z and the digits 0-9"_s);
            return std::nullopt;
        }
        return result;
    }

    QString text(QLatin1StringView name, const TextRule &rule, const QString &fallback)
    {
        return text(name, rule).value_or(fallback);
    }

    template<typename Enum>
    Enum choice(QLatin1StringView name,
                std::optional<Enum> (*fromString)(QStringView),
                QString allowed,
                Enum fallback)
    {
        const std::optional<QString> value = text(name, TextRule{});
        if (!value)
            return fallback;
        if (const std::optional<Enum> parsed = fromString(*value))
            return *parsed;
        fail(name, u"must be one of %1"_s.arg(allowed));
        return fallback;
    }

    qint64 integer(QLatin1StringView name, qint64 min, qint64 max)
    {
        const QCborValue value = present(name, Need::Required);
        if (value.isUndefined())
            return min;
        qint64 result = 0;
        if (value.isInteger()) {
            result = value.toInteger();
        } else if (value.isDouble() && std::trunc(value.toDouble()) == value.toDouble() &&
                   std::abs(value.toDouble()) <= maxExactDouble) {
            result = static_cast<qint64>(value.toDouble());
        } else {
            fail(name, u"must be an integer"_s);
            return min;
        }
        if (result < min || result > max) {
            fail(name,
                 max == std::numeric_limits<qint64>::max()
                   ? u"must be at least %1"_s.arg(min)
                   : u"must be from %1 to %2"_s.arg(min).arg(max));
            return min;
        }
        return result;
    }

    double number(QLatin1StringView name, double min, double max)
    {
        const QCborValue value = present(name, Need::Required);
        if (value.isUndefined())
            return min;
        if (!value.isInteger() && !value.isDouble()) {
            fail(name, u"must be a number"_s);
            return min;
        }
        const double result = value.toDouble();
        if (!(result >= min && result <= max)) {
            fail(name, u"must be from %1 to %2"_s.arg(min).arg(max));
            return min;
        }
        return result;
    }

    bool boolean(QLatin1StringView name, bool fallback)
    {
        const QCborValue value = present(name, Need::Optional);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool()) {
            fail(name, u"must be true or false"_s);
            return fallback;
        }
        return value.toBool();
    }

    /// std::nullopt for an optional field that is absent or null.
    std::optional<QDateTime> timestamp(QLatin1StringView name, Need need)
    {
        const QCborValue value = present(name, need);
        if (value.isUndefined())
            return std::nullopt;
        QDateTime result;
        if (value.isString())
            result = parseTimestamp(value.toString());
        if (!result.isValid()) {
            fail(name, u"must be an ISO 8601 time such as 2026-11-25T17:00:00.000Z"_s);
            return std::nullopt;
        }
        return result;
    }

    QCborMap object(QLatin1StringView name)
    {
        const QCborValue value = present(name, Need::Optional);
        if (value.isUndefined())
            return {};
        if (!value.isMap()) {
            fail(name, u"must be an object"_s);
            return {};
        }
        return value.toMap();
    }

private:
    /// The field's value, or Undefined when an optional field is absent or null (a required one
    /// that is absent records an error). JSON has no undefined, so Undefined is free as a marker.
    QCborValue present(QLatin1StringView name, Need need)
    {
        if (failed())
            return {};
        QCborValue value = m_map.value(name);
        const bool missing = value.isUndefined() || (value.isNull() && need == Need::Optional);
        if (!missing)
            return value;
        if (need == Need::Required)
            fail(name, u"is required"_s);
        return {};
    }

    const QCborMap &m_map;
    std::optional<ValidationError> m_error;
};

/// Finds what in `value` JSON cannot carry (byte arrays from binary attachments, tags, undefined,
/// NaN, non-string keys), so that what AlertInput accepts is exactly what it can send on. Returns
/// the path below `value` (`.score`, `[2]`) and the reason.
std::optional<ValidationError> findNonJson(const QCborValue &value, int depth)
{
    if (depth > json::maxDepth)
        return ValidationError{ {}, u"is nested too deeply"_s };
    switch (value.type()) {
        case QCborValue::Null:
        case QCborValue::False:
        case QCborValue::True:
        case QCborValue::Integer:
        case QCborValue::String:
            return std::nullopt;
        case QCborValue::Double:
            if (std::isfinite(value.toDouble()))
                return std::nullopt;
            return ValidationError{ {}, u"must be a finite number"_s };
        case QCborValue::Array: {
            const QCborArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (std::optional<ValidationError> error = findNonJson(array.at(i), depth + 1)) {
                    error->field.prepend(u"[%1]"_s.arg(i));
                    return error;
                }
            }
            return std::nullopt;
        }
        case QCborValue::Map: {
            const QCborMap map = value.toMap();
            for (auto it = map.cbegin(); it != map.cend(); ++it) {
                if (!it.key().isString())
                    return ValidationError{ {}, u"has a key that is not a string"_s };
                if (std::optional<ValidationError> error = findNonJson(it.value(), depth + 1)) {
                    error->field.prepend(u".%1"_s.arg(it.key().toString()));
                    return error;
                }
            }
            return std::nullopt;
        }
        default:
            return ValidationError{ {}, u"is not a JSON value"_s };
    }
}

QCborValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QCborValue(QCborValue::Null) : QCborValue(text);
}

QCborValue timestampOrNull(const QDateTime &time)
{
    const QString text = formatTimestamp(time);
    return text.isEmpty() ? QCborValue(QCborValue::Null) : QCborValue(text);
}

/// Reads `digits` ASCII digits at `pos`; -1 when any is not a digit or the text is too short.
int readDigits(QStringView text, qsizetype pos, qsizetype digits)
{
    if (pos + digits > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = pos; i < pos + digits; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

bool hasCharAt(QStringView text, qsizetype pos, char16_t c)
{
    return pos < text.size() && text[pos] == QChar(c);
}

// The contract's names of each enumeration, one table each for both directions. The names are
// literals, so the QStrings handed out share their static data.
template<typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, QString>, N>;

const NameTable<Priority, 4> &priorityNames()
{
    static const NameTable<Priority, 4> names{ { { Priority::High, u"high"_s },
                                                 { Priority::Medium, u"medium"_s },
                                                 { Priority::Low, u"low"_s },
                                                 { Priority::Info, u"info"_s } } };
    return names;
}

const NameTable<AlertState, 3> &alertStateNames()
{
    static const NameTable<AlertState, 3> names{ { { AlertState::Active, u"active"_s },
                                                   { AlertState::Acknowledged, u"acknowledged"_s },
                                                   { AlertState::Resolved, u"resolved"_s } } };
    return names;
}

const NameTable<TriageStatus, 3> &triageStatusNames()
{
    static const NameTable<TriageStatus, 3> names{ { { TriageStatus::Waiting, u"waiting"_s },
                                                     { TriageStatus::InTriage, u"in_triage"_s },
                                                     { TriageStatus::Done, u"done"_s } } };
    return names;
}

template<typename Enum, std::size_t N>
QString nameOf(const NameTable<Enum, N> &names, Enum value)
{
    for (const auto &[each, name] : names) {
        if (each == value)
            return name;
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueNamed(const NameTable<Enum, N> &names, QStringView text)
{
    for (const auto &[each, name] : names) {
        if (name == text)
            return each;
    }
    return std::nullopt;
}

const QString priorityChoices = u"high, medium, low, info"_s;
const QString triageStatusChoices = u"waiting, in_triage, done"_s;

} // namespace

QString priorityToString(Priority priority)
{
    return nameOf(priorityNames(), priority);
}

std::optional<Priority> priorityFromString(QStringView text)
{
    return valueNamed(priorityNames(), text);
}

int priorityRank(Priority priority)
{
    switch (priority) {
        case Priority::High:
            return 3;
        case Priority::Medium:
            return 2;
        case Priority::Low:
            return 1;
        case Priority::Info:
            return 0;
    }
    return 0;
}

QString alertStateToString(AlertState state)
{
    return nameOf(alertStateNames(), state);
}

std::optional<AlertState> alertStateFromString(QStringView text)
{
    return valueNamed(alertStateNames(), text);
}

QString triageStatusToString(TriageStatus status)
{
    return nameOf(triageStatusNames(), status);
}

std::optional<TriageStatus> triageStatusFromString(QStringView text)
{
    return valueNamed(triageStatusNames(), text);
}

QString formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (date.year() < 1 || date.year() > 9999)
        return {};

    // Written by hand: servers format one per stored alert, and QDateTime::toString() parses its
    // format string on every call.
    QString out(24, Qt::Uninitialized);
    QChar *p = out.data();
    const auto put = [&p](int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            p[i] = QChar(static_cast<char16_t>(u'0' + value % 10));
            value /= 10;
        }
        p += width;
    };
    const auto sep = [&p](char16_t c) { *p++ = QChar(c); };
    put(date.year(), 4);
    sep(u'-');
    put(date.month(), 2);
    sep(u'-');
    put(date.day(), 2);
    sep(u'T');
    put(clock.hour(), 2);
    sep(u':');
    put(clock.minute(), 2);
    sep(u':');
    put(clock.second(), 2);
    sep(u'.');
    put(clock.msec(), 3);
    sep(u'Z');
    return out;
}

QDateTime parseTimestamp(QStringView text)
{
    // yyyy-MM-ddTHH:mm:ss, then an optional fraction, then Z or +hh:mm / -hh:mm.
    if (text.size() < 20 || !hasCharAt(text, 4, u'-') || !hasCharAt(text, 7, u'-') ||
        !hasCharAt(text, 10, u'T') || !hasCharAt(text, 13, u':') || !hasCharAt(text, 16, u':'))
        return {};
    const int year = readDigits(text, 0, 4);
    const int month = readDigits(text, 5, 2);
    const int day = readDigits(text, 8, 2);
    const int hour = readDigits(text, 11, 2);
    const int minute = readDigits(text, 14, 2);
    const int second = readDigits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return {};

    qsizetype pos = 19;
    int msec = 0;
    if (hasCharAt(text, pos, u'.')) {
        // Python's isoformat() writes microseconds; up to nanoseconds is accepted and truncated
        // to the milliseconds QDateTime holds.
        ++pos;
        const qsizetype start = pos;
        while (pos < text.size() && pos - start < 10 && readDigits(text, pos, 1) >= 0)
            ++pos;
        const qsizetype digits = pos - start;
        if (digits < 1 || digits > 9)
            return {};
        const QStringView ms = text.sliced(start, std::min<qsizetype>(digits, 3));
        msec = readDigits(ms, 0, ms.size());
        for (qsizetype i = ms.size(); i < 3; ++i)
            msec *= 10;
    }

    int offsetSeconds = 0;
    const QStringView zone = text.sliced(pos);
    if (zone == u"Z") {
        offsetSeconds = 0;
    } else if (zone.size() == 6 && (zone[0] == u'+' || zone[0] == u'-') && zone[3] == u':') {
        const int offsetHours = readDigits(zone, 1, 2);
        const int offsetMinutes = readDigits(zone, 4, 2);
        if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59)
            return {};
        offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60;
        if (zone[0] == u'-')
            offsetSeconds = -offsetSeconds;
    } else {
        return {};
    }

    const QDate date(year, month, day);
    const QTime clock(hour, minute, second, msec);
    if (!date.isValid() || !clock.isValid())
        return {};
    const QDateTime utc = QDateTime(date, clock, Qt::UTC).addSecs(-offsetSeconds);
    // An offset can push the instant out of the years formatTimestamp() can write.
    if (utc.date().year() < 1 || utc.date().year() > 9999)
        return {};
    return utc;
}

Result<AlertInput, ValidationError> AlertInput::fromJson(const QCborValue &json)
{
    if (!json.isMap())
        return ValidationError{ {}, u"an alert must be a JSON object"_s };
    const QCborMap map = json.toMap();

    // Unknown keys first: a misspelt optional field would otherwise be dropped silently, and a
    // misspelt required one reported as missing rather than as the typo it is.
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        const QCborValue k = it.key();
        if (!k.isString())
            return ValidationError{ k.toDiagnosticNotation(), u"unknown field"_s };
        const QString name = k.toString();
        if (std::find(alertInputKeys.begin(), alertInputKeys.end(), name) == alertInputKeys.end())
            return ValidationError{ name, u"unknown field"_s };
    }

    const TextRule idRule{ Need::Required, true, maxIdLength, true };
    FieldReader read(map);
    AlertInput input;
    input.patientId = read.text(key::patientId, idRule, {});
    input.hospitalId = read.text(key::hospitalId, idRule, {});
    input.type = read.text(key::type,
                           TextRule{ Need::Optional, true, maxShortTextLength, false },
                           defaultAlertType.toString());
    input.priority =
      read.choice(key::priority, priorityFromString, priorityChoices, Priority::Info);
    input.title =
      read.text(key::title, TextRule{ Need::Required, true, maxTitleLength, false }, {});
    input.message =
      read.text(key::message, TextRule{ Need::Optional, false, maxMessageLength, false }, {});
    input.data = read.object(key::data);
    input.source =
      read.text(key::source, TextRule{ Need::Optional, false, maxShortTextLength, false }, {});
    if (read.failed())
        return read.error();

    if (std::optional<ValidationError> error = findNonJson(input.data, 1)) {
        error->field.prepend(QString(key::data));
        return *error;
    }
    return input;
}

QCborMap AlertInput::toJson() const
{
    QCborMap map;
    map.insert(key::patientId, patientId);
    map.insert(key::hospitalId, hospitalId);
    map.insert(key::type, type);
    map.insert(key::priority, priorityToString(priority));
    map.insert(key::title, title);
    map.insert(key::message, message);
    map.insert(key::data, data);
    map.insert(key::source, source);
    return map;
}

Alert Alert::fromInput(const AlertInput &input)
{
    Alert alert;
    alert.patientId = input.patientId;
    alert.hospitalId = input.hospitalId;
    alert.type = input.type;
    alert.priority = input.priority;
    alert.title = input.title;
    alert.message = input.message;
    alert.data = input.data;
    alert.source = input.source;
    return alert;
}

Result<Alert, ValidationError> Alert::fromJson(const QCborValue &json)
{
    if (!json.isMap())
        return ValidationError{ {}, u"an alert must be a JSON object"_s };
    const QCborMap map = json.toMap();

    // Values are checked for type, not for the producer-side bounds: a server already accepted
    // this alert, and dropping it over a long title would hide it from the nurse.
    const TextRule requiredId{ Need::Required, true, -1, false };
    const TextRule optionalText{ Need::Optional, false, -1, false };
    FieldReader read(map);
    Alert alert;
    alert.id = read.text(key::id, requiredId, {});
    alert.seq = read.integer(key::seq, 1, std::numeric_limits<qint64>::max());
    alert.patientId = read.text(key::patientId, requiredId, {});
    alert.hospitalId = read.text(key::hospitalId, requiredId, {});
    alert.type = read.text(key::type, optionalText, defaultAlertType.toString());
    // A priority or state this client does not know (a newer server's "critical", "escalated")
    // must not hide the alert: it is shown as the most urgent, still-open kind instead.
    alert.priority =
      priorityFromString(read.text(key::priority, TextRule{}, {})).value_or(Priority::High);
    alert.title = read.text(key::title, TextRule{}, {});
    alert.message = read.text(key::message, optionalText, {});
    alert.data = read.object(key::data);
    alert.source = read.text(key::source, optionalText, {});
    alert.createdAt = read.timestamp(key::createdAt, Need::Required).value_or(QDateTime());
    alert.state =
      alertStateFromString(read.text(key::state, TextRule{}, {})).value_or(AlertState::Active);
    alert.acknowledgedBy = read.text(key::acknowledgedBy, optionalText, {});
    alert.acknowledgedAt = read.timestamp(key::acknowledgedAt, Need::Optional);
    alert.suppressed = read.boolean(key::suppressed, false);
    if (read.failed())
        return read.error();
    return alert;
}

QCborMap Alert::toJson() const
{
    QCborMap map;
    map.insert(key::id, id);
    map.insert(key::seq, seq);
    map.insert(key::patientId, patientId);
    map.insert(key::hospitalId, hospitalId);
    map.insert(key::type, type);
    map.insert(key::priority, priorityToString(priority));
    map.insert(key::title, title);
    map.insert(key::message, message);
    map.insert(key::data, data);
    map.insert(key::source, source);
    map.insert(key::createdAt, timestampOrNull(createdAt));
    map.insert(key::state, alertStateToString(state));
    map.insert(key::acknowledgedBy, textOrNull(acknowledgedBy));
    map.insert(key::acknowledgedAt,
               acknowledgedAt ? timestampOrNull(*acknowledgedAt) : QCborValue(QCborValue::Null));
    map.insert(key::suppressed, suppressed);
    return map;
}

Result<TriageEntry, ValidationError> TriageEntry::fromJson(const QCborValue &json)
{
    if (!json.isMap())
        return ValidationError{ {}, u"a triage entry must be a JSON object"_s };
    const QCborMap map = json.toMap();

    const TextRule requiredId{ Need::Required, true, -1, false };
    FieldReader read(map);
    TriageEntry entry;
    entry.patientId = read.text(key::patientId, requiredId, {});
    entry.hospitalId = read.text(key::hospitalId, requiredId, {});
    entry.displayName =
      read.text(key::displayName, TextRule{ Need::Optional, false, -1, false }, {});
    entry.acuity = static_cast<int>(read.integer(key::acuity, 1, 5));
    entry.riskScore = read.number(key::riskScore, 0.0, 1.0);
    entry.status =
      read.choice(key::status, triageStatusFromString, triageStatusChoices, TriageStatus::Waiting);
    entry.waitingSince = read.timestamp(key::waitingSince, Need::Required).value_or(QDateTime());
    entry.updatedAt = read.timestamp(key::updatedAt, Need::Required).value_or(QDateTime());
    if (read.failed())
        return read.error();
    return entry;
}

QCborMap TriageEntry::toJson() const
{
    QCborMap map;
    map.insert(key::patientId, patientId);
    map.insert(key::hospitalId, hospitalId);
    map.insert(key::displayName, displayName);
    map.insert(key::acuity, acuity);
    map.insert(key::riskScore, riskScore);
    map.insert(key::status, triageStatusToString(status));
    map.insert(key::waitingSince, timestampOrNull(waitingSince));
    map.insert(key::updatedAt, timestampOrNull(updatedAt));
    return map;
}

RoomName::RoomName(QString name, Kind kind, QString id)
  : m_name(std::move(name))
  , m_kind(kind)
  , m_id(std::move(id))
{
}

bool RoomName::isValid(QStringView text)
{
    // `^[a-z_]+_[a-zA-Z0-9]+$` by hand: the suffix has no '_', so the separator is the last '_';
    // before it a non-empty [a-z_]+, after it a non-empty [a-zA-Z0-9]+. Only ASCII matches.
    const qsizetype separator = text.lastIndexOf(u'_');
    if (separator < 1)
        return false;
    for (const QChar c : text.first(separator)) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || u == u'_'))
            return false;
    }
    return isAsciiAlnum(text.sliced(separator + 1));
}

std::optional<RoomName> RoomName::parse(QStringView text)
{
    if (!isValid(text))
        return std::nullopt;
    if (text == u"triage_queue")
        return RoomName(text.toString(), Kind::Triage, {});
    // A known prefix followed by an id that has no '_' (the regex allows `patient_icu_7`, but no
    // patient id can contain '_', so such a name is Other).
    for (const auto &[prefix, kind] : { std::pair{ "patient_"_L1, Kind::Patient },
                                        std::pair{ "hospital_"_L1, Kind::Hospital } }) {
        if (text.startsWith(prefix)) {
            const QStringView id = text.sliced(prefix.size());
            if (isAsciiAlnum(id))
                return RoomName(text.toString(), kind, id.toString());
        }
    }
    return RoomName(text.toString(), Kind::Other, {});
}

RoomName RoomName::patient(const QString &patientId)
{
    const QString name = u"patient_"_s + patientId;
    if (isAsciiAlnum(patientId))
        return RoomName(name, Kind::Patient, patientId);
    return RoomName(name, Kind::Other, {});
}

RoomName RoomName::hospital(const QString &hospitalId)
{
    const QString name = u"hospital_"_s + hospitalId;
    if (isAsciiAlnum(hospitalId))
        return RoomName(name, Kind::Hospital, hospitalId);
    return RoomName(name, Kind::Other, {});
}

RoomName RoomName::triage()
{
    return RoomName(u"triage_queue"_s, Kind::Triage, {});
}

} // namespace vigil::protocol
