#pragma once
// Intraday mean reversion: fades moves away from an exponential average of the mid, exits
// on the way back or at a stop, takes no new entries late in the day and is flat by the
// close. Engine thread only.

#include "api/Config.h"
#include "strategy/BuiltInStrategy.h"

#include <vector>

namespace vigil {

class IntradayMeanReversion final : public BuiltInStrategy {
public:
    IntradayMeanReversion(std::vector<bool> trades, const IntradayStrategyConfig &config);

    StrategyIdentity identity() const override { return {"intraday_mean_reversion", "Mean reversion", "mr", true}; }

    void onQuote(StrategyContext &ctx, SymbolId symbol, const Quote &quote) override;
    void onClock(StrategyContext &ctx) override;
    void onOrderUpdate(StrategyContext &ctx, const StrategyOrder &order) override;
    void onResume(StrategyContext &ctx, const std::vector<StrategyOrder> &placed) override;

private:
    struct SymbolState {
        double average = 0; ///< EMA of the mid (a signal, not money)
        bool seeded = false;
        OrderId working = 0;
        bool workingEntry = false;
        SimTime workingSince = 0;
        SimTime cooldownUntil = 0;
        double entryMid = 0;
    };
    void close(StrategyContext &ctx, SymbolId symbol, Quantity position);

    IntradayStrategyConfig m_config;
    double m_alpha;
    std::vector<SymbolState> m_state;
};

} // namespace vigil
