// The venue's drills through a running engine (paper broker with its file, the simulated
// feed): an error burst is answered with errors, a disconnect takes the broker's link down
// and back, and the reconnect starts a reconciliation by itself; market-data silence is
// seen by the silence limit; a hand trade at the broker is found by the next run and
// blocks its symbol. Paced at 600x so that the engine trades while the test watches.
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Reconciliation.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

using namespace vigil;

namespace {

/// Waits (up to `ms`) until `done` holds for the latest snapshot.
bool waitFor(const Engine &engine, const std::function<bool(const Snapshot &)> &done, int ms = 30'000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (const auto s = engine.snapshot(); s && done(*s))
            return true;
        QThread::msleep(20);
    }
    return false;
}

Command drill(const char *name, int amount = 0, std::string target = {})
{
    cmd::Drill c;
    c.actor = "tester";
    c.reason = "rehearsal";
    drillKindFromText(name, c.kind);
    c.amount = amount;
    c.subject = std::move(target);
    return c;
}

const ComponentHealth *component(const Snapshot &s, const char *name)
{
    const auto it = std::find_if(s.components.begin(), s.components.end(),
                                 [name](const ComponentHealth &c) { return c.name == name; });
    return it == s.components.end() ? nullptr : &*it;
}

const LimitUsage *limit(const Snapshot &s, const char *name)
{
    const auto it =
        std::find_if(s.limits.begin(), s.limits.end(), [name](const LimitUsage &l) { return l.name == name; });
    return it == s.limits.end() ? nullptr : &*it;
}

bool ran(const Snapshot &s, const char *startedBy)
{
    return std::any_of(s.reconciliation->runs.begin(), s.reconciliation->runs.end(),
                       [startedBy](const ReconciliationRunRow &r) { return r.startedBy == startedBy; });
}

} // namespace

class TestDrills : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void drillsThroughARunningEngine()
    {
        QTemporaryDir dir;
        RunOptions o;
        o.seed = 7;
        o.sessionDate = Date{2026, 11, 20};
        o.speed = 600;
        Config config = defaultConfig();
        config.risk.killBrokerErrors = 1000;       // the burst must not end the test with a kill
        config.risk.killFeedSilenceSeconds = 3600; // nor the silence (an hour's limit; ten minutes' silence)
        Engine engine(config, o);
        QCOMPARE(engine.openBroker(dir.filePath(QStringLiteral("paper-broker.sqlite")).toStdString()), std::string());
        engine.start();
        const SessionWindow session = sessionFor(o.sessionDate);
        QVERIFY(waitFor(engine, [&](const Snapshot &s) { return s.simTime > session.open + 5 * kNsPerMinute; }));

        // Error burst: the broker answers the next orders with errors.
        const std::uint64_t rejects = engine.snapshot()->rejects;
        engine.command(drill("broker-error-burst", 3), {});
        QVERIFY2(waitFor(engine, [&](const Snapshot &s) { return s.rejects >= rejects + 3; }),
                 "no order was answered with an error");
        QVERIFY(waitFor(engine, [](const Snapshot &s) {
            return std::any_of(s.alerts.begin(), s.alerts.end(), [](const AlertRow &a) {
                return a.message.find("DRILL broker-error-burst") != std::string::npos;
            });
        }));

        // Disconnect: the link goes down and comes back, and the reconnect reconciles. Ten
        // simulated minutes (a second at 600x): a shorter outage can fall between two
        // snapshots on a busy machine, and the test would never see the link down.
        engine.command(drill("broker-disconnect", 600), {});
        QVERIFY2(waitFor(engine,
                         [](const Snapshot &s) {
                             const ComponentHealth *b = component(s, "broker");
                             return b && !b->up;
                         }),
                 "the broker's link never went down");
        QVERIFY2(
            waitFor(engine, [](const Snapshot &s) { return s.brokerReconnects >= 1 && ran(s, "broker reconnect"); }),
            "the reconnect started no reconciliation");

        // Silence: no market data, seen by the silence limit.
        // Ten simulated minutes (a second at 600x), so that a busy machine's snapshots see it.
        engine.command(drill("feed-silence", 600), {});
        QVERIFY2(waitFor(engine,
                         [](const Snapshot &s) {
                             const LimitUsage *l = limit(s, "market data silence");
                             return l && l->usedPct >= 100.0 * 60 / 3600; // a silent minute of the hour's limit
                         }),
                 "the feed never fell silent");

        // A hand trade at the broker: the next run finds it and blocks the symbol.
        const std::string symbol = config.simulator.symbols.back().symbol;
        engine.command(drill("broker-manual-trade", 11, symbol), {});
        struct Answer {
            std::atomic<bool> done{false};
            ReconciliationResult result;
        };
        // The drill reaches the broker after its (simulated) latency, however long that is in
        // wall time on a busy machine: runs on demand until one sees the trade.
        bool found = false;
        for (int attempt = 0; attempt < 50 && !found; ++attempt) {
            auto answer = std::make_shared<Answer>(); // the reconciliation thread answers
            engine.reconcile("on demand", "tester", [answer](const ReconciliationResult &r, const CommandResult &) {
                answer->result = r;
                answer->done.store(true, std::memory_order_release);
            });
            QVERIFY(QTest::qWaitFor([&] { return answer->done.load(std::memory_order_acquire); }, 15'000));
            const ReconciliationResult &r = answer->result;
            found = std::any_of(r.differences.begin(), r.differences.end(), [&](const Difference &d) {
                return d.symbol == symbol && d.brokerQty - d.internalQty == 11;
            });
            if (!found)
                QTest::qWait(100);
        }
        QVERIFY2(found, "no run found the hand trade");
        QVERIFY(waitFor(engine, [&](const Snapshot &s) {
            return std::find(s.reconciliation->blockedSymbols.begin(), s.reconciliation->blockedSymbols.end(), symbol)
                   != s.reconciliation->blockedSymbols.end();
        }));
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestDrills)
#include "tst_drills.moc"
