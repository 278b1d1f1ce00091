// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCborArray>
#include <QTest>

#include "protocol/Contract.h"
#include "protocol/Json.h"

using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

QCborValue parseJson(QByteArrayView text)
{
    const Result<QCborValue> parsed = json::parse(text);
    if (!parsed) {
        qWarning("test JSON does not parse: %s", qPrintable(parsed.error().message));
        return QCborValue(QCborValue::Undefined);
    }
    return parsed.value();
}

QStringList keysOf(const QCborMap &map)
{
    QStringList keys;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        keys.append(it.key().toString());
    return keys;
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

/// The CONTRACT §7 example, as a server sends it.
constexpr QByteArrayView contractExample =
  R"({"id":"a1b2c3","seq":1042,"patient_id":"42","hospital_id":"123","type":"sepsis_risk",)"
  R"("priority":"high","title":"Sepsis risk 0.87","message":"Risk rose from 0.41 to 0.87 in 2 h",)"
  R"("data":{"score":0.87},"source":"risk_engine","created_at":"2026-11-25T17:00:00.000Z",)"
  R"("state":"active","acknowledged_by":null,"acknowledged_at":null,"suppressed":false})";

Alert contractAlert()
{
    Alert alert;
    alert.id = u"a1b2c3"_s;
    alert.seq = 1042;
    alert.patientId = u"42"_s;
    alert.hospitalId = u"123"_s;
    alert.type = u"sepsis_risk"_s;
    alert.priority = Priority::High;
    alert.title = u"Sepsis risk 0.87"_s;
    alert.message = u"Risk rose from 0.41 to 0.87 in 2 h"_s;
    alert.data.insert(u"score"_s, 0.87);
    alert.source = u"risk_engine"_s;
    alert.createdAt = utc(2026, 11, 25, 17, 0, 0);
    alert.state = AlertState::Active;
    return alert;
}

/// An alert object with one key replaced (or removed, when value is Undefined).
QCborMap alertWith(QLatin1StringView key, const QCborValue &value)
{
    QCborMap map = contractAlert().toJson();
    if (value.isUndefined())
        map.remove(key);
    else
        map.insert(key, value);
    return map;
}

const QString emoji = u"\U0001F6A8"_s; // one code point, two UTF-16 units

} // namespace

class tst_Alert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priorityStrings_data();
    void priorityStrings();
    void priorityRankOrder();
    void alertStateStrings_data();
    void alertStateStrings();
    void unknownEnumStrings_data();
    void unknownEnumStrings();

    void parseTimestamp_data();
    void parseTimestamp();
    void formatTimestamp_data();
    void formatTimestamp();

    void inputAccepted_data();
    void inputAccepted();
    void inputRefused_data();
    void inputRefused();
    void inputRefusesNonJsonData_data();
    void inputRefusesNonJsonData();
    void inputKeyOrder();
    void inputRoundTrip();

    void alertFromContractExample();
    void alertToJsonMatchesContract();
    void alertKeyOrder();
    void alertRoundTrip_data();
    void alertRoundTrip();
    void alertIgnoresUnknownKeys();
    void alertDefaults();
    void alertTimestampForms_data();
    void alertTimestampForms();
    void alertIntegralDoubleSeq();
    void alertUnknownEnumsShownAsUrgent();
    void alertRefused_data();
    void alertRefused();
    void fromInputCopiesFields();
};

void tst_Alert::priorityStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Priority>("priority");

    QTest::newRow("high") << u"high"_s << Priority::High;
    QTest::newRow("medium") << u"medium"_s << Priority::Medium;
    QTest::newRow("low") << u"low"_s << Priority::Low;
    QTest::newRow("info") << u"info"_s << Priority::Info;
}

void tst_Alert::priorityStrings()
{
    QFETCH(QString, text);
    QFETCH(Priority, priority);

    QCOMPARE(priorityToString(priority), text);
    QCOMPARE(priorityFromString(text), std::optional(priority));
}

void tst_Alert::priorityRankOrder()
{
    QCOMPARE(priorityRank(Priority::High), 3);
    QCOMPARE(priorityRank(Priority::Medium), 2);
    QCOMPARE(priorityRank(Priority::Low), 1);
    QCOMPARE(priorityRank(Priority::Info), 0);
}

void tst_Alert::alertStateStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<AlertState>("state");

    QTest::newRow("active") << u"active"_s << AlertState::Active;
    QTest::newRow("acknowledged") << u"acknowledged"_s << AlertState::Acknowledged;
    QTest::newRow("resolved") << u"resolved"_s << AlertState::Resolved;
}

void tst_Alert::alertStateStrings()
{
    QFETCH(QString, text);
    QFETCH(AlertState, state);

    QCOMPARE(alertStateToString(state), text);
    QCOMPARE(alertStateFromString(text), std::optional(state));
}

void tst_Alert::unknownEnumStrings_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("capitalised") << u"High"_s;
    QTest::newRow("padded") << u" low"_s;
    QTest::newRow("other") << u"critical"_s;
    QTest::newRow("number") << u"3"_s;
}

void tst_Alert::unknownEnumStrings()
{
    QFETCH(QString, text);

    QCOMPARE(priorityFromString(text), std::nullopt);
    QCOMPARE(alertStateFromString(text), std::nullopt);
}

