#pragma once
// Starting the Alpaca-compatible gateway for a run (headless or console), before its engine
// is built: the engine takes the bots' sources from it. Main thread.

#include "api/BotSupervisor.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Gateway.h"

#include <QString>
#include <QTimer>

#include <memory>

namespace vigil {

/// The gateway `config` asks for, listening, in `out` (null when `[gateway] enabled` is
/// false). False, with the reason printed, when it cannot listen; `problem` (if given) gets
/// the same sentence for a dialog.
bool startGateway(const Config &config, const QString &dataDir, std::unique_ptr<Gateway> &out,
                  QString *problem = nullptr);

/// The processes of the bots whose `[[bots]]` entry has a command, for one run: started
/// with the gateway's URL when made, stopped on a kill and started again after a resume (the
/// trading state read from the engine's snapshot five times a second), stopped when it goes.
/// Also gives the engine's lost-bot rule what it reads. Made on the main thread (its event
/// loop runs the processes) after the engine and before engine.start(); gone before the engine.
class BotProcesses {
public:
    BotProcesses(const Config &config, const Gateway &gateway, Engine &engine);
    ~BotProcesses();
    BotProcesses(const BotProcesses &) = delete;
    BotProcesses &operator=(const BotProcesses &) = delete;

private:
    std::unique_ptr<BotSupervisor> m_supervisor; ///< null: no bot has a command
    QTimer m_follow;
};

} // namespace vigil
