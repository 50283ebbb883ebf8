#include "sim/PaperBroker.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace vigil {

PaperBroker::PaperBroker(const SimulatedBrokerConfig &config, std::size_t symbolCount)
    : m_config(config)
    , m_cash(config.startingCash)
    , m_positions(symbolCount)
    , m_quotes(symbolCount, Quote{})
{}

std::string PaperBroker::attach(PaperBrokerStore *store, std::vector<std::string> symbolNames, std::string sessionDate)
{
    m_store = store;
    m_symbolNames = std::move(symbolNames);
    m_sessionDate = std::move(sessionDate);
    if (std::string e = store->loadAccount(m_config.startingCash, m_loaded); !e.empty())
        return e;
    m_cash = m_loaded.cash;
    m_accountWritten = !m_loaded.fresh;
    m_executions = m_loaded.lastExecutionId;
    m_duplicates = m_loaded.duplicateClientIds;
    auto symbolOf = [this](const std::string &name) -> int {
        const auto it = std::find(m_symbolNames.begin(), m_symbolNames.end(), name);
        return it == m_symbolNames.end() ? -1 : static_cast<int>(it - m_symbolNames.begin());
    };
    for (const auto &[name, book] : m_loaded.positions) {
        const int symbol = symbolOf(name);
        if (symbol < 0) {
            if (book.qty != 0)
                return "paper broker file " + store->path() + " holds " + std::to_string(book.qty) + " " + name
                       + ", a symbol the configuration does not have";
            continue;
        }
        m_positions[static_cast<std::size_t>(symbol)] = book;
    }
    // Day orders end with their session: any an earlier crash left open expire now.
    std::vector<BrokerOrder> stale;
    if (std::string e = store->staleWorkingOrders(m_sessionDate, stale); !e.empty())
        return e;
    for (BrokerOrder &o : stale) {
        o.status = "expired";
        m_pendingOrders.push_back(o);
    }
    std::vector<BrokerOrder> today;
    if (std::string e = store->ordersOf(m_sessionDate, today); !e.empty())
        return e;
    for (const BrokerOrder &o : today) {
        m_clientIds.insert(o.clientOrderId);
        if (!o.working())
            continue;
        const int symbol = symbolOf(o.symbol);
        if (symbol < 0)
            return "paper broker file " + store->path() + ": working order " + o.clientOrderId + " is for " + o.symbol
                   + ", a symbol the configuration does not have";
        m_working.push_back(Working{o.number, static_cast<SymbolId>(symbol), o.side, o.type, o.qty, o.filledQty,
                                    o.limitPrice, o.feeCharged, o.clientOrderId, o.submittedAt});
    }
    // Back in arrival order, which decides who takes a quote's size first (the file lists
    // them by number, and an order can overtake an earlier one on the way to the broker).
    std::stable_sort(m_working.begin(), m_working.end(),
                     [](const Working &a, const Working &b) { return a.submittedAt < b.submittedAt; });
    ++m_workingVersion;
    if (m_loaded.fresh || !stale.empty())
        return persist(); // a new account exists from its first moment
    return {};
}

std::string PaperBroker::persist()
{
    if (!m_store
        || (m_pendingOrders.empty() && m_pendingExecutions.empty() && m_pendingPositions.empty() && m_accountWritten
            && m_duplicates == m_loaded.duplicateClientIds))
        return {};
    if (std::string e = m_store->begin(); !e.empty())
        return e;
    auto fail = [this](std::string e) {
        m_store->rollback();
        return e;
    };
    for (const BrokerOrder &o : m_pendingOrders)
        if (std::string e = m_store->saveOrder(o); !e.empty())
            return fail(e);
    for (const auto &[id, execution] : m_pendingExecutions)
        if (std::string e = m_store->saveExecution(id, execution); !e.empty())
            return fail(e);
    std::sort(m_pendingPositions.begin(), m_pendingPositions.end());
    m_pendingPositions.erase(std::unique(m_pendingPositions.begin(), m_pendingPositions.end()),
                             m_pendingPositions.end());
    for (SymbolId symbol : m_pendingPositions)
        if (std::string e = m_store->savePosition(m_symbolNames[symbol], m_positions[symbol]); !e.empty())
            return fail(e);
    BrokerAccount account = m_loaded;
    account.fresh = false;
    account.cash = m_cash;
    account.lastExecutionId = m_executions;
    account.duplicateClientIds = m_duplicates;
    account.sessionDate = m_sessionDate;
    account.clock = std::max(m_clock, m_loaded.sessionDate == m_sessionDate ? m_loaded.clock : SimTime{0});
    if (std::string e = m_store->saveAccount(account); !e.empty())
        return fail(e);
    if (std::string e = m_store->commit(); !e.empty())
        return e;
    account.fresh = m_loaded.fresh; // what attach() found stays readable
    m_loaded = account;
    m_loaded.positions.clear();
    m_accountWritten = true;
    m_pendingOrders.clear();
    m_pendingExecutions.clear();
    m_pendingPositions.clear();
    return {};
}

