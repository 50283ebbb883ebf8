#pragma once
// Alpaca's JSON, both ways: the engine's replies (GatewayTypes.h) written as Alpaca's
// Trading API v2 and Market Data v2 objects, and the bots' requests (an order's body, the
// query strings) read into the engine's request types or refused with Alpaca's error.
//
// Written: decimals of the trading API as JSON strings, the exact text of the fixed-point
// values (never through a double); unset times and prices as null; order times in UTC
// ("Z") with nanoseconds, the clock's in New York's offset. The market data API's prices
// are JSON numbers, as Alpaca's are: the number's shortest text equals the fixed-point text
// for every price below $10^11.
//
// Read: malformed JSON is 400 (40010000); anything wrong in a well-formed request is 422
// (40010001) with a message naming the field. Fields Alpaca knows but Vigil does not trade
// (notional, stop_price, trailing stops, brackets, extended hours, opg/cls/fok) are refused
// by name when they carry a value; fields no Alpaca request has are ignored, as Alpaca's
// own server ignores them (its SDKs send fields of newer API versions).
//
// Threads: any thread (pure functions of their arguments).

#include "alpaca/AlpacaTime.h" // IWYU pragma: export
#include "gateway/GatewayTypes.h"
#include "net/TradeUpdateJson.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace vigil::gateway::alpaca {

using Query = std::vector<std::pair<std::string, std::string>>;

// ---- names and identifiers --------------------------------------------------------------

// The order's names (status, side, type, time in force, event) and the asset's UUID are
// net/TradeUpdateJson.h's: the stream's order and the REST answer's share one writer.
/// The bot's account UUID: a name-based UUID (v5) of its name.
std::string accountId(std::string_view botName);
/// Whether `text` is a UUID in its 36-character form.
bool isUuid(std::string_view text);

// ---- times ------------------------------------------------------------------------------

/// RFC 3339 in UTC with the nanoseconds Go's RFC3339Nano writes (trailing zeros dropped):
/// "2026-11-20T15:00:00.5Z", "2026-11-20T15:00:00Z".
std::string utcTimestamp(SimTime t);
/// The same instant at a UTC offset: "2026-11-20T09:30:00-05:00".
std::string offsetTimestamp(SimTime t, int utcOffsetMinutes);
// parseTimestamp() and parseDate(): alpaca/AlpacaTime.h (the adapter reads them too).

// ---- the trading API's objects ----------------------------------------------------------

QJsonObject positionJson(const BotPosition &position);
QJsonObject accountJson(const BotAccount &account);
QJsonObject clockJson(const ClockView &clock);
QJsonObject calendarJson(const CalendarDay &day);
QJsonObject assetJson(const AssetView &asset);
/// Alpaca's FILL activity; its id is "<transaction time to the millisecond, UTC>::<execution
/// id>" ("20261120150000500::6f1c..."), so a page_token names where a page ended.
QJsonObject activityJson(const BotActivity &activity);
/// {"code":...,"message":...} and the error's context fields.
QJsonObject errorJson(const ApiError &error);
/// A 207 answer's items; `keyName` is "id" (cancel all orders) or "symbol" (close all
/// positions). An item's body is the order, the error, or absent.
QJsonArray bulkJson(const std::vector<BulkItem> &items, const char *keyName);

// ---- the market data API's objects ------------------------------------------------------

QJsonObject quoteJson(const LatestQuote &quote);
QJsonObject tradeJson(const LatestTrade &trade);
QJsonObject barJson(const LatestBar &bar);

/// Compact JSON text of an object or an array.
QByteArray toText(const QJsonObject &object);
QByteArray toText(const QJsonArray &array);

// ---- the bots' requests -----------------------------------------------------------------

/// Alpaca's error answers used for bad requests.
ApiError badRequest(std::string message);   ///< 400, 40010000
ApiError invalidField(std::string message); ///< 422, 40010001

/// The body of POST /v2/orders.
std::variant<SubmitOrder, ApiError> parseSubmitOrder(std::string_view body);
/// GET /v2/orders: status, limit, after, until, direction, symbols, side (and nested,
/// accepted and ignored: every order is simple).
std::variant<ListOrders, ApiError> parseListOrders(const Query &query);
/// GET /v2/account/activities[/FILL]: date (a day in New York, not with after or until),
/// after, until, direction (default desc), page_size (1..100, default 100), page_token (an
/// activity's id).
std::variant<GetActivities, ApiError> parseActivities(const Query &query);
/// Whether GET /v2/account/activities' activity_types (absent: all) asks for FILL.
bool asksForFills(const Query &query);
/// DELETE /v2/positions/{symbol}: qty (whole shares) or percentage (0 < p <= 100).
std::variant<ClosePosition, ApiError> parseClosePosition(std::string symbol, const Query &query);
/// DELETE /v2/positions: cancel_orders=true|false.
std::variant<CloseAllPositions, ApiError> parseCloseAllPositions(const Query &query);
/// GET /v2/calendar: start, end.
std::variant<GetCalendar, ApiError> parseCalendar(const Query &query);
/// A comma-separated symbol list (the market data API's `symbols`); empty entries dropped.
std::vector<std::string> splitSymbols(std::string_view text);

} // namespace vigil::gateway::alpaca
