// Fixed-point money and prices: parsing, formatting, rounding, exact arithmetic.
#include "api/Fixed.h"

#include <QTest>

using namespace vigil;

class TestFixed : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesExactDecimals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("raw");
        QTest::newRow("whole") << "123" << qint64(1'230'000);
        QTest::newRow("cents") << "100.25" << qint64(1'002'500);
        QTest::newRow("sub-penny") << "0.0035" << qint64(35);
        QTest::newRow("negative") << "-4.5" << qint64(-45'000);
        QTest::newRow("plus") << "+7.01" << qint64(70'100);
        QTest::newRow("leading dot") << ".5" << qint64(5'000);
    }
    void parsesExactDecimals()
    {
        QFETCH(QString, text);
        QFETCH(qint64, raw);
        const auto parsed = Money::parse(text.toStdString());
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->raw(), raw);
    }

    void refusesWhatIsNotAnExactDecimal_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("five decimals") << "1.00001";
        QTest::newRow("exponent") << "1e3";
        QTest::newRow("two dots") << "1.2.3";
        QTest::newRow("trailing dot") << "12.";
        QTest::newRow("blank") << " 1";
        QTest::newRow("sign only") << "-";
        QTest::newRow("too large") << "99999999999999999999";
    }
    void refusesWhatIsNotAnExactDecimal()
    {
        QFETCH(QString, text);
        QVERIFY(!Money::parse(text.toStdString()).has_value());
    }

    void formatsExactlyWithAtLeastCents()
    {
        QCOMPARE(Money::fromRaw(1'002'500).toString(), std::string("100.25"));
        QCOMPARE(Money::fromRaw(1'000'000).toString(), std::string("100.00"));
        QCOMPARE(Money::fromRaw(35).toString(), std::string("0.0035"));
        QCOMPARE(Money::fromRaw(-35).toString(), std::string("-0.0035"));
        QCOMPARE(Money::fromRaw(-1'234'5000).toString(), std::string("-1234.50"));
        QCOMPARE(Money{}.toString(), std::string("0.00"));
    }

    void roundsHalfAwayFromZero()
    {
        QCOMPARE(Money::fromRaw(12'345).toString(2), std::string("1.23")); // 1.2345
        QCOMPARE(Money::fromRaw(12'350).toString(2), std::string("1.24")); // 1.2350
        QCOMPARE(Money::fromRaw(-12'350).toString(2), std::string("-1.24"));
        QCOMPARE(Money::fromRaw(-49).toString(2), std::string("0.00"));
        QCOMPARE(Money::fromRaw(12'345).toString(0), std::string("1"));
    }

    void notionalAndAveragesAreExact()
    {
        QCOMPARE(notional(Price::fromCents(10'025), 300).raw(), Money::fromCents(3'007'500).raw());
        // 3 shares for $10.00 total: 3.3333... rounds to 3.3333
        QCOMPARE(averagePrice(Money::fromDollars(10), 3).raw(), 33'333);
        QCOMPARE(averagePrice(Money::fromDollars(-10), 3).raw(), -33'333);
        QCOMPARE(mulDiv(Money::fromRaw(5), 1, 2).raw(), 3);   // 2.5 -> 3
        QCOMPARE(mulDiv(Money::fromRaw(-5), 1, 2).raw(), -3); // -2.5 -> -3
        QCOMPARE(midPrice(Price::fromCents(10'001), Price::fromCents(10'002)).raw(), 1'000'150);
    }
};

QTEST_APPLESS_MAIN(TestFixed)
#include "tst_fixed.moc"