void PaperBroker::record(const Working &w, std::string_view status, RejectReason reason)
{
    if (!m_store)
        return;
    BrokerOrder o;
    o.clientOrderId = w.clientOrderId;
    o.sessionDate = m_sessionDate;
    o.number = w.id;
    o.symbol = w.symbol < m_symbolNames.size() ? m_symbolNames[w.symbol] : std::to_string(w.symbol);
    o.side = w.side;
    o.type = w.type;
    o.qty = w.qty;
    o.limitPrice = w.limit;
    o.filledQty = w.filled;
    o.status = std::string(status);
    o.reason = reason;
    o.feeCharged = w.feeCharged;
    o.submittedAt = w.submittedAt;
    o.updatedAt = m_clock;
    m_pendingOrders.push_back(std::move(o));
}

void PaperBroker::refuse(const EngineMessage &m, RejectReason reason, std::vector<ExecReport> &out)
{
    out.push_back(report(m.orderId, ExecType::Rejected, reason));
    if (reason == RejectReason::DuplicateClientOrderId)
        return; // the order on file under that id is another one: it stays as it is
    const std::string id(m.clientOrderIdView());
    if (id.empty())
        return;
    m_clientIds.insert(id);
    record(Working{m.orderId, m.symbol, m.side, m.type, m.qty, 0, m.limitPrice, false, id, m_clock}, "rejected",
           reason);
}

ExecReport PaperBroker::report(OrderId id, ExecType type, RejectReason reason) { return execReport(id, type, reason); }

Money PaperBroker::equity() const
{
    Money value = m_cash;
    for (std::size_t s = 0; s < m_positions.size(); ++s)
        value += notional(mark(static_cast<SymbolId>(s)), m_positions[s].qty);
    return value;
}

Money PaperBroker::buyingPower() const
{
    // Margin account: a multiple of equity, less what positions and open buy orders use.
    Money used;
    for (std::size_t s = 0; s < m_positions.size(); ++s) {
        const Money v = notional(mark(static_cast<SymbolId>(s)), std::llabs(m_positions[s].qty));
        used += v;
    }
    for (const Working &w : m_working) {
        const Price ref = w.type == OrderType::Limit ? w.limit : m_quotes[w.symbol].ask;
        used += notional(ref, w.qty - w.filled);
    }
    // The multiplier is a setting with at most two decimals (1, 2, 4, 2.5 ...).
    const auto hundredths = static_cast<std::int64_t>(m_config.buyingPowerMultiplier * 100.0 + 0.5);
    return mulDiv(equity(), hundredths, 100) - used;
}

