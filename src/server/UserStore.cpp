// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/UserStore.h"

#include <algorithm>

#include <QDateTime>
#include <QHash>
#include <QSqlQuery>
#include <QVariant>

#include "common/Logging.h"
#include "protocol/Contract.h"
#include "server/Database.h"
#include "server/PasswordHasher.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

namespace {

StoreError invalid(const QString &message)
{
    return StoreError{ StoreError::Code::Invalid, message };
}

StoreError notFound(const QString &username)
{
    return StoreError{ StoreError::Code::NotFound,
                       u"no user '%1'"_s.arg(username.left(UserStore::maxUsernameLength)) };
}

bool isAsciiAlnum(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

bool isValidHospitalId(const QString &id)
{
    if (id.isEmpty() || id.size() > protocol::maxIdLength)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) { return isAsciiAlnum(c.unicode()); });
}

} // namespace

UserStore::UserStore(Database &database, const PasswordHasher &hasher)
  : m_database(database)
  , m_hasher(hasher)
{
}

bool UserStore::isValidUsername(const QString &username)
{
    if (username.isEmpty() || username.size() > maxUsernameLength)
        return false;
    return std::all_of(username.cbegin(), username.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return isAsciiAlnum(u) || u == u'.' || u == u'_' || u == u'-';
    });
}

StoreStatus UserStore::checkOpen() const
{
    if (!m_database.isOpen())
        return StoreError{ StoreError::Code::Io, u"the user store is not open"_s };
    return std::monostate{};
}

std::optional<StoreError> UserStore::validate(const User &user) const
{
    if (!isValidUsername(user.username))
        return invalid(
          u"a username is 1 to %1 letters, digits, '.', '_' or '-'"_s.arg(maxUsernameLength));
    if (user.displayName.size() > maxDisplayNameLength)
        return invalid(
          u"the display name is longer than %1 characters"_s.arg(maxDisplayNameLength));
    if (user.hospitals.size() > maxHospitals)
        return invalid(u"at most %1 hospitals per user"_s.arg(maxHospitals));
    for (const QString &hospital : user.hospitals) {
        if (!isValidHospitalId(hospital))
            return invalid(u"hospital id '%1' is not 1 to %2 letters or digits"_s
                             .arg(hospital.left(protocol::maxIdLength))
                             .arg(protocol::maxIdLength));
    }
    return std::nullopt;
}

StoreResult<QByteArray> UserStore::hashPassword(const QString &password) const
{
    if (password.size() < minPasswordLength)
        return invalid(u"a password has at least %1 characters"_s.arg(minPasswordLength));
    auto hash = m_hasher.hash(password);
    if (!hash) {
        if (hash.error() == PasswordHasher::Error::TooLong)
            return invalid(
              u"a password has at most %1 bytes"_s.arg(PasswordHasher::maxPasswordBytes));
        return StoreError{ StoreError::Code::Io, u"password hashing ran out of memory"_s };
    }
    return hash.value();
}

StoreStatus UserStore::writeHospitals(const QString &username, const QStringList &hospitals)
{
    const QSqlDatabase db = m_database.connection();
    QSqlQuery clear(db);
    clear.prepare(u"DELETE FROM user_hospitals WHERE username = ?"_s);
    clear.addBindValue(username);
    if (auto status = sql::exec(clear, u"updating the hospitals of %1"_s.arg(username)); !status)
        return status;
    QStringList unique = hospitals;
    unique.removeDuplicates();
    for (qsizetype i = 0; i < unique.size(); ++i) {
        QSqlQuery insert(db);
        insert.prepare(
          u"INSERT INTO user_hospitals (username, hospital_id, position) VALUES (?, ?, ?)"_s);
        insert.addBindValue(username);
        insert.addBindValue(unique.at(i));
        insert.addBindValue(qint64(i));
        if (auto status = sql::exec(insert, u"updating the hospitals of %1"_s.arg(username));
            !status)
            return status;
    }
    return std::monostate{};
}

StoreResult<User> UserStore::add(const User &input, const QString &password)
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (auto error = validate(input))
        return *error;
    // Hash before taking the write lock: Argon2 is the slow part.
    auto hash = hashPassword(password);
    if (!hash)
        return hash.error();

    User user = input;
    if (user.displayName.isEmpty())
        user.displayName = user.username;
    user.hospitals.removeDuplicates();

    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto version = nextTokenVersion(now);
    if (!version)
        return version.error();
    QSqlQuery insert(m_database.connection());
    // Tokens left over from an earlier user of the same name must not come back to life.
    insert.prepare(
      u"INSERT INTO users (username, display_name, role, password_hash, created_at, "
      u"updated_at, tokens_valid_after, token_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    insert.addBindValue(user.username);
    insert.addBindValue(user.displayName);
    insert.addBindValue(roleToString(user.role));
    insert.addBindValue(QString::fromLatin1(hash.value()));
    insert.addBindValue(now);
    insert.addBindValue(now);
    insert.addBindValue(now / 1000);
    insert.addBindValue(version.value());
    user.tokenVersion = version.value();
    if (auto status = sql::exec(insert, u"adding user %1"_s.arg(user.username)); !status) {
        if (status.error().code == StoreError::Code::Conflict)
            return StoreError{ StoreError::Code::Conflict,
                               u"user '%1' already exists"_s.arg(user.username) };
        return status.error();
    }
    if (auto status = writeHospitals(user.username, user.hospitals); !status)
        return status.error();
    if (auto status = transaction.commit(); !status)
        return status.error();
    qCInfo(lcServerAuth) << "added user" << user.username << "role" << roleToString(user.role);
    return user;
}

