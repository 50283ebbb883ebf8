#pragma once
// `vigil broker set-keys|keys|delete-keys`: Alpaca's API keys in the OS keyring
// (api/BrokerKeys.h). Main thread only; the keyring calls block on D-Bus.

#include "CommandLine.h"
#include "api/Config.h"

namespace vigil {

/// Runs the broker command `cl` names on the keys of `environment`. set-keys reads the key
/// id and then the secret from the terminal (the secret not echoed) or, when standard input
/// is not a terminal, its first two lines. No key is ever taken from an argument, and no
/// secret is ever printed. Exit status: 0 done, 1 failed (keys prints 1 when there are none),
/// 2 bad input.
int runBrokerCommand(const CommandLine &cl, AlpacaEnvironment environment);

} // namespace vigil
