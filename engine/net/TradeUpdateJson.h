#pragma once
// Alpaca's JSON for a bot's orders and for the messages of its trade_updates stream: the
// Order object of Alpaca's Trading API v2 (every field of its schema, decimals as strings,
// RFC 3339 times, null where unset) and the stream's {"stream":"trade_updates","data":...}
// around it. The stream's order must be the REST answer's, field for field: a bot compares
// the two.
//
// Threads: any (pure functions); the gateway calls them on its network thread.

#include "api/OrderStatus.h"
#include "gateway/GatewayTypes.h"

#include <QJsonObject>

#include <string>
#include <string_view>

namespace vigil::gateway {

std::string_view alpacaOrderStatus(OrderStatus status); ///< "new", "partially_filled", ...
std::string_view alpacaEvent(TradeEvent event);         ///< "new", "partial_fill", "fill", ...
std::string_view alpacaTimeInForce(TimeInForce tif);    ///< "day", "gtc", "ioc"
std::string_view alpacaSide(Side side);                 ///< "buy", "sell"
std::string_view alpacaOrderType(OrderType type);       ///< "market", "limit"

/// The asset's "id" of `symbol`: a UUID derived from the symbol (version 5), the same in
/// every answer and across restarts.
std::string alpacaAssetId(std::string_view symbol);

/// The order as Alpaca's Order object.
QJsonObject orderJson(const BotOrder &order);

/// One message of the trade_updates stream, compact JSON text written directly (the same
/// fields as orderJson(), without a document's cost):
/// {"stream":"trade_updates","data":{"event","order","timestamp"[,"execution_id","price","qty","position_qty"]}};
/// the execution's fields on fills and partial fills only.
std::string tradeUpdateMessage(const TradeUpdate &update);

} // namespace vigil::gateway
