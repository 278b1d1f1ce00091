// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include "protocol/Json.h"
#include "protocol/SocketIo.h"

using namespace vigil::protocol;
using namespace vigil::protocol::sio;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(vigil::protocol::ErrorCode)
Q_DECLARE_METATYPE(vigil::protocol::sio::Packet)

namespace vigil::protocol::sio {
// Readable QCOMPARE failures.
char *toString(const Packet &p)
{
    const QString s =
      u"{type %1, nsp %2, id %3, data %4}"_s.arg(QString::number(int(p.type)),
                                                 p.nsp,
                                                 p.id ? QString::number(*p.id) : u"-"_s,
                                                 p.data.toDiagnosticNotation(QCborValue::Compact));
    return qstrdup(s.toUtf8().constData());
}
} // namespace vigil::protocol::sio

namespace {

QCborValue parsed(const char *json)
{
    auto r = json::parse(QByteArrayView(json));
    if (!r)
        qFatal("bad JSON in test: %s", json);
    return r.value();
}

Packet packet(PacketType type,
              const QString &nsp,
              QCborValue data,
              std::optional<qint64> id = std::nullopt)
{
    return Packet{ type, nsp, id, std::move(data) };
}

/// Feeds a text packet and its attachments; every step but the last must report "incomplete".
Result<Packet> decodeFrames(Decoder &decoder,
                            const QByteArray &text,
                            const QList<QByteArray> &attachments)
{
    auto r = decoder.feedText(text);
    for (const QByteArray &bytes : attachments) {
        if (!r)
            return r.error();
        if (r.value())
            return Error{ ErrorCode::InvalidPayload, u"packet completed before its attachments"_s };
        r = decoder.feedBinary(bytes);
    }
    if (!r)
        return r.error();
    if (!r.value())
        return Error{ ErrorCode::InvalidPayload, u"packet still incomplete"_s };
    return *r.value();
}

const QByteArray bin1234("\x01\x02\x03\x04", 4);

} // namespace

class tst_SocketIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeAndDecode_data();
    void encodeAndDecode();
    void decodeOnly_data();
    void decodeOnly();
    void roundTrip_data();
    void roundTrip();
    void encodeBinaryConversion();
    void encodeDetails();
    void factories();
    void eventNameAndArgs();
    void reservedNames();
    void malformed_data();
    void malformed();
    void decoderSequence();
    void textWhileAwaitingBinary();
    void binaryWhenNoneExpected();
    void resetDropsPendingPacket();
    void customMaxAttachments();
    void decodeTextRefusesAttachments();
};

