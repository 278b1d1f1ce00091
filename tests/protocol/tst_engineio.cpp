// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QByteArray>
#include <QList>
#include <QTest>

#include "protocol/EngineIo.h"

using namespace Qt::StringLiterals;

namespace vigil::protocol {

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
        case ErrorCode::EmptyInput:
            return "EmptyInput";
        case ErrorCode::UnknownPacketType:
            return "UnknownPacketType";
        case ErrorCode::InvalidJson:
            return "InvalidJson";
        case ErrorCode::NestingTooDeep:
            return "NestingTooDeep";
        case ErrorCode::InvalidBase64:
            return "InvalidBase64";
        case ErrorCode::InvalidHandshake:
            return "InvalidHandshake";
        case ErrorCode::InvalidNamespace:
            return "InvalidNamespace";
        case ErrorCode::InvalidAckId:
            return "InvalidAckId";
        case ErrorCode::InvalidAttachmentCount:
            return "InvalidAttachmentCount";
        case ErrorCode::TooManyAttachments:
            return "TooManyAttachments";
        case ErrorCode::InvalidPayload:
            return "InvalidPayload";
        case ErrorCode::ReservedEventName:
            return "ReservedEventName";
        case ErrorCode::UnexpectedBinary:
            return "UnexpectedBinary";
        case ErrorCode::UnexpectedText:
            return "UnexpectedText";
        case ErrorCode::InvalidPlaceholder:
            return "InvalidPlaceholder";
        case ErrorCode::TooManyPackets:
            return "TooManyPackets";
        case ErrorCode::TooLarge:
            return "TooLarge";
    }
    return "?";
}

char *toString(ErrorCode code)
{
    return qstrdup(errorCodeName(code));
}

namespace eio {

char *toString(const Packet &p)
{
    const QByteArray shown = p.binary ? QByteArray("binary ").append(p.data.toHex(' ')) : p.data;
    return QTest::toString(
      u"Packet(type %1, %2)"_s.arg(static_cast<int>(p.type)).arg(QString::fromUtf8(shown)));
}

char *toString(const Handshake &h)
{
    return QTest::toString(
      u"Handshake(sid %1, upgrades [%2], pingInterval %3, pingTimeout %4, maxPayload %5)"_s
        .arg(h.sid, h.upgrades.join(u','))
        .arg(h.pingInterval)
        .arg(h.pingTimeout)
        .arg(h.maxPayload ? QString::number(*h.maxPayload) : u"unset"_s));
}

} // namespace eio
} // namespace vigil::protocol

using vigil::protocol::ErrorCode;
using vigil::protocol::eio::Handshake;
using vigil::protocol::eio::Packet;
using vigil::protocol::eio::PacketType;
namespace eio = vigil::protocol::eio;

Q_DECLARE_METATYPE(vigil::protocol::ErrorCode)
Q_DECLARE_METATYPE(vigil::protocol::eio::Packet)
Q_DECLARE_METATYPE(vigil::protocol::eio::Handshake)

namespace {

const QByteArray nodeHandshake =
  R"({"sid":"U6MBpYzPzvaP3Yr5AAAB","upgrades":["websocket"],"pingInterval":25000,)"
  R"("pingTimeout":20000,"maxPayload":1000000})";
const QByteArray specHandshake =
  R"({"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,)"
  R"("pingTimeout":20000,"maxPayload":1000000})";
const QByteArray pythonHandshake =
  R"({"sid":"c3b1f0a2d4e54b6f8a9b0c1d2e3f4a5b","upgrades":["websocket"],"pingTimeout":20000,)"
  R"("pingInterval":25000})";

QByteArray openFrame()
{
    return QByteArray("0").append(nodeHandshake);
}

Handshake makeHandshake(const QString &sid,
                        const QStringList &upgrades,
                        qint64 interval,
                        qint64 timeout,
                        std::optional<qint64> maxPayload)
{
    Handshake h;
    h.sid = sid;
    h.upgrades = upgrades;
    h.pingInterval = interval;
    h.pingTimeout = timeout;
    h.maxPayload = maxPayload;
    return h;
}

QByteArray repeatRecord(const QByteArray &record, int count)
{
    QByteArray body;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            body.append(eio::recordSeparator);
        body.append(record);
    }
    return body;
}

} // namespace

