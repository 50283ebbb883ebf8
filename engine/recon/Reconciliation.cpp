#include "api/Reconciliation.h"

#include "core/EngineText.h"

#include <QtGlobal>

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

namespace vigil {

std::string_view toString(DifferenceKind kind)
{
    // English here (snapshot rows carry it); marked so that describe() can word it.
    switch (kind) {
    case DifferenceKind::MissingAtBroker: return QT_TRANSLATE_NOOP("Reconciliation", "missing at the broker");
    case DifferenceKind::MissingInternally: return QT_TRANSLATE_NOOP("Reconciliation", "missing here");
    case DifferenceKind::QuantityDiffers: return QT_TRANSLATE_NOOP("Reconciliation", "quantity differs");
    case DifferenceKind::AveragePriceDiffers: return QT_TRANSLATE_NOOP("Reconciliation", "average price differs");
    case DifferenceKind::UnknownBrokerOrder: return QT_TRANSLATE_NOOP("Reconciliation", "unknown order at the broker");
    case DifferenceKind::OrderUnknownToBroker:
        return QT_TRANSLATE_NOOP("Reconciliation", "order the broker does not know");
    case DifferenceKind::CashDiffers: return QT_TRANSLATE_NOOP("Reconciliation", "cash differs");
    }
    return QT_TRANSLATE_NOOP("Reconciliation", "difference");
}

std::string_view codeOf(DifferenceKind kind)
{
    switch (kind) {
    case DifferenceKind::MissingAtBroker: return "missing-at-broker";
    case DifferenceKind::MissingInternally: return "missing-here";
    case DifferenceKind::QuantityDiffers: return "quantity";
    case DifferenceKind::AveragePriceDiffers: return "average-price";
    case DifferenceKind::UnknownBrokerOrder: return "unknown-broker-order";
    case DifferenceKind::OrderUnknownToBroker: return "unknown-to-broker";
    case DifferenceKind::CashDiffers: return "cash";
    }
    return "difference";
}

bool kindFromCode(std::string_view code, DifferenceKind &out)
{
    for (int k = 0; k <= static_cast<int>(DifferenceKind::CashDiffers); ++k)
        if (codeOf(static_cast<DifferenceKind>(k)) == code) {
            out = static_cast<DifferenceKind>(k);
            return true;
        }
    return false;
}

bool isPositionKind(DifferenceKind kind)
{
    return kind == DifferenceKind::MissingAtBroker || kind == DifferenceKind::MissingInternally
           || kind == DifferenceKind::QuantityDiffers || kind == DifferenceKind::AveragePriceDiffers;
}

std::vector<Resolution> resolutionsFor(DifferenceKind kind)
{
    switch (kind) {
    case DifferenceKind::MissingAtBroker:
    case DifferenceKind::MissingInternally:
    case DifferenceKind::QuantityDiffers: return {Resolution::Adopt, Resolution::Flatten, Resolution::Accept};
    case DifferenceKind::AveragePriceDiffers:
        // The same shares, costed differently: adopting the broker's average would move P&L
        // with no trade behind it. Closing the position settles it; or it is accepted.
        return {Resolution::Flatten, Resolution::Accept};
    case DifferenceKind::UnknownBrokerOrder: return {Resolution::Cancel, Resolution::Accept};
    case DifferenceKind::OrderUnknownToBroker: return {Resolution::Adopt, Resolution::Accept};
    case DifferenceKind::CashDiffers: return {Resolution::Accept};
    }
    return {Resolution::Accept};
}

std::string Difference::key() const
{
    if (kind == DifferenceKind::CashDiffers)
        return "cash";
    const bool order = kind == DifferenceKind::UnknownBrokerOrder || kind == DifferenceKind::OrderUnknownToBroker;
    return order ? "order " + clientOrderId : "position " + symbol;
}

std::string Difference::describe() const
{
    const std::string what = engineTr("Reconciliation", toString(kind).data()); // a literal: NUL-terminated
    switch (kind) {
    case DifferenceKind::MissingAtBroker:
    case DifferenceKind::MissingInternally:
    case DifferenceKind::QuantityDiffers:
        return engineTr("Reconciliation", "%1: %2 here, %3 at the broker (%4)")
            .arg(symbol, internalQty, brokerQty, what);
    case DifferenceKind::AveragePriceDiffers:
        return engineTr("Reconciliation", "%1: %2 at %3 here, at %4 at the broker (%5)")
            .arg(symbol, internalQty, internalAvg.toString(), brokerAvg.toString(), what);
    case DifferenceKind::UnknownBrokerOrder:
    case DifferenceKind::OrderUnknownToBroker:
        return engineTr("Reconciliation", "%1 order %2: %3 open here, %4 at the broker (%5)")
            .arg(symbol, clientOrderId, internalQty, brokerQty, what);
    case DifferenceKind::CashDiffers:
        return engineTr("Reconciliation", "cash: %1 here, %2 at the broker, %3 apart (%4)")
            .arg(internalCash.toString(2), brokerCash.toString(2), (brokerCash - internalCash).toString(2), what);
    }
    return what;
}

std::vector<std::string> ReconciliationResult::affectedSymbols() const
{
    std::set<std::string> symbols;
    for (const Difference &d : differences)
        if (!d.symbol.empty()) // cash belongs to no symbol
            symbols.insert(d.symbol);
    return {symbols.begin(), symbols.end()};
}

namespace {

/// The rows sorted by `key`, one per key (a later row stands for an earlier one of the same
/// key), as pointers into `rows`: the two sides are then merged in one pass.
template<typename Row, typename Key> std::vector<const Row *> sortedBy(const std::vector<Row> &rows, Key key)
{
    std::vector<const Row *> out;
    out.reserve(rows.size());
    for (const Row &r : rows)
        out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [&](const Row *a, const Row *b) { return key(*a) < key(*b); });
    // Keep the last of each run of equal keys.
    std::vector<const Row *> unique;
    unique.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        if (i + 1 == out.size() || key(*out[i]) != key(*out[i + 1]))
            unique.push_back(out[i]);
    return unique;
}

/// Walks two sorted lists together: `visit(ours, theirs)` once per key, either may be null.
template<typename Row, typename Key, typename Visit>
void merge(const std::vector<const Row *> &a, const std::vector<const Row *> &b, Key key, Visit visit)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && key(*a[i]) < key(*b[j])))
            visit(a[i++], nullptr);
        else if (i == a.size() || key(*b[j]) < key(*a[i]))
            visit(nullptr, b[j++]);
        else
            visit(a[i++], b[j++]);
    }
}

