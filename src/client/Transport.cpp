// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/Transport.h"

namespace vigil::client {

// Out of line so the vtable and moc output live in one translation unit.
Transport::~Transport() = default;

} // namespace vigil::client
