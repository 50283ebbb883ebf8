// Exact P&L for scripted fills: partial closes, a flip from long to short, fees, marks,
// high-water mark and exposure.
#include "portfolio/Portfolio.h"

#include "core/Random.h"

#include <QTest>

using namespace vigil;

namespace {
Price px(const char *text) { return *Price::parse(text); }
Money usd(const char *text) { return *Money::parse(text); }
}

class TestPortfolio : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void partialClosesRealizeAgainstAverageCost()
    {
        Portfolio p(1, 1, Money::fromDollars(100'000));
        p.applyFill(0, 0, Side::Buy, 100, px("10.00"), {});
        p.applyFill(0, 0, Side::Buy, 200, px("10.30"), {});
        // average (1000 + 2060) / 300 = 10.20
        QCOMPARE(p.book(0).averagePrice(), px("10.20"));
        p.applyFill(0, 0, Side::Sell, 100, px("10.50"), {});
        QCOMPARE(p.realized(), usd("30.00")); // 100 * (10.50 - 10.20)
        QCOMPARE(p.position(0), Quantity(200));
        QCOMPARE(p.book(0).cost, usd("2040.00"));
        p.applyFill(0, 0, Side::Sell, 200, px("10.00"), {});
        QCOMPARE(p.realized(), usd("-10.00")); // 30 - 200 * 0.20
        QCOMPARE(p.position(0), Quantity(0));
        QCOMPARE(p.book(0).cost, Money{});
    }

    void roundTripIsExactEvenWhenAveragesRepeat()
    {
        // Three buys whose average is 10.3333...: the partial closes round the cost they
        // remove, the last close removes exactly what is left.
        Portfolio p(1, 1, Money::fromDollars(100'000));
        p.applyFill(0, 0, Side::Buy, 1, px("10.00"), {});
        p.applyFill(0, 0, Side::Buy, 1, px("10.00"), {});
        p.applyFill(0, 0, Side::Buy, 1, px("11.00"), {});
        p.applyFill(0, 0, Side::Sell, 1, px("12.00"), {});
        p.applyFill(0, 0, Side::Sell, 1, px("12.00"), {});
        p.applyFill(0, 0, Side::Sell, 1, px("12.00"), {});
        QCOMPARE(p.realized(), usd("5.00")); // 36 - 31
        QCOMPARE(p.unrealized(), Money{});
        QCOMPARE(p.equity(), Money::fromDollars(100'005));
    }

    void flipFromLongToShortOpensTheRemainderAtTheFillPrice()
    {
        Portfolio p(1, 1, Money::fromDollars(100'000));
        p.applyFill(0, 0, Side::Buy, 100, px("50.00"), {});
        p.applyFill(0, 0, Side::Sell, 250, px("52.00"), {});
        QCOMPARE(p.realized(), usd("200.00"));
        QCOMPARE(p.position(0), Quantity(-150));
        QCOMPARE(p.book(0).averagePrice(), px("52.00"));
        QCOMPARE(p.book(0).cost, usd("-7800.00"));
        p.mark(0, px("51.00"));
        QCOMPARE(p.unrealized(), usd("150.00")); // short 150 from 52 to 51
        p.applyFill(0, 0, Side::Buy, 150, px("51.50"), {});
        QCOMPARE(p.realized(), usd("275.00"));
        QCOMPARE(p.position(0), Quantity(0));
        QCOMPARE(p.unrealized(), Money{});
    }

    void feesAreChargedToRealized()
    {
        Portfolio p(1, 1, Money::fromDollars(10'000));
        p.applyFill(0, 0, Side::Buy, 100, px("20.00"), usd("0.35"));
        QCOMPARE(p.realized(), usd("-0.35"));
        p.applyFill(0, 0, Side::Sell, 100, px("20.10"), usd("0.35"));
        QCOMPARE(p.realized(), usd("9.30"));
        QCOMPARE(p.fees(), usd("0.70"));
        QCOMPARE(p.equity(), usd("10009.30"));
    }

    void marksMoveUnrealizedEquityAndWaterMark()
    {
        Portfolio p(2, 1, Money::fromDollars(10'000));
        p.applyFill(0, 0, Side::Buy, 10, px("100.00"), {});
        p.applyFill(0, 1, Side::Sell, 20, px("50.00"), {});
        p.mark(0, px("110.00"));
        p.mark(1, px("50.00"));
        QCOMPARE(p.unrealized(), usd("100.00"));
        QCOMPARE(p.highWaterMark(), usd("10100.00"));
        p.mark(0, px("95.00"));
        QCOMPARE(p.equity(), usd("9950.00"));
        QCOMPARE(p.drawdown(), usd("150.00"));
        QCOMPARE(p.maxDrawdown(), usd("150.00"));
        QCOMPARE(p.grossExposure(), usd("1950.00")); // 950 + 1000
        QCOMPARE(p.netExposure(), usd("-50.00"));    // 950 - 1000
        QCOMPARE(p.grossExposureWith(1, 0), usd("950.00"));
    }

    void strategiesKeepTheirOwnBooks()
    {
        Portfolio p(1, 2, Money::fromDollars(10'000));
        p.applyFill(0, 0, Side::Buy, 10, px("10.00"), {});
        p.applyFill(1, 0, Side::Sell, 10, px("11.00"), {});
        // Netted at the account: flat, 10 realized. Per strategy: two open positions.
        QCOMPARE(p.position(0), Quantity(0));
        QCOMPARE(p.realized(), usd("10.00"));
        QCOMPARE(p.position(0, 0), Quantity(10));
        QCOMPARE(p.position(1, 0), Quantity(-10));
        QCOMPARE(p.strategyOpenQty(0), Quantity(10));
        QCOMPARE(p.strategyRealized(1), Money{});
    }

    void strategyTotalsFollowEveryFillAndMark()
    {
        // The strategies' P&L is kept as running totals; it must equal the sum over their
        // books, to the cent, whatever the order of fills and marks, including where two
        // strategies hold positions that net to nothing at the account (its book is then flat
        // and a new mark moves nothing of the account's, but moves both strategies').
        Portfolio p(3, 2, Money::fromDollars(1'000'000));
        auto sums = [&p](StrategyId strategy, Money &realized, Money &unrealized) {
            realized = unrealized = Money{};
            for (SymbolId symbol = 0; symbol < 3; ++symbol) {
                realized += p.book(strategy, symbol).realized;
                unrealized += p.book(strategy, symbol).unrealized(p.markPrice(symbol));
            }
        };
        p.applyFill(0, 2, Side::Buy, 50, px("20.00"), {});
        p.applyFill(1, 2, Side::Sell, 50, px("20.00"), {});
        p.mark(2, px("21.00"));
        QCOMPARE(p.position(2), Quantity(0));
        QCOMPARE(p.strategyUnrealized(0), usd("50.00"));
        QCOMPARE(p.strategyUnrealized(1), usd("-50.00"));
        Random random(7);
        for (int step = 0; step < 2000; ++step) {
            const auto symbol = static_cast<SymbolId>(random.between(0, 2));
            const Price price = Price::fromCents(random.between(900, 1100));
            if (random.uniform() < 0.3)
                p.applyFill(static_cast<StrategyId>(random.between(0, 1)), symbol,
                            random.uniform() < 0.5 ? Side::Buy : Side::Sell, random.between(1, 300), price,
                            Money::fromCents(random.between(0, 100)));
            else
                p.mark(symbol, price);
            for (StrategyId strategy = 0; strategy < 2; ++strategy) {
                Money realized, unrealized;
                sums(strategy, realized, unrealized);
                QCOMPARE(p.strategyRealized(strategy), realized);
                QCOMPARE(p.strategyUnrealized(strategy), unrealized);
            }
        }
        // A restore and a new day start the totals from the books.
        Portfolio copy(3, 2, Money::fromDollars(1'000'000));
        copy.restore(p.state());
        QCOMPARE(copy.strategyRealized(0), p.strategyRealized(0));
        QCOMPARE(copy.strategyUnrealized(1), p.strategyUnrealized(1));
        p.startNewDay();
        QCOMPARE(p.strategyRealized(0), Money{});
        Money realized, unrealized;
        sums(1, realized, unrealized);
        QCOMPARE(p.strategyUnrealized(1), unrealized);
    }
};

QTEST_APPLESS_MAIN(TestPortfolio)
#include "tst_portfolio.moc"
