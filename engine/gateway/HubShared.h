#pragma once
// What GatewayHub and its bots' sources (BotSource) share, held by both so that neither
// outlives it: each bot's request queue, the poster to the network thread, the sinks there,
// and the market as the engine thread last saw it. Internal to engine/gateway/.
//
// Threads: as marked on each member. The poster is set before the engine runs and only read
// after; the sinks are the network thread's alone; the market table is the engine thread's
// alone; the queues are guarded by their channel's mutex.

#include "api/MarketTap.h"
#include "api/StrategySource.h"
#include "core/SpscQueue.h"
#include "gateway/GatewayHub.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace vigil::gateway {

/// One bot's way in: its queued requests and its source's doorbell.
struct BotChannel {
    struct Pending {
        BotRequest request;
        ReplyFn reply;
    };
    std::mutex mutex;                     ///< guards the two below; held only to queue or take
    std::vector<Pending> queue;           ///< network thread in, engine thread out
    StrategyDoorbell *doorbell = nullptr; ///< set while its source trades inside a running engine
    std::atomic<int> streams{0};
    std::atomic<SimTime> lastSeenWall{0};
};

/// What the engine thread keeps of one symbol's market for the latest quote, trade and bar.
struct SymbolMarket {
    LatestQuote quote; ///< time 0: none yet
    LatestTrade trade; ///< time 0: none yet
    LatestBar bar;     ///< start 0: none yet
    Price firstMid;    ///< the session's first quote's mid (the previous close is not known here)
    Money barNotional; ///< of the bar's prints, for its vwap
};

class HubShared final : public MarketTap, public std::enable_shared_from_this<HubShared> {
public:
    HubShared(std::vector<BotConfig> bots, std::vector<std::string> universe);

    const std::vector<BotConfig> bots;
    const std::vector<std::string> universe;
    std::vector<std::unique_ptr<BotChannel>> channels; ///< by bot; fixed after construction
    Poster poster;                                     ///< set before the engine runs

    // ---- network thread -----------------------------------------------------------------
    std::function<void(int, const TradeUpdate &)> tradeSink;
    std::function<void()> ticksWaiting;
    void drainTicks(std::vector<MarketTick> &out);

    // ---- engine thread ------------------------------------------------------------------
    /// Runs `work` on the network thread with this object alive (nothing without a poster).
    void post(std::function<void(HubShared &)> work);
    void onQuote(SimTime exchangeTime, const Quote &quote) override;
    void onTrade(SimTime exchangeTime, const TradePrint &trade) override;
    const SymbolMarket &market(SymbolId symbol) const { return m_market[symbol]; }

    // ---- any thread ---------------------------------------------------------------------
    std::uint64_t droppedTicks() const { return m_dropped.load(std::memory_order_relaxed); }

private:
    /// Engine thread: into the ring (dropped and counted when full), and the network thread
    /// poked unless a drain is already on its way.
    void publish(const MarketTick &tick);

    static constexpr std::size_t kTickRing = 1 << 16;
    SpscQueue<MarketTick, kTickRing> m_ticks;
    std::atomic<bool> m_drainScheduled{false};
    std::atomic<std::uint64_t> m_dropped{0};
    std::vector<SymbolMarket> m_market; ///< by SymbolId; engine thread
    std::uint64_t m_tradeIds = 0;       ///< engine thread
    std::vector<MarketTick> m_discard;  ///< network thread: ticks no one asked for
};

} // namespace vigil::gateway
