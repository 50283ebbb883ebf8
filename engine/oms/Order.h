#pragma once
// An order's lifecycle and the state machine that guards it. Engine thread only.

#include "api/Fixed.h"
#include "api/OrderStatus.h"
#include "api/Types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

/// Whether an order may move from `from` to `to`. Filled, Cancelled, Rejected and Expired
/// are final; fills may still arrive while a cancel is pending (the race every broker has);
/// a refused cancel returns the order to Accepted or PartiallyFilled. After a restart every
/// order that was still open becomes Unknown, and the broker's answer moves it on.
bool isLegalTransition(OrderStatus from, OrderStatus to);

struct Order {
    OrderId id = 0;
    StrategyId strategy = kNoStrategy;
    SymbolId symbol = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Price limitPrice;
    OrderStatus status = OrderStatus::New;
    Quantity filledQty = 0;
    Money filledNotional; ///< sum of fill qty * price, for the average fill price
    RejectReason rejectReason = RejectReason::None;
    SimTime createdAt = 0;
    SimTime updatedAt = 0;
    std::vector<std::uint64_t> executionIds; ///< the broker's ids of the fills booked so far
    std::string clientOrderId;               ///< how the broker knows it (set when created or recovered)
    bool byOperator = false;                 ///< a flatten or kill closing order, not the strategy's
    Price arrivalMid;                        ///< the quote's mid when it was sent (zero: unknown)
    std::string reference;                   ///< its strategy source's own name for it (a bot's client_order_id)

    Quantity leavesQty() const { return isTerminal(status) ? 0 : qty - filledQty; }
    Price averageFillPrice() const { return averagePrice(filledNotional, filledQty); }
    /// Moves to `to` if legal; returns false and leaves the order unchanged if not.
    bool transition(OrderStatus to, SimTime at);
};

/// "VG-20261120-mr-000042": the client order id sent to a broker (at most 48 characters,
/// unique per trading day and engine).
std::string clientOrderId(const std::string &compactDate, std::string_view strategyCode, OrderId id);
/// Splits a client order id made by clientOrderId(); false if it is not one.
bool parseClientOrderId(std::string_view id, std::string &compactDate, std::string &strategyCode, OrderId &number);

} // namespace vigil