class tst_EngineIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textPacket_data();
    void textPacket();
    void binaryPacketTextForm();
    void binaryFrame();
    void malformedText_data();
    void malformedText();

    void payload_data();
    void payload();
    void malformedPayload_data();
    void malformedPayload();
    void payloadErrorNamesPacket();
    void maxPackets_data();
    void maxPackets();
    void tooManyPacketsStopsBeforeLaterRecords();
    void defaultMaxPackets();

    void handshakeFromJson_data();
    void handshakeFromJson();
    void handshakeToJson_data();
    void handshakeToJson();
    void handshakeRoundTrip_data();
    void handshakeRoundTrip();
    void handshakeFromOpenPacket();
    void malformedHandshake_data();
    void malformedHandshake();
};

void tst_EngineIo::textPacket_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Packet>("packet");

    QTest::newRow("open") << openFrame() << Packet::control(PacketType::Open, nodeHandshake);
    QTest::newRow("open empty") << "0"_ba << Packet::control(PacketType::Open);
    QTest::newRow("close") << "1"_ba << Packet::control(PacketType::Close);
    QTest::newRow("ping") << "2"_ba << Packet::control(PacketType::Ping);
    QTest::newRow("ping probe") << "2probe"_ba << Packet::control(PacketType::Ping, "probe");
    QTest::newRow("pong") << "3"_ba << Packet::control(PacketType::Pong);
    QTest::newRow("pong probe") << "3probe"_ba << Packet::control(PacketType::Pong, "probe");
    QTest::newRow("message") << "4hello"_ba << Packet::message("hello");
    QTest::newRow("message empty") << "4"_ba << Packet::message({});
    QTest::newRow("message utf-8")
      << "4h\xc3\xa9llo \xe2\x9c\x93"_ba << Packet::message("h\xc3\xa9llo \xe2\x9c\x93");
    QTest::newRow("message looks like base64") << "4bAQID"_ba << Packet::message("bAQID");
    QTest::newRow("socket.io event")
      << R"(42["auth",{"token":"x"}])"_ba << Packet::message(R"(2["auth",{"token":"x"}])");
    QTest::newRow("upgrade") << "5"_ba << Packet::control(PacketType::Upgrade);
    QTest::newRow("noop") << "6"_ba << Packet::control(PacketType::Noop);
    QTest::newRow("close with data") << "1bye"_ba << Packet::control(PacketType::Close, "bye");
}

void tst_EngineIo::textPacket()
{
    QFETCH(QByteArray, frame);
    QFETCH(Packet, packet);

    const auto decoded = eio::decodeText(frame);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), packet);
    QVERIFY(!decoded->binary);
    QCOMPARE(eio::encodeText(packet), frame);
}

void tst_EngineIo::binaryPacketTextForm()
{
    QCOMPARE(eio::encodeText(Packet::binaryMessage("\x01\x02\x03\x04"_ba)), "bAQIDBA=="_ba);
    QCOMPARE(eio::encodeText(Packet::binaryMessage({})), "b"_ba);
}

void tst_EngineIo::binaryFrame()
{
    const QByteArray bytes("\x00\xff\x1e"
                           "4",
                           4);
    const Packet p = eio::fromBinaryFrame(bytes);
    QVERIFY(p.binary);
    QCOMPARE(p.type, PacketType::Message);
    QCOMPARE(p.data, bytes);
}

void tst_EngineIo::malformedText_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("empty") << QByteArray() << ErrorCode::EmptyInput;
    QTest::newRow("type 7") << "7"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("type 9 with data") << "9hello"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("letter") << "x"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("below digits") << "/4"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("NUL") << QByteArray(1, '\0') << ErrorCode::UnknownPacketType;
    QTest::newRow("high byte") << "\xff"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("space first") << " 4hi"_ba << ErrorCode::UnknownPacketType;
    // Over WebSocket binary data comes as binary frames: a `b` text frame is not a packet.
    QTest::newRow("b over websocket") << "bAQIDBA=="_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("b alone") << "b"_ba << ErrorCode::UnknownPacketType;
}

