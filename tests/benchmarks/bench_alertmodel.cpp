// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// The console's alert table under load: a 10,000-alert backfill in pages of 500, and a table of
// 100,000 rows being filled, sorted, filtered and fed one live alert at a time. Every case runs
// the model behind its proxy in the default order, as the console shows it.
// scripts/run-benchmarks runs this and writes the numbers to docs/BENCHMARKS.md.

#include <memory>

#include <QGuiApplication>
#include <QList>
#include <QRandomGenerator>

#include <benchmark/benchmark.h>

#include "console/AlertFilterProxyModel.h"
#include "console/AlertTableModel.h"

namespace {

using namespace vigil::console;
using namespace vigil::protocol;

constexpr int backfillSize = 10'000;
constexpr int pageSize = 500;
constexpr int bigTable = 100'000;

const QDateTime baseTime(QDate(2026, 11, 25), QTime(0, 0), Qt::UTC);

/// Alerts shaped like a busy ward: mostly low and info, a few high; ~200 patients in 4 hospitals.
QList<Alert> makeAlerts(int first, int count)
{
    static const QString types[] = { QStringLiteral("sepsis_risk"),
                                     QStringLiteral("vitals"),
                                     QStringLiteral("deterioration"),
                                     QStringLiteral("technical") };
    static const Priority priorities[] = { Priority::High, Priority::Medium, Priority::Medium,
                                           Priority::Low,  Priority::Low,    Priority::Low,
                                           Priority::Info, Priority::Info };
    QRandomGenerator random(static_cast<quint32>(first) + 1U);
    QList<Alert> alerts;
    alerts.reserve(count);
    for (int i = first; i < first + count; ++i) {
        Alert a;
        a.id = QStringLiteral("alert-%1").arg(i);
        a.seq = i + 1;
        a.patientId = QString::number(random.bounded(200));
        a.hospitalId = QString::number(100 + random.bounded(4));
        a.type = types[random.bounded(4)];
        a.priority = priorities[random.bounded(8)];
        a.title = QStringLiteral("HR %1>120").arg(121 + random.bounded(60));
        a.message = QStringLiteral("Heart rate above limit for %1 min").arg(random.bounded(30));
        a.source = QStringLiteral("monitor");
        a.createdAt = baseTime.addSecs(i * 3);
        if (random.bounded(3) == 0) {
            a.state = AlertState::Acknowledged;
            a.acknowledgedBy = QStringLiteral("nurse.joy");
            a.acknowledgedAt = a.createdAt.addSecs(60);
        }
        alerts.append(std::move(a));
    }
    return alerts;
}

const QList<QList<Alert>> &pages(int total)
{
    static QList<QList<Alert>> backfill;
    static QList<QList<Alert>> big;
    QList<QList<Alert>> &target = total == backfillSize ? backfill : big;
    if (target.isEmpty()) {
        for (int first = 0; first < total; first += pageSize)
            target.append(makeAlerts(first, pageSize));
    }
    return target;
}

struct Table
{
    AlertTableModel model;
    AlertFilterProxyModel proxy;

