#include "runtime/SnapshotBuilder.h"

#include "runtime/EngineCore.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace vigil {

namespace {

std::string fixed2(double value) { return KillTriggers::twoDecimals(value); }

LimitUsage::Level levelOf(double usedPct, double warnAtPct)
{
    if (usedPct >= 100.0)
        return LimitUsage::Level::Breach;
    return usedPct >= warnAtPct ? LimitUsage::Level::Warning : LimitUsage::Level::Ok;
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

std::vector<PositionRow> SnapshotBuilder::positionRows() const
{
    const Portfolio &portfolio = m_core.m_portfolio;
    std::vector<PositionRow> rows;
    for (std::size_t i = 0; i < m_core.m_symbolNames.size(); ++i) {
        const auto symbol = static_cast<SymbolId>(i);
        const Book &b = portfolio.book(symbol);
        if (b.qty == 0 && b.realized.isZero())
            continue;
        rows.push_back(makePositionRow(m_core.m_symbolNames[i], b, portfolio.markPrice(symbol)));
    }
    std::sort(rows.begin(), rows.end(), [](const PositionRow &a, const PositionRow &b) { return a.symbol < b.symbol; });
    return rows;
}

std::shared_ptr<Snapshot> SnapshotBuilder::build(double speed, std::int64_t wallNow) const
{
    auto s = std::make_shared<Snapshot>();
    s->speed = speed;
    addState(*s);
    addFigures(*s);
    for (const PositionRow &r : positionRows())
        if (r.qty != 0)
            s->positions.push_back(r);
    addStrategies(*s);
    m_core.m_health.describe(*s, m_core.m_now, wallNow);
    m_core.m_bots.describe(s->bots);
    addStore(*s, wallNow);
    s->equityCurve = m_core.m_equity.points();
    s->strategyCurves = m_core.m_equity.strategyCurves();
    s->limits = limitUsage();
    s->alerts.assign(m_core.m_alerts.rows().begin(), m_core.m_alerts.rows().end());
    s->recentFills.assign(m_core.m_recentFills.begin(), m_core.m_recentFills.end());
    addWorkingOrders(*s);
    addRefusals(*s);
    s->flatten = m_core.m_flatten.status();
    s->brokerErrorStreak = m_core.m_triggers.brokerErrorStreak();
    s->brokerReconnects = m_core.m_brokerReconnects;
    return s;
}

void SnapshotBuilder::addState(Snapshot &s) const
{
    const EngineCore &c = m_core;
    s.journalSeq = c.m_journalSeq;
    s.phase = c.m_phase;
    s.tradingState = c.m_risk.tradingState();
    s.stateActor = c.m_stateActor;
    s.stateReason = c.m_stateReason;
    s.stateSince = c.m_stateSince;
    s.sessionDate = c.m_session.date.toIso();
    s.simTime = c.m_now;
    s.simClock = c.m_now == 0 ? std::string("--:--:--") : c.m_session.clockText(c.m_now);
    if (!c.m_caughtUp) {
        s.catchingUpTo = c.m_resumeAt == kNever ? std::string("the close") : c.m_session.clockText(c.m_resumeAt);
        if (c.m_figuresAsOf > 0) // with nothing open, the figures are the journal's own and exact
            s.figuresAsOf = c.m_session.clockText(c.m_figuresAsOf);
    }
}

void SnapshotBuilder::addFigures(Snapshot &s) const
{
    const Portfolio &p = m_core.m_portfolio;
    const RiskConfig &risk = m_core.m_config.risk;
    s.startingEquity = p.startingEquity();
    s.equity = p.equity();
    s.realizedPnl = p.realized();
    s.unrealizedPnl = p.unrealized();
    s.fees = p.fees();
    s.highWaterMark = p.highWaterMark();
    s.drawdown = p.drawdown();
    s.grossLimitPct = risk.maxGrossExposurePct;
    s.killDrawdown = Money::fromRaw(static_cast<std::int64_t>(
        std::llround(static_cast<double>(p.startingEquity().raw()) * risk.killDrawdownPct / 100.0)));
    s.grossExposure = p.grossExposure();
    s.netExposure = p.netExposure();
    s.events = m_core.m_events;
    const OrderManager &orders = m_core.m_orders;
    s.orders = orders.orderCount();
    s.fills = orders.fillCount();
    s.rejects = orders.rejectCount();
    s.workingOrders = orders.workingCount();
}

void SnapshotBuilder::addStrategies(Snapshot &s) const
{
    const EngineCore &c = m_core;
    for (const StrategyLineup::Entry &strategy : c.m_lineup.running()) {
        StrategyRow row;
        row.name = strategy.identity.displayName;
        row.key = strategy.identity.key;
        row.stopped = !c.m_strategiesRunning || c.m_risk.strategyStopped(strategy.id);
        row.intraday = strategy.identity.intraday;
        row.openQty = c.m_portfolio.strategyOpenQty(strategy.id);
        row.grossExposure = c.m_portfolio.strategyGrossExposure(strategy.id);
        row.realizedPnl = c.m_portfolio.strategyRealized(strategy.id);
        row.unrealizedPnl = c.m_portfolio.strategyUnrealized(strategy.id);
        row.orders = c.m_strategyOrders[strategy.id];
        row.fills = c.m_strategyFills[strategy.id];
        s.strategies.push_back(row);
    }
}

void SnapshotBuilder::addStore(Snapshot &s, std::int64_t wallNow) const
{
    const JournalSink *journal = m_core.m_journal;
    if (!journal)
        return;
    ComponentHealth h;
    h.name = "store";
    h.id = ComponentId::Store;
    h.up = !journal->failed();
    const std::int64_t alive = journal->lastAliveWallNs();
    h.wallAgeMs = alive == 0 ? 0 : std::max<std::int64_t>(0, wallNow - alive) / kNsPerMs;
    s.components.push_back(h);
}

void SnapshotBuilder::addWorkingOrders(Snapshot &s) const
{
    const EngineCore &c = m_core;
    // Working orders are nearly always the newest: walk back until all are found.
    const std::vector<Order> &orders = c.m_orders.orders();
    const std::uint64_t working = std::min<std::uint64_t>(c.m_orders.workingCount(), kSnapshotOrders);
    for (auto it = orders.rbegin(); it != orders.rend() && s.workingOrderRows.size() < working; ++it) {
        if (isTerminal(it->status) || it->qty == 0)
            continue;
        OrderRow row;
        row.clientOrderId = c.clientOrderIdOf(*it);
        row.strategy = it->byOperator ? std::string("operator") : c.strategyKey(it->strategy);
        row.symbol = it->symbol < c.m_symbolNames.size() ? c.m_symbolNames[it->symbol] : std::string("?");
        row.side = it->side;
        row.type = it->type;
        row.qty = it->qty;
        row.filledQty = it->filledQty;
        row.limitPrice = it->limitPrice;
        row.status = it->status;
        row.created = c.m_session.clockText(it->createdAt);
        s.workingOrderRows.push_back(std::move(row));
    }
}

void SnapshotBuilder::addRefusals(Snapshot &s) const
{
    // The gate's refusals: trading stopped, then one per pre-trade check (the broker's own
    // refusals, listed between them in RejectReason, are not the gate's).
    const auto add = [&](RejectReason reason) {
        s.refusals.emplace_back(std::string(toString(reason)), m_core.m_risk.refusals(reason));
    };
    add(RejectReason::TradingStopped);
    for (int r = static_cast<int>(RejectReason::OrderQuantity); r <= static_cast<int>(kLastRejectReason); ++r)
        add(static_cast<RejectReason>(r));
}

std::vector<LimitUsage> SnapshotBuilder::limitUsage() const
{
    const EngineCore &c = m_core;
    const Portfolio &portfolio = c.m_portfolio;
    const RiskConfig &risk = c.m_config.risk;
    std::vector<LimitUsage> rows;
    auto add = [&](std::string name, std::string value, std::string limit, double used, std::string distance,
                   bool trigger) {
        LimitUsage u;
        u.name = std::move(name);
        u.value = std::move(value);
        u.limit = std::move(limit);
        u.usedPct = std::max(0.0, used);
        u.distance = std::move(distance);
        u.level = levelOf(u.usedPct, risk.warnAtPct);
        u.killTrigger = trigger;
        rows.push_back(std::move(u));
    };
    const double drawdownPct = KillTriggers::drawdownPctOfStart(KillTriggers::Account::of(portfolio));
    add("daily drawdown", fixed2(drawdownPct) + "%", fixed2(risk.killDrawdownPct) + "%",
        100.0 * drawdownPct / risk.killDrawdownPct, fixed2(risk.killDrawdownPct - drawdownPct) + "% of equity", true);
    const int streak = c.m_triggers.brokerErrorStreak();
    add("broker errors in a row", std::to_string(streak), std::to_string(risk.killBrokerErrors),
        100.0 * streak / risk.killBrokerErrors, std::to_string(risk.killBrokerErrors - streak) + " error(s)", true);
    const double silent = c.m_phase == SessionPhase::Open ? c.m_triggers.silenceSeconds(c.m_now) : 0.0;
    add("market data silence", fixed2(silent) + " s", std::to_string(risk.killFeedSilenceSeconds) + " s",
        100.0 * silent / risk.killFeedSilenceSeconds, fixed2(risk.killFeedSilenceSeconds - silent) + " s", true);
    const double equity = portfolio.equity().toDouble();
    const double grossPct = equity > 0 ? 100.0 * portfolio.grossExposure().toDouble() / equity : 0.0;
    add("gross exposure", fixed2(grossPct) + "%", fixed2(risk.maxGrossExposurePct) + "%",
        100.0 * grossPct / risk.maxGrossExposurePct, fixed2(risk.maxGrossExposurePct - grossPct) + "% of equity",
        false);
    Money largest;
    std::string largestSymbol = "-";
    for (std::size_t i = 0; i < c.m_symbolNames.size(); ++i) {
        const auto symbol = static_cast<SymbolId>(i);
        const Money value = notional(portfolio.markPrice(symbol), std::llabs(portfolio.position(symbol)));
        if (value > largest) {
            largest = value;
            largestSymbol = c.m_symbolNames[i];
        }
    }
    add("largest position (" + largestSymbol + ")", largest.toString(2), risk.maxPositionNotional.toString(2),
        100.0 * largest.toDouble() / risk.maxPositionNotional.toDouble(),
        (risk.maxPositionNotional - largest).toString(2), false);
    const auto working = static_cast<double>(c.m_orders.workingCount());
    add("open orders", std::to_string(c.m_orders.workingCount()), std::to_string(risk.maxOpenOrders),
        100.0 * working / risk.maxOpenOrders,
        std::to_string(risk.maxOpenOrders - static_cast<int>(working)) + " order(s)", false);
    const auto rate = static_cast<double>(c.m_risk.ordersInLastSecond(c.m_now));
    add("orders and cancels per second", std::to_string(static_cast<int>(rate)),
        std::to_string(risk.maxOrdersPerSecond), 100.0 * rate / risk.maxOrdersPerSecond,
        std::to_string(risk.maxOrdersPerSecond - static_cast<int>(rate)), false);
    for (const StrategyLineup::Entry &s : c.m_lineup.running()) {
        const auto fills = static_cast<double>(c.m_risk.fillsInWindow(s.id, c.m_now));
        add("fills of " + s.identity.key + " in " + std::to_string(risk.throttleWindowSeconds) + " s",
            std::to_string(static_cast<int>(fills)), std::to_string(risk.throttleFills),
            100.0 * fills / risk.throttleFills, std::to_string(risk.throttleFills - static_cast<int>(fills)), false);
    }
    return rows;
}

} // namespace vigil
