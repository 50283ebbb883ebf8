#include "health/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace vigil {

std::int64_t LatencyHistogram::quantile(double q) const
{
    if (m_total == 0)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    // Rank of the sample asked for, 1-based ("nearest rank").
    auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_total)));
    rank = std::max<std::uint64_t>(rank, 1);
    std::uint64_t seen = 0;
    for (int i = 0; i < kBucketCount; ++i) {
        seen += m_counts[static_cast<std::size_t>(i)];
        if (seen >= rank)
            return std::min(static_cast<std::int64_t>(upperEdge(i)), m_max);
    }
    return m_max;
}

} // namespace vigil
