// The controls: the trading state machine, the kill switch and flatten on the engine core,
// each pre-trade check at its boundary, the automatic triggers and their debounce.

#include "api/Commands.h"
#include "api/Config.h"
#include "portfolio/Portfolio.h"
#include "risk/RiskGate.h"
#include "runtime/EngineCore.h"

#include "CoreRig.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

using namespace vigil;
using namespace vigil::testing;

class TestControls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stateMachineAllowsRefusesAndLatches();
    void everyChangeNeedsAReason();
    void killStopsTheNextOrderAndFlattensEverything();
    void aStopReturnsOnlyOnceTheOrderBeingSentHasLeft();
    void resumeAfterAKillNeedsAnAcknowledgement();
    void killResetLeavesEveryStrategyStoppedUntilEnabledOnItsOwn();
    void controlsStillWorkWhenTheJournalCannotBeWritten();
    void haltCancelsWithOneBulkRequest();
    void flattenOfOneSymbolLeavesTheRestAndBlocksEntries();
    void pauseIsReduceOnly();
    void preTradeChecksAtTheirBoundaries();
    void duplicateRateAndOpenOrderChecks();
    void executionThrottleStopsTheStrategyUntilEnabled();
    void oneBadTickDoesNotFireTheDrawdownKill();
    void aLastingDrawdownFiresTheKillOnce();
    void replayedPricesNeitherMoveTheBooksNorFireTheKill();
    void silentFeedFiresAfterItsLimit();
    void brokerErrorStreakFires();
    void snapshotPublishesTheDistanceToEveryLimit();
};

void TestControls::stateMachineAllowsRefusesAndLatches()
{
    using K = CommandKind;
    using S = TradingState;
    struct Case {
        K kind;
        S from;
        bool allowed;
        S to;
        const char *ack;
    };
    const Case cases[] = {
        {K::Pause, S::Active, true, S::Paused, ""},
        {K::Pause, S::Halted, false, S::Active, ""}, // would loosen a halt
        {K::Pause, S::Killed, false, S::Active, ""},
        {K::Halt, S::Paused, true, S::Halted, ""},
        {K::Halt, S::Maintenance, true, S::Halted, ""},
        {K::Halt, S::Killed, false, S::Active, ""}, // latched
        {K::Kill, S::Active, true, S::Killed, ""},
        {K::Kill, S::Maintenance, true, S::Killed, ""},
        {K::Kill, S::Killed, true, S::Killed, ""},
        {K::Resume, S::Paused, true, S::Active, ""},
        {K::Resume, S::Halted, false, S::Active, ""}, // no acknowledgement
        {K::Resume, S::Halted, true, S::Active, "cause found"},
        {K::Resume, S::Killed, false, S::Active, ""},
        {K::Resume, S::Killed, true, S::Active, "drawdown reviewed"},
        {K::Resume, S::Maintenance, false, S::Active, "x"},
        {K::MaintenanceEnter, S::Active, true, S::Maintenance, ""},
        {K::MaintenanceEnter, S::Killed, false, S::Active, ""},
        {K::MaintenanceExit, S::Active, false, S::Active, ""},
    };
    for (const Case &c : cases) {
        Command given = command(c.kind);
        if (auto *resume = std::get_if<cmd::Resume>(&given))
            resume->acknowledgement = c.ack;
        if (auto *enter = std::get_if<cmd::MaintenanceEnter>(&given))
            enter->banner = "broker key rotation";
        const TransitionRule rule = judge(given, c.from, S::Active);
        const QByteArray what = QByteArray(toString(c.kind).data()) + " from " + toString(c.from).data();
        QVERIFY2(rule.allowed == c.allowed, what.constData());
        if (c.allowed)
            QVERIFY2(rule.to == c.to, what.constData());
        else
            QVERIFY2(!rule.refusal.empty(), what.constData());
    }
    // Maintenance returns to where it was entered from.
    QCOMPARE(int(judge(command(K::MaintenanceExit), S::Maintenance, S::Halted).to), int(S::Halted));
    QVERIFY(tightens(S::Active, S::Killed));
    QVERIFY(!tightens(S::Killed, S::Active));
}

