#pragma once
// A flatten's run: cancel what the strategies have working in its scope, then close the
// positions in its scope at market, attempt after attempt, until the broker's fills show
// the books flat, or it fails (the close came, or five attempts left positions open). On a
// broker that keeps its own books (a real one), the books being flat is not enough: the run
// is flat only once the broker's positions say so (a reconciliation run asked for then).
//
// Calling contract (engine thread only; EngineCore owns one and drives it):
// - start() when an operator's flatten, a kill or a reconciliation's resolution begins, the
//   scope's names already resolved to ids and checked by EngineCore. It cancels at once and
//   takes its first step.
// - advance() after every execution report, and on every clock message outside a replay,
//   while active(): it moves on from what the orders and the books say now.
// - blocks() on the order path: a strategy's new order in scope is refused while active().
// - status(), scopeText() and detail() for the snapshot and the operator's answer.
// - verifyWithBroker() and closeInBulk() once, before any run; brokerReconciled() with the
//   answer to each askBrokerPositions().
// It reads the orders and the books through the references it was given, never changes
// them, and acts only through Actions (EngineCore): cancels, closing orders, the alert when
// it fails and the audit when it is flat.

#include "api/FlattenScope.h"
#include "api/Snapshot.h"
#include "api/Time.h"
#include "api/Types.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class OrderManager;
class Portfolio;

/// How a closing order goes to the broker: alone, or held for one close-all request.
enum class CloseRoute : std::uint8_t { Alone, InCloseAll };

class FlattenRun {
public:
    /// What a run does through the engine.
    class Actions {
    public:
        /// Every working order of the account, in one bulk request; how many.
        virtual std::size_t cancelAll() = 0;
        /// One order; false (nothing sent) when it cannot be cancelled now.
        virtual bool cancel(OrderId id) = 0;
        /// A closing order at market for one book, created, journaled by `actor` and sent
        /// (CloseRoute::InCloseAll: held by the venue for the sendCloseAll() that follows).
        virtual OrderId sendOperatorOrder(StrategyId strategy, SymbolId symbol, Side side, Quantity qty,
                                          std::string_view actor, CloseRoute route) = 0;
        /// The closing orders just sent InCloseAll go to the broker as one close-all request.
        virtual void sendCloseAll() = 0;
        /// The run failed: a critical alert.
        virtual void flattenFailed(const std::string &what) = 0;
        /// The run is confirmed flat: audited as `actor`'s.
        virtual void flattenConfirmed(const std::string &actor, const std::string &what) = 0;
        /// The broker's positions, asked once the books are flat (verifyWithBroker()): the
        /// answer comes to brokerReconciled().
        virtual void askBrokerPositions() = 0;

    protected:
        ~Actions() = default;
    };

    FlattenRun(const OrderManager &orders, const Portfolio &portfolio, const SessionWindow &session, Actions &actions);

    /// Starts over with `scope` (`strategy` or `symbol` its resolved id), by `actor`.
    void start(const FlattenScope &scope, StrategyId strategy, SymbolId symbol, std::string_view actor, SimTime now,
               bool marketOpen);
    /// Moves the run on: closes once nothing in scope is working, confirms once the books
    /// in scope are flat.
    void advance(SimTime now, bool marketOpen);

    /// A broker that keeps its own books: "flat" needs its positions to agree.
    void verifyWithBroker(bool on) { m_verify = on; }
    /// A broker that closes every position of the account in one request: a flatten of
    /// everything sends its closing orders as one close-all (the broker nets them per symbol;
    /// the venue shares its fills out among the books' orders).
    void closeInBulk(bool on) { m_bulk = on; }
    /// The answer to askBrokerPositions(): whether the broker's positions could be read (and
    /// why not), and the symbols where they differ from the books. A difference in scope
    /// fails the run; an answer without the positions is asked again.
    void brokerReconciled(bool positionsRead, const std::string &whyNot, const std::vector<SymbolId> &differing,
                          SimTime now);

    bool active() const { return m_phase == Phase::Cancelling || m_phase == Phase::Closing; }
    bool blocks(StrategyId strategy, SymbolId symbol) const { return active() && inScope(strategy, symbol); }
    FlattenStatus status() const;
    const std::string &scopeText() const { return m_scopeText; }
    const std::string &detail() const { return m_detail; }

private:
    using Phase = FlattenStatus::Phase;
    struct Open {
        StrategyId strategy;
        SymbolId symbol;
        Quantity qty;
    };
    bool inScope(StrategyId strategy, SymbolId symbol) const;
    /// The strategies' working orders in scope, one request each; how many.
    std::size_t cancelInScope();
    /// Step 1: false while something of the strategies' is still working in scope.
    bool cancelsDone(SimTime now);
    /// Step 3: closing orders for what is still open, or the end of the run.
    void close(const std::vector<Open> &open, SimTime now);
    std::vector<Open> openInScope() const;
    /// The books are flat in scope: confirmed, or (verifyWithBroker) the broker asked.
    void booksFlat(SimTime now);
    void confirm(const std::string &how, SimTime now);

    const OrderManager &m_orders;
    const Portfolio &m_portfolio;
    const SessionWindow &m_session;
    Actions &m_actions;

    Phase m_phase = Phase::None;
    FlattenScope::Kind m_kind = FlattenScope::Kind::All;
    StrategyId m_strategy = kNoStrategy;
    SymbolId m_symbol = 0;
    std::string m_scopeText;
    std::string m_actor;
    std::vector<OrderId> m_closing; ///< the closing orders of the current attempt
    int m_attempts = 0;
    SimTime m_retryAt = 0;
    std::string m_detail;
    bool m_verify = false;                 ///< a broker with its own books confirms the flat
    bool m_bulk = false;                   ///< closeInBulk()
    bool m_asked = false;                  ///< its positions asked, the answer not yet come
    SimTime m_askAgainAt = 0;              ///< an answer without them is asked again from then
    std::vector<SymbolId> m_closedSymbols; ///< what this run closed (a strategy's scope at the broker)
};

} // namespace vigil
