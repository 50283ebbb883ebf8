#pragma once
// Reads what a restart needs from the journal: the books, today's orders, the equity curve
// and where the journal stopped. History is read lazily: the books start from the latest
// checkpoint before today (the previous close) or today's opening one, and only the fills
// after it are replayed, so start-up does not grow with months of fills.
//
// The replay is also a check: wherever today's journal holds a later checkpoint, the books
// rebuilt from the fills must equal it, or the journal is not trusted and nothing starts.
//
// Any thread (opens its own read-only connection); changes nothing.

#include "api/AlertSeverity.h"
#include "api/Snapshot.h"
#include "api/TradingState.h"
#include "oms/Order.h"
#include "portfolio/Portfolio.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

struct RecoveryInput {
    std::vector<std::string> symbols;    ///< by SymbolId
    std::vector<std::string> strategies; ///< by StrategyId
    std::string sessionDate;             ///< YYYY-MM-DD
    SimTime dayStart = 0;                ///< the session day's bounds, for the equity curve
    SimTime dayEnd = 0;
    Money startingCash; ///< the account's cash when no session was ever recorded
    /// "HH:MM:SS" of a time, as the session shows it (the incidents' times; null: none shown).
    std::function<std::string(SimTime)> clockText;
};

struct Recovery {
    bool journalExisted = false;
    std::uint64_t lastSeq = 0; ///< the highest record number stored
    bool sessionFound = false; ///< today's session was started before
    bool sessionClosed = false;
    std::optional<std::uint64_t> seed;                  ///< today's session's seed, when recorded
    SimTime lastTime = 0;                               ///< the latest time recorded for today (0: none)
    PortfolioState portfolio;                           ///< the books as the journal's fills leave them
    std::vector<Order> orders;                          ///< today's, index = number - 1; numbers never recorded
                                                        ///< are placeholders with qty 0 and strategy kNoStrategy
    std::vector<std::pair<SimTime, Money>> equityCurve; ///< today's
    /// portfolio.marks are the journal's latest prices (see journaledMarks); the oldest of
    /// them behind an open position was recorded at this time (0: no open position priced).
    SimTime marksAt = 0;
    /// An alert as raised, or (`acknowledgement`) an operator's acknowledgement of the alert
    /// `seq` by `source` (the actor) with `message` (what the command answered).
    struct Alert {
        std::uint64_t seq = 0; ///< the journal's: the alert's id
        SimTime at = 0;
        AlertSeverity severity = AlertSeverity::Warning;
        std::string source;
        std::string message;
        bool acknowledgement = false;
    };
    std::vector<Alert> alerts; ///< today's newest 200 raised, oldest first, with their acknowledgements
    /// The incidents still open (of any day) and those opened or signed off today, oldest
    /// first, with every change applied.
    IncidentList incidents;
    std::uint64_t fillsReplayed = 0;
    std::uint64_t checkpointsCompared = 0;
    std::uint64_t openOrdersOfEarlierSessions = 0;
    // The controls as last recorded.
    TradingState tradingState = TradingState::Active;
    TradingState maintenanceReturn = TradingState::Active;
    std::string stateActor;
    std::string stateReason;
    SimTime stateSince = 0;
    std::vector<StrategyId> stoppedStrategies;
    /// Each risk limit's value as the audit trail last recorded it ("risk.max_open_orders",
    /// "200"), to record what a new configuration changed.
    std::vector<std::pair<std::string, std::string>> recordedLimits;

    // Today's reconciliation, so that a restart keeps what operators decided.
    struct ReconciliationRun {
        SimTime at = 0;
        std::int64_t wallMs = 0;
        std::string startedBy;
        std::string actor;
        bool complete = false;
        int differences = 0;
        std::string summary;
    };
    std::vector<ReconciliationRun> reconciliationRuns; ///< today's newest 50, oldest first
    struct ReconciliationDifference {
        std::string key;
        std::string kind; ///< its code: "missing-at-broker", ...
        std::string symbol;
        Quantity internalQty = 0;
        Quantity brokerQty = 0;
        Price internalAvg;
        Price brokerAvg;
        std::string resolution; ///< the last resolution recorded since that run ("" none)
        std::string resolvedBy; ///< who
        std::string note;
    };
    /// The differences of today's last complete run, each with what was decided since.
    std::vector<ReconciliationDifference> reconciliationDifferences;
    std::vector<std::string> unblockedSymbols; ///< unblocked since that run
};

/// Fills `out` from the journal at `path` (a missing file is an empty journal). Returns an
/// empty string, or why the journal cannot be resumed (naming what is wrong).
QString loadRecovery(const QString &path, const RecoveryInput &input, Recovery &out);

} // namespace vigil
