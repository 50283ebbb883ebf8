#pragma once
// What the gateway's network thread and the engine thread tell each other about a bot: its
// requests (one struct per intent), the engine's answers and the trade updates of its
// orders. Plain values, copied across the thread boundary by GatewayHub; neither side keeps
// a reference into the other's memory. Any thread.
//
// The vocabulary is the engine's (fixed-point prices, OrderId, SimTime in ns since the
// epoch). Turning it into Alpaca's JSON (decimal strings, UUIDs, RFC 3339 times, status
// names) is AlpacaJson's job on the network thread, so the engine thread never formats text.

#include "api/Fixed.h"
#include "api/OrderStatus.h"
#include "api/Time.h"
#include "api/Types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vigil::gateway {

enum class TimeInForce : std::uint8_t { Day, Gtc, Ioc };

/// One of a bot's orders as it stands.
struct BotOrder {
    OrderId id = 0;            ///< the engine's
    std::string uuid;          ///< Alpaca's "id": a UUID, stable for the order across restarts
    std::string clientOrderId; ///< the bot's own (given by it, or made up when it gave none)
    std::string symbol;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    TimeInForce timeInForce = TimeInForce::Day;
    Quantity qty = 0;
    Price limitPrice; ///< zero: market
    OrderStatus status = OrderStatus::New;
    Quantity filledQty = 0;
    Price filledAvgPrice; ///< zero: nothing filled
    RejectReason rejectReason = RejectReason::None;
    SimTime createdAt = 0; ///< 0 in any of these: null
    SimTime updatedAt = 0;
    SimTime filledAt = 0;
    SimTime canceledAt = 0;
    SimTime expiredAt = 0;
    SimTime failedAt = 0;
};

/// One of a bot's positions, valued at the last quote.
struct BotPosition {
    std::string symbol;
    Quantity qty = 0; ///< signed: negative short
    Price avgEntryPrice;
    Price currentPrice; ///< the mid of the last quote
    Price lastdayPrice; ///< the previous close (the session's first quote when unknown)
    Money costBasis;
    Money marketValue;
    Money unrealizedPl;
    Money unrealizedIntradayPl;
};

/// The account as a bot sees it: its own book inside Vigil's account, within its limits.
struct BotAccount {
    std::string botName;
    Money cash;        ///< its configured buying power less what its open positions cost, plus its realized P&L
    Money buyingPower; ///< what its next orders may still commit under its limit
    Money equity;
    Money lastEquity;
    Money longMarketValue;
    Money shortMarketValue;
    bool tradingBlocked = false; ///< halted or killed, or the bot is disabled
    bool accountBlocked = false;
    SimTime createdAt = 0;
};

struct ClockView {
    SimTime now = 0;
    bool isOpen = false;
    SimTime nextOpen = 0;
    SimTime nextClose = 0;
    int utcOffsetMinutes = 0; ///< New York's that day, for the RFC 3339 offsets
};

struct CalendarDay {
    Date date;
    SimTime open = 0;
    SimTime close = 0;
    int utcOffsetMinutes = 0;
};

struct AssetView {
    std::string symbol;
    std::string uuid;
    std::string exchange;
    bool tradable = true;
    bool shortable = true;
    bool marginable = true;
};

struct LatestQuote {
    std::string symbol;
    SimTime time = 0;
    Price bid;
    Price ask;
    std::int32_t bidSize = 0;
    std::int32_t askSize = 0;
};

struct LatestTrade {
    std::string symbol;
    SimTime time = 0;
    Price price;
    std::int32_t size = 0;
    std::uint64_t tradeId = 0;
};

struct LatestBar {
    std::string symbol;
    SimTime start = 0; ///< the minute it covers
    Price open, high, low, close;
    std::int64_t volume = 0;
    std::int64_t tradeCount = 0;
    Price vwap;
};

/// Alpaca's error answer: the HTTP status, its 8-digit code and message, and any context
/// fields (a pre-trade refusal names its check and its numbers) as JSON strings.
struct ApiError {
    int httpStatus = 422;
    int code = 40010001;
    std::string message;
    std::vector<std::pair<std::string, std::string>> context;
};

/// One item of a 207 answer (cancel all orders, close all positions).
struct BulkItem {
    std::string key; ///< the order's uuid, or the position's symbol
    int status = 200;
    std::variant<std::monostate, BotOrder, ApiError> body;
};

