// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/MemoryCredentialBackend.h"

#include <utility>

#include <QTimer>

namespace vigil::client {

// Each operation takes effect when it completes, in the order operations were started, as a
// keychain daemon answering requests in turn would.

void MemoryCredentialBackend::writeSecret(const QString &service,
                                          const QString &key,
                                          const QString &secret,
                                          DoneCallback done)
{
    ++m_operations;
    QTimer::singleShot(
      0,
      this,
      [this, failure = m_failure, entry = qMakePair(service, key), secret, done = std::move(done)] {
          if (failure) {
              done(failure);
              return;
          }
          m_secrets.insert(entry, secret);
          done(std::nullopt);
      });
}

void MemoryCredentialBackend::readSecret(const QString &service,
                                         const QString &key,
                                         ReadCallback done)
{
    ++m_operations;
    QTimer::singleShot(
      0,
      this,
      [this, failure = m_failure, entry = qMakePair(service, key), done = std::move(done)] {
          if (failure) {
              done(*failure);
              return;
          }
          const auto it = m_secrets.constFind(entry);
          done(it == m_secrets.cend() ? std::optional<QString>() : std::optional<QString>(*it));
      });
}

void MemoryCredentialBackend::removeSecret(const QString &service,
                                           const QString &key,
                                           DoneCallback done)
{
    ++m_operations;
    QTimer::singleShot(
      0,
      this,
      [this, failure = m_failure, entry = qMakePair(service, key), done = std::move(done)] {
          if (failure) {
              done(failure);
              return;
          }
          m_secrets.remove(entry);
          done(std::nullopt);
      });
}

std::optional<QString> MemoryCredentialBackend::secret(const QString &service,
                                                       const QString &key) const
{
    const auto it = m_secrets.constFind(qMakePair(service, key));
    if (it == m_secrets.cend())
        return std::nullopt;
    return *it;
}

} // namespace vigil::client
