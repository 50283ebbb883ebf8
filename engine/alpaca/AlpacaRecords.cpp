#include "alpaca/AlpacaRecords.h"

#include "alpaca/AlpacaWire.h"
#include "oms/Order.h"

#include <map>

namespace vigil::alpaca {

namespace {

RestRequest get(const char *path, const QUrlQuery &query = {})
{
    return RestRequest{"GET", QString::fromLatin1(path), query, {}, Priority::Read};
}

std::string why(const RestResponse &r, const char *what)
{
    return std::string(what) + ": " + (r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
}

/// Every order submitted in [from, to), oldest first (pages of 500 by submission time).
std::string ordersBetween(const TradingThread &trading, SimTime from, SimTime to, const char *status,
                          std::vector<WireOrder> &out)
{
    SimTime after = from - 1;
    for (int page = 0; page < 100; ++page) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("status"), QString::fromLatin1(status));
        q.addQueryItem(QStringLiteral("after"), utcText(after));
        q.addQueryItem(QStringLiteral("until"), utcText(to));
        q.addQueryItem(QStringLiteral("direction"), QStringLiteral("asc"));
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
        const RestResponse r = trading.call(get("/v2/orders", q));
        if (r.status != 200)
            return why(r, "the broker's orders");
        Read<std::vector<WireOrder>> orders = readOrders(r.body);
        if (auto *error = std::get_if<std::string>(&orders))
            return *error;
        auto &list = std::get<std::vector<WireOrder>>(orders);
        for (WireOrder &o : list)
            if (out.empty() || o.submittedAt >= out.back().submittedAt)
                out.push_back(std::move(o));
        if (list.size() < 500)
            return {};
        after = out.back().submittedAt;
    }
    return "the broker's orders: more than 50,000 in one day";
}

bool ours(const std::string &clientOrderId, const std::string &compactDate)
{
    std::string date, code;
    OrderId number = 0;
    return parseClientOrderId(clientOrderId, date, code, number) && date == compactDate;
}

} // namespace

std::string engineStatus(const std::string &s, Quantity filledQty)
{
    if (s == "filled")
        return "filled";
    if (s == "canceled")
        return "cancelled";
    if (s == "expired" || s == "done_for_day")
        return "expired";
    if (s == "rejected")
        return "rejected";
    return filledQty > 0 ? "partially_filled" : "accepted";
}

AlpacaRecords::AlpacaRecords(std::shared_ptr<TradingThread> trading, Date sessionDate,
                             std::shared_ptr<const ClosingOrders> closing)
    : m_trading(std::move(trading))
    , m_date(sessionDate)
    , m_closing(std::move(closing))
{}

BrokerStatement AlpacaRecords::statement() const
{
    BrokerStatement s;
    std::vector<std::string> errors;
    const RestResponse positions = m_trading->call(get("/v2/positions"));
    if (positions.status == 200) {
        Read<std::vector<WirePosition>> read = readPositions(positions.body);
        if (auto *list = std::get_if<std::vector<WirePosition>>(&read)) {
            for (const WirePosition &p : *list)
                s.positions.push_back({p.symbol, p.qty, p.avgEntryPrice});
            s.positionsAnswered = true;
        } else {
            errors.push_back(std::get<std::string>(read));
        }
    } else {
        errors.push_back(why(positions, "the broker's positions"));
    }
    QUrlQuery open;
    open.addQueryItem(QStringLiteral("status"), QStringLiteral("open"));
    open.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    const RestResponse orders = m_trading->call(get("/v2/orders", open));
    if (orders.status == 200) {
        Read<std::vector<WireOrder>> read = readOrders(orders.body);
        if (auto *list = std::get_if<std::vector<WireOrder>>(&read)) {
            for (const WireOrder &o : *list)
                s.openOrders.push_back({o.clientOrderId, o.symbol, o.side, o.qty, o.filledQty});
            s.ordersAnswered = true;
        } else {
            errors.push_back(std::get<std::string>(read));
        }
    } else {
        errors.push_back(why(orders, "the broker's open orders"));
    }
    const AccountFacts facts = account();
    if (facts.known)
        s.cash = facts.cash;
    // Trades placed outside Vigil today: what explains a position Vigil does not know of
    // (not the close-alls' closing orders: their fills are in the books).
    const SessionWindow day = sessionFor(m_date);
    std::vector<WireOrder> today;
    if (ordersBetween(*m_trading, day.at(0, 0), day.at(0, 0) + 24 * 60 * kNsPerMinute, "all", today).empty()) {
        const std::string compact = m_date.toCompact();
        for (const WireOrder &o : today)
            if (o.filledQty > 0 && !ours(o.clientOrderId, compact) && !(m_closing && m_closing->contains(o.id)))
                s.outsideTrades.push_back(
                    {o.symbol, o.side == Side::Buy ? o.filledQty : -o.filledQty, o.filledAvgPrice, Money()});
    }
    for (const std::string &e : errors)
        s.error += (s.error.empty() ? "" : "; ") + e;
    return s;
}

