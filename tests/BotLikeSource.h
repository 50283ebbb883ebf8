#pragma once
// A strategy source that trades as an operator's bot would through the gateway, for the
// tests of the bots' health: under a bot's key, at its first quote of the first symbol a
// market buy of 10 that fills and a limit buy of 10, 3% under the bid, that stays working.
// Engine thread only (StrategySource's contract).

#include "api/StrategySource.h"

namespace vigil::testing {

class BotLikeSource final : public StrategySource {
public:
    StrategyIdentity identity() const override { return {"alpha_bot", "Alpha (bot)", "ab", false}; }
    bool trades(SymbolId symbol) const override { return symbol == 0; }
    void onQuote(StrategyContext &ctx, SymbolId symbol, const Quote &quote) override
    {
        if (m_done || quote.bid.raw() <= 0)
            return;
        m_done = true;
        ctx.submit(symbol, Side::Buy, OrderType::Market, 10);
        ctx.submit(symbol, Side::Buy, OrderType::Limit, 10, Price::fromRaw(quote.bid.raw() / 100 * 97));
    }

private:
    bool m_done = false;
};

} // namespace vigil::testing
