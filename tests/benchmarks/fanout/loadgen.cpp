// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The fan-out load generator: one thread, one epoll loop, raw Engine.IO v4 / Socket.IO v5 over
// WebSocket frames, no socket.io client library. The same program drives vigil-server and the Node
// contract peer, so whatever it costs, it costs both the same; it parses each frame only as far as
// it must (a ping, an ack, or the send timestamp inside a patient_alert).
//
// Modes:
//   --clients N --rate R --seconds S   steady: N receivers in one room, R publish_alert per second
//   --clients N --rate max             saturation: keep --in-flight publishes unacknowledged
//   --idle N                           open N connections (connect + join), report connections/s,
//                                      then hold them for --hold seconds
//
// The driver (run-fanout.py) samples the server's CPU and memory when it reads the `MARK <name>`
// lines this program prints; the last line is one JSON object with the results.

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace {

using namespace std::literals;

constexpr std::size_t maxFramePayload = 16u << 20;
constexpr std::size_t readChunk = 256u << 10;

std::uint64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000u + std::uint64_t(ts.tv_nsec);
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void fatal(const std::string &message)
{
    std::fprintf(stderr, "loadgen: %s\n", message.c_str());
    std::exit(2);
}

void mark(const char *name)
{
    std::printf("MARK %s %" PRIu64 "\n", name, nowNs());
    std::fflush(stdout);
}

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    std::string user = "nurse";
    std::string password;
    std::string producer = "producer";
    std::string producerPassword;
    std::string room = "hospital_123";
    std::string hospital = "123";
    int clients = 100;
    double rate = 100;
    bool maxRate = false;
    int inFlight = 8;
    double seconds = 20;
    double warmup = 3;
    double drain = 15;
    int idle = 0;
    double hold = 3;
    int concurrency = 32;
    int patients = 1000;
};

// ------------------------------------------------------------------------------------------------
// Setup over plain HTTP/1.1 on a blocking socket.

int connectTo(const Options &options, bool blocking)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
    if (fd < 0)
        fatal("socket: "s + std::strerror(errno));
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(options.port));
    if (inet_pton(AF_INET, options.host.c_str(), &address.sin_addr) != 1)
        fatal("not an IPv4 address: " + options.host);
    // sockaddr_in is the documented way to pass an IPv4 address to connect().
    if (connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0 &&
        errno != EINPROGRESS)
        fatal("connect: "s + std::strerror(errno));
    return fd;
}

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (std::uint8_t(c) < 0x20)
            fatal("control characters are not supported in credentials");
        out += c;
    }
    return out + '"';
}

std::string login(const Options &options, const std::string &user, const std::string &password)
{
    const std::string body =
      "{\"username\":" + jsonString(user) + ",\"password\":" + jsonString(password) + "}";
    const std::string request =
      "POST /api/auth/login HTTP/1.1\r\nHost: " + options.host + ':' +
      std::to_string(options.port) +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n\r\n" + body;
    const int fd = connectTo(options, true);
    for (std::size_t sent = 0; sent < request.size();) {
        const ssize_t n = write(fd, request.data() + sent, request.size() - sent);
        if (n <= 0)
            fatal("login: write failed");
        sent += std::size_t(n);
    }
    std::string response;
    std::size_t headerEnd = std::string::npos;
    std::size_t contentLength = std::string::npos;
    char buffer[4096];
    for (;;) {
        if (headerEnd != std::string::npos && contentLength != std::string::npos &&
            response.size() >= headerEnd + 4 + contentLength)
            break;
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        response.append(buffer, std::size_t(n));
        if (response.size() > (1u << 20))
            fatal("login: response too large");
        if (headerEnd == std::string::npos) {
            headerEnd = response.find("\r\n\r\n");
            if (headerEnd != std::string::npos) {
                std::string headers = response.substr(0, headerEnd);
                std::transform(headers.begin(), headers.end(), headers.begin(), [](char c) {
                    return char(c >= 'A' && c <= 'Z' ? c + 32 : c);
                });
                const std::size_t at = headers.find("\r\ncontent-length:");
                if (at != std::string::npos)
                    contentLength = std::strtoul(headers.c_str() + at + 17, nullptr, 10);
            }
        }
    }
    close(fd);
    if (response.compare(0, 12, "HTTP/1.1 200") != 0)
        fatal("login as " + user + " failed: " + response.substr(0, response.find("\r\n")));
    const std::string key = "\"access_token\":\"";
    const std::size_t at = response.find(key);
    if (at == std::string::npos)
        fatal("login as " + user + ": no access_token in the reply");
    const std::size_t begin = at + key.size();
    const std::size_t end = response.find('"', begin);
    if (end == std::string::npos)
        fatal("login as " + user + ": truncated access_token");
    return response.substr(begin, end - begin);
}

