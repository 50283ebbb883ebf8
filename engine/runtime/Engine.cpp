#include "api/Engine.h"

#include "api/Assembly.h"
#include "api/Venue.h"
#include "core/EngineText.h"
#include "core/SpscQueue.h"
#include "recon/ReconciliationService.h"
#include "runtime/EngineCore.h"
#include "store/JournalRecovery.h"
#include "store/JournalWriter.h"

#include <QFileInfo>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace vigil {

namespace {
/// A reconciliation's or checklist's result: recorded even after the session has closed.
bool isResultToRecord(const Command &command)
{
    if (const auto *run = std::get_if<cmd::RecordReconciliation>(&command))
        return run->result != nullptr;
    if (const auto *checklist = std::get_if<cmd::RecordChecklist>(&command))
        return checklist->result != nullptr;
    return false;
}

/// The core's orders go to the venue.
class VenueSink final : public OrderSink {
public:
    explicit VenueSink(Venue &venue)
        : m_venue(venue)
    {}
    void send(const EngineMessage &message) override { m_venue.send(message); }

private:
    Venue &m_venue;
};

/// How long a waiting engine thread spins before it sleeps on the venue's doorbell.
constexpr int kSpinsBeforeSleep = 2000;

/// The engine's order on a venue on the wall clock (VenueClock::Wall): the venue's messages
/// in arrival order, and the session's marks (its open and close, from the calendar, and each
/// passing second), which such a venue does not send, made here on the same clock and run
/// in their place among them. The engine's time never goes back: a message stamped before
/// the last one run (a mark taken while the message was on its way) runs at that time.
class ArrivalOrder {
public:
    ArrivalOrder(Venue &venue, const SessionWindow &session)
        : m_venue(venue)
        , m_session(session)
        , m_nextSecond((venue.now() / kNsPerSecond + 1) * kNsPerSecond)
    {}

    /// Engine thread: the next message to run now, if any.
    bool next(VenueMessage &out)
    {
        if (!m_held) {
            VenueMessage v;
            if (m_venue.next(v))
                m_held = v;
        }
        const SimTime markAt = nextMarkAt();
        if (markAt != kNever && markAt <= m_venue.now() && (!m_held || markAt <= m_held->time)) {
            out = takeMark(markAt);
        } else if (m_held) {
            out = *m_held;
            m_held.reset();
        } else {
            return false;
        }
        out.time = std::max(out.time, m_time);
        m_time = out.time;
        return true;
    }
    /// Engine thread: the session has closed and the venue owes nothing more.
    bool finished() { return m_closed && !m_held && m_venue.finished(); }
    /// The instant (the venue's now()) of the next mark; kNever once the close is made.
    SimTime nextMarkAt() const
    {
        if (m_closed)
            return kNever;
        return std::min(m_nextSecond, m_opened ? m_session.close : m_session.open);
    }

private:
    VenueMessage takeMark(SimTime at)
    {
        VenueMessage m;
        if (!m_opened && at == m_session.open) {
            m.kind = VenueMessage::Kind::SessionOpen;
            m_opened = true;
        } else if (m_opened && at == m_session.close) {
            m.kind = VenueMessage::Kind::SessionClose;
            m_closed = true;
        } else {
            m.kind = VenueMessage::Kind::Clock;
            m_nextSecond = at + kNsPerSecond;
        }
        m.seq = ++m_marks;
        m.exchangeTime = m.time = at;
        // Started after the open (a restart, or an operator joining the day late): the open
        // is made now, not back at the bell, so that what is measured from it (market data
        // silence, the components' heartbeats) starts when this engine began to listen.
        if (m.kind == VenueMessage::Kind::SessionOpen)
            m.exchangeTime = m.time = std::max(at, m_venue.now());
        return m;
    }

    Venue &m_venue;
    SessionWindow m_session;
    SimTime m_nextSecond;
    bool m_opened = false;
    bool m_closed = false;
    std::optional<VenueMessage> m_held; ///< taken from the venue, not yet run
    SimTime m_time = 0;                 ///< of the last message run
    std::uint64_t m_marks = 0;
};
}

/// The threads and what they share. Lives behind Engine so that the header stays small.
class EngineRuntime {
public:
    /// Thread safe: makes `snapshot` the latest unless a newer one is already out.
    void publishNow(const std::shared_ptr<const Snapshot> &snapshot)
    {
        auto current = m_latest.load();
        while (!current || current->version < snapshot->version) {
            if (m_latest.compare_exchange_weak(current, snapshot))
                return;
        }
    }

