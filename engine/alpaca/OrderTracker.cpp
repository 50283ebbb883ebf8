#include "alpaca/OrderTracker.h"

#include <spdlog/spdlog.h>

namespace vigil::alpaca {

void OrderTracker::placed(OrderId id, const std::string &clientOrderId, Quantity qty, SimTime at)
{
    State &s = m_orders[id];
    s.id = id;
    s.clientOrderId = clientOrderId;
    s.qty = qty;
    s.submittedAt = at;
    m_byClient[clientOrderId] = id;
}

void OrderTracker::resumed(OrderId id, const std::string &clientOrderId, const std::string &alpacaId, Quantity qty,
                           Quantity booked, SimTime submittedAt)
{
    placed(id, clientOrderId, qty, submittedAt);
    State &s = m_orders[id];
    s.accepted = true; // the engine holds it as working: no second acknowledgement
    s.booked = booked;
    if (!alpacaId.empty()) {
        s.alpacaId = alpacaId;
        m_byAlpaca[alpacaId] = id;
    }
}

OrderId OrderTracker::orderOf(const std::string &clientOrderId) const
{
    const auto it = m_byClient.find(clientOrderId);
    return it == m_byClient.end() ? 0 : it->second;
}

std::string OrderTracker::alpacaId(OrderId id) const
{
    const auto it = m_orders.find(id);
    return it == m_orders.end() ? std::string() : it->second.alpacaId;
}

std::string OrderTracker::clientOrderId(OrderId id) const
{
    const auto it = m_orders.find(id);
    return it == m_orders.end() ? std::string() : it->second.clientOrderId;
}

OrderTracker::State *OrderTracker::byAlpacaId(const std::string &alpacaId)
{
    const auto it = m_byAlpaca.find(alpacaId);
    return it == m_byAlpaca.end() ? nullptr : &m_orders[it->second];
}

OrderTracker::State *OrderTracker::byClient(const std::string &clientOrderId)
{
    const auto it = m_byClient.find(clientOrderId);
    return it == m_byClient.end() ? nullptr : &m_orders[it->second];
}

void OrderTracker::accept(State &s, std::vector<ExecReport> &out)
{
    if (s.accepted)
        return;
    s.accepted = true;
    out.push_back(execReport(s.id, ExecType::Accepted));
}

bool OrderTracker::observe(const WireOrder &order, SimTime now, std::vector<ExecReport> &out)
{
    State *s = byClient(order.clientOrderId);
    if (!s)
        return false;
    if (s->alpacaId.empty() && !order.id.empty()) {
        s->alpacaId = order.id;
        m_byAlpaca[order.id] = s->id;
    }
    if (s->done)
        return true;
    if (order.status == "rejected") {
        if (s->booked == 0 && order.filledQty == 0 && !s->accepted) {
            s->done = true;
            ExecReport r = execReport(s->id, ExecType::Rejected);
            r.reason = RejectReason::BrokerError;
            out.push_back(r);
            return true;
        }
    } else if (order.status != "pending_new") {
        accept(*s, out);
    }
    if (isTerminalStatus(order.status) || order.status == "rejected") {
        s->terminal = order.status;
        s->terminalFilled = order.filledQty;
        if (s->booked < order.filledQty && s->gapSince == 0)
            s->gapSince = now;
    } else if (order.filledQty > s->booked && s->gapSince == 0) {
        s->gapSince = now; // the order counts fills we have not seen: the stream missed them
    }
    settle(*s, out);
    return true;
}

void OrderTracker::execution(const WireOrder &after, Quantity qty, Price price, SimTime now,
                             std::vector<ExecReport> &out)
{
    State *s = byClient(after.clientOrderId);
    if (!s)
        return;
    if (s->alpacaId.empty() && !after.id.empty()) {
        s->alpacaId = after.id;
        m_byAlpaca[after.id] = s->id;
    }
    park(*s, after.filledQty, qty, price, now, out);
    if (isTerminalStatus(after.status) && after.status != "filled") {
        s->terminal = after.status;
        s->terminalFilled = after.filledQty;
    }
    settle(*s, out);
}

void OrderTracker::fills(const std::vector<WireFill> &fills, SimTime now, std::vector<ExecReport> &out)
{
    for (const WireFill &f : fills) {
        State *s = byAlpacaId(f.orderId);
        if (!s)
            continue;
        park(*s, f.cumQty, f.qty, f.price, now, out);
        settle(*s, out);
    }
}

void OrderTracker::park(State &s, Quantity cumAfter, Quantity qty, Price price, SimTime now,
                        std::vector<ExecReport> &out)
{
    if (cumAfter <= s.booked || qty <= 0 || cumAfter > s.qty)
        return; // booked already (a repeat), or nonsense that must not move the books
    s.parked.emplace(cumAfter, Parked{qty, price});
    drain(s, out);
    if (!s.parked.empty() && s.gapSince == 0)
        s.gapSince = now;
}

void OrderTracker::drain(State &s, std::vector<ExecReport> &out)
{
    while (!s.parked.empty()) {
        const auto first = s.parked.begin();
        if (first->first - first->second.qty != s.booked)
            break; // an execution before it has not come yet
        accept(s, out);
        ExecReport r = execReport(s.id, ExecType::Fill);
        r.fillQty = first->second.qty;
        r.fillPrice = first->second.price;
        r.fee = Money();
        r.leavesQty = s.qty - first->first;
        r.executionId = static_cast<std::uint64_t>(first->first);
        s.booked = first->first;
        s.parked.erase(first);
        out.push_back(r);
        if (s.booked == s.qty)
            s.done = true;
    }
    if (s.parked.empty() && (s.terminal.empty() || s.booked >= s.terminalFilled))
        s.gapSince = 0;
}

void OrderTracker::settle(State &s, std::vector<ExecReport> &out)
{
    if (s.done || s.terminal.empty() || s.booked < s.terminalFilled)
        return;
    if (s.terminal == "filled")
        return; // its last fill settles it
    s.done = true;
    s.gapSince = 0;
    ExecType type = ExecType::Cancelled;
    if (s.terminal == "expired" || s.terminal == "done_for_day")
        type = ExecType::Expired;
    else if (s.terminal == "rejected")
        type = ExecType::Rejected;
    ExecReport r = execReport(s.id, type);
    if (type == ExecType::Rejected)
        r.reason = RejectReason::BrokerError;
    out.push_back(r);
}

void OrderTracker::refused(OrderId id, RejectReason reason, std::vector<ExecReport> &out)
{
    const auto it = m_orders.find(id);
    if (it == m_orders.end() || it->second.done)
        return;
    it->second.done = true;
    ExecReport r = execReport(id, ExecType::Rejected);
    r.reason = reason;
    out.push_back(r);
}

void OrderTracker::cancelRefused(OrderId id, RejectReason reason, std::vector<ExecReport> &out)
{
    ExecReport r = execReport(id, ExecType::CancelReject);
    r.reason = reason;
    out.push_back(r);
}

std::vector<std::string> OrderTracker::gaps(SimTime olderThan) const
{
    std::vector<std::string> ids;
    for (const auto &[id, s] : m_orders)
        if (!s.done && s.gapSince != 0 && s.gapSince <= olderThan && !s.alpacaId.empty())
            ids.push_back(s.alpacaId);
    return ids;
}

std::vector<std::string> OrderTracker::workingAlpacaIds() const
{
    std::vector<std::string> ids;
    for (const auto &[id, s] : m_orders)
        if (!s.done && !s.alpacaId.empty())
            ids.push_back(s.alpacaId);
    return ids;
}

std::size_t OrderTracker::workingCount() const
{
    std::size_t n = 0;
    for (const auto &[id, s] : m_orders)
        n += s.done ? 0 : 1;
    return n;
}

Quantity OrderTracker::leaves(OrderId id) const
{
    const auto it = m_orders.find(id);
    return it == m_orders.end() || it->second.done ? 0 : it->second.qty - it->second.booked;
}

SimTime OrderTracker::oldestWorkingSubmittedAt() const
{
    SimTime oldest = 0;
    for (const auto &[id, s] : m_orders)
        if (!s.done && (oldest == 0 || s.submittedAt < oldest))
            oldest = s.submittedAt;
    return oldest;
}

Quantity OrderTracker::booked(const std::string &alpacaId) const
{
    const auto it = m_byAlpaca.find(alpacaId);
    return it == m_byAlpaca.end() ? 0 : m_orders.at(it->second).booked;
}

} // namespace vigil::alpaca
