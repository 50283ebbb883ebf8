#pragma once
// Text for the numbers on the dashboards. Money stays exact: it is grouped and signed
// from the fixed-point value's own decimal text, never through a double. Thread safe
// (pure functions).

#include "api/Fixed.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace vigil::format {

enum class Sign { NegativeOnly, Always };

/// "$1,234.50", "-$1,234.50"; with Sign::Always also "+$1,234.50" (zero has no sign).
QString money(Money value, Sign sign = Sign::NegativeOnly);
/// "1,234,567".
QString count(std::uint64_t value);
/// A ratio as a percentage with two decimals: 0.01234 -> "1.23%" ("+1.23%" with
/// Sign::Always). No value (a zero denominator) -> an em dash.
QString percent(std::optional<double> ratio, Sign sign = Sign::NegativeOnly);
/// `numerator / denominator` as a ratio, none when the denominator is zero.
std::optional<double> ratio(Money numerator, Money denominator);
/// A latency in the unit that keeps three significant digits: "850 ns", "12.3 µs",
/// "45.2 ms", "1.25 s".
QString duration(std::int64_t nanoseconds);
/// A heartbeat age: "120 ms", "4.2 s", "3m 05s", "1h 02m".
QString age(std::int64_t milliseconds);
/// Simulation speed: "max" for 0 (as fast as possible), else "60x", "1.5x".
QString speed(double factor);
/// A size in bytes with three significant digits: "512 KB", "13.3 MB", "71.9 GB" (1000-based).
QString bytes(std::int64_t value);
/// Basis points with one decimal and a sign when not zero: "+2.3 bp", "-0.4 bp", "0.0 bp".
QString basisPoints(double bps);
/// The text shown for a value that does not exist yet (a dash).
QString none();

} // namespace vigil::format
