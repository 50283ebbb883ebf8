#pragma once
// The strategy-source seam: what a strategy sees of the engine and what it may ask of it. A
// strategy source is anything that trades through the engine as one strategy, with its own
// identity, book, limits and controls (enable, disable, flatten): the built-in strategies
// (engine/strategy/) and an operator's bot connected over a socket alike. The engine, the
// risk gate, the journal and the console know a source only through this header.
//
// Threads: every call here is made on the engine thread, synchronously from its event loop,
// and must return at once: a source never blocks the engine, and the engine never waits for
// a source. A source fed from another thread (a socket) queues what arrives there under a
// lock of its own and rings its StrategyDoorbell, the one call any thread may make; the
// engine thread then calls poll(), where the source takes its queue and submits or cancels.
// What it learns back (order updates, fills, quotes) it hands to its own thread the same
// way, by a queue, never by a call that waits.

#include "api/Fixed.h"
#include "api/OrderStatus.h"
#include "api/Time.h"
#include "api/TradingState.h"
#include "api/Types.h"

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

/// Who a source is, read once when the engine takes it; fixed for the session.
struct StrategyIdentity {
    std::string key;         ///< stable: as the journal, the configuration and commands name it ("swing_momentum")
    std::string displayName; ///< what the operator reads in the console ("Momentum")
    std::string code;        ///< two or three lower-case letters or digits in its client order ids ("sw")
    bool intraday = false;   ///< must be flat by the close
};

/// One of the source's own orders as it stands (valid during the call that gives it).
struct StrategyOrder {
    OrderId id = 0;
    std::string_view clientOrderId; ///< how the broker knows it
    SymbolId symbol = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Market;
    Quantity qty = 0;
    Price limitPrice;
    OrderStatus status = OrderStatus::New;
    Quantity filledQty = 0;
    Price averageFillPrice;
    RejectReason rejectReason = RejectReason::None;
    SimTime createdAt = 0;
    Price arrivalMid;           ///< the quote's mid when it was sent (zero: unknown)
    std::string_view reference; ///< the source's own name for it, as submitted (empty: none)
};

/// One execution of one of its orders.
struct StrategyFill {
    Quantity qty = 0;
    Price price;
    Money fee;
    std::uint64_t executionId = 0; ///< the broker's, unique per order
};

/// What became of a submit: an order on its way, or a refusal and why.
struct Submission {
    OrderId id = 0; ///< 0: refused
    RejectReason refusal = RejectReason::None;
    std::string detail; ///< a refusal's check with its figures ("order quantity 5000 outside 1..1000"); else empty
};

/// The engine as one source sees it: bound to that source, so that it sees its own book and
/// trades as itself only.
class StrategyContext {
public:
    virtual SimTime now() const = 0;
    virtual const SessionWindow &session() const = 0;
    /// The symbols traded here, by SymbolId.
    virtual const std::vector<std::string> &symbols() const = 0;
    virtual const Quote &quote(SymbolId symbol) const = 0;
    /// Its own position in `symbol` (its book, not the account's).
    virtual Quantity position(SymbolId symbol) const = 0;
    /// Average price of its open position in `symbol` (zero when flat).
    virtual Price averageCost(SymbolId symbol) const = 0;
    /// What its open position in `symbol` cost, exactly (signed: negative for a short). The
    /// average price times the quantity is off by its rounding; this is not.
    virtual Money costBasis(SymbolId symbol) const = 0;
    /// Its realized P&L of the session so far, net of fees (its book, every symbol).
    virtual Money realizedPnl() const = 0;
    /// Sends an order through the risk gate to the broker, journaled under the source's key.
    /// Refused (id 0) outside the session, while trading or the source is stopped, while the
    /// engine replays the market after a restart, or by a limit; every refusal is counted.
    /// `reference` is the source's own name for the order (a bot's client_order_id, at most
    /// 48 characters): journaled with it and given back with it, after a restart too.
    virtual Submission submit(SymbolId symbol, Side side, OrderType type, Quantity qty, Price limitPrice = {},
                              std::string_view reference = {}) = 0;
    /// Asks the broker to cancel one of its working orders; false when it is not one.
    virtual bool cancel(OrderId id) = 0;
    /// The trading state the order path reads (a pause shows here before its record).
    virtual TradingState tradingState() const = 0;
    /// Whether the source is stopped (a flatten, the execution throttle; until an operator
    /// enables it) or the kill switch stopped every source.
    virtual bool stopped() const = 0;

protected:
    ~StrategyContext() = default;
};

/// Any thread: rung by a source that has queued requests; the engine thread calls its poll()
/// soon after. Never blocks; rings before the poll count as one.
class StrategyDoorbell {
public:
    virtual void ring() = 0;

protected:
    ~StrategyDoorbell() = default;
};

class StrategySource {
public:
    virtual ~StrategySource() = default;

    virtual StrategyIdentity identity() const = 0;
    /// Whether it trades `symbol` and is given its quotes; read once when the engine takes it.
    virtual bool trades(SymbolId symbol) const = 0;
    /// Once, before the first message: the doorbell it may ring from any thread until it is
    /// destroyed (a thread of its own stops in its destructor). A source driven only by the
    /// engine's calls has no use for it.
    virtual void connect(StrategyDoorbell &) {}

    virtual void onQuote(StrategyContext &, SymbolId, const Quote &) {}
    /// Once a simulated second (and at the open).
    virtual void onClock(StrategyContext &) {}
    /// After every state change of one of its orders.
    virtual void onOrderUpdate(StrategyContext &, const StrategyOrder &) {}
    /// After each execution of one of its orders, before the order update it causes.
    virtual void onFill(StrategyContext &, const StrategyOrder &, const StrategyFill &) {}
    /// An operator's order in its book (a flatten's or a kill's closing order) changed, or
    /// executed (`fill` not null, before the change it causes). Not its own: it cannot cancel
    /// it; a source that reports its book to someone else (a bot) passes it on.
    virtual void onOperatorOrder(StrategyContext &, const StrategyOrder &, const StrategyFill *) {}
    /// After a restart, when the replay of the market reaches where the session stopped:
    /// every order it placed today (settled with the broker, working or not), in the order
    /// it placed them, and (through the context) the positions it holds. The replay gave it
    /// the market as it was; from these it must set every other piece of its state as it
    /// was at this instant, so that the resumed day trades as the uninterrupted one would
    /// (what it did during the replay went nowhere and must not count).
    virtual void onResume(StrategyContext &, const std::vector<StrategyOrder> &) {}
    /// After its doorbell rang: takes what it queued and acts on it.
    virtual void poll(StrategyContext &) {}
};

} // namespace vigil