void PaperBroker::onOrder(const EngineMessage &m, std::vector<ExecReport> &out)
{
    if (m.kind == EngineMessage::Kind::Cancel) {
        if (!m_connected)
            out.push_back(report(m.orderId, ExecType::CancelReject, RejectReason::BrokerUnavailable));
        else if (m.orderId == 0 && m.clientOrderId[0] != '\0') // an order the engine did not number
            cancelByClientId(m.clientOrderIdView(), out);
        else
            cancel(m.orderId, out);
        return;
    }
    if (m.kind == EngineMessage::Kind::CancelAll) { // the bulk cancel: every working order at once
        std::vector<OrderId> working;
        for (const Working &w : m_working)
            working.push_back(w.id);
        for (const OrderId id : working) {
            if (!m_connected)
                out.push_back(report(id, ExecType::CancelReject, RejectReason::BrokerUnavailable));
            else
                cancel(id, out);
        }
        return;
    }
    if (m.kind != EngineMessage::Kind::NewOrder)
        return;
    if (!m_connected) { // never reached the broker's books: nothing recorded
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::BrokerUnavailable));
        return;
    }
    if (m_errorsToInject > 0) {
        --m_errorsToInject;
        out.push_back(report(m.orderId, ExecType::Rejected, RejectReason::BrokerError));
        return;
    }
    if (m.clientOrderId[0] != '\0' && m_clientIds.count(std::string(m.clientOrderIdView())) > 0) {
        ++m_duplicates;
        refuse(m, RejectReason::DuplicateClientOrderId, out);
        return;
    }
    if (m.symbol >= m_quotes.size() || m_quotes[m.symbol].ask.isZero()) {
        refuse(m, RejectReason::UnknownSymbol, out);
        return;
    }
    if (m.qty <= 0) {
        refuse(m, RejectReason::InvalidQuantity, out);
        return;
    }
    if (m.type == OrderType::Limit && m.limitPrice.raw() <= 0) {
        refuse(m, RejectReason::InvalidPrice, out);
        return;
    }
    // Orders that add exposure need buying power; reducing orders never do.
    const Quantity held = m_positions[m.symbol].qty;
    const Quantity after = held + sideSign(m.side) * m.qty;
    if (std::llabs(after) > std::llabs(held)) {
        const Price ref = m.type == OrderType::Limit ? m.limitPrice : m_quotes[m.symbol].ask;
        const Quantity added = std::llabs(after) - std::llabs(held);
        if (notional(ref, added) > buyingPower()) {
            refuse(m, RejectReason::InsufficientBuyingPower, out);
            return;
        }
    }
    accept(m, out);
}

void PaperBroker::accept(const EngineMessage &m, std::vector<ExecReport> &out)
{
    ExecReport ack = report(m.orderId, ExecType::Accepted);
    ack.leavesQty = m.qty;
    out.push_back(ack);
    ++m_accepted;
    Working w{m.orderId, m.symbol, m.side, m.type, m.qty, 0, m.limitPrice, false, std::string(m.clientOrderIdView()),
              m_clock};
    if (!w.clientOrderId.empty())
        m_clientIds.insert(w.clientOrderId);
    ++m_workingVersion;
    const bool done = match(w, m_quotes[m.symbol], out);
    if (!done)
        m_working.push_back(w);
    record(w, brokerStatusText(false, false, false, w.filled, w.qty));
}

void PaperBroker::cancel(OrderId id, std::vector<ExecReport> &out)
{
    const auto it = std::find_if(m_working.begin(), m_working.end(), [id](const Working &w) { return w.id == id; });
    if (it == m_working.end()) {
        out.push_back(report(id, ExecType::CancelReject, RejectReason::UnknownOrder));
        return;
    }
    record(*it, brokerStatusText(false, true, false, it->filled, it->qty));
    m_working.erase(it);
    ++m_workingVersion;
    out.push_back(report(id, ExecType::Cancelled));
}

bool PaperBroker::cancelByClientId(std::string_view clientOrderId, std::vector<ExecReport> &out)
{
    const auto it = std::find_if(m_working.begin(), m_working.end(),
                                 [clientOrderId](const Working &w) { return w.clientOrderId == clientOrderId; });
    if (it == m_working.end())
        return false;
    record(*it, brokerStatusText(false, true, false, it->filled, it->qty));
    out.push_back(report(it->id, ExecType::Cancelled)); // id 0 (not the engine's): never sent
    m_working.erase(it);
    ++m_workingVersion;
    return true;
}

std::string PaperBroker::manualClientOrderId()
{
    std::string id;
    do {
        id = "MANUAL-" + m_sessionDate + "-" + std::to_string(++m_manualOrders);
    } while (m_clientIds.count(id) > 0);
    m_clientIds.insert(id);
    return id;
}

