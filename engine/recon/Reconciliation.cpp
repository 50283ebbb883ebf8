#include "recon/Reconciliation.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace vigil {

std::string_view toString(DifferenceKind kind)
{
    switch (kind) {
    case DifferenceKind::MissingAtBroker: return "missing at the broker";
    case DifferenceKind::MissingInternally: return "missing here";
    case DifferenceKind::QuantityDiffers: return "quantity differs";
    case DifferenceKind::AveragePriceDiffers: return "average price differs";
    case DifferenceKind::UnknownBrokerOrder: return "unknown order at the broker";
    case DifferenceKind::OrderUnknownToBroker: return "order the broker does not know";
    }
    return "difference";
}

std::string Difference::key() const
{
    const bool order = kind == DifferenceKind::UnknownBrokerOrder || kind == DifferenceKind::OrderUnknownToBroker;
    return order ? "order " + clientOrderId : "position " + symbol;
}

std::string Difference::describe() const
{
    const std::string what(toString(kind));
    switch (kind) {
    case DifferenceKind::MissingAtBroker:
    case DifferenceKind::MissingInternally:
    case DifferenceKind::QuantityDiffers:
        return symbol + ": " + std::to_string(internalQty) + " here, " + std::to_string(brokerQty) + " at the broker ("
            + what + ")";
    case DifferenceKind::AveragePriceDiffers:
        return symbol + ": " + std::to_string(internalQty) + " at " + internalAvg.toString() + " here, at "
            + brokerAvg.toString() + " at the broker (" + what + ")";
    case DifferenceKind::UnknownBrokerOrder:
    case DifferenceKind::OrderUnknownToBroker:
        return symbol + " order " + clientOrderId + ": " + std::to_string(internalQty) + " open here, "
            + std::to_string(brokerQty) + " at the broker (" + what + ")";
    }
    return what;
}

std::vector<std::string> ReconciliationResult::affectedSymbols() const
{
    std::set<std::string> symbols;
    for (const Difference &d : differences)
        symbols.insert(d.symbol);
    return {symbols.begin(), symbols.end()};
}

namespace {

std::map<std::string, BookPosition> bySymbol(const std::vector<BookPosition> &positions)
{
    std::map<std::string, BookPosition> out;
    for (const BookPosition &p : positions) {
        if (p.qty != 0)
            out[p.symbol] = p; // a flat row says nothing
    }
    return out;
}

std::map<std::string, BookOrder> byId(const std::vector<BookOrder> &orders)
{
    std::map<std::string, BookOrder> out;
    for (const BookOrder &o : orders)
        out[o.clientOrderId] = o;
    return out;
}

Quantity openQty(const BookOrder &o) { return o.qty - o.filledQty; }

} // namespace

ReconciliationResult reconcile(const InternalBooks &ours, const BrokerStatement &broker,
                               const ReconciliationTolerance &tolerance)
{
    ReconciliationResult r;
    std::vector<std::string> missing;
    if (broker.positionsAnswered) {
        r.positionsCompared = true;
        const auto here = bySymbol(ours.positions);
        const auto there = bySymbol(broker.positions);
        std::set<std::string> symbols;
        for (const auto &[s, p] : here)
            symbols.insert(s);
        for (const auto &[s, p] : there)
            symbols.insert(s);
        r.positionsChecked = static_cast<int>(symbols.size());
        for (const std::string &symbol : symbols) {
            const auto h = here.find(symbol);
            const auto t = there.find(symbol);
            Difference d;
            d.symbol = symbol;
            d.internalQty = h == here.end() ? 0 : h->second.qty;
            d.brokerQty = t == there.end() ? 0 : t->second.qty;
            d.internalAvg = h == here.end() ? Price{} : h->second.avgPrice;
            d.brokerAvg = t == there.end() ? Price{} : t->second.avgPrice;
            if (t == there.end())
                d.kind = DifferenceKind::MissingAtBroker;
            else if (h == here.end())
                d.kind = DifferenceKind::MissingInternally;
            else if (d.internalQty != d.brokerQty)
                d.kind = DifferenceKind::QuantityDiffers;
            else if (std::llabs(d.internalAvg.raw() - d.brokerAvg.raw()) > tolerance.averagePrice.raw())
                d.kind = DifferenceKind::AveragePriceDiffers;
            else
                continue;
            r.differences.push_back(d);
        }
    } else {
        missing.push_back("positions");
    }
    if (broker.ordersAnswered) {
        r.ordersCompared = true;
        const auto here = byId(ours.workingOrders);
        const auto there = byId(broker.openOrders);
        std::set<std::string> ids;
        for (const auto &[id, o] : here)
            ids.insert(id);
        for (const auto &[id, o] : there)
            ids.insert(id);
        r.ordersChecked = static_cast<int>(ids.size());
        for (const std::string &id : ids) {
            const auto h = here.find(id);
            const auto t = there.find(id);
            if (h != here.end() && t != there.end())
                continue; // both know it; fills move its quantities on their own
            Difference d;
            d.clientOrderId = id;
            d.kind = h == here.end() ? DifferenceKind::UnknownBrokerOrder : DifferenceKind::OrderUnknownToBroker;
            const BookOrder &o = h == here.end() ? t->second : h->second;
            d.symbol = o.symbol;
            d.internalQty = h == here.end() ? 0 : openQty(h->second);
            d.brokerQty = t == there.end() ? 0 : openQty(t->second);
            r.differences.push_back(d);
        }
    } else {
        missing.push_back("working orders");
    }
    if (!missing.empty()) {
        std::string parts = missing.front();
        if (missing.size() > 1)
            parts += " and " + missing.back();
        r.incompleteReason = "incomplete: the broker's " + parts + " could not be compared ("
            + (broker.error.empty() ? std::string("no answer") : broker.error) + "); nothing is assumed flat";
    }
    std::sort(r.differences.begin(), r.differences.end(), [](const Difference &a, const Difference &b) {
        return std::tie(a.kind, a.symbol, a.clientOrderId) < std::tie(b.kind, b.symbol, b.clientOrderId);
    });
    return r;
}

InternalBooks booksOf(const Snapshot &snapshot)
{
    InternalBooks books;
    for (const PositionRow &p : snapshot.positions)
        books.positions.push_back({p.symbol, p.qty, p.avgPrice});
    for (const OrderRow &o : snapshot.workingOrderRows)
        books.workingOrders.push_back({o.clientOrderId, o.symbol, o.side, o.qty, o.filledQty});
    return books;
}

std::string summarize(const ReconciliationResult &r)
{
    std::string out;
    if (!r.differences.empty()) {
        out = std::to_string(r.differences.size()) + (r.differences.size() == 1 ? " difference: " : " differences: ");
        for (std::size_t i = 0; i < r.differences.size(); ++i)
            out += (i ? "; " : "") + r.differences[i].describe();
    }
    if (!r.complete())
        return out.empty() ? r.incompleteReason : out + "; " + r.incompleteReason;
    if (out.empty())
        return "clean: " + std::to_string(r.positionsChecked) + (r.positionsChecked == 1 ? " position" : " positions")
            + " and " + std::to_string(r.ordersChecked) + (r.ordersChecked == 1 ? " working order" : " working orders")
            + " agree with the broker";
    return out;
}

std::string reconciliationExecutionId(const std::string &sessionDate, const Difference &d)
{
    return "recon-" + sessionDate + "-" + d.symbol + "-" + std::to_string(d.internalQty) + "-to-"
        + std::to_string(d.brokerQty);
}

} // namespace vigil
