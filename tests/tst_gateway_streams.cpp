// The gateway's two WebSocket streams, driven through a connection that records what the
// server sends (the transport's side of HttpTypes.h): the trade_updates stream (auth,
// listen, one bot's updates to that bot's connections only, JSON in binary frames) and the
// market data stream (auth, subscriptions, quotes, trades and minute bars in JSON and in
// MessagePack with its timestamp extension, batching, slow clients, the auth timeout).

#include "MsgPackFields.h"
#include "net/MarketDataCodec.h"
#include "net/MarketDataStream.h"
#include "net/MinuteBars.h"
#include "net/Rfc3339.h"
#include "net/TradeUpdateJson.h"
#include "net/TradeUpdatesStream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <msgpack.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace vigil;
using namespace vigil::gateway;
using namespace Qt::StringLiterals;

namespace {

/// 2021-02-22T15:51:44Z, the example of Alpaca's stream documentation.
constexpr SimTime kT0 = 1'614'009'104 * kNsPerSecond;

struct Frame {
    std::string data;
    bool binary = false;
};

/// The transport's side of a WebSocket: keeps every frame sent, in order.
class RecordingConnection final : public WsConnection {
public:
    void sendText(std::string message) override { frames.push_back({std::move(message), false}); }
    void sendBinary(std::string message) override { frames.push_back({std::move(message), true}); }
    void close() override { closed = true; }
    std::size_t queuedBytes() const override { return queued; }

    /// The frames sent since the last call.
    std::vector<Frame> take() { return std::exchange(frames, {}); }

    std::vector<Frame> frames;
    bool closed = false;
    std::size_t queued = 0;
};

/// Three key pairs: two of configured bots and one of a bot the configuration lacks.
std::optional<std::string> testKeys(std::string_view keyId, std::string_view secret)
{
    static const std::map<std::string, std::pair<std::string, std::string>> keys = {
        {"KALPHA", {"s-alpha", "alpha"}}, {"KBETA", {"s-beta", "beta"}}, {"KGHOST", {"s-ghost", "ghost"}}};
    const auto it = keys.find(std::string(keyId));
    if (it == keys.end() || it->second.first != secret)
        return std::nullopt;
    return it->second.second;
}

QJsonObject object(const std::string &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("not a JSON object: %s", text.c_str());
    return document.object();
}

QJsonArray array(const std::string &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        qFatal("not a JSON array: %s", text.c_str());
    return document.array();
}

/// A client's message in MessagePack, as Alpaca's SDKs send theirs.
std::string msgpackMessage(const std::map<std::string, std::vector<std::string>> &lists, const std::string &action,
                           const std::map<std::string, std::string> &strings = {})
{
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    pk.pack_map(static_cast<std::uint32_t>(1 + lists.size() + strings.size()));
    pk.pack(std::string("action"));
    pk.pack(action);
    for (const auto &[key, value] : strings) {
        pk.pack(key);
        pk.pack(value);
    }
    for (const auto &[key, values] : lists) {
        pk.pack(key);
        pk.pack(values);
    }
    return std::string(buffer.data(), buffer.size());
}

using vigil::testing::field;

/// The string under `key`, or "<missing>" (what a failed comparison then shows).
std::string text(const msgpack::object &map, std::string_view key)
{
    return vigil::testing::text(map, key, "<missing>");
}

using NanoTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::nanoseconds>;

/// A field that must be MessagePack's timestamp extension (type -1): its time.
SimTime timestamp(const msgpack::object &map, std::string_view key)
{
    const msgpack::object *value = field(map, key);
    if (!value || value->type != msgpack::type::EXT || value->via.ext.type() != -1)
        return -1;
    return value->as<NanoTime>().time_since_epoch().count();
}

MarketTick quote(SymbolId symbol, SimTime time, Price bid, Price ask, std::int32_t bidSize = 100,
                 std::int32_t askSize = 200)
{
    MarketTick t;
    t.kind = MarketTick::Kind::Quote;
    t.time = time;
    t.symbol = symbol;
    t.bid = bid;
    t.ask = ask;
    t.bidSize = bidSize;
    t.askSize = askSize;
    return t;
}

MarketTick trade(SymbolId symbol, SimTime time, Price price, std::int32_t size, std::uint64_t id)
{
    MarketTick t;
    t.kind = MarketTick::Kind::Trade;
    t.time = time;
    t.symbol = symbol;
    t.bid = price;
    t.bidSize = size;
    t.tradeId = id;
    return t;
}

Price cents(std::int64_t c) { return Price::fromCents(c); }

BotOrder sampleOrder()
{
    BotOrder o;
    o.id = 17;
    o.uuid = "61e69015-8549-4bfd-b9c3-01e75843f47d";
    o.clientOrderId = "my-order-1";
    o.symbol = "AAPL";
    o.side = Side::Sell;
    o.type = OrderType::Limit;
    o.timeInForce = TimeInForce::Gtc;
    o.qty = 300;
    o.limitPrice = Price::fromRaw(1'875'050); // 187.505
    o.status = OrderStatus::PartiallyFilled;
    o.filledQty = 100;
    o.filledAvgPrice = Price::fromRaw(1'875'100);
    o.createdAt = kT0;
    o.updatedAt = kT0 + 208 * kNsPerMs;
    return o;
}

TradeUpdate fillOf(BotOrder order)
{
    TradeUpdate u;
    u.event = TradeEvent::PartialFill;
    u.order = std::move(order);
    u.timestamp = kT0 + 208 * kNsPerMs;
    u.executionId = "2f63ea93-423d-4169-b3f6-3fdafc10c418";
    u.price = Price::fromRaw(1'875'100);
    u.qty = 100;
    u.positionQty = -100;
    return u;
}

/// A trade_updates stream's world: the router, the bots' links as the hub would note them.
struct TradeWorld {
    std::vector<std::pair<int, int>> noted; ///< (bot, delta) of noteStream
    std::vector<int> seen;
    SimTime now = 1'000 * kNsPerSecond; ///< the auth timeout's clock, moved by the test
    TradeUpdateRouter router{
        {testKeys, [](std::string_view name) { return name == "alpha"  ? 0
                                                      : name == "beta" ? 1
                                                                       : -1; },
         [this](int bot, int delta) { noted.emplace_back(bot, delta); }, [this](int bot) { seen.push_back(bot); }},
        [this] { return now; }};

