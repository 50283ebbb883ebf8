#include "net/TradeUpdateJson.h"

#include "net/Rfc3339.h"

#include <QJsonValue>
#include <QUuid>

#include <string>
#include <unordered_map>

namespace vigil::gateway {

using namespace Qt::StringLiterals;

namespace {

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QJsonValue timeOrNull(SimTime t) { return t == 0 ? QJsonValue() : QJsonValue(text(rfc3339(t))); }

QJsonValue priceOrNull(Price p) { return p.isZero() ? QJsonValue() : QJsonValue(text(p.toString())); }

} // namespace

std::string_view alpacaOrderStatus(OrderStatus status)
{
    switch (status) {
    case OrderStatus::New: return "pending_new"; // sent, not yet acknowledged by the venue
    case OrderStatus::Accepted: return "new";    // working at the venue
    case OrderStatus::PartiallyFilled: return "partially_filled";
    case OrderStatus::Filled: return "filled";
    case OrderStatus::CancelPending: return "pending_cancel";
    case OrderStatus::Cancelled: return "canceled";
    case OrderStatus::Rejected: return "rejected";
    case OrderStatus::Expired: return "expired";
    case OrderStatus::Unknown: return "accepted"; // after a restart, until the broker has answered
    }
    return "accepted";
}

std::string_view alpacaEvent(TradeEvent event)
{
    switch (event) {
    case TradeEvent::PendingNew: return "pending_new";
    case TradeEvent::New: return "new";
    case TradeEvent::PartialFill: return "partial_fill";
    case TradeEvent::Fill: return "fill";
    case TradeEvent::Canceled: return "canceled";
    case TradeEvent::Expired: return "expired";
    case TradeEvent::Rejected: return "rejected";
    case TradeEvent::PendingCancel: return "pending_cancel";
    }
    return "new";
}

std::string_view alpacaTimeInForce(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::Day: return "day";
    case TimeInForce::Gtc: return "gtc";
    case TimeInForce::Ioc: return "ioc";
    }
    return "day";
}

std::string_view alpacaSide(Side side) { return side == Side::Buy ? "buy" : "sell"; }

std::string_view alpacaOrderType(OrderType type) { return type == OrderType::Market ? "market" : "limit"; }

std::string alpacaAssetId(std::string_view symbol)
{
    // Vigil's own namespace for asset ids (a fixed random UUID). A SHA-1 per order update
    // is not free: each thread keeps the ids it made (one per symbol of the universe).
    static const QUuid kNamespace(QStringLiteral("{5b0e7d1a-3c6f-4e8a-9d42-7f1c2a6b8e90}"));
    thread_local std::unordered_map<std::string, std::string> made;
    const auto [it, inserted] = made.try_emplace(std::string(symbol));
    if (inserted)
        it->second = QUuid::createUuidV5(kNamespace, text(symbol)).toString(QUuid::WithoutBraces).toStdString();
    return it->second;
}

