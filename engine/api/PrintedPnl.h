#pragma once
// The day's P&L as a person reads it: in the daily report, on the console's tiles and in
// `vigil ctl status`. Each part is rounded to the cent once (roundToCent), and every figure
// printed as the sum of others is the sum of the printed parts, so that what is printed adds
// up as printed. The exact values stay in the books. Thread safe (a pure function).

#include "api/Fixed.h"

#include <cstdint>

namespace vigil {

/// The one rounding of a printed amount: half away from zero to the cent (as
/// Fixed4::toString(2) rounds). Every figure a person reads is rounded here once; a total
/// printed beside its parts is the sum of the rounded parts (docs/ARCHITECTURE.md, Printed
/// figures).
template<typename Tag> constexpr Fixed4<Tag> roundToCent(Fixed4<Tag> value)
{
    const std::int64_t raw = value.raw();
    return Fixed4<Tag>::fromRaw(raw >= 0 ? (raw + 50) / 100 * 100 : -((-raw + 50) / 100 * 100));
}

struct PrintedPnl {
    Money realized;   ///< rounded
    Money unrealized; ///< rounded
    Money total;      ///< realized + unrealized (as printed)
    /// The open positions' unrealized P&L at the day's start, rounded: counted in the total
    /// (unrealized is against cost) but already in the starting equity. Zero on a day that
    /// starts flat.
    Money unrealizedAtOpen;
    Money startingEquity; ///< the base (cash and positions at cost), rounded, + unrealizedAtOpen
    Money equity;         ///< the base, rounded, + total = startingEquity + total - unrealizedAtOpen
    Money highWaterMark;  ///< rounded; the equity's figure when the books stand at their high
    Money drawdown;       ///< highWaterMark - equity
};

/// The printed figures of books whose exact values are given. `equity` is the books' own
/// (base + realized + unrealized); what it differs from the start by, beyond the total, is the
/// unrealized P&L at the open.
PrintedPnl printedPnl(Money startingEquity, Money equity, Money realized, Money unrealized, Money highWaterMark);

} // namespace vigil
