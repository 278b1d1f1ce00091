// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/ContractPeer.h"

#include <csignal>

#include <QDeadlineTimer>
#include <QDir>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace vigil::testsupport {

ContractPeer::ContractPeer(QString interopDir, int startTimeoutMs)
  : m_interopDir(std::move(interopDir))
  , m_startTimeoutMs(startTimeoutMs)
{
}

ContractPeer::~ContractPeer()
{
    kill();
}

QString ContractPeer::start(const QString &node, const QStringList &environment, int port)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(node);
    m_process->setArguments({ QDir(m_interopDir).filePath(u"contract-peer.mjs"_s) });
    m_process->setWorkingDirectory(m_interopDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment)
        env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    env.insert(u"PORT"_s, QString::number(port));
    env.insert(u"EXIT_WITH_STDIN"_s, u"1"_s);
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start();
    if (!m_process->waitForStarted(m_startTimeoutMs))
        return u"node did not start: "_s + m_process->errorString();
    QDeadlineTimer deadline(m_startTimeoutMs);
    while (!m_process->canReadLine() && !deadline.hasExpired() &&
           m_process->state() == QProcess::Running)
        m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    const QByteArray line = m_process->readLine().trimmed();
    if (!line.startsWith("LISTENING "))
        return u"contract-peer.mjs did not report its port"_s;
    m_port = line.mid(10).toInt();
    return m_port > 0 ? QString() : u"contract-peer.mjs reported an invalid port"_s;
}

void ContractPeer::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(5'000);
}

void ContractPeer::signal(int number) const
{
    if (m_process && m_process->processId() > 0)
        ::kill(pid_t(m_process->processId()), number);
}

QUrl ContractPeer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

} // namespace vigil::testsupport
