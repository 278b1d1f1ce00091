// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cmath>
#include <limits>

#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include "protocol/Json.h"

using namespace vigil::protocol;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(vigil::protocol::ErrorCode)

class tst_Json : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValues_data();
    void parseValues();
    void roundTrip_data();
    void roundTrip();
    void keyOrderPreserved();
    void duplicateKeys_data();
    void duplicateKeys();
    void manyKeys();
    void errors_data();
    void errors();
    void errorMessageNamesOffset();
    void nestingLimit_data();
    void nestingLimit();
    void numbers_data();
    void numbers();
    void writeStrings_data();
    void writeStrings();
    void writeDoubles_data();
    void writeDoubles();
    void writeSpecialValues();
    void writeWithAttachments();
};

void tst_Json::parseValues_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QCborValue>("expected");

    QTest::newRow("string") << "\"str\""_ba << QCborValue(u"str"_s);
    QTest::newRow("empty string") << "\"\""_ba << QCborValue(QString(u""_s));
    QTest::newRow("integer") << "42"_ba << QCborValue(42);
    QTest::newRow("negative") << "-7"_ba << QCborValue(-7);
    QTest::newRow("zero") << "0"_ba << QCborValue(0);
    QTest::newRow("minus zero") << "-0"_ba << QCborValue(0);
    QTest::newRow("double") << "1.5"_ba << QCborValue(1.5);
    QTest::newRow("double with zero fraction") << "1.0"_ba << QCborValue(1.0);
    QTest::newRow("exponent") << "1e2"_ba << QCborValue(100.0);
    QTest::newRow("negative exponent") << "-2.5E-3"_ba << QCborValue(-0.0025);
    QTest::newRow("true") << "true"_ba << QCborValue(true);
    QTest::newRow("false") << "false"_ba << QCborValue(false);
    QTest::newRow("null") << "null"_ba << QCborValue(nullptr);
    QTest::newRow("surrounding whitespace") << " \t\r\n 7 \n"_ba << QCborValue(7);
    QTest::newRow("empty array") << "[]"_ba << QCborValue(QCborArray());
    QTest::newRow("empty object") << "{}"_ba << QCborValue(QCborMap());
    QTest::newRow("spaced empties")
      << "[ [ ] , { } ]"_ba << QCborValue(QCborArray{ QCborArray(), QCborMap() });
    QTest::newRow("array") << "[1,\"a\",null,true,2.5]"_ba
                           << QCborValue(QCborArray{ 1, u"a"_s, nullptr, true, 2.5 });
    QTest::newRow("object") << "{\"a\":1,\"b\":[true]}"_ba
                            << QCborValue(
                                 QCborMap{ { u"a"_s, 1 }, { u"b"_s, QCborArray{ true } } });
    QTest::newRow("escapes") << R"("\"\\\/\b\f\n\r\t")"_ba << QCborValue(u"\"\\/\b\f\n\r\t"_s);
    QTest::newRow("unicode escape") << R"("caf\u00e9 \u00E9")"_ba << QCborValue(u"café é"_s);
    QTest::newRow("nul escape") << R"("a\u0000b")"_ba << QCborValue(QString(u"a\0b"_s));
    QTest::newRow("surrogate pair") << R"("\ud83d\ude00")"_ba << QCborValue(u"😀"_s);
    QTest::newRow("lone high surrogate") << R"("a\ud800b")"_ba << QCborValue(u"a\ufffdb"_s);
    QTest::newRow("lone low surrogate") << R"("\udc00")"_ba << QCborValue(u"\ufffd"_s);
    QTest::newRow("high then non-low escape") << R"("\ud800\u0041")"_ba << QCborValue(u"\ufffdA"_s);
    QTest::newRow("raw UTF-8") << "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""_ba
                               << QCborValue(u"é€😀"_s);
    QTest::newRow("escaped key") << R"({"\u0061":1})"_ba << QCborValue(QCborMap{ { u"a"_s, 1 } });
    QTest::newRow("DEL and U+2028 raw") << "\"\x7f\xe2\x80\xa8\""_ba << QCborValue(u"\x7f\u2028"_s);
}

