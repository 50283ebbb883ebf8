#pragma once
// Execution quality as the operator watches it during the day (Snapshot::execution): fill
// and rejection rates over the last 30 simulated minutes, and slippage today and over the
// window. Measured on the engine thread (oms/ExecutionStats.h). Thread safe (plain values).

#include <cstdint>

namespace vigil {

struct ExecutionFigures {
    std::uint64_t sentInWindow = 0;     ///< orders sent to the broker in the window
    std::uint64_t finishedInWindow = 0; ///< orders that reached a final state in the window
    std::uint64_t filledInWindow = 0;   ///< ... of which had at least one fill
    std::uint64_t rejectedInWindow = 0; ///< ... of which the broker rejected
    std::uint64_t slippageFills = 0;    ///< fills today with a known arrival mid
    double slippageAvgBps = 0;          ///< today, per fill; positive = paid against the mid
    double slippageP95Bps = 0;          ///< today, per fill (0.1 bp resolution)
    std::uint64_t slippageFillsInWindow = 0;
    double slippageAvgInWindowBps = 0;

    /// Filled orders as a share of the orders finished in the window; negative when none did.
    double fillRatePct() const
    {
        if (finishedInWindow == 0)
            return -1.0;
        return 100.0 * static_cast<double>(filledInWindow) / static_cast<double>(finishedInWindow);
    }
    /// Rejected orders as a share of the orders finished in the window; negative when none did.
    double rejectRatePct() const
    {
        if (finishedInWindow == 0)
            return -1.0;
        return 100.0 * static_cast<double>(rejectedInWindow) / static_cast<double>(finishedInWindow);
    }
};

} // namespace vigil
