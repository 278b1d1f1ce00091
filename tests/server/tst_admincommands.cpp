// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `vigil-server user ...` on a real store, with the password reader replaced.
#include <optional>

#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "server/AdminCommands.h"
#include "server/Database.h"
#include "server/PasswordHasher.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;
using vigil::server::AdminCommands;
using Options = vigil::server::AdminCommands::UserOptions;

class tst_AdminCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addListRemove();
    void passwd();
    void usageErrors_data();
    void usageErrors();
    void failures();

private:
    int run(const QStringList &arguments, const Options &options = {});

    QTemporaryDir m_dir;
    std::unique_ptr<vigil::server::Database> m_database;
    vigil::server::PasswordHasher m_hasher{ vigil::server::PasswordHasher::Limits::minimal() };
    std::unique_ptr<vigil::server::UserStore> m_users;
    QList<std::optional<QString>> m_passwords;
    int m_passwordReads = 0;
    QString m_out;
    QString m_err;
};

void tst_AdminCommands::init()
{
    QVERIFY(m_dir.isValid());
    m_database = std::make_unique<vigil::server::Database>();
    QVERIFY(m_database->open(u"sqlite://"_s + m_dir.path() + u"/users.db"_s));
    m_users = std::make_unique<vigil::server::UserStore>(*m_database, m_hasher);
    m_passwords.clear();
    m_passwordReads = 0;
    m_out.clear();
    m_err.clear();
}

void tst_AdminCommands::cleanup()
{
    m_users.reset();
    m_database.reset();
    QFile::remove(m_dir.path() + u"/users.db"_s);
}

int tst_AdminCommands::run(const QStringList &arguments, const Options &options)
{
    QTextStream out(&m_out);
    QTextStream err(&m_err);
    AdminCommands commands(
      *m_users,
      [this]() -> std::optional<QString> {
          ++m_passwordReads;
          return m_passwords.isEmpty() ? std::nullopt : m_passwords.takeFirst();
      },
      out,
      err);
    return commands.run(arguments, options);
}

void tst_AdminCommands::addListRemove()
{
    m_passwords = { u"correct horse"_s };
    QCOMPARE(run({ u"add"_s, u"nurse1"_s }, Options{ u"nurse"_s, u"123, 456"_s, u"Nurse One"_s }),
             AdminCommands::Success);
    QCOMPARE(m_passwordReads, 1);
    const auto user = m_users->verify(u"nurse1"_s, u"correct horse"_s);
    QVERIFY(user && user.value());
    QCOMPARE(user.value()->hospitals, (QStringList{ u"123"_s, u"456"_s }));
    QCOMPARE(user.value()->displayName, u"Nurse One"_s);

    m_passwords = { u"another pass"_s };
    QCOMPARE(run({ u"add"_s, u"boss"_s }, Options{ u"admin"_s, {}, {} }), AdminCommands::Success);
    m_out.clear();
    QCOMPARE(run({ u"list"_s }), AdminCommands::Success);
    QVERIFY(m_out.contains(u"USERNAME"_s));
    const QStringList lines = m_out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(1).startsWith(u"boss"_s) && lines.at(1).contains(u"(all)"_s));
    QVERIFY(lines.at(2).startsWith(u"nurse1"_s) && lines.at(2).contains(u"123,456"_s));
    QVERIFY(lines.at(2).contains(u"Nurse One"_s));

    QCOMPARE(run({ u"remove"_s, u"nurse1"_s }), AdminCommands::Success);
    QCOMPARE(m_users->find(u"nurse1"_s).error().code, vigil::server::StoreError::Code::NotFound);
    QCOMPARE(run({ u"remove"_s, u"nurse1"_s }), AdminCommands::Failed);

    // The role defaults to nurse.
    m_passwords = { u"nurse password"_s };
    QCOMPARE(run({ u"add"_s, u"plain"_s }), AdminCommands::Success);
    QCOMPARE(m_users->find(u"plain"_s)->role, vigil::server::Role::Nurse);

    // A second add of the same name does not replace the first.
    m_passwords = { u"yet another"_s };
    QCOMPARE(run({ u"add"_s, u"boss"_s }, Options{ u"nurse"_s, {}, {} }), AdminCommands::Failed);
    QCOMPARE(m_users->find(u"boss"_s)->role, vigil::server::Role::Admin);
}

void tst_AdminCommands::passwd()
{
    m_passwords = { u"first password"_s, u"second password"_s };
    QCOMPARE(run({ u"add"_s, u"nurse1"_s }, Options{ u"nurse"_s, u"123"_s, {} }),
             AdminCommands::Success);
    QCOMPARE(run({ u"passwd"_s, u"nurse1"_s }), AdminCommands::Success);
    QVERIFY(!m_users->verify(u"nurse1"_s, u"first password"_s).value());
    QVERIFY(m_users->verify(u"nurse1"_s, u"second password"_s).value());

    m_passwords = { u"short"_s };
    QCOMPARE(run({ u"passwd"_s, u"nurse1"_s }), AdminCommands::Usage);
    QVERIFY(m_users->verify(u"nurse1"_s, u"second password"_s).value());
    QCOMPARE(run({ u"passwd"_s, u"ghost"_s }), AdminCommands::Failed);
}

void tst_AdminCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("role");
    QTest::newRow("nothing") << QStringList() << QString();
    QTest::newRow("unknown command") << QStringList{ u"delete"_s, u"x"_s } << QString();
    QTest::newRow("add without name") << QStringList{ u"add"_s } << u"nurse"_s;
    QTest::newRow("password on argv")
      << QStringList{ u"add"_s, u"x"_s, u"secret-pw"_s } << u"nurse"_s;
    QTest::newRow("unknown role") << QStringList{ u"add"_s, u"x"_s } << u"doctor"_s;
    QTest::newRow("list with argument") << QStringList{ u"list"_s, u"x"_s } << QString();
    QTest::newRow("role with remove") << QStringList{ u"remove"_s, u"x"_s } << u"nurse"_s;
}

void tst_AdminCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, role);
    m_passwords = { u"good password"_s };
    QCOMPARE(run(arguments, Options{ role, {}, {} }), AdminCommands::Usage);
    QVERIFY(!m_err.isEmpty());
    QCOMPARE(m_passwordReads, 0);
    QCOMPARE(m_users->list()->size(), 0);
}

void tst_AdminCommands::failures()
{
    // No password (end of input): nothing is added.
    QCOMPARE(run({ u"add"_s, u"nurse1"_s }, Options{ u"nurse"_s, u"123"_s, {} }),
             AdminCommands::Failed);
    QCOMPARE(m_users->list()->size(), 0);
    m_passwords = { u"tiny"_s };
    QCOMPARE(run({ u"add"_s, u"nurse1"_s }, Options{ u"nurse"_s, u"123"_s, {} }),
             AdminCommands::Usage);
    QVERIFY(m_err.contains(u"nurse1"_s));
    m_passwords = { u"good password"_s };
    QCOMPARE(run({ u"add"_s, u"bad name!"_s }, Options{ u"nurse"_s, u"123"_s, {} }),
             AdminCommands::Usage);
    QCOMPARE(m_users->list()->size(), 0);
}

QTEST_GUILESS_MAIN(tst_AdminCommands)
#include "tst_admincommands.moc"
