#pragma once
// The simulated exchange on its own I/O thread: a market-data feed and a paper broker, each
// a discrete-event simulation in simulated time, talking to the engine thread through
// lock-free queues (VenueLink).
//
// Determinism without lock-step. The market does not depend on orders (no market impact),
// so the feed runs ahead freely and records every quote change for the broker. The broker
// depends on orders, so it trails: it runs an event only when no order can still arrive
// before it. Orders arrive at least `orderLatencyMin` after the engine decides them, and
// the engine publishes a promise (`VenueLink::engineTime`: it will decide nothing earlier),
// so the broker runs every event before engineTime + orderLatencyMin. In return the broker
// promises the engine when its next report can come at the earliest (BrokerHorizon): the
// next arrival, the next quote that would fill a working order, or the close. On the engine
// thread, SimulatorVenue merges the two streams by timestamp (a report first on a tie) and
// holds a market message back only when it is not earlier than that promise. So the threads meet around orders, not
// around every quote, and thread timing decides only how long anyone waits: same seed,
// same session.
//
// Thread affinity: construct on the controlling thread; run() on the venue thread; the
// accessors after run() returned.

#include "api/Config.h"
#include "api/Types.h"
#include "core/SpscQueue.h"
#include "sim/PaperBroker.h"
#include "sim/SimMarket.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <vector>

namespace vigil {

/// What each drill did, by its number (EngineMessage::drillNumber): posted by the venue,
/// read by whoever asked for the drill (the control channel). Kept off the venue's streams
/// on purpose: the outcome is for the operator, while the engine learns of a drill only as
/// it would of a real broker's out-of-band change. Thread safe.
class DrillOutcomes {
public:
    void post(std::uint32_t number, DrillOutcome outcome)
    {
        const std::lock_guard lock(m_mutex);
        m_outcomes[number] = std::move(outcome);
    }
    std::optional<DrillOutcome> find(std::uint32_t number) const
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_outcomes.find(number);
        return it == m_outcomes.end() ? std::nullopt : std::optional<DrillOutcome>(it->second);
    }

private:
    mutable std::mutex m_mutex;
    std::map<std::uint32_t, DrillOutcome> m_outcomes;
};

struct VenueLink {
    SpscQueue<VenueMessage, 1 << 16> market;    ///< feed -> engine: quotes, prints, clock, statuses, session
    SpscQueue<VenueMessage, 1 << 14> broker;    ///< broker -> engine: reports and horizons
    SpscQueue<EngineMessage, 1 << 14> requests; ///< engine -> broker: orders and cancels
    /// The engine decides nothing stamped earlier than this (monotonic).
    std::atomic<SimTime> engineTime{0};
    Doorbell engineBell; ///< rung by the venue after pushing to `market` or `broker`
    Doorbell venueBell;  ///< rung by the engine after a request, or when it waits on the broker

    /// Why the broker's storage failed: written by the venue before it sends the broker's
    /// Failed status, read by the engine after it took that message (the queue orders them).
    std::string brokerFailure;
    DrillOutcomes drills;

    /// How long a waiting thread spins before it sleeps on its doorbell.
    static constexpr int kSpinsBeforeSleep = 2000;
};

class SimVenue {
public:
    SimVenue(const Config &config, const SessionWindow &session, std::uint64_t seed, double speed, VenueLink &link);

    /// Before run(): the broker keeps its books in `store` (loaded from it first). Returns
    /// an empty string or why the store cannot be used.
    std::string attachBroker(PaperBrokerStore *store, const std::string &sessionDate);
    /// Before run(): a resumed session. The market is regenerated from the open (the engine
    /// catches up on it), but the broker only trades from `at` on: what came before is
    /// already in its books.
    void resumeAt(SimTime at) { m_resumeAt = at; }
    /// Before run(): a drill that ends the process the moment the broker has recorded its
    /// `count`-th new order, before the engine hears of it (0: off).
    void crashAfterBrokerAccepts(std::uint64_t count) { m_crashAfterAccepts = count; }

    /// Serves the session until `stop`. Venue thread.
    void run(const std::atomic<bool> &stop);

    /// After run() returned: brings the broker's books up to the last quote of the session
    /// (the broker trails the market, so it may stop short of it). Controlling thread.
    void settleBooks();

