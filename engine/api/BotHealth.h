#pragma once
// The operators' bots as the health panel sees them: whether each is connected (its
// trade_updates stream, its requests), what Vigil's supervision of its process says, and
// where the engine reads both. Plain values and their words: any thread.

#include "api/Config.h"
#include "api/Time.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

/// What a bot's connection looks like now, for the health panel and `vigil status`.
struct GatewayBotLink {
    std::string botName;
    int streams = 0;          ///< trade_updates connections authenticated as it
    SimTime lastSeenWall = 0; ///< wall clock, ns since the epoch (0: never)
};

/// A bot's connection to the gateway, by the lost-bot rule (bots/BotHealthRule).
enum class BotLinkState : std::uint8_t {
    NotSeen, ///< no request and no stream since Vigil started
    Up,      ///< its trade_updates stream is connected, or it made a request within its heartbeat
    Down,    ///< neither: lost (its onLost action has been applied)
};
std::string_view toString(BotLinkState state); ///< "not seen", "up", "down"

/// What Vigil's supervision of a bot's process says (api/BotSupervisor.h).
enum class BotProcessState : std::uint8_t {
    Unsupervised, ///< no command configured: the operator runs the bot
    Starting,     ///< started, not yet running
    Running,
    Backoff, ///< it exited; started again after the backoff
    Failed,  ///< its program cannot be started (not found, not executable): not retried
    Stopped, ///< stopped by Vigil (the kill switch, the shutdown)
};
std::string_view toString(BotProcessState state); ///< "unsupervised", "starting", "running", ...

/// How the process last ended.
enum class BotExitKind : std::uint8_t { None, Exited, Crashed, FailedToStart };

/// One supervised bot's process.
struct BotProcessStatus {
    std::string bot; ///< its name ([[bots]] name)
    BotProcessState state = BotProcessState::Unsupervised;
    int restarts = 0; ///< starts after the first one
    BotExitKind lastExit = BotExitKind::None;
    int lastExitCode = 0;             ///< Exited: its status; Crashed: the signal, when known
    std::int64_t lastExitWallNs = 0;  ///< utcNowNs() when it ended (0: never)
    std::int64_t nextStartWallNs = 0; ///< Backoff: utcNowNs() of the next start
    std::string program;              ///< the command's program (never its arguments: they may hold secrets)
    std::string error;                ///< Failed: why, naming the bot and the program
};

/// What the engine reads of the bots from outside its thread, once every check of the
/// lost-bot rule (a few times a wall second at most). Each may be empty; each is called on
/// the engine thread and must return at once (a copy taken under a short lock, or an atomic
/// load): never a wait on the network or the GUI.
struct BotWatch {
    /// The gateway's view of each bot's connection (Gateway::links()).
    std::function<std::vector<GatewayBotLink>()> links;
    /// The supervisor's processes (BotSupervisor::statuses()).
    std::function<std::shared_ptr<const std::vector<BotProcessStatus>>()> processes;
};

} // namespace vigil
