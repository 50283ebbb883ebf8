#include "risk/TradingControl.h"

#include "core/EngineText.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace vigil {

namespace {
constexpr std::array<std::pair<Command::Kind, std::string_view>, 14> kCommandNames{{
    {Command::Kind::Status, "status"},
    {Command::Kind::Pause, "pause"},
    {Command::Kind::Resume, "resume"},
    {Command::Kind::Halt, "halt"},
    {Command::Kind::Kill, "kill"},
    {Command::Kind::Flatten, "flatten"},
    {Command::Kind::MaintenanceEnter, "maintenance-enter"},
    {Command::Kind::MaintenanceExit, "maintenance-exit"},
    {Command::Kind::EnableStrategy, "enable-strategy"},
    {Command::Kind::Reconciled, "reconcile"},
    {Command::Kind::Resolve, "resolve"},
    {Command::Kind::Unblock, "unblock"},
    {Command::Kind::Drill, "drill"},
    {Command::Kind::Checklist, "checklist"},
}};

TransitionRule allow(TradingState to) { return {true, to, {}}; }
TransitionRule refuse(std::string why) { return {false, TradingState::Active, std::move(why)}; }

int strictness(TradingState s)
{
    switch (s) {
    case TradingState::Active: return 0;
    case TradingState::Paused: return 1;
    case TradingState::Maintenance: return 2;
    case TradingState::Halted: return 3;
    case TradingState::Killed: return 4;
    }
    return 4;
}
}

std::string_view toString(Command::Kind kind)
{
    for (const auto &[k, name] : kCommandNames)
        if (k == kind)
            return name;
    return "?";
}

std::optional<Command::Kind> commandKindFromText(std::string_view text)
{
    for (const auto &[k, name] : kCommandNames)
        if (name == text)
            return k;
    return std::nullopt;
}

bool tightens(TradingState from, TradingState to) { return strictness(to) > strictness(from); }

bool isBlank(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

TransitionRule judge(const Command &command, TradingState from, TradingState maintenanceReturn)
{
    const std::string current(toString(from));
    const bool changes = command.kind != Command::Kind::Status;
    // Blanks are no reason: the audit trail would record that someone acted, not why.
    if (changes && isBlank(command.reason))
        return refuse(engineTr("Controls", "a reason is required (blanks are not a reason)"));
    switch (command.kind) {
    case Command::Kind::Status:
    case Command::Kind::Flatten:
    case Command::Kind::EnableStrategy:
    case Command::Kind::Reconciled:
    case Command::Kind::Resolve:
    case Command::Kind::Unblock:
    case Command::Kind::Drill:
    case Command::Kind::Checklist:
        return allow(from);
    case Command::Kind::Pause:
        if (from == TradingState::Active || from == TradingState::Paused)
            return allow(TradingState::Paused);
        return refuse(engineTr("Controls", "trading is %1; pausing would loosen it").arg(current));
    case Command::Kind::Halt:
        if (from == TradingState::Killed)
            return refuse(engineTr("Controls", "the kill switch is latched; resume with an acknowledgement first"));
        return allow(TradingState::Halted);
    case Command::Kind::Kill:
        return allow(TradingState::Killed);
    case Command::Kind::Resume:
        if (from == TradingState::Maintenance)
            return refuse(engineTr("Controls", "trading is in MAINTENANCE; exit maintenance instead"));
        if ((from == TradingState::Halted || from == TradingState::Killed) && isBlank(command.acknowledgement))
            return refuse(engineTr("Controls", "trading is %1; resuming needs an acknowledgement of the cause").arg(current));
        return allow(TradingState::Active);
    case Command::Kind::MaintenanceEnter:
        if (from == TradingState::Killed)
            return refuse(engineTr("Controls", "the kill switch is latched; resume with an acknowledgement first"));
        if (isBlank(command.message))
            return refuse(engineTr("Controls", "maintenance needs a message for the banner"));
        return allow(TradingState::Maintenance);
    case Command::Kind::MaintenanceExit:
        if (from != TradingState::Maintenance)
            return refuse(engineTr("Controls", "trading is %1, not in maintenance").arg(current));
        return allow(maintenanceReturn == TradingState::Maintenance ? TradingState::Paused : maintenanceReturn);
    }
    return refuse(engineTr("Controls", "unknown command"));
}

} // namespace vigil
