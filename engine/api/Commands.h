#pragma once
// The operator's commands, one type per intent, the engine's answer, and the rules that
// judge them against the trading state.
//
// A command is a value of the variant `Command`; every alternative carries who gives it and
// why (its Origin). Text becomes a command only at the edges (`vigil ctl`'s request, the
// console's strip), where a bad value is refused by name; the engine sees typed values.
// The rules are here, once: the engine applies them, the console asks them (does this
// command need an acknowledgement, would it be refused). Thread safe: plain values and
// pure functions.

#include "api/AlertSeverity.h"
#include "api/ChecklistTypes.h"
#include "api/FlattenScope.h"
#include "api/Incident.h"
#include "api/Resolution.h"
#include "api/TradingState.h"
#include "api/Types.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace vigil {

struct ReconciliationResult;
struct ChecklistResult;

/// Who gives a command and why; every command that changes something needs a reason.
struct Origin {
    std::string actor;  ///< "alice (console)", "bob (vigil ctl)", "risk"
    std::string reason; ///< why (a resolution's note)
};

/// Whether a resume respects the rule that a level-3 incident is signed off first.
enum class SignOffGate : std::uint8_t {
    Required,   ///< refused while a level-3 incident is open
    Overridden, ///< resumes anyway; audited as an override of the named incidents
};

namespace cmd {
/// Changes nothing; answers with the state.
struct Status : Origin {};
/// Reduce-only.
struct Pause : Origin {};
/// Back to ACTIVE; after a halt or kill only with what the operator acknowledges, and after a
/// level-3 incident only once it is signed off (or over an override).
struct Resume : Origin {
    std::string acknowledgement;
    SignOffGate signOff = SignOffGate::Required;
};
/// No new orders; working orders cancelled.
struct Halt : Origin {};
/// Halt + cancel all + flatten all + strategies stopped; latched until a resume.
struct Kill : Origin {};
/// Cancel the working orders in scope, close the scope at market.
struct Flatten : Origin {
    FlattenScope scope;
};
/// Trading stopped, with a banner.
struct MaintenanceEnter : Origin {
    std::string banner;
};
/// Back to the state maintenance was entered from.
struct MaintenanceExit : Origin {};
/// A strategy the execution throttle (or a flatten, or a kill) stopped trades again.
struct EnableStrategy : Origin {
    std::string strategy; ///< its key or code
};
/// A request for a reconciliation run (the comparison runs off the engine thread).
struct Reconcile : Origin {};
/// A reconciliation run's result, to record.
struct RecordReconciliation : Origin {
    std::shared_ptr<const ReconciliationResult> result;
    std::string startedBy; ///< what started the run ("periodic", "start-up"; empty: on demand)
};
/// Settle the difference `differenceKey` the way `resolution` says; the reason is the note.
struct Resolve : Origin {
    std::string differenceKey; ///< "position AAPL", "order VG-..."
    Resolution resolution = Resolution::Accept;
};
/// Lift the reconciliation's block on new entries in `symbol`.
struct Unblock : Origin {
    std::string symbol;
};
/// Paper broker / simulated feed only: a rehearsal of a fault.
struct Drill : Origin {
    DrillKind kind = DrillKind::BrokerManualClose;
    std::string subject; ///< a symbol or client order id; empty: the venue picks
    int amount = 0;      ///< seconds or orders (0: the drill's default)
};
/// A request to run a checklist.
struct RunChecklist : Origin {
    ChecklistKind kind = ChecklistKind::PreMarket;
};
/// A checklist's result, to record.
struct RecordChecklist : Origin {
    std::shared_ptr<const ChecklistResult> result;
};
/// Cancel one strategy's working orders; its positions stay and it may go on trading (a
/// lost bot's onLost = "cancel").
struct CancelOrders : Origin {
    std::string strategy; ///< its key
};
/// The operator has seen alert `alert` (its id): it stops escalating. The reason is why it
/// needs nothing more, or what is being done.
struct AcknowledgeAlert : Origin {
    std::uint64_t alert = 0;
};
/// An alert from outside the engine thread (the alert delivery's trouble with a channel),
/// raised as the engine's own: shown, journaled, and routed like any other.
struct RecordAlert : Origin {
    AlertSeverity severity = AlertSeverity::Warning;
    std::string source;
    std::string message;
};
/// Opens an incident by hand (cause "operator"); the reason is its title.
struct OpenIncident : Origin {
    AlertSeverity severity = AlertSeverity::Warning; ///< Warning (level 2) or Critical (level 3)
};
/// Sets one field of incident `incident`'s analysis, or adds a note to its timeline; the
/// reason is the text (at most kIncidentTextMax bytes).
struct UpdateIncident : Origin {
    std::uint64_t incident = 0;
    IncidentField field = IncidentField::Note; ///< isOperatorField() only
};
/// Signs incident `incident` off: it is closed, and no longer holds a resume; the reason is
/// the sign-off's note and the actor who signs.
struct SignOffIncident : Origin {
    std::uint64_t incident = 0;
};
} // namespace cmd

