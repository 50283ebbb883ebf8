#include "net/RateLimiter.h"

#include "api/Time.h"

namespace vigil::gateway {

RateLimiter::RateLimiter(int limit)
    : m_limit(limit < 1 ? 1 : limit)
{}

RateLimiter::Verdict RateLimiter::take(std::int64_t nowNs)
{
    while (!m_times.empty() && m_times.front() <= nowNs - kNsPerMinute)
        m_times.pop_front();
    Verdict v;
    v.limit = m_limit;
    v.allowed = static_cast<int>(m_times.size()) < m_limit;
    if (v.allowed)
        m_times.push_back(nowNs);
    v.remaining = m_limit - static_cast<int>(m_times.size());
    // Rounded up: at the second named, the oldest request has left the window.
    const std::int64_t oldest = m_times.empty() ? nowNs : m_times.front();
    v.resetAt = (oldest + kNsPerMinute + kNsPerSecond - 1) / kNsPerSecond;
    return v;
}

} // namespace vigil::gateway
