#include "AlpacaOrdersBench.h"

#include "AlpacaLoopback.h"
#include "BareAlpaca.h"
#include "alpaca/AlpacaVenue.h"
#include "api/Config.h"
#include "oms/Order.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace vigil::bench {

namespace {

namespace asio = bare::asio;
namespace beast = bare::beast;
namespace http = bare::http;
namespace websocket = bare::websocket;
using bare::spreadUs;
using bare::steadyNs;
using tcp = bare::tcp;
using Clock = std::chrono::steady_clock;

const Date kDate{2026, 11, 20};
constexpr int kWarmUp = 10;                            ///< round trips of each kind before the counted ones
constexpr auto kAnswerWait = std::chrono::seconds(10); ///< the longest wait for one answer or event
constexpr auto kBatchWait = std::chrono::seconds(60);  ///< ... for a batch's (500 orders placed or cancelled)
constexpr int kSpinsBeforeSleep = 2000;                ///< as the engine's thread (runtime/Engine.cpp)
/// Before a kill, with every order acknowledged: the venue's last POST answers (its Acks come
/// from the stream, the answers on Qt's connections may still be on their way) are in.
constexpr auto kSettle = std::chrono::milliseconds(300);

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 == 1 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::runtime_error failure(const std::string &what) { return std::runtime_error(what); }

// ---- the bare client ---------------------------------------------------------------------

using BareHttp = bare::Http;

/// A limit order to buy `qty` AAPL at `limit`, good for the day.
BareHttp::Request limitBuy(const BareHttp &client, const std::string &clientOrderId, Quantity qty, Price limit)
{
    return client.postOrder({{QStringLiteral("symbol"), QStringLiteral("AAPL")},
                             {QStringLiteral("qty"), QString::number(qty)},
                             {QStringLiteral("side"), QStringLiteral("buy")},
                             {QStringLiteral("type"), QStringLiteral("limit")},
                             {QStringLiteral("limit_price"), QString::fromStdString(limit.toString())},
                             {QStringLiteral("time_in_force"), QStringLiteral("day")},
                             {QStringLiteral("client_order_id"), QString::fromStdString(clientOrderId)}});
}

/// The trade_updates stream on its own socket, authenticated and listening once, read on its
/// own thread. Every `new` and `canceled` event is stamped when it has been read and parsed
/// (a client must read the JSON to know which order it is about): the bare client's own
/// orders' ("bb-...") and the venue's, whose events the server sends to both sockets.
class BareStream {
public:
    BareStream(std::uint16_t port, const std::string &keyId, const std::string &secret)
        : m_ws(m_io)
    {
        bare::openTradeStream(m_ws, port, keyId, secret);
        read();
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~BareStream()
    {
        m_io.stop();
        if (m_thread.joinable())
            m_thread.join();
    }
    BareStream(const BareStream &) = delete;
    BareStream &operator=(const BareStream &) = delete;

    /// When `new` (or `canceled`) of `clientOrderId` arrived, waiting for it at most `wait`;
    /// 0 if it did not.
    std::int64_t newAt(const std::string &clientOrderId, std::chrono::milliseconds wait)
    {
        return at(m_new, clientOrderId, wait);
    }
    std::int64_t canceledAt(const std::string &clientOrderId, std::chrono::milliseconds wait)
    {
        return at(m_canceled, clientOrderId, wait);
    }

private:
    void read()
    {
        m_ws.async_read(m_buffer, [this](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            const QJsonObject message =
                QJsonDocument::fromJson(QByteArray(static_cast<const char *>(m_buffer.data().data()),
                                                   static_cast<qsizetype>(m_buffer.size())))
                    .object();
            m_buffer.consume(m_buffer.size());
            const QJsonObject data = message.value(QLatin1String("data")).toObject();
            const QString event = data.value(QLatin1String("event")).toString();
            const std::string id = data.value(QLatin1String("order"))
                                       .toObject()
                                       .value(QLatin1String("client_order_id"))
                                       .toString()
                                       .toStdString();
            const std::int64_t arrival = steadyNs();
            if (event == QLatin1String("new") || event == QLatin1String("canceled")) {
                {
                    std::lock_guard lock(m_mutex);
                    (event == QLatin1String("new") ? m_new : m_canceled).emplace(id, arrival);
                }
                m_arrived.notify_all();
            }
            read();
        });
    }

    std::int64_t at(const std::unordered_map<std::string, std::int64_t> &events, const std::string &clientOrderId,
                    std::chrono::milliseconds wait)
    {
        std::unique_lock lock(m_mutex);
        std::int64_t found = 0;
        m_arrived.wait_for(lock, wait, [&] {
            const auto it = events.find(clientOrderId);
            found = it == events.end() ? 0 : it->second;
            return found != 0;
        });
        return found;
    }

    asio::io_context m_io;
    websocket::stream<tcp::socket> m_ws;
    beast::flat_buffer m_buffer;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::unordered_map<std::string, std::int64_t> m_new;      ///< guarded by m_mutex
    std::unordered_map<std::string, std::int64_t> m_canceled; ///< guarded by m_mutex
};

// ---- the venue, driven as the engine's thread drives it --------------------------------

class VenueDriver {
public:
    explicit VenueDriver(alpaca::AlpacaVenue &venue)
        : m_venue(venue)
    {}

