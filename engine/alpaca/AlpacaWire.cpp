#include "alpaca/AlpacaWire.h"

#include "alpaca/AlpacaTime.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <charconv>

namespace vigil::alpaca {

namespace {

std::string text(const QJsonValue &v) { return v.isString() ? v.toString().toStdString() : std::string(); }

/// Reading one object's fields, keeping the first error with its field's name.
class Fields {
public:
    Fields(const QJsonObject &object, const char *what)
        : m_o(object)
        , m_what(what)
    {}

    std::string string(const char *key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isString())
            return v.toString().toStdString();
        if (required)
            fail(key, "is missing or not a string");
        return {};
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isBool())
            return v.toBool();
        fail(key, "is missing or not a boolean");
        return false;
    }
    /// Whole shares from a decimal string (or a number); `required` false: null is zero.
    Quantity shares(const char *key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if ((v.isNull() || v.isUndefined()) && !required)
            return 0;
        const auto raw =
            v.isDouble() ? decimalRaw(QString::number(v.toDouble(), 'f', 4).toStdString()) : decimalRaw(text(v));
        if (!raw || *raw % Price::kScale != 0) {
            fail(key, "is not a whole number of shares");
            return 0;
        }
        return *raw / Price::kScale;
    }
    std::int64_t fixed(const char *key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if ((v.isNull() || v.isUndefined()) && !required)
            return 0;
        const auto raw =
            v.isDouble() ? decimalRaw(QString::number(v.toDouble(), 'f', 6).toStdString()) : decimalRaw(text(v));
        if (!raw) {
            fail(key, "is not a decimal");
            return 0;
        }
        return *raw;
    }
    SimTime time(const char *key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if ((v.isNull() || v.isUndefined()) && !required)
            return 0;
        const auto t = parseTimestamp(text(v));
        if (!t) {
            fail(key, "is not an RFC 3339 timestamp");
            return 0;
        }
        return *t;
    }
    Side side(const char *key)
    {
        const std::string s = string(key);
        if (s == "buy")
            return Side::Buy;
        if (s != "sell" && !s.empty())
            fail(key, "is neither buy nor sell");
        return Side::Sell;
    }
    void fail(const char *key, const char *why)
    {
        if (m_error.empty())
            m_error = std::string(m_what) + "." + key + " " + why;
    }
    const std::string &error() const { return m_error; }

private:
    const QJsonObject &m_o;
    const char *m_what;
    std::string m_error;
};

template<typename T> Read<T> done(T value, const Fields &f)
{
    if (!f.error().empty())
        return f.error();
    return value;
}

std::variant<QJsonDocument, std::string> parse(const QByteArray &body, const char *what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return std::string(what) + " is not JSON: " + error.errorString().toStdString();
    return doc;
}

template<typename T, typename One> Read<std::vector<T>> readArray(const QByteArray &body, const char *what, One one)
{
    auto doc = parse(body, what);
    if (auto *error = std::get_if<std::string>(&doc))
        return *error;
    const QJsonDocument &d = std::get<QJsonDocument>(doc);
    if (!d.isArray())
        return std::string(what) + " is not a JSON array";
    std::vector<T> out;
    for (const QJsonValue &v : d.array()) {
        if (!v.isObject())
            return std::string(what) + " holds something that is not an object";
        Read<T> item = one(v.toObject());
        if (auto *error = std::get_if<std::string>(&item))
            return *error;
        out.push_back(std::move(std::get<T>(item)));
    }
    return out;
}

Read<QJsonObject> object(const QByteArray &body, const char *what)
{
    auto doc = parse(body, what);
    if (auto *error = std::get_if<std::string>(&doc))
        return *error;
    if (!std::get<QJsonDocument>(doc).isObject())
        return std::string(what) + " is not a JSON object";
    return std::get<QJsonDocument>(doc).object();
}

} // namespace

