// The bots' REST API: who may ask (one 401 for every kind of bad key), how often (429 and
// the X-Ratelimit-* headers), where each method and path goes (the engine request it
// becomes, 404, 405, 422), and the status and JSON each engine reply is answered with.
// The engine's side is a backend answering with fixed replies: the end-to-end path through
// the real engine is the gateway's own test.
#include "net/AlpacaJson.h"
#include "net/AlpacaRest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace vigil;
using namespace vigil::gateway;

namespace {

constexpr const char *kKey = "PKMOMO";
constexpr const char *kSecret = "s3cret";
constexpr std::int64_t kStartNs = 1'795'186'800LL * kNsPerSecond; // 2026-11-20T15:00:00Z

struct Asked {
    int bot = -1;
    BotRequest request;
};

/// The engine's side: records what was asked and answers with `reply`, at once or when
/// the test says (`deferred`).
struct FakeEngine {
    std::vector<Asked> asked;
    std::vector<int> seen;
    BotReply reply = NoContent{};
    bool deferred = false;
    std::vector<ReplyFn> waiting;

    RestBackend backend(std::vector<BotConfig> bots)
    {
        RestBackend b;
        b.bots = std::move(bots);
        b.request = [this](int bot, BotRequest request, ReplyFn fn) {
            asked.push_back(Asked{bot, std::move(request)});
            if (deferred)
                waiting.push_back(std::move(fn));
            else
                fn(reply);
        };
        b.noteSeen = [this](int bot) { seen.push_back(bot); };
        return b;
    }
};

BotConfig bot(std::string name, int perMinute = 200)
{
    BotConfig c;
    c.name = std::move(name);
    c.requestsPerMinute = perMinute;
    return c;
}

/// Keys: PKMOMO/s3cret is "momo" (configured, second), PKALPHA/a "alpha" (first), PKGHOST/boo is "ghost" (a key in
/// force for a bot the configuration no longer has); anything else is refused.
Authenticate keys()
{
    return [](std::string_view keyId, std::string_view secret) -> std::optional<std::string> {
        if (keyId == "PKMOMO" && secret == "s3cret")
            return std::string("momo");
        if (keyId == "PKALPHA" && secret == "a")
            return std::string("alpha");
        if (keyId == "PKGHOST" && secret == "boo")
            return std::string("ghost");
        return std::nullopt;
    };
}

HttpRequest req(std::string method, std::string path, gateway::alpaca::Query query = {}, std::string body = {},
                const char *key = kKey, const char *secret = kSecret)
{
    HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.query = std::move(query);
    r.body = std::move(body);
    if (key)
        r.headers.emplace_back("apca-api-key-id", key);
    if (secret)
        r.headers.emplace_back("apca-api-secret-key", secret);
    return r;
}

struct Rig {
    FakeEngine engine;
    std::int64_t now = kStartNs;
    AlpacaRest rest;
    explicit Rig(int perMinute = 200)
        : rest(engine.backend({bot("alpha"), bot("momo", perMinute)}), keys(), [this] { return now; })
    {}

    std::optional<HttpResponse> call(HttpRequest r)
    {
        std::optional<HttpResponse> out;
        rest.handle(std::move(r), [&out](HttpResponse response) { out = std::move(response); });
        return out;
    }
};

std::string header(const HttpResponse &r, std::string_view name)
{
    for (const auto &[key, value] : r.headers)
        if (key == name)
            return value;
    return "<none>";
}

QJsonObject object(const HttpResponse &r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
}
QJsonArray array(const HttpResponse &r) { return QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).array(); }
QString field(const QJsonObject &o, const char *name) { return o.value(QLatin1String(name)).toString(); }
int code(const HttpResponse &r) { return object(r).value(QLatin1String("code")).toInt(); }

BotOrder order(std::string uuid, std::string symbol)
{
    BotOrder o;
    o.uuid = std::move(uuid);
    o.clientOrderId = "c-" + o.uuid.substr(0, 4);
    o.symbol = std::move(symbol);
    o.qty = 5;
    o.status = OrderStatus::Accepted;
    o.createdAt = kStartNs;
    return o;
}