    /// Reads the venue's messages as the engine's thread does (spinning a while on
    /// pending(), then asleep on the engine's bell) until `until` holds or `wait` passes;
    /// true if it held.
    template<typename Until> bool pump(Until until, std::chrono::milliseconds wait)
    {
        const auto deadline = Clock::now() + wait;
        for (;;) {
            VenueMessage m;
            while (m_venue.next(m)) {
                record(m, steadyNs());
                if (until())
                    return true;
            }
            if (until())
                return true;
            if (Clock::now() > deadline)
                return false;
            bool ready = false;
            for (int spin = 0; spin < kSpinsBeforeSleep && !ready; ++spin) {
                ready = m_venue.pending();
#if defined(__x86_64__) || defined(__i386__)
                _mm_pause();
#endif
            }
            if (!ready)
                m_venue.engineBell().sleepUntil([this] { return m_venue.pending(); }, std::chrono::milliseconds(1));
        }
    }

    /// A limit order to buy `qty` AAPL (SymbolId 0) at `limit`; `orderId`'s Ack is awaited
    /// by the caller.
    void order(OrderId orderId, Quantity qty, Price limit)
    {
        EngineMessage m;
        m.kind = EngineMessage::Kind::NewOrder;
        m.orderId = orderId;
        m.symbol = 0;
        m.side = Side::Buy;
        m.type = OrderType::Limit;
        m.qty = qty;
        m.limitPrice = limit;
        m.requestSeq = ++m_requests;
        m.decisionTime = m_venue.now();
        m.setClientOrderId(clientOrderId(kDate.toCompact(), "bn", orderId));
        m_venue.send(m);
    }

    /// What the engine sends on a kill: the one bulk cancel.
    void cancelAll()
    {
        EngineMessage m;
        m.kind = EngineMessage::Kind::CancelAll;
        m.requestSeq = ++m_requests;
        m.decisionTime = m_venue.now();
        m_venue.send(m);
    }

    std::int64_t acceptedAt(OrderId id) const { return find(m_accepted, id); }
    std::int64_t cancelledAt(OrderId id) const { return find(m_cancelled, id); }
    /// Why the order or its cancel went wrong ("rejected (broker-error)", "filled"), or empty.
    std::string trouble(OrderId id) const
    {
        const auto it = m_trouble.find(id);
        return it == m_trouble.end() ? std::string() : it->second;
    }
    std::uint64_t quotes() const { return m_quotes; }

private:
    static std::int64_t find(const std::unordered_map<OrderId, std::int64_t> &map, OrderId id)
    {
        const auto it = map.find(id);
        return it == map.end() ? 0 : it->second;
    }

    void record(const VenueMessage &m, std::int64_t at)
    {
        if (m.kind == VenueMessage::Kind::Quote || m.kind == VenueMessage::Kind::Trade) {
            ++m_quotes;
            return;
        }
        if (m.kind != VenueMessage::Kind::Exec)
            return;
        const ExecReport &r = m.exec;
        switch (r.type) {
        case ExecType::Accepted: m_accepted.emplace(r.orderId, at); break;
        case ExecType::Cancelled: m_cancelled.emplace(r.orderId, at); break;
        case ExecType::Rejected:
        case ExecType::CancelReject:
        case ExecType::Fill:
        case ExecType::Expired:
            m_trouble[r.orderId] =
                std::string(toString(r.type))
                + (r.reason == RejectReason::None ? std::string() : " (" + std::string(toString(r.reason)) + ")");
            break;
        }
    }

