#pragma once
// What the GUI (and the headless summary) sees of the engine: an immutable copy of its
// state, published by the engine thread at a bounded rate. Thread safe: never modified
// after publication, shared as std::shared_ptr<const Snapshot>.

#include "api/AlertSeverity.h"
#include "api/BotHealth.h"
#include "api/Config.h"
#include "api/DifferenceKind.h"
#include "api/ExecutionFigures.h"
#include "api/Fixed.h"
#include "api/Incident.h"
#include "api/OrderStatus.h"
#include "api/Resolution.h"
#include "api/SystemStats.h"
#include "api/Time.h"
#include "api/TradingState.h"
#include "api/Types.h"
#include "api/VenueLinks.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vigil {

struct PositionRow {
    std::string symbol;
    Quantity qty = 0;  ///< signed: + long, - short
    Price avgPrice;    ///< average entry price of the open quantity
    Price markPrice;   ///< latest mid
    Money marketValue; ///< qty * mark
    Money unrealizedPnl;
    Money realizedPnl; ///< today's, this symbol, net of fees
    bool operator==(const PositionRow &) const = default;
};

struct StrategyRow {
    std::string name;      ///< as the operator reads it ("Mean reversion")
    std::string key;       ///< as commands name it ("intraday_mean_reversion")
    bool intraday = false; ///< must be flat by the close
    bool stopped = false;  ///< by the execution throttle, a flatten or the kill switch
    Quantity openQty = 0;  ///< sum of |qty| over its symbols
    Money grossExposure;   ///< sum of |qty x mark| over its symbols
    Money realizedPnl;
    Money unrealizedPnl;
    std::uint64_t orders = 0;
    std::uint64_t fills = 0;
    bool operator==(const StrategyRow &) const = default;
};

struct LatencyStats {
    std::uint64_t count = 0;
    std::int64_t p50Ns = 0;
    std::int64_t p95Ns = 0;
    std::int64_t p99Ns = 0;
    std::int64_t maxNs = 0;
};

/// The parts whose heartbeats the engine watches (the console finds the feed and the broker by it).
enum class ComponentId : std::uint8_t { MarketData, Broker, Strategies, Risk, Engine, Store };

struct ComponentHealth {
    std::string name;           ///< as the operator reads it: market data, broker, strategies, risk, engine, store
    bool up = true;             ///< the component's own word (link up, thread alive)
    std::int64_t simAgeMs = 0;  ///< simulated time since its last heartbeat
    std::int64_t wallAgeMs = 0; ///< wall time since its last heartbeat
    ComponentId id = ComponentId::Engine;
};

/// One of the operators' bots (issue 22's gateway): its connection, by the lost-bot rule,
/// and its process, when Vigil supervises it.
struct BotRow {
    std::string key;  ///< its strategy key ([[bots]] name)
    std::string name; ///< as the operator reads it
    BotLinkState link = BotLinkState::NotSeen;
    int streams = 0;           ///< trade_updates connections authenticated as it
    SimTime lastSeenWall = 0;  ///< utcNowNs() of its last request or stream message (0: never)
    std::int64_t silentMs = 0; ///< wall time from then to the last check
    int heartbeatSeconds = 0;  ///< silent longer than this (and no stream): lost
    BotLostAction onLost = BotLostAction::LeaveOrders;
    BotProcessState process = BotProcessState::Unsupervised;
    int restarts = 0;
    BotExitKind lastExit = BotExitKind::None;
    int lastExitCode = 0;
    bool operator==(const BotRow &) const = default;
};

/// One path's latency percentiles over a stretch of time (0 where nothing was measured).
struct Percentiles {
    std::int64_t p50Ns = 0;
    std::int64_t p95Ns = 0;
    std::int64_t p99Ns = 0;
};

/// Latency percentiles over one simulated minute.
struct LatencyPoint {
    SimTime time = 0;        ///< the end of the minute
    Percentiles feed;        ///< exchange time to engine receipt (simulated)
    Percentiles ack;         ///< order decision to broker acknowledgement (simulated)
    Percentiles tickToOrder; ///< engine processing, tick in to order out (wall)
};

