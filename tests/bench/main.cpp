// vigil-bench: throughput figures for the engine core, printed (never asserted by tests).
//
//   vigil-bench engine [--events N] [--seed S]
//   vigil-bench session [--seed S]
//   vigil-bench journal [--dir DIR]
//   vigil-bench startup [--dir DIR] [--fills N]
//   vigil-bench kill
//   vigil-bench gui
//   vigil-bench backup [--dir DIR] [--fills N]
//   vigil-bench recon [--dir DIR]
//   vigil-bench report [--dir DIR] [--fills N]
//   vigil-bench gateway [--orders N] [--round-trips N] [--quote-seconds S] [--speed X]
//   vigil-bench alpaca [--seconds S] [--batch N] [--sections md,orders,kill] [--round-trips N] [--kill-rounds N]
//   vigil-bench alerts [--alerts N]
//
// Both measurements carry the same VenueMessage stream from a producer thread to a
// consumer thread through the same lock-free queue:
//   baseline: the consumer only reads each message (sums a field);
//   core:     the consumer is the engine thread's loop: EngineCore (strategies, risk,
//             order management, portfolio) plus snapshot publication at 20 Hz, and the
//             producer thread plays the venue, answering every order (ack + fill at the
//             quote) through the queue back to the engine, as the simulator does.
// The last line is one JSON object with core_events_per_s, baseline_events_per_s, ratio.
//
// `gateway` (GatewayBench.h) drives the Alpaca-compatible gateway over loopback sockets in
// one run: orders/s accepted end to end and the round trip POST to `new` event, against the
// same orders from a strategy source inside the engine; and the market data stream's
// MessagePack fan-out to 10 clients (quote messages/s in all, lag, drops).
//
// `alpaca` (AlpacaBench.h) measures the Alpaca venue over loopback: the market data
// client's MessagePack decoding and delivery to the engine's queue against the bare
// WebSocket receive of the same frames; the order round trip and the kill switch with 500
// working orders against a server vigil, each against a bare client of the same server.
//
// `session` times whole simulated days at --speed max through the real threads (venue,
// engine) as `vigil run --headless` runs them, and prints session_seconds and
// session_events_per_s.

#include "AlertBench.h"
#include "AlpacaBench.h"
#include "BackupBench.h"
#include "GatewayBench.h"
#include "GuiBench.h"
#include "JournalBench.h"
#include "KillBench.h"
#include "ReconBench.h"
#include "ReportBench.h"
#include "StartupBench.h"
#include "api/Assembly.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "core/SpscQueue.h"
#include "runtime/EngineCore.h"
#include "sim/SimMarket.h"
#include "sim/SimVenue.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace vigil;

