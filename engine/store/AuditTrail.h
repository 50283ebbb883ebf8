#pragma once
// The newest audit records, as the console shows them. The store thread, which writes the
// audit chain (JournalWriter), stages each record it writes, keeps the staged records once
// their transaction commits (drops them if it rolls back), and publishes an immutable copy
// of the newest ones at a bounded rate. Any thread reads the latest copy without waiting.
//
// The records that cover a transaction's orders and fills (one per commit, hundreds a
// minute at full speed) are kept apart from the rest, so that they never push an operator's
// action, a state change or an alert out of the window.
//
// Thread affinity: latest() from any thread; everything else on the store thread.

#include <QByteArray>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace vigil {

/// How many of the newest records of each kind the trail keeps.
constexpr std::size_t kAuditTrailRecords = 1000;      ///< operators' actions, states, alerts, limits ...
constexpr std::size_t kAuditTrailTradeRecords = 200;  ///< the records covering orders and fills

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

class AuditTrailPublisher {
public:
    AuditTrailPublisher();

    /// The records already in the journal when it opened (any order); publishes them.
    void load(std::vector<AuditRow> rows);
    /// A record written in the transaction under way.
    void stage(AuditRow row);
    /// The transaction rolled back: its records never happened.
    void discardStaged();
    /// The transaction committed. Publishes when the last publication is at least
    /// `minIntervalNs` old; otherwise the records wait for publishPending().
    void commitStaged(std::int64_t wallNowNs, std::int64_t minIntervalNs = 100'000'000);
    /// Publishes what committed since the last publication (the store thread calls it
    /// before it sleeps, so an idle journal shows its last record at once).
    void publishPending(std::int64_t wallNowNs);

    /// Thread safe, never blocks; never null.
    std::shared_ptr<const AuditTrail> latest() const { return m_latest.load(std::memory_order_acquire); }

    /// Lower-case hex of a hash (for AuditRow::hash).
    static std::string hex(const QByteArray &hash);

private:
    void keep(AuditRow row);
    void publish(std::int64_t wallNowNs);

    std::deque<AuditRow> m_records; ///< oldest first, at most kAuditTrailRecords
    std::deque<AuditRow> m_trades;  ///< oldest first, at most kAuditTrailTradeRecords
    std::vector<AuditRow> m_staged;
    std::int64_t m_lastId = 0;
    bool m_pending = false;
    std::int64_t m_lastPublishNs = 0;
    std::uint64_t m_version = 0;
    std::atomic<std::shared_ptr<const AuditTrail>> m_latest;
};

} // namespace vigil
