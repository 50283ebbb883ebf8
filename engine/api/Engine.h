#pragma once
// The engine as the rest of the program sees it: owns the engine thread and the venue
// (api/Venue.h, with its own threads), takes commands, publishes snapshots.
//
// Thread affinity: construct, start(), stop() and wait*() from one controlling thread
// (the GUI thread or main). snapshot(), isFinished() and post() are thread safe and never
// block on the engine.

#include "api/AlertTap.h"
#include "api/AuditTrail.h"
#include "api/BotHealth.h"
#include "api/BrokerFacts.h"
#include "api/Commands.h"
#include "api/Config.h"
#include "api/JournalLimits.h"
#include "api/MarketTap.h"
#include "api/Snapshot.h"
#include "api/StrategySource.h"
#include "api/Time.h"
#include "api/Types.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace vigil {

struct ReconciliationResult;

struct RunOptions {
    std::uint64_t seed = 1;
    Date sessionDate;            ///< the simulated trading day
    double speed = 0;            ///< simulated seconds per wall second; 0 = as fast as possible
    int snapshotIntervalMs = 50; ///< publication period (bounded rate, about 20 Hz)
    /// Drill: the process ends the moment the paper broker has recorded this many new
    /// orders, before the engine hears of the last (0: off). See sim/.
    std::uint64_t crashAfterBrokerAccepts = 0;
    /// Drill: the process ends when the engine is about to run its first message stamped at
    /// or after this simulated instant, once the journal holds everything before it: a kill
    /// at a chosen point of the day (0: off). See Engine.cpp.
    SimTime crashAt = 0;
};

/// The end-of-session facts, for the headless summary and tests.
struct RunResult {
    std::string sessionDate;
    std::uint64_t seed = 0;
    std::uint64_t events = 0;
    std::uint64_t orders = 0;
    std::uint64_t fills = 0;
    std::uint64_t rejects = 0;
    Money realizedPnl;
    Money unrealizedPnl;
    Money fees;
    Money equity;
    std::vector<PositionRow> positions;       ///< the engine's books
    std::vector<PositionRow> brokerPositions; ///< the paper broker's own books
    Money brokerCash;
    bool completed = false; ///< the session ran to its close (false when stopped early)
    /// Why the paper broker's file could not be written (trading was halted then); empty if it could.
    std::string brokerFailure;
};

class BrokerRecords;
class EngineRuntime;
class Venue;

/// What the engine's creator plugs in beside what the configuration names (the gateway's
/// bots and its market data stream).
struct EngineExtensions {
    /// Trade after the configuration's own sources (makeStrategies()), in this order: their
    /// ids and books follow the built-ins', the reconciliation's book follows theirs, and the
    /// journal knows each by its key. The lineup's rules apply (api/StrategySource.h).
    std::vector<std::unique_ptr<StrategySource>> sources;
    /// Told of every quote and trade print the engine thread processes (not owned; outlives
    /// the engine; null: none).
    MarketTap *marketTap = nullptr;
    /// Told of every alert, repeat and acknowledgement on the engine thread (not owned;
    /// outlives the engine; null: none). See api/AlertTap.h.
    AlertTap *alertTap = nullptr;
};

