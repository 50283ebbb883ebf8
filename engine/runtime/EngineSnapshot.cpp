#include "runtime/EngineCore.h"

// What the engine shows of itself: the snapshot it publishes (makeSnapshot), the position
// rows, the equity point it adds each simulated minute. Engine thread, like the rest of
// EngineCore.

#include <algorithm>
#include <limits>

namespace vigil {

namespace {

constexpr const char *kComponentNames[] = {"market data", "broker", "strategies", "risk", "engine"};

LatencyStats statsOf(const LatencyHistogram &h)
{
    LatencyStats s;
    s.count = h.count();
    s.p50Ns = h.quantile(0.50);
    s.p95Ns = h.quantile(0.95);
    s.p99Ns = h.quantile(0.99);
    s.maxNs = h.max();
    return s;
}

/// Coarse bins for a histogram: 1-3 steps from 1 us to 10 s, and the rest above.
LatencyBins binsOf(const LatencyHistogram &h)
{
    LatencyBins bins;
    for (std::int64_t decade = kNsPerUs; decade <= kNsPerSecond; decade *= 10)
        for (std::int64_t step : {1, 3})
            bins.upperNs.push_back(decade * step);
    bins.upperNs.push_back(std::numeric_limits<std::int64_t>::max());
    bins.counts.assign(bins.upperNs.size(), 0);
    std::size_t bin = 0;
    for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) {
        const std::uint64_t n = h.bucket(i);
        if (n == 0)
            continue;
        const auto edge = static_cast<std::int64_t>(LatencyHistogram::upperEdge(i));
        while (bin + 1 < bins.upperNs.size() && edge > bins.upperNs[bin])
            ++bin;
        bins.counts[bin] += n;
    }
    return bins;
}

} // namespace

PositionRow makePositionRow(const std::string &symbol, const Book &book, Price mark)
{
    PositionRow r;
    r.symbol = symbol;
    r.qty = book.qty;
    r.avgPrice = book.averagePrice();
    r.markPrice = mark;
    r.marketValue = notional(mark, book.qty);
    r.unrealizedPnl = book.unrealized(mark);
    r.realizedPnl = book.realized;
    return r;
}

std::vector<PositionRow> EngineCore::positionRows() const
{
    std::vector<PositionRow> rows;
    for (std::size_t i = 0; i < m_symbolNames.size(); ++i) {
        const auto symbol = static_cast<SymbolId>(i);
        const Book &b = m_portfolio.book(symbol);
        if (b.qty == 0 && b.realized.isZero())
            continue;
        rows.push_back(makePositionRow(m_symbolNames[i], b, m_portfolio.markPrice(symbol)));
    }
    std::sort(rows.begin(), rows.end(), [](const PositionRow &a, const PositionRow &b) { return a.symbol < b.symbol; });
    return rows;
}

void EngineCore::captureEquity(EquityPoint &point, std::vector<Money> &strategies) const
{
    point.time = m_now;
    point.equity = m_portfolio.equity();
    point.grossExposure = m_portfolio.grossExposure();
    point.netExposure = m_portfolio.netExposure();
    point.realizedPnl = m_portfolio.realized();
    point.unrealizedPnl = m_portfolio.unrealized();
    point.breakdownKnown = true;
    strategies.resize(m_strategies.size());
    for (std::size_t i = 0; i < m_strategies.size(); ++i) {
        const StrategyId id = m_strategies[i]->id();
        strategies[i] = m_portfolio.strategyRealized(id) + m_portfolio.strategyUnrealized(id);
    }
}

void EngineCore::addEquityPoint()
{
    flushPeak();
    EquityPoint point;
    std::vector<Money> strategies;
    captureEquity(point, strategies);
    m_equityCurve.push_back(point);
    for (std::size_t i = 0; i < m_strategies.size(); ++i)
        m_strategyCurves[i].pnl.push_back(strategies[i]);
}

