// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QString>
#include <QStringList>

class QTextStream;

namespace vigil::server {

class UserStore;

/// `vigil-server user add|list|remove|passwd`: user administration on the store, for admins at
/// the server's shell. Passwords never come from the command line (every local user can read
/// argv through ps): they come from the reader, a prompt without echo or a line of stdin.
class AdminCommands final
{
public:
    /// The password, or std::nullopt when none could be read (end of input, mismatch).
    using PasswordReader = std::function<std::optional<QString>()>;

    /// `--role`, `--hospitals`, `--display-name` of `user add`; null when not given.
    struct UserOptions
    {
        QString role;
        QString hospitals;
        QString displayName;
    };

    /// Exit codes: success, a failed operation (unknown user, store error), wrong usage.
    enum ExitCode
    {
        Success = 0,
        Failed = 1,
        Usage = 2,
    };

    AdminCommands(UserStore &users,
                  PasswordReader readPassword,
                  QTextStream &out,
                  QTextStream &err);

    /// `arguments` are what follows `user` (`add nurse1`, `list`, ...).
    int run(const QStringList &arguments, const UserOptions &options);

    /// The usage text printed by --help and on wrong usage.
    static QString usage();

private:
    int add(const QString &username, const UserOptions &options);
    int list();
    int remove(const QString &username);
    int passwd(const QString &username);

    UserStore &m_users;
    PasswordReader m_readPassword;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace vigil::server
