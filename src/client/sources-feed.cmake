# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# AlertFeed: rooms, backfill merged with live events, triage queue, acknowledgements.
target_sources(vigil_client PRIVATE AlertFeed.h AlertFeed.cpp)