Quantity openQty(const BookOrder &o) { return o.qty - o.filledQty; }

/// The broker's own trades that account for exactly the difference, if there are.
void explain(Difference &d, const std::vector<BrokerTrade> &trades)
{
    Quantity qty = 0;
    Money value;
    Money fees;
    for (const BrokerTrade &t : trades) {
        if (t.symbol != d.symbol)
            continue;
        qty += t.qty;
        value += notional(t.price, t.qty);
        fees += t.fee;
    }
    if (qty == 0 || qty != d.brokerQty - d.internalQty)
        return;
    d.explainedByTrades = true;
    d.tradePrice = averagePrice(value, qty);
    d.tradeFees = fees;
}

} // namespace

ReconciliationResult reconcile(const InternalBooks &ours, const BrokerStatement &broker,
                               const ReconciliationTolerance &tolerance)
{
    ReconciliationResult r;
    std::vector<std::string> missing;
    if (broker.positionsAnswered) {
        r.positionsCompared = true;
        // A flat row says nothing.
        auto held = [](const std::vector<BookPosition> &rows) {
            std::vector<BookPosition> out;
            std::copy_if(rows.begin(), rows.end(), std::back_inserter(out),
                         [](const BookPosition &p) { return p.qty != 0; });
            return out;
        };
        const std::vector<BookPosition> hereRows = held(ours.positions);
        const std::vector<BookPosition> thereRows = held(broker.positions);
        const auto symbol = [](const BookPosition &p) -> const std::string & { return p.symbol; };
        merge(sortedBy(hereRows, symbol), sortedBy(thereRows, symbol), symbol,
              [&](const BookPosition *h, const BookPosition *t) {
                  const BookPosition *either = h ? h : t;
                  if (!either)
                      return; // merge() pairs rows: one side at least is there
                  ++r.positionsChecked;
                  Difference d;
                  d.symbol = either->symbol;
                  d.internalQty = h ? h->qty : 0;
                  d.brokerQty = t ? t->qty : 0;
                  d.internalAvg = h ? h->avgPrice : Price{};
                  d.brokerAvg = t ? t->avgPrice : Price{};
                  if (!t)
                      d.kind = DifferenceKind::MissingAtBroker;
                  else if (!h)
                      d.kind = DifferenceKind::MissingInternally;
                  else if (d.internalQty != d.brokerQty)
                      d.kind = DifferenceKind::QuantityDiffers;
                  else if (std::llabs(d.internalAvg.raw() - d.brokerAvg.raw()) > tolerance.averagePrice.raw())
                      d.kind = DifferenceKind::AveragePriceDiffers;
                  else
                      return;
                  explain(d, broker.outsideTrades);
                  r.differences.push_back(std::move(d));
              });
    } else {
        missing.push_back(engineTr("Reconciliation", "positions"));
    }
    if (broker.ordersAnswered) {
        r.ordersCompared = true;
        const auto id = [](const BookOrder &o) -> const std::string & { return o.clientOrderId; };
        merge(sortedBy(ours.workingOrders, id), sortedBy(broker.openOrders, id), id,
              [&](const BookOrder *h, const BookOrder *t) {
                  ++r.ordersChecked;
                  if (h && t)
                      return; // both know it; fills move its quantities on their own
                  Difference d;
                  d.kind = h ? DifferenceKind::OrderUnknownToBroker : DifferenceKind::UnknownBrokerOrder;
                  const BookOrder &o = h ? *h : *t;
                  d.clientOrderId = o.clientOrderId;
                  d.symbol = o.symbol;
                  d.internalQty = h ? openQty(*h) : 0;
                  d.brokerQty = t ? openQty(*t) : 0;
                  r.differences.push_back(std::move(d));
              });
    } else {
        missing.push_back(engineTr("Reconciliation", "working orders"));
    }
    if (broker.cash && ours.cash) {
        r.cashCompared = true;
        // The broker's own trades that explain a position difference moved its cash too:
        // adopting that difference books them (to the cent, fees included), so their cash
        // is part of it, not a difference of its own.
        Money explained;
        for (const Difference &d : r.differences)
            if (d.explainedByTrades)
                for (const BrokerTrade &t : broker.outsideTrades)
                    if (t.symbol == d.symbol)
                        explained -= notional(t.price, t.qty) + t.fee;
        const Money expected = *ours.cash + explained;
        if (std::llabs(broker.cash->raw() - expected.raw()) > tolerance.cash.raw()) {
            Difference d;
            d.kind = DifferenceKind::CashDiffers;
            d.internalCash = *ours.cash;
            d.brokerCash = *broker.cash;
            r.differences.push_back(std::move(d));
        }
    }
    if (!missing.empty()) {
        std::string parts = missing.front();
        if (missing.size() > 1)
            parts = engineTr("Reconciliation", "%1 and %2").arg(parts, missing.back());
        r.incompleteReason =
            engineTr("Reconciliation", "incomplete: the broker's %1 could not be compared (%2); nothing is "
                                       "assumed flat")
                .arg(parts, broker.error.empty() ? engineTr("Reconciliation", "no answer").str() : broker.error);
    }
    std::sort(r.differences.begin(), r.differences.end(), [](const Difference &a, const Difference &b) {
        return std::tie(a.kind, a.symbol, a.clientOrderId) < std::tie(b.kind, b.symbol, b.clientOrderId);
    });
    return r;
}

