// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <memory>
#include <optional>

#include <QPointer>
#include <QTest>
#include <QTimer>

#include "client/CredentialStore.h"
#include "client/MemoryCredentialBackend.h"

using namespace vigil::client;
using namespace Qt::StringLiterals;

using LoadResult = vigil::protocol::Result<std::optional<QString>, CredentialError>;

namespace {

constexpr int waitLimit = 10'000; // ms

const QUrl server(u"https://vigil.example:8443"_s);

/// A backend whose reads fail with a fixed error and whose writes succeed: shows that the store
/// hands each backend's own error on unchanged.
class ReadFailingBackend final : public CredentialBackend
{
public:
    explicit ReadFailingBackend(CredentialError error)
      : m_error(std::move(error))
    {
    }
    void writeSecret(const QString &, const QString &, const QString &, DoneCallback done) override
    {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(std::nullopt); });
    }
    void readSecret(const QString &, const QString &, ReadCallback done) override
    {
        QTimer::singleShot(0, this, [this, done = std::move(done)] { done(m_error); });
    }
    void removeSecret(const QString &, const QString &, DoneCallback done) override
    {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(std::nullopt); });
    }

private:
    CredentialError m_error;
};

/// Keeps every operation open until the test finishes it, to look at the store while the keychain
/// is busy.
class HoldingBackend final : public CredentialBackend
{
public:
    void writeSecret(const QString &, const QString &, const QString &, DoneCallback done) override
    {
        m_done.append(std::move(done));
    }
    void readSecret(const QString &, const QString &, ReadCallback done) override
    {
        m_reads.append(std::move(done));
    }
    void removeSecret(const QString &, const QString &, DoneCallback done) override
    {
        m_done.append(std::move(done));
    }
    qsizetype held() const { return m_done.size() + m_reads.size(); }
    void finishWrite()
    {
        QTimer::singleShot(0, this, [this] { m_done.takeFirst()(std::nullopt); });
    }

private:
    QList<DoneCallback> m_done;
    QList<ReadCallback> m_reads;
};

} // namespace

class tst_CredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void accountKey_data();
    void accountKey();
    void saveLoadRemove();
    void loadWithNothingStoredIsNotFound();
    void overwrite();
    void operationsRunAndAnswerInOrder();
    void accountsAreSeparate();
    void callbackMayQueueMore();
    void invalidArgumentsNeverReachBackend_data();
    void invalidArgumentsNeverReachBackend();
    void backendErrorsPassThrough();
    void customBackendErrorPassesThrough();
    void oneOperationAtATime();
    void destroyedStoreDropsCallbacks();

private:
    MemoryCredentialBackend *m_backend = nullptr;
    std::unique_ptr<CredentialStore> m_store;
};

void tst_CredentialStore::init()
{
    auto backend = std::make_unique<MemoryCredentialBackend>();
    m_backend = backend.get();
    m_store = std::make_unique<CredentialStore>(std::move(backend));
}

void tst_CredentialStore::cleanup()
{
    m_store.reset();
    m_backend = nullptr;
}

