// EngineCore's controls: the operator's commands, flattening, and the automatic kill
// triggers. Engine thread only, like the rest of EngineCore.

#include "runtime/EngineCore.h"

#include "core/UserName.h"
#include "ops/Checklist.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace vigil {

namespace {
constexpr int kFlattenAttempts = 5;
constexpr SimTime kFlattenRetry = 1000 * kNsPerMs;

std::string fixed2(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

LimitUsage::Level levelOf(double usedPct, double warnAtPct)
{
    if (usedPct >= 100.0)
        return LimitUsage::Level::Breach;
    return usedPct >= warnAtPct ? LimitUsage::Level::Warning : LimitUsage::Level::Ok;
}
}

StrategyId EngineCore::strategyByKey(std::string_view key) const
{
    for (const auto &s : m_strategies)
        if (s->name() == key || s->code() == key)
            return s->id();
    return kNoStrategy;
}

std::string EngineCore::describeState() const
{
    std::string text = "trading is " + std::string(toString(m_recordedState));
    if (m_recordedState != TradingState::Active)
        text += " (" + m_stateActor + ": " + m_stateReason + ")";
    return text;
}

void EngineCore::audit(std::string_view actor, std::string_view action, std::string_view detail)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::Audit;
    r.setActor(actor);
    r.setAction(action);
    r.setText(detail);
    journal(r);
}

void EngineCore::auditConfiguration()
{
    const std::string who = currentUserName() + " (configuration)";
    const std::string source = m_config.sourceFile.empty()
        ? std::string("built-in defaults")
        : "sha256 " + m_config.sourceSha256.substr(0, 16) + " " + m_config.sourceFile;
    audit(who, "configuration", source);
    const RiskConfig &r = m_config.risk;
    auto number = [](double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", v);
        return std::string(text);
    };
    const std::pair<const char *, std::string> limits[] = {
        {"risk.max_order_qty", std::to_string(r.maxOrderQty)},
        {"risk.max_order_notional", r.maxOrderNotional.toString(2)},
        {"risk.max_position_notional", r.maxPositionNotional.toString(2)},
        {"risk.max_gross_exposure_pct", number(r.maxGrossExposurePct)},
        {"risk.price_collar_pct", number(r.priceCollarPct)},
        {"risk.max_open_orders", std::to_string(r.maxOpenOrders)},
        {"risk.max_orders_per_second", std::to_string(r.maxOrdersPerSecond)},
        {"risk.duplicate_window_ms", std::to_string(r.duplicateWindowMs)},
        {"risk.throttle_fills", std::to_string(r.throttleFills)},
        {"risk.throttle_window_seconds", std::to_string(r.throttleWindowSeconds)},
        {"risk.kill_drawdown_pct", number(r.killDrawdownPct)},
        {"risk.kill_broker_errors", std::to_string(r.killBrokerErrors)},
        {"risk.kill_feed_silence_seconds", std::to_string(r.killFeedSilenceSeconds)},
        {"risk.warn_at_pct", number(r.warnAtPct)},
        {"risk.trigger_confirm_seconds", std::to_string(r.triggerConfirmSeconds)},
        {"risk.latency_alert_p95_ms", std::to_string(r.latencyAlertP95Ms)},
    };
    for (const auto &[key, value] : limits) {
        auto recorded = std::find_if(m_recordedLimits.begin(), m_recordedLimits.end(),
                                     [key = std::string_view(key)](const auto &kv) { return kv.first == key; });
        if (recorded == m_recordedLimits.end()) {
            audit(who, "limit", std::string(key) + " = " + value);
            m_recordedLimits.emplace_back(key, value);
        } else if (recorded->second != value) {
            audit(who, "limit change", std::string(key) + " = " + value + " (was " + recorded->second + ")");
            spdlog::warn("risk limit changed by the configuration: {} = {} (was {})", key, value, recorded->second);
            recorded->second = value;
        }
    }
}

void EngineCore::alert(std::string_view severity, std::string_view message, std::string_view source)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::Alert;
    r.setAction(severity);
    r.setActor(source);
    r.setText(message);
    journal(r);
    AlertRow row;
    row.id = ++m_alertCount;
    row.time = m_now;
    row.clock = m_session.clockText(m_now);
    row.severity = severity;
    row.source = source;
    row.message = message;
    m_alerts.push_back(std::move(row));
    if (m_alerts.size() > kSnapshotAlerts)
        m_alerts.pop_front();
    if (severity == "critical")
        spdlog::critical("{}", message);
    else
        spdlog::warn("{}", message);
}