    /// Engine thread (and, through publishPending, the store thread): the GUI sees a
    /// snapshot only once the journal holds every fact in it, unless the journal failed.
    void offer(std::shared_ptr<const Snapshot> snapshot)
    {
        if (!m_journal || snapshot->journalSeq <= m_journal->durableSeq() || m_journal->failed()) {
            publishNow(snapshot);
            return;
        }
        m_pending.store(std::move(snapshot));
        publishPending(); // the commit may have landed between the check and the store
    }

    void publishPending()
    {
        auto pending = m_pending.load();
        if (pending && (pending->journalSeq <= m_journal->durableSeq() || m_journal->failed()))
            publishNow(pending);
    }

    std::string openBroker(const std::string &path) { return m_venue->openRecords(path); }

    void watchBots(BotWatch watch) { m_core.watchBots(std::move(watch)); }

    std::string openJournal(const std::string &path, JournalLimits limits)
    {
        JournalNames names;
        for (const SymbolSpec &s : m_config.simulator.symbols)
            names.symbols.push_back(s.symbol);
        names.strategies = m_core.strategyNamesById();
        names.sessionDate = m_session.date.toIso();
        names.seed = m_options.seed;
        RecoveryInput input;
        input.symbols = names.symbols;
        input.strategies = names.strategies;
        input.sessionDate = names.sessionDate;
        input.dayStart = m_session.at(0, 0);
        input.dayEnd = input.dayStart + 24 * 60 * kNsPerMinute;
        input.startingCash = m_config.broker.paper.startingCash;
        input.clockText = [session = m_session](SimTime t) { return session.clockText(t); };

        auto writer = std::make_unique<JournalWriter>(QString::fromStdString(path), std::move(names), limits);
        writer->setCommitHook([this](std::uint64_t) {
            publishPending();
            notifyDurable();
        });
        if (m_venue->records()) {
            // The fills being committed were reported by the broker: its records of them go
            // to the disk first.
            writer->setBeforeCommit([venue = m_venue.get()] {
                if (const std::string error = venue->syncRecords(); !error.empty())
                    spdlog::error("{}", error);
            });
        }
        if (const QString error = writer->start(); !error.isEmpty()) // creates or migrates the file
            return error.toStdString();
        Recovery recovery;
        if (const QString error = loadRecovery(QString::fromStdString(path), input, recovery); !error.isEmpty())
            return error.toStdString() + "; nothing was started";
        if (recovery.sessionFound && recovery.seed && *recovery.seed != m_options.seed)
            return "the journal holds the session of " + input.sessionDate + " traded with seed "
                   + std::to_string(*recovery.seed) + "; resuming it with seed " + std::to_string(m_options.seed)
                   + " would trade another market: start with --seed " + std::to_string(*recovery.seed);
        if (recovery.openOrdersOfEarlierSessions > 0)
            spdlog::warn("the journal holds {} order(s) of earlier sessions still recorded as open; the broker expired "
                         "them as day orders",
                         recovery.openOrdersOfEarlierSessions);

        // Where the session stopped: the later of the journal's last record and the broker's
        // last change (the broker may have gone on after the journal's last commit).
        const SimTime brokerClock = m_venue->lastActivity(input.sessionDate);
        const bool resuming = recovery.sessionFound || brokerClock > 0;
        SimTime resumeAt = 0;
        if (recovery.sessionClosed)
            resumeAt = kNever;
        else if (resuming)
            resumeAt = std::max(recovery.lastTime, brokerClock) + 1;

        writer->setDurableBase(recovery.lastSeq);
        m_journal = std::move(writer);
        m_core.setJournal(m_journal.get());
        m_core.setDataDirectory(QFileInfo(QString::fromStdString(path)).absolutePath().toStdString());
        m_core.restore(recovery, resumeAt);
        m_venue->resumeAt(resumeAt);
        if (resuming) {
            std::vector<BrokerOrder> brokerOrders;
            if (std::string error = m_venue->ordersOfDay(input.sessionDate, brokerOrders); !error.empty())
                return error + ": the open orders cannot be settled; nothing was started";
            m_resume = m_core.resolveWithBroker(brokerOrders);
            // What the broker still works of the engine's, as the engine took it back.
            std::vector<BrokerOrder> working;
            for (const BrokerOrder &b : brokerOrders) {
                const Order *o = b.number != 0 ? m_core.orders().find(b.number) : nullptr;
                if (o && !isTerminal(o->status) && o->clientOrderId == b.clientOrderId)
                    working.push_back(b);
            }
            m_venue->resumeWorking(working);
            m_core.flushJournal();
        }
        publishNow(m_core.makeSnapshot(m_options.speed));
        return {};
    }