void tst_SocketIo::encodeAndDecode_data()
{
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("attachments");

    const QList<QByteArray> none;
    const QString root = u"/"_s;
    const QString admin = u"/admin"_s;

    // socketio-protocol.md §2.3: the examples of the specification.
    QTest::newRow("2.3 connect") << packet(PacketType::Connect, root, {}) << "0"_ba << none;
    QTest::newRow("2.3 connect admin")
      << packet(PacketType::Connect, admin, parsed(R"({"sid":"oSO0OpakMV_3jnilAAAA"})"))
      << R"(0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"})"_ba << none;
    QTest::newRow("2.3 connect error")
      << packet(PacketType::ConnectError, root, parsed(R"({"message":"Not authorized"})"))
      << R"(4{"message":"Not authorized"})"_ba << none;
    QTest::newRow("2.3 event") << packet(PacketType::Event, root, parsed(R"(["foo"])"))
                               << R"(2["foo"])"_ba << none;
    QTest::newRow("2.3 event admin")
      << packet(PacketType::Event, admin, parsed(R"(["bar"])")) << R"(2/admin,["bar"])"_ba << none;
    QTest::newRow("2.3 binary event")
      << packet(PacketType::BinaryEvent, root, QCborArray{ u"baz"_s, bin1234 })
      << R"(51-["baz",{"_placeholder":true,"num":0}])"_ba << QList<QByteArray>{ bin1234 };
    QTest::newRow("2.3 binary event admin")
      << packet(PacketType::BinaryEvent,
                admin,
                QCborArray{ u"baz"_s, QByteArray("\x01\x02"), QByteArray("\x03\x04") })
      << R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"_ba
      << QList<QByteArray>{ "\x01\x02", "\x03\x04" };
    QTest::newRow("2.3 event with id")
      << packet(PacketType::Event, root, parsed(R"(["foo"])"), 12) << R"(212["foo"])"_ba << none;
    QTest::newRow("2.3 ack admin") << packet(PacketType::Ack, admin, parsed(R"(["bar"])"), 13)
                                   << R"(3/admin,13["bar"])"_ba << none;
    QTest::newRow("2.3 binary ack")
      << packet(PacketType::BinaryAck, root, QCborArray{ u"bar"_s, bin1234 }, 15)
      << R"(61-15["bar",{"_placeholder":true,"num":0}])"_ba << QList<QByteArray>{ bin1234 };
    QTest::newRow("2.3 disconnect") << packet(PacketType::Disconnect, root, {}) << "1"_ba << none;
    QTest::newRow("2.3 disconnect admin")
      << packet(PacketType::Disconnect, admin, {}) << "1/admin,"_ba << none;
    QTest::newRow("2.3 connect with auth")
      << packet(PacketType::Connect, admin, parsed(R"({"token":"123"})"))
      << R"(0/admin,{"token":"123"})"_ba << none;
    QTest::newRow("2.3 empty ack")
      << packet(PacketType::Ack, root, QCborArray(), 12) << "312[]"_ba << none;

    // §2.8: the specification's sample session (Engine.IO prefix `4` removed).
    QTest::newRow("2.8 sid") << packet(PacketType::Connect,
                                       root,
                                       parsed(R"({"sid":"wZX3oN0bSVIhsaknAAAI"})"))
                             << R"(0{"sid":"wZX3oN0bSVIhsaknAAAI"})"_ba << none;
    QTest::newRow("2.8 hey jude") << packet(PacketType::Event, root, parsed(R"(["hey","Jude"])"))
                                  << R"(2["hey","Jude"])"_ba << none;
    QTest::newRow("2.8 hello") << packet(PacketType::Event, root, parsed(R"(["hello"])"))
                               << R"(2["hello"])"_ba << none;
    QTest::newRow("2.8 connect admin")
      << packet(PacketType::Connect, admin, {}) << "0/admin,"_ba << none;
    QTest::newRow("2.8 admin sid")
      << packet(PacketType::Connect, admin, parsed(R"({"sid":"-G5j-67EZFp-q59rADQM"})"))
      << R"(0/admin,{"sid":"-G5j-67EZFp-q59rADQM"})"_ba << none;
    QTest::newRow("2.8 tellme") << packet(PacketType::Event, admin, parsed(R"(["tellme"])"), 1)
                                << R"(2/admin,1["tellme"])"_ba << none;
    QTest::newRow("2.8 binary ack admin")
      << packet(PacketType::BinaryAck, admin, QCborArray{ bin1234 }, 1)
      << R"(61-/admin,1[{"_placeholder":true,"num":0}])"_ba << QList<QByteArray>{ bin1234 };

    // §2.8: verified Node 4.8.4 WebSocket trace, and §2.4 verified frames.
    QTest::newRow("node auth") << packet(PacketType::Connect, root, parsed(R"({"user":"u1"})"))
                               << R"(0{"user":"u1"})"_ba << none;
    QTest::newRow("node sid pid")
      << packet(PacketType::Connect,
                root,
                parsed(R"({"sid":"b2HheW3hE3-JGXbMAAAA","pid":"BunvloCoomYNkJ_7AAAB"})"))
      << R"(0{"sid":"b2HheW3hE3-JGXbMAAAA","pid":"BunvloCoomYNkJ_7AAAB"})"_ba << none;
    QCborMap welcomeBin;
    welcomeBin.insert(u"bin"_s, QByteArray("\x01\x02\x03"));
    QTest::newRow("node welcome with offset")
      << packet(PacketType::BinaryEvent, root, QCborArray{ u"welcome"_s, welcomeBin, u"Q8JnDn2"_s })
      << R"(51-["welcome",{"bin":{"_placeholder":true,"num":0}},"Q8JnDn2"])"_ba
      << QList<QByteArray>{ "\x01\x02\x03" };
    QTest::newRow("node question")
      << packet(PacketType::Event, root, parsed(R"(["question","why?"])"), 0)
      << R"(20["question","why?"])"_ba << none;
    QTest::newRow("node connect error data")
      << packet(PacketType::ConnectError,
                admin,
                parsed(R"({"message":"not authorized","data":{"code":42}})"))
      << R"(4/admin,{"message":"not authorized","data":{"code":42}})"_ba << none;
    QTest::newRow("node hello binary")
      << packet(PacketType::BinaryEvent,
                root,
                QCborArray{ u"hello"_s, u"world"_s, QByteArray("\x04\x05") },
                0)
      << R"(51-0["hello","world",{"_placeholder":true,"num":0}])"_ba
      << QList<QByteArray>{ "\x04\x05" };
    QTest::newRow("node because") << packet(PacketType::Ack, root, parsed(R"(["because"])"), 0)
                                  << R"(30["because"])"_ba << none;
    QTest::newRow("node binary ack")
      << packet(PacketType::BinaryAck,
                root,
                QCborArray{ u"ack-from-server"_s, QByteArray("\x09\x09") },
                0)
      << R"(61-0["ack-from-server",{"_placeholder":true,"num":0}])"_ba
      << QList<QByteArray>{ "\x09\x09" };

    // §3: connection state recovery. The offset is just a trailing string argument.
    QTest::newRow("csr tick") << packet(PacketType::Event, root, parsed(R"(["tick",1,"Q8Jn9u2"])"))
                              << R"(2["tick",1,"Q8Jn9u2"])"_ba << none;
    QTest::newRow("csr admin") << packet(
                                    PacketType::Event, admin, parsed(R"(["adm","hi","Q8JnGbJ.0"])"))
                               << R"(2/admin,["adm","hi","Q8JnGbJ.0"])"_ba << none;
    QTest::newRow("csr reconnect")
      << packet(PacketType::Connect,
                root,
                parsed(R"({"pid":"BaVxongSqo92qI0iAAAB","offset":"Q8JnA1S","token":"abc"})"))
      << R"(0{"pid":"BaVxongSqo92qI0iAAAB","offset":"Q8JnA1S","token":"abc"})"_ba << none;

    // §5: python-socketio sends a bare string as CONNECT_ERROR payload.
    QTest::newRow("python unknown namespace")
      << packet(PacketType::ConnectError, u"/random"_s, QCborValue(u"Unable to connect"_s))
      << R"(4/random,"Unable to connect")"_ba << none;
    QTest::newRow("python duplicate connect")
      << packet(PacketType::ConnectError, root, QCborValue(u"Unable to connect"_s))
      << R"(4"Unable to connect")"_ba << none;
    QTest::newRow("python none ack")
      << packet(PacketType::Ack, root, QCborArray(), 7) << "37[]"_ba << none;
}