// ------------------------------------------------------------------------------------------------
// WebSocket client frames (RFC 6455: a client masks every frame).

class Masker
{
public:
    std::uint32_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }

private:
    std::uint32_t m_state = 0x9e3779b9u;
};

Masker masker;

void appendFrame(std::string &out, std::uint8_t opcode, std::string_view payload)
{
    out += char(0x80 | opcode);
    const std::size_t size = payload.size();
    if (size < 126) {
        out += char(0x80 | size);
    } else if (size < 65536) {
        out += char(0x80 | 126);
        out += char(size >> 8);
        out += char(size & 0xff);
    } else {
        out += char(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            out += char((std::uint64_t(size) >> shift) & 0xff);
    }
    const std::uint32_t key = masker.next();
    const char mask[4] = { char(key >> 24), char(key >> 16), char(key >> 8), char(key) };
    out.append(mask, 4);
    const std::size_t start = out.size();
    out.append(payload);
    for (std::size_t i = 0; i < size; ++i)
        out[start + i] = char(out[start + i] ^ mask[i & 3]);
}

// ------------------------------------------------------------------------------------------------

enum class Phase : std::uint8_t
{
    Connecting, // TCP connect in progress
    Upgrading,  // HTTP upgrade request sent, waiting for 101
    EngineOpen, // waiting for the Engine.IO open packet
    SioConnect, // CONNECT sent, waiting for the Socket.IO CONNECT reply
    Joining,    // join_room sent, waiting for its ack
    Ready,
    Closed,
};

struct Connection
{
    int fd = -1;
    Phase phase = Phase::Connecting;
    bool publisher = false;
    bool writeArmed = false;
    std::uint64_t startedNs = 0;
    std::string in;
    std::string out;
    std::string fragments; // a text message split over continuation frames
};

struct Summary
{
    std::uint64_t count = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

// Milliseconds from microsecond samples.
Summary summarise(std::vector<std::uint32_t> &micros)
{
    Summary s;
    s.count = micros.size();
    if (micros.empty())
        return s;
    auto at = [&micros](double q) {
        const std::size_t index =
          std::min(micros.size() - 1, std::size_t(std::ceil(q * double(micros.size())) - 1));
        std::nth_element(micros.begin(), micros.begin() + std::ptrdiff_t(index), micros.end());
        return double(micros[index]) / 1000.0;
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = double(*std::max_element(micros.begin(), micros.end())) / 1000.0;
    return s;
}

class LoadGenerator
{
public:
    explicit LoadGenerator(Options options)
      : m_options(std::move(options))
    {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            fatal("epoll_create1: "s + std::strerror(errno));
        // Sized once: openConnection() must not move connections that callers hold references to.
        m_connections.resize(std::size_t(std::max(m_options.clients, m_options.idle)) + 1024);
    }

    int run();

private:
    void openConnection(bool publisher);
    void arm(Connection &c, std::uint32_t events);
    void send(Connection &c, std::string_view bytes);
    void flush(Connection &c);
    void closeConnection(Connection &c, const char *why);
    void onReadable(Connection &c);
    void onWritable(Connection &c);
    void parseFrames(Connection &c, const char *data, std::size_t size, std::size_t &consumed);
    void onText(Connection &c, std::string_view text);
    void onSocketIo(Connection &c, std::string_view packet);
    void onAlert(std::string_view packet);
    void publish();
    void pump(int timeoutMs);
    void openPending();
    bool connectPhase(std::size_t receivers, bool withPublisher);
    int runIdle();
    int runFanout();
    std::string connectJson() const;

    Options m_options;
    int m_epoll = -1;
    std::vector<Connection> m_connections; // indexed by fd
    std::string m_userToken;
    std::string m_producerToken;
    int m_publisherFd = -1;
    int m_timerFd = -1;

    // Connecting.
    std::size_t m_toOpen = 0;
    std::size_t m_opening = 0;
    std::size_t m_ready = 0;
    std::uint64_t m_connectBeginNs = 0;
    std::uint64_t m_connectEndNs = 0;
    std::vector<std::uint32_t> m_setupMicros;
    std::uint64_t m_disconnects = 0;
    std::uint64_t m_connectFailures = 0;

    // Publishing.
    std::uint64_t m_nextSeq = 0;
    std::uint64_t m_ackId = 0;
    std::uint64_t m_acked = 0;
    std::uint64_t m_acksOk = 0;
    std::uint64_t m_publishErrors = 0;
    std::uint64_t m_inFlight = 0;
    bool m_publishing = false;
    std::uint64_t m_measureFirstSeq = UINT64_MAX; // seqs in [first, end) are measured
    std::uint64_t m_measureEndSeq = UINT64_MAX;
    std::vector<std::uint8_t> m_ackedOk;   // by seq: 1 when its publish was acknowledged ok
    std::vector<std::uint16_t> m_received; // by seq: deliveries seen
    std::vector<std::uint32_t> m_latencyMicros;
    std::uint64_t m_receivedMeasured = 0;
    std::uint64_t m_lastMeasuredDeliveryNs = 0;
    std::uint64_t m_otherEvents = 0;
    std::uint64_t m_errorEvents = 0;
    std::uint64_t m_unparsedAlerts = 0;
    std::size_t m_alertBytes = 0; // the Engine.IO packet of the first patient_alert
};

void LoadGenerator::arm(Connection &c, std::uint32_t events)
{
    epoll_event event{};
    event.events = events;
    event.data.fd = c.fd;
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event) < 0)
        fatal("epoll_ctl: "s + std::strerror(errno));
}

void LoadGenerator::openConnection(bool publisher)
{
    const int fd = connectTo(m_options, false);
    if (std::size_t(fd) >= m_connections.size())
        fatal("more descriptors than connections planned");
    Connection &c = m_connections[std::size_t(fd)];
    c = Connection{};
    c.fd = fd;
    c.publisher = publisher;
    c.startedNs = nowNs();
    c.writeArmed = true;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.fd = fd;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) < 0)
        fatal("epoll_ctl: "s + std::strerror(errno));
    if (publisher)
        m_publisherFd = fd;
    ++m_opening;
}