/// A latency distribution in coarse bins for a histogram: counts of values up to each
/// upper edge (and above the previous one).
struct LatencyBins {
    std::vector<std::int64_t> upperNs;
    std::vector<std::uint64_t> counts;
};

/// The books once a simulated minute. Points restored from the journal after a restart carry
/// the equity only (breakdownKnown false): the rest was not journaled.
struct EquityPoint {
    SimTime time = 0;
    Money equity;
    Money grossExposure;
    Money netExposure;
    Money realizedPnl; ///< today's, net of fees
    Money unrealizedPnl;
    bool breakdownKnown = false; ///< exposure and the P&L's parts are known
};

/// One strategy's P&L (realized + unrealized) at each point of the equity curve (0 where
/// the point's breakdown is not known).
struct StrategyCurve {
    std::string key;        ///< as commands name it
    std::string name;       ///< as the operator reads it
    std::vector<Money> pnl; ///< as many as Snapshot::equityCurve has points
};

enum class SessionPhase : std::uint8_t { NotStarted, Open, Closed };

/// One limit and how close the engine is to it.
struct LimitUsage {
    enum class Level : std::uint8_t { Ok, Warning, Breach };
    std::string name;     ///< "daily drawdown", "gross exposure", ...
    std::string value;    ///< the current figure, formatted ("1.23%", "4 errors", "12 s")
    std::string limit;    ///< the limit, formatted the same way
    double usedPct = 0;   ///< value as a percentage of the limit
    std::string distance; ///< what is left before the limit ("0.77% of equity")
    Level level = Level::Ok;
    bool killTrigger = false; ///< breaching it fires the kill switch (after its debounce)
    bool operator==(const LimitUsage &) const = default;
};

/// A working order.
struct OrderRow {
    std::string clientOrderId; ///< unique; the key
    std::string strategy;      ///< the strategy's key, or "operator"
    std::string symbol;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Quantity filledQty = 0;
    Price limitPrice; ///< limit orders
    OrderStatus status = OrderStatus::New;
    std::string created; ///< "HH:MM:SS" New York
    bool operator==(const OrderRow &) const = default;
};

/// A fill, as booked.
struct FillRow {
    std::uint64_t id = 0; ///< 1, 2, 3 ... in the order booked this run
    std::string clock;    ///< "HH:MM:SS" New York
    std::string clientOrderId;
    std::string strategy;
    std::string symbol;
    Side side = Side::Buy;
    Quantity qty = 0;
    Price price;
    Money fee;
    bool operator==(const FillRow &) const = default;
};

/// An alert the engine raised (also journaled and audited), with its repeats.
struct AlertRow {
    /// The journal's sequence number of its first record: the same after a restart, and
    /// what `vigil ctl ack` names.
    std::uint64_t id = 0;
    SimTime time = 0;
    std::string clock; ///< "HH:MM:SS" New York
    AlertSeverity severity = AlertSeverity::Warning;
    std::string source; ///< "risk", "store", "strategies" ...
    std::string message;
    std::uint32_t count = 1;     ///< raised this many times (repeats inside [alerts] repeat_window_seconds)
    SimTime lastTime = 0;        ///< the latest of them
    std::string lastClock;       ///< its "HH:MM:SS"
    std::string acknowledgedBy;  ///< who acknowledged it; empty: nobody yet
    std::string acknowledgement; ///< their reason
    bool acknowledged() const { return !acknowledgedBy.empty(); }
    bool operator==(const AlertRow &) const = default;
};

/// An annotation on an incident's timeline, or one later event attached to it.
struct IncidentEntry {
    SimTime time = 0;
    std::string clock; ///< "HH:MM:SS" New York
    std::string actor;
    std::string text;
    bool operator==(const IncidentEntry &) const = default;
};