void tst_SocketIo::encodeAndDecode()
{
    QFETCH(Packet, packet);
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, attachments);

    const Encoded e = encode(packet);
    QCOMPARE(e.text, text);
    QCOMPARE(e.attachments, attachments);

    Decoder decoder;
    const auto decoded = decodeFrames(decoder, text, attachments);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), packet);
    QVERIFY(!decoder.awaitingAttachments());
}

void tst_SocketIo::decodeOnly_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Packet>("expected");

    const QString root = u"/"_s;
    // The official suite connects and disconnects without the trailing comma.
    QTest::newRow("namespace to end")
      << "0/custom"_ba << packet(PacketType::Connect, u"/custom"_s, {});
    QTest::newRow("disconnect to end")
      << "1/custom"_ba << packet(PacketType::Disconnect, u"/custom"_s, {});
    QTest::newRow("numeric event name")
      << "2[1,2]"_ba << packet(PacketType::Event, root, QCborArray{ 1, 2 });
    QTest::newRow("double event name")
      << "2[1.5]"_ba << packet(PacketType::Event, root, QCborArray{ 1.5 });
    QTest::newRow("whitespace around JSON")
      << "2 [\"a\"] "_ba << packet(PacketType::Event, root, QCborArray{ u"a"_s });
    QTest::newRow("leading zeros in id")
      << "2007[\"a\"]"_ba << packet(PacketType::Event, root, QCborArray{ u"a"_s }, 7);
    QTest::newRow("largest ack id")
      << "29007199254740991[\"a\"]"_ba
      << packet(PacketType::Event, root, QCborArray{ u"a"_s }, 9007199254740991);
    QTest::newRow("id on connect") << "05{}"_ba << packet(PacketType::Connect, root, QCborMap(), 5);
    QTest::newRow("unicode namespace")
      << "2/été,[\"a\"]"_ba << packet(PacketType::Event, u"/été"_s, QCborArray{ u"a"_s });
    QTest::newRow("namespace with digits then id")
      << "2/a1,23[\"a\"]"_ba << packet(PacketType::Event, u"/a1"_s, QCborArray{ u"a"_s }, 23);
    QTest::newRow("binary with zero attachments")
      << R"(50-["a",{"_placeholder":true,"num":0}])"_ba
      << packet(PacketType::BinaryEvent, root, parsed(R"(["a",{"_placeholder":true,"num":0}])"));
    QTest::newRow("leading zeros in count")
      << "500-[\"a\"]"_ba << packet(PacketType::BinaryEvent, root, QCborArray{ u"a"_s });
    QTest::newRow("reserved name is case sensitive")
      << "2[\"Connect\"]"_ba << packet(PacketType::Event, root, QCborArray{ u"Connect"_s });
    QTest::newRow("reserved name as argument")
      << "2[\"x\",\"connect\"]"_ba
      << packet(PacketType::Event, root, QCborArray{ u"x"_s, u"connect"_s });
}