void tst_CredentialStore::accountKey_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("key");

    QTest::newRow("plain") << u"nurse1"_s << QUrl(u"https://vigil.example:8443"_s)
                           << u"nurse1@https://vigil.example:8443"_s;
    QTest::newRow("trailing slash") << u"nurse1"_s << QUrl(u"https://vigil.example:8443/"_s)
                                    << u"nurse1@https://vigil.example:8443"_s;
    QTest::newRow("upper-case host and scheme")
      << u"nurse1"_s << QUrl(u"HTTPS://Vigil.Example:8443"_s)
      << u"nurse1@https://vigil.example:8443"_s;
    QTest::newRow("default https port")
      << u"nurse1"_s << QUrl(u"https://vigil.example:443/"_s) << u"nurse1@https://vigil.example"_s;
    QTest::newRow("default http port")
      << u"nurse1"_s << QUrl(u"http://127.0.0.1:80"_s) << u"nurse1@http://127.0.0.1"_s;
    QTest::newRow("user info, query and fragment dropped")
      << u"nurse1"_s << QUrl(u"https://x:y@vigil.example/?a=b#c"_s)
      << u"nurse1@https://vigil.example"_s;
    QTest::newRow("path prefix kept")
      << u"nurse1"_s << QUrl(u"https://host/vigil/"_s) << u"nurse1@https://host/vigil"_s;
    QTest::newRow("http and https differ")
      << u"nurse1"_s << QUrl(u"http://vigil.example"_s) << u"nurse1@http://vigil.example"_s;
    QTest::newRow("empty username") << QString() << QUrl(u"https://vigil.example"_s) << QString();
    QTest::newRow("not http") << u"nurse1"_s << QUrl(u"ftp://vigil.example"_s) << QString();
    QTest::newRow("no host") << u"nurse1"_s << QUrl(u"https://"_s) << QString();
    QTest::newRow("relative") << u"nurse1"_s << QUrl(u"vigil.example"_s) << QString();
}

void tst_CredentialStore::accountKey()
{
    QFETCH(QString, username);
    QFETCH(QUrl, url);
    QFETCH(QString, key);
    QCOMPARE(CredentialStore::accountKey(username, url), key);
}

void tst_CredentialStore::saveLoadRemove()
{
    const QString key = CredentialStore::accountKey(u"nurse1"_s, server);
    std::optional<std::optional<CredentialError>> saved;
    m_store->saveToken(u"nurse1"_s,
                       server,
                       u"token-1"_s,
                       [&](std::optional<CredentialError> error) { saved = error; });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), waitLimit);
    QVERIFY(!saved->has_value());
    QCOMPARE(m_backend->secret(u"vigil"_s, key), std::optional<QString>(u"token-1"_s));

    std::optional<LoadResult> loaded;
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { loaded = result; });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), waitLimit);
    QVERIFY(loaded->ok());
    QCOMPARE(loaded->value(), std::optional<QString>(u"token-1"_s));

    std::optional<std::optional<CredentialError>> removed;
    m_store->removeToken(
      u"nurse1"_s, server, [&](std::optional<CredentialError> error) { removed = error; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), waitLimit);
    QVERIFY(!removed->has_value());
    QCOMPARE(m_backend->size(), 0);

    std::optional<LoadResult> afterRemove;
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { afterRemove = result; });
    QTRY_VERIFY_WITH_TIMEOUT(afterRemove.has_value(), waitLimit);
    QVERIFY(afterRemove->ok());
    QVERIFY(!afterRemove->value().has_value());

    // Removing what is not there is not an error either.
    std::optional<std::optional<CredentialError>> removedAgain;
    m_store->removeToken(
      u"nurse1"_s, server, [&](std::optional<CredentialError> error) { removedAgain = error; });
    QTRY_VERIFY_WITH_TIMEOUT(removedAgain.has_value(), waitLimit);
    QVERIFY(!removedAgain->has_value());
    QCOMPARE(m_store->pendingCount(), 0);
}

void tst_CredentialStore::loadWithNothingStoredIsNotFound()
{
    std::optional<LoadResult> loaded;
    m_store->loadToken(u"nobody"_s, server, [&](LoadResult result) { loaded = result; });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), waitLimit);
    QVERIFY2(loaded->ok(), "not found must not be an error");
    QVERIFY(!loaded->value().has_value());
    QCOMPARE(m_backend->operationCount(), 1);
}

void tst_CredentialStore::overwrite()
{
    int saves = 0;
    m_store->saveToken(u"nurse1"_s, server, u"old"_s, [&](std::optional<CredentialError> error) {
        QVERIFY(!error);
        ++saves;
    });
    m_store->saveToken(u"nurse1"_s, server, u"new"_s, [&](std::optional<CredentialError> error) {
        QVERIFY(!error);
        ++saves;
    });
    std::optional<LoadResult> loaded;
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { loaded = result; });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), waitLimit);
    QCOMPARE(saves, 2);
    QVERIFY(loaded->ok());
    QCOMPARE(loaded->value(), std::optional<QString>(u"new"_s));
    QCOMPARE(m_backend->size(), 1);
}

