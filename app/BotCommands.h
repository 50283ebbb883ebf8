#pragma once
// `vigil bot add|list|revoke`: the key pairs of the bots that trade through the gateway
// (api/BotKeys.h). Main thread only.

#include "CommandLine.h"
#include "api/Config.h"

#include <QString>

#include <optional>

namespace vigil {

/// Runs the bot command `cl` names on `dataDir`. `config` is the configuration in use, or
/// nothing when it is not valid (add then cannot check its [[bots]]). Each add and revoke is
/// recorded in the journal's audit trail as the operator when no vigil runs on `dataDir`;
/// when one does, the change still counts at once and the command says it is not recorded.
/// Exit status: 0 done, 1 failed or nothing to revoke, 2 bad arguments.
int runBotCommand(const CommandLine &cl, const std::optional<Config> &config, const QString &dataDir);

} // namespace vigil
