// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QRegularExpression>
#include <QTest>

#include "protocol/Contract.h"

using vigil::protocol::RoomName;
using namespace Qt::StringLiterals;

class tst_RoomName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void agreesWithContractRegex_data();
    void agreesWithContractRegex();
    void factories();
    void invalidFactoryIds_data();
    void invalidFactoryIds();
};

void tst_RoomName::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<RoomName::Kind>("kind");
    QTest::addColumn<QString>("id");

    using Kind = RoomName::Kind;
    QTest::newRow("patient_42") << u"patient_42"_s << true << Kind::Patient << u"42"_s;
    QTest::newRow("patient letters") << u"patient_AbC9"_s << true << Kind::Patient << u"AbC9"_s;
    QTest::newRow("hospital_123") << u"hospital_123"_s << true << Kind::Hospital << u"123"_s;
    QTest::newRow("triage_queue") << u"triage_queue"_s << true << Kind::Triage << QString();
    QTest::newRow("patient_icu_7: id would hold _")
      << u"patient_icu_7"_s << true << Kind::Other << QString();
    QTest::newRow("patient__7") << u"patient__7"_s << true << Kind::Other << QString();
    QTest::newRow("other prefix") << u"ward_5"_s << true << Kind::Other << QString();
    QTest::newRow("triage_queue2") << u"triage_queue2"_s << true << Kind::Other << QString();
    QTest::newRow("triage_other") << u"triage_other"_s << true << Kind::Other << QString();
    QTest::newRow("leading underscores") << u"__x"_s << true << Kind::Other << QString();
    QTest::newRow("hospitals_1") << u"hospitals_1"_s << true << Kind::Other << QString();
    QTest::newRow("long id") << u"patient_"_s + QString(500, u'9') << true << Kind::Patient
                             << QString(500, u'9');

    QTest::newRow("empty") << QString() << false << Kind::Other << QString();
    QTest::newRow("Patient_1") << u"Patient_1"_s << false << Kind::Other << QString();
    QTest::newRow("patient_") << u"patient_"_s << false << Kind::Other << QString();
    QTest::newRow("_1") << u"_1"_s << false << Kind::Other << QString();
    QTest::newRow("_") << u"_"_s << false << Kind::Other << QString();
    QTest::newRow("patient") << u"patient"_s << false << Kind::Other << QString();
    QTest::newRow("patient-1") << u"patient-1"_s << false << Kind::Other << QString();
    QTest::newRow("patient_4 2") << u"patient_4 2"_s << false << Kind::Other << QString();
    QTest::newRow("patient_42 trailing space")
      << u"patient_42 "_s << false << Kind::Other << QString();
    QTest::newRow("patient_42 newline") << u"patient_42\n"_s << false << Kind::Other << QString();
    QTest::newRow("digit in prefix") << u"ward2_5"_s << false << Kind::Other << QString();
    QTest::newRow("trailing underscore") << u"patient_42_"_s << false << Kind::Other << QString();
    QTest::newRow("id with dot") << u"patient_4.2"_s << false << Kind::Other << QString();
    QTest::newRow("unicode id") << u"patient_caf\u00e9"_s << false << Kind::Other << QString();
    QTest::newRow("unicode digits")
      << u"patient_\u0664\u0662"_s << false << Kind::Other << QString();
    QTest::newRow("unicode prefix") << u"p\u00e4tient_1"_s << false << Kind::Other << QString();
    QTest::newRow("emoji") << u"patient_\U0001F600"_s << false << Kind::Other << QString();
    QTest::newRow("NUL") << u"patient_4\u00002"_s << false << Kind::Other << QString();
}

void tst_RoomName::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(RoomName::Kind, kind);
    QFETCH(QString, id);

    QCOMPARE(RoomName::isValid(text), valid);
    const std::optional<RoomName> room = RoomName::parse(text);
    QCOMPARE(room.has_value(), valid);
    if (room) {
        QCOMPARE(room->name(), text);
        QCOMPARE(room->kind(), kind);
        QCOMPARE(room->id(), id);
    }
}

void tst_RoomName::agreesWithContractRegex_data()
{
    parse_data();
}

void tst_RoomName::agreesWithContractRegex()
{
    QFETCH(QString, text);

    // The contract's regex, as the reference the hand-written check must match.
    static const QRegularExpression contract(u"^[a-z_]+_[a-zA-Z0-9]+$"_s);
    const bool matches = contract.match(text).hasMatch() && !text.endsWith(u'\n');
    QCOMPARE(RoomName::isValid(text), matches);
}

void tst_RoomName::factories()
{
    const RoomName patient = RoomName::patient(u"42"_s);
    QCOMPARE(patient.name(), u"patient_42"_s);
    QCOMPARE(patient.kind(), RoomName::Kind::Patient);
    QCOMPARE(patient.id(), u"42"_s);
    QCOMPARE(RoomName::parse(patient.name()), std::optional(patient));

    const RoomName hospital = RoomName::hospital(u"123"_s);
    QCOMPARE(hospital.name(), u"hospital_123"_s);
    QCOMPARE(hospital.kind(), RoomName::Kind::Hospital);
    QCOMPARE(hospital.id(), u"123"_s);
    QCOMPARE(RoomName::parse(hospital.name()), std::optional(hospital));

    const RoomName triage = RoomName::triage();
    QCOMPARE(triage.name(), u"triage_queue"_s);
    QCOMPARE(triage.kind(), RoomName::Kind::Triage);
    QVERIFY(triage.id().isEmpty());
    QCOMPARE(RoomName::parse(triage.name()), std::optional(triage));

    QVERIFY(patient != hospital);
    QVERIFY(RoomName::patient(u"123"_s) != hospital);
}

void tst_RoomName::invalidFactoryIds_data()
{
    QTest::addColumn<QString>("id");

    QTest::newRow("empty") << QString();
    QTest::newRow("dash") << u"4-2"_s;
    QTest::newRow("underscore") << u"icu_7"_s;
    QTest::newRow("unicode") << u"\u00e9"_s;
}

void tst_RoomName::invalidFactoryIds()
{
    QFETCH(QString, id);

    for (const RoomName &room : { RoomName::patient(id), RoomName::hospital(id) }) {
        QCOMPARE(room.kind(), RoomName::Kind::Other);
        QVERIFY(room.id().isEmpty());
        const std::optional<RoomName> parsed = RoomName::parse(room.name());
        QVERIFY(!parsed || parsed->kind() == RoomName::Kind::Other);
    }
}

QTEST_GUILESS_MAIN(tst_RoomName)
#include "tst_roomname.moc"