    alpaca::AlpacaVenue &m_venue;
    std::uint64_t m_requests = 0;
    std::uint64_t m_quotes = 0;
    std::unordered_map<OrderId, std::int64_t> m_accepted;
    std::unordered_map<OrderId, std::int64_t> m_cancelled;
    std::unordered_map<OrderId, std::string> m_trouble;
};

// ---- the rig -----------------------------------------------------------------------------

/// VIGIL_BINARY and VIGIL_SOURCE_DIR for the rigs, from the build when they are unset.
void defaultEnvironment()
{
    if (qEnvironmentVariableIsEmpty("VIGIL_BINARY"))
        qputenv("VIGIL_BINARY", VIGIL_BENCH_VIGIL_BINARY);
    if (qEnvironmentVariableIsEmpty("VIGIL_SOURCE_DIR"))
        qputenv("VIGIL_SOURCE_DIR", VIGIL_BENCH_SOURCE_DIR);
}

/// AAPL's limit for orders that stay working: 3 % under the server's bid now (inside the
/// server's price collar, far from a fill).
Price workingLimit(testing::AlpacaLoopback &loop)
{
    const double bid = loop.call("GET", loop.serverRestUrl() + QStringLiteral("/v2/stocks/AAPL/quotes/latest"))
                           .object()
                           .value(QLatin1String("quote"))
                           .toObject()
                           .value(QLatin1String("bp"))
                           .toDouble();
    if (!(bid > 0))
        throw failure("the server has no AAPL quote");
    return Price::fromCents(static_cast<std::int64_t>(bid * 0.97 * 100));
}

/// Waits until the server has no open order of the desk's (at most 10 s); throws if it still
/// has some.
void expectNoneOpen(testing::AlpacaLoopback &loop, const char *after)
{
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    for (;;) {
        const testing::AlpacaLoopback::Reply r =
            loop.call("GET", loop.serverRestUrl() + QStringLiteral("/v2/orders?status=open&limit=500"));
        const qsizetype open = r.array().size();
        if (r.status == 200 && open == 0)
            return;
        if (Clock::now() > deadline)
            throw failure(std::string("after ") + after + ", GET /v2/orders?status=open answered "
                          + std::to_string(r.status) + " with " + std::to_string(open) + " orders still open");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

/// Throws unless the server has exactly `count` open orders of the desk's (at most 500).
void expectOpen(testing::AlpacaLoopback &loop, int count)
{
    const testing::AlpacaLoopback::Reply r =
        loop.call("GET", loop.serverRestUrl() + QStringLiteral("/v2/orders?status=open&limit=500"));
    if (r.status != 200 || r.array().size() != count)
        throw failure("before the kill, GET /v2/orders?status=open answered " + std::to_string(r.status) + " with "
                      + std::to_string(r.array().size()) + " orders, not " + std::to_string(count));
}

std::string bareId(const char *phase, int n) { return "bb-" + std::string(phase) + "-" + std::to_string(n); }

// ---- section: the order round trip -------------------------------------------------------

/// Every working order of the desk's (the venue's `ids` and the others') goes with one bulk
/// cancel, confirmed; then none is open at the server.
void clearBook(testing::AlpacaLoopback &loop, VenueDriver &venue, const std::vector<OrderId> &ids)
{
    venue.cancelAll();
    if (!venue.pump(
            [&] { return std::all_of(ids.begin(), ids.end(), [&](OrderId id) { return venue.cancelledAt(id) != 0; }); },
            kBatchWait))
        throw failure("the round trips' orders were not all cancelled within 60 s");
    expectNoneOpen(loop, "the round trips' cancel");
}

void roundTripSection(const AlpacaOrderOptions &options, testing::AlpacaLoopback &loop, BareHttp &bare,
                      BareStream &stream, VenueDriver &venue, alpaca::TradingThread &rest, OrderId &nextId,
                      AlpacaOrderFigures &figures)
{
    const Price limit = workingLimit(loop);
    std::printf("order round trip: %d of each kind after %d not counted, taken in turns (REST client, bare, venue, "
                "...), "
                "one at a time; limit orders to buy AAPL at %s (3 %% under the bid: they stay working)\n",
                options.orders, kWarmUp, limit.toString().c_str());
    std::vector<std::int64_t> bareTrips;
    std::vector<std::int64_t> bareAnswers;
    std::vector<std::int64_t> venueTrips;
    std::vector<std::int64_t> venueToNew;    ///< send() to its `new` on the bare socket
    std::vector<std::int64_t> venueAfterNew; ///< that `new` to the Ack out of next()
    std::vector<OrderId> venueIds;
    std::vector<std::int64_t> restAnswers; ///< the venue's REST client alone: the POST to its 200
    std::vector<std::int64_t> restToNew;   ///< ... and to its `new` on the bare socket
    const std::uint64_t quotes0 = venue.quotes();
    for (int i = 0; i < kWarmUp + options.orders; ++i) {
        const auto qty = static_cast<Quantity>(1 + i % 7);
        // The venue's REST client alone (RestClient on a TradingThread of its own, Qt's HTTP),
        // called from this thread and waited for: the request side's share without the venue.
        const std::string restId = bareId("qt", i);
        const BareHttp::Request made = limitBuy(bare, restId, qty, limit);
        alpaca::RestRequest restRequest{"POST",
                                        QStringLiteral("/v2/orders"),
                                        {},
                                        QByteArray::fromStdString(made.body()),
                                        alpaca::Priority::NewOrder};
        const std::int64_t restSent = steadyNs();
        const alpaca::RestResponse restAnswer = rest.call(std::move(restRequest));
        const std::int64_t restAnswered = steadyNs();
        if (restAnswer.status != 200)
            throw failure("the REST client's POST /v2/orders: " + restAnswer.error);
        const std::int64_t restNew = stream.newAt(restId, kAnswerWait);
        if (restNew == 0)
            throw failure("the order " + restId + " showed no `new` on the stream within 10 s");
        if (i >= kWarmUp) {
            restAnswers.push_back(restAnswered - restSent);
            restToNew.push_back(restNew - restSent);
        }

        // Bare: the request is made before the clock starts; from its write to the `new`.
        const std::string id = bareId("rt", i);
        const BareHttp::Request request = limitBuy(bare, id, qty, limit);
        const std::int64_t sent = steadyNs();
        const BareHttp::Answer answer = bare.exchange(request);
        const std::int64_t answered = steadyNs();
        if (answer.status != 200)
            throw failure("the bare POST /v2/orders answered " + std::to_string(answer.status) + " " + answer.body);
        const std::int64_t isNew = stream.newAt(id, kAnswerWait);
        if (isNew == 0)
            throw failure("the bare order " + id + " showed no `new` on the stream within 10 s");
        // The venue: from just before send() to its Ack coming out of next().
        const OrderId orderId = nextId++;
        venueIds.push_back(orderId);
        const std::int64_t decided = steadyNs();
        venue.order(orderId, qty, limit);
        if (!venue.pump([&] { return venue.acceptedAt(orderId) != 0 || !venue.trouble(orderId).empty(); }, kAnswerWait))
            throw failure("the venue's order " + std::to_string(orderId) + " was not acknowledged within 10 s");
        if (!venue.trouble(orderId).empty())
            throw failure("the venue's order " + std::to_string(orderId) + ": " + venue.trouble(orderId));
        // The same `new` on the bare socket: where the venue's time went, on which side.
        const std::int64_t venueNew =
            stream.newAt(clientOrderId(kDate.toCompact(), "bn", orderId), std::chrono::milliseconds(kAnswerWait));
        if (venueNew == 0)
            throw failure("the venue's order " + std::to_string(orderId) + " showed no `new` on the bare stream");
        if (i % 100 == 99) // not counted: the server's buying power is not what is measured
            clearBook(loop, venue, venueIds);
        if (i < kWarmUp)
            continue;
        bareTrips.push_back(isNew - sent);
        bareAnswers.push_back(answered - sent);
        venueTrips.push_back(venue.acceptedAt(orderId) - decided);
        venueToNew.push_back(venueNew - decided);
        venueAfterNew.push_back(venue.acceptedAt(orderId) - venueNew);
    }
    figures.roundTrips = true;
    figures.orders = options.orders;
    figures.quotesDuring = venue.quotes() - quotes0;
    figures.bare = spreadUs(std::move(bareTrips));
    figures.bareAnswer = spreadUs(std::move(bareAnswers));
    figures.venue = spreadUs(std::move(venueTrips));
    figures.venueToNew = spreadUs(std::move(venueToNew));
    figures.venueAfterNew = spreadUs(std::move(venueAfterNew));
    figures.restAnswer = spreadUs(std::move(restAnswers));
    figures.restToNew = spreadUs(std::move(restToNew));

    clearBook(loop, venue, venueIds);
}

// ---- section: the kill switch ------------------------------------------------------------

/// The venue's `count` orders placed and acknowledged, then the kill: send(CancelAll) to
/// the last Canceled out of next(). Milliseconds of the kill; `placeMs` the placing.
double venueKill(testing::AlpacaLoopback &loop, VenueDriver &venue, OrderId &nextId, int count, double &placeMs)
{
    const Price limit = workingLimit(loop);
    std::vector<OrderId> ids;
    const std::int64_t placing = steadyNs();
    for (int k = 0; k < count; ++k) {
        ids.push_back(nextId++);
        venue.order(ids.back(), static_cast<Quantity>(1 + k % 7), limit);
    }
    const auto all = [&](auto at) {
        return std::all_of(ids.begin(), ids.end(), [&](OrderId id) { return at(id) != 0; });
    };
    const auto troubled = [&] {
        return std::find_if(ids.begin(), ids.end(), [&](OrderId id) { return !venue.trouble(id).empty(); });
    };
    if (!venue.pump([&] { return all([&](OrderId id) { return venue.acceptedAt(id); }) || troubled() != ids.end(); },
                    kBatchWait))
        throw failure("the venue's " + std::to_string(count) + " orders were not all acknowledged within 60 s");
    if (const auto bad = troubled(); bad != ids.end())
        throw failure("the venue's order " + std::to_string(*bad) + ": " + venue.trouble(*bad));
    std::int64_t lastAck = 0;
    for (OrderId id : ids)
        lastAck = std::max(lastAck, venue.acceptedAt(id));
    placeMs = static_cast<double>(lastAck - placing) / 1e6;
    venue.pump([] { return false; }, kSettle);
    expectOpen(loop, count);

    const std::int64_t clicked = steadyNs();
    venue.cancelAll();
    if (!venue.pump([&] { return all([&](OrderId id) { return venue.cancelledAt(id); }) || troubled() != ids.end(); },
                    kBatchWait))
        throw failure("the kill left the venue's orders without a Canceled report 60 s on");
    if (const auto bad = troubled(); bad != ids.end())
        throw failure("the venue's order " + std::to_string(*bad) + " at the kill: " + venue.trouble(*bad));
    std::int64_t lastCancel = 0;
    for (OrderId id : ids)
        lastCancel = std::max(lastCancel, venue.cancelledAt(id));
    expectNoneOpen(loop, "the venue's kill");
    return static_cast<double>(lastCancel - clicked) / 1e6;
}

struct BareKill {
    double answerMs = 0;   ///< DELETE /v2/orders to its 207 answer
    double canceledMs = 0; ///< ... to the last `canceled` on the bare stream
    double parseMs = 0;    ///< the 207's JSON parsed afterwards (QJsonDocument), not in answerMs
    std::size_t bytes = 0; ///< the 207's body
    std::string items;     ///< its items' orders by status: "canceled 500"
};

/// The bare client's `count` orders placed and `new`, then DELETE /v2/orders.
BareKill bareKill(testing::AlpacaLoopback &loop, BareHttp &bare, BareStream &stream, int round, int count)
{
    BareKill figures;
    const Price limit = workingLimit(loop);
    const std::string phase = "kill" + std::to_string(round);
    for (int k = 0; k < count; ++k) {
        const BareHttp::Answer a = bare.exchange(limitBuy(bare, bareId(phase.c_str(), k), 1 + k % 7, limit));
        if (a.status != 200)
            throw failure("the bare POST /v2/orders answered " + std::to_string(a.status) + " " + a.body);
    }
    for (int k = 0; k < count; ++k)
        if (stream.newAt(bareId(phase.c_str(), k), kAnswerWait) == 0)
            throw failure("the bare order " + bareId(phase.c_str(), k) + " showed no `new` on the stream");
    std::this_thread::sleep_for(kSettle); // as the venue's
    expectOpen(loop, count);

    const BareHttp::Request request = bare.request(http::verb::delete_, "/v2/orders");
    const std::int64_t clicked = steadyNs();
    const BareHttp::Answer a = bare.exchange(request);
    const std::int64_t answered = steadyNs();
    if (a.status != 207)
        throw failure("the bare DELETE /v2/orders answered " + std::to_string(a.status) + " " + a.body.substr(0, 300));
    const std::int64_t parsing = steadyNs();
    const QJsonArray items = QJsonDocument::fromJson(QByteArray::fromStdString(a.body)).array();
    figures.parseMs = static_cast<double>(steadyNs() - parsing) / 1e6;
    figures.bytes = a.body.size();
    std::map<QString, int> statuses;
    for (const QJsonValue &item : items)
        ++statuses[item.toObject().value(QLatin1String("body")).toObject().value(QLatin1String("status")).toString()];
    for (const auto &[status, n] : statuses)
        figures.items += (figures.items.empty() ? "" : ", ") + status.toStdString() + " " + std::to_string(n);
    const auto fine = std::count_if(items.begin(), items.end(), [](const QJsonValue &item) {
        const int status = item.toObject().value(QLatin1String("status")).toInt();
        return status >= 200 && status < 300;
    });
    if (items.size() != count || fine != count)
        throw failure("the bare DELETE /v2/orders answered 207 with " + std::to_string(items.size()) + " items, "
                      + std::to_string(fine) + " of them cancelled, for " + std::to_string(count) + " working orders");
    std::int64_t lastCanceled = 0;
    for (int k = 0; k < count; ++k) {
        const std::int64_t at = stream.canceledAt(bareId(phase.c_str(), k), kAnswerWait);
        if (at == 0)
            throw failure("the bare order " + bareId(phase.c_str(), k) + " showed no `canceled` on the stream");
        lastCanceled = std::max(lastCanceled, at);
    }
    figures.canceledMs = static_cast<double>(lastCanceled - clicked) / 1e6;
    figures.answerMs = static_cast<double>(answered - clicked) / 1e6;
    expectNoneOpen(loop, "the bare DELETE /v2/orders");
    return figures;
}

void killSection(const AlpacaOrderOptions &options, testing::AlpacaLoopback &loop, BareHttp &bare, BareStream &stream,
                 VenueDriver &venue, OrderId &nextId, AlpacaOrderFigures &figures)
{
    std::printf("kill switch: %d working orders (limit, 3 %% under the bid), %d rounds of each kind in turns\n",
                options.killOrders, options.killRounds);
    std::vector<double> bareMs;
    std::vector<double> bareCanceledMs;
    std::vector<double> venueMs;
    std::vector<double> placeMs;
    for (int round = 0; round < options.killRounds; ++round) {
        const BareKill b = bareKill(loop, bare, stream, round, options.killOrders);
        bareMs.push_back(b.answerMs);
        bareCanceledMs.push_back(b.canceledMs);
        double placed = 0;
        venueMs.push_back(venueKill(loop, venue, nextId, options.killOrders, placed));
        placeMs.push_back(placed);
        char line[400];
        std::snprintf(line, sizeof line,
                      "  round %d: bare 207 %.1f ms (%zu bytes, its items' orders: %s; parsing it takes %.1f ms "
                      "more), last `canceled` on the bare stream %.1f ms; venue all Canceled %.1f ms (its %d "
                      "orders acknowledged %.0f ms after the first send)\n",
                      round + 1, b.answerMs, b.bytes, b.items.c_str(), b.parseMs, b.canceledMs, venueMs.back(),
                      options.killOrders, placed);
        figures.killRuns += line;
        std::fputs(line, stdout);
    }
    figures.kill = true;
    figures.killOrders = options.killOrders;
    figures.killRounds = options.killRounds;
    figures.bareKillMs = median(bareMs);
    figures.bareKillCanceledMs = median(bareCanceledMs);
    figures.venueKillMs = median(venueMs);
    figures.venuePlaceMs = median(placeMs);
}

} // namespace

AlpacaOrderFigures runAlpacaOrderSections(const AlpacaOrderOptions &options)
{
    defaultEnvironment();
    AlpacaOrderFigures figures;
    testing::AlpacaLoopback loop;
    testing::AlpacaLoopbackOptions server;
    server.deskLines = QStringLiteral("buying_power = \"50000000\"\nmax_position_notional = \"50000000\"\n");
    if (const QString e = loop.startServer(server); !e.isEmpty())
        throw failure("the server vigil: " + e.toStdString());
    const double speed = server.speed.toDouble();
    const SimulatedBrokerConfig paper = defaultConfig().broker.paper;
    std::printf("server: vigil run --headless --speed %s on 127.0.0.1:%u (desk bot, built-in strategies off, risk "
                "opened as tests/AlpacaLoopback.h; its paper broker's order latency %.0f us minimum, %.0f us mean at "
                "this speed)\n",
                qPrintable(server.speed), static_cast<unsigned>(loop.server.port), paper.orderLatencyMinUs / speed,
                paper.orderLatencyMeanUs / speed);

    const auto opens = Clock::now() + std::chrono::seconds(120);
    while (!loop.call("GET", loop.serverRestUrl() + QStringLiteral("/v2/clock"))
                .object()
                .value(QLatin1String("is_open"))
                .toBool()) {
        if (Clock::now() > opens)
            throw failure("the server's session did not open within 120 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    Config config = defaultConfig();
    config.venue.kind = VenueKind::Alpaca;
    AlpacaVenueConfig &alpaca = config.venue.alpaca;
    alpaca.restUrl = loop.serverRestUrl().toStdString();
    alpaca.streamUrl = loop.serverStreamUrl().toStdString();
    alpaca.dataStreamUrl = QStringLiteral("ws://127.0.0.1:%1/v2").arg(loop.server.port).toStdString();
    alpaca.dataRestUrl = loop.serverRestUrl().toStdString();
    alpaca.requestsPerMinute = 10'000; // the loader's most: the budget is not what is measured
    alpaca.reconnectMinMs = 50;
    alpaca.reconnectMaxMs = 500;
    std::printf("venue: alpaca::AlpacaVenue on the server's own URLs (no proxy), its budget %d requests a minute, "
                "its market data stream on; this thread plays the engine's (spins, then sleeps on its bell)\n",
                alpaca.requestsPerMinute);
    alpaca::AlpacaVenue venue(config, kDate, BrokerKeyPair{loop.keyId().toStdString(), loop.secret().toStdString()});
    std::atomic<bool> stop{false};
    venue.start(stop);
    VenueDriver driver(venue);
    if (!driver.pump([&] { return venue.links().tradeStream == LinkState::Up; }, std::chrono::seconds(20)))
        throw failure("the venue's trade stream did not come up within 20 s");

    BareHttp bare(loop.server.port, loop.keyId().toStdString(), loop.secret().toStdString());
    BareStream stream(loop.server.port, loop.keyId().toStdString(), loop.secret().toStdString());
    alpaca::TradingThread rest(alpaca, BrokerKeyPair{loop.keyId().toStdString(), loop.secret().toStdString()},
                               "bench-rest");
    OrderId nextId = 1;
    try {
        if (options.roundTrips)
            roundTripSection(options, loop, bare, stream, driver, rest, nextId, figures);
        if (options.kill)
            killSection(options, loop, bare, stream, driver, nextId, figures);
    } catch (...) {
        stop = true;
        venue.join();
        throw;
    }
    stop = true;
    venue.join();
    if (const QString e = loop.stop(); !e.isEmpty())
        std::fprintf(stderr, "vigil-bench alpaca: the server vigil at the end: %s\n", qPrintable(e));
    return figures;
}

} // namespace vigil::bench
