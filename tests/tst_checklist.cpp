// The checklists judged on constructed states: each item passes, warns and fails where an
// operator would expect, with the measured value and the threshold; the facts gathered
// from a real journal and data directory; and the day's schedule.

#include "SyntheticDay.h"

#include "api/ChecklistFacts.h"
#include "api/ChecklistRunner.h"
#include "api/DaySchedule.h"
#include "api/Snapshot.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {

/// For QCOMPARE: a verdict as its text.
QString st(CheckStatus status) { return QString::fromLatin1(toString(status).data()); }

/// A morning where everything is as it should be.
ChecklistFacts healthyMorning()
{
    ChecklistFacts f;
    f.today = Date{2026, 11, 20};
    f.dataDir = "/srv/vigil";
    f.engineRunning = true;
    f.sessionOpen = true;
    for (const char *name : {"market data", "strategies", "risk", "broker", "store", "engine"})
        f.components.push_back({name, true, 200});
    f.feedUp = true;
    f.feedAgeMs = 200;
    f.diskFreeBytes = 400'000'000'000;
    f.diskTotalBytes = 1'000'000'000'000;
    f.errorsKnown = true;
    f.lastSession = "2026-11-19";
    f.accountKnown = true;
    f.accountActive = true;
    f.buyingPower = Money::fromDollars(2'000'000);
    f.limitsInForce = 9;
    f.killTriggersArmed = 3;
    f.held = {{"KO", 783, Price::fromCents(6300), Price::fromCents(6391)}};
    f.strategies = {{"intraday_mean_reversion", true, Date{2026, 10, 1}}, {"swing_momentum", true, Date{2026, 9, 1}}};
    f.backupsKnown = true;
    f.verifiedBackups = 3;
    f.newestVerifiedAgeMs = 3 * 3'600'000;
    f.newestVerifiedName = "vigil-backup-20261119T211000000Z-daily.tar";
    f.newestVerifiedIsDaily = true;
    f.newestVerifiedHasLogs = true;
    return f;
}

/// An evening where every end-of-day task was done.
ChecklistFacts goodEvening()
{
    ChecklistFacts f = healthyMorning();
    f.sessionOpen = false;
    f.sessionClosed = true;
    f.positionsKnown = true;
    f.reportPath = "/srv/vigil/reports/vigil-report-2026-11-20.pdf";
    f.reportBytes = 120'000;
    f.reconciled = true;
    f.reconciliationComplete = true;
    f.reconciliationSummary = "clean: 3 positions and 0 working orders agree with the broker";
    return f;
}

const CheckItem &itemOf(const ChecklistResult &r, const char *id)
{
    for (const CheckItem &i : r.items)
        if (i.id == id)
            return i;
    static const CheckItem missing;
    qFatal("no item %s", id);
    return missing;
}

CheckStatus statusOf(ChecklistKind kind, const ChecklistFacts &f, const char *id, const ChecklistConfig &c = {})
{
    return itemOf(runChecklist(kind, f, c), id).status;
}

} // namespace