ReconciliationResult confirmed(const ReconciliationResult &earlier, const ReconciliationResult &later)
{
    ReconciliationResult r = later;
    r.differences.clear();
    for (const Difference &d : later.differences) {
        const bool seen = std::any_of(earlier.differences.begin(), earlier.differences.end(), [&](const Difference &e) {
            if (e.kind != d.kind || e.key() != d.key())
                return false;
            if (d.kind == DifferenceKind::AveragePriceDiffers)
                return e.internalAvg == d.internalAvg && e.brokerAvg == d.brokerAvg;
            if (d.kind == DifferenceKind::CashDiffers)
                return e.brokerCash - e.internalCash == d.brokerCash - d.internalCash;
            return e.brokerQty - e.internalQty == d.brokerQty - d.internalQty;
        });
        if (seen)
            r.differences.push_back(d);
    }
    if (!earlier.complete()) {
        r.positionsCompared = r.positionsCompared && earlier.positionsCompared;
        r.ordersCompared = r.ordersCompared && earlier.ordersCompared;
        if (r.incompleteReason.empty())
            r.incompleteReason = earlier.incompleteReason;
    }
    return r;
}

InternalBooks booksOf(const Snapshot &snapshot)
{
    InternalBooks books;
    for (const PositionRow &p : snapshot.positions)
        books.positions.push_back({p.symbol, p.qty, p.avgPrice});
    for (const OrderRow &o : snapshot.workingOrderRows)
        books.workingOrders.push_back({o.clientOrderId, o.symbol, o.side, o.qty, o.filledQty});
    // Equity less what the positions are worth at their marks: base + realized - cost, the
    // cash the books say the account holds.
    books.cash = snapshot.equity - snapshot.netExposure;
    return books;
}

