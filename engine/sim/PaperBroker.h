#pragma once
// The embedded paper broker: its own account, positions and working orders, kept apart
// from the engine's books so that reconciliation has two sides to compare. Market and
// limit day orders fill against the simulated quotes, at most the displayed size per
// quote (larger orders fill in parts over later quotes). Refuses orders it cannot take
// (buying power, quantity, price, symbol) and can be told to fail (disconnect, error
// bursts) for drills and tests. With a PaperBrokerStore attached, every change is written
// to the broker's own file (persist()) before the reports that tell of it leave. Venue
// thread only (attach() and the lookups before the venue thread starts).

#include "api/Config.h"
#include "api/Types.h"
#include "portfolio/Portfolio.h"
#include "sim/PaperBrokerStore.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace vigil {

class PaperBroker {
public:
    PaperBroker(const SimulatedBrokerConfig &config, std::size_t symbolCount);

    /// Keeps the books in `store` from now on, after loading what it holds: cash,
    /// positions, and the working orders of `sessionDate` (day orders of earlier sessions
    /// that a crash left open are expired). Returns an empty string or why it cannot.
    std::string attach(PaperBrokerStore *store, std::vector<std::string> symbolNames, std::string sessionDate);
    /// The account as loaded by attach(): its clock says how far the broker had come.
    const BrokerAccount &loadedAccount() const { return m_loaded; }
    /// Writes every change since the last call in one transaction. Returns an empty string
    /// or why it could not (the changes then stay pending).
    std::string persist();
    /// The time of the event being handled, for the broker's records.
    void setClock(SimTime now) { m_clock = now; }
    /// A quote seen without trading on it (a resumed session catching up on the market).
    void setQuote(const Quote &quote) { m_quotes[quote.symbol] = quote; }
    /// New orders taken since construction (for the crash drill after an acceptance).
    std::uint64_t acceptedCount() const { return m_accepted; }

    /// A new order, a cancel or a cancel-all from the engine, arriving now. Reports go to `out`.
    void onOrder(const EngineMessage &message, std::vector<ExecReport> &out);
    /// A quote change: working orders on the symbol may fill.
    void onQuote(const Quote &quote, std::vector<ExecReport> &out);
    /// The close: every working (day) order expires.
    void expireAll(std::vector<ExecReport> &out);

    /// A drill that changes the broker's books out of band, as a person at the broker's own
    /// screen would: a position closed by hand, an order cancelled behind the engine's back,
    /// an order placed by hand. Nothing is reported to the engine (reports for orders it did
    /// not place carry order id 0 and are not sent); it is all in the broker's file. Returns
    /// what was done, or (not done) why nothing was.
    DrillOutcome drill(DrillKind kind, std::string_view target, int amount = 0);

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
        std::string clientOrderId;
        SimTime submittedAt;
    };
    void accept(const EngineMessage &m, std::vector<ExecReport> &out);
    void cancel(OrderId id, std::vector<ExecReport> &out);
    /// Cancels the working order `clientOrderId` (an order the engine did not place, or
    /// did not number); false if none works under that id.
    bool cancelByClientId(std::string_view clientOrderId, std::vector<ExecReport> &out);
    /// A client order id for an order placed by hand at the broker.
    std::string manualClientOrderId();
    void refuse(const EngineMessage &m, RejectReason reason, std::vector<ExecReport> &out);
    /// Queues the order's current state for the next persist().
    void record(const Working &w, std::string_view status, RejectReason reason = RejectReason::None);
    /// Fills what the quote allows; true when the order is complete.
    bool match(Working &w, const Quote &q, std::vector<ExecReport> &out);
    static ExecReport report(OrderId id, ExecType type, RejectReason reason = RejectReason::None);
    static bool marketable(const Working &w, const Quote &q);

    SimulatedBrokerConfig m_config;
    Money m_cash;
    std::vector<Book> m_positions;
    std::vector<Quote> m_quotes;
    std::vector<Working> m_working; ///< in arrival order: earlier orders fill first
    std::uint64_t m_workingVersion = 0;
    std::uint64_t m_executions = 0;
    bool m_connected = true;
    int m_errorsToInject = 0;
    std::uint64_t m_accepted = 0;
    std::uint64_t m_manualOrders = 0;
    std::unordered_set<std::string> m_clientIds; ///< every client order id of the session

    // Persistence (all empty without a store).
    PaperBrokerStore *m_store = nullptr;
    std::vector<std::string> m_symbolNames;
    std::string m_sessionDate;
    BrokerAccount m_loaded;
    bool m_accountWritten = false;
    SimTime m_clock = 0;
    std::uint64_t m_duplicates = 0;
    std::vector<BrokerOrder> m_pendingOrders;
    std::vector<std::pair<std::string, BrokerOrder::Execution>> m_pendingExecutions;
    std::vector<SymbolId> m_pendingPositions;
};

} // namespace vigil
