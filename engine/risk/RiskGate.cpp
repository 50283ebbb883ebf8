#include "risk/RiskGate.h"

#include "portfolio/Portfolio.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace vigil {

namespace {
constexpr SimTime kSecond = 1000 * kNsPerMs;

std::string percent(double value)
{
    std::ostringstream out;
    out.precision(2);
    out << std::fixed << value << '%';
    return out.str();
}

bool shrinks(Quantity before, Quantity after)
{
    return std::llabs(after) < std::llabs(before) && (after == 0 || (after > 0) == (before > 0));
}
}

RiskGate::RiskGate(const RiskConfig &limits, std::size_t strategyCount, std::size_t symbolCount)
    : m_limits(limits)
    , m_fills(strategyCount)
    , m_strategyStopped(strategyCount, false)
    , m_symbolReduceOnly(symbolCount, false)
    , m_reconciliationBlocked(symbolCount, false)
    , m_reconciliationBrokerQty(symbolCount, 0)
{}

bool RiskGate::reduces(const Portfolio &portfolio, const OrderIntent &order)
{
    const Quantity signedQty = sideSign(order.side) * order.qty;
    const Quantity account = portfolio.position(order.symbol);
    if (shrinks(account, account + signedQty))
        return true;
    if (order.strategy == kNoStrategy)
        return false;
    const Quantity own = portfolio.position(order.strategy, order.symbol);
    return shrinks(own, own + signedQty);
}

bool RiskGate::mayLeave(bool byOperator, bool reducing) const
{
    switch (m_gate.state()) {
    case TradingState::Active: return true;
    case TradingState::Paused: return byOperator || reducing;
    case TradingState::Halted:
    case TradingState::Killed:
    case TradingState::Maintenance: return byOperator;
    }
    return false;
}

RiskDecision RiskGate::check(const Portfolio &portfolio, const OrderIntent &order, std::size_t workingOrders,
                             SimTime now) const
{
    RiskDecision d;
    auto refuse = [&d](RejectReason reason, std::string detail) {
        d.reason = reason;
        d.detail = std::move(detail);
        return d;
    };
    const bool reducing = reduces(portfolio, order);
    const TradingState state = m_gate.state();
    if (!mayLeave(order.byOperator, reducing)) {
        if (state == TradingState::Paused)
            return refuse(RejectReason::TradingStopped, "paused: reduce-only");
        return refuse(RejectReason::TradingStopped, "trading is " + std::string(toString(state)));
    }
    if (order.byOperator)
        return d;
    if (order.strategy < m_strategyStopped.size() && m_strategyStopped[order.strategy])
        return refuse(RejectReason::StrategyStopped, "the strategy is stopped until an operator enables it");
    if (order.symbol < m_symbolReduceOnly.size() && m_symbolReduceOnly[order.symbol] && !reducing)
        return refuse(RejectReason::SymbolReduceOnly, "the symbol was flattened: reduce-only until a resume");
    if (order.symbol < m_reconciliationBlocked.size() && m_reconciliationBlocked[order.symbol]) {
        // An exit is one at the broker too: selling what only our books hold would open a
        // position there.
        const Quantity atBroker = m_reconciliationBrokerQty[order.symbol];
        const Quantity signedQty = sideSign(order.side) * order.qty;
        const bool reducesAtBroker =
            atBroker != 0 && (atBroker > 0) != (signedQty > 0) && order.qty <= std::llabs(atBroker);
        if (!reducing || !reducesAtBroker)
            return refuse(RejectReason::ReconciliationBlock,
                          "the books differ from the broker's in this symbol (" + std::to_string(atBroker)
                              + " at the broker): only orders that reduce the position there too, until the difference "
                                "is resolved");
    }

    if (order.qty <= 0 || order.qty > m_limits.maxOrderQty)
        return refuse(RejectReason::OrderQuantity, "order quantity " + std::to_string(order.qty) + " outside 1.."
                                                       + std::to_string(m_limits.maxOrderQty));
    const Money orderValue = notional(order.reference, order.qty);
    if (orderValue > m_limits.maxOrderNotional)
        return refuse(RejectReason::OrderNotional,
                      "order value " + orderValue.toString(2) + " above " + m_limits.maxOrderNotional.toString(2));
    if (order.mid.raw() <= 0 || order.reference.raw() <= 0)
        return refuse(RejectReason::PriceCollar, "no quote to price the order against");
    const double away = 100.0 * std::fabs((order.reference - order.mid).toDouble()) / order.mid.toDouble();
    if (away > m_limits.priceCollarPct)
        return refuse(RejectReason::PriceCollar, "price " + order.reference.toString() + " is " + percent(away)
                                                     + " from the mid " + order.mid.toString() + ", collar "
                                                     + percent(m_limits.priceCollarPct));

    const SimTime duplicateWindow = SimTime{m_limits.duplicateWindowMs} * kNsPerMs;
    for (auto it = m_recentOrders.rbegin(); duplicateWindow > 0 && it != m_recentOrders.rend(); ++it) {
        if (now - it->at >= duplicateWindow)
            break;
        if (it->strategy == order.strategy && it->symbol == order.symbol && it->side == order.side
            && it->qty == order.qty && it->price == order.limitPrice)
            return refuse(RejectReason::DuplicateOrder,
                          "the same order was sent " + std::to_string((now - it->at) / kNsPerMs) + " ms ago");
    }
    const std::size_t rate = ordersInLastSecond(now);
    if (rate >= static_cast<std::size_t>(m_limits.maxOrdersPerSecond))
        return refuse(RejectReason::OrderRate, std::to_string(rate) + " orders and cancels in the last second, limit "
                                                   + std::to_string(m_limits.maxOrdersPerSecond));
    if (workingOrders >= static_cast<std::size_t>(m_limits.maxOpenOrders))
        return refuse(RejectReason::OpenOrders, std::to_string(workingOrders) + " working orders, limit "
                                                    + std::to_string(m_limits.maxOpenOrders));

    if (reducing)
        return d; // reducing risk is always allowed past the exposure limits
    const Quantity after = portfolio.position(order.symbol) + sideSign(order.side) * order.qty;
    const Money positionValue = notional(order.reference, std::llabs(after));
    if (positionValue > m_limits.maxPositionNotional)
        return refuse(RejectReason::PositionLimit, "position value " + positionValue.toString(2) + " above "
                                                       + m_limits.maxPositionNotional.toString(2));
    const Money gross = portfolio.grossExposureWith(order.symbol, after);
    const double equity = portfolio.equity().toDouble();
    const double grossPct = equity > 0 ? 100.0 * gross.toDouble() / equity : 1e9;
    if (grossPct > m_limits.maxGrossExposurePct)
        return refuse(RejectReason::GrossExposure, "gross exposure would be " + percent(grossPct) + " of equity, limit "
                                                       + percent(m_limits.maxGrossExposurePct));
    return d;
}

