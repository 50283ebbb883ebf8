#include "report/PrintedPnl.h"

#include <algorithm>

namespace vigil {

PrintedPnl printedPnl(Money startingEquity, Money equity, Money realized, Money unrealized, Money highWaterMark)
{
    PrintedPnl p;
    p.realized = roundToCent(realized);
    p.unrealized = roundToCent(unrealized);
    p.total = p.realized + p.unrealized;
    p.startingEquity = roundToCent(startingEquity);
    p.unrealizedAtOpen = roundToCent(startingEquity + realized + unrealized - equity);
    p.equity = p.startingEquity + p.total - p.unrealizedAtOpen;
    // The mark is never below the equity: when the books stand at their high, the two printed
    // figures are one (the equity's, derived from its parts) and the drawdown is nothing.
    p.highWaterMark = std::max(roundToCent(highWaterMark), p.equity);
    p.drawdown = p.highWaterMark - p.equity;
    return p;
}

} // namespace vigil
