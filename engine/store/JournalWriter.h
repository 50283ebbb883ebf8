#pragma once
// The journal's writer: its own store thread, fed by the engine through a lock-free queue,
// writing SQLite (WAL, synchronous=FULL) in group commits: whatever arrived while the last
// commit was being made to disk goes into the next transaction. The engine never waits on
// the disk: append() only copies a record into the queue (or, if the queue is full, into a
// backlog the engine thread drains on later calls).
//
// Thread affinity: construct, start() and stop() on the controlling thread; append() on the
// engine thread only; durableSeq(), failed(), failure(), lastCommitWallNs() and auditTrail()
// from any thread; the commit hook runs on the store thread.

#include "api/JournalLimits.h"
#include "core/SpscQueue.h"
#include "store/AuditTrailPublisher.h"
#include "store/JournalRecord.h"

#include <QString>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vigil {

struct AuditEntry;

/// What the writer needs to turn records into rows.
struct JournalNames {
    std::vector<std::string> symbols;    ///< by SymbolId
    std::vector<std::string> strategies; ///< by StrategyId
    std::string sessionDate;             ///< YYYY-MM-DD: the session every order belongs to
    std::uint64_t seed = 0;              ///< the simulator's seed, kept with the session
};

class JournalWriter final : public JournalSink {
public:
    JournalWriter(QString path, JournalNames names, JournalLimits limits = {});
    ~JournalWriter() override;
    JournalWriter(const JournalWriter &) = delete;
    JournalWriter &operator=(const JournalWriter &) = delete;

    /// Starts the store thread, which opens and migrates the journal. Returns an empty
    /// string, or why the journal cannot be used (then no thread is left running).
    QString start();
    /// Writes everything appended so far, then closes the journal and joins the thread.
    /// Call it once the engine thread no longer appends (it takes over the backlog).
    void stop();

    /// Engine thread. Never blocks, never makes a system call: the record is queued and the
    /// store thread is woken by the next flush().
    void append(JournalRecord record) override;
    /// Engine thread. Never blocks: queues what waited for room and wakes the store thread.
    void flush() override;

    /// Every record up to this number is on stable storage.
    std::uint64_t durableSeq() const { return m_durableSeq.load(std::memory_order_acquire); }
    /// True once a write failed (disk full, I/O error): nothing more is written.
    bool failed() const override { return m_failed.load(std::memory_order_acquire); }
    QString failure() const;
    std::string failureReason() const override { return failure().toStdString(); }
    /// Wall time of the last successful commit (0 before the first).
    std::int64_t lastCommitWallNs() const override { return m_lastCommitWallNs.load(std::memory_order_relaxed); }
    std::int64_t lastAliveWallNs() const override { return m_lastAliveWallNs.load(std::memory_order_relaxed); }
    /// Before start(): records up to `seq` are already in the file (a resumed journal).
    void setDurableBase(std::uint64_t seq) { m_durableSeq.store(seq); }
    /// Called on the store thread after each commit with the new durable sequence number, and
    /// once when a write fails (with the last durable one; failed() is then true): whoever
    /// waits for a record hears that it will never be durable.
    void setCommitHook(std::function<void(std::uint64_t)> hook) { m_commitHook = std::move(hook); }
    /// Before start(): called on the store thread before each commit that holds order
    /// events or fills, to make durable what they were told by others (the paper broker's
    /// file), so that a power cut never leaves the journal holding a fill its broker has lost.
    void setBeforeCommit(std::function<void()> barrier) { m_beforeCommit = std::move(barrier); }

    /// The newest committed audit records (AuditTrail.h), published at most every 100 ms
    /// while the journal is busy and at once when it goes idle. Never null.
    std::shared_ptr<const AuditTrail> auditTrail() const { return m_auditTrail.latest(); }

    const QString &path() const { return m_path; }

private:
    struct Statements;
    void run(std::promise<QString> *opened);
    bool writeBatch(const JournalRecord *records, std::size_t count, QString &error);
    bool write(const JournalRecord &r, QString &error);
    /// Appends `entry` (numbered after the chain's end) to the audit chain; `seq` is the
    /// journal record behind it.
    bool appendAudit(const AuditEntry &entry, std::int64_t seq, QString &error);
    /// The audit record for the order events and fills of the transaction under way.
    bool auditTrades(QString &error);
    void fail(const QString &reason);
    /// Store thread: takes over the anchor file beside the journal (AuditAnchor.h) at
    /// opening, keeping one the chain does not hold as evidence.
    void adoptAnchor();
    /// Store thread: rewrites the anchor file if the committed chain has grown past it, at
    /// most every kAnchorIntervalMs unless `now`.
    void writeAnchor(bool now);

    QString m_path;
    JournalNames m_names;
    JournalLimits m_limits;
    QString m_connectionName;
    SpscQueue<JournalRecord, 1 << 14> m_queue;
    Doorbell m_bell;
    std::vector<JournalRecord> m_backlog; ///< engine thread only
    bool m_unsignalled = false;           ///< engine thread only: queued since the last wake-up
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_failed{false};
    std::atomic<std::uint64_t> m_durableSeq{0};
    std::atomic<std::int64_t> m_lastCommitWallNs{0};
    std::atomic<std::int64_t> m_lastAliveWallNs{0};
    mutable std::mutex m_failureMutex;
    QString m_failure;
    std::function<void(std::uint64_t)> m_commitHook;
    std::function<void()> m_beforeCommit;
    std::unique_ptr<Statements> m_statements; ///< store thread only
    AuditTrailPublisher m_auditTrail;         ///< written on the store thread
    // The anchor file: store thread only.
    QString m_anchorPath;
    std::int64_t m_anchoredId = 0;      ///< the record the anchor file names
    std::int64_t m_anchorWrittenNs = 0; ///< wall time of the last attempt
    bool m_anchorFailing = false;       ///< the last attempt failed (logged once)
};

} // namespace vigil
