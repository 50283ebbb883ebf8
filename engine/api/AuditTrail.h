#pragma once
// The newest audit records, as the console shows them: the store thread publishes an
// immutable copy of them at a bounded rate (store/AuditTrailPublisher.h), which any thread
// reads without waiting. Thread safe (plain values, never modified after publication).
//
// The records that cover a transaction's orders and fills (one per commit, hundreds a
// minute at full speed) are kept apart from the rest, so that they never push an operator's
// action, a state change or an alert out of the window.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

/// How many of the newest records of each kind the trail keeps.
constexpr std::size_t kAuditTrailRecords = 1000;     ///< operators' actions, states, alerts, limits ...
constexpr std::size_t kAuditTrailTradeRecords = 200; ///< the records covering orders and fills

/// One audit record, as committed to the journal.
struct AuditRow {
    std::int64_t id = 0;       ///< its number in the chain: 1, 2, 3 ...
    std::int64_t at = 0;       ///< engine time, ns since the epoch (simulated in the simulator)
    std::int64_t wallAtMs = 0; ///< wall time, ms since the epoch
    std::string actor;
    std::string action;
    std::string detail;
    std::string hash;          ///< the record's SHA-256, lower-case hex
    bool coversTrades = false; ///< it covers a transaction's order events and fills
    bool operator==(const AuditRow &) const = default;
};

/// What a reader sees: the newest records, oldest first.
struct AuditTrail {
    std::uint64_t version = 0; ///< increases with every publication
    std::int64_t lastId = 0;   ///< the chain's end: the number of records in the journal
    std::vector<AuditRow> rows;
};

} // namespace vigil
