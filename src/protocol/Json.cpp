// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/Json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <QCborArray>
#include <QCborMap>
#include <QCborParserError>
#include <QHash>
#include <QUuid>
#include <QtEndian>

namespace vigil::protocol::json {

using namespace Qt::StringLiterals;

namespace {

// The parser emits CBOR bytes and lets QCborValue::fromCbor() build the tree in one go: QCborMap
// has no append-without-lookup, so inserting keys one by one costs O(n^2) on a hostile 100k-key
// object, while decoding a CBOR map is linear. Containers use indefinite length so that no count is
// needed up front; strings without escapes are copied from the input as they are.
namespace cbor {
constexpr quint8 Unsigned = 0 << 5;
constexpr quint8 Negative = 1 << 5;
constexpr quint8 Text = 3 << 5;
constexpr char ArrayStart = '\x9f';
constexpr char MapStart = '\xbf';
constexpr char Break = '\xff';
constexpr char False = '\xf4';
constexpr char True = '\xf5';
constexpr char Null = '\xf6';
constexpr char Double = '\xfb';
} // namespace cbor

/// Small objects look for duplicate keys by scanning; past this many keys, by hashing.
constexpr qsizetype linearKeyLimit = 16;

/// Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, <= U+10FFFF),
/// or 0 when it is not one.
int utf8SequenceLength(const uchar *p, const uchar *end)
{
    const uchar c = p[0];
    int len = 0;
    uchar lo = 0x80;
    uchar hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (end - p < len)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < len; ++i) {
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
    }
    return len;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

class Parser
{
public:
    explicit Parser(QByteArrayView text)
      : m_begin(text.data())
      , m_end(text.data() + text.size())
    {
    }

    Result<QCborValue> run()
    {
        // A JSON token never takes more than three times its size in CBOR ("1e1" becomes a 9-byte
        // double), so this buffer normally never grows.
        grow((m_end - m_begin) * 3 + 16);
        if (!parseDocument())
            return *m_error;
        if (!m_skip.isEmpty()) {
            // Duplicate keys: a second pass writes each key once, at its first position, with the
            // value of its last occurrence (what JSON.parse does), using what the first pass found.
            m_dedupe = true;
            m_w = m_base;
            if (!parseDocument())
                return *m_error;
        }
        QCborParserError error;
        m_out.resize(m_w - m_base);
        QCborValue value = QCborValue::fromCbor(m_out, &error);
        if (error.error != QCborError::NoError) {
            return Error{
                ErrorCode::InvalidJson,
                QStringLiteral("internal JSON conversion failed: %1").arg(error.errorString())
            };
        }
        return value;
    }

private:
    struct KeyRef
    {
        qsizetype outPos;
        qsizetype outLen;
        qsizetype valueStart;
        qsizetype valueEnd;
    };
    struct Redirect
    {
        qsizetype target;
        qsizetype firstEnd;
    };

    bool parseDocument()
    {
        m_p = m_begin;
        skipWhitespace();
        if (!parseValue(0))
            return false;
        skipWhitespace();
        if (m_p != m_end)
            return unexpected(QStringLiteral(" after the JSON value"));
        return true;
    }

    qsizetype offset() const { return m_p - m_begin; }

    bool fail(ErrorCode code, const QString &message)
    {
        m_error = Error{ code, message };
        return false;
    }

    bool fail(const QString &what)
    {
        return fail(ErrorCode::InvalidJson, what + u" at offset "_s + QString::number(offset()));
    }

    bool unexpected(const QString &context = {})
    {
        if (m_p == m_end)
            return fail(QStringLiteral("unexpected end of input"));
        const auto c = static_cast<uchar>(*m_p);
        QString what;
        if (c >= 0x20 && c < 0x7f)
            what = u"unexpected '"_s + QChar(char16_t(c)) + u'\'';
        else
            what = u"unexpected byte 0x"_s + QString::number(c, 16).rightJustified(2, u'0');
        return fail(what + context);
    }

