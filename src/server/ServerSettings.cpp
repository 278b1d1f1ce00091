// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ServerSettings.h"

#include <cmath>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QUrl>

#include "server/ClientAddress.h"
#include "server/Database.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

constexpr qint64 maxEnvFileBytes = 1 << 20;
constexpr qsizetype secretKeyBytes = 32;
constexpr double maxPingSeconds = 3'600.0;
constexpr qint64 maxBufferSize = qint64(1) << 30;
constexpr int maxRateLimit = 1'000'000;

// Every setting: its variable, its flag (empty: none), the flag's value name and help text.
struct Setting
{
    QLatin1StringView key;
    QLatin1StringView flag;
    QLatin1StringView valueName;
    QLatin1StringView help;
};

const QList<Setting> &settingsTable()
{
    static const QList<Setting> table = {
        { "SECRET_KEY"_L1, {}, {}, {} },
        { "SOCKET_IO_CORS_ORIGINS"_L1,
          "cors-origins"_L1,
          "origins"_L1,
          "Comma-separated allowed Origins, or *. Env SOCKET_IO_CORS_ORIGINS; default "
          "http://localhost:5173,http://localhost:3000."_L1 },
        { "SOCKET_IO_PING_INTERVAL"_L1,
          "ping-interval"_L1,
          "seconds"_L1,
          "Engine.IO ping interval. Env SOCKET_IO_PING_INTERVAL; default 25."_L1 },
        { "SOCKET_IO_PING_TIMEOUT"_L1,
          "ping-timeout"_L1,
          "seconds"_L1,
          "Engine.IO ping timeout. Env SOCKET_IO_PING_TIMEOUT; default 60."_L1 },
        { "SOCKET_IO_LOGGER"_L1,
          "socketio-logger"_L1,
          {},
          "Log protocol traces. Env SOCKET_IO_LOGGER (True/False); default False."_L1 },
        { "SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_L1,
          "max-http-buffer-size"_L1,
          "bytes"_L1,
          "Largest message. Env SOCKET_IO_MAX_HTTP_BUFFER_SIZE; default 1000000."_L1 },
        { "ALERT_RATE_LIMIT_PER_MINUTE"_L1,
          "rate-limit"_L1,
          "n"_L1,
          "Live emits per patient per minute, 0 for no limit. Env ALERT_RATE_LIMIT_PER_MINUTE; "
          "default 10."_L1 },
        { "VIGIL_LISTEN"_L1,
          "listen"_L1,
          "host:port"_L1,
          "Address and port (port 0 picks a free one). Env VIGIL_LISTEN; default "
          "127.0.0.1:5000."_L1 },
        { "VIGIL_DATABASE_URL"_L1,
          "database-url"_L1,
          "url"_L1,
          "Store, sqlite:///path.db. Env VIGIL_DATABASE_URL; default "
          "sqlite:///<data dir>/vigil.db."_L1 },
        { "REDIS_URL"_L1,
          "redis-url"_L1,
          "url"_L1,
          "Broadcast rooms across nodes through Redis (redis://host:port). Env REDIS_URL; "
          "default unset."_L1 },
        { "VIGIL_TRUSTED_PROXIES"_L1,
          "trusted-proxies"_L1,
          "list"_L1,
          "Reverse proxies whose X-Forwarded-For names the client (for login throttling and "
          "logs), addresses or networks, comma separated (e.g. 127.0.0.1,::1). Env "
          "VIGIL_TRUSTED_PROXIES; default unset."_L1 },
        { "VIGIL_TLS_CERT"_L1,
          "tls-cert"_L1,
          "file"_L1,
          "PEM certificate: serve https/wss directly (needs --tls-key). Env VIGIL_TLS_CERT."_L1 },
        { "VIGIL_TLS_KEY"_L1,
          "tls-key"_L1,
          "file"_L1,
          "PEM private key for --tls-cert. Env VIGIL_TLS_KEY."_L1 },
        { "VIGIL_DATA_DIR"_L1,
          "data-dir"_L1,
          "dir"_L1,
          "Data directory. Env VIGIL_DATA_DIR; default the platform's application data "
          "directory, or ./data."_L1 },
    };
    return table;
}