void LoadGenerator::send(Connection &c, std::string_view bytes)
{
    if (c.phase == Phase::Closed)
        return;
    c.out.append(bytes);
    if (!c.writeArmed && c.phase != Phase::Connecting)
        flush(c);
}

void LoadGenerator::flush(Connection &c)
{
    while (!c.out.empty()) {
        const ssize_t n = write(c.fd, c.out.data(), c.out.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                if (!c.writeArmed) {
                    c.writeArmed = true;
                    arm(c, EPOLLIN | EPOLLOUT);
                }
                return;
            }
            closeConnection(c, "write failed");
            return;
        }
        c.out.erase(0, std::size_t(n));
    }
    if (c.writeArmed) {
        c.writeArmed = false;
        arm(c, EPOLLIN);
    }
}

void LoadGenerator::closeConnection(Connection &c, const char *why)
{
    if (c.phase == Phase::Closed)
        return;
    const bool wasReady = c.phase == Phase::Ready;
    if (wasReady) {
        ++m_disconnects;
        if (m_disconnects <= 5)
            std::fprintf(stderr, "loadgen: connection closed: %s\n", why);
    } else {
        ++m_connectFailures;
        if (m_connectFailures <= 5)
            std::fprintf(stderr, "loadgen: connection failed while setting up: %s\n", why);
        --m_opening;
    }
    if (wasReady && m_ready > 0)
        --m_ready;
    c.phase = Phase::Closed;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
    close(c.fd);
    if (c.fd == m_publisherFd)
        fatal("the publisher connection closed: "s + why);
}

void LoadGenerator::onWritable(Connection &c)
{
    if (c.phase == Phase::Connecting) {
        int error = 0;
        socklen_t size = sizeof error;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &size);
        if (error != 0) {
            closeConnection(c, std::strerror(error));
            return;
        }
        c.phase = Phase::Upgrading;
        c.out = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + m_options.host +
                ':' + std::to_string(m_options.port) +
                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dmlnaWwtbG9hZGdlbi0xMg==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }
    flush(c);
}

