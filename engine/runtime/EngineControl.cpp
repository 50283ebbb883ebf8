// EngineCore's controls: the operator's commands, the flatten's wiring, and acting on what
// the automatic kill triggers decide (risk/KillTriggers). Engine thread only, like the rest
// of EngineCore.

#include "runtime/EngineCore.h"

#include "core/EngineText.h"
#include "core/UserName.h"
#include "ops/Checklist.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

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
    if (m_reconciliationRuns.empty())
        return held + "no reconciliation has run since the restore (Reconcile now)";
    if (!m_reconciliationRuns.back().complete)
        return held + "the last reconciliation was incomplete (" + m_reconciliationRuns.back().summary
            + "); Reconcile now";
    const auto open = std::count_if(m_differences.begin(), m_differences.end(), [](const TrackedDifference &t) {
        return t.status == ReconciliationDifferenceRow::Status::Open
            || t.status == ReconciliationDifferenceRow::Status::Resolving;
    });
    if (open > 0)
        return held + std::to_string(open) + (open == 1 ? " difference is" : " differences are")
            + " not resolved (the RECONCILIATION panel)";
    return {};
}

CommandResult EngineCore::execute(const Command &command)
{
    CommandResult result;
    const TradingState from = m_recordedState;
    const TransitionRule rule = judge(command, from, m_maintenanceReturn);
    const std::string actor = command.actor.empty() ? std::string("operator") : command.actor;
    const std::string what(toString(command.kind));
    auto finish = [&](bool ok, std::string message) {
        result.ok = ok;
        result.message = std::move(message);
        result.state = m_recordedState;
        result.snapshotVersion = m_snapshotVersion;
        // A run is audited by its own record (the reconciliations table's row).
        if (command.kind != Command::Kind::Status
            && ((command.kind != Command::Kind::Reconciled && command.kind != Command::Kind::Checklist) || !ok))
            audit(actor, ok ? what : what + " refused", result.message);
        endJournalGroup();
        result.journalSeq = m_journal ? m_journalSeq : 0;
        return result;
    };
    if (command.kind == Command::Kind::Status)
        return finish(true, describeState());
    if (!rule.allowed)
        return finish(false, rule.refusal);
    if (m_journalFailed && (rule.to == TradingState::Active || rule.to == TradingState::Paused) && rule.to != from)
        return finish(false, engineTr("Controls", "the journal cannot be written (disk full or I/O error): trading stays %1 "
                                                  "until vigil is restarted with a journal it can write; flatten and kill still work")
                                 .arg(toString(m_recordedState)));
    if (m_brokerFailed && (rule.to == TradingState::Active || rule.to == TradingState::Paused) && rule.to != from)
        return finish(false, engineTr("Controls", "the paper broker's file cannot be written (%1): trading stays %2 until vigil "
                                                  "is restarted with space for it; the broker answers nothing more this session")
                                 .arg(m_brokerFailure, toString(m_recordedState)));
    if (replaying() && command.kind != Command::Kind::Pause && command.kind != Command::Kind::Halt
        && command.kind != Command::Kind::Kill && command.kind != Command::Kind::MaintenanceEnter
        && command.kind != Command::Kind::Reconciled && command.kind != Command::Kind::Checklist)
        return finish(false, engineTr("Controls", "the session is still replaying the market up to where it stopped; try again then"));

    const std::string reason = command.kind == Command::Kind::MaintenanceEnter ? command.message : command.reason;
    auto transition = [&]() {
        if (rule.to == from)
            return true;
        return recordState(from, rule.to, actor, reason);
    };
    switch (command.kind) {
    case Command::Kind::Status:
        break;
    case Command::Kind::Pause:
        if (!transition())
            return finish(false, "superseded: " + describeState());
        return finish(true, engineTr("Controls", "paused: reduce-only, exits and risk-reducing orders still allowed"));
    case Command::Kind::Halt: {
        if (!transition())
            return finish(false, "superseded: " + describeState());
        const std::size_t cancelled = cancelAll();
        return finish(true, engineTr("Controls", "halted: no new orders; %1 working order(s) being cancelled").arg(cancelled));
    }
    case Command::Kind::MaintenanceEnter: {
        if (!transition())
            return finish(false, "superseded: " + describeState());
        const std::size_t cancelled = cancelAll();
        return finish(true, engineTr("Controls", "maintenance: %1; %2 working order(s) being cancelled").arg(command.message, cancelled));
    }
    case Command::Kind::MaintenanceExit:
        // Maintenance entered from ACTIVE (a restored journal's) would go back there: the
        // restore's hold allows that only as it allows a resume.
        if (!m_restoreHold.empty() && rule.to == TradingState::Active)
            if (const std::string refusal = restoreHoldRefusal(); !refusal.empty())
                return finish(false, refusal);
        if (!transition())
            return finish(false, "superseded: " + describeState());
        return finish(true, engineTr("Controls", "maintenance over: %1").arg(describeState()));
    case Command::Kind::Kill: {
        if (!transition())
            return finish(false, "superseded: " + describeState());
        m_strategiesRunning = false;
        startFlatten(FlattenScope{}, actor);
        return finish(true, engineTr("Controls", "KILLED: no new orders, every working order cancelled, flattening everything, "
                                                 "strategies stopped; latched until an operator resumes with an acknowledgement"));
    }
    case Command::Kind::Resume: {
        if (!m_restoreHold.empty()) {
            if (const std::string refusal = restoreHoldRefusal(); !refusal.empty())
                return finish(false, refusal);
            std::error_code removeError;
            std::filesystem::remove(m_restoreHold, removeError);
            if (removeError)
                return finish(false, "the restore's hold " + m_restoreHold + " cannot be removed (" + removeError.message()
                                         + "): trading stays " + std::string(toString(m_recordedState)));
            audit(actor, "restore hold cleared", "the reconciliation after the restore is clean; removed " + m_restoreHold);
            m_restoreHold.clear();
        }
        if (!transition())
            return finish(false, "superseded: " + describeState());
        m_strategiesRunning = true;
        m_risk.clearSymbolReduceOnly();
        std::string message = "trading is ACTIVE";
        if (!command.acknowledgement.empty())
            message += " (acknowledged: " + command.acknowledgement + ")";
        if (from == TradingState::Killed) {
            // A reset brings trading back, not every strategy at once: whatever fired the
            // kill may still be there, so each strategy is enabled on its own, and watched.
            for (const StrategyLineup::Entry &s : m_lineup.running())
                recordStrategyControl(s.id, true, actor, "kill switch reset: stopped until enabled on its own");
            message += "; every strategy stays stopped until it is enabled on its own";
        }
        return finish(true, message);
    }
    case Command::Kind::EnableStrategy: {
        if (m_recordedState == TradingState::Killed)
            return finish(false, engineTr("Controls", "the kill switch is latched: reset it first (strategies then come back "
                                                      "stopped, to be enabled one at a time)"));
        const StrategyId id = strategyByKey(command.target);
        if (id == kNoStrategy)
            return finish(false, engineTr("Controls", "no strategy named '%1'").arg(command.target));
        recordStrategyControl(id, false, actor, reason);
        return finish(true, engineTr("Controls", "strategy %1 may trade again").arg(command.target));
    }
    case Command::Kind::Reconciled:
        if (!command.reconciliation)
            return finish(false, "no reconciliation result");
        return finish(true, applyReconciliation(command, actor));
    case Command::Kind::Checklist:
        if (!command.checklist)
            return finish(false, "no checklist result");
        return finish(true, recordChecklist(*command.checklist, actor));
    case Command::Kind::Resolve: {
        std::string message;
        const bool ok = resolveDifference(command, actor, message);
        return finish(ok, message);
    }
    case Command::Kind::Unblock: {
        std::string message;
        const bool ok = unblockSymbol(command, actor, message);
        return finish(ok, message);
    }
    case Command::Kind::Drill: {
        std::string message;
        const bool ok = startDrill(command, actor, message);
        result.drill = ok ? m_drillsSent : 0;
        return finish(ok, message);
    }
    case Command::Kind::Flatten: {
        if (m_phase != SessionPhase::Open)
            return finish(false, engineTr("Controls", "the market is not open: nothing can be closed now"));
        FlattenScope scope{FlattenScope::Kind::All, command.target};
        if (command.scope == Command::Scope::Strategy) {
            const StrategyId id = strategyByKey(command.target);
            if (id == kNoStrategy)
                return finish(false, engineTr("Controls", "no strategy named '%1'").arg(command.target));
            recordStrategyControl(id, true, actor, "flattened: " + reason);
            scope.kind = FlattenScope::Kind::Strategy;
        } else if (command.scope == Command::Scope::Symbol) {
            const auto it = std::find(m_symbolNames.begin(), m_symbolNames.end(), command.target);
            if (it == m_symbolNames.end())
                return finish(false, engineTr("Controls", "no symbol named '%1'").arg(command.target));
            m_risk.setSymbolReduceOnly(static_cast<SymbolId>(it - m_symbolNames.begin()), true);
            scope.kind = FlattenScope::Kind::Symbol;
        } else if (m_recordedState == TradingState::Active) {
            // Nothing may open again while everything is being closed.
            recordState(TradingState::Active, TradingState::Paused, actor, "flatten all: " + reason);
        }
        startFlatten(scope, actor);
        return finish(true, "flattening " + m_flatten.scopeText() + ": " + m_flatten.detail());
    }
    }
    return finish(false, engineTr("Controls", "unknown command"));
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
                                      std::string_view actor)
{
    Order &order = m_orders.create(strategy, symbol, side, OrderType::Market, qty, Price{}, m_now);
    order.byOperator = true;
    order.clientOrderId = newClientOrderId(strategy, order.id);
    order.arrivalMid = currentMid(symbol);
    journalOrder(order, JournalRecord::Kind::OrderCreated, actor);
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

void EngineCore::fireKill(std::string_view reason)
{
    Command kill;
    kill.kind = Command::Kind::Kill;
    kill.actor = "risk";
    kill.reason = std::string(reason);
    alert("critical", engineTr("Controls", "kill switch fired automatically: %1").arg(reason));
    execute(kill);
}

void EngineCore::evaluateTriggers()
{
    if (m_recordedState == TradingState::Killed)
        return;
    const KillTriggers::Decision decision = m_triggers.evaluate(m_now, KillTriggers::Account::of(m_portfolio));
    for (const std::string &warning : decision.warnings)
        alert("warning", warning);
    if (!decision.kill.empty())
        fireKill(decision.kill);
}

} // namespace vigil