/// The alternatives in the order of CommandKind.
using Command =
    std::variant<cmd::Status, cmd::Pause, cmd::Resume, cmd::Halt, cmd::Kill, cmd::Flatten, cmd::MaintenanceEnter,
                 cmd::MaintenanceExit, cmd::EnableStrategy, cmd::Reconcile, cmd::RecordReconciliation, cmd::Resolve,
                 cmd::Unblock, cmd::Drill, cmd::RunChecklist, cmd::RecordChecklist, cmd::CancelOrders,
                 cmd::AcknowledgeAlert, cmd::RecordAlert, cmd::OpenIncident, cmd::UpdateIncident, cmd::SignOffIncident>;

/// Which command, for tables, names and the console's buttons.
enum class CommandKind : std::uint8_t {
    Status,
    Pause,
    Resume,
    Halt,
    Kill,
    Flatten,
    MaintenanceEnter,
    MaintenanceExit,
    EnableStrategy,
    Reconcile,
    RecordReconciliation,
    Resolve,
    Unblock,
    Drill,
    RunChecklist,
    RecordChecklist,
    CancelOrders,
    AcknowledgeAlert,
    RecordAlert,
    OpenIncident,
    UpdateIncident,
    SignOffIncident,
};
inline CommandKind kindOf(const Command &command) { return static_cast<CommandKind>(command.index()); }
/// A command of `kind` with nothing filled in.
Command commandOf(CommandKind kind);
/// Its name in `vigil ctl` and the audit trail ("pause", "maintenance-enter"; a request and a
/// result to record share theirs: "reconcile", "checklist").
std::string_view toString(CommandKind kind);
/// The command named by `text`, if any (a request where a request and a result share the name).
std::optional<CommandKind> commandKindFromText(std::string_view text);

/// A command as text, the way `vigil ctl` carries it over its socket: what each field means
/// depends on the command (see fieldsOf()).
struct CommandFields {
    std::string reason;
    std::string acknowledgement; ///< resume
    std::string message;         ///< maintenance: the banner; resolve: how; drill: its subject; resume:
                                 ///< "override-sign-off" (SignOffGate::Overridden); incident-set: the field
    std::string target;          ///< flatten, enable, cancel-orders: the strategy or symbol; resolve: the key;
                                 ///< unblock: the symbol; drill: its name; checklist: its kind; ack: the alert id;
                                 ///< incident-set, incident-sign-off: the incident's id
    int amount = 0;              ///< drill; incident-open: the level (2 or 3)
    FlattenScope::Kind scope = FlattenScope::Kind::All;
};
/// The command of `kind` the fields describe, or nothing with `error` naming the bad value
/// (a drill, resolution or checklist no name matches). A request, where a request and a
/// result share a name.
std::optional<Command> commandFromFields(CommandKind kind, CommandFields fields, std::string &error);
/// The fields of a command (a result's payload has none).
CommandFields fieldsOf(const Command &command);

inline const Origin &originOf(const Command &command)
{
    return std::visit([](const auto &c) -> const Origin & { return c; }, command);
}
inline Origin &originOf(Command &command)
{
    return std::visit([](auto &c) -> Origin & { return c; }, command);
}

struct CommandResult {
    bool ok = false;
    std::string message;                       ///< what happened, or why not, for the operator
    TradingState state = TradingState::Active; ///< the state after the command
    /// Snapshots up to this version were made before the command ran; every later one
    /// shows what it did (0 when the engine thread did not run it).
    std::uint64_t snapshotVersion = 0;
    /// The journal record that ends what the command recorded: the command is on disk
    /// once the journal's durable sequence number reaches it (0: nothing recorded).
    std::uint64_t journalSeq = 0;
    /// A drill sent to the venue: its number, for Engine::drillOutcome() (0: none sent).
    std::uint32_t drill = 0;
};

/// What a command does to the state, judged against the current one.
struct TransitionRule {
    bool allowed = false;
    TradingState to = TradingState::Active;
    std::string refusal; ///< why not, when refused
};

/// The state machine for a command of `kind`, before its texts are looked at: whether it
/// may run from `from` and where it leads. `maintenanceReturn` is the state maintenance was
/// entered from. Status, Flatten, EnableStrategy and the reconciliation's, drills' and
/// checklists' commands leave the state as it is (flatten all pauses an ACTIVE engine; the
/// engine does that as part of the flatten).
TransitionRule transitionFor(CommandKind kind, TradingState from, TradingState maintenanceReturn);
/// Whether a command of `kind` from `from` needs an acknowledgement of the cause.
bool needsAcknowledgement(CommandKind kind, TradingState from);
/// The whole rule: the state machine, the reason every change needs, the acknowledgement
/// and the maintenance banner.
TransitionRule judge(const Command &command, TradingState from, TradingState maintenanceReturn);

/// Nothing but white space (or nothing): no reason, acknowledgement or banner.
bool isBlank(std::string_view text);

/// Whether a transition makes trading stricter (applied at once, in the caller's thread).
bool tightens(TradingState from, TradingState to);

} // namespace vigil
