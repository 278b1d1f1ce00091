// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ServerMain.h"

// Everything (serving, --demo, user administration, --conformance) is in ServerMain.cpp, inside
// the library, so tests link the same code.
int main(int argc, char *argv[])
{
    return vigil::server::serverMain(argc, argv);
}
