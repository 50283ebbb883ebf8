#include "risk/RiskGate.h"

#include "portfolio/Portfolio.h"

#include <cstdlib>

namespace vigil {

RiskDecision RiskGate::check(const Portfolio &portfolio, SymbolId symbol, Side side, Quantity qty,
                             Price referencePrice) const
{
    RiskDecision d;
    const Quantity current = portfolio.position(symbol);
    const Quantity after = current + sideSign(side) * qty;
    const bool reducing = std::llabs(after) < std::llabs(current) && (after == 0 || (after > 0) == (current > 0));

    switch (tradingState()) {
    case TradingState::Active:
        break;
    case TradingState::Paused:
        if (!reducing) {
            d.reason = RejectReason::TradingStopped;
            d.detail = "paused: reduce-only";
            return d;
        }
        break;
    case TradingState::Halted:
    case TradingState::Killed:
    case TradingState::Maintenance:
        d.reason = RejectReason::TradingStopped;
        d.detail = std::string("trading is ") + std::string(toString(tradingState()));
        return d;
    }

    if (qty <= 0 || qty > m_limits.maxOrderQty) {
        d.reason = RejectReason::RiskLimit;
        d.detail = "order quantity " + std::to_string(qty) + " outside 1.." + std::to_string(m_limits.maxOrderQty);
        return d;
    }
    const Money orderValue = notional(referencePrice, qty);
    if (orderValue > m_limits.maxOrderNotional) {
        d.reason = RejectReason::RiskLimit;
        d.detail = "order notional " + orderValue.toString(2) + " above " + m_limits.maxOrderNotional.toString(2);
        return d;
    }
    if (reducing)
        return d; // reducing risk is always allowed past the exposure limits
    const Money positionValue = notional(referencePrice, std::llabs(after));
    if (positionValue > m_limits.maxPositionNotional) {
        d.reason = RejectReason::RiskLimit;
        d.detail = "position notional " + positionValue.toString(2) + " above "
            + m_limits.maxPositionNotional.toString(2);
        return d;
    }
    const Money gross = portfolio.grossExposureWith(symbol, after);
    const double grossPct = 100.0 * gross.toDouble() / portfolio.equity().toDouble();
    if (grossPct > m_limits.maxGrossExposurePct) {
        d.reason = RejectReason::RiskLimit;
        d.detail = "gross exposure would be " + std::to_string(static_cast<int>(grossPct)) + "% of equity";
        return d;
    }
    return d;
}

} // namespace vigil
