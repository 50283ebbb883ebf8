// The strategy-source seam: a strategy written here, outside engine/strategy/, trades through
// the real engine core as one more strategy: the risk gate checks it, the journal records
// it under its own key, it books into its own book, the console's rows show it by its name,
// and the operator's flatten and enable work on it. Its requests may come from another
// thread: they wait in its own queue, and its doorbell has the engine thread take them.

#include "api/Assembly.h"
#include "api/Config.h"
#include "api/StrategySource.h"
#include "runtime/EngineCore.h"
#include "store/JournalRecovery.h"
#include "store/JournalWriter.h"

#include "CoreRig.h"
#include "SqlFiles.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace vigil;
using namespace vigil::testing;

namespace {

constexpr SymbolId kAapl = 0;

/// Buys one share of the first symbol at its first quote, sells it at `sellAt`, and does
/// whatever it is asked to from any thread (a bot's requests over a socket, in miniature).
class OneShare final : public StrategySource {
public:
    explicit OneShare(SimTime sellAt, StrategyIdentity identity = {"one_share", "One share", "os", true})
        : m_identity(std::move(identity))
        , m_sellAt(sellAt)
    {}

    StrategyIdentity identity() const override { return m_identity; }
    bool trades(SymbolId symbol) const override { return symbol == kAapl; }
    void connect(StrategyDoorbell &doorbell) override { m_doorbell = &doorbell; }

    void onQuote(StrategyContext &ctx, SymbolId symbol, const Quote &quote) override
    {
        ++quotes;
        if (entry.id != 0 || entry.refusal != RejectReason::None)
            return;
        entry = ctx.submit(symbol, Side::Buy, OrderType::Limit, 1, quote.ask);
    }
    void onClock(StrategyContext &ctx) override
    {
        if (exit.id == 0 && ctx.now() >= m_sellAt && ctx.position(kAapl) > 0)
            exit = ctx.submit(kAapl, Side::Sell, OrderType::Market, ctx.position(kAapl));
    }
    void onOrderUpdate(StrategyContext &, const StrategyOrder &order) override
    {
        updates.push_back({order.id, order.status, std::string(order.clientOrderId)});
    }
    void onFill(StrategyContext &, const StrategyOrder &order, const StrategyFill &fill) override
    {
        fills.push_back({order.id, fill.qty, fill.price});
    }
    void poll(StrategyContext &ctx) override
    {
        std::vector<std::function<void(StrategyContext &)>> taken;
        {
            std::lock_guard lock(m_mutex);
            taken.swap(m_requests);
        }
        for (auto &request : taken)
            request(ctx);
    }

    /// Any thread: queues `request` for the engine thread and rings.
    void ask(std::function<void(StrategyContext &)> request)
    {
        {
            std::lock_guard lock(m_mutex);
            m_requests.push_back(std::move(request));
        }
        m_doorbell->ring();
    }

    struct Update {
        OrderId id;
        OrderStatus status;
        std::string clientOrderId;
    };
    struct Fill {
        OrderId id;
        Quantity qty;
        Price price;
    };
    Submission entry;
    Submission exit;
    int quotes = 0;
    std::vector<Update> updates;
    std::vector<Fill> fills;

private:
    StrategyIdentity m_identity;
    SimTime m_sellAt;
    StrategyDoorbell *m_doorbell = nullptr;
    std::mutex m_mutex;
    std::vector<std::function<void(StrategyContext &)>> m_requests;
};

/// The configuration's sources, then `extra`.
std::vector<std::unique_ptr<StrategySource>> lineupWith(const Config &config, std::unique_ptr<StrategySource> extra)
{
    std::vector<std::unique_ptr<StrategySource>> sources = makeStrategies(config);
    sources.push_back(std::move(extra));
    return sources;
}

const StrategyRow *rowOf(const Snapshot &s, const std::string &key)
{
    for (const StrategyRow &row : s.strategies)
        if (row.key == key)
            return &row;
    return nullptr;
}

} // namespace

class TestStrategySeam : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aSourceOfItsOwnTradesLikeABuiltIn();
    void theBooksFollowTheConfiguredStrategies();
    void sourcesThatCannotTradeSideBySideAreRefused();
};

