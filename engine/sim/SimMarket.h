#pragma once
// The simulated market: one seeded random walk per symbol (log-normal, with an intraday
// U-shaped volatility profile and occasional jumps) producing quotes on a cent grid and
// trade prints. Pure and deterministic: the same seed and the same call sequence give the
// same quotes. Venue thread only.

#include "api/Config.h"
#include "api/Time.h"
#include "api/Types.h"
#include "core/Random.h"

#include <vector>

namespace vigil {

class SimMarket {
public:
    SimMarket(const std::vector<SymbolSpec> &symbols, const SessionWindow &session, std::uint64_t seed);

    std::size_t symbolCount() const { return m_symbols.size(); }
    const Quote &quote(SymbolId symbol) const { return m_symbols[symbol].quote; }

    /// Moves `symbol` forward to `now` and returns its new quote.
    const Quote &advance(SymbolId symbol, SimTime now);
    /// Wait until this symbol's next quote change (exponentially distributed).
    SimTime nextInterval(SymbolId symbol);
    /// Whether the quote change just made also printed a trade, and which.
    bool tradeAfterQuote(SymbolId symbol, TradePrint &print);

private:
    struct SymbolState {
        double logMid;
        double sigmaPerSqrtSecond; // volatility scaled to one second of the session
        double meanIntervalNs;
        SimTime lastUpdate;
        Quote quote;
        Random rng;
    };
    double volatilityProfile(SimTime now) const;

    SessionWindow m_session;
    std::vector<SymbolState> m_symbols;
};

} // namespace vigil
