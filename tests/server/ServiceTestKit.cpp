// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceTestKit.h"

#include <QDeadlineTimer>
#include <QTest>

#include "protocol/EngineIo.h"
#include "protocol/Json.h"
#include "server/TokenService.h"
#include "server/User.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;

namespace vigil::test {

namespace sio = protocol::sio;
using server::Role;
using server::User;

ServiceHarness::ServiceHarness(std::function<void(server::ServerSettings &)> adjust,
                               std::function<void(server::ServerAppOptions &)> adjustOptions)
  : m_adjust(std::move(adjust))
  , m_adjustOptions(std::move(adjustOptions))
{
}

ServiceHarness::~ServiceHarness()
{
    stop();
}

QString ServiceHarness::databaseUrl() const
{
    return u"sqlite://"_s + m_dir.path() + u"/vigil.db"_s;
}

QString ServiceHarness::build(std::function<void(server::ServerAppOptions &)> adjustOptions)
{
    if (!m_dir.isValid())
        return u"no temporary directory"_s;
    server::ServerSettings settings;
    settings.secretKey = QByteArray("service-test-secret-key-of-32-bytes!");
    settings.listenAddress = QHostAddress(QHostAddress::LocalHost);
    settings.listenPort = 0;
    settings.corsOrigins = { allowedOrigin };
    settings.dataDir = m_dir.path();
    settings.databaseUrl = databaseUrl();
    settings.maxHttpBufferSize = 64 * 1024;
    if (m_adjust)
        m_adjust(settings);

    server::ServerAppOptions options;
    options.hasherLimits = server::PasswordHasher::Limits::minimal();
    options.database.busyTimeoutMs = 100;
    options.statusIntervalMs = 200;
    if (m_adjustOptions)
        m_adjustOptions(options);
    if (adjustOptions)
        adjustOptions(options);

    m_app = std::make_unique<server::ServerApp>(settings, options);
    const auto started = m_app->start();
    if (!started)
        return started.error();
    return {};
}

QString ServiceHarness::start()
{
    const QString error = build({});
    if (!error.isEmpty())
        return error;
    const auto existing = m_app->userStore().list();
    if (!existing)
        return existing.error().message;
    if (!existing->isEmpty())
        return {};
    const QList<User> users{
        User{ u"nurse"_s, u"Nurse 123"_s, Role::Nurse, { u"123"_s } },
        User{ u"nurse456"_s, u"Nurse 456"_s, Role::Nurse, { u"456"_s } },
        User{ u"charge"_s, u"Charge"_s, Role::ChargeNurse, { u"123"_s, u"456"_s } },
        User{ u"admin"_s, u"Admin"_s, Role::Admin, {} },
        User{ u"producer"_s, u"Producer"_s, Role::Producer, {} },
        User{ u"producer123"_s, u"Producer 123"_s, Role::Producer, { u"123"_s } },
    };
    for (const User &user : users) {
        const auto added = m_app->userStore().add(user, passwordOf(user.username));
        if (!added)
            return added.error().message;
    }
    return {};
}

QString ServiceHarness::restart(std::function<void(server::ServerAppOptions &)> adjustOptions)
{
    stop();
    return build(std::move(adjustOptions));
}

void ServiceHarness::stop()
{
    if (!m_app)
        return;
    m_app->shutdown();
    QTest::qWait(20);
    m_app.reset();
}

QUrl ServiceHarness::url(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

QUrl ServiceHarness::socketUrl() const
{
    return QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(port()));
}

QString ServiceHarness::token(const QString &username) const
{
    const auto user = m_app->userStore().find(username);
    if (!user)
        return {};
    const auto issued = m_app->tokens().issue(user.value());
    return issued ? QString::fromLatin1(issued->token) : QString();
}

HttpResult ServiceHarness::get(const QString &pathAndQuery,
                               const QString &token,
                               const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    auto all = headers;
    if (!token.isEmpty())
        all.append({ "Authorization", "Bearer " + token.toLatin1() });
    return m_http.request("GET", url(pathAndQuery), {}, all, serviceWaitMs);
}

HttpResult ServiceHarness::post(const QString &path,
                                const QByteArray &body,
                                const QString &token,
                                const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    auto all = headers;
    all.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    if (!token.isEmpty())
        all.append({ "Authorization", "Bearer " + token.toLatin1() });
    return m_http.request("POST", url(path), body, all, serviceWaitMs);
}

QCborMap ServiceHarness::publish(const QString &patientId,
                                 const QString &hospitalId,
                                 const QString &priority,
                                 const QString &title)
{
    const HttpResult result =
      post(u"/api/alerts"_s,
           protocol::json::write(alertInput(patientId, hospitalId, priority, title)),
           token(u"producer"_s));
    if (result.status != 201)
        return {};
    const auto parsed = protocol::json::parse(result.body);
    return parsed ? parsed->toMap() : QCborMap();
}

QCborMap alertInput(const QString &patientId,
                    const QString &hospitalId,
                    const QString &priority,
                    const QString &title)
{
    QCborMap input;
    input.insert("patient_id"_L1, patientId);
    input.insert("hospital_id"_L1, hospitalId);
    input.insert("type"_L1, u"vitals"_s);
    input.insert("priority"_L1, priority);
    input.insert("title"_L1, title);
    input.insert("message"_L1, u"from the test"_s);
    QCborMap data;
    data.insert("value"_L1, 134);
    input.insert("data"_L1, data);
    input.insert("source"_L1, u"tests"_s);
    return input;
}

// ---------------------------------------------------------------------------------------------

SioClient::SioClient(const QString &origin)
  : m_socket(origin)
{
}

bool SioClient::open(const QUrl &socketUrl)
{
    return !m_socket.openEngineIo(socketUrl, serviceWaitMs).isEmpty();
}

QCborMap SioClient::roomPayload(const QString &room)
{
    QCborMap payload;
    payload.insert("room"_L1, room);
    return payload;
}

void SioClient::handleFrame(const Frame &frame)
{
    if (frame.binary || !frame.data.startsWith('4'))
        return;
    auto packet = m_decoder.feedText(QByteArrayView(frame.data).sliced(1));
    if (!packet || !packet.value())
        return;
    const sio::Packet &p = *packet.value();
    switch (p.type) {
        case sio::PacketType::Connect:
        case sio::PacketType::ConnectError:
            m_connects.insert(p.nsp, p);
            break;
        case sio::PacketType::Event:
        case sio::PacketType::BinaryEvent:
            m_events.append(Event{ p.nsp, p.eventName(), p.args() });
            break;
        case sio::PacketType::Ack:
        case sio::PacketType::BinaryAck:
            if (p.id)
                m_acks.insert(*p.id, p.args());
            break;
        case sio::PacketType::Disconnect:
            break;
    }
}

bool SioClient::pump(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        while (!m_socket.pending().isEmpty())
            handleFrame(m_socket.pending().takeFirst());
        if (done())
            return true;
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5);
    }
}