void LoadGenerator::onReadable(Connection &c)
{
    static std::vector<char> buffer(readChunk);
    for (;;) {
        const ssize_t n = read(c.fd, buffer.data(), buffer.size());
        if (n == 0) {
            closeConnection(c, "closed by the server");
            return;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                closeConnection(c, std::strerror(errno));
            return;
        }
        // Parse straight from the read buffer unless a partial frame is waiting.
        const char *data = buffer.data();
        std::size_t size = std::size_t(n);
        if (!c.in.empty()) {
            c.in.append(buffer.data(), size);
            data = c.in.data();
            size = c.in.size();
        }
        std::size_t consumed = 0;
        if (c.phase == Phase::Upgrading) {
            const std::string_view view(data, size);
            const std::size_t end = view.find("\r\n\r\n");
            if (end == std::string_view::npos) {
                if (c.in.empty())
                    c.in.assign(data, size);
                if (c.in.size() > 16384)
                    closeConnection(c, "upgrade reply too large");
                return;
            }
            if (!view.starts_with("HTTP/1.1 101")) {
                closeConnection(c, "the WebSocket upgrade was refused");
                return;
            }
            c.phase = Phase::EngineOpen;
            consumed = end + 4;
        }
        parseFrames(c, data, size, consumed);
        if (c.phase == Phase::Closed)
            return;
        if (consumed == size) {
            c.in.clear();
        } else if (c.in.empty()) {
            c.in.assign(data + consumed, size - consumed);
        } else {
            c.in.erase(0, consumed);
        }
        if (std::size_t(n) < buffer.size())
            return;
    }
}

