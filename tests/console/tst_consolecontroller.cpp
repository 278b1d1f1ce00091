// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The console end to end against a real backend in a child process: sign-in through the login
// dialog, live alerts, acknowledge reaching a second station, the communication-loss banner when
// the server dies and its clearing when it returns, backfilled alerts shown once and marked.
//
// Backends: tests/interop/contract-peer.mjs (Node socket.io implementing the Vigil contract) for
// the full scenario, and `vigil-server --demo` (when built) for sign-in, simulated live alerts,
// acknowledge and the banner.
#include <memory>

#include <QApplication>
#include <QCborArray>
#include <QCborMap>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "client/AlertFeed.h"
#include "client/CredentialStore.h"
#include "client/MemoryCredentialBackend.h"
#include "console/AlertTableModel.h"
#include "console/ConnectionStatus.h"
#include "console/ConsoleController.h"
#include "console/LoginDialog.h"
#include "console/MainWindow.h"
#include "console/Notifier.h"
#include "console/RoomListModel.h"
#include "console/Settings.h"
#include "protocol/Json.h"
#include "support/ContractPeer.h"

using namespace Qt::StringLiterals;
using namespace vigil;
using namespace vigil::console;

namespace {

constexpr int waitMs = 20'000;

using Peer = vigil::testsupport::ContractPeer;

/// The test's own REST plumbing (publishing, hooks), independent of the code under test.
class Rest
{
public:
    QUrl base;

    std::pair<int, QCborValue> call(const QByteArray &method,
                                    const QString &path,
                                    const QCborValue &body = {},
                                    const QString &token = {})
    {
        QNetworkRequest request(base.resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = m_nam.sendCustomRequest(
          request, method, body.isUndefined() ? QByteArray() : protocol::json::write(body));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(waitMs);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto parsed = protocol::json::parse(reply->readAll());
        reply->deleteLater();
        return { status, parsed ? parsed.value() : QCborValue() };
    }

    QString login(const QString &user, const QString &password)
    {
        const QCborMap body{ { u"username"_s, user }, { u"password"_s, password } };
        return call("POST", u"/api/auth/login"_s, body)
          .second.toMap()
          .value(u"access_token"_s)
          .toString();
    }

private:
    QNetworkAccessManager m_nam;
};

QCborMap alertInput(const QString &hospital, const QString &title, const QString &priority)
{
    QCborMap limit;
    limit.insert(u"value"_s, 134);
    limit.insert(u"limit"_s, 120);
    QCborMap data;
    data.insert(u"hr"_s, limit);
    QCborMap input;
    input.insert(u"patient_id"_s, QString(u"p"_s + hospital));
    input.insert(u"hospital_id"_s, hospital);
    input.insert(u"priority"_s, priority);
    input.insert(u"title"_s, title);
    input.insert(u"type"_s, u"vitals"_s);
    input.insert(u"data"_s, data);
    input.insert(u"source"_s, u"monitor"_s);
    return input;
}

QStringList idsOf(const QCborValue &alerts)
{
    QStringList ids;
    const QCborArray array = alerts.isArray() ? alerts.toArray() : QCborArray{ alerts };
    for (const QCborValue &alert : array)
        ids.append(alert.toMap().value(u"id"_s).toString());
    return ids;
}

/// One nurse station: settings in a temporary file, tokens in memory.
struct Station
{
    Station(const QString &settingsPath,
            ConsoleController::Options options,
            client::MemoryCredentialBackend **backendOut = nullptr)
      : settings(settingsPath)
    {
        auto backend = std::make_unique<client::MemoryCredentialBackend>();
        if (backendOut)
            *backendOut = backend.get();
        controller =
          std::make_unique<ConsoleController>(&settings, std::move(backend), std::move(options));
    }

    MainWindow *window() const { return controller->window(); }
    AlertTableModel *alerts() const { return window()->alertModel(); }
    bool isLive() const
    {
        return window()->connectionStatus()->linkState() == client::LinkState::Live &&
               controller->isSignedIn();
    }
    protocol::Alert alert(const QString &id) const
    {
        return alerts()->alert(alerts()->rowForId(id));
    }

