#pragma once
// How the streams check a key pair: BotKeyStore::authenticate's signature, given to them as
// a function so that they need no store of their own. Any thread (a type).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::gateway {

/// The bot whose key in force this is, or none.
using Authenticate = std::function<std::optional<std::string>(std::string_view keyId, std::string_view secret)>;
/// Whether a key that authenticated a connection earlier is still in force (not revoked);
/// the streams ask it once a second and close what a revoked key opened.
using KeyInForce = std::function<bool(std::string_view keyId)>;

} // namespace vigil::gateway
