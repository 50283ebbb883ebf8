#pragma once
// The engine's orders at Alpaca, and the one place that turns what Alpaca says about them
// (the POST's answer, the trade_updates stream, GET /v2/orders after a gap, the FILL
// activities) into the engine's execution reports, each exactly once and in order.
//
// How a fill is booked once whatever repeats or reorders it: an execution is keyed by the
// order's cumulative filled quantity after it (the stream's order.filled_qty, an activity's
// cum_qty): both sources carry it, the stream's execution_id and an activity's id do not
// match, and no two executions of one order share it. That key is also the engine's
// execution id (ExecReport::executionId, the journal's), so a restart that reads the
// activities finds the same ids. An execution is booked only when it follows the last one
// booked (cum - qty == booked); a later one waits, parked, for the ones before it. A
// terminal state (canceled, expired, rejected) waits until every share the order says was
// filled is booked. What waits too long is a gap: gaps() names the orders whose FILL
// activities the venue should fetch.
//
// Thread: one owner (the venue's trading thread). Pure bookkeeping: no I/O.

#include "alpaca/AlpacaWire.h"
#include "api/Types.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace vigil::alpaca {

class OrderTracker {
public:
    /// The engine sent a new order: its id, client order id and quantity.
    void placed(OrderId id, const std::string &clientOrderId, Quantity qty, SimTime at);
    /// An order a restart found working at Alpaca, taken back by the engine with `booked`
    /// shares filled (the executions it booked from the FILL activities): acknowledged
    /// already, tracked from here on as if placed by this run.
    void resumed(OrderId id, const std::string &clientOrderId, const std::string &alpacaId, Quantity qty,
                 Quantity booked, SimTime submittedAt);
    /// The engine's order of `clientOrderId`, if placed (0 if not ours).
    OrderId orderOf(const std::string &clientOrderId) const;
    /// Alpaca's id of the engine's order `id` (empty until Alpaca answered).
    std::string alpacaId(OrderId id) const;
    /// The order's client order id (empty if unknown).
    std::string clientOrderId(OrderId id) const;

    /// Alpaca's view of one of our orders (a POST's answer, a GET, a 207 item, an update's
    /// order): it registers Alpaca's id, acknowledges a new order once, and settles a
    /// terminal state once every fill it counts is booked. Unknown client order ids are
    /// ignored (returns false: not ours).
    bool observe(const WireOrder &order, SimTime now, std::vector<ExecReport> &out);
    /// One execution from the stream: the order after it, and its own shares and price.
    void execution(const WireOrder &after, Quantity qty, Price price, SimTime now, std::vector<ExecReport> &out);
    /// Executions from the FILL activities (any order, any order of arrival).
    void fills(const std::vector<WireFill> &fills, SimTime now, std::vector<ExecReport> &out);
    /// The broker refused the order at entry (or it never reached it).
    void refused(OrderId id, RejectReason reason, std::vector<ExecReport> &out);
    /// A cancel the broker refused (the order is done or unknown there).
    void cancelRefused(OrderId id, RejectReason reason, std::vector<ExecReport> &out);

    /// Orders (Alpaca ids) with executions missing since before `olderThan`: their FILL
    /// activities should be fetched.
    std::vector<std::string> gaps(SimTime olderThan) const;
    /// Orders still working as far as we know (not terminal), with their Alpaca ids.
    std::vector<std::string> workingAlpacaIds() const;
    std::size_t workingCount() const;
    /// The shares `id` may still fill (0 once done, or if unknown).
    Quantity leaves(OrderId id) const;
    /// When the oldest order still working was submitted (0: none works). Alpaca's order
    /// queries select by submission time, so a catch-up reaches back to it.
    SimTime oldestWorkingSubmittedAt() const;
    /// Shares booked so far for `alpacaId`'s order (tests, the catch-up).
    Quantity booked(const std::string &alpacaId) const;

private:
    struct Parked {
        Quantity qty = 0;
        Price price;
    };
    struct State {
        OrderId id = 0;
        std::string clientOrderId;
        std::string alpacaId;
        Quantity qty = 0;
        SimTime submittedAt = 0;
        Quantity booked = 0; ///< cumulative shares booked
        bool accepted = false;
        bool done = false;                 ///< a terminal report went out (or the last fill)
        std::string terminal;              ///< Alpaca's terminal status seen, waiting for fills
        Quantity terminalFilled = 0;       ///< ... and the shares it says were filled
        std::map<Quantity, Parked> parked; ///< executions by cumulative quantity after them
        SimTime gapSince = 0;              ///< when the first execution that cannot be booked yet came
    };

    State *byAlpacaId(const std::string &alpacaId);
    State *byClient(const std::string &clientOrderId);
    void accept(State &s, std::vector<ExecReport> &out);
    void park(State &s, Quantity cumAfter, Quantity qty, Price price, SimTime now, std::vector<ExecReport> &out);
    void drain(State &s, std::vector<ExecReport> &out);
    void settle(State &s, std::vector<ExecReport> &out);

    std::unordered_map<OrderId, State> m_orders;
    std::unordered_map<std::string, OrderId> m_byClient;
    std::unordered_map<std::string, OrderId> m_byAlpaca;
};

} // namespace vigil::alpaca
