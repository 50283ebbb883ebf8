#include "runtime/Engine.h"

#include "core/SpscQueue.h"
#include "recon/PaperStatement.h"
#include "recon/ReconciliationService.h"
#include "runtime/EngineCore.h"
#include "sim/SimVenue.h"
#include "store/JournalRecovery.h"
#include "store/JournalWriter.h"

#include <QFileInfo>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <mutex>
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

class QueueSink final : public OrderSink {
public:
    explicit QueueSink(VenueLink &link) : m_link(link) {}
    void send(const EngineMessage &message) override
    {
        EngineMessage numbered = message;
        numbered.requestSeq = ++m_sent;
        Backoff backoff;
        while (!m_link.requests.tryPush(numbered))
            backoff.pause(); // the venue drains this queue even while it waits
        m_link.venueBell.ring();
    }
    std::uint64_t sent() const { return m_sent; }

private:
    VenueLink &m_link;
    std::uint64_t m_sent = 0;
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

    std::string openBroker(const std::string &path)
    {
        m_brokerPath = path;
        auto store = std::make_unique<PaperBrokerStore>();
        if (std::string error = store->open(path); !error.empty())
            return error;
        if (std::string error = m_venue.attachBroker(store.get(), m_session.date.toIso()); !error.empty())
            return error;
        m_brokerStore = std::move(store);
        return {};
    }

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

