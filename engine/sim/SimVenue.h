#pragma once
// The simulated exchange: market, paper broker and their latencies as one discrete-event
// simulation, run on its own I/O thread and talking to the engine thread through two
// lock-free queues (VenueLink).
//
// Determinism: every event carries a simulated timestamp and is processed in (time,
// priority, sequence) order. Orders reach the venue at decision time + a latency of at
// least `orderLatencyMin`; the engine tells the venue which messages it has fully handled
// (EngineMessage::Processed). The venue never processes an event at or beyond
// (oldest message the engine has not finished) + orderLatencyMin, so every order that
// could affect an event is already queued when that event runs. Thread timing changes
// only how long the venue waits, never what happens: same seed, same session.
//
// Thread affinity: construct on the controlling thread; run() on the venue thread; the
// accessors after run() returned.

#include "config/Config.h"
#include "core/SpscQueue.h"
#include "core/Types.h"
#include "sim/PaperBroker.h"
#include "sim/SimMarket.h"

#include <atomic>
#include <deque>
#include <queue>
#include <vector>

namespace vigil {

struct VenueLink {
    SpscQueue<VenueMessage, 1 << 16> toEngine;
    SpscQueue<EngineMessage, 1 << 14> toVenue;
    Doorbell engineBell; ///< rung by the venue after pushing to toEngine
    Doorbell venueBell;  ///< rung by the engine after pushing to toVenue

    /// How long a waiting thread spins before it sleeps on its doorbell: a round trip
    /// between two running threads takes well under this, a descheduled peer far more.
    static constexpr int kSpinsBeforeSleep = 4000;
};

class SimVenue {
public:
    SimVenue(const Config &config, const SessionWindow &session, std::uint64_t seed, double speed, VenueLink &link);

    /// Runs the session to its end (or until `stop`). Venue thread.
    void run(const std::atomic<bool> &stop);

    const PaperBroker &broker() const { return m_broker; }
    const SimMarket &market() const { return m_market; }
    std::uint64_t messagesSent() const { return m_lastSent; }
    bool finished() const { return m_finished; }

private:
    enum class EventKind : std::uint8_t {
        SessionOpen, OrderArrival, QuoteChange, Deliver, FaultStart, FaultEnd, ClockTick, MarketClose, SessionEnd
    };
    struct Event {
        SimTime time;
        std::uint8_t priority;
        std::uint64_t order; ///< tie-break: deterministic for every kind
        EventKind kind;
        std::uint16_t index; ///< symbol, or fault number
        VenueMessage message;    ///< Deliver
        EngineMessage request;   ///< OrderArrival
    };
    struct Later {
        bool operator()(const Event &a, const Event &b) const
        {
            if (a.time != b.time)
                return a.time > b.time;
            if (a.priority != b.priority)
                return a.priority > b.priority;
            return a.order > b.order;
        }
    };

    void schedule(SimTime time, EventKind kind, std::uint16_t index = 0);
    void scheduleDelivery(const VenueMessage &message, SimTime at);
    void handle(Event &event);
    void onQuoteChange(SymbolId symbol, SimTime now);
    void onOrderArrival(const EngineMessage &request, SimTime now);
    void deliverReports(SimTime now);
    void onFault(std::uint16_t index, bool starting, SimTime now);
    void send(VenueMessage message, SimTime now);
    /// Reads the engine's queue. Venue thread.
    void drainEngine();
    /// Spins, then sleeps until the engine writes to the venue or `stop` is set.
    void waitForEngine(const std::atomic<bool> &stop);
    bool mayProcess(SimTime eventTime);
    void pace(SimTime eventTime, const std::atomic<bool> &stop);
    SimTime feedDelay();
    SimTime reportDelay(SimTime now);
    SimTime extraLatency(SimTime at) const;

    Config m_config;
    SessionWindow m_session;
    std::uint64_t m_seed;
    double m_speed;
    VenueLink &m_link;
    SimMarket m_market;
    PaperBroker m_broker;
    Random m_rng;
    SimTime m_lookahead;

    std::priority_queue<Event, std::vector<Event>, Later> m_queue;
    std::uint64_t m_scheduled = 0;
    std::uint64_t m_pendingDeliveries = 0;
    std::vector<ExecReport> m_reports;
    SimTime m_lastReportDelivery = 0;

    std::uint64_t m_lastSent = 0;
    std::uint64_t m_processedSeq = 0;
    struct SendMark { std::uint64_t firstSeq; SimTime time; };
    std::deque<SendMark> m_sendMarks;
    SimTime m_now = 0;

    bool m_marketOpen = false;
    bool m_feedSilent = false;
    bool m_finished = false;
    std::int64_t m_wallStart = 0;
};

} // namespace vigil