void tst_EngineIo::malformedText()
{
    QFETCH(QByteArray, frame);
    QFETCH(ErrorCode, code);

    const auto decoded = eio::decodeText(frame);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, code);
    QVERIFY(!decoded.error().message.isEmpty());
}

void tst_EngineIo::payload_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<Packet>>("packets");

    QTest::newRow("spec text packets") << "4hello\x1e"
                                          "2\x1e"
                                          "4world"_ba
                                       << QList<Packet>{ Packet::message("hello"),
                                                         Packet::control(PacketType::Ping),
                                                         Packet::message("world") };
    QTest::newRow("spec text and binary")
      << "4hello\x1e"
         "bAQIDBA=="_ba
      << QList<Packet>{ Packet::message("hello"), Packet::binaryMessage("\x01\x02\x03\x04"_ba) };
    QTest::newRow("suite three messages") << "4test1\x1e"
                                             "4test2\x1e"
                                             "4test3"_ba
                                          << QList<Packet>{ Packet::message("test1"),
                                                            Packet::message("test2"),
                                                            Packet::message("test3") };
    QTest::newRow("single message") << "4test"_ba << QList<Packet>{ Packet::message("test") };
    QTest::newRow("node handshake GET")
      << openFrame() << QList<Packet>{ Packet::control(PacketType::Open, nodeHandshake) };
    QTest::newRow("node connect ack and event GET")
      << "40{\"sid\":\"hyd_2VgJmQ3ZyEjgAAAD\"}\x1e"
         "42[\"auth\",{\"token\":\"x\"}]"_ba
      << QList<Packet>{ Packet::message(R"(0{"sid":"hyd_2VgJmQ3ZyEjgAAAD"})"),
                        Packet::message(R"(2["auth",{"token":"x"}])") };
    QTest::newRow("node binary event POST")
      << "451-[\"echo\",\"bin\",{\"_placeholder\":true,\"num\":0}]\x1e"
         "bAQID"_ba
      << QList<Packet>{ Packet::message(R"(51-["echo","bin",{"_placeholder":true,"num":0}])"),
                        Packet::binaryMessage("\x01\x02\x03"_ba) };
    QTest::newRow("node binary echo GET")
      << "451-[\"echo-back\",\"bin\",{\"_placeholder\":true,\"num\":0}]\x1e"
         "bAQID"_ba
      << QList<Packet>{ Packet::message(R"(51-["echo-back","bin",{"_placeholder":true,"num":0}])"),
                        Packet::binaryMessage("\x01\x02\x03"_ba) };
    QTest::newRow("close") << "1"_ba << QList<Packet>{ Packet::control(PacketType::Close) };
    QTest::newRow("noop") << "6"_ba << QList<Packet>{ Packet::control(PacketType::Noop) };
    QTest::newRow("empty message then ping")
      << "4\x1e"
         "2"_ba
      << QList<Packet>{ Packet::message({}), Packet::control(PacketType::Ping) };
    QTest::newRow("empty binary") << "b"_ba << QList<Packet>{ Packet::binaryMessage({}) };
    QTest::newRow("binary one byte")
      << "bAA=="_ba << QList<Packet>{ Packet::binaryMessage(QByteArray(1, '\0')) };
    QTest::newRow("binary two bytes")
      << "b//8="_ba << QList<Packet>{ Packet::binaryMessage("\xff\xff"_ba) };
    QTest::newRow("binary with separator byte")
      << "bHh4e"_ba << QList<Packet>{ Packet::binaryMessage("\x1e\x1e\x1e"_ba) };
    QTest::newRow("binary first") << "bAQID\x1e"
                                     "4a"_ba
                                  << QList<Packet>{ Packet::binaryMessage("\x01\x02\x03"_ba),
                                                    Packet::message("a") };
}

void tst_EngineIo::payload()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<Packet>, packets);

    const auto decoded = eio::decodePayload(body);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), packets);
    QCOMPARE(eio::encodePayload(packets), body);
}