class Engine {
public:
    /// Trades on the venue the configuration names (runtime/Assembly).
    Engine(Config config, RunOptions options);
    /// Trades on `venue` (a venue of the caller's making).
    Engine(Config config, RunOptions options, std::unique_ptr<Venue> venue);
    /// With `extensions` as well, on the venue the configuration names, or on `venue`. Throws
    /// std::invalid_argument when a source cannot trade beside the others.
    Engine(Config config, RunOptions options, EngineExtensions extensions);
    Engine(Config config, RunOptions options, EngineExtensions extensions, std::unique_ptr<Venue> venue);
    ~Engine(); ///< stops and joins the threads
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    /// Before openJournal(): the broker's records are kept at `path` (the simulator's paper
    /// broker: its own file, created or loaded as it was left). Returns an empty string or
    /// why it cannot.
    std::string openBroker(const std::string &path);
    /// Before start(): journals every fact to the SQLite file at `path` (created or migrated).
    /// If the journal already holds this session, the engine resumes it: books and orders
    /// come from the journal, open orders are settled with the broker, and the market is
    /// replayed up to where the session stopped. Returns an empty string or why the journal
    /// cannot be used (then nothing may start).
    std::string openJournal(const std::string &path, JournalLimits limits = {});
    /// After openJournal(): what the restart found and did (empty for a new session).
    std::string resumeSummary() const;
    /// Before start(), on a data directory restored from a backup (`marker`: the restore's
    /// hold there, `why`: what it says): pauses trading (reduce-only, journaled, by "system
    /// (restore)"), and refuses Resume until the last reconciliation is complete with no
    /// difference left open; the resume that passes removes `marker`.
    void holdAfterRestore(const std::string &marker, const std::string &why);
    /// Before start(): where the lost-bot rule reads the bots' connections and processes
    /// (api/BotHealth.h). Without it every bot shows as not seen and none is ever lost.
    void watchBots(BotWatch watch);
    /// Thread safe: every journal record up to this number is on stable storage.
    std::uint64_t journalDurableSeq() const;
    /// Thread safe: why the journal stopped writing (empty while it works or without one).
    std::string journalFailure() const;
    /// Thread safe, never blocks: `done` is called once, when every journal record up to `seq`
    /// is on stable storage, or when it never will be (the journal failed or was closed first:
    /// journalDurableSeq() and journalFailure() tell which). It runs on the journal's store
    /// thread at the commit that makes it so, or in this thread if that is already known; it
    /// must not block. Without a journal, at once.
    void whenDurable(std::uint64_t seq, std::function<void()> done);
    /// Thread safe, never blocks: the newest audit records the journal has committed
    /// (null without a journal).
    std::shared_ptr<const AuditTrail> auditTrail() const;
    void start();
    /// Asks both threads to stop and joins them. Safe to call twice.
    void stop();
    /// Blocks the calling (non-GUI) thread until the session has closed.
    void waitFinished();

    /// Thread safe, never blocks: hands an operator's command to the engine. A command that
    /// stops trading (pause, halt, kill, maintenance) takes effect on the order path before
    /// this returns; the rest (records, cancels, flattening) follows on the engine thread.
    /// `done` is called once with the outcome: on the engine thread, or in this thread when
    /// the session is not running. It must not block. A Reconciled command without a result
    /// asks for a run (see reconcile()). Returns the moment (wallNowNs()) from
    /// which no order decided before the command can leave any more, when this command
    /// stopped trading; 0 when it changed nothing on the order path.
    std::int64_t command(Command command, std::function<void(const CommandResult &)> done);

    /// Thread safe, never blocks: compares the books with the broker's statement on the
    /// reconciliation thread (see recon/ReconciliationService) and, while the session runs,
    /// hands the result to the engine, which journals it and blocks entries where the books
    /// differ. `done` gets the result and the engine's answer, on that thread. The engine
    /// also reconciles by itself after every broker reconnect and after each resolution.
    void reconcile(std::string startedBy, std::string actor,
                   std::function<void(const ReconciliationResult &, const CommandResult &)> done = {});

    /// Thread safe, never blocks: the state the order path reads before every send (ahead of
    /// the snapshot: a pause or kill shows here the moment command() returns).
    TradingState tradingState() const;
    /// Thread safe, never blocks: strategy orders that passed the order path's last check and
    /// were handed to the broker (operators' flatten orders are not counted).
    std::uint64_t strategyOrdersSent() const;
    /// Thread safe, non-blocking: the latest published snapshot (never null after start()).
    std::shared_ptr<const Snapshot> snapshot() const;
    /// Thread safe, non-blocking.
    bool isFinished() const;
    /// Thread safe, non-blocking: what the drill numbered `number` (CommandResult::drill)
    /// did at the venue; nothing while it has not run there yet.
    std::optional<DrillOutcome> drillOutcome(std::uint32_t number) const;
    /// After the session finished or stop() returned.
    RunResult result() const;
    /// Any thread: the venue's broker records (null until openBroker() succeeded, or on a
    /// venue that keeps none), for reconciliation and the checklists.
    std::shared_ptr<const BrokerRecords> brokerRecords() const;
    /// Blocking (a file, the broker's API), never on the engine thread: the broker's
    /// statement, or, without records, one that answers nothing and says why.
    BrokerStatement brokerStatement() const;

private:
    std::unique_ptr<EngineRuntime> m_runtime;
};

} // namespace vigil
