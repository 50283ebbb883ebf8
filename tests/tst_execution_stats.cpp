// Execution quality figures (fill rate, rejection rate, slippage) and the process and
// volume figures of the health panel.

#include "api/Config.h"
#include "api/Engine.h"
#include "health/SystemMonitor.h"
#include "oms/ExecutionStats.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <vector>

using namespace vigil;

class TestExecutionStats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void slippageIsPositiveWhenThePricePaidIsWorseThanTheMid()
    {
        const Price mid = Price::fromCents(10'000); // $100.00
        QCOMPARE(ExecutionStats::slippageBps(Side::Buy, Price::fromCents(10'002), mid), 2.0);
        QCOMPARE(ExecutionStats::slippageBps(Side::Sell, Price::fromCents(9'998), mid), 2.0);
        QCOMPARE(ExecutionStats::slippageBps(Side::Buy, Price::fromCents(9'999), mid), -1.0);
        QCOMPARE(ExecutionStats::slippageBps(Side::Sell, Price::fromCents(10'001), mid), -1.0);
    }

    void todaysAverageAndP95()
    {
        ExecutionStats stats;
        const Price mid = Price::fromCents(1'000'000); // $10,000.00: one cent is 0.01 bp
        // 100 buys paying 1, 2, ... 100 bps over the mid, and one without a known mid.
        for (int bps = 1; bps <= 100; ++bps)
            stats.fill(kNsPerMinute, Side::Buy, Price::fromCents(1'000'000 + bps * 100), mid);
        stats.fill(kNsPerMinute, Side::Buy, Price::fromCents(1'000'000), Price{});
        const ExecutionFigures f = stats.figures(2 * kNsPerMinute);
        QCOMPARE(f.slippageFills, std::uint64_t(100));
        QCOMPARE(f.slippageAvgBps, 50.5);
        QCOMPARE(f.slippageP95Bps, 95.0);
        QCOMPARE(f.slippageFillsInWindow, std::uint64_t(100));
        QCOMPARE(f.slippageAvgInWindowBps, 50.5);
    }

    void ratesCountOnlyTheLastThirtyMinutes()
    {
        ExecutionStats stats;
        // Ten minutes in: four orders sent, three finished (two filled, one rejected).
        const SimTime early = 10 * kNsPerMinute;
        for (int i = 0; i < 4; ++i)
            stats.orderSent(early);
        stats.orderFinished(early, true, false);
        stats.orderFinished(early, true, false);
        stats.orderFinished(early, false, true);
        stats.fill(early, Side::Buy, Price::fromCents(10'010), Price::fromCents(10'000)); // 10 bps
        ExecutionFigures f = stats.figures(early);
        QCOMPARE(f.sentInWindow, std::uint64_t(4));
        QCOMPARE(f.finishedInWindow, std::uint64_t(3));
        QCOMPARE(qRound(f.fillRatePct() * 100), qRound(200.0 / 3.0 * 100));
        QCOMPARE(qRound(f.rejectRatePct() * 100), qRound(100.0 / 3.0 * 100));

        // Thirty-five minutes later one order finished unfilled: the early ones have left
        // the window; today's slippage still counts the early fill.
        const SimTime late = early + 35 * kNsPerMinute;
        stats.orderSent(late);
        stats.orderFinished(late, false, false);
        stats.fill(late, Side::Sell, Price::fromCents(10'000), Price::fromCents(10'000)); // 0 bps
        f = stats.figures(late);
        QCOMPARE(f.sentInWindow, std::uint64_t(1));
        QCOMPARE(f.finishedInWindow, std::uint64_t(1));
        QCOMPARE(f.filledInWindow, std::uint64_t(0));
        QCOMPARE(f.fillRatePct(), 0.0);
        QCOMPARE(f.rejectRatePct(), 0.0);
        QCOMPARE(f.slippageFillsInWindow, std::uint64_t(1));
        QCOMPARE(f.slippageAvgInWindowBps, 0.0);
        QCOMPARE(f.slippageFills, std::uint64_t(2));
        QCOMPARE(f.slippageAvgBps, 5.0);

        // Nothing finished in the window: no rate at all rather than a made-up 0 %.
        QVERIFY(stats.figures(late + 31 * kNsPerMinute).fillRatePct() < 0);
    }

    void systemFiguresOfTheProcessAndTheDataVolume()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SystemMonitor monitor;
        monitor.setDataDirectory(dir.path().toStdString());
        const std::int64_t t0 = 5'000'000'000;
        SystemStats first = monitor.sample(t0);
        QVERIFY(!first.cpuKnown); // one sample gives no rate
        QVERIFY(first.rssBytes > 1'000'000);
        QVERIFY(first.diskTotalBytes > 0);
        QVERIFY(first.diskFreeBytes > 0 && first.diskFreeBytes <= first.diskTotalBytes);
        QVERIFY(first.cores >= 1);
        // Within a second the same figures come back; after it, new ones with a CPU rate.
        volatile double spin = 0;
        for (int i = 0; i < 20'000'000; ++i)
            spin = spin + 1.0;
        QCOMPARE(monitor.sample(t0 + 500'000'000).cpuKnown, false);
        const SystemStats second = monitor.sample(t0 + 1'000'000'000);
        QVERIFY(second.cpuKnown);
        QVERIFY(second.cpuPct >= 0.0);

        monitor.setDataDirectory("/no/such/directory");
        const SystemStats missing = monitor.sample(t0 + 1'100'000'000);
        QCOMPARE(missing.diskFreeBytes, std::int64_t(-1));
        QCOMPARE(missing.diskTotalBytes, std::int64_t(-1));
    }

    void aSessionPublishesItsExecutionFigures()
    {
        RunOptions options;
        options.seed = 42;
        options.sessionDate = Date{2026, 11, 20};
        Engine engine(defaultConfig(), options);
        engine.start();
        engine.waitFinished();
        const auto s = engine.snapshot();
        QVERIFY(s->fills > 0);
        QVERIFY(s->execution.slippageFills > 0);
        QVERIFY(s->execution.slippageFills <= s->fills);
        QVERIFY(std::abs(s->execution.slippageAvgBps) < 100.0); // a few bps either way, not a unit slip
        QVERIFY(s->execution.finishedInWindow > 0);
        QVERIFY(s->execution.fillRatePct() >= 0.0 && s->execution.fillRatePct() <= 100.0);
        QVERIFY(s->system.rssBytes > 0);
    }
};

QTEST_GUILESS_MAIN(TestExecutionStats)
#include "tst_execution_stats.moc"