    Settings settings;
    std::unique_ptr<ConsoleController> controller;
};

} // namespace

class tst_ConsoleController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInThroughTheDialogAndSignOut();
    void rememberedSignInResumes();
    void liveAlertsAndAcknowledgeReachASecondStation();
    void offlineBannerThenBackfilledAlertsOnceAndMarked();
    void adminSeesServerStatus();
    void defaultRoomsAndTokenClaims();
    void againstVigilServerDemo();

private:
    QString startPeer(int port = 0)
    {
        return m_peer.start(m_node,
                            { u"SECRET_KEY=tst_consolecontroller"_s,
                              u"STORE_FILE="_s + m_dir.filePath(u"store.jsonl"_s),
                              u"USERS_FILE="_s + m_dir.filePath(u"users.json"_s),
                              u"SOCKET_IO_PING_INTERVAL=1000"_s,
                              u"SOCKET_IO_PING_TIMEOUT=20000"_s,
                              u"ALERT_RATE_LIMIT_PER_MINUTE=0"_s,
                              u"STATUS_INTERVAL_MS=300"_s,
                              // Missed alerts must come through the backfill, not a replay.
                              u"CSR=0"_s },
                            port);
    }
    /// Settings for a fast test: alarm after 1 s, reconnect within 0.1 to 0.4 s.
    QString settingsFile(const QString &name)
    {
        const QString path = m_dir.filePath(name + u".ini"_s);
        Settings settings(path);
        settings.setServerUrl(m_peer.url());
        settings.setOfflineAlarmDelaySeconds(1);
        settings.setReconnectDelayMinMs(100);
        settings.setReconnectDelayMaxMs(400);
        settings.sync();
        return path;
    }
    ConsoleController::Options signedInOptions(const QString &user,
                                               const QString &password,
                                               const QStringList &rooms) const
    {
        ConsoleController::Options options;
        options.server = m_peer.url();
        options.username = user;
        options.password = password;
        options.rooms = rooms;
        return options;
    }

    QString m_node;
    QTemporaryDir m_dir;
    Peer m_peer{ QStringLiteral(VIGIL_INTEROP_DIR), waitMs };
    Rest m_rest;
    QString m_producer;
    QString m_admin;
};

void tst_ConsoleController::initTestCase()
{
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not on PATH (apt-get install nodejs npm)");
    if (!QFileInfo::exists(
          QStringLiteral(VIGIL_INTEROP_DIR "/node_modules/socket.io/package.json")))
        QSKIP("tests/interop/node_modules is missing: run `npm ci` in tests/interop "
              "(scripts/run-tests does)");
    QVERIFY(m_dir.isValid());
    QFile users(m_dir.filePath(u"users.json"_s));
    QVERIFY(users.open(QIODevice::WriteOnly));
    users.write(R"([
      {"username":"nurse","password":"n","display_name":"Nurse Joy","role":"nurse",
       "hospitals":["201","202","203","204"]},
      {"username":"kim","password":"k","display_name":"Nurse Kim","role":"nurse",
       "hospitals":["202"]},
      {"username":"producer","password":"p","display_name":"Engine","role":"producer","hospitals":[]},
      {"username":"admin","password":"a","display_name":"Admin","role":"admin","hospitals":[]}
    ])");
    users.close();
    const QString error = startPeer();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_rest.base = m_peer.url();
    m_producer = m_rest.login(u"producer"_s, u"p"_s);
    m_admin = m_rest.login(u"admin"_s, u"a"_s);
    QVERIFY(!m_producer.isEmpty() && !m_admin.isEmpty());
}

