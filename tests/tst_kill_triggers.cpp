// The automatic kill triggers on their own, driven with facts (the books' figures, the last
// market data, the broker's answers, the clock): when each warns, when each fires, and that
// a single bad evaluation never fires one.
#include "risk/KillTriggers.h"

#include <QTest>

using namespace vigil;

namespace {

RiskConfig limits()
{
    RiskConfig r;
    r.killDrawdownPct = 2.0;
    r.killBrokerErrors = 5;
    r.killFeedSilenceSeconds = 120;
    r.warnAtPct = 80.0;
    r.triggerConfirmSeconds = 3;
    return r;
}

constexpr SimTime kOpen = 1000 * kNsPerSecond;
SimTime at(int seconds) { return kOpen + SimTime{seconds} * kNsPerSecond; }

/// Start-of-day equity 100,000 $, the day's high 100,000 $, equity `dollars` now.
KillTriggers::Account equity(std::int64_t dollars)
{
    return {Money::fromDollars(100'000), Money::fromDollars(100'000), Money::fromDollars(dollars)};
}

} // namespace

class TestKillTriggers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawdownWarnsOnceThenFiresWhenTheBreachHasLasted()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        // 1.5 % of 2 %: 75 % of the limit, under the warning level.
        KillTriggers::Decision d = triggers.evaluate(at(1), equity(98'500));
        QVERIFY(d.warnings.empty());
        QVERIFY(d.kill.empty());
        // 1.7 %: 85 % of the limit, one warning and only one while it stays there.
        d = triggers.evaluate(at(2), equity(98'300));
        QCOMPARE(d.warnings, std::vector<std::string>{"daily drawdown at 85.00% of its kill limit"});
        QVERIFY(d.kill.empty());
        d = triggers.evaluate(at(3), equity(98'300));
        QVERIFY(d.warnings.empty());
        // Exactly at the limit is a breach; it fires once it has lasted 3 s over two evaluations.
        d = triggers.evaluate(at(10), equity(98'000));
        QVERIFY(d.kill.empty());
        d = triggers.evaluate(at(11), equity(97'900));
        QVERIFY2(d.kill.empty(), "fired after 1 s of breach; the confirmation is 3 s");
        d = triggers.evaluate(at(12), equity(97'900));
        QVERIFY(d.kill.empty());
        d = triggers.evaluate(at(13), equity(97'900));
        QCOMPARE(d.kill, std::string("daily drawdown 2.10% of start-of-day equity, beyond 2.00% for 3 s"));
        QVERIFY(d.warnings.empty());
    }

    void aSingleBadEvaluationNeverFires()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        // One evaluation in breach, then back under the limit: the breach starts over.
        QVERIFY(triggers.evaluate(at(1), equity(97'000)).kill.empty());
        QVERIFY(triggers.evaluate(at(5), equity(99'000)).kill.empty());
        QVERIFY(triggers.evaluate(at(6), equity(97'000)).kill.empty());
        QVERIFY2(triggers.evaluate(at(8), equity(97'000)).kill.empty(), "the breach that began at 6 s is 2 s old");
        QVERIFY(!triggers.evaluate(at(9), equity(97'000)).kill.empty());
        // Without a confirmation time a breach still needs a second evaluation.
        RiskConfig immediate = limits();
        immediate.triggerConfirmSeconds = 0;
        KillTriggers once(immediate);
        once.marketData(at(0));
        QVERIFY2(once.evaluate(at(1), equity(97'000)).kill.empty(), "fired on one evaluation");
        QVERIFY(!once.evaluate(at(2), equity(97'000)).kill.empty());
    }

    void drawdownIsMeasuredFromTheDaysHigh()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        // Up 3,000 $ then back to 101,000 $: 2,000 $ from the high is 2 % of the start.
        const KillTriggers::Account fromHigh{Money::fromDollars(100'000), Money::fromDollars(103'000),
                                             Money::fromDollars(101'000)};
        QCOMPARE(KillTriggers::drawdownPctOfStart(fromHigh), 2.0);
        QVERIFY(triggers.evaluate(at(1), fromHigh).kill.empty());
        QCOMPARE(triggers.evaluate(at(4), fromHigh).kill,
                 std::string("daily drawdown 2.00% of start-of-day equity, beyond 2.00% for 3 s"));
    }

    void marketDataSilenceWarnsThenFires()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        const KillTriggers::Account flat = equity(100'000);
        QVERIFY(triggers.evaluate(at(90), flat).warnings.empty()); // 75 %
        KillTriggers::Decision d = triggers.evaluate(at(100), flat);
        QCOMPARE(d.warnings, std::vector<std::string>{"market data silence at 83.33% of its kill limit"});
        QVERIFY(triggers.evaluate(at(120), flat).kill.empty()); // breach begins
        QVERIFY(triggers.evaluate(at(121), flat).kill.empty());
        QCOMPARE(triggers.evaluate(at(123), flat).kill, std::string("market data silent for 123.00 s (limit 120 s)"));
        QCOMPARE(triggers.silenceSeconds(at(123)), 123.0);
    }

    void marketDataEndsTheSilence()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        const KillTriggers::Account flat = equity(100'000);
        QCOMPARE(triggers.evaluate(at(100), flat).warnings.size(), std::size_t(1));
        QVERIFY(triggers.evaluate(at(125), flat).kill.empty());
        triggers.marketData(at(126)); // a quote
        QVERIFY(triggers.evaluate(at(130), flat).kill.empty());
        QCOMPARE(triggers.lastMarketData(), at(126));
        // Silent again: it warns again (the warning re-arms below its level) and the breach
        // starts from scratch.
        QCOMPARE(triggers.evaluate(at(226), flat).warnings.size(), std::size_t(1));
        QVERIFY(triggers.evaluate(at(246), flat).kill.empty());
        QVERIFY(triggers.evaluate(at(248), flat).kill.empty());
        QVERIFY(!triggers.evaluate(at(249), flat).kill.empty());
    }

    void noMarketDataYetIsNoSilence()
    {
        KillTriggers triggers(limits());
        QCOMPARE(triggers.silenceSeconds(at(500)), 0.0);
        QVERIFY(triggers.evaluate(at(500), equity(100'000)).warnings.empty());
        QVERIFY(triggers.evaluate(at(600), equity(100'000)).kill.empty());
    }

    void brokerErrorsInARowFireAtTheirLimit()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        // Refusals that are not the broker's failure do not count.
        triggers.brokerReport(ExecType::Rejected, RejectReason::InsufficientBuyingPower);
        QCOMPARE(triggers.brokerErrorStreak(), 0);
        for (int i = 0; i < 3; ++i)
            triggers.brokerReport(ExecType::Rejected, RejectReason::BrokerError);
        QVERIFY(triggers.evaluate(at(1), equity(100'000)).warnings.empty()); // 60 %
        triggers.brokerReport(ExecType::CancelReject, RejectReason::BrokerUnavailable);
        QVERIFY(triggers.brokerStreakKill().empty());
        // 4 of 5: a warning, from the clock's evaluation; the evaluation never fires it.
        KillTriggers::Decision d = triggers.evaluate(at(2), equity(100'000));
        QCOMPARE(d.warnings, std::vector<std::string>{"4 broker errors in a row, kill at 5"});
        QVERIFY(d.kill.empty());
        QVERIFY(triggers.evaluate(at(3), equity(100'000)).warnings.empty());
        triggers.brokerReport(ExecType::Rejected, RejectReason::BrokerError);
        QCOMPARE(triggers.brokerStreakKill(), std::string("5 consecutive broker errors (limit 5)"));
        QVERIFY2(triggers.evaluate(at(4), equity(100'000)).kill.empty(), "the streak fires on the report, not here");
    }

    void anAnswerFromTheBrokerEndsTheStreak()
    {
        KillTriggers triggers(limits());
        for (int i = 0; i < 4; ++i)
            triggers.brokerReport(ExecType::Rejected, RejectReason::BrokerError);
        triggers.brokerReport(ExecType::Expired, RejectReason::None); // says nothing of the broker
        QCOMPARE(triggers.brokerErrorStreak(), 4);
        triggers.brokerReport(ExecType::Accepted, RejectReason::None);
        QCOMPARE(triggers.brokerErrorStreak(), 0);
        for (int i = 0; i < 4; ++i)
            triggers.brokerReport(ExecType::Rejected, RejectReason::BrokerError);
        triggers.brokerReport(ExecType::Fill, RejectReason::None);
        triggers.brokerReport(ExecType::Rejected, RejectReason::BrokerError);
        QCOMPARE(triggers.brokerErrorStreak(), 1);
        QVERIFY(triggers.brokerStreakKill().empty());
    }

    void drawdownComesBeforeSilence()
    {
        KillTriggers triggers(limits());
        triggers.marketData(at(0));
        QVERIFY(triggers.evaluate(at(130), equity(97'000)).kill.empty());
        const KillTriggers::Decision d = triggers.evaluate(at(135), equity(97'000));
        QCOMPARE(d.kill, std::string("daily drawdown 3.00% of start-of-day equity, beyond 2.00% for 5 s"));
    }
};

QTEST_APPLESS_MAIN(TestKillTriggers)
#include "tst_kill_triggers.moc"