void LoadGenerator::parseFrames(Connection &c,
                                const char *data,
                                std::size_t size,
                                std::size_t &consumed)
{
    const auto *bytes = reinterpret_cast<const std::uint8_t *>(data);
    while (size - consumed >= 2 && c.phase != Phase::Closed) {
        const std::uint8_t *p = bytes + consumed;
        const std::size_t available = size - consumed;
        const bool fin = (p[0] & 0x80) != 0;
        const std::uint8_t opcode = p[0] & 0x0f;
        if ((p[1] & 0x80) != 0) {
            closeConnection(c, "the server masked a frame");
            return;
        }
        std::uint64_t length = p[1] & 0x7f;
        std::size_t header = 2;
        if (length == 126) {
            if (available < 4)
                return;
            length = (std::uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                return;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | p[i];
            header = 10;
        }
        if (length > maxFramePayload) {
            closeConnection(c, "frame too large");
            return;
        }
        if (available < header + length)
            return;
        const std::string_view payload(data + consumed + header, std::size_t(length));
        consumed += header + std::size_t(length);
        switch (opcode) {
            case 0x1:
                if (fin) {
                    onText(c, payload);
                } else {
                    c.fragments.assign(payload);
                }
                break;
            case 0x0:
                c.fragments.append(payload);
                if (c.fragments.size() > maxFramePayload) {
                    closeConnection(c, "message too large");
                    return;
                }
                if (fin) {
                    const std::string whole = std::move(c.fragments);
                    c.fragments.clear();
                    onText(c, whole);
                }
                break;
            case 0x2:
                break; // binary attachments: nothing in this workload sends them
            case 0x8:
                closeConnection(c, "close frame from the server");
                return;
            case 0x9: {
                std::string pong;
                appendFrame(pong, 0xA, payload);
                send(c, pong);
                break;
            }
            default:
                break;
        }
    }
}

void LoadGenerator::onText(Connection &c, std::string_view text)
{
    if (text.empty())
        return;
    switch (text[0]) {
        case '2': { // Engine.IO ping: the server checks the pong, so answer at once
            std::string pong;
            appendFrame(pong, 0x1, "3"sv);
            send(c, pong);
            return;
        }
        case '4':
            onSocketIo(c, text.substr(1));
            return;
        case '0':
            if (c.phase == Phase::EngineOpen) {
                const std::string &token = c.publisher ? m_producerToken : m_userToken;
                std::string frame;
                appendFrame(frame, 0x1, "40{\"token\":\"" + token + "\"}");
                c.phase = Phase::SioConnect;
                send(c, frame);
            }
            return;
        case '1':
            closeConnection(c, "Engine.IO close packet");
            return;
        default:
            return;
    }
}

void LoadGenerator::onSocketIo(Connection &c, std::string_view packet)
{
    if (packet.empty())
        return;
    const char type = packet[0];
    if (type == '2') {
        if (packet.starts_with("2[\"patient_alert\","sv)) {
            if (m_alertBytes == 0)
                m_alertBytes = packet.size() + 1;
            onAlert(packet);
        } else if (packet.starts_with("2[\"error\""sv)) {
            ++m_errorEvents;
            if (m_errorEvents <= 5)
                std::fprintf(stderr,
                             "loadgen: error event: %.*s\n",
                             int(std::min<std::size_t>(packet.size(), 300)),
                             packet.data());
        } else {
            ++m_otherEvents;
        }
        return;
    }
    if (type == '0' && c.phase == Phase::SioConnect) {
        if (c.publisher) {
            c.phase = Phase::Ready;
            --m_opening;
            ++m_ready;
            return;
        }
        std::string frame;
        appendFrame(frame, 0x1, "420[\"join_room\",{\"room\":\"" + m_options.room + "\"}]");
        c.phase = Phase::Joining;
        send(c, frame);
        return;
    }
    if (type == '4') {
        std::fprintf(stderr,
                     "loadgen: CONNECT refused: %.*s\n",
                     int(std::min<std::size_t>(packet.size(), 300)),
                     packet.data());
        closeConnection(c, "CONNECT_ERROR");
        return;
    }
    if (type == '3') {
        const bool ok = packet.find("\"ok\":true"sv) != std::string_view::npos;
        if (c.phase == Phase::Joining) {
            if (!ok) {
                std::fprintf(stderr,
                             "loadgen: join_room refused: %.*s\n",
                             int(std::min<std::size_t>(packet.size(), 300)),
                             packet.data());
                closeConnection(c, "join refused");
                return;
            }
            c.phase = Phase::Ready;
            --m_opening;
            ++m_ready;
            const std::uint64_t now = nowNs();
            m_setupMicros.push_back(std::uint32_t((now - c.startedNs) / 1000));
            m_connectEndNs = now;
            return;
        }
        if (c.publisher) {
            // The ack id is the alert's seq here (one ack id per publish).
            std::uint64_t seq = 0;
            const char *end = packet.data() + packet.size();
            const auto parsed = std::from_chars(packet.data() + 1, end, seq);
            if (parsed.ec != std::errc{})
                return;
            ++m_acked;
            --m_inFlight;
            if (ok) {
                ++m_acksOk;
                if (seq < m_ackedOk.size())
                    m_ackedOk[seq] = 1;
            } else {
                ++m_publishErrors;
                if (m_publishErrors <= 5)
                    std::fprintf(stderr,
                                 "loadgen: publish_alert refused: %.*s\n",
                                 int(std::min<std::size_t>(packet.size(), 300)),
                                 packet.data());
            }
            if (m_options.maxRate && m_publishing)
                publish();
        }
    }
}

void LoadGenerator::onAlert(std::string_view packet)
{
    // The publisher wrote "T<send ns> S<seq>" into the message field.
    constexpr std::string_view key = "\"message\":\"T";
    const std::size_t at = packet.find(key);
    if (at == std::string_view::npos) {
        ++m_unparsedAlerts;
        return;
    }
    const char *p = packet.data() + at + key.size();
    const char *end = packet.data() + packet.size();
    std::uint64_t sentNs = 0;
    std::uint64_t seq = 0;
    auto r = std::from_chars(p, end, sentNs);
    if (r.ec != std::errc{} || end - r.ptr < 3 || r.ptr[0] != ' ' || r.ptr[1] != 'S') {
        ++m_unparsedAlerts;
        return;
    }
    r = std::from_chars(r.ptr + 2, end, seq);
    if (r.ec != std::errc{} || seq >= m_received.size()) {
        ++m_unparsedAlerts;
        return;
    }
    if (m_received[seq] < UINT16_MAX)
        ++m_received[seq];
    if (seq >= m_measureFirstSeq && seq < m_measureEndSeq) {
        const std::uint64_t now = nowNs();
        m_latencyMicros.push_back(
          std::uint32_t(std::min<std::uint64_t>((now - sentNs) / 1000, UINT32_MAX)));
        ++m_receivedMeasured;
        m_lastMeasuredDeliveryNs = now;
    }
}

void LoadGenerator::publish()
{
    Connection &c = m_connections[std::size_t(m_publisherFd)];
    const std::uint64_t seq = m_nextSeq++;
    if (seq >= m_received.size()) {
        m_received.resize(std::max<std::size_t>(1024, m_received.size() * 2));
        m_ackedOk.resize(m_received.size());
    }
    // Many patients, one hospital: every alert reaches hospital_<h>; priority medium keeps the
    // triage queue out of it.
    char text[512];
    const int length = std::snprintf(
      text,
      sizeof text,
      "42%" PRIu64 "[\"publish_alert\",{\"alert\":{\"patient_id\":\"p%" PRIu64 "\",\"hospital_id\":"
      "\"%s\",\"type\":\"bench\",\"priority\":\"medium\",\"title\":\"Fan-out benchmark\","
      "\"message\":\"T%" PRIu64 " S%" PRIu64 "\",\"source\":\"loadgen\"}}]",
      seq,
      seq % std::uint64_t(m_options.patients),
      m_options.hospital.c_str(),
      nowNs(),
      seq);
    std::string frame;
    appendFrame(frame, 0x1, std::string_view(text, std::size_t(length)));
    ++m_inFlight;
    send(c, frame);
}

void LoadGenerator::pump(int timeoutMs)
{
    epoll_event events[256];
    const int n = epoll_wait(m_epoll, events, 256, timeoutMs);
    if (n < 0) {
        if (errno == EINTR)
            return;
        fatal("epoll_wait: "s + std::strerror(errno));
    }
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_timerFd) {
            std::uint64_t expirations = 0;
            if (read(fd, &expirations, sizeof expirations) == sizeof expirations && m_publishing)
                for (std::uint64_t k = 0; k < expirations; ++k)
                    publish();
            continue;
        }
        Connection &c = m_connections[std::size_t(fd)];
        if (c.phase == Phase::Closed)
            continue;
        if ((events[i].events & (EPOLLERR | EPOLLHUP)) != 0 && c.phase == Phase::Connecting) {
            onWritable(c); // reports the connect error
            continue;
        }
        if ((events[i].events & EPOLLOUT) != 0)
            onWritable(c);
        if (c.phase != Phase::Closed && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0)
            onReadable(c);
    }
}