std::optional<sio::Packet> SioClient::connectNamespace(const QString &nsp,
                                                       const QString &token,
                                                       int timeoutMs)
{
    QCborValue auth;
    if (!token.isNull()) {
        QCborMap map;
        map.insert("token"_L1, token);
        auth = map;
    }
    return connectWithAuth(nsp, auth, timeoutMs);
}

std::optional<sio::Packet> SioClient::connectWithAuth(const QString &nsp,
                                                      const QCborValue &auth,
                                                      int timeoutMs)
{
    m_connects.remove(nsp);
    const sio::Encoded encoded = sio::encode(sio::Packet::connect(nsp, auth));
    m_socket.sendText("4" + encoded.text);
    if (!pump([this, &nsp] { return m_connects.contains(nsp); }, timeoutMs))
        return std::nullopt;
    return m_connects.value(nsp);
}

bool SioClient::join(const QString &nsp, const QString &token)
{
    const auto answer = connectNamespace(nsp, token);
    return answer && answer->type == sio::PacketType::Connect;
}

void SioClient::emitEvent(const QString &event, const QCborValue &payload, const QString &nsp)
{
    const sio::Encoded encoded = sio::encode(sio::Packet::event(nsp, event, QCborArray{ payload }));
    m_socket.sendText("4" + encoded.text);
}

QCborValue SioClient::call(const QString &event,
                           const QCborValue &payload,
                           const QString &nsp,
                           int timeoutMs)
{
    const qint64 id = m_nextAck++;
    const sio::Encoded encoded =
      sio::encode(sio::Packet::event(nsp, event, QCborArray{ payload }, id));
    m_socket.sendText("4" + encoded.text);
    if (!pump([this, id] { return m_acks.contains(id); }, timeoutMs))
        return QCborValue();
    const QCborArray args = m_acks.take(id);
    return args.isEmpty() ? QCborValue(QCborValue::Null) : args.at(0);
}

std::optional<QCborArray> SioClient::waitFor(const QString &name, const QString &nsp, int timeoutMs)
{
    const QString key = nsp + u'\n' + name;
    std::optional<QCborArray> found;
    pump(
      [&] {
          int index = 0;
          for (const Event &event : std::as_const(m_events)) {
              if (event.nsp != nsp || event.name != name)
                  continue;
              if (index++ == m_seen.value(key)) {
                  found = event.args;
                  return true;
              }
          }
          return false;
      },
      timeoutMs);
    if (found)
        m_seen[key] += 1;
    return found;
}

int SioClient::countAfter(const QString &name, int ms, const QString &nsp)
{
    pump([] { return false; }, ms);
    return int(received(name, nsp).size());
}

QList<QCborArray> SioClient::received(const QString &name, const QString &nsp) const
{
    QList<QCborArray> result;
    for (const Event &event : m_events) {
        if (event.nsp == nsp && event.name == name)
            result.append(event.args);
    }
    return result;
}

} // namespace vigil::test