void tst_Json::parseValues()
{
    QFETCH(QByteArray, text);
    QFETCH(QCborValue, expected);
    const auto r = json::parse(text);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r.value(), expected);
    QCOMPARE(r.value().type(), expected.type());
}

void tst_Json::roundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("written");

    auto same = [](const char *name, const QByteArray &t) { QTest::newRow(name) << t << t; };
    same("scalar string", "\"hello\""_ba);
    same("scalar int", "-12"_ba);
    same("scalar double", "0.87"_ba);
    same("nested", R"({"a":[1,{"b":null,"c":[[],{}]}],"d":"x"})"_ba);
    same("unordered keys", R"({"z":1,"a":2,"m":3})"_ba);
    same(
      "alert",
      R"({"id":"a1","seq":1042,"priority":"high","data":{"score":0.87,"previous":0.41},"created_at":"2026-11-25T17:00:00Z"})"_ba);
    same("unicode", "[\"é€😀\",\"\\u0001\\u001f\"]"_ba);
    same("big int", "[9223372036854775807,-9223372036854775808]"_ba);
    QTest::newRow("whitespace dropped") << " { \"a\" : [ 1 , 2 ] } "_ba
                                        << R"({"a":[1,2]})"_ba;
    QTest::newRow("slash unescaped") << R"("a\/b")"_ba
                                     << R"("a/b")"_ba;
    QTest::newRow("unicode escapes written raw") << R"("\u00e9\ud83d\ude00")"_ba
                                                 << "\"\xc3\xa9\xf0\x9f\x98\x80\""_ba;
    QTest::newRow("control escapes") << R"("\u0008\u000c\u000a\u000d\u0009\u0007")"_ba
                                     << R"("\b\f\n\r\t\u0007")"_ba;
    QTest::newRow("integral double") << "1.0"_ba
                                     << "1"_ba;
    QTest::newRow("exponent") << "1E3"_ba
                              << "1000"_ba;
    QTest::newRow("huge") << "1e21"_ba
                          << "1e+21"_ba;
    QTest::newRow("beyond int64") << "9223372036854775808"_ba
                                  << "9223372036854776000"_ba;
    QTest::newRow("overflow to infinity") << "[1e400,-1e400]"_ba
                                          << "[null,null]"_ba;
    QTest::newRow("underflow to zero") << "[1e-400,-1e-400]"_ba
                                       << "[0,0]"_ba;
}

void tst_Json::roundTrip()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, written);
    const auto r = json::parse(text);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(json::write(r.value()), written);
}

void tst_Json::keyOrderPreserved()
{
    const auto r = json::parse(R"({"zeta":1,"alpha":2,"mid":{"y":1,"b":2}})");
    QVERIFY(r.ok());
    const QCborMap m = r.value().toMap();
    QStringList keys;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        keys << it.key().toString();
    QCOMPARE(keys, (QStringList{ u"zeta"_s, u"alpha"_s, u"mid"_s }));

    // Objects built in code keep insertion order on the way out too.
    QCborMap built;
    built.insert(u"type"_s, u"x"_s);
    built.insert(u"b"_s, 1);
    built.insert(u"a"_s, 2);
    QCOMPARE(json::write(built), R"({"type":"x","b":1,"a":2})"_ba);
}

void tst_Json::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("written");

    QTest::newRow("last wins at first position") << R"({"a":1,"b":2,"a":3})"_ba
                                                 << R"({"a":3,"b":2})"_ba;
    QTest::newRow("three times") << R"({"a":1,"a":2,"b":0,"a":3})"_ba
                                 << R"({"a":3,"b":0})"_ba;
    QTest::newRow("escaped duplicate") << R"({"a":1,"\u0061":2})"_ba
                                       << R"({"a":2})"_ba;
    QTest::newRow("nested duplicates") << R"({"a":{"x":1,"x":2},"a":{"y":1,"y":[3],"z":0}})"_ba
                                       << R"({"a":{"y":[3],"z":0}})"_ba;
    QTest::newRow("inside array") << R"([{"k":1,"k":2},{"k":3}])"_ba
                                  << R"([{"k":2},{"k":3}])"_ba;
    QTest::newRow("same key different objects") << R"({"a":{"a":1},"b":{"a":2}})"_ba
                                                << R"({"a":{"a":1},"b":{"a":2}})"_ba;
    QTest::newRow("chain") << R"({"a":0,"a":{"a":0,"a":{"a":0,"a":1}}})"_ba
                           << R"({"a":{"a":{"a":1}}})"_ba;

    // Past the linear scan threshold the duplicate is found by hashing.
    QByteArray big = "{";
    QByteArray bigExpected = "{";
    for (int i = 0; i < 40; ++i) {
        const QByteArray member = "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i);
        big += member + ',';
        bigExpected += (i == 3 ? "\"k3\":\"last\""_ba : member) + (i < 39 ? "," : "");
    }
    big += "\"k3\":\"last\"}";
    bigExpected += '}';
    QTest::newRow("large object") << big << bigExpected;
}