DrillOutcome PaperBroker::drill(DrillKind kind, std::string_view target, int amount)
{
    auto symbolNamed = [this](std::string_view name) -> int {
        for (std::size_t s = 0; s < m_symbolNames.size(); ++s)
            if (m_symbolNames[s] == name)
                return static_cast<int>(s);
        return -1;
    };
    auto nameOf = [this](SymbolId s) { return s < m_symbolNames.size() ? m_symbolNames[s] : std::to_string(s); };
    std::vector<ExecReport> none;
    switch (kind) {
    case DrillKind::BrokerManualClose: {
        int symbol = target.empty() ? -1 : symbolNamed(target);
        if (!target.empty() && symbol < 0)
            return {false, "no symbol named " + std::string(target)};
        if (symbol < 0) { // the largest position by value
            Money largest;
            for (std::size_t s = 0; s < m_positions.size(); ++s) {
                const Money value = notional(mark(static_cast<SymbolId>(s)), std::llabs(m_positions[s].qty));
                if (m_positions[s].qty != 0 && (symbol < 0 || value > largest)) {
                    symbol = static_cast<int>(s);
                    largest = value;
                }
            }
            if (symbol < 0)
                return {false, "the broker holds no position to close"};
        }
        const auto s = static_cast<SymbolId>(symbol);
        const Quantity held = m_positions[s].qty;
        if (held == 0)
            return {false, "the broker holds no " + nameOf(s)};
        const Quote &q = m_quotes[s];
        // Closed at the market in one go, as a person at the broker's screen would.
        Working w{0,
                  s,
                  held > 0 ? Side::Sell : Side::Buy,
                  OrderType::Market,
                  std::llabs(held),
                  0,
                  Price{},
                  false,
                  manualClientOrderId(),
                  m_clock};
        const Price price = held > 0 ? q.bid : q.ask;
        if (price.isZero())
            return {false, "no quote for " + nameOf(s) + " to close it at"};
        Quote all = q;
        all.bidSize = all.askSize = std::numeric_limits<std::int32_t>::max();
        match(w, all, none);
        record(w, brokerStatusText(false, false, false, w.filled, w.qty));
        return {true, "closed " + std::to_string(held) + " " + nameOf(s) + " by hand at " + price.toString() + " ("
                          + w.clientOrderId + ")"};
    }
    case DrillKind::BrokerCancelOrder: {
        auto it = m_working.end();
        if (target.empty())
            it = std::find_if(m_working.begin(), m_working.end(), [](const Working &w) { return w.id != 0; });
        else
            it = std::find_if(m_working.begin(), m_working.end(),
                              [target](const Working &w) { return w.clientOrderId == target; });
        if (it == m_working.end())
            return {false, target.empty() ? std::string("no working order to cancel")
                                          : "no working order " + std::string(target)};
        const std::string id = it->clientOrderId;
        record(*it, brokerStatusText(false, true, false, it->filled, it->qty));
        m_working.erase(it);
        ++m_workingVersion;
        return {true, "cancelled " + id + " behind the engine's back"};
    }
    case DrillKind::BrokerManualOrder: {
        int symbol = target.empty() ? 0 : symbolNamed(target);
        if (symbol < 0 || m_symbolNames.empty())
            return {false, "no symbol named " + std::string(target)};
        const auto s = static_cast<SymbolId>(symbol);
        const Price bid = m_quotes[s].bid;
        if (bid.isZero())
            return {false, "no quote for " + nameOf(s) + " to price an order at"};
        // A bid well under the market, so that it stays open for the reconciliation to find.
        const Price limit = Price::fromRaw(bid.raw() / 2 / 100 * 100);
        Working w{0, s, Side::Buy, OrderType::Limit, 10, 0, limit, false, manualClientOrderId(), m_clock};
        m_working.push_back(w);
        ++m_workingVersion;
        record(w, brokerStatusText(false, false, false, 0, w.qty));
        return {true, "placed " + w.clientOrderId + " by hand: buy 10 " + nameOf(s) + " limit " + limit.toString()};
    }
    case DrillKind::BrokerManualTrade: {
        int symbol = target.empty() ? 0 : symbolNamed(target);
        if (symbol < 0 || m_symbolNames.empty())
            return {false, "no symbol named " + std::string(target)};
        const auto s = static_cast<SymbolId>(symbol);
        if (m_quotes[s].ask.isZero())
            return {false, "no quote for " + nameOf(s) + " to trade at"};
        const Quantity qty = amount > 0 ? amount : 10;
        Working w{0, s, Side::Buy, OrderType::Market, qty, 0, Price{}, false, manualClientOrderId(), m_clock};
        Quote all = m_quotes[s];
        all.bidSize = all.askSize = std::numeric_limits<std::int32_t>::max();
        match(w, all, none);
        record(w, brokerStatusText(false, false, false, w.filled, w.qty));
        return {true, "bought " + std::to_string(qty) + " " + nameOf(s) + " by hand at " + all.ask.toString() + " ("
                          + w.clientOrderId + ")"};
    }
    case DrillKind::BrokerDisconnect:
    case DrillKind::BrokerErrorBurst:
    case DrillKind::FeedSilence: break; // the venue's: they need the feed's link status and the clock
    }
    return {};
}