void tst_Alert::parseTimestamp_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid: must be refused

    const QDateTime five = utc(2026, 11, 25, 17, 0, 0);
    QTest::newRow("ms Z") << u"2026-11-25T17:00:00.000Z"_s << five;
    QTest::newRow("ms value") << u"2026-11-25T17:00:00.123Z"_s << utc(2026, 11, 25, 17, 0, 0, 123);
    QTest::newRow("no ms Z") << u"2026-11-25T17:00:00Z"_s << five;
    QTest::newRow("+00:00") << u"2026-11-25T17:00:00+00:00"_s << five;
    QTest::newRow("-00:00") << u"2026-11-25T17:00:00-00:00"_s << five;
    QTest::newRow("ms +00:00") << u"2026-11-25T17:00:00.500+00:00"_s
                               << utc(2026, 11, 25, 17, 0, 0, 500);
    QTest::newRow("+01:30") << u"2026-11-25T18:30:00.250+01:30"_s
                            << utc(2026, 11, 25, 17, 0, 0, 250);
    QTest::newRow("-05:00 crosses a day")
      << u"2026-11-25T22:00:00-05:00"_s << utc(2026, 11, 26, 3, 0, 0);
    QTest::newRow("python microseconds")
      << u"2026-11-25T17:00:00.123456+00:00"_s << utc(2026, 11, 25, 17, 0, 0, 123);
    QTest::newRow("one digit") << u"2026-11-25T17:00:00.1Z"_s << utc(2026, 11, 25, 17, 0, 0, 100);
    QTest::newRow("two digits") << u"2026-11-25T17:00:00.12Z"_s << utc(2026, 11, 25, 17, 0, 0, 120);
    QTest::newRow("nine digits truncated")
      << u"2026-11-25T17:00:00.999999999Z"_s << utc(2026, 11, 25, 17, 0, 0, 999);
    QTest::newRow("leap day") << u"2028-02-29T00:00:00Z"_s << utc(2028, 2, 29, 0, 0, 0);
    QTest::newRow("year 1") << u"0001-01-01T00:00:00Z"_s << utc(1, 1, 1, 0, 0, 0);
    QTest::newRow("year 9999") << u"9999-12-31T23:59:59.999Z"_s
                               << utc(9999, 12, 31, 23, 59, 59, 999);

    const QDateTime invalid;
    QTest::newRow("empty") << QString() << invalid;
    QTest::newRow("date only") << u"2026-11-25"_s << invalid;
    QTest::newRow("no zone") << u"2026-11-25T17:00:00"_s << invalid;
    QTest::newRow("no zone with ms") << u"2026-11-25T17:00:00.000"_s << invalid;
    QTest::newRow("space separator") << u"2026-11-25 17:00:00Z"_s << invalid;
    QTest::newRow("lower-case t") << u"2026-11-25t17:00:00Z"_s << invalid;
    QTest::newRow("lower-case z") << u"2026-11-25T17:00:00z"_s << invalid;
    QTest::newRow("no minutes") << u"2026-11-25T17:00Z"_s << invalid;
    QTest::newRow("month 13") << u"2026-13-01T00:00:00Z"_s << invalid;
    QTest::newRow("30 February") << u"2026-02-30T00:00:00Z"_s << invalid;
    QTest::newRow("29 February 2026") << u"2026-02-29T00:00:00Z"_s << invalid;
    QTest::newRow("hour 24") << u"2026-11-25T24:00:00Z"_s << invalid;
    QTest::newRow("minute 60") << u"2026-11-25T17:60:00Z"_s << invalid;
    QTest::newRow("leap second") << u"2026-12-31T23:59:60Z"_s << invalid;
    QTest::newRow("dot without digits") << u"2026-11-25T17:00:00.Z"_s << invalid;
    QTest::newRow("ten digits") << u"2026-11-25T17:00:00.1234567890Z"_s << invalid;
    QTest::newRow("comma fraction") << u"2026-11-25T17:00:00,000Z"_s << invalid;
    QTest::newRow("offset without colon") << u"2026-11-25T17:00:00+0000"_s << invalid;
    QTest::newRow("offset hours only") << u"2026-11-25T17:00:00+00"_s << invalid;
    QTest::newRow("offset 24:00") << u"2026-11-25T17:00:00+24:00"_s << invalid;
    QTest::newRow("offset minute 60") << u"2026-11-25T17:00:00+01:60"_s << invalid;
    QTest::newRow("trailing junk") << u"2026-11-25T17:00:00.000Zjunk"_s << invalid;
    QTest::newRow("trailing space") << u"2026-11-25T17:00:00.000Z "_s << invalid;
    QTest::newRow("leading space") << u" 2026-11-25T17:00:00.000Z"_s << invalid;
    QTest::newRow("signed year") << u"+2026-11-25T17:00:00Z"_s << invalid;
    QTest::newRow("year 0") << u"0000-01-01T00:00:00Z"_s << invalid;
    QTest::newRow("offset into year 0") << u"0001-01-01T00:30:00+01:00"_s << invalid;
    QTest::newRow("offset into year 10000") << u"9999-12-31T23:30:00-01:00"_s << invalid;
    QTest::newRow("arabic-indic digits")
      << u"\u0662\u0660\u0662\u0666-11-25T17:00:00Z"_s << invalid;
    QTest::newRow("fullwidth digits") << u"2026-11-25T17:00:0\uFF10Z"_s << invalid;
    QTest::newRow("epoch number") << u"1795712400000"_s << invalid;
    QTest::newRow("words") << u"yesterday"_s << invalid;
}