void LoadGenerator::openPending()
{
    while (m_toOpen > 0 && m_opening < std::size_t(m_options.concurrency)) {
        --m_toOpen;
        openConnection(false);
    }
}

bool LoadGenerator::connectPhase(std::size_t receivers, bool withPublisher)
{
    const std::size_t wanted = receivers + (withPublisher ? 1 : 0);
    m_toOpen = receivers;
    m_connectBeginNs = nowNs();
    m_connectEndNs = m_connectBeginNs;
    if (withPublisher)
        openConnection(true);
    const std::uint64_t deadline =
      m_connectBeginNs + (30 + std::uint64_t(receivers) / 50) * 1'000'000'000u;
    while (m_ready < wanted && (m_toOpen > 0 || m_opening > 0) && nowNs() < deadline) {
        openPending();
        pump(100);
    }
    if (m_ready < wanted)
        std::fprintf(stderr,
                     "loadgen: %zu of %zu connections ready (%" PRIu64 " failed)\n",
                     m_ready,
                     wanted,
                     m_connectFailures);
    return m_ready == wanted;
}

std::string LoadGenerator::connectJson() const
{
    std::vector<std::uint32_t> setup = m_setupMicros;
    const Summary s = summarise(setup);
    const double seconds = double(m_connectEndNs - m_connectBeginNs) / 1e9;
    char text[512];
    std::snprintf(text,
                  sizeof text,
                  "{\"connections\":%zu,\"failed\":%" PRIu64 ",\"seconds\":%.3f,\"per_s\":%.0f,"
                  "\"concurrency\":%d,\"setup_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f}}",
                  m_setupMicros.size(),
                  m_connectFailures,
                  seconds,
                  seconds > 0 ? double(m_setupMicros.size()) / seconds : 0.0,
                  m_options.concurrency,
                  s.p50,
                  s.p99,
                  s.max);
    return text;
}

int LoadGenerator::runIdle()
{
    m_userToken = login(m_options, m_options.user, m_options.password);
    mark("before_connect");
    const bool connected = connectPhase(std::size_t(m_options.idle), false);
    mark("connected");
    // Let the server settle (buffers released, garbage collected) before its memory is read.
    const std::uint64_t settle = nowNs() + 2'000'000'000u;
    while (nowNs() < settle)
        pump(100);
    mark("idle_ready");
    const std::uint64_t holdEnd = nowNs() + std::uint64_t(m_options.hold * 1e9);
    while (nowNs() < holdEnd)
        pump(100);
    std::printf("{\"mode\":\"idle\",\"connect\":%s,\"open_at_end\":%zu,\"disconnects\":%" PRIu64
                "}\n",
                connectJson().c_str(),
                m_ready,
                m_disconnects);
    std::fflush(stdout);
    return connected && m_disconnects == 0 ? 0 : 1;
}

