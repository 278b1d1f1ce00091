// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/CredentialStore.h"

#include <utility>

#include <QTimer>

#include "client/KeychainBackend.h"
#include "common/Logging.h"

namespace vigil::client {

using namespace Qt::StringLiterals;

namespace {

CredentialError invalidArgument(const QString &message)
{
    return CredentialError{ CredentialError::Kind::InvalidArgument, message };
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
  : CredentialStore(std::make_unique<KeychainBackend>(), parent)
{
}

CredentialStore::CredentialStore(std::unique_ptr<CredentialBackend> backend, QObject *parent)
  : QObject(parent)
  , m_backend(std::move(backend))
{
    Q_ASSERT(m_backend);
}

// The backend goes first so that none of its pending answers reaches a half-destroyed store.
CredentialStore::~CredentialStore()
{
    m_backend.reset();
}

QString CredentialStore::accountKey(const QString &username, const QUrl &server)
{
    if (username.isEmpty() || !server.isValid() || server.host().isEmpty())
        return QString();
    const QString scheme = server.scheme().toLower();
    if (scheme != "http"_L1 && scheme != "https"_L1)
        return QString();
    QUrl normalized =
      server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment |
                      QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    normalized.setScheme(scheme);
    // StripTrailingSlash keeps a lone "/", which would make `https://h/` and `https://h` differ.
    QString path = normalized.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    normalized.setPath(path, QUrl::StrictMode);
    if ((scheme == "http"_L1 && normalized.port() == 80) ||
        (scheme == "https"_L1 && normalized.port() == 443))
        normalized.setPort(-1);
    return username + u'@' + normalized.toString(QUrl::FullyEncoded);
}

void CredentialStore::saveToken(const QString &username,
                                const QUrl &server,
                                const QString &token,
                                DoneCallback done)
{
    Operation operation;
    operation.type = Operation::Type::Save;
    operation.key = accountKey(username, server);
    operation.token = token;
    operation.done = std::move(done);
    enqueue(std::move(operation));
}

void CredentialStore::loadToken(const QString &username, const QUrl &server, LoadCallback done)
{
    Operation operation;
    operation.type = Operation::Type::Load;
    operation.key = accountKey(username, server);
    operation.loaded = std::move(done);
    enqueue(std::move(operation));
}

void CredentialStore::removeToken(const QString &username, const QUrl &server, DoneCallback done)
{
    Operation operation;
    operation.type = Operation::Type::Remove;
    operation.key = accountKey(username, server);
    operation.done = std::move(done);
    enqueue(std::move(operation));
}

void CredentialStore::enqueue(Operation operation)
{
    m_queue.push_back(std::move(operation));
    scheduleNext();
}

void CredentialStore::scheduleNext()
{
    if (m_running || m_scheduled || m_queue.empty())
        return;
    m_scheduled = true;
    // Never start an operation from inside the previous one's completion: QtKeychain jobs must
    // not be started from another job's finished handler.
    QTimer::singleShot(0, this, &CredentialStore::startNext);
}

void CredentialStore::startNext()
{
    m_scheduled = false;
    if (m_running || m_queue.empty())
        return;
    m_running = true;
    const Operation &operation = m_queue.front();

    std::optional<CredentialError> refusal;
    if (operation.key.isEmpty())
        refusal = invalidArgument(u"a token needs a username and an http(s) server URL"_s);
    else if (operation.type == Operation::Type::Save && operation.token.isEmpty())
        refusal = invalidArgument(u"the token is empty"_s);
    else if (operation.type == Operation::Type::Save && operation.token.size() > maxTokenLength)
        refusal = invalidArgument(u"the token is longer than "_s + QString::number(maxTokenLength) +
                                  u" characters"_s);
    if (refusal) {
        Operation finished = std::move(m_queue.front());
        m_queue.pop_front();
        m_running = false;
        scheduleNext();
        if (finished.type == Operation::Type::Load)
            finished.loaded(*refusal);
        else
            finished.done(refusal);
        return;
    }

    const QString service = serviceName;
    switch (operation.type) {
        case Operation::Type::Save:
            qCDebug(lcClientKeychain).noquote() << "saving the token for" << operation.key;
            m_backend->writeSecret(service,
                                   operation.key,
                                   operation.token,
                                   [this](std::optional<CredentialError> error) {
                                       Operation finished = std::move(m_queue.front());
                                       finishCurrent();
                                       finished.done(std::move(error));
                                   });
            break;
        case Operation::Type::Load:
            qCDebug(lcClientKeychain).noquote() << "loading the token for" << operation.key;
            m_backend->readSecret(
              service,
              operation.key,
              [this](protocol::Result<std::optional<QString>, CredentialError> result) {
                  Operation finished = std::move(m_queue.front());
                  finishCurrent();
                  finished.loaded(std::move(result));
              });
            break;
        case Operation::Type::Remove:
            qCDebug(lcClientKeychain).noquote() << "removing the token for" << operation.key;
            m_backend->removeSecret(
              service, operation.key, [this](std::optional<CredentialError> error) {
                  Operation finished = std::move(m_queue.front());
                  finishCurrent();
                  finished.done(std::move(error));
              });
            break;
    }
}

// Called before the finished operation's callback, so that the callback may queue more work or
// destroy the store.
void CredentialStore::finishCurrent()
{
    m_queue.pop_front();
    m_running = false;
    scheduleNext();
}

} // namespace vigil::client
