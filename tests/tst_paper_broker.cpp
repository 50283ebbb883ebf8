// The paper broker: fills against quotes, partial fills by displayed size, limit orders,
// rejections, cancels, expiry, fees, its own books, and fault injection.
#include "sim/PaperBroker.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {
Quote quote(SymbolId s, const char *bid, const char *ask, int bidSize, int askSize)
{
    return Quote{s, *Price::parse(bid), *Price::parse(ask), bidSize, askSize};
}
EngineMessage order(OrderId id, Side side, OrderType type, Quantity qty, const char *limit = "0")
{
    EngineMessage m;
    m.kind = EngineMessage::Kind::NewOrder;
    m.orderId = id;
    m.symbol = 0;
    m.side = side;
    m.type = type;
    m.qty = qty;
    m.limitPrice = *Price::parse(limit);
    return m;
}
EngineMessage cancelOf(OrderId id)
{
    EngineMessage m;
    m.kind = EngineMessage::Kind::Cancel;
    m.orderId = id;
    return m;
}
SimulatedBrokerConfig brokerConfig()
{
    SimulatedBrokerConfig c;
    c.startingCash = Money::fromDollars(100'000);
    c.buyingPowerMultiplier = 1.0;
    return c;
}
}

class TestPaperBroker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void marketOrderFillsAtTheFarSide()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "99.98", "100.02", 500, 500), out);
        b.onOrder(order(1, Side::Buy, OrderType::Market, 100), out);
        QCOMPARE(out.size(), 2u);
        QCOMPARE(int(out[0].type), int(ExecType::Accepted));
        QCOMPARE(int(out[1].type), int(ExecType::Fill));
        QCOMPARE(out[1].fillPrice, *Price::parse("100.02"));
        QCOMPARE(out[1].leavesQty, Quantity(0));
        QCOMPARE(b.position(0).qty, Quantity(100));
        QCOMPARE(b.cash(), *Money::parse("89998.00"));
        QCOMPARE(b.workingOrders(), 0u);
    }

    void largeOrdersFillInPartsOverLaterQuotes()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "9.99", "10.00", 300, 300), out);
        b.onOrder(order(1, Side::Buy, OrderType::Market, 1000), out);
        QCOMPARE(out.back().fillQty, Quantity(300));
        QCOMPARE(out.back().leavesQty, Quantity(700));
        out.clear();
        b.onQuote(quote(0, "10.00", "10.01", 400, 400), out);
        QCOMPARE(out.size(), 1u);
        QCOMPARE(out[0].fillQty, Quantity(400));
        QCOMPARE(out[0].fillPrice, *Price::parse("10.01"));
        out.clear();
        b.onQuote(quote(0, "10.00", "10.01", 900, 900), out);
        QCOMPARE(out[0].fillQty, Quantity(300));
        QCOMPARE(out[0].leavesQty, Quantity(0));
        QCOMPARE(b.position(0).qty, Quantity(1000));
        QCOMPARE(b.workingOrders(), 0u);
    }

    void limitOrdersRestUntilMarketable()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "20.00", "20.02", 500, 500), out);
        b.onOrder(order(1, Side::Sell, OrderType::Limit, 100, "20.05"), out);
        QCOMPARE(out.size(), 1u); // accepted, resting
        out.clear();
        b.onQuote(quote(0, "20.04", "20.06", 500, 500), out);
        QVERIFY(out.empty());
        b.onQuote(quote(0, "20.07", "20.09", 500, 500), out);
        QCOMPARE(out.size(), 1u);
        QCOMPARE(out[0].fillPrice, *Price::parse("20.07")); // price improvement over the limit
        QCOMPARE(b.position(0).qty, Quantity(-100));
    }

    void refusesWhatItCannotTake()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onOrder(order(1, Side::Buy, OrderType::Market, 10), out); // no quote yet
        QCOMPARE(int(out.back().reason), int(RejectReason::UnknownSymbol));
        b.onQuote(quote(0, "50.00", "50.01", 500, 500), out);
        b.onOrder(order(2, Side::Buy, OrderType::Market, 0), out);
        QCOMPARE(int(out.back().type), int(ExecType::Rejected));
        QCOMPARE(int(out.back().reason), int(RejectReason::InvalidQuantity));
        b.onOrder(order(3, Side::Buy, OrderType::Limit, 10, "0"), out);
        QCOMPARE(int(out.back().reason), int(RejectReason::InvalidPrice));
        b.onOrder(order(4, Side::Buy, OrderType::Market, 2500), out); // 125k > 100k
        QCOMPARE(int(out.back().type), int(ExecType::Rejected));
        QCOMPARE(int(out.back().reason), int(RejectReason::InsufficientBuyingPower));
        QCOMPARE(b.position(0).qty, Quantity(0));
        QCOMPARE(b.cash(), Money::fromDollars(100'000));
    }

    void reducingOrdersNeedNoBuyingPower()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "50.00", "50.01", 5000, 5000), out);
        b.onOrder(order(1, Side::Buy, OrderType::Market, 1900), out);
        QCOMPARE(b.position(0).qty, Quantity(1900));
        b.onOrder(order(2, Side::Sell, OrderType::Market, 1900), out);
        QCOMPARE(int(out.back().type), int(ExecType::Fill));
        QCOMPARE(b.position(0).qty, Quantity(0));
    }

    void cancelsAndExpiry()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "10.00", "10.01", 500, 500), out);
        b.onOrder(order(1, Side::Buy, OrderType::Limit, 100, "9.50"), out);
        b.onOrder(order(2, Side::Buy, OrderType::Limit, 100, "9.60"), out);
        out.clear();
        b.onOrder(cancelOf(1), out);
        QCOMPARE(int(out.back().type), int(ExecType::Cancelled));
        b.onOrder(cancelOf(1), out);
        QCOMPARE(int(out.back().type), int(ExecType::CancelReject));
        QCOMPARE(int(out.back().reason), int(RejectReason::UnknownOrder));
        out.clear();
        b.expireAll(out);
        QCOMPARE(out.size(), 1u);
        QCOMPARE(out[0].orderId, OrderId(2));
        QCOMPARE(int(out[0].type), int(ExecType::Expired));
        QCOMPARE(b.workingOrders(), 0u);
    }

    void chargesFeesWithAMinimum()
    {
        SimulatedBrokerConfig c = brokerConfig();
        c.feePerShare = *Money::parse("0.0035");
        c.minFeePerOrder = *Money::parse("0.35");
        PaperBroker b(c, 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "10.00", "10.01", 5000, 5000), out);
        b.onOrder(order(1, Side::Buy, OrderType::Market, 10), out);
        QCOMPARE(out.back().fee, *Money::parse("0.35"));
        b.onOrder(order(2, Side::Buy, OrderType::Market, 1000), out);
        QCOMPARE(out.back().fee, *Money::parse("3.50"));
        QCOMPARE(b.cash(), *Money::parse("89886.05")); // 100000 - 10110 - 3.85
    }

    void itsBooksOutliveIt()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("paper-broker.sqlite")).toStdString();
        std::vector<ExecReport> out;
        {
            PaperBrokerStore store;
            QCOMPARE(store.open(path), std::string());
            PaperBroker b(brokerConfig(), 1);
            QCOMPARE(b.attach(&store, {"AAPL"}, "2026-11-20"), std::string());
            QVERIFY(b.loadedAccount().fresh);
            b.setClock(100);
            b.onQuote(quote(0, "10.00", "10.01", 300, 300), out);
            EngineMessage big = order(1, Side::Buy, OrderType::Market, 500);
            big.setClientOrderId("VG-20261120-mr-000001");
            b.onOrder(big, out); // 300 now, 200 still working
            QCOMPARE(b.persist(), std::string());
        }
        // A new broker on the same file, as after a crash of the process that held it.
        PaperBrokerStore store;
        QCOMPARE(store.open(path), std::string());
        PaperBroker b(brokerConfig(), 1);
        QCOMPARE(b.attach(&store, {"AAPL"}, "2026-11-20"), std::string());
        QVERIFY(!b.loadedAccount().fresh);
        QCOMPARE(b.loadedAccount().clock, SimTime(100));
        QCOMPARE(b.position(0).qty, Quantity(300));
        QCOMPARE(b.cash(), *Money::parse("96997.00"));
        QCOMPARE(b.workingOrders(), 1u);
        out.clear();
        b.onQuote(quote(0, "10.00", "10.01", 300, 300), out); // the rest fills, with a new execution id
        QCOMPARE(out.size(), 1u);
        QCOMPARE(out[0].fillQty, Quantity(200));
        QCOMPARE(out[0].executionId, std::uint64_t(2));
        // The same client order id again is refused and counted: never a second order.
        out.clear();
        EngineMessage again = order(7, Side::Buy, OrderType::Market, 10);
        again.setClientOrderId("VG-20261120-mr-000001");
        b.onOrder(again, out);
        QCOMPARE(int(out[0].reason), int(RejectReason::DuplicateClientOrderId));
        QCOMPARE(b.persist(), std::string());
        std::vector<BrokerOrder> orders;
        QCOMPARE(store.ordersOf("2026-11-20", orders), std::string());
        QCOMPARE(orders.size(), 1u);
        QCOMPARE(orders[0].status, std::string("filled"));
        QCOMPARE(orders[0].executions.size(), 2u);
        BrokerAccount account;
        QCOMPARE(store.loadAccount(Money{}, account), std::string());
        QCOMPARE(account.duplicateClientIds, std::uint64_t(1));
        QCOMPARE(account.positions["AAPL"].qty, Quantity(500));
        // The next day: yesterday's working orders would expire; positions carry over.
        PaperBroker tomorrow(brokerConfig(), 1);
        QCOMPARE(tomorrow.attach(&store, {"AAPL"}, "2026-11-23"), std::string());
        QCOMPARE(tomorrow.position(0).qty, Quantity(500));
        QCOMPARE(tomorrow.workingOrders(), 0u);
        // A position in a symbol the configuration lost is an error, not a silent drop.
        PaperBroker renamed(brokerConfig(), 1);
        QVERIFY(
            QString::fromStdString(renamed.attach(&store, {"MSFT"}, "2026-11-23")).contains(QStringLiteral("AAPL")));
    }

    void faultInjection()
    {
        PaperBroker b(brokerConfig(), 1);
        std::vector<ExecReport> out;
        b.onQuote(quote(0, "10.00", "10.01", 500, 500), out);
        b.setConnected(false);
        b.onOrder(order(1, Side::Buy, OrderType::Market, 10), out);
        QCOMPARE(int(out.back().reason), int(RejectReason::BrokerUnavailable));
        b.setConnected(true);
        b.addErrorBurst(2);
        b.onOrder(order(2, Side::Buy, OrderType::Market, 10), out);
        QCOMPARE(int(out.back().reason), int(RejectReason::BrokerError));
        b.onOrder(order(3, Side::Buy, OrderType::Market, 10), out);
        QCOMPARE(int(out.back().reason), int(RejectReason::BrokerError));
        b.onOrder(order(4, Side::Buy, OrderType::Market, 10), out);
        QCOMPARE(int(out.back().type), int(ExecType::Fill));
    }
};

QTEST_APPLESS_MAIN(TestPaperBroker)
#include "tst_paper_broker.moc"
