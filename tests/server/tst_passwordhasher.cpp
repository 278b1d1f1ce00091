// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "server/PasswordHasher.h"

using namespace Qt::StringLiterals;
using vigil::server::PasswordHasher;

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private:
    const PasswordHasher m_fast{ PasswordHasher::Limits::minimal() };

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("ascii") << u"correct horse battery staple"_s;
        QTest::newRow("unicode") << u"Kennwort-Über-Ärzte-😷"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("longest") << QString(PasswordHasher::maxPasswordBytes, u'p');
    }
    void roundTrip()
    {
        QFETCH(QString, password);
        const auto hash = m_fast.hash(password);
        QVERIFY(hash.ok());
        QVERIFY2(hash->startsWith("$argon2id$"), hash->constData());
        QVERIFY(!hash->contains(password.toUtf8()) || password.isEmpty());
        QVERIFY(m_fast.verify(hash.value(), password));
        QVERIFY(!m_fast.verify(hash.value(), password + u"x"_s));
        QVERIFY(!m_fast.needsRehash(hash.value()));
    }

    void saltedHashesDiffer()
    {
        const auto a = m_fast.hash(u"same password"_s);
        const auto b = m_fast.hash(u"same password"_s);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value() != b.value());
        QVERIFY(m_fast.verify(a.value(), u"same password"_s));
        QVERIFY(m_fast.verify(b.value(), u"same password"_s));
    }

    void refusesTooLong()
    {
        const auto hash = m_fast.hash(QString(PasswordHasher::maxPasswordBytes + 1, u'p'));
        QVERIFY(!hash.ok());
        QCOMPARE(hash.error(), PasswordHasher::Error::TooLong);
        // Multi-byte characters count as their UTF-8 bytes.
        QVERIFY(!m_fast.hash(QString(PasswordHasher::maxPasswordBytes / 2 + 1, u'ä')).ok());
        const auto hashOk = m_fast.hash(u"pw"_s);
        QVERIFY(
          !m_fast.verify(hashOk.value(), QString(PasswordHasher::maxPasswordBytes + 1, u'p')));
    }

    void garbageHashesNeverVerify_data()
    {
        QTest::addColumn<QByteArray>("hash");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("plain text") << QByteArray("secret");
        QTest::newRow("bcrypt") << QByteArray(
          "$2b$12$KIXQJ6tJ0Jc5vT6o1w1eQOeZ0Y6b6cZ0d9G1qjR0WwL6M1kq0p6lK");
        QTest::newRow("truncated argon2") << QByteArray("$argon2id$v=19$m=8,t=1,p=1$");
        QTest::newRow("too long") << QByteArray(4096, '$');
        QTest::newRow("embedded nul") << QByteArray("$argon2id$\0garbage", 18);
    }
    void garbageHashesNeverVerify()
    {
        QFETCH(QByteArray, hash);
        QVERIFY(!m_fast.verify(hash, u"secret"_s));
        QVERIFY(!m_fast.verify(hash, QString()));
        QVERIFY(m_fast.needsRehash(hash));
    }

    void needsRehashWhenLimitsChange()
    {
        PasswordHasher::Limits stronger = PasswordHasher::Limits::minimal();
        stronger.opsLimit += 1;
        const PasswordHasher other(stronger);
        const auto hash = m_fast.hash(u"pw"_s).value();
        QVERIFY(other.needsRehash(hash));
        QVERIFY(!m_fast.needsRehash(hash));
        // Verification does not depend on the hasher's own limits.
        QVERIFY(other.verify(hash, u"pw"_s));
    }

    void limitsAreClamped()
    {
        const PasswordHasher zero(PasswordHasher::Limits{ 0, 0 });
        QCOMPARE(zero.limits().opsLimit, PasswordHasher::Limits::minimal().opsLimit);
        QCOMPARE(zero.limits().memLimit, PasswordHasher::Limits::minimal().memLimit);
        QVERIFY(zero.verify(zero.hash(u"pw"_s).value(), u"pw"_s));
    }

    void interactiveLimits()
    {
        // The one case at production cost: the default hasher's hash carries the interactive
        // parameters (64 MiB, 2 passes) and verifies.
        const PasswordHasher real;
        QCOMPARE(real.limits().opsLimit, PasswordHasher::Limits::interactive().opsLimit);
        const auto hash = real.hash(u"nurse-station-7"_s);
        QVERIFY(hash.ok());
        QVERIFY2(hash->contains("m=65536,t=2,p=1"), hash->constData());
        QVERIFY(real.verify(hash.value(), u"nurse-station-7"_s));
        QVERIFY(!real.verify(hash.value(), u"nurse-station-8"_s));
        QVERIFY(!real.needsRehash(hash.value()));
        QVERIFY(real.needsRehash(m_fast.hash(u"x"_s).value()));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
