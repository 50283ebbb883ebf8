// The Alpaca adapter's bookkeeping of its orders (alpaca/OrderTracker) and its reading of
// Alpaca's answers (alpaca/AlpacaWire): every execution booked exactly once, in order,
// whatever the stream repeats, reorders or misses, and what Alpaca's objects say read
// exactly or refused by name. The trade updates are written by the gateway's own writer
// (net/TradeUpdateJson), the one Vigil serves its bots with, so client and server agree
// field for field.

#include "alpaca/AlpacaWire.h"
#include "alpaca/OrderTracker.h"
#include "net/TradeUpdateJson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace vigil;
using namespace vigil::alpaca;

namespace {

constexpr SimTime kT0 = 1'763'649'000'000'000'000; // 2025-11-20T14:30:00Z

WireOrder order(const std::string &clientId, const std::string &status, Quantity qty, Quantity filled)
{
    WireOrder o;
    o.id = "6b2c1f0a-0000-4000-8000-0000000000" + std::to_string(10 + clientId.size());
    o.clientOrderId = clientId;
    o.symbol = "AAPL";
    o.status = status;
    o.qty = qty;
    o.filledQty = filled;
    return o;
}

struct Booked {
    Quantity qty;
    std::int64_t priceRaw;
    std::uint64_t executionId;
    Quantity leaves;
};

std::vector<Booked> fillsOf(const std::vector<ExecReport> &reports)
{
    std::vector<Booked> out;
    for (const ExecReport &r : reports)
        if (r.type == ExecType::Fill)
            out.push_back({r.fillQty, r.fillPrice.raw(), r.executionId, r.leavesQty});
    return out;
}

int countOf(const std::vector<ExecReport> &reports, ExecType type)
{
    return static_cast<int>(
        std::count_if(reports.begin(), reports.end(), [type](const ExecReport &r) { return r.type == type; }));
}

Price px(const char *text) { return *Price::parse(text); }

} // namespace

class AlpacaOrdersTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aFillIsBookedOnceWhateverTheStreamRepeats()
    {
        OrderTracker t;
        t.placed(7, "VG-20251120-mr-000007", 10, kT0);
        std::vector<ExecReport> out;
        QVERIFY(t.observe(order("VG-20251120-mr-000007", "new", 10, 0), kT0, out));
        QCOMPARE(countOf(out, ExecType::Accepted), 1);
        t.observe(order("VG-20251120-mr-000007", "accepted", 10, 0), kT0, out); // acknowledged once only
        QCOMPARE(countOf(out, ExecType::Accepted), 1);
        t.execution(order("VG-20251120-mr-000007", "partially_filled", 10, 4), 4, px("187.25"), kT0, out);
        t.execution(order("VG-20251120-mr-000007", "partially_filled", 10, 4), 4, px("187.25"), kT0, out);
        t.execution(order("VG-20251120-mr-000007", "filled", 10, 10), 6, px("187.26"), kT0, out);
        t.execution(order("VG-20251120-mr-000007", "filled", 10, 10), 6, px("187.26"), kT0, out);
        const std::vector<Booked> fills = fillsOf(out);
        QCOMPARE(fills.size(), std::size_t{2});
        QCOMPARE(fills[0].qty, Quantity{4});
        QCOMPARE(fills[0].priceRaw, px("187.25").raw());
        QCOMPARE(fills[0].executionId, std::uint64_t{4}); // the cumulative quantity after it
        QCOMPARE(fills[0].leaves, Quantity{6});
        QCOMPARE(fills[1].qty, Quantity{6});
        QCOMPARE(fills[1].executionId, std::uint64_t{10});
        QCOMPARE(fills[1].leaves, Quantity{0});
        QCOMPARE(t.workingCount(), std::size_t{0});
    }

    void reorderedExecutionsAreBookedInTheirOrder()
    {
        OrderTracker t;
        t.placed(8, "c8", 10, kT0);
        std::vector<ExecReport> out;
        // The fill that completes the order comes before the partial fill that preceded it.
        t.execution(order("c8", "filled", 10, 10), 6, px("50.02"), kT0, out);
        QCOMPARE(fillsOf(out).size(), std::size_t{0});
        QCOMPARE(t.gaps(kT0 + kNsPerSecond).size(), std::size_t{1}); // waiting for the one before it
        t.execution(order("c8", "partially_filled", 10, 4), 4, px("50.01"), kT0, out);
        const std::vector<Booked> fills = fillsOf(out);
        QCOMPARE(fills.size(), std::size_t{2});
        QCOMPARE(fills[0].qty, Quantity{4});
        QCOMPARE(fills[0].priceRaw, px("50.01").raw());
        QCOMPARE(fills[1].qty, Quantity{6});
        QCOMPARE(fills[1].priceRaw, px("50.02").raw());
        QVERIFY(t.gaps(kT0 + 10 * kNsPerSecond).empty());
        // The acknowledgement went out before the first fill.
        QVERIFY(out.front().type == ExecType::Accepted);
    }

    void activitiesFillAGapAndRepeatNothing()
    {
        OrderTracker t;
        t.placed(9, "c9", 10, kT0);
        std::vector<ExecReport> out;
        t.observe(order("c9", "new", 10, 0), kT0, out);
        // The stream lost two executions (3 and 4 shares) and brings the third.
        t.execution(order("c9", "filled", 10, 10), 3, px("20.03"), kT0, out);
        QCOMPARE(fillsOf(out).size(), std::size_t{0});
        const std::vector<std::string> gaps = t.gaps(kT0 + kNsPerSecond);
        QCOMPARE(gaps.size(), std::size_t{1});
        // The FILL activities hold all three, in any order, the last one again.
        WireFill a{gaps[0], "AAPL", Side::Buy, 3, 3, 7, px("20.01"), kT0, "a1"};
        WireFill b{gaps[0], "AAPL", Side::Buy, 4, 7, 3, px("20.02"), kT0, "a2"};
        WireFill c{gaps[0], "AAPL", Side::Buy, 3, 10, 0, px("20.03"), kT0, "a3"};
        t.fills({c, b, a}, kT0, out);
        t.fills({a, b, c}, kT0, out);
        const std::vector<Booked> fills = fillsOf(out);
        QCOMPARE(fills.size(), std::size_t{3});
        QCOMPARE(fills[0].executionId, std::uint64_t{3});
        QCOMPARE(fills[1].executionId, std::uint64_t{7});
        QCOMPARE(fills[2].executionId, std::uint64_t{10});
        Money total;
        for (const Booked &f : fills)
            total += notional(Price::fromRaw(f.priceRaw), f.qty);
        QCOMPARE(total.toString(), std::string("200.20")); // 3 x 20.01 + 4 x 20.02 + 3 x 20.03, to the cent
        QVERIFY(t.gaps(kNever).empty());
    }

    void aCancelWaitsForTheFillsItCounts()
    {
        OrderTracker t;
        t.placed(10, "c10", 10, kT0);
        std::vector<ExecReport> out;
        t.observe(order("c10", "new", 10, 0), kT0, out);
        // canceled (5 shares filled before it) arrives before the partial fill of those 5.
        t.observe(order("c10", "canceled", 10, 5), kT0, out);
        QCOMPARE(countOf(out, ExecType::Cancelled), 0);
        t.execution(order("c10", "partially_filled", 10, 5), 5, px("10.00"), kT0, out);
        QCOMPARE(countOf(out, ExecType::Fill), 1);
        QCOMPARE(countOf(out, ExecType::Cancelled), 1);
        QVERIFY(out.back().type == ExecType::Cancelled);      // after its fill, never before
        t.observe(order("c10", "canceled", 10, 5), kT0, out); // repeated: nothing more
        QCOMPARE(countOf(out, ExecType::Cancelled), 1);
        QCOMPARE(t.workingCount(), std::size_t{0});
    }

    void anOrderTakenBackAtARestartGoesOnFromWhatWasBooked()
    {
        // A restart took back an order of 10 with 4 shares booked from the activities.
        OrderTracker t;
        const std::string client = "VG-20251120-st-000012";
        const WireOrder working = order(client, "partially_filled", 10, 4);
        t.resumed(12, client, working.id, 10, 4, kT0 - 60 * kNsPerSecond);
        QCOMPARE(t.orderOf(client), OrderId{12});
        QCOMPARE(t.alpacaId(12), working.id); // a cancel can go at once
        QCOMPARE(t.workingCount(), std::size_t{1});
        QCOMPARE(t.oldestWorkingSubmittedAt(), kT0 - 60 * kNsPerSecond);
        std::vector<ExecReport> out;
        t.observe(working, kT0, out); // what the first listen reads again: nothing new
        QVERIFY(out.empty());
        QVERIFY(t.gaps(kNever).empty());
        // The stream repeats the booked execution and brings the next one.
        t.execution(order(client, "partially_filled", 10, 4), 4, px("50.10"), kT0, out);
        t.execution(order(client, "filled", 10, 10), 6, px("50.12"), kT0, out);
        const std::vector<Booked> fills = fillsOf(out);
        QCOMPARE(fills.size(), std::size_t{1});
        QCOMPARE(fills[0].qty, Quantity{6});
        QCOMPARE(fills[0].executionId, std::uint64_t{10});
        QCOMPARE(countOf(out, ExecType::Accepted), 0); // the engine holds it as acknowledged already
        QCOMPARE(t.workingCount(), std::size_t{0});
        QCOMPARE(t.oldestWorkingSubmittedAt(), SimTime{0});
    }

    void aRejectionAtEntryAndOrdersNotOurs()
    {
        OrderTracker t;
        t.placed(11, "c11", 10, kT0);
        std::vector<ExecReport> out;
        t.observe(order("c11", "rejected", 10, 0), kT0, out);
        QCOMPARE(out.size(), std::size_t{1});
        QVERIFY(out[0].type == ExecType::Rejected);
        QVERIFY(out[0].reason == RejectReason::BrokerError);
        out.clear();
        QVERIFY(!t.observe(order("placed-by-hand", "filled", 10, 10), kT0, out));
        t.execution(order("placed-by-hand", "filled", 10, 10), 10, px("1.00"), kT0, out);
        QVERIFY(out.empty());
    }

    void theGatewaysTradeUpdateIsReadFieldForField()
    {
        gateway::TradeUpdate u;
        u.event = gateway::TradeEvent::PartialFill;
        u.order.uuid = "0d6e3a4c-8f57-4b8e-a8f3-1a2b3c4d5e6f";
        u.order.clientOrderId = "VG-20251120-mr-000012";
        u.order.symbol = "MSFT";
        u.order.side = Side::Sell;
        u.order.type = OrderType::Limit;
        u.order.qty = 300;
        u.order.limitPrice = px("412.5");
        u.order.status = OrderStatus::PartiallyFilled;
        u.order.filledQty = 120;
        u.order.filledAvgPrice = px("412.5133");
        u.order.createdAt = kT0;
        u.order.updatedAt = kT0 + 1'500'000'123;
        u.timestamp = kT0 + 1'500'000'123;
        u.executionId = "e-1";
        u.price = px("412.51");
        u.qty = 20;
        u.positionQty = -120;
        const std::string text = gateway::tradeUpdateMessage(u);
        Read<TradeStreamMessage> read = readStreamMessage(QByteArray::fromStdString(text));
        QVERIFY2(std::holds_alternative<TradeStreamMessage>(read),
                 std::get_if<std::string>(&read) ? std::get<std::string>(read).c_str() : "");
        const TradeStreamMessage &m = std::get<TradeStreamMessage>(read);
        QCOMPARE(m.stream, std::string("trade_updates"));
        QVERIFY(m.update.has_value());
        QCOMPARE(m.update->event, std::string("partial_fill"));
        QCOMPARE(m.update->qty, Quantity{20});
        QCOMPARE(m.update->price.raw(), px("412.51").raw());
        QCOMPARE(m.update->timestamp, kT0 + 1'500'000'123);
        QCOMPARE(m.update->order.id, u.order.uuid);
        QCOMPARE(m.update->order.clientOrderId, u.order.clientOrderId);
        QVERIFY(m.update->order.side == Side::Sell);
        QVERIFY(m.update->order.type == OrderType::Limit);
        QCOMPARE(m.update->order.qty, Quantity{300});
        QCOMPARE(m.update->order.filledQty, Quantity{120});
        QCOMPARE(m.update->order.limitPrice.raw(), px("412.5").raw());
        QCOMPARE(m.update->order.status, std::string("partially_filled"));
    }

    void decimalsAreExactOrRoundedNeverGuessed()
    {
        QCOMPARE(decimalRaw("187.25"), std::optional<std::int64_t>(1'872'500));
        QCOMPARE(decimalRaw("412.51333333"), std::optional<std::int64_t>(4'125'133));
        QCOMPARE(decimalRaw("412.51335"), std::optional<std::int64_t>(4'125'134)); // half away from zero
        QCOMPARE(decimalRaw("-0.00005"), std::optional<std::int64_t>(-1));
        QVERIFY(!decimalRaw("12.3.4"));
        QVERIFY(!decimalRaw("1e5"));
        QVERIFY(!decimalRaw(""));

        // A fractional quantity is refused by name: Vigil trades whole shares.
        const QByteArray body = R"([{"id":"x","client_order_id":"c","symbol":"AAPL","status":"new","side":"buy",
            "type":"market","qty":"1.5","filled_qty":"0","filled_avg_price":null,"submitted_at":"2025-11-20T14:30:00Z",
            "updated_at":"2025-11-20T14:30:00Z"}])";
        Read<std::vector<WireOrder>> orders = readOrders(body);
        QVERIFY(std::holds_alternative<std::string>(orders));
        QCOMPARE(std::get<std::string>(orders), std::string("order.qty is not a whole number of shares"));
        // An account without its cash is not an account with no cash.
        Read<WireAccount> account = readAccount(R"({"status":"ACTIVE","trading_blocked":false,
            "account_blocked":false,"buying_power":"1000","equity":"1000"})");
        QVERIFY(std::holds_alternative<std::string>(account));
        QCOMPARE(std::get<std::string>(account), std::string("account.cash is not a decimal"));
    }

    void aBulkAnswerIsReadItemByItem()
    {
        const QByteArray body = R"([{"id":"a","status":200,"body":{"id":"a","client_order_id":"c1","symbol":"AAPL",
            "status":"pending_cancel","side":"buy","type":"market","qty":"5","filled_qty":"0"}},
            {"id":"b","status":500,"body":{"code":50010000,"message":"internal failure"}},
            {"symbol":"MSFT","status":"200"}])";
        Read<std::vector<WireBulkItem>> read = readBulk(body);
        QVERIFY(std::holds_alternative<std::vector<WireBulkItem>>(read));
        const auto &items = std::get<std::vector<WireBulkItem>>(read);
        QCOMPARE(items.size(), std::size_t{3});
        QCOMPARE(items[0].status, 200);
        QVERIFY(items[0].order.has_value());
        QCOMPARE(items[0].order->clientOrderId, std::string("c1"));
        QCOMPARE(items[1].status, 500);
        QCOMPARE(items[1].message, std::string("internal failure"));
        QCOMPARE(items[2].key, std::string("MSFT"));
        QCOMPARE(items[2].status, 200); // a status written as a string, as close-all's schema has it
    }
};

QTEST_GUILESS_MAIN(AlpacaOrdersTest)
#include "tst_alpaca_orders.moc"
