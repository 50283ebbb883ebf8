#pragma once
// The strategy interface and what a strategy may ask of the engine. Engine thread only:
// strategies are called synchronously from the engine's event loop and must not block.

#include "core/Fixed.h"
#include "core/Time.h"
#include "core/Types.h"

#include <string_view>
#include <vector>

namespace vigil {

struct Order;

/// The engine as a strategy sees it (implemented by EngineCore).
class StrategyContext {
public:
    virtual ~StrategyContext() = default;
    virtual SimTime now() const = 0;
    virtual const SessionWindow &session() const = 0;
    virtual const Quote &quote(SymbolId symbol) const = 0;
    virtual Quantity position(StrategyId strategy, SymbolId symbol) const = 0;
    /// Average price of the strategy's open position (zero when flat).
    virtual Price averageCost(StrategyId strategy, SymbolId symbol) const = 0;
    /// Sends an order through risk checks to the broker. Returns its id, or 0 when the
    /// engine refused it (risk limit, trading stopped); the refusal is counted and logged.
    virtual OrderId submit(StrategyId strategy, SymbolId symbol, Side side, OrderType type, Quantity qty,
                           Price limitPrice = {}) = 0;
    virtual void cancel(OrderId id) = 0;
};

class Strategy {
public:
    explicit Strategy(StrategyId id, std::size_t symbolCount) : m_id(id), m_trades(symbolCount, false) {}
    virtual ~Strategy() = default;

    StrategyId id() const { return m_id; }
    /// Stable identifier, as the journal and the configuration know it.
    virtual std::string_view name() const = 0;
    /// What the operator reads in the console.
    virtual std::string_view displayName() const = 0;
    /// Two or three letters, part of every client order id it sends.
    virtual std::string_view code() const = 0;
    /// True if the strategy must be flat by the close.
    virtual bool intraday() const = 0;
    bool trades(SymbolId symbol) const { return m_trades[symbol]; }
    void setTrades(SymbolId symbol, bool on) { m_trades[symbol] = on; }

    virtual void onQuote(StrategyContext &, SymbolId, const Quote &) {}
    /// Once a simulated second (and at the open).
    virtual void onClock(StrategyContext &) {}
    /// After every state change of one of its orders.
    virtual void onOrderUpdate(StrategyContext &, const Order &) {}
    /// After a restart, when the replay of the market reaches where the session stopped:
    /// every order it placed today (settled with the broker, working or not), in the order
    /// it placed them, and (through the context) the positions it holds. The replay gave it
    /// the market as it was; from these it must set every other piece of its state as it
    /// was at this instant, so that the resumed day trades as the uninterrupted one would
    /// (what it did during the replay went nowhere and must not count).
    virtual void onResume(StrategyContext &, const std::vector<const Order *> &) {}

private:
    StrategyId m_id;
    std::vector<bool> m_trades;
};

} // namespace vigil
