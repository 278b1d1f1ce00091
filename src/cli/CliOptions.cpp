// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliOptions.h"

#include <limits>

#include <QCommandLineParser>
#include <QFileInfo>

#include "cli/Output.h"
#include "protocol/Contract.h"
#include "vigil/Version.h"

namespace vigil::cli {

using namespace Qt::StringLiterals;

namespace {

struct Command
{
    QLatin1StringView name;
    QLatin1StringView synopsis;
    QLatin1StringView description;
};

constexpr Command commands[] = {
    { "login"_L1,
      "login --server URL --username U [--password-stdin] [--token-file F]"_L1,
      "Logs in and keeps the token in the keychain (or in the file F, readable only by you)."_L1 },
    { "watch"_L1,
      "watch --server URL [credentials] --room R [--room R ...] [--json]"_L1,
      "Follows the rooms and prints every alert of them exactly once, live or fetched after a "
      "reconnect, then their updates, until interrupted (SIGINT or SIGTERM). Connection state "
      "changes go to stderr."_L1 },
    { "history"_L1,
      "history --server URL [credentials] --room R [--room R ...] [--after-seq N] [--limit N] [--json]"_L1,
      "Prints stored alerts of the rooms in ascending seq: all of them after --after-seq, or at "
      "most --limit."_L1 },
    { "send-alert"_L1,
      "send-alert --server URL [credentials] --patient P --hospital H --priority "
      "high|medium|low|info "
      "--title T [--message M] [--data JSON] [--type T] [--source S] [--json]"_L1,
      "Publishes an alert (role producer or admin) and prints it as stored."_L1 },
    { "ack"_L1,
      "ack --server URL [credentials] ALERT_ID [--json]"_L1,
      "Acknowledges an alert and prints its confirmed state."_L1 },
    { "status"_L1,
      "status --server URL [credentials] [--json]"_L1,
      "Prints the server's health and, with an admin token, its Socket.IO status."_L1 },
};

const Command *findCommand(QStringView name)
{
    for (const Command &command : commands) {
        if (name == command.name)
            return &command;
    }
    return nullptr;
}

QString exitCodesText()
{
    return u"Exit codes:\n"
           "  0  success (watch: stopped by SIGINT or SIGTERM)\n"
           "  1  the server refused or failed the request, or answered something invalid\n"
           "  2  invalid command line or input\n"
           "  3  authentication failed: wrong password, or a missing, refused or expired token\n"
           "  4  not found (ack of an unknown alert)\n"
           "  5  server unreachable: network error, timeout or TLS failure\n"
           "  6  local problem: token file or keychain unusable\n"_s;
}

QString credentialsText()
{
    return u"Credentials (every command but login), first match wins:\n"
           "  --token T                       a bearer token\n"
           "  --token-file F                  a file holding the token\n"
           "  --username U --password-stdin   log in at every start (the password is read from "
           "the\n"
           "                                  first line of stdin; watch logs in again when "
           "needed)\n"
           "  --username U                    the token `vigil-cli login` stored in the keychain\n"_s;
}

QString generalHelp()
{
    QString text = u"Usage: vigil-cli COMMAND [options]\n\n"
                   "Command-line client of a Vigil alert server (or any backend that follows the "
                   "Vigil contract).\n\nCommands:\n"_s;
    for (const Command &command : commands)
        text += u"  vigil-cli "_s + command.synopsis + u'\n';
    text += u"\nRun `vigil-cli COMMAND --help` for a command's options. --server defaults to "
            "$VIGIL_SERVER.\n\n"_s +
            credentialsText() + u'\n' + exitCodesText();
    return text;
}

int usageError(const QString &message)
{
    output::errorLine(message);
    output::errorLine(u"try `vigil-cli --help`"_s);
    return ExitUsage;
}

std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

} // namespace

std::variant<CliOptions, int> parseArguments(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return usageError(u"no command given"_s);
    const QString first = arguments.at(1);
    if (first == "--help"_L1 || first == "-h"_L1 || first == "help"_L1) {
        output::stdoutLine(generalHelp().toUtf8());
        return ExitOk;
    }
    if (first == "--version"_L1 || first == "-v"_L1) {
        output::stdoutLine(QByteArray("vigil-cli ") + versionString);
        return ExitOk;
    }
    const Command *command = findCommand(first);
    if (!command)
        return usageError(u"unknown command: "_s + first);
    const bool isLogin = command->name == "login"_L1;
    const bool hasRooms = command->name == "watch"_L1 || command->name == "history"_L1;

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help."_s);
    const QCommandLineOption server(u"server"_s, u"Server URL (http[s]://host:port)."_s, u"URL"_s);
    const QCommandLineOption caFile(
      u"ca-file"_s, u"Extra CA certificates (PEM) to trust for TLS."_s, u"FILE"_s);
    const QCommandLineOption timeout(
      u"timeout"_s, u"REST request timeout in ms (default 10000)."_s, u"MS"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Log protocol details to stderr."_s);
    const QCommandLineOption token(u"token"_s, u"Bearer token."_s, u"TOKEN"_s);
    const QCommandLineOption tokenFile(
      u"token-file"_s,
      isLogin ? u"Store the token in this file instead of the keychain."_s
              : u"Read the token from this file."_s,
      u"FILE"_s);
    const QCommandLineOption username(u"username"_s, u"User name."_s, u"USER"_s);
    const QCommandLineOption passwordStdin(u"password-stdin"_s,
                                           u"Read the password from the first line of stdin."_s);
    const QCommandLineOption json(u"json"_s, u"One JSON object per line on stdout."_s);
    const QCommandLineOption room(u"room"_s, u"A room (repeatable)."_s, u"ROOM"_s);
    const QCommandLineOption afterSeq(u"after-seq"_s, u"Only alerts after this seq."_s, u"N"_s);
    const QCommandLineOption limit(u"limit"_s, u"At most N alerts (1..5000)."_s, u"N"_s);
    QCommandLineOption noBackfill(u"no-backfill"_s, u"Debugging only."_s);
    noBackfill.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption patient(u"patient"_s, u"Patient id."_s, u"P"_s);
    const QCommandLineOption hospital(u"hospital"_s, u"Hospital id."_s, u"H"_s);
    const QCommandLineOption priority(
      u"priority"_s, u"high, medium, low or info."_s, u"PRIORITY"_s);
    const QCommandLineOption title(u"title"_s, u"Title."_s, u"T"_s);
    const QCommandLineOption message(u"message"_s, u"Message."_s, u"M"_s);
    const QCommandLineOption data(u"data"_s, u"A JSON object with details."_s, u"JSON"_s);
    const QCommandLineOption type(u"type"_s, u"Type, e.g. sepsis_risk."_s, u"TYPE"_s);
    const QCommandLineOption source(u"source"_s, u"Source, e.g. risk_engine."_s, u"SOURCE"_s);

    parser.addOption(help);
    parser.addOptions({ server, caFile, timeout, verbose, tokenFile, username, passwordStdin });
    if (!isLogin)
        parser.addOption(token);
    if (!isLogin)
        parser.addOption(json);
    if (hasRooms)
        parser.addOption(room);
    if (command->name == "watch"_L1)
        parser.addOption(noBackfill);
    if (command->name == "history"_L1)
        parser.addOptions({ afterSeq, limit });
    if (command->name == "send-alert"_L1)
        parser.addOptions({ patient, hospital, priority, title, message, data, type, source });
    if (command->name == "ack"_L1)
        parser.addPositionalArgument(u"ALERT_ID"_s, u"The alert to acknowledge."_s);

    QStringList forParser = arguments.mid(2);
    forParser.prepend(arguments.at(0));
    if (!parser.parse(forParser))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        QString text =
          u"Usage: vigil-cli "_s + command->synopsis + u"\n\n"_s + command->description + u"\n\n"_s;
        // Qt's option table, without its own usage line.
        const QString table = parser.helpText();
        text += table.mid(table.indexOf(u"Options:"_s));
        if (!isLogin)
            text += u'\n' + credentialsText();
        text += u'\n' + exitCodesText();
        output::stdoutLine(text.toUtf8());
        return ExitOk;
    }

    CliOptions options;
    options.command = command->name;
    const QString serverText =
      parser.isSet(server) ? parser.value(server) : qEnvironmentVariable("VIGIL_SERVER");
    if (serverText.isEmpty())
        return usageError(u"--server is required (or set VIGIL_SERVER)"_s);
    options.server = QUrl(serverText, QUrl::StrictMode);
    const QString scheme = options.server.scheme();
    if (!options.server.isValid() || options.server.host().isEmpty() ||
        (scheme != "http"_L1 && scheme != "https"_L1))
        return usageError(u"--server must be an http:// or https:// URL: "_s + serverText);
    options.caFile = parser.value(caFile);
    if (parser.isSet(timeout)) {
        const auto ms = parseInteger(parser.value(timeout), 1, 600'000);
        if (!ms)
            return usageError(u"--timeout must be 1..600000 ms"_s);
        options.timeoutMs = int(*ms);
    }
    options.verbose = parser.isSet(verbose);
    options.tokenFile = parser.value(tokenFile);
    options.username = parser.value(username);
    options.passwordStdin = parser.isSet(passwordStdin);
    if (!isLogin) {
        options.token = parser.value(token);
        options.json = parser.isSet(json);
    }
    if (options.passwordStdin && options.username.isEmpty())
        return usageError(u"--password-stdin needs --username"_s);
    if (isLogin && options.username.isEmpty())
        return usageError(u"login needs --username"_s);

    if (hasRooms) {
        options.rooms = parser.values(room);
        if (options.rooms.isEmpty())
            return usageError(u"give at least one --room"_s);
        for (const QString &name : std::as_const(options.rooms)) {
            if (!protocol::RoomName::isValid(name))
                return usageError(u"not a room name: "_s + name +
                                  u" (rooms look like hospital_123, patient_42, triage_queue)"_s);
        }
        options.rooms.removeDuplicates();
    }
    if (command->name == "watch"_L1)
        options.noBackfill = parser.isSet(noBackfill);
    if (command->name == "history"_L1) {
        if (parser.isSet(afterSeq)) {
            const auto value =
              parseInteger(parser.value(afterSeq), 0, std::numeric_limits<qint64>::max());
            if (!value)
                return usageError(u"--after-seq must be a non-negative integer"_s);
            options.afterSeq = *value;
        }
        if (parser.isSet(limit)) {
            const auto value = parseInteger(parser.value(limit), 1, 5'000);
            if (!value)
                return usageError(u"--limit must be 1..5000"_s);
            options.limit = int(*value);
        }
    }
    if (command->name == "send-alert"_L1) {
        options.patient = parser.value(patient);
        options.hospital = parser.value(hospital);
        options.priority = parser.value(priority);
        options.title = parser.value(title);
        options.message = parser.value(message);
        options.data = parser.value(data);
        options.type = parser.value(type);
        options.source = parser.value(source);
        for (const auto &[option, name] : { std::pair{ &patient, "--patient" },
                                            std::pair{ &hospital, "--hospital" },
                                            std::pair{ &priority, "--priority" },
                                            std::pair{ &title, "--title" } }) {
            if (!parser.isSet(*option))
                return usageError(u"send-alert needs "_s + QLatin1StringView(name));
        }
    }
    if (command->name == "ack"_L1) {
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 1 || positional.first().isEmpty())
            return usageError(u"ack needs exactly one ALERT_ID"_s);
        options.alertId = positional.first();
    } else if (!parser.positionalArguments().isEmpty()) {
        return usageError(u"unexpected argument: "_s + parser.positionalArguments().first());
    }
    return options;
}

} // namespace vigil::cli
