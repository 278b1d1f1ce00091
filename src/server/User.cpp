// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/User.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

QString roleToString(Role role)
{
    switch (role) {
        case Role::Nurse:
            return u"nurse"_s;
        case Role::ChargeNurse:
            return u"charge_nurse"_s;
        case Role::Admin:
            return u"admin"_s;
        case Role::Producer:
            return u"producer"_s;
    }
    return u"nurse"_s;
}

std::optional<Role> roleFromString(QStringView text)
{
    for (const Role role : { Role::Nurse, Role::ChargeNurse, Role::Admin, Role::Producer }) {
        if (text == roleToString(role))
            return role;
    }
    return std::nullopt;
}

bool User::canSeeHospital(const QString &hospitalId) const
{
    return role == Role::Admin || hospitals.contains(hospitalId);
}

} // namespace vigil::server
