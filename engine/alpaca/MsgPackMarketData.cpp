#include "alpaca/MsgPackMarketData.h"

namespace vigil::alpaca {

namespace {

std::uint64_t bigEndian(const char *data, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | static_cast<unsigned char>(data[i]);
    return v;
}

/// Seconds and nanoseconds as SimTime, when it holds them (years 1677 to 2262).
bool toSimTime(std::int64_t seconds, std::uint32_t nanoseconds, SimTime &out)
{
    constexpr std::int64_t kLimit = std::numeric_limits<SimTime>::max() / kNsPerSecond - 1;
    if (nanoseconds >= kNsPerSecond || seconds > kLimit || seconds < -kLimit)
        return false;
    out = seconds * kNsPerSecond + static_cast<SimTime>(nanoseconds);
    return true;
}

} // namespace

bool timestampFromExt(const char *data, std::uint32_t size, SimTime &out)
{
    if (size < 1 || static_cast<signed char>(data[0]) != -1)
        return false;
    const char *body = data + 1;
    switch (size - 1) {
    case 4: // timestamp 32: unsigned seconds
        return toSimTime(static_cast<std::int64_t>(bigEndian(body, 4)), 0, out);
    case 8: { // timestamp 64: 30 bits of nanoseconds, 34 bits of unsigned seconds
        const std::uint64_t v = bigEndian(body, 8);
        return toSimTime(static_cast<std::int64_t>(v & 0x3'ffff'ffffULL), static_cast<std::uint32_t>(v >> 34), out);
    }
    case 12: // timestamp 96: unsigned 32-bit nanoseconds, signed 64-bit seconds
        return toSimTime(static_cast<std::int64_t>(bigEndian(body + 4, 8)),
                         static_cast<std::uint32_t>(bigEndian(body, 4)), out);
    default: return false;
    }
}

} // namespace vigil::alpaca
