#include "strategy/IntradayMeanReversion.h"

#include <cmath>
#include <cstdlib>
#include <utility>

namespace vigil {

namespace {
constexpr SimTime kEntryTimeout = 5 * kNsPerSecond; // unfilled entry limits are withdrawn
}

IntradayMeanReversion::IntradayMeanReversion(std::vector<bool> trades, const IntradayStrategyConfig &config)
    : BuiltInStrategy(std::move(trades))
    , m_config(config)
    , m_alpha(2.0 / (config.emaTicks + 1.0))
    , m_state(symbolCount())
{}

void IntradayMeanReversion::onQuote(StrategyContext &ctx, SymbolId symbol, const Quote &quote)
{
    SymbolState &s = m_state[symbol];
    const double mid = midPrice(quote.bid, quote.ask).toDouble();
    if (!s.seeded) {
        s.average = mid;
        s.seeded = true;
        return;
    }
    s.average += m_alpha * (mid - s.average);
    if (s.working != 0)
        return;

    const int secondOfDay = ctx.session().secondsOfDay(ctx.now());
    if (secondOfDay >= m_config.flattenAtSecondOfDay)
        return; // onClock flattens
    const double deviationBps = (mid - s.average) / s.average * 1e4;
    const Quantity position = ctx.position(symbol);

    if (position == 0) {
        if (secondOfDay >= m_config.noEntryAfterSecondOfDay || ctx.now() < s.cooldownUntil)
            return;
        if (std::fabs(deviationBps) < m_config.entryBps)
            return;
        const Side side = deviationBps < 0 ? Side::Buy : Side::Sell;
        const Price limit = side == Side::Buy ? quote.ask : quote.bid;
        const Quantity qty = m_config.notionalPerTrade.raw() / limit.raw();
        if (qty < 1)
            return;
        s.working = ctx.submit(symbol, side, OrderType::Limit, qty, limit).id;
        s.workingEntry = true;
        s.workingSince = ctx.now();
        s.entryMid = mid;
        return;
    }

    const double pnlBps = (mid - s.entryMid) / s.entryMid * 1e4 * (position > 0 ? 1 : -1);
    if (std::fabs(deviationBps) < m_config.exitBps || pnlBps < -m_config.stopBps)
        close(ctx, symbol, position);
}

void IntradayMeanReversion::close(StrategyContext &ctx, SymbolId symbol, Quantity position)
{
    SymbolState &s = m_state[symbol];
    const Side side = position > 0 ? Side::Sell : Side::Buy;
    s.working = ctx.submit(symbol, side, OrderType::Market, std::llabs(position)).id;
    s.workingEntry = false;
    s.workingSince = ctx.now();
    s.cooldownUntil = ctx.now() + m_config.cooldownSeconds * kNsPerSecond;
}

void IntradayMeanReversion::onClock(StrategyContext &ctx)
{
    const bool flattening = ctx.session().secondsOfDay(ctx.now()) >= m_config.flattenAtSecondOfDay;
    for (SymbolId symbol = 0; symbol < m_state.size(); ++symbol) {
        SymbolState &s = m_state[symbol];
        if (s.working != 0) {
            // Withdraw a stale entry (filled in part or not at all), and any entry before the close.
            if (s.workingEntry && (flattening || ctx.now() - s.workingSince >= kEntryTimeout))
                ctx.cancel(s.working);
            continue;
        }
        if (flattening) {
            const Quantity position = ctx.position(symbol);
            if (position != 0)
                close(ctx, symbol, position);
        }
    }
}

void IntradayMeanReversion::onOrderUpdate(StrategyContext &, const StrategyOrder &order)
{
    SymbolState &s = m_state[order.symbol];
    if (s.working == order.id && isTerminal(order.status))
        s.working = 0;
}

void IntradayMeanReversion::onResume(StrategyContext &ctx, const std::vector<StrategyOrder> &placed)
{
    for (SymbolId symbol = 0; symbol < m_state.size(); ++symbol) {
        SymbolState &s = m_state[symbol];
        s.working = 0;
        s.workingEntry = false;
        s.workingSince = 0;
        s.cooldownUntil = 0;
        const Price average = ctx.averageCost(symbol); // a position from before today's orders
        s.entryMid = average.isZero() ? 0.0 : average.toDouble();
    }
    // Entries are limits at the touch, exits market orders (onQuote, close): the day's
    // orders say what each symbol's state was when the last of them was placed.
    for (const StrategyOrder &o : placed) {
        SymbolState &s = m_state[o.symbol];
        s.workingEntry = o.type == OrderType::Limit;
        s.workingSince = o.createdAt;
        if (s.workingEntry && !o.arrivalMid.isZero())
            s.entryMid = o.arrivalMid.toDouble(); // the mid it was placed at, as onQuote kept it
        if (!s.workingEntry)
            s.cooldownUntil = o.createdAt + m_config.cooldownSeconds * kNsPerSecond;
        s.working = isTerminal(o.status) ? 0 : o.id;
    }
}

} // namespace vigil
