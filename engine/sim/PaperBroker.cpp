#include "sim/PaperBroker.h"

#include <algorithm>
#include <cstdlib>

namespace vigil {

PaperBroker::PaperBroker(const PaperBrokerConfig &config, std::size_t symbolCount)
    : m_config(config)
    , m_cash(config.startingCash)
    , m_positions(symbolCount)
    , m_quotes(symbolCount, Quote{})
{
}

ExecReport PaperBroker::report(OrderId id, ExecType type, RejectReason reason)
{
    ExecReport r{};
    r.orderId = id;
    r.type = type;
    r.reason = reason;
    return r;
}

Money PaperBroker::equity() const
{
    Money value = m_cash;
    for (std::size_t s = 0; s < m_positions.size(); ++s)
        value += notional(mark(static_cast<SymbolId>(s)), m_positions[s].qty);
    return value;
}

Money PaperBroker::buyingPower() const
{
    // Margin account: a multiple of equity, less what positions and open buy orders use.
    Money used;
    for (std::size_t s = 0; s < m_positions.size(); ++s) {
        const Money v = notional(mark(static_cast<SymbolId>(s)), std::llabs(m_positions[s].qty));
        used += v;
    }
    for (const Working &w : m_working) {
        const Price ref = w.type == OrderType::Limit ? w.limit : m_quotes[w.symbol].ask;
        used += notional(ref, w.qty - w.filled);
    }
    // The multiplier is a setting with at most two decimals (1, 2, 4, 2.5 ...).
    const auto hundredths = static_cast<std::int64_t>(m_config.buyingPowerMultiplier * 100.0 + 0.5);
    return mulDiv(equity(), hundredths, 100) - used;
}

void PaperBroker::onOrder(const EngineMessage &m, std::vector<ExecReport> &out)
{
    if (m.kind == EngineMessage::Kind::Cancel) {
        if (!m_connected)
            out.push_back(report(m.orderId, ExecType::CancelReject, RejectReason::BrokerUnavailable));
        else
            cancel(m.orderId, out);
        return;
    }
    if (m.kind != EngineMessage::Kind::NewOrder)
        return;
    if (!m_connected) {
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::BrokerUnavailable));
        return;
    }
    if (m_errorsToInject > 0) {
        --m_errorsToInject;
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::BrokerError));
        return;
    }
    if (m.symbol >= m_quotes.size() || m_quotes[m.symbol].ask.isZero()) {
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::UnknownSymbol));
        return;
    }
    if (m.qty <= 0) {
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::InvalidQuantity));
        return;
    }
    if (m.type == OrderType::Limit && m.limitPrice.raw() <= 0) {
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::InvalidPrice));
        return;
    }
    // Orders that add exposure need buying power; reducing orders never do.
    const Quantity held = m_positions[m.symbol].qty;
    const Quantity after = held + sideSign(m.side) * m.qty;
    if (std::llabs(after) > std::llabs(held)) {
        const Price ref = m.type == OrderType::Limit ? m.limitPrice : m_quotes[m.symbol].ask;
        const Quantity added = std::llabs(after) - std::llabs(held);
        if (notional(ref, added) > buyingPower()) {
            out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::InsufficientBuyingPower));
            return;
        }
    }
    accept(m, out);
}

void PaperBroker::accept(const EngineMessage &m, std::vector<ExecReport> &out)
{
    ExecReport ack = report(m.orderId, ExecType::Accepted);
    ack.leavesQty = m.qty;
    out.push_back(ack);
    Working w{m.orderId, m.symbol, m.side, m.type, m.qty, 0, m.limitPrice, false};
    ++m_workingVersion;
    if (!match(w, m_quotes[m.symbol], out))
        m_working.push_back(w);
}

void PaperBroker::cancel(OrderId id, std::vector<ExecReport> &out)
{
    const auto it = std::find_if(m_working.begin(), m_working.end(), [id](const Working &w) { return w.id == id; });
    if (it == m_working.end()) {
        out.push_back(report(id, ExecType::CancelReject, RejectReason::UnknownOrder));
        return;
    }
    m_working.erase(it);
    ++m_workingVersion;
    out.push_back(report(id, ExecType::Cancelled));
}

bool PaperBroker::marketable(const Working &w, const Quote &q)
{
    const bool buy = w.side == Side::Buy;
    const Price price = buy ? q.ask : q.bid;
    const Quantity displayed = buy ? q.askSize : q.bidSize;
    if (price.isZero() || displayed <= 0)
        return false;
    return w.type == OrderType::Market || (buy ? price <= w.limit : price >= w.limit);
}

bool PaperBroker::wouldFill(const Quote &quote) const
{
    for (const Working &w : m_working)
        if (w.symbol == quote.symbol && marketable(w, quote))
            return true;
    return false;
}

bool PaperBroker::match(Working &w, const Quote &q, std::vector<ExecReport> &out)
{
    if (!marketable(w, q))
        return false;
    const bool buy = w.side == Side::Buy;
    const Price price = buy ? q.ask : q.bid;
    const Quantity displayed = buy ? q.askSize : q.bidSize;
    ++m_workingVersion;
    const Quantity qty = std::min(w.qty - w.filled, displayed);
    Money fee = notional(Price::fromRaw(m_config.feePerShare.raw()), qty);
    if (!m_config.feePerShare.isZero() && !w.feeCharged) {
        fee = std::max(fee, m_config.minFeePerOrder);
        w.feeCharged = true;
    }
    w.filled += qty;
    m_positions[w.symbol].apply(w.side, qty, price, fee);
    m_cash -= notional(price, sideSign(w.side) * qty) + fee;

    ExecReport fill = report(w.id, ExecType::Fill);
    fill.fillQty = qty;
    fill.fillPrice = price;
    fill.fee = fee;
    fill.leavesQty = w.qty - w.filled;
    fill.executionId = ++m_executions;
    out.push_back(fill);
    return w.filled == w.qty;
}

void PaperBroker::onQuote(const Quote &quote, std::vector<ExecReport> &out)
{
    m_quotes[quote.symbol] = quote;
    // Earlier orders take the displayed size first.
    Quote remaining = quote;
    for (auto it = m_working.begin(); it != m_working.end();) {
        if (it->symbol != quote.symbol) {
            ++it;
            continue;
        }
        const Quantity before = it->filled;
        const bool done = match(*it, remaining, out);
        const auto used = static_cast<std::int32_t>(it->filled - before);
        (it->side == Side::Buy ? remaining.askSize : remaining.bidSize) -= used;
        it = done ? m_working.erase(it) : it + 1;
    }
}

void PaperBroker::expireAll(std::vector<ExecReport> &out)
{
    for (const Working &w : m_working)
        out.push_back(report(w.id, ExecType::Expired));
    m_working.clear();
    ++m_workingVersion;
}

} // namespace vigil
