#include "risk/TradingGate.h"

#include "core/SpscQueue.h"

namespace vigil {

void TradingGate::waitForSends() const
{
    // A window is open for one order's hand-over: well under a microsecond, unless the
    // engine thread lost its core meanwhile, when the backoff yields it back.
    Backoff backoff;
    while (m_sending.load(std::memory_order_seq_cst))
        backoff.pause();
}

} // namespace vigil