void tst_ConsoleController::signInThroughTheDialogAndSignOut()
{
    client::MemoryCredentialBackend *keychain = nullptr;
    ConsoleController::Options options;
    options.rooms = { u"hospital_201"_s };
    Station station(settingsFile(u"dialog"_s), options, &keychain);
    QSignalSpy signedIn(station.controller.get(), &ConsoleController::signedIn);
    QSignalSpy failed(station.controller.get(), &ConsoleController::signInFailed);
    station.controller->start();
    LoginDialog *login = station.controller->loginDialog();
    QVERIFY(login);
    QTRY_VERIFY(login->isVisible());
    QCOMPARE(login->serverUrl(), m_peer.url());

    auto *user = login->findChild<QLineEdit *>(u"usernameEdit"_s);
    auto *password = login->findChild<QLineEdit *>(u"passwordEdit"_s);
    user->setText(u"nurse"_s);
    password->setText(u"wrong"_s);
    login->accept();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, waitMs);
    QCOMPARE(login->errorText(), u"Wrong username or password."_s);
    QVERIFY(!station.controller->isSignedIn());

    password->setText(u"n"_s);
    station.controller->loginDialog()->setRememberMe(true);
    login->accept();
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, waitMs);
    QTRY_VERIFY(!station.controller->loginDialog());
    QCOMPARE(station.controller->user().displayName, u"Nurse Joy"_s);
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    QCOMPARE(station.window()->statusBarText(), u"Live: receiving alerts"_s);
    QCOMPARE(station.window()->roomModel()->joinState(u"hospital_201"_s),
             RoomListModel::JoinState::Joined);

    // Remember me: the token is in the keychain, never in the settings file.
    const QString key = client::CredentialStore::accountKey(u"nurse"_s, m_peer.url());
    QTRY_VERIFY(keychain->secret(QString(client::CredentialStore::serviceName), key).has_value());
    const QString token = *keychain->secret(QString(client::CredentialStore::serviceName), key);
    QFile file(station.settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(token.toUtf8()));
    QCOMPARE(station.settings.username(), u"nurse"_s);
    QVERIFY(station.settings.rememberMe());

    QSignalSpy signedOut(station.controller.get(), &ConsoleController::signedOut);
    station.window()->findChild<QAction *>(u"actionSignOut"_s)->trigger();
    QCOMPARE(signedOut.size(), 1);
    QVERIFY(!station.controller->isSignedIn());
    QVERIFY(!station.window()->isSignedIn());
    QTRY_VERIFY(!keychain->secret(QString(client::CredentialStore::serviceName), key));
    QTRY_VERIFY(station.controller->loginDialog() &&
                station.controller->loginDialog()->isVisible());
    // Signed out on purpose: no communication-loss alarm.
    QTest::qWait(1'500);
    QVERIFY(!station.window()->isBannerVisible());
}

void tst_ConsoleController::rememberedSignInResumes()
{
    const QString path = settingsFile(u"remembered"_s);
    {
        Settings settings(path);
        settings.setUsername(u"nurse"_s);
        settings.setRememberMe(true);
        settings.setFollowedRooms({ u"hospital_204"_s });
    }
    client::MemoryCredentialBackend *keychain = nullptr;
    Station station(path, {}, &keychain);
    const QString token = m_rest.login(u"nurse"_s, u"n"_s);
    QVERIFY(!token.isEmpty());
    // What an earlier run with "remember me" left in the keychain.
    bool saved = false;
    keychain->writeSecret(QString(client::CredentialStore::serviceName),
                          client::CredentialStore::accountKey(u"nurse"_s, m_peer.url()),
                          token,
                          [&saved](std::optional<client::CredentialError> e) { saved = !e; });
    QTRY_VERIFY(saved);

    QSignalSpy signedIn(station.controller.get(), &ConsoleController::signedIn);
    station.controller->start();
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, waitMs);
    QVERIFY(!station.controller->loginDialog());
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    QCOMPARE(station.window()->roomModel()->roomNames(), QStringList{ u"hospital_204"_s });
}

