#include "portfolio/Portfolio.h"

#include <algorithm>
#include <cstdlib>

namespace vigil {

namespace {
Money absolute(Money m) { return m.raw() < 0 ? -m : m; }
}

Money Book::apply(Side side, Quantity fillQty, Price price, Money fee)
{
    const Quantity signedFill = sideSign(side) * fillQty;
    Money realizedNow = -fee;
    fees += fee;

    if (qty == 0 || (qty > 0) == (signedFill > 0)) {
        // Opening or adding: cost grows by what was paid (or received, for a short).
        qty += signedFill;
        cost += notional(price, signedFill);
    } else {
        const Quantity open = std::llabs(qty);
        const Quantity closing = std::min(open, fillQty);
        const int direction = qty > 0 ? 1 : -1;
        const Money removedCost = closing == open ? cost : mulDiv(cost, closing, open);
        realizedNow += notional(price, closing * direction) - removedCost;
        cost -= removedCost;
        qty -= closing * direction;
        const Quantity remainder = fillQty - closing;
        if (remainder > 0) { // flip: the rest opens the other side at the fill price
            qty = sideSign(side) * remainder;
            cost = notional(price, qty);
        }
    }
    realized += realizedNow;
    return realizedNow;
}

Portfolio::Portfolio(std::size_t symbolCount, std::size_t strategyCount, Money startingEquity)
    : m_strategyCount(strategyCount)
    , m_base(startingEquity)
    , m_startingEquity(startingEquity)
    , m_marks(symbolCount)
    , m_symbolBooks(symbolCount)
    , m_strategyBooks(symbolCount * strategyCount)
    , m_symbolUnrealized(symbolCount)
    , m_symbolValue(symbolCount)
    , m_highWaterMark(startingEquity)
    , m_bookUnrealized(symbolCount * strategyCount)
    , m_strategyRealized(strategyCount)
    , m_strategyUnrealized(strategyCount)
{}

void Portfolio::restore(const PortfolioState &state)
{
    const std::size_t symbols = m_marks.size();
    m_base = state.base;
    m_startingEquity = state.startingEquity;
    std::fill(m_symbolBooks.begin(), m_symbolBooks.end(), Book{});
    std::fill(m_strategyBooks.begin(), m_strategyBooks.end(), Book{});
    std::fill(m_symbolUnrealized.begin(), m_symbolUnrealized.end(), Money{});
    std::fill(m_symbolValue.begin(), m_symbolValue.end(), Money{});
    m_realized = m_unrealized = m_fees = m_gross = m_net = Money{};
    for (std::size_t s = 0; s < symbols; ++s)
        m_marks[s] = s < state.marks.size() ? state.marks[s] : Price{};
    for (const PortfolioState::Entry &e : state.books)
        m_strategyBooks[index(e.strategy, e.symbol)] = e.book;
    for (const PortfolioState::Entry &e : state.symbolBooks) {
        m_symbolBooks[e.symbol] = e.book;
        m_realized += e.book.realized;
        m_fees += e.book.fees;
    }
    for (std::size_t s = 0; s < symbols; ++s)
        refreshSymbol(static_cast<SymbolId>(s));
    recomputeStrategyTotals();
    m_highWaterMark = std::max({state.highWaterMark, m_startingEquity, equity()});
    m_maxDrawdown = std::max(state.maxDrawdown, m_highWaterMark - equity());
}

PortfolioState Portfolio::state() const
{
    PortfolioState st;
    st.base = m_base;
    st.startingEquity = m_startingEquity;
    st.highWaterMark = m_highWaterMark;
    st.maxDrawdown = m_maxDrawdown;
    st.marks = m_marks;
    auto empty = [](const Book &b) { return b.qty == 0 && b.cost.isZero() && b.realized.isZero() && b.fees.isZero(); };
    for (std::size_t strategy = 0; strategy < m_strategyCount; ++strategy) {
        for (std::size_t s = 0; s < m_marks.size(); ++s) {
            const Book &b = m_strategyBooks[strategy * m_marks.size() + s];
            if (!empty(b))
                st.books.push_back({static_cast<StrategyId>(strategy), static_cast<SymbolId>(s), b});
        }
    }
    for (std::size_t s = 0; s < m_marks.size(); ++s)
        if (!empty(m_symbolBooks[s]))
            st.symbolBooks.push_back({kAccountBook, static_cast<SymbolId>(s), m_symbolBooks[s]});
    return st;
}

void Portfolio::startNewDay()
{
    PortfolioState st = state();
    st.base = m_base + m_realized; // realized P&L is cash now
    st.startingEquity = equity();
    st.highWaterMark = st.startingEquity;
    st.maxDrawdown = Money{};
    for (auto *list : {&st.books, &st.symbolBooks}) {
        for (PortfolioState::Entry &e : *list)
            e.book.realized = e.book.fees = Money{};
        std::erase_if(*list, [](const PortfolioState::Entry &e) { return e.book.qty == 0 && e.book.cost.isZero(); });
    }
    restore(st);
}

void Portfolio::applyFill(StrategyId strategy, SymbolId symbol, Side side, Quantity qty, Price price, Money fee)
{
    m_strategyRealized[strategy] += m_strategyBooks[index(strategy, symbol)].apply(side, qty, price, fee);
    m_realized += m_symbolBooks[symbol].apply(side, qty, price, fee);
    m_fees += fee;
    if (m_marks[symbol].isZero())
        m_marks[symbol] = price; // no quote seen yet: the fill is the best mark there is
    refreshSymbol(symbol);
    refreshStrategyBooks(symbol, false);
}

void Portfolio::mark(SymbolId symbol, Price price)
{
    if (m_marks[symbol] == price)
        return;
    m_marks[symbol] = price;
    if (m_symbolBooks[symbol].qty != 0)
        refreshSymbol(symbol);
    refreshStrategyBooks(symbol, true); // strategies may hold what nets to nothing in the account
}

void Portfolio::refreshStrategyBooks(SymbolId symbol, bool onlyOpen)
{
    for (std::size_t strategy = 0; strategy < m_strategyCount; ++strategy) {
        const std::size_t i = index(static_cast<StrategyId>(strategy), symbol);
        if (onlyOpen && m_strategyBooks[i].qty == 0)
            continue;
        const Money unrealized = m_strategyBooks[i].unrealized(m_marks[symbol]);
        m_strategyUnrealized[strategy] += unrealized - m_bookUnrealized[i];
        m_bookUnrealized[i] = unrealized;
    }
}

void Portfolio::recomputeStrategyTotals()
{
    for (std::size_t strategy = 0; strategy < m_strategyCount; ++strategy) {
        m_strategyRealized[strategy] = m_strategyUnrealized[strategy] = Money{};
        for (std::size_t s = 0; s < m_marks.size(); ++s) {
            const std::size_t i = index(static_cast<StrategyId>(strategy), static_cast<SymbolId>(s));
            m_bookUnrealized[i] = m_strategyBooks[i].unrealized(m_marks[s]);
            m_strategyRealized[strategy] += m_strategyBooks[i].realized;
            m_strategyUnrealized[strategy] += m_bookUnrealized[i];
        }
    }
}

void Portfolio::refreshSymbol(SymbolId symbol)
{
    const Book &b = m_symbolBooks[symbol];
    const Price mark = m_marks[symbol];
    const Money unrealized = b.unrealized(mark);
    const Money value = notional(mark, b.qty);
    m_unrealized += unrealized - m_symbolUnrealized[symbol];
    m_symbolUnrealized[symbol] = unrealized;
    m_net += value - m_symbolValue[symbol];
    m_gross += absolute(value) - absolute(m_symbolValue[symbol]);
    m_symbolValue[symbol] = value;
    updateWaterMark();
}

void Portfolio::updateWaterMark()
{
    const Money eq = equity();
    if (eq > m_highWaterMark)
        m_highWaterMark = eq;
    const Money dd = m_highWaterMark - eq;
    if (dd > m_maxDrawdown)
        m_maxDrawdown = dd;
}

Money Portfolio::grossExposureWith(SymbolId symbol, Quantity newQty) const
{
    return m_gross - absolute(m_symbolValue[symbol]) + absolute(notional(m_marks[symbol], newQty));
}

Quantity Portfolio::strategyOpenQty(StrategyId strategy) const
{
    Quantity sum = 0;
    for (std::size_t s = 0; s < m_marks.size(); ++s)
        sum += std::llabs(m_strategyBooks[strategy * m_marks.size() + s].qty);
    return sum;
}

Money Portfolio::strategyGrossExposure(StrategyId strategy) const
{
    Money sum;
    for (std::size_t s = 0; s < m_marks.size(); ++s)
        sum += notional(m_marks[s], std::llabs(m_strategyBooks[strategy * m_marks.size() + s].qty));
    return sum;
}

} // namespace vigil
