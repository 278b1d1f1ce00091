// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/AlertDetailWidget.h"

#include <cmath>

#include <QCborArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "console/AlertTableModel.h"

namespace vigil::console {

using protocol::Alert;
using protocol::AlertState;

namespace {

const Alert &noAlert()
{
    static const Alert empty;
    return empty;
}

QString elide(const QString &text)
{
    if (text.size() <= AlertDetailWidget::maxLineLength)
        return text;
    return text.left(AlertDetailWidget::maxLineLength - 1) + QChar(0x2026);
}

/// `hr` → `HR`, `spo2` → `SPO2`, `blood_pressure` → `Blood pressure`: short keys are the
/// abbreviations nurses write in capitals, long ones read as words.
QString label(const QString &key)
{
    if (key.size() <= 4)
        return key.toUpper();
    QString text = key;
    text.replace(u'_', u' ');
    text[0] = text.at(0).toUpper();
    return text;
}

QString number(double value)
{
    if (!std::isfinite(value))
        return QString();
    // Values are measurements, not prose: the same digits in every language.
    return QString::number(value, 'g', 6);
}

QString compactJson(const QCborValue &value)
{
    const QJsonValue json = value.toJsonValue();
    if (json.isObject())
        return QString::fromUtf8(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
    if (json.isArray())
        return QString::fromUtf8(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
    if (json.isString())
        return json.toString();
    if (json.isDouble())
        return number(json.toDouble());
    if (json.isBool())
        return json.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QStringLiteral("null");
}

bool isScoreKey(const QString &key)
{
    return key == u"score" || key == u"risk_score" || key == u"risk" || key == u"riskScore";
}

/// `{"value": 134, "limit": 120}` (or `high`/`low`, optional `op` and `unit`) as `134>120 bpm`;
/// empty when the object is not a limit violation.
QString limitText(const QCborMap &object)
{
    const QCborValue value = object.value(QStringLiteral("value"));
    if (!value.isDouble() && !value.isInteger())
        return {};
    const double v = value.toDouble();
    QString op;
    double limit = 0;
    if (object.value(QStringLiteral("limit")).isDouble() ||
        object.value(QStringLiteral("limit")).isInteger()) {
        limit = object.value(QStringLiteral("limit")).toDouble();
        op = v > limit ? QStringLiteral(">") : QStringLiteral("<");
    } else if (object.value(QStringLiteral("high")).isDouble() ||
               object.value(QStringLiteral("high")).isInteger()) {
        limit = object.value(QStringLiteral("high")).toDouble();
        op = QStringLiteral(">");
    } else if (object.value(QStringLiteral("low")).isDouble() ||
               object.value(QStringLiteral("low")).isInteger()) {
        limit = object.value(QStringLiteral("low")).toDouble();
        op = QStringLiteral("<");
    } else {
        return number(v);
    }
    const QString givenOp = object.value(QStringLiteral("op")).toString();
    if (givenOp == u">" || givenOp == u"<" || givenOp == u">=" || givenOp == u"<=")
        op = givenOp;
    QString text = number(v) + op + number(limit);
    const QString unit = object.value(QStringLiteral("unit")).toString().left(20);
    if (!unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return text;
}

} // namespace

AlertDetailWidget::AlertDetailWidget(QWidget *parent)
  : QWidget(parent)
  , m_header(new QLabel(this))
  , m_body(new QTextBrowser(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_body, 1);

    m_header->setObjectName(QStringLiteral("alertDetailHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setMargin(8);
    m_header->setAutoFillBackground(true);
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    // Relative to the user's font, so system font scaling still applies.
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.25);
    m_header->setFont(headerFont);

    m_body->setObjectName(QStringLiteral("alertDetailText"));
    m_body->setOpenLinks(false);
    m_body->setFocusPolicy(Qt::StrongFocus);
    m_body->setAccessibleName(tr("Alert details"));
    clear();
}

AlertDetailWidget::~AlertDetailWidget() = default;

void AlertDetailWidget::setAlert(const Alert &alert,
                                 bool arrivedOffline,
                                 const QList<AlertStateChange> &changes,
                                 const QColor &background,
                                 const QColor &foreground)
{
    m_alert = alert;
    m_header->setText(AlertTableModel::priorityText(alert.priority) + QStringLiteral("  ") +
                      alert.title);
    m_header->setAccessibleName(AlertTableModel::priorityAccessibleText(alert.priority) +
                                QStringLiteral(": ") + alert.title);
    QPalette palette = m_header->palette();
    palette.setColor(QPalette::Window,
                     background.isValid() ? background : this->palette().color(QPalette::Window));
    palette.setColor(QPalette::WindowText,
                     foreground.isValid() ? foreground
                                          : this->palette().color(QPalette::WindowText));
    m_header->setPalette(palette);
    m_body->setHtml(html(alert, arrivedOffline, changes));
}

void AlertDetailWidget::clear()
{
    m_alert = noAlert();
    m_header->setText(tr("No alert selected"));
    m_header->setAccessibleName(m_header->text());
    m_header->setPalette(palette());
    m_body->setHtml(QStringLiteral("<p>%1</p>")
                      .arg(tr("Select an alert in the table to see its message, data and history.")
                             .toHtmlEscaped()));
}

QString AlertDetailWidget::plainText() const
{
    return m_body->toPlainText();
}

QString AlertDetailWidget::headerText() const
{
    return m_header->text();
}

QStringList AlertDetailWidget::dataLines(const QCborMap &data)
{
    QStringList scores;
    QStringList others;
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        if (scores.size() + others.size() >= maxDataLines) {
            others.append(tr(
              "(%n more values not shown)", nullptr, static_cast<int>(data.size()) - maxDataLines));
            break;
        }
        const QString key = it.key().toString().left(maxLineLength);
        const QCborValue &value = it.value();
        if (isScoreKey(key) && (value.isDouble() || value.isInteger())) {
            scores.append(elide(tr("Risk score %1").arg(number(value.toDouble()))));
            continue;
        }
        if (value.isMap()) {
            const QString limit = limitText(value.toMap());
            if (!limit.isEmpty()) {
                others.append(elide(label(key) + QLatin1Char(' ') + limit));
                continue;
            }
        }
        others.append(elide(tr("%1: %2").arg(label(key), compactJson(value))));
    }
    return scores + others;
}

QStringList AlertDetailWidget::historyLines(const Alert &alert,
                                            bool arrivedOffline,
                                            const QList<AlertStateChange> &changes)
{
    QStringList lines;
    lines.append(tr("%1  Raised (%2)")
                   .arg(AlertTableModel::timeText(alert.createdAt),
                        AlertTableModel::priorityAccessibleText(alert.priority)));
    if (alert.suppressed)
        lines.append(tr("Held back by the server's rate limit and fetched from history"));
    if (arrivedOffline)
        lines.append(tr("Arrived while this station was offline"));
    if (alert.acknowledgedAt) {
        lines.append(
          alert.acknowledgedBy.isEmpty()
            ? tr("%1  Acknowledged").arg(AlertTableModel::timeText(*alert.acknowledgedAt))
            : tr("%1  Acknowledged by %2")
                .arg(AlertTableModel::timeText(*alert.acknowledgedAt), alert.acknowledgedBy));
    }
    for (const AlertStateChange &change : changes) {
        // The server's acknowledge time above is the authoritative one.
        if (change.state == AlertState::Acknowledged && alert.acknowledgedAt)
            continue;
        const QString when = AlertTableModel::timeText(change.seenAt);
        switch (change.state) {
            case AlertState::Active:
                lines.append(tr("%1  Active again (seen by this station)").arg(when));
                break;
            case AlertState::Acknowledged:
                lines.append(
                  change.by.isEmpty()
                    ? tr("%1  Acknowledged (seen by this station)").arg(when)
                    : tr("%1  Acknowledged by %2 (seen by this station)").arg(when, change.by));
                break;
            case AlertState::Resolved:
                lines.append(tr("%1  Resolved (seen by this station)").arg(when));
                break;
        }
    }
    return lines;
}

QString AlertDetailWidget::html(const Alert &alert,
                                bool arrivedOffline,
                                const QList<AlertStateChange> &changes)
{
    const auto esc = [](const QString &text) { return text.toHtmlEscaped(); };
    const auto row = [&esc](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
          .arg(esc(name), esc(value));
    };

    QString out;
    if (arrivedOffline) {
        out += QStringLiteral("<p style=\"background:#e8ddf5; padding:4px\"><b>%1</b></p>")
                 .arg(esc(tr("Arrived while this station was offline.")));
    }
    if (!alert.message.isEmpty())
        out += QStringLiteral("<p>%1</p>").arg(esc(alert.message));

    const QStringList data = dataLines(alert.data);
    if (!data.isEmpty()) {
        out += QStringLiteral("<h3>%1</h3><ul>").arg(esc(tr("Data")));
        for (const QString &line : data)
            out += QStringLiteral("<li>%1</li>").arg(esc(line));
        out += QStringLiteral("</ul>");
    }

    out += QStringLiteral("<table>");
    out += row(tr("Patient"), alert.patientId);
    out += row(tr("Hospital"), alert.hospitalId);
    out += row(tr("Type"), AlertTableModel::typeText(alert.type));
    out += row(tr("Source"), alert.source.isEmpty() ? tr("not given") : alert.source);
    out += row(tr("Time"), AlertTableModel::timeText(alert.createdAt));
    out += row(tr("State"), AlertTableModel::stateText(alert.state));
    if (!alert.acknowledgedBy.isEmpty())
        out += row(tr("Acknowledged by"), alert.acknowledgedBy);
    out += row(tr("Alert id"), alert.id);
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h3>%1</h3><ul>").arg(esc(tr("History")));
    for (const QString &line : historyLines(alert, arrivedOffline, changes))
        out += QStringLiteral("<li>%1</li>").arg(esc(line));
    out += QStringLiteral("</ul>");
    return out;
}

} // namespace vigil::console
