// TradingSide's close-all: a flatten of everything as one DELETE /v2/positions, Alpaca's
// netted closing orders shared out among the books' own (CloseAllocation). See TradingSide.h.

#include "alpaca/TradingSide.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

namespace vigil::alpaca {

namespace {
/// The members by symbol, each symbol's in the order the engine sent them.
std::map<SymbolId, std::vector<CloseAllocation::Member>> bySymbol(const std::vector<CloseAllocation::Member> &members)
{
    std::map<SymbolId, std::vector<CloseAllocation::Member>> out;
    for (const CloseAllocation::Member &m : members)
        out[m.symbol].push_back(m);
    return out;
}

/// How the members would move the account's position: their buys less their sells.
Quantity netOf(const std::vector<CloseAllocation::Member> &members)
{
    Quantity net = 0;
    for (const CloseAllocation::Member &m : members)
        net += m.side == Side::Buy ? m.qty : -m.qty;
    return net;
}

constexpr SimTime kFindMarginNs = 2 * kNsPerSecond; ///< clocks apart: the search for lost closes starts earlier
constexpr int kFindRetryMs = 1000;
}

void TradingSide::closeAll()
{
    const Members batch = m_closing.takeBatch();
    if (batch.empty())
        return;
    // The flatten cancelled every working order and waited for it: Alpaca is asked to close
    // the positions alone, so that nothing else of the account is touched behind its back.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("cancel_orders"), QStringLiteral("false"));
    const SimTime sentAt = now();
    sendCounted({"DELETE", QStringLiteral("/v2/positions"), query, {}, Priority::Kill},
                [this, batch, sentAt](const RestResponse &r) { closeAllAnswered(r, batch, sentAt); });
}

void TradingSide::closeAllAnswered(const RestResponse &r, const Members &batch, SimTime sentAt)
{
    const auto askAgainLater = [this](Members left) { refuseMembers(left, RejectReason::BrokerUnavailable); };
    if (r.outcomeUnknown()) {
        spdlog::warn("alpaca: the close-all went unanswered ({}); looking for the closing orders it made", r.error);
        findClosing(batch, sentAt, askAgainLater);
        return;
    }
    if (r.status != 207 && r.status != 200) {
        spdlog::error("alpaca refused the close-all: HTTP {} {}", r.status, errorMessage(r.body));
        refuseMembers(batch, RejectReason::BrokerError);
        return;
    }
    Read<std::vector<WireBulkItem>> items = readBulk(r.body);
    if (auto *error = std::get_if<std::string>(&items)) {
        spdlog::error("alpaca: the close-all's answer could not be read ({}); looking for the closing orders it made",
                      *error);
        findClosing(batch, sentAt, askAgainLater);
        return;
    }
    std::map<SymbolId, Members> open = bySymbol(batch);
    Members failed;
    for (const WireBulkItem &item : std::get<std::vector<WireBulkItem>>(items)) {
        const auto symbol =
            static_cast<SymbolId>(std::find(m_universe.begin(), m_universe.end(), item.key) - m_universe.begin());
        const auto members = open.find(symbol);
        if (members == open.end()) {
            // A position outside the books (or outside the universe) that the close-all closed:
            // the reconciliation that confirms the flatten shows what it did to the cash.
            spdlog::warn("alpaca: the close-all closed {}, which no book held (HTTP {})", item.key, item.status);
            continue;
        }
        if (item.status >= 200 && item.status < 300 && item.order) {
            adoptClosing(members->second, *item.order);
        } else {
            spdlog::error("alpaca: close-all item {} failed: HTTP {} {}", item.key, item.status, item.message);
            failed.insert(failed.end(), members->second.begin(), members->second.end());
        }
        open.erase(members);
    }
    if (!failed.empty()) {
        // A closing order of Alpaca's may work already (a close repeated on the way, Alpaca's
        // 403 for shares held by orders): it is found first; the rest is closed symbol by symbol.
        pushLink(LinkEventKind::BulkItemFailed, static_cast<std::int32_t>(bySymbol(failed).size()));
        findClosing(failed, sentAt, [this](const Members &left) {
            for (const auto &[symbol, members] : bySymbol(left))
                closeSymbol(members, 0);
        });
    }
    // Symbols Alpaca held nothing of: never, or closed already by a close of ours repeated
    // on the way (Qt sends a request again when its connection closes before any answer).
    Members nothingHeld;
    for (const auto &[symbol, members] : open)
        nothingHeld.insert(nothingHeld.end(), members.begin(), members.end());
    if (!nothingHeld.empty())
        findClosing(nothingHeld, sentAt, [this](const Members &left) {
            for (const auto &[symbol, members] : bySymbol(left))
                closeWithoutPosition(members);
        });
}

void TradingSide::closeSymbol(Members members, int round)
{
    const std::string symbol = m_universe[members.front().symbol];
    const SimTime sentAt = now();
    sendCounted({"DELETE", QStringLiteral("/v2/positions/") + QString::fromStdString(symbol), {}, {}, Priority::Kill},
                [this, members = std::move(members), round, sentAt, symbol](const RestResponse &r) {
                    if (r.status == 200) {
                        Read<WireOrder> order = readOrder(QJsonDocument::fromJson(r.body).object());
                        if (const auto *w = std::get_if<WireOrder>(&order)) {
                            adoptClosing(members, *w);
                            pushLink(LinkEventKind::BulkItemsCleared, 0);
                        } else {
                            findClosing(members, sentAt,
                                        [this](Members left) { refuseMembers(left, RejectReason::BrokerUnavailable); });
                        }
                        return;
                    }
                    if (r.status == 404) {
                        // Nothing held: never, or closed already (by a close of ours repeated on the way).
                        findClosing(members, sentAt, [this](const Members &left) { closeWithoutPosition(left); });
                        return;
                    }
                    // Unanswered, or refused (Alpaca's 403 when a closing order holds the shares): what
                    // Alpaca has is looked at before anything is sent again.
                    spdlog::warn("alpaca: closing {} alone: {} {}", symbol, r.status,
                                 r.status == 0 ? r.error : errorMessage(r.body));
                    findClosing(members, sentAt, [this, round, symbol, status = r.status](Members left) {
                        if (round + 1 >= kMaxBulkRetries) {
                            spdlog::critical("alpaca: {} could not be closed after {} rounds (last HTTP {})", symbol,
                                             kMaxBulkRetries, status);
                            pushLink(LinkEventKind::BulkItemFailed, 1);
                            refuseMembers(left, RejectReason::BrokerError);
                            return;
                        }
                        QTimer::singleShot(500 * (round + 1), this,
                                           [this, left, round] { closeSymbol(left, round + 1); });
                    });
                });
}

void TradingSide::adoptClosing(const Members &members, const WireOrder &order)
{
    const OrderId group = m_closing.open(members, order.side);
    m_link.closingOrders->add(order.id);
    m_tracker.placed(group, order.clientOrderId, order.qty, order.submittedAt != 0 ? order.submittedAt : now());
    for (const CloseAllocation::Member &m : members)
        m_placed[m.id].answered = true;
    const Quantity books = std::llabs(netOf(members));
    if (order.qty != books || (order.side == Side::Buy) != (netOf(members) > 0))
        spdlog::warn("alpaca: Alpaca closes {} {} {} where the books' orders net to {} {}", toString(order.side),
                     order.qty, order.symbol, netOf(members) > 0 ? "buy" : "sell", books);
    observe(order);
    // Its updates that came before the answer naming it, in the order they came.
    std::vector<WireUpdate> early;
    std::erase_if(m_unclaimed, [&](const WireUpdate &u) {
        if (u.order.id != order.id)
            return false;
        early.push_back(u);
        return true;
    });
    for (const WireUpdate &u : early)
        onUpdate(u);
    for (const CloseAllocation::Member &m : members)
        if (m_cancelWhenKnown.erase(m.id) != 0) {
            cancel(m.id, Priority::Cancel);
            break; // one cancel ends the symbol's closing order, and with it every member
        }
}

void TradingSide::findClosing(Members members, SimTime sentAt, std::function<void(Members)> notFound)
{
    QStringList symbols;
    for (const auto &[symbol, list] : bySymbol(members))
        symbols << QString::fromStdString(m_universe[symbol]);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("status"), QStringLiteral("all"));
    query.addQueryItem(QStringLiteral("after"), utcText(sentAt - kFindMarginNs));
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("asc"));
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    query.addQueryItem(QStringLiteral("symbols"), symbols.join(QLatin1Char(',')));
    sendCounted(
        {"GET", QStringLiteral("/v2/orders"), query, {}, Priority::Read},
        [this, members = std::move(members), sentAt, notFound = std::move(notFound)](const RestResponse &r) {
            Read<std::vector<WireOrder>> orders =
                r.status == 200 ? readOrders(r.body) : Read<std::vector<WireOrder>>(r.error);
            if (const auto *error = std::get_if<std::string>(&orders)) {
                spdlog::warn("alpaca: looking for the closing orders failed ({}); asking again", *error);
                QTimer::singleShot(kFindRetryMs, this,
                                   [this, members, sentAt, notFound] { findClosing(members, sentAt, notFound); });
                return;
            }
            std::map<SymbolId, Members> open = bySymbol(members);
            for (const WireOrder &o : std::get<std::vector<WireOrder>>(orders)) {
                // Alpaca's own: a market order none of ours, in a symbol being closed.
                const auto symbol = static_cast<SymbolId>(std::find(m_universe.begin(), m_universe.end(), o.symbol)
                                                          - m_universe.begin());
                const auto found = open.find(symbol);
                if (found == open.end() || o.type != OrderType::Market || m_tracker.orderOf(o.clientOrderId) != 0)
                    continue;
                adoptClosing(found->second, o);
                open.erase(found);
            }
            Members left;
            for (const auto &[symbol, list] : open) {
                spdlog::warn("alpaca: no closing order of {} found at Alpaca", m_universe[symbol]);
                left.insert(left.end(), list.begin(), list.end());
            }
            if (!left.empty())
                notFound(std::move(left));
        });
}

void TradingSide::closeWithoutPosition(const Members &members)
{
    const Quantity net = netOf(members);
    if (net == 0) {
        // Books that cancel each other out: each order goes alone, at market, attributable to
        // its book (a sell refused as a short leaves the buy to close; the flatten's next
        // attempt closes what is then held).
        for (const CloseAllocation::Member &m : members)
            submit(m_placed[m.id].message);
        return;
    }
    spdlog::error("alpaca: the books would close {} {} of {}, but Alpaca holds no position in it",
                  net > 0 ? "buying" : "selling", std::llabs(net), m_universe[members.front().symbol]);
    refuseMembers(members, RejectReason::NoBrokerPosition);
}

void TradingSide::refuseMembers(const Members &members, RejectReason reason)
{
    // The tracker never knew them (Alpaca's closing orders are tracked, not these).
    std::vector<ExecReport> reports;
    for (const CloseAllocation::Member &m : members) {
        m_placed[m.id].answered = true;
        reports.push_back(execReport(m.id, ExecType::Rejected, reason));
    }
    deliver(reports, 0);
}

} // namespace vigil::alpaca
