#include "api/Fixed.h"

#include <cstdlib>
#include <limits>

namespace vigil {

// GCC and Clang's 128-bit integer: exact intermediate products of two 64-bit values.
__extension__ using Int128 = __int128;

namespace detail {

std::string formatFixed4(std::int64_t raw, int minDecimals, int maxDecimals)
{
    const bool negative = raw < 0;
    // Work in unsigned so that INT64_MIN has a magnitude.
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(raw) : static_cast<std::uint64_t>(raw);
    const std::uint64_t whole = magnitude / 10'000;
    std::uint64_t frac = magnitude % 10'000;

    std::string digits = std::to_string(frac);
    digits.insert(0, 4 - digits.size(), '0');
    int keep = maxDecimals;
    while (keep > minDecimals && digits[static_cast<std::size_t>(keep) - 1] == '0')
        --keep;
    digits.resize(static_cast<std::size_t>(keep));

    std::string out;
    if (negative && magnitude != 0)
        out += '-';
    out += std::to_string(whole);
    if (keep > 0) {
        out += '.';
        out += digits;
    }
    return out;
}

std::optional<std::int64_t> parseFixed4(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        ++i;
    }
    constexpr std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t value = 0;
    int wholeDigits = 0;
    int fracDigits = 0;
    bool inFraction = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (inFraction)
                return std::nullopt;
            inFraction = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        if (inFraction) {
            if (++fracDigits > 4)
                return std::nullopt;
        } else {
            ++wholeDigits;
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > limit / 10)
            return std::nullopt;
    }
    if (wholeDigits == 0 && fracDigits == 0)
        return std::nullopt;
    if (inFraction && fracDigits == 0)
        return std::nullopt; // "12." is a typo more often than a number
    for (int k = fracDigits; k < 4; ++k)
        value *= 10;
    if (value > limit)
        return std::nullopt;
    const auto signedValue = static_cast<std::int64_t>(value);
    return negative ? -signedValue : signedValue;
}

} // namespace detail

Money mulDiv(Money value, std::int64_t numerator, std::int64_t denominator)
{
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    const Int128 product = static_cast<Int128>(value.raw()) * numerator;
    const Int128 half = denominator / 2;
    const Int128 q = product >= 0 ? (product + half) / denominator : -((-product + half) / denominator);
    return Money::fromRaw(static_cast<std::int64_t>(q));
}

Price averagePrice(Money total, Quantity qty)
{
    if (qty == 0)
        return Price{};
    return Price::fromRaw(mulDiv(total, 1, qty).raw());
}

} // namespace vigil
