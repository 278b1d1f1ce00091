// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "protocol/SocketIo.h"
#include "server/WireMessage.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
namespace sio = vigil::protocol::sio;

class tst_WireMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromSocketIo_data()
    {
        QTest::addColumn<QByteArray>("sioText");
        QTest::addColumn<QList<QByteArray>>("attachments");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<QByteArray>>("base64");
        QTest::newRow("text") << "2[\"a\"]"_ba << QList<QByteArray>{} << "42[\"a\"]"_ba
                              << QList<QByteArray>{};
        QTest::newRow("binary") << "51-[\"a\",{\"_placeholder\":true,\"num\":0}]"_ba
                                << QList<QByteArray>{ QByteArray::fromHex("01020304") }
                                << "451-[\"a\",{\"_placeholder\":true,\"num\":0}]"_ba
                                << QList<QByteArray>{ "bAQIDBA==" };
        QTest::newRow("two attachments")
          << "52-[]"_ba << QList<QByteArray>{ "\x01"_ba, QByteArray() } << "452-[]"_ba
          << QList<QByteArray>{ "bAQ==", "b" };
    }

    void fromSocketIo()
    {
        QFETCH(QByteArray, sioText);
        QFETCH(QList<QByteArray>, attachments);
        QFETCH(QByteArray, text);
        QFETCH(QList<QByteArray>, base64);
        const WireMessage message = WireMessage::fromSocketIo(sio::Encoded{ sioText, attachments });
        QCOMPARE(message.text(), text);
        QCOMPARE(message.textString(), QString::fromUtf8(text));
        QCOMPARE(message.attachments(), attachments);
        QCOMPARE(message.base64Attachments(), base64);
    }

    void copiesShareTheConvertedForms()
    {
        const WireMessage message = WireMessage::fromEngineIoText("4h\xc3\xa9"_ba);
        const WireMessage copy = message;
        const QString &first = message.textString();
        QCOMPARE(first, u"4h\u00e9"_s);
        // The same object, not an equal one: the conversion ran once for every copy.
        QCOMPARE(&copy.textString(), &first);
    }

    void nullMessage()
    {
        const WireMessage message;
        QVERIFY(message.isNull());
        QVERIFY(message.text().isEmpty());
        QVERIFY(message.textString().isEmpty());
        QVERIFY(message.base64Attachments().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_WireMessage)
#include "tst_wiremessage.moc"
