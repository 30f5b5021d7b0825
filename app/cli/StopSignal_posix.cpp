#include "StopSignal.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace Petrel::Cli {

namespace {

// The self-pipe: the handler only write()s the signal number (async-signal-safe); the event loop
// reads it through a QSocketNotifier.
int g_pipe[2] = {-1, -1};

extern "C" void onStopSignal(int number)
{
    const unsigned char byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
}

void setHandler(int number, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(number, &action, nullptr);
}

} // namespace

StopSignal::StopSignal(QObject *parent) : QObject(parent)
{
    if (g_pipe[0] >= 0 || ::pipe(g_pipe) != 0)
        return;
    for (int fd : g_pipe)
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char byte = 0;
        int last = 0;
        while (::read(g_pipe[0], &byte, 1) == 1)
            last = byte;
        if (last != 0)
            Q_EMIT stopRequested(last == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM"));
    });
    setHandler(SIGINT, onStopSignal);
    setHandler(SIGTERM, onStopSignal);
    m_installed = true;
}

StopSignal::~StopSignal()
{
    if (!m_installed)
        return;
    setHandler(SIGINT, SIG_DFL);
    setHandler(SIGTERM, SIG_DFL);
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

} // namespace Petrel::Cli
