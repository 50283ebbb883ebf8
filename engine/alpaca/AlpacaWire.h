#pragma once
// Alpaca's answers, read by the adapter: the trading API's Order, Position, Account, Clock
// and Calendar objects, the FILL activities, a 207's items and the trade_updates stream's
// messages, into plain values. Decimals arrive as JSON strings and become fixed-point
// exactly (a price or an amount with more than four decimals, which Alpaca's averages and
// valuations carry, is rounded half away from zero; quantities must be whole shares).
// Anything missing or malformed that money depends on is an error naming the field, never
// a silent zero.
//
// Threads: any (pure functions of their arguments).

#include "api/Fixed.h"
#include "api/Time.h"
#include "api/Types.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace vigil::alpaca {

struct WireOrder {
    std::string id; ///< Alpaca's UUID
    std::string clientOrderId;
    std::string symbol;
    std::string status; ///< Alpaca's: new, accepted, partially_filled, filled, canceled, ...
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Quantity filledQty = 0;
    Price limitPrice;
    Price filledAvgPrice; ///< rounded to four decimals (zero while nothing is filled)
    SimTime submittedAt = 0;
    SimTime updatedAt = 0;
};

/// Terminal at Alpaca: nothing more will happen to it.
bool isTerminalStatus(const std::string &status);

/// A trade_updates message's data.
struct WireUpdate {
    std::string event; ///< new, fill, partial_fill, canceled, expired, rejected, ...
    WireOrder order;
    SimTime timestamp = 0;
    std::string executionId; ///< fills only
    Quantity qty = 0;        ///< fills: this execution's shares (as Alpaca's stream sends them)
    Price price;             ///< fills: this execution's price
};

struct WirePosition {
    std::string symbol;
    Quantity qty = 0; ///< signed: short positions negative
    Price avgEntryPrice;
    Money costBasis; ///< signed
    Price currentPrice;
};

struct WireAccount {
    std::string status; ///< ACTIVE, ...
    bool tradingBlocked = false;
    bool accountBlocked = false;
    Money cash;
    Money buyingPower;
    Money equity;
};

struct WireClock {
    SimTime timestamp = 0;
    bool isOpen = false;
    SimTime nextOpen = 0;
    SimTime nextClose = 0;
};

/// A FILL activity: one execution, with the order's cumulative quantity after it.
struct WireFill {
    std::string orderId;
    std::string symbol;
    Side side = Side::Buy;
    Quantity qty = 0;
    Quantity cumQty = 0;
    Quantity leavesQty = 0;
    Price price;
    SimTime at = 0;
    std::string id; ///< the activity's id (a page token)
};

/// One item of a 207 (bulk cancel: by order id; bulk close: by symbol).
struct WireBulkItem {
    std::string key;
    int status = 0;
    std::optional<WireOrder> order; ///< when the body is an order
    std::string message;            ///< when the body is an error
};

/// Either the value or why it could not be read.
template<typename T> using Read = std::variant<T, std::string>;

Read<WireOrder> readOrder(const QJsonObject &object);
Read<std::vector<WireOrder>> readOrders(const QByteArray &body);
Read<WirePosition> readPosition(const QJsonObject &object);
Read<std::vector<WirePosition>> readPositions(const QByteArray &body);
Read<WireAccount> readAccount(const QByteArray &body);
Read<WireClock> readClock(const QByteArray &body);
/// The calendar's days (date, open and close in New York time) as session windows.
Read<std::vector<SessionWindow>> readCalendar(const QByteArray &body);
Read<std::vector<WireFill>> readFills(const QByteArray &body);
Read<std::vector<WireBulkItem>> readBulk(const QByteArray &body);
/// A trade_updates stream message: the update, or nullopt for the stream's other messages
/// (authorization, listening), whose `stream` and `status` go to `control`.
struct TradeStreamMessage {
    std::string stream;               ///< "trade_updates", "authorization", "listening", "error"
    std::string status;               ///< authorization's "authorized" / "unauthorized"; error's text
    std::optional<WireUpdate> update; ///< trade_updates
};
Read<TradeStreamMessage> readStreamMessage(const QByteArray &frame);
/// An error answer's message ({"code":..., "message": ...}), or the body's start.
std::string errorMessage(const QByteArray &body);

/// `t` as the RFC 3339 text Alpaca's queries take ("2026-11-20T14:30:00.123Z").
QString utcText(SimTime t);

/// A decimal string at four places: exact when it has at most four, else rounded half away
/// from zero. nullopt when it is not a decimal.
std::optional<std::int64_t> decimalRaw(std::string_view text);

} // namespace vigil::alpaca
