#pragma once
// The pre-market and end-of-day checklists: every item pass, warn or fail with what was
// measured and the threshold it was held to. Judging is a pure function of the facts
// (gathered by ChecklistFacts.h from a snapshot, the data directory and the journal), so
// every verdict can be tested on constructed states. Thread safe (plain values).

#include "api/ChecklistTypes.h"
#include "api/Config.h"
#include "api/Fixed.h"
#include "api/Time.h"
#include "api/TradingState.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct CheckItem {
    std::string id;    ///< stable key: "feed", "disk", ...
    std::string title; ///< as the operator reads it
    CheckStatus status = CheckStatus::Fail;
    std::string measured;  ///< "7.9 % free"
    std::string threshold; ///< "> 10 % free (warn below 15 %)"
    std::string detail;    ///< what to do, or what was found
};

struct ChecklistResult {
    ChecklistKind kind = ChecklistKind::PreMarket;
    std::string sessionDate;
    SimTime at = 0;          ///< engine time of the run (0 when no engine ran it)
    std::int64_t wallNs = 0; ///< UTC
    std::string startedBy;   ///< "schedule", "console", "vigil check"
    std::string actor;
    std::vector<CheckItem> items;

    int count(CheckStatus status) const;
    bool failed() const { return count(CheckStatus::Fail) > 0; }
    CheckStatus worst() const;
    /// "12 items: 10 pass, 1 warn, 1 fail (disk)".
    std::string summary() const;
};

/// A position held into the day, for the overnight-gap item.
struct HeldPosition {
    std::string symbol;
    std::int64_t qty = 0;
    Price previousClose; ///< the mark at the previous session's close (zero: unknown)
    Price now;           ///< the latest mark (zero: none yet)
};

/// An intraday strategy's open position, for the end-of-day item.
struct OpenIntraday {
    std::string strategy;
    std::string symbol;
    std::int64_t qty = 0;
};

struct StrategyAge {
    std::string key;
    bool enabled = true;
    std::optional<Date> deployed;
};

/// Everything the checklists look at. Unknown facts stay unknown (and fail their item): a
/// check that could not look never passes.
struct ChecklistFacts {
    Date today;
    std::string dataDir;

    // The engine (from its latest snapshot).
    bool engineRunning = false;
    std::string engineProblem; ///< why it is not, for the operator
    struct Component {
        std::string name;
        bool up = false;
        std::int64_t ageMs = -1; ///< since its last heartbeat (-1: never)
    };
    std::vector<Component> components;
    bool sessionOpen = false; ///< the market is open (heartbeats only count then)
    bool feedUp = false;
    std::int64_t feedAgeMs = -1; ///< since the last market data (-1: none yet)

    // The data volume.
    std::int64_t diskFreeBytes = -1; ///< -1: unknown
    std::int64_t diskTotalBytes = -1;

    // Alerts since the previous session's close (from the journal).
    bool errorsKnown = false;
    int criticalSinceLastSession = 0;
    int warningsSinceLastSession = 0;
    std::string lastSession; ///< the previous session's date, empty for a first day

    // The broker's account.
    bool accountKnown = false;
    bool accountActive = false;
    bool tradingBlocked = false;
    bool patternDayTrader = false;
    std::optional<Money> buyingPower; ///< what the broker says it is (a real broker's account)
    std::optional<Money> cash;        ///< the account's cash (the paper broker's file has only that)

    // Risk and the trading state.
    int limitsInForce = 0;     ///< limits the engine enforces
    int killTriggersArmed = 0; ///< automatic kill triggers with a nonzero threshold
    TradingState state = TradingState::Active;
    std::string stateActor;
    std::string stateReason;

    std::vector<HeldPosition> held;
    std::vector<StrategyAge> strategies;

    // Backups.
    bool backupsKnown = false;
    int verifiedBackups = 0;
    int badBackups = 0;
    std::int64_t newestVerifiedAgeMs = -1;
    std::string newestVerifiedName;
    bool newestVerifiedIsDaily = false;
    bool newestVerifiedHasLogs = false;

    // The end of day.
    bool sessionClosed = false;
    bool positionsKnown = false; ///< openIntraday was read
    std::vector<OpenIntraday> openIntraday;
    std::string reportPath;
    std::int64_t reportBytes = -1; ///< -1: no report file
    bool reconciled = false;       ///< a run after the close (or the last one, offline)
    bool reconciliationComplete = false;
    int reconciliationDifferences = 0;
    std::string reconciliationSummary;
};

/// Judges every item of the checklist `kind`.
ChecklistResult runChecklist(ChecklistKind kind, const ChecklistFacts &facts, const ChecklistConfig &thresholds);

} // namespace vigil
