// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>
#include <QStringList>

namespace vigil::server {

/// CONTRACT §2 roles.
enum class Role
{
    Nurse,
    ChargeNurse,
    Admin,
    Producer,
};

/// `nurse`, `charge_nurse`, `admin`, `producer`.
QString roleToString(Role role);
std::optional<Role> roleFromString(QStringView text);

/// A user as logins and tokens see it (the password hash stays in the store).
struct User
{
    QString username;
    QString displayName;
    Role role = Role::Nurse;
    /// Hospital ids the user may see; admins see every hospital whatever this holds.
    QStringList hospitals;
    /// The generation of the user's credentials, carried by its tokens as `tv`: adding the user
    /// and changing its password raise it, and a token with an older one is revoked. 0 for a user
    /// built by hand or from a token without `tv`.
    qint64 tokenVersion = 0;

    /// Whether the user may see `hospitalId` (admins see all).
    bool canSeeHospital(const QString &hospitalId) const;

    friend bool operator==(const User &, const User &) = default;
};

} // namespace vigil::server