const QString demoFlag = u"demo"_s;
const QString envFileFlag = u"env-file"_s;
const QString secretKeyFileFlag = u"secret-key-file"_s;

struct RawValue
{
    QString text;
    QString origin; ///< `.env line 3`, `the environment`, `--listen`
};

SettingsError fail(const QString &key, const RawValue &raw, const QString &problem)
{
    return SettingsError{ key, u"%1 (from %2): %3"_s.arg(key, raw.origin, problem) };
}

SettingsError failWithValue(const QString &key, const RawValue &raw, const QString &problem)
{
    return fail(key, raw, u"%1, got '%2'"_s.arg(problem, raw.text.left(200)));
}

bool isKeyStart(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
}

bool isKeyChar(QChar c)
{
    return isKeyStart(c) || (c >= u'0' && c <= u'9');
}

std::optional<bool> parseBool(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"1" || t == u"true" || t == u"yes" || t == u"on")
        return true;
    if (t == u"0" || t == u"false" || t == u"no" || t == u"off")
        return false;
    return std::nullopt;
}

std::optional<double> parseSeconds(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value <= 0.0 || value > maxPingSeconds)
        return std::nullopt;
    return value;
}

// Accepts `1000000` and the guide's `1e6`.
std::optional<qint64> parseByteCount(const QString &text)
{
    bool ok = false;
    const qint64 integer = text.trimmed().toLongLong(&ok);
    if (ok)
        return integer;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || std::trunc(value) != value || std::abs(value) > 1e18)
        return std::nullopt;
    return qint64(value);
}

std::optional<QString> normalizeOrigin(const QString &text)
{
    if (text == u"*")
        return text;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() ||
        (!url.path().isEmpty() && url.path() != u"/"))
        return std::nullopt;
    // Browsers send Origin as scheme://host[:port] without a path.
    return url.toString(QUrl::RemovePath | QUrl::StripTrailingSlash);
}

QString defaultDataDir()
{
    const QString location = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!location.isEmpty())
        return location;
    return QDir::current().absoluteFilePath(u"data"_s);
}

QString sqliteUrlForPath(const QString &path)
{
    // `sqlite://` + `/abs/path` gives the three slashes of a file URL; a Windows drive path needs
    // the third one added (sqlite:///C:/...).
    return path.startsWith(u'/') ? u"sqlite://"_s + path : u"sqlite:///"_s + path;
}

} // namespace

void ServerSettings::addOptions(QCommandLineParser &parser)
{
    for (const Setting &setting : settingsTable()) {
        if (setting.flag.isEmpty())
            continue;
        if (setting.valueName.isEmpty())
            parser.addOption(QCommandLineOption(QString(setting.flag), QString(setting.help)));
        else
            parser.addOption(QCommandLineOption(
              QString(setting.flag), QString(setting.help), QString(setting.valueName)));
    }
    parser.addOption(QCommandLineOption(
      secretKeyFileFlag,
      u"Read the JWT signing key from a file (instead of env SECRET_KEY; never on the "
      u"command line)."_s,
      u"file"_s));
    parser.addOption(QCommandLineOption(
      envFileFlag, u"Read settings from this file instead of ./.env."_s, u"file"_s));
    parser.addOption(QCommandLineOption(
      demoFlag,
      u"Demo mode: a random SECRET_KEY unless one is set, demo users and simulated alerts."_s));
}

