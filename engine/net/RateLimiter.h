#pragma once
// A bot's REST request budget: at most `limit` requests in any 60 seconds (a sliding
// window over the times of the requests it let through), and what Alpaca's X-Ratelimit-*
// headers say about it.
//
// Threads: one thread at a time (the gateway's network thread).

#include <cstdint>
#include <deque>

namespace vigil::gateway {

class RateLimiter {
public:
    struct Verdict {
        bool allowed = false;
        int limit = 0;
        int remaining = 0;        ///< requests still allowed in the window after this one
        std::int64_t resetAt = 0; ///< epoch seconds when the oldest counted request leaves the window
    };

    explicit RateLimiter(int limit);
    /// Counts a request at `nowNs` (ns since the epoch) if the window has room for it.
    Verdict take(std::int64_t nowNs);

private:
    int m_limit;
    std::deque<std::int64_t> m_times; ///< the counted requests of the last minute, oldest first
};

} // namespace vigil::gateway
