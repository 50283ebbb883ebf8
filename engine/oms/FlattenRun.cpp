#include "oms/FlattenRun.h"

#include "oms/OrderManager.h"
#include "portfolio/Portfolio.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

namespace vigil {

namespace {
constexpr int kFlattenAttempts = 5;
constexpr SimTime kFlattenRetry = 1000 * kNsPerMs;
}

FlattenRun::FlattenRun(const OrderManager &orders, const Portfolio &portfolio, const SessionWindow &session,
                       Actions &actions)
    : m_orders(orders)
    , m_portfolio(portfolio)
    , m_session(session)
    , m_actions(actions)
{}

bool FlattenRun::inScope(StrategyId strategy, SymbolId symbol) const
{
    switch (m_kind) {
    case FlattenScope::Kind::All: return true;
    case FlattenScope::Kind::Strategy: return strategy == m_strategy;
    case FlattenScope::Kind::Symbol: return symbol == m_symbol;
    }
    return false;
}

FlattenStatus FlattenRun::status() const
{
    FlattenStatus s;
    s.phase = m_phase;
    s.scope = m_scopeText;
    s.detail = m_detail;
    s.outstanding = m_closing.size();
    return s;
}

std::size_t FlattenRun::cancelInScope()
{
    std::vector<OrderId> ids;
    for (const Order &o : m_orders.orders())
        if (!isTerminal(o.status) && o.status != OrderStatus::CancelPending && o.status != OrderStatus::Unknown
            && o.qty > 0 && !o.byOperator && inScope(o.strategy, o.symbol))
            ids.push_back(o.id);
    for (const OrderId id : ids)
        m_actions.cancel(id);
    return ids.size();
}

void FlattenRun::start(const FlattenScope &scope, StrategyId strategy, SymbolId symbol, std::string_view actor,
                       SimTime now, bool marketOpen)
{
    m_phase = Phase::Cancelling;
    m_kind = scope.kind;
    m_strategy = kNoStrategy;
    m_symbol = 0;
    m_actor = std::string(actor);
    m_closing.clear();
    m_attempts = 0;
    m_retryAt = 0;
    m_asked = false;
    m_askAgainAt = 0;
    m_closedSymbols.clear();
    switch (scope.kind) {
    case FlattenScope::Kind::All: m_scopeText = "all"; break;
    case FlattenScope::Kind::Strategy:
        m_strategy = strategy;
        m_scopeText = "strategy " + scope.target;
        break;
    case FlattenScope::Kind::Symbol:
        m_symbol = symbol;
        m_scopeText = "symbol " + scope.target;
        break;
    }
    const std::size_t cancelled = scope.kind == FlattenScope::Kind::All ? m_actions.cancelAll() : cancelInScope();
    m_detail = std::to_string(cancelled) + " working order(s) being cancelled";
    advance(now, marketOpen);
}

bool FlattenRun::cancelsDone(SimTime now)
{
    // Nothing of the strategies' may still be working in scope: a close sent while an order
    // can still fill could overshoot.
    std::size_t working = 0;
    std::vector<OrderId> refused; // cancels the broker refused (it was unreachable)
    for (const Order &o : m_orders.orders()) {
        if (isTerminal(o.status) || o.byOperator || o.qty == 0 || !inScope(o.strategy, o.symbol))
            continue;
        ++working;
        if (o.status != OrderStatus::CancelPending && o.status != OrderStatus::Unknown)
            refused.push_back(o.id);
    }
    if (working == 0)
        return true;
    m_phase = Phase::Cancelling;
    if (!refused.empty() && now >= m_retryAt) {
        for (const OrderId id : refused)
            m_actions.cancel(id);
        m_retryAt = now + kFlattenRetry;
    }
    m_detail = "waiting for " + std::to_string(working) + " cancel(s)";
    return false;
}

std::vector<FlattenRun::Open> FlattenRun::openInScope() const
{
    std::vector<Open> open;
    // Every book, enabled strategy or not (a disabled one may still hold yesterday's position).
    for (std::size_t strategy = 0; strategy < m_portfolio.strategyCount(); ++strategy)
        for (std::size_t i = 0; i < m_portfolio.symbolCount(); ++i) {
            const auto id = static_cast<StrategyId>(strategy);
            const auto symbol = static_cast<SymbolId>(i);
            const Quantity qty = m_portfolio.position(id, symbol);
            if (qty != 0 && inScope(id, symbol))
                open.push_back({id, symbol, qty});
        }
    return open;
}

void FlattenRun::close(const std::vector<Open> &open, SimTime now)
{
    if (open.empty()) {
        booksFlat(now);
        return;
    }
    if (m_attempts >= kFlattenAttempts) {
        m_phase = Phase::Failed;
        m_detail = std::to_string(open.size()) + " position(s) still open after " + std::to_string(kFlattenAttempts)
                   + " attempts";
        m_actions.flattenFailed("flatten " + m_scopeText + " failed: " + m_detail);
        return;
    }
    if (now < m_retryAt) {
        m_detail = std::to_string(open.size()) + " position(s) open; trying again at " + m_session.clockText(m_retryAt);
        return;
    }
    ++m_attempts;
    m_retryAt = now + kFlattenRetry; // if this attempt is refused, the next waits a second
    // Everything is closed: a broker that closes the whole account in one request does it (one
    // request however many books and symbols, under the rate limit even for a large book).
    const bool bulk = m_bulk && m_kind == FlattenScope::Kind::All;
    const CloseRoute route = bulk ? CloseRoute::InCloseAll : CloseRoute::Alone;
    for (const Open &o : open) {
        if (std::find(m_closedSymbols.begin(), m_closedSymbols.end(), o.symbol) == m_closedSymbols.end())
            m_closedSymbols.push_back(o.symbol);
        m_closing.push_back(m_actions.sendOperatorOrder(o.strategy, o.symbol, o.qty > 0 ? Side::Sell : Side::Buy,
                                                        std::llabs(o.qty), m_actor, route));
    }
    if (bulk)
        m_actions.sendCloseAll();
    m_detail = "closing " + std::to_string(open.size()) + " position(s) at market" + (bulk ? ", in one request" : "")
               + " (attempt " + std::to_string(m_attempts) + ")";
}

void FlattenRun::booksFlat(SimTime now)
{
    // A strategy's flatten is checked at the broker in the symbols it closed (the broker knows
    // the account, not the strategy); one that closed nothing has nothing to check there.
    if (!m_verify || (m_kind == FlattenScope::Kind::Strategy && m_closedSymbols.empty())) {
        confirm("confirmed by the broker's fills", now);
        return;
    }
    if (!m_asked && now >= m_askAgainAt) {
        m_asked = true;
        m_actions.askBrokerPositions();
    }
    if (m_asked)
        m_detail = "flat in the books; waiting for the broker's positions";
}

void FlattenRun::confirm(const std::string &how, SimTime now)
{
    m_phase = Phase::Flat;
    m_detail = "flat, " + how + " at " + m_session.clockText(now);
    m_actions.flattenConfirmed(m_actor, "flatten " + m_scopeText + ": " + m_detail);
    spdlog::warn("flatten {}: {}", m_scopeText, m_detail);
}

void FlattenRun::brokerReconciled(bool positionsRead, const std::string &whyNot, const std::vector<SymbolId> &differing,
                                  SimTime now)
{
    if (!active() || !m_asked)
        return;
    m_asked = false;
    if (!positionsRead) {
        // A part that does not answer is never read as flat.
        m_askAgainAt = now + kFlattenRetry;
        m_detail = "flat in the books; the broker's positions could not be read (" + whyNot + "): asking again";
        return;
    }
    std::vector<SymbolId> held;
    for (const SymbolId symbol : differing) {
        const bool inScope =
            m_kind == FlattenScope::Kind::All || (m_kind == FlattenScope::Kind::Symbol && symbol == m_symbol)
            || (m_kind == FlattenScope::Kind::Strategy
                && std::find(m_closedSymbols.begin(), m_closedSymbols.end(), symbol) != m_closedSymbols.end());
        if (inScope)
            held.push_back(symbol);
    }
    if (held.empty()) {
        confirm("confirmed by the broker's positions", now);
        return;
    }
    m_phase = Phase::Failed;
    m_detail = "the books are flat but the broker's positions differ in " + std::to_string(held.size())
               + " symbol(s) in scope (see RECONCILIATION)";
    m_actions.flattenFailed("flatten " + m_scopeText + " failed: " + m_detail);
}

void FlattenRun::advance(SimTime now, bool marketOpen)
{
    if (!active())
        return;
    if (!marketOpen || now >= m_session.close) {
        m_phase = Phase::Failed;
        m_detail = "the market closed before the books were flat";
        m_actions.flattenFailed("flatten " + m_scopeText + " failed: " + m_detail);
        return;
    }
    if (!cancelsDone(now))
        return;
    // The closing orders of the current attempt must be done.
    m_phase = Phase::Closing;
    std::erase_if(m_closing, [this](OrderId id) {
        const Order *o = m_orders.find(id);
        return !o || isTerminal(o->status);
    });
    if (!m_closing.empty()) {
        m_detail = "waiting for " + std::to_string(m_closing.size()) + " closing order(s)";
        return;
    }
    // Flat in the books that the broker's fills built? Then it is confirmed.
    close(openInScope(), now);
}

} // namespace vigil