protocol::Result<QList<EnvFileEntry>, SettingsError> ServerSettings::parseEnvFile(
  QByteArrayView bytes)
{
    if (bytes.size() > maxEnvFileBytes)
        return SettingsError{ {}, u".env is larger than %1 bytes"_s.arg(maxEnvFileBytes) };
    const QString text = QString::fromUtf8(bytes);
    QList<EnvFileEntry> entries;
    const QList<QStringView> lines = QStringView(text).split(u'\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index + 1);
        const auto lineError = [lineNumber](const QString &problem) {
            return SettingsError{ {}, u".env line %1: %2"_s.arg(lineNumber).arg(problem) };
        };
        QStringView line = lines.at(index).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u"export ") || line.startsWith(u"export\t"))
            line = line.mid(7).trimmed();
        qsizetype pos = 0;
        if (pos >= line.size() || !isKeyStart(line.at(pos)))
            return lineError(u"expected KEY=VALUE"_s);
        while (pos < line.size() && isKeyChar(line.at(pos)))
            ++pos;
        const QString key = line.left(pos).toString();
        while (pos < line.size() && (line.at(pos) == u' ' || line.at(pos) == u'\t'))
            ++pos;
        if (pos >= line.size() || line.at(pos) != u'=')
            return lineError(u"expected KEY=VALUE"_s);
        QStringView rest = line.mid(pos + 1).trimmed();

        QString value;
        if (rest.startsWith(u'"') || rest.startsWith(u'\'')) {
            const QChar quote = rest.at(0);
            qsizetype i = 1;
            bool closed = false;
            for (; i < rest.size(); ++i) {
                const QChar c = rest.at(i);
                if (c == quote) {
                    closed = true;
                    break;
                }
                if (quote == u'"' && c == u'\\' && i + 1 < rest.size()) {
                    const QChar next = rest.at(++i);
                    switch (next.unicode()) {
                        case u'n':
                            value += u'\n';
                            break;
                        case u't':
                            value += u'\t';
                            break;
                        case u'r':
                            value += u'\r';
                            break;
                        case u'"':
                        case u'\\':
                            value += next;
                            break;
                        default:
                            value += u'\\';
                            value += next;
                            break;
                    }
                    continue;
                }
                value += c;
            }
            if (!closed)
                return lineError(u"unterminated %1 quote (values are one line)"_s.arg(quote));
            const QStringView after = rest.mid(i + 1).trimmed();
            if (!after.isEmpty() && !after.startsWith(u'#'))
                return lineError(u"unexpected text after the closing quote"_s);
        } else {
            // An unquoted value ends at a comment that follows whitespace (`a#b` keeps its #).
            qsizetype end = rest.size();
            for (qsizetype i = 1; i < rest.size(); ++i) {
                if (rest.at(i) == u'#' && (rest.at(i - 1) == u' ' || rest.at(i - 1) == u'\t')) {
                    end = i;
                    break;
                }
            }
            if (rest.startsWith(u'#'))
                end = 0;
            value = rest.left(end).trimmed().toString();
        }
        entries.append(EnvFileEntry{ key, value, lineNumber });
    }
    return entries;
}

protocol::Result<std::pair<QHostAddress, quint16>, QString> ServerSettings::parseListen(
  const QString &input)
{
    const QString text = input.trimmed();
    QString host;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || text.mid(close + 1, 1) != u":")
            return u"expected [ipv6]:port"_s;
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return u"expected host:port"_s;
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.contains(u':'))
            return u"write an IPv6 address in brackets: [::1]:5000"_s;
    }
    bool ok = false;
    const uint number = port.toUInt(&ok);
    if (!ok || number > 65'535 || port.startsWith(u'+'))
        return u"the port must be a number from 0 to 65535"_s;
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress(QHostAddress::LocalHost);
    else if (host == u"*" || host.isEmpty())
        address = QHostAddress(QHostAddress::Any);
    else if (!address.setAddress(host))
        return u"'%1' is not an IP address (or localhost, *)"_s.arg(host.left(100));
    return std::pair{ address, quint16(number) };
}

protocol::Result<ServerSettings, SettingsError> ServerSettings::load(const Sources &sources)
{
    QHash<QString, RawValue> raw;
    const QCommandLineParser *parser = sources.parser;

