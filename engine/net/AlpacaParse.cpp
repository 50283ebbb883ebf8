// The bots' requests read into the engine's request types (AlpacaJson.h's second half).
#include "net/AlpacaJson.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>

#include <charconv>
#include <cmath>
#include <limits>

namespace vigil::gateway::alpaca {

namespace {

std::string text(const QString &s) { return s.toStdString(); }

const std::string *find(const Query &query, std::string_view name)
{
    for (const auto &[key, value] : query)
        if (key == name)
            return &value;
    return nullptr;
}

bool allDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

/// A positive whole number of shares from its decimal text ("10", "10.0"), or the
/// refusal naming `field`.
std::variant<Quantity, ApiError> wholeShares(std::string_view s, const std::string &field)
{
    const std::string shown(s);
    std::string_view whole = s;
    std::string_view fraction;
    if (const auto dot = s.find('.'); dot != std::string_view::npos) {
        whole = s.substr(0, dot);
        fraction = s.substr(dot + 1);
        if (!allDigits(fraction))
            return invalidField(field + " \"" + shown + "\" is not a number");
    }
    if (!allDigits(whole))
        return invalidField(field + " \"" + shown + "\" is not a number");
    if (fraction.find_first_not_of('0') != std::string_view::npos)
        return invalidField(field + " " + shown
                            + " has a fraction: fractional shares are not supported, give a whole number");
    Quantity qty = 0;
    const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), qty);
    if (ec != std::errc() || end != whole.data() + whole.size())
        return invalidField(field + " " + shown + " is too large");
    if (qty <= 0)
        return invalidField(field + " must be a positive whole number of shares, not " + shown);
    return qty;
}

/// The decimal text of a JSON string or number (the SDKs send either), or the refusal.
std::variant<std::string, ApiError> decimalText(const QJsonValue &v, const std::string &field)
{
    if (v.isString())
        return text(v.toString());
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (!std::isfinite(d))
            return invalidField(field + " is not a number");
        return text(QString::number(d, 'f', QLocale::FloatingPointShortest));
    }
    return invalidField(field + " must be a decimal string");
}

std::variant<Quantity, ApiError> sharesField(const QJsonValue &v, const std::string &field)
{
    auto decimal = decimalText(v, field);
    if (auto *error = std::get_if<ApiError>(&decimal))
        return *error;
    return wholeShares(std::get<std::string>(decimal), field);
}

std::variant<Price, ApiError> priceField(const QJsonValue &v, const std::string &field)
{
    auto decimal = decimalText(v, field);
    if (auto *error = std::get_if<ApiError>(&decimal))
        return *error;
    const std::string &s = std::get<std::string>(decimal);
    const auto price = Price::parse(s);
    if (!price)
        return invalidField(field + " \"" + s + "\" is not a price (a decimal with at most four places)");
    if (price->raw() <= 0)
        return invalidField(field + " must be positive, not " + s);
    return *price;
}

/// A string field's value, empty when absent or null; the refusal when it is not a string.
std::variant<std::string, ApiError> stringField(const QJsonObject &body, const char *field)
{
    const QJsonValue v = body.value(QLatin1String(field));
    if (v.isUndefined() || v.isNull())
        return std::string();
    if (!v.isString())
        return invalidField(std::string(field) + " must be a string");
    return text(v.toString());
}

bool present(const QJsonObject &body, const char *field)
{
    const QJsonValue v = body.value(QLatin1String(field));
    return !v.isUndefined() && !v.isNull();
}

} // namespace

ApiError badRequest(std::string message) { return ApiError{400, 40010000, std::move(message), {}}; }
ApiError invalidField(std::string message) { return ApiError{422, 40010001, std::move(message), {}}; }

