// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

/// The built vigil-server as a child process. Every wait is bounded.
namespace vigil::test {

inline constexpr int processWaitMs = 20'000;

class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();

    static QString program();

    /// The environment the next start() or run() uses (the test's own, plus what is set here).
    QProcessEnvironment &environment() { return m_environment; }
    void setWorkingDirectory(const QString &dir) { m_workingDirectory = dir; }

    /// Starts serving and waits for the `listening on` line; empty on success, else what happened.
    QString start(const QStringList &arguments);
    quint16 port() const { return m_port; }
    QUrl url(const QString &pathAndQuery = {}) const;

    /// SIGKILL: no chance to clean up, as in a crash or power cut of the process.
    void kill();
    /// SIGTERM, then waits for the exit; the exit code, or -1 when it did not exit normally.
    int terminate();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    /// Everything written so far.
    QString output();
    QString errors();

    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    /// Runs to completion with `input` on stdin (then closed).
    Result run(const QStringList &arguments, const QByteArray &input = {});

private:
    QProcessEnvironment m_environment;
    QString m_workingDirectory;
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    quint16 m_port = 0;
};

} // namespace vigil::test