bool PaperBroker::marketable(const Working &w, const Quote &q)
{
    const bool buy = w.side == Side::Buy;
    const Price price = buy ? q.ask : q.bid;
    const Quantity displayed = buy ? q.askSize : q.bidSize;
    if (price.isZero() || displayed <= 0)
        return false;
    return w.type == OrderType::Market || (buy ? price <= w.limit : price >= w.limit);
}

bool PaperBroker::wouldFill(const Quote &quote) const
{
    for (const Working &w : m_working)
        if (w.symbol == quote.symbol && marketable(w, quote))
            return true;
    return false;
}

bool PaperBroker::match(Working &w, const Quote &q, std::vector<ExecReport> &out)
{
    if (!marketable(w, q))
        return false;
    const bool buy = w.side == Side::Buy;
    const Price price = buy ? q.ask : q.bid;
    const Quantity displayed = buy ? q.askSize : q.bidSize;
    ++m_workingVersion;
    const Quantity qty = std::min(w.qty - w.filled, displayed);
    Money fee = notional(Price::fromRaw(m_config.feePerShare.raw()), qty);
    if (!m_config.feePerShare.isZero() && !w.feeCharged) {
        fee = std::max(fee, m_config.minFeePerOrder);
        w.feeCharged = true;
    }
    w.filled += qty;
    m_positions[w.symbol].apply(w.side, qty, price, fee);
    m_cash -= notional(price, sideSign(w.side) * qty) + fee;

    ExecReport fill = report(w.id, ExecType::Fill);
    fill.fillQty = qty;
    fill.fillPrice = price;
    fill.fee = fee;
    fill.leavesQty = w.qty - w.filled;
    fill.executionId = ++m_executions;
    out.push_back(fill);
    if (m_store) {
        m_pendingExecutions.push_back({w.clientOrderId, {fill.executionId, m_clock, qty, price, fee}});
        m_pendingPositions.push_back(w.symbol);
    }
    return w.filled == w.qty;
}

void PaperBroker::onQuote(const Quote &quote, std::vector<ExecReport> &out)
{
    m_quotes[quote.symbol] = quote;
    // Earlier orders take the displayed size first.
    Quote remaining = quote;
    for (auto it = m_working.begin(); it != m_working.end();) {
        if (it->symbol != quote.symbol) {
            ++it;
            continue;
        }
        const Quantity before = it->filled;
        const bool done = match(*it, remaining, out);
        const auto used = static_cast<std::int32_t>(it->filled - before);
        if (used > 0)
            record(*it, brokerStatusText(false, false, false, it->filled, it->qty));
        (it->side == Side::Buy ? remaining.askSize : remaining.bidSize) -= used;
        it = done ? m_working.erase(it) : it + 1;
    }
}

void PaperBroker::expireAll(std::vector<ExecReport> &out)
{
    for (const Working &w : m_working) {
        out.push_back(report(w.id, ExecType::Expired));
        record(w, brokerStatusText(false, false, true, w.filled, w.qty));
    }
    m_working.clear();
    ++m_workingVersion;
}

} // namespace vigil