void tst_Json::duplicateKeys()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, written);
    const auto r = json::parse(text);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(json::write(r.value()), written);
}

void tst_Json::manyKeys()
{
    // Large enough that per-key linear lookups would stall the test; correctness is what is
    // checked.
    constexpr int count = 50000;
    QByteArray text = "{";
    for (int i = 0; i < count; ++i) {
        if (i)
            text += ',';
        text += "\"key" + QByteArray::number(i) + "\":" + QByteArray::number(i);
    }
    text += '}';
    const auto r = json::parse(text);
    QVERIFY(r.ok());
    const QCborMap m = r.value().toMap();
    QCOMPARE(m.size(), count);
    QCOMPARE(m.value(u"key0"_s), QCborValue(0));
    QCOMPARE(m.value(u"key49999"_s), QCborValue(49999));
    QCOMPARE((m.cbegin() + 12345).key().toString(), u"key12345"_s);
    QCOMPARE(json::write(r.value()), text);
}

void tst_Json::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ErrorCode>("code");

    const auto bad = ErrorCode::InvalidJson;
    QTest::newRow("empty") << ""_ba << bad;
    QTest::newRow("whitespace only") << "  \n"_ba << bad;
    QTest::newRow("trailing comma array") << "[1,]"_ba << bad;
    QTest::newRow("trailing comma object") << R"({"a":1,})"_ba << bad;
    QTest::newRow("missing comma") << "[1 2]"_ba << bad;
    QTest::newRow("leading comma") << "[,1]"_ba << bad;
    QTest::newRow("unclosed array") << "[1"_ba << bad;
    QTest::newRow("unclosed object") << R"({"a":1)"_ba << bad;
    QTest::newRow("mismatched bracket") << "[1}"_ba << bad;
    QTest::newRow("unquoted key") << "{a:1}"_ba << bad;
    QTest::newRow("single quotes") << "['a']"_ba << bad;
    QTest::newRow("missing colon") << R"({"a" 1})"_ba << bad;
    QTest::newRow("missing value") << R"({"a":})"_ba << bad;
    QTest::newRow("line comment") << "[1]// c"_ba << bad;
    QTest::newRow("block comment") << "[/* c */1]"_ba << bad;
    QTest::newRow("leading zero") << "01"_ba << bad;
    QTest::newRow("negative leading zero") << "-01"_ba << bad;
    QTest::newRow("lone minus") << "-"_ba << bad;
    QTest::newRow("plus sign") << "+1"_ba << bad;
    QTest::newRow("leading dot") << ".5"_ba << bad;
    QTest::newRow("trailing dot") << "1."_ba << bad;
    QTest::newRow("empty exponent") << "1e"_ba << bad;
    QTest::newRow("signed empty exponent") << "1e+"_ba << bad;
    QTest::newRow("hex") << "0x10"_ba << bad;
    QTest::newRow("NaN") << "NaN"_ba << bad;
    QTest::newRow("Infinity") << "Infinity"_ba << bad;
    QTest::newRow("truncated literal") << "tru"_ba << bad;
    QTest::newRow("misspelled literal") << "nul1"_ba << bad;
    QTest::newRow("capitalised literal") << "True"_ba << bad;
    QTest::newRow("trailing garbage") << "[1]x"_ba << bad;
    QTest::newRow("two values") << "1 2"_ba << bad;
    QTest::newRow("unterminated string") << "\"abc"_ba << bad;
    QTest::newRow("raw newline in string") << "\"a\nb\""_ba << bad;
    QTest::newRow("raw tab in string") << "\"a\tb\""_ba << bad;
    QTest::newRow("bad escape") << R"("\q")"_ba << bad;
    QTest::newRow("short unicode escape") << R"("\u12")"_ba << bad;
    QTest::newRow("non-hex unicode escape") << R"("\u12g4")"_ba << bad;
    QTest::newRow("escape at end") << "\"\\"_ba << bad;
    QTest::newRow("invalid UTF-8 lead") << "\"\xff\""_ba << bad;
    QTest::newRow("truncated UTF-8") << "\"\xc3\""_ba << bad;
    QTest::newRow("overlong UTF-8") << "\"\xc0\xaf\""_ba << bad;
    QTest::newRow("overlong 3-byte") << "\"\xe0\x80\xaf\""_ba << bad;
    QTest::newRow("UTF-8 surrogate") << "\"\xed\xa0\x80\""_ba << bad;
    QTest::newRow("above U+10FFFF") << "\"\xf4\x90\x80\x80\""_ba << bad;
    QTest::newRow("invalid UTF-8 after escape") << "\"\\n\xff\""_ba << bad;
    QTest::newRow("byte order mark") << "\xef\xbb\xbf[]"_ba << bad;
    QTest::newRow("NUL byte") << QByteArray("[1]\0", 4) << bad;
    QTest::newRow("too deep") << QByteArray(json::maxDepth + 1, '[') << ErrorCode::NestingTooDeep;
}