void TestStrategySeam::aSourceOfItsOwnTradesLikeABuiltIn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.sqlite"));

    // Instead of the built-ins (disabled: their books stay, ids 0 and 1).
    Rig rig(roomyConfig());
    auto owned = std::make_unique<OneShare>(rig.session.open + 10 * kNsPerSecond);
    OneShare &bot = *owned;
    rig.core =
        std::make_unique<EngineCore>(rig.config, rig.session, rig.sink, lineupWith(rig.config, std::move(owned)));
    std::atomic<int> wakes{0};
    rig.core->setStrategyWake([&wakes] { ++wakes; });
    const StrategyId id = 2;
    QCOMPARE(rig.core->strategyKey(id), std::string("one_share"));
    QCOMPARE(int(rig.core->reconciliationBook()), 3);

    JournalNames names;
    names.symbols = rig.core->symbolNames();
    names.strategies = rig.core->strategyNamesById();
    names.sessionDate = rig.session.date.toIso();
    auto writer = std::make_unique<JournalWriter>(path, names);
    QVERIFY(writer->start().isEmpty());
    rig.core->setJournal(writer.get());
    VenueMessage open;
    open.kind = VenueMessage::Kind::SessionOpen;
    rig.deliver(open);

    // Its first quote: one share bought, through the risk gate, under its own code.
    rig.quote(kAapl, 10'000, 10'002);
    rig.quote(1, 20'000, 20'002); // a symbol it does not trade: not given to it
    QCOMPARE(bot.quotes, 1);
    QVERIFY(bot.entry.id != 0);
    QCOMPARE(rig.sink.count(EngineMessage::Kind::NewOrder), std::size_t(1));
    const EngineMessage sent = rig.sink.sent.back();
    QCOMPARE(QString::fromUtf8(sent.clientOrderIdView()), QStringLiteral("VG-20261120-os-000001"));
    QCOMPARE(sent.qty, Quantity(1));
    QCOMPARE(sent.limitPrice, Price::fromCents(10'002));
    rig.report(bot.entry.id, ExecType::Accepted);
    rig.report(bot.entry.id, ExecType::Fill, 1, 10'002);

    // Its fill and its order, told to it; the share in its own book.
    QCOMPARE(bot.fills.size(), std::size_t(1));
    QCOMPARE(bot.fills[0].qty, Quantity(1));
    QCOMPARE(bot.fills[0].price, Price::fromCents(10'002));
    QCOMPARE(int(bot.updates.back().status), int(OrderStatus::Filled));
    QCOMPARE(QString::fromStdString(bot.updates.back().clientOrderId), QStringLiteral("VG-20261120-os-000001"));
    const Portfolio &books = rig.core->portfolio();
    QCOMPARE(books.position(id, kAapl), Quantity(1));
    QCOMPARE(books.position(StrategyId(0), kAapl), Quantity(0));
    QCOMPARE(books.position(rig.core->reconciliationBook(), kAapl), Quantity(0));

    // The console's row, by its name.
    auto snapshot = rig.core->makeSnapshot(0);
    QCOMPARE(snapshot->strategies.size(), std::size_t(1));
    const StrategyRow *row = rowOf(*snapshot, "one_share");
    QVERIFY(row);
    QCOMPARE(QString::fromStdString(row->name), QStringLiteral("One share"));
    QVERIFY(row->intraday);
    QVERIFY(!row->stopped);
    QCOMPARE(row->openQty, Quantity(1));
    QCOMPARE(row->orders, std::uint64_t(1));
    QCOMPARE(row->fills, std::uint64_t(1));
    QCOMPARE(snapshot->strategyCurves.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(snapshot->strategyCurves[0].name), QStringLiteral("One share"));

    // At its time it sells.
    rig.clock(10);
    QVERIFY(bot.exit.id != 0);
    rig.report(bot.exit.id, ExecType::Fill, 1, 10'010);
    QCOMPARE(books.position(id, kAapl), Quantity(0));

    // Requests from another thread wait for the engine thread: the doorbell wakes it, and
    // the risk gate judges them there like any strategy's.
    Submission tooLarge, buy, foreign;
    bool cancelledOther = true;
    std::thread socket([&] {
        bot.ask([&](StrategyContext &ctx) {
            tooLarge = ctx.submit(kAapl, Side::Buy, OrderType::Limit, 1'000'000, Price::fromCents(10'002));
            buy = ctx.submit(kAapl, Side::Buy, OrderType::Limit, 2, Price::fromCents(10'002));
            foreign = ctx.submit(SymbolId(999), Side::Buy, OrderType::Market, 1);
            cancelledOther = ctx.cancel(OrderId(4242));
        });
    });
    socket.join();
    QCOMPARE(wakes.load(), 1);
    QVERIFY(rig.core->strategiesWaiting());
    QCOMPARE(buy.id, OrderId(0)); // nothing ran on the other thread
    rig.core->pollStrategies();
    QVERIFY(!rig.core->strategiesWaiting());
    QCOMPARE(tooLarge.id, OrderId(0));
    QCOMPARE(int(tooLarge.refusal), int(RejectReason::OrderQuantity));
    QVERIFY(buy.id != 0);
    QCOMPARE(int(foreign.refusal), int(RejectReason::UnknownSymbol));
    QVERIFY(!cancelledOther);
    rig.report(buy.id, ExecType::Fill, 2, 10'002);
    QCOMPARE(books.position(id, kAapl), Quantity(2));

    // The operator flattens it by its key: its position closed by the operator's order, and
    // it stays stopped until enabled.
    cmd::Flatten flatten;
    flatten.actor = "tester";
    flatten.reason = "test";
    flatten.scope = FlattenScope{FlattenScope::Kind::Strategy, "one_share"};
    const CommandResult flattened = rig.run(flatten);
    QVERIFY2(flattened.ok, flattened.message.c_str());
    const EngineMessage closing = rig.sink.sent.back();
    QCOMPARE(int(closing.side), int(Side::Sell));
    QCOMPARE(closing.qty, Quantity(2));
    QVERIFY(rig.core->orders().find(closing.orderId)->byOperator); // in its book, under its code
    QVERIFY(QString::fromUtf8(closing.clientOrderIdView()).contains(QStringLiteral("-os-")));
    rig.report(closing.orderId, ExecType::Fill, 2, 10'000);
    QCOMPARE(books.position(id, kAapl), Quantity(0));
    QVERIFY(rowOf(*rig.core->makeSnapshot(0), "one_share")->stopped);
    Submission whileStopped;
    bot.ask([&](StrategyContext &ctx) { whileStopped = ctx.submit(kAapl, Side::Buy, OrderType::Market, 1); });
    rig.core->pollStrategies();
    QCOMPARE(int(whileStopped.refusal), int(RejectReason::StrategyStopped));

    cmd::EnableStrategy enable;
    enable.actor = "tester";
    enable.reason = "test";
    enable.strategy = "one_share";
    QVERIFY(rig.run(enable).ok);
    QVERIFY(!rowOf(*rig.core->makeSnapshot(0), "one_share")->stopped);
    Submission again;
    bot.ask([&](StrategyContext &ctx) { again = ctx.submit(kAapl, Side::Buy, OrderType::Market, 1); });
    rig.core->pollStrategies();
    QVERIFY(again.id != 0);
    // It cancels its own working orders, and no one else's.
    const OrderId otherBook = rig.buy(kAapl, 1, 9'980, StrategyId(0));
    QVERIFY(otherBook != 0);
    Submission last;
    bool cancelledOwn = false, cancelledOtherBook = true;
    bot.ask([&](StrategyContext &ctx) {
        last = ctx.submit(kAapl, Side::Buy, OrderType::Limit, 1, Price::fromCents(9'990));
        cancelledOtherBook = ctx.cancel(otherBook);
        cancelledOwn = ctx.cancel(last.id);
    });
    rig.core->pollStrategies();
    QVERIFY(last.id != 0);
    QVERIFY(!cancelledOtherBook);
    QCOMPARE(int(rig.core->orders().find(otherBook)->status), int(OrderStatus::New));
    QVERIFY(cancelledOwn);
    QCOMPARE(int(rig.sink.sent.back().kind), int(EngineMessage::Kind::Cancel));
    QCOMPARE(rig.sink.sent.back().orderId, last.id);

    // The journal knows it by its key: its orders, its fills, the operator's controls of it.
    rig.core->flushJournal();
    writer->stop();
    QCOMPARE(rows(path, QStringLiteral("SELECT DISTINCT strategy FROM orders WHERE client_order_id LIKE '%-os-%'")),
             QStringList{QStringLiteral("one_share")});
    QCOMPARE(rows(path, QStringLiteral("SELECT strategy, qty FROM fills ORDER BY seq")),
             (QStringList{QStringLiteral("one_share|1"), QStringLiteral("one_share|1"), QStringLiteral("one_share|2"),
                          QStringLiteral("one_share|2")}));
    QCOMPARE(rows(path, QStringLiteral("SELECT strategy, stopped FROM strategy_controls ORDER BY seq")),
             (QStringList{QStringLiteral("one_share|1"), QStringLiteral("one_share|0")}));

    // And a restart with the same lineup takes its orders back into its book.
    RecoveryInput input;
    input.symbols = names.symbols;
    input.strategies = names.strategies;
    input.sessionDate = names.sessionDate;
    input.dayStart = rig.session.at(0, 0);
    input.dayEnd = input.dayStart + 24 * 60 * kNsPerMinute;
    input.startingCash = rig.config.broker.paper.startingCash;
    Recovery recovery;
    QCOMPARE(loadRecovery(path, input, recovery), QString());
    int mine = 0;
    for (const Order &o : recovery.orders)
        if (o.clientOrderId.find("-os-") != std::string::npos) {
            QCOMPARE(int(o.strategy), int(id));
            ++mine;
        }
    QCOMPARE(mine, 7); // its six and the operator's closing order in its book
}

void TestStrategySeam::theBooksFollowTheConfiguredStrategies()
{
    const SessionWindow session = sessionFor(Date{2026, 11, 20});
    Recorder sink;
    // The built-ins alone: the reconciliation's book keeps its id and its name, as journals
    // written before the seam have it.
    {
        EngineCore core(defaultConfig(), session, sink, makeStrategies(defaultConfig()));
        QCOMPARE(core.strategyNamesById(),
                 (std::vector<std::string>{"intraday_mean_reversion", "swing_momentum", "reconciliation"}));
        QCOMPARE(int(core.reconciliationBook()), 2);
        QCOMPARE(core.bookCount(), std::size_t(3));
    }
    // One more: its book after theirs, the reconciliation's after it.
    {
        EngineCore core(defaultConfig(), session, sink,
                        lineupWith(defaultConfig(), std::make_unique<OneShare>(session.close)));
        QCOMPARE(core.strategyNamesById(), (std::vector<std::string>{"intraday_mean_reversion", "swing_momentum",
                                                                     "one_share", "reconciliation"}));
        QCOMPARE(int(core.reconciliationBook()), 3);
        QCOMPARE(core.bookCount(), std::size_t(4));
        QCOMPARE(core.makeSnapshot(0)->strategies.size(), std::size_t(3));
    }
    // A disabled one keeps its place and its book, with no source.
    {
        EngineCore core(quietConfig(), session, sink,
                        lineupWith(quietConfig(), std::make_unique<OneShare>(session.close)));
        QCOMPARE(core.strategyNamesById(),
                 (std::vector<std::string>{"strategy-0", "strategy-1", "one_share", "reconciliation"}));
        QCOMPARE(core.makeSnapshot(0)->strategies.size(), std::size_t(1));
    }
}

void TestStrategySeam::sourcesThatCannotTradeSideBySideAreRefused()
{
    const SessionWindow session = sessionFor(Date{2026, 11, 20});
    Recorder sink;
    auto refusal = [&](StrategyIdentity identity) {
        try {
            EngineCore core(defaultConfig(), session, sink,
                            lineupWith(defaultConfig(), std::make_unique<OneShare>(session.close, identity)));
        } catch (const std::invalid_argument &e) {
            return QString::fromUtf8(e.what());
        }
        return QString();
    };
    QCOMPARE(refusal({"copycat", "Copycat", "mr", false}),
             QStringLiteral("strategy 3 ('copycat') cannot trade: the code 'mr' is taken by intraday_mean_reversion"));
    QCOMPARE(refusal({"swing_momentum", "Again", "sm", false}),
             QStringLiteral("strategy 3 ('swing_momentum') cannot trade: the key 'swing_momentum' is taken by "
                            "swing_momentum"));
    QCOMPARE(refusal({"recon", "Recon", "rc", false}),
             QStringLiteral("strategy 3 ('recon') cannot trade: the code 'rc' is reserved"));
    QCOMPARE(refusal({"reconciliation", "Recon", "re", false}),
             QStringLiteral("strategy 3 ('reconciliation') cannot trade: the key 'reconciliation' is reserved"));
    QCOMPARE(refusal({"bot", "Bot", "b-1", false}),
             QStringLiteral("strategy 3 ('bot') cannot trade: its code 'b-1' must be two or three lower-case letters "
                            "or digits"));
    QCOMPARE(refusal({"My Bot", "Bot", "mb", false}),
             QStringLiteral("strategy 3 ('My Bot') cannot trade: its key must be lower-case letters, digits and '_'"));
    QCOMPARE(refusal({"bot", "", "bt", false}),
             QStringLiteral("strategy 3 ('bot') cannot trade: it has no display name"));
    QCOMPARE(refusal({"bot", "Bot", "bt", false}), QString());
}

QTEST_GUILESS_MAIN(TestStrategySeam)
#include "tst_strategy_seam.moc"