StoreResult<User> UserStore::update(const User &input)
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (auto error = validate(input))
        return *error;
    User user = input;
    if (user.displayName.isEmpty())
        user.displayName = user.username;
    user.hospitals.removeDuplicates();

    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status.error();
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE users SET display_name = ?, role = ?, updated_at = ? "
                  u"WHERE username = ?"_s);
    query.addBindValue(user.displayName);
    query.addBindValue(roleToString(user.role));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(user.username);
    if (auto status = sql::exec(query, u"updating user %1"_s.arg(user.username)); !status)
        return status.error();
    if (query.numRowsAffected() < 1)
        return notFound(user.username);
    if (auto status = writeHospitals(user.username, user.hospitals); !status)
        return status.error();
    if (auto status = transaction.commit(); !status)
        return status.error();
    return user;
}

StoreResult<QList<User>> UserStore::list() const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    const QSqlDatabase db = m_database.connection();
    QSqlQuery users(db);
    users.prepare(
      u"SELECT username, display_name, role, token_version FROM users ORDER BY username"_s);
    if (auto status = sql::exec(users, u"listing users"_s); !status)
        return status.error();
    QList<User> result;
    QHash<QString, qsizetype> index;
    while (users.next()) {
        User user;
        user.username = users.value(0).toString();
        user.displayName = users.value(1).toString();
        user.tokenVersion = users.value(3).toLongLong();
        const QString role = users.value(2).toString();
        if (const auto r = roleFromString(role)) {
            user.role = *r;
        } else {
            // A role this version does not know grants nothing rather than something.
            qCWarning(lcServerAuth) << "user" << user.username << "has unknown role" << role;
            continue;
        }
        index.insert(user.username, result.size());
        result.append(user);
    }
    QSqlQuery hospitals(db);
    hospitals.prepare(
      u"SELECT username, hospital_id FROM user_hospitals ORDER BY username, position"_s);
    if (auto status = sql::exec(hospitals, u"listing users"_s); !status)
        return status.error();
    while (hospitals.next()) {
        const auto it = index.constFind(hospitals.value(0).toString());
        if (it != index.cend())
            result[*it].hospitals.append(hospitals.value(1).toString());
    }
    return result;
}

StoreResult<User> UserStore::find(const QString &username) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (!isValidUsername(username))
        return notFound(username);
    const QSqlDatabase db = m_database.connection();
    QSqlQuery query(db);
    query.prepare(
      u"SELECT username, display_name, role, token_version FROM users WHERE username = ?"_s);
    query.addBindValue(username);
    if (auto status = sql::exec(query, u"reading user %1"_s.arg(username)); !status)
        return status.error();
    if (!query.next())
        return notFound(username);
    User user;
    user.username = query.value(0).toString();
    user.displayName = query.value(1).toString();
    user.tokenVersion = query.value(3).toLongLong();
    const auto role = roleFromString(query.value(2).toString());
    if (!role)
        return StoreError{ StoreError::Code::Corrupt,
                           u"user '%1' has an unknown role"_s.arg(username) };
    user.role = *role;
    QSqlQuery hospitals(db);
    hospitals.prepare(
      u"SELECT hospital_id FROM user_hospitals WHERE username = ? ORDER BY position"_s);
    hospitals.addBindValue(username);
    if (auto status = sql::exec(hospitals, u"reading user %1"_s.arg(username)); !status)
        return status.error();
    while (hospitals.next())
        user.hospitals.append(hospitals.value(0).toString());
    return user;
}

StoreStatus UserStore::remove(const QString &username)
{
    if (auto status = checkOpen(); !status)
        return status;
    if (!isValidUsername(username))
        return notFound(username);
    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status;
    // Explicit rather than relying on ON DELETE CASCADE, which needs foreign_keys on.
    QSqlQuery hospitals(m_database.connection());
    hospitals.prepare(u"DELETE FROM user_hospitals WHERE username = ?"_s);
    hospitals.addBindValue(username);
    if (auto status = sql::exec(hospitals, u"removing user %1"_s.arg(username)); !status)
        return status;
    QSqlQuery user(m_database.connection());
    user.prepare(u"DELETE FROM users WHERE username = ?"_s);
    user.addBindValue(username);
    if (auto status = sql::exec(user, u"removing user %1"_s.arg(username)); !status)
        return status;
    if (user.numRowsAffected() < 1)
        return notFound(username);
    if (auto status = transaction.commit(); !status)
        return status;
    qCInfo(lcServerAuth) << "removed user" << username;
    return std::monostate{};
}

