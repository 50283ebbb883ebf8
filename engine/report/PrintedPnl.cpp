#include "api/PrintedPnl.h"

#include <algorithm>

namespace vigil {

PrintedPnl printedPnl(Money startingEquity, Money equity, Money realized, Money unrealized, Money highWaterMark)
{
    PrintedPnl p;
    p.realized = roundToCent(realized);
    p.unrealized = roundToCent(unrealized);
    p.total = p.realized + p.unrealized;
    // Equity is the base (cash, and the open positions at cost, at the day's start) plus
    // realized and unrealized; the starting equity is that base plus the unrealized P&L the
    // positions carried in had at the open. Both are printed as the sums of their rounded
    // parts, so that the day's opening is the previous close as printed (the base then is the
    // previous base plus its realized, to the cent while the base has no sub-cent part).
    const Money base = roundToCent(equity - realized - unrealized);
    p.unrealizedAtOpen = roundToCent(startingEquity - (equity - realized - unrealized));
    p.startingEquity = base + p.unrealizedAtOpen;
    p.equity = base + p.total;
    // The mark is never below the equity: when the books stand at their high, the two printed
    // figures are one (the equity's, derived from its parts) and the drawdown is nothing.
    p.highWaterMark = std::max(roundToCent(highWaterMark), p.equity);
    p.drawdown = p.highWaterMark - p.equity;
    return p;
}

} // namespace vigil