void tst_Json::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(ErrorCode, code);
    const auto r = json::parse(text);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY(!r.error().message.isEmpty());
}

void tst_Json::errorMessageNamesOffset()
{
    const auto comma = json::parse(R"({"a":1,"b":2,})");
    QVERIFY(!comma.ok());
    QCOMPARE(comma.error().message,
             u"unexpected '}' where an object key was expected at offset 13"_s);

    const auto end = json::parse("[1,2");
    QVERIFY(!end.ok());
    QCOMPARE(end.error().message, u"unexpected end of input at offset 4"_s);

    const auto zero = json::parse("[01]");
    QVERIFY(!zero.ok());
    QCOMPARE(zero.error().message, u"leading zero in number at offset 2"_s);

    const auto control = json::parse("\"\x01\"");
    QVERIFY(!control.ok());
    QCOMPARE(control.error().message, u"control character in string at offset 1"_s);

    const auto trailing = json::parse("[1] \x02");
    QVERIFY(!trailing.ok());
    QCOMPARE(trailing.error().message, u"unexpected byte 0x02 after the JSON value at offset 4"_s);
}

void tst_Json::nestingLimit_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");

    const auto arrays = [](int depth) -> QByteArray {
        return QByteArray(depth, '[') + QByteArray(depth, ']');
    };
    const auto objects = [](int depth) {
        QByteArray t;
        for (int i = 0; i < depth; ++i)
            t += "{\"a\":";
        t += '1';
        t += QByteArray(depth, '}');
        return t;
    };
    QTest::newRow("arrays at limit") << arrays(json::maxDepth) << true;
    QTest::newRow("arrays past limit") << arrays(json::maxDepth + 1) << false;
    QTest::newRow("objects at limit") << objects(json::maxDepth) << true;
    QTest::newRow("objects past limit") << objects(json::maxDepth + 1) << false;
    QTest::newRow("100000 open brackets") << QByteArray(100000, '[') << false;
    QTest::newRow("100000 open objects") << QByteArray("{\"a\":").repeated(100000) << false;
}

void tst_Json::nestingLimit()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    const auto r = json::parse(text);
    QCOMPARE(r.ok(), accepted);
    if (accepted)
        QCOMPARE(json::write(r.value()), text);
    else
        QCOMPARE(r.error().code, ErrorCode::NestingTooDeep);
}

