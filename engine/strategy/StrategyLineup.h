#pragma once
// The strategy sources of a session in the configuration's order, and the one place that
// knows their ids, keys, codes and names. A source's id is its place in the list and the
// number of its book; the reconciliation's book comes after the last of them. Built once,
// before the engine runs; engine thread only after that.

#include "api/StrategySource.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class StrategyLineup {
public:
    /// A source that trades.
    struct Entry {
        StrategyId id = kNoStrategy;
        StrategyIdentity identity;
        StrategySource *source = nullptr;
        std::vector<bool> trades; ///< by SymbolId, as the source said when it was taken
    };

    /// `sources` in the configuration's order; a null one is configured but disabled: it keeps
    /// its id and its book (a position of an earlier day stays in the books and can be
    /// flattened), and nothing trades in it. Throws std::invalid_argument naming the source
    /// and what is wrong: a key or code taken twice or reserved, a code that is not two or
    /// three lower-case letters or digits, an empty name, more sources than ids.
    StrategyLineup(std::vector<std::unique_ptr<StrategySource>> sources, std::size_t symbolCount);
    ~StrategyLineup();
    StrategyLineup(const StrategyLineup &) = delete;
    StrategyLineup &operator=(const StrategyLineup &) = delete;

    /// The sources that trade, by id.
    const std::vector<Entry> &running() const { return m_running; }
    /// One book a configured source, then the reconciliation's.
    std::size_t bookCount() const { return m_slots + 1; }
    /// The book that holds what a reconciliation adopted beyond the sources' own positions (a
    /// position opened by hand at the broker): no source trades it; the operator keeps or
    /// flattens it. Journaled as "reconciliation".
    StrategyId reconciliationBook() const { return static_cast<StrategyId>(m_slots); }

    /// The source that trades as `id`, or null.
    const Entry *find(StrategyId id) const;
    /// The running source with this key or code, or kNoStrategy.
    StrategyId byKey(std::string_view keyOrCode) const;
    /// The running source whose client order ids carry `code`, or kNoStrategy.
    StrategyId byCode(std::string_view code) const;
    /// The key of book `id` as the journal and the console know it: the source's key,
    /// "reconciliation", "account", or "strategy-N" for a disabled source's.
    std::string key(StrategyId id) const;
    /// key() of every book, by id: what the journal's strategy column holds.
    std::vector<std::string> namesById() const;
    /// The code in the client order ids of orders in book `id`: the source's, or "op" (the
    /// operator's orders, and those of a book no source trades).
    std::string_view code(StrategyId id) const;

private:
    std::size_t m_slots = 0;
    std::vector<std::unique_ptr<StrategySource>> m_sources;
    std::vector<Entry> m_running;
};

} // namespace vigil
