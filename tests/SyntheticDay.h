#pragma once
// A trading day of any size written the way the engine writes one (through JournalWriter),
// for the report's tests and benchmark: round trips in every symbol spread over the
// session, a few positions left open at the close, the books of the opening and closing
// checkpoints worked out with the portfolio's own Book, an equity point a minute, the
// day's latency, an alert and an operator's pause and resume. Deterministic.

#include "api/Config.h"
#include "oms/Order.h"
#include "portfolio/Portfolio.h"
#include "store/JournalWriter.h"

#include <QString>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace vigil::testing {

struct SyntheticDay {
    long fills = 1000; ///< about this many (whole orders of fillsPerOrder)
    int fillsPerOrder = 2;
    int openAtClose = 3; ///< symbols left holding a position
    Date date{2026, 11, 20};
    // What the day came to (the account's books at the close).
    Money realized;
    Money unrealized;
    Money fees;
    long written = 0; ///< fills written
    std::string lastClientOrderId;
};

/// Writes the day into the journal at `path`; false (said why in `error`) if it could not.
inline bool writeSyntheticDay(const QString &path, SyntheticDay &day, QString &error)
{
    const Config config = defaultConfig();
    JournalNames names;
    for (const SymbolSpec &s : config.simulator.symbols)
        names.symbols.push_back(s.symbol);
    names.strategies = {"intraday_mean_reversion", "swing_momentum", "reconciliation"};
    names.sessionDate = day.date.toIso();
    names.seed = 1;
    JournalWriter writer(path, names);
    if (error = writer.start(); !error.isEmpty())
        return false;
    const SessionWindow session = sessionFor(day.date);
    const std::size_t symbols = names.symbols.size();
    const std::string compact = day.date.toCompact();
    std::uint64_t seq = 0, execution = 0;
    SimTime now = session.open;
    auto record = [&](JournalRecord r) {
        r.seq = ++seq;
        r.time = now;
        writer.append(r);
        if (seq % 256 == 0)
            writer.flush();
    };
    std::vector<Book> account(symbols), strategy(symbols);
    std::vector<Price> marks(symbols);
    for (std::size_t s = 0; s < symbols; ++s)
        marks[s] = config.simulator.symbols[s].referencePrice;
    const Money start = Money::fromDollars(1'000'000);
    auto checkpoint = [&](const char *kind) {
        JournalRecord c;
        c.kind = JournalRecord::Kind::Checkpoint;
        c.setText(kind);
        c.amount = start;
        c.realized = start;
        c.highWaterMark = start + Money::fromDollars(1'234);
        c.maxDrawdown = Money::fromDollars(567);
        std::vector<JournalRecord> books;
        for (std::size_t s = 0; s < symbols; ++s) {
            for (const auto &[id, book] :
                 {std::pair<StrategyId, const Book *>{0, &strategy[s]}, {kAccountBook, &account[s]}}) {
                if (book->qty == 0 && book->cost.isZero() && book->realized.isZero() && book->fees.isZero())
                    continue;
                JournalRecord p;
                p.kind = JournalRecord::Kind::Position;
                p.strategy = id;
                p.symbol = static_cast<SymbolId>(s);
                p.qty = book->qty;
                p.amount = book->cost;
                p.realized = book->realized;
                p.fees = book->fees;
                p.price = marks[s];
                books.push_back(p);
            }
        }
        c.qty = static_cast<Quantity>(books.size());
        record(c);
        for (const JournalRecord &p : books)
            record(p);
    };
    JournalRecord opened;
    opened.kind = JournalRecord::Kind::SessionOpened;
    opened.amount = start;
    opened.setText(names.sessionDate);
    record(opened);
    checkpoint("open");

    const long orders = std::max(2L, day.fills / day.fillsPerOrder);
    const SimTime span = session.close - session.open - kNsPerMinute;
    SimTime nextMinute = session.open + kNsPerMinute;
    const Money fee = Money::fromCents(35);
    for (long o = 1; o <= orders; ++o) {
        const long pair = (o - 1) / 2;
        const auto symbol = static_cast<SymbolId>(pair % static_cast<long>(symbols));
        const bool opening = (o - 1) % 2 == 0;
        // The last pairs of the day leave their positions open.
        if (!opening && pair >= orders / 2 - day.openAtClose)
            continue;
        now = session.open + span * o / (orders + 1);
        while (now >= nextMinute) {
            JournalRecord e;
            e.kind = JournalRecord::Kind::Equity;
            e.amount = start + account[0].realized; // a curve, not the books
            const SimTime keep = now;
            now = nextMinute;
            record(e);
            now = keep;
            nextMinute += kNsPerMinute;
        }
        const Side side = opening ? Side::Buy : Side::Sell;
        // A small deterministic walk: most round trips win a little, some lose.
        const Price base = config.simulator.symbols[symbol].referencePrice;
        const Price price = Price::fromRaw(base.raw() + (opening ? 0 : ((pair % 7) - 2) * 100));
        const std::string client = clientOrderId(compact, "mr", static_cast<OrderId>(o));
        JournalRecord order;
        order.kind = JournalRecord::Kind::OrderCreated;
        order.orderId = static_cast<OrderId>(o);
        order.strategy = 0;
        order.symbol = symbol;
        order.side = side;
        order.qty = 100 * day.fillsPerOrder;
        order.otherPrice = base;
        order.endsGroup = false;
        order.setText(client);
        record(order);
        for (int f = 0; f < day.fillsPerOrder; ++f) {
            JournalRecord fill = order;
            fill.kind = JournalRecord::Kind::Fill;
            fill.executionId = ++execution;
            fill.qty = 100;
            fill.price = price;
            fill.amount = fee;
            fill.endsGroup = false;
            record(fill);
            account[symbol].apply(side, 100, price, fee);
            strategy[symbol].apply(side, 100, price, fee);
            ++day.written;
        }
        marks[symbol] = Price::fromRaw(price.raw() + 50);
        JournalRecord filled = order;
        filled.kind = JournalRecord::Kind::OrderChanged;
        filled.status = OrderStatus::Filled;
        filled.filledQty = order.qty;
        filled.endsGroup = true;
        record(filled);
        day.lastClientOrderId = client;
        if (o == orders / 3) {
            JournalRecord alert;
            alert.kind = JournalRecord::Kind::Alert;
            alert.setAction("warning");
            alert.setActor("risk");
            alert.setText("gross exposure at 81 % of its limit");
            record(alert);
            for (const auto &[to, from, why] :
                 {std::tuple{TradingState::Paused, TradingState::Active, "checking the exposure"},
                  std::tuple{TradingState::Active, TradingState::Paused, "exposure understood"}}) {
                JournalRecord state;
                state.kind = JournalRecord::Kind::TradingStateChanged;
                state.tradingState = to;
                state.previousState = from;
                state.wallNs = utcNowNs();
                state.setActor("alice (console)");
                state.setText(why);
                record(state);
            }
        }
    }
    now = session.close;
    for (const char *latencyPath : {"feed", "ack", "tick_to_order"}) {
        JournalRecord l;
        l.kind = JournalRecord::Kind::LatencySummary;
        l.setAction(latencyPath);
        l.qty = day.written;
        l.latencyNs[0] = 1'100'000;
        l.latencyNs[1] = 4'100'000;
        l.latencyNs[2] = 6'300'000;
        l.latencyNs[3] = 17'800'000;
        record(l);
    }
    checkpoint("close");
    JournalRecord closed;
    closed.kind = JournalRecord::Kind::SessionClosed;
    record(closed);
    writer.flush();
    while (writer.durableSeq() < seq && !writer.failed()) {
        writer.flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    writer.stop();
    if (writer.failed()) {
        error = writer.failure();
        return false;
    }
    for (std::size_t s = 0; s < symbols; ++s) {
        day.realized = day.realized + account[s].realized;
        day.unrealized = day.unrealized + account[s].unrealized(marks[s]);
        day.fees = day.fees + account[s].fees;
    }
    return true;
}

} // namespace vigil::testing
