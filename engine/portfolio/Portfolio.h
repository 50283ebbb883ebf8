#pragma once
// Positions, average cost, realized and unrealized P&L, equity, high-water mark, drawdown
// and exposure, per symbol and per strategy. Engine thread only; every update is O(1).
//
// Accounting: each book keeps its signed quantity and the signed cost of the open
// quantity (qty * average price). A fill that reduces a position removes the closed
// share of that cost, rounded half away from zero to 1/10000 $; the last share of a
// position removes exactly what is left, so a round trip's realized P&L is exactly
// proceeds - cost - fees. A fill that crosses zero closes the position and opens the
// remainder on the other side at the fill price. Fees are charged to realized P&L.
//
// Across days: equity = base + realized + unrealized, where the base is what the account
// holds at cost (cash plus the cost of the open positions) at the start of the day, and
// realized counts today only. The day's starting equity (for daily P&L and drawdown) is
// the previous close's equity, positions valued at their marks.

#include "api/Fixed.h"
#include "api/Types.h"

#include <cstdint>
#include <vector>

namespace vigil {

struct Book {
    Quantity qty = 0; ///< signed
    Money cost;       ///< signed cost of the open quantity
    Money realized;   ///< net of fees
    Money fees;

    Price averagePrice() const { return vigil::averagePrice(cost, qty); }
    Money unrealized(Price mark) const { return notional(mark, qty) - cost; }
    /// Applies one execution; returns the realized P&L it produced (net of `fee`).
    Money apply(Side side, Quantity qty, Price price, Money fee);
};

/// The books as a checkpoint in the journal holds them.
struct PortfolioState {
    Money base;           ///< cash plus the cost of open positions, at the start of the day
    Money startingEquity; ///< equity at the start of the day
    Money highWaterMark;  ///< today's so far (at least startingEquity)
    Money maxDrawdown;    ///< today's so far
    struct Entry {
        StrategyId strategy;
        SymbolId symbol;
        Book book;
    };
    std::vector<Entry> books; ///< per strategy; only books that are not empty
    /// Per symbol, all strategies netted (not the strategies' sum: when one strategy sells
    /// what another holds, the account realizes P&L that neither strategy does).
    std::vector<Entry> symbolBooks; ///< strategy = kAccountBook; only books that are not empty
    std::vector<Price> marks;       ///< by symbol (zero: none known)
};

class Portfolio {
public:
    Portfolio(std::size_t symbolCount, std::size_t strategyCount, Money startingEquity);

    /// Replaces everything with `state` (strategy books, the account's books per symbol, marks).
    void restore(const PortfolioState &state);
    /// What a checkpoint records.
    PortfolioState state() const;
    /// A new trading day: open positions carry over at their cost, today's realized P&L and
    /// fees start at zero, and the day starts from the current equity.
    void startNewDay();

    /// A fill for `strategy`. Updates that strategy's book, the symbol's total book and
    /// every aggregate.
    void applyFill(StrategyId strategy, SymbolId symbol, Side side, Quantity qty, Price price, Money fee);
    /// A new mark (mid) for a symbol; moves unrealized P&L, equity and exposure.
    void mark(SymbolId symbol, Price price);

    const Book &book(SymbolId symbol) const { return m_symbolBooks[symbol]; }
    const Book &book(StrategyId strategy, SymbolId symbol) const { return m_strategyBooks[index(strategy, symbol)]; }
    Price markPrice(SymbolId symbol) const { return m_marks[symbol]; }
    Quantity position(SymbolId symbol) const { return m_symbolBooks[symbol].qty; }
    Quantity position(StrategyId strategy, SymbolId symbol) const { return book(strategy, symbol).qty; }

    Money startingEquity() const { return m_startingEquity; }
    Money base() const { return m_base; }
    Money realized() const { return m_realized; }
    Money unrealized() const { return m_unrealized; }
    Money fees() const { return m_fees; }
    Money equity() const { return m_base + m_realized + m_unrealized; }
    Money highWaterMark() const { return m_highWaterMark; }
    Money drawdown() const { return m_highWaterMark - equity(); }
    Money maxDrawdown() const { return m_maxDrawdown; }
    Money grossExposure() const { return m_gross; }
    Money netExposure() const { return m_net; }
    /// Sum over symbols of |qty| * mark: the gross exposure if `symbol` held `newQty`.
    Money grossExposureWith(SymbolId symbol, Quantity newQty) const;

    /// Running totals over the strategy's books, kept as fills and marks arrive: the equity
    /// curve reads them at every new high-water mark.
    Money strategyRealized(StrategyId strategy) const { return m_strategyRealized[strategy]; }
    Money strategyUnrealized(StrategyId strategy) const { return m_strategyUnrealized[strategy]; }
    Quantity strategyOpenQty(StrategyId strategy) const;
    /// Sum of |qty x mark| over the strategy's own books.
    Money strategyGrossExposure(StrategyId strategy) const;

    std::size_t symbolCount() const { return m_marks.size(); }
    std::size_t strategyCount() const { return m_strategyCount; }

private:
    std::size_t index(StrategyId strategy, SymbolId symbol) const { return strategy * m_marks.size() + symbol; }
    void refreshSymbol(SymbolId symbol); ///< re-derive the symbol's share of the aggregates
    void updateWaterMark();
    /// Re-derives the unrealized P&L of strategy books in `symbol` (all of them, or only
    /// those holding a position: a flat book's unrealized P&L does not move with the mark).
    void refreshStrategyBooks(SymbolId symbol, bool onlyOpen);
    void recomputeStrategyTotals();

    std::size_t m_strategyCount;
    Money m_base;
    Money m_startingEquity;
    std::vector<Price> m_marks;
    std::vector<Book> m_symbolBooks;
    std::vector<Book> m_strategyBooks;
    std::vector<Money> m_symbolUnrealized; ///< cached share of m_unrealized
    std::vector<Money> m_symbolValue;      ///< cached qty * mark
    Money m_realized;
    Money m_unrealized;
    Money m_fees;
    Money m_gross;
    Money m_net;
    Money m_highWaterMark;
    Money m_maxDrawdown;
    std::vector<Money> m_bookUnrealized;     ///< cached unrealized P&L of each strategy book
    std::vector<Money> m_strategyRealized;   ///< sum of the strategy's books' realized P&L
    std::vector<Money> m_strategyUnrealized; ///< sum of m_bookUnrealized over the strategy's books
};

} // namespace vigil