    void skipWhitespace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    qsizetype outSize() const { return m_w - m_base; }

    void grow(qsizetype needed)
    {
        const qsizetype used = outSize();
        m_out.resize(std::max(used + needed, m_out.size() * 2));
        m_base = m_out.data();
        m_w = m_base + used;
        m_cap = m_base + m_out.size();
    }

    void put(char c)
    {
        if (m_w == m_cap)
            grow(1);
        *m_w++ = c;
    }

    void put(const char *data, qsizetype len)
    {
        if (m_cap - m_w < len)
            grow(len);
        std::memcpy(m_w, data, size_t(len));
        m_w += len;
    }

    void writeHead(quint8 major, quint64 v)
    {
        if (v < 24) {
            put(static_cast<char>(major | v));
        } else if (v <= 0xff) {
            put(static_cast<char>(major | 24));
            put(static_cast<char>(v));
        } else if (v <= 0xffff) {
            put(static_cast<char>(major | 25));
            const quint16 be = qToBigEndian(static_cast<quint16>(v));
            put(reinterpret_cast<const char *>(&be), sizeof be);
        } else if (v <= 0xffffffffU) {
            put(static_cast<char>(major | 26));
            const quint32 be = qToBigEndian(static_cast<quint32>(v));
            put(reinterpret_cast<const char *>(&be), sizeof be);
        } else {
            put(static_cast<char>(major | 27));
            const quint64 be = qToBigEndian(v);
            put(reinterpret_cast<const char *>(&be), sizeof be);
        }
    }

    void writeDouble(double d)
    {
        quint64 bits;
        std::memcpy(&bits, &d, sizeof bits);
        put(cbor::Double);
        const quint64 be = qToBigEndian(bits);
        put(reinterpret_cast<const char *>(&be), sizeof be);
    }

    bool parseValue(int depth)
    {
        if (m_p == m_end)
            return unexpected();
        switch (*m_p) {
            case '{':
                return parseObject(depth + 1);
            case '[':
                return parseArray(depth + 1);
            case '"':
                return parseString();
            case 't':
                return parseLiteral("true", cbor::True);
            case 'f':
                return parseLiteral("false", cbor::False);
            case 'n':
                return parseLiteral("null", cbor::Null);
            default:
                if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))
                    return parseNumber();
                return unexpected();
        }
    }

    bool enter(int depth)
    {
        if (depth > maxDepth) {
            return fail(ErrorCode::NestingTooDeep,
                        QStringLiteral("nesting deeper than %1 levels at offset %2")
                          .arg(maxDepth)
                          .arg(offset()));
        }
        return true;
    }

