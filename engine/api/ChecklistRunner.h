#pragma once
// Runs a checklist for a running engine: gathers the facts on its own worker thread (they
// are files: the journal, the backups, the disk), judges them, and records the run through
// the engine (journaled and audited). Any thread; never blocks the caller, so the console
// and `vigil ctl` can ask at any moment.

#include "api/Checklist.h"
#include "api/Commands.h"
#include "api/Config.h"

#include <QJsonObject>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace vigil {

class Engine;

class ChecklistRunner {
public:
    using Done = std::function<void(const ChecklistResult &, const CommandResult &)>;

    ChecklistRunner(Engine &engine, Config config, QString dataDir);
    /// Waits for the runs under way.
    ~ChecklistRunner();
    ChecklistRunner(const ChecklistRunner &) = delete;
    ChecklistRunner &operator=(const ChecklistRunner &) = delete;

    /// Any thread, never blocks. `done` runs on the worker or the engine thread, once the
    /// run is recorded (or refused: the result says why).
    void run(ChecklistKind kind, std::string startedBy, std::string actor, Done done);
    /// Blocks until the run is judged and recorded (for the headless day's end and tests).
    ChecklistResult runAndWait(ChecklistKind kind, const std::string &startedBy, const std::string &actor,
                               CommandResult *recorded = nullptr);
    /// Judges without recording.
    ChecklistResult judge(ChecklistKind kind, const std::string &startedBy, const std::string &actor) const;

private:
    Engine &m_engine;
    const Config m_config;
    const QString m_dataDir;
    QThreadPool m_pool;
};

/// The result as `vigil check --json` prints it.
QJsonObject checklistToJson(const ChecklistResult &result);

} // namespace vigil
