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

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

constexpr QByteArrayView example =
  R"({"patient_id":"42","hospital_id":"123","display_name":"Doe, J.","acuity":2,)"
  R"("risk_score":0.87,"status":"waiting","waiting_since":"2026-11-25T16:40:00.000Z",)"
  R"("updated_at":"2026-11-25T17:00:00.000Z"})";

TriageEntry exampleEntry()
{
    TriageEntry entry;
    entry.patientId = u"42"_s;
    entry.hospitalId = u"123"_s;
    entry.displayName = u"Doe, J."_s;
    entry.acuity = 2;
    entry.riskScore = 0.87;
    entry.status = TriageStatus::Waiting;
    entry.waitingSince = utc(2026, 11, 25, 16, 40, 0);
    entry.updatedAt = utc(2026, 11, 25, 17, 0, 0);
    return entry;
}

/// The example with one key replaced (or removed, when value is Undefined).
QCborMap exampleWith(QLatin1StringView key, const QCborValue &value)
{
    QCborMap map = exampleEntry().toJson();
    if (value.isUndefined())
        map.remove(key);
    else
        map.insert(key, value);
    return map;
}

} // namespace

class tst_TriageEntry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusStrings_data();
    void statusStrings();
    void unknownStatusStrings();
    void parsesExample();
    void toJsonMatchesContract();
    void keyOrder();
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void ignoresUnknownKeys();
    void roundTrip_data();
    void roundTrip();
};

void tst_TriageEntry::statusStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TriageStatus>("status");

    QTest::newRow("waiting") << u"waiting"_s << TriageStatus::Waiting;
    QTest::newRow("in_triage") << u"in_triage"_s << TriageStatus::InTriage;
    QTest::newRow("done") << u"done"_s << TriageStatus::Done;
}

void tst_TriageEntry::statusStrings()
{
    QFETCH(QString, text);
    QFETCH(TriageStatus, status);

    QCOMPARE(triageStatusToString(status), text);
    QCOMPARE(triageStatusFromString(text), std::optional(status));
}

void tst_TriageEntry::unknownStatusStrings()
{
    QCOMPARE(triageStatusFromString(u""), std::nullopt);
    QCOMPARE(triageStatusFromString(u"in-triage"), std::nullopt);
    QCOMPARE(triageStatusFromString(u"intriage"), std::nullopt);
    QCOMPARE(triageStatusFromString(u"Waiting"), std::nullopt);
}

void tst_TriageEntry::parsesExample()
{
    const auto entry = TriageEntry::fromJson(parseJson(example));
    QVERIFY2(entry.ok(), qPrintable(entry.ok() ? QString() : entry.error().field));
    QCOMPARE(entry.value(), exampleEntry());
    QCOMPARE(entry->acuity, 2);
    QCOMPARE(entry->riskScore, 0.87);
    QCOMPARE(entry->status, TriageStatus::Waiting);
    QCOMPARE(entry->displayName, u"Doe, J."_s);
}

void tst_TriageEntry::toJsonMatchesContract()
{
    QCOMPARE(json::write(exampleEntry().toJson()), example.toByteArray());
}

void tst_TriageEntry::keyOrder()
{
    QStringList keys;
    const QCborMap map = TriageEntry().toJson();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        keys.append(it.key().toString());
    QCOMPARE(keys,
             QStringList({ u"patient_id"_s,
                           u"hospital_id"_s,
                           u"display_name"_s,
                           u"acuity"_s,
                           u"risk_score"_s,
                           u"status"_s,
                           u"waiting_since"_s,
                           u"updated_at"_s }));
    QVERIFY(map.value(u"acuity"_s).isInteger());
    QVERIFY(map.value(u"risk_score"_s).isDouble());
}