void EngineCore::notePeak()
{
    const Money mark = m_portfolio.highWaterMark();
    if (mark <= m_peakSeen)
        return; // the usual case: one comparison a message
    m_peakSeen = mark;
    // A replayed market is not the day's: the journal has the day's curve up to here already.
    if (replaying())
        return;
    captureEquity(m_peak, m_peakStrategies);
    m_peakPending = true;
}

void EngineCore::flushPeak()
{
    if (!m_peakPending)
        return;
    m_peakPending = false;
    // Set at the very instant of the next point: that point is the peak itself.
    if (m_peak.time >= m_now || (!m_equityCurve.empty() && m_peak.time <= m_equityCurve.back().time))
        return;
    m_equityCurve.push_back(m_peak);
    for (std::size_t i = 0; i < m_strategies.size(); ++i)
        m_strategyCurves[i].pnl.push_back(m_peakStrategies[i]);
    JournalRecord equity;
    equity.kind = JournalRecord::Kind::Equity;
    equity.amount = m_peak.equity;
    journal(equity);
    if (!m_messageRecords.empty() && m_messageRecords.back().kind == JournalRecord::Kind::Equity)
        m_messageRecords.back().time = m_peak.time; // the point's own time, not the message's
}

std::shared_ptr<const Snapshot> EngineCore::makeSnapshot(double speed)
{
    auto s = std::make_shared<Snapshot>();
    s->version = ++m_snapshotVersion;
    s->journalSeq = m_journalSeq;
    s->phase = m_phase;
    s->tradingState = m_risk.tradingState();
    s->stateActor = m_stateActor;
    s->stateReason = m_stateReason;
    s->stateSince = m_stateSince;
    s->sessionDate = m_session.date.toIso();
    s->simTime = m_now;
    s->simClock = m_now == 0 ? std::string("--:--:--") : m_session.clockText(m_now);
    if (!m_caughtUp) {
        s->catchingUpTo = m_resumeAt == kNever ? std::string("the close") : m_session.clockText(m_resumeAt);
        if (m_figuresAsOf > 0) // with nothing open, the figures are the journal's own and exact
            s->figuresAsOf = m_session.clockText(m_figuresAsOf);
    }
    s->speed = speed;
    s->startingEquity = m_portfolio.startingEquity();
    s->equity = m_portfolio.equity();
    s->realizedPnl = m_portfolio.realized();
    s->unrealizedPnl = m_portfolio.unrealized();
    s->fees = m_portfolio.fees();
    s->highWaterMark = m_portfolio.highWaterMark();
    s->drawdown = m_portfolio.drawdown();
    s->grossLimitPct = m_config.risk.maxGrossExposurePct;
    s->killDrawdown = Money::fromRaw(static_cast<std::int64_t>(
        std::llround(static_cast<double>(m_portfolio.startingEquity().raw()) * m_config.risk.killDrawdownPct / 100.0)));
    s->grossExposure = m_portfolio.grossExposure();
    s->netExposure = m_portfolio.netExposure();
    s->events = m_events;
    s->orders = m_orders.orderCount();
    s->fills = m_orders.fillCount();
    s->rejects = m_orders.rejectCount();
    s->workingOrders = m_orders.workingCount();
    for (const PositionRow &r : positionRows())
        if (r.qty != 0)
            s->positions.push_back(r);
    for (const auto &strategy : m_strategies) {
        StrategyRow row;
        row.name = std::string(strategy->displayName());
        row.key = std::string(strategy->name());
        row.stopped = !m_strategiesRunning || m_risk.strategyStopped(strategy->id());
        row.intraday = strategy->intraday();
        row.openQty = m_portfolio.strategyOpenQty(strategy->id());
        row.grossExposure = m_portfolio.strategyGrossExposure(strategy->id());
        row.realizedPnl = m_portfolio.strategyRealized(strategy->id());
        row.unrealizedPnl = m_portfolio.strategyUnrealized(strategy->id());
        row.orders = m_strategyOrders[strategy->id()];
        row.fills = m_strategyFills[strategy->id()];
        s->strategies.push_back(row);
    }
    const std::int64_t wallNow = wallNowNs();
    for (int c = 0; c < ComponentCount; ++c) {
        ComponentHealth h;
        h.name = kComponentNames[c];
        h.up = m_heartbeats[c].up;
        h.simAgeMs = m_heartbeats[c].simTime == 0 ? 0 : (m_now - m_heartbeats[c].simTime) / kNsPerMs;
        h.wallAgeMs = m_heartbeats[c].wallNs == 0 ? 0 : (wallNow - m_heartbeats[c].wallNs) / kNsPerMs;
        s->components.push_back(h);
    }
    if (m_journal) {
        ComponentHealth h;
        h.name = "store";
        h.up = !m_journal->failed();
        const std::int64_t alive = m_journal->lastAliveWallNs();
        h.wallAgeMs = alive == 0 ? 0 : std::max<std::int64_t>(0, wallNow - alive) / kNsPerMs;
        s->components.push_back(h);
    }
    s->equityCurve = m_equityCurve;
    s->strategyCurves = m_strategyCurves;
    s->limits = limitUsage();
    s->alerts.assign(m_alerts.begin(), m_alerts.end());
    s->recentFills.assign(m_recentFills.begin(), m_recentFills.end());
    // Working orders are nearly always the newest: walk back until all are found.
    const std::vector<Order> &orders = m_orders.orders();
    const std::uint64_t working = std::min<std::uint64_t>(m_orders.workingCount(), kSnapshotOrders);
    for (auto it = orders.rbegin(); it != orders.rend() && s->workingOrderRows.size() < working; ++it) {
        if (isTerminal(it->status) || it->qty == 0)
            continue;
        OrderRow row;
        row.clientOrderId = clientOrderIdOf(*it);
        row.strategy = it->byOperator ? std::string("operator") : strategyKey(it->strategy);
        row.symbol = it->symbol < m_symbolNames.size() ? m_symbolNames[it->symbol] : std::string("?");
        row.side = it->side;
        row.type = it->type;
        row.qty = it->qty;
        row.filledQty = it->filledQty;
        row.limitPrice = it->limitPrice;
        row.status = std::string(toString(it->status));
        row.created = m_session.clockText(it->createdAt);
        s->workingOrderRows.push_back(std::move(row));
    }
    for (int r = static_cast<int>(RejectReason::TradingStopped); r <= static_cast<int>(kLastRejectReason); ++r) {
        const auto reason = static_cast<RejectReason>(r);
        if (reason == RejectReason::NotReceived || reason == RejectReason::DuplicateClientOrderId)
            continue;
        s->refusals.emplace_back(std::string(toString(reason)), m_risk.refusals(reason));
    }
    s->flatten.phase = m_flatten.phase;
    s->flatten.scope = m_flatten.scopeText;
    s->flatten.detail = m_flatten.detail;
    s->flatten.outstanding = m_flatten.closing.size();
    s->brokerErrorStreak = m_brokerErrorStreak;
    s->reconciliation = reconciliationView();
    s->brokerReconnects = m_brokerReconnects;
    s->feedLatency = statsOf(m_feedLatency);
    s->ackLatency = statsOf(m_ackLatency);
    s->tickToOrder = statsOf(m_tickToOrder);
    s->latencyCurve = m_latencyCurve;
    s->execution = m_execution.figures(m_now);
    s->system = m_system.sample(wallNow);
    s->feedBins = binsOf(m_feedLatency);
    s->ackBins = binsOf(m_ackLatency);
    s->tickToOrderBins = binsOf(m_tickToOrder);
    s->latencyAlertP95Ns = static_cast<std::int64_t>(m_config.risk.latencyAlertP95Ms) * kNsPerMs;
    return s;
}

} // namespace vigil