    bool parseArray(int depth)
    {
        if (!enter(depth))
            return false;
        ++m_p;
        put(cbor::ArrayStart);
        skipWhitespace();
        if (m_p != m_end && *m_p == ']') {
            ++m_p;
            put(cbor::Break);
            return true;
        }
        for (;;) {
            skipWhitespace();
            if (!parseValue(depth))
                return false;
            skipWhitespace();
            if (m_p == m_end)
                return unexpected();
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                put(cbor::Break);
                return true;
            }
            return unexpected(QStringLiteral(" in array"));
        }
    }

    /// Open-addressing hash set of one large object's keys: cells hold m_keys indices + 1 (0 is
    /// empty) and compare the key bytes already written to m_out, so no key is copied.
    struct KeyTable
    {
        std::vector<qsizetype> cells;
        size_t used = 0;
    };

    QByteArrayView keyBytes(const KeyRef &k) const { return { m_base + k.outPos, k.outLen }; }

    qsizetype tableFind(const KeyTable &table, QByteArrayView bytes) const
    {
        const size_t mask = table.cells.size() - 1;
        for (size_t i = qHash(bytes) & mask;; i = (i + 1) & mask) {
            const qsizetype slot = table.cells[i];
            if (slot == 0)
                return -1;
            if (keyBytes(m_keys[size_t(slot - 1)]) == bytes)
                return slot - 1;
        }
    }

    void tableInsert(KeyTable &table, qsizetype keyIndex)
    {
        if ((table.used + 1) * 2 > table.cells.size()) {
            std::vector<qsizetype> old(std::max<size_t>(64, table.cells.size() * 2), 0);
            old.swap(table.cells);
            table.used = 0;
            for (qsizetype slot : old) {
                if (slot != 0)
                    tableInsert(table, slot - 1);
            }
        }
        const size_t mask = table.cells.size() - 1;
        size_t i = qHash(keyBytes(m_keys[size_t(keyIndex)])) & mask;
        while (table.cells[i] != 0)
            i = (i + 1) & mask;
        table.cells[i] = keyIndex + 1;
        ++table.used;
    }

    /// Index in m_keys of an earlier key of this object equal to `key`, or -1.
    qsizetype findKey(qsizetype base, const KeyRef &key, KeyTable &table)
    {
        const QByteArrayView bytes = keyBytes(key);
        const auto end = qsizetype(m_keys.size());
        if (table.cells.empty()) {
            if (end - base < linearKeyLimit) {
                for (qsizetype i = base; i < end; ++i) {
                    if (keyBytes(m_keys[size_t(i)]) == bytes)
                        return i;
                }
                return -1;
            }
            for (qsizetype i = base; i < end; ++i)
                tableInsert(table, i);
        }
        return tableFind(table, bytes);
    }

    bool parseObject(int depth)
    {
        if (!enter(depth))
            return false;
        ++m_p;
        put(cbor::MapStart);
        skipWhitespace();
        if (m_p != m_end && *m_p == '}') {
            ++m_p;
            put(cbor::Break);
            return true;
        }
        const qsizetype base = qsizetype(m_keys.size());
        KeyTable table;
        for (;;) {
            skipWhitespace();
            if (m_p == m_end || *m_p != '"')
                return unexpected(QStringLiteral(" where an object key was expected"));
            const qsizetype keyOut = outSize();
            qsizetype keyBytes = 0;
            if (!parseString(&keyBytes))
                return false;
            skipWhitespace();
            if (m_p == m_end || *m_p != ':')
                return unexpected(QStringLiteral(" where ':' was expected"));
            ++m_p;
            skipWhitespace();
            const qsizetype valueStart = offset();

            if (m_dedupe) {
                if (auto it = m_skip.constFind(valueStart); it != m_skip.cend()) {
                    m_w = m_base + keyOut;
                    m_p = m_begin + *it;
                } else if (auto r = m_redirect.constFind(valueStart); r != m_redirect.cend()) {
                    m_p = m_begin + r->target;
                    if (!parseValue(depth))
                        return false;
                    m_p = m_begin + r->firstEnd;
                } else if (!parseValue(depth)) {
                    return false;
                }
            } else {
                const KeyRef key{ outSize() - keyBytes, keyBytes, valueStart, -1 };
                const qsizetype first = findKey(base, key, table);
                if (!parseValue(depth))
                    return false;
                if (first < 0) {
                    m_keys.push_back(key);
                    m_keys.back().valueEnd = offset();
                    if (!table.cells.empty())
                        tableInsert(table, qsizetype(m_keys.size()) - 1);
                } else {
                    const KeyRef &k = m_keys[size_t(first)];
                    m_skip.insert(valueStart, offset());
                    m_redirect.insert(k.valueStart, Redirect{ valueStart, k.valueEnd });
                }
            }

            skipWhitespace();
            if (m_p == m_end)
                return unexpected();
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                put(cbor::Break);
                m_keys.resize(size_t(base));
                return true;
            }
            return unexpected(QStringLiteral(" in object"));
        }
    }

    bool parseLiteral(const char *word, char cborByte)
    {
        const auto len = qsizetype(std::strlen(word));
        if (m_end - m_p < len || std::memcmp(m_p, word, size_t(len)) != 0) {
            // Point at the first byte that differs.
            for (qsizetype i = 0; i < len && m_p != m_end && *m_p == word[i]; ++i)
                ++m_p;
            return unexpected();
        }
        m_p += len;
        put(cborByte);
        return true;
    }

    bool parseNumber()
    {
        const char *start = m_p;
        bool negative = false;
        if (*m_p == '-') {
            negative = true;
            ++m_p;
        }
        if (m_p == m_end || *m_p < '0' || *m_p > '9')
            return unexpected(QStringLiteral(" in number"));
        const char *intStart = m_p;
        if (*m_p == '0') {
            ++m_p;
            if (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                return fail(QStringLiteral("leading zero in number"));
        } else {
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        const char *intEnd = m_p;
        bool integral = true;
        if (m_p != m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return unexpected(QStringLiteral(" in number"));
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return unexpected(QStringLiteral(" in number"));
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }

        if (integral && intEnd - intStart <= 19) {
            quint64 v = 0;
            for (const char *d = intStart; d != intEnd; ++d)
                v = v * 10 + quint64(*d - '0');
            constexpr quint64 maxPositive = quint64(std::numeric_limits<qint64>::max());
            if (!negative && v <= maxPositive) {
                writeHead(cbor::Unsigned, v);
                return true;
            }
            if (negative && v <= maxPositive + 1) {
                if (v == 0)
                    writeHead(cbor::Unsigned, 0);
                else
                    writeHead(cbor::Negative, v - 1);
                return true;
            }
        }

        double d = 0;
        const auto [end, ec] = std::from_chars(start, m_p, d);
        if (ec == std::errc::result_out_of_range) {
            // from_chars leaves d alone on overflow and underflow; JSON.parse gives +-Infinity and
            // +-0. Out of range means |x| > DBL_MAX or < the smallest subnormal, so a decimal
            // exponent above zero tells them apart.
            d = decimalExponent(intStart, m_p) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
            if (negative)
                d = -d;
        } else if (ec != std::errc() || end != m_p) {
            return fail(QStringLiteral("malformed number"));
        }
        writeDouble(d);
        return true;
    }

    /// Position of the decimal point relative to the first significant digit (1 for 1.5, 0 for
    /// 0.5).
    static qint64 decimalExponent(const char *p, const char *end)
    {
        qint64 pointPos = 0;
        qint64 firstSignificant = -1;
        qint64 index = 0;
        bool seenPoint = false;
        for (; p != end && *p != 'e' && *p != 'E'; ++p) {
            if (*p == '.') {
                seenPoint = true;
                pointPos = index;
                continue;
            }
            if (*p != '0' && firstSignificant < 0)
                firstSignificant = index;
            ++index;
        }
        if (!seenPoint)
            pointPos = index;
        qint64 exponent = 0;
        if (p != end) {
            ++p;
            bool negExp = false;
            if (*p == '+' || *p == '-')
                negExp = *p++ == '-';
            for (; p != end; ++p) {
                // Saturate: only the sign matters and 18 digits cannot overflow.
                if (exponent < 1'000'000'000'000'000LL)
                    exponent = exponent * 10 + (*p - '0');
            }
            if (negExp)
                exponent = -exponent;
        }
        if (firstSignificant < 0)
            return 0;
        return pointPos - firstSignificant + exponent;
    }

    /// Writes a CBOR text string; `keyBytes` receives its UTF-8 length (for duplicate detection).
    bool parseString(qsizetype *keyBytes = nullptr)
    {
        const char *open = m_p;
        const char *start = ++m_p;
        const auto *q = reinterpret_cast<const uchar *>(start);
        const auto *end = reinterpret_cast<const uchar *>(m_end);
        while (q != end) {
            const uchar c = *q;
            if (c == '"' || c == '\\')
                break;
            if (c < 0x20) {
                m_p = reinterpret_cast<const char *>(q);
                return fail(QStringLiteral("control character in string"));
            }
            if (c < 0x80) {
                ++q;
                continue;
            }
            const int n = utf8SequenceLength(q, end);
            if (n == 0) {
                m_p = reinterpret_cast<const char *>(q);
                return fail(QStringLiteral("invalid UTF-8 in string"));
            }
            q += n;
        }
        if (q == end) {
            m_p = open;
            return fail(QStringLiteral("unterminated string starting"));
        }
        if (*q == '"') {
            const auto len = reinterpret_cast<const char *>(q) - start;
            writeHead(cbor::Text, quint64(len));
            put(start, len);
            m_p = reinterpret_cast<const char *>(q) + 1;
            if (keyBytes)
                *keyBytes = len;
            return true;
        }

        m_scratch.assign(start, reinterpret_cast<const char *>(q));
        m_p = reinterpret_cast<const char *>(q);
        for (;;) {
            if (m_p == m_end) {
                m_p = open;
                return fail(QStringLiteral("unterminated string starting"));
            }
            const auto c = static_cast<uchar>(*m_p);
            if (c == '"') {
                ++m_p;
                break;
            }
            if (c == '\\') {
                if (!parseEscape())
                    return false;
                continue;
            }
            if (c < 0x20)
                return fail(QStringLiteral("control character in string"));
            if (c < 0x80) {
                m_scratch.push_back(char(c));
                ++m_p;
                continue;
            }
            const int n = utf8SequenceLength(reinterpret_cast<const uchar *>(m_p), end);
            if (n == 0)
                return fail(QStringLiteral("invalid UTF-8 in string"));
            m_scratch.append(m_p, size_t(n));
            m_p += n;
        }
        writeHead(cbor::Text, m_scratch.size());
        put(m_scratch.data(), qsizetype(m_scratch.size()));
        if (keyBytes)
            *keyBytes = qsizetype(m_scratch.size());
        return true;
    }

    /// Reads `\uXXXX` at m_p (m_p on the backslash); -1 if it is not one.
    int readUnicodeEscape(const char *p) const
    {
        if (m_end - p < 6 || p[0] != '\\' || p[1] != 'u')
            return -1;
        int v = 0;
        for (int i = 2; i < 6; ++i) {
            const int h = hexValue(p[i]);
            if (h < 0)
                return -1;
            v = v * 16 + h;
        }
        return v;
    }

    bool parseEscape()
    {
        if (m_end - m_p < 2) {
            ++m_p;
            return unexpected(QStringLiteral(" in escape sequence"));
        }
        const char e = m_p[1];
        char plain = 0;
        switch (e) {
            case '"':
                plain = '"';
                break;
            case '\\':
                plain = '\\';
                break;
            case '/':
                plain = '/';
                break;
            case 'b':
                plain = '\b';
                break;
            case 'f':
                plain = '\f';
                break;
            case 'n':
                plain = '\n';
                break;
            case 'r':
                plain = '\r';
                break;
            case 't':
                plain = '\t';
                break;
            case 'u': {
                const int unit = readUnicodeEscape(m_p);
                if (unit < 0)
                    return fail(QStringLiteral("invalid \\u escape"));
                m_p += 6;
                // A lone surrogate cannot be held in UTF-8 text: it becomes U+FFFD.
                if (unit >= 0xd800 && unit <= 0xdbff) {
                    const int low = readUnicodeEscape(m_p);
                    if (low >= 0xdc00 && low <= 0xdfff) {
                        m_p += 6;
                        appendUtf8(m_scratch,
                                   0x10000 + ((char32_t(unit) - 0xd800) << 10) +
                                     (char32_t(low) - 0xdc00));
                    } else {
                        appendUtf8(m_scratch, 0xfffd);
                    }
                } else if (unit >= 0xdc00 && unit <= 0xdfff) {
                    appendUtf8(m_scratch, 0xfffd);
                } else {
                    appendUtf8(m_scratch, char32_t(unit));
                }
                return true;
            }
            default:
                ++m_p;
                return unexpected(QStringLiteral(" in escape sequence"));
        }
        m_scratch.push_back(plain);
        m_p += 2;
        return true;
    }

    const char *m_begin;
    const char *m_end;
    const char *m_p = nullptr;
    QByteArray m_out;
    char *m_base = nullptr; // m_out's data: written through a pointer, not append()
    char *m_w = nullptr;
    char *m_cap = nullptr;
    std::string m_scratch;
    std::vector<KeyRef> m_keys;
    QHash<qsizetype, qsizetype> m_skip;
    QHash<qsizetype, Redirect> m_redirect;
    bool m_dedupe = false;
    std::optional<Error> m_error;
};

// ---- writer ----

void appendHex4(QByteArray &out, char16_t u)
{
    static constexpr char digits[] = "0123456789abcdef";
    const char buf[6] = { '\\',
                          'u',
                          digits[(u >> 12) & 0xf],
                          digits[(u >> 8) & 0xf],
                          digits[(u >> 4) & 0xf],
                          digits[u & 0xf] };
    out.append(buf, 6);
}

void writeString(QByteArray &out, QStringView s)
{
    out.append('"');
    const char16_t *p = s.utf16();
    const char16_t *end = p + s.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            switch (u) {
                case '"':
                    out.append("\\\"", 2);
                    break;
                case '\\':
                    out.append("\\\\", 2);
                    break;
                case '\b':
                    out.append("\\b", 2);
                    break;
                case '\f':
                    out.append("\\f", 2);
                    break;
                case '\n':
                    out.append("\\n", 2);
                    break;
                case '\r':
                    out.append("\\r", 2);
                    break;
                case '\t':
                    out.append("\\t", 2);
                    break;
                default:
                    if (u < 0x20)
                        appendHex4(out, u);
                    else
                        out.append(char(u));
            }
        } else if (u < 0x800) {
            const char buf[2] = { char(0xc0 | (u >> 6)), char(0x80 | (u & 0x3f)) };
            out.append(buf, 2);
        } else if (u >= 0xd800 && u <= 0xdfff) {
            if (u <= 0xdbff && p != end && *p >= 0xdc00 && *p <= 0xdfff) {
                const char32_t cp =
                  0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(*p) - 0xdc00);
                ++p;
                const char buf[4] = { char(0xf0 | (cp >> 18)),
                                      char(0x80 | ((cp >> 12) & 0x3f)),
                                      char(0x80 | ((cp >> 6) & 0x3f)),
                                      char(0x80 | (cp & 0x3f)) };
                out.append(buf, 4);
            } else {
                appendHex4(out, u);
            }
        } else {
            const char buf[3] = { char(0xe0 | (u >> 12)),
                                  char(0x80 | ((u >> 6) & 0x3f)),
                                  char(0x80 | (u & 0x3f)) };
            out.append(buf, 3);
        }
    }
    out.append('"');
}

