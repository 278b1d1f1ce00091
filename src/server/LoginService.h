// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QObject>
#include <QString>

#include "server/Database.h"
#include "server/PasswordHasher.h"
#include "server/StoreError.h"
#include "server/User.h"

namespace vigil::server {

class LoginWorker;
template<typename Worker>
class WorkerThread;

/// Checks passwords on a worker thread. One Argon2id verification costs tens of milliseconds and
/// 64 MiB, which must not stall every socket on the event loop. The worker has its own database
/// connection (a Qt SQL connection only works on the thread that opened it), so it needs a
/// database file: an in-memory database would be a different, empty one there.
class LoginService final : public QObject
{
    Q_OBJECT

public:
    using Result = StoreResult<std::optional<User>>;
    using Callback = std::function<void(const Result &result)>;

    /// At most this many checks wait at once; more are refused at once as Busy.
    static constexpr int maxPending = 32;

    LoginService(QString databaseUrl,
                 DatabaseOptions databaseOptions,
                 PasswordHasher::Limits limits,
                 QObject *parent = nullptr);
    ~LoginService() override;

    /// Calls `done` on this object's thread with UserStore::verify()'s answer, unless `context`
    /// is gone by then.
    void verify(const QString &username, const QString &password, QObject *context, Callback done);
    int pending() const { return m_pending; }

    /// Stops the worker (waits for the check in progress).
    void stop();

private:
    std::unique_ptr<WorkerThread<LoginWorker>> m_worker;
    int m_pending = 0;
};

} // namespace vigil::server