std::string summarize(const ReconciliationResult &r)
{
    std::string out;
    if (!r.differences.empty()) {
        std::string list;
        for (std::size_t i = 0; i < r.differences.size(); ++i)
            list += (i ? "; " : "") + r.differences[i].describe();
        out = (r.differences.size() == 1 ? engineTr("Reconciliation", "%1 difference: %2")
                                         : engineTr("Reconciliation", "%1 differences: %2"))
                  .arg(r.differences.size(), list);
    }
    if (!r.complete())
        return out.empty() ? r.incompleteReason : out + "; " + r.incompleteReason;
    if (out.empty()) {
        const std::string positions = (r.positionsChecked == 1 ? engineTr("Reconciliation", "%1 position")
                                                               : engineTr("Reconciliation", "%1 positions"))
                                          .arg(r.positionsChecked);
        const std::string orders = (r.ordersChecked == 1 ? engineTr("Reconciliation", "%1 working order")
                                                         : engineTr("Reconciliation", "%1 working orders"))
                                       .arg(r.ordersChecked);
        return (r.cashCompared ? engineTr("Reconciliation", "clean: %1, %2 and the cash agree with the broker")
                               : engineTr("Reconciliation", "clean: %1 and %2 agree with the broker"))
            .arg(positions, orders);
    }
    return out;
}

std::uint64_t reconciliationExecutionId(const std::string &sessionDate, const Difference &d, std::string_view leg)
{
    // FNV-1a over what identifies the difference.
    const std::string text = sessionDate + "|" + d.key() + "|" + std::to_string(d.internalQty) + "|"
                             + std::to_string(d.brokerQty) + "|" + std::string(leg);
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h | (1ULL << 63);
}

} // namespace vigil
