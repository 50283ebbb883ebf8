#pragma once
// Swing momentum: at each rebalance, holds the day's strongest symbols (by return since
// the open) long, equal-weighted, and carries them overnight. Engine thread only.

#include "api/Config.h"
#include "strategy/BuiltInStrategy.h"

#include <vector>

namespace vigil {

class SwingMomentum final : public BuiltInStrategy {
public:
    SwingMomentum(std::vector<bool> trades, const SwingStrategyConfig &config);

    StrategyIdentity identity() const override { return {"swing_momentum", "Momentum", "sw", false}; }

    void onQuote(StrategyContext &ctx, SymbolId symbol, const Quote &quote) override;
    void onClock(StrategyContext &ctx) override;
    void onOrderUpdate(StrategyContext &ctx, const StrategyOrder &order) override;
    void onResume(StrategyContext &ctx, const std::vector<StrategyOrder> &placed) override;

private:
    void rebalance(StrategyContext &ctx);

    SwingStrategyConfig m_config;
    std::vector<Price> m_openMid; ///< first mid of the session
    std::vector<Price> m_lastMid;
    std::vector<OrderId> m_working;
    SimTime m_nextRebalance = 0;
    SimTime m_lastEntryTime = 0; ///< no new positions in the last half hour
};

} // namespace vigil
