#include "api/Commands.h"

#include "core/EngineText.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>
#include <variant>

namespace vigil {

namespace {
constexpr std::array<std::pair<CommandKind, std::string_view>, 22> kCommandNames{{
    {CommandKind::Status, "status"},
    {CommandKind::Pause, "pause"},
    {CommandKind::Resume, "resume"},
    {CommandKind::Halt, "halt"},
    {CommandKind::Kill, "kill"},
    {CommandKind::Flatten, "flatten"},
    {CommandKind::MaintenanceEnter, "maintenance-enter"},
    {CommandKind::MaintenanceExit, "maintenance-exit"},
    {CommandKind::EnableStrategy, "enable-strategy"},
    {CommandKind::Reconcile, "reconcile"},
    {CommandKind::RecordReconciliation, "reconcile"},
    {CommandKind::Resolve, "resolve"},
    {CommandKind::Unblock, "unblock"},
    {CommandKind::Drill, "drill"},
    {CommandKind::RunChecklist, "checklist"},
    {CommandKind::RecordChecklist, "checklist"},
    {CommandKind::CancelOrders, "cancel-orders"},
    {CommandKind::AcknowledgeAlert, "ack"},
    {CommandKind::RecordAlert, "alert"},
    {CommandKind::OpenIncident, "incident-open"},
    {CommandKind::UpdateIncident, "incident-set"},
    {CommandKind::SignOffIncident, "incident-sign-off"},
}};

constexpr std::string_view kOverrideSignOff = "override-sign-off";

/// An incident's id in `text`, or 0 (with `error` naming it) when it is not one.
std::uint64_t incidentIdOf(const std::string &text, std::string &error)
{
    std::uint64_t id = 0;
    const auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (failed != std::errc() || end != text.data() + text.size() || id == 0) {
        error = "'" + text + "' is not an incident's id (a whole number, as vigil incident list shows it)";
        return 0;
    }
    return id;
}

constexpr std::array<std::pair<Resolution, std::string_view>, 4> kResolutionNames{{
    {Resolution::Adopt, "adopt"},
    {Resolution::Flatten, "flatten"},
    {Resolution::Cancel, "cancel"},
    {Resolution::Accept, "accept"},
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

template<std::size_t... I> Command commandAt(std::size_t index, std::index_sequence<I...>)
{
    Command c;
    ((index == I ? (c = Command(std::in_place_index<I>), true) : false) || ...);
    return c;
}
}

Command commandOf(CommandKind kind)
{
    return commandAt(static_cast<std::size_t>(kind), std::make_index_sequence<std::variant_size_v<Command>>{});
}

std::string_view toString(CommandKind kind)
{
    for (const auto &[k, name] : kCommandNames)
        if (k == kind)
            return name;
    return "?";
}

std::optional<CommandKind> commandKindFromText(std::string_view text)
{
    for (const auto &[k, name] : kCommandNames)
        if (name == text)
            return k;
    return std::nullopt;
}

std::optional<Command> commandFromFields(CommandKind kind, CommandFields f, std::string &error)
{
    Command c = commandOf(kind);
    originOf(c).reason = std::move(f.reason);
    if (auto *resume = std::get_if<cmd::Resume>(&c)) {
        resume->acknowledgement = std::move(f.acknowledgement);
        if (f.message == kOverrideSignOff)
            resume->signOff = SignOffGate::Overridden;
        else if (!f.message.empty()) {
            error = "resume: '" + f.message + "' is not an option (only " + std::string(kOverrideSignOff) + ")";
            return std::nullopt;
        }
    } else if (auto *open = std::get_if<cmd::OpenIncident>(&c)) {
        if (f.amount != 2 && f.amount != 3) {
            error = "an incident's level is 2 or 3, not " + std::to_string(f.amount);
            return std::nullopt;
        }
        open->severity = f.amount == 3 ? AlertSeverity::Critical : AlertSeverity::Warning;
    } else if (auto *update = std::get_if<cmd::UpdateIncident>(&c)) {
        const std::optional<IncidentField> field = incidentFieldFromText(f.message);
        if (!field || !isOperatorField(*field)) {
            error = "no incident field named '" + f.message + "'; the fields are:";
            for (IncidentField each : kIncidentFields)
                if (isOperatorField(each))
                    error += " " + std::string(toString(each));
            return std::nullopt;
        }
        update->field = *field;
        if ((update->incident = incidentIdOf(f.target, error)) == 0)
            return std::nullopt;
    } else if (auto *signOff = std::get_if<cmd::SignOffIncident>(&c)) {
        if ((signOff->incident = incidentIdOf(f.target, error)) == 0)
            return std::nullopt;
    } else if (auto *enter = std::get_if<cmd::MaintenanceEnter>(&c)) {
        enter->banner = std::move(f.message);
    } else if (auto *flatten = std::get_if<cmd::Flatten>(&c)) {
        flatten->scope = {f.scope, std::move(f.target)};
    } else if (auto *enable = std::get_if<cmd::EnableStrategy>(&c)) {
        enable->strategy = std::move(f.target);
    } else if (auto *cancel = std::get_if<cmd::CancelOrders>(&c)) {
        cancel->strategy = std::move(f.target);
    } else if (auto *raised = std::get_if<cmd::RecordAlert>(&c)) {
        raised->source = "ctl";
        raised->message = std::move(f.message);
    } else if (auto *ack = std::get_if<cmd::AcknowledgeAlert>(&c)) {
        std::uint64_t id = 0;
        const auto [end, failed] = std::from_chars(f.target.data(), f.target.data() + f.target.size(), id);
        if (failed != std::errc() || end != f.target.data() + f.target.size() || id == 0) {
            error = "'" + f.target + "' is not an alert's id (a whole number, as the console's Alerts panel shows it)";
            return std::nullopt;
        }
        ack->alert = id;
    } else if (auto *resolve = std::get_if<cmd::Resolve>(&c)) {
        const std::optional<Resolution> how = resolutionFromText(f.message);
        if (!how) {
            error = "no resolution named '" + f.message + "' (adopt, flatten, cancel or accept)";
            return std::nullopt;
        }
        resolve->differenceKey = std::move(f.target);
        resolve->resolution = *how;
    } else if (auto *unblock = std::get_if<cmd::Unblock>(&c)) {
        unblock->symbol = std::move(f.target);
    } else if (auto *drill = std::get_if<cmd::Drill>(&c)) {
        if (!drillKindFromText(f.target, drill->kind)) {
            error = "no drill named '" + f.target + "'; the drills are:";
            for (int k = 0; k <= static_cast<int>(kLastDrillKind); ++k)
                error += " " + std::string(toString(static_cast<DrillKind>(k)));
            return std::nullopt;
        }
        drill->subject = std::move(f.message);
        drill->amount = f.amount;
    } else if (auto *checklist = std::get_if<cmd::RunChecklist>(&c)) {
        const std::optional<ChecklistKind> which = checklistKindFromText(f.target);
        if (!which) {
            error = "no checklist named '" + f.target + "' (premarket or eod)";
            return std::nullopt;
        }
        checklist->kind = *which;
    }
    return c;
}

CommandFields fieldsOf(const Command &command)
{
    CommandFields f;
    f.reason = originOf(command).reason;
    if (const auto *resume = std::get_if<cmd::Resume>(&command)) {
        f.acknowledgement = resume->acknowledgement;
        if (resume->signOff == SignOffGate::Overridden)
            f.message = std::string(kOverrideSignOff);
    } else if (const auto *open = std::get_if<cmd::OpenIncident>(&command)) {
        f.amount = alertLevel(open->severity);
    } else if (const auto *update = std::get_if<cmd::UpdateIncident>(&command)) {
        f.target = std::to_string(update->incident);
        f.message = std::string(toString(update->field));
    } else if (const auto *signOff = std::get_if<cmd::SignOffIncident>(&command)) {
        f.target = std::to_string(signOff->incident);
    } else if (const auto *enter = std::get_if<cmd::MaintenanceEnter>(&command)) {
        f.message = enter->banner;
    } else if (const auto *flatten = std::get_if<cmd::Flatten>(&command)) {
        f.scope = flatten->scope.kind;
        f.target = flatten->scope.target;
    } else if (const auto *enable = std::get_if<cmd::EnableStrategy>(&command)) {
        f.target = enable->strategy;
    } else if (const auto *cancel = std::get_if<cmd::CancelOrders>(&command)) {
        f.target = cancel->strategy;
    } else if (const auto *ack = std::get_if<cmd::AcknowledgeAlert>(&command)) {
        f.target = std::to_string(ack->alert);
    } else if (const auto *raised = std::get_if<cmd::RecordAlert>(&command)) {
        f.message = raised->message;
    } else if (const auto *resolve = std::get_if<cmd::Resolve>(&command)) {
        f.target = resolve->differenceKey;
        f.message = std::string(toString(resolve->resolution));
    } else if (const auto *unblock = std::get_if<cmd::Unblock>(&command)) {
        f.target = unblock->symbol;
    } else if (const auto *drill = std::get_if<cmd::Drill>(&command)) {
        f.target = std::string(toString(drill->kind));
        f.message = drill->subject;
        f.amount = drill->amount;
    } else if (const auto *checklist = std::get_if<cmd::RunChecklist>(&command)) {
        f.target = std::string(toString(checklist->kind));
    }
    return f;
}

std::string_view toString(Resolution resolution)
{
    for (const auto &[r, name] : kResolutionNames)
        if (r == resolution)
            return name;
    return "?";
}

std::optional<Resolution> resolutionFromText(std::string_view text)
{
    for (const auto &[r, name] : kResolutionNames)
        if (name == text)
            return r;
    return std::nullopt;
}

bool tightens(TradingState from, TradingState to) { return strictness(to) > strictness(from); }

bool isBlank(std::string_view text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

bool needsAcknowledgement(CommandKind kind, TradingState from)
{
    return kind == CommandKind::Resume && (from == TradingState::Halted || from == TradingState::Killed);
}

TransitionRule transitionFor(CommandKind kind, TradingState from, TradingState maintenanceReturn)
{
    const std::string current(toString(from));
    switch (kind) {
    case CommandKind::Status:
    case CommandKind::Flatten:
    case CommandKind::EnableStrategy:
    case CommandKind::CancelOrders:
    case CommandKind::AcknowledgeAlert:
    case CommandKind::RecordAlert:
    case CommandKind::OpenIncident:
    case CommandKind::UpdateIncident:
    case CommandKind::SignOffIncident:
    case CommandKind::Reconcile:
    case CommandKind::RecordReconciliation:
    case CommandKind::Resolve:
    case CommandKind::Unblock:
    case CommandKind::Drill:
    case CommandKind::RunChecklist:
    case CommandKind::RecordChecklist: return allow(from);
    case CommandKind::Pause:
        if (from == TradingState::Active || from == TradingState::Paused)
            return allow(TradingState::Paused);
        return refuse(engineTr("Controls", "trading is %1; pausing would loosen it").arg(current));
    case CommandKind::Halt:
        if (from == TradingState::Killed)
            return refuse(engineTr("Controls", "the kill switch is latched; resume with an acknowledgement first"));
        return allow(TradingState::Halted);
    case CommandKind::Kill: return allow(TradingState::Killed);
    case CommandKind::Resume:
        if (from == TradingState::Maintenance)
            return refuse(engineTr("Controls", "trading is in MAINTENANCE; exit maintenance instead"));
        return allow(TradingState::Active);
    case CommandKind::MaintenanceEnter:
        if (from == TradingState::Killed)
            return refuse(engineTr("Controls", "the kill switch is latched; resume with an acknowledgement first"));
        return allow(TradingState::Maintenance);
    case CommandKind::MaintenanceExit:
        if (from != TradingState::Maintenance)
            return refuse(engineTr("Controls", "trading is %1, not in maintenance").arg(current));
        return allow(maintenanceReturn == TradingState::Maintenance ? TradingState::Paused : maintenanceReturn);
    }
    return refuse(engineTr("Controls", "unknown command"));
}

TransitionRule judge(const Command &command, TradingState from, TradingState maintenanceReturn)
{
    const CommandKind kind = kindOf(command);
    // Blanks are no reason: the audit trail would record that someone acted, not why.
    if (kind != CommandKind::Status && isBlank(originOf(command).reason))
        return refuse(engineTr("Controls", "a reason is required (blanks are not a reason)"));
    TransitionRule rule = transitionFor(kind, from, maintenanceReturn);
    if (!rule.allowed)
        return rule;
    if (const auto *resume = std::get_if<cmd::Resume>(&command);
        resume && needsAcknowledgement(kind, from) && isBlank(resume->acknowledgement))
        return refuse(
            engineTr("Controls", "trading is %1; resuming needs an acknowledgement of the cause").arg(toString(from)));
    if (const auto *update = std::get_if<cmd::UpdateIncident>(&command);
        update && originOf(command).reason.size() > kIncidentTextMax)
        return refuse(engineTr("Controls", "an incident's text is at most %1 bytes; this one has %2")
                          .arg(std::to_string(kIncidentTextMax), std::to_string(originOf(command).reason.size())));
    if (const auto *enter = std::get_if<cmd::MaintenanceEnter>(&command); enter && isBlank(enter->banner))
        return refuse(engineTr("Controls", "maintenance needs a message for the banner"));
    return rule;
}

} // namespace vigil