void tst_Json::numbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QCborValue>("expected");

    QTest::newRow("int64 max") << "9223372036854775807"_ba
                               << QCborValue(std::numeric_limits<qint64>::max());
    QTest::newRow("int64 min") << "-9223372036854775808"_ba
                               << QCborValue(std::numeric_limits<qint64>::min());
    QTest::newRow("int64 max + 1") << "9223372036854775808"_ba << QCborValue(9223372036854775808.0);
    QTest::newRow("int64 min - 1")
      << "-9223372036854775809"_ba << QCborValue(-9223372036854775809.0);
    QTest::newRow("20 digits") << "12345678901234567890"_ba << QCborValue(12345678901234567890.0);
    QTest::newRow("many digits") << ("1" + QByteArray(400, '0')) << QCborValue(qInf());
    QTest::newRow("negative many digits") << ("-1" + QByteArray(400, '0')) << QCborValue(-qInf());
    QTest::newRow("long fraction") << ("0." + QByteArray(400, '0') + "1") << QCborValue(0.0);
    QTest::newRow("zero huge exponent") << "0e99999"_ba << QCborValue(0.0);
    QTest::newRow("max double") << "1.7976931348623157e308"_ba
                                << QCborValue(std::numeric_limits<double>::max());
    QTest::newRow("min subnormal")
      << "5e-324"_ba << QCborValue(std::numeric_limits<double>::denorm_min());
    QTest::newRow("0.1") << "0.1"_ba << QCborValue(0.1);
    QTest::newRow("2^53 + 1 as integer")
      << "9007199254740993"_ba << QCborValue(qint64(9007199254740993));
}

void tst_Json::numbers()
{
    QFETCH(QByteArray, text);
    QFETCH(QCborValue, expected);
    const auto r = json::parse(text);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r.value().type(), expected.type());
    if (expected.isDouble())
        QCOMPARE(r.value().toDouble(), expected.toDouble());
    else
        QCOMPARE(r.value().toInteger(), expected.toInteger());
}

void tst_Json::writeStrings_data()
{
    QTest::addColumn<QString>("string");
    QTest::addColumn<QByteArray>("written");

    QTest::newRow("plain") << u"abc"_s << "\"abc\""_ba;
    QTest::newRow("quote and backslash") << u"a\"b\\c"_s << R"("a\"b\\c")"_ba;
    QTest::newRow("short escapes") << u"\b\f\n\r\t"_s << R"("\b\f\n\r\t")"_ba;
    QTest::newRow("other controls") << QString(u"\x00\x01\x1f"_s) << R"("\u0000\u0001\u001f")"_ba;
    QTest::newRow("slash and DEL raw") << u"/\x7f"_s << "\"/\x7f\""_ba;
    QTest::newRow("latin1") << u"é"_s << "\"\xc3\xa9\""_ba;
    QTest::newRow("BMP") << u"€\u2028"_s << "\"\xe2\x82\xac\xe2\x80\xa8\""_ba;
    QTest::newRow("astral") << u"😀"_s << "\"\xf0\x9f\x98\x80\""_ba;
    QTest::newRow("lone high surrogate") << QString(QChar(0xd800)) + u'x' << R"("\ud800x")"_ba;
    QTest::newRow("lone low surrogate") << QString(QChar(0xdfff)) << R"("\udfff")"_ba;
    QTest::newRow("high at end") << u"a"_s + QChar(0xdbff) << R"("a\udbff")"_ba;
    QTest::newRow("reversed pair")
      << QString(QChar(0xde00)) + QChar(0xd83d) << R"("\ude00\ud83d")"_ba;
}

void tst_Json::writeStrings()
{
    QFETCH(QString, string);
    QFETCH(QByteArray, written);
    QCOMPARE(json::write(QCborValue(string)), written);
    // Map keys go through the same escaping.
    QCOMPARE(json::write(QCborMap{ { string, 1 } }), '{' + written + ":1}");
}

