#pragma once
// The reconciliation's bookkeeping on the engine's side: the last complete run's
// differences with what operators decided about them, this session's runs, the symbols an
// operator let through despite a difference, and the executions reconciliations booked.
//
// Calling contract (after Mixxx's EngineControl: a helper the engine owns and calls, never
// the other way round). Engine thread only; single-threaded, no locks, nothing journaled
// here: EngineCore journals and alerts, then tells the tracker.
// - restore() once, before the first message, from the journal's recovery;
// - takeRun() for every run's result, after it is journaled; its answer is what to alert;
// - find() and decide() for an operator's resolution, unblock() for an override;
// - blocks() whenever positions or decisions changed, to set the risk gate's blocks;
// - view() for each snapshot: rebuilt only after something changed.

#include "api/Reconciliation.h"
#include "store/JournalRecovery.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace vigil {

class ReconciliationTracker {
public:
    using Status = ReconciliationDifferenceRow::Status;
    struct Tracked {
        Difference difference;
        Status status = Status::Open;
        std::string resolution; ///< who decided what, and their note
    };
    /// For each traded symbol: whether new entries are blocked, and the position the broker
    /// holds (the books' own where they agree).
    struct Blocks {
        std::vector<bool> blocked;
        std::vector<Quantity> atBroker;
    };

    /// Today's runs and the last complete run's differences with what operators decided
    /// since: an accepted difference stays accepted, an unblocked symbol unblocked.
    void restore(const Recovery &recovery, const SessionWindow &session);
    /// Keeps a run (`row` without its number) and, when it is complete, its differences: a
    /// decision stays with a difference that has not changed. Returns the descriptions of
    /// the differences that are new or changed.
    std::vector<std::string> takeRun(const ReconciliationResult &result, ReconciliationRunRow row);

    /// The difference with `key` in the last complete run; null if none.
    Tracked *find(const std::string &key);
    /// Records an operator's decision about `tracked` (one of this tracker's).
    void decide(Tracked &tracked, Status status, std::string resolution);
    /// Lets new entries in `symbol` through despite its differences, until a run finds another.
    void unblock(const std::string &symbol);

    /// Whether a reconciliation booked the execution `id` this session.
    bool booked(std::uint64_t id) const { return m_executions.count(id) > 0; }
    void noteBooked(std::uint64_t id) { m_executions.insert(id); }
    template<typename It> void noteBooked(It first, It last) { m_executions.insert(first, last); }

    /// The blocks for `symbols`, whose positions in the books are `positions`.
    Blocks blocks(const std::vector<std::string> &symbols, std::vector<Quantity> positions) const;
    /// What snapshots show, rebuilt only when stale(): then `blocked` (the symbols the risk
    /// gate blocks now) goes in it.
    std::shared_ptr<const ReconciliationView> view(std::vector<std::string> blocked);
    bool stale() const { return !m_view; }
    /// Forgets the view: the blocks changed.
    void changed() { m_view.reset(); }

    const std::deque<ReconciliationRunRow> &runs() const { return m_runs; }
    /// Differences still open or being resolved.
    std::size_t unresolved() const;

private:
    std::vector<Tracked> m_differences;
    std::deque<ReconciliationRunRow> m_runs;
    std::uint64_t m_runCount = 0;
    std::set<std::string> m_unblocked;
    std::unordered_set<std::uint64_t> m_executions;
    std::shared_ptr<const ReconciliationView> m_view; ///< null: stale
};

} // namespace vigil
