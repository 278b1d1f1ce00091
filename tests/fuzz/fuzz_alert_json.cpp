// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later

// JSON text through json::parse, then AlertInput, Alert and TriageEntry::fromJson. Whatever a
// parser accepts must come back equal from its toJson(), both directly and through JSON text (the
// wire path). A bare JSON string also goes through parseTimestamp() and RoomName::parse().

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QByteArrayView>

#include "protocol/Contract.h"
#include "protocol/Json.h"

namespace {

using namespace vigil::protocol;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_alert_json: %s\n", what);
    std::abort();
}

template<typename T>
void checkRoundTrip(const QCborValue &json, const char *name)
{
    const auto parsed = T::fromJson(json);
    if (!parsed) {
        if (parsed.error().message.isEmpty())
            fail("error without a message");
        return;
    }
    const QCborMap written = parsed->toJson();
    const auto direct = T::fromJson(written);
    if (!direct) {
        std::fprintf(
          stderr, "%s: own output refused at %s\n", name, qPrintable(direct.error().field));
        fail("toJson output refused");
    }
    if (!(direct.value() == parsed.value()))
        fail("toJson -> fromJson differs");

    const QByteArray text = json::write(written);
    const auto reparsed = json::parse(text);
    if (!reparsed) {
        std::fprintf(stderr, "%s: %s\n", name, text.constData());
        fail("json::write output does not parse");
    }
    // JSON has one number type: a double such as 0.0 or 1.0 is written as `0` / `1` (as
    // JSON.stringify does) and read back as an integer. So the wire round trip is checked on
    // what goes on the wire: the text must come back byte for byte.
    const auto wire = T::fromJson(reparsed.value());
    if (!wire || json::write(wire.value().toJson()) != text) {
        std::fprintf(stderr, "%s: %s\n", name, text.constData());
        fail("toJson -> write -> parse -> fromJson differs");
    }
}

void checkString(const QString &text)
{
    const QDateTime time = parseTimestamp(text);
    if (time.isValid()) {
        const QString formatted = formatTimestamp(time);
        if (formatted.isEmpty() || parseTimestamp(formatted) != time)
            fail("timestamp does not survive formatTimestamp");
    }

    const std::optional<RoomName> room = RoomName::parse(text);
    if (room.has_value() != RoomName::isValid(text))
        fail("RoomName::parse and isValid disagree");
    if (room) {
        if (room->name() != text)
            fail("room name changed");
        if (room->kind() == RoomName::Kind::Patient && !(RoomName::patient(room->id()) == *room))
            fail("patient room differs from RoomName::patient(id)");
        if (room->kind() == RoomName::Kind::Hospital && !(RoomName::hospital(room->id()) == *room))
            fail("hospital room differs from RoomName::hospital(id)");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto parsed = json::parse(QByteArrayView(data, static_cast<qsizetype>(size)));
    if (!parsed)
        return 0;
    const QCborValue &value = parsed.value();
    checkRoundTrip<AlertInput>(value, "AlertInput");
    checkRoundTrip<Alert>(value, "Alert");
    checkRoundTrip<TriageEntry>(value, "TriageEntry");
    if (value.isString())
        checkString(value.toString());
    return 0;
}
