// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// Bytes from a client through the server's WebSocket FrameReader, split into reads at points the
// input chooses. Invariants: nothing after an error, no message over the limit, text is valid
// UTF-8, the same messages whatever the split, and memory held stays bounded.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QList>
#include <QStringDecoder>

#include "server/WebSocketFrame.h"

namespace {

using namespace vigil::server;

constexpr qint64 maxMessage = 4096;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_ws_frames: %s\n", what);
    std::abort();
}

QList<ws::Message> readAll(QByteArrayView bytes, qsizetype chunk)
{
    ws::FrameReader reader(maxMessage);
    QList<ws::Message> out;
    bool failed = false;
    for (qsizetype i = 0; i < bytes.size(); i += chunk) {
        reader.feed(bytes.sliced(i, qMin(chunk, bytes.size() - i)));
        while (auto message = reader.next()) {
            if (failed)
                fail("a message after an error");
            if (message->kind == ws::Message::Kind::Error)
                failed = true;
            if (message->payload.size() > maxMessage)
                fail("a message over the limit");
            if (message->kind == ws::Message::Kind::Text) {
                QStringDecoder decoder(QStringDecoder::Utf8);
                const QString text = decoder(message->payload);
                if (decoder.hasError() || text.toUtf8() != message->payload)
                    fail("invalid UTF-8 accepted as text");
            }
            out.append(*message);
        }
        // A partial frame is at most one frame's header and payload plus a partial message.
        if (reader.bufferedBytes() > 2 * maxMessage + 14 + chunk)
            fail("the reader holds more than one frame and one message");
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype chunk = 1 + data[0] % 64;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const QList<ws::Message> whole = readAll(bytes, qMax<qsizetype>(bytes.size(), 1));
    const QList<ws::Message> split = readAll(bytes, chunk);
    if (whole.size() != split.size())
        fail("the split changed the number of messages");
    for (qsizetype i = 0; i < whole.size(); ++i) {
        if (whole[i].kind != split[i].kind || whole[i].payload != split[i].payload ||
            whole[i].closeCode != split[i].closeCode)
            fail("the split changed a message");
    }
    return 0;
}
