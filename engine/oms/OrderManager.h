#pragma once
// Order management: creates orders with unique ids and applies broker reports through the
// order state machine. Engine thread only.

#include "oms/Order.h"

#include <cstdint>
#include <vector>

namespace vigil {

struct ExecOutcome {
    Order *order = nullptr; ///< null when the report names an unknown order
    bool stateChanged = false;
    bool anomaly = false;   ///< impossible transition, overfill or unknown order
    bool duplicate = false; ///< a fill whose execution id was booked before: ignored
    Quantity fillQty = 0;   ///< booked fill (0 if none)
    Price fillPrice;
    Money fee;
};

class OrderManager {
public:
    Order &create(StrategyId strategy, SymbolId symbol, Side side, OrderType type, Quantity qty, Price limit,
                  SimTime now);
    /// Marks an order as refused before it left the engine (risk or trading state).
    void rejectLocally(Order &order, RejectReason reason, SimTime now);
    /// Applies a broker report. A fill is a fact: it is booked even when the order's state
    /// cannot take it (then `anomaly` is set so the operator hears of it). A fill whose
    /// execution id this order has already booked (a broker replaying its reports after a
    /// reconnect) changes nothing and sets `duplicate`.
    ExecOutcome apply(const ExecReport &report, SimTime now);
    /// Moves a working order to CancelPending; false if it cannot be cancelled.
    bool requestCancel(OrderId id, SimTime now);

    /// A restart: today's orders as the journal holds them (index = id - 1).
    void restore(std::vector<Order> orders);
    /// A restart: an order the broker holds that the journal never recorded, under its own
    /// number (numbers in between become placeholders until they are adopted).
    Order &adopt(const Order &order);
    /// A restart: moves an order to what the broker says it is (Unknown first, then the
    /// broker's state). False if the state machine refuses.
    bool settle(Order &order, OrderStatus to, RejectReason reason, SimTime now);

    Order *find(OrderId id);
    const Order *find(OrderId id) const;
    const std::vector<Order> &orders() const { return m_orders; }

    std::uint64_t orderCount() const { return m_orders.size(); }
    std::uint64_t fillCount() const { return m_fills; }
    std::uint64_t rejectCount() const { return m_rejects; }
    std::uint64_t anomalyCount() const { return m_anomalies; }
    std::uint64_t duplicateCount() const { return m_duplicates; }
    std::uint64_t workingCount() const { return m_working; }

private:
    void leaveWorking(OrderStatus before, OrderStatus after);

    std::vector<Order> m_orders; ///< index = id - 1
    std::uint64_t m_fills = 0;
    std::uint64_t m_rejects = 0;
    std::uint64_t m_anomalies = 0;
    std::uint64_t m_duplicates = 0;
    std::uint64_t m_working = 0;
};

} // namespace vigil
