// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target for sio::Decoder. The input is a sequence of frames separated by 0x1E (as in an
// Engine.IO polling payload): a frame starting with 'b' is a binary message (the bytes after the
// 'b'), any other frame is a text message. Text packets never start with 'b' nor contain 0x1E, so
// no interesting input is lost. Every decoded packet is encoded again; the result must decode to
// the same packet and encode to the same bytes, otherwise the target aborts.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <QCborArray>
#include <QCborMap>

#include "protocol/Json.h"
#include "protocol/SocketIo.h"

using namespace vigil::protocol;

namespace {

/// The fuzzer finds the interesting cases in short inputs; long ones only slow it down.
constexpr size_t maxInput = 64 * 1024;

[[noreturn]] void fail(const char *what, const sio::Packet &p)
{
    std::fprintf(stderr,
                 "fuzz_sio_decoder: %s\npacket: type %d nsp %s data %s\n",
                 what,
                 int(p.type),
                 p.nsp.toUtf8().constData(),
                 p.data.toDiagnosticNotation().toUtf8().constData());
    std::abort();
}

bool containsNonFinite(const QCborValue &v)
{
    if (v.isDouble())
        return !std::isfinite(v.toDouble());
    if (v.isArray()) {
        const QCborArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (containsNonFinite(a.at(i)))
                return true;
        }
    }
    if (v.isMap()) {
        const QCborMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (containsNonFinite(it.value()))
                return true;
        }
    }
    return false;
}

/// Equal as JSON sees it: 1 and 1.0 are the same number.
bool sameValue(const QCborValue &a, const QCborValue &b)
{
    const bool aNumber = a.isInteger() || a.isDouble();
    const bool bNumber = b.isInteger() || b.isDouble();
    if (aNumber && bNumber) {
        if (a.isInteger() && b.isInteger())
            return a.toInteger() == b.toInteger();
        return a.toDouble() == b.toDouble();
    }
    if (a.type() != b.type())
        return false;
    if (a.isArray()) {
        const QCborArray x = a.toArray();
        const QCborArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameValue(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.isMap()) {
        const QCborMap x = a.toMap();
        const QCborMap y = b.toMap();
        if (x.size() != y.size())
            return false;
        for (auto i = x.cbegin(), j = y.cbegin(); i != x.cend(); ++i, ++j) {
            if (i.key() != j.key() || !sameValue(i.value(), j.value()))
                return false;
        }
        return true;
    }
    return a == b;
}

sio::Packet decodeEncoded(const sio::Encoded &e, const sio::Packet &original)
{
    // Placeholders may be reused, so a re-encoded packet can carry more attachments than the
    // original announced: lift the limit for the check.
    sio::Decoder decoder(std::numeric_limits<int>::max());
    auto r = decoder.feedText(e.text);
    for (const QByteArray &bytes : e.attachments) {
        if (!r || r.value())
            fail("re-encoded packet completed early or failed", original);
        r = decoder.feedBinary(bytes);
    }
    if (!r) {
        std::fprintf(stderr,
                     "error: %s\ntext: %s\n",
                     r.error().message.toUtf8().constData(),
                     e.text.constData());
        fail("re-encoded packet does not decode", original);
    }
    if (!r.value())
        fail("re-encoded packet incomplete", original);
    return *r.value();
}

void checkRoundTrip(const sio::Packet &p)
{
    const sio::Encoded e = sio::encode(p);
    // Infinity is valid after JSON.parse but JSON has no way to write it: it comes back as null,
    // which may no longer be a valid payload (an event named null).
    if (containsNonFinite(p.data))
        return;
    const sio::Packet q = decodeEncoded(e, p);
    if (q.type != p.type || q.nsp != p.nsp || q.id != p.id || !sameValue(p.data, q.data))
        fail("round trip changed the packet", p);
    const sio::Encoded again = sio::encode(q);
    if (again.text != e.text || again.attachments != e.attachments)
        fail("encoding is not stable", p);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > maxInput)
        return 0;
    const QByteArrayView input(data, qsizetype(size));
    sio::Decoder decoder;
    qsizetype start = 0;
    while (start <= input.size()) {
        qsizetype end = input.indexOf('\x1e', start);
        if (end < 0)
            end = input.size();
        const QByteArrayView frame = input.sliced(start, end - start);
        start = end + 1;

        const bool binary = !frame.isEmpty() && frame[0] == 'b';
        const auto r =
          binary ? decoder.feedBinary(frame.sliced(1).toByteArray()) : decoder.feedText(frame);
        if (!r) {
            if (r.error().message.isEmpty())
                fail("error without a message", {});
            if (decoder.awaitingAttachments())
                fail("decoder still waiting after an error", {});
            continue;
        }
        if (r.value())
            checkRoundTrip(*r.value());
    }
    return 0;
}