StoreStatus UserStore::setPassword(const QString &username, const QString &password)
{
    return writePassword(username, password, true);
}

StoreStatus UserStore::writePassword(const QString &username,
                                     const QString &password,
                                     bool revokeTokens)
{
    if (auto status = checkOpen(); !status)
        return status;
    if (!isValidUsername(username))
        return notFound(username);
    auto hash = hashPassword(password);
    if (!hash)
        return hash.error();
    sql::WriteTransaction transaction(m_database.connection());
    if (auto status = transaction.begin(); !status)
        return status;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    StoreResult<qint64> version = qint64(0);
    if (revokeTokens) {
        version = nextTokenVersion(now);
        if (!version)
            return version.error();
    }
    QSqlQuery query(m_database.connection());
    if (revokeTokens) {
        query.prepare(
          u"UPDATE users SET password_hash = ?, updated_at = ?, tokens_valid_after = ?, "
          u"token_version = ? WHERE username = ?"_s);
    } else {
        query.prepare(u"UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?"_s);
    }
    query.addBindValue(QString::fromLatin1(hash.value()));
    query.addBindValue(now);
    if (revokeTokens) {
        query.addBindValue(now / 1000);
        query.addBindValue(version.value());
    }
    query.addBindValue(username);
    if (auto status = sql::exec(query, u"setting the password of %1"_s.arg(username)); !status)
        return status;
    if (query.numRowsAffected() < 1)
        return notFound(username);
    if (auto status = transaction.commit(); !status)
        return status;
    if (revokeTokens)
        qCInfo(lcServerAuth) << "password changed for" << username << "; older tokens revoked";
    return std::monostate{};
}

StoreResult<qint64> UserStore::nextTokenVersion(qint64 nowMs)
{
    // Milliseconds while the clock moves forward, one more than the last otherwise.
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE token_clock SET last = MAX(last + 1, ?) WHERE id = 1 RETURNING last"_s);
    query.addBindValue(nowMs);
    if (auto status = sql::exec(query, u"taking a token version"_s); !status)
        return status.error();
    if (!query.next())
        return StoreError{ StoreError::Code::Corrupt, u"the token_clock table is empty"_s };
    return query.value(0).toLongLong();
}

StoreResult<std::optional<UserStore::TokenState>> UserStore::tokenState(
  const QString &username) const
{
    if (auto status = checkOpen(); !status)
        return status.error();
    if (!isValidUsername(username))
        return std::optional<TokenState>{};
    // Runs for every CONNECT and REST call: a prepared statement.
    const PreparedQuery query = m_database.prepared(
      u"SELECT tokens_valid_after, token_version FROM users WHERE username = ?"_s);
    query->addBindValue(username);
    if (auto status = sql::exec(query, u"reading user %1"_s.arg(username)); !status)
        return status.error();
    if (!query->next())
        return std::optional<TokenState>{};
    return std::optional<TokenState>{ TokenState{ query->value(0).toLongLong(),
                                                  query->value(1).toLongLong() } };
}

StoreResult<UserStore::Credentials> UserStore::credentials(const QString &username) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT password_hash, token_version FROM users WHERE username = ?"_s);
    query.addBindValue(username);
    if (auto status = sql::exec(query, u"reading user %1"_s.arg(username)); !status)
        return status.error();
    if (!query.next())
        return notFound(username);
    return Credentials{ query.value(0).toString().toLatin1(), query.value(1).toLongLong() };
}

const QByteArray &UserStore::dummyHash() const
{
    if (m_dummyHash.isEmpty()) {
        auto hash = m_hasher.hash(u"vigil-timing-equaliser"_s);
        if (hash)
            m_dummyHash = hash.value();
    }
    return m_dummyHash;
}

StoreResult<std::optional<User>> UserStore::verify(const QString &username, const QString &password)
{
    if (auto status = checkOpen(); !status)
        return status.error();
    StoreResult<Credentials> stored = isValidUsername(username)
                                        ? credentials(username)
                                        : StoreResult<Credentials>(notFound(username));
    if (!stored) {
        if (stored.error().code != StoreError::Code::NotFound)
            return stored.error();
        m_hasher.verify(dummyHash(), password);
        return std::optional<User>{};
    }
    if (!m_hasher.verify(stored->hash, password))
        return std::optional<User>{};
    auto user = find(username);
    if (!user) {
        if (user.error().code == StoreError::Code::NotFound)
            return std::optional<User>{};
        return user.error();
    }
    // The version the password was checked against, not a newer one: a password changed while
    // this login was being checked revokes the token it is about to get.
    User verified = std::move(user).value();
    verified.tokenVersion = stored->tokenVersion;
    if (m_hasher.needsRehash(stored->hash)) {
        // Best effort: the login succeeds even if the better hash cannot be written now.
        if (auto status = writePassword(username, password, false); !status)
            qCWarning(lcServerAuth)
              << "could not rehash the password of" << username << ":" << status.error().message;
    }
    return std::optional<User>{ std::move(verified) };
}

} // namespace vigil::server
