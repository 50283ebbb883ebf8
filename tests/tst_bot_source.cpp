// The gateway's engine side: configured bots trade inside the real engine on the simulator
// as strategies of their own. The test's thread plays the gateway's network thread: it
// hands requests to the hub and runs what the engine posts back (answers, trade updates,
// the market's ticks). Per-bot limits, the trading state, the kill switch, two bots side by
// side, and a restart that keeps each order's client_order_id.

#include "api/Config.h"
#include "api/Engine.h"
#include "gateway/BotSource.h"
#include "gateway/GatewayHub.h"

#include "SqlFiles.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

using namespace vigil;
using namespace vigil::gateway;
using namespace vigil::testing;

namespace {

constexpr int kA = 0; // bot "alpha"
constexpr int kB = 1; // bot "beta"

Config botConfig()
{
    Config c = defaultConfig();
    c.strategies.intraday.enabled = false; // only the bots trade
    c.strategies.swing.enabled = false;
    c.risk.maxOpenOrders = 10'000;
    c.risk.maxOrdersPerSecond = 10'000;
    c.risk.duplicateWindowMs = 0;
    c.risk.maxGrossExposurePct = 1000;
    c.risk.maxOrderQty = 5'000;
    return c;
}

BotConfig bot(std::string name, std::string code)
{
    BotConfig b;
    b.name = std::move(name);
    b.displayName = "Bot " + b.name;
    b.code = std::move(code);
    b.buyingPower = Money::fromDollars(200'000);
    b.maxPositionNotional = Money::fromDollars(150'000);
    b.maxOrderQty = 500;
    return b;
}

std::vector<std::string> universe(const Config &config)
{
    std::vector<std::string> names;
    for (const SymbolSpec &s : config.simulator.symbols)
        names.push_back(s.symbol);
    return names;
}

RunOptions day(double speed)
{
    RunOptions o;
    o.seed = 11;
    o.sessionDate = Date{2026, 11, 20};
    o.speed = speed;
    o.snapshotIntervalMs = 20;
    return o;
}

SubmitOrder market(std::string symbol, Side side, Quantity qty, std::string clientOrderId = {})
{
    SubmitOrder s;
    s.symbol = std::move(symbol);
    s.side = side;
    s.qty = qty;
    s.clientOrderId = std::move(clientOrderId);
    return s;
}

SubmitOrder limit(std::string symbol, Side side, Quantity qty, Price price, std::string clientOrderId = {})
{
    SubmitOrder s = market(std::move(symbol), side, qty, std::move(clientOrderId));
    s.type = OrderType::Limit;
    s.limitPrice = price;
    return s;
}

/// The gateway's network thread, played by the test's: what the engine posts waits here
/// until the test runs it.
class NetworkThread {
public:
    Poster poster()
    {
        return [this](std::function<void()> work) {
            std::lock_guard lock(m_mutex);
            m_work.push_back(std::move(work));
        };
    }
    void runPending()
    {
        std::deque<std::function<void()>> taken;
        {
            std::lock_guard lock(m_mutex);
            taken.swap(m_work);
        }
        for (auto &work : taken)
            work();
    }

private:
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_work;
};

/// Bots `bots` in a real engine on the simulator (a data directory when `dir` is given).
struct BotRig {
    BotRig(const Config &config, std::vector<BotConfig> bots, double speed, const QString &dir = {})
        : hub(std::move(bots), universe(config))
        , updates(hub.bots().size())
    {
        hub.setPoster(network.poster());
        hub.setTradeUpdateSink(
            [this](int b, const TradeUpdate &u) { updates[static_cast<std::size_t>(b)].push_back(u); });
        hub.setTickSink([this] {
            ++tickPokes;
            hub.drainTicks(ticks);
        });
        EngineExtensions extensions;
        extensions.sources = hub.takeSources();
        extensions.marketTap = &hub.marketTap();
        engine = std::make_unique<Engine>(config, day(speed), std::move(extensions));
        if (!dir.isEmpty()) {
            opened = engine->openBroker(dir.toStdString() + "/paper-broker.sqlite");
            if (opened.empty())
                opened = engine->openJournal(dir.toStdString() + "/journal.sqlite");
        }
    }
    ~BotRig()
    {
        engine->stop();
        network.runPending();
    }

    /// Runs the network thread's work until `done` holds (false after `ms`).
    template<typename Done> bool until(Done done, int ms = 10'000)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < deadline) {
            network.runPending();
            if (done())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return false;
    }
    BotReply ask(int b, BotRequest request)
    {
        std::optional<BotReply> answer;
        hub.request(b, std::move(request), [&answer](BotReply r) { answer = std::move(r); });
        if (!until([&] { return answer.has_value(); }))
            return ApiError{0, 0, "no answer", {}};
        return *answer;
    }
    bool open()
    {
        return until(
            [this] { return engine->snapshot()->phase == SessionPhase::Open && engine->snapshot()->events > 50; });
    }
    /// The first trade update of bot `b` for `uuid` with `event`, once it came.
    const TradeUpdate *waitUpdate(int b, const std::string &uuid, TradeEvent event)
    {
        const TradeUpdate *found = nullptr;
        until([&] {
            for (const TradeUpdate &u : updates[static_cast<std::size_t>(b)])
                if (u.order.uuid == uuid && u.event == event) {
                    found = &u;
                    return true;
                }
            return false;
        });
        return found;
    }
    CommandResult command(Command c)
    {
        std::optional<CommandResult> result;
        std::mutex m;
        engine->command(std::move(c), [&](const CommandResult &r) {
            std::lock_guard lock(m);
            result = r;
        });
        until([&] {
            std::lock_guard lock(m);
            return result.has_value();
        });
        std::lock_guard lock(m);
        return result.value_or(CommandResult{});
    }

    NetworkThread network;
    GatewayHub hub;
    std::vector<std::vector<TradeUpdate>> updates;
    std::vector<MarketTick> ticks;
    int tickPokes = 0;
    std::unique_ptr<Engine> engine;
    std::string opened;
};

/// The answer as a `T`, if it is one (a copy: answers are temporaries).
template<typename T> std::optional<T> as(const BotReply &r)
{
    if (const T *value = std::get_if<T>(&r))
        return *value;
    return std::nullopt;
}

QString describe(const BotReply &r)
{
    if (const auto e = as<ApiError>(r)) {
        QString text =
            QStringLiteral("%1 %2 %3").arg(e->httpStatus).arg(e->code).arg(QString::fromStdString(e->message));
        for (const auto &[k, v] : e->context)
            text += QStringLiteral(" %1=%2").arg(QString::fromStdString(k), QString::fromStdString(v));
        return text;
    }
    return QStringLiteral("variant %1").arg(r.index());
}

std::string contextOf(const ApiError &e, const std::string &key)
{
    for (const auto &[k, v] : e.context)
        if (k == key)
            return v;
    return {};
}

Command pauseCommand()
{
    cmd::Pause p;
    p.actor = "tester";
    p.reason = "test";
    return p;
}

} // namespace

class TestBotSource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void answersBeforeTheEngineRunsWith503();
    void aFinishedEngineAnswers503();
    void ordersPositionsAndTheAccountOfOneBot();
    void theBotsOwnLimitsAndAReusedClientOrderIdAreRefused();
    void aWorkingOrderHoldsBuyingPowerUntilItIsFinal();
    void pausedIsReduceOnlyForABot();
    void aKillCancelsAndFlattensTheBotOnItsStream();
    void twoBotsNeverSeeEachOther();
    void aRestartKeepsTheBotsClientOrderIds();
};

void TestBotSource::answersBeforeTheEngineRunsWith503()
{
    const Config config = botConfig();
    GatewayHub hub({bot("alpha", "al")}, universe(config));
    std::optional<BotReply> answer;
    hub.request(0, GetAccount{}, [&answer](BotReply r) { answer = std::move(r); });
    QVERIFY(answer);
    QCOMPARE(as<ApiError>(*answer)->httpStatus, 503);
    // An engine with the bot that has not started: nothing would poll it.
    NetworkThread network;
    hub.setPoster(network.poster());
    EngineExtensions extensions;
    extensions.sources = hub.takeSources();
    {
        Engine engine(config, day(60), std::move(extensions));
        std::optional<BotReply> queued;
        hub.request(0, GetClock{}, [&queued](BotReply r) { queued = std::move(r); });
        QVERIFY(!queued); // waits for the engine thread
    }                     // the engine goes, and with it the bot: what waited is answered
    network.runPending();
    answer.reset();
    hub.request(0, GetAccount{}, [&answer](BotReply r) { answer = std::move(r); });
    QCOMPARE(as<ApiError>(*answer)->httpStatus, 503);
}

void TestBotSource::aFinishedEngineAnswers503()
{
    BotRig rig(botConfig(), {bot("alpha", "al")}, 0); // the whole day, flat out
    rig.engine->start();
    rig.engine->waitFinished();
    std::optional<BotReply> waiting;
    rig.hub.request(kA, GetClock{}, [&waiting](BotReply r) { waiting = std::move(r); });
    QVERIFY(!rig.until([&] { return waiting.has_value(); }, 200)); // nothing polls the bot any more
    rig.hub.engineStopped();
    QVERIFY(rig.until([&] { return waiting.has_value(); }));
    QCOMPARE(as<ApiError>(*waiting)->httpStatus, 503);
    QCOMPARE(as<ApiError>(rig.ask(kA, GetAccount{}))->httpStatus, 503);
}

void TestBotSource::ordersPositionsAndTheAccountOfOneBot()
{
    const Config config = botConfig();
    BotRig rig(config, {bot("alpha", "al")}, 60);
    rig.engine->start();
    QVERIFY(rig.open());

    // The venue's universe and the session's clock.
    const auto assets = as<std::vector<AssetView>>(rig.ask(kA, GetAssets{}));
    QVERIFY(assets);
    QCOMPARE(assets->size(), config.simulator.symbols.size());
    QCOMPARE(as<ApiError>(rig.ask(kA, GetAsset{"NOPE"}))->httpStatus, 404);
    const auto clock = as<ClockView>(rig.ask(kA, GetClock{}));
    QVERIFY(clock && clock->isOpen);
    QCOMPARE(clock->nextClose, sessionFor(Date{2026, 11, 20}).close);

    // A market buy: answered with the order, then `new` and `fill` on its stream.
    const BotReply bought = rig.ask(kA, market("AAPL", Side::Buy, 10, "my-buy-1"));
    const auto buy = as<BotOrder>(bought);
    QVERIFY2(buy, qPrintable(describe(bought)));
    QCOMPARE(buy->clientOrderId, std::string("my-buy-1"));
    QCOMPARE(buy->uuid.size(), std::size_t(36));
    QCOMPARE(int(buy->status), int(OrderStatus::New));
    QVERIFY(rig.waitUpdate(kA, buy->uuid, TradeEvent::New));
    const TradeUpdate *fill = rig.waitUpdate(kA, buy->uuid, TradeEvent::Fill);
    QVERIFY(fill);
    QCOMPARE(fill->qty, Quantity(10));
    QCOMPARE(fill->positionQty, Quantity(10));
    QVERIFY(!fill->executionId.empty());
    QVERIFY(fill->price.raw() > 0);
    QCOMPARE(fill->order.filledQty, Quantity(10));

    // Its position and the account it sees.
    const auto position = as<BotPosition>(rig.ask(kA, GetPosition{"AAPL"}));
    QVERIFY(position);
    QCOMPARE(position->qty, Quantity(10));
    QCOMPARE(position->avgEntryPrice, fill->price);
    QCOMPARE(as<ApiError>(rig.ask(kA, GetPosition{"MSFT"}))->httpStatus, 404);
    QCOMPARE(as<ApiError>(rig.ask(kA, GetPosition{"MSFT"}))->message, std::string("position does not exist"));
    const auto account = as<BotAccount>(rig.ask(kA, GetAccount{}));
    QVERIFY(account);
    QCOMPARE(account->botName, std::string("alpha"));
    QCOMPARE(account->cash, Money::fromDollars(200'000) - notional(fill->price, 10));
    QCOMPARE(account->buyingPower, Money::fromDollars(200'000) - notional(fill->price, 10));
    QVERIFY(account->longMarketValue.raw() > 0);
    QVERIFY(!account->tradingBlocked);

    // A limit far below the market works; it is listed open, found by its ids, and cancelled.
    const auto working = as<BotOrder>(rig.ask(kA, limit("AAPL", Side::Buy, 5, Price::fromCents(22'000), "low-bid")));
    QVERIFY(working);
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::New));
    ListOrders open;
    const auto listed = as<std::vector<BotOrder>>(rig.ask(kA, open));
    QVERIFY(listed);
    QCOMPARE(listed->size(), std::size_t(1));
    QCOMPARE(listed->front().uuid, working->uuid);
    ListOrders all;
    all.status = ListOrders::Status::All;
    all.ascending = true;
    const auto everything = as<std::vector<BotOrder>>(rig.ask(kA, all));
    QCOMPARE(everything->size(), std::size_t(2));
    QCOMPARE(everything->front().clientOrderId, std::string("my-buy-1"));
    all.side = Side::Sell;
    QCOMPARE(as<std::vector<BotOrder>>(rig.ask(kA, all))->size(), std::size_t(0));
    QCOMPARE(as<BotOrder>(rig.ask(kA, GetOrderByClientId{"low-bid"}))->uuid, working->uuid);
    QCOMPARE(as<BotOrder>(rig.ask(kA, GetOrder{working->uuid}))->clientOrderId, std::string("low-bid"));
    QCOMPARE(as<ApiError>(rig.ask(kA, GetOrder{"00000000-0000-0000-0000-000000000000"}))->httpStatus, 404);
    QVERIFY(as<NoContent>(rig.ask(kA, CancelOrder{working->uuid})));
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::PendingCancel));
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::Canceled));
    QCOMPARE(as<std::vector<BotOrder>>(rig.ask(kA, open))->size(), std::size_t(0));

    // ioc: what the first report leaves working is cancelled.
    SubmitOrder ioc = limit("AAPL", Side::Buy, 3, Price::fromCents(22'000));
    ioc.timeInForce = TimeInForce::Ioc;
    const auto iocOrder = as<BotOrder>(rig.ask(kA, ioc));
    QVERIFY(iocOrder);
    QCOMPARE(iocOrder->clientOrderId, iocOrder->uuid); // none given: Alpaca makes one up too
    QVERIFY(rig.waitUpdate(kA, iocOrder->uuid, TradeEvent::Canceled));

    // Two limits to cancel at once (207 items), then every position closed (207 items).
    const auto w1 = as<BotOrder>(rig.ask(kA, limit("MSFT", Side::Buy, 1, Price::fromCents(40'500))));
    const auto w2 = as<BotOrder>(rig.ask(kA, limit("NVDA", Side::Buy, 1, Price::fromCents(13'200))));
    QVERIFY(w1 && w2);
    QVERIFY(rig.waitUpdate(kA, w2->uuid, TradeEvent::New));
    const auto cancelled = as<std::vector<BulkItem>>(rig.ask(kA, CancelAllOrders{}));
    QVERIFY(cancelled);
    QCOMPARE(cancelled->size(), std::size_t(2));
    for (const BulkItem &item : *cancelled)
        QCOMPARE(item.status, 200);
    QVERIFY(rig.waitUpdate(kA, w1->uuid, TradeEvent::Canceled));
    QVERIFY(rig.waitUpdate(kA, w2->uuid, TradeEvent::Canceled));

    const auto more = as<BotOrder>(rig.ask(kA, market("MSFT", Side::Buy, 4)));
    QVERIFY(more);
    QVERIFY(rig.waitUpdate(kA, more->uuid, TradeEvent::Fill));
    // Part of one position, then all of them.
    ClosePosition part;
    part.symbol = "AAPL";
    part.qty = 4;
    const auto partClose = as<BotOrder>(rig.ask(kA, part));
    QVERIFY(partClose);
    QCOMPARE(int(partClose->side), int(Side::Sell));
    QCOMPARE(partClose->qty, Quantity(4));
    QVERIFY(rig.waitUpdate(kA, partClose->uuid, TradeEvent::Fill));
    // Shares a working sell holds are not available: closing the whole position beside it
    // is refused as Alpaca refuses it (a close repeated while the first works closes nothing
    // twice).
    const auto resting = as<BotOrder>(rig.ask(kA, limit("AAPL", Side::Sell, 1, Price::fromCents(23'500))));
    QVERIFY(resting);
    QVERIFY(rig.waitUpdate(kA, resting->uuid, TradeEvent::New));
    ClosePosition whole;
    whole.symbol = "AAPL";
    const auto heldForOrders = as<ApiError>(rig.ask(kA, whole));
    QVERIFY(heldForOrders);
    QCOMPARE(heldForOrders->httpStatus, 403);
    QVERIFY2(heldForOrders->message.find("insufficient qty available") != std::string::npos,
             heldForOrders->message.c_str());
    QVERIFY(std::find(heldForOrders->context.begin(), heldForOrders->context.end(),
                      std::pair<std::string, std::string>{"held_for_orders", "1"})
            != heldForOrders->context.end());
    QVERIFY(as<NoContent>(rig.ask(kA, CancelOrder{resting->uuid})));
    QVERIFY(rig.waitUpdate(kA, resting->uuid, TradeEvent::Canceled));
    part.qty = 100;
    QCOMPARE(as<ApiError>(rig.ask(kA, part))->httpStatus, 403);
    const auto closedAll = as<std::vector<BulkItem>>(rig.ask(kA, CloseAllPositions{}));
    QVERIFY(closedAll);
    QCOMPARE(closedAll->size(), std::size_t(2));
    for (const BulkItem &item : *closedAll) {
        QCOMPARE(item.status, 200);
        QVERIFY(rig.waitUpdate(kA, std::get<BotOrder>(item.body).uuid, TradeEvent::Fill));
    }
    QVERIFY(as<std::vector<BotPosition>>(rig.ask(kA, GetPositions{}))->empty());
    QCOMPARE(as<BotAccount>(rig.ask(kA, GetAccount{}))->buyingPower, Money::fromDollars(200'000));
    // Flat again: its cash and equity are where it started plus what its trades made or lost
    // (net of fees), as the console's strategies dock shows it.
    Money realized;
    QVERIFY(rig.until([&] {
        for (const StrategyRow &row : rig.engine->snapshot()->strategies)
            if (row.key == "alpha" && row.openQty == 0 && row.fills >= 5)
                realized = row.realizedPnl;
        return realized.raw() != 0;
    }));
    const auto flatAccount = as<BotAccount>(rig.ask(kA, GetAccount{}));
    QCOMPARE(flatAccount->cash, Money::fromDollars(200'000) + realized);
    QCOMPARE(flatAccount->equity, flatAccount->cash);
    QCOMPARE(flatAccount->lastEquity, Money::fromDollars(200'000));

    // The market it sees: the latest quote, trade and minute bar, and ticks for the stream,
    // the network thread poked once a batch rather than once a tick.
    QVERIFY(rig.until([&] { return rig.ticks.size() > 100; }));
    const auto quotes = as<std::vector<LatestQuote>>(rig.ask(kA, GetLatestQuotes{{"AAPL", "NOPE"}}));
    QCOMPARE(quotes->size(), std::size_t(1));
    QVERIFY(quotes->front().bid.raw() > 0 && quotes->front().ask > quotes->front().bid);
    QVERIFY(rig.until([&] { return !as<std::vector<LatestTrade>>(rig.ask(kA, GetLatestTrades{{"AAPL"}}))->empty(); }));
    const auto bars = as<std::vector<LatestBar>>(rig.ask(kA, GetLatestBars{{"AAPL"}}));
    QCOMPARE(bars->size(), std::size_t(1));
    QVERIFY(bars->front().volume > 0 && bars->front().low <= bars->front().high);
    QVERIFY(rig.tickPokes < static_cast<int>(rig.ticks.size()));
    QCOMPARE(rig.hub.droppedTicks(), std::uint64_t(0));

    // The console knows it as a strategy, by its name.
    QVERIFY(rig.until([&] {
        for (const StrategyRow &row : rig.engine->snapshot()->strategies)
            if (row.key == "alpha" && row.name == "Bot alpha" && row.fills >= 5)
                return true;
        return false;
    }));
}

void TestBotSource::theBotsOwnLimitsAndAReusedClientOrderIdAreRefused()
{
    Config config = botConfig();
    BotConfig small = bot("alpha", "al");
    small.buyingPower = Money::fromDollars(5'000);
    small.maxPositionNotional = Money::fromDollars(3'000);
    small.maxOrderQty = 50;
    BotRig rig(config, {small}, 60);
    rig.engine->start();
    QVERIFY(rig.open());

    // AAPL is near 228: 30 shares cost about 6,850, more than its 5,000.
    BotReply r = rig.ask(kA, market("AAPL", Side::Buy, 30));
    const std::optional<ApiError> e = as<ApiError>(r);
    QVERIFY2(e, qPrintable(describe(r)));
    QCOMPARE(e->httpStatus, 403);
    QCOMPARE(e->code, 40310000);
    QCOMPARE(e->message, std::string("insufficient buying power"));
    QCOMPARE(contextOf(*e, "buying_power"), std::string("5000.00"));
    QVERIFY(Money::parse(contextOf(*e, "cost_basis")).value() > Money::fromDollars(6'000));
    // 20 shares fit the buying power but not the position limit.
    r = rig.ask(kA, market("AAPL", Side::Buy, 20));
    QVERIFY2(as<ApiError>(r) && as<ApiError>(r)->httpStatus == 403, qPrintable(describe(r)));
    QCOMPARE(contextOf(*as<ApiError>(r), "max_position_notional"), std::string("3000.00"));
    r = rig.ask(kA, market("AAPL", Side::Buy, 60));
    QVERIFY2(as<ApiError>(r) && as<ApiError>(r)->httpStatus == 403, qPrintable(describe(r)));
    QCOMPARE(contextOf(*as<ApiError>(r), "max_order_qty"), std::string("50"));
    // The engine's own pre-trade check, by name: a limit far from the mid.
    r = rig.ask(kA, limit("AAPL", Side::Buy, 1, Price::fromCents(2'000)));
    QVERIFY2(as<ApiError>(r) && as<ApiError>(r)->httpStatus == 422, qPrintable(describe(r)));
    QCOMPARE(contextOf(*as<ApiError>(r), "check"), std::string("price collar"));
    QVERIFY(contextOf(*as<ApiError>(r), "detail").find("from the mid") != std::string::npos);

    // Nothing of those exists for the bot; one that fits passes; its id cannot come again.
    r = rig.ask(kA, market("AAPL", Side::Buy, 10, "once"));
    QVERIFY2(as<BotOrder>(r), qPrintable(describe(r)));
    r = rig.ask(kA, market("AAPL", Side::Buy, 1, "once"));
    QVERIFY2(as<ApiError>(r), qPrintable(describe(r)));
    QCOMPARE(as<ApiError>(r)->httpStatus, 422);
    QCOMPARE(as<ApiError>(r)->code, 40010001);
    QCOMPARE(as<ApiError>(r)->message, std::string("client_order_id must be unique"));
    ListOrders all;
    all.status = ListOrders::Status::All;
    QCOMPARE(as<std::vector<BotOrder>>(rig.ask(kA, all))->size(), std::size_t(1));
}

void TestBotSource::aWorkingOrderHoldsBuyingPowerUntilItIsFinal()
{
    Config config = botConfig();
    BotConfig small = bot("alpha", "al");
    small.buyingPower = Money::fromDollars(5'000);
    BotRig rig(config, {small}, 60);
    rig.engine->start();
    QVERIFY(rig.open());

    // 20 at 220 (4,400) works below the market (near 228) and holds that much of its 5,000.
    const auto working = as<BotOrder>(rig.ask(kA, limit("AAPL", Side::Buy, 20, Price::fromCents(22'000))));
    QVERIFY(working);
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::New));
    BotReply r = rig.ask(kA, limit("AAPL", Side::Buy, 5, Price::fromCents(22'000)));
    QVERIFY2(as<ApiError>(r), qPrintable(describe(r)));
    QCOMPARE(as<ApiError>(r)->message, std::string("insufficient buying power"));
    QCOMPARE(contextOf(*as<ApiError>(r), "buying_power"), std::string("600.00"));
    // Cancelled, it holds nothing: the same order passes.
    QVERIFY(as<NoContent>(rig.ask(kA, CancelOrder{working->uuid})));
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::Canceled));
    r = rig.ask(kA, limit("AAPL", Side::Buy, 5, Price::fromCents(22'000)));
    QVERIFY2(as<BotOrder>(r), qPrintable(describe(r)));
}

void TestBotSource::pausedIsReduceOnlyForABot()
{
    BotRig rig(botConfig(), {bot("alpha", "al")}, 60);
    rig.engine->start();
    QVERIFY(rig.open());
    const auto bought = as<BotOrder>(rig.ask(kA, market("AAPL", Side::Buy, 10)));
    QVERIFY(bought);
    QVERIFY(rig.waitUpdate(kA, bought->uuid, TradeEvent::Fill));

    QVERIFY(rig.command(pauseCommand()).ok);
    BotReply r = rig.ask(kA, market("AAPL", Side::Buy, 1));
    QVERIFY2(as<ApiError>(r), qPrintable(describe(r)));
    QCOMPARE(as<ApiError>(r)->httpStatus, 403);
    QVERIFY2(as<ApiError>(r)->message.rfind("account is reduce-only", 0) == 0, qPrintable(describe(r)));
    QVERIFY(!as<BotAccount>(rig.ask(kA, GetAccount{}))->tradingBlocked); // paused still lets it exit
    r = rig.ask(kA, market("AAPL", Side::Sell, 4));
    QVERIFY2(as<BotOrder>(r), qPrintable(describe(r)));
    QVERIFY(rig.waitUpdate(kA, as<BotOrder>(r)->uuid, TradeEvent::Fill));
    QCOMPARE(as<BotPosition>(rig.ask(kA, GetPosition{"AAPL"}))->qty, Quantity(6));

    cmd::Halt halt;
    halt.actor = "tester";
    halt.reason = "test";
    QVERIFY(rig.command(halt).ok);
    r = rig.ask(kA, market("AAPL", Side::Sell, 1));
    QVERIFY2(as<ApiError>(r) && as<ApiError>(r)->message.find("trading is blocked") != std::string::npos,
             qPrintable(describe(r)));
    QVERIFY(as<BotAccount>(rig.ask(kA, GetAccount{}))->tradingBlocked);
}

void TestBotSource::aKillCancelsAndFlattensTheBotOnItsStream()
{
    QTemporaryDir dir;
    BotRig rig(botConfig(), {bot("alpha", "al")}, 60, dir.path());
    QCOMPARE(rig.opened, std::string());
    rig.engine->start();
    QVERIFY(rig.open());
    const auto bought = as<BotOrder>(rig.ask(kA, market("AAPL", Side::Buy, 10)));
    QVERIFY(bought);
    QVERIFY(rig.waitUpdate(kA, bought->uuid, TradeEvent::Fill));
    const auto working = as<BotOrder>(rig.ask(kA, limit("MSFT", Side::Buy, 2, Price::fromCents(40'000))));
    QVERIFY(working);
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::New));

    cmd::Kill kill;
    kill.actor = "tester";
    kill.reason = "test";
    QVERIFY(rig.command(kill).ok);
    // Its working order cancelled, its position closed by the operator's order in its book:
    // the bot hears both.
    QVERIFY(rig.waitUpdate(kA, working->uuid, TradeEvent::Canceled));
    const TradeUpdate *flattening = nullptr;
    QVERIFY(rig.until([&] {
        for (const TradeUpdate &u : rig.updates[kA])
            if (u.event == TradeEvent::Fill && u.order.symbol == "AAPL" && u.order.side == Side::Sell) {
                flattening = &u;
                return true;
            }
        return false;
    }));
    QCOMPARE(flattening->qty, Quantity(10));
    QCOMPARE(flattening->positionQty, Quantity(0));
    QVERIFY(as<std::vector<BotPosition>>(rig.ask(kA, GetPositions{}))->empty());
    QCOMPARE(as<BotOrder>(rig.ask(kA, GetOrder{flattening->order.uuid}))->qty, Quantity(10));
    const auto account = as<BotAccount>(rig.ask(kA, GetAccount{}));
    QVERIFY(account->tradingBlocked);
    BotReply r = rig.ask(kA, market("AAPL", Side::Buy, 1));
    QVERIFY2(as<ApiError>(r) && as<ApiError>(r)->message.find("trading is blocked") != std::string::npos,
             qPrintable(describe(r)));
    // The bot cannot cancel the operator's order.
    QCOMPARE(as<ApiError>(rig.ask(kA, CancelOrder{flattening->order.uuid}))->httpStatus, 403);

    // Every order in its book is journaled under its key.
    rig.engine->stop();
    const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
    QCOMPARE(rows(journal, QStringLiteral("SELECT DISTINCT strategy FROM orders")),
             QStringList{QStringLiteral("alpha")});
    QCOMPARE(rows(journal, QStringLiteral("SELECT origin, side, qty FROM orders ORDER BY order_number")),
             (QStringList{QStringLiteral("strategy|buy|10"), QStringLiteral("strategy|buy|2"),
                          QStringLiteral("operator|sell|10")}));
    QCOMPARE(rows(journal, QStringLiteral("SELECT DISTINCT strategy FROM fills")),
             QStringList{QStringLiteral("alpha")});
    // The audit trail names the flatten's order by its client order id, under the bot's code.
    const QStringList audited =
        rows(journal, QStringLiteral("SELECT detail FROM audit WHERE action = 'operator order'"));
    QCOMPARE(audited.size(), 1);
    QVERIFY2(audited.front().contains(QStringLiteral("-al-"))
                 && audited.front().contains(QStringLiteral("sell 10 AAPL")),
             qPrintable(audited.front()));
}

void TestBotSource::twoBotsNeverSeeEachOther()
{
    BotRig rig(botConfig(), {bot("alpha", "al"), bot("beta", "be")}, 60);
    rig.engine->start();
    QVERIFY(rig.open());
    const auto a = as<BotOrder>(rig.ask(kA, market("AAPL", Side::Buy, 10, "same-id")));
    QVERIFY(a);
    QVERIFY(rig.waitUpdate(kA, a->uuid, TradeEvent::Fill));
    const auto aWorking = as<BotOrder>(rig.ask(kA, limit("MSFT", Side::Buy, 1, Price::fromCents(40'000))));
    QVERIFY(aWorking);
    // The same client_order_id is another bot's own.
    const BotReply bReply = rig.ask(kB, market("MSFT", Side::Buy, 3, "same-id"));
    const auto b = as<BotOrder>(bReply);
    QVERIFY2(b, qPrintable(describe(bReply)));
    QVERIFY(b->uuid != a->uuid);
    QVERIFY(rig.waitUpdate(kB, b->uuid, TradeEvent::Fill));

    const auto bPositions = as<std::vector<BotPosition>>(rig.ask(kB, GetPositions{}));
    QCOMPARE(bPositions->size(), std::size_t(1));
    QCOMPARE(bPositions->front().symbol, std::string("MSFT"));
    QCOMPARE(bPositions->front().qty, Quantity(3));
    QCOMPARE(as<ApiError>(rig.ask(kB, GetPosition{"AAPL"}))->httpStatus, 404);
    ListOrders all;
    all.status = ListOrders::Status::All;
    QCOMPARE(as<std::vector<BotOrder>>(rig.ask(kB, all))->size(), std::size_t(1));
    QCOMPARE(as<std::vector<BotOrder>>(rig.ask(kA, all))->size(), std::size_t(2));
    QCOMPARE(as<ApiError>(rig.ask(kB, GetOrder{a->uuid}))->httpStatus, 404);
    QCOMPARE(as<ApiError>(rig.ask(kB, CancelOrder{aWorking->uuid}))->httpStatus, 404);
    QCOMPARE(as<BotOrder>(rig.ask(kB, GetOrderByClientId{"same-id"}))->uuid, b->uuid);
    // B closing all its positions and cancelling its orders leaves A's alone.
    CloseAllPositions closeAll;
    closeAll.cancelOrders = true;
    QCOMPARE(as<std::vector<BulkItem>>(rig.ask(kB, closeAll))->size(), std::size_t(1));
    QVERIFY(rig.until([&] { return as<std::vector<BotPosition>>(rig.ask(kB, GetPositions{}))->empty(); }));
    QCOMPARE(as<BotPosition>(rig.ask(kA, GetPosition{"AAPL"}))->qty, Quantity(10));
    QCOMPARE(int(as<BotOrder>(rig.ask(kA, GetOrder{aWorking->uuid}))->status), int(OrderStatus::Accepted));
    // No trade update of one reaches the other.
    for (const TradeUpdate &u : rig.updates[kB])
        QCOMPARE(u.order.symbol, std::string("MSFT"));
    for (const TradeUpdate &u : rig.updates[kA])
        QVERIFY(u.order.uuid != b->uuid);

    // Flattening one by its key, as the console does, touches only it.
    cmd::Flatten flatten;
    flatten.actor = "tester";
    flatten.reason = "test";
    flatten.scope = FlattenScope{FlattenScope::Kind::Strategy, "alpha"};
    QVERIFY(rig.command(flatten).ok);
    QVERIFY(rig.until([&] { return as<std::vector<BotPosition>>(rig.ask(kA, GetPositions{}))->empty(); }));
    QVERIFY(as<BotAccount>(rig.ask(kA, GetAccount{}))->tradingBlocked); // stopped until enabled
    QVERIFY(!as<BotAccount>(rig.ask(kB, GetAccount{}))->tradingBlocked);
    cmd::EnableStrategy enable;
    enable.actor = "tester";
    enable.reason = "test";
    enable.strategy = "alpha";
    QVERIFY(rig.command(enable).ok);
    QVERIFY(!as<BotAccount>(rig.ask(kA, GetAccount{}))->tradingBlocked);
}

void TestBotSource::aRestartKeepsTheBotsClientOrderIds()
{
    QTemporaryDir dir;
    std::string filledUuid, workingUuid;
    {
        BotRig rig(botConfig(), {bot("alpha", "al")}, 60, dir.path());
        QCOMPARE(rig.opened, std::string());
        rig.engine->start();
        QVERIFY(rig.open());
        const auto filled = as<BotOrder>(rig.ask(kA, market("AAPL", Side::Buy, 7, "before-restart")));
        QVERIFY(filled);
        filledUuid = filled->uuid;
        QVERIFY(rig.waitUpdate(kA, filledUuid, TradeEvent::Fill));
        const auto working =
            as<BotOrder>(rig.ask(kA, limit("MSFT", Side::Buy, 1, Price::fromCents(40'000), "resting")));
        QVERIFY(working);
        workingUuid = working->uuid;
        QVERIFY(rig.waitUpdate(kA, workingUuid, TradeEvent::New));
    }
    QCOMPARE(rows(dir.filePath(QStringLiteral("journal.sqlite")),
                  QStringLiteral("SELECT source_ref FROM orders ORDER BY order_number")),
             (QStringList{QStringLiteral("before-restart"), QStringLiteral("resting")}));

    BotRig rig(botConfig(), {bot("alpha", "al")}, 60, dir.path());
    QCOMPARE(rig.opened, std::string());
    rig.engine->start();
    // Once the replay has reached where the session stopped, the bot has its orders back.
    QVERIFY(rig.until([&] { return as<BotOrder>(rig.ask(kA, GetOrderByClientId{"before-restart"})).has_value(); }));
    const auto filled = as<BotOrder>(rig.ask(kA, GetOrderByClientId{"before-restart"}));
    QCOMPARE(filled->uuid, filledUuid);
    QCOMPARE(int(filled->status), int(OrderStatus::Filled));
    QCOMPARE(filled->filledQty, Quantity(7));
    const auto working = as<BotOrder>(rig.ask(kA, GetOrderByClientId{"resting"}));
    QVERIFY(working);
    QCOMPARE(working->uuid, workingUuid);
    QCOMPARE(as<BotPosition>(rig.ask(kA, GetPosition{"AAPL"}))->qty, Quantity(7));
    const BotReply again = rig.ask(kA, market("AAPL", Side::Buy, 1, "before-restart"));
    QVERIFY2(as<ApiError>(again) && as<ApiError>(again)->httpStatus == 422, qPrintable(describe(again)));
}

QTEST_GUILESS_MAIN(TestBotSource)
#include "tst_bot_source.moc"