void writeInteger(QByteArray &out, qint64 v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr - buf);
}

/// Number.prototype.toString: shortest round-trip digits, plain notation for 1e-7 < |x| < 1e21.
void writeDouble(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out.append("null", 4);
        return;
    }
    if (d == 0) {
        out.append('0');
        return;
    }
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    // buf holds "-d.ddde+XX": split it into sign, digits and exponent.
    const char *p = buf;
    if (*p == '-') {
        out.append('-');
        ++p;
    }
    char digits[20];
    int k = 0;
    for (; p != res.ptr && *p != 'e'; ++p) {
        if (*p != '.')
            digits[k++] = *p;
    }
    int exp10 = 0;
    static_cast<void>(std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), res.ptr, exp10));
    const int n = exp10 + 1;
    if (k <= n && n <= 21) {
        out.append(digits, k);
        out.append(qsizetype(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, n);
        out.append('.');
        out.append(digits + n, k - n);
    } else if (-6 < n && n <= 0) {
        out.append("0.", 2);
        out.append(qsizetype(-n), '0');
        out.append(digits, k);
    } else {
        out.append(digits[0]);
        if (k > 1) {
            out.append('.');
            out.append(digits + 1, k - 1);
        }
        out.append('e');
        out.append(n - 1 >= 0 ? '+' : '-');
        writeInteger(out, std::abs(n - 1));
    }
}

