#pragma once
// The bots' key pairs. `vigil bot add NAME` makes a key id and a secret, prints them once
// and keeps only the key id, a salt and a hash of the secret, in the data directory's
// bot-keys file (no secret ever reaches a file, a log or an error message). The gateway asks
// authenticate() for every request and stream login; a key added or revoked while Vigil
// runs counts from the next request.
//
// Threads: any thread. One store may be shared by the gateway's network thread and the
// controlling thread; a revocation written by another process is seen on the next call.

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::gateway {

/// A bot's name (its strategy key, `[[bots]] name`, `vigil bot add NAME`): 1 to 32 of a-z,
/// 0-9 and '_'.
bool isValidBotName(std::string_view name);

struct BotKey {
    std::string botName;
    std::string keyId;
    std::string createdAt; ///< RFC 3339, UTC
    std::string revokedAt; ///< empty: in force
};

struct NewBotKey {
    std::string keyId;
    std::string secret; ///< shown once, then forgotten
};

class BotKeyStore {
public:
    /// The store in `dataDir` (the file need not exist yet).
    explicit BotKeyStore(const QString &dataDir);
    ~BotKeyStore();
    BotKeyStore(const BotKeyStore &) = delete;
    BotKeyStore &operator=(const BotKeyStore &) = delete;

    /// A new key pair for `botName`; throws std::runtime_error naming what failed (the file).
    NewBotKey add(const std::string &botName);
    /// Every key, in force or revoked, oldest first.
    std::vector<BotKey> list() const;
    /// Revokes every key of `botNameOrKeyId`; how many were revoked.
    int revoke(const std::string &botNameOrKeyId);
    /// The bot whose key in force this is, or none: the same answer, in the same time,
    /// whether the key id exists or not.
    std::optional<std::string> authenticate(std::string_view keyId, std::string_view secret) const;
    /// Whether `keyId` is a key in force now (the file read again if it changed; false when
    /// it cannot be read): for connections that authenticated with it earlier.
    bool inForce(std::string_view keyId) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace vigil::gateway
