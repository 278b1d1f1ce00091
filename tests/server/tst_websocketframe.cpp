// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "WsTestFrames.h"
#include "server/WebSocketFrame.h"

using namespace vigil::server;
using Kind = ws::Message::Kind;

Q_DECLARE_METATYPE(ws::Message::Kind)

class tst_WebSocketFrame : public QObject
{
    Q_OBJECT

private:
    static QList<ws::Message> readAll(const QByteArray &bytes, qint64 max, int chunk)
    {
        ws::FrameReader reader(max);
        QList<ws::Message> out;
        for (qsizetype i = 0; i < bytes.size(); i += chunk) {
            reader.feed(QByteArrayView(bytes).sliced(i, qMin<qsizetype>(chunk, bytes.size() - i)));
            while (auto message = reader.next())
                out.append(*message);
        }
        return out;
    }

private Q_SLOTS:
    void serverFrames_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("empty") << 0 << QByteArray::fromHex("8100");
        QTest::newRow("125") << 125 << QByteArray::fromHex("817d");
        QTest::newRow("126 uses 16 bits") << 126 << QByteArray::fromHex("817e007e");
        QTest::newRow("65535") << 65535 << QByteArray::fromHex("817effff");
        QTest::newRow("65536 uses 64 bits") << 65536 << QByteArray::fromHex("817f0000000000010000");
    }

    void serverFrames()
    {
        QFETCH(int, size);
        QFETCH(QByteArray, header);
        const QByteArray payload(size, 'x');
        QByteArray frame;
        ws::appendFrame(frame, ws::Opcode::Text, payload);
        QCOMPARE(frame.first(header.size()).toHex(), header.toHex());
        QCOMPARE(frame.sliced(header.size()), payload);
    }

    void closeFrame() { QCOMPARE(ws::closeFrame(1009).toHex(), QByteArray("880203f1")); }

    void acceptKey()
    {
        // The example of RFC 6455 §1.3.
        QCOMPARE(ws::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
                 QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    void read_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("max");
        QTest::addColumn<QList<int>>("kinds");
        QTest::addColumn<QByteArrayList>("payloads");
        QTest::addColumn<int>("lastCode");
        using wstest::clientFrame;
        const auto T = int(Kind::Text);
        const auto B = int(Kind::Binary);
        const auto E = int(Kind::Error);
        const auto C = int(Kind::Close);
        const auto P = int(Kind::Ping);
        const qint64 big = 1'000'000;

        QTest::newRow("text") << clientFrame(0x1, "4hello") << big << QList<int>{ T }
                              << QByteArrayList{ "4hello" } << int(ws::NoStatus);
        QTest::newRow("binary") << clientFrame(0x2, QByteArray::fromHex("00ff")) << big
                                << QList<int>{ B } << QByteArrayList{ QByteArray::fromHex("00ff") }
                                << int(ws::NoStatus);
        QTest::newRow("two in one read")
          << clientFrame(0x1, "a") + clientFrame(0x1, "b") << big << QList<int>{ T, T }
          << QByteArrayList{ "a", "b" } << int(ws::NoStatus);
        QTest::newRow("16-bit length")
          << clientFrame(0x1, QByteArray(300, 'z')) << big << QList<int>{ T }
          << QByteArrayList{ QByteArray(300, 'z') } << int(ws::NoStatus);
        QTest::newRow("64-bit length")
          << clientFrame(0x2, QByteArray(70000, 'q')) << big << QList<int>{ B }
          << QByteArrayList{ QByteArray(70000, 'q') } << int(ws::NoStatus);
        QTest::newRow("fragments with a ping between")
          << clientFrame(0x1, "he", false) + clientFrame(0x9, "p") + clientFrame(0x0, "ll", false) +
               clientFrame(0x0, "o")
          << big << QList<int>{ P, T } << QByteArrayList{ "p", "hello" } << int(ws::NoStatus);
        QTest::newRow("utf-8 split across fragments")
          << clientFrame(0x1, "\xc3", false) + clientFrame(0x0, "\xa9") << big << QList<int>{ T }
          << QByteArrayList{ "\xc3\xa9" } << int(ws::NoStatus);
        QTest::newRow("close with code and reason")
          << clientFrame(0x8, QByteArray::fromHex("03e8") + "bye") << big << QList<int>{ C }
          << QByteArrayList{ "bye" } << 1000;
        QTest::newRow("close without code") << clientFrame(0x8, {}) << big << QList<int>{ C }
                                            << QByteArrayList{ {} } << int(ws::NoStatus);

        QTest::newRow("unmasked") << QByteArray::fromHex("8101") + "a" << big << QList<int>{ E }
                                  << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("rsv bit") << clientFrame(0x1, "a", true, 0x40) << big << QList<int>{ E }
                                 << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("unknown opcode") << clientFrame(0x3, "a") << big << QList<int>{ E }
                                        << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("continuation first") << clientFrame(0x0, "a") << big << QList<int>{ E }
                                            << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("new message inside a fragmented one")
          << clientFrame(0x1, "a", false) + clientFrame(0x1, "b") << big << QList<int>{ E }
          << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("fragmented ping") << clientFrame(0x9, "a", false) << big << QList<int>{ E }
                                         << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("ping over 125 bytes")
          << clientFrame(0x9, QByteArray(126, 'p')) << big << QList<int>{ E }
          << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("invalid utf-8") << clientFrame(0x1, "\xff\xfe") << big << QList<int>{ E }
                                       << QByteArrayList{ {} } << int(ws::InvalidPayload);
        QTest::newRow("overlong utf-8") << clientFrame(0x1, "\xc0\xaf") << big << QList<int>{ E }
                                        << QByteArrayList{ {} } << int(ws::InvalidPayload);
        QTest::newRow("close code 1005 on the wire")
          << clientFrame(0x8, QByteArray::fromHex("03ed")) << big << QList<int>{ E }
          << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("close with one byte") << clientFrame(0x8, "x") << big << QList<int>{ E }
                                             << QByteArrayList{ {} } << int(ws::ProtocolError);
        QTest::newRow("too big") << clientFrame(0x1, QByteArray(101, 'a')) << qint64(100)
                                 << QList<int>{ E } << QByteArrayList{ {} } << int(ws::TooBig);
        QTest::newRow("too big across fragments")
          << clientFrame(0x1, QByteArray(60, 'a'), false) + clientFrame(0x0, QByteArray(60, 'a'))
          << qint64(100) << QList<int>{ E } << QByteArrayList{ {} } << int(ws::TooBig);
        QTest::newRow("exactly the limit")
          << clientFrame(0x1, QByteArray(100, 'a')) << qint64(100) << QList<int>{ T }
          << QByteArrayList{ QByteArray(100, 'a') } << int(ws::NoStatus);
        QTest::newRow("nothing after an error")
          << QByteArray::fromHex("8101") + "a" + clientFrame(0x1, "b") << big << QList<int>{ E }
          << QByteArrayList{ {} } << int(ws::ProtocolError);
    }

    void read()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, max);
        QFETCH(QList<int>, kinds);
        QFETCH(QByteArrayList, payloads);
        QFETCH(int, lastCode);
        // Whole, and one byte at a time: the reader must not depend on how reads split frames.
        for (const int chunk : { int(bytes.size()), 1, 7 }) {
            const QList<ws::Message> messages = readAll(bytes, max, qMax(chunk, 1));
            QCOMPARE(messages.size(), kinds.size());
            for (qsizetype i = 0; i < messages.size(); ++i) {
                QCOMPARE(int(messages.at(i).kind), kinds.at(i));
                QCOMPARE(messages.at(i).payload, payloads.at(i));
            }
            QCOMPARE(int(messages.last().closeCode), lastCode);
        }
    }

    void tooBigRefusedBeforeThePayloadArrives()
    {
        ws::FrameReader reader(1000);
        const QByteArray frame = wstest::clientFrame(0x2, QByteArray(5000, 'x'));
        reader.feed(QByteArrayView(frame).first(8)); // header + mask only
        const auto message = reader.next();
        QVERIFY(message.has_value());
        QCOMPARE(message->kind, Kind::Error);
        QCOMPARE(message->closeCode, quint16(ws::TooBig));
    }

    void idleReaderHoldsNothing()
    {
        ws::FrameReader reader(1000);
        reader.feed(wstest::clientFrame(0x1, "hello"));
        QVERIFY(reader.next().has_value());
        QVERIFY(!reader.next().has_value());
        QCOMPARE(reader.bufferedBytes(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_WebSocketFrame)
#include "tst_websocketframe.moc"