    struct Client {
        std::shared_ptr<RecordingConnection> connection = std::make_shared<RecordingConnection>();
        std::unique_ptr<WsHandler> handler;
    };
    Client connect()
    {
        Client c;
        c.handler = router.open(c.connection);
        return c;
    }
};

void authenticate(TradeWorld::Client &c, const std::string &key, const std::string &secret, bool binary = false)
{
    c.handler->onMessage(
        R"({"action":"authenticate","data":{"key_id":")" + key + R"(","secret_key":")" + secret + R"("}})", binary);
}

/// `streams`: a JSON list.
void listen(TradeWorld::Client &c, const std::string &streams)
{
    c.handler->onMessage(R"({"action":"listen","data":{"streams":)" + streams + "}}", false);
}

/// The one frame a client got, which must be binary JSON: its object.
QJsonObject onlyBinaryObject(RecordingConnection &connection)
{
    const std::vector<Frame> frames = connection.take();
    if (frames.size() != 1)
        qFatal("expected one frame, got %zu", frames.size());
    if (!frames[0].binary)
        qFatal("expected a binary frame: %s", frames[0].data.c_str());
    return object(frames[0].data);
}

/// A market data stream's world: a universe of three symbols, a clock the test moves.
struct MarketWorld {
    SimTime now = 1'000 * kNsPerSecond;
    MarketDataLimits limits;
    std::unique_ptr<MarketDataHub> hub;

    explicit MarketWorld(MarketDataLimits l = {})
        : limits(l)
        , hub(std::make_unique<MarketDataHub>(std::vector<std::string>{"AAPL", "AMD", "CLDR"}, testKeys, limits,
                                              [this] { return now; }))
    {}

    struct Client {
        std::shared_ptr<RecordingConnection> connection = std::make_shared<RecordingConnection>();
        std::unique_ptr<WsHandler> handler;
        void send(const std::string &message) { handler->onMessage(message, false); }
    };
    Client connect(bool msgpack = false, const std::string &path = "/v2/iex")
    {
        HttpRequest upgrade;
        upgrade.method = "GET";
        upgrade.path = path;
        if (msgpack)
            upgrade.headers.emplace_back("content-type", "application/msgpack");
        Client c;
        c.handler = hub->open(upgrade, c.connection);
        return c;
    }
    /// Connected, authenticated, subscribed to `lists` (JSON members: "quotes":["*"]); the
    /// control frames taken.
    Client subscribed(const std::string &lists, bool msgpack = false)
    {
        Client c = connect(msgpack);
        c.send(R"({"action":"auth","key":"KALPHA","secret":"s-alpha"})");
        c.send(R"({"action":"subscribe")" + (lists.empty() ? "" : "," + lists) + "}");
        if (c.connection->take().size() != 3)
            qFatal("connected, authenticated and subscription expected");
        return c;
    }
};

/// The single JSON control message of a JSON text frame.
QJsonObject onlyControl(RecordingConnection &connection)
{
    const std::vector<Frame> frames = connection.take();
    if (frames.size() != 1 || frames[0].binary)
        qFatal("expected one text frame, got %zu", frames.size());
    const QJsonArray a = array(frames[0].data);
    if (a.size() != 1)
        qFatal("a control message is an array of one: %s", frames[0].data.c_str());
    return a.first().toObject();
}

QJsonObject error(int code, const std::string &msg)
{
    return object(R"({"T":"error","code":)" + std::to_string(code) + R"(,"msg":")" + msg + R"("})");
}

/// The subscription answer naming these lists (JSON lists).
QJsonObject subscription(const std::string &trades, const std::string &quotes, const std::string &bars)
{
    return object(R"({"T":"subscription","trades":)" + trades + R"(,"quotes":)" + quotes + R"(,"bars":)" + bars
                  + R"(,"updatedBars":[],"dailyBars":[],"statuses":[],"lulds":[],"corrections":)" + trades
                  + R"(,"cancelErrors":)" + trades + "}");
}

} // namespace

