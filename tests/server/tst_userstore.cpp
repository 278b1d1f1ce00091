// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDateTime>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/Database.h"
#include "server/PasswordHasher.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;
using namespace vigil::server;
using Code = StoreError::Code;

Q_DECLARE_METATYPE(vigil::server::Role)
Q_DECLARE_METATYPE(vigil::server::User)

namespace {

User nurse(const QString &username, QStringList hospitals = { u"123"_s })
{
    return User{ username, u"Nurse "_s + username, Role::Nurse, std::move(hospitals) };
}

QByteArray storedHash(const Database &db, const QString &username)
{
    QSqlQuery query(db.connection());
    query.prepare(u"SELECT password_hash FROM users WHERE username = ?"_s);
    query.addBindValue(username);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString().toLatin1();
}

} // namespace

class TestUserStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const PasswordHasher m_hasher{ PasswordHasher::Limits::minimal() };

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roles_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("text");
        QTest::newRow("nurse") << Role::Nurse << u"nurse"_s;
        QTest::newRow("charge_nurse") << Role::ChargeNurse << u"charge_nurse"_s;
        QTest::newRow("admin") << Role::Admin << u"admin"_s;
        QTest::newRow("producer") << Role::Producer << u"producer"_s;
    }
    void roles()
    {
        QFETCH(Role, role);
        QFETCH(QString, text);
        QCOMPARE(roleToString(role), text);
        QCOMPARE(roleFromString(text), std::optional<Role>(role));
        QVERIFY(!roleFromString(text.toUpper()).has_value());
    }

    void canSeeHospital()
    {
        const User n = nurse(u"n"_s, { u"1"_s, u"2"_s });
        QVERIFY(n.canSeeHospital(u"1"_s));
        QVERIFY(!n.canSeeHospital(u"3"_s));
        const User admin{ u"a"_s, u"A"_s, Role::Admin, {} };
        QVERIFY(admin.canSeeHospital(u"3"_s));
    }

    void addFindListRemove()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        UserStore users(db, m_hasher);

        const auto added =
          users.add(nurse(u"zoe"_s, { u"456"_s, u"123"_s, u"456"_s }), u"password-zoe"_s);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
        QCOMPARE(added->hospitals, (QStringList{ u"456"_s, u"123"_s }));
        QVERIFY(
          users.add(User{ u"admin"_s, QString(), Role::Admin, {} }, u"password-admin"_s).ok());
        QVERIFY(users
                  .add(User{ u"risk.engine"_s, u"Risk engine"_s, Role::Producer, { u"123"_s } },
                       u"password-engine"_s)
                  .ok());

        const auto zoe = users.find(u"zoe"_s);
        QVERIFY(zoe.ok());
        QCOMPARE(zoe.value(), added.value());
        QCOMPARE(users.find(u"admin"_s)->displayName, u"admin"_s); // defaults to the username
        QCOMPARE(users.find(u"Zoe"_s).error().code, Code::NotFound);

        const auto list = users.list();
        QVERIFY(list.ok());
        QStringList names;
        for (const User &user : list.value())
            names.append(user.username);
        QCOMPARE(names, (QStringList{ u"admin"_s, u"risk.engine"_s, u"zoe"_s }));
        QCOMPARE(list->at(2).hospitals, (QStringList{ u"456"_s, u"123"_s }));
        QCOMPARE(list->at(1).role, Role::Producer);

        const auto duplicate = users.add(nurse(u"zoe"_s), u"another-password"_s);
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code, Code::Conflict);
        QVERIFY(duplicate.error().message.contains(u"already exists"));

        QVERIFY(users.remove(u"zoe"_s).ok());
        QCOMPARE(users.find(u"zoe"_s).error().code, Code::NotFound);
        QCOMPARE(users.remove(u"zoe"_s).error().code, Code::NotFound);
        QCOMPARE(users.list()->size(), 2);
        // The name can be reused, and none of the old hospitals come back.
        QVERIFY(users.add(nurse(u"zoe"_s, { u"789"_s }), u"password-zoe2"_s).ok());
        QCOMPARE(users.find(u"zoe"_s)->hospitals, (QStringList{ u"789"_s }));
    }

    void refusesInvalidUsers_data()
    {
        QTest::addColumn<User>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty username") << nurse(QString()) << u"password1"_s << u"username"_s;
        QTest::newRow("space in username") << nurse(u"a b"_s) << u"password1"_s << u"username"_s;
        QTest::newRow("long username")
          << nurse(QString(65, u'a')) << u"password1"_s << u"username"_s;
        QTest::newRow("unicode username") << nurse(u"zoë"_s) << u"password1"_s << u"username"_s;
        QTest::newRow("bad hospital")
          << nurse(u"a"_s, { u"st_mary"_s }) << u"password1"_s << u"hospital"_s;
        QTest::newRow("empty hospital")
          << nurse(u"a"_s, { QString() }) << u"password1"_s << u"hospital"_s;
        User longName = nurse(u"a"_s);
        longName.displayName = QString(201, u'n');
        QTest::newRow("long display name") << longName << u"password1"_s << u"display name"_s;
        QTest::newRow("short password") << nurse(u"a"_s) << u"short"_s << u"at least"_s;
        QTest::newRow("long password")
          << nurse(u"a"_s) << QString(PasswordHasher::maxPasswordBytes + 1, u'p') << u"at most"_s;
    }
    void refusesInvalidUsers()
    {
        QFETCH(User, user);
        QFETCH(QString, password);
        QFETCH(QString, mentions);
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        UserStore users(db, m_hasher);
        const auto added = users.add(user, password);
        QVERIFY(!added.ok());
        QCOMPARE(added.error().code, Code::Invalid);
        QVERIFY2(added.error().message.contains(mentions), qPrintable(added.error().message));
        QVERIFY(users.list()->isEmpty());
    }

    void verify()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        UserStore users(db, m_hasher);
        QVERIFY(users.add(nurse(u"alice"_s), u"alice-password"_s).ok());

        const auto ok = users.verify(u"alice"_s, u"alice-password"_s);
        QVERIFY(ok.ok());
        QVERIFY(ok->has_value());
        QCOMPARE(ok.value()->username, u"alice"_s);
        QCOMPARE(ok.value()->hospitals, (QStringList{ u"123"_s }));

        for (const auto &[username, password] : { std::pair{ u"alice"_s, u"wrong-password"_s },
                                                  std::pair{ u"alice"_s, QString() },
                                                  std::pair{ u"ALICE"_s, u"alice-password"_s },
                                                  std::pair{ u"bob"_s, u"alice-password"_s },
                                                  std::pair{ u"bad name!"_s, u"alice-password"_s },
                                                  std::pair{ QString(), u"alice-password"_s } }) {
            const auto refused = users.verify(username, password);
            QVERIFY2(refused.ok(), qPrintable(username));
            QVERIFY2(!refused->has_value(), qPrintable(username));
        }
    }

    void setPassword()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        UserStore users(db, m_hasher);
        QVERIFY(users.add(nurse(u"alice"_s), u"first-password"_s).ok());
        QVERIFY(users.setPassword(u"alice"_s, u"second-password"_s).ok());
        QVERIFY(!users.verify(u"alice"_s, u"first-password"_s)->has_value());
        QVERIFY(users.verify(u"alice"_s, u"second-password"_s)->has_value());
        QCOMPARE(users.setPassword(u"bob"_s, u"second-password"_s).error().code, Code::NotFound);
        QCOMPARE(users.setPassword(u"alice"_s, u"short"_s).error().code, Code::Invalid);
        QVERIFY(users.verify(u"alice"_s, u"second-password"_s)->has_value());
    }

    void tokenState()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        UserStore users(db, m_hasher);
        QVERIFY(!users.tokenState(u"alice"_s).value().has_value()); // no such user
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto added = users.add(nurse(u"alice"_s), u"first-password"_s);
        QVERIFY(added.ok());
        const auto first = users.tokenState(u"alice"_s).value().value();
        QVERIFY(first.validAfter >= before / 1000 &&
                first.validAfter <= QDateTime::currentSecsSinceEpoch());
        QVERIFY(first.version >= before && first.version <= QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(added->tokenVersion, first.version);
        QCOMPARE(users.find(u"alice"_s)->tokenVersion, first.version);
        QCOMPARE(users.list()->at(0).tokenVersion, first.version);

        // A login revokes nothing, and its user carries the version its tokens get.
        const auto login = users.verify(u"alice"_s, u"first-password"_s);
        QVERIFY(login->has_value());
        QCOMPARE(login->value().tokenVersion, first.version);
        QCOMPARE(users.tokenState(u"alice"_s).value()->version, first.version);

        // A password change raises the version at once, in the same second and millisecond too.
        QVERIFY(users.setPassword(u"alice"_s, u"second-password"_s).ok());
        const auto second = users.tokenState(u"alice"_s).value().value();
        QVERIFY(second.version > first.version);
        QVERIFY(second.validAfter >= first.validAfter);
        QCOMPARE(users.verify(u"alice"_s, u"second-password"_s)->value().tokenVersion,
                 second.version);
        // Removed, then added again under the same name, in the same millisecond as likely as
        // not: no old token comes back to life.
        QVERIFY(users.remove(u"alice"_s).ok());
        QVERIFY(!users.tokenState(u"alice"_s).value().has_value());
        QVERIFY(users.add(nurse(u"alice"_s), u"third-password"_s).ok());
        const qint64 third = users.tokenState(u"alice"_s).value()->version;
        QVERIFY(third > second.version);
        // Other users draw from the same clock.
        QVERIFY(users.add(nurse(u"bob"_s), u"bob-password"_s).ok());
        QVERIFY(users.tokenState(u"bob"_s).value()->version > third);

        // Even when the clock went back (or the versions ran ahead of it): they only grow.
        QSqlQuery ahead(db.connection());
        QVERIFY(ahead.exec(u"UPDATE token_clock SET last = 9000000000000"_s));
        QVERIFY(users.setPassword(u"alice"_s, u"fourth-password"_s).ok());
        QCOMPARE(users.tokenState(u"alice"_s).value()->version, 9000000000001);
        QVERIFY(users.remove(u"alice"_s).ok());
        QVERIFY(users.add(nurse(u"alice"_s), u"fifth-password"_s).ok());
        QCOMPARE(users.tokenState(u"alice"_s).value()->version, 9000000000002);
    }

    void update()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        UserStore users(db, m_hasher);
        QVERIFY(users.add(nurse(u"alice"_s), u"alice-password"_s).ok());
        User changed{ u"alice"_s, u"Alice Charge"_s, Role::ChargeNurse, { u"9"_s, u"8"_s } };
        const qint64 version = users.find(u"alice"_s)->tokenVersion;
        const auto updated = users.update(changed);
        QVERIFY(updated.ok());
        changed.tokenVersion = version; // an update is not a password change
        QCOMPARE(users.find(u"alice"_s).value(), changed);
        QVERIFY(users.verify(u"alice"_s, u"alice-password"_s)->has_value());
        QCOMPARE(users.update(nurse(u"bob"_s)).error().code, Code::NotFound);
        QCOMPARE(users.update(nurse(u"alice"_s, { u"x-y"_s })).error().code, Code::Invalid);
    }

    void rehashesOutdatedHashes()
    {
        Database db;
        QVERIFY(db.open(u"sqlite://"_s).ok());
        {
            UserStore weak(db, m_hasher);
            QVERIFY(weak.add(nurse(u"alice"_s), u"alice-password"_s).ok());
        }
        const QByteArray before = storedHash(db, u"alice"_s);
        PasswordHasher::Limits stronger = PasswordHasher::Limits::minimal();
        stronger.opsLimit += 1;
        const PasswordHasher strongHasher(stronger);
        QVERIFY(strongHasher.needsRehash(before));

        UserStore users(db, strongHasher);
        // A failed login does not touch the hash.
        QVERIFY(!users.verify(u"alice"_s, u"wrong-password"_s)->has_value());
        QCOMPARE(storedHash(db, u"alice"_s), before);
        QSqlQuery past(db.connection());
        QVERIFY(past.exec(u"UPDATE users SET tokens_valid_after = 100, token_version = 7"_s));
        QVERIFY(users.verify(u"alice"_s, u"alice-password"_s)->has_value());
        // A rehash is not a password change: the user's tokens stay valid.
        QCOMPARE(users.tokenState(u"alice"_s).value()->validAfter, 100);
        QCOMPARE(users.tokenState(u"alice"_s).value()->version, 7);
        const QByteArray after = storedHash(db, u"alice"_s);
        QVERIFY(after != before);
        QVERIFY(!strongHasher.needsRehash(after));
        QVERIFY(users.verify(u"alice"_s, u"alice-password"_s)->has_value());
    }

    void persistsAcrossReopen()
    {
        const QString file = m_dir.filePath(u"users.db"_s);
        {
            Database db;
            QVERIFY(db.open(file).ok());
            UserStore users(db, m_hasher);
            QVERIFY(users.add(nurse(u"alice"_s, { u"1"_s, u"2"_s }), u"alice-password"_s).ok());
        }
        Database db;
        QVERIFY(db.open(file).ok());
        UserStore users(db, m_hasher);
        const auto alice = users.verify(u"alice"_s, u"alice-password"_s);
        QVERIFY(alice.ok() && alice->has_value());
        QCOMPARE(alice.value()->hospitals, (QStringList{ u"1"_s, u"2"_s }));
    }

    void databaseErrorsAreErrors()
    {
        const QString file = m_dir.filePath(u"users-ro.db"_s);
        {
            Database db;
            QVERIFY(db.open(file).ok());
            UserStore users(db, m_hasher);
            QVERIFY(users.add(nurse(u"alice"_s), u"alice-password"_s).ok());
        }
        Database db;
        DatabaseOptions options;
        options.readOnly = true;
        QVERIFY(db.open(file, options).ok());
        UserStore users(db, m_hasher);
        QCOMPARE(users.add(nurse(u"bob"_s), u"bob-password"_s).error().code, Code::ReadOnly);
        QCOMPARE(users.remove(u"alice"_s).error().code, Code::ReadOnly);
        QCOMPARE(users.setPassword(u"alice"_s, u"new-password"_s).error().code, Code::ReadOnly);
        // Logins still work on a read-only store.
        QVERIFY(users.verify(u"alice"_s, u"alice-password"_s)->has_value());

        Database closed;
        UserStore none(closed, m_hasher);
        QCOMPARE(none.verify(u"alice"_s, u"alice-password"_s).error().code, Code::Io);
        QCOMPARE(none.list().error().code, Code::Io);
    }
};

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"
