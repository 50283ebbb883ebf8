#include "strategy/SwingMomentum.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace vigil {

SwingMomentum::SwingMomentum(std::vector<bool> trades, const SwingStrategyConfig &config)
    : BuiltInStrategy(std::move(trades))
    , m_config(config)
    , m_openMid(symbolCount())
    , m_lastMid(symbolCount())
    , m_working(symbolCount(), 0)
{}

void SwingMomentum::onQuote(StrategyContext &, SymbolId symbol, const Quote &quote)
{
    const Price mid = midPrice(quote.bid, quote.ask);
    if (m_openMid[symbol].isZero())
        m_openMid[symbol] = mid;
    m_lastMid[symbol] = mid;
}

void SwingMomentum::onClock(StrategyContext &ctx)
{
    const SessionWindow &session = ctx.session();
    if (m_nextRebalance == 0) {
        m_nextRebalance = session.open + m_config.rebalanceMinutes * kNsPerMinute;
        m_lastEntryTime = session.close - 30 * kNsPerMinute;
    }
    if (ctx.now() < m_nextRebalance || ctx.now() > m_lastEntryTime)
        return;
    m_nextRebalance += m_config.rebalanceMinutes * kNsPerMinute;
    rebalance(ctx);
}

void SwingMomentum::rebalance(StrategyContext &ctx)
{
    struct Candidate {
        SymbolId symbol;
        double change; // a ranking statistic, not money
    };
    std::vector<Candidate> ranked;
    for (SymbolId s = 0; s < m_openMid.size(); ++s) {
        if (!trades(s) || m_openMid[s].isZero())
            continue;
        ranked.push_back({s, m_lastMid[s].toDouble() / m_openMid[s].toDouble() - 1.0});
    }
    // Ties broken by symbol id so that the ranking is deterministic.
    std::sort(ranked.begin(), ranked.end(), [](const Candidate &a, const Candidate &b) {
        return a.change != b.change ? a.change > b.change : a.symbol < b.symbol;
    });
    std::vector<bool> wanted(m_openMid.size(), false);
    for (std::size_t i = 0; i < ranked.size() && i < static_cast<std::size_t>(m_config.topN); ++i)
        if (ranked[i].change > 0)
            wanted[ranked[i].symbol] = true;

    for (SymbolId s = 0; s < m_openMid.size(); ++s) {
        if (m_working[s] != 0)
            continue;
        const Quantity held = ctx.position(s);
        if (held != 0 && !wanted[s]) {
            m_working[s] = ctx.submit(s, held > 0 ? Side::Sell : Side::Buy, OrderType::Market, std::llabs(held)).id;
        } else if (held == 0 && wanted[s]) {
            const Price ask = ctx.quote(s).ask;
            if (ask.isZero())
                continue;
            const Quantity qty = m_config.notionalPerPosition.raw() / ask.raw();
            if (qty > 0)
                m_working[s] = ctx.submit(s, Side::Buy, OrderType::Market, qty).id;
        }
    }
}

void SwingMomentum::onOrderUpdate(StrategyContext &, const StrategyOrder &order)
{
    if (m_working[order.symbol] == order.id && isTerminal(order.status))
        m_working[order.symbol] = 0;
}

void SwingMomentum::onResume(StrategyContext &, const std::vector<StrategyOrder> &placed)
{
    // The rest (the open's and the last mids, the rebalance clock) the replay rebuilt.
    std::fill(m_working.begin(), m_working.end(), OrderId{0});
    for (const StrategyOrder &o : placed)
        if (!isTerminal(o.status))
            m_working[o.symbol] = o.id;
}

} // namespace vigil
