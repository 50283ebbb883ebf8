#pragma once
// Vigil starts and watches the operators' bot processes: every [[bots]] entry with a
// command is started in its working directory with the gateway's URLs in its environment
// (never a key: Vigil keeps only the key's hash, so the operator gives the bot its key, in
// the bot's own configuration or environment); its standard output and error go to Vigil's
// log line by line, prefixed with the bot's name; when it exits it is started again after a
// backoff (1 s, doubling to 60 s; back to 1 s once it has run 5 minutes); the kill switch and
// the shutdown stop it (SIGTERM, then SIGKILL after a grace period). A program that cannot
// be started (not found, not executable) is an error naming the bot and the program, logged
// once and shown in the health panel (the lost-bot rule raises the alert); it is not retried.
//
// Threads: everything but statuses() on the thread that made it (the console's GUI thread or
// the headless run's main thread), which must run a Qt event loop: the processes and the
// timers live there, and nothing here blocks it (output is read when it is there). The
// destructor waits for the bots to end, at most the grace period and a little more.
// statuses() is thread safe and never blocks (the engine thread reads it).

#include "api/BotHealth.h"
#include "api/Config.h"
#include "api/TradingState.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil {

struct BotSupervisorSetup {
    /// The gateway's REST base ("http://127.0.0.1:8788", https with TLS: Gateway::url()).
    std::string baseUrl;
    std::int64_t firstBackoffMs = 1'000; ///< the first restart's wait; doubled after each quick exit
    std::int64_t maxBackoffMs = 60'000;
    std::int64_t stableMs = 5 * 60'000; ///< a run this long starts the backoff over
    std::int64_t graceMs = 5'000;       ///< between SIGTERM and SIGKILL
};

/// The environment a bot is started with, beside Vigil's own: the Alpaca SDKs' names for the
/// REST base (APCA_API_BASE_URL, and APCA_API_DATA_URL for the latest quotes), the streams
/// (APCA_API_STREAM_URL: trade_updates, ws://HOST:PORT/stream; APCA_API_DATA_STREAM_URL: the
/// market data stream's base, to which the SDKs add /v2/{feed}) and VIGIL_BOT_NAME.
std::vector<std::pair<std::string, std::string>> botEnvironment(const std::string &baseUrl, const BotConfig &bot);

class BotSupervisor {
public:
    /// Supervises the bots of `bots` that have a command (the others are not its business).
    BotSupervisor(std::vector<BotConfig> bots, BotSupervisorSetup setup);
    ~BotSupervisor(); ///< stops every bot
    BotSupervisor(const BotSupervisor &) = delete;
    BotSupervisor &operator=(const BotSupervisor &) = delete;

    /// Starts every supervised bot that is not running (a Failed one is tried once more).
    void startAll();
    /// Stops every bot, SIGTERM then SIGKILL after the grace period; none restarts until
    /// startAll(). `why` goes to the log.
    void stopAll(const std::string &why);
    /// Follows the trading state: the kill switch stops the bots; a resume from it starts
    /// them again. Call with every state seen (repeats are ignored).
    void followTradingState(TradingState state);

    /// The supervised bots, in the configuration's order.
    std::size_t size() const;
    /// Thread safe, never blocks: each supervised bot's process as it stands now.
    std::shared_ptr<const std::vector<BotProcessStatus>> statuses() const;
    /// The process id of bot `index` while it runs (0 otherwise).
    std::int64_t processId(std::size_t index) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace vigil
