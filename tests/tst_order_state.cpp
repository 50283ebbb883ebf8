// The order state machine: legal transitions, refused ones, and how broker reports map
// onto it (including fills racing a cancel, overfills and unknown orders).
#include "oms/OrderManager.h"

#include <QTest>

using namespace vigil;

namespace {
ExecReport report(OrderId id, ExecType type, Quantity qty = 0, Price price = {}, Quantity leaves = 0)
{
    ExecReport r{};
    r.orderId = id;
    r.type = type;
    r.fillQty = qty;
    r.fillPrice = price;
    r.leavesQty = leaves;
    return r;
}
}

class TestOrderState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void legalTransitions_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<bool>("legal");
        using S = OrderStatus;
        auto row = [](const char *name, S f, S t, bool ok) { QTest::newRow(name) << int(f) << int(t) << ok; };
        row("new->accepted", S::New, S::Accepted, true);
        row("new->rejected", S::New, S::Rejected, true);
        row("new->filled (fill overtakes ack)", S::New, S::Filled, true);
        row("accepted->partial", S::Accepted, S::PartiallyFilled, true);
        row("partial->partial", S::PartiallyFilled, S::PartiallyFilled, true);
        row("partial->filled", S::PartiallyFilled, S::Filled, true);
        row("accepted->cancel pending", S::Accepted, S::CancelPending, true);
        row("cancel pending->filled (race)", S::CancelPending, S::Filled, true);
        row("cancel pending->cancelled", S::CancelPending, S::Cancelled, true);
        row("accepted->expired", S::Accepted, S::Expired, true);
        row("filled->cancelled", S::Filled, S::Cancelled, false);
        row("cancelled->filled", S::Cancelled, S::Filled, false);
        row("rejected->accepted", S::Rejected, S::Accepted, false);
        row("expired->partial", S::Expired, S::PartiallyFilled, false);
        row("accepted->new", S::Accepted, S::New, false);
        row("accepted->rejected", S::Accepted, S::Rejected, false);
        row("new->cancelled without request", S::New, S::Cancelled, false);
        row("partial->accepted", S::PartiallyFilled, S::Accepted, false);
    }
    void legalTransitions()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(bool, legal);
        QCOMPARE(isLegalTransition(OrderStatus(from), OrderStatus(to)), legal);
        Order o;
        o.status = OrderStatus(from);
        QCOMPARE(o.transition(OrderStatus(to), 5), legal);
        QCOMPARE(int(o.status), int(legal ? OrderStatus(to) : OrderStatus(from)));
    }

    void reportsDriveTheLifecycle()
    {
        OrderManager oms;
        Order &o = oms.create(0, 3, Side::Buy, OrderType::Limit, 300, Price::fromCents(1000), 1);
        QCOMPARE(o.id, OrderId(1));
        QCOMPARE(oms.workingCount(), 1u);
        QVERIFY(oms.apply(report(1, ExecType::Accepted), 2).stateChanged);
        auto partial = oms.apply(report(1, ExecType::Fill, 100, Price::fromCents(1000), 200), 3);
        QCOMPARE(partial.fillQty, Quantity(100));
        QCOMPARE(int(oms.find(1)->status), int(OrderStatus::PartiallyFilled));
        QCOMPARE(oms.find(1)->leavesQty(), Quantity(200));
        oms.apply(report(1, ExecType::Fill, 200, Price::fromCents(1003), 0), 4);
        QCOMPARE(int(oms.find(1)->status), int(OrderStatus::Filled));
        QCOMPARE(oms.find(1)->averageFillPrice(), Price::fromCents(1002));
        QCOMPARE(oms.workingCount(), 0u);
        QCOMPARE(oms.fillCount(), 2u);
        QCOMPARE(oms.anomalyCount(), 0u);
    }

    void fillRacingACancelIsBooked()
    {
        OrderManager oms;
        oms.create(0, 0, Side::Sell, OrderType::Limit, 100, Price::fromCents(500), 1);
        oms.apply(report(1, ExecType::Accepted), 2);
        QVERIFY(oms.requestCancel(1, 3));
        QCOMPARE(int(oms.find(1)->status), int(OrderStatus::CancelPending));
        QVERIFY(!oms.requestCancel(1, 3)); // already pending: nothing sent twice
        auto fill = oms.apply(report(1, ExecType::Fill, 100, Price::fromCents(500)), 4);
        QCOMPARE(fill.fillQty, Quantity(100));
        QCOMPARE(int(oms.find(1)->status), int(OrderStatus::Filled));
        // The broker's cancel answer then refers to a filled order: refused, nothing moves.
        auto late = oms.apply(report(1, ExecType::Cancelled), 5);
        QVERIFY(late.anomaly);
        QCOMPARE(int(oms.find(1)->status), int(OrderStatus::Filled));
    }

    void refusedCancelReturnsToWorking()
    {
        OrderManager oms;
        oms.create(0, 0, Side::Buy, OrderType::Limit, 100, Price::fromCents(500), 1);
        oms.apply(report(1, ExecType::Accepted), 2);
        oms.apply(report(1, ExecType::Fill, 40, Price::fromCents(500), 60), 3);
        oms.requestCancel(1, 4);
        oms.apply(report(1, ExecType::CancelReject), 5);
        QCOMPARE(int(oms.find(1)->status), int(OrderStatus::PartiallyFilled));
    }

    void overfillAndLateFillsAreAnomaliesButStillBooked()
    {
        OrderManager oms;
        oms.create(0, 0, Side::Buy, OrderType::Market, 100, {}, 1);
        oms.apply(report(1, ExecType::Accepted), 2);
        auto over = oms.apply(report(1, ExecType::Fill, 150, Price::fromCents(100)), 3);
        QVERIFY(over.anomaly);
        QCOMPARE(over.fillQty, Quantity(150)); // the broker executed it: the position exists
        QCOMPARE(oms.anomalyCount(), 1u);
        auto unknown = oms.apply(report(99, ExecType::Fill, 1, Price::fromCents(100)), 4);
        QVERIFY(unknown.order == nullptr);
        QCOMPARE(oms.anomalyCount(), 2u);
    }

    void aReplayedFillIsBookedOnce()
    {
        OrderManager oms;
        oms.create(0, 0, Side::Buy, OrderType::Limit, 300, Price::fromCents(1000), 1);
        oms.apply(report(1, ExecType::Accepted), 2);
        ExecReport first = report(1, ExecType::Fill, 100, Price::fromCents(1000), 200);
        first.executionId = 7;
        QCOMPARE(oms.apply(first, 3).fillQty, Quantity(100));
        // The broker sends the same execution again (a resync after a reconnect).
        const ExecOutcome again = oms.apply(first, 4);
        QVERIFY(again.duplicate);
        QCOMPARE(again.fillQty, Quantity(0));
        QCOMPARE(oms.find(1)->filledQty, Quantity(100));
        QCOMPARE(oms.fillCount(), 1u);
        QCOMPARE(oms.duplicateCount(), 1u);
        QCOMPARE(oms.anomalyCount(), 0u);
        // A different execution of the same size and price is a new fill.
        ExecReport second = first;
        second.executionId = 8;
        QCOMPARE(oms.apply(second, 5).fillQty, Quantity(100));
        QCOMPARE(oms.find(1)->filledQty, Quantity(200));
    }

    void localRejectsAreFinal()
    {
        OrderManager oms;
        Order &o = oms.create(1, 0, Side::Buy, OrderType::Market, 10, {}, 1);
        oms.rejectLocally(o, RejectReason::RiskLimit, 1);
        QCOMPARE(int(o.status), int(OrderStatus::Rejected));
        QCOMPARE(int(o.rejectReason), int(RejectReason::RiskLimit));
        QCOMPARE(oms.rejectCount(), 1u);
        QCOMPARE(oms.workingCount(), 0u);
        QVERIFY(!oms.requestCancel(1, 2));
    }

    void clientOrderIdsAreUniqueAndShort()
    {
        const std::string a = clientOrderId("20261120", "mr", 42);
        QCOMPARE(a, std::string("VG-20261120-mr-000042"));
        QVERIFY(a.size() <= 48);
        QVERIFY(clientOrderId("20261120", "mr", 43) != a);
        QVERIFY(clientOrderId("20261120", "sw", 42) != a);
    }
};

QTEST_APPLESS_MAIN(TestOrderState)
#include "tst_order_state.moc"
