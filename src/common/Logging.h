// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One category per subsystem. Users turn output on with QT_LOGGING_RULES, e.g.
// QT_LOGGING_RULES="vigil.client.*.debug=true". Libraries never use bare qDebug().
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcClientManager)
Q_DECLARE_LOGGING_CATEGORY(lcClientSocket)
Q_DECLARE_LOGGING_CATEGORY(lcClientApi)
Q_DECLARE_LOGGING_CATEGORY(lcClientFeed)
Q_DECLARE_LOGGING_CATEGORY(lcClientKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcServerEngine)
Q_DECLARE_LOGGING_CATEGORY(lcServerSocketIo)
Q_DECLARE_LOGGING_CATEGORY(lcServerHttp)
Q_DECLARE_LOGGING_CATEGORY(lcServerStore)
Q_DECLARE_LOGGING_CATEGORY(lcServerAuth)
Q_DECLARE_LOGGING_CATEGORY(lcServerAlerts)
Q_DECLARE_LOGGING_CATEGORY(lcConsole)
