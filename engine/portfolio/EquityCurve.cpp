#include "portfolio/EquityCurve.h"

namespace vigil {

EquityCurve::EquityCurve(const Portfolio &portfolio, SimTime open)
    : m_portfolio(portfolio)
    , m_open(open)
    , m_nextPoint(open)
    , m_peakSeen(portfolio.highWaterMark())
{}

void EquityCurve::addStrategy(StrategyId id, std::string key, std::string name)
{
    m_strategies.push_back(id);
    m_strategyCurves.push_back({std::move(key), std::move(name), {}});
}

void EquityCurve::capture(SimTime now, EquityPoint &point, std::vector<Money> &strategies) const
{
    point.time = now;
    point.equity = m_portfolio.equity();
    point.grossExposure = m_portfolio.grossExposure();
    point.netExposure = m_portfolio.netExposure();
    point.realizedPnl = m_portfolio.realized();
    point.unrealizedPnl = m_portfolio.unrealized();
    point.breakdownKnown = true;
    // The portfolio keeps each strategy's totals as fills and marks arrive: a rising tape
    // sets a new high on many of its quotes, and each capture is then a few loads.
    strategies.resize(m_strategies.size());
    for (std::size_t i = 0; i < m_strategies.size(); ++i)
        strategies[i] = m_portfolio.strategyRealized(m_strategies[i]) + m_portfolio.strategyUnrealized(m_strategies[i]);
}

void EquityCurve::raisePeak(SimTime now, bool replaying)
{
    m_peakSeen = m_portfolio.highWaterMark();
    if (replaying)
        return;
    capture(now, m_peak, m_peakStrategies);
    m_peakPending = true;
}

const EquityPoint *EquityCurve::flushPeak(SimTime now)
{
    if (!m_peakPending)
        return nullptr;
    m_peakPending = false;
    // Set at the very instant of the next point: that point is the peak itself.
    if (m_peak.time >= now || (!m_points.empty() && m_peak.time <= m_points.back().time))
        return nullptr;
    m_points.push_back(m_peak);
    for (std::size_t i = 0; i < m_strategyCurves.size(); ++i)
        m_strategyCurves[i].pnl.push_back(m_peakStrategies[i]);
    return &m_points.back();
}

void EquityCurve::addPoint(SimTime now)
{
    EquityPoint point;
    std::vector<Money> strategies;
    capture(now, point, strategies);
    m_points.push_back(point);
    for (std::size_t i = 0; i < m_strategyCurves.size(); ++i)
        m_strategyCurves[i].pnl.push_back(strategies[i]);
}

void EquityCurve::restore(const std::vector<std::pair<SimTime, Money>> &points)
{
    m_peakSeen = m_portfolio.highWaterMark(); // on the restored curve, or in its checkpoint
    m_peakPending = false;
    m_points.clear();
    for (StrategyCurve &curve : m_strategyCurves)
        curve.pnl.clear();
    for (const auto &[at, equity] : points) {
        EquityPoint point; // the journal keeps the equity only
        point.time = at;
        point.equity = equity;
        m_points.push_back(point);
        for (StrategyCurve &curve : m_strategyCurves)
            curve.pnl.emplace_back();
    }
    if (!m_points.empty()) {
        // The next minute from the open: the last point may be a high-water mark's, between two.
        const SimTime since = m_points.back().time - m_open;
        m_nextPoint = since < 0 ? m_open : m_open + (since / kNsPerMinute + 1) * kNsPerMinute;
    }
}

} // namespace vigil