    void stopJournal()
    {
        {
            std::lock_guard lock(m_afterCloseMutex); // not in the middle of recording the close's run
            m_journalStopped = true;
            if (m_journal)
                m_journal->stop(); // commits what is queued; its hook publishes the last snapshot
        }
        {
            std::lock_guard lock(m_durableMutex);
            m_durableClosed = true;
        }
        notifyDurable(); // nothing more becomes durable: every waiter hears it now
    }

    /// The journal's store thread (its commit hook), or whoever registers or closes: calls the
    /// waiters (Engine::whenDurable) whose record is durable now, or never will be.
    void notifyDurable()
    {
        std::vector<std::function<void()>> due;
        {
            std::lock_guard lock(m_durableMutex);
            if (m_durableWaiters.empty())
                return;
            const bool settled = m_durableClosed || !m_journal || m_journal->failed();
            const std::uint64_t durable = m_journal ? m_journal->durableSeq() : 0;
            for (auto it = m_durableWaiters.begin(); it != m_durableWaiters.end();) {
                if (settled || it->first <= durable) {
                    due.push_back(std::move(it->second));
                    it = m_durableWaiters.erase(it);
                } else {
                    ++it;
                }
            }
        }
        for (const std::function<void()> &done : due)
            done();
    }

    /// After the session: the close's reconciliation and the end-of-day checklist are still
    /// recorded, on the caller's thread, once the engine thread has let go of the core (its
    /// last act sets m_finished) and while the journal is open. Returns false when it cannot be.
    bool recordAfterClose(const Command &command, const std::function<void(const CommandResult &)> &done)
    {
        if (!isResultToRecord(command))
            return false;
        Backoff backoff;
        while (!m_finished.load())
            backoff.pause(); // the commands are closed: finish() is on its last lines
        std::lock_guard lock(m_afterCloseMutex);
        if (m_journalStopped || !m_finished.load())
            return false;
        const CommandResult r = m_core.execute(command);
        m_core.flushJournal();
        offer(m_core.makeSnapshot(m_options.speed));
        if (done)
            done(r);
        return true;
    }

    EngineRuntime(Config config, RunOptions options, std::unique_ptr<Venue> venue, EngineExtensions extensions)
        : m_config(std::move(config))
        , m_options(options)
        , m_venue(venue ? std::move(venue)
                        : makeVenue(m_config, VenueSetup{options.sessionDate, options.seed, options.speed,
                                                         options.crashAfterBrokerAccepts}))
        , m_session(sessionAndCash(options.sessionDate))
        , m_sink(*m_venue)
        , m_core(m_config, m_session, m_sink, lineup(m_config, std::move(extensions.sources)))
    {
        m_core.setMarketTap(extensions.marketTap);
        m_core.setAlertTap(extensions.alertTap);
        m_core.setStrategyWake([this] { m_venue->engineBell().ring(); }); // a strategy source's requests wait
        m_core.setVenueLinks([this] { return m_venue->links(); });
        m_latest.store(m_core.makeSnapshot(options.speed));
        ReconciliationHooks hooks;
        hooks.statement = [this] { return brokerStatement(); };
        hooks.snapshot = [this]() -> std::shared_ptr<const Snapshot> {
            // After the session the last snapshot may still wait for the journal's commit:
            // the books are read from the core itself, which nothing else moves any more.
            if (m_finished.load()) {
                std::lock_guard lock(m_afterCloseMutex);
                return m_core.makeSnapshot(m_options.speed);
            }
            return m_latest.load();
        };
        hooks.command = [this](Command c, std::function<void(const CommandResult &)> done) {
            command(std::move(c), std::move(done));
        };
        hooks.trading = [this] { return m_started.load() && !m_finished.load(); };
        hooks.started = [this] { return m_started.load(); };
        hooks.periodic = [this] { return m_venue->records() != nullptr; }; // set before start(), read after
        ReconciliationTimings timings;
        timings.periodicSessionMs = std::int64_t{m_config.reconciliation.everySeconds} * 1000;
        timings.periodicWallMs = m_config.reconciliation.minWallIntervalMs;
        ReconciliationTolerance tolerance;
        tolerance.cash = m_config.reconciliation.cashTolerance;
        m_reconciler = std::make_unique<ReconciliationService>(std::move(hooks), timings, tolerance);
        // A real broker's account (one that told its cash) is the truth about "flat".
        if (m_venue->accountCash())
            m_core.verifyFlatWithBroker(
                [this] { m_reconciler->request(std::string(EngineCore::kFlattenCheck), "system (flatten)"); });
        m_core.closeInBulk(m_venue->closesInBulk());
    }

