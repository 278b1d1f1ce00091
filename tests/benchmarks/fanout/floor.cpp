// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The fan-out floor: the least a server can do for the load generator's workload, measured in the
// same run as vigil-server and Node so that their CPU per delivery can be quoted as a ratio to it
// (docs/PERFORMANCE targets: at steady load, within 1.3x of this floor).
//
// One thread, one epoll loop, plain POSIX. It speaks just enough of the Vigil contract for loadgen:
// POST /api/auth/login (any credentials; the token is not checked), the WebSocket upgrade of
// /socket.io/?EIO=4&transport=websocket, the Engine.IO open packet, the Socket.IO CONNECT reply,
// join_room (acknowledged ok; the room name is not checked: there is one room) and publish_alert.
// A publish builds one patient_alert frame of about the size vigil-server sends and write()s it to
// every joined connection, one write() per delivery, which is what any server that sends each
// delivery on its own pays at steady load; only a short write is buffered (and finished on
// EPOLLOUT), so nothing is lost. No store, no heartbeat, no validation: this is not a server, only
// the cost of the sockets.

#include <cerrno>
#include <charconv>
#include <cinttypes>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using namespace std::literals;

constexpr std::size_t maxRequest = 64u << 10;
constexpr std::size_t maxMessage = 1u << 20;

[[noreturn]] void fatal(const std::string &message)
{
    std::fprintf(stderr, "floor: %s\n", message.c_str());
    std::exit(2);
}

struct Connection
{
    int fd = -1;
    bool open = false;
    bool webSocket = false;
    bool joined = false;
    bool writeArmed = false;
    std::string in;
    std::string out; // what a short write left over
};

void appendServerFrame(std::string &out, std::uint8_t opcode, std::string_view payload)
{
    out += char(0x80 | opcode);
    const std::size_t size = payload.size();
    if (size < 126) {
        out += char(size);
    } else if (size < 65536) {
        out += char(126);
        out += char(size >> 8);
        out += char(size & 0xff);
    } else {
        out += char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            out += char((std::uint64_t(size) >> shift) & 0xff);
    }
    out.append(payload);
}

std::string base64(const unsigned char *data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), data, int(size));
    out.resize(std::size_t(n));
    return out;
}

// RFC 6455 §4.2.2: base64(SHA-1(key + GUID)).
std::string acceptKey(std::string_view key)
{
    const std::string input = std::string(key) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr) != 1)
        fatal("SHA-1 failed");
    return base64(digest, length);
}

std::string_view headerValue(std::string_view head, std::string_view name)
{
    std::size_t at = 0;
    while ((at = head.find("\r\n", at)) != std::string_view::npos) {
        at += 2;
        const std::size_t end = head.find("\r\n", at);
        const std::string_view line =
          head.substr(at, end == std::string_view::npos ? end : end - at);
        const std::size_t colon = line.find(':');
        if (colon == name.size() &&
            std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
                return (a | 0x20) == (b | 0x20);
            })) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            return value;
        }
    }
    return {};
}

class Floor
{
public:
    explicit Floor(int port);
    int run();

private:
    void accept();
    void onReadable(Connection &c);
    void onWritable(Connection &c);
    void handleHttp(Connection &c);
    void handleFrames(Connection &c);
    void onText(Connection &c, std::string_view text);
    void publish(Connection &c, std::string_view ackId, std::string_view packet);
    void write(Connection &c, const char *data, std::size_t size);
    void sendText(Connection &c, std::string_view text);
    void close(Connection &c);

    int m_listen = -1;
    int m_epoll = -1;
    int m_signals = -1;
    std::vector<Connection> m_connections; // by descriptor
    std::vector<int> m_room;               // joined descriptors, in join order
    std::uint64_t m_seq = 0;
    std::uint64_t m_sid = 0;
    std::string m_frame;
};

Floor::Floor(int port)
{
    m_listen = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_listen < 0)
        fatal("socket: "s + std::strerror(errno));
    const int one = 1;
    setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // sockaddr_in is the documented way to pass an IPv4 address to bind().
    if (bind(m_listen, reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0)
        fatal("bind: "s + std::strerror(errno));
    if (listen(m_listen, 1024) < 0)
        fatal("listen: "s + std::strerror(errno));
    socklen_t size = sizeof address;
    getsockname(m_listen, reinterpret_cast<sockaddr *>(&address), &size);

    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_listen;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listen, &event);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    m_signals = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    event.data.fd = m_signals;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_signals, &event);

    std::printf("LISTENING 127.0.0.1:%d\n", int(ntohs(address.sin_port)));
    std::fflush(stdout);
}