namespace {

using Clock = std::chrono::steady_clock;

std::vector<VenueMessage> makeTape(const Config &config, const SessionWindow &session, std::size_t count,
                                   std::uint64_t seed)
{
    // Quotes from the simulator's own market model, round-robin over the universe, with
    // the session clock advancing so that strategies see a real day.
    SimMarket market(config.simulator.symbols, session, seed);
    std::vector<VenueMessage> tape;
    tape.reserve(count + 1);
    VenueMessage open;
    open.kind = VenueMessage::Kind::SessionOpen;
    open.time = session.open;
    tape.push_back(open);
    const std::size_t symbols = market.symbolCount();
    const SimTime span = session.close - session.open - kNsPerMinute * 10;
    SimTime lastClock = session.open;
    for (std::size_t i = 0; tape.size() < count; ++i) {
        const SimTime t =
            session.open
            + static_cast<SimTime>(static_cast<double>(span) * static_cast<double>(i) / static_cast<double>(count));
        if (t - lastClock >= kNsPerSecond) {
            VenueMessage clock;
            clock.kind = VenueMessage::Kind::Clock;
            clock.time = clock.exchangeTime = t;
            tape.push_back(clock);
            lastClock = t;
        }
        VenueMessage m;
        m.kind = VenueMessage::Kind::Quote;
        m.exchangeTime = t - 500 * kNsPerUs;
        m.time = t;
        m.quote = market.advance(static_cast<SymbolId>(i % symbols), t);
        tape.push_back(m);
    }
    for (std::size_t i = 0; i < tape.size(); ++i)
        tape[i].seq = i + 1;
    return tape;
}

double runBaseline(const std::vector<VenueMessage> &tape)
{
    auto link = std::make_unique<VenueLink>();
    std::atomic<bool> ready{false};
    std::uint64_t checksum = 0;
    std::thread consumer([&] {
        VenueMessage batch[256];
        std::size_t seen = 0;
        Backoff backoff;
        ready.store(true);
        while (seen < tape.size()) {
            const std::size_t n = link->market.popBatch(batch, 256);
            if (n == 0) {
                backoff.pause();
                continue;
            }
            backoff.reset();
            for (std::size_t i = 0; i < n; ++i)
                checksum += batch[i].seq;
            seen += n;
        }
    });
    while (!ready.load()) {
    }
    const auto start = Clock::now();
    Backoff backoff;
    for (const VenueMessage &m : tape)
        while (!link->market.tryPush(m))
            backoff.pause();
    consumer.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (checksum == 0)
        std::fprintf(stderr, "impossible checksum\n");
    return static_cast<double>(tape.size()) / seconds;
}

struct CoreRun {
    double eventsPerSecond;
    std::uint64_t orders;
    std::uint64_t fills;
    std::uint64_t snapshots;
};

class LinkSink final : public OrderSink {
public:
    explicit LinkSink(VenueLink &link)
        : m_link(link)
    {}
    void send(const EngineMessage &m) override
    {
        Backoff backoff;
        while (!m_link.requests.tryPush(m))
            backoff.pause();
    }

private:
    VenueLink &m_link;
};

CoreRun runCore(const Config &config, const SessionWindow &session, const std::vector<VenueMessage> &tape)
{
    auto link = std::make_unique<VenueLink>();
    LinkSink sink(*link);
    EngineCore core(config, session, sink, makeStrategies(config));
    std::atomic<bool> producerDone{false};
    std::atomic<std::uint64_t> expectedTotal{0};
    std::uint64_t snapshots = 0;

    const auto start = Clock::now();
    // Producer: the tape, plus an ack and a fill for every order, at the order's quote.
    std::thread producer([&] {
        std::vector<Quote> lastQuote(config.simulator.symbols.size(), Quote{});
        std::uint64_t sent = 0;
        std::uint64_t seq = tape.size();
        Backoff backoff;
        auto push = [&](const VenueMessage &m) {
            while (!link->market.tryPush(m))
                backoff.pause();
            ++sent;
        };
        auto answer = [&] {
            EngineMessage in;
            while (link->requests.tryPop(in)) {
                VenueMessage r;
                r.kind = VenueMessage::Kind::Exec;
                r.seq = ++seq;
                r.exec = ExecReport{};
                r.exec.orderId = in.orderId;
                if (in.kind == EngineMessage::Kind::Cancel) {
                    r.exec.type = ExecType::CancelReject; // every order here fills at once
                    push(r);
                    continue;
                }
                r.exec.type = ExecType::Accepted;
                r.exec.leavesQty = in.qty;
                push(r);
                const Quote &q = lastQuote[in.symbol];
                r.exec.type = ExecType::Fill;
                r.exec.fillQty = in.qty;
                r.exec.fillPrice = in.side == Side::Buy ? q.ask : q.bid;
                r.exec.leavesQty = 0;
                push(r);
            }
        };
        for (const VenueMessage &m : tape) {
            if (m.kind == VenueMessage::Kind::Quote)
                lastQuote[m.quote.symbol] = m.quote;
            push(m);
            if ((sent & 63) == 0)
                answer();
        }
        // Answer the last orders, then stop once the engine has seen everything.
        for (int quiet = 0; quiet < 2000; ++quiet) {
            answer();
            std::this_thread::yield();
        }
        expectedTotal.store(sent);
        producerDone.store(true);
    });

    VenueMessage batch[256];
    Backoff backoff;
    std::uint64_t processed = 0;
    std::int64_t nextPublish = 0;
    const std::int64_t interval = 50 * kNsPerMs;
    while (true) {
        const std::size_t n = link->market.popBatch(batch, 256);
        const std::int64_t wall = wallNowNs();
        if (n == 0) {
            if (producerDone.load() && processed >= expectedTotal.load())
                break;
            backoff.pause();
            continue;
        }
        backoff.reset();
        core.beginBatch(wall);
        for (std::size_t i = 0; i < n; ++i)
            core.process(batch[i]);
        processed += n;
        if (wall >= nextPublish) {
            auto snapshot = core.makeSnapshot(0);
            ++snapshots;
            nextPublish = wall + interval;
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    producer.join();
    return {static_cast<double>(processed) / seconds, core.orders().orderCount(), core.orders().fillCount(), snapshots};
}

int usage()
{
    std::fprintf(stderr,
                 "usage: vigil-bench engine [--events N] [--seed S]\n"
                 "       vigil-bench session [--seed S]\n"
                 "       vigil-bench journal [--dir DIR]   (default: the current directory's volume)\n"
                 "       vigil-bench startup [--dir DIR] [--fills N]   (default: 1000000 fills)\n"
                 "       vigil-bench kill\n"
                 "       vigil-bench gui\n"
                 "       vigil-bench backup [--dir DIR] [--fills N]   (default: 1000000 fills)\n"
                 "       vigil-bench recon [--dir DIR]\n"
                 "       vigil-bench report [--dir DIR] [--fills N]   (default: 50000 fills)\n"
                 "       vigil-bench gateway [--orders N] [--round-trips N] [--quote-seconds S] [--speed X]\n"
                 "                           (default: 20000 orders, 2000 round trips, 3 s of quotes, speed 600)\n"
                 "       vigil-bench alpaca [--seconds S] [--batch N] [--sections md,orders,kill] [--round-trips N]\n"
                 "                          [--kill-rounds N]   (default: every section; 3 s each, 1024 quotes a\n"
                 "                          frame; 200 round trips; 3 kills of 500 working orders of each kind)\n"
                 "       vigil-bench alerts [--alerts N]   (default 1000, at 50 a second, 10 a second more beside)\n");
    return 2;
}

/// `--dir D` and `--fills N` (at least 4000) after the bench's name; 0, or the exit code
/// after saying what is wrong.
int readDirAndFills(int argc, char **argv, const char *&dir, long &fills)
{
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--dir") && i + 1 < argc) {
            dir = argv[++i];
        } else if (!std::strcmp(argv[i], "--fills") && i + 1 < argc) {
            char *end = nullptr;
            fills = std::strtol(argv[++i], &end, 10);
            if (*end || fills < 4000) {
                std::fprintf(stderr, "vigil-bench: --fills wants a whole number of at least 4000\n");
                return 2;
            }
        } else {
            return usage();
        }
    }
    return 0;
}

int benchSession(std::uint64_t seed)
{
    double best = 1e9;
    std::uint64_t events = 0;
    for (int round = 0; round < 3; ++round) {
        RunOptions options;
        options.seed = seed;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 0;
        const auto start = Clock::now();
        Engine engine(defaultConfig(), options);
        engine.start();
        engine.waitFinished();
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        events = engine.result().events;
        std::printf("round %d: one simulated session in %.2f s (%llu events)\n", round + 1, seconds,
                    static_cast<unsigned long long>(events));
        best = std::min(best, seconds);
    }
    std::printf("{\"session_seconds\": %.3f, \"session_events_per_s\": %.0f}\n", best,
                static_cast<double>(events) / best);
    return 0;
}

/// `vigil-bench gateway`'s options after its name; runs it, or says what is wrong.
int benchGateway(int argc, char **argv)
{
    vigil::bench::GatewayBenchOptions options;
    for (int i = 2; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        char *end = nullptr;
        if (!std::strcmp(argv[i], "--orders") && hasValue) {
            options.orders = static_cast<int>(std::strtol(argv[++i], &end, 10));
            if (*end || options.orders < 100 || options.orders > 10'000'000) {
                std::fprintf(stderr, "vigil-bench: --orders wants a whole number from 100 to 10000000\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--round-trips") && hasValue) {
            options.roundTrips = static_cast<int>(std::strtol(argv[++i], &end, 10));
            if (*end || options.roundTrips < 10 || options.roundTrips > 1'000'000) {
                std::fprintf(stderr, "vigil-bench: --round-trips wants a whole number from 10 to 1000000\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--quote-seconds") && hasValue) {
            options.quoteSeconds = std::strtod(argv[++i], &end);
            if (*end || !(options.quoteSeconds >= 0.1 && options.quoteSeconds <= 60)) {
                std::fprintf(stderr, "vigil-bench: --quote-seconds wants a number of seconds from 0.1 to 60\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--speed") && hasValue) {
            options.speed = std::strtod(argv[++i], &end);
            if (*end || !(options.speed >= 1 && options.speed <= 10'000)) {
                std::fprintf(stderr, "vigil-bench: --speed wants a number from 1 to 10000\n");
                return 2;
            }
        } else {
            return usage();
        }
    }
    return vigil::bench::runGatewayBench(1, argv, options);
}

/// `vigil-bench alpaca`'s options after its name; runs it, or says what is wrong.
int benchAlpaca(int argc, char **argv)
{
    vigil::bench::AlpacaBenchOptions options;
    for (int i = 2; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        char *end = nullptr;
        if (!std::strcmp(argv[i], "--seconds") && hasValue) {
            options.seconds = std::strtod(argv[++i], &end);
            if (*end || !(options.seconds >= 0.5 && options.seconds <= 600)) {
                std::fprintf(stderr, "vigil-bench: --seconds wants a number from 0.5 to 600\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--batch") && hasValue) {
            options.batch = static_cast<int>(std::strtol(argv[++i], &end, 10));
            if (*end || options.batch < 1 || options.batch > 4096) {
                std::fprintf(stderr, "vigil-bench: --batch wants a whole number from 1 to 4096\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--sections") && hasValue) {
            const std::string list = std::string(",") + argv[++i] + ",";
            const auto has = [&list](const char *name) {
                return list.find(std::string(",") + name + ",") != std::string::npos;
            };
            options.marketData = has("md");
            options.orders.roundTrips = has("orders");
            options.orders.kill = has("kill");
            const std::size_t named = std::size_t{options.marketData} + options.orders.roundTrips + options.orders.kill;
            if (named == 0 || static_cast<std::size_t>(std::count(list.begin(), list.end(), ',')) != named + 1) {
                std::fprintf(stderr, "vigil-bench: --sections wants md, orders, kill, separated by commas\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--round-trips") && hasValue) {
            options.orders.orders = static_cast<int>(std::strtol(argv[++i], &end, 10));
            if (*end || options.orders.orders < 10 || options.orders.orders > 10'000) {
                std::fprintf(stderr, "vigil-bench: --round-trips wants a whole number from 10 to 10000\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--kill-rounds") && hasValue) {
            options.orders.killRounds = static_cast<int>(std::strtol(argv[++i], &end, 10));
            if (*end || options.orders.killRounds < 1 || options.orders.killRounds > 20) {
                std::fprintf(stderr, "vigil-bench: --kill-rounds wants a whole number from 1 to 20\n");
                return 2;
            }
        } else {
            return usage();
        }
    }
    return vigil::bench::runAlpacaBench(1, argv, options);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "journal") == 0) {
        if (argc == 2)
            return vigil::bench::runJournalBench(".");
        if (argc == 4 && std::strcmp(argv[2], "--dir") == 0)
            return vigil::bench::runJournalBench(argv[3]);
        return usage();
    }
    if (argc >= 2 && std::strcmp(argv[1], "recon") == 0) {
        if (argc == 2)
            return vigil::bench::runReconBench(".");
        if (argc == 4 && std::strcmp(argv[2], "--dir") == 0)
            return vigil::bench::runReconBench(argv[3]);
        return usage();
    }
    if (argc == 2 && std::strcmp(argv[1], "gui") == 0) {
        spdlog::set_level(spdlog::level::err);
        return vigil::bench::runGuiBench(argc, argv);
    }
    if (argc == 2 && std::strcmp(argv[1], "kill") == 0) {
        spdlog::set_level(spdlog::level::err); // a thousand halts would each log a warning
        return vigil::bench::runKillBench();
    }
    if (argc == 3 && std::strcmp(argv[1], "startup-probe") == 0)
        return vigil::bench::runStartupProbe(argv[2]);
    if (argc >= 2 && std::strcmp(argv[1], "report") == 0) {
        const char *dir = ".";
        long fills = 50'000;
        if (const int bad = readDirAndFills(argc, argv, dir, fills); bad != 0)
            return bad;
        spdlog::set_level(spdlog::level::err);
        return vigil::bench::runReportBench(1, argv, dir, fills);
    }
    if (argc >= 2 && (std::strcmp(argv[1], "startup") == 0 || std::strcmp(argv[1], "backup") == 0)) {
        const char *dir = ".";
        long fills = 1'000'000;
        if (const int bad = readDirAndFills(argc, argv, dir, fills); bad != 0)
            return bad;
        if (std::strcmp(argv[1], "startup") == 0)
            return vigil::bench::runStartupBench("/proc/self/exe", dir, fills);
        spdlog::set_level(spdlog::level::err);
        return vigil::bench::runBackupBench(dir, fills);
    }
    if (argc >= 2 && std::strcmp(argv[1], "gateway") == 0)
        return benchGateway(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "alpaca") == 0)
        return benchAlpaca(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "alerts") == 0) {
        vigil::bench::AlertBenchOptions options;
        if (argc == 4 && std::strcmp(argv[2], "--alerts") == 0) {
            char *end = nullptr;
            options.alerts = static_cast<int>(std::strtol(argv[3], &end, 10));
            if (*end || options.alerts < 10 || options.alerts > 100'000) {
                std::fprintf(stderr, "vigil-bench: --alerts wants a whole number from 10 to 100000\n");
                return 2;
            }
        } else if (argc != 2) {
            return usage();
        }
        spdlog::set_level(spdlog::level::err);
        return vigil::bench::runAlertBench(options);
    }
    if (argc < 2 || (std::strcmp(argv[1], "engine") != 0 && std::strcmp(argv[1], "session") != 0))
        return usage();
    const bool session = std::strcmp(argv[1], "session") == 0;
    std::size_t events = 5'000'000;
    std::uint64_t seed = 7;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--events") && i + 1 < argc) {
            char *end = nullptr;
            events = std::strtoull(argv[++i], &end, 10);
            if (*end || events < 1000) {
                std::fprintf(stderr, "vigil-bench: --events wants a whole number of at least 1000\n");
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) {
            char *end = nullptr;
            seed = std::strtoull(argv[++i], &end, 10);
            if (*end) {
                std::fprintf(stderr, "vigil-bench: --seed wants a whole number\n");
                return 2;
            }
        } else {
            return usage();
        }
    }

    spdlog::set_level(spdlog::level::warn);
    if (session)
        return benchSession(seed);

    const Config config = defaultConfig();
    const SessionWindow sessionWindow = sessionFor(Date{2026, 11, 20});
    const std::vector<VenueMessage> tape = makeTape(config, sessionWindow, events, seed);
    std::printf("tape: %zu messages over %zu symbols (sizeof message %zu bytes)\n", tape.size(),
                config.simulator.symbols.size(), sizeof(VenueMessage));

    // Warm-up of both paths, then three measured rounds each; the best round counts.
    runBaseline(tape);
    double baseline = 0;
    CoreRun best{};
    for (int round = 0; round < 3; ++round) {
        const double b = runBaseline(tape);
        const CoreRun c = runCore(config, sessionWindow, tape);
        std::printf("round %d: baseline %.0f events/s, core %.0f events/s (%llu orders, %llu fills, %llu snapshots)\n",
                    round + 1, b, c.eventsPerSecond, static_cast<unsigned long long>(c.orders),
                    static_cast<unsigned long long>(c.fills), static_cast<unsigned long long>(c.snapshots));
        baseline = std::max(baseline, b);
        if (c.eventsPerSecond > best.eventsPerSecond)
            best = c;
    }
    std::printf("{\"core_events_per_s\": %.0f, \"baseline_events_per_s\": %.0f, \"ratio\": %.3f}\n",
                best.eventsPerSecond, baseline, best.eventsPerSecond / baseline);
    return 0;
}
