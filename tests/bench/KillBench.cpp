#include "KillBench.h"

#include "api/Config.h"
#include "api/Engine.h"
#include "health/LatencyHistogram.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

namespace vigil::bench {

namespace {

constexpr int kSamples = 2000;
constexpr int kBacklog = 2000; ///< commands queued ahead of each halt under load

Command command(CommandKind kind)
{
    Command c = commandOf(kind);
    originOf(c).actor = "vigil-bench";
    originOf(c).reason = "bench";
    if (auto *resume = std::get_if<cmd::Resume>(&c))
        resume->acknowledgement = "bench";
    return c;
}

/// A running engine on the simulator: `speed` 1 is an idle engine (it waits for the
/// market most of the time); 0 (as fast as possible) keeps its market queue full, so
/// every command arrives behind a deep backlog of messages.
std::unique_ptr<Engine> startEngine(double speed)
{
    RunOptions options;
    options.seed = 7;
    options.sessionDate = Date{2026, 11, 20};
    options.speed = speed;
    auto engine = std::make_unique<Engine>(defaultConfig(), options);
    engine->start();
    return engine;
}

/// Hands `c` to the engine and waits (spinning) for its answer; false if the engine did
/// not carry it out (the session had ended, or the command was refused).
bool roundTrip(Engine &engine, Command c)
{
    std::atomic<bool> done{false};
    bool ok = false;
    bool answeredAtOnce = false;
    engine.command(std::move(c), [&](const CommandResult &r) {
        ok = r.ok;
        done.store(true, std::memory_order_release);
    });
    answeredAtOnce = done.load(std::memory_order_acquire); // the session is over: no engine thread answered
    while (!done.load(std::memory_order_acquire))
        std::this_thread::yield();
    return ok && !answeredAtOnce;
}

struct Figures {
    LatencyHistogram halt;   ///< click to "no order can leave"
    LatencyHistogram queued; ///< click to command()'s return (the rest of the halt queued)
    LatencyHistogram noop;   ///< a status command's round trip
};

/// Halts and resumes the engine `kSamples` times, timing the halt up to the moment the
/// order path's atomic reads HALTED, and times as many status round trips. With
/// `backlog` commands queued ahead of each halt, the halt arrives behind that much work.
bool measure(double speed, int backlog, Figures &f)
{
    std::unique_ptr<Engine> engine;
    auto fresh = [&] {
        if (engine)
            engine->stop();
        engine = startEngine(speed);
        while (!engine->snapshot() || engine->snapshot()->phase != SessionPhase::Open)
            std::this_thread::yield();
    };
    fresh();
    while (f.halt.count() < static_cast<std::uint64_t>(kSamples)) {
        if (engine->isFinished()) { // a session at full speed ends; start another
            fresh();
            continue;
        }
        for (int i = 0; i < backlog; ++i)
            engine->command(command(CommandKind::Status), nullptr);
        // Timed from the click to the moment command() reports that no order can leave any
        // more: the order path's atomic moved and no send that read the old state still in
        // progress (TradingGate::move). The queueing of the rest (cancels, records) is timed
        // separately, up to command()'s return.
        Command halt = command(CommandKind::Halt);
        const std::int64_t start = wallNowNs();
        const std::int64_t stopped = engine->command(std::move(halt), nullptr);
        const std::int64_t returned = wallNowNs();
        if (stopped == 0 || engine->tradingState() == TradingState::Active)
            return false; // cannot be: the halt did not stop the order path
        // The halt counts only if the engine thread then carried it out (the resume behind
        // it is answered by that thread only if the session was still running).
        if (!roundTrip(*engine, command(CommandKind::Resume)))
            continue;
        f.halt.record(stopped - start);
        f.queued.record(returned - start);
        const std::int64_t noopStart = wallNowNs();
        if (roundTrip(*engine, command(CommandKind::Status)))
            f.noop.record(wallNowNs() - noopStart);
    }
    engine->stop();
    return f.halt.count() > 0 && f.noop.count() > 0;
}

double us(std::int64_t ns) { return static_cast<double>(ns) / 1e3; }

void print(const char *name, const LatencyHistogram &h)
{
    std::printf("%-34s p50 %8.2f us  p99 %8.2f us  max %9.2f us  (%llu samples)\n", name, us(h.quantile(0.5)),
                us(h.quantile(0.99)), us(h.max()), static_cast<unsigned long long>(h.count()));
}

} // namespace

int runKillBench()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    Figures idle, queued, busy;
    if (!measure(1.0, 0, idle) || !measure(1.0, kBacklog, queued) || !measure(0.0, kBacklog, busy)) {
        std::fprintf(stderr, "vigil-bench: a measurement failed\n");
        return 1;
    }
    print("halt, idle engine", idle.halt);
    std::printf("command backlog: the market at 1x and %d commands queued ahead of each halt\n", kBacklog);
    print("halt, engine with a command backlog", queued.halt);
    std::printf("deep backlog: the engine at full speed (its market queue kept full by the simulator) and %d "
                "commands queued ahead of each halt\n",
                kBacklog);
    print("halt, engine with a deep backlog", busy.halt);
    print("halt queued (command() returned), idle", idle.queued);
    print("halt queued (command() returned), commands", queued.queued);
    print("halt queued (command() returned), backlog", busy.queued);
    print("no-op round trip, idle engine", idle.noop);
    print("no-op round trip, deep backlog", busy.noop);
    const double backlogOverIdle =
        static_cast<double>(busy.halt.quantile(0.99)) / static_cast<double>(idle.halt.quantile(0.99));
    const double queuedOverIdle =
        static_cast<double>(queued.halt.quantile(0.99)) / static_cast<double>(idle.halt.quantile(0.99));
    const double idleOverNoop =
        static_cast<double>(idle.halt.quantile(0.99)) / static_cast<double>(idle.noop.quantile(0.99));
    std::printf("{\"halt_idle_p50_us\": %.2f, \"halt_idle_p99_us\": %.2f, \"halt_backlog_p50_us\": %.2f, "
                "\"halt_backlog_p99_us\": %.2f, \"noop_idle_p50_us\": %.2f, \"noop_idle_p99_us\": %.2f, "
                "\"noop_backlog_p99_us\": %.2f, \"queued_idle_p99_us\": %.2f, \"queued_backlog_p99_us\": %.2f, "
                "\"halt_command_backlog_p99_us\": %.2f, \"command_backlog_over_idle_p99\": %.2f, "
                "\"backlog_over_idle_p99\": %.2f, \"idle_over_noop_p99\": %.3f}\n",
                us(idle.halt.quantile(0.5)), us(idle.halt.quantile(0.99)), us(busy.halt.quantile(0.5)),
                us(busy.halt.quantile(0.99)), us(idle.noop.quantile(0.5)), us(idle.noop.quantile(0.99)),
                us(busy.noop.quantile(0.99)), us(idle.queued.quantile(0.99)), us(busy.queued.quantile(0.99)),
                us(queued.halt.quantile(0.99)), queuedOverIdle, backlogOverIdle, idleOverNoop);
    return 0;
}

} // namespace vigil::bench
