// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariant>

class QSettings;

namespace vigil::console {

/// The console's settings, typed, over QSettings. Every key and its default live in one table in
/// Settings.cpp; nothing else in the console spells a key. Values read back are validated: a
/// hand-edited or corrupt file yields the default (or the nearest allowed value), never a value
/// the rest of the console cannot handle.
///
/// The access token is deliberately not here: it lives only in the OS keychain (CredentialStore).
class Settings final : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        ServerUrl,
        Username,
        RememberMe,
        ApiTimeoutSeconds,
        CaFile,
        Language,
        ReconnectAttempts,
        ReconnectDelayMinMs,
        ReconnectDelayMaxMs,
        OfflineAlarmDelaySeconds,
        SoundEnabled,
        FollowedRooms,
        WindowGeometry,
        WindowState,
        KeyCount,
    };
    Q_ENUM(Key)

    enum class Language
    {
        System,
        English,
        German,
        French,
    };
    Q_ENUM(Language)

    static constexpr int minApiTimeoutSeconds = 1;
    static constexpr int maxApiTimeoutSeconds = 300;
    static constexpr int minOfflineAlarmDelaySeconds = 1;
    /// A longer delay would let a dead station pass for a quiet ward for too long.
    static constexpr int maxOfflineAlarmDelaySeconds = 60;
    static constexpr int minReconnectDelayMs = 100;
    static constexpr int maxReconnectDelayMs = 600'000;
    /// Attempts per outage; -1 is unlimited (the clinical default).
    static constexpr int maxReconnectAttempts = 10'000;

    /// The platform's settings store (organisation and application names must be set).
    explicit Settings(QObject *parent = nullptr);
    /// An INI file at `path` (tests, portable installs).
    explicit Settings(const QString &iniPath, QObject *parent = nullptr);
    ~Settings() override;

    /// The QSettings key of `key`, e.g. `connection/serverUrl`.
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString username() const;
    void setUsername(const QString &username);
    /// Whether the token is kept in the keychain after sign-in.
    bool rememberMe() const;
    void setRememberMe(bool remember);
    int apiTimeoutSeconds() const;
    void setApiTimeoutSeconds(int seconds);
    QString caFile() const;
    void setCaFile(const QString &path);
    Language language() const;
    void setLanguage(Language language);
    int reconnectAttempts() const;
    void setReconnectAttempts(int attempts);
    int reconnectDelayMinMs() const;
    void setReconnectDelayMinMs(int ms);
    /// Never below reconnectDelayMinMs().
    int reconnectDelayMaxMs() const;
    void setReconnectDelayMaxMs(int ms);
    int offlineAlarmDelaySeconds() const;
    void setOfflineAlarmDelaySeconds(int seconds);
    bool soundEnabled() const;
    void setSoundEnabled(bool enabled);
    /// Valid room names only, without duplicates, in the order they were followed.
    QStringList followedRooms() const;
    void setFollowedRooms(const QStringList &rooms);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    /// `system`, `en`, `de`, `fr`.
    static QString languageCode(Language language);
    static Language languageFromCode(const QString &code, bool *ok = nullptr);

    /// Writes pending changes to storage.
    void sync();
    /// The file behind the settings (for the About box and tests).
    QString fileName() const;

Q_SIGNALS:
    void changed(vigil::console::Settings::Key key);

private:
    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    int boundedInt(Key key, int min, int max) const;

    std::unique_ptr<QSettings> m_settings;
};

} // namespace vigil::console
