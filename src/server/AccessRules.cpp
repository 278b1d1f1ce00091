// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/AccessRules.h"

using namespace Qt::StringLiterals;

namespace vigil::server {

bool AccessRules::isClinical(Role role)
{
    return role == Role::Nurse || role == Role::ChargeNurse || role == Role::Admin;
}

bool AccessRules::canPublish(Role role)
{
    return role == Role::Producer || role == Role::Admin;
}

bool AccessRules::canPublishFor(const User &user, const QString &hospitalId)
{
    if (user.role == Role::Admin)
        return true;
    if (user.role != Role::Producer)
        return false;
    return user.hospitals.isEmpty() || user.hospitals.contains(hospitalId);
}

HospitalScope AccessRules::scopeOf(const User &user)
{
    if (user.role == Role::Admin)
        return HospitalScope::everything();
    return HospitalScope::only(user.hospitals);
}

AccessRules::Decision AccessRules::checkPatient(const User &user,
                                                const QString &patientId,
                                                const AlertStore &store,
                                                QString *detail)
{
    if (user.role == Role::Admin)
        return Decision::Allowed;
    const StoreResult<QString> hospital = store.patientHospital(patientId);
    if (!hospital) {
        if (hospital.error().code == StoreError::Code::NotFound)
            return Decision::Unauthorized;
        if (detail)
            *detail = hospital.error().message;
        return Decision::Unavailable;
    }
    return user.canSeeHospital(hospital.value()) ? Decision::Allowed : Decision::Unauthorized;
}

AccessRules::RoomCheck AccessRules::checkRoom(const User &user,
                                              QStringView room,
                                              const AlertStore &store)
{
    RoomCheck check;
    check.room = protocol::RoomName::parse(room);
    if (!check.room || check.room->kind() == protocol::RoomName::Kind::Other) {
        check.decision = Decision::InvalidRoom;
        return check;
    }
    switch (check.room->kind()) {
        case protocol::RoomName::Kind::Hospital:
            check.decision =
              user.canSeeHospital(check.room->id()) ? Decision::Allowed : Decision::Unauthorized;
            break;
        case protocol::RoomName::Kind::Triage:
            check.decision = isClinical(user.role) ? Decision::Allowed : Decision::Unauthorized;
            break;
        case protocol::RoomName::Kind::Patient:
            check.decision = checkPatient(user, check.room->id(), store, &check.detail);
            break;
        case protocol::RoomName::Kind::Other:
            check.decision = Decision::InvalidRoom;
            break;
    }
    return check;
}

QString AccessRules::textOf(Decision decision)
{
    switch (decision) {
        case Decision::Allowed:
            return {};
        case Decision::InvalidRoom:
            return invalidRoomText;
        case Decision::Unauthorized:
            return unauthorizedText;
        case Decision::Unavailable:
            return u"Service unavailable"_s;
    }
    return unauthorizedText;
}

} // namespace vigil::server
