// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AdminCommands.h"

#include <QTextStream>

#include "server/StoreError.h"
#include "server/User.h"
#include "server/UserStore.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

AdminCommands::AdminCommands(UserStore &users,
                             PasswordReader readPassword,
                             QTextStream &out,
                             QTextStream &err)
  : m_users(users)
  , m_readPassword(std::move(readPassword))
  , m_out(out)
  , m_err(err)
{
}

QString AdminCommands::usage()
{
    return u"User administration (the password is asked for without echo, or read as one line "
           u"from stdin; never from the command line):\n"
           u"  vigil-server user add <username> [--role <nurse|charge_nurse|admin|producer>]\n"
           u"                        [--hospitals <id,id,...>] [--display-name <name>]\n"
           u"    (the role defaults to nurse)\n"
           u"  vigil-server user list\n"
           u"  vigil-server user remove <username>\n"
           u"  vigil-server user passwd <username>\n"
           u"They use the store named by VIGIL_DATABASE_URL / --data-dir like the server."_s;
}

int AdminCommands::run(const QStringList &arguments, const UserOptions &options)
{
    const QString command = arguments.value(0);
    const auto wrongUsage = [this](const QString &problem) {
        m_err << "vigil-server: " << problem << "\n\n" << usage() << '\n';
        m_err.flush();
        return int(Usage);
    };
    if (command == u"list") {
        if (arguments.size() != 1)
            return wrongUsage(u"user list takes no arguments"_s);
        return list();
    }
    if (command == u"add" || command == u"remove" || command == u"passwd") {
        if (arguments.size() != 2)
            return wrongUsage(u"user %1 takes exactly one username"_s.arg(command));
        const QString username = arguments.at(1);
        if (command == u"add")
            return add(username, options);
        if (!options.role.isNull() || !options.hospitals.isNull() || !options.displayName.isNull())
            return wrongUsage(u"--role, --hospitals and --display-name only go with user add"_s);
        return command == u"remove" ? remove(username) : passwd(username);
    }
    return wrongUsage(command.isEmpty() ? u"user needs a command"_s
                                        : u"unknown user command '%1'"_s.arg(command.left(50)));
}

int AdminCommands::add(const QString &username, const UserOptions &options)
{
    // The least privileged clinical role unless told otherwise.
    const QString roleName = options.role.isNull() ? u"nurse"_s : options.role;
    const std::optional<Role> role = roleFromString(roleName);
    if (!role) {
        m_err << "vigil-server: unknown role '" << options.role.left(50)
              << "' (nurse, charge_nurse, admin or producer)\n";
        m_err.flush();
        return Usage;
    }
    User user;
    user.username = username;
    user.displayName = options.displayName;
    user.role = *role;
    for (const QString &part : options.hospitals.split(u',', Qt::SkipEmptyParts)) {
        const QString hospital = part.trimmed();
        if (!hospital.isEmpty() && !user.hospitals.contains(hospital))
            user.hospitals.append(hospital);
    }
    if (user.hospitals.isEmpty() && (*role == Role::Nurse || *role == Role::ChargeNurse)) {
        m_err << "vigil-server: note: a " << roleName << " without --hospitals sees no hospital\n";
    }
    const std::optional<QString> password = m_readPassword();
    if (!password) {
        m_err << "vigil-server: no password read; user not added\n";
        m_err.flush();
        return Failed;
    }
    const StoreResult<User> added = m_users.add(user, *password);
    if (!added) {
        m_err << "vigil-server: cannot add " << username.left(64) << ": " << added.error().message
              << '\n';
        m_err.flush();
        return added.error().code == StoreError::Code::Invalid ? Usage : Failed;
    }
    m_out << "added " << added->username << " (" << roleToString(added->role) << ")\n";
    m_out.flush();
    return Success;
}

int AdminCommands::list()
{
    const StoreResult<QList<User>> users = m_users.list();
    if (!users) {
        m_err << "vigil-server: cannot list users: " << users.error().message << '\n';
        m_err.flush();
        return Failed;
    }
    m_out << qSetFieldWidth(24) << Qt::left << "USERNAME" << qSetFieldWidth(14) << "ROLE"
          << qSetFieldWidth(24) << "HOSPITALS" << qSetFieldWidth(0) << "DISPLAY NAME\n";
    for (const User &user : users.value()) {
        const QString hospitals = user.role == Role::Admin ? u"(all)"_s : user.hospitals.join(u',');
        m_out << qSetFieldWidth(24) << user.username << qSetFieldWidth(14)
              << roleToString(user.role) << qSetFieldWidth(24) << hospitals << qSetFieldWidth(0)
              << user.displayName << '\n';
    }
    m_out.flush();
    return Success;
}

int AdminCommands::remove(const QString &username)
{
    const StoreStatus removed = m_users.remove(username);
    if (!removed) {
        m_err << "vigil-server: cannot remove " << username.left(64) << ": "
              << removed.error().message << '\n';
        m_err.flush();
        return Failed;
    }
    m_out << "removed " << username << " (tokens already issued stay valid until they expire)\n";
    m_out.flush();
    return Success;
}

int AdminCommands::passwd(const QString &username)
{
    const StoreResult<User> user = m_users.find(username);
    if (!user) {
        m_err << "vigil-server: cannot change the password of " << username.left(64) << ": "
              << user.error().message << '\n';
        m_err.flush();
        return Failed;
    }
    const std::optional<QString> password = m_readPassword();
    if (!password) {
        m_err << "vigil-server: no password read; nothing changed\n";
        m_err.flush();
        return Failed;
    }
    const StoreStatus changed = m_users.setPassword(username, *password);
    if (!changed) {
        m_err << "vigil-server: cannot change the password of " << username.left(64) << ": "
              << changed.error().message << '\n';
        m_err.flush();
        return changed.error().code == StoreError::Code::Invalid ? Usage : Failed;
    }
    m_out << "password of " << username << " changed\n";
    m_out.flush();
    return Success;
}

} // namespace vigil::server
