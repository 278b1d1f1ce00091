// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Logging.h"

// Protocol traces are chatty: they start at Info and are turned on explicitly.
Q_LOGGING_CATEGORY(lcProtocol, "vigil.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientManager, "vigil.client.manager", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientSocket, "vigil.client.socket", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientApi, "vigil.client.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientFeed, "vigil.client.feed", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientKeychain, "vigil.client.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerEngine, "vigil.server.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerSocketIo, "vigil.server.socketio", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerHttp, "vigil.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerStore, "vigil.server.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerAuth, "vigil.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerAlerts, "vigil.server.alerts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConsole, "vigil.console", QtInfoMsg)