    // 1. .env
    const QDir workingDir(sources.workingDirectory.isEmpty() ? QDir::currentPath()
                                                             : sources.workingDirectory);
    const bool explicitEnvFile = parser && parser->isSet(envFileFlag);
    const QString envPath = explicitEnvFile
                              ? workingDir.absoluteFilePath(parser->value(envFileFlag))
                              : workingDir.absoluteFilePath(u".env"_s);
    QFile envFile(envPath);
    if (envFile.exists() || explicitEnvFile) {
        if (!envFile.open(QIODevice::ReadOnly))
            return SettingsError{ {}, u"cannot read %1: %2"_s.arg(envPath, envFile.errorString()) };
        const QByteArray bytes = envFile.read(maxEnvFileBytes + 1);
        auto entries = parseEnvFile(bytes);
        if (!entries)
            return SettingsError{ entries.error().key,
                                  u"%1: %2"_s.arg(envPath, entries.error().message) };
        for (const EnvFileEntry &entry : entries.value())
            raw.insert(entry.key, RawValue{ entry.value, u".env line %1"_s.arg(entry.line) });
    }

    // 2. environment, 3. flags
    for (const Setting &setting : settingsTable()) {
        const QString key(setting.key);
        const QString fromEnv = sources.environment.value(key);
        if (!fromEnv.isEmpty())
            raw.insert(key, RawValue{ fromEnv, u"the environment"_s });
        if (parser && !setting.flag.isEmpty() && parser->isSet(QString(setting.flag))) {
            const QString flag(setting.flag);
            raw.insert(key,
                       RawValue{ setting.valueName.isEmpty() ? u"true"_s : parser->value(flag),
                                 u"--"_s + flag });
        }
    }

    ServerSettings settings;
    settings.demo = parser && parser->isSet(demoFlag);
    const auto has = [&raw](QLatin1StringView key) { return raw.contains(QString(key)); };
    const auto value = [&raw](QLatin1StringView key) { return raw.value(QString(key)); };

    // Secret: --secret-key-file, else SECRET_KEY.
    if (parser && parser->isSet(secretKeyFileFlag)) {
        const QString path = workingDir.absoluteFilePath(parser->value(secretKeyFileFlag));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return SettingsError{ u"SECRET_KEY"_s,
                                  u"cannot read the secret key file %1: %2"_s.arg(
                                    path, file.errorString()) };
        settings.secretKey = file.read(64 * 1024).trimmed();
        if (settings.secretKey.isEmpty())
            return SettingsError{ u"SECRET_KEY"_s, u"the secret key file %1 is empty"_s.arg(path) };
    } else if (has("SECRET_KEY"_L1)) {
        settings.secretKey = value("SECRET_KEY"_L1).text.toUtf8();
    }
    if (settings.secretKey.isEmpty()) {
        if (!settings.demo)
            return SettingsError{ u"SECRET_KEY"_s,
                                  u"SECRET_KEY is required (environment, .env or "
                                  u"--secret-key-file) unless --demo is given"_s };
        settings.secretKey.resize(secretKeyBytes);
        QRandomGenerator::system()->fillRange(
          reinterpret_cast<quint32 *>(settings.secretKey.data()),
          secretKeyBytes / qsizetype(sizeof(quint32)));
        settings.secretKeyGenerated = true;
    } else if (settings.secretKey.size() < secretKeyBytes) {
        settings.warnings.append(u"SECRET_KEY is shorter than %1 bytes; use a longer random key "
                                 u"for HS256"_s.arg(secretKeyBytes));
    }

    if (has("SOCKET_IO_CORS_ORIGINS"_L1)) {
        const RawValue origins = value("SOCKET_IO_CORS_ORIGINS"_L1);
        settings.corsOrigins.clear();
        for (const QString &part : origins.text.split(u',', Qt::SkipEmptyParts)) {
            const QString origin = part.trimmed();
            if (origin.isEmpty())
                continue;
            const auto normalized = normalizeOrigin(origin);
            if (!normalized)
                return fail(
                  u"SOCKET_IO_CORS_ORIGINS"_s,
                  origins,
                  u"'%1' is not an origin like https://host:port or *"_s.arg(origin.left(200)));
            if (!settings.corsOrigins.contains(*normalized))
                settings.corsOrigins.append(*normalized);
        }
    }

