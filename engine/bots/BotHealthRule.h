#pragma once
// The lost-bot rule: turns what the gateway knows of each bot's connection (BotWatch::links)
// into its health, and says when a bot has just been lost. A bot is up while its
// trade_updates stream is connected or while its last request (or stream message) is no
// older than its heartbeat; down otherwise, once it has been seen (a bot not seen since
// Vigil started is "not seen", never lost: it has nothing to lose yet).
//
// Calling contract (engine thread only; EngineCore owns one, like HealthMonitor):
// - check() once a clock message, outside the replay: at most every kCheckIntervalMs of wall
//   time it reads the links and the processes through the BotWatch (never more: a day at
//   full speed has thousands of clock messages a wall second) and returns what changed:
//   the bots lost since the last check (the core applies each one's BotConfig::onLost
//   through its typed commands, raises the alert and audits it), the bots back, and the
//   processes that newly failed to start (the core raises their alert).
// - describe() fills the snapshot's bot rows from the last check.
// It touches nothing but its own state and the two BotWatch functions.

#include "api/BotHealth.h"
#include "api/Config.h"
#include "api/Snapshot.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

class BotHealthRule {
public:
    static constexpr std::int64_t kCheckIntervalMs = 200;

    struct Event {
        enum class Kind : std::uint8_t { Lost, Back, FailedToStart };
        Kind kind = Kind::Lost;
        std::size_t bot = 0; ///< in the configuration's order (bots())
        std::string detail;  ///< why it is lost ("its stream closed and it has been silent 61 s"); the failure
    };

    /// The bots of the configuration (`[[bots]]`), in its order.
    explicit BotHealthRule(std::vector<BotConfig> bots);

    /// Before the engine runs (the controlling thread): where the links and processes are read.
    void watch(BotWatch watch) { m_watch = std::move(watch); }
    bool watching() const { return static_cast<bool>(m_watch.links) || static_cast<bool>(m_watch.processes); }
    const std::vector<BotConfig> &bots() const { return m_bots; }

    /// `monoNowNs`: wallNowNs(), for the pace of the checks; `utcNow`: utcNowNs(), the clock the
    /// links' last-seen times are on.
    std::vector<Event> check(std::int64_t monoNowNs, std::int64_t utcNow);
    /// The bots' rows, in the configuration's order, as of the last check.
    void describe(std::vector<BotRow> &rows) const;

private:
    struct Seen {
        BotLinkState state = BotLinkState::NotSeen;
        int streams = 0;
        SimTime lastSeenWall = 0;
        std::int64_t silentMs = 0;
        BotProcessStatus process;
        bool supervised = false;
    };

    std::vector<BotConfig> m_bots;
    std::vector<Seen> m_seen;
    BotWatch m_watch;
    std::int64_t m_nextCheckNs = 0;
};

} // namespace vigil
