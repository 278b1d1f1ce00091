// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliApp.h"

#include <cstdio>
#include <iostream>
#include <string>

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

#include "cli/Output.h"
#include "cli/WatchCommand.h"
#include "client/ApiClient.h"
#include "client/CredentialStore.h"
#include "protocol/Json.h"

namespace vigil::cli {

using namespace vigil::client;
using namespace vigil::protocol;
using namespace Qt::StringLiterals;

namespace {

// A token file is one line; anything much larger is not a token.
constexpr qint64 maxTokenFileBytes = 64 * 1024;

QString stripLineEnd(std::string line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    return QString::fromStdString(line);
}

} // namespace

std::optional<QString> readPasswordFromStdin()
{
    std::string line;
    if (!std::getline(std::cin, line) && line.empty())
        return std::nullopt;
    return stripLineEnd(std::move(line));
}

std::optional<QString> promptPassword(const QString &prompt)
{
#ifdef Q_OS_UNIX
    if (!isatty(STDIN_FILENO))
        return std::nullopt;
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios saved{};
    const bool haveTerminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerminal) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    const bool read = bool(std::getline(std::cin, line));
    if (haveTerminal)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputc('\n', stderr);
    if (!read)
        return std::nullopt;
    return stripLineEnd(std::move(line));
#else
    Q_UNUSED(prompt)
    return std::nullopt;
#endif
}

CliApp::CliApp(CliOptions options, QObject *parent)
  : QObject(parent)
  , m_options(std::move(options))
  , m_api(new ApiClient(this))
{
    if (const auto error = m_api->setBaseUrl(m_options.server))
        output::errorLine(error->message);
    m_api->setTimeout(std::chrono::milliseconds(m_options.timeoutMs));
}

CliApp::~CliApp() = default;

int CliApp::exitCodeFor(const ApiError &error)
{
    switch (error.kind) {
        case ApiError::Kind::Unauthorized:
        case ApiError::Kind::Forbidden:
            return ExitAuth;
        case ApiError::Kind::NotFound:
            return ExitNotFound;
        case ApiError::Kind::Network:
        case ApiError::Kind::Timeout:
        case ApiError::Kind::Tls:
            return ExitUnreachable;
        case ApiError::Kind::InvalidRequest:
        case ApiError::Kind::BadRequest:
        case ApiError::Kind::PayloadTooLarge:
            return ExitUsage;
        case ApiError::Kind::InvalidResponse:
        case ApiError::Kind::RateLimited:
        case ApiError::Kind::Http:
            return ExitFailure;
    }
    return ExitFailure;
}

void CliApp::run()
{
    if (!m_options.caFile.isEmpty()) {
        if (const auto error = m_api->setCaCertificatesFile(m_options.caFile)) {
            fail(ExitLocal, error->message);
            return;
        }
    }
    if (m_options.command == "login"_L1) {
        runLogin();
        return;
    }
    if (m_options.command == "status"_L1 && !m_options.hasCredentials()) {
        runStatus(QString());
        return;
    }
    if (!m_options.hasCredentials()) {
        fail(ExitUsage, u"no credentials: give --token, --token-file or --username (see --help)"_s);
        return;
    }
    obtainToken([this](const QString &token) {
        m_api->setBearerToken(token);
        const QString &command = m_options.command;
        if (command == "watch"_L1)
            runWatch(token);
        else if (command == "history"_L1)
            runHistory(token);
        else if (command == "send-alert"_L1)
            runSendAlert(token);
        else if (command == "ack"_L1)
            runAck(token);
        else
            runStatus(token);
    });
}

void CliApp::terminate()
{
    if (m_watch) {
        output::stderrLine(u"interrupted: stopping"_s);
        m_watch->stop();
        return;
    }
    fail(ExitFailure, u"interrupted"_s);
}