bool EngineCore::recordState(TradingState from, TradingState to, std::string_view actor, std::string_view reason)
{
    const TradingState gate = m_risk.gate().state();
    if (gate != to && !m_risk.gate().move(from, to))
        return false; // another thread stopped trading meanwhile; its command comes next
    JournalRecord r;
    r.kind = JournalRecord::Kind::TradingStateChanged;
    r.previousState = from;
    r.tradingState = to;
    r.setActor(actor);
    r.setText(reason);
    journal(r);
    if (to == TradingState::Maintenance && from != TradingState::Maintenance)
        m_maintenanceReturn = from;
    m_recordedState = to;
    m_stateActor = std::string(actor);
    m_stateReason = std::string(reason);
    m_stateSince = recordTime();
    spdlog::warn("trading {} -> {} by {}: {}", toString(from), toString(to), actor, reason);
    return true;
}

void EngineCore::recordStrategyControl(StrategyId strategy, bool stopped, std::string_view actor,
                                       std::string_view reason)
{
    m_risk.stopStrategy(strategy, stopped);
    JournalRecord r;
    r.kind = JournalRecord::Kind::StrategyControl;
    r.strategy = strategy;
    r.qty = stopped ? 1 : 0;
    r.setActor(actor);
    r.setText(reason);
    journal(r);
}

std::string EngineCore::recordChecklist(const ChecklistResult &result, const std::string &actor)
{
    JournalRecord run;
    run.kind = JournalRecord::Kind::ChecklistRun;
    run.wallNs = result.wallNs != 0 ? result.wallNs : utcNowNs();
    run.setActor(actor);
    run.setAction(toString(result.kind));
    run.setKey(result.startedBy);
    run.qty = result.count(CheckStatus::Pass);
    run.filledQty = result.count(CheckStatus::Warn);
    run.orderId = static_cast<OrderId>(result.count(CheckStatus::Fail));
    const std::string summary = result.summary();
    run.setText(summary);
    journal(run);
    for (const CheckItem &item : result.items) {
        JournalRecord r;
        r.kind = JournalRecord::Kind::ChecklistItem;
        r.setKey(item.id);
        r.setAction(toString(item.status));
        r.setText(item.measured + "\t" + item.threshold + "\t" + item.detail);
        journal(r);
    }
    spdlog::log(result.failed() ? spdlog::level::warn : spdlog::level::info, "{} checklist ({}): {}",
                toString(result.kind), result.startedBy, summary);
    return std::string(toString(result.kind)) + " checklist recorded: " + summary;
}

std::string EngineCore::restoreHoldRefusal() const
{
    const std::string held = "restored from a backup: trading stays " + std::string(toString(m_recordedState))
        + " until the books are reconciled clean with the broker's; ";
    const auto &runs = m_reconciliation.runs();
    if (runs.empty())
        return held + "no reconciliation has run since the restore (Reconcile now)";
    if (!runs.back().complete)
        return held + "the last reconciliation was incomplete (" + runs.back().summary
            + "); Reconcile now";
    const std::size_t open = m_reconciliation.unresolved();
    if (open > 0)
        return held + std::to_string(open) + (open == 1 ? " difference is" : " differences are")
            + " not resolved (the RECONCILIATION panel)";
    return {};
}

std::size_t EngineCore::cancelAll()
{
    if (m_phase != SessionPhase::Open || replaying())
        return 0;
    std::size_t cancelled = 0;
    for (const Order &o : m_orders.orders()) {
        if (isTerminal(o.status) || o.status == OrderStatus::CancelPending || o.status == OrderStatus::Unknown
            || o.qty == 0)
            continue;
        if (m_orders.requestCancel(o.id, m_now)) {
            journalOrder(*m_orders.find(o.id), JournalRecord::Kind::OrderChanged);
            ++cancelled;
        }
    }
    if (cancelled > 0) {
        EngineMessage m;
        m.kind = EngineMessage::Kind::CancelAll;
        m.decisionTime = m_now;
        m_sink.send(m);
        m_risk.recordCancelSent(m_now);
    }
    return cancelled;
}

bool EngineCore::inFlattenScope(StrategyId strategy, SymbolId symbol) const
{
    switch (m_flatten.scope) {
    case FlattenScope::Kind::All: return true;
    case FlattenScope::Kind::Strategy: return strategy == m_flatten.strategy;
    case FlattenScope::Kind::Symbol: return symbol == m_flatten.symbol;
    }
    return false;
}

