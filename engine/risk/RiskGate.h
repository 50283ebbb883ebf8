#pragma once
// Pre-trade checks on the order path: every order a strategy wants passes here before it
// is created and sent. Each refusal carries its own reason code and is counted per check.
// The trading state it reads is an atomic (TradingGate) that any thread may tighten, so a
// stop takes effect on the very next order without waiting behind queued work. Engine
// thread only, except gate().

#include "api/Commands.h"
#include "api/Config.h"
#include "api/Types.h"
#include "risk/TradingGate.h"

#include <array>
#include <deque>
#include <string>
#include <vector>

namespace vigil {

class Portfolio;

struct RiskDecision {
    RejectReason reason = RejectReason::None;
    std::string detail; ///< which limit, with the figures
    bool allowed() const { return reason == RejectReason::None; }
};

/// An order as a strategy (or the operator) wants it, before it exists.
struct OrderIntent {
    StrategyId strategy = kNoStrategy;
    SymbolId symbol = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Price limitPrice;        ///< limit orders
    Price reference;         ///< what the order is valued at: the limit, or the far side of the quote
    Price mid;               ///< the quote's mid, for the price collar (zero: no quote)
    bool byOperator = false; ///< a flatten or kill closing order: reduce-only by construction
};

class RiskGate {
public:
    explicit RiskGate(const RiskConfig &limits, std::size_t strategyCount, std::size_t symbolCount);

    /// Thread safe, non-blocking.
    TradingGate &gate() { return m_gate; }
    const TradingGate &gate() const { return m_gate; }
    TradingState tradingState() const { return m_gate.state(); }

    /// Every check, in order: trading state, strategy stopped, symbol reduce-only, order
    /// quantity, order value, price collar, duplicate, order rate, open orders, position,
    /// gross exposure (the last two only for orders that add risk). Operator orders pass
    /// every check but the trading state's (they close positions, and the state lets them).
    RiskDecision check(const Portfolio &portfolio, const OrderIntent &order, std::size_t workingOrders,
                       SimTime now) const;
    /// The last word before a new order leaves, read from the atomic: false once trading
    /// has stopped for it (an operator's closing order may always leave).
    bool mayLeave(bool byOperator, bool reducing) const;
    /// Whether the order only reduces risk: it shrinks the strategy's position or the account's.
    static bool reduces(const Portfolio &portfolio, const OrderIntent &order);

    /// The engine sent a new order / a cancel now (order rate, duplicates).
    void recordOrderSent(const OrderIntent &order, SimTime now);
    void recordCancelSent(SimTime now);
    /// A fill for `strategy` now. True when this fill trips the execution throttle (the
    /// strategy is then stopped until an operator enables it).
    bool recordFill(StrategyId strategy, SimTime now);

    void stopStrategy(StrategyId strategy, bool stopped);
    bool strategyStopped(StrategyId strategy) const;
    void setSymbolReduceOnly(SymbolId symbol, bool reduceOnly);
    bool symbolReduceOnly(SymbolId symbol) const;
    /// Resume: every symbol may be traded both ways again.
    void clearSymbolReduceOnly();
    /// While `symbol`'s books differ from the broker's, only orders that reduce the position
    /// both in our books and at the broker (which holds `brokerQty`) pass: no entries, and no
    /// "exit" that would sell what only our books hold. Not cleared by a resume: only a
    /// resolution or an operator's override lifts it.
    void setReconciliationBlock(SymbolId symbol, bool blocked, Quantity brokerQty = 0);
    bool reconciliationBlocked(SymbolId symbol) const;

    void countRefusal(RejectReason reason);
    std::uint64_t refusals() const { return m_refusalTotal; }
    std::uint64_t refusals(RejectReason reason) const { return m_refusals[static_cast<std::size_t>(reason)]; }
    /// Orders and cancels sent in the last second, and the fills of `strategy` in its window.
    std::size_t ordersInLastSecond(SimTime now) const;
    std::size_t fillsInWindow(StrategyId strategy, SimTime now) const;
    const RiskConfig &limits() const { return m_limits; }

private:
    struct Sent {
        SimTime at;
        StrategyId strategy;
        SymbolId symbol;
        Side side;
        Quantity qty;
        Price price;
    };
    void noteSend(SimTime now);

    RiskConfig m_limits;
    TradingGate m_gate;
    std::deque<SimTime> m_sends;              ///< orders and cancels of the last second
    std::deque<Sent> m_recentOrders;          ///< new orders inside the duplicate window
    std::vector<std::deque<SimTime>> m_fills; ///< per strategy, inside the throttle window
    std::vector<bool> m_strategyStopped;
    std::vector<bool> m_symbolReduceOnly;
    std::vector<bool> m_reconciliationBlocked;
    std::vector<Quantity> m_reconciliationBrokerQty;
    std::array<std::uint64_t, static_cast<std::size_t>(kLastRejectReason) + 1> m_refusals{};
    std::uint64_t m_refusalTotal = 0;
};

} // namespace vigil