void tst_EngineIo::malformedPayload_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("empty") << QByteArray() << ErrorCode::EmptyInput;
    QTest::newRow("type 7") << "7"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("letter") << "x"_ba << ErrorCode::UnknownPacketType;
    QTest::newRow("bad type after good") << "4a\x1e"
                                            "9"_ba
                                         << ErrorCode::UnknownPacketType;
    QTest::newRow("base64 garbage") << "b!!!"_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64 space") << "bAQ ID"_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64url alphabet") << "b-_8="_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64 missing padding") << "bAQIDBA"_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64 trailing bits") << "bAQIDBB=="_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64 one char") << "bA"_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64 padding inside") << "bAQ==AQID"_ba << ErrorCode::InvalidBase64;
    QTest::newRow("base64 too much padding") << "bA==="_ba << ErrorCode::InvalidBase64;
    QTest::newRow("empty record between") << "4a\x1e\x1e"
                                             "4b"_ba
                                          << ErrorCode::InvalidPayload;
    QTest::newRow("trailing separator") << "4a\x1e"_ba << ErrorCode::InvalidPayload;
    QTest::newRow("leading separator") << "\x1e"
                                          "4a"_ba
                                       << ErrorCode::InvalidPayload;
    QTest::newRow("separator only") << "\x1e"_ba << ErrorCode::InvalidPayload;
}

void tst_EngineIo::malformedPayload()
{
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);

    const auto decoded = eio::decodePayload(body);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, code);
    QVERIFY(!decoded.error().message.isEmpty());
}

void tst_EngineIo::payloadErrorNamesPacket()
{
    const auto decoded = eio::decodePayload("4a\x1e"
                                            "4b\x1e"
                                            "b!!!"_ba);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::InvalidBase64);
    QVERIFY2(decoded.error().message.contains(u"packet 2"_s), qPrintable(decoded.error().message));
}

void tst_EngineIo::maxPackets_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("below") << 2 << 3 << true;
    QTest::newRow("at limit") << 3 << 3 << true;
    QTest::newRow("one over") << 4 << 3 << false;
    QTest::newRow("limit one, one packet") << 1 << 1 << true;
    QTest::newRow("limit one, two packets") << 2 << 1 << false;
    QTest::newRow("limit zero") << 1 << 0 << false;
}

void tst_EngineIo::maxPackets()
{
    QFETCH(int, count);
    QFETCH(int, limit);
    QFETCH(bool, accepted);

    const auto decoded = eio::decodePayload(repeatRecord("4x"_ba, count), limit);
    QCOMPARE(decoded.ok(), accepted);
    if (accepted)
        QCOMPARE(decoded->size(), count);
    else
        QCOMPARE(decoded.error().code, ErrorCode::TooManyPackets);
}

void tst_EngineIo::tooManyPacketsStopsBeforeLaterRecords()
{
    // The refusal comes before the decoder reaches the bad 4th record: it never walks the rest.
    const auto decoded = eio::decodePayload("4a\x1e"
                                            "4b\x1e"
                                            "4c\x1e"
                                            "!!!"_ba,
                                            2);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::TooManyPackets);
}