class Writer
{
public:
    Writer(QByteArray &out, QList<QByteArray> *attachments)
      : m_out(out)
      , m_attachments(attachments)
    {
    }

    template<typename V>
    void value(const V &v)
    {
        switch (v.type()) {
            case QCborValue::Integer:
                writeInteger(m_out, v.toInteger());
                return;
            case QCborValue::Double:
                writeDouble(m_out, v.toDouble());
                return;
            case QCborValue::String:
                writeString(m_out, v.toString());
                return;
            case QCborValue::True:
                m_out.append("true", 4);
                return;
            case QCborValue::False:
                m_out.append("false", 5);
                return;
            case QCborValue::Array:
                array(v.toArray());
                return;
            case QCborValue::Map:
                map(v.toMap());
                return;
            case QCborValue::ByteArray:
                byteArray(v.toByteArray());
                return;
            case QCborValue::DateTime:
            case QCborValue::Url:
            case QCborValue::RegularExpression:
                // Their tagged value is the text form (ISO date, URL, pattern).
                value(QCborValue(v).taggedValue());
                return;
            case QCborValue::Uuid:
                writeString(m_out, v.toUuid().toString(QUuid::WithoutBraces));
                return;
            case QCborValue::Tag:
                value(QCborValue(v).taggedValue());
                return;
            default:
                // Null, Undefined (inside arrays), other simple types and invalid values.
                m_out.append("null", 4);
                return;
        }
    }

private:
    void array(const QCborArray &a)
    {
        m_out.append('[');
        bool first = true;
        for (auto it = a.cbegin(); it != a.cend(); ++it) {
            if (!first)
                m_out.append(',');
            first = false;
            value(*it);
        }
        m_out.append(']');
    }

