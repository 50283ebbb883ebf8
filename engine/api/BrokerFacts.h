#pragma once
// What a broker's back office answers, in the engine's own terms: its statement (positions,
// working orders, cash), its account facts (status, blocked flags, cash, buying power) and
// its record of one order. Whatever the venue is (the simulator's paper broker, a real
// broker's API), this is what reconciliation, the checklists and the restart read. Plain
// values; any thread.

#include "api/Fixed.h"
#include "api/Time.h"
#include "api/Types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

/// A net position in one symbol, as one side of the comparison holds it.
struct BookPosition {
    std::string symbol;
    Quantity qty = 0; ///< signed: + long, - short
    Price avgPrice;   ///< of the open quantity
};

/// A working order, as one side of the comparison holds it.
struct BookOrder {
    std::string clientOrderId;
    std::string symbol;
    Side side = Side::Buy;
    Quantity qty = 0;
    Quantity filledQty = 0;
};

/// An execution at the broker on an order the console did not place (by hand at the
/// broker's own screen): what explains a position the console does not know of.
struct BrokerTrade {
    std::string symbol;
    Quantity qty = 0; ///< signed: + bought, - sold
    Price price;
    Money fee;
};

/// What the broker answered. Each part counts only if it was answered.
struct BrokerStatement {
    bool positionsAnswered = false;
    bool ordersAnswered = false;
    std::string error; ///< why a part is missing (the broker's error, a timeout ...)
    std::vector<BookPosition> positions;
    std::vector<BookOrder> openOrders;
    std::vector<BrokerTrade> outsideTrades;   ///< the current session's, when the broker tells them
    std::optional<Money> cash = std::nullopt; ///< the account's cash, when the broker told it
};

/// The broker's account as it tells it. Nothing is known unless `known`: an account that
/// did not answer is never read as active and unblocked.
struct AccountFacts {
    bool known = false;
    std::string error; ///< why not known
    bool active = false;
    bool tradingBlocked = false;
    bool patternDayTrader = false;
    std::optional<Money> buyingPower; ///< when the broker tells it
    std::optional<Money> cash;
};

/// An order as the broker knows it.
struct BrokerOrder {
    std::string clientOrderId;
    std::string brokerId; ///< the broker's own id of it, where it has one (Alpaca's order id)
    std::string sessionDate;
    OrderId number = 0; ///< the engine's number in the client order id
    std::string symbol;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Price limitPrice;
    Quantity filledQty = 0;
    std::string status; ///< accepted, partially_filled, filled, cancelled, rejected, expired
    RejectReason reason = RejectReason::None;
    bool feeCharged = false;
    SimTime submittedAt = 0;
    SimTime updatedAt = 0;
    struct Execution {
        std::uint64_t id = 0;
        SimTime at = 0;
        Quantity qty = 0;
        Price price;
        Money fee;
    };
    std::vector<Execution> executions; ///< in execution order

    bool working() const { return status == "accepted" || status == "partially_filled"; }
};

/// One position as the broker holds it at the close, with the mark it values it at.
struct BrokerPosition {
    std::string symbol;
    Quantity qty = 0; ///< signed
    Money cost;       ///< signed cost of the open quantity
    Money realized;   ///< net of fees
    Money fees;
    Price mark;
};

/// The broker's own books once the session is over, for the session's summary.
struct BrokerClosingBooks {
    Money cash;
    std::vector<BrokerPosition> positions; ///< nonzero ones
    std::string failure;                   ///< why the broker's records could not be written (empty if they could)
};

} // namespace vigil