void tst_Alert::parseTimestamp()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);

    const QDateTime parsed = vigil::protocol::parseTimestamp(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
}

void tst_Alert::formatTimestamp_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");

    QTest::newRow("utc") << utc(2026, 11, 25, 17, 0, 0) << u"2026-11-25T17:00:00.000Z"_s;
    QTest::newRow("padding") << utc(7, 1, 2, 3, 4, 5, 6) << u"0007-01-02T03:04:05.006Z"_s;
    QTest::newRow("ms") << utc(2026, 11, 25, 17, 0, 0, 987) << u"2026-11-25T17:00:00.987Z"_s;
    QTest::newRow("offset converted")
      << QDateTime(QDate(2026, 11, 25), QTime(18, 30, 0, 250), Qt::OffsetFromUTC, 5400)
      << u"2026-11-25T17:00:00.250Z"_s;
    QTest::newRow("invalid") << QDateTime() << QString();
    QTest::newRow("year 10000") << utc(10000, 1, 1, 0, 0, 0) << QString();
    QTest::newRow("negative year") << utc(-5, 1, 1, 0, 0, 0) << QString();
}

void tst_Alert::formatTimestamp()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);

    const QString text = vigil::protocol::formatTimestamp(time);
    QCOMPARE(text, expected);
    if (!expected.isEmpty())
        QCOMPARE(vigil::protocol::parseTimestamp(text), time);
}

void tst_Alert::inputAccepted_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected"); // AlertInput::toJson() of the result

    QTest::newRow("required only")
      << R"({"patient_id":"42","hospital_id":"123","priority":"high","title":"Sepsis"})"_ba
      << R"({"patient_id":"42","hospital_id":"123","type":"generic","priority":"high",)"
         R"("title":"Sepsis","message":"","data":{},"source":""})"_ba;
    QTest::newRow("all fields")
      << R"({"patient_id":"42","hospital_id":"123","type":"sepsis_risk","priority":"medium",)"
         R"("title":"Sepsis risk 0.87","message":"Risk rose","data":{"score":0.87,"n":[1,2]},)"
         R"("source":"risk_engine"})"_ba
      << R"({"patient_id":"42","hospital_id":"123","type":"sepsis_risk","priority":"medium",)"
         R"("title":"Sepsis risk 0.87","message":"Risk rose","data":{"score":0.87,"n":[1,2]},)"
         R"("source":"risk_engine"})"_ba;
    QTest::newRow("any key order")
      << R"({"title":"T","source":"s","priority":"low","hospital_id":"H1","patient_id":"p9"})"_ba
      << R"({"patient_id":"p9","hospital_id":"H1","type":"generic","priority":"low",)"
         R"("title":"T","message":"","data":{},"source":"s"})"_ba;
    QTest::newRow("null optionals are absent")
      << R"({"patient_id":"42","hospital_id":"123","priority":"info","title":"T",)"
         R"("type":null,"message":null,"data":null,"source":null})"_ba
      << R"({"patient_id":"42","hospital_id":"123","type":"generic","priority":"info",)"
         R"("title":"T","message":"","data":{},"source":""})"_ba;
    QTest::newRow("empty message and source")
      << R"({"patient_id":"42","hospital_id":"123","priority":"info","title":"T",)"
         R"("message":"","source":""})"_ba
      << R"({"patient_id":"42","hospital_id":"123","type":"generic","priority":"info",)"
         R"("title":"T","message":"","data":{},"source":""})"_ba;
    QTest::newRow("data of every JSON type")
      << R"({"patient_id":"42","hospital_id":"123","priority":"low","title":"T",)"
         R"("data":{"a":null,"b":true,"c":false,"d":-7,"e":1.5,"f":"x","g":[{"h":[]}]}})"_ba
      << R"({"patient_id":"42","hospital_id":"123","type":"generic","priority":"low",)"
         R"("title":"T","message":"","data":{"a":null,"b":true,"c":false,"d":-7,"e":1.5,)"
         R"("f":"x","g":[{"h":[]}]},"source":""})"_ba;

    const QByteArray id64(maxIdLength, 'a');
    QTest::newRow("id of 64") << R"({"patient_id":")"_ba + id64 +
                                   R"(","hospital_id":"Z9","priority":"low","title":"T"})"_ba
                              << R"({"patient_id":")"_ba + id64 +
                                   R"(","hospital_id":"Z9","type":"generic","priority":"low",)"
                                   R"("title":"T","message":"","data":{},"source":""})"_ba;
    const QByteArray title200(maxTitleLength, 'x');
    QTest::newRow("title of 200")
      << R"({"patient_id":"1","hospital_id":"2","priority":"low","title":")"_ba + title200 +
           R"("})"_ba
      << R"({"patient_id":"1","hospital_id":"2","type":"generic","priority":"low","title":")"_ba +
           title200 + R"(","message":"","data":{},"source":""})"_ba;
    const QByteArray emoji200 = emoji.repeated(maxTitleLength).toUtf8();
    QTest::newRow("title of 200 code points")
      << R"({"patient_id":"1","hospital_id":"2","priority":"low","title":")"_ba + emoji200 +
           R"("})"_ba
      << R"({"patient_id":"1","hospital_id":"2","type":"generic","priority":"low","title":")"_ba +
           emoji200 + R"(","message":"","data":{},"source":""})"_ba;
    const QByteArray message2000(maxMessageLength, 'm');
    QTest::newRow("message of 2000")
      << R"({"patient_id":"1","hospital_id":"2","priority":"low","title":"T","message":")"_ba +
           message2000 + R"("})"_ba
      << R"({"patient_id":"1","hospital_id":"2","type":"generic","priority":"low","title":"T",)"
         R"("message":")"_ba +
           message2000 + R"(","data":{},"source":""})"_ba;
}