class TestChecklist : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aHealthyMorningPassesEveryItem()
    {
        const ChecklistResult r = runChecklist(ChecklistKind::PreMarket, healthyMorning(), ChecklistConfig{});
        QCOMPARE(r.items.size(), std::size_t(11));
        for (const CheckItem &i : r.items) {
            QVERIFY2(i.status == CheckStatus::Pass, (i.id + ": " + i.measured + " / " + i.detail).c_str());
            QVERIFY2(!i.measured.empty() && !i.threshold.empty(), i.id.c_str());
        }
        QCOMPARE(st(r.worst()), st(CheckStatus::Pass));
        QVERIFY(!r.failed());
        QCOMPARE(r.summary(), std::string("11 items: 11 pass, 0 warn, 0 fail"));
    }

    void aStaleOrSilentFeedFails()
    {
        ChecklistFacts f = healthyMorning();
        f.feedAgeMs = 6 * 60'000;
        const CheckItem feed = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "feed");
        QCOMPARE(st(feed.status), st(CheckStatus::Fail));
        QCOMPARE(feed.measured, std::string("connected, last message 6 min ago"));
        QCOMPARE(feed.threshold, std::string("connected, last message < 300 s"));
        // The threshold is the configuration's.
        ChecklistConfig lenient;
        lenient.feedMaxAgeSeconds = 600;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "feed", lenient)), st(CheckStatus::Pass));
        f = healthyMorning();
        f.feedUp = false;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "feed")), st(CheckStatus::Fail));
        // A silent component fails the heartbeats, once the market is open.
        f = healthyMorning();
        f.components[1].ageMs = 45'000;
        const CheckItem beats = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "heartbeats");
        QCOMPARE(st(beats.status), st(CheckStatus::Fail));
        QVERIFY2(beats.detail.find("strategies silent") != std::string::npos, beats.detail.c_str());
        f.sessionOpen = false;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "heartbeats")), st(CheckStatus::Pass));
        f.components[2].up = false;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "heartbeats")), st(CheckStatus::Fail));
    }

    void aFullDiskFailsAndANearlyFullOneWarns()
    {
        ChecklistFacts f = healthyMorning();
        f.diskFreeBytes = 79'000'000'000; // 7.9 %
        const CheckItem disk = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "disk");
        QCOMPARE(st(disk.status), st(CheckStatus::Fail));
        QVERIFY2(disk.measured.rfind("7.9 % free", 0) == 0, disk.measured.c_str());
        QCOMPARE(disk.threshold, std::string("> 10 % free (warn below 15 %)"));
        f.diskFreeBytes = 120'000'000'000; // 12 %
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "disk")), st(CheckStatus::Warn));
        f.diskFreeBytes = -1; // could not look
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "disk")), st(CheckStatus::Fail));
    }

    void aBlockedOrUnknownAccountFails()
    {
        ChecklistFacts f = healthyMorning();
        f.tradingBlocked = true;
        const CheckItem account = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "account");
        QCOMPARE(st(account.status), st(CheckStatus::Fail));
        QCOMPARE(account.measured, std::string("active, TRADING BLOCKED, buying power 2000000.00"));
        f = healthyMorning();
        f.accountActive = false;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "account")), st(CheckStatus::Fail));
        f = healthyMorning();
        f.accountKnown = false;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "account")), st(CheckStatus::Fail));
        f = healthyMorning();
        f.patternDayTrader = true;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "account")), st(CheckStatus::Warn));
    }

    void theTradingStateIsJudgedByWhoStoppedItAndWhy()
    {
        ChecklistFacts f = healthyMorning();
        f.state = TradingState::Paused;
        f.stateActor = "alice (console)";
        f.stateReason = "waiting for the CPI print";
        const CheckItem paused = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "trading_state");
        QCOMPARE(st(paused.status), st(CheckStatus::Warn));
        QCOMPARE(paused.measured, std::string("PAUSED by alice (console): waiting for the CPI print"));
        f.stateActor = "system (reconciliation)";
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "trading_state")), st(CheckStatus::Fail));
        f.state = TradingState::Killed;
        f.stateActor = "risk";
        const ChecklistResult killed = runChecklist(ChecklistKind::PreMarket, f, {});
        QCOMPARE(st(itemOf(killed, "trading_state").status), st(CheckStatus::Fail));
        QCOMPARE(st(itemOf(killed, "risk").status), st(CheckStatus::Fail)); // the kill switch is latched, not armed
        f = healthyMorning();
        f.killTriggersArmed = 0;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "risk")), st(CheckStatus::Fail));
    }

    void overnightGapsAndOldStrategiesWarn()
    {
        ChecklistFacts f = healthyMorning();
        f.held.push_back({"TSLA", 195, Price::fromCents(25000), Price::fromCents(26500)}); // +6 %
        const CheckItem gaps = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "gaps");
        QCOMPARE(st(gaps.status), st(CheckStatus::Warn));
        QCOMPARE(gaps.measured, std::string("2 held: TSLA +6.0 %"));
        ChecklistConfig wide;
        wide.overnightGapPct = 7.0;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "gaps", wide)), st(CheckStatus::Pass));

        f = healthyMorning();
        f.strategies[1].deployed = Date{2026, 6, 1}; // 172 days before 2026-11-20
        const CheckItem age = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "strategy_age");
        QCOMPARE(st(age.status), st(CheckStatus::Warn));
        QVERIFY2(age.detail.find("swing_momentum is 172 days old") != std::string::npos, age.detail.c_str());
        f.strategies[1].enabled = false; // a disabled strategy does not trade: not flagged
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "strategy_age")), st(CheckStatus::Pass));
        f.strategies[0].deployed.reset();
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "strategy_age")), st(CheckStatus::Warn));
    }

    void backupsMissingFailAndOldOnesWarn()
    {
        ChecklistFacts f = healthyMorning();
        f.newestVerifiedAgeMs = 30 * 3'600'000LL;
        QCOMPARE(st(statusOf(ChecklistKind::PreMarket, f, "backup")), st(CheckStatus::Warn));
        f.verifiedBackups = 0;
        f.badBackups = 2;
        const CheckItem none = itemOf(runChecklist(ChecklistKind::PreMarket, f, {}), "backup");
        QCOMPARE(st(none.status), st(CheckStatus::Fail));
        QCOMPARE(none.measured, std::string("none, 2 BAD"));
    }

    void withoutAnEngineItsItemsFailSayingWhy()
    {
        ChecklistFacts f = healthyMorning();
        f.engineRunning = false;
        f.engineProblem = "no vigil is running on /srv/vigil";
        const ChecklistResult r = runChecklist(ChecklistKind::PreMarket, f, {});
        for (const char *id : {"engine", "heartbeats", "feed", "risk", "gaps", "trading_state"}) {
            QCOMPARE(st(itemOf(r, id).status), st(CheckStatus::Fail));
            QCOMPARE(itemOf(r, id).detail, f.engineProblem);
        }
        // What needs no engine is still judged.
        QCOMPARE(st(itemOf(r, "disk").status), st(CheckStatus::Pass));
        QCOMPARE(st(itemOf(r, "backup").status), st(CheckStatus::Pass));
        QVERIFY(r.failed());
        QVERIFY2(r.summary().find("(engine, heartbeats, feed, risk, gaps, trading_state)") != std::string::npos,
                 r.summary().c_str());
    }

    void theEndOfDayNamesWhatIsLeftUndone()
    {
        QVERIFY(!runChecklist(ChecklistKind::EndOfDay, goodEvening(), {}).failed());
        ChecklistFacts f = goodEvening();
        f.openIntraday = {{"intraday_mean_reversion", "NVDA", 150}};
        const CheckItem flat = itemOf(runChecklist(ChecklistKind::EndOfDay, f, {}), "intraday_flat");
        QCOMPARE(st(flat.status), st(CheckStatus::Fail));
        QCOMPARE(flat.measured, std::string("1 open: intraday_mean_reversion NVDA 150"));
        f = goodEvening();
        f.reportBytes = -1;
        QCOMPARE(st(statusOf(ChecklistKind::EndOfDay, f, "report")), st(CheckStatus::Fail));
        f = goodEvening();
        f.reconciliationDifferences = 2;
        QCOMPARE(st(statusOf(ChecklistKind::EndOfDay, f, "reconciliation")), st(CheckStatus::Fail));
        f.reconciled = false;
        QCOMPARE(st(statusOf(ChecklistKind::EndOfDay, f, "reconciliation")), st(CheckStatus::Fail));
        f = goodEvening();
        f.newestVerifiedIsDaily = false; // a manual backup is not the day's
        QCOMPARE(st(statusOf(ChecklistKind::EndOfDay, f, "daily_backup")), st(CheckStatus::Fail));
        f = goodEvening();
        f.newestVerifiedHasLogs = false;
        QCOMPARE(st(statusOf(ChecklistKind::EndOfDay, f, "logs")), st(CheckStatus::Fail));
    }

    void theJsonCarriesEveryItem()
    {
        ChecklistFacts f = healthyMorning();
        f.diskFreeBytes = 79'000'000'000;
        ChecklistResult r = runChecklist(ChecklistKind::PreMarket, f, {});
        r.startedBy = "vigil check";
        const QJsonObject o = checklistToJson(r);
        QCOMPARE(o.value(QStringLiteral("checklist")).toString(), QStringLiteral("premarket"));
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QCOMPARE(o.value(QStringLiteral("failed")).toInt(), 1);
        const QJsonArray items = o.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), qsizetype(11));
        QCOMPARE(items.at(3).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("disk"));
        QCOMPARE(items.at(3).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
    }

    void factsComeFromTheDataDirectory()
    {
        QTemporaryDir dir;
        const QString data = dir.path();
        vigil::testing::SyntheticDay day;
        day.fills = 200;
        QString error;
        QVERIFY2(vigil::testing::writeSyntheticDay(data + QStringLiteral("/journal.sqlite"), day, error),
                 qPrintable(error));
        const Config config = defaultConfig();
        FactsSource source;
        source.engineProblem = "no vigil is running here";
        source.config = &config;
        source.dataDir = data;
        source.today = day.date;
        const ChecklistFacts f = gatherChecklistFacts(source);
        QVERIFY(!f.engineRunning);
        QVERIFY(f.errorsKnown);
        QCOMPARE(f.warningsSinceLastSession, 1); // the day's exposure warning
        QVERIFY(f.diskTotalBytes > 0 && f.diskFreeBytes >= 0);
        QVERIFY(f.sessionClosed);
        QVERIFY(f.positionsKnown);
        QCOMPARE(int(f.openIntraday.size()), day.openAtClose); // left open by the day
        QVERIFY(!f.reconciled);
        QVERIFY(f.backupsKnown);
        QCOMPARE(f.verifiedBackups, 0);
        QCOMPARE(f.reportBytes, std::int64_t(-1));
        QVERIFY(!f.accountKnown); // no broker file
        QCOMPARE(f.strategies.size(), std::size_t(2));
        const ChecklistResult eod = runChecklist(ChecklistKind::EndOfDay, f, config.checklists);
        for (const char *id : {"intraday_flat", "report", "daily_backup", "reconciliation", "logs"})
            QCOMPARE(st(itemOf(eod, id).status), st(CheckStatus::Fail));
        // A report in its place is found.
        QVERIFY(QDir().mkpath(data + QStringLiteral("/reports")));
        QFile report(data + QStringLiteral("/reports/vigil-report-2026-11-20.pdf"));
        QVERIFY(report.open(QIODevice::WriteOnly));
        report.write(QByteArray(4096, 'x'));
        report.close();
        QCOMPARE(st(statusOf(ChecklistKind::EndOfDay, gatherChecklistFacts(source), "report")), st(CheckStatus::Pass));
    }

    void theScheduleRunsEachTaskOnceAtItsTime()
    {
        ChecklistConfig c; // 09:00 and 16:05
        DaySchedule wall(c, false);
        QVERIFY(wall.poll(SessionPhase::NotStarted, 8 * 3600).empty());
        QVERIFY(wall.poll(SessionPhase::NotStarted, 9 * 3600) == std::vector<ScheduledTask>{ScheduledTask::PreMarket});
        QVERIFY(wall.poll(SessionPhase::Open, 10 * 3600).empty());
        QVERIFY(wall.poll(SessionPhase::Closed, 16 * 3600).empty()); // closed, but not yet 16:05
        QVERIFY(wall.poll(SessionPhase::Closed, 16 * 3600 + 300)
                == std::vector<ScheduledTask>{ScheduledTask::EndOfDay});
        QVERIFY(wall.poll(SessionPhase::Closed, 17 * 3600).empty());

        // The simulator's clock starts at the open and stops at the close.
        DaySchedule sim(c, true);
        QVERIFY(sim.poll(SessionPhase::NotStarted, 19 * 3600).empty());
        QVERIFY(sim.poll(SessionPhase::Open, 9 * 3600 + 1800) == std::vector<ScheduledTask>{ScheduledTask::PreMarket});
        QVERIFY(sim.poll(SessionPhase::Closed, 16 * 3600) == std::vector<ScheduledTask>{ScheduledTask::EndOfDay});

        // Started after the close: no pre-market left, the end of day only.
        DaySchedule late(c, true);
        QVERIFY(late.poll(SessionPhase::Closed, 16 * 3600) == std::vector<ScheduledTask>{ScheduledTask::EndOfDay});
        QVERIFY(late.preMarketTaken());
    }
};

QTEST_GUILESS_MAIN(TestChecklist)
#include "tst_checklist.moc"