std::size_t EngineCore::cancelWhere(const FlattenScope &)
{
    std::size_t cancelled = 0;
    std::vector<OrderId> ids;
    for (const Order &o : m_orders.orders())
        if (!isTerminal(o.status) && o.status != OrderStatus::CancelPending && o.status != OrderStatus::Unknown
            && o.qty > 0 && !o.byOperator && inFlattenScope(o.strategy, o.symbol))
            ids.push_back(o.id);
    for (const OrderId id : ids) {
        cancel(id);
        ++cancelled;
    }
    return cancelled;
}

void EngineCore::startFlatten(const FlattenScope &scope, std::string_view actor)
{
    m_flatten = Flatten{};
    m_flatten.phase = FlattenStatus::Phase::Cancelling;
    m_flatten.scope = scope.kind;
    m_flatten.actor = std::string(actor);
    switch (scope.kind) {
    case FlattenScope::Kind::All:
        m_flatten.scopeText = "all";
        break;
    case FlattenScope::Kind::Strategy:
        m_flatten.strategy = strategyByKey(scope.target);
        m_flatten.scopeText = "strategy " + scope.target;
        break;
    case FlattenScope::Kind::Symbol: {
        const auto it = std::find(m_symbolNames.begin(), m_symbolNames.end(), scope.target);
        m_flatten.symbol = static_cast<SymbolId>(it - m_symbolNames.begin());
        m_flatten.scopeText = "symbol " + scope.target;
        break;
    }
    }
    const std::size_t cancelled = scope.kind == FlattenScope::Kind::All ? cancelAll() : cancelWhere(scope);
    m_flatten.detail = std::to_string(cancelled) + " working order(s) being cancelled";
    advanceFlatten();
}

OrderId EngineCore::sendOperatorOrder(StrategyId strategy, SymbolId symbol, Side side, Quantity qty)
{
    Order &order = m_orders.create(strategy, symbol, side, OrderType::Market, qty, Price{}, m_now);
    order.byOperator = true;
    order.clientOrderId = newClientOrderId(strategy, order.id);
    order.arrivalMid = currentMid(symbol);
    journalOrder(order, JournalRecord::Kind::OrderCreated, m_flatten.actor);
    sendNewOrder(order);
    OrderIntent intent;
    intent.strategy = strategy;
    intent.symbol = symbol;
    intent.side = side;
    intent.qty = qty;
    intent.byOperator = true;
    m_risk.recordOrderSent(intent, m_now);
    return order.id;
}