void tst_SocketIo::decodeOnly()
{
    QFETCH(QByteArray, text);
    QFETCH(Packet, expected);
    const auto r = decodeText(text);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r.value(), expected);
}

void tst_SocketIo::roundTrip_data()
{
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<int>("attachmentCount");

    const QString root = u"/"_s;
    QCborMap deep;
    deep.insert(u"z"_s, QByteArray("z"));
    deep.insert(u"list"_s,
                QCborArray{ QByteArray("l0"), 1, QCborMap{ { u"b"_s, QByteArray("l2") } } });
    deep.insert(u"a"_s, QByteArray("a"));
    deep.insert(u"plain"_s, u"text"_s);

    QTest::newRow("nested binary")
      << Packet::event(root, u"upload"_s, { deep, QByteArray("last") }, 3) << 5;
    QTest::newRow("binary ack") << Packet::ack(
                                     u"/admin"_s, 99, { QByteArray(""), QByteArray("\0", 1) })
                                << 2;
    QTest::newRow("ten attachments") << Packet::event(root,
                                                      u"many"_s,
                                                      QCborArray{ QByteArray("0"),
                                                                  QByteArray("1"),
                                                                  QByteArray("2"),
                                                                  QByteArray("3"),
                                                                  QByteArray("4"),
                                                                  QByteArray("5"),
                                                                  QByteArray("6"),
                                                                  QByteArray("7"),
                                                                  QByteArray("8"),
                                                                  QByteArray("9") })
                                     << 10;
    QTest::newRow("unicode and escapes")
      << Packet::event(u"/ns-é"_s, u"ev\"\n"_s, { u"😀"_s, QString(QChar(0)), 1.25, -3 }) << 0;
    QTest::newRow("connect auth") << Packet::connect(u"/x"_s, QCborMap{ { u"token"_s, u"t"_s } })
                                  << 0;
    QTest::newRow("connect no auth") << Packet::connect(root) << 0;
    QTest::newRow("disconnect") << Packet::disconnect(u"/x"_s) << 0;
    QTest::newRow("connect error with data")
      << Packet::connectError(u"/x"_s, u"no"_s, QCborMap{ { u"code"_s, 42 } }) << 0;
    QTest::newRow("empty ack") << Packet::ack(root, 0, {}) << 0;
    QTest::newRow("placeholder-like user object")
      << Packet::event(
           root, u"x"_s, { QCborMap{ { u"_placeholder"_s, u"yes"_s }, { u"num"_s, 0 } } })
      << 0;
}