class TestGatewayStreams : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rfc3339Times()
    {
        QCOMPARE(rfc3339(kT0), std::string("2021-02-22T15:51:44Z"));
        QCOMPARE(rfc3339(kT0 + 208 * kNsPerMs), std::string("2021-02-22T15:51:44.208Z"));
        QCOMPARE(rfc3339(kT0 + 335'689'322), std::string("2021-02-22T15:51:44.335689322Z"));
        QCOMPARE(rfc3339(1'709'164'800 * kNsPerSecond + 1), std::string("2024-02-29T00:00:00.000000001Z"));
        QCOMPARE(rfc3339(-kNsPerSecond / 2), std::string("1969-12-31T23:59:59.5Z"));
    }

    void orderJsonHasAlpacasOrderFields()
    {
        const QJsonObject o = orderJson(sampleOrder());
        QCOMPARE(o.value(u"id").toString(), u"61e69015-8549-4bfd-b9c3-01e75843f47d"_s);
        QCOMPARE(o.value(u"client_order_id").toString(), u"my-order-1"_s);
        QCOMPARE(o.value(u"created_at").toString(), u"2021-02-22T15:51:44Z"_s);
        QCOMPARE(o.value(u"submitted_at").toString(), u"2021-02-22T15:51:44Z"_s);
        QCOMPARE(o.value(u"updated_at").toString(), u"2021-02-22T15:51:44.208Z"_s);
        QVERIFY(o.value(u"filled_at").isNull());
        QVERIFY(o.value(u"canceled_at").isNull());
        QCOMPARE(o.value(u"symbol").toString(), u"AAPL"_s);
        QCOMPARE(o.value(u"asset_class").toString(), u"us_equity"_s);
        QCOMPARE(o.value(u"asset_id").toString(), QString::fromStdString(alpacaAssetId("AAPL")));
        QVERIFY(alpacaAssetId("AAPL") != alpacaAssetId("AMD"));
        QCOMPARE(o.value(u"qty").toString(), u"300"_s);
        QCOMPARE(o.value(u"filled_qty").toString(), u"100"_s);
        QCOMPARE(o.value(u"filled_avg_price").toString(), u"187.51"_s);
        QCOMPARE(o.value(u"limit_price").toString(), u"187.505"_s);
        QVERIFY(o.value(u"notional").isNull());
        QVERIFY(o.value(u"stop_price").isNull());
        QCOMPARE(o.value(u"type").toString(), u"limit"_s);
        QCOMPARE(o.value(u"order_type").toString(), u"limit"_s);
        QCOMPARE(o.value(u"side").toString(), u"sell"_s);
        QCOMPARE(o.value(u"time_in_force").toString(), u"gtc"_s);
        QCOMPARE(o.value(u"status").toString(), u"partially_filled"_s);
        QCOMPARE(o.value(u"extended_hours").toBool(true), false);
        QVERIFY(o.value(u"legs").isNull());
        // Every property of Alpaca's Order schema is there.
        for (const char *key : {"replaced_at", "replaced_by", "replaces", "expired_at", "failed_at", "order_class",
                                "trail_percent", "trail_price", "hwm"})
            QVERIFY2(o.contains(QLatin1String(key)), key);

        BotOrder market = sampleOrder();
        market.type = OrderType::Market;
        market.filledAvgPrice = Price();
        market.status = OrderStatus::Accepted;
        const QJsonObject m = orderJson(market);
        QVERIFY(m.value(u"limit_price").isNull());
        QVERIFY(m.value(u"filled_avg_price").isNull());
        QCOMPARE(m.value(u"status").toString(), u"new"_s);
    }

    void tradeUpdateMessages()
    {
        const QJsonObject fill = object(tradeUpdateMessage(fillOf(sampleOrder())));
        QCOMPARE(fill.value(u"stream").toString(), u"trade_updates"_s);
        const QJsonObject data = fill.value(u"data").toObject();
        QCOMPARE(data.value(u"event").toString(), u"partial_fill"_s);
        QCOMPARE(data.value(u"timestamp").toString(), u"2021-02-22T15:51:44.208Z"_s);
        QCOMPARE(data.value(u"execution_id").toString(), u"2f63ea93-423d-4169-b3f6-3fdafc10c418"_s);
        QCOMPARE(data.value(u"price").toString(), u"187.51"_s);
        QCOMPARE(data.value(u"qty").toString(), u"100"_s);
        QCOMPARE(data.value(u"position_qty").toString(), u"-100"_s);
        QCOMPARE(data.value(u"order").toObject(), orderJson(sampleOrder()));

        TradeUpdate canceled;
        canceled.event = TradeEvent::Canceled;
        canceled.order = sampleOrder();
        canceled.timestamp = kT0 + kNsPerSecond;
        const QJsonObject c = object(tradeUpdateMessage(canceled)).value(u"data").toObject();
        QCOMPARE(c.value(u"event").toString(), u"canceled"_s);
        QCOMPARE(c.value(u"timestamp").toString(), u"2021-02-22T15:51:45Z"_s);
        QVERIFY(!c.contains(u"execution_id"));
        QVERIFY(!c.contains(u"price"));
        QVERIFY(!c.contains(u"position_qty"));

        // The bot's own texts are escaped: they come back as they were.
        TradeUpdate odd = fillOf(sampleOrder());
        odd.order.clientOrderId = "q\"b\\s\n\x01 \xc3\xa9";
        const QJsonObject oddOrder =
            object(tradeUpdateMessage(odd)).value(u"data").toObject().value(u"order").toObject();
        QCOMPARE(oddOrder.value(u"client_order_id").toString(), QString::fromUtf8("q\"b\\s\n\x01 \xc3\xa9"));
        QCOMPARE(oddOrder, orderJson(odd.order));

        const std::pair<TradeEvent, const char *> names[] = {{TradeEvent::PendingNew, "pending_new"},
                                                             {TradeEvent::New, "new"},
                                                             {TradeEvent::Fill, "fill"},
                                                             {TradeEvent::Expired, "expired"},
                                                             {TradeEvent::Rejected, "rejected"},
                                                             {TradeEvent::PendingCancel, "pending_cancel"}};
        for (const auto &[event, name] : names)
            QCOMPARE(std::string(alpacaEvent(event)), std::string(name));
    }

    void tradeStreamAuthenticatesAndListens()
    {
        TradeWorld world;
        auto c = world.connect();
        QVERIFY(c.connection->frames.empty()); // no welcome frame

        listen(c, R"(["trade_updates"])");
        QCOMPARE(onlyBinaryObject(*c.connection),
                 object(R"({"stream":"authorization","data":{"action":"listen","status":"unauthorized"}})"));

        authenticate(c, "KALPHA", "wrong");
        QCOMPARE(onlyBinaryObject(*c.connection),
                 object(R"({"stream":"authorization","data":{"action":"authenticate","status":"unauthorized"}})"));
        authenticate(c, "KGHOST", "s-ghost"); // a key in force, of a bot not configured
        QCOMPARE(onlyBinaryObject(*c.connection).value(u"data").toObject().value(u"status").toString(),
                 u"unauthorized"_s);
        QVERIFY(world.noted.empty());

        authenticate(c, "KALPHA", "s-alpha", /*binary*/ true);
        QCOMPARE(onlyBinaryObject(*c.connection),
                 object(R"({"stream":"authorization","data":{"action":"authenticate","status":"authorized"}})"));
        QCOMPARE(world.noted, (std::vector<std::pair<int, int>>{{0, +1}}));

        listen(c, R"(["trade_updates","account_updates"])");
        QCOMPARE(onlyBinaryObject(*c.connection),
                 object(R"({"stream":"listening","data":{"streams":["trade_updates"]}})"));
        QCOMPARE(world.router.listeners(0), 1);
        QVERIFY(!world.seen.empty());
        QCOMPARE(world.seen.back(), 0);

        listen(c, "[]"); // the set replaces the previous one
        QCOMPARE(onlyBinaryObject(*c.connection), object(R"({"stream":"listening","data":{"streams":[]}})"));
        QCOMPARE(world.router.listeners(0), 0);

        c.handler->onClosed();
        c.handler.reset();
        QCOMPARE(world.noted, (std::vector<std::pair<int, int>>{{0, +1}, {0, -1}}));
    }

    void tradeStreamAnswersMalformedMessagesAndGoesOn()
    {
        TradeWorld world;
        auto c = world.connect();
        for (const char *bad : {"{not json", "[1,2]", R"({"action":"dance"})", R"({"action":"authenticate"})",
                                R"({"action":"authenticate","data":{"key_id":1,"secret_key":"x"}})", ""}) {
            c.handler->onMessage(bad, false);
            const QJsonObject answer = onlyBinaryObject(*c.connection);
            QCOMPARE(answer.value(u"stream").toString(), u"error"_s);
            QVERIFY2(!answer.value(u"data").toObject().value(u"error").toString().isEmpty(), bad);
        }
        authenticate(c, "KALPHA", "s-alpha");
        QCOMPARE(onlyBinaryObject(*c.connection).value(u"data").toObject().value(u"status").toString(),
                 u"authorized"_s);
        c.handler->onMessage(R"({"action":"listen","data":{"streams":"trade_updates"}})", false);
        QCOMPARE(onlyBinaryObject(*c.connection).value(u"stream").toString(), u"error"_s);
        QCOMPARE(world.router.listeners(0), 0);
        QVERIFY(!c.connection->closed);
    }

    void tradeStreamAuthTimeout()
    {
        TradeWorld world;
        auto silent = world.connect();
        auto wrong = world.connect();  // only a refused login
        auto prompt = world.connect(); // logs in, then fails a second login
        wrong.handler->onMessage("{not json", false);
        authenticate(wrong, "KALPHA", "wrong");
        authenticate(prompt, "KALPHA", "s-alpha");
        authenticate(prompt, "KALPHA", "wrong");
        wrong.connection->take();
        prompt.connection->take();

        world.now += TradeUpdateRouter::kAuthTimeout - 1;
        world.router.sweep();
        for (auto *c : {&silent, &wrong, &prompt}) {
            QVERIFY(c->connection->frames.empty());
            QVERIFY(!c->connection->closed);
        }

        world.now += 1;
        world.router.sweep();
        const QJsonObject timeout = object(R"({"stream":"error","data":{"error":"auth timeout"}})");
        QCOMPARE(onlyBinaryObject(*silent.connection), timeout);
        QVERIFY(silent.connection->closed);
        QCOMPARE(onlyBinaryObject(*wrong.connection), timeout);
        QVERIFY(wrong.connection->closed);
        QVERIFY(prompt.connection->frames.empty());
        QVERIFY(!prompt.connection->closed);

        // The transport's close reaches the handlers after: nothing more happens.
        silent.handler->onClosed();
        wrong.handler->onClosed();
        world.now += 60 * kNsPerSecond;
        world.router.sweep();
        QVERIFY(!prompt.connection->closed);
        QCOMPARE(world.noted, (std::vector<std::pair<int, int>>{{0, +1}, {0, -1}}));
    }

    void aRevokedKeyLosesItsOpenStreams()
    {
        std::set<std::string> revoked;
        const KeyInForce inForce = [&revoked](std::string_view keyId) { return !revoked.count(std::string(keyId)); };

        TradeWorld trades;
        trades.router.setKeyCheck(inForce);
        auto alpha = trades.connect();
        auto beta = trades.connect();
        authenticate(alpha, "KALPHA", "s-alpha");
        listen(alpha, R"(["trade_updates"])");
        authenticate(beta, "KBETA", "s-beta");
        alpha.connection->take();
        beta.connection->take();

        MarketWorld market;
        market.hub->setKeyCheck(inForce);
        auto data = market.connect();
        auto dataBeta = market.connect();
        data.send(R"({"action":"auth","key":"KALPHA","secret":"s-alpha"})");
        dataBeta.send(R"({"action":"auth","key":"KBETA","secret":"s-beta"})");
        data.connection->take();
        dataBeta.connection->take();

        trades.router.sweep();
        market.hub->sweep();
        QVERIFY(!alpha.connection->closed && !data.connection->closed); // in force: nothing happens

        revoked.insert("KALPHA");
        trades.router.sweep();
        market.hub->sweep();
        QCOMPARE(onlyBinaryObject(*alpha.connection),
                 object(R"({"stream":"error","data":{"error":"the key was revoked"}})"));
        QVERIFY(alpha.connection->closed);
        QCOMPARE(trades.router.listeners(0), 0);
        QVERIFY(!beta.connection->closed);
        QVERIFY(beta.connection->frames.empty());
        QCOMPARE(onlyControl(*data.connection), error(402, "auth failed"));
        QVERIFY(data.connection->closed);
        QVERIFY(!dataBeta.connection->closed);
        QCOMPARE(market.hub->connections(), std::size_t{1});
    }

    void tradeUpdatesReachTheirBotsListenersOnly()
    {
        TradeWorld world;
        auto alpha = world.connect();
        auto alphaQuiet = world.connect(); // authenticated, not listening
        auto beta = world.connect();
        auto stranger = world.connect(); // never authenticated
        authenticate(alpha, "KALPHA", "s-alpha");
        authenticate(alphaQuiet, "KALPHA", "s-alpha");
        authenticate(beta, "KBETA", "s-beta");
        listen(alpha, R"(["trade_updates"])");
        listen(beta, R"(["trade_updates"])");
        listen(stranger, R"(["trade_updates"])");
        for (auto *c : {&alpha, &alphaQuiet, &beta, &stranger})
            c->connection->take();

        const TradeUpdate update = fillOf(sampleOrder());
        world.router.deliver(0, update);
        const QJsonObject got = onlyBinaryObject(*alpha.connection);
        QCOMPARE(got, object(tradeUpdateMessage(update)));
        QVERIFY(alphaQuiet.connection->frames.empty());
        QVERIFY(beta.connection->frames.empty());
        QVERIFY(stranger.connection->frames.empty());

        world.router.deliver(1, update);
        QCOMPARE(onlyBinaryObject(*beta.connection).value(u"stream").toString(), u"trade_updates"_s);
        QVERIFY(alpha.connection->frames.empty());

        // A closed connection is forgotten; the bot's others still get theirs.
        auto alpha2 = world.connect();
        authenticate(alpha2, "KALPHA", "s-alpha");
        listen(alpha2, R"(["trade_updates"])");
        alpha2.connection->take();
        alpha.handler->onClosed();
        alpha.handler.reset();
        world.router.deliver(0, update);
        QVERIFY(alpha.connection->frames.empty());
        QCOMPARE(onlyBinaryObject(*alpha2.connection).value(u"stream").toString(), u"trade_updates"_s);
        QCOMPARE(world.router.listeners(0), 1);
    }

    void marketDataCodecJson()
    {
        EncodedBatch batch(Encoding::Json, {"AAPL", "A\"B"});
        batch.addQuote(quote(0, kT0 + 335'689'322, Price::fromRaw(876'600), Price::fromRaw(876'835), 1, 4));
        batch.addTrade(trade(1, kT0 + 208 * kNsPerMs, Price::fromRaw(1'265'500), 7, 96'921));
        batch.addBar({0, kT0 - 44 * kNsPerSecond, cents(38'898), cents(38'913), Price::fromRaw(3'889'750),
                      cents(38'912), 49'378, 12, Price::fromRaw(3'890'001)});
        QCOMPARE(batch.size(), std::size_t{3});

        std::string frame;
        QCOMPARE(batch.frame(frame, [](Channel, SymbolId) { return true; }), std::size_t{3});
        const QJsonArray all = array(frame);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all[0].toObject(), object(R"({"T":"q","S":"AAPL","bx":"V","bp":87.66,"bs":1,"ax":"V","ap":87.6835,)"
                                           R"("as":4,"c":[],"z":"C","t":"2021-02-22T15:51:44.335689322Z"})"));
        QCOMPARE(all[1].toObject(),
                 object("{\"T\":\"t\",\"S\":\"A\\\"B\",\"i\":96921,\"x\":\"V\",\"p\":126.55,\"s\":7,\"c\":[],"
                        "\"z\":\"C\",\"t\":\"2021-02-22T15:51:44.208Z\"}"));
        QCOMPARE(all[2].toObject(), object(R"({"T":"b","S":"AAPL","o":388.98,"h":389.13,"l":388.975,"c":389.12,)"
                                           R"("v":49378,"t":"2021-02-22T15:51:00Z","n":12,"vw":389.0001})"));
        // Prices are the fixed-point value's exact decimal text, not a double's.
        QVERIFY(frame.find("\"ap\":87.6835,") != std::string::npos);
        QVERIFY(frame.find("\"l\":388.975,") != std::string::npos);

        std::string some;
        QCOMPARE(batch.frame(some, [](Channel c, SymbolId s) { return c == Channel::Bars || s == 1; }), std::size_t{2});
        const QJsonArray two = array(some);
        QCOMPARE(two[0].toObject().value(u"T").toString(), u"t"_s);
        QCOMPARE(two[1].toObject().value(u"T").toString(), u"b"_s);

        std::string none;
        QCOMPARE(batch.frame(none, [](Channel, SymbolId) { return false; }), std::size_t{0});
        QVERIFY(none.empty());
        batch.clear();
        QCOMPARE(batch.size(), std::size_t{0});

        QCOMPARE(controlMessage(Encoding::Json, object(R"({"T":"success","msg":"connected"})")),
                 std::string(R"([{"T":"success","msg":"connected"}])"));
        QCOMPARE(array(errorMessage(Encoding::Json, 402, "auth failed"))[0].toObject(), error(402, "auth failed"));
    }

    void marketDataCodecMsgPack()
    {
        EncodedBatch batch(Encoding::MsgPack, {"AAPL", "AMD"});
        batch.addQuote(quote(1, kT0 + 335'689'322, Price::fromRaw(876'600), Price::fromRaw(876'835), 1, 4));
        batch.addTrade(trade(0, kT0 + 208 * kNsPerMs, Price::fromRaw(1'265'500), 7, 96'921));
        batch.addBar({0, kT0 - 44 * kNsPerSecond, cents(38'898), cents(38'913), Price::fromRaw(3'889'750),
                      cents(38'912), 49'378, 12, Price::fromRaw(3'890'001)});
        std::string frame;
        QCOMPARE(batch.frame(frame, [](Channel, SymbolId) { return true; }), std::size_t{3});

        std::size_t offset = 0;
        const msgpack::object_handle handle = msgpack::unpack(frame.data(), frame.size(), offset);
        QCOMPARE(offset, frame.size());
        const msgpack::object &all = handle.get();
        QVERIFY(all.type == msgpack::type::ARRAY);
        QCOMPARE(all.via.array.size, 3u);

        const msgpack::object &q = all.via.array.ptr[0];
        QCOMPARE(q.via.map.size, 11u);
        QCOMPARE(text(q, "T"), std::string("q"));
        QCOMPARE(text(q, "S"), std::string("AMD"));
        QCOMPARE(text(q, "bx"), std::string("V"));
        QCOMPARE(field(q, "bp")->as<double>(), 87.66);
        QCOMPARE(field(q, "ap")->as<double>(), 87.6835);
        QCOMPARE(field(q, "bs")->as<int>(), 1);
        QCOMPARE(field(q, "as")->as<int>(), 4);
        QVERIFY(field(q, "c")->type == msgpack::type::ARRAY);
        QCOMPARE(text(q, "z"), std::string("C"));
        QVERIFY(field(q, "t")->type == msgpack::type::EXT);
        QCOMPARE(int(field(q, "t")->via.ext.type()), -1);
        QCOMPARE(timestamp(q, "t"), kT0 + 335'689'322);

        const msgpack::object &t = all.via.array.ptr[1];
        QCOMPARE(text(t, "T"), std::string("t"));
        QCOMPARE(text(t, "S"), std::string("AAPL"));
        QCOMPARE(field(t, "i")->as<std::uint64_t>(), std::uint64_t{96'921});
        QCOMPARE(field(t, "p")->as<double>(), 126.55);
        QCOMPARE(field(t, "s")->as<int>(), 7);
        QCOMPARE(timestamp(t, "t"), kT0 + 208 * kNsPerMs);

        const msgpack::object &b = all.via.array.ptr[2];
        QCOMPARE(text(b, "T"), std::string("b"));
        QCOMPARE(field(b, "o")->as<double>(), 388.98);
        QCOMPARE(field(b, "h")->as<double>(), 389.13);
        QCOMPARE(field(b, "l")->as<double>(), 388.975);
        QCOMPARE(field(b, "c")->as<double>(), 389.12);
        QCOMPARE(field(b, "v")->as<std::int64_t>(), std::int64_t{49'378});
        QCOMPARE(field(b, "n")->as<std::int64_t>(), std::int64_t{12});
        QCOMPARE(field(b, "vw")->as<double>(), 389.0001);
        QCOMPARE(timestamp(b, "t"), kT0 - 44 * kNsPerSecond); // whole seconds: the 32-bit form, still type -1

        const msgpack::object_handle control =
            msgpack::unpack(errorMessage(Encoding::MsgPack, 402, "auth failed").data(),
                            errorMessage(Encoding::MsgPack, 402, "auth failed").size());
        QVERIFY(control.get().type == msgpack::type::ARRAY);
        const msgpack::object &e = control.get().via.array.ptr[0];
        QCOMPARE(text(e, "T"), std::string("error"));
        QVERIFY(field(e, "code")->type == msgpack::type::POSITIVE_INTEGER);
        QCOMPARE(field(e, "code")->as<int>(), 402);
        QCOMPARE(text(e, "msg"), std::string("auth failed"));
    }

    void clientMessagesInEitherEncoding()
    {
        const auto fromJson = decodeClientMessage(R"( {"action":"auth","key":"K","secret":"S"})");
        QVERIFY(fromJson);
        QCOMPARE(fromJson->value(u"key").toString(), u"K"_s);
        const auto fromMsgPack = decodeClientMessage(msgpackMessage({{"trades", {"AAPL"}}}, "subscribe"));
        QVERIFY(fromMsgPack);
        QCOMPARE(fromMsgPack->value(u"action").toString(), u"subscribe"_s);
        QCOMPARE(fromMsgPack->value(u"trades").toArray(), QJsonArray{u"AAPL"_s});
        for (const std::string &bad :
             {std::string("{\"action\":"), std::string("[1]"), std::string("\x91\x01", 2),
              std::string("\xdd\xff\xff\xff\xff", 5), std::string("\x81\x01\x02", 3), std::string()})
            QVERIFY(!decodeClientMessage(bad));
    }

    void marketStreamFlow()
    {
        MarketWorld world;
        HttpRequest unknown;
        unknown.path = "/v2/nasdaq";
        QVERIFY(!world.hub->open(unknown, std::make_shared<RecordingConnection>()));

        auto c = world.connect(false, "/v2/sip");
        QVERIFY(c.handler);
        QCOMPARE(onlyControl(*c.connection), object(R"({"T":"success","msg":"connected"})"));

        c.send(R"({"action":"subscribe","trades":["AAPL"]})");
        QCOMPARE(onlyControl(*c.connection), error(401, "not authenticated"));
        c.send(R"({"action":"auth","key":"KALPHA","secret":"nope"})");
        QCOMPARE(onlyControl(*c.connection), error(402, "auth failed"));
        c.handler->onMessage("{\"action\":", false);
        QCOMPARE(onlyControl(*c.connection), error(400, "invalid syntax"));
        c.send(R"({"action":"auth","key":7,"secret":"s-alpha"})");
        QCOMPARE(onlyControl(*c.connection), error(400, "invalid syntax"));
        c.send(R"({"action":"auth","key":"KALPHA","secret":"s-alpha"})");
        QCOMPARE(onlyControl(*c.connection), object(R"({"T":"success","msg":"authenticated"})"));
        c.send(R"({"action":"auth","key":"KALPHA","secret":"s-alpha"})");
        QCOMPARE(onlyControl(*c.connection), error(403, "already authenticated"));
        c.send(R"({"action":"dance"})");
        QCOMPARE(onlyControl(*c.connection), error(400, "invalid syntax"));
        QVERIFY(!c.connection->closed);
    }

    void subscriptionArithmetic()
    {
        MarketWorld world(MarketDataLimits{3, 16 << 20, 10 * kNsPerSecond, 1024});
        auto c = world.connect();
        c.send(R"({"action":"auth","key":"KBETA","secret":"s-beta"})");
        c.connection->take();

        // The SDK sends every channel, the ones Vigil has nothing for empty.
        c.send(R"({"action":"subscribe","trades":["AAPL"],"quotes":["AMD","CLDR"],"bars":["*"],"dailyBars":[],)"
               R"("statuses":[],"lulds":[]})");
        QCOMPARE(onlyControl(*c.connection), subscription(R"(["AAPL"])", R"(["AMD","CLDR"])", R"(["*"])"));
        c.send(R"({"action":"subscribe","quotes":["AMD","AAPL"]})"); // adds, once each
        QCOMPARE(onlyControl(*c.connection), subscription(R"(["AAPL"])", R"(["AMD","CLDR","AAPL"])", R"(["*"])"));
        c.send(R"({"action":"unsubscribe","bars":["*"],"quotes":["CLDR","MSFT"]})");
        QCOMPARE(onlyControl(*c.connection), subscription(R"(["AAPL"])", R"(["AMD","AAPL"])", "[]"));

        c.send(R"({"action":"subscribe","trades":["AMD","CLDR","MSFT"]})"); // 4 > 3
        QCOMPARE(onlyControl(*c.connection), error(405, "symbol limit exceeded"));
        c.send(R"({"action":"subscribe","dailyBars":["AAPL"]})");
        QCOMPARE(onlyControl(*c.connection), error(410, "invalid subscribe action for this feed"));
        c.send(R"({"action":"subscribe","trades":"AAPL"})");
        QCOMPARE(onlyControl(*c.connection), error(400, "invalid syntax"));
        c.send(R"({"action":"subscribe","trades":[1]})");
        QCOMPARE(onlyControl(*c.connection), error(400, "invalid syntax"));
        // None of the refused requests changed anything.
        c.send(R"({"action":"subscribe"})");
        QCOMPARE(onlyControl(*c.connection), subscription(R"(["AAPL"])", R"(["AMD","AAPL"])", "[]"));
    }

    void minuteBarsFromTrades()
    {
        MinuteBars bars(2);
        std::vector<MinuteBar> closed;
        const SimTime minute = kT0 - 44 * kNsPerSecond; // 15:51:00
        bars.add(quote(0, minute + 1 * kNsPerSecond, cents(10'000), cents(10'002)), closed);
        bars.add(trade(0, minute + 2 * kNsPerSecond, cents(10'001), 100, 1), closed);
        bars.add(trade(1, minute + 3 * kNsPerSecond, cents(5'000), 10, 2), closed);
        bars.add(trade(0, minute + 10 * kNsPerSecond, cents(10'005), 300, 3), closed);
        bars.add(trade(0, minute + 20 * kNsPerSecond, cents(9'990), 200, 4), closed);
        bars.add(trade(0, minute + 59 * kNsPerSecond, cents(10'000), 400, 5), closed);
        QVERIFY(closed.empty()); // the minute is still open
        bars.add(quote(1, minute + kNsPerMinute, cents(4'999), cents(5'001)), closed);
        QCOMPARE(closed.size(), std::size_t{2});
        const MinuteBar &a = closed[0];
        QCOMPARE(a.symbol, SymbolId{0});
        QCOMPARE(a.start, minute);
        QCOMPARE(a.open, cents(10'001));
        QCOMPARE(a.high, cents(10'005));
        QCOMPARE(a.low, cents(9'990));
        QCOMPARE(a.close, cents(10'000));
        QCOMPARE(a.volume, std::int64_t{1'000});
        QCOMPARE(a.tradeCount, std::int64_t{4});
        // (100.01*100 + 100.05*300 + 99.90*200 + 100.00*400) / 1000 = 99996 / 1000
        QCOMPARE(a.vwap, Price::fromRaw(999'960));
        const MinuteBar &b = closed[1];
        QCOMPARE(b.symbol, SymbolId{1});
        QCOMPARE(b.open, cents(5'000));
        QCOMPARE(b.close, cents(5'000));
        QCOMPARE(b.volume, std::int64_t{10});
        QCOMPARE(b.tradeCount, std::int64_t{1});
        QCOMPARE(b.vwap, cents(5'000));

        closed.clear();
        bars.add(trade(0, minute - kNsPerSecond, cents(1), 100, 6), closed); // late: counts in no bar
        bars.add(trade(0, minute + 2 * kNsPerMinute + kNsPerSecond, cents(10'010), 1, 7), closed);
        QVERIFY(closed.empty()); // 15:52 had no trades: no bar
        bars.add(trade(1, minute + 3 * kNsPerMinute, cents(5'010), 3, 8), closed);
        QCOMPARE(closed.size(), std::size_t{1});
        QCOMPARE(closed[0].start, minute + 2 * kNsPerMinute);
        QCOMPARE(closed[0].open, cents(10'010));
        QCOMPARE(closed[0].volume, std::int64_t{1});
        // VWAP rounds half away from zero to the price grid: (1.0001*1 + 1.0002*2) / 3 = 1.000166...
        MinuteBars rounding(1);
        closed.clear();
        rounding.add(trade(0, minute, Price::fromRaw(10'001), 1, 1), closed);
        rounding.add(trade(0, minute, Price::fromRaw(10'002), 2, 2), closed);
        rounding.add(quote(0, minute + kNsPerMinute, cents(1), cents(2)), closed);
        QCOMPARE(closed.at(0).vwap, Price::fromRaw(10'002));
    }

    void ticksFanOutOnceEncodedToSubscribersOnly()
    {
        MarketWorld world;
        auto quotesJson = world.subscribed(R"("quotes":["AAPL","CLDR"])");
        auto allMsgPack = world.subscribed(R"("quotes":["*"],"trades":["*"],"bars":["*"])",
                                           /*msgpack*/ true);
        auto tradesJson = world.subscribed(R"("trades":["AMD"],"bars":["AMD"])");
        auto nothing = world.subscribed("");
        auto unauthenticated = world.connect();
        unauthenticated.connection->take();

        const SimTime minute = kT0 - 44 * kNsPerSecond;
        const std::vector<MarketTick> first = {
            quote(0, minute + 1, cents(18'712), cents(18'713)), trade(1, minute + 2, cents(8'766), 100, 1),
            quote(1, minute + 3, cents(8'765), cents(8'767)),   quote(2, minute + 4, cents(1'000), cents(1'001)),
            trade(1, minute + 5, cents(8'768), 300, 2),
        };
        world.hub->publish(first);

        // One frame per connection per batch, with its messages only.
        std::vector<Frame> frames = quotesJson.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        QVERIFY(!frames[0].binary);
        QJsonArray got = array(frames[0].data);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].toObject().value(u"S").toString(), u"AAPL"_s);
        QCOMPARE(got[0].toObject().value(u"bp").toDouble(), 187.12);
        QCOMPARE(got[1].toObject().value(u"S").toString(), u"CLDR"_s);

        frames = tradesJson.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        got = array(frames[0].data);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].toObject().value(u"T").toString(), u"t"_s);
        QCOMPARE(got[0].toObject().value(u"i").toInt(), 1);
        QCOMPARE(got[1].toObject().value(u"i").toInt(), 2);

        frames = allMsgPack.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        QVERIFY(frames[0].binary);
        msgpack::object_handle handle = msgpack::unpack(frames[0].data.data(), frames[0].data.size());
        QCOMPARE(handle.get().via.array.size, 5u);
        QCOMPARE(text(handle.get().via.array.ptr[1], "T"), std::string("t"));
        QCOMPARE(timestamp(handle.get().via.array.ptr[4], "t"), minute + 5);

        QVERIFY(nothing.connection->frames.empty());
        QVERIFY(unauthenticated.connection->frames.empty());

        // The next minute's first tick closes the bars of this one: AMD's goes to those
        // subscribed to its bars, before the tick.
        world.hub->publish(std::vector<MarketTick>{quote(0, minute + kNsPerMinute, cents(18'714), cents(18'715))});
        frames = tradesJson.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        got = array(frames[0].data);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].toObject(), object(R"({"T":"b","S":"AMD","o":87.66,"h":87.68,"l":87.66,"c":87.68,"v":400,)"
                                           R"("t":"2021-02-22T15:51:00Z","n":2,"vw":87.675})"));
        frames = allMsgPack.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        handle = msgpack::unpack(frames[0].data.data(), frames[0].data.size());
        QCOMPARE(handle.get().via.array.size, 2u);
        QCOMPARE(text(handle.get().via.array.ptr[0], "T"), std::string("b"));
        QCOMPARE(field(handle.get().via.array.ptr[0], "vw")->as<double>(), 87.675);
        QCOMPARE(timestamp(handle.get().via.array.ptr[0], "t"), minute);
        QCOMPARE(text(handle.get().via.array.ptr[1], "T"), std::string("q"));
        QCOMPARE(quotesJson.connection->take().size(), std::size_t{1});

        // Unsubscribed: no more frames.
        quotesJson.send(R"({"action":"unsubscribe","quotes":["AAPL","CLDR"]})");
        quotesJson.connection->take();
        world.hub->publish(std::vector<MarketTick>{quote(0, minute + kNsPerMinute + 1, cents(1), cents(2))});
        QVERIFY(quotesJson.connection->frames.empty());
        QCOMPARE(allMsgPack.connection->take().size(), std::size_t{1});
    }

    void longBatchesSplitIntoFrames()
    {
        MarketWorld world(MarketDataLimits{4096, 16 << 20, 10 * kNsPerSecond, 4});
        auto c = world.subscribed(R"("quotes":["*"])");
        std::vector<MarketTick> ticks;
        for (int i = 0; i < 10; ++i)
            ticks.push_back(quote(0, kT0 + i, cents(100 + i), cents(101 + i)));
        world.hub->publish(ticks);
        const std::vector<Frame> frames = c.connection->take();
        QCOMPARE(frames.size(), std::size_t{3});
        QCOMPARE(array(frames[0].data).size(), 4);
        QCOMPARE(array(frames[2].data).size(), 2);
        QCOMPARE(array(frames[2].data)[1].toObject().value(u"bp").toDouble(), 1.09);
    }

    void msgpackClientsAsTheSdkSpeaks()
    {
        MarketWorld world;
        auto c = world.connect(/*msgpack*/ true);
        std::vector<Frame> frames = c.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        QVERIFY(frames[0].binary);
        msgpack::object_handle h = msgpack::unpack(frames[0].data.data(), frames[0].data.size());
        QCOMPARE(text(h.get().via.array.ptr[0], "msg"), std::string("connected"));

        c.handler->onMessage(msgpackMessage({}, "auth", {{"key", "KALPHA"}, {"secret", "s-alpha"}}), true);
        c.handler->onMessage(msgpackMessage({{"quotes", {"AMD"}}, {"trades", {}}, {"dailyBars", {}}}, "subscribe"),
                             true);
        frames = c.connection->take();
        QCOMPARE(frames.size(), std::size_t{2});
        h = msgpack::unpack(frames[0].data.data(), frames[0].data.size());
        QCOMPARE(text(h.get().via.array.ptr[0], "msg"), std::string("authenticated"));
        h = msgpack::unpack(frames[1].data.data(), frames[1].data.size());
        const msgpack::object &s = h.get().via.array.ptr[0];
        QCOMPARE(text(s, "T"), std::string("subscription"));
        QCOMPARE(field(s, "quotes")->as<std::vector<std::string>>(), std::vector<std::string>{"AMD"});

        c.handler->onMessage(std::string("\xc1", 1), true); // never used in MessagePack
        frames = c.connection->take();
        QCOMPARE(frames.size(), std::size_t{1});
        h = msgpack::unpack(frames[0].data.data(), frames[0].data.size());
        QCOMPARE(field(h.get().via.array.ptr[0], "code")->as<int>(), 400);
    }

    void slowClientIsToldAndClosed()
    {
        MarketWorld world(MarketDataLimits{4096, 1'000, 10 * kNsPerSecond, 1024});
        auto slow = world.subscribed(R"("quotes":["*"])");
        auto fast = world.subscribed(R"("quotes":["*"])");
        slow.connection->queued = 1'001;
        world.hub->publish(std::vector<MarketTick>{quote(0, kT0, cents(100), cents(101))});
        QCOMPARE(onlyControl(*slow.connection), error(407, "slow client"));
        QVERIFY(slow.connection->closed);
        QCOMPARE(fast.connection->take().size(), std::size_t{1});
        QCOMPARE(world.hub->connections(), std::size_t{1});

        // The transport reports the close; nothing more goes to the slow one.
        slow.handler->onClosed();
        slow.handler.reset();
        world.hub->publish(std::vector<MarketTick>{quote(0, kT0 + 1, cents(100), cents(101))});
        QVERIFY(slow.connection->frames.empty());
        QCOMPARE(fast.connection->take().size(), std::size_t{1});
    }

    void authTimeout()
    {
        MarketWorld world;
        auto late = world.connect();
        auto prompt = world.connect();
        late.connection->take();
        prompt.connection->take();
        prompt.send(R"({"action":"auth","key":"KALPHA","secret":"s-alpha"})");
        prompt.connection->take();

        world.now += 9 * kNsPerSecond;
        world.hub->sweep();
        QVERIFY(late.connection->frames.empty());
        QVERIFY(!late.connection->closed);

        world.now += 1 * kNsPerSecond;
        world.hub->sweep();
        QCOMPARE(onlyControl(*late.connection), error(404, "auth timeout"));
        QVERIFY(late.connection->closed);
        QVERIFY(!prompt.connection->closed);
        QVERIFY(prompt.connection->frames.empty());
        QCOMPARE(world.hub->connections(), std::size_t{1});

        // While ticks flow, publishing checks the timeout too.
        auto later = world.connect();
        later.connection->take();
        world.now += 10 * kNsPerSecond;
        world.hub->publish(std::vector<MarketTick>{quote(0, kT0, cents(100), cents(101))});
        QCOMPARE(onlyControl(*later.connection), error(404, "auth timeout"));
        QVERIFY(later.connection->closed);
        QVERIFY(!prompt.connection->closed);
    }
};

QTEST_APPLESS_MAIN(TestGatewayStreams)
#include "MsgPackFields.h"
#include "tst_gateway_streams.moc"