/// One execution in a bot's book (its own orders' and a flatten's), as GET
/// /v2/account/activities tells it: Alpaca's FILL activity.
struct BotActivity {
    std::string executionId; ///< the trade update's execution_id; the activity's id ends with it
    SimTime time = 0;        ///< when it executed
    std::string orderUuid;
    std::string symbol;
    Side side = Side::Buy;
    Price price;
    Quantity qty = 0;                              ///< this execution's
    Quantity cumQty = 0;                           ///< the order's filled quantity after it
    Quantity leavesQty = 0;                        ///< what was left of the order after it
    OrderStatus orderStatus = OrderStatus::Filled; ///< the order's status after it
};

/// 204: done, nothing to say.
struct NoContent {};

// ---- requests: one per intent -------------------------------------------------------

struct SubmitOrder {
    std::string symbol;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    TimeInForce timeInForce = TimeInForce::Day;
    Quantity qty = 0;
    Price limitPrice;          ///< limit orders only
    std::string clientOrderId; ///< empty: the engine makes one up
};
struct CancelOrder {
    std::string uuid;
};
struct CancelAllOrders {};
struct ClosePosition {
    std::string symbol;
    std::optional<Quantity> qty;         ///< part of it; none: all
    std::optional<double> percentagePct; ///< 0..100 of it; none: all
};
struct CloseAllPositions {
    bool cancelOrders = false;
};
struct GetOrder {
    std::string uuid;
};
struct GetOrderByClientId {
    std::string clientOrderId;
};
struct ListOrders {
    enum class Status : std::uint8_t { Open, Closed, All };
    Status status = Status::Open;
    int limit = 50;    ///< 1..500
    SimTime after = 0; ///< exclusive, by submission; 0: none
    SimTime until = 0; ///< exclusive, by submission; 0: none
    bool ascending = false;
    std::vector<std::string> symbols; ///< empty: all
    std::optional<Side> side;
};
/// GET /v2/account/activities (FILL): the bot's executions, newest first unless ascending.
struct GetActivities {
    SimTime after = 0; ///< exclusive; 0: none
    SimTime until = 0; ///< exclusive; 0: none
    bool ascending = false;
    int pageSize = 100;             ///< 1..100
    std::string pageTokenExecution; ///< the page starts after this execution (a page_token's uuid); empty: none
};
struct GetPositions {};
struct GetPosition {
    std::string symbol;
};
struct GetAccount {};
struct GetClock {};
struct GetCalendar {
    std::optional<Date> start;
    std::optional<Date> end;
};
struct GetAssets {};
struct GetAsset {
    std::string symbol;
};
struct GetLatestQuotes {
    std::vector<std::string> symbols;
};
struct GetLatestTrades {
    std::vector<std::string> symbols;
};
struct GetLatestBars {
    std::vector<std::string> symbols;
};

using BotRequest =
    std::variant<SubmitOrder, CancelOrder, CancelAllOrders, ClosePosition, CloseAllPositions, GetOrder,
                 GetOrderByClientId, ListOrders, GetActivities, GetPositions, GetPosition, GetAccount, GetClock,
                 GetCalendar, GetAssets, GetAsset, GetLatestQuotes, GetLatestTrades, GetLatestBars>;

/// The engine's answer to one request; ApiError for any refusal.
using BotReply = std::variant<ApiError, NoContent, BotOrder, std::vector<BotOrder>, BotPosition,
                              std::vector<BotPosition>, BotAccount, ClockView, std::vector<CalendarDay>, AssetView,
                              std::vector<AssetView>, std::vector<BulkItem>, std::vector<LatestQuote>,
                              std::vector<LatestTrade>, std::vector<LatestBar>, std::vector<BotActivity>>;

// ---- what the bot's trade_updates stream carries ------------------------------------

enum class TradeEvent : std::uint8_t { PendingNew, New, PartialFill, Fill, Canceled, Expired, Rejected, PendingCancel };

struct TradeUpdate {
    TradeEvent event = TradeEvent::New;
    BotOrder order; ///< as it stands after the event
    SimTime timestamp = 0;
    // Fills only:
    std::string executionId;
    Price price;              ///< this execution's
    Quantity qty = 0;         ///< this execution's
    Quantity positionQty = 0; ///< the bot's position in the symbol after it (signed)
};

// ---- what the market data stream carries ----------------------------------------------

/// One market event for the data stream, as the engine thread saw it. Trivially copyable:
/// it travels through a lock-free ring.
struct MarketTick {
    enum class Kind : std::uint8_t { Quote, Trade };
    Kind kind = Kind::Quote;
    SimTime time = 0;
    SymbolId symbol = 0;
    Price bid; ///< quote: bid, ask and sizes; trade: price in `bid`, size in `bidSize`
    Price ask;
    std::int32_t bidSize = 0;
    std::int32_t askSize = 0;
    std::uint64_t tradeId = 0; ///< trades only, increasing per session
};

} // namespace vigil::gateway
