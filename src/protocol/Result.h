// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <variant>

#include <QString>

namespace vigil::protocol {

/// Why a decoder refused its input. Libraries return codes; the UI turns them into tr() text.
enum class ErrorCode
{
    EmptyInput,
    UnknownPacketType,
    InvalidJson,
    NestingTooDeep,
    InvalidBase64,
    InvalidHandshake,
    InvalidNamespace,
    InvalidAckId,
    InvalidAttachmentCount,
    TooManyAttachments,
    InvalidPayload,
    ReservedEventName,
    UnexpectedBinary,
    UnexpectedText,
    InvalidPlaceholder,
    TooManyPackets,
    TooLarge,
};

/// A decode error: a code for programs and a message for people that says what is wrong.
struct Error
{
    ErrorCode code = ErrorCode::InvalidPayload;
    QString message;

    friend bool operator==(const Error &, const Error &) = default;
};

/// A contract-level validation error that names the offending field (`title`, `data.score`, ...).
struct ValidationError
{
    QString field;
    QString message;

    friend bool operator==(const ValidationError &, const ValidationError &) = default;
};

/// A value or an error (std::expected is C++23; g++ 12 in C++20 mode lacks it).
template<typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value)
      : m_v(std::in_place_index<0>, std::move(value))
    {
    }
    Result(E error)
      : m_v(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const E &error() const { return std::get<1>(m_v); }

    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, E> m_v;
};

} // namespace vigil::protocol