    Table() { proxy.setSourceModel(&model); }
    void fill(int total, bool offline = false)
    {
        for (const QList<Alert> &page : pages(total))
            model.upsertAlerts(page, offline);
    }
};

void backfill10k(benchmark::State &state)
{
    for (auto _ : state) {
        state.PauseTiming();
        auto table = std::make_unique<Table>();
        state.ResumeTiming();
        table->fill(backfillSize, true);
        benchmark::DoNotOptimize(table->proxy.rowCount());
        state.PauseTiming();
        table.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * backfillSize);
}

void insert100k(benchmark::State &state)
{
    for (auto _ : state) {
        state.PauseTiming();
        auto table = std::make_unique<Table>();
        state.ResumeTiming();
        table->fill(bigTable);
        benchmark::DoNotOptimize(table->proxy.rowCount());
        state.PauseTiming();
        table.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * bigTable);
}

void sort100k(benchmark::State &state, int column)
{
    Table table;
    table.fill(bigTable);
    bool descending = false;
    for (auto _ : state) {
        // Alternate so that every iteration really re-sorts.
        descending = !descending;
        table.proxy.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        benchmark::DoNotOptimize(table.proxy.index(0, 0).row());
    }
    state.SetItemsProcessed(state.iterations() * bigTable);
}

void sortDefault100k(benchmark::State &state)
{
    Table table;
    table.fill(bigTable);
    for (auto _ : state) {
        // The default order is already set; invalidate() makes the proxy sort (and filter) anew.
        table.proxy.invalidate();
        benchmark::DoNotOptimize(table.proxy.index(0, 0).row());
    }
    state.SetItemsProcessed(state.iterations() * bigTable);
}

void filterText100k(benchmark::State &state)
{
    Table table;
    table.fill(bigTable);
    bool flip = false;
    for (auto _ : state) {
        flip = !flip;
        table.proxy.setTextFilter(flip ? QStringLiteral("hr 15") : QStringLiteral("sepsis"));
        benchmark::DoNotOptimize(table.proxy.rowCount());
    }
    state.SetItemsProcessed(state.iterations() * bigTable);
}

void filterTextNarrowAndClear100k(benchmark::State &state)
{
    Table table;
    table.fill(bigTable);
    // What typing does: each keystroke narrows, clearing the box brings every row back.
    const QString steps[] = { QStringLiteral("s"),
                              QStringLiteral("se"),
                              QStringLiteral("sep"),
                              QStringLiteral("seps"),
                              QString() };
    for (auto _ : state) {
        for (const QString &text : steps)
            table.proxy.setTextFilter(text);
        benchmark::DoNotOptimize(table.proxy.rowCount());
    }
    state.SetItemsProcessed(state.iterations() * bigTable * 5);
}

void filterPriority100k(benchmark::State &state)
{
    Table table;
    table.fill(bigTable);
    bool flip = false;
    for (auto _ : state) {
        flip = !flip;
        table.proxy.setPriorityFilter(flip ? QList<Priority>{ Priority::High }
                                           : QList<Priority>{ Priority::High, Priority::Medium });
        benchmark::DoNotOptimize(table.proxy.rowCount());
    }
    state.SetItemsProcessed(state.iterations() * bigTable);
}

/// Live events are prepared in chunks outside the timed region: PauseTiming() per event would
/// cost more than the upsert being measured.
constexpr int liveChunk = 10'000;

/// `withProxy` false shows the model's own share: QSortFilterProxyModel's bookkeeping is linear
/// in the row count per inserted row, the model's is constant.
void liveInsertInto100k(benchmark::State &state, bool withProxy)
{
    Table table;
    if (!withProxy)
        table.proxy.setSourceModel(nullptr);
    table.fill(bigTable);
    QList<QList<Alert>> events;
    qsizetype used = 0;
    int next = bigTable;
    for (auto _ : state) {
        if (used == events.size()) {
            state.PauseTiming();
            events.clear();
            for (const Alert &a : makeAlerts(next, liveChunk))
                events.append(QList<Alert>{ a });
            next += liveChunk;
            used = 0;
            state.ResumeTiming();
        }
        table.model.upsertAlerts(events.at(used++));
    }
    state.SetItemsProcessed(state.iterations());
}

void liveUpdateIn100k(benchmark::State &state)
{
    Table table;
    table.fill(bigTable);
    QRandomGenerator random(7);
    QList<QList<Alert>> events;
    qsizetype used = 0;
    qint64 tick = 0;
    for (auto _ : state) {
        if (used == events.size()) {
            state.PauseTiming();
            events.clear();
            for (int i = 0; i < liveChunk; ++i) {
                Alert a = table.model.alert(static_cast<int>(random.bounded(bigTable)));
                // A later acknowledgement: never a downgrade, always a real change.
                a.state = AlertState::Acknowledged;
                a.acknowledgedBy = QStringLiteral("nurse.ray");
                a.acknowledgedAt = baseTime.addDays(30).addMSecs(++tick);
                events.append(QList<Alert>{ a });
            }
            used = 0;
            state.ResumeTiming();
        }
        table.model.upsertAlerts(events.at(used++));
    }
    state.SetItemsProcessed(state.iterations());
}

} // namespace

BENCHMARK(backfill10k)->Unit(benchmark::kMillisecond);
BENCHMARK(insert100k)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(sort100k, priority, AlertTableModel::Priority)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(sort100k, time, AlertTableModel::Time)->Unit(benchmark::kMillisecond);
BENCHMARK(sortDefault100k)->Unit(benchmark::kMillisecond);
BENCHMARK(filterText100k)->Unit(benchmark::kMillisecond);
BENCHMARK(filterTextNarrowAndClear100k)->Unit(benchmark::kMillisecond);
BENCHMARK(filterPriority100k)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(liveInsertInto100k, withProxy, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(liveInsertInto100k, modelOnly, false)->Unit(benchmark::kMicrosecond);
BENCHMARK(liveUpdateIn100k)->Unit(benchmark::kMicrosecond);

int main(int argc, char **argv)
{
    // The model hands out fonts and colours; those want a GUI application (offscreen is enough).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