std::variant<SubmitOrder, ApiError> parseSubmitOrder(std::string_view body)
{
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(body.data(), static_cast<qsizetype>(body.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest("request body format is invalid: " + text(parseError.errorString()) + " at offset "
                          + std::to_string(parseError.offset));
    if (!doc.isObject())
        return badRequest("request body format is invalid: not a JSON object");
    const QJsonObject o = doc.object();
    SubmitOrder order;

    // What Vigil does not trade, refused by name before anything else is judged.
    if (present(o, "notional"))
        return invalidField("notional orders are not supported: give qty in whole shares");
    for (const char *field : {"stop_price", "trail_price", "trail_percent", "take_profit", "stop_loss"})
        if (present(o, field))
            return invalidField(std::string(field) + " is not supported: Vigil takes market and limit orders only");
    if (present(o, "extended_hours")) {
        const QJsonValue v = o.value(QLatin1String("extended_hours"));
        if (!v.isBool())
            return invalidField("extended_hours must be a boolean");
        if (v.toBool())
            return invalidField("extended_hours is not supported: Vigil trades the regular session only");
    }
    {
        auto orderClass = stringField(o, "order_class");
        if (auto *error = std::get_if<ApiError>(&orderClass))
            return *error;
        const std::string &cls = std::get<std::string>(orderClass);
        if (!cls.empty() && cls != "simple")
            return invalidField("order_class " + cls + " is not supported: simple orders only");
    }

    auto symbol = stringField(o, "symbol");
    if (auto *error = std::get_if<ApiError>(&symbol))
        return *error;
    order.symbol = std::get<std::string>(symbol);
    if (order.symbol.empty())
        return invalidField("symbol is required");

    if (!present(o, "qty"))
        return invalidField("qty is required");
    auto qty = sharesField(o.value(QLatin1String("qty")), "qty");
    if (auto *error = std::get_if<ApiError>(&qty))
        return *error;
    order.qty = std::get<Quantity>(qty);

    auto side = stringField(o, "side");
    if (auto *error = std::get_if<ApiError>(&side))
        return *error;
    const std::string &sideText = std::get<std::string>(side);
    if (sideText == "buy")
        order.side = Side::Buy;
    else if (sideText == "sell")
        order.side = Side::Sell;
    else if (sideText.empty())
        return invalidField("side is required");
    else
        return invalidField("side " + sideText + " is invalid: buy or sell");

    auto type = stringField(o, "type");
    if (auto *error = std::get_if<ApiError>(&type))
        return *error;
    const std::string &typeText = std::get<std::string>(type);
    if (typeText == "market")
        order.type = OrderType::Market;
    else if (typeText == "limit")
        order.type = OrderType::Limit;
    else if (typeText.empty())
        return invalidField("type is required");
    else
        return invalidField("type " + typeText + " is not supported: market or limit");

    auto tif = stringField(o, "time_in_force");
    if (auto *error = std::get_if<ApiError>(&tif))
        return *error;
    const std::string &tifText = std::get<std::string>(tif);
    if (tifText == "day")
        order.timeInForce = TimeInForce::Day;
    else if (tifText == "gtc")
        order.timeInForce = TimeInForce::Gtc;
    else if (tifText == "ioc")
        order.timeInForce = TimeInForce::Ioc;
    else if (tifText.empty())
        return invalidField("time_in_force is required");
    else
        return invalidField("time_in_force " + tifText + " is not supported: day, gtc or ioc");

    if (order.type == OrderType::Limit) {
        if (!present(o, "limit_price"))
            return invalidField("limit_price is required for a limit order");
        auto price = priceField(o.value(QLatin1String("limit_price")), "limit_price");
        if (auto *error = std::get_if<ApiError>(&price))
            return *error;
        order.limitPrice = std::get<Price>(price);
    } else if (present(o, "limit_price")) {
        return invalidField("limit_price is only for limit orders");
    }

    auto clientOrderId = stringField(o, "client_order_id");
    if (auto *error = std::get_if<ApiError>(&clientOrderId))
        return *error;
    order.clientOrderId = std::get<std::string>(clientOrderId);
    if (order.clientOrderId.size() > 48)
        return invalidField("client_order_id must be at most 48 characters, not "
                            + std::to_string(order.clientOrderId.size()));
    return order;
}

namespace {

/// `after` and `until` (RFC 3339 or a date), where given; the error of a bad one.
std::optional<ApiError> readWindow(const Query &query, SimTime &after, SimTime &until)
{
    for (const auto &[name, target] : {std::pair{"after", &after}, std::pair{"until", &until}}) {
        if (const auto *value = find(query, name)) {
            const auto t = parseTimestamp(*value);
            if (!t)
                return invalidField(std::string(name) + " " + *value + " is not an RFC 3339 timestamp nor a date");
            *target = *t;
        }
    }
    return std::nullopt;
}

/// `direction` (asc or desc), where given; the error of a bad one.
std::optional<ApiError> readDirection(const Query &query, bool &ascending)
{
    if (const auto *direction = find(query, "direction")) {
        if (*direction == "asc")
            ascending = true;
        else if (*direction == "desc")
            ascending = false;
        else
            return invalidField("direction " + *direction + " is invalid: asc or desc");
    }
    return std::nullopt;
}

} // namespace

std::variant<ListOrders, ApiError> parseListOrders(const Query &query)
{
    ListOrders list;
    if (const auto *status = find(query, "status")) {
        if (*status == "open")
            list.status = ListOrders::Status::Open;
        else if (*status == "closed")
            list.status = ListOrders::Status::Closed;
        else if (*status == "all")
            list.status = ListOrders::Status::All;
        else
            return invalidField("status " + *status + " is invalid: open, closed or all");
    }
    if (const auto *limit = find(query, "limit")) {
        int n = 0;
        const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
        if (ec != std::errc() || end != limit->data() + limit->size() || n < 1 || n > 500)
            return invalidField("limit " + *limit + " is invalid: a whole number from 1 to 500");
        list.limit = n;
    }
    if (auto bad = readWindow(query, list.after, list.until))
        return std::move(*bad);
    if (auto bad = readDirection(query, list.ascending))
        return std::move(*bad);
    if (const auto *symbols = find(query, "symbols"))
        list.symbols = splitSymbols(*symbols);
    if (const auto *side = find(query, "side")) {
        if (*side == "buy")
            list.side = Side::Buy;
        else if (*side == "sell")
            list.side = Side::Sell;
        else
            return invalidField("side " + *side + " is invalid: buy or sell");
    }
    if (const auto *nested = find(query, "nested"); nested && *nested != "true" && *nested != "false")
        return invalidField("nested " + *nested + " is invalid: true or false");
    return list;
}

std::variant<GetActivities, ApiError> parseActivities(const Query &query)
{
    GetActivities get;
    const auto *date = find(query, "date");
    if (date && (find(query, "after") || find(query, "until")))
        return invalidField("date cannot be given with after or until");
    if (date) {
        const auto day = parseDate(*date);
        if (!day)
            return invalidField("date " + *date + " is not a date (YYYY-MM-DD)");
        const QDate next = QDate(day->year, day->month, day->day).addDays(1);
        get.after = sessionFor(*day).at(0, 0) - 1; // the day's first nanosecond is in it
        get.until = sessionFor(Date{next.year(), next.month(), next.day()}).at(0, 0);
    }
    if (auto bad = readWindow(query, get.after, get.until))
        return std::move(*bad);
    if (auto bad = readDirection(query, get.ascending))
        return std::move(*bad);
    if (const auto *size = find(query, "page_size")) {
        int n = 0;
        const auto [end, ec] = std::from_chars(size->data(), size->data() + size->size(), n);
        if (ec != std::errc() || end != size->data() + size->size() || n < 1 || n > 100)
            return invalidField("page_size " + *size + " is invalid: a whole number from 1 to 100");
        get.pageSize = n;
    }
    if (const auto *token = find(query, "page_token")) {
        // "<transaction time>::<execution id>": the page starts after that execution.
        const std::size_t at = token->find("::");
        if (at == std::string::npos || !isUuid(std::string_view(*token).substr(at + 2)))
            return invalidField("page_token " + *token + " is not an activity id (\"<time>::<uuid>\")");
        get.pageTokenExecution = token->substr(at + 2);
    }
    return get;
}

bool asksForFills(const Query &query)
{
    const auto *types = find(query, "activity_types");
    if (!types)
        return true;
    for (const std::string &type : splitSymbols(*types))
        if (type == "FILL")
            return true;
    return false;
}

std::variant<ClosePosition, ApiError> parseClosePosition(std::string symbol, const Query &query)
{
    ClosePosition close;
    close.symbol = std::move(symbol);
    const auto *qty = find(query, "qty");
    const auto *percentage = find(query, "percentage");
    if (qty && percentage)
        return invalidField("qty and percentage cannot both be given");
    if (qty) {
        auto shares = wholeShares(*qty, "qty");
        if (auto *error = std::get_if<ApiError>(&shares))
            return *error;
        close.qty = std::get<Quantity>(shares);
    }
    if (percentage) {
        bool ok = false;
        const double pct = QByteArray::fromStdString(*percentage).toDouble(&ok);
        if (!ok || !std::isfinite(pct))
            return invalidField("percentage " + *percentage + " is not a number");
        if (pct <= 0 || pct > 100)
            return invalidField("percentage must be more than 0 and at most 100, not " + *percentage);
        close.percentagePct = pct;
    }
    return close;
}

std::variant<CloseAllPositions, ApiError> parseCloseAllPositions(const Query &query)
{
    CloseAllPositions close;
    if (const auto *cancel = find(query, "cancel_orders")) {
        if (*cancel == "true")
            close.cancelOrders = true;
        else if (*cancel != "false")
            return invalidField("cancel_orders " + *cancel + " is invalid: true or false");
    }
    return close;
}

std::variant<GetCalendar, ApiError> parseCalendar(const Query &query)
{
    GetCalendar calendar;
    for (const auto &[name, target] : {std::pair{"start", &calendar.start}, std::pair{"end", &calendar.end}}) {
        if (const auto *value = find(query, name)) {
            const auto d = parseDate(*value);
            if (!d)
                return invalidField(std::string(name) + " " + *value + " is not a date (YYYY-MM-DD)");
            *target = *d;
        }
    }
    if (calendar.start && calendar.end && *calendar.end < *calendar.start)
        return invalidField("end " + calendar.end->toIso() + " is before start " + calendar.start->toIso());
    return calendar;
}

std::vector<std::string> splitSymbols(std::string_view s)
{
    std::vector<std::string> out;
    std::size_t begin = 0;
    while (begin <= s.size()) {
        std::size_t end = s.find(',', begin);
        if (end == std::string_view::npos)
            end = s.size();
        std::string_view part = s.substr(begin, end - begin);
        while (!part.empty() && part.front() == ' ')
            part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ')
            part.remove_suffix(1);
        if (!part.empty())
            out.emplace_back(part);
        begin = end + 1;
    }
    return out;
}

} // namespace vigil::gateway::alpaca