int LoadGenerator::runFanout()
{
    m_userToken = login(m_options, m_options.user, m_options.password);
    m_producerToken = login(m_options, m_options.producer, m_options.producerPassword);
    mark("connect_begin");
    if (!connectPhase(std::size_t(m_options.clients), true))
        fatal("could not open every connection");
    mark("connected");

    if (!m_options.maxRate) {
        m_timerFd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (m_timerFd < 0)
            fatal("timerfd_create: "s + std::strerror(errno));
        const auto interval = std::uint64_t(1e9 / m_options.rate);
        itimerspec spec{};
        spec.it_interval.tv_sec = time_t(interval / 1'000'000'000u);
        spec.it_interval.tv_nsec = long(interval % 1'000'000'000u);
        spec.it_value = spec.it_interval;
        timerfd_settime(m_timerFd, 0, &spec, nullptr);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = m_timerFd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timerFd, &event);
    }
    m_publishing = true;
    const std::uint64_t start = nowNs();
    if (m_options.maxRate)
        for (int k = 0; k < m_options.inFlight; ++k)
            publish();
    const std::uint64_t warmEnd = start + std::uint64_t(m_options.warmup * 1e9);
    const std::uint64_t measureEnd = warmEnd + std::uint64_t(m_options.seconds * 1e9);
    std::uint64_t measureBegin = 0;
    double cpuBegin = 0;
    for (;;) {
        pump(5);
        const std::uint64_t now = nowNs();
        if (measureBegin == 0 && now >= warmEnd) {
            m_measureFirstSeq = m_nextSeq;
            measureBegin = now;
            cpuBegin = cpuSeconds();
            mark("measure_begin");
        }
        if (now >= measureEnd) {
            m_measureEndSeq = m_nextSeq;
            m_publishing = false;
            break;
        }
    }
    const std::uint64_t publishEnd = nowNs();
    const std::uint64_t measuredAlerts = m_measureEndSeq - m_measureFirstSeq;
    auto acksOkMeasured = [this] {
        std::uint64_t n = 0;
        for (std::uint64_t seq = m_measureFirstSeq; seq < m_measureEndSeq; ++seq)
            n += m_ackedOk[seq];
        return n;
    };
    const std::uint64_t drainEnd = publishEnd + std::uint64_t(m_options.drain * 1e9);
    const auto receivers = std::uint64_t(m_options.clients);
    while (nowNs() < drainEnd) {
        if (m_inFlight == 0 && m_receivedMeasured >= acksOkMeasured() * receivers)
            break;
        pump(5);
    }
    mark("measure_end");
    const double cpuEnd = cpuSeconds();

    const std::uint64_t okAlerts = acksOkMeasured();
    const std::uint64_t expected = okAlerts * receivers;
    std::uint64_t received = 0;
    std::uint64_t duplicates = 0;
    for (std::uint64_t seq = m_measureFirstSeq; seq < m_measureEndSeq; ++seq) {
        const std::uint64_t n = m_received[seq];
        received += std::min(n, receivers);
        duplicates += n > receivers ? n - receivers : 0;
    }
    const Summary latency = summarise(m_latencyMicros);
    const double publishSeconds = double(publishEnd - measureBegin) / 1e9;
    const double deliverySeconds =
      double(std::max(m_lastMeasuredDeliveryNs, measureBegin + 1) - measureBegin) / 1e9;
    const double loadgenCpu = cpuEnd - cpuBegin;
    const double wall = double(nowNs() - measureBegin) / 1e9;
    char rate[32];
    if (m_options.maxRate)
        std::snprintf(rate, sizeof rate, "\"max\"");
    else
        std::snprintf(rate, sizeof rate, "%g", m_options.rate);
    std::printf("{\"mode\":\"%s\",\"clients\":%d,\"rate\":%s,\"in_flight\":%d,\"seconds\":%.3f,"
                "\"alerts\":%" PRIu64 ",\"alerts_ok\":%" PRIu64 ",\"alerts_per_s\":%.1f,"
                "\"publish_errors\":%" PRIu64 ",\"deliveries_expected\":%" PRIu64
                ",\"deliveries_received\":%" PRIu64 ",\"deliveries_lost\":%" PRIu64
                ",\"duplicates\":%" PRIu64 ",\"deliveries_per_s\":%.0f,"
                "\"latency_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"connect\":%s,"
                "\"disconnects\":%" PRIu64 ",\"other_events\":%" PRIu64 ",\"error_events\":%" PRIu64
                ",\"unparsed_alerts\":%" PRIu64 ",\"alert_bytes\":%zu"
                ",\"loadgen_cpu_s\":%.3f,\"loadgen_cpu_share\":%.3f}\n",
                m_options.maxRate ? "saturation" : "steady",
                m_options.clients,
                rate,
                m_options.maxRate ? m_options.inFlight : 0,
                publishSeconds,
                measuredAlerts,
                okAlerts,
                publishSeconds > 0 ? double(measuredAlerts) / publishSeconds : 0.0,
                m_publishErrors,
                expected,
                received,
                expected - std::min(expected, received),
                duplicates,
                double(received) / deliverySeconds,
                latency.p50,
                latency.p99,
                latency.max,
                connectJson().c_str(),
                m_disconnects,
                m_otherEvents,
                m_errorEvents,
                m_unparsedAlerts,
                m_alertBytes,
                loadgenCpu,
                wall > 0 ? loadgenCpu / wall : 0.0);
    std::fflush(stdout);
    return expected == received && m_publishErrors == 0 && m_disconnects == 0 ? 0 : 1;
}

int LoadGenerator::run()
{
    return m_options.idle > 0 ? runIdle() : runFanout();
}

// ------------------------------------------------------------------------------------------------

void usage()
{
    std::fputs(
      "usage: loadgen --port P --user NAME:PASSWORD [--producer NAME:PASSWORD]\n"
      "               [--clients N] [--rate R|max] [--seconds S] [--warmup S] [--drain S]\n"
      "               [--in-flight K] [--idle N] [--hold S] [--concurrency C]\n"
      "               [--room ROOM] [--hospital ID] [--patients N] [--host IPV4]\n"
      "Steady (--rate R), saturation (--rate max, K publishes in flight) or idle (--idle N)\n"
      "connections against a Vigil-contract Socket.IO server; prints MARK lines for the driver\n"
      "and one JSON line of results. Exit status 1 when a delivery was lost.\n",
      stderr);
}

std::optional<double> number(const char *text, double low, double high)
{
    char *end = nullptr;
    errno = 0;
    const double value = std::strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(value >= low && value <= high))
        return std::nullopt;
    return value;
}

