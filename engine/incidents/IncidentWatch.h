#pragma once
// The conditions that open an incident only once they have lasted or piled up: market data
// silent for [incidents] feed_silent_seconds, the broker away for broker_unreachable_seconds,
// and refusal_burst orders refused by the pre-trade checks within refusal_burst_seconds (a
// strategy gone rogue). Each says so once when it crosses its threshold and again only after
// it has cleared. Session time throughout, so a replay or a run at speed behaves the same.
//
// Threads: the engine thread only. Calling contract: marketData() on every quote and trade
// and at the open; refused() on every order a pre-trade check refused; evaluate() once per
// clock message while the market is open.

#include "api/Config.h"
#include "api/Time.h"

#include <deque>

namespace vigil {

class IncidentWatch {
public:
    explicit IncidentWatch(const IncidentsConfig &config);

    void marketData(SimTime now) { m_lastMarketData = now; }
    /// True once when this refusal makes the burst: refusal_burst within the window.
    bool refused(SimTime now);
    /// Refusals inside the window ending at the last refused() (for the alert's text).
    std::size_t refusalsInWindow() const { return m_refusals.size(); }

    struct Crossed {
        bool feedSilent = false;        ///< just passed feed_silent_seconds
        bool brokerUnreachable = false; ///< just passed broker_unreachable_seconds
        SimTime feedSilentFor = 0;
        SimTime brokerAwayFor = 0;
    };
    Crossed evaluate(SimTime now, bool brokerUp);

private:
    SimTime m_feedLimit;
    SimTime m_brokerLimit;
    std::size_t m_burst;
    SimTime m_burstWindow;
    SimTime m_lastMarketData = 0;
    SimTime m_brokerDownSince = 0; ///< 0: up
    bool m_feedSaid = false;
    bool m_brokerSaid = false;
    bool m_burstSaid = false;
    std::deque<SimTime> m_refusals; ///< inside the window
};

} // namespace vigil