void EngineCore::advanceFlatten()
{
    using Phase = FlattenStatus::Phase;
    if (m_flatten.phase != Phase::Cancelling && m_flatten.phase != Phase::Closing)
        return;
    if (m_phase != SessionPhase::Open || m_now >= m_session.close) {
        m_flatten.phase = Phase::Failed;
        m_flatten.detail = "the market closed before the books were flat";
        alert("critical", "flatten " + m_flatten.scopeText + " failed: " + m_flatten.detail);
        return;
    }
    // 1. Nothing of the strategies' may still be working in scope: a close sent while an
    //    order can still fill could overshoot.
    std::size_t working = 0;
    std::vector<OrderId> refused; // cancels the broker refused (it was unreachable)
    for (const Order &o : m_orders.orders()) {
        if (isTerminal(o.status) || o.byOperator || o.qty == 0 || !inFlattenScope(o.strategy, o.symbol))
            continue;
        ++working;
        if (o.status != OrderStatus::CancelPending && o.status != OrderStatus::Unknown)
            refused.push_back(o.id);
    }
    if (working > 0) {
        m_flatten.phase = Phase::Cancelling;
        if (!refused.empty() && m_now >= m_flatten.retryAt) {
            for (const OrderId id : refused)
                cancel(id);
            m_flatten.retryAt = m_now + kFlattenRetry;
        }
        m_flatten.detail = "waiting for " + std::to_string(working) + " cancel(s)";
        return;
    }
    // 2. The closing orders of the current attempt must be done.
    m_flatten.phase = Phase::Closing;
    std::erase_if(m_flatten.closing, [this](OrderId id) {
        const Order *o = m_orders.find(id);
        return !o || isTerminal(o->status);
    });
    if (!m_flatten.closing.empty()) {
        m_flatten.detail = "waiting for " + std::to_string(m_flatten.closing.size()) + " closing order(s)";
        return;
    }
    // 3. Flat in the books that the broker's fills built? Then it is confirmed.
    struct Open {
        StrategyId strategy;
        SymbolId symbol;
        Quantity qty;
    };
    std::vector<Open> open;
    // Every book, enabled strategy or not (a disabled one may still hold yesterday's position).
    for (std::size_t strategy = 0; strategy < m_strategyOrders.size(); ++strategy)
        for (std::size_t i = 0; i < m_symbolNames.size(); ++i) {
            const auto id = static_cast<StrategyId>(strategy);
            const auto symbol = static_cast<SymbolId>(i);
            const Quantity qty = m_portfolio.position(id, symbol);
            if (qty != 0 && inFlattenScope(id, symbol))
                open.push_back({id, symbol, qty});
        }
    if (open.empty()) {
        m_flatten.phase = Phase::Flat;
        m_flatten.detail = "flat, confirmed by the broker's fills at " + m_session.clockText(m_now);
        audit(m_flatten.actor, "flat", "flatten " + m_flatten.scopeText + ": " + m_flatten.detail);
        spdlog::warn("flatten {}: {}", m_flatten.scopeText, m_flatten.detail);
        return;
    }
    if (m_flatten.attempts >= kFlattenAttempts) {
        m_flatten.phase = Phase::Failed;
        m_flatten.detail = std::to_string(open.size()) + " position(s) still open after "
            + std::to_string(kFlattenAttempts) + " attempts";
        alert("critical", "flatten " + m_flatten.scopeText + " failed: " + m_flatten.detail);
        return;
    }
    if (m_now < m_flatten.retryAt) {
        m_flatten.detail = std::to_string(open.size()) + " position(s) open; trying again at "
            + m_session.clockText(m_flatten.retryAt);
        return;
    }
    ++m_flatten.attempts;
    m_flatten.retryAt = m_now + kFlattenRetry; // if this attempt is refused, the next waits a second
    for (const Open &o : open)
        m_flatten.closing.push_back(
            sendOperatorOrder(o.strategy, o.symbol, o.qty > 0 ? Side::Sell : Side::Buy, std::llabs(o.qty)));
    m_flatten.detail = "closing " + std::to_string(open.size()) + " position(s) at market (attempt "
        + std::to_string(m_flatten.attempts) + ")";
}

void EngineCore::fireKill(std::string_view reason)
{
    cmd::Kill kill;
    kill.actor = "risk";
    kill.reason = std::string(reason);
    alert("critical", "kill switch fired automatically: " + std::string(reason));
    execute(kill);
}

double EngineCore::drawdownPctOfStart() const
{
    const double start = m_portfolio.startingEquity().toDouble();
    return start > 0 ? 100.0 * m_portfolio.drawdown().toDouble() / start : 0.0;
}

