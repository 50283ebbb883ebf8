#pragma once
// Reconciliation runs for a running engine, on a thread of their own: reading a broker's
// statement is I/O (a file, an HTTP request) that neither the engine thread nor the GUI may
// wait for. A run compares the published snapshot's books with the statement; while the
// engine trades, a run that finds differences looks again a moment later and keeps only
// what is still there (confirmed()), then hands the result to the engine as a command, so
// the engine journals it, audits it and blocks entries where the books differ.
//
// Runs: on request (the console's button, `vigil ctl reconcile`), after every broker
// reconnect (the snapshot counts them), shortly after a resolution, every
// `confirmIntervalMs` while a resolution is still under way (a flatten, a cancel at the
// broker) until a run shows it done, and periodically while the session is open: once
// `periodicSessionMs` of the session's clock have passed since the last run, but never
// sooner than `periodicWallMs` of wall time after it. The session's clock keeps the runs
// as frequent, in market terms, at any simulator speed; the wall-time floor keeps a
// sped-up simulator (or a real broker's request budget) from being asked many times a
// second. No periodic run while a restart replays the market (the books are not live).
//
// Thread affinity: construct, start() and stop() from the controlling thread; request() from
// any thread. Callbacks run on the service's thread and must not block.

#include "api/Commands.h"
#include "api/Reconciliation.h"
#include "api/Snapshot.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace vigil {

/// How the service reaches the engine and the broker (tests give their own).
struct ReconciliationHooks {
    std::function<BrokerStatement()> statement;                ///< blocking; the service's thread
    std::function<std::shared_ptr<const Snapshot>()> snapshot; ///< never blocks
    /// Hands a command to the engine; `done` gets its outcome once (any thread).
    std::function<void(Command, std::function<void(const CommandResult &)>)> command;
    std::function<bool()> trading; ///< the session is running (false before start and after the close)
    std::function<bool()> started; ///< the engine was started (a run after the close is still recorded)
    /// There is a broker statement to compare with now and then (none: no periodic runs,
    /// rather than an incomplete run and its alert every minute). Unset: there is.
    std::function<bool()> periodic;
};

struct ReconciliationTimings {
    int confirmDelayMs = 1000;               ///< between the two looks of a run while trading
    int afterResolutionMs = 1500;            ///< the run that confirms a resolution
    int confirmIntervalMs = 10000;           ///< again while a resolution is still under way
    int pollMs = 200;                        ///< how often the snapshot is looked at for reconnects
    std::int64_t periodicSessionMs = 60'000; ///< a periodic run after this much of the session's clock
    std::int64_t periodicWallMs = 1'000;     ///< ... and at least this much wall time since the last run
};

class ReconciliationService {
public:
    /// What a run found, and what the engine made of it (not recorded after the close).
    using Done = std::function<void(const ReconciliationResult &, const CommandResult &)>;

    ReconciliationService(ReconciliationHooks hooks, ReconciliationTimings timings = {},
                          ReconciliationTolerance tolerance = {});
    ~ReconciliationService(); ///< stops and joins
    ReconciliationService(const ReconciliationService &) = delete;
    ReconciliationService &operator=(const ReconciliationService &) = delete;

    void start();
    void stop();

    /// Any thread, never blocks: a run as soon as the thread is free (after `delayMs`).
    void request(std::string startedBy, std::string actor, Done done = {}, int delayMs = 0);

private:
    struct Request {
        std::string startedBy;
        std::string actor;
        Done done;
        std::int64_t notBeforeMs = 0;
    };
    void run();
    void runOne(Request request);
    /// Sleeps up to `ms` unless stopped; false when stopped.
    bool pause(int ms);

    ReconciliationHooks m_hooks;
    ReconciliationTimings m_timings;
    ReconciliationTolerance m_tolerance;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Request> m_requests;
    bool m_stop = false;
    std::thread m_thread;
    std::uint64_t m_seenReconnects = 0;
    std::int64_t m_lastRunMs = 0;
    SimTime m_lastRunSessionTime = 0; ///< the session's clock at the last run (0: none yet)
};

} // namespace vigil
