// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>
#include <QStringView>

#include "protocol/Contract.h"
#include "server/AlertStore.h"
#include "server/User.h"

namespace vigil::server {

/// CONTRACT §2's access rules in one place, so the socket events and the REST routes cannot drift
/// apart.
class AccessRules final
{
public:
    /// The outcome of a room check; the texts of InvalidRoom and Unauthorized are the contract's.
    enum class Decision
    {
        Allowed,
        InvalidRoom,
        Unauthorized,
        Unavailable, ///< the store could not answer (the patient's hospital is unknown for now)
    };

    struct RoomCheck
    {
        Decision decision = Decision::InvalidRoom;
        std::optional<protocol::RoomName> room;
        /// Why the store could not answer, for logs (Unavailable only).
        QString detail;
    };

    static inline const QString invalidRoomText = QStringLiteral("Invalid room name");
    static inline const QString unauthorizedText = QStringLiteral("Unauthorized");
    static inline const QString notFoundText = QStringLiteral("Not found");

    /// nurse, charge_nurse and admin: the roles that watch the triage queue and acknowledge.
    static bool isClinical(Role role);
    /// producer and admin.
    static bool canPublish(Role role);
    /// A producer restricted to hospitals publishes only for those; one with no hospitals (a
    /// site-wide risk engine) and admins publish for any hospital.
    static bool canPublishFor(const User &user, const QString &hospitalId);
    /// What the user may see in queries: every hospital for admins, its own otherwise.
    static HospitalScope scopeOf(const User &user);

    /// Whether `user` may join (or read the history of) `room`. A patient that has no alert or
    /// triage entry yet belongs to no hospital: only admins may follow it.
    static RoomCheck checkRoom(const User &user, QStringView room, const AlertStore &store);
    /// The same rule for a bare patient id (REST `patient_id=`).
    static Decision checkPatient(const User &user,
                                 const QString &patientId,
                                 const AlertStore &store,
                                 QString *detail = nullptr);

    /// The contract's text for a refused decision (empty for Allowed).
    static QString textOf(Decision decision);
};

} // namespace vigil::server
