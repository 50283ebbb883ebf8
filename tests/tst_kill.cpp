// The kill switch on the real threads: hundreds of working orders across symbols, a slow
// broker and an engine running as fast as it can (its market queue full). After the click
// no strategy order leaves; every working order is cancelled; the books end flat, as the
// broker's fills confirm; and the kill stays latched.

#include "WideUniverse.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace vigil;

namespace {

/// The default universe repeated under new names up to `count` symbols, with an intraday
/// strategy that enters often and a broker that answers slowly, so that orders pile up.
Config crowdedConfig(int count)
{
    Config config = testing::widenUniverse(defaultConfig(), count);
    config.strategies.intraday.emaTicks = 10;
    config.strategies.intraday.entryBps = 4.0;
    config.strategies.intraday.cooldownSeconds = 1;
    config.risk.maxOpenOrders = 2000;
    config.risk.maxOrdersPerSecond = 5000;
    config.risk.maxGrossExposurePct = 1000.0;
    config.risk.killDrawdownPct = 50.0;
    config.risk.throttleFills = 1000000;
    FaultSpec slow; // the broker takes seconds to answer all day
    slow.kind = FaultKind::LatencySpike;
    slow.startSecondOfDay = 9 * 3600;
    slow.durationSeconds = 8 * 3600;
    slow.extraLatencyMs = 3000;
    config.simulator.faults.push_back(slow);
    return config;
}

template<typename Predicate> bool waitFor(Predicate done, std::chrono::seconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

} // namespace

class TestKill : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killWithHundredsOfWorkingOrdersBehindADeepQueue()
    {
        RunOptions options;
        options.seed = 11;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 0; // as fast as it can: the simulator keeps the engine's queue full
        Engine engine(crowdedConfig(600), options);
        engine.start();
        QVERIFY2(waitFor(
                     [&] {
                         const auto s = engine.snapshot();
                         return (s && s->workingOrders >= 200) || engine.isFinished();
                     },
                     std::chrono::seconds(60)),
                 "the working orders never reached 200");
        QVERIFY2(!engine.isFinished(), "the session ended before 200 orders were working");

        std::atomic<bool> answered{false};
        CommandResult result;
        cmd::Kill kill;
        kill.actor = "tester";
        kill.reason = "rogue orders";
        const std::int64_t stopped = engine.command(kill, [&](const CommandResult &r) {
            result = r;
            answered.store(true, std::memory_order_release);
        });
        const std::uint64_t sentAtClick = engine.strategyOrdersSent();
        QVERIFY(stopped != 0);
        QCOMPARE(int(engine.tradingState()), int(TradingState::Killed));

        QVERIFY(waitFor([&] { return answered.load(std::memory_order_acquire); }, std::chrono::seconds(30)));
        QVERIFY2(result.ok, result.message.c_str());
        const auto atKill = engine.snapshot();
        QVERIFY(atKill);
        // The engine's books were not flat when the kill came (or the test proves nothing).
        QVERIFY(atKill->workingOrders >= 200 || !atKill->positions.empty());

        // Flat, as the broker's fills confirm, with every working order gone.
        QVERIFY2(waitFor(
                     [&] {
                         const auto s = engine.snapshot();
                         return s->flatten.phase == FlattenStatus::Phase::Flat
                                || s->flatten.phase == FlattenStatus::Phase::Failed || engine.isFinished();
                     },
                     std::chrono::seconds(60)),
                 "the kill's flatten never ended");
        const auto flat = engine.snapshot();
        QVERIFY2(flat->flatten.phase == FlattenStatus::Phase::Flat, flat->flatten.detail.c_str());
        QCOMPARE(flat->workingOrders, std::uint64_t(0));
        QVERIFY(flat->positions.empty());
        for (const StrategyRow &s : flat->strategies)
            QVERIFY2(s.stopped, s.name.c_str());

        // Not one strategy order left after the click, and the kill stays latched.
        QCOMPARE(engine.strategyOrdersSent(), sentAtClick);
        QCOMPARE(int(flat->tradingState), int(TradingState::Killed));
        QCOMPARE(int(engine.tradingState()), int(TradingState::Killed));
        engine.stop();
        QCOMPARE(engine.strategyOrdersSent(), sentAtClick);
    }
};

QTEST_GUILESS_MAIN(TestKill)
#include "tst_kill.moc"
