#include "net/AlpacaRest.h"

#include "api/Time.h"
#include "net/AlpacaJson.h"

#include <QJsonArray>
#include <QJsonObject>

#include <utility>

namespace vigil::gateway {

using namespace alpaca;

namespace {

/// Turns the engine's reply into the answer of the route that asked.
using Shaper = std::function<HttpResponse(BotReply)>;

HttpResponse jsonResponse(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.body = body.toStdString();
    return r;
}

HttpResponse errorResponse(const ApiError &error) { return jsonResponse(error.httpStatus, toText(errorJson(error))); }

HttpResponse unauthorized() { return errorResponse(ApiError{401, 40110000, "request is not authorized", {}}); }

HttpResponse notFound() { return errorResponse(ApiError{404, 40410000, "endpoint not found", {}}); }

HttpResponse methodNotAllowed(std::string allow, std::string message = "method not allowed")
{
    HttpResponse r = errorResponse(ApiError{405, 40510000, std::move(message), {}});
    r.headers.emplace_back("Allow", std::move(allow));
    return r;
}

/// A reply of a type the route never gets: a bug between the gateway and the engine, told
/// as such rather than guessed at.
HttpResponse unexpected()
{
    return errorResponse(ApiError{500, 50010000, "internal error: the engine answered with an unexpected reply", {}});
}

QJsonValue json(const BotOrder &v) { return orderJson(v); }
QJsonValue json(const BotPosition &v) { return positionJson(v); }
QJsonValue json(const BotAccount &v) { return accountJson(v); }
QJsonValue json(const ClockView &v) { return clockJson(v); }
QJsonValue json(const CalendarDay &v) { return calendarJson(v); }
QJsonValue json(const AssetView &v) { return assetJson(v); }
QJsonValue json(const BotActivity &v) { return activityJson(v); }
template<typename T> QJsonValue json(const std::vector<T> &items)
{
    QJsonArray out;
    for (const T &item : items)
        out.append(json(item));
    return out;
}

QByteArray text(const QJsonValue &v) { return v.isArray() ? toText(v.toArray()) : toText(v.toObject()); }

/// 200 with the reply of type T as its JSON.
template<typename T> Shaper plain()
{
    return [](BotReply reply) {
        if (const auto *error = std::get_if<ApiError>(&reply))
            return errorResponse(*error);
        if (const auto *value = std::get_if<T>(&reply))
            return jsonResponse(200, text(json(*value)));
        return unexpected();
    };
}

Shaper noContent()
{
    return [](BotReply reply) {
        if (const auto *error = std::get_if<ApiError>(&reply))
            return errorResponse(*error);
        if (std::holds_alternative<NoContent>(reply)) {
            HttpResponse r;
            r.status = 204;
            r.contentType.clear();
            return r;
        }
        return unexpected();
    };
}

Shaper multiStatus(const char *keyName)
{
    return [keyName](BotReply reply) {
        if (const auto *error = std::get_if<ApiError>(&reply))
            return errorResponse(*error);
        if (const auto *items = std::get_if<std::vector<BulkItem>>(&reply))
            return jsonResponse(207, toText(bulkJson(*items, keyName)));
        return unexpected();
    };
}

/// The market data API's latest quote, trade or bar: {"symbol":..,"quote":{..}} for one
/// symbol (404 when there is none yet), {"quotes":{"AAPL":{..},..}} for several.
template<typename T>
Shaper latest(QJsonObject (*toJson)(const T &), const char *one, const char *many, std::optional<std::string> single)
{
    return [toJson, one, many, single](BotReply reply) {
        if (const auto *error = std::get_if<ApiError>(&reply))
            return errorResponse(*error);
        const auto *items = std::get_if<std::vector<T>>(&reply);
        if (!items)
            return unexpected();
        if (single) {
            for (const T &item : *items) {
                if (item.symbol == *single) {
                    QJsonObject j;
                    j[QStringLiteral("symbol")] = QString::fromStdString(item.symbol);
                    j[QLatin1String(one)] = toJson(item);
                    return jsonResponse(200, toText(j));
                }
            }
            return errorResponse(ApiError{404, 40410000, std::string("no ") + one + " found for " + *single, {}});
        }
        QJsonObject bySymbol;
        for (const T &item : *items)
            bySymbol[QString::fromStdString(item.symbol)] = toJson(item);
        QJsonObject j;
        j[QLatin1String(many)] = bySymbol;
        return jsonResponse(200, toText(j));
    };
}

/// What a route asks of the engine and how it answers, or its answer right away.
struct Routed {
    std::optional<BotRequest> request;
    Shaper shape;
    HttpResponse immediate;
};

Routed ask(BotRequest request, Shaper shape) { return Routed{std::move(request), std::move(shape), {}}; }
Routed answerNow(HttpResponse response) { return Routed{std::nullopt, {}, std::move(response)}; }

/// Routes a parsed request, or answers its parse error.
template<typename R> Routed askParsed(std::variant<R, ApiError> parsed, Shaper shape)
{
    if (auto *error = std::get_if<ApiError>(&parsed))
        return answerNow(errorResponse(*error));
    return ask(std::move(std::get<R>(parsed)), std::move(shape));
}

std::vector<std::string> segments(std::string_view path)
{
    std::vector<std::string> out;
    std::size_t begin = 1;
    while (begin <= path.size()) {
        std::size_t end = path.find('/', begin);
        if (end == std::string_view::npos)
            end = path.size();
        out.emplace_back(path.substr(begin, end - begin));
        begin = end + 1;
    }
    return out;
}

Routed route(const HttpRequest &req)
{
    const std::string &m = req.method;
    if (req.path.empty() || req.path[0] != '/')
        return answerNow(notFound());
    const std::vector<std::string> s = segments(req.path);
    if (s.size() < 2 || s[0] != "v2" || s[1].empty())
        return answerNow(notFound());
    const std::size_t n = s.size();
    for (std::size_t i = 2; i < n; ++i)
        if (s[i].empty())
            return answerNow(notFound());
    const auto only = [&](const char *method) { return m == method; };

    if (n == 2 && s[1] == "account")
        return only("GET") ? ask(GetAccount{}, plain<BotAccount>()) : answerNow(methodNotAllowed("GET"));
    // Activities: the bot's fills (FILL); it has no activity of any other type.
    if ((n == 3 || n == 4) && s[1] == "account" && s[2] == "activities") {
        if (!only("GET"))
            return answerNow(methodNotAllowed("GET"));
        auto parsed = parseActivities(req.query);
        if (const auto *error = std::get_if<ApiError>(&parsed))
            return answerNow(errorResponse(*error));
        if (n == 4 ? s[3] != "FILL" : !asksForFills(req.query))
            return answerNow(jsonResponse(200, "[]"));
        return ask(std::move(std::get<GetActivities>(parsed)), plain<std::vector<BotActivity>>());
    }
    if (n == 2 && s[1] == "clock")
        return only("GET") ? ask(GetClock{}, plain<ClockView>()) : answerNow(methodNotAllowed("GET"));
    if (n == 2 && s[1] == "calendar")
        return only("GET") ? askParsed(parseCalendar(req.query), plain<std::vector<CalendarDay>>())
                           : answerNow(methodNotAllowed("GET"));
    if (n == 2 && s[1] == "assets")
        return only("GET") ? ask(GetAssets{}, plain<std::vector<AssetView>>()) : answerNow(methodNotAllowed("GET"));
    if (n == 3 && s[1] == "assets")
        return only("GET") ? ask(GetAsset{s[2]}, plain<AssetView>()) : answerNow(methodNotAllowed("GET"));

    if (n == 2 && s[1] == "orders") {
        if (m == "POST")
            return askParsed(parseSubmitOrder(req.body), plain<BotOrder>());
        if (m == "GET")
            return askParsed(parseListOrders(req.query), plain<std::vector<BotOrder>>());
        if (m == "DELETE")
            return ask(CancelAllOrders{}, multiStatus("id"));
        return answerNow(methodNotAllowed("GET, POST, DELETE"));
    }
    if (n == 2 && s[1] == "orders:by_client_order_id") {
        if (!only("GET"))
            return answerNow(methodNotAllowed("GET"));
        const std::string *id = req.queryValue("client_order_id");
        if (!id || id->empty())
            return answerNow(errorResponse(invalidField("client_order_id is required")));
        return ask(GetOrderByClientId{*id}, plain<BotOrder>());
    }
    if (n == 3 && s[1] == "orders") {
        if (m == "PATCH")
            return answerNow(
                methodNotAllowed("GET, DELETE", "replacing an order is not supported: cancel it and submit a new one"));
        if (m != "GET" && m != "DELETE")
            return answerNow(methodNotAllowed("GET, DELETE"));
        if (!isUuid(s[2]))
            return answerNow(errorResponse(invalidField("order_id " + s[2] + " is not a UUID")));
        if (m == "GET")
            return ask(GetOrder{s[2]}, plain<BotOrder>());
        return ask(CancelOrder{s[2]}, noContent());
    }

    if (n == 2 && s[1] == "positions") {
        if (m == "GET")
            return ask(GetPositions{}, plain<std::vector<BotPosition>>());
        if (m == "DELETE")
            return askParsed(parseCloseAllPositions(req.query), multiStatus("symbol"));
        return answerNow(methodNotAllowed("GET, DELETE"));
    }
    if (n == 3 && s[1] == "positions") {
        if (m == "GET")
            return ask(GetPosition{s[2]}, plain<BotPosition>());
        if (m == "DELETE")
            return askParsed(parseClosePosition(s[2], req.query), plain<BotOrder>());
        return answerNow(methodNotAllowed("GET, DELETE"));
    }

    // Market data: /v2/stocks/{symbol}/{quotes|trades|bars}/latest and
    // /v2/stocks/{quotes|trades|bars}/latest?symbols=A,B.
    if (s[1] == "stocks" && (n == 4 || n == 5) && s[n - 1] == "latest") {
        const std::string &kind = s[n - 2];
        if (kind != "quotes" && kind != "trades" && kind != "bars")
            return answerNow(notFound());
        if (!only("GET"))
            return answerNow(methodNotAllowed("GET"));
        std::optional<std::string> single;
        std::vector<std::string> symbols;
        if (n == 5) {
            single = s[2];
            symbols = {s[2]};
        } else {
            const std::string *list = req.queryValue("symbols");
            symbols = list ? splitSymbols(*list) : std::vector<std::string>{};
            if (symbols.empty())
                return answerNow(errorResponse(invalidField("symbols is required")));
        }
        if (kind == "quotes")
            return ask(GetLatestQuotes{std::move(symbols)}, latest<LatestQuote>(&quoteJson, "quote", "quotes", single));
        if (kind == "trades")
            return ask(GetLatestTrades{std::move(symbols)}, latest<LatestTrade>(&tradeJson, "trade", "trades", single));
        return ask(GetLatestBars{std::move(symbols)}, latest<LatestBar>(&barJson, "bar", "bars", single));
    }
    return answerNow(notFound());
}

} // namespace

AlpacaRest::AlpacaRest(RestBackend backend, Authenticate authenticate, std::function<std::int64_t()> nowNs)
    : m_backend(std::move(backend))
    , m_authenticate(std::move(authenticate))
    , m_nowNs(nowNs ? std::move(nowNs) : std::function<std::int64_t()>(&utcNowNs))
{
    m_limits.reserve(m_backend.bots.size());
    for (const BotConfig &bot : m_backend.bots)
        m_limits.emplace_back(bot.requestsPerMinute);
}

void AlpacaRest::handle(HttpRequest request, Respond respond)
{
    // Who: the same answer for a missing header, an unknown key id, a wrong secret, a
    // revoked key and a key of a bot that is not configured, so a caller learns nothing.
    const std::string_view keyId = request.header("apca-api-key-id");
    const std::string_view secret = request.header("apca-api-secret-key");
    int bot = -1;
    if (!keyId.empty() && !secret.empty() && m_authenticate) {
        if (const auto name = m_authenticate(keyId, secret)) {
            for (std::size_t i = 0; i < m_backend.bots.size(); ++i)
                if (m_backend.bots[i].name == *name)
                    bot = static_cast<int>(i);
        }
    }
    if (bot < 0) {
        respond(unauthorized());
        return;
    }
    if (m_backend.noteSeen)
        m_backend.noteSeen(bot);

    const RateLimiter::Verdict verdict = m_limits[static_cast<std::size_t>(bot)].take(m_nowNs());
    const std::vector<std::pair<std::string, std::string>> limitHeaders = {
        {"X-Ratelimit-Limit", std::to_string(verdict.limit)},
        {"X-Ratelimit-Remaining", std::to_string(verdict.remaining)},
        {"X-Ratelimit-Reset", std::to_string(verdict.resetAt)},
    };
    const auto withHeaders = [limitHeaders](HttpResponse r) {
        r.headers.insert(r.headers.end(), limitHeaders.begin(), limitHeaders.end());
        return r;
    };
    if (!verdict.allowed) {
        respond(withHeaders(errorResponse(ApiError{429, 42910000, "rate limit exceeded", {}})));
        return;
    }

    Routed routed = route(request);
    if (!routed.request) {
        respond(withHeaders(std::move(routed.immediate)));
        return;
    }
    m_backend.request(bot, std::move(*routed.request),
                      [respond = std::move(respond), shape = std::move(routed.shape), withHeaders](BotReply reply) {
                          respond(withHeaders(shape(std::move(reply))));
                      });
}

} // namespace vigil::gateway