void tst_Alert::inputAccepted()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);

    const auto input = AlertInput::fromJson(parseJson(json));
    QVERIFY2(
      input.ok(),
      qPrintable(input.ok() ? QString() : input.error().field + u": "_s + input.error().message));
    QCOMPARE(input->toJson(), parseJson(expected).toMap());
}

void tst_Alert::inputRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");

    // Each row breaks one thing in an otherwise valid input.
    const auto valid = [](QByteArray replacement) {
        QByteArray json =
          R"({"patient_id":"42","hospital_id":"123","priority":"high","title":"T"})"_ba;
        if (!replacement.isEmpty())
            json.insert(json.size() - 1, ',' + replacement);
        return json;
    };
    const auto without = [](QByteArray field) {
        QByteArray json =
          R"({"patient_id":"42","hospital_id":"123","priority":"high","title":"T"})"_ba;
        const qsizetype start = json.indexOf(QByteArray('"' + field + '"'));
        const qsizetype end = json.indexOf(',', start);
        json.remove(start, (end < 0 ? json.size() - 1 : end + 1) - start);
        if (json.endsWith(",}"))
            json.remove(json.size() - 2, 1);
        return json;
    };

    QTest::newRow("array") << "[]"_ba << QString();
    QTest::newRow("string") << R"("alert")"_ba << QString();
    QTest::newRow("null") << "null"_ba << QString();
    QTest::newRow("number") << "42"_ba << QString();

    QTest::newRow("no patient_id") << without("patient_id") << u"patient_id"_s;
    QTest::newRow("no hospital_id") << without("hospital_id") << u"hospital_id"_s;
    QTest::newRow("no priority") << without("priority") << u"priority"_s;
    QTest::newRow("no title") << without("title") << u"title"_s;

    const QByteArray rest = R"("hospital_id":"123","priority":"high","title":"T"})";
    QTest::newRow("patient_id number") << R"({"patient_id":42,)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id null") << R"({"patient_id":null,)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id empty") << R"({"patient_id":"",)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id with -") << R"({"patient_id":"p-1",)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id with _") << R"({"patient_id":"p_1",)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id with space")
      << R"({"patient_id":"4 2",)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id non-ASCII letter")
      << R"({"patient_id":"caf\u00e9",)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id arabic-indic digits")
      << R"({"patient_id":"\u0664\u0662",)"_ba + rest << u"patient_id"_s;
    QTest::newRow("patient_id of 65")
      << R"({"patient_id":")"_ba + QByteArray(maxIdLength + 1, '7') + R"(",)"_ba + rest
      << u"patient_id"_s;
    QTest::newRow("hospital_id with -")
      << R"({"patient_id":"42","hospital_id":"h-1","priority":"high","title":"T"})"_ba
      << u"hospital_id"_s;
    QTest::newRow("hospital_id array")
      << R"({"patient_id":"42","hospital_id":["123"],"priority":"high","title":"T"})"_ba
      << u"hospital_id"_s;

    const QByteArray ids = R"({"patient_id":"42","hospital_id":"123",)";
    QTest::newRow("priority unknown")
      << ids + R"("priority":"critical","title":"T"})"_ba << u"priority"_s;
    QTest::newRow("priority capitalised")
      << ids + R"("priority":"High","title":"T"})"_ba << u"priority"_s;
    QTest::newRow("priority number") << ids + R"("priority":3,"title":"T"})"_ba << u"priority"_s;
    QTest::newRow("priority null") << ids + R"("priority":null,"title":"T"})"_ba << u"priority"_s;

    QTest::newRow("title bool") << ids + R"("priority":"high","title":true})"_ba << u"title"_s;
    QTest::newRow("title empty") << ids + R"("priority":"high","title":""})"_ba << u"title"_s;
    QTest::newRow("title of 201") << ids + R"("priority":"high","title":")"_ba +
                                       QByteArray(maxTitleLength + 1, 'x') + R"("})"_ba
                                  << u"title"_s;
    QTest::newRow("title of 201 code points")
      << ids + R"("priority":"high","title":")"_ba + emoji.repeated(maxTitleLength + 1).toUtf8() +
           R"("})"_ba
      << u"title"_s;

    QTest::newRow("message of 2001")
      << valid(R"("message":")"_ba + QByteArray(maxMessageLength + 1, 'm') + '"') << u"message"_s;
    QTest::newRow("message object") << valid(R"("message":{})"_ba) << u"message"_s;
    QTest::newRow("type array") << valid(R"("type":[])"_ba) << u"type"_s;
    QTest::newRow("type empty") << valid(R"("type":"")"_ba) << u"type"_s;
    QTest::newRow("type of 101") << valid(R"("type":")"_ba +
                                          QByteArray(maxShortTextLength + 1, 't') + '"')
                                 << u"type"_s;
    QTest::newRow("source number") << valid(R"("source":1)"_ba) << u"source"_s;
    QTest::newRow("source of 101")
      << valid(R"("source":")"_ba + QByteArray(maxShortTextLength + 1, 's') + '"') << u"source"_s;
    QTest::newRow("data array") << valid(R"("data":[1])"_ba) << u"data"_s;
    QTest::newRow("data string") << valid(R"("data":"{}")"_ba) << u"data"_s;
    QTest::newRow("data number") << valid(R"("data":0.87)"_ba) << u"data"_s;
    QTest::newRow("data bool") << valid(R"("data":false)"_ba) << u"data"_s;

    QTest::newRow("unknown field") << valid(R"("foo":1)"_ba) << u"foo"_s;
    QTest::newRow("unknown null field") << valid(R"("foo":null)"_ba) << u"foo"_s;
    QTest::newRow("misspelt field") << valid(R"("titel":"x")"_ba) << u"titel"_s;
    QTest::newRow("case matters") << valid(R"("Title":"x")"_ba) << u"Title"_s;
    QTest::newRow("server field id") << valid(R"("id":"a1")"_ba) << u"id"_s;
    QTest::newRow("server field seq") << valid(R"("seq":1)"_ba) << u"seq"_s;
    QTest::newRow("server field state") << valid(R"("state":"active")"_ba) << u"state"_s;
    QTest::newRow("typo reported before missing")
      << R"({"patient_id":"42","hospital_id":"123","priority":"high","titel":"T"})"_ba
      << u"titel"_s;
}

