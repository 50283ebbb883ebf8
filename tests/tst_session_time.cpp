// The session calendar: New York hours in UTC across daylight-saving changes.
#include "api/Time.h"

#include <QTest>

using namespace vigil;

class TestSessionTime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensAtNineThirtyNewYork_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("month");
        QTest::addColumn<int>("day");
        QTest::addColumn<qint64>("openUtc");                               // seconds since the epoch
        QTest::newRow("winter") << 2026 << 11 << 20 << qint64(1795185000); // 14:30 UTC
        QTest::newRow("summer") << 2026 << 7 << 15 << qint64(1784122200);  // 13:30 UTC
        QTest::newRow("day DST starts") << 2026 << 3 << 9 << qint64(1773063000);
        QTest::newRow("day DST ends") << 2026 << 11 << 2 << qint64(1793629800);
    }
    void opensAtNineThirtyNewYork()
    {
        QFETCH(int, year);
        QFETCH(int, month);
        QFETCH(int, day);
        QFETCH(qint64, openUtc);
        const SessionWindow w = sessionFor(Date{year, month, day});
        QCOMPARE(w.open / kNsPerSecond, openUtc);
        QCOMPARE(w.close - w.open, 390 * kNsPerMinute);
        QCOMPARE(w.clockText(w.open), std::string("09:30:00"));
        QCOMPARE(w.clockText(w.close), std::string("16:00:00"));
        QCOMPARE(w.secondsOfDay(w.at(15, 55)), 15 * 3600 + 55 * 60);
    }

    void datesValidate()
    {
        QVERIFY(Date({2028, 2, 29}).isValid());
        QVERIFY(!Date({2026, 2, 29}).isValid());
        QVERIFY(!Date({2026, 13, 1}).isValid());
        QCOMPARE(Date({2026, 1, 5}).toIso(), std::string("2026-01-05"));
        QCOMPARE(Date({2026, 1, 5}).toCompact(), std::string("20260105"));
    }
};

QTEST_APPLESS_MAIN(TestSessionTime)
#include "tst_session_time.moc"
