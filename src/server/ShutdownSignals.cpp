// SPDX-FileCopyrightText: 2026 Vigil contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ShutdownSignals.h"

#include <QSocketNotifier>

#include "common/Logging.h"

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace vigil::server {

#ifdef Q_OS_UNIX
namespace {

int pipeFds[2] = { -1, -1 };

extern "C" void onSignal(int number)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(number);
    // Nothing else is async-signal-safe enough to do here.
    [[maybe_unused]] const auto written = ::write(pipeFds[0], &byte, 1);
    errno = savedErrno;
}

void install(int number, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(number, &action, nullptr);
}

} // namespace
#endif

ShutdownSignals::ShutdownSignals(QObject *parent)
  : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (pipeFds[0] >= 0) {
        qCWarning(lcServerHttp) << "signal handlers are already installed";
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, pipeFds) != 0) {
        qCWarning(lcServerHttp) << "cannot watch SIGINT/SIGTERM:" << strerror(errno);
        pipeFds[0] = pipeFds[1] = -1;
        return;
    }
    m_notifier = new QSocketNotifier(pipeFds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ShutdownSignals::onReadable);
    install(SIGINT, onSignal);
    install(SIGTERM, onSignal);
#endif
}

ShutdownSignals::~ShutdownSignals()
{
#ifdef Q_OS_UNIX
    if (!m_notifier)
        return;
    install(SIGINT, SIG_DFL);
    install(SIGTERM, SIG_DFL);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    pipeFds[0] = pipeFds[1] = -1;
#endif
}

void ShutdownSignals::onReadable()
{
#ifdef Q_OS_UNIX
    unsigned char byte = 0;
    // Bounded: the socket is non-blocking and holds at most what the handler wrote.
    while (::read(pipeFds[1], &byte, 1) == 1)
        Q_EMIT shutdownRequested(int(byte));
#endif
}

} // namespace vigil::server