void tst_Alert::inputRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);

    const QCborValue value = parseJson(json);
    QVERIFY(!value.isUndefined());
    const auto input = AlertInput::fromJson(value);
    QVERIFY(!input.ok());
    QCOMPARE(input.error().field, field);
    QVERIFY(!input.error().message.isEmpty());
    if (qstrcmp(QTest::currentDataTag(), "unknown field") == 0)
        QCOMPARE(input.error().message, u"unknown field"_s);
}

void tst_Alert::inputRefusesNonJsonData_data()
{
    QTest::addColumn<QCborValue>("data");
    QTest::addColumn<QString>("field");

    QTest::newRow("binary leaf") << QCborValue(QCborMap{ { u"blob"_s, QByteArray("\x01\x02") } })
                                 << u"data.blob"_s;
    QTest::newRow("nested array path")
      << QCborValue(QCborMap{ { u"list"_s, QCborArray{ 1, QCborMap{ { u"x"_s, qQNaN() } } } } })
      << u"data.list[1].x"_s;
    QTest::newRow("infinity") << QCborValue(QCborMap{ { u"v"_s, qInf() } }) << u"data.v"_s;
    QTest::newRow("undefined") << QCborValue(QCborMap{ { u"u"_s, QCborValue() } }) << u"data.u"_s;
    QTest::newRow("tag") << QCborValue(QCborMap{
                              { u"t"_s,
                                QCborValue(QCborKnownTags::PositiveBignum, QByteArray("\x01")) } })
                         << u"data.t"_s;
    QTest::newRow("integer key") << QCborValue(QCborMap{ { 1, 2 } }) << u"data"_s;

    QCborValue deep = QCborMap{ { u"leaf"_s, 1 } };
    for (int i = 0; i < json::maxDepth + 5; ++i)
        deep = QCborArray{ deep };
    QTest::newRow("too deep") << QCborValue(QCborMap{ { u"deep"_s, deep } }) << QString();
}

void tst_Alert::inputRefusesNonJsonData()
{
    QFETCH(QCborValue, data);
    QFETCH(QString, field);

    QCborMap map{ { u"patient_id"_s, u"42"_s },
                  { u"hospital_id"_s, u"123"_s },
                  { u"priority"_s, u"high"_s },
                  { u"title"_s, u"T"_s },
                  { u"data"_s, data } };
    const auto input = AlertInput::fromJson(map);
    QVERIFY(!input.ok());
    if (field.isEmpty())
        QVERIFY2(input.error().field.startsWith(u"data.deep"_s), qPrintable(input.error().field));
    else
        QCOMPARE(input.error().field, field);
}

void tst_Alert::inputKeyOrder()
{
    AlertInput input;
    input.patientId = u"42"_s;
    input.hospitalId = u"123"_s;
    input.type = u"vitals"_s;
    input.priority = Priority::Low;
    input.title = u"T"_s;
    QCOMPARE(keysOf(input.toJson()),
             QStringList({ u"patient_id"_s,
                           u"hospital_id"_s,
                           u"type"_s,
                           u"priority"_s,
                           u"title"_s,
                           u"message"_s,
                           u"data"_s,
                           u"source"_s }));
}