    /// The configuration's strategy sources, then the creator's.
    static std::vector<std::unique_ptr<StrategySource>> lineup(const Config &config,
                                                               std::vector<std::unique_ptr<StrategySource>> extra)
    {
        std::vector<std::unique_ptr<StrategySource>> sources = makeStrategies(config);
        for (std::unique_ptr<StrategySource> &source : extra)
            sources.push_back(std::move(source));
        return sources;
    }

    /// Blocking (a file, the broker's API): any thread but the engine's.
    BrokerStatement brokerStatement() const
    {
        if (const std::shared_ptr<const BrokerRecords> records = m_venue->records())
            return records->statement();
        BrokerStatement none;
        none.error = engineTr("Reconciliation", "the broker keeps no statement (no broker file)");
        return none;
    }

    /// Constructor, before the core: the session from the venue's calendar, and a real
    /// broker's cash as the books' starting cash (the configuration's is the paper broker's).
    SessionWindow sessionAndCash(const Date &date)
    {
        if (const std::optional<Money> cash = m_venue->accountCash())
            m_config.broker.paper.startingCash = *cash;
        return m_venue->sessionOf(date);
    }

    void start()
    {
        m_venue->start(m_stop);
        m_engineThread = std::thread([this] { runEngine(); });
        m_started.store(true);
        m_reconciler->start();
    }

    void stop()
    {
        m_reconciler->stop();
        m_stop.store(true);
        m_venue->engineBell().ring();
        if (m_engineThread.joinable())
            m_engineThread.join();
        m_venue->join();
        stopJournal();
    }

    /// The engine thread: hands each message the venue gives it to the core, in the
    /// venue's order (see api/Venue.h: the simulator's deterministic one, or arrival order on
    /// the wall clock, with the session's marks made here from the calendar), runs the
    /// operators' commands between messages, and publishes snapshots at a bounded rate.
    void runEngine()
    {
        const std::int64_t interval = std::int64_t{m_options.snapshotIntervalMs} * kNsPerMs;
        const bool wallClock = m_venue->clock() == VenueClock::Wall;
        ArrivalOrder arrivals(*m_venue, m_session);
        std::int64_t nextPublish = 0;
        try {
            m_core.beginBatch(wallNowNs());
            int sinceBatch = 0;
            while (!m_stop.load(std::memory_order_relaxed)) {
                if (m_commandsWaiting.load(std::memory_order_acquire)) {
                    runCommands();
                    nextPublish = 0; // the operator sees the outcome at once
                }
                if (m_core.strategiesWaiting()) {
                    m_core.pollStrategies();
                    m_core.flushJournal();
                }
                VenueMessage message;
                if (wallClock ? arrivals.next(message) : m_venue->next(message)) {
                    if (m_options.crashAt > 0 && message.time >= m_options.crashAt)
                        crashDrill();
                    if (message.kind == VenueMessage::Kind::BrokerStatus && message.status == ComponentStatus::Failed)
                        m_core.setBrokerFailure(m_venue->failure());
                    m_core.process(message);
                    if (++sinceBatch == 256) {
                        sinceBatch = 0;
                        m_core.flushJournal();
                        const std::int64_t wall = wallNowNs();
                        m_core.beginBatch(wall);
                        if (wall >= nextPublish) {
                            offer(m_core.makeSnapshot(m_options.speed));
                            nextPublish = wall + interval;
                        }
                    }
                    continue;
                }
                if (wallClock ? arrivals.finished() : m_venue->finished())
                    break; // the close has passed and the venue owes nothing more
                m_core.flushJournal();
                const std::int64_t wall = wallNowNs();
                if (wall >= nextPublish) {
                    offer(m_core.makeSnapshot(m_options.speed));
                    nextPublish = wall + interval;
                }
                std::int64_t wakeAt = nextPublish;
                if (wallClock && arrivals.nextMarkAt() != kNever)
                    wakeAt = std::min(wakeAt, wall + std::max<std::int64_t>(arrivals.nextMarkAt() - m_venue->now(), 0));
                waitForVenue(wall, wakeAt);
                m_core.beginBatch(wallNowNs());
                sinceBatch = 0;
            }
            offer(m_core.makeSnapshot(m_options.speed));
        } catch (const std::exception &e) {
            spdlog::critical("engine thread failed: {}", e.what());
            m_stop.store(true);
        }
        finish();
    }