void tst_EngineIo::defaultMaxPackets()
{
    const auto atLimit = eio::decodePayload(repeatRecord("6"_ba, 10'000));
    QVERIFY(atLimit.ok());
    QCOMPARE(atLimit->size(), 10'000);

    const auto over = eio::decodePayload(repeatRecord("6"_ba, 10'001));
    QVERIFY(!over.ok());
    QCOMPARE(over.error().code, ErrorCode::TooManyPackets);
}

void tst_EngineIo::handshakeFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Handshake>("handshake");

    QTest::newRow("node")
      << nodeHandshake
      << makeHandshake(u"U6MBpYzPzvaP3Yr5AAAB"_s, { u"websocket"_s }, 25000, 20000, 1000000);
    QTest::newRow("spec example")
      << specHandshake
      << makeHandshake(u"lv_VI97HAXpY6yYWAAAC"_s, { u"websocket"_s }, 25000, 20000, 1000000);
    QTest::newRow("python, no maxPayload, timeout first")
      << pythonHandshake
      << makeHandshake(
           u"c3b1f0a2d4e54b6f8a9b0c1d2e3f4a5b"_s, { u"websocket"_s }, 25000, 20000, std::nullopt);
    QTest::newRow("websocket-only session")
      << R"({"sid":"abc","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1000000})"_ba
      << makeHandshake(u"abc"_s, {}, 300, 200, 1000000);
    QTest::newRow("no upgrades key")
      << R"({"sid":"abc","pingInterval":25000,"pingTimeout":20000})"_ba
      << makeHandshake(u"abc"_s, {}, 25000, 20000, std::nullopt);
    QTest::newRow("unknown keys ignored")
      << R"({"extra":{"a":[1,null]},"sid":"abc","upgrades":["websocket","webtransport"],)"
         R"("pingInterval":25000,"pingTimeout":20000,"maxPayload":5,"x":true})"_ba
      << makeHandshake(u"abc"_s, { u"websocket"_s, u"webtransport"_s }, 25000, 20000, 5);
    QTest::newRow("whitespace")
      << "{ \"sid\" : \"abc\" ,\n \"upgrades\" : [ ] , \"pingInterval\" : 1 ,"
         " \"pingTimeout\" : 0 }"_ba
      << makeHandshake(u"abc"_s, {}, 1, 0, std::nullopt);
    QTest::newRow("python zero interval")
      << R"({"sid":"abc","upgrades":[],"pingTimeout":0,"pingInterval":0})"_ba
      << makeHandshake(u"abc"_s, {}, 0, 0, std::nullopt);
    QTest::newRow("integral double")
      << R"({"sid":"abc","pingInterval":25000.0,"pingTimeout":2e4,"maxPayload":1e6})"_ba
      << makeHandshake(u"abc"_s, {}, 25000, 20000, 1000000);
    QTest::newRow("largest timer")
      << R"({"sid":"abc","pingInterval":2147483647,"pingTimeout":2147483647})"_ba
      << makeHandshake(u"abc"_s, {}, 2147483647, 2147483647, std::nullopt);
    QTest::newRow("unicode sid") << R"({"sid":"\u00e9t\u00e9","pingInterval":1,"pingTimeout":2})"_ba
                                 << makeHandshake(u"\u00e9t\u00e9"_s, {}, 1, 2, std::nullopt);
}

void tst_EngineIo::handshakeFromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(Handshake, handshake);

    const auto decoded = Handshake::fromJson(json);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), handshake);
}

void tst_EngineIo::handshakeToJson_data()
{
    QTest::addColumn<Handshake>("handshake");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("node / spec example")
      << makeHandshake(u"lv_VI97HAXpY6yYWAAAC"_s, { u"websocket"_s }, 25000, 20000, 1000000)
      << specHandshake;
    QTest::newRow("websocket-only")
      << makeHandshake(u"abc"_s, {}, 300, 200, 1000000)
      << R"({"sid":"abc","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1000000})"_ba;
    QTest::newRow("maxPayload unset")
      << makeHandshake(u"abc"_s, { u"websocket"_s }, 25000, 20000, std::nullopt)
      << R"({"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000})"_ba;
}

void tst_EngineIo::handshakeToJson()
{
    QFETCH(Handshake, handshake);
    QFETCH(QByteArray, json);

    QCOMPARE(handshake.toJson(), json);
}

void tst_EngineIo::handshakeRoundTrip_data()
{
    QTest::addColumn<Handshake>("handshake");

    QTest::newRow("node") << makeHandshake(
      u"U6MBpYzPzvaP3Yr5AAAB"_s, { u"websocket"_s }, 25000, 20000, 1000000);
    QTest::newRow("python") << makeHandshake(
      u"c3b1"_s, { u"websocket"_s }, 25000, 20000, std::nullopt);
    QTest::newRow("quote and backslash in sid")
      << makeHandshake(u"a\"b\\c/\u00e9"_s, { u"websocket"_s, u"polling"_s }, 0, 0, 1);
}

void tst_EngineIo::handshakeRoundTrip()
{
    QFETCH(Handshake, handshake);

    const auto decoded = Handshake::fromJson(handshake.toJson());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), handshake);
}

void tst_EngineIo::handshakeFromOpenPacket()
{
    const auto packet = eio::decodeText(openFrame());
    QVERIFY(packet.ok());
    QCOMPARE(packet->type, PacketType::Open);
    const auto handshake = Handshake::fromJson(packet->data);
    QVERIFY(handshake.ok());
    QCOMPARE(handshake->sid, u"U6MBpYzPzvaP3Yr5AAAB"_s);
    QVERIFY(handshake->maxPayload.has_value());
    QCOMPARE(*handshake->maxPayload, 1000000);
}

