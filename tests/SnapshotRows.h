#pragma once
// Builders for the rows of hand-made snapshots in the GUI tests.

#include "api/Snapshot.h"

namespace vigil::testing {

inline PositionRow position(const char *symbol, Quantity qty, std::int64_t avgCents, std::int64_t markCents,
                            std::int64_t realizedCents = 0)
{
    PositionRow row;
    row.symbol = symbol;
    row.qty = qty;
    row.avgPrice = Price::fromCents(avgCents);
    row.markPrice = Price::fromCents(markCents);
    row.marketValue = notional(row.markPrice, qty);
    row.unrealizedPnl = notional(row.markPrice, qty) - notional(row.avgPrice, qty);
    row.realizedPnl = Money::fromCents(realizedCents);
    return row;
}

inline StrategyRow strategy(const char *name, bool intraday, Quantity openQty, std::int64_t realizedCents,
                            std::int64_t unrealizedCents, std::uint64_t orders, std::uint64_t fills)
{
    StrategyRow row;
    row.name = name;
    row.intraday = intraday;
    row.openQty = openQty;
    row.realizedPnl = Money::fromCents(realizedCents);
    row.unrealizedPnl = Money::fromCents(unrealizedCents);
    row.orders = orders;
    row.fills = fills;
    return row;
}

} // namespace vigil::testing