void tst_TriageEntry::accepted_data()
{
    QTest::addColumn<QCborValue>("json");
    QTest::addColumn<TriageEntry>("expected");

    const QCborValue absent;
    TriageEntry noName = exampleEntry();
    noName.displayName.clear();
    QTest::newRow("display_name absent")
      << QCborValue(exampleWith("display_name"_L1, absent)) << noName;
    QTest::newRow("display_name null")
      << QCborValue(exampleWith("display_name"_L1, QCborValue(nullptr))) << noName;

    TriageEntry entry = exampleEntry();
    entry.acuity = 1;
    QTest::newRow("acuity 1") << QCborValue(exampleWith("acuity"_L1, 1)) << entry;
    entry.acuity = 5;
    QTest::newRow("acuity 5") << QCborValue(exampleWith("acuity"_L1, 5)) << entry;
    QTest::newRow("acuity 5.0") << QCborValue(exampleWith("acuity"_L1, 5.0)) << entry;

    entry = exampleEntry();
    entry.riskScore = 0.0;
    QTest::newRow("risk 0 integer") << QCborValue(exampleWith("risk_score"_L1, 0)) << entry;
    entry.riskScore = 1.0;
    QTest::newRow("risk 1 integer") << QCborValue(exampleWith("risk_score"_L1, 1)) << entry;
    QTest::newRow("risk 1.0") << QCborValue(exampleWith("risk_score"_L1, 1.0)) << entry;

    entry = exampleEntry();
    entry.status = TriageStatus::InTriage;
    QTest::newRow("in_triage") << QCborValue(exampleWith("status"_L1, u"in_triage"_s)) << entry;
    entry.status = TriageStatus::Done;
    QTest::newRow("done") << QCborValue(exampleWith("status"_L1, u"done"_s)) << entry;

    entry = exampleEntry();
    entry.updatedAt = utc(2026, 11, 25, 17, 0, 0, 123);
    QTest::newRow("python timestamp")
      << QCborValue(exampleWith("updated_at"_L1, u"2026-11-25T17:00:00.123456+00:00"_s)) << entry;
}

void tst_TriageEntry::accepted()
{
    QFETCH(QCborValue, json);
    QFETCH(TriageEntry, expected);

    const auto entry = TriageEntry::fromJson(json);
    QVERIFY2(
      entry.ok(),
      qPrintable(entry.ok() ? QString() : entry.error().field + u": "_s + entry.error().message));
    QCOMPARE(entry.value(), expected);
}