int Floor::run()
{
    epoll_event events[256];
    for (;;) {
        const int n = epoll_wait(m_epoll, events, 256, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fatal("epoll_wait: "s + std::strerror(errno));
        }
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_signals)
                return 0;
            if (fd == m_listen) {
                accept();
                continue;
            }
            Connection &c = m_connections[std::size_t(fd)];
            if (!c.open)
                continue;
            if ((events[i].events & EPOLLOUT) != 0)
                onWritable(c);
            if (c.open && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0)
                onReadable(c);
        }
    }
}

void Floor::accept()
{
    for (;;) {
        const int fd = accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN, or out of descriptors: the rest stay in the backlog
        if (std::size_t(fd) >= m_connections.size())
            m_connections.resize(std::size_t(fd) + 1024);
        Connection &c = m_connections[std::size_t(fd)];
        c = Connection{};
        c.fd = fd;
        c.open = true;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
}

void Floor::close(Connection &c)
{
    if (c.joined)
        std::erase(m_room, c.fd);
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
    c = Connection{};
}

void Floor::onReadable(Connection &c)
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = read(c.fd, buffer, sizeof buffer);
        if (n == 0) {
            close(c);
            return;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                close(c);
            break;
        }
        c.in.append(buffer, std::size_t(n));
        if (std::size_t(n) < sizeof buffer)
            break;
    }
    if (c.webSocket)
        handleFrames(c);
    else
        handleHttp(c);
}

void Floor::onWritable(Connection &c)
{
    while (!c.out.empty()) {
        const ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                close(c);
            return;
        }
        c.out.erase(0, std::size_t(n));
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = c.fd;
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
    c.writeArmed = false;
}

void Floor::write(Connection &c, const char *data, std::size_t size)
{
    if (!c.out.empty()) { // keep the order behind what is already waiting
        c.out.append(data, size);
        return;
    }
    const ssize_t n = send(c.fd, data, size, MSG_NOSIGNAL);
    if (n == ssize_t(size))
        return;
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
        close(c);
        return;
    }
    const std::size_t sent = n > 0 ? std::size_t(n) : 0;
    c.out.assign(data + sent, size - sent);
    if (!c.writeArmed) {
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT;
        event.data.fd = c.fd;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
        c.writeArmed = true;
    }
}

void Floor::sendText(Connection &c, std::string_view text)
{
    std::string frame;
    appendServerFrame(frame, 0x1, text);
    write(c, frame.data(), frame.size());
}

void Floor::handleHttp(Connection &c)
{
    const std::size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (c.in.size() > maxRequest)
            close(c);
        return;
    }
    const std::string_view head(c.in.data(), end);
    if (head.starts_with("POST /api/auth/login ")) {
        std::size_t length = 0;
        const std::string_view value = headerValue(head, "content-length");
        std::from_chars(value.data(), value.data() + value.size(), length);
        if (c.in.size() < end + 4 + length)
            return; // the body is still arriving
        const std::string body = "{\"access_token\":\"floor\",\"token_type\":\"Bearer\"}";
        const std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " +
                                  std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                                  body;
        write(c, reply.data(), reply.size());
        shutdown(c.fd, SHUT_WR);
        c.in.clear();
        return;
    }
    const std::string_view key = headerValue(head, "sec-websocket-key");
    if (!head.starts_with("GET /socket.io/?EIO=4&transport=websocket") || key.empty()) {
        const std::string_view reply = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                                       "Connection: close\r\n\r\n";
        write(c, reply.data(), reply.size());
        shutdown(c.fd, SHUT_WR);
        c.in.clear();
        return;
    }
    const std::string reply = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                              "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                              acceptKey(key) + "\r\n\r\n";
    c.in.erase(0, end + 4);
    c.webSocket = true;
    write(c, reply.data(), reply.size());
    char open[160];
    const int n = std::snprintf(open,
                                sizeof open,
                                "0{\"sid\":\"floor%08" PRIu64 "\",\"upgrades\":[],"
                                "\"pingInterval\":25000,\"pingTimeout\":60000,"
                                "\"maxPayload\":1000000}",
                                ++m_sid);
    sendText(c, std::string_view(open, std::size_t(n)));
    if (!c.in.empty())
        handleFrames(c);
}