/// An incident as it stands: open, or signed off today.
struct IncidentRow {
    std::uint64_t id = 0; ///< the journal's sequence number of the record that opened it
    IncidentCause cause = IncidentCause::Operator;
    AlertSeverity severity = AlertSeverity::Warning; ///< Warning: level 2; Critical: level 3
    std::string title;
    std::string openedBy;
    SimTime opened = 0;
    std::string openedClock;
    std::string sessionDate; ///< the day it was opened (an open one may be from an earlier day)
    /// The analysis's fields in kAnalysisFields' order (empty: not filled in yet).
    std::array<std::string, kAnalysisFields.size()> analysis;
    std::vector<IncidentEntry> notes;  ///< the operator's annotations, oldest first
    std::vector<IncidentEntry> events; ///< later events of its cause, oldest first
    std::string signedOffBy;           ///< empty: open
    std::string signOffNote;
    std::string signedOffClock;
    bool open() const { return signedOffBy.empty(); }
    /// Holds a resume until it is signed off.
    bool holdsResume() const { return open() && severity == AlertSeverity::Critical; }
    bool operator==(const IncidentRow &) const = default;
};

/// The latest flatten and where it stands.
struct FlattenStatus {
    enum class Phase : std::uint8_t { None, Cancelling, Closing, Flat, Failed };
    Phase phase = Phase::None;
    std::string scope;             ///< "all", "strategy swing_momentum", "symbol AAPL"
    std::string detail;            ///< what it waits for, or how it ended
    std::uint64_t outstanding = 0; ///< orders it still waits for
};

/// One difference between the console's books and the broker's, as the last complete
/// reconciliation found it, with what has been done about it.
struct ReconciliationDifferenceRow {
    enum class Status : std::uint8_t {
        Open,      ///< nobody has decided; new entries in the symbol are blocked
        Resolving, ///< a resolution is under way (flatten, cancel); blocked until a run confirms it
        Resolved,  ///< adopted: the books were brought to the broker's view
        Accepted,  ///< accepted with a note: the difference stays, the symbol trades again
    };
    std::string key; ///< "position AAPL", "order VG-..."
    DifferenceKind kind = DifferenceKind::QuantityDiffers;
    std::string symbol;
    std::string clientOrderId; ///< order kinds
    Quantity internalQty = 0;
    Quantity brokerQty = 0;
    Price internalAvg;
    Price brokerAvg;
    bool cash = false; ///< the cash difference: the amounts below, no symbol
    Money internalCash;
    Money brokerCash;
    std::string description; ///< one line for the operator
    Status status = Status::Open;
    std::string resolution;          ///< who decided what, and their note
    std::vector<Resolution> choices; ///< the resolutions that apply

    bool operator==(const ReconciliationDifferenceRow &) const = default;
};
std::string_view toString(ReconciliationDifferenceRow::Status status); ///< "open", "resolving", ...

/// One reconciliation run.
struct ReconciliationRunRow {
    std::uint64_t number = 0; ///< 1, 2, 3 ... in this session
    std::string clock;        ///< HH:MM:SS New York (engine time)
    std::int64_t wallMs = 0;  ///< UTC wall time, ms since the epoch
    std::string startedBy;    ///< start-up, on demand, broker reconnect, after a resolution, the close
    std::string actor;
    bool complete = false;
    int differences = 0;
    std::string summary;

    bool operator==(const ReconciliationRunRow &) const = default;
};

struct ReconciliationView {
    std::vector<ReconciliationRunRow> runs; ///< this session's, oldest first (at most kSnapshotReconciliations)
    std::vector<ReconciliationDifferenceRow> differences; ///< of the last complete run
    std::vector<std::string> blockedSymbols;              ///< new entries refused until resolved or unblocked
    std::vector<std::string> unblockedSymbols;            ///< differences open, but an operator let entries through

    bool ran() const { return !runs.empty(); }
    const ReconciliationRunRow &last() const { return runs.back(); }
    /// Open or resolving differences.
    int unresolved() const;
};

/// The view of a session with no reconciliation yet (shared: snapshots never hold null).
const std::shared_ptr<const ReconciliationView> &noReconciliation();

/// The incidents open, and those signed off this session, oldest first.
using IncidentList = std::vector<IncidentRow>;
/// A session without incidents (shared: snapshots never hold null).
const std::shared_ptr<const IncidentList> &noIncidents();

constexpr std::size_t kSnapshotReconciliations = 50;
constexpr std::size_t kSnapshotAlerts = 200;
constexpr std::size_t kSnapshotOrders = 1000;
constexpr std::size_t kSnapshotFills = 500;