void credentials(const char *text, std::string &user, std::string &password)
{
    const std::string_view view(text);
    const std::size_t colon = view.find(':');
    if (colon == std::string_view::npos || colon == 0)
        fatal("expected NAME:PASSWORD, got '" + std::string(view.substr(0, 64)) + "'");
    user = view.substr(0, colon);
    password = view.substr(colon + 1);
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            usage();
            std::exit(0);
        }
        if (i + 1 >= argc) {
            usage();
            fatal("missing value for " + std::string(flag));
        }
        const char *value = argv[++i];
        auto needNumber = [&](double low, double high) {
            const std::optional<double> v = number(value, low, high);
            if (!v)
                fatal(std::string(flag) + ": expected a number from " + std::to_string(low) +
                      " to " + std::to_string(high));
            return *v;
        };
        if (flag == "--host") {
            o.host = value;
        } else if (flag == "--port") {
            o.port = int(needNumber(1, 65535));
        } else if (flag == "--user") {
            credentials(value, o.user, o.password);
        } else if (flag == "--producer") {
            credentials(value, o.producer, o.producerPassword);
        } else if (flag == "--room") {
            o.room = value;
        } else if (flag == "--hospital") {
            o.hospital = value;
        } else if (flag == "--clients") {
            o.clients = int(needNumber(1, 100000));
        } else if (flag == "--rate") {
            if (std::string_view(value) == "max")
                o.maxRate = true;
            else
                o.rate = needNumber(0.1, 1e6);
        } else if (flag == "--in-flight") {
            o.inFlight = int(needNumber(1, 10000));
        } else if (flag == "--seconds") {
            o.seconds = needNumber(0.1, 3600);
        } else if (flag == "--warmup") {
            o.warmup = needNumber(0, 3600);
        } else if (flag == "--drain") {
            o.drain = needNumber(0, 3600);
        } else if (flag == "--idle") {
            o.idle = int(needNumber(1, 1000000));
        } else if (flag == "--hold") {
            o.hold = needNumber(0, 3600);
        } else if (flag == "--concurrency") {
            o.concurrency = int(needNumber(1, 100000));
        } else if (flag == "--patients") {
            o.patients = int(needNumber(1, 1e9));
        } else {
            usage();
            fatal("unknown option " + std::string(flag));
        }
    }
    if (o.port == 0)
        fatal("--port is required");
    auto plainId = [](const std::string &text) {
        return !text.empty() && text.size() <= 64 &&
               std::all_of(text.begin(), text.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '_';
               });
    };
    if (!plainId(o.room) || !plainId(o.hospital))
        fatal("--room and --hospital take letters, digits and '_' only");
    return o;
}

void raiseFileLimit(std::size_t needed)
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur < needed)
        fatal("RLIMIT_NOFILE is " + std::to_string(limit.rlim_cur) + ", " + std::to_string(needed) +
              " descriptors are needed (raise ulimit -Hn)");
}

} // namespace

int main(int argc, char **argv)
{
    const Options options = parseOptions(argc, argv);
    raiseFileLimit(std::size_t(std::max(options.clients, options.idle)) + 64);
    LoadGenerator generator(options);
    return generator.run();
}
