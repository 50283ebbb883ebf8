#pragma once
// Swing momentum: at each rebalance, holds the day's strongest symbols (by return since
// the open) long, equal-weighted, and carries them overnight. Engine thread only.

#include "config/Config.h"
#include "strategy/Strategy.h"

#include <vector>

namespace vigil {

class SwingMomentum final : public Strategy {
public:
    SwingMomentum(StrategyId id, std::size_t symbolCount, const SwingStrategyConfig &config);

    std::string_view name() const override { return "swing_momentum"; }
    std::string_view displayName() const override { return "Momentum"; }
    std::string_view code() const override { return "sw"; }
    bool intraday() const override { return false; }

    void onQuote(StrategyContext &ctx, SymbolId symbol, const Quote &quote) override;
    void onClock(StrategyContext &ctx) override;
    void onOrderUpdate(StrategyContext &ctx, const Order &order) override;
    void onResume(StrategyContext &ctx, const std::vector<const Order *> &placed) override;

private:
    void rebalance(StrategyContext &ctx);

    SwingStrategyConfig m_config;
    std::vector<Price> m_openMid;  ///< first mid of the session
    std::vector<Price> m_lastMid;
    std::vector<OrderId> m_working;
    SimTime m_nextRebalance = 0;
    SimTime m_lastEntryTime = 0;   ///< no new positions in the last half hour
};

} // namespace vigil
