// The reconciliation thread with stand-in hooks: a request is compared and handed to the
// engine as a Reconciled command; while trading, a difference must still be there a moment
// later; a broker reconnect in the snapshot starts a run by itself; a delayed request waits
// its turn; before the engine starts nothing is recorded; stopping answers what never ran.
#include "recon/ReconciliationService.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace vigil;

namespace {

/// What the stand-in engine and broker hold, shared with the service's thread.
struct World {
    std::mutex mutex;
    BrokerStatement statement;
    std::shared_ptr<Snapshot> snapshot = std::make_shared<Snapshot>();
    std::vector<Command> commands; ///< what reached the "engine"
    std::atomic<int> statementsRead{0};
    std::atomic<bool> trading{true};
    std::atomic<bool> started{true};

    ReconciliationHooks hooks()
    {
        ReconciliationHooks h;
        h.statement = [this] {
            std::lock_guard lock(mutex);
            ++statementsRead;
            return statement;
        };
        h.snapshot = [this]() -> std::shared_ptr<const Snapshot> {
            std::lock_guard lock(mutex);
            return std::make_shared<Snapshot>(*snapshot);
        };
        h.command = [this](Command c, std::function<void(const CommandResult &)> done) {
            {
                std::lock_guard lock(mutex);
                commands.push_back(c);
            }
            CommandResult r;
            r.ok = true;
            r.journalSeq = 1;
            if (done)
                done(r);
        };
        h.trading = [this] { return trading.load(); };
        h.started = [this] { return started.load(); };
        return h;
    }
    std::size_t commandCount()
    {
        std::lock_guard lock(mutex);
        return commands.size();
    }
    Command lastCommand()
    {
        std::lock_guard lock(mutex);
        return commands.back();
    }
    cmd::RecordReconciliation lastRun() { return std::get<cmd::RecordReconciliation>(lastCommand()); }
};

ReconciliationTimings quick()
{
    ReconciliationTimings t;
    t.confirmDelayMs = 100;
    t.afterResolutionMs = 50;
    t.confirmIntervalMs = 300;
    t.pollMs = 10;
    return t;
}

PositionRow held(const char *symbol, Quantity qty)
{
    PositionRow p;
    p.symbol = symbol;
    p.qty = qty;
    p.avgPrice = Price::fromCents(10'000);
    return p;
}

constexpr SimTime kT0 = 1'795'000'000LL * kNsPerSecond;

/// An open session at kT0 and a service running every minute of its clock, and never
/// sooner than `wallMs` after the last run.
std::unique_ptr<ReconciliationService> periodicService(World &world, std::int64_t wallMs)
{
    world.statement.positionsAnswered = world.statement.ordersAnswered = true;
    world.snapshot->phase = SessionPhase::Open;
    world.snapshot->simTime = kT0;
    ReconciliationTimings t = quick();
    t.periodicSessionMs = 60'000;
    t.periodicWallMs = wallMs;
    auto service = std::make_unique<ReconciliationService>(world.hooks(), t);
    service->start();
    return service;
}

BrokerStatement statementOf(std::vector<BookPosition> positions)
{
    BrokerStatement s;
    s.positionsAnswered = s.ordersAnswered = true;
    s.positions = std::move(positions);
    return s;
}

} // namespace

class TestReconciliationService : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aRequestIsComparedAndHandedToTheEngine()
    {
        World world;
        world.snapshot->positions = {held("AAPL", 100)};
        world.statement = statementOf({{"AAPL", 100, Price::fromCents(10'000)}});
        ReconciliationService service(world.hooks(), quick());
        service.start();
        std::atomic<bool> answered{false};
        service.request("on demand", "alice (console)", [&](const ReconciliationResult &r, const CommandResult &c) {
            QVERIFY(r.clean());
            QVERIFY(c.ok);
            answered = true;
        });
        QTRY_VERIFY(answered.load());
        QCOMPARE(int(kindOf(world.lastCommand())), int(CommandKind::RecordReconciliation));
        const cmd::RecordReconciliation c = world.lastRun();
        QCOMPARE(c.actor, std::string("alice (console)"));
        QCOMPARE(c.startedBy, std::string("on demand"));
        QVERIFY(c.result && c.result->clean());
        QCOMPARE(world.statementsRead.load(), 1); // clean: one look is enough
    }

    void whileTradingADifferenceMustStay()
    {
        World world;
        world.snapshot->positions = {held("AAPL", 100)};
        world.statement = statementOf({{"AAPL", 110, Price::fromCents(10'000)}}); // a fill on its way
        ReconciliationService service(world.hooks(), quick());
        service.start();
        std::atomic<bool> answered{false};
        ReconciliationResult seen;
        service.request("on demand", "tester", [&](const ReconciliationResult &r, const CommandResult &) {
            seen = r;
            answered = true;
        });
        // The report arrives after the first look, before the second (a second later).
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (world.statementsRead.load() < 1 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        {
            std::lock_guard lock(world.mutex);
            world.snapshot->positions = {held("AAPL", 110)};
        }
        QTRY_VERIFY(answered.load());
        QVERIFY2(seen.clean(), summarize(seen).c_str());
        QCOMPARE(world.statementsRead.load(), 2);

        // A difference that stays is reported.
        {
            std::lock_guard lock(world.mutex);
            world.statement = statementOf({{"AAPL", 120, Price::fromCents(10'000)}});
        }
        answered = false;
        service.request("on demand", "tester", [&](const ReconciliationResult &r, const CommandResult &) {
            seen = r;
            answered = true;
        });
        QTRY_VERIFY(answered.load());
        QCOMPARE(seen.differences.size(), std::size_t(1));
        QCOMPARE(seen.differences.front().brokerQty, Quantity(120));
    }

    void aReconnectStartsARunByItself()
    {
        World world;
        ReconciliationService service(world.hooks(), quick());
        world.statement = statementOf({});
        service.start();
        QTest::qWait(50);
        QCOMPARE(world.commandCount(), std::size_t(0)); // nothing asked, nothing happened
        {
            std::lock_guard lock(world.mutex);
            world.snapshot->brokerReconnects = 1;
        }
        QTRY_COMPARE(world.commandCount(), std::size_t(1));
        QCOMPARE(world.lastRun().startedBy, std::string("broker reconnect"));
        QCOMPARE(world.lastRun().actor, std::string("system (reconciliation)"));
        QTest::qWait(50);
        QCOMPARE(world.commandCount(), std::size_t(1)); // once per reconnect
    }

    void whileOpenItRunsOnTheSessionsClock()
    {
        World world;
        const SimTime t0 = kT0;
        const auto service = periodicService(world, 20);
        QTRY_COMPARE(world.commandCount(), std::size_t(1)); // the first as the session is seen open
        QCOMPARE(world.lastRun().startedBy, std::string("periodic"));
        QCOMPARE(world.lastRun().actor, std::string("system (reconciliation)"));
        auto at = [&](SimTime time) {
            std::lock_guard lock(world.mutex);
            world.snapshot->simTime = time;
        };
        // Wall time passes, the session's clock does not (a paused simulator): no run.
        QTest::qWait(150);
        QCOMPARE(world.commandCount(), std::size_t(1));
        at(t0 + 59 * kNsPerSecond);
        QTest::qWait(150);
        QCOMPARE(world.commandCount(), std::size_t(1));
        at(t0 + 60 * kNsPerSecond); // a minute of the session's clock since the last run
        QTRY_COMPARE(world.commandCount(), std::size_t(2));
        QCOMPARE(world.lastRun().startedBy, std::string("periodic"));
        // Ten minutes at once (a fast simulator): one run, not ten.
        at(t0 + 660 * kNsPerSecond);
        QTRY_COMPARE(world.commandCount(), std::size_t(3));
        QTest::qWait(150);
        QCOMPARE(world.commandCount(), std::size_t(3));
        // While a restart replays the market, and after the close: none.
        {
            std::lock_guard lock(world.mutex);
            world.snapshot->catchingUpTo = "10:30:00";
            world.snapshot->simTime = t0 + 900 * kNsPerSecond;
        }
        QTest::qWait(150);
        QCOMPARE(world.commandCount(), std::size_t(3));
        {
            std::lock_guard lock(world.mutex);
            world.snapshot->catchingUpTo.clear();
            world.snapshot->phase = SessionPhase::Closed;
        }
        QTest::qWait(150);
        QCOMPARE(world.commandCount(), std::size_t(3));
    }

    void aFastClockIsHeldBackByTheWallTimeFloor()
    {
        World world;
        const SimTime t0 = kT0;
        const auto service = periodicService(world, 3'600'000); // a broker that takes one request an hour
        QTRY_COMPARE(world.commandCount(), std::size_t(1));
        // The session's clock races through an hour: still the one run.
        for (int minute = 1; minute <= 60; ++minute) {
            {
                std::lock_guard lock(world.mutex);
                world.snapshot->simTime = t0 + minute * 60 * kNsPerSecond;
            }
            QTest::qWait(5);
        }
        QTest::qWait(100);
        QCOMPARE(world.commandCount(), std::size_t(1));
    }

    void aResolutionUnderWayIsConfirmedAgain()
    {
        World world;
        world.statement = statementOf({});
        auto view = std::make_shared<ReconciliationView>();
        ReconciliationDifferenceRow d;
        d.key = "order MANUAL-1";
        d.status = ReconciliationDifferenceRow::Status::Resolving;
        view->differences = {d};
        world.snapshot->reconciliation = view;
        ReconciliationService service(world.hooks(), quick());
        service.start();
        QTRY_VERIFY(world.commandCount() >= 2); // every confirmIntervalMs until it is done
        QCOMPARE(world.lastRun().startedBy, std::string("confirming a resolution"));
    }

    void delayedRequestsWaitAndNothingIsRecordedBeforeTheStart()
    {
        World world;
        world.started = false;
        world.trading = false;
        world.statement = statementOf({});
        ReconciliationService service(world.hooks(), quick());
        service.start();
        std::atomic<bool> answered{false};
        CommandResult result;
        const auto asked = std::chrono::steady_clock::now();
        std::chrono::steady_clock::time_point ran;
        service.request(
            "after a resolution", "system (reconciliation)",
            [&](const ReconciliationResult &, const CommandResult &c) {
                result = c;
                ran = std::chrono::steady_clock::now();
                answered = true;
            },
            200);
        QTRY_VERIFY(answered.load());
        QVERIFY(ran - asked >= std::chrono::milliseconds(200));
        QCOMPARE(world.commandCount(), std::size_t(0));
        QVERIFY(result.message.find("not recorded") != std::string::npos);
    }

    void stoppingAnswersWhatNeverRan()
    {
        World world;
        world.statement = statementOf({});
        ReconciliationService service(world.hooks(), quick());
        service.start();
        std::atomic<bool> answered{false};
        ReconciliationResult seen;
        service.request(
            "on demand", "tester",
            [&](const ReconciliationResult &r, const CommandResult &) {
                seen = r;
                answered = true;
            },
            60'000);
        service.stop();
        QVERIFY(answered.load());
        QVERIFY(!seen.complete());
        QVERIFY(seen.incompleteReason.find("stopping") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestReconciliationService)
#include "tst_reconciliation_service.moc"
