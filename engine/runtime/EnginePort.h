#pragma once
// What one strategy source holds of the engine core: its view of the engine (StrategyContext),
// bound to its own book so that it trades as itself only, and its doorbell. Engine thread
// only, except ring(), which any thread may call. Internal to the core's files.

#include "runtime/EngineCore.h"

#include <atomic>

namespace vigil {

class EngineCore::Port final : public StrategyContext, public StrategyDoorbell {
public:
    Port(EngineCore &core, const StrategyLineup::Entry &entry)
        : m_core(core)
        , m_entry(entry)
    {}

    StrategySource &source() const { return *m_entry.source; }
    StrategyId id() const { return m_entry.id; }
    bool trades(SymbolId symbol) const { return m_entry.trades[symbol]; }
    /// Whether the source rang since the last call.
    bool takeRing() { return m_rang.exchange(false, std::memory_order_acq_rel); }

    SimTime now() const override { return m_core.m_now; }
    const SessionWindow &session() const override { return m_core.m_session; }
    const std::vector<std::string> &symbols() const override { return m_core.m_symbolNames; }
    const Quote &quote(SymbolId symbol) const override { return m_core.m_quotes[symbol]; }
    Quantity position(SymbolId symbol) const override { return m_core.m_portfolio.position(m_entry.id, symbol); }
    Price averageCost(SymbolId symbol) const override
    {
        return m_core.m_portfolio.book(m_entry.id, symbol).averagePrice();
    }
    Money costBasis(SymbolId symbol) const override { return m_core.m_portfolio.book(m_entry.id, symbol).cost; }
    Money realizedPnl() const override { return m_core.m_portfolio.strategyRealized(m_entry.id); }
    Submission submit(SymbolId symbol, Side side, OrderType type, Quantity qty, Price limitPrice,
                      std::string_view reference) override;
    bool cancel(OrderId id) override;
    TradingState tradingState() const override { return m_core.m_risk.tradingState(); }
    bool stopped() const override { return !m_core.m_strategiesRunning || m_core.m_risk.strategyStopped(m_entry.id); }
    void ring() override;

private:
    EngineCore &m_core;
    const StrategyLineup::Entry &m_entry;
    std::atomic<bool> m_rang{false};
};

} // namespace vigil
