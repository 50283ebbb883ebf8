#include "runtime/EngineCore.h"

// What the engine shows of itself: the snapshot it publishes (makeSnapshot), the position
// rows, the equity point it adds each simulated minute. Engine thread, like the rest of
// EngineCore.

#include <algorithm>
#include <limits>

namespace vigil {

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

void EngineCore::addEquityPoint()
{
    flushPeak();
    m_equity.addPoint(m_now);
}

void EngineCore::flushPeak()
{
    const EquityPoint *peak = m_equity.flushPeak(m_now);
    if (!peak)
        return;
    JournalRecord equity;
    equity.kind = JournalRecord::Kind::Equity;
    equity.amount = peak->equity;
    journal(equity);
    if (!m_messageRecords.empty() && m_messageRecords.back().kind == JournalRecord::Kind::Equity)
        m_messageRecords.back().time = peak->time; // the point's own time, not the message's
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
    m_health.describe(*s, m_now, wallNow);
    if (m_journal) {
        ComponentHealth h;
        h.name = "store";
        h.up = !m_journal->failed();
        const std::int64_t alive = m_journal->lastAliveWallNs();
        h.wallAgeMs = alive == 0 ? 0 : std::max<std::int64_t>(0, wallNow - alive) / kNsPerMs;
        s->components.push_back(h);
    }
    s->equityCurve = m_equity.points();
    s->strategyCurves = m_equity.strategyCurves();
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
    s->flatten = m_flatten.status();
    s->brokerErrorStreak = m_triggers.brokerErrorStreak();
    if (!m_reconciliationView)
        m_reconciliationView = std::make_shared<const ReconciliationView>(reconciliationView());
    s->reconciliation = m_reconciliationView;
    s->brokerReconnects = m_brokerReconnects;
    s->execution = m_execution.figures(m_now);
    s->system = m_system.sample(wallNow);
    return s;
}

} // namespace vigil