namespace {

/// Alpaca's Order object, field by field, into `out` (ObjectOut or TextOut below): the one
/// place that names its fields.
template<typename Out> void writeOrder(Out &out, const BotOrder &order)
{
    const std::string_view type = alpacaOrderType(order.type);
    out.text("id", order.uuid);
    out.text("client_order_id", order.clientOrderId);
    out.time("created_at", order.createdAt);
    out.time("updated_at", order.updatedAt);
    out.time("submitted_at", order.createdAt);
    out.time("filled_at", order.filledAt);
    out.time("expired_at", order.expiredAt);
    out.time("canceled_at", order.canceledAt);
    out.time("failed_at", order.failedAt);
    out.null("replaced_at");
    out.null("replaced_by");
    out.null("replaces");
    out.text("asset_id", alpacaAssetId(order.symbol));
    out.text("symbol", order.symbol);
    out.text("asset_class", "us_equity");
    out.null("notional");
    out.text("qty", std::to_string(order.qty));
    out.text("filled_qty", std::to_string(order.filledQty));
    out.price("filled_avg_price", order.filledAvgPrice);
    out.text("order_class", "simple");
    out.text("order_type", type);
    out.text("type", type);
    out.text("side", alpacaSide(order.side));
    out.text("time_in_force", alpacaTimeInForce(order.timeInForce));
    out.price("limit_price", order.type == OrderType::Limit ? order.limitPrice : Price());
    out.null("stop_price");
    out.text("status", alpacaOrderStatus(order.status));
    out.boolean("extended_hours", false);
    out.null("legs");
    out.null("trail_percent");
    out.null("trail_price");
    out.null("hwm");
}

/// Into a QJsonObject (orderJson(), for answers built as documents).
struct ObjectOut {
    QJsonObject &o;
    void text(const char *key, std::string_view value) { o[QLatin1String(key)] = vigil::gateway::text(value); }
    void null(const char *key) { o[QLatin1String(key)] = QJsonValue(); }
    void boolean(const char *key, bool value) { o[QLatin1String(key)] = value; }
    void time(const char *key, SimTime t) { o[QLatin1String(key)] = timeOrNull(t); }
    void price(const char *key, Price p) { o[QLatin1String(key)] = priceOrNull(p); }
};

/// Straight into compact JSON text (the stream's messages: a document per update would cost
/// the network thread tens of microseconds, this one or two). Keys are plain ASCII; values
/// are escaped as RFC 8259 requires (quotation mark, reverse solidus, control characters).
struct TextOut {
    std::string &out;
    bool first = true;

    void key(const char *k)
    {
        if (!first)
            out.push_back(',');
        first = false;
        out.push_back('"');
        out += k;
        out += "\":";
    }
    void quoted(std::string_view value)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        out.push_back('"');
        for (const char c : value) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out.push_back('\\');
                out.push_back(c);
            } else if (u < 0x20) {
                out += "\\u00";
                out.push_back(kHex[u >> 4]);
                out.push_back(kHex[u & 0xf]);
            } else {
                out.push_back(c);
            }
        }
        out.push_back('"');
    }
    void text(const char *k, std::string_view value)
    {
        key(k);
        quoted(value);
    }
    void null(const char *k)
    {
        key(k);
        out += "null";
    }
    void boolean(const char *k, bool value)
    {
        key(k);
        out += value ? "true" : "false";
    }
    void time(const char *k, SimTime t)
    {
        if (t == 0)
            return null(k);
        key(k);
        char buffer[kRfc3339MaxSize];
        out.push_back('"');
        out.append(buffer, writeRfc3339(t, buffer));
        out.push_back('"');
    }
    void price(const char *k, Price p)
    {
        if (p.isZero())
            return null(k);
        text(k, p.toString());
    }
};

} // namespace

QJsonObject orderJson(const BotOrder &order)
{
    QJsonObject o;
    ObjectOut out{o};
    writeOrder(out, order);
    return o;
}

std::string tradeUpdateMessage(const TradeUpdate &update)
{
    std::string message;
    message.reserve(1024);
    message += R"({"stream":"trade_updates","data":{)";
    TextOut data{message};
    data.text("event", alpacaEvent(update.event));
    data.key("order");
    message.push_back('{');
    TextOut order{message};
    writeOrder(order, update.order);
    message.push_back('}');
    // alpaca-py requires a timestamp on every event, so one is always sent.
    data.time("timestamp", update.timestamp != 0 ? update.timestamp : update.order.updatedAt);
    if (update.event == TradeEvent::Fill || update.event == TradeEvent::PartialFill) {
        data.text("execution_id", update.executionId);
        data.text("price", update.price.toString());
        data.text("qty", std::to_string(update.qty));
        data.text("position_qty", std::to_string(update.positionQty));
    }
    message += "}}";
    return message;
}

} // namespace vigil::gateway