void tst_CredentialStore::operationsRunAndAnswerInOrder()
{
    QStringList order;
    std::optional<LoadResult> first;
    std::optional<LoadResult> second;
    m_store->saveToken(u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError>) {
        order.append(u"save"_s);
    });
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) {
        order.append(u"load"_s);
        first = result;
    });
    m_store->removeToken(
      u"nurse1"_s, server, [&](std::optional<CredentialError>) { order.append(u"remove"_s); });
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) {
        order.append(u"load again"_s);
        second = result;
    });
    // Nothing answers from inside the calls.
    QVERIFY(order.isEmpty());
    QCOMPARE(m_store->pendingCount(), 4);

    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 4, waitLimit);
    QCOMPARE(order, (QStringList{ u"save"_s, u"load"_s, u"remove"_s, u"load again"_s }));
    QCOMPARE(first->value(), std::optional<QString>(u"tok"_s));
    QVERIFY(second->ok());
    QVERIFY(!second->value().has_value());
}

void tst_CredentialStore::accountsAreSeparate()
{
    int done = 0;
    auto count = [&](std::optional<CredentialError>) { ++done; };
    m_store->saveToken(u"nurse1"_s, server, u"a"_s, count);
    m_store->saveToken(u"nurse2"_s, server, u"b"_s, count);
    m_store->saveToken(u"nurse1"_s, QUrl(u"https://other.example"_s), u"c"_s, count);
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, waitLimit);
    QCOMPARE(m_backend->size(), 3);

    std::optional<LoadResult> sameServerOtherSpelling;
    m_store->loadToken(u"nurse1"_s, QUrl(u"HTTPS://VIGIL.example:8443/"_s), [&](LoadResult result) {
        sameServerOtherSpelling = result;
    });
    QTRY_VERIFY_WITH_TIMEOUT(sameServerOtherSpelling.has_value(), waitLimit);
    QCOMPARE(sameServerOtherSpelling->value(), std::optional<QString>(u"a"_s));
}

void tst_CredentialStore::callbackMayQueueMore()
{
    std::optional<LoadResult> loaded;
    m_store->saveToken(u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError>) {
        m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { loaded = result; });
    });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), waitLimit);
    QCOMPARE(loaded->value(), std::optional<QString>(u"tok"_s));
}

void tst_CredentialStore::invalidArgumentsNeverReachBackend_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("token");

    QTest::newRow("empty username") << QString() << server << u"tok"_s;
    QTest::newRow("ftp server") << u"nurse1"_s << QUrl(u"ftp://vigil.example"_s) << u"tok"_s;
    QTest::newRow("empty token") << u"nurse1"_s << server << QString();
    QTest::newRow("huge token") << u"nurse1"_s << server
                                << QString(CredentialStore::maxTokenLength + 1, u'x');
}

void tst_CredentialStore::invalidArgumentsNeverReachBackend()
{
    QFETCH(QString, username);
    QFETCH(QUrl, url);
    QFETCH(QString, token);

    std::optional<std::optional<CredentialError>> saved;
    m_store->saveToken(
      username, url, token, [&](std::optional<CredentialError> error) { saved = error; });
    QVERIFY(!saved);
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), waitLimit);
    QVERIFY(saved->has_value());
    QCOMPARE((*saved)->kind, CredentialError::Kind::InvalidArgument);
    QVERIFY(!(*saved)->message.isEmpty());
    QCOMPARE(m_backend->operationCount(), 0);
    QCOMPARE(m_backend->size(), 0);
}