        auto writer = std::make_unique<JournalWriter>(QString::fromStdString(path), std::move(names), limits);
        writer->setCommitHook([this](std::uint64_t) { publishPending(); });
        if (const PaperBrokerStore *broker = m_brokerStore.get()) {
            // The fills being committed were reported by the broker: its record of them
            // goes to the disk first (PaperBrokerStore.h, durability).
            writer->setBeforeCommit([broker] {
                if (const std::string error = broker->syncCommitted(); !error.empty())
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
        const BrokerAccount &account = m_venue.broker().loadedAccount();
        const SimTime brokerClock = m_brokerStore && account.sessionDate == input.sessionDate ? account.clock : 0;
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
        m_venue.resumeAt(resumeAt);
        if (resuming) {
            std::vector<BrokerOrder> brokerOrders;
            if (m_brokerStore) {
                if (std::string error = m_brokerStore->ordersOf(input.sessionDate, brokerOrders); !error.empty())
                    return error + ": the open orders cannot be settled; nothing was started";
            }
            m_resume = m_core.resolveWithBroker(brokerOrders);
            m_core.flushJournal();
        }
        publishNow(m_core.makeSnapshot(m_options.speed));
        return {};
    }

    void stopJournal()
    {
        std::lock_guard lock(m_afterCloseMutex); // not in the middle of recording the close's run
        m_journalStopped = true;
        if (m_journal)
            m_journal->stop(); // commits what is queued; its hook publishes the last snapshot
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

    EngineRuntime(Config config, RunOptions options)
        : m_config(std::move(config))
        , m_options(options)
        , m_session(sessionFor(options.sessionDate))
        , m_sink(m_link)
        , m_core(m_config, m_session, m_sink)
        , m_venue(m_config, m_session, options.seed, options.speed, m_link)
    {
        m_venue.crashAfterBrokerAccepts(options.crashAfterBrokerAccepts);
        m_latest.store(m_core.makeSnapshot(options.speed));
        ReconciliationHooks hooks;
        hooks.statement = [this] {
            if (m_brokerPath.empty()) {
                BrokerStatement none;
                none.error = "the broker keeps no statement (no broker file)";
                return none;
            }
            return paperBrokerStatement(QString::fromStdString(m_brokerPath));
        };
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
        hooks.periodic = [this] { return !m_brokerPath.empty(); }; // set before start(), read after
        ReconciliationTimings timings;
        timings.periodicSessionMs = std::int64_t{m_config.reconciliation.everySeconds} * 1000;
        timings.periodicWallMs = m_config.reconciliation.minWallIntervalMs;
        ReconciliationTolerance tolerance;
        tolerance.cash = m_config.reconciliation.cashTolerance;
        m_reconciler = std::make_unique<ReconciliationService>(std::move(hooks), timings, tolerance);
    }

    void start()
    {
        m_venueThread = std::thread([this] { runVenue(); });
        m_engineThread = std::thread([this] { runEngine(); });
        m_started.store(true);
        m_reconciler->start();
    }

    void stop()
    {
        m_reconciler->stop();
        m_stop.store(true);
        m_link.engineBell.ring();
        m_link.venueBell.ring();
        if (m_engineThread.joinable())
            m_engineThread.join();
        if (m_venueThread.joinable())
            m_venueThread.join();
        stopJournal();
    }

    void runVenue()
    {
        try {
            m_venue.run(m_stop);
        } catch (const std::exception &e) {
            spdlog::critical("venue thread failed: {}", e.what());
            m_stop.store(true);
        }
    }

    /// The engine thread: merges the market stream and the broker stream by timestamp (a
    /// report first on a tie) and hands each message to the core. A market message runs
    /// only when the broker has promised no report before it (BrokerHorizon) for every
    /// request sent so far; otherwise the engine publishes how far it has come and waits.
    void runEngine()
    {
        const std::int64_t interval = std::int64_t{m_options.snapshotIntervalMs} * kNsPerMs;
        std::int64_t nextPublish = 0;
        std::deque<VenueMessage> reports;
        std::uint64_t requestsSeen = 0;
        SimTime noReportBefore = kNever;
        bool marketDone = false;
        SimTime promised = 0;
        try {
            m_core.beginBatch(wallNowNs());
            int sinceBatch = 0;
            while (!m_stop.load(std::memory_order_relaxed)) {
                if (m_commandsWaiting.load(std::memory_order_acquire)) {
                    runCommands();
                    nextPublish = 0; // the operator sees the outcome at once
                }
                VenueMessage b;
                while (m_link.broker.tryPop(b)) {
                    if (b.kind == VenueMessage::Kind::Horizon) {
                        requestsSeen = b.horizon.requestsSeen;
                        noReportBefore = b.horizon.noReportBefore;
                    } else {
                        if (b.kind == VenueMessage::Kind::BrokerStatus && b.status == ComponentStatus::Failed)
                            m_core.setBrokerFailure(m_link.brokerFailure); // written before the push
                        reports.push_back(b);
                    }
                }
                const bool haveMarket = !m_link.market.empty();
                const SimTime marketAt = haveMarket ? m_link.market.front().time : kNever;
                const SimTime reportAt = reports.empty() ? kNever : reports.front().time;
                const bool brokerKnown = requestsSeen == m_sink.sent();
                const VenueMessage *next = nullptr;
                VenueMessage marketMessage;
                if (reportAt != kNever && reportAt <= marketAt && (haveMarket || marketDone)) {
                    next = &reports.front();
                } else if (haveMarket && brokerKnown && marketAt < noReportBefore) {
                    marketMessage = m_link.market.front();
                    m_link.market.pop();
                    next = &marketMessage;
                }
                if (next) {
                    if (m_options.crashAt > 0 && next->time >= m_options.crashAt)
                        crashDrill();
                    m_core.process(*next);
                    if (next->time > promised) {
                        promised = next->time;
                        m_link.engineTime.store(promised, std::memory_order_release);
                    }
                    if (next == &marketMessage) {
                        marketDone = marketDone || marketMessage.kind == VenueMessage::Kind::SessionClose;
                    } else {
                        reports.pop_front();
                    }
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
                if (marketDone && reports.empty() && brokerKnown && noReportBefore == kNever)
                    break; // the close has passed and the broker owes nothing more
                m_core.flushJournal();
                // Blocked. Promise the venue that nothing will be decided before the next
                // message this thread can be given, so the broker can move up to it. That is
                // known only when the broker has seen every request (an unseen one may bring
                // a report at any time) and the next market message is known or none is left.
                SimTime canPromise = kNever;
                if (brokerKnown && (haveMarket || marketDone))
                    canPromise = std::min(marketAt, noReportBefore);
                if (canPromise != kNever && canPromise > promised) {
                    promised = canPromise;
                    m_link.engineTime.store(promised, std::memory_order_release);
                    m_link.venueBell.ring();
                }
                const std::int64_t wall = wallNowNs();
                if (wall >= nextPublish) {
                    offer(m_core.makeSnapshot(m_options.speed));
                    nextPublish = wall + interval;
                }
                waitForVenue(wall, nextPublish);
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

    /// Spins, then sleeps until the venue writes, stop is asked, or a snapshot is due.
    void waitForVenue(std::int64_t wallNow, std::int64_t nextPublish)
    {
        for (int spin = 0; spin < VenueLink::kSpinsBeforeSleep; ++spin) {
            if (!m_link.market.empty() || !m_link.broker.empty() || m_stop.load(std::memory_order_relaxed)
                || m_commandsWaiting.load(std::memory_order_relaxed))
                return;
#if defined(__x86_64__) || defined(__i386__)
            _mm_pause();
#endif
        }
        const auto untilSnapshot = std::chrono::nanoseconds(std::max<std::int64_t>(nextPublish - wallNow, kNsPerMs));
        m_link.engineBell.sleepUntil(
            [this] {
                return !m_link.market.empty() || !m_link.broker.empty() || m_stop.load(std::memory_order_relaxed)
                    || m_commandsWaiting.load(std::memory_order_relaxed);
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
            r.message = r.ok ? "the session has ended; trading is " + std::string(toString(r.state))
                             : std::string("the session has ended: there is nothing left to control");
            if (done)
                done(r);
            return stoppedAt;
        }
        m_commands.push_back({std::move(command), std::move(done)});
        m_commandsWaiting.store(true, std::memory_order_release);
        lock.unlock();
        m_link.engineBell.ring();
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
            r.message = "the session ended before the command could run";
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
        // The venue's books are read once its thread has ended.
        if (m_venueThread.joinable())
            m_venueThread.join();
        std::lock_guard lock(m_resultMutex);
        if (!m_settled) {
            m_venue.settleBooks();
            m_settled = true;
        }
        RunResult r = m_result;
        const PaperBroker &broker = m_venue.broker();
        r.brokerCash = broker.cash();
        for (std::size_t i = 0; i < m_config.simulator.symbols.size(); ++i) {
            const Book &b = broker.position(static_cast<SymbolId>(i));
            if (b.qty == 0)
                continue;
            r.brokerPositions.push_back(
                makePositionRow(m_config.simulator.symbols[i].symbol, b, broker.mark(static_cast<SymbolId>(i))));
        }
        std::sort(r.brokerPositions.begin(), r.brokerPositions.end(),
                  [](const PositionRow &a, const PositionRow &b) { return a.symbol < b.symbol; });
        r.brokerFailure = m_link.brokerFailure; // the venue's thread has ended
        return r;
    }

    Config m_config;
    RunOptions m_options;
    SessionWindow m_session;
    VenueLink m_link;
    QueueSink m_sink;
    EngineCore m_core;
    SimVenue m_venue;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_finished{false};
    std::atomic<bool> m_started{false};
    std::mutex m_afterCloseMutex; ///< the close's reconciliation against stopping the journal
    bool m_journalStopped = false;
    std::string m_brokerPath;
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
    std::unique_ptr<PaperBrokerStore> m_brokerStore; ///< the venue thread's once started
    std::unique_ptr<JournalWriter> m_journal;
    ResumeReport m_resume;
    std::thread m_engineThread;
    std::thread m_venueThread;
    std::mutex m_resultMutex; ///< guards m_result between the engine thread's finish() and readers
    RunResult m_result;
    bool m_settled = false;
};

Engine::Engine(Config config, RunOptions options)
    : m_runtime(std::make_unique<EngineRuntime>(std::move(config), options))
{
}

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
    m_runtime->m_link.venueBell.ring();
    if (m_runtime->m_venueThread.joinable())
        m_runtime->m_venueThread.join();
    m_runtime->stopJournal();
}

std::int64_t Engine::command(Command command, std::function<void(const CommandResult &)> done)
{
    if (const auto *request = std::get_if<cmd::Reconcile>(&command)) {
        // A request for a run (the console's button): the reconciliation thread compares.
        reconcile("on demand", request->actor, [done = std::move(done)](const ReconciliationResult &,
                                                                        const CommandResult &r) {
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
    return m_runtime->m_link.drills.find(number);
}
RunResult Engine::result() const { return m_runtime->result(); }

} // namespace vigil