void tst_Alert::inputRoundTrip()
{
    AlertInput input;
    input.patientId = u"42"_s;
    input.hospitalId = u"123"_s;
    input.type = u"deterioration"_s;
    input.priority = Priority::Medium;
    input.title = u"NEWS2 7"_s;
    input.message = u"Respiratory rate 28"_s;
    input.data = QCborMap{ { u"news2"_s, 7 }, { u"rr"_s, QCborArray{ 22, 25, 28 } } };
    input.source = u"ews"_s;

    const auto direct = AlertInput::fromJson(input.toJson());
    QVERIFY(direct.ok());
    QCOMPARE(direct.value(), input);

    const auto wire = AlertInput::fromJson(parseJson(json::write(input.toJson())));
    QVERIFY(wire.ok());
    QCOMPARE(wire.value(), input);
}

void tst_Alert::alertFromContractExample()
{
    const auto alert = Alert::fromJson(parseJson(contractExample));
    QVERIFY2(alert.ok(), qPrintable(alert.ok() ? QString() : alert.error().field));
    QCOMPARE(alert.value(), contractAlert());
    QCOMPARE(alert->seq, 1042);
    QCOMPARE(alert->priority, Priority::High);
    QCOMPARE(alert->data.value(u"score"_s).toDouble(), 0.87);
    QCOMPARE(alert->createdAt, utc(2026, 11, 25, 17, 0, 0));
    QVERIFY(alert->acknowledgedBy.isEmpty());
    QCOMPARE(alert->acknowledgedAt, std::nullopt);
    QCOMPARE(alert->suppressed, false);
}

void tst_Alert::alertToJsonMatchesContract()
{
    QCOMPARE(json::write(contractAlert().toJson()), contractExample.toByteArray());
}

void tst_Alert::alertKeyOrder()
{
    Alert alert = contractAlert();
    const QStringList contractOrder{ u"id"_s,
                                     u"seq"_s,
                                     u"patient_id"_s,
                                     u"hospital_id"_s,
                                     u"type"_s,
                                     u"priority"_s,
                                     u"title"_s,
                                     u"message"_s,
                                     u"data"_s,
                                     u"source"_s,
                                     u"created_at"_s,
                                     u"state"_s,
                                     u"acknowledged_by"_s,
                                     u"acknowledged_at"_s,
                                     u"suppressed"_s };
    QCOMPARE(keysOf(alert.toJson()), contractOrder);
    QVERIFY(alert.toJson().value(u"acknowledged_by"_s).isNull());
    QVERIFY(alert.toJson().value(u"acknowledged_at"_s).isNull());

    alert.state = AlertState::Acknowledged;
    alert.acknowledgedBy = u"nurse1"_s;
    alert.acknowledgedAt = utc(2026, 11, 25, 17, 5, 0);
    const QCborMap acknowledged = alert.toJson();
    QCOMPARE(keysOf(acknowledged), contractOrder);
    QCOMPARE(acknowledged.value(u"acknowledged_by"_s).toString(), u"nurse1"_s);
    QCOMPARE(acknowledged.value(u"acknowledged_at"_s).toString(), u"2026-11-25T17:05:00.000Z"_s);
    QCOMPARE(acknowledged.value(u"state"_s).toString(), u"acknowledged"_s);
}

void tst_Alert::alertRoundTrip_data()
{
    QTest::addColumn<Alert>("alert");

    QTest::newRow("contract example") << contractAlert();

    Alert acknowledged = contractAlert();
    acknowledged.state = AlertState::Acknowledged;
    acknowledged.acknowledgedBy = u"charge.nurse"_s;
    acknowledged.acknowledgedAt = utc(2026, 11, 25, 17, 3, 12, 345);
    QTest::newRow("acknowledged") << acknowledged;

    Alert resolved = acknowledged;
    resolved.state = AlertState::Resolved;
    resolved.suppressed = true;
    resolved.seq = 9007199254740993; // above 2^53: must stay an integer
    QTest::newRow("resolved suppressed big seq") << resolved;

    Alert sparse;
    sparse.id = u"x"_s;
    sparse.seq = 1;
    sparse.patientId = u"p"_s;
    sparse.hospitalId = u"h"_s;
    sparse.type = u"generic"_s;
    sparse.createdAt = utc(1, 1, 1, 0, 0, 0);
    QTest::newRow("empty strings") << sparse;

    Alert unicode = contractAlert();
    unicode.title = u"Fièvre \U0001F321 39,5 °C"_s;
    unicode.message = u"line\nbreak \"quoted\" \\ tab\t"_s;
    unicode.data =
      QCborMap{ { u"nested"_s,
                  QCborMap{ { u"list"_s, QCborArray{ true, QCborValue(nullptr), -1 } } } },
                { u"ü"_s, u"ß"_s } };
    QTest::newRow("unicode and escapes") << unicode;
}