void tst_SocketIo::roundTrip()
{
    QFETCH(Packet, packet);
    QFETCH(int, attachmentCount);

    const Encoded e = encode(packet);
    QCOMPARE(e.attachments.size(), attachmentCount);
    Decoder decoder;
    const auto decoded = decodeFrames(decoder, e.text, e.attachments);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));

    Packet expected = packet;
    if (attachmentCount > 0)
        expected.type = packet.isEvent() ? PacketType::BinaryEvent : PacketType::BinaryAck;
    QCOMPARE(decoded.value(), expected);
}

void tst_SocketIo::encodeBinaryConversion()
{
    // An EVENT or ACK with byte arrays becomes BINARY_*; placeholders are numbered depth-first with
    // maps in insertion order.
    QCborMap m;
    m.insert(u"second"_s, QByteArray("B"));
    m.insert(u"first"_s, QByteArray("C"));
    const Encoded e =
      encode(Packet::event(u"/"_s, u"e"_s, { QByteArray("A"), m, QCborArray{ QByteArray("D") } }));
    QCOMPARE(
      e.text,
      R"(54-["e",{"_placeholder":true,"num":0},{"second":{"_placeholder":true,"num":1},"first":{"_placeholder":true,"num":2}},[{"_placeholder":true,"num":3}]])"_ba);
    QCOMPARE(e.attachments, (QList<QByteArray>{ "A", "B", "C", "D" }));

    const Encoded ack = encode(Packet::ack(u"/"_s, 4, { QByteArray("x") }));
    QCOMPARE(ack.text, R"(61-4[{"_placeholder":true,"num":0}])"_ba);

    // BINARY_* given explicitly always carries the count, even 0.
    QCOMPARE(encode(packet(PacketType::BinaryEvent, u"/"_s, QCborArray{ u"x"_s })).text,
             R"(50-["x"])"_ba);
    QCOMPARE(encode(packet(PacketType::BinaryAck, u"/a"_s, QCborArray{}, 2)).text, "60-/a,2[]"_ba);

    // Other packet types never carry attachments.
    const Encoded connect =
      encode(Packet::connect(u"/"_s, QCborMap{ { u"k"_s, QByteArray("x") } }));
    QCOMPARE(connect.text, R"(0{"k":null})"_ba);
    QVERIFY(connect.attachments.isEmpty());
}

void tst_SocketIo::encodeDetails()
{
    QCOMPARE(encode(packet(PacketType::Event, QString(), QCborArray{ u"x"_s })).text,
             R"(2["x"])"_ba);
    QCOMPARE(encode(Packet::event(u"/"_s, u"x"_s, {}, 9007199254740991)).text,
             R"(29007199254740991["x"])"_ba);
    QCOMPARE(encode(Packet::event(u"/é"_s, u"x"_s, { QCborValue() })).text,
             "2/\xc3\xa9,[\"x\",null]"_ba);
}

void tst_SocketIo::factories()
{
    const Packet ev = Packet::event(u"/a"_s, u"name"_s, { 1, u"two"_s }, 5);
    QCOMPARE(ev.type, PacketType::Event);
    QCOMPARE(ev.nsp, u"/a"_s);
    QCOMPARE(ev.id, std::optional<qint64>(5));
    QCOMPARE(ev.data, QCborValue(QCborArray{ u"name"_s, 1, u"two"_s }));

    const Packet ack = Packet::ack(u"/"_s, 3, { true });
    QCOMPARE(ack.type, PacketType::Ack);
    QCOMPARE(ack.id, std::optional<qint64>(3));
    QCOMPARE(ack.data, QCborValue(QCborArray{ true }));

    QCOMPARE(encode(Packet::connectError(u"/"_s, u"Invalid namespace"_s)).text,
             R"(4{"message":"Invalid namespace"})"_ba);
    QCOMPARE(
      encode(Packet::connectError(u"/c"_s, u"not authorized"_s, QCborMap{ { u"code"_s, 42 } }))
        .text,
      R"(4/c,{"message":"not authorized","data":{"code":42}})"_ba);
    QCOMPARE(encode(Packet::connect(u"/"_s)).text, "0"_ba);
    QCOMPARE(encode(Packet::disconnect(u"/x"_s)).text, "1/x,"_ba);
    QVERIFY(Packet::connect(u"/"_s).data.isUndefined());
    QVERIFY(Packet::disconnect(u"/"_s).data.isUndefined());
}

