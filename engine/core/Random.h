#pragma once
// Deterministic random numbers for the simulator. Not thread safe: one generator per owner.
// Own implementation (splitmix64 seeding, xoshiro256**) rather than <random> distributions,
// whose output is not specified by the standard and differs between library versions;
// a seed must mean the same session everywhere.

#include <cmath>
#include <cstdint>

namespace vigil {

constexpr std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// A stateless hash of (seed, key): the same inputs give the same value in any order.
constexpr std::uint64_t hashMix(std::uint64_t seed, std::uint64_t key)
{
    std::uint64_t s = seed ^ (key * 0xd1342543de82ef95ULL);
    return splitmix64(s);
}

class Random {
public:
    explicit Random(std::uint64_t seed = 1)
    {
        std::uint64_t s = seed;
        for (auto &word : m_s)
            word = splitmix64(s);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi)
    {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(next() % span);
    }
    /// Standard normal (Box-Muller, one value per call).
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    /// Exponential with the given mean.
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace vigil
