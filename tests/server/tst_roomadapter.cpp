// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "server/RoomAdapter.h"
#include "server/ServerSocket.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;

namespace {

/// Rooms only ever compare socket pointers, so stand-ins that are never dereferenced will do.
ServerSocket *fake(quintptr n)
{
    return reinterpret_cast<ServerSocket *>(n * 16);
}

WireMessage message(const char *text)
{
    return WireMessage::fromEngineIoText(QByteArray(text));
}

QList<QByteArray> texts(const QList<WireMessage> &messages)
{
    QList<QByteArray> out;
    for (const WireMessage &m : messages)
        out.append(m.text());
    return out;
}

} // namespace

class tst_RoomAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recipients_data()
    {
        QTest::addColumn<QStringList>("rooms");
        QTest::addColumn<QStringList>("except");
        QTest::addColumn<QList<int>>("expected");
        // Sockets 1..4; rooms: a = {1, 2}, b = {2, 3}, c = {4}.
        QTest::newRow("everyone") << QStringList() << QStringList() << QList<int>{ 1, 2, 3, 4 };
        QTest::newRow("one room") << QStringList{ u"a"_s } << QStringList() << QList<int>{ 1, 2 };
        QTest::newRow("two rooms, each socket once")
          << QStringList{ u"a"_s, u"b"_s } << QStringList() << QList<int>{ 1, 2, 3 };
        QTest::newRow("except a room")
          << QStringList{ u"b"_s } << QStringList{ u"a"_s } << QList<int>{ 3 };
        QTest::newRow("everyone except")
          << QStringList() << QStringList{ u"b"_s, u"c"_s } << QList<int>{ 1 };
        QTest::newRow("unknown room") << QStringList{ u"nope"_s } << QStringList() << QList<int>{};
        QTest::newRow("unknown except")
          << QStringList{ u"c"_s } << QStringList{ u"nope"_s } << QList<int>{ 4 };
    }

    void recipients()
    {
        QFETCH(QStringList, rooms);
        QFETCH(QStringList, except);
        QFETCH(QList<int>, expected);
        RoomAdapter adapter({});
        for (int i = 1; i <= 4; ++i)
            adapter.addSocket(fake(i));
        adapter.join(fake(1), u"a"_s);
        adapter.join(fake(2), u"a"_s);
        adapter.join(fake(2), u"b"_s);
        adapter.join(fake(3), u"b"_s);
        adapter.join(fake(4), u"c"_s);

        const std::vector<ServerSocket *> got = adapter.recipients(
          QSet<QString>(rooms.begin(), rooms.end()), QSet<QString>(except.begin(), except.end()));
        QSet<ServerSocket *> want;
        for (int i : expected)
            want.insert(fake(i));
        QCOMPARE(qsizetype(got.size()), want.size()); // no duplicates
        QCOMPARE(QSet<ServerSocket *>(got.begin(), got.end()), want);
    }

    void leaveDropsEmptyRooms()
    {
        RoomAdapter adapter({});
        adapter.join(fake(1), u"a"_s);
        adapter.join(fake(2), u"a"_s);
        QCOMPARE(adapter.roomSizes().value(u"a"_s), 2);
        adapter.leave(fake(1), u"a"_s);
        adapter.leave(fake(1), u"a"_s);
        QCOMPARE(adapter.roomSizes().value(u"a"_s), 1);
        adapter.leave(fake(2), u"a"_s);
        QVERIFY(!adapter.hasRoom(u"a"_s));
    }

    void offsetsAreUniqueAndIncreasing()
    {
        RoomAdapter adapter({});
        RoomAdapter other({});
        const QString first = adapter.nextOffset();
        const QString second = adapter.nextOffset();
        QVERIFY(first != second);
        QVERIFY(first != other.nextOffset()); // another adapter (or run) has its own prefix
        adapter.storePacket(first, {}, {}, message("42[1]"));
        adapter.storePacket(second, {}, {}, message("42[2]"));
        QCOMPARE(adapter.bufferedPacketCount(), 2);
        // Offsets of another adapter are never taken for this one's.
        const QString foreign = other.nextOffset();
        adapter.storePacket(foreign, {}, {}, message("42[x]"));
        QCOMPARE(adapter.bufferedPacketCount(), 2);
    }

    void restoreReplaysWhatTheSessionMissed()
    {
        RoomAdapter adapter({});
        const QString seen = adapter.nextOffset();
        adapter.storePacket(seen, { u"ward"_s }, {}, message("42[\"seen\"]"));
        auto store = [&](const char *text, QSet<QString> rooms, QSet<QString> except = {}) {
            adapter.storePacket(adapter.nextOffset(), rooms, except, message(text));
        };
        store("42[\"ward\"]", { u"ward"_s });
        store("42[\"other room\"]", { u"icu"_s });
        store("42[\"everyone\"]", {});
        store("42[\"excluded\"]", {}, { u"ward"_s });
        store("42[\"own room\"]", { u"sid1"_s });
        store("42[\"one of two\"]", { u"icu"_s, u"ward"_s });

        adapter.persistSession({ u"sid1"_s, u"pid1"_s, { u"sid1"_s, u"ward"_s }, QVariant(7) });
        QCOMPARE(adapter.persistedSessionCount(), 1);
        const auto restored = adapter.restoreSession(u"pid1"_s, seen);
        QVERIFY(restored);
        QCOMPARE(restored->session.sid, u"sid1"_s);
        QCOMPARE(restored->session.rooms, (QSet<QString>{ u"sid1"_s, u"ward"_s }));
        QCOMPARE(restored->session.data.toInt(), 7);
        QCOMPARE(texts(restored->missed),
                 (QList<QByteArray>{
                   "42[\"ward\"]", "42[\"everyone\"]", "42[\"own room\"]", "42[\"one of two\"]" }));
        // A session is restored once.
        QVERIFY(!adapter.restoreSession(u"pid1"_s, seen));
    }

    void restoreRefuses_data()
    {
        QTest::addColumn<QString>("pid");
        QTest::addColumn<QString>("offset");
        QTest::newRow("unknown pid") << u"nobody"_s << u"<seen>"_s;
        QTest::newRow("offset not buffered") << u"pid1"_s << u"<missing>"_s;
        QTest::newRow("malformed offset") << u"pid1"_s << u"not an offset"_s;
        QTest::newRow("empty offset") << u"pid1"_s << QString();
    }

    void restoreRefuses()
    {
        QFETCH(QString, pid);
        QFETCH(QString, offset);
        RoomAdapter adapter({});
        const QString seen = adapter.nextOffset();
        adapter.storePacket(seen, {}, {}, message("42[1]"));
        const QString missing = adapter.nextOffset(); // never stored
        adapter.persistSession({ u"sid1"_s, u"pid1"_s, { u"sid1"_s }, {} });
        offset.replace(u"<seen>"_s, seen).replace(u"<missing>"_s, missing);
        QVERIFY(!adapter.restoreSession(pid, offset));
    }

    void expiredSessionsAndPacketsArePruned()
    {
        RecoveryOptions options;
        options.maxDisconnectionDuration = 50;
        RoomAdapter adapter(options);
        const QString offset = adapter.nextOffset();
        adapter.storePacket(offset, {}, {}, message("42[1]"));
        adapter.persistSession({ u"sid1"_s, u"pid1"_s, { u"sid1"_s }, {} });
        QTest::qWait(120);
        QVERIFY(!adapter.restoreSession(u"pid1"_s, offset)); // expired even before pruning
        adapter.persistSession({ u"sid2"_s, u"pid2"_s, { u"sid2"_s }, {} });
        QTest::qWait(120);
        adapter.prune();
        QCOMPARE(adapter.bufferedPacketCount(), 0);
        QCOMPARE(adapter.persistedSessionCount(), 0);
    }

    void bufferIsBounded()
    {
        RecoveryOptions options;
        options.maxBufferedPackets = 3;
        RoomAdapter adapter(options);
        QString first;
        for (int i = 0; i < 10; ++i) {
            const QString offset = adapter.nextOffset();
            if (i == 0)
                first = offset;
            adapter.storePacket(offset, {}, {}, message("42[1]"));
        }
        QCOMPARE(adapter.bufferedPacketCount(), 3);
        adapter.persistSession({ u"sid1"_s, u"pid1"_s, { u"sid1"_s }, {} });
        QVERIFY(!adapter.restoreSession(u"pid1"_s, first)); // too old to replay from
    }
};

QTEST_GUILESS_MAIN(tst_RoomAdapter)
#include "tst_roomadapter.moc"
