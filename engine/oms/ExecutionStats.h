#pragma once
// Execution quality as the operator watches it during the day: fill rate and rejection
// rate over the last 30 simulated minutes, and slippage (each fill's price against the mid
// when its order was sent) today and over the window. Engine thread only.

#include "api/ExecutionFigures.h"
#include "api/Fixed.h"
#include "api/Time.h"
#include "api/Types.h"

#include <array>
#include <cstdint>
#include <deque>

namespace vigil {

class ExecutionStats {
public:
    static constexpr SimTime kWindow = 30 * kNsPerMinute;

    void orderSent(SimTime at);
    void orderFinished(SimTime at, bool filled, bool rejected);
    /// `arrivalMid` is the quote's mid when the order was sent (zero: unknown, not counted).
    void fill(SimTime at, Side side, Price price, Price arrivalMid);
    /// The window ends at `now`; older entries are dropped.
    ExecutionFigures figures(SimTime now);

    /// Slippage of one fill in basis points of the arrival mid; positive = adverse.
    static double slippageBps(Side side, Price price, Price arrivalMid);

private:
    // Today's slippage in 0.1 bp bins from -kRangeBps to +kRangeBps (outliers clamp to the
    // ends), so the p95 costs one pass over fixed memory however many fills the day has.
    static constexpr int kRangeBps = 1000;
    static constexpr int kBinsPerBp = 10;
    static constexpr int kBins = 2 * kRangeBps * kBinsPerBp + 1;

    struct Finished {
        SimTime at;
        bool filled;
        bool rejected;
    };
    struct Slip {
        SimTime at;
        double bps;
    };
    void trim(SimTime now);

    std::deque<SimTime> m_sent;
    std::deque<Finished> m_finished;
    std::deque<Slip> m_slips;
    std::uint64_t m_filled = 0, m_rejected = 0;
    double m_windowSlipSum = 0;
    std::array<std::uint32_t, kBins> m_bins{};
    std::uint64_t m_dayFills = 0;
    double m_daySlipSum = 0;
    double m_p95 = 0;
    bool m_p95Stale = false;
};

} // namespace vigil
