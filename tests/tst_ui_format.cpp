// The dashboard's number formatting: money grouped and signed from the exact
// fixed-point text, percentages, latencies in a sensible unit, heartbeat ages, speed.

#include "Format.h"

#include <QTest>

using namespace vigil;

class TestUiFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void money();
    void percent();
    void duration();
    void age();
    void speedAndCount();
};

void TestUiFormat::money()
{
    using format::Sign;
    QCOMPARE(format::money(Money::fromCents(123'450)), QStringLiteral("$1,234.50"));
    QCOMPARE(format::money(Money::fromCents(-123'450)), QStringLiteral("-$1,234.50"));
    QCOMPARE(format::money(Money::fromCents(123'450), Sign::Always), QStringLiteral("+$1,234.50"));
    QCOMPARE(format::money(Money{}, Sign::Always), QStringLiteral("$0.00"));
    QCOMPARE(format::money(Money::fromDollars(1'234'567)), QStringLiteral("$1,234,567.00"));
    QCOMPARE(format::money(Money::fromCents(99)), QStringLiteral("$0.99"));
    QCOMPARE(format::money(Money::fromDollars(100)), QStringLiteral("$100.00"));
    // Rounded half away from zero from the exact value, never through a double.
    QCOMPARE(format::money(Money::fromRaw(-50)), QStringLiteral("-$0.01"));
    QCOMPARE(format::money(Money::fromRaw(-49), Sign::Always), QStringLiteral("$0.00"));
    QCOMPARE(format::money(Money::fromRaw(1'000'000'000'005)), QStringLiteral("$100,000,000.00"));
}

void TestUiFormat::percent()
{
    using format::Sign;
    QCOMPARE(format::percent(0.012345), QStringLiteral("1.23%"));
    QCOMPARE(format::percent(0.012345, Sign::Always), QStringLiteral("+1.23%"));
    QCOMPARE(format::percent(-0.5), QStringLiteral("-50.00%"));
    QCOMPARE(format::percent(-0.00001, Sign::Always), QStringLiteral("0.00%"));
    QCOMPARE(format::percent(std::nullopt), QStringLiteral("—"));
    QCOMPARE(format::ratio(Money::fromDollars(1), Money{}), std::optional<double>());
    QCOMPARE(*format::ratio(Money::fromDollars(1), Money::fromDollars(4)), 0.25);
}

void TestUiFormat::duration()
{
    QCOMPARE(format::duration(850), QStringLiteral("850 ns"));
    QCOMPARE(format::duration(8'400), QStringLiteral("8.40 µs"));
    QCOMPARE(format::duration(12'345), QStringLiteral("12.3 µs"));
    QCOMPARE(format::duration(999'000), QStringLiteral("999 µs"));
    QCOMPARE(format::duration(45'200'000), QStringLiteral("45.2 ms"));
    QCOMPARE(format::duration(620'000'000), QStringLiteral("620 ms"));
    QCOMPARE(format::duration(1'250'000'000), QStringLiteral("1.25 s"));
}

void TestUiFormat::age()
{
    QCOMPARE(format::age(120), QStringLiteral("120 ms"));
    QCOMPARE(format::age(4'240), QStringLiteral("4.2 s"));
    QCOMPARE(format::age(185'000), QStringLiteral("3m 05s"));
    QCOMPARE(format::age(3'720'000), QStringLiteral("1h 02m"));
}

void TestUiFormat::speedAndCount()
{
    QCOMPARE(format::speed(0), QStringLiteral("max"));
    QCOMPARE(format::speed(60), QStringLiteral("60x"));
    QCOMPARE(format::speed(1.5), QStringLiteral("1.5x"));
    QCOMPARE(format::count(0), QStringLiteral("0"));
    QCOMPARE(format::count(1'284'733), QStringLiteral("1,284,733"));
}

QTEST_MAIN(TestUiFormat)
#include "tst_ui_format.moc"