void TestControls::everyChangeNeedsAReason()
{
    Command pause = command(CommandKind::Pause, "");
    QVERIFY(!judge(pause, TradingState::Active, TradingState::Active).allowed);
    Command status = command(CommandKind::Status, "");
    QVERIFY(judge(status, TradingState::Killed, TradingState::Active).allowed);
    Command maintenance = command(CommandKind::MaintenanceEnter);
    QVERIFY(!judge(maintenance, TradingState::Active, TradingState::Active).allowed); // no banner
    // Blanks are no reason, no acknowledgement and no banner, whoever sends them.
    for (const char *blank : {" ", "   ", "\t\n", " \r "}) {
        const TransitionRule refused =
            judge(command(CommandKind::Pause, blank), TradingState::Active, TradingState::Active);
        QVERIFY(!refused.allowed);
        QVERIFY2(refused.refusal.find("blanks are not a reason") != std::string::npos, refused.refusal.c_str());
        Command drill = command(CommandKind::Drill, blank);
        QVERIFY(!judge(drill, TradingState::Active, TradingState::Active).allowed);
        Command resume = command(CommandKind::Resume, "checked");
        std::get<cmd::Resume>(resume).acknowledgement = blank;
        QVERIFY(!judge(resume, TradingState::Killed, TradingState::Active).allowed);
        Command banner = command(CommandKind::MaintenanceEnter, "upgrade");
        std::get<cmd::MaintenanceEnter>(banner).banner = blank;
        QVERIFY(!judge(banner, TradingState::Active, TradingState::Active).allowed);
    }
    QVERIFY(judge(command(CommandKind::Pause, " news "), TradingState::Active, TradingState::Active).allowed);
}