void tst_SocketIo::eventNameAndArgs()
{
    const Packet ev = Packet::event(u"/"_s, u"patient_alert"_s, { 1, u"x"_s });
    QCOMPARE(ev.eventName(), u"patient_alert"_s);
    QCOMPARE(ev.args(), (QCborArray{ 1, u"x"_s }));
    QCOMPARE(ev.data.toArray().size(), 3); // args() does not modify the packet

    QCOMPARE(decodeText("2[42,true]").value().eventName(), u"42"_s);
    QCOMPARE(decodeText("2[-1.5]").value().eventName(), u"-1.5"_s);
    QCOMPARE(decodeText("2[\"only\"]").value().args(), QCborArray());

    const Packet ack = Packet::ack(u"/"_s, 1, { u"a"_s, 2 });
    QCOMPARE(ack.eventName(), QString());
    QCOMPARE(ack.args(), (QCborArray{ u"a"_s, 2 }));

    QCOMPARE(Packet::connect(u"/"_s, QCborMap{ { u"a"_s, 1 } }).args(), QCborArray());
    QCOMPARE(Packet::connect(u"/"_s).eventName(), QString());
}

void tst_SocketIo::reservedNames()
{
    const QStringList reserved{ u"connect"_s,       u"connect_error"_s, u"disconnect"_s,
                                u"disconnecting"_s, u"newListener"_s,   u"removeListener"_s };
    for (const QString &name : reserved)
        QVERIFY2(isReservedEventName(name), qPrintable(name));
    const QStringList allowed{ QString(),    u"Connect"_s, u"connected"_s,
                               u"message"_s, u"error"_s,   u"patient_alert"_s };
    for (const QString &name : allowed)
        QVERIFY2(!isReservedEventName(name), qPrintable(name));
}

