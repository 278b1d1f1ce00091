// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "server/ClientAddress.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;

class tst_ClientAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address"); // empty: refused
        QTest::addColumn<int>("prefix");
        QTest::newRow("v4 host") << u" 127.0.0.1 "_s << u"127.0.0.1"_s << 32;
        QTest::newRow("v4 net") << u"10.1.0.0/16"_s << u"10.1.0.0"_s << 16;
        QTest::newRow("v6 host") << u"::1"_s << u"::1"_s << 128;
        QTest::newRow("v6 net") << u"fd00::/8"_s << u"fd00::"_s << 8;
        QTest::newRow("name") << u"nginx"_s << QString() << 0;
        QTest::newRow("bad prefix") << u"10.0.0.0/40"_s << QString() << 0;
        QTest::newRow("empty") << u" "_s << QString() << 0;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, address);
        QFETCH(int, prefix);
        const auto subnet = parseSubnet(text);
        QCOMPARE(subnet.has_value(), !address.isEmpty());
        if (subnet) {
            QCOMPARE(subnet->first, QHostAddress(address));
            QCOMPARE(subnet->second, prefix);
        }
    }

    void client_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArray>("forwardedFor");
        QTest::addColumn<QStringList>("trusted");
        QTest::addColumn<QString>("expected");
        const QStringList local{ u"127.0.0.1"_s };
        QTest::newRow("no proxy trusted: header ignored")
          << u"127.0.0.1"_s << QByteArray("10.0.0.9") << QStringList() << u"127.0.0.1"_s;
        QTest::newRow("untrusted peer: header ignored")
          << u"192.0.2.7"_s << QByteArray("10.0.0.9") << local << u"192.0.2.7"_s;
        QTest::newRow("trusted proxy names the client")
          << u"127.0.0.1"_s << QByteArray("10.0.0.9") << local << u"10.0.0.9"_s;
        QTest::newRow("spoofed left part is skipped")
          << u"127.0.0.1"_s << QByteArray("6.6.6.6, 10.0.0.9") << local << u"10.0.0.9"_s;
        QTest::newRow("chain of trusted proxies")
          << u"127.0.0.1"_s << QByteArray("10.0.0.9, 172.16.0.2, 172.16.0.3")
          << QStringList{ u"127.0.0.1"_s, u"172.16.0.0/12"_s } << u"10.0.0.9"_s;
        QTest::newRow("v4-mapped peer")
          << u"::ffff:127.0.0.1"_s << QByteArray("10.0.0.9") << local << u"10.0.0.9"_s;
        QTest::newRow("missing header")
          << u"127.0.0.1"_s << QByteArray() << local << u"127.0.0.1"_s;
        QTest::newRow("garbage header")
          << u"127.0.0.1"_s << QByteArray("not-an-address") << local << u"127.0.0.1"_s;
        QTest::newRow("garbage left of a good hop")
          << u"127.0.0.1"_s << QByteArray("junk, 10.0.0.9") << local << u"10.0.0.9"_s;
        QTest::newRow("v6 client")
          << u"::1"_s << QByteArray("2001:db8::5") << QStringList{ u"::1"_s } << u"2001:db8::5"_s;
    }

    void client()
    {
        QFETCH(QString, peer);
        QFETCH(QByteArray, forwardedFor);
        QFETCH(QStringList, trusted);
        QFETCH(QString, expected);
        QList<Subnet> subnets;
        for (const QString &text : trusted)
            subnets.append(parseSubnet(text).value());
        QCOMPARE(clientAddress(QHostAddress(peer), forwardedFor, subnets), QHostAddress(expected));
    }
};

QTEST_GUILESS_MAIN(tst_ClientAddress)
#include "tst_clientaddress.moc"
