// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// One WebSocket text frame through eio::decodeText, and the same bytes (and an `open` packet's
// data) through Handshake::fromJson. Whatever decodes must encode back to an equal value.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QByteArrayView>

#include "protocol/EngineIo.h"

namespace {

using namespace vigil::protocol::eio;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_eio_packet: %s\n", what);
    std::abort();
}

void checkHandshake(QByteArrayView json)
{
    const auto handshake = Handshake::fromJson(json);
    if (!handshake) {
        if (handshake.error().message.isEmpty())
            fail("handshake error without a message");
        return;
    }
    const Handshake &h = handshake.value();
    if (h.sid.isEmpty() || h.pingInterval < 0 || h.pingTimeout < 0 ||
        (h.maxPayload && *h.maxPayload <= 0))
        fail("accepted a handshake that breaks its own rules");
    const QByteArray written = h.toJson();
    const auto again = Handshake::fromJson(written);
    if (!again)
        fail("toJson output does not parse back");
    if (!(again.value() == h))
        fail("handshake changed in a toJson/fromJson round trip");
    if (again->toJson() != written)
        fail("toJson is not stable");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const auto packet = decodeText(input);
    if (packet) {
        if (packet->binary)
            fail("a text frame decoded as binary");
        if (encodeText(packet.value()) != input)
            fail("encodeText(decodeText(x)) != x");
        if (packet->type == PacketType::Open)
            checkHandshake(packet->data);
    } else if (packet.error().message.isEmpty()) {
        fail("packet error without a message");
    }

    checkHandshake(input);
    return 0;
}
