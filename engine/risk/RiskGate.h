#pragma once
// Pre-trade checks on the order path. check() runs on the engine thread; the trading
// state it reads is an atomic any thread may set, so a stop takes effect on the very
// next order without waiting behind queued work.

#include "config/Config.h"
#include "core/Types.h"
#include "risk/TradingState.h"

#include <atomic>
#include <string>

namespace vigil {

class Portfolio;

struct RiskDecision {
    RejectReason reason = RejectReason::None;
    std::string detail; ///< which limit, with the figures
    bool allowed() const { return reason == RejectReason::None; }
};

class RiskGate {
public:
    explicit RiskGate(const RiskConfig &limits) : m_limits(limits) {}

    /// Thread safe, non-blocking.
    void setTradingState(TradingState s) { m_state.store(s, std::memory_order_release); }
    /// Thread safe, non-blocking.
    TradingState tradingState() const { return m_state.load(std::memory_order_acquire); }

    /// Engine thread. `referencePrice` is the price the order is valued at (limit price,
    /// or the far side of the quote for a market order).
    RiskDecision check(const Portfolio &portfolio, SymbolId symbol, Side side, Quantity qty,
                       Price referencePrice) const;

    std::uint64_t refusals() const { return m_refusals; }
    void countRefusal() { ++m_refusals; }

private:
    RiskConfig m_limits;
    std::atomic<TradingState> m_state{TradingState::Active};
    std::uint64_t m_refusals = 0;
};

} // namespace vigil
