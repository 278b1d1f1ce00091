// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/Settings.h"

#include <algorithm>
#include <array>

#include <QSettings>

#include "protocol/Contract.h"

namespace vigil::console {

namespace {

struct KeyInfo
{
    Settings::Key key;
    QLatin1StringView name;
    QVariant defaultValue;
};

// The one table of keys and defaults. Server defaults match vigil-server's VIGIL_LISTEN default;
// reconnection defaults are socket.io-client's (1 s doubling to 5 s) with unlimited attempts.
const std::array<KeyInfo, static_cast<int>(Settings::Key::KeyCount)> &keyTable()
{
    using K = Settings::Key;
    static const std::array<KeyInfo, static_cast<int>(K::KeyCount)> table{ {
      { K::ServerUrl,
        QLatin1StringView("connection/serverUrl"),
        QStringLiteral("http://127.0.0.1:5000") },
      { K::Username, QLatin1StringView("connection/username"), QString() },
      { K::RememberMe, QLatin1StringView("connection/rememberMe"), false },
      { K::ApiTimeoutSeconds, QLatin1StringView("connection/apiTimeoutSeconds"), 10 },
      { K::CaFile, QLatin1StringView("connection/caFile"), QString() },
      { K::Language, QLatin1StringView("ui/language"), QStringLiteral("system") },
      { K::ReconnectAttempts, QLatin1StringView("connection/reconnectAttempts"), -1 },
      { K::ReconnectDelayMinMs, QLatin1StringView("connection/reconnectDelayMinMs"), 1'000 },
      { K::ReconnectDelayMaxMs, QLatin1StringView("connection/reconnectDelayMaxMs"), 5'000 },
      { K::OfflineAlarmDelaySeconds, QLatin1StringView("alarms/offlineAlarmDelaySeconds"), 5 },
      { K::SoundEnabled, QLatin1StringView("alarms/soundEnabled"), true },
      { K::FollowedRooms, QLatin1StringView("rooms/followed"), QStringList() },
      { K::WindowGeometry, QLatin1StringView("ui/windowGeometry"), QByteArray() },
      { K::WindowState, QLatin1StringView("ui/windowState"), QByteArray() },
    } };
    return table;
}

const KeyInfo &info(Settings::Key key)
{
    return keyTable().at(static_cast<std::size_t>(key));
}

bool toBool(const QVariant &value, bool fallback)
{
    // INI files hold text; anything but a clear true/false keeps the default.
    const QString text = value.toString().trimmed().toLower();
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    return fallback;
}

} // namespace

Settings::Settings(QObject *parent)
  : QObject(parent)
  , m_settings(std::make_unique<QSettings>())
{
}

Settings::Settings(const QString &iniPath, QObject *parent)
  : QObject(parent)
  , m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QString Settings::keyName(Key key)
{
    return info(key).name;
}

QVariant Settings::defaultValue(Key key)
{
    return info(key).defaultValue;
}

QVariant Settings::value(Key key) const
{
    return m_settings->value(keyName(key), defaultValue(key));
}

void Settings::setValue(Key key, const QVariant &value)
{
    if (m_settings->contains(keyName(key)) && m_settings->value(keyName(key)) == value)
        return;
    m_settings->setValue(keyName(key), value);
    Q_EMIT changed(key);
}

int Settings::boundedInt(Key key, int min, int max) const
{
    bool ok = false;
    const int v = value(key).toInt(&ok);
    if (!ok)
        return defaultValue(key).toInt();
    return std::clamp(v, min, max);
}

QUrl Settings::serverUrl() const
{
    const QUrl url(value(Key::ServerUrl).toString(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
        url.host().isEmpty()) {
        return QUrl(defaultValue(Key::ServerUrl).toString());
    }
    return url;
}

void Settings::setServerUrl(const QUrl &url)
{
    setValue(Key::ServerUrl, url.toString());
}

QString Settings::username() const
{
    return value(Key::Username).toString().trimmed();
}

void Settings::setUsername(const QString &username)
{
    setValue(Key::Username, username.trimmed());
}

bool Settings::rememberMe() const
{
    return toBool(value(Key::RememberMe), defaultValue(Key::RememberMe).toBool());
}

void Settings::setRememberMe(bool remember)
{
    setValue(Key::RememberMe, remember);
}

int Settings::apiTimeoutSeconds() const
{
    return boundedInt(Key::ApiTimeoutSeconds, minApiTimeoutSeconds, maxApiTimeoutSeconds);
}

void Settings::setApiTimeoutSeconds(int seconds)
{
    setValue(Key::ApiTimeoutSeconds,
             std::clamp(seconds, minApiTimeoutSeconds, maxApiTimeoutSeconds));
}

QString Settings::caFile() const
{
    return value(Key::CaFile).toString();
}

void Settings::setCaFile(const QString &path)
{
    setValue(Key::CaFile, path);
}

Settings::Language Settings::language() const
{
    bool ok = false;
    const Language language = languageFromCode(value(Key::Language).toString(), &ok);
    return ok ? language : Language::System;
}

void Settings::setLanguage(Language language)
{
    setValue(Key::Language, languageCode(language));
}

int Settings::reconnectAttempts() const
{
    bool ok = false;
    const int v = value(Key::ReconnectAttempts).toInt(&ok);
    if (!ok || v < 0)
        return -1;
    return std::min(std::max(v, 1), maxReconnectAttempts);
}

void Settings::setReconnectAttempts(int attempts)
{
    setValue(Key::ReconnectAttempts,
             attempts < 0 ? -1 : std::clamp(attempts, 1, maxReconnectAttempts));
}

int Settings::reconnectDelayMinMs() const
{
    return boundedInt(Key::ReconnectDelayMinMs, minReconnectDelayMs, maxReconnectDelayMs);
}

void Settings::setReconnectDelayMinMs(int ms)
{
    setValue(Key::ReconnectDelayMinMs, std::clamp(ms, minReconnectDelayMs, maxReconnectDelayMs));
}

int Settings::reconnectDelayMaxMs() const
{
    return std::max(boundedInt(Key::ReconnectDelayMaxMs, minReconnectDelayMs, maxReconnectDelayMs),
                    reconnectDelayMinMs());
}

void Settings::setReconnectDelayMaxMs(int ms)
{
    setValue(Key::ReconnectDelayMaxMs, std::clamp(ms, minReconnectDelayMs, maxReconnectDelayMs));
}

int Settings::offlineAlarmDelaySeconds() const
{
    return boundedInt(
      Key::OfflineAlarmDelaySeconds, minOfflineAlarmDelaySeconds, maxOfflineAlarmDelaySeconds);
}

void Settings::setOfflineAlarmDelaySeconds(int seconds)
{
    setValue(Key::OfflineAlarmDelaySeconds,
             std::clamp(seconds, minOfflineAlarmDelaySeconds, maxOfflineAlarmDelaySeconds));
}

bool Settings::soundEnabled() const
{
    return toBool(value(Key::SoundEnabled), defaultValue(Key::SoundEnabled).toBool());
}

void Settings::setSoundEnabled(bool enabled)
{
    setValue(Key::SoundEnabled, enabled);
}

QStringList Settings::followedRooms() const
{
    // Same bound as RoomListModel::maxRooms: a runaway file must not make the station join
    // thousands of rooms.
    constexpr qsizetype maxRooms = 500;
    QStringList rooms;
    const QStringList stored = value(Key::FollowedRooms).toStringList();
    for (const QString &name : stored) {
        const QString trimmed = name.trimmed();
        if (protocol::RoomName::isValid(trimmed) && !rooms.contains(trimmed))
            rooms.append(trimmed);
        if (rooms.size() >= maxRooms)
            break;
    }
    return rooms;
}

void Settings::setFollowedRooms(const QStringList &rooms)
{
    setValue(Key::FollowedRooms, rooms);
}

QByteArray Settings::windowGeometry() const
{
    return value(Key::WindowGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    setValue(Key::WindowGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return value(Key::WindowState).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    setValue(Key::WindowState, state);
}

QString Settings::languageCode(Language language)
{
    switch (language) {
        case Language::English:
            return QStringLiteral("en");
        case Language::German:
            return QStringLiteral("de");
        case Language::French:
            return QStringLiteral("fr");
        case Language::System:
            break;
    }
    return QStringLiteral("system");
}

Settings::Language Settings::languageFromCode(const QString &code, bool *ok)
{
    const QString c = code.trimmed().toLower();
    if (ok)
        *ok = true;
    if (c == u"en")
        return Language::English;
    if (c == u"de")
        return Language::German;
    if (c == u"fr")
        return Language::French;
    if (c == u"system")
        return Language::System;
    if (ok)
        *ok = false;
    return Language::System;
}

void Settings::sync()
{
    m_settings->sync();
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

} // namespace vigil::console
