#pragma once
// The day's equity curve and each strategy's P&L beside it: a point once a simulated minute
// and at the close, plus the point where each new high-water mark was set, so that the
// curve's highest point is the mark the books and their checkpoints carry.
//
// Calling contract (engine thread only; EngineCore owns one):
// - addStrategy() for each strategy, in order, before the first message; restore() before
//   the first message of a resumed session.
// - notePeak() at the end of every message and command: one comparison unless the books'
//   high-water mark has risen, and then a capture of a few running totals.
// - flushPeak() before a point or a checkpoint puts the pending peak on the curve and returns
//   it (null: none), for EngineCore to journal; addPoint() then appends the books as they
//   are now. pointDue()/nextMinute() schedule the minute's points.
// It reads the books through the portfolio it was given and never changes them; it journals
// nothing itself.

#include "api/Fixed.h"
#include "api/Snapshot.h"
#include "api/Time.h"
#include "api/Types.h"
#include "portfolio/Portfolio.h"

#include <string>
#include <utility>
#include <vector>

namespace vigil {

class EquityCurve {
public:
    EquityCurve(const Portfolio &portfolio, SimTime open);

    void addStrategy(StrategyId id, std::string key, std::string name);
    /// The journal's curve (equity only) of a resumed session; the next minute's point
    /// follows its last.
    void restore(const std::vector<std::pair<SimTime, Money>> &points);

    /// Keeps the point where the high-water mark has just risen (nothing during a replay: the
    /// journal has the day's curve up to there already).
    void notePeak(SimTime now, bool replaying)
    {
        if (m_portfolio.highWaterMark() <= m_peakSeen)
            return; // the usual case: one comparison a message
        raisePeak(now, replaying);
    }
    /// Puts the kept peak on the curve unless it is `now` (the next point is the peak itself)
    /// or not after the curve's last point; returns it, or null.
    const EquityPoint *flushPeak(SimTime now);
    /// The books as they are now, as the curve's next point.
    void addPoint(SimTime now);

    bool pointDue(SimTime now) const { return now >= m_nextPoint; }
    void nextMinute() { m_nextPoint += kNsPerMinute; }

    const std::vector<EquityPoint> &points() const { return m_points; }
    const std::vector<StrategyCurve> &strategyCurves() const { return m_strategyCurves; }

private:
    void raisePeak(SimTime now, bool replaying);
    void capture(SimTime now, EquityPoint &point, std::vector<Money> &strategies) const;

    const Portfolio &m_portfolio;
    SimTime m_open;
    std::vector<StrategyId> m_strategies; ///< by position in m_strategyCurves
    std::vector<EquityPoint> m_points;
    std::vector<StrategyCurve> m_strategyCurves;
    SimTime m_nextPoint = 0;
    Money m_peakSeen;                    ///< the high-water mark notePeak() last saw
    bool m_peakPending = false;          ///< m_peak is not on the curve yet
    EquityPoint m_peak;                  ///< where the high-water mark was last raised
    std::vector<Money> m_peakStrategies; ///< the strategies' P&L there
};

} // namespace vigil
