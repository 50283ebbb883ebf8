#include "oms/ExecutionStats.h"

#include <algorithm>
#include <cmath>

namespace vigil {

double ExecutionStats::slippageBps(Side side, Price price, Price arrivalMid)
{
    const double mid = static_cast<double>(arrivalMid.raw());
    const double diff = static_cast<double>(price.raw() - arrivalMid.raw());
    return (side == Side::Buy ? diff : -diff) / mid * 10'000.0;
}

void ExecutionStats::orderSent(SimTime at) { m_sent.push_back(at); }

void ExecutionStats::orderFinished(SimTime at, bool filled, bool rejected)
{
    m_finished.push_back({at, filled, rejected});
    m_filled += filled ? 1 : 0;
    m_rejected += rejected ? 1 : 0;
}

void ExecutionStats::fill(SimTime at, Side side, Price price, Price arrivalMid)
{
    if (arrivalMid.raw() <= 0)
        return;
    const double bps = slippageBps(side, price, arrivalMid);
    m_slips.push_back({at, bps});
    m_windowSlipSum += bps;
    const long bin =
        std::lround(std::clamp(bps, -double(kRangeBps), double(kRangeBps)) * kBinsPerBp) + long{kRangeBps} * kBinsPerBp;
    ++m_bins[static_cast<std::size_t>(bin)];
    ++m_dayFills;
    m_daySlipSum += bps;
    m_p95Stale = true;
}

void ExecutionStats::trim(SimTime now)
{
    const SimTime from = now - kWindow;
    while (!m_sent.empty() && m_sent.front() <= from)
        m_sent.pop_front();
    while (!m_finished.empty() && m_finished.front().at <= from) {
        m_filled -= m_finished.front().filled ? 1 : 0;
        m_rejected -= m_finished.front().rejected ? 1 : 0;
        m_finished.pop_front();
    }
    while (!m_slips.empty() && m_slips.front().at <= from) {
        m_windowSlipSum -= m_slips.front().bps;
        m_slips.pop_front();
    }
    if (m_slips.empty())
        m_windowSlipSum = 0; // no drift from adding and taking away doubles
}

ExecutionFigures ExecutionStats::figures(SimTime now)
{
    trim(now);
    if (m_p95Stale) {
        const auto rank = static_cast<std::uint64_t>(std::ceil(0.95 * static_cast<double>(m_dayFills)));
        std::uint64_t seen = 0;
        for (int i = 0; i < kBins; ++i) {
            seen += m_bins[static_cast<std::size_t>(i)];
            if (seen >= rank) {
                m_p95 = static_cast<double>(i - kRangeBps * kBinsPerBp) / kBinsPerBp;
                break;
            }
        }
        m_p95Stale = false;
    }
    ExecutionFigures f;
    f.sentInWindow = m_sent.size();
    f.finishedInWindow = m_finished.size();
    f.filledInWindow = m_filled;
    f.rejectedInWindow = m_rejected;
    f.slippageFills = m_dayFills;
    f.slippageAvgBps = m_dayFills == 0 ? 0 : m_daySlipSum / static_cast<double>(m_dayFills);
    f.slippageP95Bps = m_dayFills == 0 ? 0 : m_p95;
    f.slippageFillsInWindow = m_slips.size();
    f.slippageAvgInWindowBps = m_slips.empty() ? 0 : m_windowSlipSum / static_cast<double>(m_slips.size());
    return f;
}

} // namespace vigil
