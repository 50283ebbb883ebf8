#include "GatewayBench.h"

#include "BareAlpaca.h"
#include "MsgPackFields.h"

#include "api/BotKeys.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Gateway.h"
#include "api/MarketTap.h"
#include "api/Snapshot.h"
#include "api/StrategySource.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <msgpack.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace vigil::bench {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using testing::field;
using testing::text;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr int kConnections = 16;       ///< HTTP keep-alive clients of the throughput phase
constexpr int kLanes = 4;              ///< symbols the orders go round (one per connection)
constexpr double kMaxOrderSeconds = 5; ///< the throughput phase stops here whatever its count
constexpr int kBaselineWindow = 256;   ///< the baseline's orders sent and not yet acknowledged
constexpr int kDataClients = 10;
/// The fan-out's feed keeps at most this many ticks ahead of the slowest client: as fast as
/// the clients take them, and never more than the hub's ring (65,536) holds, so that the
/// figure is the stream's delivery and not the ring's overflow.
constexpr std::int64_t kFeedWindow = 4096;

using bare::spreadUs;
using bare::steadyNs;

/// The configuration of both engines: the defaults, with the built-in strategies off (the
/// bench's orders are the only ones) and every limit that would refuse a flood raised, since
/// the bench measures the path's capacity, not its policy. Printed.
Config benchConfig(double speed, bool print)
{
    Config config = defaultConfig();
    config.simulator.speed = speed;
    config.strategies.intraday.enabled = false;
    config.strategies.swing.enabled = false;
    RiskConfig &risk = config.risk;
    risk.maxOrdersPerSecond = 100'000'000;
    risk.maxOpenOrders = 1'000'000;
    risk.duplicateWindowMs = 0; // market orders of 1 share on one symbol are all "the same order"
    risk.throttleFills = 1'000'000'000;
    risk.killDrawdownPct = 100.0;
    risk.maxGrossExposurePct = 1000.0;
    // The periodic comparison with the broker's books reads the broker's file and the
    // books' snapshot at two instants: under a steady flow of fills it can see one fill on
    // one side only, twice by chance as positions go 0, 1, 0, and block entries in that
    // symbol. Within the loader's range, it does not run during the bench.
    config.reconciliation.minWallIntervalMs = 3'600'000;
    if (print)
        std::printf("config: reconciliation.min_wall_interval_ms %d (no periodic reconciliation)\n",
                    config.reconciliation.minWallIntervalMs);
    if (print)
        std::printf("config: built-in strategies off; raised: risk.max_orders_per_second %d, risk.max_open_orders %d, "
                    "risk.duplicate_window_ms %d (off), risk.throttle_fills %d, risk.kill_drawdown_pct %.0f, "
                    "risk.max_gross_exposure_pct %.0f\n",
                    risk.maxOrdersPerSecond, risk.maxOpenOrders, risk.duplicateWindowMs, risk.throttleFills,
                    risk.killDrawdownPct, risk.maxGrossExposurePct);
    return config;
}

