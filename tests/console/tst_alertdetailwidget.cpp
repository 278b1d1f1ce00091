// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCborArray>
#include <QTest>

#include "ConsoleSamples.h"
#include "console/AlertDetailWidget.h"

using namespace Qt::StringLiterals;
using namespace vigil::console;
using namespace vigil::protocol;

class tst_AlertDetailWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dataLines_data();
    void dataLines();
    void dataLinesAreBounded();
    void historyLines();
    void showsEverythingANurseNeeds();
    void clearShowsPlaceholder();
    void htmlIsEscaped();
};

void tst_AlertDetailWidget::dataLines_data()
{
    QTest::addColumn<QCborMap>("data");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QCborMap() << QStringList();
    QTest::newRow("score") << QCborMap{ { u"score"_s, 0.87 } }
                           << QStringList{ u"Risk score 0.87"_s };
    QTest::newRow("risk_score integer")
      << QCborMap{ { u"risk_score"_s, 1 } } << QStringList{ u"Risk score 1"_s };
    QTest::newRow("limit above") << QCborMap{
        { u"hr"_s, QCborMap{ { u"value"_s, 134 }, { u"limit"_s, 120 } } }
    } << QStringList{ u"HR 134>120"_s };
    QTest::newRow("limit below with unit") << QCborMap{
        { u"spo2"_s, QCborMap{ { u"value"_s, 85 }, { u"limit"_s, 90 }, { u"unit"_s, u"%"_s } } }
    } << QStringList{ u"SPO2 85<90 %"_s };
    QTest::newRow("high and explicit op") << QCborMap{
        { u"temp"_s, QCborMap{ { u"value"_s, 39.2 }, { u"high"_s, 38.5 }, { u"op"_s, u">="_s } } }
    } << QStringList{ u"TEMP 39.2>=38.5"_s };
    QTest::newRow("low") << QCborMap{ { u"resp_rate"_s,
                                        QCborMap{ { u"value"_s, 6 }, { u"low"_s, 8 } } } }
                         << QStringList{ u"Resp rate 6<8"_s };
    QTest::newRow("score first, then the rest in order")
      << QCborMap{ { u"model"_s, u"sepsis-v3"_s }, { u"score"_s, 0.5 }, { u"ward"_s, 7 } }
      << QStringList{ u"Risk score 0.5"_s, u"Model: sepsis-v3"_s, u"WARD: 7"_s };
    QTest::newRow("nested and arrays as json")
      << QCborMap{ { u"trend"_s, QCborArray{ 1, 2, 3 } },
                   { u"vitals_text"_s, u"HR 134>120"_s },
                   { u"flag"_s, true } }
      << QStringList{ u"Trend: [1,2,3]"_s, u"Vitals text: HR 134>120"_s, u"FLAG: true"_s };
    QTest::newRow("score that is not a number")
      << QCborMap{ { u"score"_s, u"high"_s } } << QStringList{ u"Score: high"_s };
}

void tst_AlertDetailWidget::dataLines()
{
    QFETCH(QCborMap, data);
    QFETCH(QStringList, expected);
    QCOMPARE(AlertDetailWidget::dataLines(data), expected);
}

void tst_AlertDetailWidget::dataLinesAreBounded()
{
    QCborMap data;
    for (int i = 0; i < 500; ++i)
        data.insert(u"key_%1"_s.arg(i, 3, 10, QLatin1Char('0')), QString(10'000, u'x'));
    const QStringList lines = AlertDetailWidget::dataLines(data);
    QCOMPARE(lines.size(), AlertDetailWidget::maxDataLines + 1);
    for (const QString &line : lines)
        QVERIFY(line.size() <= AlertDetailWidget::maxLineLength);
    QCOMPARE(lines.last(), u"(450 more values not shown)"_s);
}

void tst_AlertDetailWidget::historyLines()
{
    Alert a = samples::alert(u"a1"_s, 1, Priority::High, AlertState::Acknowledged);
    a.suppressed = true;
    const QList<AlertStateChange> changes{
        { a.createdAt.addSecs(30), AlertState::Acknowledged, u"nurse.joy"_s },
        { a.createdAt.addSecs(120), AlertState::Resolved, QString() },
    };
    const QStringList lines = AlertDetailWidget::historyLines(a, true, changes);
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines.at(0).endsWith(u"Raised (High priority)"));
    QCOMPARE(lines.at(1), u"Held back by the server's rate limit and fetched from history"_s);
    QCOMPARE(lines.at(2), u"Arrived while this station was offline"_s);
    QVERIFY(lines.at(3).endsWith(u"Acknowledged by nurse.joy"));
    // The server's acknowledge time wins over the one this station saw.
    QVERIFY(lines.at(4).endsWith(u"Resolved (seen by this station)"));
}

void tst_AlertDetailWidget::showsEverythingANurseNeeds()
{
    AlertDetailWidget widget;
    const Alert a = samples::vitalsAlert(u"v1"_s, 3);
    widget.setAlert(a, false, {}, QColor(0xFF, 0xD6, 0x00), QColor(Qt::black));
    QCOMPARE(widget.alert().id, u"v1"_s);
    QCOMPARE(widget.headerText(), u"** Medium  Heart rate high"_s);
    const QString text = widget.plainText();
    for (const QString &expected : { u"Heart rate above the limit for 5 min"_s,
                                     u"HR 134>120"_s,
                                     u"monitor_bed_7"_s,
                                     u"Patient"_s,
                                     u"7"_s,
                                     u"Vitals"_s,
                                     u"Active"_s,
                                     u"History"_s,
                                     u"Raised (Medium priority)"_s }) {
        QVERIFY2(text.contains(expected), qPrintable(expected + u" missing in:\n"_s + text));
    }
    QVERIFY(!text.contains(u"offline"));

    const Alert risk = samples::alert(u"r1"_s, 4, Priority::High, AlertState::Acknowledged);
    widget.setAlert(risk, true, {});
    const QString riskText = widget.plainText();
    QVERIFY(riskText.contains(u"Risk score 0.87"));
    QVERIFY(riskText.contains(u"risk_engine"));
    QVERIFY(riskText.contains(u"Acknowledged by nurse.joy"));
    QVERIFY(riskText.contains(u"Arrived while this station was offline"));
}

void tst_AlertDetailWidget::clearShowsPlaceholder()
{
    AlertDetailWidget widget;
    widget.setAlert(samples::alert(u"a"_s, 1), false, {});
    widget.clear();
    QVERIFY(widget.alert().id.isEmpty());
    QCOMPARE(widget.headerText(), u"No alert selected"_s);
    QVERIFY(!widget.plainText().contains(u"Sepsis"));
}

void tst_AlertDetailWidget::htmlIsEscaped()
{
    Alert a = samples::alert(u"x"_s, 1);
    a.message = u"<b>not bold</b> & <script>"_s;
    a.data = QCborMap{ { u"<i>"_s, u"<img src=x>"_s } };
    const QString html = AlertDetailWidget::html(a, false, {});
    QVERIFY(!html.contains(u"<b>not bold"));
    QVERIFY(!html.contains(u"<img"));
    QVERIFY(html.contains(u"&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;script&gt;"));
}

QTEST_MAIN(tst_AlertDetailWidget)
#include "tst_alertdetailwidget.moc"
