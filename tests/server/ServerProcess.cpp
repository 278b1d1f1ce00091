// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace vigil::test {

ServerProcess::ServerProcess()
  : m_environment(QProcessEnvironment::systemEnvironment())
{
    // Settings must come from the test only.
    for (const QString &key : { u"SECRET_KEY"_s,
                                u"VIGIL_LISTEN"_s,
                                u"VIGIL_DATA_DIR"_s,
                                u"VIGIL_DATABASE_URL"_s,
                                u"REDIS_URL"_s,
                                u"SOCKET_IO_LOGGER"_s,
                                u"SOCKET_IO_CORS_ORIGINS"_s,
                                u"ALERT_RATE_LIMIT_PER_MINUTE"_s })
        m_environment.remove(key);
}

ServerProcess::~ServerProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(processWaitMs);
    }
}

QString ServerProcess::program()
{
    return QStringLiteral(VIGIL_BINARY_DIR) + u"/src/server/vigil-server"_s;
}

QUrl ServerProcess::url(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(pathAndQuery));
}

QString ServerProcess::start(const QStringList &arguments)
{
    m_out.clear();
    m_err.clear();
    m_port = 0;
    m_process.setProgram(program());
    m_process.setArguments(arguments);
    m_process.setProcessEnvironment(m_environment);
    if (!m_workingDirectory.isEmpty())
        m_process.setWorkingDirectory(m_workingDirectory);
    m_process.start();
    if (!m_process.waitForStarted(processWaitMs))
        return u"vigil-server did not start: "_s + m_process.errorString();
    static const QRegularExpression listening(u"listening on https?://[^ ]*:(\\d+)"_s);
    QDeadlineTimer deadline(processWaitMs);
    while (!deadline.hasExpired()) {
        const auto match = listening.match(output());
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return {};
        }
        if (m_process.state() == QProcess::NotRunning)
            return u"vigil-server exited (%1): %2"_s.arg(m_process.exitCode()).arg(errors());
        m_process.waitForReadyRead(50);
    }
    return u"vigil-server printed no `listening on` line: "_s + output() + errors();
}

QString ServerProcess::output()
{
    m_out += m_process.readAllStandardOutput();
    return QString::fromUtf8(m_out);
}

QString ServerProcess::errors()
{
    m_err += m_process.readAllStandardError();
    return QString::fromUtf8(m_err);
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(processWaitMs);
    output();
    errors();
}

int ServerProcess::terminate()
{
    m_process.terminate();
    if (!m_process.waitForFinished(processWaitMs)) {
        m_process.kill();
        m_process.waitForFinished(processWaitMs);
        return -1;
    }
    output();
    errors();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

ServerProcess::Result ServerProcess::run(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.setProgram(program());
    process.setArguments(arguments);
    process.setProcessEnvironment(m_environment);
    if (!m_workingDirectory.isEmpty())
        process.setWorkingDirectory(m_workingDirectory);
    process.start();
    Result result;
    if (!process.waitForStarted(processWaitMs))
        return result;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(processWaitMs)) {
        process.kill();
        process.waitForFinished(processWaitMs);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace vigil::test
