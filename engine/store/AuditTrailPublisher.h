#pragma once
// Publishes the newest audit records (AuditTrail.h). The store thread, which writes the
// audit chain (JournalWriter), stages each record it writes, keeps the staged records once
// their transaction commits (drops them if it rolls back), and publishes an immutable copy
// of the newest ones at a bounded rate.
//
// Thread affinity: latest() from any thread; everything else on the store thread.

#include "api/AuditTrail.h"

#include <QByteArray>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace vigil {

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
