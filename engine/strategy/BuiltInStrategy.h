#pragma once
// What the built-in strategy sources share: the symbols they trade, as the configuration
// gave them. Engine thread only (see api/StrategySource.h).

#include "api/StrategySource.h"

#include <utility>
#include <vector>

namespace vigil {

class BuiltInStrategy : public StrategySource {
public:
    bool trades(SymbolId symbol) const final { return m_trades[symbol]; }

protected:
    /// `trades`: by SymbolId, whether it trades that symbol.
    explicit BuiltInStrategy(std::vector<bool> trades)
        : m_trades(std::move(trades))
    {}
    std::size_t symbolCount() const { return m_trades.size(); }

private:
    std::vector<bool> m_trades;
};

} // namespace vigil