    if (has("VIGIL_TRUSTED_PROXIES"_L1)) {
        const RawValue proxies = value("VIGIL_TRUSTED_PROXIES"_L1);
        for (const QString &part : proxies.text.split(u',', Qt::SkipEmptyParts)) {
            if (part.trimmed().isEmpty())
                continue;
            const auto subnet = parseSubnet(part);
            if (!subnet)
                return fail(u"VIGIL_TRUSTED_PROXIES"_s,
                            proxies,
                            u"'%1' is not an address or network like 10.0.0.0/8"_s.arg(
                              part.trimmed().left(200)));
            settings.trustedProxies.append(*subnet);
        }
    }

    for (const auto &[key, target] :
         { std::pair{ "SOCKET_IO_PING_INTERVAL"_L1, &settings.pingIntervalMs },
           std::pair{ "SOCKET_IO_PING_TIMEOUT"_L1, &settings.pingTimeoutMs } }) {
        if (!has(key))
            continue;
        const auto seconds = parseSeconds(value(key).text);
        if (!seconds)
            return failWithValue(
              QString(key),
              value(key),
              u"must be a positive number of seconds up to %1"_s.arg(maxPingSeconds));
        *target = qMax(1, int(std::lround(*seconds * 1000.0)));
    }

    if (has("SOCKET_IO_LOGGER"_L1)) {
        const auto on = parseBool(value("SOCKET_IO_LOGGER"_L1).text);
        if (!on)
            return failWithValue(
              u"SOCKET_IO_LOGGER"_s, value("SOCKET_IO_LOGGER"_L1), u"must be True or False"_s);
        settings.socketIoLogger = *on;
    }