void Floor::handleFrames(Connection &c)
{
    std::size_t consumed = 0;
    auto *bytes = reinterpret_cast<std::uint8_t *>(c.in.data());
    while (c.open && c.in.size() - consumed >= 2) {
        std::uint8_t *p = bytes + consumed;
        const std::size_t available = c.in.size() - consumed;
        const std::uint8_t opcode = p[0] & 0x0f;
        if ((p[0] & 0x80) == 0 || (p[1] & 0x80) == 0) { // no fragments, always masked
            close(c);
            return;
        }
        std::uint64_t length = p[1] & 0x7f;
        std::size_t header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = (std::uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | p[i];
            header = 10;
        }
        if (length > maxMessage) {
            close(c);
            return;
        }
        if (available < header + 4 + length)
            break;
        const std::uint8_t *mask = p + header;
        char *payload = reinterpret_cast<char *>(p + header + 4);
        for (std::size_t i = 0; i < length; ++i)
            payload[i] = char(std::uint8_t(payload[i]) ^ mask[i & 3]);
        consumed += header + 4 + std::size_t(length);
        const std::string_view text(payload, std::size_t(length));
        if (opcode == 0x1) {
            onText(c, text);
        } else if (opcode == 0x8) {
            close(c);
            return;
        } else if (opcode == 0x9) {
            std::string pong;
            appendServerFrame(pong, 0xA, text);
            write(c, pong.data(), pong.size());
        }
    }
    if (c.open)
        c.in.erase(0, consumed);
}

void Floor::onText(Connection &c, std::string_view text)
{
    if (text.starts_with("40")) {
        char reply[64];
        const int n =
          std::snprintf(reply, sizeof reply, "40{\"sid\":\"floor-sio%08" PRIu64 "\"}", ++m_sid);
        sendText(c, std::string_view(reply, std::size_t(n)));
        return;
    }
    if (!text.starts_with("42"))
        return; // Engine.IO pongs and anything else: nothing to do
    std::string_view rest = text.substr(2);
    const std::size_t bracket = rest.find('[');
    if (bracket == std::string_view::npos)
        return;
    const std::string_view ackId = rest.substr(0, bracket);
    rest.remove_prefix(bracket);
    if (rest.starts_with("[\"join_room\"")) {
        if (!c.joined) {
            c.joined = true;
            m_room.push_back(c.fd);
        }
        sendText(c, "43"s.append(ackId).append("[{\"ok\":true}]"));
    } else if (rest.starts_with("[\"publish_alert\"")) {
        publish(c, ackId, rest);
    }
}

void Floor::publish(Connection &c, std::string_view ackId, std::string_view packet)
{
    // [ "publish_alert", {"alert":{...}} ]: keep the alert's own members, add what a stored alert
    // has.
    const std::size_t begin = packet.find("{\"alert\":{");
    const std::size_t end = packet.rfind("}}]");
    if (begin == std::string_view::npos || end == std::string_view::npos || end < begin + 10)
        return;
    const std::string_view members = packet.substr(begin + 10, end - begin - 10);
    const std::uint64_t seq = ++m_seq;
    char head[192];
    const int headSize =
      std::snprintf(head,
                    sizeof head,
                    "42[\"patient_alert\",{\"id\":\"00000000-0000-4000-8000-%012" PRIu64
                    "\",\"seq\":%" PRIu64 ",",
                    seq,
                    seq);
    std::string payload(head, std::size_t(headSize));
    payload.append(members);
    payload.append(",\"created_at\":\"2026-11-26T00:00:00.000Z\",\"acknowledged\":false,"
                   "\"acknowledged_by\":null,\"acknowledged_at\":null}]");
    m_frame.clear();
    appendServerFrame(m_frame, 0x1, payload);
    for (const int fd : std::vector<int>(m_room)) { // a failed write may close (and unjoin) one
        Connection &member = m_connections[std::size_t(fd)];
        if (member.open)
            write(member, m_frame.data(), m_frame.size());
    }
    if (c.open && !ackId.empty())
        sendText(c,
                 "43"s.append(ackId)
                   .append("[{\"ok\":true,\"seq\":")
                   .append(std::to_string(seq))
                   .append("}]"));
}

} // namespace

int main(int argc, char **argv)
{
    int port = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--port" && i + 1 < argc) {
            const std::string_view value = argv[++i];
            const auto r = std::from_chars(value.data(), value.data() + value.size(), port);
            if (r.ec != std::errc{} || r.ptr != value.data() + value.size() || port < 0 ||
                port > 65535)
                fatal("--port takes 0 to 65535");
        } else {
            std::fputs("usage: floor [--port P]   (0, the default, picks a free port; prints\n"
                       "       LISTENING 127.0.0.1:P; SIGTERM or SIGINT stops it)\n",
                       stderr);
            return flag == "--help" || flag == "-h" ? 0 : 2;
        }
    }
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    Floor floor(port);
    return floor.run();
}
