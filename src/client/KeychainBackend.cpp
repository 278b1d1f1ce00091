// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/KeychainBackend.h"

#include <utility>

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include "common/Logging.h"

namespace vigil::client {

namespace {

CredentialError toCredentialError(const QKeychain::Job &job)
{
    CredentialError error;
    switch (job.error()) {
        case QKeychain::AccessDeniedByUser:
        case QKeychain::AccessDenied:
            error.kind = CredentialError::Kind::AccessDenied;
            break;
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
            error.kind = CredentialError::Kind::NoBackend;
            break;
        default:
            error.kind = CredentialError::Kind::Failed;
            break;
    }
    error.message = job.errorString();
    return error;
}

/// Jobs are not parented to the backend: deleting a job whose D-Bus call is still running is not
/// safe, so a job always runs to its end and deletes itself; the context object (the backend) only
/// decides whether anyone still wants the answer.
template<typename JobType>
JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

void KeychainBackend::writeSecret(const QString &service,
                                  const QString &key,
                                  const QString &secret,
                                  DoneCallback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(service, key);
    job->setTextData(secret);
    connect(
      job, &QKeychain::Job::finished, this, [key, done = std::move(done)](QKeychain::Job *job) {
          if (job->error() != QKeychain::NoError) {
              qCWarning(lcClientKeychain).noquote()
                << "storing the secret for" << key << "failed:" << job->errorString();
              done(toCredentialError(*job));
              return;
          }
          qCDebug(lcClientKeychain).noquote() << "stored the secret for" << key;
          done(std::nullopt);
      });
    // Starting from the event loop keeps a job from ever being started inside another job's
    // finished handler (QtKeychain's Secret Service backend misbehaves then) and keeps this call
    // asynchronous.
    QTimer::singleShot(0, this, [job = QPointer(job)] {
        if (job)
            job->start();
    });
}

void KeychainBackend::readSecret(const QString &service, const QString &key, ReadCallback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(service, key);
    connect(
      job, &QKeychain::Job::finished, this, [key, done = std::move(done)](QKeychain::Job *job) {
          if (job->error() == QKeychain::EntryNotFound) {
              qCDebug(lcClientKeychain).noquote() << "no secret stored for" << key;
              done(std::optional<QString>());
              return;
          }
          if (job->error() != QKeychain::NoError) {
              qCWarning(lcClientKeychain).noquote()
                << "reading the secret for" << key << "failed:" << job->errorString();
              done(toCredentialError(*job));
              return;
          }
          done(std::optional<QString>(static_cast<QKeychain::ReadPasswordJob *>(job)->textData()));
      });
    QTimer::singleShot(0, this, [job = QPointer(job)] {
        if (job)
            job->start();
    });
}

void KeychainBackend::removeSecret(const QString &service, const QString &key, DoneCallback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(service, key);
    connect(
      job, &QKeychain::Job::finished, this, [key, done = std::move(done)](QKeychain::Job *job) {
          if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
              qCWarning(lcClientKeychain).noquote()
                << "removing the secret for" << key << "failed:" << job->errorString();
              done(toCredentialError(*job));
              return;
          }
          qCDebug(lcClientKeychain).noquote() << "removed the secret for" << key;
          done(std::nullopt);
      });
    QTimer::singleShot(0, this, [job = QPointer(job)] {
        if (job)
            job->start();
    });
}

} // namespace vigil::client