    const PaperBroker &broker() const { return m_broker; }
    const SimMarket &market() const { return m_market; }
    bool marketFinished() const { return m_marketFinished; }

private:
    // ---- the feed: market events in simulated time --------------------------------
    enum class MarketEventKind : std::uint8_t {
        SessionOpen,
        QuoteChange,
        Deliver,
        FaultStart,
        FaultEnd,
        ClockTick,
        SessionEnd
    };
    struct MarketEvent {
        SimTime time;
        std::uint64_t order; ///< tie-break: scheduling order, itself deterministic
        MarketEventKind kind;
        std::uint16_t index;  ///< symbol or fault number
        VenueMessage message; ///< Deliver
    };
    struct MarketLater {
        bool operator()(const MarketEvent &a, const MarketEvent &b) const
        {
            if (a.time != b.time)
                return a.time > b.time;
            if (a.kind != b.kind)
                return a.kind > b.kind;
            return a.order > b.order;
        }
    };
    void scheduleMarket(SimTime time, MarketEventKind kind, std::uint16_t index = 0);
    void scheduleDelivery(const VenueMessage &message, SimTime at);
    /// Runs one market event if the queue has room and (when paced) its time has come.
    bool stepMarket();
    void handleMarket(const MarketEvent &event);
    void onQuoteChange(SymbolId symbol, SimTime now);
    void publish(VenueMessage message, SimTime now);
    /// Every market event before this has run (kNever once the feed is done).
    SimTime marketTime() const;
    SimTime feedDelay();
    std::int64_t wallTarget(SimTime t) const;

    // ---- the broker: trails the market, bounded by the engine's promise --------------
    struct Arrival {
        SimTime time;
        EngineMessage request;
    };
    struct ArrivalLater {
        bool operator()(const Arrival &a, const Arrival &b) const
        {
            return a.time != b.time ? a.time > b.time : a.request.requestSeq > b.request.requestSeq;
        }
    };
    struct BrokerChange { ///< scheduled: fault starts and ends, and the close
        SimTime time;
        int fault; ///< index into the configured faults, or -1 for the close
        bool starting;
    };
    struct QuoteRecord {
        SimTime time;
        Quote quote;
    };
    void drainRequests();
    bool stepBroker();
    /// A drill request arriving at the broker now (see DrillKind).
    void runDrill(const EngineMessage &request, SimTime now);
    static constexpr int kDefaultDrillSeconds = 30;
    static constexpr int kDefaultDrillErrors = 5;
    void sendReports(SimTime eventTime);
    /// The broker's file could not be written: what it did since its last commit is on no
    /// file and was never reported, so it is dropped with the broker, which from now on acts
    /// on nothing and answers nothing; the engine hears of it (and halts) in stream order.
    void failBroker(const std::string &error, SimTime at);
    SimTime reportDelay(SimTime now, const ExecReport &first);
    SimTime extraLatency(SimTime at) const;
    SimTime horizon();
    void publishHorizon();

    Config m_config;
    SessionWindow m_session;
    std::uint64_t m_seed;
    double m_speed;
    VenueLink &m_link;
    SimMarket m_market;
    PaperBroker m_broker;
    Random m_feedRandom;
    SimTime m_orderLatencyMin;
    SimTime m_reportDelayMin;

    std::priority_queue<MarketEvent, std::vector<MarketEvent>, MarketLater> m_marketQueue;
    std::uint64_t m_marketScheduled = 0;
    std::uint64_t m_marketSent = 0;
    bool m_feedSilent = false;
    bool m_brokerLinkUp = true; ///< as the feed reports it (keep-alives, status messages)
    bool m_marketFinished = false;
    std::int64_t m_wallStart = 0;

    std::deque<QuoteRecord> m_history; ///< quote changes the broker has not run yet
    std::uint64_t m_historyBase = 0;   ///< absolute number of m_history.front()
    std::priority_queue<Arrival, std::vector<Arrival>, ArrivalLater> m_arrivals;
    std::vector<BrokerChange> m_changes; ///< sorted by time
    std::size_t m_nextChange = 0;
    bool m_brokerOpen = true;
    std::uint64_t m_requestsSeen = 0;
    std::vector<ExecReport> m_reports;
    SimTime m_lastReportDelivery = 0;
    std::uint64_t m_brokerSent = 0;
    // Where the search for the next filling quote may resume, valid while the broker's
    // working orders do not change.
    std::uint64_t m_scanFrom = 0;
    std::uint64_t m_scanVersion = ~std::uint64_t{0};
    std::uint64_t m_publishedRequests = ~std::uint64_t{0};
    SimTime m_publishedHorizon = -1;
    SimTime m_resumeAt = 0;
    std::uint64_t m_crashAfterAccepts = 0;
    /// How long the crash drill waits before it ends the process (see sendReports()).
    static constexpr std::chrono::milliseconds kDrillJournalGrace{400};
    bool m_brokerFailed = false; ///< see failBroker()
};

} // namespace vigil