AccountFacts AlpacaRecords::account() const
{
    AccountFacts facts;
    const RestResponse r = m_trading->call(get("/v2/account"));
    if (r.status != 200) {
        facts.error = why(r, "the broker's account");
        return facts;
    }
    Read<WireAccount> read = readAccount(r.body);
    if (auto *error = std::get_if<std::string>(&read)) {
        facts.error = *error;
        return facts;
    }
    const WireAccount &a = std::get<WireAccount>(read);
    facts.known = true;
    facts.active = a.status == "ACTIVE";
    facts.tradingBlocked = a.tradingBlocked || a.accountBlocked;
    facts.buyingPower = a.buyingPower;
    facts.cash = a.cash;
    return facts;
}

std::string AlpacaRecords::ordersOfDay(const Date &date, std::vector<BrokerOrder> &out) const
{
    const SessionWindow day = sessionFor(date);
    const SimTime from = day.at(0, 0);
    std::vector<WireOrder> orders;
    if (std::string error = ordersBetween(*m_trading, from, from + 24 * 60 * kNsPerMinute, "all", orders);
        !error.empty())
        return error;
    // The executions, from the day's FILL activities (pages of 100).
    std::map<std::string, std::vector<BrokerOrder::Execution>> executions;
    std::string token;
    for (int page = 0; page < 10'000; ++page) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("date"), QString::fromStdString(date.toIso()));
        q.addQueryItem(QStringLiteral("direction"), QStringLiteral("asc"));
        q.addQueryItem(QStringLiteral("page_size"), QStringLiteral("100"));
        if (!token.empty())
            q.addQueryItem(QStringLiteral("page_token"), QString::fromStdString(token));
        const RestResponse r = m_trading->call(get("/v2/account/activities/FILL", q));
        if (r.status != 200)
            return why(r, "the broker's fill activities");
        Read<std::vector<WireFill>> fills = readFills(r.body);
        if (auto *error = std::get_if<std::string>(&fills))
            return *error;
        const auto &list = std::get<std::vector<WireFill>>(fills);
        for (const WireFill &f : list)
            executions[f.orderId].push_back({static_cast<std::uint64_t>(f.cumQty), f.at, f.qty, f.price, Money()});
        if (list.size() < 100)
            break;
        token = list.back().id;
    }
    const std::string compact = date.toCompact();
    for (const WireOrder &o : orders) {
        BrokerOrder b;
        b.clientOrderId = o.clientOrderId;
        b.brokerId = o.id;
        b.sessionDate = date.toIso();
        std::string d, code;
        if (!parseClientOrderId(o.clientOrderId, d, code, b.number) || d != compact)
            b.number = 0; // not one of this session's: placed outside Vigil
        b.symbol = o.symbol;
        b.side = o.side;
        b.type = o.type;
        b.qty = o.qty;
        b.limitPrice = o.limitPrice;
        b.filledQty = o.filledQty;
        b.status = engineStatus(o.status, o.filledQty);
        if (b.status == "rejected")
            b.reason = RejectReason::BrokerError;
        b.submittedAt = o.submittedAt;
        b.updatedAt = o.updatedAt;
        auto &x = executions[o.id];
        std::sort(x.begin(), x.end(), [](const auto &a, const auto &c) { return a.id < c.id; });
        b.executions = x;
        Quantity booked = 0;
        for (const auto &e : b.executions)
            booked = std::max<Quantity>(booked, static_cast<Quantity>(e.id));
        if (booked != o.filledQty)
            return "the broker's order " + o.clientOrderId + " counts " + std::to_string(o.filledQty)
                   + " shares filled but its fill activities " + std::to_string(booked)
                   + ": the executions cannot be settled yet";
        out.push_back(std::move(b));
    }
    return {};
}

} // namespace vigil::alpaca
