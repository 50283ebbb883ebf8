#pragma once
// Fixed-memory latency histogram: log-linear buckets (32 per power of two) from 1 ns to
// about 18 minutes, so any percentile is within ~3 % of the true value and recording is a
// handful of instructions with no allocation. Not thread safe: owned by one thread; copy
// it (it is a plain array) to publish it.

#include <array>
#include <bit>
#include <cstdint>

namespace vigil {

class LatencyHistogram {
public:
    static constexpr int kSubBucketBits = 5;
    static constexpr int kSubBuckets = 1 << kSubBucketBits;
    static constexpr int kMaxExponent = 40; ///< values up to 2^40 ns (~18 min); larger clamp
    static constexpr int kBucketCount = (kMaxExponent - kSubBucketBits + 2) * kSubBuckets;

    void record(std::int64_t valueNs)
    {
        if (valueNs < 0)
            valueNs = 0;
        ++m_counts[static_cast<std::size_t>(indexOf(static_cast<std::uint64_t>(valueNs)))];
        ++m_total;
        if (valueNs > m_max)
            m_max = valueNs;
    }

    std::uint64_t count() const { return m_total; }
    std::int64_t max() const { return m_max; }
    /// The value at quantile q (0..1): the upper edge of the bucket holding it, capped at max().
    std::int64_t quantile(double q) const;
    void reset() { *this = LatencyHistogram{}; }
    /// Values recorded in bucket `index` (0 .. kBucketCount - 1).
    std::uint64_t bucket(int index) const { return m_counts[static_cast<std::size_t>(index)]; }

    /// Bucket index of a value; exposed for tests.
    static int indexOf(std::uint64_t value)
    {
        if (value < kSubBuckets)
            return static_cast<int>(value);
        const int exponent = static_cast<int>(std::bit_width(value)) - 1; // >= kSubBucketBits
        if (exponent > kMaxExponent)
            return kBucketCount - 1;
        const int shift = exponent - kSubBucketBits;
        const int sub = static_cast<int>((value >> shift) & (kSubBuckets - 1));
        return (shift + 1) * kSubBuckets + sub;
    }
    /// Largest value that falls in bucket `index`.
    static std::uint64_t upperEdge(int index)
    {
        if (index < kSubBuckets)
            return static_cast<std::uint64_t>(index);
        const int shift = index / kSubBuckets - 1;
        const std::uint64_t sub = static_cast<std::uint64_t>(index % kSubBuckets) | kSubBuckets;
        return ((sub + 1) << shift) - 1;
    }

private:
    std::array<std::uint64_t, kBucketCount> m_counts{};
    std::uint64_t m_total = 0;
    std::int64_t m_max = 0;
};

} // namespace vigil
