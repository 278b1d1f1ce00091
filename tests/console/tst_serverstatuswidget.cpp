// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include "console/ServerStatusWidget.h"

using namespace Qt::StringLiterals;
using vigil::console::ServerStatusWidget;

class tst_ServerStatusWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void showsStatus();
    void unavailableHidesOldNumbers();
    void uptimeText_data();
    void uptimeText();
};

void tst_ServerStatusWidget::parse_data()
{
    QTest::addColumn<QCborValue>("payload");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("connections");
    QTest::addColumn<int>("rooms");

    const QCborMap full{ { u"active_connections"_s, 7 },
                         { u"rooms"_s,
                           QCborMap{ { u"triage_queue"_s, 3 }, { u"hospital_123"_s, 4 } } },
                         { u"uptime_s"_s, 3725 } };
    QTest::newRow("contract shape") << QCborValue(full) << true << qint64(7) << 2;
    QTest::newRow("integral doubles (JSON peers)")
      << QCborValue(QCborMap{ { u"active_connections"_s, 2.0 }, { u"rooms"_s, QCborMap{} } })
      << true << qint64(2) << 0;
    QTest::newRow("rooms missing")
      << QCborValue(QCborMap{ { u"active_connections"_s, 0 } }) << true << qint64(0) << 0;
    QTest::newRow("not an object") << QCborValue(QCborArray{ 1 }) << false << qint64(0) << 0;
    QTest::newRow("negative count")
      << QCborValue(QCborMap{ { u"active_connections"_s, -1 } }) << false << qint64(0) << 0;
    QTest::newRow("fractional count")
      << QCborValue(QCborMap{ { u"active_connections"_s, 1.5 } }) << false << qint64(0) << 0;
    QTest::newRow("rooms not an object")
      << QCborValue(QCborMap{ { u"active_connections"_s, 1 }, { u"rooms"_s, u"x"_s } }) << false
      << qint64(0) << 0;
    QTest::newRow("room count text")
      << QCborValue(QCborMap{ { u"active_connections"_s, 1 },
                              { u"rooms"_s, QCborMap{ { u"a_1"_s, u"3"_s } } } })
      << false << qint64(0) << 0;
}

void tst_ServerStatusWidget::parse()
{
    QFETCH(QCborValue, payload);
    QFETCH(bool, valid);
    QFETCH(qint64, connections);
    QFETCH(int, rooms);
    const auto status = ServerStatusWidget::parse(payload);
    QCOMPARE(status.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(status->activeConnections, connections);
    QCOMPARE(status->rooms.size(), rooms);
}

void tst_ServerStatusWidget::showsStatus()
{
    ServerStatusWidget widget;
    vigil::client::SocketStatus status;
    status.activeConnections = 12;
    status.rooms = { { u"triage_queue"_s, 3 }, { u"hospital_123"_s, 9 } };
    status.uptimeSeconds = 90'061;
    widget.setStatus(status, QDateTime::currentDateTime());
    QCOMPARE(widget.connectionsText(), u"12"_s);
    QCOMPARE(widget.roomRowCount(), 2);
}

void tst_ServerStatusWidget::unavailableHidesOldNumbers()
{
    ServerStatusWidget widget;
    vigil::client::SocketStatus status;
    status.activeConnections = 12;
    status.rooms = { { u"triage_queue"_s, 3 } };
    widget.setStatus(status, QDateTime::currentDateTime());
    widget.setUnavailable(u"Forbidden"_s);
    QCOMPARE(widget.connectionsText(), u"unavailable (Forbidden)"_s);
    QCOMPARE(widget.roomRowCount(), 0);
}

void tst_ServerStatusWidget::uptimeText_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << qint64(42) << u"42 s"_s;
    QTest::newRow("minutes") << qint64(125) << u"2 min 05 s"_s;
    QTest::newRow("hours") << qint64(3'725) << u"1 h 02 min"_s;
    QTest::newRow("days") << qint64(2 * 86'400 + 3 * 3'600) << u"2 d 03 h"_s;
    QTest::newRow("negative") << qint64(-5) << u"0 s"_s;
}

void tst_ServerStatusWidget::uptimeText()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(ServerStatusWidget::uptimeText(seconds), text);
}

QTEST_MAIN(tst_ServerStatusWidget)
#include "tst_serverstatuswidget.moc"