    /// Engine thread: the drill of RunOptions::crashAt. The journal is made durable first, so
    /// the kill lands at a known point of the day (what a SIGKILL there would leave once the
    /// journal had caught up); the broker's file is always written before its reports leave.
    [[noreturn]] void crashDrill()
    {
        m_core.flushJournal();
        while (m_journal && !m_journal->failed() && m_journal->durableSeq() < m_core.journalSeq()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            m_core.flushJournal();
        }
        spdlog::critical("drill: the process ends now, at {}, before the engine runs anything stamped later",
                         m_session.clockText(m_options.crashAt));
        spdlog::default_logger()->flush();
        std::_Exit(86);
    }

    /// Spins, then sleeps until the venue writes, stop is asked, or `wakeAt` (wallNowNs())
    /// comes: a snapshot or a mark of the session is due.
    void waitForVenue(std::int64_t wallNow, std::int64_t wakeAt)
    {
        for (int spin = 0; spin < kSpinsBeforeSleep; ++spin) {
            if (m_venue->pending() || m_stop.load(std::memory_order_relaxed)
                || m_commandsWaiting.load(std::memory_order_relaxed) || m_core.strategiesWaiting())
                return;
#if defined(__x86_64__) || defined(__i386__)
            _mm_pause();
#endif
        }
        const auto untilSnapshot = std::chrono::nanoseconds(std::max<std::int64_t>(wakeAt - wallNow, kNsPerMs));
        m_venue->engineBell().sleepUntil(
            [this] {
                return m_venue->pending() || m_stop.load(std::memory_order_relaxed)
                       || m_commandsWaiting.load(std::memory_order_relaxed) || m_core.strategiesWaiting();
            },
            std::chrono::duration_cast<std::chrono::microseconds>(untilSnapshot));
    }

    /// Engine thread: carries out the commands waiting, in the order they were given.
    void runCommands()
    {
        std::deque<PendingCommand> commands;
        {
            std::lock_guard lock(m_commandMutex);
            commands.swap(m_commands);
            m_commandsWaiting.store(false, std::memory_order_release);
        }
        for (PendingCommand &c : commands) {
            const CommandResult result = m_core.execute(c.command);
            if (c.done)
                c.done(result);
        }
        m_core.flushJournal();
    }

    /// Any thread. See Engine::command().
    std::int64_t command(Command command, std::function<void(const CommandResult &)> done)
    {
        // Stopping takes effect now, on the atomic the order path reads before every send,
        // without waiting for any lock: only a stricter state is set here, by compare and
        // swap, so of two commands racing the stricter one wins; loosening happens only on
        // the engine thread, in command order. (After the session, nothing reads the gate.)
        TradingGate &gate = m_core.riskGate().gate();
        std::int64_t stoppedAt = 0;
        for (TradingState from = gate.state();; from = gate.state()) {
            const TransitionRule rule = judge(command, from, TradingState::Active);
            if (!rule.allowed || !tightens(from, rule.to))
                break;
            if (gate.move(from, rule.to)) {
                stoppedAt = wallNowNs();
                break;
            }
        }
        std::unique_lock lock(m_commandMutex);
        if (m_commandsClosed) {
            lock.unlock();
            if (recordAfterClose(command, done))
                return stoppedAt;
            CommandResult r;
            r.state = m_core.riskGate().tradingState();
            r.ok = std::holds_alternative<cmd::Status>(command);
            r.message = r.ok ? engineTr("Controls", "the session has ended; trading is %1").arg(toString(r.state))
                             : engineTr("Controls", "the session has ended: there is nothing left to control").str();
            if (done)
                done(r);
            return stoppedAt;
        }
        m_commands.push_back({std::move(command), std::move(done)});
        m_commandsWaiting.store(true, std::memory_order_release);
        lock.unlock();
        m_venue->engineBell().ring();
        return stoppedAt;
    }

