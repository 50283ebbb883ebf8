#include "net/TradeUpdateJson.h"

#include "net/Rfc3339.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>

namespace vigil::gateway {

using namespace Qt::StringLiterals;

namespace {

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QJsonValue timeOrNull(SimTime t) { return t == 0 ? QJsonValue() : QJsonValue(text(rfc3339(t))); }

QJsonValue priceOrNull(Price p) { return p.isZero() ? QJsonValue() : QJsonValue(text(p.toString())); }

QString quantity(Quantity q) { return QString::number(q); }

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
    // Vigil's own namespace for asset ids (a fixed random UUID).
    static const QUuid kNamespace(QStringLiteral("{5b0e7d1a-3c6f-4e8a-9d42-7f1c2a6b8e90}"));
    return QUuid::createUuidV5(kNamespace, text(symbol)).toString(QUuid::WithoutBraces).toStdString();
}

QJsonObject orderJson(const BotOrder &order)
{
    const QJsonValue null;
    const QString type = text(alpacaOrderType(order.type));
    QJsonObject o;
    o[u"id"_s] = text(order.uuid);
    o[u"client_order_id"_s] = text(order.clientOrderId);
    o[u"created_at"_s] = timeOrNull(order.createdAt);
    o[u"updated_at"_s] = timeOrNull(order.updatedAt);
    o[u"submitted_at"_s] = timeOrNull(order.createdAt);
    o[u"filled_at"_s] = timeOrNull(order.filledAt);
    o[u"expired_at"_s] = timeOrNull(order.expiredAt);
    o[u"canceled_at"_s] = timeOrNull(order.canceledAt);
    o[u"failed_at"_s] = timeOrNull(order.failedAt);
    o[u"replaced_at"_s] = null;
    o[u"replaced_by"_s] = null;
    o[u"replaces"_s] = null;
    o[u"asset_id"_s] = text(alpacaAssetId(order.symbol));
    o[u"symbol"_s] = text(order.symbol);
    o[u"asset_class"_s] = u"us_equity"_s;
    o[u"notional"_s] = null;
    o[u"qty"_s] = quantity(order.qty);
    o[u"filled_qty"_s] = quantity(order.filledQty);
    o[u"filled_avg_price"_s] = priceOrNull(order.filledAvgPrice);
    o[u"order_class"_s] = u"simple"_s;
    o[u"order_type"_s] = type;
    o[u"type"_s] = type;
    o[u"side"_s] = text(alpacaSide(order.side));
    o[u"time_in_force"_s] = text(alpacaTimeInForce(order.timeInForce));
    o[u"limit_price"_s] = order.type == OrderType::Limit ? priceOrNull(order.limitPrice) : null;
    o[u"stop_price"_s] = null;
    o[u"status"_s] = text(alpacaOrderStatus(order.status));
    o[u"extended_hours"_s] = false;
    o[u"legs"_s] = null;
    o[u"trail_percent"_s] = null;
    o[u"trail_price"_s] = null;
    o[u"hwm"_s] = null;
    return o;
}

std::string tradeUpdateMessage(const TradeUpdate &update)
{
    QJsonObject data;
    data[u"event"_s] = text(alpacaEvent(update.event));
    data[u"order"_s] = orderJson(update.order);
    // alpaca-py requires a timestamp on every event, so one is always sent.
    data[u"timestamp"_s] = text(rfc3339(update.timestamp != 0 ? update.timestamp : update.order.updatedAt));
    if (update.event == TradeEvent::Fill || update.event == TradeEvent::PartialFill) {
        data[u"execution_id"_s] = text(update.executionId);
        data[u"price"_s] = text(update.price.toString());
        data[u"qty"_s] = quantity(update.qty);
        data[u"position_qty"_s] = quantity(update.positionQty);
    }
    const QJsonObject message{{u"stream"_s, u"trade_updates"_s}, {u"data"_s, data}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace vigil::gateway
