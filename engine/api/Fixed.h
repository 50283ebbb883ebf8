#pragma once
// Fixed-point money and prices. Thread safe (plain values).
//
// Prices and money are signed 64-bit integers counting 1/10000 of a dollar, so a cent
// is exactly 100 units and sub-penny fees (e.g. $0.0035 a share) stay exact. Quantities
// are whole shares (int64). Nothing in positions or P&L is ever a double; doubles appear
// only when a value is turned into a ratio or a chart coordinate.

#ifndef Q_MOC_RUN // Qt 6.4's moc cannot parse libstdc++'s <concepts>, which <compare> pulls in
#include <compare>
#endif
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil {

using Quantity = std::int64_t;

template<typename Tag> class Fixed4 {
public:
    static constexpr std::int64_t kScale = 10'000;

    constexpr Fixed4() = default;
    static constexpr Fixed4 fromRaw(std::int64_t raw)
    {
        Fixed4 f;
        f.m_raw = raw;
        return f;
    }
    static constexpr Fixed4 fromCents(std::int64_t cents) { return fromRaw(cents * 100); }
    static constexpr Fixed4 fromDollars(std::int64_t dollars) { return fromRaw(dollars * kScale); }

    constexpr std::int64_t raw() const { return m_raw; }
    constexpr bool isZero() const { return m_raw == 0; }
    /// For display and statistics only.
    constexpr double toDouble() const { return static_cast<double>(m_raw) / kScale; }

    constexpr Fixed4 operator+(Fixed4 o) const { return fromRaw(m_raw + o.m_raw); }
    constexpr Fixed4 operator-(Fixed4 o) const { return fromRaw(m_raw - o.m_raw); }
    constexpr Fixed4 operator-() const { return fromRaw(-m_raw); }
    constexpr Fixed4 &operator+=(Fixed4 o)
    {
        m_raw += o.m_raw;
        return *this;
    }
    constexpr Fixed4 &operator-=(Fixed4 o)
    {
        m_raw -= o.m_raw;
        return *this;
    }
    constexpr Fixed4 operator*(std::int64_t n) const { return fromRaw(m_raw * n); }
    constexpr auto operator<=>(const Fixed4 &) const = default;

    /// Exact decimal text: at least two decimals, more only when the value has them
    /// ("12.50", "-0.0035").
    std::string toString() const;
    /// Rounded (half away from zero) to `decimals` (0..4) places.
    std::string toString(int decimals) const;
    /// Parses "123", "-4.5", "0.0035". Refuses more than four decimals, exponents,
    /// blanks and values that do not fit: the caller reports the text it was given.
    static std::optional<Fixed4> parse(std::string_view text);

private:
    std::int64_t m_raw = 0;
};

struct PriceTag {};
struct MoneyTag {};
using Price = Fixed4<PriceTag>;
using Money = Fixed4<MoneyTag>;

/// Value of `qty` shares at `price`, exact.
constexpr Money notional(Price price, Quantity qty) { return Money::fromRaw(price.raw() * qty); }
/// Price of one share when `total` buys `qty` shares, rounded half away from zero.
Price averagePrice(Money total, Quantity qty);
/// `value * numerator / denominator`, rounded half away from zero, computed in 128 bits.
Money mulDiv(Money value, std::int64_t numerator, std::int64_t denominator);
/// Mid of a bid and an ask, exact at four decimals when both are on a cent grid.
constexpr Price midPrice(Price bid, Price ask) { return Price::fromRaw((bid.raw() + ask.raw()) / 2); }

namespace detail {
std::string formatFixed4(std::int64_t raw, int minDecimals, int maxDecimals);
std::optional<std::int64_t> parseFixed4(std::string_view text);
}

template<typename Tag> std::string Fixed4<Tag>::toString() const { return detail::formatFixed4(m_raw, 2, 4); }

template<typename Tag> std::string Fixed4<Tag>::toString(int decimals) const
{
    if (decimals >= 4)
        return detail::formatFixed4(m_raw, 4, 4);
    std::int64_t unit = 1;
    for (int i = decimals; i < 4; ++i)
        unit *= 10;
    const std::int64_t half = unit / 2;
    const std::int64_t rounded = m_raw >= 0 ? (m_raw + half) / unit * unit : -((-m_raw + half) / unit * unit);
    return detail::formatFixed4(rounded, decimals, decimals);
}

template<typename Tag> std::optional<Fixed4<Tag>> Fixed4<Tag>::parse(std::string_view text)
{
    if (auto raw = detail::parseFixed4(text))
        return fromRaw(*raw);
    return std::nullopt;
}

} // namespace vigil