void tst_CredentialStore::backendErrorsPassThrough()
{
    const CredentialError locked{ CredentialError::Kind::AccessDenied, u"the keyring is locked"_s };
    m_backend->setFailure(locked);

    std::optional<std::optional<CredentialError>> saved;
    std::optional<LoadResult> loaded;
    std::optional<std::optional<CredentialError>> removed;
    m_store->saveToken(
      u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError> error) { saved = error; });
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { loaded = result; });
    m_store->removeToken(
      u"nurse1"_s, server, [&](std::optional<CredentialError> error) { removed = error; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), waitLimit);
    QCOMPARE(*saved, std::optional(locked));
    QVERIFY2(!loaded->ok(), "a failing keychain is not the same as an empty one");
    QCOMPARE(loaded->error(), locked);
    QCOMPARE(*removed, std::optional(locked));
    QCOMPARE(m_backend->size(), 0);

    // The store keeps working once the keychain does.
    m_backend->setFailure(std::nullopt);
    std::optional<std::optional<CredentialError>> savedLater;
    m_store->saveToken(u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError> error) {
        savedLater = error;
    });
    QTRY_VERIFY_WITH_TIMEOUT(savedLater.has_value(), waitLimit);
    QVERIFY(!savedLater->has_value());
}

void tst_CredentialStore::customBackendErrorPassesThrough()
{
    const CredentialError noBackend{ CredentialError::Kind::NoBackend,
                                     u"no Secret Service on the bus"_s };
    CredentialStore store(std::make_unique<ReadFailingBackend>(noBackend));
    std::optional<LoadResult> loaded;
    store.loadToken(u"nurse1"_s, server, [&](LoadResult result) { loaded = result; });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), waitLimit);
    QVERIFY(!loaded->ok());
    QCOMPARE(loaded->error(), noBackend);
}

void tst_CredentialStore::oneOperationAtATime()
{
    auto holding = std::make_unique<HoldingBackend>();
    HoldingBackend *backend = holding.get();
    CredentialStore store(std::move(holding));
    int saves = 0;
    std::optional<LoadResult> loaded;
    store.saveToken(
      u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError>) { ++saves; });
    store.loadToken(u"nurse1"_s, server, [&](LoadResult result) { loaded = result; });
    QTRY_COMPARE_WITH_TIMEOUT(backend->held(), 1, waitLimit);
    QCOMPARE(store.pendingCount(), 2);
    // Let the event loop turn a few times (a full round trip elsewhere): the load still waits.
    std::optional<LoadResult> elsewhere;
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { elsewhere = result; });
    QTRY_VERIFY_WITH_TIMEOUT(elsewhere.has_value(), waitLimit);
    QCOMPARE(backend->held(), 1);

    backend->finishWrite();
    QTRY_COMPARE_WITH_TIMEOUT(saves, 1, waitLimit);
    // The load reaches the keychain only after the save has finished.
    QTRY_COMPARE_WITH_TIMEOUT(backend->held(), 1, waitLimit);
    QCOMPARE(store.pendingCount(), 1);
    QVERIFY(!loaded);
}

void tst_CredentialStore::destroyedStoreDropsCallbacks()
{
    int calls = 0;
    {
        auto holding = std::make_unique<HoldingBackend>();
        QPointer<HoldingBackend> backend(holding.get());
        auto busy = std::make_unique<CredentialStore>(std::move(holding));
        busy->saveToken(
          u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError>) { ++calls; });
        busy->loadToken(u"nurse1"_s, server, [&](LoadResult) { ++calls; });
        QTRY_COMPARE_WITH_TIMEOUT(backend->held(), 1, waitLimit);
        busy.reset();
        QVERIFY(backend.isNull());
    }
    {
        CredentialStore doomed(std::make_unique<MemoryCredentialBackend>());
        doomed.saveToken(
          u"nurse1"_s, server, u"tok"_s, [&](std::optional<CredentialError>) { ++calls; });
        doomed.loadToken(u"nurse1"_s, server, [&](LoadResult) { ++calls; });
    }
    // Anything the doomed store had scheduled runs before this later operation completes.
    std::optional<LoadResult> later;
    m_store->loadToken(u"nurse1"_s, server, [&](LoadResult result) { later = result; });
    QTRY_VERIFY_WITH_TIMEOUT(later.has_value(), waitLimit);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(tst_CredentialStore)
#include "tst_credentialstore.moc"
