// EngineCore's controls: the operator's commands, the flatten's wiring, and acting on what
// the automatic kill triggers decide (risk/KillTriggers). Engine thread only, like the rest
// of EngineCore.

#include "runtime/EngineCore.h"

#include "api/Checklist.h"
#include "api/UserName.h"
#include "core/EngineText.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace vigil {

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

std::uint64_t EngineCore::alert(AlertSeverity severity, std::string_view message, std::string_view source)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::Alert;
    r.setAction(toString(severity));
    r.setActor(source);
    r.setText(message);
    journal(r); // every raise, repeats too: a replay counts them the same way
    // The journal's sequence number is the alert's id: the same after a restart.
    const std::uint64_t id = m_journal ? m_journalSeq : ++m_alertCount;
    const AlertRow &row = m_alerts.raise(id, m_now, m_session.clockText(m_now), severity, source, message);
    if (severity == AlertSeverity::Critical)
        spdlog::critical("{}", message);
    else
        spdlog::warn("{}", message);
    if (m_alertTap && !replaying()) {
        OutgoingAlert out;
        out.id = row.id;
        out.severity = row.severity;
        out.source = row.source;
        out.message = row.message;
        out.clock = row.clock;
        out.count = row.count;
        out.raisedNs = utcNowNs();
        m_alertTap->onAlert(out);
    }
    return row.id;
}

EngineCore::Answer EngineCore::handle(const cmd::RecordAlert &c, const Step &)
{
    if (isBlank(c.message))
        return {false, engineTr("Controls", "an alert needs its text")};
    alert(c.severity, c.message, c.source.empty() ? std::string_view("alerts") : std::string_view(c.source));
    return {true, engineTr("Controls", "alert raised")};
}

EngineCore::Answer EngineCore::handle(const cmd::AcknowledgeAlert &c, const Step &step)
{
    switch (m_alerts.acknowledge(c.alert, step.actor, c.reason)) {
    case AlertBook::Acknowledgement::NoSuchAlert:
        return {false, engineTr("Controls", "no alert #%1 among today's latest %2")
                           .arg(std::to_string(c.alert), std::to_string(kSnapshotAlerts))};
    case AlertBook::Acknowledgement::AlreadyAcknowledged:
        return {false, engineTr("Controls", "alert #%1 was already acknowledged by %2")
                           .arg(std::to_string(c.alert), m_alerts.find(c.alert)->acknowledgedBy)};
    case AlertBook::Acknowledgement::Done: break;
    }
    if (m_alertTap)
        m_alertTap->onAcknowledged(c.alert, step.actor);
    return {true, engineTr("Controls", "alert #%1 acknowledged: %2").arg(std::to_string(c.alert), c.reason)};
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
    if (to == TradingState::Killed)
        incident(IncidentCause::KillSwitch, AlertSeverity::Critical,
                 "kill switch by " + std::string(actor) + ": " + std::string(reason), 0);
    else if (to == TradingState::Halted && from != TradingState::Halted && (actor == "risk" || actor == "bots"))
        incident(IncidentCause::TriggerHalt, AlertSeverity::Critical,
                 "halted by " + std::string(actor) + ": " + std::string(reason), 0);
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
        return held + "the last reconciliation was incomplete (" + runs.back().summary + "); Reconcile now";
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

void EngineCore::startFlatten(const FlattenScope &scope, std::string_view actor)
{
    StrategyId strategy = kNoStrategy;
    SymbolId symbol = 0;
    if (scope.kind == FlattenScope::Kind::Strategy)
        strategy = strategyByKey(scope.target);
    if (scope.kind == FlattenScope::Kind::Symbol)
        symbol = static_cast<SymbolId>(std::find(m_symbolNames.begin(), m_symbolNames.end(), scope.target)
                                       - m_symbolNames.begin());
    m_flatten.start(scope, strategy, symbol, actor, m_now, m_phase == SessionPhase::Open);
}

OrderId EngineCore::sendOperatorOrder(StrategyId strategy, SymbolId symbol, Side side, Quantity qty,
                                      std::string_view actor, CloseRoute route)
{
    Order &order = m_orders.create(strategy, symbol, side, OrderType::Market, qty, Price{}, m_now);
    order.byOperator = true;
    order.clientOrderId = newClientOrderId(strategy, order.id);
    order.arrivalMid = currentMid(symbol);
    journalOrder(order, JournalRecord::Kind::OrderCreated, actor);
    sendNewOrder(order, route);
    OrderIntent intent;
    intent.strategy = strategy;
    intent.symbol = symbol;
    intent.side = side;
    intent.qty = qty;
    intent.byOperator = true;
    m_risk.recordOrderSent(intent, m_now);
    return order.id;
}

void EngineCore::sendCloseAll()
{
    EngineMessage m;
    m.kind = EngineMessage::Kind::CloseAll;
    m.decisionTime = m_now;
    m_sink.send(m);
}

void EngineCore::fireKill(std::string_view reason)
{
    cmd::Kill kill;
    kill.actor = "risk";
    kill.reason = std::string(reason);
    alert(AlertSeverity::Critical, engineTr("Controls", "kill switch fired automatically: %1").arg(reason));
    execute(kill);
}

void EngineCore::evaluateTriggers()
{
    if (m_recordedState == TradingState::Killed)
        return;
    const KillTriggers::Decision decision = m_triggers.evaluate(m_now, KillTriggers::Account::of(m_portfolio));
    for (const std::string &warning : decision.warnings)
        alert(AlertSeverity::Warning, warning);
    if (!decision.kill.empty())
        fireKill(decision.kill);
}

} // namespace vigil
