#pragma once
// The market as the engine thread processes it, for a listener beside the strategies (the
// gateway's market data stream): every quote and trade print, in the engine's order, once
// the engine has taken it in. Not during the replay after a restart: that market is hours
// old and was published when it was live.
//
// Threads: called on the engine thread only, synchronously from its event loop; it must
// return at once and never block (hand the tick to another thread through a lock-free ring,
// and drop it, counted, when the ring is full). Given to the Engine by its creator
// (EngineExtensions in api/Engine.h); without one the engine pays a null check per message.

#include "api/Time.h"
#include "api/Types.h"

namespace vigil {

class MarketTap {
public:
    /// `exchangeTime`: when it happened at the venue.
    virtual void onQuote(SimTime exchangeTime, const Quote &quote) = 0;
    virtual void onTrade(SimTime exchangeTime, const TradePrint &trade) = 0;

protected:
    ~MarketTap() = default;
};

} // namespace vigil
