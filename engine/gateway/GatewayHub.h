#pragma once
// The meeting point of the gateway's network thread and the engine thread. Each configured
// bot is one StrategySource (BotSource) trading inside the engine; the network thread hands
// a bot's requests to the hub, which queues them for that source and rings its doorbell; on
// the engine thread the source answers them, and the hub carries the answers, the bot's
// trade updates and the market's ticks back to the network thread through the poster the
// server gave it. Nothing here waits for the other thread: queues are short critical
// sections, and the market ticks travel through a lock-free ring.
//
// Threads: construction, takeSources() and setPoster() on the controlling thread before
// the engine runs; the "network thread" calls on the gateway's own thread only; the
// sources' calls on the engine thread only (StrategySource's contract).

#include "api/Config.h"
#include "gateway/GatewayTypes.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {
class MarketTap;
class StrategySource;
}

namespace vigil::gateway {

/// Runs a function on the network thread, soon (boost::asio::post on its io_context). Any
/// thread; never blocks.
using Poster = std::function<void(std::function<void()>)>;

/// Called on the network thread with the engine's answer to one request, exactly once.
using ReplyFn = std::function<void(BotReply)>;

/// What the hub knows of a bot's connection, for the health panel and the lost-bot rule.
struct BotLink {
    int streams = 0;          ///< trade_updates connections authenticated as it
    SimTime lastSeenWall = 0; ///< wall clock (ns since the epoch) of its last request or stream message
};

class GatewayHub {
public:
    /// One bot per entry of `bots` (validated by the configuration); `universe` is the
    /// venue's symbols by SymbolId.
    GatewayHub(std::vector<BotConfig> bots, std::vector<std::string> universe);
    ~GatewayHub();
    GatewayHub(const GatewayHub &) = delete;
    GatewayHub &operator=(const GatewayHub &) = delete;

    // ---- controlling thread, before the engine runs ----------------------------------
    /// The bots' strategy sources in the configuration's order; once.
    std::vector<std::unique_ptr<StrategySource>> takeSources();
    /// Where answers, trade updates and the tick doorbell go.
    void setPoster(Poster poster);
    /// What the engine publishes its market to (EngineExtensions::marketTap); lives as long
    /// as the hub.
    MarketTap &marketTap();
    /// After the engine's thread has ended (the session closed, or stop()): what waits, and
    /// every request from now on, is answered 503 (nothing would poll the bots any more).
    void engineStopped();

    // ---- any thread --------------------------------------------------------------------
    const std::vector<BotConfig> &bots() const;
    const std::vector<std::string> &universe() const;
    /// The bot configured as `name`, or -1.
    int botIndex(std::string_view name) const;

    // ---- network thread ----------------------------------------------------------------
    /// Queues `request` for bot `bot`; `reply` runs on the network thread when the engine
    /// has answered (ApiError 503 when the engine is not running).
    void request(int bot, BotRequest request, ReplyFn reply);
    /// Where every trade update of every bot goes (network thread).
    void setTradeUpdateSink(std::function<void(int bot, const TradeUpdate &)> sink);
    /// Called on the network thread when ticks wait in the ring (once per batch, not per tick).
    void setTickSink(std::function<void()> ticksWaiting);
    /// Takes the ticks the engine published since the last call, oldest first.
    void drainTicks(std::vector<MarketTick> &out);
    /// The bot's connection, as the streams and requests note it.
    void noteStream(int bot, int delta);
    void noteSeen(int bot);

    // ---- any thread --------------------------------------------------------------------
    /// The bot's connection as last noted (atomics: the console's and the lost-bot rule's
    /// reads never wait for the network thread).
    BotLink link(int bot) const;
    /// Ticks the engine dropped because the ring was full (the network thread fell behind).
    std::uint64_t droppedTicks() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace vigil::gateway