void tst_EngineIo::malformedHandshake_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");

    const auto row = [](const char *name, const char *json, ErrorCode code, const QString &field) {
        QTest::newRow(name) << QByteArray(json) << code << field;
    };
    const ErrorCode bad = ErrorCode::InvalidHandshake;
    row("missing sid", R"({"upgrades":[],"pingInterval":1,"pingTimeout":1})", bad, u"sid"_s);
    row("empty sid", R"({"sid":"","pingInterval":1,"pingTimeout":1})", bad, u"sid"_s);
    row("numeric sid", R"({"sid":42,"pingInterval":1,"pingTimeout":1})", bad, u"sid"_s);
    row("null sid", R"({"sid":null,"pingInterval":1,"pingTimeout":1})", bad, u"sid"_s);
    row("string pingInterval",
        R"({"sid":"a","pingInterval":"25000","pingTimeout":1})",
        bad,
        u"pingInterval"_s);
    row("missing pingInterval", R"({"sid":"a","pingTimeout":1})", bad, u"pingInterval"_s);
    row("fractional pingInterval",
        R"({"sid":"a","pingInterval":0.5,"pingTimeout":1})",
        bad,
        u"pingInterval"_s);
    row("huge pingInterval",
        R"({"sid":"a","pingInterval":2147483648,"pingTimeout":1})",
        bad,
        u"pingInterval"_s);
    row("negative pingTimeout",
        R"({"sid":"a","pingInterval":1,"pingTimeout":-1})",
        bad,
        u"pingTimeout"_s);
    row("missing pingTimeout", R"({"sid":"a","pingInterval":1})", bad, u"pingTimeout"_s);
    row("boolean pingTimeout",
        R"({"sid":"a","pingInterval":1,"pingTimeout":true})",
        bad,
        u"pingTimeout"_s);
    row("pingTimeout 1e400",
        R"({"sid":"a","pingInterval":1,"pingTimeout":1e400})",
        bad,
        u"pingTimeout"_s);
    row("zero maxPayload",
        R"({"sid":"a","pingInterval":1,"pingTimeout":1,"maxPayload":0})",
        bad,
        u"maxPayload"_s);
    row("negative maxPayload",
        R"({"sid":"a","pingInterval":1,"pingTimeout":1,"maxPayload":-5})",
        bad,
        u"maxPayload"_s);
    row("string maxPayload",
        R"({"sid":"a","pingInterval":1,"pingTimeout":1,"maxPayload":"1e6"})",
        bad,
        u"maxPayload"_s);
    row("null maxPayload",
        R"({"sid":"a","pingInterval":1,"pingTimeout":1,"maxPayload":null})",
        bad,
        u"maxPayload"_s);
    row("string upgrades",
        R"({"sid":"a","upgrades":"websocket","pingInterval":1,"pingTimeout":1})",
        bad,
        u"upgrades"_s);
    row("numeric upgrade",
        R"({"sid":"a","upgrades":["websocket",1],"pingInterval":1,"pingTimeout":1})",
        bad,
        u"upgrades[1]"_s);
    row("null upgrades",
        R"({"sid":"a","upgrades":null,"pingInterval":1,"pingTimeout":1})",
        bad,
        u"upgrades"_s);
    row("JSON array", R"([{"sid":"a","pingInterval":1,"pingTimeout":1}])", bad, u"object"_s);
    row("JSON string", R"("sid")", bad, u"object"_s);
    row("JSON null", "null", bad, u"object"_s);
    row("not JSON", "sid=abc", ErrorCode::InvalidJson, u"handshake"_s);
    row(
      "truncated JSON", R"({"sid":"a","pingInterval":1,)", ErrorCode::InvalidJson, u"handshake"_s);
    row("empty", "", ErrorCode::InvalidJson, u"handshake"_s);
}

void tst_EngineIo::malformedHandshake()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);

    const auto decoded = Handshake::fromJson(json);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, code);
    QVERIFY2(decoded.error().message.contains(field), qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(tst_EngineIo)
#include "tst_engineio.moc"
