#include "oms/OrderManager.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace vigil {

Order &OrderManager::create(StrategyId strategy, SymbolId symbol, Side side, OrderType type, Quantity qty, Price limit,
                            SimTime now)
{
    Order &o = m_orders.emplace_back();
    o.id = m_orders.size();
    o.strategy = strategy;
    o.symbol = symbol;
    o.side = side;
    o.type = type;
    o.qty = qty;
    o.limitPrice = limit;
    o.createdAt = now;
    o.updatedAt = now;
    ++m_working;
    return o;
}

void OrderManager::leaveWorking(OrderStatus before, OrderStatus after)
{
    if (!isTerminal(before) && isTerminal(after))
        --m_working;
}

void OrderManager::rejectLocally(Order &order, RejectReason reason, SimTime now)
{
    const OrderStatus before = order.status;
    if (order.transition(OrderStatus::Rejected, now)) {
        order.rejectReason = reason;
        ++m_rejects;
        leaveWorking(before, order.status);
    }
}

Order *OrderManager::find(OrderId id) { return id >= 1 && id <= m_orders.size() ? &m_orders[id - 1] : nullptr; }

const Order *OrderManager::find(OrderId id) const
{
    return id >= 1 && id <= m_orders.size() ? &m_orders[id - 1] : nullptr;
}

bool OrderManager::requestCancel(OrderId id, SimTime now)
{
    Order *o = find(id);
    return o && o->transition(OrderStatus::CancelPending, now);
}

void OrderManager::restore(std::vector<Order> orders)
{
    m_orders = std::move(orders);
    m_fills = m_rejects = m_working = 0;
    for (const Order &o : m_orders) {
        m_fills += o.executionIds.size();
        if (o.status == OrderStatus::Rejected)
            ++m_rejects;
        if (!isTerminal(o.status))
            ++m_working;
    }
}

Order &OrderManager::adopt(const Order &order)
{
    while (m_orders.size() < order.id) {
        Order gap;
        gap.id = m_orders.size() + 1;
        gap.status = OrderStatus::Rejected;
        gap.rejectReason = RejectReason::NotReceived;
        m_orders.push_back(gap);
        ++m_rejects;
    }
    Order &slot = m_orders[order.id - 1];
    if (slot.status == OrderStatus::Rejected)
        --m_rejects;
    else if (!isTerminal(slot.status))
        --m_working;
    slot = order;
    if (!isTerminal(slot.status))
        ++m_working;
    return slot;
}

bool OrderManager::settle(Order &order, OrderStatus to, RejectReason reason, SimTime now)
{
    const OrderStatus before = order.status;
    if (!order.transition(to, now))
        return false;
    if (to == OrderStatus::Rejected) {
        order.rejectReason = reason;
        ++m_rejects;
    }
    leaveWorking(before, to);
    return true;
}

ExecOutcome OrderManager::apply(const ExecReport &report, SimTime now)
{
    ExecOutcome out;
    Order *o = find(report.orderId);
    out.order = o;
    if (!o) {
        ++m_anomalies;
        spdlog::error("broker report {} for unknown order {}", toString(report.type), report.orderId);
        return out;
    }
    const OrderStatus before = o->status;
    auto move = [&](OrderStatus to) {
        if (o->transition(to, now)) {
            out.stateChanged = true;
        } else {
            out.anomaly = true;
            ++m_anomalies;
            spdlog::error("order {}: refused transition {} -> {} on broker report {}", o->id, toString(before),
                          toString(to), toString(report.type));
        }
    };

    switch (report.type) {
    case ExecType::Accepted:
        if (o->status == OrderStatus::New)
            move(OrderStatus::Accepted);
        else if (o->status != OrderStatus::CancelPending) // a late ack after a cancel request is normal
            move(OrderStatus::Accepted);
        break;
    case ExecType::Rejected:
        move(OrderStatus::Rejected);
        if (out.stateChanged) {
            o->rejectReason = report.reason;
            ++m_rejects;
        }
        break;
    case ExecType::Fill: {
        if (report.executionId != 0) {
            auto &seen = o->executionIds;
            if (std::find(seen.begin(), seen.end(), report.executionId) != seen.end()) {
                out.duplicate = true;
                ++m_duplicates;
                spdlog::info("order {}: execution {} was already booked; the repeat is ignored", o->id,
                             report.executionId);
                return out;
            }
            seen.push_back(report.executionId);
        }
        const Quantity remaining = o->qty - o->filledQty;
        if (report.fillQty <= 0 || report.fillQty > remaining) {
            out.anomaly = true;
            ++m_anomalies;
            spdlog::error("order {}: fill of {} with {} remaining", o->id, report.fillQty, remaining);
        } else {
            move(report.fillQty == remaining ? OrderStatus::Filled : OrderStatus::PartiallyFilled);
        }
        // Book it regardless: the broker executed it, so the position exists.
        if (report.fillQty > 0) {
            o->filledQty += report.fillQty;
            o->filledNotional += notional(report.fillPrice, report.fillQty);
            out.fillQty = report.fillQty;
            out.fillPrice = report.fillPrice;
            out.fee = report.fee;
            ++m_fills;
        }
        break;
    }
    case ExecType::Cancelled: move(OrderStatus::Cancelled); break;
    case ExecType::CancelReject:
        if (o->status == OrderStatus::CancelPending)
            move(o->filledQty > 0 ? OrderStatus::PartiallyFilled : OrderStatus::Accepted);
        break; // a refused cancel of an order already final changes nothing
    case ExecType::Expired: move(OrderStatus::Expired); break;
    }
    leaveWorking(before, o->status);
    return out;
}

} // namespace vigil
