// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// One HTTP long-polling body through eio::decodePayload. Whatever decodes must encode back to the
// same bytes, and a smaller packet limit must refuse exactly the bodies that exceed it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QByteArrayView>

#include "protocol/EngineIo.h"

namespace {

using namespace vigil::protocol;
using namespace vigil::protocol::eio;

constexpr qsizetype smallLimit = 3;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_eio_payload: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const auto packets = decodePayload(input);
    const auto limited = decodePayload(input, smallLimit);
    if (!packets) {
        if (packets.error().message.isEmpty())
            fail("payload error without a message");
        if (limited)
            fail("a smaller limit accepted what the default refused");
        return 0;
    }

    if (packets->isEmpty())
        fail("accepted a payload with no packets");
    for (const Packet &p : packets.value()) {
        if (p.binary && p.type != PacketType::Message)
            fail("binary packet that is not a message");
    }
    if (encodePayload(packets.value()) != input)
        fail("encodePayload(decodePayload(x)) != x");

    if (packets->size() > smallLimit) {
        if (limited || limited.error().code != ErrorCode::TooManyPackets)
            fail("packet limit not enforced");
    } else if (!limited || !(limited.value() == packets.value())) {
        fail("packet limit changed the result below the limit");
    }
    return 0;
}