BotConfig benchBot()
{
    BotConfig bot;
    bot.name = "bench_bot";
    bot.displayName = "Bench bot";
    bot.code = "gb";
    bot.requestsPerMinute = 1'000'000'000; // past the loader's 100,000: a flood is the point here
    bot.buyingPower = Money::fromDollars(1'000'000'000);
    bot.maxPositionNotional = Money::fromDollars(1'000'000'000);
    bot.maxOrderQty = 1'000;
    std::printf("config: bot %s: raised requests_per_minute %d, buying_power %s, max_position_notional %s "
                "(max_order_qty %lld: the orders are of 1 share)\n",
                bot.name.c_str(), bot.requestsPerMinute, bot.buyingPower.toString(0).c_str(),
                bot.maxPositionNotional.toString(0).c_str(), static_cast<long long>(bot.maxOrderQty));
    return bot;
}

RunOptions runOptions(double speed)
{
    RunOptions options;
    options.seed = 7;
    options.sessionDate = Date{2026, 11, 20};
    options.speed = speed;
    return options;
}

/// Opens the engine's broker file and journal in `dir`, as a headless run does, and starts
/// it; then waits until its session is open and the first quotes have been taken in.
bool startEngine(Engine &engine, const QString &dir)
{
    std::string error = engine.openBroker((dir + QStringLiteral("/paper-broker.sqlite")).toStdString());
    if (error.empty())
        error = engine.openJournal((dir + QStringLiteral("/journal.sqlite")).toStdString());
    if (!error.empty()) {
        std::fprintf(stderr, "vigil-bench: %s\n", error.c_str());
        return false;
    }
    engine.start();
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (engine.snapshot()->phase != SessionPhase::Open) {
        if (Clock::now() > deadline || engine.isFinished()) {
            std::fprintf(stderr, "vigil-bench: the session did not open\n");
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // a quote for every symbol
    return true;
}

bool sessionStillOpen(const Engine &engine, const char *phase)
{
    if (engine.snapshot()->phase == SessionPhase::Open)
        return true;
    std::fprintf(stderr, "vigil-bench: the session closed before the %s ended: run at a lower --speed\n", phase);
    return false;
}

// ---- the clients ------------------------------------------------------------------------

/// A POST /v2/orders of a market order of 1 share.
bare::Http::Request marketOrder(const bare::Http &client, const std::string &symbol, bool buy,
                                const std::string &clientOrderId)
{
    return client.postOrder({{QStringLiteral("symbol"), QString::fromStdString(symbol)},
                             {QStringLiteral("qty"), QStringLiteral("1")},
                             {QStringLiteral("side"), buy ? QStringLiteral("buy") : QStringLiteral("sell")},
                             {QStringLiteral("type"), QStringLiteral("market")},
                             {QStringLiteral("time_in_force"), QStringLiteral("day")},
                             {QStringLiteral("client_order_id"), QString::fromStdString(clientOrderId)}});
}

/// The bench's orders are numbered; their client_order_id is "gb-N".
std::string orderName(int n) { return "gb-" + std::to_string(n); }

int orderNumber(const QString &clientOrderId)
{
    const QByteArray text = clientOrderId.toUtf8();
    if (!text.startsWith("gb-"))
        return -1;
    int n = -1;
    const auto [end, ec] = std::from_chars(text.constData() + 3, text.constData() + text.size(), n);
    return ec == std::errc() && end == text.constData() + text.size() ? n : -1;
}

/// The trade_updates stream (`/stream`), authenticated and listening, read on its own thread;
/// `onNew(number, arrivalNs)` for every `new` event of one of the bench's orders.
class TradeStream {
public:
    TradeStream(std::uint16_t port, const std::string &keyId, const std::string &secret)
        : m_ws(m_io)
    {
        bare::openTradeStream(m_ws, port, keyId, secret);
    }
    ~TradeStream() { stop(); }

    void start(std::function<void(int, std::int64_t)> onNew)
    {
        m_onNew = std::move(onNew);
        read();
        m_thread = std::thread([this] { m_io.run(); });
    }
    void stop()
    {
        if (!m_thread.joinable())
            return;
        m_io.stop();
        m_thread.join();
    }

private:
    void read()
    {
        m_ws.async_read(m_buffer, [this](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            const std::int64_t arrival = steadyNs();
            const QJsonObject message =
                QJsonDocument::fromJson(QByteArray(static_cast<const char *>(m_buffer.data().data()),
                                                   static_cast<qsizetype>(m_buffer.size())))
                    .object();
            m_buffer.consume(m_buffer.size());
            const QJsonObject data = message.value(QLatin1String("data")).toObject();
            if (message.value(QLatin1String("stream")).toString() == QLatin1String("trade_updates")
                && data.value(QLatin1String("event")).toString() == QLatin1String("new")) {
                const int n = orderNumber(
                    data.value(QLatin1String("order")).toObject().value(QLatin1String("client_order_id")).toString());
                if (n >= 0)
                    m_onNew(n, arrival);
            }
            read();
        });
    }

    asio::io_context m_io;
    websocket::stream<tcp::socket> m_ws;
    beast::flat_buffer m_buffer;
    std::function<void(int, std::int64_t)> m_onNew;
    std::thread m_thread;
};

// ---- the gateway's orders ---------------------------------------------------------------

struct OrderFigures {
    double ordersPerSecond = 0;
    int accepted = 0;                    ///< answered 200 and seen `new` on the stream
    int refused = 0;                     ///< answered other than 200
    std::map<std::string, int> refusals; ///< the answers' bodies, counted (the first few kinds)
    LatencySpread roundTrip;
    LatencySpread answer; ///< of the round trip: the POST to its answer (HTTP, the hub, the engine's submit)
    LatencySpread toNew;  ///< ... and the answer to the `new` event (the venue's acknowledgement, the stream)
};

void noteRefusal(OrderFigures &figures, std::mutex &mutex, unsigned status, const std::string &body)
{
    const std::string answer = std::to_string(status) + " " + body;
    std::lock_guard lock(mutex);
    ++figures.refused;
    if (figures.refusals.size() < 8 || figures.refusals.count(answer) > 0)
        ++figures.refusals[answer];
}

/// `count` orders from kConnections connections at once (stopping at kMaxOrderSeconds); an
/// order counts when its POST was answered 200 and its `new` event has arrived.
OrderFigures gatewayThroughput(std::uint16_t port, const std::string &keyId, const std::string &secret,
                               const std::vector<std::string> &symbols, int count)
{
    OrderFigures figures;
    std::mutex mutex;
    // Bit 1: answered 200; bit 2: `new` seen. Whichever comes second counts the order.
    std::vector<std::atomic<unsigned char>> state(static_cast<std::size_t>(count));
    std::atomic<int> complete{0};
    std::atomic<std::int64_t> lastComplete{0};
    const auto mark = [&](int n, unsigned char bit, std::int64_t at) {
        if (n < 0 || n >= count)
            return;
        if ((state[static_cast<std::size_t>(n)].fetch_or(bit) | bit) == 3) {
            complete.fetch_add(1);
            std::int64_t seen = lastComplete.load();
            while (seen < at && !lastComplete.compare_exchange_weak(seen, at)) {
            }
        }
    };
    TradeStream stream(port, keyId, secret);
    stream.start([&](int n, std::int64_t at) { mark(n, 2, at); });

    const std::int64_t start = steadyNs();
    const auto stopAt = start + static_cast<std::int64_t>(kMaxOrderSeconds * 1e9);
    std::atomic<int> next{0};
    std::atomic<int> sent{0};
    std::vector<std::thread> senders;
    for (int c = 0; c < kConnections; ++c)
        senders.emplace_back([&, c] {
            bare::Http client(port, keyId, secret);
            bool buy = true;
            const std::string &symbol = symbols[static_cast<std::size_t>(c % kLanes)];
            for (int n; (n = next.fetch_add(1)) < count && steadyNs() < stopAt;) {
                const bare::Http::Answer reply = client.exchange(marketOrder(client, symbol, buy, orderName(n)));
                const unsigned status = reply.status;
                const std::string &answer = reply.body;
                sent.fetch_add(1);
                buy = !buy;
                if (status == 200)
                    mark(n, 1, steadyNs());
                else
                    noteRefusal(figures, mutex, status, answer);
            }
        });
    for (std::thread &t : senders)
        t.join();
    // The last `new` events are on their way.
    const int expected = sent.load() - figures.refused;
    for (const auto until = Clock::now() + std::chrono::seconds(5); complete.load() < expected && Clock::now() < until;)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    stream.stop();
    figures.accepted = complete.load();
    const double seconds = static_cast<double>(lastComplete.load() - start) / 1e9;
    figures.ordersPerSecond = seconds > 0 ? static_cast<double>(figures.accepted) / seconds : 0;
    if (figures.accepted < expected)
        std::printf("gateway: %d order(s) answered 200 never showed `new` on the stream within 5 s\n",
                    expected - figures.accepted);
    return figures;
}

/// `count` orders one at a time: from just before the POST is written to its `new` event.
OrderFigures gatewayRoundTrips(std::uint16_t port, const std::string &keyId, const std::string &secret,
                               const std::vector<std::string> &symbols, int first, int count)
{
    OrderFigures figures;
    std::mutex mutex;
    std::vector<std::int64_t> arrival(static_cast<std::size_t>(count)); // guarded by `mutex`
    std::condition_variable arrived;
    TradeStream stream(port, keyId, secret);
    stream.start([&](int n, std::int64_t at) {
        const int i = n - first;
        if (i < 0 || i >= count)
            return;
        {
            std::lock_guard lock(mutex);
            arrival[static_cast<std::size_t>(i)] = at;
        }
        arrived.notify_one();
    });
    bare::Http client(port, keyId, secret);
    std::vector<std::int64_t> trips;
    std::vector<std::int64_t> answers; // POST to its 200
    std::vector<std::int64_t> news;    // the 200 to the `new` event
    for (int i = 0; i < count; ++i) {
        const bare::Http::Request request = marketOrder(client, symbols[static_cast<std::size_t>(i % kLanes)],
                                                        (i / kLanes) % 2 == 0, orderName(first + i));
        const std::int64_t sentAt = steadyNs();
        const bare::Http::Answer reply = client.exchange(request);
        const unsigned status = reply.status;
        const std::string &answer = reply.body;
        const std::int64_t answeredAt = steadyNs();
        if (status != 200) {
            noteRefusal(figures, mutex, status, answer);
            continue;
        }
        std::unique_lock lock(mutex);
        const std::int64_t &at = arrival[static_cast<std::size_t>(i)];
        if (!arrived.wait_for(lock, std::chrono::seconds(5), [&at] { return at != 0; })) {
            std::printf("gateway: order %d never showed `new` on the stream within 5 s\n", first + i);
            break;
        }
        trips.push_back(at - sentAt);
        answers.push_back(answeredAt - sentAt);
        news.push_back(at - answeredAt);
    }
    stream.stop();
    figures.accepted = static_cast<int>(trips.size());
    figures.roundTrip = spreadUs(std::move(trips));
    figures.answer = spreadUs(std::move(answers));
    figures.toNew = spreadUs(std::move(news));
    return figures;
}

// ---- the baseline: a strategy source inside the engine ---------------------------------

/// Sends the same market orders of 1 share from inside the engine and times each from its
/// submit to the venue's acknowledgement as the engine reports it (onOrderUpdate, status
/// Accepted: the moment a bot's source tells the bot `new`). Engine thread only, except
/// begin() and the figures read after done().
class BaselineSource final : public StrategySource {
public:
    explicit BaselineSource(int lanes)
        : m_lanes(lanes)
    {}

    StrategyIdentity identity() const override { return {"bench_baseline", "Bench baseline", "bl", false}; }
    bool trades(SymbolId symbol) const override { return symbol < static_cast<SymbolId>(m_lanes); }
    void connect(StrategyDoorbell &doorbell) override { m_doorbell.store(&doorbell); }

    /// Bench thread: `orders` orders with at most `window` unacknowledged at once.
    void begin(int orders, int window)
    {
        m_done.store(false);
        m_orders = orders;
        m_window = window;
        m_go.store(true, std::memory_order_release);
        if (StrategyDoorbell *bell = m_doorbell.load())
            bell->ring();
    }
    bool done() const { return m_done.load(std::memory_order_acquire); }

    void poll(StrategyContext &ctx) override
    {
        if (!m_go.exchange(false, std::memory_order_acquire))
            return;
        m_sent = m_acked = m_refused = 0;
        m_start = steadyNs();
        latencies.clear();
        simulated.clear();
        topUp(ctx);
    }

    void onOrderUpdate(StrategyContext &ctx, const StrategyOrder &order) override
    {
        if (order.status != OrderStatus::Accepted)
            return;
        const auto found = m_sentAt.find(order.id);
        if (found == m_sentAt.end())
            return;
        const std::int64_t now = steadyNs();
        latencies.push_back(now - found->second);
        simulated.push_back(ctx.now() - order.createdAt);
        m_sentAt.erase(found);
        ++m_acked;
        m_last = now;
        topUp(ctx);
    }

    // Figures of the last phase, read after done().
    std::vector<std::int64_t> latencies; ///< wall ns, submit to acknowledgement
    std::vector<std::int64_t> simulated; ///< simulated ns of the same, the venue's share
    int acked() const { return m_acked; }
    int refused() const { return m_refused; }
    double seconds() const { return static_cast<double>(m_last - m_start) / 1e9; }

private:
    void topUp(StrategyContext &ctx)
    {
        if (m_sent < m_orders && steadyNs() - m_start > static_cast<std::int64_t>(kMaxOrderSeconds * 1e9))
            m_orders = m_sent; // as the gateway's phase: no longer than this, whatever the count
        while (m_sent < m_orders && m_sent - m_acked - m_refused < m_window) {
            const int n = m_sent++;
            const auto symbol = static_cast<SymbolId>(n % m_lanes);
            const Side side = (n / m_lanes) % 2 == 0 ? Side::Buy : Side::Sell;
            const std::int64_t at = steadyNs();
            const Submission s = ctx.submit(symbol, side, OrderType::Market, 1);
            if (s.id == 0) {
                if (m_refused++ == 0)
                    std::printf("baseline: refused: %s %s\n", std::string(toString(s.refusal)).c_str(),
                                s.detail.c_str());
                continue;
            }
            m_sentAt[s.id] = at;
        }
        if (m_acked + m_refused >= m_orders)
            m_done.store(true, std::memory_order_release);
    }

    const int m_lanes;
    std::atomic<StrategyDoorbell *> m_doorbell{nullptr};
    std::atomic<bool> m_go{false};
    std::atomic<bool> m_done{false};
    int m_orders = 0;
    int m_window = 1;
    int m_sent = 0;
    int m_acked = 0;
    int m_refused = 0;
    std::int64_t m_start = 0;
    std::int64_t m_last = 0;
    std::unordered_map<OrderId, std::int64_t> m_sentAt;
};

struct BaselineFigures {
    double ordersPerSecond = 0;
    int refused = 0;
    LatencySpread ack;
    LatencySpread simulatedShare; ///< the venue's simulated latency of the same orders, in wall µs
};

bool waitDone(const BaselineSource &source, const Engine &engine)
{
    for (const auto until = Clock::now() + std::chrono::seconds(30); !source.done();
         std::this_thread::sleep_for(std::chrono::milliseconds(1)))
        if (Clock::now() > until || engine.isFinished()) {
            std::fprintf(stderr, "vigil-bench: the baseline's orders were not all acknowledged\n");
            return false;
        }
    return true;
}

std::optional<BaselineFigures> runBaseline(double speed, int orders, int roundTrips)
{
    QTemporaryDir dir;
    const Config bench = benchConfig(speed, false);
    auto owned = std::make_unique<BaselineSource>(kLanes);
    BaselineSource &source = *owned;
    EngineExtensions extensions;
    extensions.sources.push_back(std::move(owned));
    Engine engine(bench, runOptions(speed), std::move(extensions));
    if (!startEngine(engine, dir.path()))
        return std::nullopt;
    BaselineFigures figures;
    source.begin(orders, kBaselineWindow);
    if (!waitDone(source, engine) || !sessionStillOpen(engine, "baseline's throughput phase"))
        return std::nullopt;
    figures.ordersPerSecond = source.seconds() > 0 ? static_cast<double>(source.acked()) / source.seconds() : 0;
    figures.refused = source.refused();
    source.begin(roundTrips, 1);
    if (!waitDone(source, engine) || !sessionStillOpen(engine, "baseline's round trips"))
        return std::nullopt;
    figures.refused += source.refused();
    figures.ack = spreadUs(source.latencies);
    std::vector<std::int64_t> share;
    for (const std::int64_t simNs : source.simulated)
        share.push_back(static_cast<std::int64_t>(static_cast<double>(simNs) / speed));
    figures.simulatedShare = spreadUs(std::move(share));
    engine.stop();
    return figures;
}

// ---- the market data fan-out ------------------------------------------------------------

/// One market data client: MessagePack, authenticated, subscribed to every symbol's quotes,
/// reading on the shared io_context; counts the quotes and their lag (the tick's publication,
/// carried in its timestamp, to its decode).
class DataClient {
public:
    DataClient(asio::io_context &io, std::uint16_t port, const std::string &keyId, const std::string &secret)
        : m_ws(io)
    {
        beast::get_lowest_layer(m_ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        beast::get_lowest_layer(m_ws).set_option(tcp::no_delay(true));
        // What Alpaca's SDKs send to be answered in MessagePack.
        m_ws.set_option(websocket::stream_base::decorator(
            [](websocket::request_type &request) { request.set(http::field::content_type, "application/msgpack"); }));
        m_ws.handshake("127.0.0.1", "/v2/iex");
        expect("connected");
        m_ws.text(true);
        m_ws.write(asio::buffer(R"({"action":"auth","key":")" + keyId + R"(","secret":")" + secret + R"("})"));
        expect("authenticated");
        m_ws.write(asio::buffer(std::string(R"({"action":"subscribe","quotes":["*"]})")));
        expect("subscription");
    }

    void start() { read(); }
    void close()
    {
        beast::error_code ignored;
        beast::get_lowest_layer(m_ws).close(ignored);
    }

    std::atomic<std::int64_t> quotes{0};
    std::atomic<bool> measuring{false};
    std::atomic<bool> closed{false};
    std::vector<std::int64_t> lags; ///< ns, while measuring; read after the io_context stopped

private:
    /// The next control message's "T" (or "msg" for success) must be `what`.
    void expect(const char *what)
    {
        beast::flat_buffer buffer;
        m_ws.read(buffer);
        const msgpack::object_handle handle =
            msgpack::unpack(static_cast<const char *>(buffer.data().data()), buffer.size());
        const msgpack::object &array = handle.get();
        std::string seen;
        if (array.type == msgpack::type::ARRAY && array.via.array.size == 1) {
            const msgpack::object &message = array.via.array.ptr[0];
            seen = text(message, "T");
            if (seen == "success")
                seen = text(message, "msg");
        }
        if (seen != what)
            throw std::runtime_error(std::string("the market data stream answered '") + seen + "', not '" + what + "'");
    }

    void read()
    {
        m_ws.async_read(m_buffer, [this](beast::error_code ec, std::size_t) {
            if (ec) {
                closed.store(true);
                return;
            }
            decode();
            m_buffer.consume(m_buffer.size());
            read();
        });
    }

    void decode()
    {
        using NanoTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::nanoseconds>;
        // Strings and extensions refer into the frame, which outlives the objects: no copy
        // of each message's texts into the zone.
        const msgpack::object_handle handle =
            msgpack::unpack(static_cast<const char *>(m_buffer.data().data()), m_buffer.size(),
                            [](msgpack::type::object_type, std::size_t, void *) { return true; });
        const std::int64_t decoded =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        const msgpack::object &array = handle.get();
        if (array.type != msgpack::type::ARRAY)
            return;
        const bool measure = measuring.load(std::memory_order_relaxed);
        std::int64_t count = 0;
        for (std::uint32_t i = 0; i < array.via.array.size; ++i) {
            const msgpack::object &message = array.via.array.ptr[i];
            const msgpack::object *type = field(message, "T");
            if (!type || type->type != msgpack::type::STR
                || std::string_view(type->via.str.ptr, type->via.str.size) != "q")
                continue;
            ++count;
            const msgpack::object *time = field(message, "t");
            if (measure && time && time->type == msgpack::type::EXT && time->via.ext.type() == -1)
                lags.push_back(decoded - time->as<NanoTime>().time_since_epoch().count());
        }
        quotes.fetch_add(count, std::memory_order_relaxed);
    }

    websocket::stream<tcp::socket> m_ws;
    beast::flat_buffer m_buffer;
};

struct FanOutFigures {
    double quotesPerSecond = 0; ///< delivered, summed over the clients, as fast as they take them
    double lagRate = 0;         ///< the delivered rate (summed) the lag was measured at
    LatencySpread lag;
    std::int64_t published = 0;
    std::int64_t dropped = 0; ///< published to every client but never delivered
    int clientsClosed = 0;
};

/// The gateway's own market tap, fed from this thread at the pace the clients take: the
/// engine's simulated feed at the bench's speed brings some tens of thousands of quotes a
/// second, far below what the fan-out must show (1 M messages/s over 10 clients), so the
/// bench plays the engine thread here. The engine that fed this tap has been stopped and
/// joined before: the tap has one caller at a time, as its contract asks.
FanOutFigures fanOut(MarketTap &tap, std::uint16_t port, const std::string &keyId, const std::string &secret,
                     std::size_t symbols, double seconds)
{
    FanOutFigures figures;
    asio::io_context io;
    std::vector<std::unique_ptr<DataClient>> clients;
    for (int i = 0; i < kDataClients; ++i)
        clients.push_back(std::make_unique<DataClient>(io, port, keyId, secret));
    for (auto &client : clients)
        client->start();
    std::vector<std::thread> readers;
    for (int i = 0; i < 2; ++i)
        readers.emplace_back([&io] { io.run(); });

    const auto slowest = [&clients] {
        std::int64_t least = std::numeric_limits<std::int64_t>::max();
        for (const auto &client : clients)
            if (!client->closed.load())
                least = std::min(least, client->quotes.load(std::memory_order_relaxed));
        return least;
    };
    const auto delivered = [&clients] {
        std::int64_t sum = 0;
        for (const auto &client : clients)
            sum += client->quotes.load(std::memory_order_relaxed);
        return sum;
    };
    std::int64_t published = 0;
    Quote quote{};
    quote.bidSize = 100;
    quote.askSize = 200;
    const auto publish = [&] {
        quote.symbol = static_cast<SymbolId>(static_cast<std::size_t>(published) % symbols);
        const std::int64_t cents = 10'000 + published % 100;
        quote.bid = Price::fromCents(cents);
        quote.ask = Price::fromCents(cents + 1);
        tap.onQuote(utcNowNs(), quote); // the publication time, carried in the quote's timestamp
        ++published;
    };
    // At `perSecond` ticks a second (0: as fast as the clients take them) until `endNs`.
    const auto feedUntil = [&](std::int64_t endNs, double perSecond) {
        const std::int64_t startNs = steadyNs();
        const std::int64_t first = published;
        for (std::int64_t now; (now = steadyNs()) < endNs;) {
            const bool ahead =
                perSecond > 0
                && static_cast<double>(published - first) >= perSecond * static_cast<double>(now - startNs) / 1e9;
            if (ahead || published - slowest() >= kFeedWindow) {
                std::this_thread::sleep_for(std::chrono::microseconds(20)); // the cores are the server's
                continue;
            }
            publish();
        }
    };
    feedUntil(steadyNs() + 300'000'000, 0); // warm-up
    const std::int64_t startNs = steadyNs();
    const std::int64_t startCount = delivered();
    feedUntil(startNs + static_cast<std::int64_t>(seconds * 1e9), 0);
    const std::int64_t endNs = steadyNs();
    const std::int64_t endCount = delivered();
    figures.quotesPerSecond = static_cast<double>(endCount - startCount) / (static_cast<double>(endNs - startNs) / 1e9);
    // The lag at half that load: flat out, it would be the feed's window over the rate (the
    // ticks queued ahead of each client), which says nothing of the stream.
    figures.lagRate = figures.quotesPerSecond / 2;
    for (auto &client : clients)
        client->measuring.store(true);
    feedUntil(steadyNs() + static_cast<std::int64_t>(std::max(0.5, seconds / 2) * 1e9), figures.lagRate / kDataClients);
    for (auto &client : clients)
        client->measuring.store(false);
    // What is on its way arrives, or it was dropped.
    for (const auto until = Clock::now() + std::chrono::seconds(3);
         delivered() < published * kDataClients && Clock::now() < until;)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    figures.published = published;
    figures.dropped = published * kDataClients - delivered();
    io.stop();
    for (std::thread &t : readers)
        t.join();
    std::vector<std::int64_t> lags;
    for (auto &client : clients) {
        if (client->closed.load())
            ++figures.clientsClosed;
        lags.insert(lags.end(), client->lags.begin(), client->lags.end());
    }
    figures.lag = spreadUs(std::move(lags));
    return figures;
}

} // namespace

int runGatewayBench(int argc, char **argv, const GatewayBenchOptions &options)
{
    QCoreApplication app(argc, argv); // the journal's Qt parts want one
    spdlog::set_level(spdlog::level::err);
    const double speed = options.speed;
    const SimulatedBrokerConfig paper = defaultConfig().broker.paper;
    std::printf("session speed %.0f: the venue's order latency (%d us minimum, %d us mean, simulated) is %.1f us "
                "minimum, %.1f us mean of wall time, its reports' about half that again, and a report runs when the "
                "feed has reached its time (the feed's next message, about 25 ms apart simulated: %.0f us wall)\n",
                speed, paper.orderLatencyMinUs, paper.orderLatencyMeanUs, paper.orderLatencyMinUs / speed,
                paper.orderLatencyMeanUs / speed, 25'000 / speed);

    try {
        // ---- the gateway, with the engine as a headless run builds it ----------------------
        QTemporaryDir dir;
        Config config = benchConfig(speed, true);
        config.gateway.enabled = true;
        config.gateway.port = 0; // the system's choice
        config.bots.push_back(benchBot());
        const gateway::NewBotKey key = gateway::BotKeyStore(dir.path()).add(config.bots.front().name);
        std::vector<std::string> universe;
        for (const SymbolSpec &spec : config.simulator.symbols)
            universe.push_back(spec.symbol);
        const std::vector<std::string> lanes(universe.begin(), universe.begin() + kLanes);
        const std::unique_ptr<Gateway> gatewayServer = Gateway::start(config, dir.path(), universe);
        const std::uint16_t port = gatewayServer->port();
        EngineExtensions extensions = gatewayServer->takeExtensions();
        MarketTap *const tap = extensions.marketTap;
        auto engine = std::make_unique<Engine>(config, runOptions(speed), std::move(extensions));
        if (!startEngine(*engine, dir.path()))
            return 1;
        std::printf("gateway: %s, 1 bot, %d HTTP keep-alive connections, the trade_updates stream\n",
                    gatewayServer->url().c_str(), kConnections);

        const OrderFigures throughput = gatewayThroughput(port, key.keyId, key.secret, lanes, options.orders);
        if (!sessionStillOpen(*engine, "gateway's throughput phase"))
            return 1;
        std::printf("gateway: %d orders accepted end to end at %.0f orders/s, %d refused\n", throughput.accepted,
                    throughput.ordersPerSecond, throughput.refused);
        for (const auto &[answer, count] : throughput.refusals)
            std::printf("  refused %dx: %s\n", count, answer.c_str());

        const OrderFigures trips =
            gatewayRoundTrips(port, key.keyId, key.secret, lanes, options.orders, options.roundTrips);
        if (!sessionStillOpen(*engine, "gateway's round trips"))
            return 1;
        std::printf("gateway: round trip (POST to `new`) of %d orders one at a time: p50 %.0f us, p99 %.0f us, "
                    "max %.0f us; %d refused\n",
                    trips.accepted, trips.roundTrip.p50, trips.roundTrip.p99, trips.roundTrip.max, trips.refused);
        std::printf("gateway: of which POST to its 200: p50 %.0f us, p99 %.0f us; the 200 to `new`: p50 %.0f us, "
                    "p99 %.0f us\n",
                    trips.answer.p50, trips.answer.p99, trips.toNew.p50, trips.toNew.p99);
        for (const auto &[answer, count] : trips.refusals)
            std::printf("  refused %dx: %s\n", count, answer.c_str());

        // The engine stops here (joined: the tap's caller until now), the gateway stays.
        engine->stop();
        engine.reset();
        gatewayServer->engineStopped();
        const FanOutFigures data = fanOut(*tap, port, key.keyId, key.secret, universe.size(), options.quoteSeconds);
        std::printf(
            "market data: %d MessagePack clients on every symbol's quotes: %.0f quote messages/s delivered "
            "in all; at %.0f/s, lag p50 %.0f us, p99 %.0f us; %lld published, %lld dropped, %d client(s) closed\n",
            kDataClients, data.quotesPerSecond, data.lagRate, data.lag.p50, data.lag.p99,
            static_cast<long long>(data.published), static_cast<long long>(data.dropped), data.clientsClosed);

        // ---- the baseline: the same orders from a strategy source ---------------------------
        const std::optional<BaselineFigures> baseline = runBaseline(speed, options.orders, options.roundTrips);
        if (!baseline)
            return 1;
        std::printf("baseline: %.0f orders/s accepted (at most %d unacknowledged), submit to "
                    "acknowledgement p50 %.0f us, p99 %.0f us, max %.0f us (of which the venue's simulated latency "
                    "p50 %.0f us, p99 %.0f us); %d refused\n",
                    baseline->ordersPerSecond, kBaselineWindow, baseline->ack.p50, baseline->ack.p99, baseline->ack.max,
                    baseline->simulatedShare.p50, baseline->simulatedShare.p99, baseline->refused);

        const double orderRatio =
            baseline->ordersPerSecond > 0 ? throughput.ordersPerSecond / baseline->ordersPerSecond : 0;
        const double tripRatio = baseline->ack.p99 > 0 ? trips.roundTrip.p99 / baseline->ack.p99 : 0;
        std::printf("gateway/baseline: orders/s %.3f, round trip p99 against acknowledgement p99 %.3f\n", orderRatio,
                    tripRatio);
        std::printf("targets: >= 5000 orders/s: %s; round trip p99 <= 2000 us: %s; >= 1000000 quote messages/s: %s\n",
                    throughput.ordersPerSecond >= 5000 ? "met" : "NOT met",
                    trips.roundTrip.p99 <= 2000 && trips.accepted > 0 ? "met" : "NOT met",
                    data.quotesPerSecond >= 1e6 ? "met" : "NOT met");
        std::printf("{\"speed\": %.0f, \"gateway_orders_per_s\": %.0f, "
                    "\"gateway_refused\": %d, \"gateway_rt_p50_us\": %.1f, \"gateway_rt_p99_us\": %.1f, "
                    "\"gateway_rt_max_us\": %.1f, \"gateway_answer_p50_us\": %.1f, \"gateway_answer_p99_us\": %.1f, "
                    "\"gateway_to_new_p50_us\": %.1f, \"gateway_to_new_p99_us\": %.1f, "
                    "\"baseline_orders_per_s\": %.0f, "
                    "\"baseline_ack_p50_us\": %.1f, \"baseline_ack_p99_us\": %.1f, \"baseline_ack_max_us\": %.1f, "
                    "\"venue_sim_p50_us\": %.1f, \"venue_sim_p99_us\": %.1f, \"orders_ratio\": %.3f, "
                    "\"rt_p99_ratio\": %.3f, \"md_quotes_per_s\": %.0f, \"md_lag_rate\": %.0f, "
                    "\"md_lag_p50_us\": %.1f, \"md_lag_p99_us\": %.1f, \"md_dropped\": %lld, "
                    "\"md_clients_closed\": %d}\n",
                    speed, throughput.ordersPerSecond, throughput.refused + trips.refused, trips.roundTrip.p50,
                    trips.roundTrip.p99, trips.roundTrip.max, trips.answer.p50, trips.answer.p99, trips.toNew.p50,
                    trips.toNew.p99, baseline->ordersPerSecond, baseline->ack.p50, baseline->ack.p99, baseline->ack.max,
                    baseline->simulatedShare.p50, baseline->simulatedShare.p99, orderRatio, tripRatio,
                    data.quotesPerSecond, data.lagRate, data.lag.p50, data.lag.p99,
                    static_cast<long long>(data.dropped), data.clientsClosed);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "vigil-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}

} // namespace vigil::bench
