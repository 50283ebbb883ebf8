// Whole simulated sessions through the real threads: determinism, books that agree with
// the broker's, intraday strategy flat at the close, snapshots, clean start/stop, faults.
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Summary.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace vigil;

namespace {
RunOptions options(std::uint64_t seed)
{
    RunOptions o;
    o.seed = seed;
    o.sessionDate = Date{2026, 11, 20};
    o.speed = 0;
    return o;
}

RunResult runSession(const Config &config, std::uint64_t seed)
{
    Engine engine(config, options(seed));
    engine.start();
    engine.waitFinished();
    return engine.result();
}
}

class TestEngineSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameSessionDifferentSeedDifferentSession()
    {
        const Config config = defaultConfig();
        const RunResult a = runSession(config, 42);
        const RunResult b = runSession(config, 42);
        const RunResult c = runSession(config, 43);
        QVERIFY(a.completed);
        QVERIFY(a.orders > 50);
        QVERIFY(a.fills > 50);
        QCOMPARE(summaryJson(a), summaryJson(b));
        QVERIFY(summaryJson(a) != summaryJson(c));
    }

    void sameSessionWhileThreadsCompeteForTheCores()
    {
        // Three sessions at once, and a thread that only burns a core: the engine, feed and
        // broker threads are descheduled at arbitrary points, and nothing may change.
        Config config = defaultConfig();
        FaultSpec spike;
        spike.kind = FaultKind::LatencySpike;
        spike.startSecondOfDay = 10 * 3600;
        spike.durationSeconds = 3600;
        spike.extraLatencyMs = 400;
        config.simulator.faults.push_back(spike);
        const QByteArray alone = summaryJson(runSession(config, 21));
        std::atomic<bool> burning{true};
        std::thread burner([&] {
            volatile std::uint64_t sink = 0;
            while (burning.load(std::memory_order_relaxed))
                sink = sink + 1;
        });
        QByteArray together[3];
        {
            std::vector<std::thread> runs;
            for (auto &out : together)
                runs.emplace_back([&out, &config] { out = summaryJson(runSession(config, 21)); });
            for (auto &t : runs)
                t.join();
        }
        burning.store(false);
        burner.join();
        for (const QByteArray &out : together)
            QCOMPARE(out, alone);
    }

    void engineBooksAgreeWithTheBroker()
    {
        const RunResult r = runSession(defaultConfig(), 7);
        QVERIFY(r.completed);
        QCOMPARE(r.positions.size() >= r.brokerPositions.size(), true);
        std::vector<PositionRow> open;
        for (const PositionRow &p : r.positions)
            if (p.qty != 0)
                open.push_back(p);
        QCOMPARE(open.size(), r.brokerPositions.size());
        for (std::size_t i = 0; i < open.size(); ++i) {
            QCOMPARE(open[i].symbol, r.brokerPositions[i].symbol);
            QCOMPARE(open[i].qty, r.brokerPositions[i].qty);
            QCOMPARE(open[i].avgPrice, r.brokerPositions[i].avgPrice);
        }
        // Cash moved by exactly what the engine's books say was paid and received.
        Money cost;
        for (const PositionRow &p : open)
            cost += notional(p.avgPrice, p.qty);
        const Money startingCash = defaultConfig().broker.paper.startingCash;
        QVERIFY(std::llabs((startingCash + r.realizedPnl - cost - r.brokerCash).raw())
                <= 100 * static_cast<std::int64_t>(open.size()));
    }

    void intradayStrategyIsFlatAtTheCloseAndSwingCarries()
    {
        Config intradayOnly = defaultConfig();
        intradayOnly.strategies.swing.enabled = false;
        const RunResult r = runSession(intradayOnly, 11);
        QVERIFY(r.completed);
        QVERIFY(r.fills > 0);
        for (const PositionRow &p : r.positions)
            QCOMPARE(p.qty, Quantity(0));
        QCOMPARE(r.unrealizedPnl, Money{});

        Config swingOnly = defaultConfig();
        swingOnly.strategies.intraday.enabled = false;
        const RunResult s = runSession(swingOnly, 11);
        bool carries = false;
        for (const PositionRow &p : s.positions)
            carries = carries || p.qty > 0;
        QVERIFY(carries);
    }

    void theCurveSplitsThePnlIntoItsPartsAndStrategies()
    {
        Engine engine(defaultConfig(), options(11));
        engine.start();
        engine.waitFinished();
        const std::shared_ptr<const Snapshot> s = engine.snapshot();
        QVERIFY(s->equityCurve.size() >= 390); // a point a minute from the open, and the close
        QCOMPARE(s->strategyCurves.size(), s->strategies.size());
        for (std::size_t i = 0; i < s->strategies.size(); ++i) {
            QCOMPARE(s->strategyCurves[i].key, s->strategies[i].key);
            QCOMPARE(s->strategyCurves[i].pnl.size(), s->equityCurve.size());
        }
        int realizedMoves = 0;
        for (std::size_t k = 0; k < s->equityCurve.size(); ++k) {
            const EquityPoint &p = s->equityCurve[k];
            QVERIFY(p.breakdownKnown);
            // To the cent and below: the parts make the day's result, the strategies make the parts.
            QCOMPARE(p.realizedPnl + p.unrealizedPnl, p.equity - s->startingEquity);
            Money strategies;
            for (const StrategyCurve &c : s->strategyCurves)
                strategies += c.pnl[k];
            QCOMPARE(strategies, p.realizedPnl + p.unrealizedPnl);
            realizedMoves += k > 0 && p.realizedPnl != s->equityCurve[k - 1].realizedPnl ? 1 : 0;
        }
        QVERIFY(realizedMoves > 5);
        QCOMPARE(s->equityCurve.back().realizedPnl, s->realizedPnl);
        QCOMPARE(s->equityCurve.back().unrealizedPnl, s->unrealizedPnl);
        const StrategyRow &first = s->strategies.front();
        QCOMPARE(s->strategyCurves.front().pnl.back(), first.realizedPnl + first.unrealizedPnl);
    }

    void publishesSnapshotsAndStopsCleanlyMidSession()
    {
        RunOptions o = options(5);
        o.speed = 600; // 10 simulated minutes a second
        o.snapshotIntervalMs = 20;
        Engine engine(defaultConfig(), o);
        const auto first = engine.snapshot();
        QVERIFY(first);
        QCOMPARE(first->phase, SessionPhase::NotStarted);
        engine.start();
        std::shared_ptr<const Snapshot> seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen = engine.snapshot())->phase == SessionPhase::Open && seen->events > 100, 10000);
        const std::uint64_t version = seen->version;
        QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot()->version > version + 3, 5000);
        const auto later = engine.snapshot();
        QVERIFY(later->simTime > seen->simTime);
        QCOMPARE(later->sessionDate, std::string("2026-11-20"));
        QCOMPARE(later->components.size(), 5u);
        QVERIFY(!later->equityCurve.empty());
        QVERIFY(later->feedLatency.count > 0);
        QVERIFY(later->feedLatency.p50Ns >= 200'000); // at least the configured minimum
        const auto before = std::chrono::steady_clock::now();
        engine.stop();
        QVERIFY(std::chrono::steady_clock::now() - before < std::chrono::seconds(2));
        QVERIFY(engine.isFinished());
        const RunResult r = engine.result();
        QVERIFY(!r.completed);
        engine.stop(); // twice is harmless
    }

    void destroyingARunningEngineJoinsItsThreads()
    {
        RunOptions o = options(3);
        o.speed = 100;
        auto engine = std::make_unique<Engine>(defaultConfig(), o);
        engine->start();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        engine.reset(); // must not hang or crash
        QVERIFY(true);
    }

    void brokerFaultsShowInTheSession()
    {
        Config config = defaultConfig();
        FaultSpec burst;
        burst.kind = FaultKind::ErrorBurst;
        burst.startSecondOfDay = 9 * 3600 + 31 * 60;
        burst.count = 5;
        config.simulator.faults.push_back(burst);
        FaultSpec disconnect;
        disconnect.kind = FaultKind::Disconnect;
        disconnect.startSecondOfDay = 11 * 3600;
        disconnect.durationSeconds = 3 * 3600;
        config.simulator.faults.push_back(disconnect);
        const RunResult clean = runSession(defaultConfig(), 9);
        const RunResult faulty = runSession(config, 9);
        QVERIFY(faulty.completed);
        QCOMPARE(clean.rejects, 0u);
        QVERIFY(faulty.rejects >= 5);
        const RunResult again = runSession(config, 9);
        QCOMPARE(summaryJson(faulty), summaryJson(again)); // faults are part of the seed's session
        QVERIFY(summaryJson(faulty) != summaryJson(clean));
    }

    void latencySpikeSlowsAcknowledgements()
    {
        Config config = defaultConfig();
        FaultSpec spike;
        spike.kind = FaultKind::LatencySpike;
        spike.startSecondOfDay = 9 * 3600;
        spike.durationSeconds = 8 * 3600; // the whole session
        spike.extraLatencyMs = 750;
        config.simulator.faults.push_back(spike);
        Engine engine(config, options(8));
        engine.start();
        engine.waitFinished();
        const auto last = engine.snapshot();
        QCOMPARE(last->phase, SessionPhase::Closed);
        QVERIFY(last->ackLatency.count > 0);
        // Order out and acknowledgement back both carry the extra 750 ms.
        QVERIFY2(last->ackLatency.p50Ns >= 1'500 * kNsPerMs, qPrintable(QString::number(last->ackLatency.p50Ns)));
        // Over the 500 ms alert threshold from the first acknowledged minute: one alert, not
        // one a minute.
        QCOMPARE(last->latencyAlertP95Ns, 500 * kNsPerMs);
        int latencyAlerts = 0;
        for (const AlertRow &a : last->alerts) {
            if (a.message.find("broker acknowledgement latency p95") != std::string::npos) {
                ++latencyAlerts;
                QCOMPARE(std::string(toString(a.severity)), std::string("warning"));
                QVERIFY2(a.message.find("over the alert threshold of 500 ms") != std::string::npos, a.message.c_str());
            }
        }
        QCOMPARE(latencyAlerts, 1);
        int overMinutes = 0;
        for (const LatencyPoint &p : last->latencyCurve)
            overMinutes += p.ack.p95Ns > last->latencyAlertP95Ns ? 1 : 0;
        QVERIFY(overMinutes > 1);
        Engine calm(defaultConfig(), options(8));
        calm.start();
        calm.waitFinished();
        QVERIFY(calm.snapshot()->ackLatency.p99Ns < 100 * kNsPerMs);
        for (const AlertRow &a : calm.snapshot()->alerts)
            QVERIFY2(a.message.find("latency p95") == std::string::npos, a.message.c_str());
    }

    void silentFeedStopsMarketData()
    {
        Config config = defaultConfig();
        FaultSpec silent;
        silent.kind = FaultKind::SilentFeed;
        silent.startSecondOfDay = 9 * 3600 + 30 * 60;
        silent.durationSeconds = 7 * 3600; // the whole day
        config.simulator.faults.push_back(silent);
        const RunResult r = runSession(config, 4);
        QVERIFY(r.completed);
        QCOMPARE(r.fills, 0u);
        // Only the clock (23,400 ticks), the broker's keep-alives (one in five seconds), the
        // opening quotes published before the silence began, and the open and close.
        QVERIFY(r.events > 23'400);
        QVERIFY2(r.events < 23'400 + 4'700 + 24 * 2 + 10, qPrintable(QString::number(r.events)));
    }
};

QTEST_GUILESS_MAIN(TestEngineSession)
#include "tst_engine_session.moc"