std::vector<LimitUsage> EngineCore::limitUsage() const
{
    const RiskConfig &risk = m_config.risk;
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
    const double drawdownPct = drawdownPctOfStart();
    add("daily drawdown", fixed2(drawdownPct) + "%", fixed2(risk.killDrawdownPct) + "%",
        100.0 * drawdownPct / risk.killDrawdownPct, fixed2(risk.killDrawdownPct - drawdownPct) + "% of equity", true);
    add("broker errors in a row", std::to_string(m_brokerErrorStreak), std::to_string(risk.killBrokerErrors),
        100.0 * m_brokerErrorStreak / risk.killBrokerErrors,
        std::to_string(risk.killBrokerErrors - m_brokerErrorStreak) + " error(s)", true);
    const double silent = m_phase == SessionPhase::Open && m_lastMarketData > 0
        ? static_cast<double>(m_now - m_lastMarketData) / static_cast<double>(kNsPerSecond)
        : 0.0;
    add("market data silence", fixed2(silent) + " s", std::to_string(risk.killFeedSilenceSeconds) + " s",
        100.0 * silent / risk.killFeedSilenceSeconds, fixed2(risk.killFeedSilenceSeconds - silent) + " s", true);
    const double equity = m_portfolio.equity().toDouble();
    const double grossPct = equity > 0 ? 100.0 * m_portfolio.grossExposure().toDouble() / equity : 0.0;
    add("gross exposure", fixed2(grossPct) + "%", fixed2(risk.maxGrossExposurePct) + "%",
        100.0 * grossPct / risk.maxGrossExposurePct, fixed2(risk.maxGrossExposurePct - grossPct) + "% of equity", false);
    Money largest;
    std::string largestSymbol = "-";
    for (std::size_t i = 0; i < m_symbolNames.size(); ++i) {
        const auto symbol = static_cast<SymbolId>(i);
        const Money value = notional(m_portfolio.markPrice(symbol), std::llabs(m_portfolio.position(symbol)));
        if (value > largest) {
            largest = value;
            largestSymbol = m_symbolNames[i];
        }
    }
    add("largest position (" + largestSymbol + ")", largest.toString(2), risk.maxPositionNotional.toString(2),
        100.0 * largest.toDouble() / risk.maxPositionNotional.toDouble(),
        (risk.maxPositionNotional - largest).toString(2), false);
    const auto working = static_cast<double>(m_orders.workingCount());
    add("open orders", std::to_string(m_orders.workingCount()), std::to_string(risk.maxOpenOrders),
        100.0 * working / risk.maxOpenOrders, std::to_string(risk.maxOpenOrders - static_cast<int>(working)) + " order(s)",
        false);
    const auto rate = static_cast<double>(m_risk.ordersInLastSecond(m_now));
    add("orders and cancels per second", std::to_string(static_cast<int>(rate)), std::to_string(risk.maxOrdersPerSecond),
        100.0 * rate / risk.maxOrdersPerSecond, std::to_string(risk.maxOrdersPerSecond - static_cast<int>(rate)), false);
    for (const auto &s : m_strategies) {
        const auto fills = static_cast<double>(m_risk.fillsInWindow(s->id(), m_now));
        add("fills of " + std::string(s->name()) + " in " + std::to_string(risk.throttleWindowSeconds) + " s",
            std::to_string(static_cast<int>(fills)), std::to_string(risk.throttleFills),
            100.0 * fills / risk.throttleFills, std::to_string(risk.throttleFills - static_cast<int>(fills)), false);
    }
    return rows;
}

void EngineCore::evaluateTriggers()
{
    const RiskConfig &risk = m_config.risk;
    const SimTime confirm = SimTime{risk.triggerConfirmSeconds} * kNsPerSecond;
    // One trigger: warns once when it reaches the warning level, fires once its breach has
    // lasted `confirm` over at least two evaluations, so a single bad tick never fires it.
    auto evaluate = [&](Trigger &t, double usedPct, const std::string &what) {
        if (usedPct < risk.warnAtPct) {
            t.warned = false;
        } else if (!t.warned) {
            t.warned = true;
            alert("warning", what + " at " + fixed2(usedPct) + "% of its kill limit");
        }
        if (usedPct < 100.0) {
            t.since = 0;
            t.evaluations = 0;
            return false;
        }
        if (t.evaluations++ == 0)
            t.since = m_now;
        return t.evaluations >= 2 && m_now - t.since >= confirm;
    };
    if (m_recordedState == TradingState::Killed)
        return;
    const double drawdownPct = drawdownPctOfStart();
    if (evaluate(m_drawdownTrigger, 100.0 * drawdownPct / risk.killDrawdownPct, "daily drawdown")) {
        fireKill("daily drawdown " + fixed2(drawdownPct) + "% of start-of-day equity, beyond "
                 + fixed2(risk.killDrawdownPct) + "% for " + std::to_string((m_now - m_drawdownTrigger.since) / kNsPerSecond)
                 + " s");
        return;
    }
    const double silent = m_lastMarketData > 0 ? static_cast<double>(m_now - m_lastMarketData) / kNsPerSecond : 0.0;
    if (evaluate(m_feedTrigger, 100.0 * silent / risk.killFeedSilenceSeconds, "market data silence")) {
        fireKill("market data silent for " + fixed2(silent) + " s (limit " + std::to_string(risk.killFeedSilenceSeconds)
                 + " s)");
        return;
    }
    // The error streak fires at once when it reaches its limit (onExec); here it only warns.
    const double errorsPct = 100.0 * m_brokerErrorStreak / risk.killBrokerErrors;
    if (errorsPct < risk.warnAtPct) {
        m_brokerTrigger.warned = false;
    } else if (!m_brokerTrigger.warned && errorsPct < 100.0) {
        m_brokerTrigger.warned = true;
        alert("warning", std::to_string(m_brokerErrorStreak) + " broker errors in a row, kill at "
                             + std::to_string(risk.killBrokerErrors));
    }
}

} // namespace vigil