    if (has("SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_L1)) {
        const RawValue size = value("SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_L1);
        const auto bytes = parseByteCount(size.text);
        if (!bytes || *bytes < 1 || *bytes > maxBufferSize)
            return failWithValue(
              u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE"_s,
              size,
              u"must be a whole number of bytes from 1 to %1"_s.arg(maxBufferSize));
        settings.maxHttpBufferSize = *bytes;
    }

    if (has("ALERT_RATE_LIMIT_PER_MINUTE"_L1)) {
        const RawValue limit = value("ALERT_RATE_LIMIT_PER_MINUTE"_L1);
        bool ok = false;
        const int number = limit.text.trimmed().toInt(&ok);
        if (!ok || number < 0 || number > maxRateLimit)
            return failWithValue(
              u"ALERT_RATE_LIMIT_PER_MINUTE"_s,
              limit,
              u"must be a whole number from 0 (no limit) to %1"_s.arg(maxRateLimit));
        settings.alertRateLimitPerMinute = number;
    }

    if (has("VIGIL_LISTEN"_L1)) {
        const RawValue listen = value("VIGIL_LISTEN"_L1);
        auto parsed = parseListen(listen.text);
        if (!parsed)
            return failWithValue(u"VIGIL_LISTEN"_s, listen, parsed.error());
        settings.listenAddress = parsed->first;
        settings.listenPort = parsed->second;
    }

    if (has("VIGIL_DATA_DIR"_L1))
        settings.dataDir = workingDir.absoluteFilePath(value("VIGIL_DATA_DIR"_L1).text.trimmed());
    else
        settings.dataDir = defaultDataDir();
    settings.dataDir = QDir::cleanPath(settings.dataDir);

    if (has("VIGIL_DATABASE_URL"_L1)) {
        const RawValue url = value("VIGIL_DATABASE_URL"_L1);
        const auto path = Database::sqlitePathFromUrl(url.text);
        if (!path)
            return fail(u"VIGIL_DATABASE_URL"_s, url, path.error().message);
        settings.databaseUrl = url.text.trimmed();
    } else {
        settings.databaseUrl = sqliteUrlForPath(settings.dataDir + u"/vigil.db"_s);
    }

    if (has("REDIS_URL"_L1)) {
        const RawValue redis = value("REDIS_URL"_L1);
        const QUrl url(redis.text.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"redis" && url.scheme() != u"rediss") ||
            url.host().isEmpty())
            return fail(
              u"REDIS_URL"_s, redis, u"expected redis://host:port or rediss://host:port"_s);
        settings.redisUrl = redis.text.trimmed();
    }

    const bool hasCert = has("VIGIL_TLS_CERT"_L1);
    const bool hasKey = has("VIGIL_TLS_KEY"_L1);
    if (hasCert != hasKey)
        return SettingsError{ hasCert ? u"VIGIL_TLS_KEY"_s : u"VIGIL_TLS_CERT"_s,
                              u"VIGIL_TLS_CERT and VIGIL_TLS_KEY go together: set both or "
                              u"neither"_s };
    if (hasCert) {
        for (const auto &[key, target] :
             { std::pair{ "VIGIL_TLS_CERT"_L1, &settings.tlsCertFile },
               std::pair{ "VIGIL_TLS_KEY"_L1, &settings.tlsKeyFile } }) {
            const RawValue file = value(key);
            const QString path = workingDir.absoluteFilePath(file.text.trimmed());
            const QFileInfo info(path);
            if (!info.isFile() || !info.isReadable())
                return fail(QString(key), file, u"%1 is not a readable file"_s.arg(path));
            *target = path;
        }
    }
    return settings;
}

QString ServerSettings::listenString() const
{
    const QString host = listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                           ? u"[%1]"_s.arg(listenAddress.toString())
                           : listenAddress.toString();
    return u"%1:%2"_s.arg(host).arg(listenPort);
}

QString ServerSettings::trustedProxiesString() const
{
    QStringList parts;
    for (const Subnet &subnet : trustedProxies)
        parts << u"%1/%2"_s.arg(subnet.first.toString()).arg(subnet.second);
    return parts.isEmpty() ? u"none"_s : parts.join(u',');
}

QString ServerSettings::summary() const
{
    QStringList lines;
    lines << u"SECRET_KEY: %1"_s.arg(secretKeyGenerated ? u"random (demo)"_s : u"set"_s)
          << u"SOCKET_IO_CORS_ORIGINS: %1"_s.arg(corsOrigins.join(u','))
          << u"SOCKET_IO_PING_INTERVAL: %1 s"_s.arg(pingIntervalMs / 1000.0)
          << u"SOCKET_IO_PING_TIMEOUT: %1 s"_s.arg(pingTimeoutMs / 1000.0)
          << u"SOCKET_IO_LOGGER: %1"_s.arg(socketIoLogger ? u"True"_s : u"False"_s)
          << u"SOCKET_IO_MAX_HTTP_BUFFER_SIZE: %1"_s.arg(maxHttpBufferSize)
          << u"ALERT_RATE_LIMIT_PER_MINUTE: %1"_s.arg(alertRateLimitPerMinute)
          << u"VIGIL_LISTEN: %1"_s.arg(listenString()) << u"VIGIL_DATA_DIR: %1"_s.arg(dataDir)
          << u"VIGIL_DATABASE_URL: %1"_s.arg(
               QUrl(databaseUrl).toDisplayString(QUrl::RemovePassword))
          << u"REDIS_URL: %1"_s.arg(redisUrl.isEmpty()
                                      ? u"unset"_s
                                      : QUrl(redisUrl).toDisplayString(QUrl::RemovePassword))
          << u"VIGIL_TRUSTED_PROXIES: %1"_s.arg(trustedProxiesString())
          << u"VIGIL_TLS_CERT: %1"_s.arg(tlsCertFile.isEmpty() ? u"unset"_s : tlsCertFile)
          << u"VIGIL_TLS_KEY: %1"_s.arg(tlsKeyFile.isEmpty() ? u"unset"_s : tlsKeyFile);
    if (demo)
        lines << u"demo mode"_s;
    return lines.join(u'\n');
}

} // namespace vigil::server
