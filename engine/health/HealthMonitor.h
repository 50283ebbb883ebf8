#pragma once
// The engine's own health: each component's heartbeat (simulated and wall time), the latency
// histograms of the day and of the current simulated minute, the minute-by-minute latency
// curve and its alerts.
//
// Calling contract (engine thread only; EngineCore owns one):
// - beginBatch() when a batch of messages is taken from the queue; beat() whenever a
//   component shows it is alive; setUp() with a component's own word (link up or down);
//   allUp() at the open. These are the hot path: a few stores each.
// - feedLatency(), ackLatency() and orderSent() as the measurements happen.
// - closeMinute() once a simulated minute (outside a replay): the minute's point goes on the
//   curve and what it returns are the alerts to raise; it decides, EngineCore raises them.
// - describe() fills the snapshot's health and latency fields; feed(), ack() and
//   tickToOrder() are the day's histograms for the journal's checkpoints.
// It touches nothing but its own state.

#include "api/Snapshot.h"
#include "api/Time.h"
#include "api/Types.h"
#include "health/LatencyHistogram.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

class HealthMonitor {
public:
    enum Component { Feed, Broker, Strategies, Risk, Core, ComponentCount };
    /// A latency alert to raise: from `source` ("market data", "broker").
    struct Alert {
        std::string source;
        std::string message;
    };

    explicit HealthMonitor(int latencyAlertP95Ms)
        : m_alertP95Ns(std::int64_t{latencyAlertP95Ms} * kNsPerMs)
    {}

    void beginBatch(std::int64_t wallNs) { m_batchWallNs = wallNs; }
    void beat(Component c, SimTime now)
    {
        m_heartbeats[c].simTime = now;
        m_heartbeats[c].wallNs = m_batchWallNs;
    }
    void setUp(Component c, bool up) { m_heartbeats[c].up = up; }
    bool up(Component c) const { return m_heartbeats[c].up; }
    /// The open: every component up and beating now.
    void allUp(SimTime now);

    /// Exchange time to engine receipt of one market data message.
    void feedLatency(std::int64_t ns)
    {
        m_feed.record(ns);
        m_minuteFeed.record(ns);
    }
    /// Order decision to the broker's acknowledgement.
    void ackLatency(std::int64_t ns)
    {
        m_ack.record(ns);
        m_minuteAck.record(ns);
    }
    /// An order left: tick-to-order from the batch's wall time to now (nothing, not even a
    /// clock read, when no batch time is known).
    void orderSent()
    {
        if (m_batchWallNs == 0)
            return;
        const std::int64_t elapsed = wallNowNs() - m_batchWallNs;
        m_tickToOrder.record(elapsed);
        m_minuteTickToOrder.record(elapsed);
    }

    /// The simulated minute ending at `now`: its point joins the curve; the alerts are those
    /// of a path whose p95 has just crossed the threshold (one alert, not one a minute).
    std::vector<Alert> closeMinute(SimTime now, const SessionWindow &session);
    /// Components, the day's latency statistics and bins, the curve and the threshold.
    void describe(Snapshot &s, SimTime now, std::int64_t wallNow) const;

    const LatencyHistogram &feed() const { return m_feed; }
    const LatencyHistogram &ack() const { return m_ack; }
    const LatencyHistogram &tickToOrder() const { return m_tickToOrder; }

private:
    struct Heartbeat {
        SimTime simTime = 0;
        std::int64_t wallNs = 0;
        bool up = true;
    };

    std::int64_t m_alertP95Ns;
    std::int64_t m_batchWallNs = 0;
    Heartbeat m_heartbeats[ComponentCount];
    LatencyHistogram m_feed;
    LatencyHistogram m_ack;
    LatencyHistogram m_tickToOrder;
    // The same over the current simulated minute, for the latency curve.
    LatencyHistogram m_minuteFeed;
    LatencyHistogram m_minuteAck;
    LatencyHistogram m_minuteTickToOrder;
    bool m_feedOver = false; ///< the last minute's feed p95 was over the alert threshold
    bool m_ackOver = false;  ///< the last measured acknowledgement p95 was
    std::vector<LatencyPoint> m_curve;
};

} // namespace vigil