constexpr const char *kUuid = "0b8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a71";

} // namespace

class TestAlpacaRest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void routesEachPathToItsEngineRequest_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("requestIndex");
        const auto index = [](BotRequest r) { return int(r.index()); };
        const QString none;
        QTest::newRow("account") << "GET"
                                 << "/v2/account" << none << index(GetAccount{});
        QTest::newRow("clock") << "GET"
                               << "/v2/clock" << none << index(GetClock{});
        QTest::newRow("calendar") << "GET"
                                  << "/v2/calendar" << none << index(GetCalendar{});
        QTest::newRow("assets") << "GET"
                                << "/v2/assets" << none << index(GetAssets{});
        QTest::newRow("asset") << "GET"
                               << "/v2/assets/AAPL" << none << index(GetAsset{});
        QTest::newRow("submit") << "POST"
                                << "/v2/orders"
                                << R"({"symbol":"AAPL","qty":"1","side":"buy","type":"market","time_in_force":"day"})"
                                << index(SubmitOrder{});
        QTest::newRow("list orders") << "GET"
                                     << "/v2/orders" << none << index(ListOrders{});
        QTest::newRow("cancel all") << "DELETE"
                                    << "/v2/orders" << none << index(CancelAllOrders{});
        QTest::newRow("get order") << "GET" << QString::fromLatin1(kUuid).prepend(QStringLiteral("/v2/orders/")) << none
                                   << index(GetOrder{});
        QTest::newRow("cancel order") << "DELETE" << QString::fromLatin1(kUuid).prepend(QStringLiteral("/v2/orders/"))
                                      << none << index(CancelOrder{});
        QTest::newRow("activities") << "GET"
                                    << "/v2/account/activities" << none << index(GetActivities{});
        QTest::newRow("fill activities") << "GET"
                                         << "/v2/account/activities/FILL" << none << index(GetActivities{});
        QTest::newRow("positions") << "GET"
                                   << "/v2/positions" << none << index(GetPositions{});
        QTest::newRow("close all") << "DELETE"
                                   << "/v2/positions" << none << index(CloseAllPositions{});
        QTest::newRow("position") << "GET"
                                  << "/v2/positions/AAPL" << none << index(GetPosition{});
        QTest::newRow("close one") << "DELETE"
                                   << "/v2/positions/AAPL" << none << index(ClosePosition{});
        QTest::newRow("latest quote") << "GET"
                                      << "/v2/stocks/AAPL/quotes/latest" << none << index(GetLatestQuotes{});
        QTest::newRow("latest trade") << "GET"
                                      << "/v2/stocks/AAPL/trades/latest" << none << index(GetLatestTrades{});
        QTest::newRow("latest bar") << "GET"
                                    << "/v2/stocks/AAPL/bars/latest" << none << index(GetLatestBars{});
    }
    void routesEachPathToItsEngineRequest()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(int, requestIndex);
        Rig rig;
        const auto answer = rig.call(req(method.toStdString(), path.toStdString(), {}, body.toStdString()));
        QVERIFY(answer);
        QCOMPARE(rig.engine.asked.size(), std::size_t(1));
        QCOMPARE(rig.engine.asked[0].bot, 1); // momo, the second configured bot
        QCOMPARE(int(rig.engine.asked[0].request.index()), requestIndex);
        QCOMPARE(rig.engine.seen, std::vector<int>{1});
    }

    void carriesThePathsAndQueriesIntoTheRequest()
    {
        Rig rig;
        rig.call(req("GET", "/v2/orders:by_client_order_id", {{"client_order_id", "mine-7"}}));
        rig.call(req("DELETE", "/v2/positions/MSFT", {{"percentage", "50"}}));
        rig.call(req("DELETE", "/v2/positions", {{"cancel_orders", "true"}}));
        rig.call(req("GET", "/v2/orders", {{"status", "closed"}, {"limit", "7"}, {"symbols", "AAPL,SPY"}}));
        rig.call(req("GET", "/v2/stocks/quotes/latest", {{"symbols", "AAPL,MSFT"}, {"feed", "iex"}}));
        rig.call(req("GET", "/v2/calendar", {{"start", "2026-11-02"}, {"end", "2026-11-06"}}));
        rig.call(req("DELETE", std::string("/v2/orders/") + kUuid));
        QCOMPARE(rig.engine.asked.size(), std::size_t(7));
        QCOMPARE(std::get<GetOrderByClientId>(rig.engine.asked[0].request).clientOrderId, std::string("mine-7"));
        const auto &close = std::get<ClosePosition>(rig.engine.asked[1].request);
        QCOMPARE(close.symbol, std::string("MSFT"));
        QCOMPARE(close.percentagePct, std::optional<double>(50.0));
        QVERIFY(std::get<CloseAllPositions>(rig.engine.asked[2].request).cancelOrders);
        const auto &list = std::get<ListOrders>(rig.engine.asked[3].request);
        QVERIFY(list.status == ListOrders::Status::Closed);
        QCOMPARE(list.limit, 7);
        QCOMPARE(list.symbols, (std::vector<std::string>{"AAPL", "SPY"}));
        QCOMPARE(std::get<GetLatestQuotes>(rig.engine.asked[4].request).symbols,
                 (std::vector<std::string>{"AAPL", "MSFT"}));
        QCOMPARE(std::get<GetCalendar>(rig.engine.asked[5].request).end, std::optional<Date>(Date{2026, 11, 6}));
        QCOMPARE(std::get<CancelOrder>(rig.engine.asked[6].request).uuid, std::string(kUuid));
    }

    void answersTheBotsFillsAsAccountActivities()
    {
        Rig rig;
        BotActivity fill;
        fill.executionId = kUuid;
        fill.time = kStartNs + 500'000'000 + 1'234; // 15:00:00.500001234Z
        fill.orderUuid = "5d2c1b3a-0f4e-4d6c-8b7a-9e8d7c6b5a43";
        fill.symbol = "AAPL";
        fill.side = Side::Sell;
        fill.price = Price::fromCents(18'925);
        fill.qty = 3;
        fill.cumQty = 7;
        fill.leavesQty = 3;
        fill.orderStatus = OrderStatus::PartiallyFilled;
        rig.engine.reply = std::vector<BotActivity>{fill};
        const auto answer = rig.call(req("GET", "/v2/account/activities/FILL",
                                         {{"after", "2026-11-20T14:00:00Z"},
                                          {"until", "2026-11-20T16:00:00Z"},
                                          {"direction", "asc"},
                                          {"page_size", "2"},
                                          {"page_token", std::string("20261120150000500::") + kUuid}}));
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        const auto &get = std::get<GetActivities>(rig.engine.asked.at(0).request);
        QCOMPARE(get.after, kStartNs - 3600 * kNsPerSecond);
        QCOMPARE(get.until, kStartNs + 3600 * kNsPerSecond);
        QVERIFY(get.ascending);
        QCOMPARE(get.pageSize, 2);
        QCOMPARE(get.pageTokenExecution, std::string(kUuid));
        const QJsonArray items = array(*answer);
        QCOMPARE(items.size(), 1);
        const QJsonObject a = items[0].toObject();
        QCOMPARE(field(a, "id"), QStringLiteral("20261120150000500::") + QLatin1String(kUuid));
        QCOMPARE(field(a, "activity_type"), QStringLiteral("FILL"));
        QCOMPARE(field(a, "transaction_time"), QStringLiteral("2026-11-20T15:00:00.500001234Z"));
        QCOMPARE(field(a, "type"), QStringLiteral("partial_fill"));
        QCOMPARE(field(a, "price"), QStringLiteral("189.25"));
        QCOMPARE(field(a, "qty"), QStringLiteral("3"));
        QCOMPARE(field(a, "cum_qty"), QStringLiteral("7"));
        QCOMPARE(field(a, "leaves_qty"), QStringLiteral("3"));
        QCOMPARE(field(a, "side"), QStringLiteral("sell"));
        QCOMPARE(field(a, "symbol"), QStringLiteral("AAPL"));
        QCOMPARE(field(a, "order_id"), QString::fromStdString(fill.orderUuid));
        QCOMPARE(field(a, "order_status"), QStringLiteral("partially_filled"));

        // A day in New York: from its midnight to the next.
        rig.call(req("GET", "/v2/account/activities", {{"date", "2026-11-20"}, {"activity_types", "DIV,FILL"}}));
        const auto &day = std::get<GetActivities>(rig.engine.asked.at(1).request);
        QCOMPARE(day.after, kStartNs - 10 * 3600 * kNsPerSecond - 1); // 05:00Z is midnight in New York
        QCOMPARE(day.until, kStartNs + 14 * 3600 * kNsPerSecond);
        QVERIFY(!day.ascending);
        QCOMPARE(day.pageSize, 100);

        // No other activity type: an empty list, without asking the engine.
        for (const auto &[path, query] :
             {std::pair<std::string, gateway::alpaca::Query>{"/v2/account/activities/DIV", {}},
              {"/v2/account/activities", {{"activity_types", "DIV,JNLC"}}}}) {
            const auto none = rig.call(req("GET", path, query));
            QVERIFY(none);
            QCOMPARE(none->status, 200);
            QCOMPARE(QByteArray::fromStdString(none->body), QByteArray("[]"));
        }
        QCOMPARE(rig.engine.asked.size(), std::size_t(2));

        // Bad queries name what is wrong.
        for (const auto &query :
             {gateway::alpaca::Query{{"page_size", "101"}}, gateway::alpaca::Query{{"direction", "up"}},
              gateway::alpaca::Query{{"date", "2026-11-20"}, {"after", "2026-11-19"}},
              gateway::alpaca::Query{{"page_token", "nope"}}, gateway::alpaca::Query{{"until", "yesterday"}}}) {
            const auto bad = rig.call(req("GET", "/v2/account/activities", query));
            QVERIFY(bad);
            QCOMPARE(bad->status, 422);
            QVERIFY2(field(object(*bad), "message").contains(QString::fromStdString(query.back().first)),
                     bad->body.c_str());
        }
        QCOMPARE(rig.call(req("POST", "/v2/account/activities"))->status, 405);
        QCOMPARE(rig.engine.asked.size(), std::size_t(2));
    }

    void answersWithAlpacasStatuses()
    {
        Rig rig;
        rig.engine.reply = order(kUuid, "AAPL");
        const auto submitted =
            rig.call(req("POST", "/v2/orders", {},
                         R"({"symbol":"AAPL","qty":"5","side":"buy","type":"market","time_in_force":"day"})"));
        QCOMPARE(submitted->status, 200);
        QCOMPARE(submitted->contentType, std::string("application/json"));
        QCOMPARE(field(object(*submitted), "id"), QLatin1String(kUuid));
        QCOMPARE(field(object(*submitted), "status"), QStringLiteral("new"));

        rig.engine.reply = NoContent{};
        const auto cancelled = rig.call(req("DELETE", std::string("/v2/orders/") + kUuid));
        QCOMPARE(cancelled->status, 204);
        QVERIFY(cancelled->body.empty());

        rig.engine.reply = std::vector<BulkItem>{BulkItem{kUuid, 200, order(kUuid, "AAPL")}};
        const auto cancelAll = rig.call(req("DELETE", "/v2/orders"));
        QCOMPARE(cancelAll->status, 207);
        QCOMPARE(field(array(*cancelAll)[0].toObject(), "id"), QLatin1String(kUuid));
        QCOMPARE(array(*cancelAll)[0].toObject().value(QLatin1String("status")).toInt(), 200);

        rig.engine.reply = std::vector<BulkItem>{BulkItem{"AAPL", 200, order(kUuid, "AAPL")}};
        const auto closeAll = rig.call(req("DELETE", "/v2/positions"));
        QCOMPARE(closeAll->status, 207);
        QCOMPARE(field(array(*closeAll)[0].toObject(), "symbol"), QStringLiteral("AAPL"));

        rig.engine.reply = ApiError{404, 40410000, "position does not exist", {}};
        const auto missing = rig.call(req("GET", "/v2/positions/TSLA"));
        QCOMPARE(missing->status, 404);
        QCOMPARE(code(*missing), 40410000);
        QCOMPARE(field(object(*missing), "message"), QStringLiteral("position does not exist"));

        rig.engine.reply =
            ApiError{403, 40310000, "position limit", {{"check", "PositionLimit"}, {"limit", "50000.00"}}};
        const auto refused =
            rig.call(req("POST", "/v2/orders", {},
                         R"({"symbol":"AAPL","qty":"5","side":"buy","type":"market","time_in_force":"day"})"));
        QCOMPARE(refused->status, 403);
        QCOMPARE(field(object(*refused), "limit"), QStringLiteral("50000.00"));

        rig.engine.reply =
            std::vector<BotOrder>{order(kUuid, "AAPL"), order("1c8f5a52-7d6e-4c1e-9a3b-2f1d0c9e8a72", "SPY")};
        const auto listed = rig.call(req("GET", "/v2/orders", {{"status", "all"}}));
        QCOMPARE(listed->status, 200);
        QCOMPARE(array(*listed).size(), 2);
        QCOMPARE(field(array(*listed)[1].toObject(), "symbol"), QStringLiteral("SPY"));

        // A reply the route never expects is an internal error, not a guess.
        rig.engine.reply = ClockView{};
        const auto wrong = rig.call(req("GET", "/v2/account"));
        QCOMPARE(wrong->status, 500);
    }

    void refusesUnknownPathsMethodsAndBadInputWithoutAskingTheEngine()
    {
        Rig rig;
        const auto unknown = rig.call(req("GET", "/v2/watchlists"));
        QCOMPARE(unknown->status, 404);
        QCOMPARE(code(*unknown), 40410000);
        QCOMPARE(rig.call(req("GET", "/v1/account"))->status, 404);
        QCOMPARE(rig.call(req("GET", "/v2/account/extra/path"))->status, 404);
        QCOMPARE(rig.call(req("GET", "/v2/stocks/AAPL/quotes"))->status, 404);

        const auto post = rig.call(req("POST", "/v2/account"));
        QCOMPARE(post->status, 405);
        QCOMPARE(header(*post, "Allow"), std::string("GET"));
        QCOMPARE(rig.call(req("PUT", "/v2/orders"))->status, 405);
        const auto patch = rig.call(req("PATCH", std::string("/v2/orders/") + kUuid, {}, "{}"));
        QCOMPARE(patch->status, 405);
        QVERIFY(field(object(*patch), "message").contains(QStringLiteral("replacing an order is not supported")));

        const auto malformed = rig.call(req("POST", "/v2/orders", {}, "{not json"));
        QCOMPARE(malformed->status, 400);
        QCOMPARE(code(*malformed), 40010000);
        const auto badId = rig.call(req("GET", "/v2/orders/12345"));
        QCOMPARE(badId->status, 422);
        QCOMPARE(code(*badId), 40010001);
        QVERIFY(field(object(*badId), "message").contains(QStringLiteral("order_id")));
        const auto noClientId = rig.call(req("GET", "/v2/orders:by_client_order_id"));
        QCOMPARE(noClientId->status, 422);
        QVERIFY(field(object(*noClientId), "message").contains(QStringLiteral("client_order_id")));
        QCOMPARE(rig.call(req("GET", "/v2/stocks/quotes/latest"))->status, 422);
        QCOMPARE(rig.call(req("GET", "/v2/orders", {{"limit", "1000"}}))->status, 422);

        QVERIFY(rig.engine.asked.empty());
        // Each still counted as the bot's request and as a sign of life.
        QCOMPARE(rig.engine.seen.size(), std::size_t(12));
    }

    void everyBadKeyGetsTheSameAnswer()
    {
        Rig rig;
        std::vector<HttpResponse> answers;
        answers.push_back(*rig.call(req("GET", "/v2/account", {}, {}, nullptr, nullptr))); // no headers
        answers.push_back(*rig.call(req("GET", "/v2/account", {}, {}, kKey, nullptr)));    // no secret
        answers.push_back(*rig.call(req("GET", "/v2/account", {}, {}, "PKNOBODY", "x")));  // unknown key id
        answers.push_back(*rig.call(req("GET", "/v2/account", {}, {}, kKey, "wrong")));    // wrong secret
        answers.push_back(*rig.call(req("GET", "/v2/account", {}, {}, "PKGHOST", "boo"))); // bot not configured
        answers.push_back(*rig.call(req("GET", "/v2/nowhere", {}, {}, "PKNOBODY", "x")));  // and any path
        for (const HttpResponse &a : answers) {
            QCOMPARE(a.status, 401);
            QCOMPARE(a.body, answers[0].body);
            QCOMPARE(a.headers, answers[0].headers);
        }
        QCOMPARE(object(answers[0]).value(QLatin1String("code")).toInt(), 40110000);
        QCOMPARE(field(object(answers[0]), "message"), QStringLiteral("request is not authorized"));
        QVERIFY(rig.engine.asked.empty());
        QVERIFY(rig.engine.seen.empty());
        // Revoking a key makes its next request a 401 too (the store answers per request).
        bool revoked = false;
        FakeEngine engine;
        AlpacaRest rest(engine.backend({bot("momo")}),
                        [&revoked](std::string_view, std::string_view) -> std::optional<std::string> {
                            if (revoked)
                                return std::nullopt;
                            return std::string("momo");
                        });
        std::optional<HttpResponse> before, after;
        rest.handle(req("GET", "/v2/clock"), [&](HttpResponse r) { before = r; });
        revoked = true;
        rest.handle(req("GET", "/v2/clock"), [&](HttpResponse r) { after = r; });
        QCOMPARE(before->status, 500); // past the key: the clock route got the fake's default reply
        QCOMPARE(after->status, 401);
        QCOMPARE(after->body, answers[0].body);
        QCOMPARE(engine.asked.size(), std::size_t(1));
    }

    void limitsEachBotsRequestsPerMinute()
    {
        Rig rig(3);
        rig.engine.reply = ClockView{};
        std::vector<HttpResponse> answers;
        for (int i = 0; i < 3; ++i) {
            answers.push_back(*rig.call(req("GET", "/v2/clock")));
            rig.now += kNsPerSecond;
        }
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(answers[i].status, 200);
            QCOMPARE(header(answers[i], "X-Ratelimit-Limit"), std::string("3"));
            QCOMPARE(header(answers[i], "X-Ratelimit-Remaining"), std::to_string(2 - i));
            // The first request leaves the window a minute after it came.
            QCOMPARE(header(answers[i], "X-Ratelimit-Reset"), std::to_string(kStartNs / kNsPerSecond + 60));
        }
        const auto limited = rig.call(req("GET", "/v2/clock"));
        QCOMPARE(limited->status, 429);
        QCOMPARE(code(*limited), 42910000);
        QCOMPARE(field(object(*limited), "message"), QStringLiteral("rate limit exceeded"));
        QCOMPARE(header(*limited, "X-Ratelimit-Remaining"), std::string("0"));
        QCOMPARE(header(*limited, "X-Ratelimit-Reset"), std::to_string(kStartNs / kNsPerSecond + 60));
        QCOMPARE(rig.engine.asked.size(), std::size_t(3)); // the refused one never reached the engine
        QCOMPARE(rig.engine.seen.size(), std::size_t(4));  // but it was a sign of life

        // Another bot has its own budget.
        const auto alpha = rig.call(req("GET", "/v2/clock", {}, {}, "PKALPHA", "a"));
        QCOMPARE(alpha->status, 200);
        QCOMPARE(header(*alpha, "X-Ratelimit-Limit"), std::string("200"));
        QCOMPARE(header(*alpha, "X-Ratelimit-Remaining"), std::string("199"));
        QCOMPARE(rig.engine.asked.back().bot, 0);

        // A minute after the first request, one slot is free again; the refusal did not count.
        rig.now = kStartNs + 60 * kNsPerSecond;
        const auto again = rig.call(req("GET", "/v2/clock"));
        QCOMPARE(again->status, 200);
        QCOMPARE(header(*again, "X-Ratelimit-Remaining"), std::string("0"));
        QCOMPARE(header(*again, "X-Ratelimit-Reset"), std::to_string(kStartNs / kNsPerSecond + 61));
        QCOMPARE(rig.call(req("GET", "/v2/clock"))->status, 429);
    }

    void answersWhenTheEngineReplies()
    {
        Rig rig;
        rig.engine.deferred = true;
        std::optional<HttpResponse> out;
        rig.rest.handle(req("GET", "/v2/positions"), [&out](HttpResponse r) { out = std::move(r); });
        QVERIFY(!out);
        QCOMPARE(rig.engine.waiting.size(), std::size_t(1));
        BotPosition p;
        p.symbol = "AAPL";
        p.qty = 10;
        rig.engine.waiting[0](std::vector<BotPosition>{p});
        QVERIFY(out);
        QCOMPARE(out->status, 200);
        QCOMPARE(field(array(*out)[0].toObject(), "qty"), QStringLiteral("10"));
        QCOMPARE(header(*out, "X-Ratelimit-Remaining"), std::string("199"));
    }

    void servesTheLatestMarketData()
    {
        Rig rig;
        const LatestQuote aapl{"AAPL", kStartNs, Price::fromCents(17'321), Price::fromCents(17'324), 4, 4};
        const LatestQuote msft{"MSFT", kStartNs, Price::fromCents(40'010), Price::fromCents(40'012), 1, 2};
        rig.engine.reply = std::vector<LatestQuote>{aapl};
        const auto one = rig.call(req("GET", "/v2/stocks/AAPL/quotes/latest"));
        QCOMPARE(one->status, 200);
        QCOMPARE(field(object(*one), "symbol"), QStringLiteral("AAPL"));
        QCOMPARE(object(*one).value(QLatin1String("quote")).toObject().value(QLatin1String("bp")).toDouble(), 173.21);

        rig.engine.reply = std::vector<LatestQuote>{aapl, msft};
        const auto many = rig.call(req("GET", "/v2/stocks/quotes/latest", {{"symbols", "AAPL,MSFT"}}));
        QCOMPARE(many->status, 200);
        const QJsonObject quotes = object(*many).value(QLatin1String("quotes")).toObject();
        QCOMPARE(quotes.size(), 2);
        QCOMPARE(quotes.value(QLatin1String("MSFT")).toObject().value(QLatin1String("ap")).toDouble(), 400.12);

        rig.engine.reply = std::vector<LatestTrade>{};
        const auto none = rig.call(req("GET", "/v2/stocks/ZZZZ/trades/latest"));
        QCOMPARE(none->status, 404);
        QCOMPARE(code(*none), 40410000);

        rig.engine.reply = std::vector<LatestBar>{LatestBar{"SPY", kStartNs, Price::fromCents(100),
                                                            Price::fromCents(101), Price::fromCents(99),
                                                            Price::fromCents(100), 10, 2, Price::fromCents(100)}};
        const auto bars = rig.call(req("GET", "/v2/stocks/bars/latest", {{"symbols", "SPY"}}));
        QCOMPARE(bars->status, 200);
        QCOMPARE(object(*bars)
                     .value(QLatin1String("bars"))
                     .toObject()
                     .value(QLatin1String("SPY"))
                     .toObject()
                     .value(QLatin1String("v"))
                     .toInt(),
                 10);
    }
};

QTEST_GUILESS_MAIN(TestAlpacaRest)
#include "tst_alpaca_rest.moc"
