// EngineCore: its strategy sources (see api/StrategySource.h and EnginePort.h).
#include "runtime/EngineCore.h"

#include "runtime/EnginePort.h"

namespace vigil {

namespace {
StrategyOrder strategyOrder(const Order &o)
{
    StrategyOrder v;
    v.id = o.id;
    v.clientOrderId = o.clientOrderId;
    v.symbol = o.symbol;
    v.side = o.side;
    v.type = o.type;
    v.qty = o.qty;
    v.limitPrice = o.limitPrice;
    v.status = o.status;
    v.filledQty = o.filledQty;
    v.averageFillPrice = o.averageFillPrice();
    v.rejectReason = o.rejectReason;
    v.createdAt = o.createdAt;
    v.arrivalMid = o.arrivalMid;
    v.reference = o.reference;
    return v;
}
}

Submission EngineCore::Port::submit(SymbolId symbol, Side side, OrderType type, Quantity qty, Price limitPrice,
                                    std::string_view reference)
{
    if (symbol >= m_core.m_symbolNames.size())
        return {0, RejectReason::UnknownSymbol, "no symbol " + std::to_string(symbol) + " is traded here"};
    return m_core.submitFor(m_entry.id, symbol, side, type, qty, limitPrice, reference);
}

bool EngineCore::Port::cancel(OrderId id)
{
    const Order *order = m_core.m_orders.find(id);
    if (!order || order->strategy != m_entry.id || order->byOperator)
        return false; // not one of its own
    return m_core.cancel(id);
}

void EngineCore::Port::ring()
{
    m_rang.store(true, std::memory_order_release);
    m_core.m_strategiesRang.store(true, std::memory_order_release);
    if (m_core.m_strategyWake)
        m_core.m_strategyWake();
}

void EngineCore::takeStrategies()
{
    m_portById.assign(bookCount(), nullptr);
    for (const StrategyLineup::Entry &entry : m_lineup.running()) {
        m_ports.push_back(std::make_unique<Port>(*this, entry));
        m_portById[entry.id] = m_ports.back().get();
        m_equity.addStrategy(entry.id, entry.identity.key, entry.identity.displayName);
    }
    m_strategyOrders.assign(bookCount(), 0);
    m_strategyFills.assign(bookCount(), 0);
    for (const auto &port : m_ports)
        port->source().connect(*port);
}

void EngineCore::resumeStrategies()
{
    // Now, not before the replay: a strategy acts on the replayed market as it did the first
    // time (its wishes go nowhere), so only here, where the session stopped, can what it did
    // be taken up again, and each strategy's market state is then what it was at this instant.
    for (const auto &port : m_ports) {
        std::vector<StrategyOrder> placed;
        for (const Order &o : m_orders.orders())
            if (o.strategy == port->id() && !o.byOperator && o.qty > 0)
                placed.push_back(strategyOrder(o));
        port->source().onResume(*port, placed);
    }
}

void EngineCore::notifyStrategy(const Order &order, const ExecOutcome *fill, std::uint64_t executionId)
{
    Port *port = portOf(order.strategy);
    if (!port)
        return;
    const StrategyOrder view = strategyOrder(order);
    if (order.byOperator) { // a flatten's order in its book
        const StrategyFill executed =
            fill ? StrategyFill{fill->fillQty, fill->fillPrice, fill->fee, executionId} : StrategyFill{};
        if (fill)
            port->source().onOperatorOrder(*port, view, &executed);
        port->source().onOperatorOrder(*port, view, nullptr);
        return;
    }
    if (fill)
        port->source().onFill(*port, view, {fill->fillQty, fill->fillPrice, fill->fee, executionId});
    port->source().onOrderUpdate(*port, view);
}

void EngineCore::pollStrategies()
{
    // Cleared before the ports are: a ring during the polls is taken by the next call.
    m_strategiesRang.store(false, std::memory_order_release);
    for (const auto &port : m_ports)
        if (port->takeRing())
            port->source().poll(*port);
    endJournalGroup(); // what the polls caused reaches the disk together
}

} // namespace vigil
