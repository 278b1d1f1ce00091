// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace vigil::testsupport {

/// tests/interop/contract-peer.mjs in a child process, restartable on the same port with the same
/// store. It exits when its stdin closes, so a crashed test leaves no peer behind.
class ContractPeer
{
public:
    /// `interopDir` holds contract-peer.mjs and its node_modules.
    explicit ContractPeer(QString interopDir, int startTimeoutMs = 20'000);
    ~ContractPeer();

    /// Empty on success, else why it could not start. `port` 0 lets the OS choose.
    QString start(const QString &node, const QStringList &environment, int port = 0);
    void kill();
    void signal(int number) const;

    int port() const { return m_port; }
    QUrl url() const;

private:
    QString m_interopDir;
    int m_startTimeoutMs;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
};

} // namespace vigil::testsupport
