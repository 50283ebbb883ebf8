#include "net/MinuteBars.h"

#include <algorithm>

namespace vigil::gateway {

namespace {

SimTime minuteOf(SimTime t)
{
    const SimTime floor = t / kNsPerMinute * kNsPerMinute;
    return floor > t ? floor - kNsPerMinute : floor;
}

} // namespace

MinuteBars::MinuteBars(std::size_t symbols)
    : m_bars(symbols)
    , m_minute(0)
{}

void MinuteBars::add(const MarketTick &tick, std::vector<MinuteBar> &closed)
{
    const SimTime minute = minuteOf(tick.time);
    if (!m_started || minute > m_minute) {
        std::sort(m_traded.begin(), m_traded.end());
        for (const SymbolId symbol : m_traded) {
            Building &b = m_bars[symbol];
            closed.push_back({symbol, m_minute, b.open, b.high, b.low, b.close, b.volume, b.tradeCount,
                              averagePrice(b.notional, b.volume)});
            b = Building{};
        }
        m_traded.clear();
        m_minute = minute;
        m_started = true;
    }
    if (tick.kind != MarketTick::Kind::Trade || tick.symbol >= m_bars.size() || minute < m_minute || tick.bidSize <= 0)
        return;
    // A trade carries its price in `bid` and its size in `bidSize` (GatewayTypes.h).
    Building &b = m_bars[tick.symbol];
    if (b.tradeCount == 0) {
        m_traded.push_back(tick.symbol);
        b.open = b.high = b.low = tick.bid;
    }
    b.high = std::max(b.high, tick.bid);
    b.low = std::min(b.low, tick.bid);
    b.close = tick.bid;
    b.volume += tick.bidSize;
    ++b.tradeCount;
    b.notional += notional(tick.bid, tick.bidSize);
}

} // namespace vigil::gateway