    /// Engine thread, at the end: commands that came too late are answered.
    void closeCommands()
    {
        std::deque<PendingCommand> late;
        {
            std::lock_guard lock(m_commandMutex);
            m_commandsClosed = true;
            late.swap(m_commands);
            m_commandsWaiting.store(false);
        }
        bool recorded = false;
        for (PendingCommand &c : late) {
            // A result to record (a reconciliation's, a checklist's) is still recorded: the
            // journal is open and this thread still owns the core.
            if (isResultToRecord(c.command)) {
                const CommandResult r = m_core.execute(c.command);
                recorded = true;
                if (c.done)
                    c.done(r);
                continue;
            }
            CommandResult r;
            r.state = m_core.recordedState();
            r.message = engineTr("Controls", "the session ended before the command could run");
            if (c.done)
                c.done(r);
        }
        if (recorded)
            m_core.flushJournal();
    }

    void finish()
    {
        closeCommands();
        std::lock_guard lock(m_resultMutex);
        m_result.sessionDate = m_session.date.toIso();
        m_result.seed = m_options.seed;
        m_result.events = m_core.eventCount();
        m_result.orders = m_core.orders().orderCount();
        m_result.fills = m_core.orders().fillCount();
        m_result.rejects = m_core.orders().rejectCount();
        m_result.realizedPnl = m_core.portfolio().realized();
        m_result.unrealizedPnl = m_core.portfolio().unrealized();
        m_result.fees = m_core.portfolio().fees();
        m_result.equity = m_core.portfolio().equity();
        m_result.positions = m_core.positionRows();
        m_result.completed = m_core.phase() == SessionPhase::Closed;
        m_finished.store(true);
    }

    RunResult result()
    {
        std::lock_guard lock(m_resultMutex);
        RunResult r = m_result;
        const BrokerClosingBooks books = m_venue->closingBooks(); // joins the venue's threads first
        r.brokerCash = books.cash;
        for (const BrokerPosition &p : books.positions)
            r.brokerPositions.push_back(makePositionRow(p.symbol, Book{p.qty, p.cost, p.realized, p.fees}, p.mark));
        std::sort(r.brokerPositions.begin(), r.brokerPositions.end(),
                  [](const PositionRow &a, const PositionRow &b) { return a.symbol < b.symbol; });
        r.brokerFailure = books.failure;
        return r;
    }

    Config m_config;
    RunOptions m_options;
    std::unique_ptr<Venue> m_venue;
    SessionWindow m_session;
    VenueSink m_sink;
    EngineCore m_core;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_finished{false};
    std::atomic<bool> m_started{false};
    std::mutex m_afterCloseMutex; ///< the close's reconciliation against stopping the journal
    bool m_journalStopped = false;
    std::mutex m_durableMutex; ///< guards the two below, against the store thread's commit hook
    std::vector<std::pair<std::uint64_t, std::function<void()>>> m_durableWaiters;
    bool m_durableClosed = false;
    std::unique_ptr<ReconciliationService> m_reconciler;
    struct PendingCommand {
        Command command;
        std::function<void(const CommandResult &)> done;
    };
    std::mutex m_commandMutex; ///< guards m_commands and m_commandsClosed; never held by the engine while it works
    std::deque<PendingCommand> m_commands;
    bool m_commandsClosed = false;
    std::atomic<bool> m_commandsWaiting{false};
    std::atomic<std::shared_ptr<const Snapshot>> m_latest;
    std::atomic<std::shared_ptr<const Snapshot>> m_pending; ///< waiting for the journal to commit it
    std::unique_ptr<JournalWriter> m_journal;
    ResumeReport m_resume;
    std::thread m_engineThread;
    std::mutex m_resultMutex; ///< guards m_result between the engine thread's finish() and readers
    RunResult m_result;
};

Engine::Engine(Config config, RunOptions options)
    : m_runtime(std::make_unique<EngineRuntime>(std::move(config), options, nullptr, EngineExtensions{}))
{}

Engine::Engine(Config config, RunOptions options, std::unique_ptr<Venue> venue)
    : m_runtime(std::make_unique<EngineRuntime>(std::move(config), options, std::move(venue), EngineExtensions{}))
{}

