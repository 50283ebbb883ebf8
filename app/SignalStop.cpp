#include "SignalStop.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace vigil {

namespace {

constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};
int g_pipe[2] = {-1, -1};
volatile std::sig_atomic_t g_received = 0;

/// Async-signal-safe only: a flag, a write, and for a second signal the default death.
void onSignal(int signal)
{
    if (g_received != 0) {
        std::signal(signal, SIG_DFL); // stopping already: the operator means it
        std::raise(signal);
        return;
    }
    g_received = signal;
    const int saved = errno;
    const auto byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

} // namespace

SignalStop::SignalStop(QObject *parent)
    : QObject(parent)
{
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        m_error =
            QStringLiteral("cannot make a pipe for signals: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    g_received = 0;
    m_notifier = std::make_unique<QSocketNotifier>(g_pipe[0], QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &SignalStop::readPipe);
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : kSignals)
        if (::sigaction(signal, &action, nullptr) != 0)
            m_error = QStringLiteral("cannot catch %1: %2")
                          .arg(signalName(signal), QString::fromLocal8Bit(std::strerror(errno)));
}

SignalStop::~SignalStop()
{
    for (const int signal : kSignals)
        std::signal(signal, SIG_DFL);
    m_notifier.reset();
    for (int &fd : g_pipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

QString SignalStop::signalName(int signal)
{
    switch (signal) {
    case SIGTERM: return QStringLiteral("SIGTERM");
    case SIGINT: return QStringLiteral("SIGINT");
    case SIGHUP: return QStringLiteral("SIGHUP");
    }
    return QStringLiteral("signal %1").arg(signal);
}

void SignalStop::readPipe()
{
    unsigned char byte = 0;
    while (::read(g_pipe[0], &byte, 1) == 1) {
        if (m_signal != 0)
            continue;
        m_signal = byte;
        Q_EMIT stopRequested(m_signal);
    }
}

} // namespace vigil