void tst_Alert::alertRoundTrip()
{
    QFETCH(Alert, alert);

    const auto direct = Alert::fromJson(alert.toJson());
    QVERIFY2(direct.ok(), qPrintable(direct.ok() ? QString() : direct.error().field));
    QCOMPARE(direct.value(), alert);

    const auto wire = Alert::fromJson(parseJson(json::write(alert.toJson())));
    QVERIFY2(wire.ok(), qPrintable(wire.ok() ? QString() : wire.error().field));
    QCOMPARE(wire.value(), alert);
}

void tst_Alert::alertIgnoresUnknownKeys()
{
    QCborMap map = contractAlert().toJson();
    map.insert(u"escalation_level"_s, 2);
    map.insert(u"ward"_s, QCborMap{ { u"name"_s, u"ICU"_s } });
    map.insert(u"x_binary"_s, QByteArray("\x00\x01", 2));
    const auto alert = Alert::fromJson(map);
    QVERIFY(alert.ok());
    QCOMPARE(alert.value(), contractAlert());
}

void tst_Alert::alertDefaults()
{
    const auto alert = Alert::fromJson(
      parseJson(R"({"id":"a","seq":5,"patient_id":"42","hospital_id":"123","priority":"low",)"
                R"("title":"T","created_at":"2026-11-25T17:00:00Z","state":"active"})"));
    QVERIFY2(alert.ok(), qPrintable(alert.ok() ? QString() : alert.error().field));
    QCOMPARE(alert->type, u"generic"_s);
    QVERIFY(alert->message.isEmpty());
    QVERIFY(alert->data.isEmpty());
    QVERIFY(alert->source.isEmpty());
    QVERIFY(alert->acknowledgedBy.isEmpty());
    QCOMPARE(alert->acknowledgedAt, std::nullopt);
    QCOMPARE(alert->suppressed, false);

    const auto nulls = Alert::fromJson(
      parseJson(R"({"id":"a","seq":5,"patient_id":"42","hospital_id":"123","priority":"low",)"
                R"("title":"T","created_at":"2026-11-25T17:00:00Z","state":"active","type":null,)"
                R"("message":null,"data":null,"source":null,"suppressed":null})"));
    QVERIFY(nulls.ok());
    QCOMPARE(nulls.value(), alert.value());
}

void tst_Alert::alertTimestampForms_data()
{
    QTest::addColumn<QString>("createdAt");
    QTest::addColumn<QString>("acknowledgedAt");
    QTest::addColumn<QDateTime>("expectedCreated");
    QTest::addColumn<QDateTime>("expectedAcknowledged");

    QTest::newRow("with ms") << u"2026-11-25T17:00:00.123Z"_s << u"2026-11-25T17:01:00.456Z"_s
                             << utc(2026, 11, 25, 17, 0, 0, 123)
                             << utc(2026, 11, 25, 17, 1, 0, 456);
    QTest::newRow("without ms") << u"2026-11-25T17:00:00Z"_s << u"2026-11-25T17:01:00Z"_s
                                << utc(2026, 11, 25, 17, 0, 0) << utc(2026, 11, 25, 17, 1, 0);
    QTest::newRow("python +00:00")
      << u"2026-11-25T17:00:00.123456+00:00"_s << u"2026-11-25T17:01:00+00:00"_s
      << utc(2026, 11, 25, 17, 0, 0, 123) << utc(2026, 11, 25, 17, 1, 0);
}

void tst_Alert::alertTimestampForms()
{
    QFETCH(QString, createdAt);
    QFETCH(QString, acknowledgedAt);
    QFETCH(QDateTime, expectedCreated);
    QFETCH(QDateTime, expectedAcknowledged);

    QCborMap map = contractAlert().toJson();
    map.insert(u"created_at"_s, createdAt);
    map.insert(u"state"_s, u"acknowledged"_s);
    map.insert(u"acknowledged_by"_s, u"nurse1"_s);
    map.insert(u"acknowledged_at"_s, acknowledgedAt);
    const auto alert = Alert::fromJson(map);
    QVERIFY(alert.ok());
    QCOMPARE(alert->createdAt, expectedCreated);
    QVERIFY(alert->acknowledgedAt.has_value());
    QCOMPARE(*alert->acknowledgedAt, expectedAcknowledged);
    // Written back in the contract's one form.
    QCOMPARE(alert->toJson().value(u"created_at"_s).toString(),
             vigil::protocol::formatTimestamp(expectedCreated));
    QVERIFY(alert->toJson().value(u"created_at"_s).toString().endsWith(u"Z"_s));
}

void tst_Alert::alertIntegralDoubleSeq()
{
    const auto alert = Alert::fromJson(alertWith("seq"_L1, QCborValue(1042.0)));
    QVERIFY(alert.ok());
    QCOMPARE(alert->seq, 1042);
}