void tst_SocketIo::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("attachments");
    QTest::addColumn<ErrorCode>("code");

    // Socket.IO layer only: the suite's wire frames `42{}` etc. lose their Engine.IO `4` here.
    const QList<QByteArray> none;
    QTest::newRow("empty") << ""_ba << none << ErrorCode::EmptyInput;
    QTest::newRow("unknown type abc") << "abc"_ba << none << ErrorCode::UnknownPacketType;
    QTest::newRow("unknown type 7") << "7"_ba << none << ErrorCode::UnknownPacketType;
    QTest::newRow("unknown type 9") << "9[\"a\"]"_ba << none << ErrorCode::UnknownPacketType;
    QTest::newRow("event object") << "2{}"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("event junk before array") << "2abc[\"a\"]"_ba << none << ErrorCode::InvalidJson;
    QTest::newRow("event reserved name")
      << "2[\"connect\"]"_ba << none << ErrorCode::ReservedEventName;
    QTest::newRow("event reserved removeListener")
      << "2/a,1[\"removeListener\",1]"_ba << none << ErrorCode::ReservedEventName;
    QTest::newRow("event empty array") << "2[]"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("event no payload") << "2"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("event name object") << "2[{}]"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("event name null") << "2[null]"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("event string payload") << "2\"a\""_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("disconnect with payload") << "1{}"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("disconnect ns with payload") << "1/a,{}"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("connect string") << "0\"str\""_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("connect array") << "0[]"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("connect error absent") << "4"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("connect error array") << "4[1]"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("connect error number") << "4/a,7"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("ack without id") << "3[\"x\"]"_ba << none << ErrorCode::InvalidAckId;
    QTest::newRow("ack nothing") << "3"_ba << none << ErrorCode::InvalidAckId;
    QTest::newRow("ack object") << "31{}"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("ack no payload") << "31"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("binary ack without id")
      << "61-[{\"_placeholder\":true,\"num\":0}]"_ba << none << ErrorCode::InvalidAckId;
    QTest::newRow("trailing garbage") << "2[\"a\"]x"_ba << none << ErrorCode::InvalidJson;
    QTest::newRow("two payloads") << "2[\"a\"][\"b\"]"_ba << none << ErrorCode::InvalidJson;
    QTest::newRow("huge ack id") << "212345678901234567890[\"a\"]"_ba << none
                                 << ErrorCode::InvalidAckId;
    QTest::newRow("ack id beyond 2^53")
      << "29007199254740992[\"a\"]"_ba << none << ErrorCode::InvalidAckId;
    QTest::newRow("100000-digit ack id")
      << ("3" + QByteArray(100000, '9') + "[]") << none << ErrorCode::InvalidAckId;
    QTest::newRow("binary count only") << "51-"_ba << none << ErrorCode::InvalidPayload;
    QTest::newRow("binary count junk") << "51-junk"_ba << none << ErrorCode::InvalidJson;
    QTest::newRow("binary empty count")
      << "5-1-[\"a\"]"_ba << none << ErrorCode::InvalidAttachmentCount;
    QTest::newRow("binary no dash") << "51[\"a\"]"_ba << none << ErrorCode::InvalidAttachmentCount;
    QTest::newRow("binary type only") << "5"_ba << none << ErrorCode::InvalidAttachmentCount;
    QTest::newRow("binary letter count")
      << "5x-[\"a\"]"_ba << none << ErrorCode::InvalidAttachmentCount;
    QTest::newRow("binary negative count")
      << "5-1[\"a\"]"_ba << none << ErrorCode::InvalidAttachmentCount;
    QTest::newRow("too many attachments")
      << "511-[\"a\"]"_ba << none << ErrorCode::TooManyAttachments;
    QTest::newRow("absurd attachment count")
      << "599999999999999999999999-[\"a\"]"_ba << none << ErrorCode::TooManyAttachments;
    QTest::newRow("binary reserved name")
      << "51-[\"disconnect\",{\"_placeholder\":true,\"num\":0}]"_ba << none
      << ErrorCode::ReservedEventName;
    QTest::newRow("namespace invalid UTF-8")
      << "2/a\xff,[\"a\"]"_ba << none << ErrorCode::InvalidNamespace;
    QTest::newRow("deep payload") << ("2" + QByteArray(300, '[')) << none
                                  << ErrorCode::NestingTooDeep;

    const auto ph = [](const char *num) -> QByteArray {
        return R"(51-["a",{"_placeholder":true,"num":)" + QByteArray(num) + "}]";
    };
    const QList<QByteArray> one{ "x" };
    QTest::newRow("placeholder index too big") << ph("1") << one << ErrorCode::InvalidPlaceholder;
    QTest::newRow("placeholder negative") << ph("-1") << one << ErrorCode::InvalidPlaceholder;
    QTest::newRow("placeholder fraction") << ph("0.5") << one << ErrorCode::InvalidPlaceholder;
    QTest::newRow("placeholder string num") << ph("\"0\"") << one << ErrorCode::InvalidPlaceholder;
    QTest::newRow("placeholder null num") << ph("null") << one << ErrorCode::InvalidPlaceholder;
    QTest::newRow("placeholder missing num")
      << R"(51-["a",{"_placeholder":true}])"_ba << one << ErrorCode::InvalidPlaceholder;
    QTest::newRow("placeholder nested bad")
      << R"(52-["a",{"_placeholder":true,"num":0},{"k":[{"_placeholder":true,"num":2}]}])"_ba
      << QList<QByteArray>{ "x", "y" } << ErrorCode::InvalidPlaceholder;
}

void tst_SocketIo::malformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, attachments);
    QFETCH(ErrorCode, code);

    Decoder decoder;
    const auto r = decodeFrames(decoder, text, attachments);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY(!r.error().message.isEmpty());
    QVERIFY(!decoder.awaitingAttachments());
    if (attachments.isEmpty()) {
        const auto once = decodeText(text);
        QVERIFY(!once.ok());
        QCOMPARE(once.error().code, code);
    }
}

