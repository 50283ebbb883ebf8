#pragma once
// SIGTERM, SIGINT and SIGHUP (systemd, a logout, `kill`, Ctrl+C) as a request to stop in
// order: the console and the headless run then stop as the console's Quit does (the
// engine's threads stopped, the journal drained and closed, the control socket removed),
// instead of dying where they stand. A second signal while stopping ends the process at
// once, as a signal did before.
//
// The handler only writes the signal's number to a pipe (the one thing it may safely do);
// a QSocketNotifier reads it on the event loop, which then runs the orderly stop.
//
// Thread affinity: construct and destroy in the thread that runs the event loop (main or
// the GUI thread); one at a time per process. Short commands (`vigil ctl`, backups) do not
// make one: for them the default (end at once) is the orderly stop.

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace vigil {

class SignalStop : public QObject {
    Q_OBJECT
public:
    explicit SignalStop(QObject *parent = nullptr);
    ~SignalStop() override; ///< gives the three signals their default disposition back

    /// Empty, or why the signals could not be caught (the process then ends at once on them).
    const QString &error() const { return m_error; }
    /// The first signal received (0: none yet).
    int signalNumber() const { return m_signal; }
    /// "SIGTERM", "SIGINT", "SIGHUP".
    static QString signalName(int signal);

Q_SIGNALS:
    /// Once, on the event loop, for the first signal.
    void stopRequested(int signal);

private:
    void readPipe();

    std::unique_ptr<QSocketNotifier> m_notifier;
    int m_signal = 0;
    QString m_error;
};

} // namespace vigil