void RiskGate::noteSend(SimTime now)
{
    while (!m_sends.empty() && now - m_sends.front() >= kSecond)
        m_sends.pop_front();
    m_sends.push_back(now);
}

void RiskGate::recordOrderSent(const OrderIntent &order, SimTime now)
{
    noteSend(now);
    const SimTime window = SimTime{m_limits.duplicateWindowMs} * kNsPerMs;
    while (!m_recentOrders.empty() && now - m_recentOrders.front().at >= window)
        m_recentOrders.pop_front();
    if (window > 0)
        m_recentOrders.push_back({now, order.strategy, order.symbol, order.side, order.qty, order.limitPrice});
}

void RiskGate::recordCancelSent(SimTime now) { noteSend(now); }

std::size_t RiskGate::ordersInLastSecond(SimTime now) const
{
    // m_sends holds the sends of the last second as of the latest one: count from the back.
    std::size_t n = 0;
    for (auto it = m_sends.rbegin(); it != m_sends.rend() && now - *it < kSecond; ++it)
        ++n;
    return n;
}

bool RiskGate::recordFill(StrategyId strategy, SimTime now)
{
    if (strategy >= m_fills.size())
        return false;
    std::deque<SimTime> &fills = m_fills[strategy];
    fills.push_back(now);
    const SimTime window = SimTime{m_limits.throttleWindowSeconds} * kSecond;
    while (!fills.empty() && now - fills.front() >= window)
        fills.pop_front();
    if (m_strategyStopped[strategy] || fills.size() <= static_cast<std::size_t>(m_limits.throttleFills))
        return false;
    m_strategyStopped[strategy] = true;
    return true;
}

std::size_t RiskGate::fillsInWindow(StrategyId strategy, SimTime now) const
{
    if (strategy >= m_fills.size())
        return 0;
    const SimTime window = SimTime{m_limits.throttleWindowSeconds} * kSecond;
    std::size_t n = 0;
    for (auto it = m_fills[strategy].rbegin(); it != m_fills[strategy].rend() && now - *it < window; ++it)
        ++n;
    return n;
}

void RiskGate::stopStrategy(StrategyId strategy, bool stopped)
{
    if (strategy < m_strategyStopped.size()) {
        m_strategyStopped[strategy] = stopped;
        if (!stopped)
            m_fills[strategy].clear(); // the window starts again
    }
}

bool RiskGate::strategyStopped(StrategyId strategy) const
{
    return strategy < m_strategyStopped.size() && m_strategyStopped[strategy];
}

void RiskGate::setSymbolReduceOnly(SymbolId symbol, bool reduceOnly)
{
    if (symbol < m_symbolReduceOnly.size())
        m_symbolReduceOnly[symbol] = reduceOnly;
}

bool RiskGate::symbolReduceOnly(SymbolId symbol) const
{
    return symbol < m_symbolReduceOnly.size() && m_symbolReduceOnly[symbol];
}

void RiskGate::setReconciliationBlock(SymbolId symbol, bool blocked, Quantity brokerQty)
{
    if (symbol >= m_reconciliationBlocked.size())
        return;
    m_reconciliationBlocked[symbol] = blocked;
    m_reconciliationBrokerQty[symbol] = blocked ? brokerQty : 0;
}

bool RiskGate::reconciliationBlocked(SymbolId symbol) const
{
    return symbol < m_reconciliationBlocked.size() && m_reconciliationBlocked[symbol];
}

void RiskGate::clearSymbolReduceOnly() { m_symbolReduceOnly.assign(m_symbolReduceOnly.size(), false); }

void RiskGate::countRefusal(RejectReason reason)
{
    ++m_refusals[static_cast<std::size_t>(reason)];
    ++m_refusalTotal;
}

} // namespace vigil
