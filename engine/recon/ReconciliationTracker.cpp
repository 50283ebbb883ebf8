#include "recon/ReconciliationTracker.h"

#include <algorithm>

namespace vigil {

namespace {
bool sameFigures(const Difference &a, const Difference &b)
{
    return a.kind == b.kind && a.internalQty == b.internalQty && a.brokerQty == b.brokerQty
           && a.internalAvg == b.internalAvg && a.brokerAvg == b.brokerAvg && a.internalCash == b.internalCash
           && a.brokerCash == b.brokerCash;
}

bool unsettled(ReconciliationDifferenceRow::Status status)
{
    return status == ReconciliationDifferenceRow::Status::Open
           || status == ReconciliationDifferenceRow::Status::Resolving;
}

/// A difference as the journal recorded it; false if its kind is unknown here.
bool differenceOf(const Recovery::ReconciliationDifference &r, Difference &d)
{
    if (!kindFromCode(r.kind, d.kind))
        return false;
    d.symbol = r.symbol;
    if (d.kind == DifferenceKind::UnknownBrokerOrder || d.kind == DifferenceKind::OrderUnknownToBroker)
        d.clientOrderId = r.key.substr(r.key.find(' ') + 1); // "order VG-..."
    d.internalQty = r.internalQty;
    d.brokerQty = r.brokerQty;
    d.internalAvg = r.internalAvg;
    d.brokerAvg = r.brokerAvg;
    if (d.kind == DifferenceKind::CashDiffers) {
        d.internalCash = Money::fromRaw(r.internalAvg.raw());
        d.brokerCash = Money::fromRaw(r.brokerAvg.raw());
        d.internalAvg = d.brokerAvg = Price{};
    }
    return true;
}
}

void ReconciliationTracker::restore(const Recovery &recovery, const SessionWindow &session)
{
    m_runs.clear();
    for (const Recovery::ReconciliationRun &r : recovery.reconciliationRuns) {
        ReconciliationRunRow row;
        row.number = ++m_runCount;
        row.clock = session.clockText(r.at);
        row.wallMs = r.wallMs;
        row.startedBy = r.startedBy;
        row.actor = r.actor;
        row.complete = r.complete;
        row.differences = r.differences;
        row.summary = r.summary;
        m_runs.push_back(std::move(row));
    }
    m_differences.clear();
    for (const Recovery::ReconciliationDifference &r : recovery.reconciliationDifferences) {
        Tracked t;
        if (!differenceOf(r, t.difference))
            continue;
        if (r.resolution == "accept")
            t.status = Status::Accepted;
        else if (r.resolution == "adopt")
            t.status = Status::Resolved;
        else if (!r.resolution.empty())
            t.status = Status::Resolving;
        if (!r.resolution.empty())
            t.resolution = r.resolvedBy + ": " + r.resolution + " (" + r.note + ")";
        m_differences.push_back(std::move(t));
    }
    m_unblocked = {recovery.unblockedSymbols.begin(), recovery.unblockedSymbols.end()};
    m_view.reset();
}

std::vector<std::string> ReconciliationTracker::takeRun(const ReconciliationResult &r, ReconciliationRunRow row)
{
    row.number = ++m_runCount;
    m_runs.push_back(std::move(row));
    if (m_runs.size() > kSnapshotReconciliations)
        m_runs.pop_front();
    m_view.reset();
    if (!r.complete())
        return {}; // what was not compared says nothing: the differences already known stay
    std::vector<Tracked> next;
    std::vector<std::string> fresh;
    for (const Difference &d : r.differences) {
        Tracked t;
        t.difference = d;
        const auto before = std::find_if(m_differences.begin(), m_differences.end(),
                                         [&](const Tracked &o) { return o.difference.key() == d.key(); });
        if (before != m_differences.end() && sameFigures(before->difference, d)
            && (before->status == Status::Accepted || before->status == Status::Resolving)) {
            t.status = before->status; // decided already, and nothing has changed since
            t.resolution = before->resolution;
        } else if (before == m_differences.end() || !sameFigures(before->difference, d)) {
            fresh.push_back(d.describe());
            m_unblocked.erase(d.symbol); // an override covered what was there, not this
        }
        next.push_back(std::move(t));
    }
    m_differences = std::move(next);
    return fresh;
}

ReconciliationTracker::Tracked *ReconciliationTracker::find(const std::string &key)
{
    const auto it = std::find_if(m_differences.begin(), m_differences.end(),
                                 [&](const Tracked &t) { return t.difference.key() == key; });
    return it == m_differences.end() ? nullptr : &*it;
}

void ReconciliationTracker::decide(Tracked &tracked, Status status, std::string resolution)
{
    tracked.status = status;
    tracked.resolution = std::move(resolution);
    m_view.reset();
}

void ReconciliationTracker::unblock(const std::string &symbol)
{
    m_unblocked.insert(symbol);
    m_view.reset();
}

ReconciliationTracker::Blocks ReconciliationTracker::blocks(const std::vector<std::string> &symbols,
                                                            std::vector<Quantity> positions) const
{
    Blocks b;
    b.blocked.assign(symbols.size(), false);
    b.atBroker = std::move(positions); // where the books agree
    b.atBroker.resize(symbols.size(), 0);
    for (const Tracked &t : m_differences) {
        const auto it = std::find(symbols.begin(), symbols.end(), t.difference.symbol);
        if (it == symbols.end())
            continue;
        const auto symbol = static_cast<std::size_t>(it - symbols.begin());
        const DifferenceKind kind = t.difference.kind;
        if (kind == DifferenceKind::MissingAtBroker || kind == DifferenceKind::MissingInternally
            || kind == DifferenceKind::QuantityDiffers)
            b.atBroker[symbol] = t.difference.brokerQty;
        if (unsettled(t.status) && m_unblocked.count(t.difference.symbol) == 0)
            b.blocked[symbol] = true;
    }
    return b;
}

std::size_t ReconciliationTracker::unresolved() const
{
    return static_cast<std::size_t>(std::count_if(m_differences.begin(), m_differences.end(),
                                                  [](const Tracked &t) { return unsettled(t.status); }));
}

std::shared_ptr<const ReconciliationView> ReconciliationTracker::view(std::vector<std::string> blocked)
{
    if (m_view)
        return m_view;
    auto v = std::make_shared<ReconciliationView>();
    v->runs.assign(m_runs.begin(), m_runs.end());
    for (const Tracked &t : m_differences) {
        const Difference &d = t.difference;
        ReconciliationDifferenceRow row;
        row.key = d.key();
        row.kind = d.kind;
        row.symbol = d.symbol;
        row.clientOrderId = d.clientOrderId;
        row.internalQty = d.internalQty;
        row.brokerQty = d.brokerQty;
        row.internalAvg = d.internalAvg;
        row.brokerAvg = d.brokerAvg;
        row.cash = d.kind == DifferenceKind::CashDiffers;
        row.internalCash = d.internalCash;
        row.brokerCash = d.brokerCash;
        row.description = d.describe();
        row.status = t.status;
        row.resolution = t.resolution;
        if (t.status == Status::Open || t.status == Status::Accepted)
            row.choices = resolutionsFor(d.kind);
        if (t.status == Status::Accepted)
            row.choices.erase(std::remove(row.choices.begin(), row.choices.end(), Resolution::Accept),
                              row.choices.end());
        v->differences.push_back(std::move(row));
    }
    v->blockedSymbols = std::move(blocked);
    v->unblockedSymbols.assign(m_unblocked.begin(), m_unblocked.end());
    m_view = std::move(v);
    return m_view;
}

} // namespace vigil
