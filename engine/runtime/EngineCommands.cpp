// EngineCore's commands: each typed command judged, refused or carried out by its own
// handler, then audited. Engine thread only, like the rest of EngineCore.

#include "runtime/EngineCore.h"

#include "core/EngineText.h"

#include <filesystem>
#include <variant>

namespace vigil {

namespace {
bool allowedWhileReplaying(CommandKind kind)
{
    switch (kind) {
    case CommandKind::Pause:
    case CommandKind::Halt:
    case CommandKind::Kill:
    case CommandKind::MaintenanceEnter:
    case CommandKind::Reconcile:
    case CommandKind::RecordReconciliation:
    case CommandKind::RunChecklist:
    case CommandKind::RecordChecklist: return true;
    default: return false;
    }
}
}

CommandResult EngineCore::execute(const Command &command)
{
    const CommandKind kind = kindOf(command);
    const Origin &origin = originOf(command);
    const Step step{m_recordedState, judge(command, m_recordedState, m_maintenanceReturn),
                    origin.actor.empty() ? std::string("operator") : origin.actor};
    Answer answer;
    if (kind == CommandKind::Status)
        answer = {true, describeState()};
    else if (std::string refusal = refusalOf(kind, step); !refusal.empty())
        answer = {false, std::move(refusal)};
    else
        answer = std::visit([&](const auto &c) { return handle(c, step); }, command);

    CommandResult result;
    result.ok = answer.ok;
    result.message = std::move(answer.message);
    result.state = m_recordedState;
    result.snapshotVersion = m_snapshotVersion;
    result.drill = answer.drill;
    // A run is audited by its own record (the reconciliations table's row).
    const bool recordsItself = kind == CommandKind::RecordReconciliation || kind == CommandKind::RecordChecklist
                               || kind == CommandKind::RecordAlert;
    if (kind != CommandKind::Status && (!recordsItself || !result.ok)) {
        const std::string what(toString(kind));
        audit(step.actor, result.ok ? what : what + " refused", result.message);
    }
    endJournalGroup();
    result.journalSeq = m_journal ? m_journalSeq : 0;
    return result;
}

std::string EngineCore::refusalOf(CommandKind kind, const Step &step) const
{
    const TransitionRule &rule = step.rule;
    if (!rule.allowed)
        return rule.refusal;
    const bool loosens = (rule.to == TradingState::Active || rule.to == TradingState::Paused) && rule.to != step.from;
    if (m_journalFailed && loosens)
        return engineTr("Controls", "the journal cannot be written (disk full or I/O error): trading stays %1 "
                                    "until vigil is restarted with a journal it can write; flatten and kill still work")
            .arg(toString(m_recordedState));
    if (m_brokerFailed && loosens)
        return engineTr("Controls", "the paper broker's file cannot be written (%1): trading stays %2 until vigil "
                                    "is restarted with space for it; the broker answers nothing more this session")
            .arg(m_brokerFailure, toString(m_recordedState));
    if (replaying() && !allowedWhileReplaying(kind))
        return engineTr("Controls", "the session is still replaying the market up to where it stopped; try again then");
    return {};
}

bool EngineCore::transition(const Step &step, std::string_view reason)
{
    if (step.rule.to == step.from)
        return true;
    return recordState(step.from, step.rule.to, step.actor, reason);
}

EngineCore::Answer EngineCore::handle(const cmd::Status &, const Step &) { return {true, describeState()}; }

EngineCore::Answer EngineCore::handle(const cmd::Pause &c, const Step &step)
{
    if (!transition(step, c.reason))
        return {false, "superseded: " + describeState()};
    return {true, engineTr("Controls", "paused: reduce-only, exits and risk-reducing orders still allowed")};
}

EngineCore::Answer EngineCore::handle(const cmd::Halt &c, const Step &step)
{
    if (!transition(step, c.reason))
        return {false, "superseded: " + describeState()};
    const std::size_t cancelled = cancelAll();
    return {true, engineTr("Controls", "halted: no new orders; %1 working order(s) being cancelled").arg(cancelled)};
}

EngineCore::Answer EngineCore::handle(const cmd::MaintenanceEnter &c, const Step &step)
{
    if (!transition(step, c.banner))
        return {false, "superseded: " + describeState()};
    const std::size_t cancelled = cancelAll();
    return {true,
            engineTr("Controls", "maintenance: %1; %2 working order(s) being cancelled").arg(c.banner, cancelled)};
}

EngineCore::Answer EngineCore::handle(const cmd::MaintenanceExit &c, const Step &step)
{
    // Maintenance entered from ACTIVE (a restored journal's) would go back there: the
    // restore's hold allows that only as it allows a resume.
    if (!m_restoreHold.empty() && step.rule.to == TradingState::Active)
        if (std::string refusal = restoreHoldRefusal(); !refusal.empty())
            return {false, std::move(refusal)};
    if (!transition(step, c.reason))
        return {false, "superseded: " + describeState()};
    return {true, engineTr("Controls", "maintenance over: %1").arg(describeState())};
}

EngineCore::Answer EngineCore::handle(const cmd::Kill &c, const Step &step)
{
    if (!transition(step, c.reason))
        return {false, "superseded: " + describeState()};
    m_strategiesRunning = false;
    startFlatten(FlattenScope{}, step.actor);
    return {true,
            engineTr("Controls", "KILLED: no new orders, every working order cancelled, flattening everything, "
                                 "strategies stopped; latched until an operator resumes with an acknowledgement")};
}

EngineCore::Answer EngineCore::handle(const cmd::Resume &c, const Step &step)
{
    const std::string unsigned3 = incidentsHoldingResume();
    if (!unsigned3.empty() && c.signOff == SignOffGate::Required)
        return {false, engineTr("Controls", "level-3 incident(s) %1 not signed off: sign off first (vigil ctl "
                                            "incident-sign-off ID --reason NOTE, or the Incidents panel), or "
                                            "resume with an override")
                           .arg(unsigned3)};
    if (!m_restoreHold.empty()) {
        if (std::string refusal = restoreHoldRefusal(); !refusal.empty())
            return {false, std::move(refusal)};
        std::error_code removeError;
        std::filesystem::remove(m_restoreHold, removeError);
        if (removeError)
            return {false, "the restore's hold " + m_restoreHold + " cannot be removed (" + removeError.message()
                               + "): trading stays " + std::string(toString(m_recordedState))};
        audit(step.actor, "restore hold cleared",
              "the reconciliation after the restore is clean; removed " + m_restoreHold);
        m_restoreHold.clear();
    }
    if (!transition(step, c.reason))
        return {false, "superseded: " + describeState()};
    if (!unsigned3.empty()) // resumed over the sign-off rule: the trail says so plainly
        audit(step.actor, "incident override",
              "resumed with level-3 incident(s) " + unsigned3 + " not signed off: " + c.reason);
    m_strategiesRunning = true;
    m_risk.clearSymbolReduceOnly();
    std::string message = "trading is ACTIVE";
    if (!c.acknowledgement.empty())
        message += " (acknowledged: " + c.acknowledgement + ")";
    if (step.from == TradingState::Killed) {
        // A reset brings trading back, not every strategy at once: whatever fired the
        // kill may still be there, so each strategy is enabled on its own, and watched.
        for (const StrategyLineup::Entry &s : m_lineup.running())
            recordStrategyControl(s.id, true, step.actor, "kill switch reset: stopped until enabled on its own");
        message += "; every strategy stays stopped until it is enabled on its own";
    }
    return {true, std::move(message)};
}

EngineCore::Answer EngineCore::handle(const cmd::EnableStrategy &c, const Step &step)
{
    if (m_recordedState == TradingState::Killed)
        return {false, engineTr("Controls", "the kill switch is latched: reset it first (strategies then come back "
                                            "stopped, to be enabled one at a time)")};
    const StrategyId id = strategyByKey(c.strategy);
    if (id == kNoStrategy)
        return {false, engineTr("Controls", "no strategy named '%1'").arg(c.strategy)};
    recordStrategyControl(id, false, step.actor, c.reason);
    return {true, engineTr("Controls", "strategy %1 may trade again").arg(c.strategy)};
}

EngineCore::Answer EngineCore::handle(const cmd::Flatten &c, const Step &step)
{
    if (m_phase != SessionPhase::Open)
        return {false, engineTr("Controls", "the market is not open: nothing can be closed now")};
    switch (c.scope.kind) {
    case FlattenScope::Kind::Strategy: {
        const StrategyId id = strategyByKey(c.scope.target);
        if (id == kNoStrategy)
            return {false, engineTr("Controls", "no strategy named '%1'").arg(c.scope.target)};
        recordStrategyControl(id, true, step.actor, "flattened: " + c.reason);
        break;
    }
    case FlattenScope::Kind::Symbol: {
        const int symbol = symbolNumber(c.scope.target);
        if (symbol < 0)
            return {false, engineTr("Controls", "no symbol named '%1'").arg(c.scope.target)};
        m_risk.setSymbolReduceOnly(static_cast<SymbolId>(symbol), true);
        break;
    }
    case FlattenScope::Kind::All:
        // Nothing may open again while everything is being closed.
        if (m_recordedState == TradingState::Active)
            recordState(TradingState::Active, TradingState::Paused, step.actor, "flatten all: " + c.reason);
        break;
    }
    startFlatten(c.scope, step.actor);
    return {true, "flattening " + m_flatten.scopeText() + ": " + m_flatten.detail()};
}

EngineCore::Answer EngineCore::handle(const cmd::Reconcile &, const Step &)
{
    return {false, "no reconciliation result"};
}

EngineCore::Answer EngineCore::handle(const cmd::RecordReconciliation &c, const Step &step)
{
    if (!c.result)
        return {false, "no reconciliation result"};
    return {true, applyReconciliation(c, step.actor)};
}

EngineCore::Answer EngineCore::handle(const cmd::RunChecklist &, const Step &)
{
    return {false, "no checklist result"};
}

EngineCore::Answer EngineCore::handle(const cmd::RecordChecklist &c, const Step &step)
{
    if (!c.result)
        return {false, "no checklist result"};
    return {true, recordChecklist(*c.result, step.actor)};
}

EngineCore::Answer EngineCore::handle(const cmd::Resolve &c, const Step &step)
{
    Answer answer;
    answer.ok = resolveDifference(c, step.actor, answer.message);
    return answer;
}

EngineCore::Answer EngineCore::handle(const cmd::Unblock &c, const Step &step)
{
    Answer answer;
    answer.ok = unblockSymbol(c, step.actor, answer.message);
    return answer;
}

EngineCore::Answer EngineCore::handle(const cmd::Drill &c, const Step &step)
{
    Answer answer;
    answer.ok = startDrill(c, step.actor, answer.message);
    answer.drill = answer.ok ? m_drills.sent() : 0;
    return answer;
}

} // namespace vigil