void CliApp::obtainToken(TokenCallback then)
{
    if (!m_options.token.isEmpty()) {
        then(m_options.token);
        return;
    }
    if (!m_options.tokenFile.isEmpty()) {
        QFile file(m_options.tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(ExitLocal,
                 u"cannot read the token file "_s + m_options.tokenFile + u": "_s +
                   file.errorString());
            return;
        }
        const QString token = QString::fromUtf8(file.read(maxTokenFileBytes)).trimmed();
        if (token.isEmpty() || token.contains(u'\n')) {
            fail(ExitLocal, u"the token file holds no single token: "_s + m_options.tokenFile);
            return;
        }
        then(token);
        return;
    }
    if (m_options.passwordStdin) {
        const std::optional<QString> password = readPasswordFromStdin();
        if (!password || password->isEmpty()) {
            fail(ExitUsage, u"--password-stdin: no password on stdin"_s);
            return;
        }
        m_password = password;
        loginWithPassword(*password, std::move(then));
        return;
    }
    m_credentials = new CredentialStore(this);
    m_credentials->loadToken(
      m_options.username,
      m_options.server,
      [this, then = std::move(then)](Result<std::optional<QString>, CredentialError> result) {
          if (!result) {
              fail(ExitLocal,
                   u"the keychain is not usable ("_s + result.error().message +
                     u"); use --token-file or --password-stdin"_s);
              return;
          }
          if (!result.value() || result.value()->isEmpty()) {
              fail(ExitAuth,
                   u"no token stored for "_s + m_options.username + u" at "_s +
                     m_options.server.toDisplayString(QUrl::RemoveUserInfo) +
                     u": run `vigil-cli login` first"_s);
              return;
          }
          then(*result.value());
      });
}

void CliApp::loginWithPassword(const QString &password, TokenCallback then)
{
    m_api->login(
      m_options.username, password, [this, then = std::move(then)](ApiResult<LoginResult> result) {
          if (!result) {
              failRequest(u"login"_s, result.error());
              return;
          }
          then(result->accessToken);
      });
}

void CliApp::runLogin()
{
    std::optional<QString> password;
    if (m_options.passwordStdin)
        password = readPasswordFromStdin();
    else
        password = promptPassword(u"Password for "_s + m_options.username + u": "_s);
    if (!password || password->isEmpty()) {
        fail(ExitUsage,
             m_options.passwordStdin
               ? u"--password-stdin: no password on stdin"_s
               : u"no terminal to ask for the password: use --password-stdin"_s);
        return;
    }
    m_api->login(m_options.username, *password, [this](ApiResult<LoginResult> result) {
        if (!result) {
            failRequest(u"login"_s, result.error());
            return;
        }
        const LoginResult login = result.value();
        const QString who =
          login.user.username.isEmpty() ? m_options.username : login.user.username;
        if (!m_options.tokenFile.isEmpty()) {
            QSaveFile file(m_options.tokenFile);
            const bool written =
              file.open(QIODevice::WriteOnly) &&
              file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
              file.write(login.accessToken.toUtf8() + '\n') > 0 && file.commit();
            if (!written) {
                fail(ExitLocal,
                     u"cannot write the token file "_s + m_options.tokenFile + u": "_s +
                       file.errorString());
                return;
            }
            output::errorLine(u"logged in as "_s + who + u" ("_s + login.user.role +
                              u"); token written to "_s + m_options.tokenFile);
            finish(ExitOk);
            return;
        }
        m_credentials = new CredentialStore(this);
        m_credentials->saveToken(
          m_options.username,
          m_options.server,
          login.accessToken,
          [this, who, role = login.user.role](std::optional<CredentialError> error) {
              if (error) {
                  fail(ExitLocal,
                       u"the keychain is not usable ("_s + error->message +
                         u"); use --token-file"_s);
                  return;
              }
              output::errorLine(u"logged in as "_s + who + u" ("_s + role +
                                u"); token stored in the keychain"_s);
              finish(ExitOk);
          });
    });
}

void CliApp::runWatch(const QString &token)
{
    m_watch = new WatchCommand(m_options, token, m_password, this);
    connect(m_watch, &WatchCommand::finished, this, &CliApp::finish);
    m_watch->start();
}

void CliApp::runHistory(const QString &)
{
    auto print = [this](const QList<Alert> &alerts) {
        for (const Alert &alert : alerts) {
            if (m_options.json)
                output::stdoutLine(json::write(alert.toJson()));
            else
                output::stdoutLine(output::alertText(alert).toUtf8());
        }
    };
    HistoryQuery query;
    query.rooms = m_options.rooms;
    query.afterSeq = m_options.afterSeq;
    if (m_options.limit) {
        query.limit = *m_options.limit;
        m_api->history(query, [this, print](ApiResult<QList<Alert>> result) {
            if (!result) {
                failRequest(u"history"_s, result.error());
                return;
            }
            print(result.value());
            finish(ExitOk);
        });
        return;
    }
    query.limit = 1'000;
    m_api->historyAll(
      query,
      [print](const QList<Alert> &page, const HistoryProgress &) { print(page); },
      [this](ApiResult<HistoryProgress> result) {
          if (!result) {
              failRequest(u"history"_s, result.error());
              return;
          }
          finish(ExitOk);
      });
}