std::optional<std::int64_t> decimalRaw(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    const std::size_t dot = s.find('.');
    if (dot == std::string_view::npos || s.size() - dot - 1 <= 4)
        return Price::parse(s) ? std::optional<std::int64_t>(Price::parse(s)->raw()) : std::nullopt;
    const std::string_view kept = s.substr(0, dot + 5);
    const std::string_view rest = s.substr(dot + 5);
    for (char c : rest)
        if (c < '0' || c > '9')
            return std::nullopt;
    const auto base = Price::parse(kept);
    if (!base)
        return std::nullopt;
    std::int64_t raw = base->raw();
    if (rest[0] >= '5')
        raw += (!kept.empty() && kept[0] == '-') ? -1 : 1;
    return raw;
}

QString utcText(SimTime t)
{
    const std::int64_t ms = t / kNsPerMs;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool isTerminalStatus(const std::string &s)
{
    return s == "filled" || s == "canceled" || s == "expired" || s == "rejected" || s == "replaced"
           || s == "done_for_day" || s == "stopped" || s == "suspended";
}

Read<WireOrder> readOrder(const QJsonObject &o)
{
    Fields f(o, "order");
    WireOrder w;
    w.id = f.string("id");
    w.clientOrderId = f.string("client_order_id");
    w.symbol = f.string("symbol");
    w.status = f.string("status");
    w.side = f.side("side");
    const std::string type = f.string("type");
    if (type == "limit")
        w.type = OrderType::Limit;
    else if (type != "market")
        f.fail("type", "is an order type Vigil does not trade");
    w.qty = f.shares("qty");
    w.filledQty = f.shares("filled_qty");
    w.limitPrice = Price::fromRaw(f.fixed("limit_price", w.type == OrderType::Limit));
    w.filledAvgPrice = Price::fromRaw(f.fixed("filled_avg_price", false));
    w.submittedAt = f.time("submitted_at", false);
    if (w.submittedAt == 0)
        w.submittedAt = f.time("created_at", false);
    w.updatedAt = f.time("updated_at", false);
    if (w.updatedAt == 0)
        w.updatedAt = w.submittedAt;
    return done(std::move(w), f);
}

Read<std::vector<WireOrder>> readOrders(const QByteArray &body)
{
    return readArray<WireOrder>(body, "the orders", readOrder);
}

Read<WirePosition> readPosition(const QJsonObject &o)
{
    Fields f(o, "position");
    WirePosition p;
    p.symbol = f.string("symbol");
    p.qty = f.shares("qty");
    if (f.string("side", false) == "short" && p.qty > 0)
        p.qty = -p.qty; // Alpaca's short positions carry a negative qty; accept either
    p.avgEntryPrice = Price::fromRaw(f.fixed("avg_entry_price"));
    p.costBasis = Money::fromRaw(f.fixed("cost_basis"));
    p.currentPrice = Price::fromRaw(f.fixed("current_price", false));
    return done(std::move(p), f);
}

Read<std::vector<WirePosition>> readPositions(const QByteArray &body)
{
    return readArray<WirePosition>(body, "the positions", readPosition);
}

Read<WireAccount> readAccount(const QByteArray &body)
{
    Read<QJsonObject> o = object(body, "the account");
    if (auto *error = std::get_if<std::string>(&o))
        return *error;
    Fields f(std::get<QJsonObject>(o), "account");
    WireAccount a;
    a.status = f.string("status");
    a.tradingBlocked = f.boolean("trading_blocked");
    a.accountBlocked = f.boolean("account_blocked");
    a.cash = Money::fromRaw(f.fixed("cash"));
    a.buyingPower = Money::fromRaw(f.fixed("buying_power"));
    a.equity = Money::fromRaw(f.fixed("equity"));
    return done(std::move(a), f);
}

Read<WireClock> readClock(const QByteArray &body)
{
    Read<QJsonObject> o = object(body, "the clock");
    if (auto *error = std::get_if<std::string>(&o))
        return *error;
    Fields f(std::get<QJsonObject>(o), "clock");
    WireClock c;
    c.timestamp = f.time("timestamp");
    c.isOpen = f.boolean("is_open");
    c.nextOpen = f.time("next_open");
    c.nextClose = f.time("next_close");
    return done(c, f);
}

Read<std::vector<SessionWindow>> readCalendar(const QByteArray &body)
{
    return readArray<SessionWindow>(body, "the calendar", [](const QJsonObject &o) -> Read<SessionWindow> {
        Fields f(o, "calendar");
        const auto date = parseDate(f.string("date"));
        const std::string open = f.string("open");
        const std::string close = f.string("close");
        if (!f.error().empty())
            return f.error();
        if (!date)
            return std::string("calendar.date is not a date");
        auto hhmm = [](const std::string &t, int &hour, int &minute) {
            return t.size() == 5 && t[2] == ':' && std::from_chars(t.data(), t.data() + 2, hour).ec == std::errc()
                   && std::from_chars(t.data() + 3, t.data() + 5, minute).ec == std::errc();
        };
        int oh = 0, om = 0, ch = 0, cm = 0;
        if (!hhmm(open, oh, om) || !hhmm(close, ch, cm))
            return std::string("calendar.open or close is not HH:MM");
        SessionWindow w = sessionFor(*date);
        w.open = w.at(oh, om);
        w.close = w.at(ch, cm);
        return w;
    });
}

Read<std::vector<WireFill>> readFills(const QByteArray &body)
{
    return readArray<WireFill>(body, "the activities", [](const QJsonObject &o) -> Read<WireFill> {
        Fields f(o, "activity");
        WireFill x;
        x.id = f.string("id");
        x.orderId = f.string("order_id");
        x.symbol = f.string("symbol");
        x.side = f.side("side");
        x.qty = f.shares("qty");
        x.cumQty = f.shares("cum_qty");
        x.leavesQty = f.shares("leaves_qty", false);
        x.price = Price::fromRaw(f.fixed("price"));
        x.at = f.time("transaction_time");
        return done(std::move(x), f);
    });
}

Read<std::vector<WireBulkItem>> readBulk(const QByteArray &body)
{
    return readArray<WireBulkItem>(body, "the bulk answer", [](const QJsonObject &o) -> Read<WireBulkItem> {
        WireBulkItem item;
        item.key = o.contains(QLatin1String("id")) ? text(o.value(QLatin1String("id")))
                                                   : text(o.value(QLatin1String("symbol")));
        const QJsonValue status = o.value(QLatin1String("status"));
        item.status = status.isString() ? status.toString().toInt() : status.toInt();
        if (item.key.empty() || item.status == 0)
            return std::string("a bulk item has no id or symbol, or no status");
        const QJsonObject itemBody = o.value(QLatin1String("body")).toObject();
        if (item.status >= 200 && item.status < 300 && itemBody.contains(QLatin1String("client_order_id"))) {
            Read<WireOrder> order = readOrder(itemBody);
            if (auto *w = std::get_if<WireOrder>(&order))
                item.order = *w;
        } else {
            item.message = text(itemBody.value(QLatin1String("message")));
        }
        return item;
    });
}

Read<TradeStreamMessage> readStreamMessage(const QByteArray &frame)
{
    Read<QJsonObject> o = object(frame, "a trade stream message");
    if (auto *error = std::get_if<std::string>(&o))
        return *error;
    const QJsonObject &m = std::get<QJsonObject>(o);
    TradeStreamMessage out;
    out.stream = text(m.value(QLatin1String("stream")));
    const QJsonObject data = m.value(QLatin1String("data")).toObject();
    if (out.stream == "authorization") {
        out.status = text(data.value(QLatin1String("status")));
    } else if (out.stream == "error") {
        out.status = text(data.value(QLatin1String("error")));
    } else if (out.stream == "trade_updates") {
        Fields f(data, "trade_update");
        WireUpdate u;
        u.event = f.string("event");
        Read<WireOrder> order = readOrder(data.value(QLatin1String("order")).toObject());
        if (auto *error = std::get_if<std::string>(&order))
            return *error;
        u.order = std::get<WireOrder>(order);
        u.timestamp = f.time("timestamp", false);
        if (u.event == "fill" || u.event == "partial_fill") {
            u.executionId = f.string("execution_id", false);
            u.qty = f.shares("qty");
            u.price = Price::fromRaw(f.fixed("price"));
        }
        if (!f.error().empty())
            return f.error();
        out.update = std::move(u);
    }
    return out;
}

std::string errorMessage(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const std::string message = text(doc.object().value(QLatin1String("message")));
        if (!message.empty())
            return message;
    }
    return QString::fromUtf8(body.left(200)).simplified().toStdString();
}

} // namespace vigil::alpaca