struct Snapshot {
    std::uint64_t version = 0;    ///< increases with every publication
    std::uint64_t journalSeq = 0; ///< the journal holds every fact shown here up to this record
    SessionPhase phase = SessionPhase::NotStarted;
    TradingState tradingState = TradingState::Active;
    std::string stateActor;  ///< who moved it to its current state
    std::string stateReason; ///< why (the maintenance banner in MAINTENANCE)
    SimTime stateSince = 0;
    /// While a restarted session replays the market it already traded: where trading picks
    /// up again ("HH:MM:SS" or "the close"); empty otherwise.
    std::string catchingUpTo;
    /// While catching up: the P&L, equity, drawdown and exposure hold the journal's prices
    /// recorded at this time ("HH:MM:SS"), not the replayed market's; empty otherwise.
    std::string figuresAsOf;
    std::string sessionDate; ///< YYYY-MM-DD
    SimTime simTime = 0;
    std::string simClock; ///< HH:MM:SS New York
    double speed = 0;     ///< configured speed factor (0 = max)

    Money startingEquity;
    Money equity;
    Money realizedPnl; ///< net of fees
    Money unrealizedPnl;
    Money fees;
    Money highWaterMark;
    Money drawdown;           ///< high-water mark minus equity (>= 0)
    Money killDrawdown;       ///< the drawdown that fires the kill switch (the daily loss limit)
    double grossLimitPct = 0; ///< the gross exposure limit, % of equity
    Money grossExposure;
    Money netExposure;

    std::uint64_t events = 0;
    std::uint64_t orders = 0;
    std::uint64_t fills = 0;
    std::uint64_t rejects = 0;
    std::uint64_t workingOrders = 0;

    std::vector<PositionRow> positions; ///< open positions, sorted by symbol
    std::vector<StrategyRow> strategies;
    std::vector<ComponentHealth> components;
    std::vector<BotRow> bots;                  ///< the configuration's [[bots]], in its order
    std::vector<EquityPoint> equityCurve;      ///< one point a simulated minute
    std::vector<StrategyCurve> strategyCurves; ///< per strategy, aligned with equityCurve
    std::vector<LimitUsage> limits;            ///< every limit with its distance
    std::vector<AlertRow> alerts;              ///< the latest alerts (at most kSnapshotAlerts), oldest first
    std::vector<OrderRow> workingOrderRows;    ///< working orders (at most kSnapshotOrders, the newest)
    std::vector<FillRow> recentFills;          ///< the latest fills (at most kSnapshotFills), oldest first
    std::vector<std::pair<std::string, std::uint64_t>> refusals; ///< pre-trade refusals per check
    FlattenStatus flatten;
    int brokerErrorStreak = 0;
    LatencyStats feedLatency;               ///< exchange time to engine receipt (simulated)
    LatencyStats ackLatency;                ///< order decision to broker acknowledgement (simulated)
    LatencyStats tickToOrder;               ///< engine processing, tick in to order out (wall)
    std::vector<LatencyPoint> latencyCurve; ///< one point a simulated minute
    LatencyBins feedBins;                   ///< today's feed latency distribution
    LatencyBins ackBins;                    ///< today's order-acknowledgement latency distribution
    LatencyBins tickToOrderBins;            ///< today's tick-to-order distribution
    std::int64_t latencyAlertP95Ns = 0;     ///< a minute's feed or ack p95 above this is an alert
    ExecutionFigures execution;             ///< fill and rejection rates, slippage
    SystemStats system;                     ///< the process's CPU and memory, the data volume's free space
    VenueLinks venueLinks;                  ///< a real broker's streams and REST budget (applies false: the simulator)
    /// Shared between snapshots until the reconciliation changes: a day with thousands of
    /// differences costs the engine nothing per publication.
    std::shared_ptr<const ReconciliationView> reconciliation = noReconciliation();
    std::uint64_t brokerReconnects = 0; ///< times the broker's link came back up this session
    /// Shared between snapshots until an incident changes.
    std::shared_ptr<const IncidentList> incidents = noIncidents();

    Money dailyPnl() const { return realizedPnl + unrealizedPnl; }
};

} // namespace vigil