void tst_SocketIo::decoderSequence()
{
    Decoder decoder;
    // BINARY_EVENT with two attachments, then a text packet, then a BINARY_ACK.
    auto r = decoder.feedText(
      R"(52-/admin,7["up",{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}])");
    QVERIFY(r.ok());
    QVERIFY(!r.value().has_value());
    QVERIFY(decoder.awaitingAttachments());
    r = decoder.feedBinary("first");
    QVERIFY(r.ok());
    QVERIFY(!r.value().has_value());
    QVERIFY(decoder.awaitingAttachments());
    r = decoder.feedBinary("second");
    QVERIFY(r.ok());
    QVERIFY(r.value().has_value());
    QCOMPARE(*r.value(),
             packet(PacketType::BinaryEvent,
                    u"/admin"_s,
                    QCborArray{ u"up"_s, QByteArray("second"), QByteArray("first") },
                    7));
    QVERIFY(!decoder.awaitingAttachments());

    r = decoder.feedText(R"(2["next"])");
    QVERIFY(r.ok());
    QCOMPARE(*r.value(), Packet::event(u"/"_s, u"next"_s, {}));

    r = decoder.feedText(R"(61-3[{"_placeholder":true,"num":0},{"_placeholder":true,"num":0}])");
    QVERIFY(r.ok());
    QVERIFY(!r.value().has_value());
    r = decoder.feedBinary(QByteArray());
    QVERIFY(r.ok());
    QCOMPARE(
      *r.value(),
      packet(PacketType::BinaryAck, u"/"_s, QCborArray{ QByteArray(""), QByteArray("") }, 3));
}

void tst_SocketIo::textWhileAwaitingBinary()
{
    Decoder decoder;
    QVERIFY(decoder.feedText(R"(51-["a",{"_placeholder":true,"num":0}])").ok());
    const auto r = decoder.feedText(R"(2["b"])");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnexpectedText);
    // The half-received packet is gone; the decoder takes new packets.
    QVERIFY(!decoder.awaitingAttachments());
    const auto next = decoder.feedText(R"(2["c"])");
    QVERIFY(next.ok());
    QCOMPARE(next.value()->eventName(), u"c"_s);
}

void tst_SocketIo::binaryWhenNoneExpected()
{
    Decoder decoder;
    auto r = decoder.feedBinary("x");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnexpectedBinary);

    // One attachment too many after a complete binary packet.
    QVERIFY(decoder.feedText(R"(51-["a",{"_placeholder":true,"num":0}])").ok());
    QVERIFY(decoder.feedBinary("1").value().has_value());
    r = decoder.feedBinary("2");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnexpectedBinary);

    // A zero-attachment binary packet expects nothing either.
    QVERIFY(decoder.feedText(R"(50-["a"])").value().has_value());
    r = decoder.feedBinary("3");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnexpectedBinary);
}

void tst_SocketIo::resetDropsPendingPacket()
{
    Decoder decoder;
    QVERIFY(decoder.feedText(R"(51-["a",{"_placeholder":true,"num":0}])").ok());
    QVERIFY(decoder.awaitingAttachments());
    decoder.reset();
    QVERIFY(!decoder.awaitingAttachments());
    const auto r = decoder.feedBinary("x");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnexpectedBinary);
}

void tst_SocketIo::customMaxAttachments()
{
    Decoder two(2);
    QVERIFY(two.feedText(R"(52-["a"])").ok());
    two.reset();
    const auto r = two.feedText(R"(53-["a"])");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::TooManyAttachments);

    QCOMPARE(decodeText(R"(6100-1[])", 99).error().code, ErrorCode::TooManyAttachments);
    QCOMPARE(decodeText(R"(60-1[])", 0).value().type, PacketType::BinaryAck);
}

void tst_SocketIo::decodeTextRefusesAttachments()
{
    const auto r = decodeText(R"(51-["a",{"_placeholder":true,"num":0}])");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidAttachmentCount);
    QVERIFY(r.error().message.contains(u"attachment"_s));
}

QTEST_GUILESS_MAIN(tst_SocketIo)
#include "tst_socketio.moc"