void tst_Json::writeDoubles_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("written");

    // Expected strings are what JSON.stringify(value) gives in Node.
    QTest::newRow("1.5") << 1.5 << "1.5"_ba;
    QTest::newRow("0.87") << 0.87 << "0.87"_ba;
    QTest::newRow("0.1+0.2") << 0.1 + 0.2 << "0.30000000000000004"_ba;
    QTest::newRow("integral") << 100.0 << "100"_ba;
    QTest::newRow("negative") << -2.5 << "-2.5"_ba;
    QTest::newRow("minus zero") << -0.0 << "0"_ba;
    QTest::newRow("1e21") << 1e21 << "1e+21"_ba;
    QTest::newRow("below 1e21") << 123456789012345680000.0 << "123456789012345680000"_ba;
    QTest::newRow("1.5e300") << 1.5e300 << "1.5e+300"_ba;
    QTest::newRow("1e-6") << 1e-6 << "0.000001"_ba;
    QTest::newRow("1.5e-7") << 1.5e-7 << "1.5e-7"_ba;
    QTest::newRow("0.000123") << 0.000123 << "0.000123"_ba;
    QTest::newRow("-1e-7") << -1e-7 << "-1e-7"_ba;
    QTest::newRow("max") << std::numeric_limits<double>::max() << "1.7976931348623157e+308"_ba;
    QTest::newRow("denorm min") << std::numeric_limits<double>::denorm_min() << "5e-324"_ba;
    QTest::newRow("2^53") << 9007199254740992.0 << "9007199254740992"_ba;
    QTest::newRow("NaN") << qQNaN() << "null"_ba;
    QTest::newRow("Infinity") << qInf() << "null"_ba;
    QTest::newRow("-Infinity") << -qInf() << "null"_ba;
}

void tst_Json::writeDoubles()
{
    QFETCH(double, value);
    QFETCH(QByteArray, written);
    QCOMPARE(json::write(QCborValue(value)), written);
    if (std::isfinite(value)) {
        const auto back = json::parse(written);
        QVERIFY(back.ok());
        QCOMPARE(back.value().toDouble(), value);
    }
}

void tst_Json::writeSpecialValues()
{
    QCborMap m;
    m.insert(u"u"_s, QCborValue());
    m.insert(u"n"_s, QCborValue(nullptr));
    m.insert(u"bytes"_s, QByteArray("\x01\x02", 2));
    m.insert(u"t"_s, true);
    m.insert(u"f"_s, false);
    m.insert(u"simple"_s, QCborValue(QCborSimpleType(32)));
    m.insert(qint64(7), u"int key"_s);
    m.insert(QCborValue(1.5), u"double key"_s);
    m.insert(u"arr"_s, QCborArray{ QCborValue(), 1, QCborValue(QCborValue::Undefined) });
    QCOMPARE(
      json::write(m),
      R"({"n":null,"bytes":null,"t":true,"f":false,"simple":null,"7":"int key","1.5":"double key","arr":[null,1,null]})"_ba);
    QCOMPARE(json::write(QCborValue()), "null"_ba);
    QCOMPARE(json::write(QCborValue(QCborKnownTags::PositiveBignum, QByteArray("\x01", 1))),
             "null"_ba);
    QCOMPARE(json::write(QCborValue(QCborTag(1234), u"tagged"_s)), "\"tagged\""_ba);
}

void tst_Json::writeWithAttachments()
{
    const QByteArray a("\x01\x02", 2);
    const QByteArray b("\x03", 1);
    const QByteArray c("", 0);
    QCborMap inner;
    inner.insert(u"z"_s, b);
    inner.insert(u"a"_s, c);
    const QCborArray value{ u"ev"_s, a, inner, QCborArray{ a } };

    QByteArray out = "prefix:";
    QList<QByteArray> attachments;
    json::write(value, out, &attachments);
    QCOMPARE(
      out,
      R"(prefix:["ev",{"_placeholder":true,"num":0},{"z":{"_placeholder":true,"num":1},"a":{"_placeholder":true,"num":2}},[{"_placeholder":true,"num":3}]])"_ba);
    QCOMPARE(attachments, (QList<QByteArray>{ a, b, c, a }));

    QByteArray plain;
    json::write(value, plain, nullptr);
    QCOMPARE(plain, R"(["ev",null,{"z":null,"a":null},[null]])"_ba);
}

QTEST_GUILESS_MAIN(tst_Json)
#include "tst_json.moc"