void TestControls::killStopsTheNextOrderAndFlattensEverything()
{
    Rig rig(roomyConfig());
    for (SymbolId s = 0; s < 4; ++s)
        rig.quote(s, 10'000 + s * 1000, 10'002 + s * 1000);
    // Hundreds of working orders across symbols; a few of them filled.
    std::vector<OrderId> ids;
    for (int i = 0; i < 300; ++i) {
        const auto symbol = static_cast<SymbolId>(i % 4);
        const OrderId id = rig.buy(symbol, 10, 9'990 + symbol * 1000 - (i / 4) % 5, static_cast<StrategyId>(i % 2));
        QVERIFY(id != 0);
        ids.push_back(id);
        rig.report(id, ExecType::Accepted);
    }
    for (int i = 0; i < 8; ++i)
        rig.report(ids[static_cast<std::size_t>(i)], ExecType::Fill, 10, 9'990 + (i % 4) * 1000);
    QCOMPARE(rig.core->orders().workingCount(), std::uint64_t(292));

    // The click: the atomic first (as Engine::command does in the caller's thread) ...
    QVERIFY(rig.core->riskGate().gate().move(TradingState::Active, TradingState::Killed));
    const std::size_t atClick = rig.sink.sent.size();
    // ... so the order path refuses the very next order, before the engine ran the command.
    QCOMPARE(rig.buy(0, 10, 9'990), OrderId(0));
    QCOMPARE(rig.sink.sent.size(), atClick);

    const CommandResult killed = rig.run(command(CommandKind::Kill, "rogue orders"));
    QVERIFY2(killed.ok, killed.message.c_str());
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Killed));
    // One bulk cancel, and no closing order while anything can still fill.
    QCOMPARE(rig.sink.count(EngineMessage::Kind::CancelAll, atClick), std::size_t(1));
    QCOMPARE(rig.sink.count(EngineMessage::Kind::NewOrder, atClick), std::size_t(0));
    QCOMPARE(rig.sink.count(EngineMessage::Kind::Cancel, atClick), std::size_t(0));

    for (std::size_t i = 8; i < ids.size(); ++i)
        rig.report(ids[i], ExecType::Cancelled);
    // The closing orders, one per book: (symbol i % 4, strategy i % 2) of the eight fills.
    QCOMPARE(rig.core->orders().workingCount(), std::uint64_t(4));
    std::vector<EngineMessage> closes;
    for (std::size_t i = atClick; i < rig.sink.sent.size(); ++i)
        if (rig.sink.sent[i].kind == EngineMessage::Kind::NewOrder)
            closes.push_back(rig.sink.sent[i]);
    QCOMPARE(closes.size(), std::size_t(4));
    for (const EngineMessage &c : closes) {
        QCOMPARE(int(c.side), int(Side::Sell));
        QCOMPARE(c.qty, Quantity(20));
        QCOMPARE(int(c.type), int(OrderType::Market));
    }
    // Strategies are stopped: nothing they want leaves.
    QCOMPARE(rig.buy(1, 10, 10'990), OrderId(0));
    auto snapshot = rig.core->makeSnapshot(0);
    QCOMPARE(int(snapshot->flatten.phase), int(FlattenStatus::Phase::Closing));

    // "Flat" only once the broker's fills say so.
    for (std::size_t i = 0; i + 1 < closes.size(); ++i)
        rig.report(closes[i].orderId, ExecType::Fill, 20, 10'000);
    QCOMPARE(int(rig.core->makeSnapshot(0)->flatten.phase), int(FlattenStatus::Phase::Closing));
    rig.report(closes.back().orderId, ExecType::Fill, 20, 10'000);
    snapshot = rig.core->makeSnapshot(0);
    QCOMPARE(int(snapshot->flatten.phase), int(FlattenStatus::Phase::Flat));
    QVERIFY(snapshot->positions.empty());
    QCOMPARE(snapshot->workingOrders, std::uint64_t(0));
    QCOMPARE(int(snapshot->tradingState), int(TradingState::Killed));

    // Killed, the books are still watched: the equity and latency curves go on each minute.
    // (The equity curve also holds the point where a new high-water mark was set: it is not
    // one point a minute as the latency curve is.)
    const std::size_t points = snapshot->equityCurve.size(), latencyPoints = snapshot->latencyCurve.size();
    rig.clock(180);
    const auto later = rig.core->makeSnapshot(0);
    QVERIFY(later->equityCurve.size() >= points + 2);
    QVERIFY(later->latencyCurve.size() >= latencyPoints + 2);
}

void TestControls::aStopReturnsOnlyOnceTheOrderBeingSentHasLeft()
{
    // An operator stops trading from another thread while the engine thread is handing an
    // order over: the stop shows on the atomic at once, but it returns (the moment the
    // operator is told nothing more can leave) only after that order has left, so no order
    // that read the old state leaves after the stop returned.
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    TradingGate &gate = rig.core->riskGate().gate();
    std::atomic<bool> stopReturned{false};
    bool returnedDuringSend = true;
    bool stateMovedDuringSend = false;
    std::thread stopper;
    rig.sink.onSend = [&](const EngineMessage &m) {
        if (m.kind != EngineMessage::Kind::NewOrder || stopper.joinable())
            return;
        stopper = std::thread([&] {
            gate.move(TradingState::Active, TradingState::Halted);
            stopReturned.store(true);
        });
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (gate.state() != TradingState::Halted && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        stateMovedDuringSend = gate.state() == TradingState::Halted;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        returnedDuringSend = stopReturned.load();
    };
    QVERIFY(rig.buy(0, 10, 9'990) != 0);
    stopper.join();
    QVERIFY(stateMovedDuringSend);
    QVERIFY2(!returnedDuringSend, "the stop returned while an order that read ACTIVE was still being sent");
    QVERIFY(stopReturned.load());
    const std::size_t sent = rig.sink.sent.size();
    QCOMPARE(rig.buy(0, 10, 9'990), OrderId(0));
    QCOMPARE(rig.sink.sent.size(), sent);
}

void TestControls::controlsStillWorkWhenTheJournalCannotBeWritten()
{
    Rig rig(roomyConfig());
    BreakableJournal journal;
    rig.core->setJournal(&journal);
    rig.quote(0, 10'000, 10'002);
    const OrderId held = rig.buy(0, 50, 10'002);
    rig.report(held, ExecType::Accepted);
    rig.report(held, ExecType::Fill, 50, 10'002);
    const OrderId working = rig.buy(0, 30, 9'950);
    rig.report(working, ExecType::Accepted);

    journal.broken = true; // the disk is full
    rig.clock();
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Halted));
    QCOMPARE(int(rig.core->riskGate().tradingState()), int(TradingState::Halted));
    // The writer's reason, the system's words with it, reaches the state and the alert.
    bool alerted = false, stated = false;
    for (const JournalRecord &r : journal.records) {
        alerted = alerted
                  || (r.kind == JournalRecord::Kind::Alert && r.textView().find("journal write failed") == 0
                      && r.textView().find("No space left on device") != std::string_view::npos);
        stated = stated
                 || (r.kind == JournalRecord::Kind::TradingStateChanged && r.tradingState == TradingState::Halted
                     && r.textView().find("the journal cannot be written: writing record 12 failed") == 0);
    }
    QVERIFY(alerted);
    QVERIFY(stated);
    QCOMPARE(rig.buy(0, 10, 10'002), OrderId(0)); // nothing new that could not be recorded

    // No way back to trading while nothing can be recorded ...
    Command resume = command(CommandKind::Resume, "disk cleaned");
    std::get<cmd::Resume>(resume).acknowledgement = "checked";
    const CommandResult refused = rig.run(resume);
    QVERIFY(!refused.ok);
    QVERIFY2(refused.message.find("the journal cannot be written") != std::string::npos, refused.message.c_str());
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Halted));

    // ... but the operator can still get out: flatten cancels and closes, then kill.
    const std::size_t before = rig.sink.sent.size();
    const CommandResult flatten = rig.run(command(CommandKind::Flatten, "disk full: get flat"));
    QVERIFY2(flatten.ok, flatten.message.c_str());
    QCOMPARE(rig.sink.count(EngineMessage::Kind::CancelAll, before), std::size_t(1));
    rig.report(working, ExecType::Cancelled);
    std::vector<EngineMessage> closes;
    for (std::size_t i = before; i < rig.sink.sent.size(); ++i)
        if (rig.sink.sent[i].kind == EngineMessage::Kind::NewOrder)
            closes.push_back(rig.sink.sent[i]);
    QCOMPARE(closes.size(), std::size_t(1));
    QCOMPARE(int(closes.front().side), int(Side::Sell));
    QCOMPARE(closes.front().qty, Quantity(50));
    rig.report(closes.front().orderId, ExecType::Fill, 50, 10'000);
    const auto snapshot = rig.core->makeSnapshot(0);
    QCOMPARE(int(snapshot->flatten.phase), int(FlattenStatus::Phase::Flat));
    QVERIFY(snapshot->positions.empty());

    const CommandResult killed = rig.run(command(CommandKind::Kill, "disk full"));
    QVERIFY2(killed.ok, killed.message.c_str());
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Killed));
}

void TestControls::resumeAfterAKillNeedsAnAcknowledgement()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    QVERIFY(rig.run(command(CommandKind::Kill, "drill")).ok);
    // Latched: nothing loosens it but a resume with an acknowledgement.
    QVERIFY(!rig.run(command(CommandKind::Halt)).ok);
    QVERIFY(!rig.run(command(CommandKind::Pause)).ok);
    const CommandResult bare = rig.run(command(CommandKind::Resume, "done"));
    QVERIFY(!bare.ok);
    QCOMPARE(int(rig.core->riskGate().tradingState()), int(TradingState::Killed));
    Command resume = command(CommandKind::Resume, "done");
    std::get<cmd::Resume>(resume).acknowledgement = "drill over, books checked";
    QCOMPARE(rig.signOffIncidents(), 1); // the kill's level-3 incident holds a resume until then
    const CommandResult resumed = rig.run(resume);
    QVERIFY2(resumed.ok, resumed.message.c_str());
    QCOMPARE(int(rig.core->riskGate().tradingState()), int(TradingState::Active));
    QVERIFY(rig.buy(0, 10, 10'000) != 0);
}

void TestControls::killResetLeavesEveryStrategyStoppedUntilEnabledOnItsOwn()
{
    Config config = roomyConfig();
    config.strategies.intraday.enabled = true; // two strategies with names to enable
    config.strategies.swing.enabled = true;
    Rig rig(config);
    BreakableJournal journal;
    rig.core->setJournal(&journal);
    rig.quote(0, 10'000, 10'002);
    QVERIFY(rig.run(command(CommandKind::Kill, "runaway strategy")).ok);
    Command enable = command(CommandKind::EnableStrategy, "looks fine");
    std::get<cmd::EnableStrategy>(enable).strategy = "intraday_mean_reversion";
    const CommandResult early = rig.run(enable);
    QVERIFY(!early.ok); // the latch first: an enable now would be undone by the reset
    QVERIFY2(early.message.find("reset it first") != std::string::npos, early.message.c_str());

    Command reset = command(CommandKind::Resume, "drawdown reviewed");
    std::get<cmd::Resume>(reset).acknowledgement = "positions checked at the broker";
    QCOMPARE(rig.signOffIncidents(), 1);
    const CommandResult resumed = rig.run(reset);
    QVERIFY2(resumed.ok, resumed.message.c_str());
    QVERIFY2(resumed.message.find("stays stopped until it is enabled on its own") != std::string::npos,
             resumed.message.c_str());
    QCOMPARE(int(rig.core->riskGate().tradingState()), int(TradingState::Active));
    // Trading is back, but no strategy is: each one stopped, and that recorded.
    QVERIFY(rig.core->riskGate().strategyStopped(0));
    QVERIFY(rig.core->riskGate().strategyStopped(1));
    QCOMPARE(rig.buy(0, 1, 10'000, 0), OrderId(0));
    QCOMPARE(rig.buy(0, 1, 10'000, 1), OrderId(0));
    int stops = 0;
    for (const JournalRecord &r : journal.records)
        stops += r.kind == JournalRecord::Kind::StrategyControl && r.qty == 1 && r.actorView() == "tester"
                 && r.textView().find("kill switch reset") == 0;
    QCOMPARE(stops, 2);
    for (const StrategyRow &row : rig.core->makeSnapshot(0)->strategies)
        QVERIFY2(row.stopped, row.key.c_str());

    // One at a time: enabling one leaves the other stopped.
    const CommandResult one = rig.run(enable);
    QVERIFY2(one.ok, one.message.c_str());
    QVERIFY(!rig.core->riskGate().strategyStopped(0));
    QVERIFY(rig.core->riskGate().strategyStopped(1));
    QVERIFY(rig.buy(0, 1, 10'000, 0) != 0);
    QCOMPARE(rig.buy(0, 1, 9'990, 1), OrderId(0));
    const auto snapshot = rig.core->makeSnapshot(0);
    QCOMPARE(int(snapshot->strategies.size()), 2);
    for (const StrategyRow &row : snapshot->strategies)
        QCOMPARE(row.stopped, row.key != "intraday_mean_reversion");

    // A resume after a plain halt changes no strategy.
    QVERIFY(rig.run(command(CommandKind::Halt)).ok);
    QVERIFY(rig.run(reset).ok);
    QVERIFY(!rig.core->riskGate().strategyStopped(0));
}

void TestControls::haltCancelsWithOneBulkRequest()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    for (int i = 0; i < 20; ++i)
        rig.report(rig.buy(0, 10, 9'900 - i), ExecType::Accepted);
    const std::size_t before = rig.sink.sent.size();
    QVERIFY(rig.run(command(CommandKind::Halt, "investigating")).ok);
    QCOMPARE(rig.sink.sent.size(), before + 1);
    QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::CancelAll));
    QCOMPARE(rig.buy(0, 10, 9'800), OrderId(0));
    QCOMPARE(rig.sink.sent.size(), before + 1);
}

void TestControls::flattenOfOneSymbolLeavesTheRestAndBlocksEntries()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    rig.quote(1, 20'000, 20'002);
    const OrderId a = rig.buy(0, 30, 10'002);
    const OrderId b = rig.buy(1, 20, 20'002);
    rig.report(a, ExecType::Fill, 30, 10'002);
    rig.report(b, ExecType::Fill, 20, 20'002);
    const OrderId working = rig.buy(0, 5, 9'700);
    rig.report(working, ExecType::Accepted);

    Command flatten = command(CommandKind::Flatten, "news on the symbol");
    std::get<cmd::Flatten>(flatten).scope = {FlattenScope::Kind::Symbol, rig.config.simulator.symbols[0].symbol};
    const std::size_t before = rig.sink.sent.size();
    QVERIFY(rig.run(flatten).ok);
    QCOMPARE(rig.sink.sent.size(), before + 1); // the one working order in scope
    QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::Cancel));
    QCOMPARE(rig.sink.sent.back().orderId, working);
    rig.report(working, ExecType::Cancelled);
    QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::NewOrder));
    QCOMPARE(rig.sink.sent.back().qty, Quantity(30));
    QCOMPARE(rig.sink.sent.back().symbol, SymbolId(0));
    rig.report(rig.sink.sent.back().orderId, ExecType::Fill, 30, 10'000);
    QCOMPARE(int(rig.core->makeSnapshot(0)->flatten.phase), int(FlattenStatus::Phase::Flat));
    QCOMPARE(rig.core->portfolio().position(SymbolId(1)), Quantity(20)); // untouched
    QCOMPARE(int(rig.core->riskGate().tradingState()), int(TradingState::Active));
    // The flattened symbol is reduce-only until a resume; others trade.
    QCOMPARE(rig.buy(0, 5, 10'000), OrderId(0));
    QVERIFY(rig.buy(1, 5, 20'000) != 0);
    QVERIFY(rig.run(command(CommandKind::Resume)).ok);
    QVERIFY(rig.buy(0, 5, 10'000) != 0);
}

void TestControls::pauseIsReduceOnly()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    const OrderId entry = rig.buy(0, 50, 10'002);
    rig.report(entry, ExecType::Fill, 50, 10'002);
    QVERIFY(rig.run(command(CommandKind::Pause, "volatile open")).ok);
    QCOMPARE(rig.buy(0, 10, 10'000), OrderId(0)); // an entry
    const OrderId exit = rig.core->submit(0, 0, Side::Sell, OrderType::Limit, 20, Price::fromCents(10'000));
    QVERIFY(exit != 0);
    // Not past zero: a sell larger than the position adds risk on the other side.
    QCOMPARE(rig.core->submit(0, 0, Side::Sell, OrderType::Limit, 80, Price::fromCents(10'000)), OrderId(0));
}

void TestControls::preTradeChecksAtTheirBoundaries()
{
    RiskConfig limits;
    limits.maxOrderQty = 1000;
    limits.maxOrderNotional = Money::fromDollars(50'000);
    limits.priceCollarPct = 5.0;
    limits.maxPositionNotional = Money::fromDollars(80'000);
    limits.maxGrossExposurePct = 10.0;
    limits.duplicateWindowMs = 0;
    Portfolio portfolio(2, 2, Money::fromDollars(1'000'000));
    portfolio.mark(0, Price::fromCents(10'000));
    portfolio.mark(1, Price::fromCents(10'000));
    RiskGate gate(limits, 2, 2);
    auto order = [](Quantity qty, std::int64_t priceCents, SymbolId symbol = 0) {
        OrderIntent o;
        o.strategy = 0;
        o.symbol = symbol;
        o.side = Side::Buy;
        o.type = OrderType::Limit;
        o.qty = qty;
        o.limitPrice = o.reference = Price::fromCents(priceCents);
        o.mid = Price::fromCents(10'000);
        return o;
    };
    auto reason = [&](const OrderIntent &o) { return int(gate.check(portfolio, o, 0, 0).reason); };
    const int none = int(RejectReason::None);
    // Quantity: 1000 passes, 1001 does not (value kept low with a low price inside the collar).
    RiskConfig wideLimits = limits;
    wideLimits.maxOrderNotional = Money::fromDollars(1'000'000);
    wideLimits.maxPositionNotional = Money::fromDollars(1'000'000);
    wideLimits.maxGrossExposurePct = 1000;
    RiskGate wide(wideLimits, 2, 2);
    QCOMPARE(int(wide.check(portfolio, order(1000, 9'600), 0, 0).reason), none);
    QCOMPARE(int(wide.check(portfolio, order(1001, 9'600), 0, 0).reason), int(RejectReason::OrderQuantity));
    // Value: 500 x 100.00 = 50,000.00 passes, one cent more does not.
    QCOMPARE(reason(order(500, 10'000)), none);
    QCOMPARE(reason(order(500, 10'001)), int(RejectReason::OrderNotional));
    // Collar: 5 % from the mid passes, beyond it does not (both sides).
    QCOMPARE(reason(order(10, 10'500)), none);
    QCOMPARE(reason(order(10, 10'501)), int(RejectReason::PriceCollar));
    QCOMPARE(reason(order(10, 9'500)), none);
    QCOMPARE(reason(order(10, 9'499)), int(RejectReason::PriceCollar));
    OrderIntent noQuote = order(10, 10'000);
    noQuote.mid = Price{};
    QCOMPARE(reason(noQuote), int(RejectReason::PriceCollar));
    // Position: 800 x 100.00 = 80,000.00 passes (with 300 held), 801 does not.
    portfolio.applyFill(0, 0, Side::Buy, 300, Price::fromCents(10'000), Money{});
    QCOMPARE(reason(order(500, 10'000)), none);
    RiskConfig positionLimits = wideLimits;
    positionLimits.maxPositionNotional = Money::fromDollars(80'000);
    RiskGate positionGate(positionLimits, 2, 2);
    QCOMPARE(int(positionGate.check(portfolio, order(500, 10'000), 0, 0).reason), none);
    QCOMPARE(int(positionGate.check(portfolio, order(501, 10'000), 0, 0).reason), int(RejectReason::PositionLimit));
    // Gross exposure: 10 % of equity (100,000.00 of 1,000,000.00) passes, beyond does not.
    QCOMPARE(reason(order(500, 10'000, 1)), none); // 30,000 + 50,000 = 8 %
    portfolio.applyFill(0, 1, Side::Buy, 200, Price::fromCents(10'000), Money{});
    QCOMPARE(reason(order(500, 10'000, 1)), none); // 30,000 + 70,000 = 10 %
    RiskConfig grossLimits = wideLimits;
    grossLimits.maxGrossExposurePct = 10.0;
    RiskGate grossGate(grossLimits, 2, 2);
    QCOMPARE(int(grossGate.check(portfolio, order(500, 10'000, 1), 0, 0).reason), none);
    QCOMPARE(int(grossGate.check(portfolio, order(501, 10'000, 1), 0, 0).reason), int(RejectReason::GrossExposure));
    // Reducing orders pass the exposure limits.
    OrderIntent sell = order(100, 10'000);
    sell.side = Side::Sell;
    QCOMPARE(reason(sell), none);
}

void TestControls::duplicateRateAndOpenOrderChecks()
{
    RiskConfig limits;
    limits.duplicateWindowMs = 500;
    limits.maxOrdersPerSecond = 3;
    limits.maxOpenOrders = 5;
    Portfolio portfolio(1, 1, Money::fromDollars(1'000'000));
    RiskGate gate(limits, 1, 1);
    OrderIntent o;
    o.strategy = 0;
    o.symbol = 0;
    o.type = OrderType::Limit;
    o.qty = 10;
    o.limitPrice = o.reference = o.mid = Price::fromCents(10'000);
    const SimTime t0 = 1'000 * kNsPerSecond;
    gate.recordOrderSent(o, t0);
    QCOMPARE(int(gate.check(portfolio, o, 0, t0 + 499 * kNsPerMs).reason), int(RejectReason::DuplicateOrder));
    QCOMPARE(int(gate.check(portfolio, o, 0, t0 + 500 * kNsPerMs).reason), int(RejectReason::None));
    OrderIntent other = o;
    other.qty = 11; // not the same order
    QCOMPARE(int(gate.check(portfolio, other, 0, t0 + 1).reason), int(RejectReason::None));
    // Rate: three sends inside the second fill it; the fourth waits until the first ages out.
    gate.recordCancelSent(t0 + 100);
    gate.recordCancelSent(t0 + 200);
    QCOMPARE(int(gate.check(portfolio, other, 0, t0 + 300).reason), int(RejectReason::OrderRate));
    QCOMPARE(int(gate.check(portfolio, other, 0, t0 + kNsPerSecond).reason), int(RejectReason::None));
    // Open orders: four working leave room for a fifth, five do not.
    QCOMPARE(int(gate.check(portfolio, other, 4, t0 + 2 * kNsPerSecond).reason), int(RejectReason::None));
    QCOMPARE(int(gate.check(portfolio, other, 5, t0 + 2 * kNsPerSecond).reason), int(RejectReason::OpenOrders));
    gate.countRefusal(RejectReason::OpenOrders);
    QCOMPARE(gate.refusals(RejectReason::OpenOrders), std::uint64_t(1));
    QCOMPARE(gate.refusals(RejectReason::OrderRate), std::uint64_t(0));
}

void TestControls::executionThrottleStopsTheStrategyUntilEnabled()
{
    Config config = roomyConfig();
    config.risk.throttleFills = 3;
    config.risk.throttleWindowSeconds = 10;
    config.strategies.intraday.enabled = true; // so that it has a name to enable
    Rig rig(config);
    rig.quote(0, 10'000, 10'002);
    for (int i = 0; i < 3; ++i)
        rig.report(rig.buy(0, 1, 10'002 - i), ExecType::Fill, 1, 10'002);
    QVERIFY(!rig.core->riskGate().strategyStopped(0));
    rig.report(rig.buy(0, 1, 9'990), ExecType::Fill, 1, 10'002); // the fourth inside the window
    QVERIFY(rig.core->riskGate().strategyStopped(0));
    QCOMPARE(rig.buy(0, 1, 9'980), OrderId(0));
    QVERIFY(rig.buy(0, 1, 9'980, 1) != 0); // another strategy trades on
    Command enable = command(CommandKind::EnableStrategy, "runaway loop fixed");
    std::get<cmd::EnableStrategy>(enable).strategy = "intraday_mean_reversion";
    const CommandResult r = rig.run(enable);
    QVERIFY2(r.ok, r.message.c_str());
    QVERIFY(!rig.core->riskGate().strategyStopped(0));
    QVERIFY(rig.buy(0, 1, 9'970) != 0);
}

void TestControls::oneBadTickDoesNotFireTheDrawdownKill()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'000);
    const OrderId id = rig.buy(0, 5'000, 10'000); // 500,000.00 of a 1,000,000.00 account
    rig.report(id, ExecType::Fill, 5'000, 10'000);
    rig.clock();
    // One tick 5 % lower: a 25,000.00 (2.5 %) drawdown for one evaluation, then back.
    rig.quote(0, 9'500, 9'500);
    rig.clock();
    rig.quote(0, 10'000, 10'000);
    rig.clock(10);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
}

void TestControls::aLastingDrawdownFiresTheKillOnce()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'000);
    const OrderId id = rig.buy(0, 5'000, 10'000);
    rig.report(id, ExecType::Fill, 5'000, 10'000);
    rig.clock();
    rig.quote(0, 9'500, 9'500);
    rig.clock(); // breach seen once
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
    rig.clock(2); // two seconds in breach: not yet 3
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
    rig.clock(); // three seconds, four evaluations
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Killed));
    auto snapshot = rig.core->makeSnapshot(0);
    QCOMPARE(QString::fromStdString(snapshot->stateActor), QStringLiteral("risk"));
    QVERIFY2(snapshot->stateReason.find("daily drawdown 2.50%") != std::string::npos, snapshot->stateReason.c_str());
    // The alerts shown in the console: the warning on the way, then the kill, once.
    int kills = 0;
    for (const AlertRow &a : snapshot->alerts)
        kills += a.message.find("kill switch fired automatically") == 0 ? 1 : 0;
    QCOMPARE(kills, 1);
    QCOMPARE(QString::fromStdString(std::string(toString(snapshot->alerts.back().severity))),
             QStringLiteral("critical"));
    QCOMPARE(QString::fromStdString(snapshot->alerts.back().clock),
             QString::fromStdString(rig.session.clockText(rig.now)));
    const SimTime since = snapshot->stateSince;
    rig.clock(5); // still in breach: no second kill
    QCOMPARE(rig.core->makeSnapshot(0)->stateSince, since);
    QCOMPARE(rig.core->makeSnapshot(0)->alerts.size(), snapshot->alerts.size());
}

void TestControls::replayedPricesNeitherMoveTheBooksNorFireTheKill()
{
    // The morning: 5,000 shares bought at 100.00, then the journal's last price 101.00 at
    // 10:30; the process stops at 11:30 and restarts.
    Rig first(roomyConfig());
    first.quote(0, 10'000, 10'000);
    const OrderId id = first.buy(0, 5'000, 10'000);
    first.report(id, ExecType::Fill, 5'000, 10'000);
    first.quote(0, 10'100, 10'100);
    Recovery recovery;
    recovery.sessionFound = true;
    recovery.portfolio = first.core->portfolio().state();
    recovery.marksAt = first.session.open + 60 * kNsPerMinute;
    recovery.alerts = {
        {7, first.session.open + 5 * kNsPerMinute, AlertSeverity::Warning, "risk", "a morning alert", false}};
    const Money journaled = first.core->portfolio().unrealized();
    QCOMPARE(journaled, Money::fromDollars(5'000));

    Rig rig(roomyConfig());
    rig.core = std::make_unique<EngineCore>(rig.config, rig.session, rig.sink, makeStrategies(rig.config));
    const SimTime resumeAt = rig.session.open + 120 * kNsPerMinute;
    rig.core->restore(recovery, resumeAt);
    rig.now = rig.session.open;
    VenueMessage open;
    open.kind = VenueMessage::Kind::SessionOpen;
    rig.deliver(open);
    // The replay: the market of 9:30 again, far above the position's price, then below it.
    rig.quote(0, 13'000, 13'000);
    rig.clock(5);
    auto replaying = rig.core->makeSnapshot(0);
    QCOMPARE(replaying->unrealizedPnl, journaled); // the journal's price, not the replay's
    QCOMPARE(replaying->highWaterMark, rig.core->portfolio().startingEquity() + journaled);
    QCOMPARE(QString::fromStdString(replaying->figuresAsOf), QStringLiteral("10:30:00"));
    QCOMPARE(QString::fromStdString(replaying->catchingUpTo), QStringLiteral("11:30:00"));
    QCOMPARE(replaying->alerts.size(), std::size_t(1)); // the day's alerts, from the journal
    QCOMPARE(QString::fromStdString(replaying->alerts.front().clock), QStringLiteral("09:35:00"));
    QCOMPARE(QString::fromStdString(replaying->alerts.front().message), QStringLiteral("a morning alert"));
    rig.quote(0, 9'000, 9'000); // a 10 % fall in the replay: a drawdown far past the kill's 2 %
    rig.clock(30);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
    QCOMPARE(rig.core->makeSnapshot(0)->unrealizedPnl, journaled);

    // Where the session stopped: today's price again (101.50 at 11:30), and the books with it.
    rig.now = resumeAt - kNsPerSecond;
    rig.quote(0, 10'150, 10'150);
    rig.clock(10);
    auto live = rig.core->makeSnapshot(0);
    QVERIFY(live->figuresAsOf.empty());
    QVERIFY(live->catchingUpTo.empty());
    QCOMPARE(live->unrealizedPnl, Money::fromDollars(7'500));
    // The high-water mark never saw the replay's 130.00: no drawdown, no kill.
    QCOMPARE(live->drawdown, Money{});
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
}

void TestControls::silentFeedFiresAfterItsLimit()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    rig.clock(120); // silent for exactly the limit: not beyond it
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
    rig.quote(0, 10'000, 10'002); // data again: the count starts over
    rig.clock(122);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
    rig.clock(2);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Killed));
    QVERIFY(rig.core->makeSnapshot(0)->stateReason.find("market data silent") != std::string::npos);
}

void TestControls::brokerErrorStreakFires()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'002);
    for (int i = 0; i < 4; ++i)
        rig.report(rig.buy(0, 1, 9'990 - i), ExecType::Rejected, 0, 0, RejectReason::BrokerError);
    rig.report(rig.buy(0, 1, 9'980), ExecType::Accepted); // an answer: the streak ends
    for (int i = 0; i < 4; ++i)
        rig.report(rig.buy(0, 1, 9'970 - i), ExecType::Rejected, 0, 0, RejectReason::BrokerError);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
    rig.report(rig.buy(0, 1, 9'960), ExecType::Rejected, 0, 0, RejectReason::BrokerUnavailable);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Killed));
}

void TestControls::snapshotPublishesTheDistanceToEveryLimit()
{
    Rig rig(roomyConfig());
    rig.quote(0, 10'000, 10'000);
    rig.report(rig.buy(0, 5'000, 10'000), ExecType::Fill, 5'000, 10'000);
    rig.quote(0, 9'680, 9'680); // 16,000.00 down: 1.6 % of 2 % = 80 %
    rig.clock();
    const auto snapshot = rig.core->makeSnapshot(0);
    const LimitUsage *drawdown = nullptr;
    for (const LimitUsage &u : snapshot->limits)
        if (u.name == "daily drawdown")
            drawdown = &u;
    QVERIFY(drawdown);
    QCOMPARE(QString::fromStdString(drawdown->value), QStringLiteral("1.60%"));
    QCOMPARE(QString::fromStdString(drawdown->distance), QStringLiteral("0.40% of equity"));
    QCOMPARE(int(drawdown->level), int(LimitUsage::Level::Warning));
    QVERIFY(drawdown->killTrigger);
    QVERIFY(snapshot->limits.size() >= 7);
    QCOMPARE(int(rig.core->recordedState()), int(TradingState::Active));
}

QTEST_GUILESS_MAIN(TestControls)
#include "tst_controls.moc"
