#pragma once
// The Alpaca ids of the closing orders a close-all made for Vigil this run: Alpaca's own
// orders, under client order ids of its own, whose fills the books hold all the same (shared
// out among the books' closing orders). The broker's statement must not read them as trades
// placed outside Vigil, which explain position differences.
//
// Threads: any (a mutex). The trading thread adds; the reconciliation's reader asks.

#include <mutex>
#include <string>
#include <unordered_set>

namespace vigil::alpaca {

class ClosingOrders {
public:
    void add(const std::string &alpacaId)
    {
        std::lock_guard lock(m_mutex);
        m_ids.insert(alpacaId);
    }
    bool contains(const std::string &alpacaId) const
    {
        std::lock_guard lock(m_mutex);
        return m_ids.count(alpacaId) != 0;
    }

private:
    mutable std::mutex m_mutex;
    std::unordered_set<std::string> m_ids;
};

} // namespace vigil::alpaca
