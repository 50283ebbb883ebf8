#pragma once
// Control from outside the window: `vigil ctl` talks to the running instance (console or
// headless) over a local socket that only the same user can open.
//
// One running instance per data directory: it holds DATA_DIR/vigil.lock (InstanceLock.h)
// and listens on a socket named after the data directory, in the user's private runtime
// directory. The protocol is one JSON object
// per line each way: a request, then its reply.
//
// Request: {"command": "pause", "reason": "...", "ack": "...", "message": "...",
//           "scope": "all|strategy|symbol", "target": "...", "wait_ms": 60000}
// Reply:   {"ok": true, "message": "...", "state": "PAUSED", "status": {...}}
//
// Thread affinity: ControlServer lives in the thread that runs its event loop (the GUI
// thread, or main in a headless run); the client functions block their caller and are for
// the command line.

#include "api/Commands.h"
#include "api/Snapshot.h"

#include <QJsonObject>
#include <QLocalServer>
#include <QObject>
#include <QString>

class QLocalSocket;

namespace vigil {

struct ReconciliationResult;

class Engine;

/// The socket `vigil` listens on for the data directory `dataDir`; empty (with `error`) if
/// the private runtime directory cannot be made.
QString controlSocketPath(const QString &dataDir, QString *error = nullptr);

/// The snapshot as `vigil ctl status --json` gives it: state, P&L, exposure, open positions,
/// distances to every limit, flatten, stopped strategies. The account's money as decimal
/// strings to the cent, the figures the console prints (api/PrintedPnl.h: the totals are
/// the sums of the printed parts); each position's prices as kept, to 1/10000.
QJsonObject statusJson(const Snapshot &s);
/// The same for a person to read.
QString statusText(const Snapshot &s);
/// A reconciliation as `vigil ctl reconcile --json` gives it: complete, clean, summary, and
/// every difference with its key, kind code, quantities, average prices and resolutions.
QJsonObject reconciliationJson(const ReconciliationResult &result);

/// A request as the server reads it. `error` says what is wrong with a bad one.
struct ControlRequest {
    Command command;
    int waitMs = 0; ///< flatten: how long to wait for "flat" (0: do not wait)
};
bool parseControlRequest(const QByteArray &line, ControlRequest &out, QString &error);
QByteArray encodeControlRequest(const Command &command, int waitMs);

class ChecklistRunner;
struct ChecklistResult;

/// Listens for `vigil ctl` and hands its commands to the engine. It must outlive the
/// engine's threads (stop the engine first): answers come back from them.
class ControlServer : public QObject {
    Q_OBJECT
public:
    ControlServer(Engine &engine, QObject *parent = nullptr);
    ~ControlServer() override;
    /// Starts listening for the instance on `dataDir`; returns an empty string or why not.
    QString listen(const QString &dataDir);
    QString socketPath() const;
    /// Lets `vigil check` run checklists here (recorded by this instance); without one the
    /// request is refused. The runner must outlive the server's use of it.
    void setChecklistRunner(ChecklistRunner *runner) { m_checklists = runner; }

private:
    void accept();
    void read(QLocalSocket *socket);
    /// What an answer waits for: nothing, a snapshot newer than the command, "flat", or
    /// what a drill did at the venue.
    enum class Wait { None, Snapshot, Flat, Drill };
    void finish(QLocalSocket *socket, CommandResult result, Wait wait, std::uint64_t afterVersion, qint64 deadlineMs);
    void answer(QLocalSocket *socket, const CommandResult &result, bool withStatus);
    /// Answers `vigil ctl reconcile` once a snapshot shows what the run did (or at the deadline).
    void answerReconciliation(QLocalSocket *socket, const ReconciliationResult &result, const CommandResult &recorded,
                              qint64 deadlineMs);

    /// Answers `vigil check` once the run is on disk (or at the deadline).
    void answerChecklist(QLocalSocket *socket, const ChecklistResult &result, const CommandResult &recorded,
                         qint64 deadlineMs);

    Engine &m_engine;
    QLocalServer m_server;
    ChecklistRunner *m_checklists = nullptr;
};

/// What the client got back. `reached` is false when no instance answered.
struct ControlReply {
    bool reached = false;
    QString error; ///< why the instance could not be reached, or the reply not read
    QJsonObject reply;
};
/// Sends one request to the instance on `dataDir` and waits up to `timeoutMs` for its reply.
ControlReply sendControlRequest(const QString &dataDir, const QByteArray &request, int timeoutMs);

} // namespace vigil