void tst_ConsoleController::liveAlertsAndAcknowledgeReachASecondStation()
{
    Station joy(settingsFile(u"joy"_s), signedInOptions(u"nurse"_s, u"n"_s, { u"hospital_202"_s }));
    Station kim(settingsFile(u"kim"_s), signedInOptions(u"kim"_s, u"k"_s, { u"hospital_202"_s }));
    joy.controller->start();
    kim.controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(joy.isLive() && kim.isLive(), waitMs);

    const auto published = m_rest.call(
      "POST", u"/api/alerts"_s, alertInput(u"202"_s, u"HR high"_s, u"high"_s), m_producer);
    QCOMPARE(published.first, 201);
    const QString id = idsOf(published.second).first();
    QTRY_VERIFY_WITH_TIMEOUT(joy.alerts()->rowForId(id) >= 0, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(kim.alerts()->rowForId(id) >= 0, waitMs);
    QCOMPARE(joy.alerts()->rowCount(), 1);
    QCOMPARE(joy.alert(id).state, protocol::AlertState::Active);
    QCOMPARE(joy.alerts()->offlineCount(), 0);

    // Joy acknowledges from her window with the keyboard.
    QVERIFY(joy.window()->selectAlert(id));
    QVERIFY(joy.window()->detailWidget()->plainText().contains(u"HR 134>120"));
    joy.window()->activateWindow();
    QApplication::setActiveWindow(joy.window());
    QTRY_VERIFY(joy.window()->isActiveWindow());
    auto *table = joy.window()->findChild<QTableView *>(u"alertTable"_s);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(joy.alert(id).state, protocol::AlertState::Acknowledged, waitMs);
    QCOMPARE(joy.alert(id).acknowledgedBy, u"nurse"_s);
    QVERIFY(!joy.window()->isAcknowledgePending(id));

    // ...and Kim's station shows it without doing anything.
    QTRY_COMPARE_WITH_TIMEOUT(kim.alert(id).state, protocol::AlertState::Acknowledged, waitMs);
    QCOMPARE(kim.alert(id).acknowledgedBy, u"nurse"_s);
    QVERIFY(kim.window()->selectAlert(id));
    QVERIFY(kim.window()->detailWidget()->plainText().contains(u"Acknowledged by nurse"));
}

void tst_ConsoleController::offlineBannerThenBackfilledAlertsOnceAndMarked()
{
    client::MemoryCredentialBackend *keychain = nullptr;
    Station station(settingsFile(u"offline"_s),
                    signedInOptions(u"nurse"_s, u"n"_s, { u"hospital_203"_s }),
                    &keychain);
    QSignalSpy beeps(station.window()->notifier(), &Notifier::beeped);
    station.controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    // A password from the command line is used once and never reaches the keychain.
    QCOMPARE(keychain->operationCount(), 0);
    QVERIFY(!station.settings.rememberMe());
    const auto before = m_rest.call(
      "POST", u"/api/alerts"_s, alertInput(u"203"_s, u"before"_s, u"medium"_s), m_producer);
    const QString beforeId = idsOf(before.second).first();
    QTRY_VERIFY_WITH_TIMEOUT(station.alerts()->rowForId(beforeId) >= 0, waitMs);
    QVERIFY(!station.window()->isBannerVisible());

    // The server dies: within the alarm delay (1 s here) the red banner is up and sounds.
    const int port = m_peer.port();
    m_peer.kill();
    QTRY_VERIFY_WITH_TIMEOUT(station.window()->isBannerVisible(), waitMs);
    QVERIFY(station.window()->bannerTitleText().contains(u"COMMUNICATION LOST"));
    QVERIFY(station.window()->bannerDetailText().startsWith(u"Last data received: "));
    QVERIFY(station.window()->statusBarText().startsWith(u"Offline since "));
    QVERIFY(beeps.size() >= 1);

    // It comes back: the banner clears by itself once data is live again.
    QString error = startPeer(port);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!station.window()->isBannerVisible(), waitMs);

    // Alerts stored while every station is cut off arrive through the backfill: once, marked.
    const QCborMap drop{ { u"publish"_s,
                           QCborArray{ alertInput(u"203"_s, u"missed 1"_s, u"high"_s),
                                       alertInput(u"203"_s, u"missed 2"_s, u"low"_s) } } };
    const auto dropped = m_rest.call("POST", u"/api/debug/drop"_s, drop, m_admin);
    QCOMPARE(dropped.first, 200);
    const QStringList missed = idsOf(dropped.second.toMap().value(u"alerts"_s));
    QCOMPARE(missed.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(station.alerts()->rowForId(missed.at(0)) >= 0 &&
                               station.alerts()->rowForId(missed.at(1)) >= 0,
                             waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    QCOMPARE(station.alerts()->rowCount(), 3);
    QCOMPARE(station.alerts()->offlineCount(), 2);
    for (const QString &id : missed)
        QVERIFY(station.alerts()->isOffline(station.alerts()->rowForId(id)));
    QVERIFY(!station.alerts()->isOffline(station.alerts()->rowForId(beforeId)));
    QVERIFY(!station.window()->offlineReviewText().isEmpty());
}

void tst_ConsoleController::adminSeesServerStatus()
{
    Station station(settingsFile(u"admin"_s),
                    signedInOptions(u"admin"_s, u"a"_s, { u"hospital_201"_s }));
    station.controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    auto *connections = station.window()->findChild<QLabel *>(u"serverConnections"_s);
    QVERIFY(station.window()->findChild<QWidget *>(u"serverStatusGroup"_s)->isVisible());
    bool numeric = false;
    QTRY_VERIFY_WITH_TIMEOUT((connections->text().toInt(&numeric), numeric), waitMs);
    QVERIFY(connections->text().toInt() >= 1);
}

void tst_ConsoleController::defaultRoomsAndTokenClaims()
{
    client::UserInfo nurse;
    nurse.role = u"nurse"_s;
    nurse.hospitals = { u"123"_s, u"456"_s, u"bad id!"_s };
    QCOMPARE(ConsoleController::defaultRooms(nurse),
             QStringList({ u"hospital_123"_s, u"hospital_456"_s, u"triage_queue"_s }));
    client::UserInfo producer;
    producer.role = u"producer"_s;
    QCOMPARE(ConsoleController::defaultRooms(producer), QStringList());

    const QString token = m_rest.login(u"nurse"_s, u"n"_s);
    const auto claims = ConsoleController::decodeToken(token);
    QVERIFY(claims);
    QCOMPARE(claims->user.username, u"nurse"_s);
    QCOMPARE(claims->user.role, u"nurse"_s);
    QCOMPARE(claims->user.hospitals.size(), 4);
    QVERIFY(claims->expiresAt > QDateTime::currentDateTimeUtc());
    for (const QString &bad : { QString(), u"a.b"_s, u"a.%%%.c"_s, u"a.bm90IGpzb24.c"_s })
        QVERIFY2(!ConsoleController::decodeToken(bad), qPrintable(bad));
}

void tst_ConsoleController::againstVigilServerDemo()
{
    const QString server = QStringLiteral(VIGIL_BINARY_DIR "/src/server/vigil-server");
    if (!QFileInfo(server).isExecutable())
        QSKIP("vigil-server is not built in this tree (VIGIL_BUILD_SERVER=OFF)");
    QProcess help;
    help.start(server, { u"--help"_s });
    QVERIFY(help.waitForFinished(waitMs));
    if (!help.readAllStandardOutput().contains("--demo"))
        QSKIP("vigil-server has no --demo mode in this build");

    // A free port for the demo: the server prints where it listens, but takes the port from
    // VIGIL_LISTEN as run-demo does.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcess demo;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VIGIL_LISTEN"_s, u"127.0.0.1:%1"_s.arg(port));
    demo.setProcessEnvironment(env);
    demo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    demo.start(server, { u"--demo"_s, u"--demo-rate"_s, u"120"_s });
    QVERIFY2(demo.waitForStarted(waitMs), qPrintable(demo.errorString()));
    QByteArray out;
    QDeadlineTimer deadline(waitMs);
    while (!out.contains("listening on") && !deadline.hasExpired() &&
           demo.state() == QProcess::Running) {
        demo.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        out += demo.readAllStandardOutput();
    }
    QVERIFY2(out.contains("listening on"), out.constData());
    const QUrl url(u"http://127.0.0.1:%1"_s.arg(port));

    // The demo nurse, as scripts/run-demo signs her in.
    ConsoleController::Options options;
    options.server = url;
    options.username = u"nurse"_s;
    options.password = u"nurse-demo"_s;
    options.rooms = { u"hospital_123"_s, u"triage_queue"_s };
    Station station(settingsFile(u"demo"_s), options);
    station.controller->start();
    QTRY_VERIFY_WITH_TIMEOUT(station.isLive(), waitMs);
    // Simulated alerts flow in live.
    QTRY_VERIFY_WITH_TIMEOUT(station.alerts()->rowCount() > 0, waitMs);
    QString active;
    QTRY_VERIFY_WITH_TIMEOUT(
      [&] {
          for (int row = 0; row < station.alerts()->rowCount(); ++row) {
              if (station.alerts()->alert(row).state == protocol::AlertState::Active) {
                  active = station.alerts()->alert(row).id;
                  return true;
              }
          }
          return false;
      }(),
      waitMs);
    QVERIFY(station.window()->selectAlert(active));
    QApplication::setActiveWindow(station.window());
    QTRY_VERIFY(station.window()->isActiveWindow());
    QVERIFY(station.window()->acknowledgeableSelection().contains(active));
    station.window()->findChild<QAction *>(u"actionAcknowledge"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
      station.alert(active).state, protocol::AlertState::Acknowledged, waitMs);
    QCOMPARE(station.alert(active).acknowledgedBy, u"nurse"_s);

    // The demo server dies: the station says so within the alarm delay.
    demo.kill();
    demo.waitForFinished(5'000);
    QTRY_VERIFY_WITH_TIMEOUT(station.window()->isBannerVisible(), waitMs);
}

QTEST_MAIN(tst_ConsoleController)
#include "tst_consolecontroller.moc"
