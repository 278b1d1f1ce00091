// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>

#include "server/StoreError.h"
#include "server/User.h"

namespace vigil::server {

class Database;
class PasswordHasher;

/// Users and their Argon2id password hashes, in the same database as the alerts.
///
/// Usernames are 1–64 of `A-Z a-z 0-9 . _ -` and case-sensitive; hospital ids follow the room id
/// rule (letters and digits); passwords are minPasswordLength..PasswordHasher::maxPasswordBytes.
class UserStore final
{
public:
    static constexpr qsizetype minPasswordLength = 8;
    static constexpr qsizetype maxUsernameLength = 64;
    static constexpr qsizetype maxDisplayNameLength = 200;
    static constexpr qsizetype maxHospitals = 1'000;

    /// Both must outlive the store; the database must be open before the first call.
    UserStore(Database &database, const PasswordHasher &hasher);

    /// Conflict when the username is taken; Invalid for a bad username, role data or password.
    /// An empty display name becomes the username.
    StoreResult<User> add(const User &user, const QString &password);
    /// Ordered by username.
    StoreResult<QList<User>> list() const;
    StoreResult<User> find(const QString &username) const;
    StoreStatus remove(const QString &username);
    /// Also revokes every token issued to the user before now (it raises the token version).
    StoreStatus setPassword(const QString &username, const QString &password);

    /// What a token of the user must carry to be honoured.
    struct TokenState
    {
        /// Tokens issued (`iat`, seconds) before this are revoked (schema v2; whole seconds, so
        /// kept only for tokens that carry no version).
        qint64 validAfter = 0;
        /// Tokens with an older version (`tv`) are revoked: exact, whatever the clock says.
        qint64 version = 0;
    };
    /// std::nullopt when there is no such user (every token of it is revoked).
    StoreResult<std::optional<TokenState>> tokenState(const QString &username) const;
    /// Replaces display name, role and hospitals (not the password).
    StoreResult<User> update(const User &user);

    /// The user when the password matches; std::nullopt for an unknown user or a wrong password
    /// (the same work is done for both, so timing does not reveal which usernames exist); an
    /// error only when the database fails. Rehashes a password stored with outdated limits.
    /// Costs one Argon2id verification: call it off the event loop in a server.
    StoreResult<std::optional<User>> verify(const QString &username, const QString &password);

    static bool isValidUsername(const QString &username);

private:
    StoreStatus checkOpen() const;
    std::optional<StoreError> validate(const User &user) const;
    StoreStatus writeHospitals(const QString &username, const QStringList &hospitals);
    struct Credentials
    {
        QByteArray hash;
        qint64 tokenVersion = 0;
    };
    /// Hash and token version from one read, so that a token is issued with the version the
    /// password was checked against.
    StoreResult<Credentials> credentials(const QString &username) const;
    StoreStatus writePassword(const QString &username, const QString &password, bool revokeTokens);
    StoreResult<QByteArray> hashPassword(const QString &password) const;
    /// A token version greater than every one handed out before (inside a write transaction).
    StoreResult<qint64> nextTokenVersion(qint64 nowMs);
    const QByteArray &dummyHash() const;

    Database &m_database;
    const PasswordHasher &m_hasher;
    mutable QByteArray m_dummyHash;
};

} // namespace vigil::server
