#pragma once
// A real broker's API keys: where they live and how Vigil gets them. Never in a file: the
// OS keyring (Secret Service over D-Bus, through qtkeychain) under the service "vigil" and
// one entry per environment ("alpaca-paper", "alpaca-live"), or, for a headless server
// without a keyring, the environment variables APCA_API_KEY_ID and APCA_API_SECRET_KEY
// (Alpaca's own names; both or neither). No function here writes a key or a secret to a
// log, and no error text contains either.
//
// Threads: any thread but the engine's; the keyring calls block (a D-Bus round trip, run on
// one keyring thread with its own event loop, at most 60 s) and need a QCoreApplication.

#include "api/Config.h"

#include <string>

namespace vigil {

/// A key pair. The secret is only ever handed to the broker's API.
struct BrokerKeyPair {
    std::string keyId;
    std::string secret;
};

/// Where a key pair was found.
enum class BrokerKeySource : std::uint8_t { None, Environment, Keyring };

struct BrokerKeyLookup {
    BrokerKeySource source = BrokerKeySource::None;
    BrokerKeyPair keys; ///< when source is not None
    std::string error;  ///< why none was found (no entry, keyring unreachable, one variable of two...)
};

/// The key pair for `environment`: the environment variables when both are set, else the
/// keyring's entry. Only one of the two variables set is an error, as is an unreachable
/// keyring when the variables are not set.
BrokerKeyLookup loadBrokerKeys(AlpacaEnvironment environment);

/// Stores `keys` in the keyring for `environment`, replacing what was there. Returns an
/// empty string or why not (the keyring unreachable or refusing).
std::string storeBrokerKeys(AlpacaEnvironment environment, const BrokerKeyPair &keys);

/// Removes the keyring's entry for `environment` (none there is not an error). Returns an
/// empty string or why not.
std::string deleteBrokerKeys(AlpacaEnvironment environment);

} // namespace vigil
