#pragma once
// Minute bars of the market's trades, as Alpaca's data stream sends them ("b"): one bar per
// symbol and minute that had trades (open, high, low, close, volume, trade count and
// volume-weighted average price), emitted once its minute has closed. The ticks of every
// symbol share the venue's clock, so the first tick of a later minute, whatever its symbol,
// closes the bars of the minutes before it. The simulator prints trades (SimMarket), so
// bars come from trades only, as Alpaca's do.
//
// Threads: one owner (the market data hub, on the gateway's network thread).

#include "api/Fixed.h"
#include "api/Types.h"
#include "gateway/GatewayTypes.h"

#include <cstdint>
#include <vector>

namespace vigil::gateway {

struct MinuteBar {
    SymbolId symbol = 0;
    SimTime start = 0; ///< the minute it covers
    Price open, high, low, close;
    std::int64_t volume = 0;
    std::int64_t tradeCount = 0;
    Price vwap; ///< rounded half away from zero to the price grid
};

class MinuteBars {
public:
    /// Symbols 0 .. symbols-1 (the universe); ticks of others are ignored.
    explicit MinuteBars(std::size_t symbols);

    /// Accounts for `tick`: first appends to `closed` the bars of the minutes before its
    /// own (by SymbolId), then a trade adds to its symbol's bar. A trade stamped in a minute
    /// already closed (out of order) counts in no bar.
    void add(const MarketTick &tick, std::vector<MinuteBar> &closed);

private:
    struct Building {
        Price open, high, low, close;
        std::int64_t volume = 0;
        std::int64_t tradeCount = 0;
        Money notional;
    };

    std::vector<Building> m_bars;   ///< by SymbolId, for the open minute
    std::vector<SymbolId> m_traded; ///< symbols with a trade in the open minute
    SimTime m_minute;               ///< start of the open minute
    bool m_started = false;
};

} // namespace vigil::gateway
