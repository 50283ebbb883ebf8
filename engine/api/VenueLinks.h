#pragma once
// How a real broker venue's links stand, for the health panel: each stream's state, where
// market data comes from, and the REST budget's use. The simulator has none (applies is
// false). Plain values; any thread. The venue keeps the current value behind a short lock
// and the engine copies it into each snapshot.

#include <cstdint>
#include <string_view>

namespace vigil {

enum class LinkState : std::uint8_t {
    Connecting,   ///< opening, authenticating, subscribing
    Up,           ///< live and trusted
    CatchingUp,   ///< connected again; fetching what the gap may have hidden before trusting it
    Reconnecting, ///< down; waiting for the next attempt (backoff)
    Stalled,      ///< connected but silent beyond the threshold
};
std::string_view toString(LinkState state); ///< "connecting", "up", ...

enum class MarketDataSource : std::uint8_t { Stream, RestFallback, None };
std::string_view toString(MarketDataSource source); ///< "stream", "REST fallback", "none"

struct VenueLinks {
    bool applies = false; ///< a real broker's venue: the rest is meaningful
    bool live = false;    ///< real money (the header's LIVE)
    LinkState tradeStream = LinkState::Connecting;
    LinkState dataStream = LinkState::Connecting;
    MarketDataSource marketData = MarketDataSource::None;
    std::int32_t requestsLastMinute = 0; ///< REST requests sent in the last 60 s
    std::int32_t requestBudget = 0;      ///< at most this many in any 60 s
    std::int32_t requestsWaiting = 0;    ///< queued behind the budget
    std::int64_t rateLimitedUntilNs = 0; ///< a 429's reset (utcNowNs()), 0 if none
    std::uint32_t tradeReconnects = 0;   ///< this session
    std::uint32_t dataReconnects = 0;
};

} // namespace vigil
