#pragma once
// Reconnection delays: exponential from a minimum to a maximum, each with ±20 % jitter so
// that many clients that lost the same server do not come back in step. reset() after a
// connection that worked.
//
// Thread: one owner.

#include <algorithm>
#include <cstdint>
#include <random>

namespace vigil::alpaca {

class ReconnectBackoff {
public:
    ReconnectBackoff(int minMs, int maxMs)
        : m_minMs(std::max(minMs, 1))
        , m_maxMs(std::max(maxMs, minMs))
        , m_random(std::random_device{}())
    {}

    /// The delay before the next attempt, and counts it.
    int nextDelayMs()
    {
        const std::int64_t base = std::min<std::int64_t>(std::int64_t{m_minMs} << std::min(m_attempt, 20), m_maxMs);
        ++m_attempt;
        std::uniform_real_distribution<double> jitter(0.8, 1.2);
        return static_cast<int>(static_cast<double>(base) * jitter(m_random));
    }
    int attempts() const { return m_attempt; }
    void reset() { m_attempt = 0; }

private:
    int m_minMs;
    int m_maxMs;
    int m_attempt = 0;
    std::mt19937 m_random;
};

} // namespace vigil::alpaca
