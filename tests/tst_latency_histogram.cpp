// Fixed-memory latency histogram: bucket edges and percentiles within its stated error.
#include "health/LatencyHistogram.h"

#include <QTest>

using namespace vigil;

class TestLatencyHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bucketsCoverValuesWithSmallRelativeError()
    {
        for (std::uint64_t v : {0ull, 1ull, 31ull, 32ull, 33ull, 1000ull, 123456ull, 987654321ull, 1ull << 39}) {
            const int i = LatencyHistogram::indexOf(v);
            const std::uint64_t edge = LatencyHistogram::upperEdge(i);
            QVERIFY2(edge >= v, qPrintable(QString::number(v)));
            QVERIFY2(static_cast<double>(edge - v) <= 0.032 * static_cast<double>(v) + 1,
                     qPrintable(QString::number(v)));
        }
        QCOMPARE(LatencyHistogram::indexOf(1ull << 62), LatencyHistogram::kBucketCount - 1);
    }

    void percentilesOfAUniformSpread()
    {
        LatencyHistogram h;
        for (int i = 1; i <= 10'000; ++i)
            h.record(i * 1000); // 1 us .. 10 ms
        QCOMPARE(h.count(), 10'000u);
        QCOMPARE(h.max(), 10'000'000);
        auto near = [](std::int64_t got, double want) {
            return std::abs(static_cast<double>(got) - want) <= 0.035 * want;
        };
        QVERIFY(near(h.quantile(0.50), 5'000'000));
        QVERIFY(near(h.quantile(0.95), 9'500'000));
        QVERIFY(near(h.quantile(0.99), 9'900'000));
        QCOMPARE(h.quantile(1.0), 10'000'000);
    }

    void emptyAndReset()
    {
        LatencyHistogram h;
        QCOMPARE(h.quantile(0.5), 0);
        h.record(-5); // clock skew: counted as zero, never a negative bucket
        QCOMPARE(h.quantile(0.5), 0);
        h.record(42);
        h.reset();
        QCOMPARE(h.count(), 0u);
    }
};

QTEST_APPLESS_MAIN(TestLatencyHistogram)
#include "tst_latency_histogram.moc"
