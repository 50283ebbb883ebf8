#pragma once
// The engine's business logic: market state, strategies, risk, order management and
// portfolio, driven by venue messages one at a time. Single-threaded and deterministic:
// the same messages give the same orders, fills and P&L to the cent. No locks.
// Engine thread only (except tradingStateGate(), whose atomic any thread may set, and the
// strategy sources' doorbells, which any thread may ring).

#include "alerts/AlertBook.h"
#include "api/AlertTap.h"
#include "api/BrokerFacts.h"
#include "api/Commands.h"
#include "api/Config.h"
#include "api/MarketTap.h"
#include "api/Reconciliation.h"
#include "api/Snapshot.h"
#include "api/Types.h"
#include "bots/BotHealthRule.h"
#include "health/HealthMonitor.h"
#include "health/SystemMonitor.h"
#include "incidents/IncidentBook.h"
#include "incidents/IncidentWatch.h"
#include "oms/ExecutionStats.h"
#include "oms/FlattenRun.h"
#include "oms/OrderManager.h"
#include "portfolio/EquityCurve.h"
#include "portfolio/Portfolio.h"
#include "recon/Drills.h"
#include "recon/ReconciliationTracker.h"
#include "risk/KillTriggers.h"
#include "risk/RiskGate.h"
#include "runtime/SnapshotBuilder.h"
#include "store/JournalRecord.h"
#include "store/JournalRecovery.h"
#include "strategy/StrategyLineup.h"

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace vigil {

struct ChecklistResult;

/// What a restart found and did, for the operator.
struct ResumeReport {
    bool resumed = false;             ///< the session had started before
    SimTime resumeAt = 0;             ///< trading picks up here; the market before it is replayed
    std::uint64_t unknownOrders = 0;  ///< open at the crash, asked of the broker
    std::uint64_t adoptedOrders = 0;  ///< at the broker but never recorded in the journal
    std::uint64_t notReceived = 0;    ///< recorded but never at the broker
    std::uint64_t fillsRecovered = 0; ///< executions the broker had that the journal did not
    std::string text() const;         ///< empty for a new session
};

/// Where the engine's orders go (the venue queue, or a benchmark's sink).
class OrderSink {
public:
    virtual ~OrderSink() = default;
    virtual void send(const EngineMessage &message) = 0;
};

class EngineCore final : private FlattenRun::Actions {
public:
    /// `strategies`: the strategy sources in the configuration's order (makeStrategies()),
    /// a null one configured but disabled. Throws std::invalid_argument when two cannot trade
    /// side by side (see StrategyLineup).
    EngineCore(const Config &config, const SessionWindow &session, OrderSink &sink,
               std::vector<std::unique_ptr<StrategySource>> strategies);
    ~EngineCore();

    /// Handles one message from the venue.
    void process(const VenueMessage &message);
    /// Any thread, set before the engine runs: called when a strategy source rings its
    /// doorbell, to wake the engine thread (which then calls pollStrategies()).
    void setStrategyWake(std::function<void()> wake) { m_strategyWake = std::move(wake); }
    /// Before start(): how the venue's links stand, read for each snapshot (never waits).
    void setVenueLinks(std::function<VenueLinks()> links) { m_venueLinks = std::move(links); }
    /// Before the engine runs: every quote and trade print processed from then on, except
    /// the replay's, also goes to `tap` (not owned; null: none).
    void setMarketTap(MarketTap *tap) { m_tap = tap; }
    /// Told of every alert, repeat and acknowledgement (null: none). See api/AlertTap.h.
    void setAlertTap(AlertTap *tap) { m_alertTap = tap; }
    /// Any thread: a strategy source rang and has not been polled since.
    bool strategiesWaiting() const { return m_strategiesRang.load(std::memory_order_acquire); }
    /// Lets every source that rang take its requests (StrategySource::poll); journaled as
    /// one group. Never blocks.
    void pollStrategies();
    /// Why the broker's storage failed, given before the broker's Failed status is processed
    /// (the text travels beside the fixed-size message).
    void setBrokerFailure(std::string reason) { m_brokerFailure = std::move(reason); }
    /// Before the engine runs: where the lost-bot rule reads the bots' links and processes
    /// (api/BotHealth.h; bots/BotHealthRule).
    void watchBots(BotWatch watch) { m_bots.watch(std::move(watch)); }
    /// Wall time at which the current batch of messages was taken from the queue: the
    /// "tick received" instant for tick-to-order latency and heartbeats.
    void beginBatch(std::int64_t wallNs) { m_health.beginBatch(wallNs); }

    /// Every fact from now on also goes to `journal` (not owned; may be null).
    void setJournal(JournalSink *journal) { m_journal = journal; }
    /// The volume whose free space the snapshot reports (the data directory).
    void setDataDirectory(std::string directory) { m_system.setDataDirectory(std::move(directory)); }
    /// Before the engine runs: the data directory was restored from a backup and `marker`
    /// says so. Resume is refused until the last reconciliation is complete with no
    /// difference left open; the resume that passes removes the marker.
    void holdAfterRestore(std::string marker) { m_restoreHold = std::move(marker); }
    /// Moves journal records that waited for room in the journal's queue (never blocks).
    void flushJournal()
    {
        if (m_journal)
            m_journal->flush();
    }
    /// Number of the last record handed to the journal (0: none).
    std::uint64_t journalSeq() const { return m_journalSeq; }

    /// Before the first message: takes over the books, today's orders and the equity curve
    /// from the journal. Messages before `resumeAt` are a replay of the market already
    /// traded (strategies see them; nothing is sent and nothing periodic is journaled). At
    /// `resumeAt` the strategies take up their orders of the day (StrategySource::onResume).
    void restore(const Recovery &recovery, SimTime resumeAt);
    /// After restore(), before the first message: every order that was open becomes Unknown
    /// and is settled from the broker's records (`brokerOrders`, today's, found by client
    /// order id): executions the journal lacks are booked, orders the broker never received
    /// are rejected, orders only the broker knows are adopted. Nothing is sent before this.
    /// Journaled as one group.
    ResumeReport resolveWithBroker(const std::vector<BrokerOrder> &brokerOrders);

    /// Engine thread: carries out an operator's command (or refuses it) and records it. A
    /// command that stops trading has usually been applied to the gate already, in the
    /// caller's thread (see api/Commands.h and risk/TradingGate.h); this does the rest: the record, cancelling,
    /// flattening. Never blocks.
    CommandResult execute(const Command &command);
    /// Engine thread: the trading state as last recorded, with who set it and why.
    TradingState recordedState() const { return m_recordedState; }

    /// Builds an immutable copy of the state for the GUI or a summary.
    std::shared_ptr<const Snapshot> makeSnapshot(double speed);
    std::vector<PositionRow> positionRows() const { return m_snapshots.positionRows(); }

    SessionPhase phase() const { return m_phase; }
    std::uint64_t eventCount() const { return m_events; }
    const Portfolio &portfolio() const { return m_portfolio; }
    const OrderManager &orders() const { return m_orders; }
    RiskGate &riskGate() { return m_risk; }
    const std::vector<std::string> &symbolNames() const { return m_symbolNames; }
    /// Strategy names indexed by StrategyId (ids of disabled strategies get "strategy-N").
    std::vector<std::string> strategyNamesById() const { return m_lineup.namesById(); }
    /// The key of strategy `id` ("intraday_mean_reversion").
    std::string strategyKey(StrategyId id) const { return m_lineup.key(id); }
    /// One book a configured strategy, then the reconciliation's.
    std::size_t bookCount() const { return m_lineup.bookCount(); }
    /// The book that holds what a reconciliation adopted beyond the strategies' own
    /// positions (a position opened by hand at the broker): no strategy trades it; the
    /// operator keeps or flattens it.
    StrategyId reconciliationBook() const { return m_lineup.reconciliationBook(); }
    const std::string &clientOrderIdOf(const Order &order) const { return order.clientOrderId; }

    SimTime now() const { return m_now; }
    const SessionWindow &session() const { return m_session; }
    const Quote &quote(SymbolId symbol) const { return m_quotes[symbol]; }
    Quantity position(StrategyId strategy, SymbolId symbol) const;
    /// Sends an order of book `strategy` as its strategy source would (StrategyContext::submit);
    /// returns its id, or 0 when refused.
    OrderId submit(StrategyId strategy, SymbolId symbol, Side side, OrderType type, Quantity qty, Price limitPrice)
    {
        return submitFor(strategy, symbol, side, type, qty, limitPrice).id;
    }
    /// Asks the broker to cancel a working order; false when nothing was sent (also the
    /// flatten's: FlattenRun::Actions).
    bool cancel(OrderId id) override;

    /// What starts the reconciliation run a flatten asks for (its RecordReconciliation's startedBy).
    static constexpr std::string_view kFlattenCheck = "after a flatten";
    /// Before the start, for a broker that keeps its own books: a flatten is flat only once
    /// the broker's positions agree; `ask` requests a reconciliation run started by
    /// kFlattenCheck (any thread may take it; its result comes back as a command).
    void verifyFlatWithBroker(std::function<void()> ask);
    /// Before the start, for a broker that closes the whole account in one request
    /// (Venue::closesInBulk()): a flatten of everything uses it.
    void closeInBulk(bool on) { m_flatten.closeInBulk(on); }

private:
    friend class SnapshotBuilder; // reads the parts it shows, through a const reference
    /// What one strategy source holds of the engine (EngineStrategies.cpp).
    class Port;
    Submission submitFor(StrategyId strategy, SymbolId symbol, Side side, OrderType type, Quantity qty,
                         Price limitPrice, std::string_view reference = {});
    /// The source trading as `strategy`, or null (a disabled one's book, the reconciliation's, the operator's).
    Port *portOf(StrategyId strategy) const { return strategy < m_portById.size() ? m_portById[strategy] : nullptr; }
    /// Tells the order's strategy source (if any) of its change and of the fill that caused it (if any).
    void notifyStrategy(const Order &order, const ExecOutcome *fill = nullptr, std::uint64_t executionId = 0);
    void beat(HealthMonitor::Component c) { m_health.beat(c, m_now); }
    void onQuote(const Quote &quote);
    void onExec(const ExecReport &report);
    void onClock();
    void onSessionOpen();
    void onSessionClose();
    void onBrokerStatus(ComponentStatus status);
    void onLinkEvent(const LinkEvent &event); ///< EngineLinks.cpp
    void journal(JournalRecord record);
    void journalOrder(const Order &order, JournalRecord::Kind kind, std::string_view actor = {});
    /// Journals a booked fill and adds it to the recent fills (`label`: whose it is).
    void recordFill(const Order &order, const ExecOutcome &outcome, std::uint64_t executionId, std::string label);
    void journalCheckpoint(std::string_view kind);
    /// Journals (and so audits) a checklist's run and its items; returns the answer's text.
    std::string recordChecklist(const ChecklistResult &result, const std::string &actor);
    /// Appends the books as they are now to the equity curve and the strategies' curves, after
    /// the point where a new high-water mark was set since the last one, if any.
    void addEquityPoint();
    /// Puts the kept high-water mark's point on the curves and in the journal, so that the
    /// curve's highest point is the mark the books and their checkpoints carry.
    void flushPeak();
    void endJournalGroup();
    bool replaying() const { return m_now < m_resumeAt; }
    /// The replay has reached where the session stopped: the strategies take up their orders.
    void resumeStrategies();
    /// In the constructor: a port for every running strategy source, and its doorbell.
    void takeStrategies();
    StrategyId strategyByCode(std::string_view code) const { return m_lineup.byCode(code); }
    StrategyId strategyByKey(std::string_view key) const { return m_lineup.byKey(key); }

    // Commands (EngineCommands.cpp): each judged, refused or carried out by its handler.
    struct Step {
        TradingState from;   ///< the recorded state the command found
        TransitionRule rule; ///< judge()'s verdict
        std::string actor;   ///< "operator" when the command names nobody
    };
    struct Answer {
        bool ok = false;
        std::string message;
        std::uint32_t drill = 0;
    };
    /// Why a command the rules allow cannot run now (a failed store, the replay); empty if it can.
    std::string refusalOf(CommandKind kind, const Step &step) const;
    /// Records the rule's transition unless it leaves the state as it is; false if superseded.
    bool transition(const Step &step, std::string_view reason);
    Answer handle(const cmd::Status &c, const Step &step);
    Answer handle(const cmd::Pause &c, const Step &step);
    Answer handle(const cmd::Resume &c, const Step &step);
    Answer handle(const cmd::Halt &c, const Step &step);
    Answer handle(const cmd::Kill &c, const Step &step);
    Answer handle(const cmd::Flatten &c, const Step &step);
    Answer handle(const cmd::MaintenanceEnter &c, const Step &step);
    Answer handle(const cmd::MaintenanceExit &c, const Step &step);
    Answer handle(const cmd::EnableStrategy &c, const Step &step);
    Answer handle(const cmd::Reconcile &c, const Step &step);
    Answer handle(const cmd::RecordReconciliation &c, const Step &step);
    Answer handle(const cmd::Resolve &c, const Step &step);
    Answer handle(const cmd::Unblock &c, const Step &step);
    Answer handle(const cmd::Drill &c, const Step &step);
    Answer handle(const cmd::RunChecklist &c, const Step &step);
    Answer handle(const cmd::RecordChecklist &c, const Step &step);
    Answer handle(const cmd::CancelOrders &c, const Step &step);
    Answer handle(const cmd::AcknowledgeAlert &c, const Step &step);
    Answer handle(const cmd::RecordAlert &c, const Step &step);
    Answer handle(const cmd::OpenIncident &c, const Step &step);
    Answer handle(const cmd::UpdateIncident &c, const Step &step);
    Answer handle(const cmd::SignOffIncident &c, const Step &step);

    // Incidents (EngineIncidents.cpp).
    /// An event of `cause`: opens its incident, or attaches to the one open (raising its
    /// level if need be); journaled and audited. `alert`: the alert that said it (0: none).
    /// Nothing during a replay: the journal has the incidents of that part of the day.
    /// Returns the incident's id (0 during a replay).
    std::uint64_t incident(IncidentCause cause, AlertSeverity severity, std::string_view title, std::uint64_t alert,
                           std::string_view actor = "system");
    /// Journals one change to incident `id` (a value longer than a record spans several).
    void journalIncidentChange(std::uint64_t id, IncidentField field, std::string_view actor, std::string_view value);
    /// Once per clock message while the market is open: the conditions that must last.
    void watchIncidentConditions();
    /// The level-3 incidents not signed off, "#12 (kill), #30 (storage)" (empty: none): they
    /// hold a resume.
    std::string incidentsHoldingResume() const;

    // Bots (EngineBots.cpp): the lost-bot rule's findings, acted on.
    /// Once a clock message, outside the replay: runs the rule and acts on what it found.
    void checkBots();
    /// A bot just lost: its onLost action through the typed commands, an alert, an audit entry.
    void botLost(const BotConfig &bot, const std::string &why);

    // Controls (EngineControl.cpp).
    /// Records a transition and moves the gate if it is not there yet; false if another
    /// thread moved the gate first (the command is then superseded).
    bool recordState(TradingState from, TradingState to, std::string_view actor, std::string_view reason);
    void audit(std::string_view actor, std::string_view action, std::string_view detail);
    /// Audits the configuration in force and every risk limit that is new or changed since
    /// the audit trail last recorded it.
    void auditConfiguration();
    /// Raises an alert; returns its id.
    std::uint64_t alert(AlertSeverity severity, std::string_view message, std::string_view source = "risk");
    void recordStrategyControl(StrategyId strategy, bool stopped, std::string_view actor, std::string_view reason);
    /// Every working order of the account, in one bulk request.
    std::size_t cancelAll() override;
    /// Resolves the scope's name (checked by the caller) and starts the flatten's run over.
    void startFlatten(const FlattenScope &scope, std::string_view actor);
    // FlattenRun::Actions
    OrderId sendOperatorOrder(StrategyId strategy, SymbolId symbol, Side side, Quantity qty, std::string_view actor,
                              CloseRoute route) override;
    void sendCloseAll() override;
    void flattenFailed(const std::string &what) override { alert(AlertSeverity::Critical, what); }
    void flattenConfirmed(const std::string &actor, const std::string &what) override { audit(actor, "flat", what); }
    void askBrokerPositions() override;
    /// Hands a created and journaled order to the broker; its arrival mid is the quote's now.
    void sendNewOrder(Order &order, CloseRoute route = CloseRoute::Alone);
    /// The quote's mid (zero when there is no two-sided quote).
    Price currentMid(SymbolId symbol) const;

    // Reconciliation (EngineReconcile.cpp).
    /// Takes a run's result: journals it, keeps its differences (a resolution already
    /// chosen stays with a difference that has not changed) and blocks new entries where
    /// differences are open. Returns the message for the operator.
    std::string applyReconciliation(const cmd::RecordReconciliation &run, std::string_view actor);
    /// An operator's resolution of one difference; false (with why) when refused.
    bool resolveDifference(const cmd::Resolve &command, std::string_view actor, std::string &message);
    bool unblockSymbol(const cmd::Unblock &command, std::string_view actor, std::string &message);
    bool startDrill(const cmd::Drill &command, std::string_view actor, std::string &message);
    /// Books the broker's view of a position difference; false (with why) when it cannot.
    bool adoptPosition(const Difference &difference, std::string_view actor, std::string &message);
    /// Marks our order that the broker does not hold as cancelled.
    bool adoptMissingOrder(const Difference &difference, std::string &message);
    /// One booked (never sent) fill of a reconciliation, under its own operator order.
    void bookReconciliationFill(StrategyId book, SymbolId symbol, Side side, Quantity qty, Price price, Money fee,
                                std::uint64_t executionId, std::string_view actor);
    void journalResolution(std::string_view key, std::string_view how, std::string_view note, std::string_view actor);
    /// Entries blocked where a difference is open or resolving and no override holds.
    void refreshReconciliationBlocks();
    int symbolNumber(const std::string &name) const; ///< -1 if not traded here
    /// What snapshots show of the reconciliation (rebuilt only after it changed).
    std::shared_ptr<const ReconciliationView> reconciliationView();
    /// The automatic kill triggers' decision, once per clock message: raises their warnings
    /// and fires the kill they call for.
    void evaluateTriggers();
    void fireKill(std::string_view reason);
    std::string describeState() const;
    /// Empty when nothing holds trading after a restore; otherwise why Resume is refused.
    std::string restoreHoldRefusal() const;
    SimTime recordTime() const { return m_now != 0 ? m_now : m_session.open; }
    /// The client order id a new order of `strategy` gets.
    std::string newClientOrderId(StrategyId strategy, OrderId id) const;

    Config m_config;
    SessionWindow m_session;
    OrderSink &m_sink;
    std::function<void()> m_askBrokerPositions; ///< verifyFlatWithBroker()'s
    std::vector<std::string> m_symbolNames;
    std::vector<Quote> m_quotes;
    // The doorbells before the sources: a source's own thread may ring until it is destroyed.
    std::vector<std::unique_ptr<Port>> m_ports; ///< one a running strategy, in the lineup's order
    std::vector<Port *> m_portById;             ///< by StrategyId (null: no source trades that book)
    std::atomic<bool> m_strategiesRang{false};
    std::function<void()> m_strategyWake;
    MarketTap *m_tap = nullptr;
    StrategyLineup m_lineup;
    Portfolio m_portfolio;
    OrderManager m_orders;
    RiskGate m_risk;
    std::vector<std::uint64_t> m_strategyOrders; ///< by book
    std::vector<std::uint64_t> m_strategyFills;

    SimTime m_now = 0;
    SessionPhase m_phase = SessionPhase::NotStarted;
    std::uint64_t m_events = 0;
    HealthMonitor m_health;
    BotHealthRule m_bots;
    ExecutionStats m_execution;
    SystemMonitor m_system;
    EquityCurve m_equity; ///< the strategies' curves by position in the lineup
    std::uint64_t m_snapshotVersion = 0;
    JournalSink *m_journal = nullptr;
    std::vector<JournalRecord> m_messageRecords; ///< what the current message caused, sent as one group
    bool m_journalFailed = false;
    bool m_brokerFailed = false; ///< the broker's storage failed: it answers nothing more
    std::string m_brokerFailure; ///< why
    /// A store (the journal, the broker's file) cannot be written: trading halts (`reason`
    /// recorded with the state) and `what` is raised as a critical alert from `source`.
    void haltForStorage(const std::string &reason, const std::string &what, std::string_view source);
    std::uint64_t m_journalSeq = 0;
    SimTime m_nextPositionRecord = 0;
    std::string m_compactDate;
    bool m_resumed = false; ///< the journal already held this session
    AlertBook m_alerts;     ///< the latest, with repeats counted, for the snapshot
    AlertTap *m_alertTap = nullptr;
    IncidentBook m_incidents;
    IncidentWatch m_incidentWatch;
    std::deque<FillRow> m_recentFills; ///< the latest, for the snapshot
    std::uint64_t m_fillRows = 0;
    std::uint64_t m_alertCount = 0;
    std::vector<std::pair<std::string, std::string>> m_recordedLimits; ///< as the audit trail last had them
    SimTime m_resumeAt = 0;
    bool m_caughtUp = true;    ///< the replay (if any) is over
    SimTime m_figuresAsOf = 0; ///< during a replay: when the journal's prices the books are valued at were recorded

    // Controls.
    TradingState m_recordedState = TradingState::Active;
    TradingState m_maintenanceReturn = TradingState::Active;
    std::string m_stateActor = "system";
    std::string m_stateReason = "start";
    std::string m_restoreHold; ///< the restore's marker file while it holds trading (empty: none)
    SimTime m_stateSince = 0;
    bool m_strategiesRunning = true; ///< false after a kill until a resume
    FlattenRun m_flatten;
    KillTriggers m_triggers;
    std::uint64_t m_brokerReconnects = 0;
    std::function<VenueLinks()> m_venueLinks;

    ReconciliationTracker m_reconciliation; ///< the differences, decisions, runs and overrides
    Drills m_drills;
    SnapshotBuilder m_snapshots{*this};
};

} // namespace vigil
