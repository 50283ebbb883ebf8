#include "sim/SimMarket.h"

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {
constexpr double kSessionSecondsPerYear = 252.0 * 23'400.0;
constexpr double kJumpsPerSession = 1.5;     // per symbol
constexpr double kJumpSigma = 0.012;         // a jump moves the price ~1.2 % (one sigma)
constexpr double kOvernightGapSigma = 0.012; // open vs reference close

std::int64_t toCents(double price) { return std::max<std::int64_t>(1, std::llround(price * 100.0)); }
}

SimMarket::SimMarket(const std::vector<SymbolSpec> &symbols, const SessionWindow &session, std::uint64_t seed)
    : m_session(session)
{
    m_symbols.reserve(symbols.size());
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        const SymbolSpec &spec = symbols[i];
        SymbolState s{0, 0, 0, 0, Quote{}, Random(hashMix(seed, 0x5eed0000 + i))};
        const double reference = spec.referencePrice.toDouble();
        s.logMid = std::log(reference) + kOvernightGapSigma * s.rng.normal();
        s.sigmaPerSqrtSecond = spec.annualVolatility / std::sqrt(kSessionSecondsPerYear);
        s.meanIntervalNs = spec.meanQuoteIntervalMs * static_cast<double>(kNsPerMs);
        s.lastUpdate = session.open;
        s.quote.symbol = static_cast<SymbolId>(i);
        m_symbols.push_back(s);
        advance(static_cast<SymbolId>(i), session.open);
    }
}

double SimMarket::volatilityProfile(SimTime now) const
{
    // Busier at the open and into the close: 1.8x at the edges, 0.8x at midday.
    const double x = static_cast<double>(now - m_session.open) / static_cast<double>(m_session.close - m_session.open);
    const double centred = std::clamp(x, 0.0, 1.0) * 2.0 - 1.0;
    return 0.8 + 1.0 * centred * centred;
}

const Quote &SimMarket::advance(SymbolId symbol, SimTime now)
{
    SymbolState &s = m_symbols[symbol];
    const double dt = std::max(0.0, static_cast<double>(now - s.lastUpdate) / static_cast<double>(kNsPerSecond));
    s.lastUpdate = now;
    if (dt > 0) {
        const double sigma = s.sigmaPerSqrtSecond * volatilityProfile(now) * std::sqrt(dt);
        s.logMid += sigma * s.rng.normal() - 0.5 * sigma * sigma;
        const double jumpProbability = kJumpsPerSession * dt / 23'400.0;
        if (s.rng.uniform() < jumpProbability)
            s.logMid += kJumpSigma * s.rng.normal();
    }
    const double mid = std::exp(s.logMid);
    // Spread: a cent for cheap names, about 1.5 bp for the rest, wider right after the open.
    const double spreadBps = now - m_session.open < 5 * kNsPerMinute ? 3.0 : 1.5;
    const std::int64_t spreadCents = std::max<std::int64_t>(1, std::llround(mid * spreadBps / 1e4 * 100.0));
    const std::int64_t bidCents = toCents(mid - static_cast<double>(spreadCents) / 200.0);
    s.quote.bid = Price::fromCents(bidCents);
    s.quote.ask = Price::fromCents(bidCents + spreadCents);
    s.quote.bidSize = static_cast<std::int32_t>(100 * s.rng.between(1, 20));
    s.quote.askSize = static_cast<std::int32_t>(100 * s.rng.between(1, 20));
    return s.quote;
}

SimTime SimMarket::nextInterval(SymbolId symbol)
{
    SymbolState &s = m_symbols[symbol];
    return std::max<SimTime>(kNsPerMs, static_cast<SimTime>(s.rng.exponential(s.meanIntervalNs)));
}

bool SimMarket::tradeAfterQuote(SymbolId symbol, TradePrint &print)
{
    SymbolState &s = m_symbols[symbol];
    if (s.rng.uniform() >= 0.35)
        return false;
    print.symbol = symbol;
    print.price = s.rng.uniform() < 0.5 ? s.quote.bid : s.quote.ask;
    print.size = static_cast<std::int32_t>(s.rng.between(1, 10) * 100);
    return true;
}

} // namespace vigil
