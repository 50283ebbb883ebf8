#pragma once
// Reconciliation: the console's books against the broker's statement, with every
// difference classified. Pure functions over values; any thread. The broker's statement
// is the reference, but an answer that is missing or failed is never read as "flat": the
// run is then incomplete and says which part it could not compare.

#include "api/BrokerFacts.h"
#include "api/DifferenceKind.h"
#include "api/Fixed.h"
#include "api/Resolution.h"
#include "api/Snapshot.h"
#include "api/Types.h"

#include <optional>
#include <string>
#include <vector>

namespace vigil {

/// The console's own books.
struct InternalBooks {
    std::vector<BookPosition> positions;
    std::vector<BookOrder> workingOrders;
    std::optional<Money> cash = std::nullopt; ///< cash the books hold (base + realized - cost of what is open)
};

/// The ways an operator may resolve a difference of this kind:
/// - adopt: the console's books take the broker's view (positions: a booked reconciliation
///   fill; an order the broker does not hold: marked cancelled);
/// - flatten: the broker's view is adopted, then the symbol is closed at market;
/// - cancel: the unknown order is cancelled at the broker;
/// - accept: the difference stays, with the operator's note, and the symbol trades again.
/// Cash is only accepted: money moves at a broker for reasons the console cannot book (a
/// deposit, a withdrawal, a fee or interest charged there); the note says which, and the
/// difference is shown until a run finds it changed or gone. Nothing is blocked for it.
std::vector<Resolution> resolutionsFor(DifferenceKind kind);

struct Difference {
    DifferenceKind kind = DifferenceKind::QuantityDiffers;
    std::string symbol;
    std::string clientOrderId; ///< the order kinds
    Quantity internalQty = 0;  ///< positions: ours; orders: the order's open quantity
    Quantity brokerQty = 0;
    Price internalAvg;
    Price brokerAvg;
    /// Position kinds, when the broker's trades on orders the console did not place add up
    /// to exactly the difference: their average price and fees, which adopting books.
    bool explainedByTrades = false;
    Price tradePrice;
    Money tradeFees;
    /// CashDiffers: the two sides' cash.
    Money internalCash;
    Money brokerCash;

    /// Stable across runs while the difference is the same: "position AAPL", "order X", "cash".
    std::string key() const;
    /// One line for the operator: "AAPL: 100 here, 0 at the broker (missing at the broker)".
    std::string describe() const;
    /// For position differences: what to book to adopt the broker's view (broker - ours).
    Quantity adoptQty() const { return brokerQty - internalQty; }
};

struct ReconciliationTolerance {
    Price averagePrice = Price::fromCents(1); ///< average prices closer than this agree
    Money cash = Money::fromCents(1);         ///< cash amounts this close agree
};

struct ReconciliationResult {
    bool positionsCompared = false;
    bool ordersCompared = false;
    std::string incompleteReason;        ///< what could not be compared, and why
    std::vector<Difference> differences; ///< by kind, then symbol, then order id
    int positionsChecked = 0;            ///< symbols held on either side
    int ordersChecked = 0;               ///< orders working on either side
    bool cashCompared = false;           ///< both sides told their cash (a broker that does not is not incomplete)

    bool complete() const { return positionsCompared && ordersCompared; }
    /// Complete and without a difference.
    bool clean() const { return complete() && differences.empty(); }
    /// Symbols with a difference: new entries stay blocked there until it is resolved.
    std::vector<std::string> affectedSymbols() const;
};

ReconciliationResult reconcile(const InternalBooks &ours, const BrokerStatement &broker,
                               const ReconciliationTolerance &tolerance = {});

/// What two runs a moment apart agree on: `later`'s differences that `earlier` also had,
/// of the same kind and the same size (positions: the same broker-minus-ours quantity, or
/// the same two average prices). While the engine trades, a report on its way makes the
/// books differ for a moment; a difference that is still there, unchanged, a second later
/// is real. Complete only if both were.
ReconciliationResult confirmed(const ReconciliationResult &earlier, const ReconciliationResult &later);

/// The console's books as a snapshot shows them: the account's net positions and the
/// working orders.
InternalBooks booksOf(const Snapshot &snapshot);

/// One line for a log or a terminal: "clean: 3 positions and 1 working order agree with the
/// broker", "2 differences: AAPL: ...; MSFT: ...", or why the run is incomplete.
std::string summarize(const ReconciliationResult &result);

/// The execution id of a fill that adopts the broker's view of a position difference on
/// `sessionDate` (`leg`: "close" or "open"): the same difference always gives the same id,
/// so a resolution repeated before the books moved finds it booked already. Ids have the
/// top bit set, far above any broker's own execution numbers.
std::uint64_t reconciliationExecutionId(const std::string &sessionDate, const Difference &difference,
                                        std::string_view leg);

} // namespace vigil
