#pragma once
// The embedded paper broker: its own account, positions and working orders, kept apart
// from the engine's books so that reconciliation has two sides to compare. Market and
// limit day orders fill against the simulated quotes, at most the displayed size per
// quote (larger orders fill in parts over later quotes). Refuses orders it cannot take
// (buying power, quantity, price, symbol) and can be told to fail (disconnect, error
// bursts) for drills and tests. Venue thread only.

#include "config/Config.h"
#include "core/Types.h"
#include "portfolio/Portfolio.h"

#include <unordered_map>
#include <vector>

namespace vigil {

class PaperBroker {
public:
    PaperBroker(const PaperBrokerConfig &config, std::size_t symbolCount);

    /// A new order or a cancel from the engine, arriving now. Reports go to `out`.
    void onOrder(const EngineMessage &message, std::vector<ExecReport> &out);
    /// A quote change: working orders on the symbol may fill.
    void onQuote(const Quote &quote, std::vector<ExecReport> &out);
    /// The close: every working (day) order expires.
    void expireAll(std::vector<ExecReport> &out);

    void setConnected(bool connected) { m_connected = connected; }
    bool connected() const { return m_connected; }
    /// The next `count` orders are answered with an API error.
    void addErrorBurst(int count) { m_errorsToInject += count; }

    Money cash() const { return m_cash; }
    Money equity() const;
    Money buyingPower() const;
    const Book &position(SymbolId symbol) const { return m_positions[symbol]; }
    Price mark(SymbolId symbol) const { return midPrice(m_quotes[symbol].bid, m_quotes[symbol].ask); }
    std::size_t workingOrders() const { return m_working.size(); }
    /// Whether this quote would fill any working order (nothing changes).
    bool wouldFill(const Quote &quote) const;
    /// Moves whenever the set of working orders or what they still need changes.
    std::uint64_t workingVersion() const { return m_workingVersion; }

private:
    struct Working {
        OrderId id;
        SymbolId symbol;
        Side side;
        OrderType type;
        Quantity qty;
        Quantity filled;
        Price limit;
        bool feeCharged;
    };
    void accept(const EngineMessage &m, std::vector<ExecReport> &out);
    void cancel(OrderId id, std::vector<ExecReport> &out);
    /// Fills what the quote allows; true when the order is complete.
    bool match(Working &w, const Quote &q, std::vector<ExecReport> &out);
    static ExecReport report(OrderId id, ExecType type, RejectReason reason = RejectReason::None);
    static bool marketable(const Working &w, const Quote &q);

    PaperBrokerConfig m_config;
    Money m_cash;
    std::vector<Book> m_positions;
    std::vector<Quote> m_quotes;
    std::vector<Working> m_working; ///< in arrival order: earlier orders fill first
    std::uint64_t m_workingVersion = 0;
    std::uint64_t m_executions = 0;
    bool m_connected = true;
    int m_errorsToInject = 0;
};

} // namespace vigil
