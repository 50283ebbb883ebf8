#pragma once
// The operator's commands and the trading state machine that judges them.
//
// The state is one atomic that the order path reads before every send. Commands that stop
// trading (pause, halt, kill, maintenance) take effect on it in the caller's thread, the
// moment they are given, so no order leaves after the click whatever the engine's backlog;
// their consequences (cancelling, flattening, the records) follow on the engine thread.
// Commands that loosen (resume, maintenance exit) change the state only on the engine
// thread, after they are recorded. The atomic the order path reads is the engine's own
// (risk/TradingGate.h). Thread safe: the rules are pure functions.

#include "risk/TradingState.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vigil {

struct ReconciliationResult;
struct ChecklistResult;

struct Command {
    enum class Kind : std::uint8_t {
        Status,           ///< changes nothing; answers with the state
        Pause,            ///< reduce-only
        Resume,           ///< back to ACTIVE; after a halt or kill needs `acknowledgement`
        Halt,             ///< no new orders; working orders cancelled
        Kill,             ///< halt + cancel all + flatten all + strategies stopped; latched
        Flatten,          ///< cancel working orders in scope, close the scope at market
        MaintenanceEnter, ///< trading stopped with `message`
        MaintenanceExit,  ///< back to the state maintenance was entered from
        EnableStrategy,   ///< a strategy the execution throttle (or a flatten) stopped trades again
        Reconciled,       ///< a reconciliation run's result (`reconciliation`; `message`: what started it).
                          ///< From `vigil ctl` ("reconcile", no result): a request for a run
        Resolve,          ///< resolve the difference `target` (its key) the way `message` names:
                          ///< adopt, flatten, cancel or accept; `reason`: the operator's note
        Unblock,          ///< lift the reconciliation's block on new entries in symbol `target`
        Drill,            ///< paper broker / simulated feed only: drill `target` (see DrillKind) on
                          ///< `message` (a symbol or client order id; empty: the venue picks), `amount`
        Checklist,        ///< a checklist's result to record (`checklist`). From `vigil ctl` (no
                          ///< result): a request to run the checklist `target` (premarket, eod)
    };
    enum class Scope : std::uint8_t { All, Strategy, Symbol };

    Kind kind = Kind::Status;
    std::string actor;           ///< who: "alice (console)", "bob (vigil ctl)", "risk"
    std::string reason;          ///< why; required for every command that changes something
    std::string acknowledgement; ///< resume after a halt or kill: what the operator acknowledges
    std::string message;         ///< maintenance: the banner
    Scope scope = Scope::All;    ///< flatten
    std::string target;          ///< flatten: the strategy or symbol; enable: the strategy
    int amount = 0;              ///< drill: seconds or orders (0: the drill's default)
    std::shared_ptr<const ReconciliationResult> reconciliation; ///< Reconciled
    std::shared_ptr<const ChecklistResult> checklist;           ///< Checklist
};

std::string_view toString(Command::Kind kind);
/// The command named by `text` ("pause", "maintenance-enter" ...), if any.
std::optional<Command::Kind> commandKindFromText(std::string_view text);

struct CommandResult {
    bool ok = false;
    std::string message;                   ///< what happened, or why not, for the operator
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

/// The state machine. `maintenanceReturn` is the state maintenance was entered from.
/// Status, Flatten and EnableStrategy leave the state as it is (flatten all pauses an
/// ACTIVE engine; EngineCore does that as part of the flatten).
TransitionRule judge(const Command &command, TradingState from, TradingState maintenanceReturn);

/// Nothing but white space (or nothing): no reason, acknowledgement or banner.
bool isBlank(std::string_view text);

/// Whether a transition makes trading stricter (applied at once, in the caller's thread).
bool tightens(TradingState from, TradingState to);

} // namespace vigil