void CliApp::runSendAlert(const QString &)
{
    QCborMap input;
    input.insert("patient_id"_L1, m_options.patient);
    input.insert("hospital_id"_L1, m_options.hospital);
    input.insert("priority"_L1, m_options.priority);
    input.insert("title"_L1, m_options.title);
    if (!m_options.message.isEmpty())
        input.insert("message"_L1, m_options.message);
    if (!m_options.type.isEmpty())
        input.insert("type"_L1, m_options.type);
    if (!m_options.source.isEmpty())
        input.insert("source"_L1, m_options.source);
    if (!m_options.data.isEmpty()) {
        const auto data = json::parse(m_options.data.toUtf8());
        if (!data || !data->isMap()) {
            fail(ExitUsage, u"--data must be a JSON object"_s);
            return;
        }
        input.insert("data"_L1, data.value());
    }
    const auto alert = AlertInput::fromJson(input);
    if (!alert) {
        fail(ExitUsage,
             u"invalid alert: "_s + alert.error().field + u": "_s + alert.error().message);
        return;
    }
    m_api->publish(alert.value(), [this](ApiResult<Alert> result) {
        if (!result) {
            failRequest(u"send-alert"_s, result.error());
            return;
        }
        if (m_options.json)
            output::stdoutLine(json::write(result->toJson()));
        else
            output::stdoutLine(QString(u"stored  "_s + output::alertText(result.value())).toUtf8());
        finish(ExitOk);
    });
}

void CliApp::runAck(const QString &)
{
    m_api->acknowledge(m_options.alertId, [this](ApiResult<Alert> result) {
        if (!result) {
            failRequest(u"ack"_s, result.error());
            return;
        }
        if (m_options.json)
            output::stdoutLine(json::write(result->toJson()));
        else
            output::stdoutLine(output::alertText(result.value()).toUtf8());
        finish(ExitOk);
    });
}

void CliApp::runStatus(const QString &token)
{
    m_api->health([this, token](ApiResult<HealthStatus> health) {
        if (!health) {
            failRequest(u"status"_s, health.error());
            return;
        }
        QCborMap healthJson;
        healthJson.insert("status"_L1, health->status);
        if (!health->version.isEmpty())
            healthJson.insert("version"_L1, health->version);
        if (health->uptimeSeconds)
            healthJson.insert("uptime_s"_L1, *health->uptimeSeconds);
        if (!health->store.isEmpty())
            healthJson.insert("store"_L1, health->store);
        auto report = [this, healthJson](const std::optional<SocketStatus> &socket) {
            if (m_options.json) {
                QCborMap line;
                line.insert("health"_L1, healthJson);
                if (socket) {
                    QCborMap rooms;
                    for (auto it = socket->rooms.cbegin(); it != socket->rooms.cend(); ++it)
                        rooms.insert(it.key(), it.value());
                    QCborMap socketJson;
                    socketJson.insert("active_connections"_L1, socket->activeConnections);
                    socketJson.insert("rooms"_L1, rooms);
                    line.insert("socket"_L1, socketJson);
                }
                output::stdoutLine(json::write(line));
                return;
            }
            QString text = u"health: "_s + healthJson.value("status"_L1).toString();
            if (healthJson.contains("version"_L1))
                text += u", version "_s + healthJson.value("version"_L1).toString();
            if (healthJson.contains("uptime_s"_L1))
                text += u", up %1 s"_s.arg(healthJson.value("uptime_s"_L1).toInteger());
            if (healthJson.contains("store"_L1))
                text += u", store "_s + healthJson.value("store"_L1).toString();
            output::stdoutLine(text.toUtf8());
            if (socket) {
                output::stdoutLine(
                  u"socket: %1 connection(s)"_s.arg(socket->activeConnections).toUtf8());
                for (auto it = socket->rooms.cbegin(); it != socket->rooms.cend(); ++it)
                    output::stdoutLine(u"  %1: %2"_s.arg(it.key()).arg(it.value()).toUtf8());
            }
        };
        if (token.isEmpty()) {
            report(std::nullopt);
            finish(ExitOk);
            return;
        }
        m_api->socketStatus([this, report](ApiResult<SocketStatus> socket) {
            if (!socket) {
                report(std::nullopt);
                failRequest(u"socket status"_s, socket.error());
                return;
            }
            report(socket.value());
            finish(ExitOk);
        });
    });
}

void CliApp::fail(int exitCode, const QString &message)
{
    output::errorLine(message);
    finish(exitCode);
}

void CliApp::failRequest(const QString &what, const ApiError &error)
{
    QString message = what + u" failed: "_s + error.message;
    if (error.httpStatus)
        message += u" (HTTP "_s + QString::number(error.httpStatus) + u')';
    fail(exitCodeFor(error), message);
}

void CliApp::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

} // namespace vigil::cli