void tst_TriageEntry::refused_data()
{
    QTest::addColumn<QCborValue>("json");
    QTest::addColumn<QString>("field");

    const QCborValue absent;
    const QCborValue null(nullptr);
    QTest::newRow("array") << QCborValue(QCborArray{ 1 }) << QString();
    QTest::newRow("string") << QCborValue(u"entry"_s) << QString();

    const QLatin1StringView required[] = { "patient_id"_L1, "hospital_id"_L1, "acuity"_L1,
                                           "risk_score"_L1, "status"_L1,      "waiting_since"_L1,
                                           "updated_at"_L1 };
    for (const QLatin1StringView key : required) {
        QTest::addRow("no %s", key.data()) << QCborValue(exampleWith(key, absent)) << QString(key);
        QTest::addRow("%s null", key.data()) << QCborValue(exampleWith(key, null)) << QString(key);
    }

    QTest::newRow("patient_id empty")
      << QCborValue(exampleWith("patient_id"_L1, u""_s)) << u"patient_id"_s;
    QTest::newRow("patient_id number")
      << QCborValue(exampleWith("patient_id"_L1, 42)) << u"patient_id"_s;
    QTest::newRow("hospital_id empty")
      << QCborValue(exampleWith("hospital_id"_L1, u""_s)) << u"hospital_id"_s;
    QTest::newRow("display_name number")
      << QCborValue(exampleWith("display_name"_L1, 7)) << u"display_name"_s;
    QTest::newRow("acuity 0") << QCborValue(exampleWith("acuity"_L1, 0)) << u"acuity"_s;
    QTest::newRow("acuity 6") << QCborValue(exampleWith("acuity"_L1, 6)) << u"acuity"_s;
    QTest::newRow("acuity -1") << QCborValue(exampleWith("acuity"_L1, -1)) << u"acuity"_s;
    QTest::newRow("acuity 2.5") << QCborValue(exampleWith("acuity"_L1, 2.5)) << u"acuity"_s;
    QTest::newRow("acuity huge") << QCborValue(exampleWith("acuity"_L1, Q_INT64_C(4294967298)))
                                 << u"acuity"_s;
    QTest::newRow("acuity string") << QCborValue(exampleWith("acuity"_L1, u"3"_s)) << u"acuity"_s;
    QTest::newRow("risk -0.1") << QCborValue(exampleWith("risk_score"_L1, -0.1)) << u"risk_score"_s;
    QTest::newRow("risk 1.1") << QCborValue(exampleWith("risk_score"_L1, 1.1)) << u"risk_score"_s;
    QTest::newRow("risk 2") << QCborValue(exampleWith("risk_score"_L1, 2)) << u"risk_score"_s;
    QTest::newRow("risk NaN") << QCborValue(exampleWith("risk_score"_L1, qQNaN()))
                              << u"risk_score"_s;
    QTest::newRow("risk string") << QCborValue(exampleWith("risk_score"_L1, u"0.5"_s))
                                 << u"risk_score"_s;
    QTest::newRow("risk bool") << QCborValue(exampleWith("risk_score"_L1, true)) << u"risk_score"_s;
    QTest::newRow("status unknown")
      << QCborValue(exampleWith("status"_L1, u"admitted"_s)) << u"status"_s;
    QTest::newRow("status number") << QCborValue(exampleWith("status"_L1, 1)) << u"status"_s;
    QTest::newRow("waiting_since words")
      << QCborValue(exampleWith("waiting_since"_L1, u"an hour ago"_s)) << u"waiting_since"_s;
    QTest::newRow("updated_at without zone")
      << QCborValue(exampleWith("updated_at"_L1, u"2026-11-25T17:00:00"_s)) << u"updated_at"_s;
    QTest::newRow("updated_at number")
      << QCborValue(exampleWith("updated_at"_L1, Q_INT64_C(1795712400000))) << u"updated_at"_s;
}

void tst_TriageEntry::refused()
{
    QFETCH(QCborValue, json);
    QFETCH(QString, field);

    const auto entry = TriageEntry::fromJson(json);
    QVERIFY(!entry.ok());
    QCOMPARE(entry.error().field, field);
    QVERIFY(!entry.error().message.isEmpty());
}

void tst_TriageEntry::ignoresUnknownKeys()
{
    QCborMap map = exampleEntry().toJson();
    map.insert(u"bed"_s, u"A12"_s);
    map.insert(u"news2"_s, 7);
    map.insert(u"flags"_s, QCborArray{ u"isolation"_s });
    const auto entry = TriageEntry::fromJson(map);
    QVERIFY(entry.ok());
    QCOMPARE(entry.value(), exampleEntry());
}

void tst_TriageEntry::roundTrip_data()
{
    QTest::addColumn<TriageEntry>("entry");

    QTest::newRow("example") << exampleEntry();
    TriageEntry other = exampleEntry();
    other.displayName.clear();
    other.acuity = 5;
    other.riskScore = 1.0;
    other.status = TriageStatus::Done;
    other.waitingSince = utc(2026, 1, 1, 0, 0, 0, 1);
    QTest::newRow("edges") << other;
    other.riskScore = 0.1 + 0.2; // not representable in few digits: must survive the text form
    other.displayName = u"Ærø \U0001F600"_s;
    QTest::newRow("awkward values") << other;
}

void tst_TriageEntry::roundTrip()
{
    QFETCH(TriageEntry, entry);

    const auto direct = TriageEntry::fromJson(entry.toJson());
    QVERIFY(direct.ok());
    QCOMPARE(direct.value(), entry);

    const auto wire = TriageEntry::fromJson(parseJson(json::write(entry.toJson())));
    QVERIFY(wire.ok());
    QCOMPARE(wire.value(), entry);
}

QTEST_GUILESS_MAIN(tst_TriageEntry)
#include "tst_triageentry.moc"