Engine::Engine(Config config, RunOptions options, EngineExtensions extensions)
    : m_runtime(std::make_unique<EngineRuntime>(std::move(config), options, nullptr, std::move(extensions)))
{}

Engine::Engine(Config config, RunOptions options, EngineExtensions extensions, std::unique_ptr<Venue> venue)
    : m_runtime(std::make_unique<EngineRuntime>(std::move(config), options, std::move(venue), std::move(extensions)))
{}

void Engine::watchBots(BotWatch watch) { m_runtime->watchBots(std::move(watch)); }

Engine::~Engine() { stop(); }

std::string Engine::openBroker(const std::string &path) { return m_runtime->openBroker(path); }

std::string Engine::openJournal(const std::string &path, JournalLimits limits)
{
    return m_runtime->openJournal(path, limits);
}

std::string Engine::resumeSummary() const { return m_runtime->m_resume.text(); }

void Engine::holdAfterRestore(const std::string &marker, const std::string &why)
{
    m_runtime->m_core.holdAfterRestore(marker);
    cmd::Pause pause;
    pause.actor = "system (restore)";
    pause.reason = why + "; resume once the books are reconciled clean";
    command(std::move(pause), [](const CommandResult &) {});
}

std::uint64_t Engine::journalDurableSeq() const
{
    return m_runtime->m_journal ? m_runtime->m_journal->durableSeq() : 0;
}

std::string Engine::journalFailure() const
{
    return m_runtime->m_journal ? m_runtime->m_journal->failure().toStdString() : std::string();
}

void Engine::whenDurable(std::uint64_t seq, std::function<void()> done)
{
    {
        std::lock_guard lock(m_runtime->m_durableMutex);
        m_runtime->m_durableWaiters.emplace_back(seq, std::move(done));
    }
    m_runtime->notifyDurable(); // already durable, or settled: now
}

std::shared_ptr<const AuditTrail> Engine::auditTrail() const
{
    return m_runtime->m_journal ? m_runtime->m_journal->auditTrail() : nullptr;
}

void Engine::start() { m_runtime->start(); }
void Engine::stop() { m_runtime->stop(); }

void Engine::waitFinished()
{
    if (m_runtime->m_engineThread.joinable())
        m_runtime->m_engineThread.join();
    m_runtime->m_stop.store(true); // the venue has nothing left to do either
    m_runtime->m_venue->join();
    m_runtime->stopJournal();
}

std::int64_t Engine::command(Command command, std::function<void(const CommandResult &)> done)
{
    if (const auto *request = std::get_if<cmd::Reconcile>(&command)) {
        // A request for a run (the console's button): the reconciliation thread compares.
        reconcile("on demand", request->actor,
                  [done = std::move(done)](const ReconciliationResult &, const CommandResult &r) {
                      if (done)
                          done(r);
                  });
        return 0;
    }
    if (std::holds_alternative<cmd::Resolve>(command)) {
        // A resolution is confirmed by a run of its own a moment later.
        done = [this, done = std::move(done)](const CommandResult &r) {
            if (r.ok)
                m_runtime->m_reconciler->request("after a resolution", "system (reconciliation)", {},
                                                 ReconciliationTimings{}.afterResolutionMs);
            if (done)
                done(r);
        };
    }
    return m_runtime->command(std::move(command), std::move(done));
}

void Engine::reconcile(std::string startedBy, std::string actor,
                       std::function<void(const ReconciliationResult &, const CommandResult &)> done)
{
    m_runtime->m_reconciler->request(std::move(startedBy), std::move(actor), std::move(done));
}

TradingState Engine::tradingState() const { return m_runtime->m_core.riskGate().tradingState(); }

std::uint64_t Engine::strategyOrdersSent() const { return m_runtime->m_core.riskGate().gate().letThrough(); }
std::shared_ptr<const Snapshot> Engine::snapshot() const { return m_runtime->m_latest.load(); }
bool Engine::isFinished() const { return m_runtime->m_finished.load(); }
std::optional<DrillOutcome> Engine::drillOutcome(std::uint32_t number) const
{
    return m_runtime->m_venue->drillOutcome(number);
}
RunResult Engine::result() const { return m_runtime->result(); }
std::shared_ptr<const BrokerRecords> Engine::brokerRecords() const { return m_runtime->m_venue->records(); }
BrokerStatement Engine::brokerStatement() const { return m_runtime->brokerStatement(); }

} // namespace vigil
