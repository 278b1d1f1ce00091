// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace vigil::server {

/// The whole of vigil-server's main(): serving (with --demo), `user` administration and the
/// --conformance mode. Creates the QCoreApplication.
int serverMain(int argc, char **argv);

} // namespace vigil::server