    void map(const QCborMap &m)
    {
        m_out.append('{');
        bool first = true;
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            const QCborValueConstRef v = it.value();
            if (v.isUndefined() || v.isInvalid())
                continue;
            if (!first)
                m_out.append(',');
            first = false;
            const QCborValue k = it.key();
            if (k.isString()) {
                writeString(m_out, k.toString());
            } else {
                // JavaScript object keys are strings: write the key's JSON text as one.
                QByteArray keyText;
                Writer(keyText, nullptr).value(k);
                writeString(m_out, QString::fromUtf8(keyText));
            }
            m_out.append(':');
            value(v);
        }
        m_out.append('}');
    }

    void byteArray(const QByteArray &bytes)
    {
        if (!m_attachments) {
            m_out.append("null", 4);
            return;
        }
        m_out.append("{\"_placeholder\":true,\"num\":");
        writeInteger(m_out, m_attachments->size());
        m_out.append('}');
        m_attachments->append(bytes);
    }

    QByteArray &m_out;
    QList<QByteArray> *m_attachments;
};

} // namespace

Result<QCborValue> parse(QByteArrayView text)
{
    return Parser(text).run();
}

QByteArray write(const QCborValue &value)
{
    QByteArray out;
    write(value, out, nullptr);
    return out;
}

void write(const QCborValue &value, QByteArray &out, QList<QByteArray> *attachments)
{
    Writer(out, attachments).value(value);
}

} // namespace vigil::protocol::json
