#include "runtime/EngineCore.h"

// What the engine shows of itself, the core's side: makeSnapshot (SnapshotBuilder builds it,
// the core adds what sampling changes) and the equity curve's points with their journal
// records (portfolio/EquityCurve keeps the curve). Engine thread, like the rest of EngineCore.

namespace vigil {

void EngineCore::addEquityPoint()
{
    flushPeak();
    m_equity.addPoint(m_now);
}

void EngineCore::flushPeak()
{
    const EquityPoint *peak = m_equity.flushPeak(m_now);
    if (!peak)
        return;
    JournalRecord equity;
    equity.kind = JournalRecord::Kind::Equity;
    equity.amount = peak->equity;
    journal(equity);
    if (!m_messageRecords.empty() && m_messageRecords.back().kind == JournalRecord::Kind::Equity)
        m_messageRecords.back().time = peak->time; // the point's own time, not the message's
}

std::shared_ptr<const Snapshot> EngineCore::makeSnapshot(double speed)
{
    const std::int64_t wallNow = wallNowNs();
    std::shared_ptr<Snapshot> s = m_snapshots.build(speed, wallNow);
    s->version = ++m_snapshotVersion;
    s->reconciliation = reconciliationView();
    s->incidents = m_incidents.view();
    s->execution = m_execution.figures(m_now);
    s->system = m_system.sample(wallNow);
    if (m_venueLinks)
        s->venueLinks = m_venueLinks();
    return s;
}

} // namespace vigil
