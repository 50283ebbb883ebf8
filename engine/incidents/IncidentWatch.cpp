#include "incidents/IncidentWatch.h"

namespace vigil {

IncidentWatch::IncidentWatch(const IncidentsConfig &config)
    : m_feedLimit(static_cast<SimTime>(config.feedSilentSeconds) * kNsPerSecond)
    , m_brokerLimit(static_cast<SimTime>(config.brokerUnreachableSeconds) * kNsPerSecond)
    , m_burst(static_cast<std::size_t>(config.refusalBurst))
    , m_burstWindow(static_cast<SimTime>(config.refusalBurstSeconds) * kNsPerSecond)
{}

bool IncidentWatch::refused(SimTime now)
{
    while (!m_refusals.empty() && m_refusals.front() <= now - m_burstWindow)
        m_refusals.pop_front();
    if (m_refusals.empty())
        m_burstSaid = false; // the burst is over: the next one is said again
    m_refusals.push_back(now);
    if (m_refusals.size() > m_burst) // the newest are enough to tell when the burst is over
        m_refusals.pop_front();
    if (m_burstSaid || m_refusals.size() < m_burst)
        return false;
    m_burstSaid = true;
    return true;
}

IncidentWatch::Crossed IncidentWatch::evaluate(SimTime now, bool brokerUp)
{
    Crossed crossed;
    const SimTime silent = m_lastMarketData > 0 ? now - m_lastMarketData : 0;
    if (silent < m_feedLimit) {
        m_feedSaid = false;
    } else if (!m_feedSaid) {
        m_feedSaid = true;
        crossed.feedSilent = true;
        crossed.feedSilentFor = silent;
    }
    if (brokerUp) {
        m_brokerDownSince = 0;
        m_brokerSaid = false;
    } else {
        if (m_brokerDownSince == 0)
            m_brokerDownSince = now;
        if (!m_brokerSaid && now - m_brokerDownSince >= m_brokerLimit) {
            m_brokerSaid = true;
            crossed.brokerUnreachable = true;
            crossed.brokerAwayFor = now - m_brokerDownSince;
        }
    }
    return crossed;
}

} // namespace vigil
