#include "health/HealthMonitor.h"

#include <iterator>
#include <limits>

namespace vigil {

namespace {

constexpr const char *kComponentNames[] = {"market data", "broker", "strategies", "risk", "engine"};
constexpr ComponentId kComponentIds[] = {ComponentId::MarketData, ComponentId::Broker, ComponentId::Strategies,
                                         ComponentId::Risk, ComponentId::Engine};
static_assert(std::size(kComponentNames) == HealthMonitor::ComponentCount
              && std::size(kComponentIds) == HealthMonitor::ComponentCount);

Percentiles percentilesOf(const LatencyHistogram &h) { return {h.quantile(0.50), h.quantile(0.95), h.quantile(0.99)}; }

LatencyStats statsOf(const LatencyHistogram &h)
{
    LatencyStats s;
    s.count = h.count();
    s.p50Ns = h.quantile(0.50);
    s.p95Ns = h.quantile(0.95);
    s.p99Ns = h.quantile(0.99);
    s.maxNs = h.max();
    return s;
}

/// Coarse bins for a histogram: 1-3 steps from 1 us to 10 s, and the rest above.
LatencyBins binsOf(const LatencyHistogram &h)
{
    LatencyBins bins;
    for (std::int64_t decade = kNsPerUs; decade <= kNsPerSecond; decade *= 10)
        for (std::int64_t step : {1, 3})
            bins.upperNs.push_back(decade * step);
    bins.upperNs.push_back(std::numeric_limits<std::int64_t>::max());
    bins.counts.assign(bins.upperNs.size(), 0);
    std::size_t bin = 0;
    for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) {
        const std::uint64_t n = h.bucket(i);
        if (n == 0)
            continue;
        const auto edge = static_cast<std::int64_t>(LatencyHistogram::upperEdge(i));
        while (bin + 1 < bins.upperNs.size() && edge > bins.upperNs[bin])
            ++bin;
        bins.counts[bin] += n;
    }
    return bins;
}

std::string millis(std::int64_t ns) { return std::to_string((ns + kNsPerMs / 2) / kNsPerMs) + " ms"; }

} // namespace

void HealthMonitor::allUp(SimTime now)
{
    for (Heartbeat &h : m_heartbeats)
        h = Heartbeat{now, m_batchWallNs, true};
}

std::vector<HealthMonitor::Alert> HealthMonitor::closeMinute(SimTime now, const SessionWindow &session)
{
    LatencyPoint point;
    point.time = now;
    point.feed = percentilesOf(m_minuteFeed);
    point.ack = percentilesOf(m_minuteAck);
    point.tickToOrder = percentilesOf(m_minuteTickToOrder);
    std::vector<Alert> alerts;
    const bool feedOver = point.feed.p95Ns > m_alertP95Ns, ackOver = point.ack.p95Ns > m_alertP95Ns;
    // One alert when a path crosses the threshold, not one a minute while it stays over.
    if (feedOver && !m_feedOver)
        alerts.push_back({"market data", "market data latency p95 " + millis(point.feed.p95Ns) + " in the minute to "
                                             + session.clockText(point.time) + ", over the alert threshold of "
                                             + millis(m_alertP95Ns)});
    if (ackOver && !m_ackOver)
        alerts.push_back({"broker", "broker acknowledgement latency p95 " + millis(point.ack.p95Ns)
                                        + " in the minute to " + session.clockText(point.time)
                                        + ", over the alert threshold of " + millis(m_alertP95Ns)});
    m_feedOver = feedOver;
    // A minute without acknowledgements says nothing about the broker: the alert stands.
    if (point.ack.p95Ns > 0)
        m_ackOver = ackOver;
    m_curve.push_back(point);
    m_minuteFeed.reset();
    m_minuteAck.reset();
    m_minuteTickToOrder.reset();
    return alerts;
}

void HealthMonitor::describe(Snapshot &s, SimTime now, std::int64_t wallNow) const
{
    for (int c = 0; c < ComponentCount; ++c) {
        ComponentHealth h;
        h.name = kComponentNames[c];
        h.id = kComponentIds[c];
        h.up = m_heartbeats[c].up;
        h.simAgeMs = m_heartbeats[c].simTime == 0 ? 0 : (now - m_heartbeats[c].simTime) / kNsPerMs;
        h.wallAgeMs = m_heartbeats[c].wallNs == 0 ? 0 : (wallNow - m_heartbeats[c].wallNs) / kNsPerMs;
        s.components.push_back(h);
    }
    s.feedLatency = statsOf(m_feed);
    s.ackLatency = statsOf(m_ack);
    s.tickToOrder = statsOf(m_tickToOrder);
    s.latencyCurve = m_curve;
    s.feedBins = binsOf(m_feed);
    s.ackBins = binsOf(m_ack);
    s.tickToOrderBins = binsOf(m_tickToOrder);
    s.latencyAlertP95Ns = m_alertP95Ns;
}

} // namespace vigil