void tst_Alert::alertRefused_data()
{
    QTest::addColumn<QCborValue>("json");
    QTest::addColumn<QString>("field");

    const QCborValue absent;
    QTest::newRow("not an object") << QCborValue(QCborArray{}) << QString();
    QTest::newRow("no id") << QCborValue(alertWith("id"_L1, absent)) << u"id"_s;
    QTest::newRow("empty id") << QCborValue(alertWith("id"_L1, u""_s)) << u"id"_s;
    QTest::newRow("numeric id") << QCborValue(alertWith("id"_L1, 7)) << u"id"_s;
    QTest::newRow("no seq") << QCborValue(alertWith("seq"_L1, absent)) << u"seq"_s;
    QTest::newRow("seq 0") << QCborValue(alertWith("seq"_L1, 0)) << u"seq"_s;
    QTest::newRow("seq -1") << QCborValue(alertWith("seq"_L1, -1)) << u"seq"_s;
    QTest::newRow("seq 1.5") << QCborValue(alertWith("seq"_L1, 1.5)) << u"seq"_s;
    QTest::newRow("seq 1e300") << QCborValue(alertWith("seq"_L1, 1e300)) << u"seq"_s;
    QTest::newRow("seq string") << QCborValue(alertWith("seq"_L1, u"1042"_s)) << u"seq"_s;
    QTest::newRow("seq null") << QCborValue(alertWith("seq"_L1, QCborValue(nullptr))) << u"seq"_s;
    QTest::newRow("no patient_id")
      << QCborValue(alertWith("patient_id"_L1, absent)) << u"patient_id"_s;
    QTest::newRow("empty hospital_id")
      << QCborValue(alertWith("hospital_id"_L1, u""_s)) << u"hospital_id"_s;
    QTest::newRow("no priority") << QCborValue(alertWith("priority"_L1, absent)) << u"priority"_s;
    QTest::newRow("numeric priority") << QCborValue(alertWith("priority"_L1, 3)) << u"priority"_s;
    QTest::newRow("no title") << QCborValue(alertWith("title"_L1, absent)) << u"title"_s;
    QTest::newRow("data array") << QCborValue(alertWith("data"_L1, QCborArray{})) << u"data"_s;
    QTest::newRow("no created_at")
      << QCborValue(alertWith("created_at"_L1, absent)) << u"created_at"_s;
    QTest::newRow("created_at null")
      << QCborValue(alertWith("created_at"_L1, QCborValue(nullptr))) << u"created_at"_s;
    QTest::newRow("created_at words")
      << QCborValue(alertWith("created_at"_L1, u"yesterday"_s)) << u"created_at"_s;
    QTest::newRow("created_at without zone")
      << QCborValue(alertWith("created_at"_L1, u"2026-11-25T17:00:00"_s)) << u"created_at"_s;
    QTest::newRow("created_at number")
      << QCborValue(alertWith("created_at"_L1, Q_INT64_C(1795712400000))) << u"created_at"_s;
    QTest::newRow("no state") << QCborValue(alertWith("state"_L1, absent)) << u"state"_s;
    QTest::newRow("numeric state") << QCborValue(alertWith("state"_L1, 1)) << u"state"_s;
    QTest::newRow("acknowledged_by number")
      << QCborValue(alertWith("acknowledged_by"_L1, 5)) << u"acknowledged_by"_s;
    QTest::newRow("acknowledged_at bad")
      << QCborValue(alertWith("acknowledged_at"_L1, u"soon"_s)) << u"acknowledged_at"_s;
    QTest::newRow("suppressed string")
      << QCborValue(alertWith("suppressed"_L1, u"false"_s)) << u"suppressed"_s;
    QTest::newRow("suppressed number")
      << QCborValue(alertWith("suppressed"_L1, 0)) << u"suppressed"_s;
}

void tst_Alert::alertUnknownEnumsShownAsUrgent()
{
    // Dropping an alert because a newer server invented a priority or state would hide it.
    const auto alert = Alert::fromJson(alertWith("priority"_L1, u"critical"_s));
    QVERIFY(alert.ok());
    QCOMPARE(alert->priority, Priority::High);
    const auto updated = Alert::fromJson(alertWith("state"_L1, u"escalated"_s));
    QVERIFY(updated.ok());
    QCOMPARE(updated->state, AlertState::Active);
}

void tst_Alert::alertRefused()
{
    QFETCH(QCborValue, json);
    QFETCH(QString, field);

    const auto alert = Alert::fromJson(json);
    QVERIFY(!alert.ok());
    QCOMPARE(alert.error().field, field);
    QVERIFY(!alert.error().message.isEmpty());
}

void tst_Alert::fromInputCopiesFields()
{
    AlertInput input;
    input.patientId = u"42"_s;
    input.hospitalId = u"123"_s;
    input.type = u"vitals"_s;
    input.priority = Priority::Medium;
    input.title = u"HR 140"_s;
    input.message = u"Tachycardia"_s;
    input.data = QCborMap{ { u"hr"_s, 140 } };
    input.source = u"monitor"_s;

    const Alert alert = Alert::fromInput(input);
    QCOMPARE(alert.patientId, input.patientId);
    QCOMPARE(alert.hospitalId, input.hospitalId);
    QCOMPARE(alert.type, input.type);
    QCOMPARE(alert.priority, input.priority);
    QCOMPARE(alert.title, input.title);
    QCOMPARE(alert.message, input.message);
    QCOMPARE(alert.data, input.data);
    QCOMPARE(alert.source, input.source);
    QVERIFY(alert.id.isEmpty());
    QCOMPARE(alert.seq, 0);
    QCOMPARE(alert.state, AlertState::Active);
    QCOMPARE(alert.suppressed, false);
}

QTEST_GUILESS_MAIN(tst_Alert)
#include "tst_alert.moc"
