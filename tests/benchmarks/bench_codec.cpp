// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// Codec throughput for the packet the system sends most: a `patient_alert` event, as text and with
// a binary attachment. scripts/run-benchmarks runs this and writes the numbers to
// docs/BENCHMARKS.md.

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QDateTime>

#include <benchmark/benchmark.h>

#include "protocol/Contract.h"
#include "protocol/EngineIo.h"
#include "protocol/Json.h"
#include "protocol/SocketIo.h"

namespace {

using namespace vigil::protocol;

Alert typicalAlert()
{
    Alert a;
    a.id = QStringLiteral("a1b2c3d4e5f6");
    a.seq = 1042;
    a.patientId = QStringLiteral("42");
    a.hospitalId = QStringLiteral("123");
    a.type = QStringLiteral("sepsis_risk");
    a.priority = Priority::High;
    a.title = QStringLiteral("Sepsis risk 0.87");
    a.message = QStringLiteral("Risk rose from 0.41 to 0.87 in 2 h");
    a.data.insert(QStringLiteral("score"), 0.87);
    a.data.insert(QStringLiteral("previous"), 0.41);
    a.source = QStringLiteral("risk_engine");
    a.createdAt = QDateTime(QDate(2026, 11, 25), QTime(17, 0), Qt::UTC);
    return a;
}

sio::Packet alertEvent(bool withBinary)
{
    QCborArray args{ typicalAlert().toJson() };
    if (withBinary)
        args.append(QByteArray(1024, '\x5a'));
    return sio::Packet::event(QStringLiteral("/"), QStringLiteral("patient_alert"), args);
}

/// The wire form a server broadcasts: Engine.IO text frame plus attachment frames.
struct Wire
{
    QByteArray text;
    QList<QByteArray> attachments;
};

Wire encodeWire(const sio::Packet &packet)
{
    sio::Encoded e = sio::encode(packet);
    return { eio::encodeText(eio::Packet::message(std::move(e.text))), std::move(e.attachments) };
}

void encodeEvent(benchmark::State &state, bool withBinary)
{
    const sio::Packet packet = alertEvent(withBinary);
    qint64 bytes = 0;
    for (auto _ : state) {
        Wire w = encodeWire(packet);
        bytes += w.text.size();
        benchmark::DoNotOptimize(w);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
}

void decodeEvent(benchmark::State &state, bool withBinary)
{
    const Wire wire = encodeWire(alertEvent(withBinary));
    sio::Decoder decoder;
    for (auto _ : state) {
        auto frame = eio::decodeText(wire.text);
        auto packet = decoder.feedText(QByteArrayView(frame->data));
        for (const QByteArray &bin : wire.attachments)
            packet = decoder.feedBinary(bin);
        if (!packet.ok() || !packet.value().has_value()) {
            state.SkipWithError("decode failed");
            break;
        }
        benchmark::DoNotOptimize(packet);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * wire.text.size());
}

void BM_EncodePatientAlertText(benchmark::State &state)
{
    encodeEvent(state, false);
}
void BM_EncodePatientAlertBinary(benchmark::State &state)
{
    encodeEvent(state, true);
}
void BM_DecodePatientAlertText(benchmark::State &state)
{
    decodeEvent(state, false);
}
void BM_DecodePatientAlertBinary(benchmark::State &state)
{
    decodeEvent(state, true);
}

/// What a client does with every alert: JSON text to a validated Alert.
void BM_ParseAlertJson(benchmark::State &state)
{
    const QByteArray text = json::write(typicalAlert().toJson());
    for (auto _ : state) {
        auto value = json::parse(text);
        auto alert = Alert::fromJson(value.value());
        if (!alert.ok()) {
            state.SkipWithError("alert did not parse");
            break;
        }
        benchmark::DoNotOptimize(alert);
    }
    state.SetItemsProcessed(state.iterations());
}

/// A long-polling response carrying 10 alert events.
void BM_PollingPayloadRoundTrip(benchmark::State &state)
{
    const QByteArray message = sio::encode(alertEvent(false)).text;
    QList<eio::Packet> packets(10, eio::Packet::message(message));
    for (auto _ : state) {
        QByteArray body = eio::encodePayload(packets);
        auto decoded = eio::decodePayload(body);
        if (!decoded.ok() || decoded.value().size() != 10) {
            state.SkipWithError("payload round trip failed");
            break;
        }
        benchmark::DoNotOptimize(decoded);
    }
    state.SetItemsProcessed(state.iterations() * 10);
}

} // namespace

BENCHMARK(BM_EncodePatientAlertText);
BENCHMARK(BM_EncodePatientAlertBinary);
BENCHMARK(BM_DecodePatientAlertText);
BENCHMARK(BM_DecodePatientAlertBinary);
BENCHMARK(BM_ParseAlertJson);
BENCHMARK(BM_PollingPayloadRoundTrip);

BENCHMARK_MAIN();
