// EngineCore's side of reconciliation: a run's result journaled and handed to the tracker
// (recon/ReconciliationTracker.h keeps the differences and decisions), entries blocked where
// differences are open, the operator's resolutions booked or sent, the override, and the
// drills (recon/Drills.h). The comparison itself runs off
// this thread (Engine's reconciliation thread, recon/Reconciliation); here everything is
// on the engine thread, like the rest of EngineCore.

#include "runtime/EngineCore.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

namespace vigil {

std::string_view toString(ReconciliationDifferenceRow::Status status)
{
    switch (status) {
    case ReconciliationDifferenceRow::Status::Open: return "open";
    case ReconciliationDifferenceRow::Status::Resolving: return "resolving";
    case ReconciliationDifferenceRow::Status::Resolved: return "resolved";
    case ReconciliationDifferenceRow::Status::Accepted: return "accepted";
    }
    return "?";
}

const std::shared_ptr<const ReconciliationView> &noReconciliation()
{
    static const std::shared_ptr<const ReconciliationView> none = std::make_shared<const ReconciliationView>();
    return none;
}

int ReconciliationView::unresolved() const
{
    return static_cast<int>(std::count_if(differences.begin(), differences.end(), [](const auto &d) {
        return d.status == ReconciliationDifferenceRow::Status::Open
               || d.status == ReconciliationDifferenceRow::Status::Resolving;
    }));
}

namespace {
using Status = ReconciliationDifferenceRow::Status;

int sign(Quantity q) { return q > 0 ? 1 : q < 0 ? -1 : 0; }
}

void EngineCore::verifyFlatWithBroker(std::function<void()> ask)
{
    m_askBrokerPositions = std::move(ask);
    m_flatten.verifyWithBroker(static_cast<bool>(m_askBrokerPositions));
}

void EngineCore::askBrokerPositions()
{
    if (m_askBrokerPositions)
        m_askBrokerPositions();
}

int EngineCore::symbolNumber(const std::string &name) const
{
    const auto it = std::find(m_symbolNames.begin(), m_symbolNames.end(), name);
    return it == m_symbolNames.end() ? -1 : static_cast<int>(it - m_symbolNames.begin());
}

std::string EngineCore::applyReconciliation(const cmd::RecordReconciliation &run, std::string_view actor)
{
    const ReconciliationResult &r = *run.result;
    const std::string startedBy = run.startedBy.empty() ? std::string("on demand") : run.startedBy;
    const std::string summary = summarize(r);

    JournalRecord record;
    record.kind = JournalRecord::Kind::ReconciliationRun;
    record.setActor(actor);
    record.setAction(startedBy);
    record.complete = r.complete();
    record.qty = static_cast<Quantity>(r.differences.size());
    record.filledQty = r.positionsChecked;
    record.orderId = static_cast<OrderId>(r.ordersChecked);
    record.setText(summary);
    journal(record);
    for (const Difference &d : r.differences) {
        JournalRecord row;
        row.kind = JournalRecord::Kind::ReconciliationDifference;
        row.setKey(d.key());
        row.setAction(codeOf(d.kind));
        row.setText(d.symbol);
        row.qty = d.internalQty;
        row.filledQty = d.brokerQty;
        row.price = d.internalAvg;
        row.otherPrice = d.brokerAvg;
        if (d.kind == DifferenceKind::CashDiffers) { // the same 1/10000 $ units, in the same columns
            row.price = Price::fromRaw(d.internalCash.raw());
            row.otherPrice = Price::fromRaw(d.brokerCash.raw());
        }
        journal(row);
    }

    ReconciliationRunRow row;
    row.clock = m_session.clockText(recordTime());
    row.wallMs = utcNowNs() / 1'000'000;
    row.startedBy = startedBy;
    row.actor = std::string(actor);
    row.complete = r.complete();
    row.differences = static_cast<int>(r.differences.size());
    row.summary = summary;
    const std::vector<std::string> fresh = m_reconciliation.takeRun(r, std::move(row));
    if (!r.complete()) // what was not compared says nothing: the differences already known stay
        alert(AlertSeverity::Warning, "reconciliation (" + startedBy + ") " + summary, "reconciliation");
    refreshReconciliationBlocks();
    if (!fresh.empty()) {
        std::string text = "reconciliation (" + startedBy + "): " + std::to_string(fresh.size())
                           + (fresh.size() == 1 ? " new difference: " : " new differences: ");
        for (std::size_t i = 0; i < fresh.size(); ++i)
            text += (i ? "; " : "") + fresh[i];
        text += "; new entries blocked there until resolved";
        incident(IncidentCause::Reconciliation, AlertSeverity::Warning, text,
                 alert(AlertSeverity::Warning, text, "reconciliation"));
    }
    if (run.startedBy == kFlattenCheck) {
        std::vector<SymbolId> differing; // in position: what a flat at the broker is about
        for (const Difference &d : r.differences)
            if (d.kind == DifferenceKind::MissingAtBroker || d.kind == DifferenceKind::MissingInternally
                || d.kind == DifferenceKind::QuantityDiffers)
                if (const int symbol = symbolNumber(d.symbol); symbol >= 0)
                    differing.push_back(static_cast<SymbolId>(symbol));
        m_flatten.brokerReconciled(r.positionsCompared, r.incompleteReason, differing, m_now);
    }
    return summary;
}

void EngineCore::refreshReconciliationBlocks()
{
    m_reconciliation.changed(); // every change of the reconciliation's state ends here
    std::vector<Quantity> positions(m_symbolNames.size(), 0);
    for (std::size_t s = 0; s < positions.size(); ++s)
        positions[s] = m_portfolio.position(static_cast<SymbolId>(s));
    const ReconciliationTracker::Blocks b = m_reconciliation.blocks(m_symbolNames, std::move(positions));
    for (std::size_t s = 0; s < b.blocked.size(); ++s)
        m_risk.setReconciliationBlock(static_cast<SymbolId>(s), b.blocked[s], b.atBroker[s]);
}

void EngineCore::journalResolution(std::string_view key, std::string_view how, std::string_view note,
                                   std::string_view actor)
{
    JournalRecord r;
    r.kind = JournalRecord::Kind::ReconciliationResolution;
    r.setActor(actor);
    r.setKey(key);
    r.setAction(how);
    r.setText(note);
    journal(r);
}

bool EngineCore::resolveDifference(const cmd::Resolve &command, std::string_view actor, std::string &message)
{
    const std::string &key = command.differenceKey;
    const std::string how(toString(command.resolution));
    ReconciliationTracker::Tracked *it = m_reconciliation.find(key);
    if (!it) {
        message = "the last reconciliation found no difference '" + key + "'";
        return false;
    }
    const Difference d = it->difference;
    const std::vector<Resolution> choices = resolutionsFor(d.kind);
    if (std::find(choices.begin(), choices.end(), command.resolution) == choices.end()) {
        message = "'" + how + "' does not resolve " + std::string(toString(d.kind)) + "; choose one of:";
        for (const Resolution c : choices)
            message += " " + std::string(toString(c));
        return false;
    }
    if (it->status == Status::Resolving || it->status == Status::Resolved) {
        message = key + " is already " + std::string(toString(it->status)) + " (" + it->resolution + ")";
        return false;
    }
    const Resolution chosen = command.resolution;
    const bool needsMarket = chosen == Resolution::Flatten || chosen == Resolution::Cancel;
    if (needsMarket && (m_phase != SessionPhase::Open || m_now >= m_session.close)) {
        message = "the market is not open: nothing can be sent to the broker now";
        return false;
    }
    const std::string who = std::string(actor) + ": " + how + " (" + command.reason + ")";
    Status status = Status::Resolved;
    if (chosen == Resolution::Accept) {
        status = Status::Accepted;
        message = key + " accepted: " + command.reason;
    } else if (chosen == Resolution::Adopt && d.kind == DifferenceKind::OrderUnknownToBroker) {
        if (!adoptMissingOrder(d, message))
            return false;
    } else if (chosen == Resolution::Adopt) {
        if (!adoptPosition(d, actor, message))
            return false;
    } else if (chosen == Resolution::Flatten) {
        if (d.kind != DifferenceKind::AveragePriceDiffers && !adoptPosition(d, actor, message))
            return false;
        const int symbol = symbolNumber(d.symbol);
        if (symbol < 0) {
            message = d.symbol + " is not traded by this configuration: close it at the broker";
            return false;
        }
        m_risk.setSymbolReduceOnly(static_cast<SymbolId>(symbol), true);
        startFlatten(FlattenScope{FlattenScope::Kind::Symbol, d.symbol}, actor);
        status = Status::Resolving;
        message = (message.empty() ? std::string() : message + "; then ") + "flattening " + d.symbol + ": "
                  + m_flatten.detail();
    } else if (chosen == Resolution::Cancel) {
        EngineMessage m;
        m.kind = EngineMessage::Kind::Cancel;
        m.orderId = 0; // not ours: the broker finds it by its client order id
        m.setClientOrderId(d.clientOrderId);
        m.decisionTime = m_now;
        m_sink.send(m);
        m_risk.recordCancelSent(m_now);
        status = Status::Resolving;
        message = "cancel of " + d.clientOrderId + " sent to the broker";
    }
    journalResolution(key, how, command.reason, actor);
    m_reconciliation.decide(*it, status, who);
    refreshReconciliationBlocks();
    spdlog::warn("reconciliation: {} resolved by {}: {}", key, actor, message);
    return true;
}

bool EngineCore::adoptMissingOrder(const Difference &d, std::string &message)
{
    Order *order = nullptr;
    for (const Order &o : m_orders.orders())
        if (o.clientOrderId == d.clientOrderId)
            order = m_orders.find(o.id);
    if (!order) {
        message = "no order " + d.clientOrderId + " in the books";
        return false;
    }
    if (isTerminal(order->status)) {
        message = d.clientOrderId + " is already " + std::string(toString(order->status));
        return false;
    }
    if (!m_orders.settle(*order, OrderStatus::Cancelled, RejectReason::None, recordTime())) {
        message = d.clientOrderId + " cannot move from " + std::string(toString(order->status)) + " to cancelled";
        return false;
    }
    journalOrder(*order, JournalRecord::Kind::OrderChanged);
    notifyStrategy(*order);
    message = d.clientOrderId + " marked cancelled: the broker does not hold it";
    return true;
}

bool EngineCore::adoptPosition(const Difference &d, std::string_view actor, std::string &message)
{
    const int number = symbolNumber(d.symbol);
    if (number < 0) {
        message = d.symbol + " is not traded by this configuration: it cannot be booked here";
        return false;
    }
    const auto symbol = static_cast<SymbolId>(number);
    const Quantity ours = m_portfolio.position(symbol);
    if (ours != d.internalQty) {
        message = "the books moved since the run (" + std::to_string(ours) + " " + d.symbol + " here now, "
                  + std::to_string(d.internalQty) + " then): run the reconciliation again";
        return false;
    }
    const Quantity theirs = d.brokerQty;
    const bool flips = ours != 0 && theirs != 0 && sign(ours) != sign(theirs);
    const Quantity closeQty = ours == 0                               ? 0
                              : (theirs == 0 || flips)                ? std::llabs(ours)
                              : std::llabs(theirs) < std::llabs(ours) ? std::llabs(ours) - std::llabs(theirs)
                                                                      : 0;
    const Quantity openQty = theirs == 0                             ? 0
                             : (ours == 0 || flips)                  ? std::llabs(theirs)
                             : std::llabs(theirs) > std::llabs(ours) ? std::llabs(theirs) - std::llabs(ours)
                                                                     : 0;
    // The closing price: the broker's own trades when they explain the difference (to the
    // cent, fees included), else the last mark. The opening price makes the average the
    // broker's.
    const Price mark = m_portfolio.markPrice(symbol);
    const Price closePrice = d.explainedByTrades ? d.tradePrice : mark;
    if (closeQty > 0 && closePrice.raw() <= 0) {
        message =
            "no price for " + d.symbol + " to book the close at (no quote yet): try again once the market is open";
        return false;
    }
    Price openPrice = d.brokerAvg;
    if (openQty > 0 && !flips && ours != 0) {
        // Adding to a position: the added shares' price that brings the average to the broker's.
        const Money target = notional(d.brokerAvg, theirs);
        openPrice = averagePrice(target - m_portfolio.book(symbol).cost, theirs - ours);
    }
    if (d.explainedByTrades && openQty > 0 && (ours == 0 || !flips))
        openPrice = d.tradePrice;
    if (openQty > 0 && openPrice.raw() <= 0) {
        message = "no average price from the broker to book " + d.symbol + " at";
        return false;
    }
    // Deterministic ids: a second resolution of the same difference finds them booked.
    const std::uint64_t closeId = reconciliationExecutionId(m_session.date.toIso(), d, "close");
    const std::uint64_t openId = reconciliationExecutionId(m_session.date.toIso(), d, "open");
    if (m_reconciliation.booked(closeId) || m_reconciliation.booked(openId)) {
        message = "already booked: " + d.key() + " from " + std::to_string(d.internalQty) + " to "
                  + std::to_string(d.brokerQty);
        return false;
    }
    Money fees = d.explainedByTrades ? d.tradeFees : Money{};
    std::string booked;
    if (closeQty > 0) {
        // Taken from the books that hold the position, the largest first.
        const Side side = ours > 0 ? Side::Sell : Side::Buy;
        std::vector<std::pair<Quantity, StrategyId>> holders;
        for (StrategyId b = 0; b < bookCount(); ++b) {
            const Quantity q = m_portfolio.position(b, symbol);
            if (q != 0 && sign(q) == sign(ours))
                holders.emplace_back(std::llabs(q), b);
        }
        std::sort(holders.begin(), holders.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        Quantity left = closeQty;
        std::uint64_t leg = 0;
        for (const auto &[held, book] : holders) {
            if (left == 0)
                break;
            const Quantity take = std::min(left, held);
            bookReconciliationFill(book, symbol, side, take, closePrice, fees, closeId ^ leg++, actor);
            fees = Money{};
            left -= take;
        }
        if (left > 0) // the strategies net against each other: the rest from the reconciliation book
            bookReconciliationFill(reconciliationBook(), symbol, side, left, closePrice, fees, closeId ^ leg++, actor);
        fees = Money{};
        m_reconciliation.noteBooked(closeId);
        booked = std::string(side == Side::Sell ? "sold " : "bought ") + std::to_string(closeQty) + " at "
                 + closePrice.toString() + (d.explainedByTrades ? " (the broker's trade)" : " (the last mark)");
    }
    if (openQty > 0) {
        const Side side = theirs > 0 ? Side::Buy : Side::Sell;
        bookReconciliationFill(reconciliationBook(), symbol, side, openQty, openPrice, fees, openId, actor);
        m_reconciliation.noteBooked(openId);
        booked += std::string(booked.empty() ? "" : ", ") + (side == Side::Buy ? "bought " : "sold ")
                  + std::to_string(openQty) + " at " + openPrice.toString() + " into the reconciliation book";
    }
    message = d.symbol + " adopted from the broker (" + std::to_string(ours) + " -> " + std::to_string(theirs)
              + " here): " + booked;
    return true;
}

void EngineCore::bookReconciliationFill(StrategyId book, SymbolId symbol, Side side, Quantity qty, Price price,
                                        Money fee, std::uint64_t executionId, std::string_view actor)
{
    Order &order = m_orders.create(book, symbol, side, OrderType::Market, qty, Price{}, recordTime());
    order.byOperator = true;
    order.clientOrderId = clientOrderId(m_compactDate, "rc", order.id);
    journalOrder(order, JournalRecord::Kind::OrderCreated, actor);
    // Booked, never sent: the broker already holds what this records.
    ExecReport ack{};
    ack.orderId = order.id;
    ack.type = ExecType::Accepted;
    ack.leavesQty = qty;
    m_orders.apply(ack, recordTime());
    ExecReport fill{};
    fill.orderId = order.id;
    fill.type = ExecType::Fill;
    fill.fillQty = qty;
    fill.fillPrice = price;
    fill.fee = fee;
    fill.executionId = executionId;
    const ExecOutcome outcome = m_orders.apply(fill, recordTime());
    m_portfolio.applyFill(book, symbol, side, outcome.fillQty, outcome.fillPrice, outcome.fee);
    recordFill(order, outcome, executionId, "reconciliation");
    journalOrder(order, JournalRecord::Kind::OrderChanged);
}

bool EngineCore::unblockSymbol(const cmd::Unblock &command, std::string_view actor, std::string &message)
{
    const std::string &target = command.symbol;
    const int symbol = symbolNumber(target);
    if (symbol < 0) {
        message = "no symbol named '" + target + "'";
        return false;
    }
    if (!m_risk.reconciliationBlocked(static_cast<SymbolId>(symbol))) {
        message = target + " is not blocked by the reconciliation";
        return false;
    }
    m_reconciliation.unblock(target);
    journalResolution("symbol " + target, "unblock", command.reason, actor);
    refreshReconciliationBlocks();
    message =
        "new entries in " + target
        + " allowed again although its books differ from the broker's (until a run finds another difference there)";
    return true;
}

bool EngineCore::startDrill(const cmd::Drill &command, std::string_view actor, std::string &message)
{
    const bool open = m_phase == SessionPhase::Open && m_now < m_session.close;
    const std::optional<EngineMessage> m = m_drills.prepare(command, open, m_now, message);
    if (!m)
        return false;
    m_sink.send(*m);
    const std::string what = Drills::describe(command);
    alert(AlertSeverity::Warning, what + " started by " + std::string(actor), "drill");
    message = what + " sent to the simulated venue";
    return true;
}

std::shared_ptr<const ReconciliationView> EngineCore::reconciliationView()
{
    if (!m_reconciliation.stale())
        return m_reconciliation.view({});
    std::vector<std::string> blocked;
    for (std::size_t s = 0; s < m_symbolNames.size(); ++s)
        if (m_risk.reconciliationBlocked(static_cast<SymbolId>(s)))
            blocked.push_back(m_symbolNames[s]);
    return m_reconciliation.view(std::move(blocked));
}

} // namespace vigil
