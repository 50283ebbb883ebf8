// The lost-bot rule. On its own, with the times given: a bot is up while its stream is
// connected or its last request is within its heartbeat, down after it, lost once (never
// when it was never seen), back when seen again; a supervised process that cannot start
// is reported once. Through the real engine on the simulator, with a strategy source that
// trades as a bot: each onLost action does what it says to that bot's orders and positions
// (leave them; cancel its working orders and keep its position; flatten it), with an alert
// and audit entries naming the bot, and the bot is up again when it is seen.

#include "api/BotHealth.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/StrategySource.h"
#include "bots/BotHealthRule.h"

#include "BotLikeSource.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace vigil;
using vigil::testing::BotLikeSource;

namespace {

constexpr std::int64_t kSecond = kNsPerSecond;

BotConfig botConfig(BotLostAction onLost, int heartbeatSeconds = 1)
{
    BotConfig bot;
    bot.name = "alpha_bot";
    bot.displayName = "Alpha (bot)";
    bot.code = "ab";
    bot.heartbeatSeconds = heartbeatSeconds;
    bot.onLost = onLost;
    return bot;
}

/// What the gateway would know of the bot's connection, set by the test.
struct FakeLink {
    std::atomic<int> streams{0};
    std::atomic<std::int64_t> lastSeenWall{0};
    BotWatch watch(const std::string &name)
    {
        BotWatch w;
        w.links = [this, name] { return std::vector<GatewayBotLink>{{name, streams.load(), lastSeenWall.load()}}; };
        return w;
    }
};

const BotRow *botRow(const Snapshot &s)
{
    for (const BotRow &row : s.bots)
        if (row.key == "alpha_bot")
            return &row;
    return nullptr;
}

const StrategyRow *strategyRow(const Snapshot &s)
{
    for (const StrategyRow &row : s.strategies)
        if (row.key == "alpha_bot")
            return &row;
    return nullptr;
}

int workingOrders(const Snapshot &s)
{
    int n = 0;
    for (const OrderRow &row : s.workingOrderRows)
        n += row.strategy == "alpha_bot" ? 1 : 0;
    return n;
}

bool alerted(const Snapshot &s, const std::string &text)
{
    for (const AlertRow &a : s.alerts)
        if (a.source == "bots" && a.message.find(text) != std::string::npos)
            return true;
    return false;
}

bool audited(const Engine &engine, const std::string &action, const std::string &text)
{
    const auto trail = engine.auditTrail();
    if (!trail)
        return false;
    for (const AuditRow &r : trail->rows)
        if (r.actor == "system (lost-bot rule)" && r.action == action && r.detail.find(text) != std::string::npos)
            return true;
    return false;
}

/// A day on the simulator with the bot trading; returns once it holds 10 shares and one
/// working order, its stream connected.
struct BotDay {
    explicit BotDay(BotLostAction onLost)
    {
        Config config = defaultConfig();
        config.strategies.intraday.enabled = false;
        config.strategies.swing.enabled = false;
        config.bots = {botConfig(onLost)};
        RunOptions options;
        options.seed = 11;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 30; // slow enough that the limit order stays working for the test's seconds
        std::vector<std::unique_ptr<StrategySource>> bots;
        bots.push_back(std::make_unique<BotLikeSource>());
        engine = std::make_unique<Engine>(config, options, EngineExtensions{std::move(bots)});
        link.streams = 1;
        engine->watchBots(link.watch("alpha_bot"));
    }
    std::unique_ptr<Engine> engine;
    FakeLink link;
};

} // namespace

class TestBotHealth : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    /// Starts the day and waits for the bot to be up with its position and working order.
    bool startTrading(BotDay &day, const QString &journal)
    {
        if (!day.engine->openJournal(m_dir.filePath(journal).toStdString()).empty())
            return false;
        day.engine->start();
        const bool ready = QTest::qWaitFor(
            [&] {
                const auto s = day.engine->snapshot();
                const BotRow *bot = botRow(*s);
                const StrategyRow *strategy = strategyRow(*s);
                return bot && bot->link == BotLinkState::Up && strategy && strategy->openQty == 10
                       && workingOrders(*s) == 1;
            },
            20'000);
        const auto s = day.engine->snapshot();
        if (!ready)
            qWarning("the bot never got up with its position and working order");
        return botRow(*s) && botRow(*s)->link == BotLinkState::Up && strategyRow(*s)->openQty == 10
               && workingOrders(*s) == 1;
    }

    /// The stream drops; the bot's last request was just now.
    static void dropTheStream(BotDay &day)
    {
        day.link.lastSeenWall = utcNowNs();
        day.link.streams = 0;
    }

    static BotLinkState linkOf(const BotDay &day)
    {
        const BotRow *row = botRow(*day.engine->snapshot());
        return row ? row->link : BotLinkState::NotSeen;
    }

private Q_SLOTS:
    void theRuleOnItsOwn()
    {
        BotHealthRule rule({botConfig(BotLostAction::CancelOrders, 60)});
        BotRow never;
        std::vector<BotRow> rows;
        QVERIFY(rule.check(0, 1'000 * kSecond).empty()); // nothing to read from yet: nothing decided
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).link), int(BotLinkState::NotSeen));

        FakeLink link;
        auto processes = std::make_shared<std::vector<BotProcessStatus>>();
        BotWatch watch = link.watch("alpha_bot");
        watch.processes = [&processes] { return std::shared_ptr<const std::vector<BotProcessStatus>>(processes); };
        rule.watch(watch);
        std::int64_t mono = 0;
        const auto at = [&](std::int64_t utc) { // one check, far enough from the last one
            mono += BotHealthRule::kCheckIntervalMs * kNsPerMs;
            return rule.check(mono, utc);
        };
        QVERIFY(at(1'000 * kSecond).empty());
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).link), int(BotLinkState::NotSeen)); // never seen: never lost

        link.lastSeenWall = 1'000 * kSecond; // a request
        QVERIFY(at(1'000 * kSecond).empty());
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).link), int(BotLinkState::Up));
        QVERIFY(at(1'060 * kSecond).empty()); // silent exactly its heartbeat: still up
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).link), int(BotLinkState::Up));

        std::vector<BotHealthRule::Event> events = at(1'060 * kSecond + kNsPerMs);
        QCOMPARE(events.size(), std::size_t{1});
        QCOMPARE(int(events[0].kind), int(BotHealthRule::Event::Kind::Lost));
        QCOMPARE(events[0].bot, std::size_t{0});
        QVERIFY2(events[0].detail.find("silent 60 s (heartbeat 60 s)") != std::string::npos, events[0].detail.c_str());
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).link), int(BotLinkState::Down));
        QCOMPARE(rows.at(0).silentMs, std::int64_t{60'001});
        QCOMPARE(int(rows.at(0).onLost), int(BotLostAction::CancelOrders));
        QVERIFY(at(2'000 * kSecond).empty()); // lost once, not at every check

        link.streams = 1; // a stream keeps it up however long it is silent
        events = at(3'000 * kSecond);
        QCOMPARE(events.size(), std::size_t{1});
        QCOMPARE(int(events[0].kind), int(BotHealthRule::Event::Kind::Back));
        QVERIFY(at(9'000 * kSecond).empty());
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).link), int(BotLinkState::Up));
        QCOMPARE(rows.at(0).streams, 1);

        // Checks come no faster than kCheckIntervalMs: a second one at once reads nothing.
        link.streams = 0;
        QVERIFY(rule.check(mono + 1, 9'000 * kSecond).empty());
        rule.describe(rows);
        QCOMPARE(rows.at(0).streams, 1);

        // The supervisor's word: a program that cannot start is reported once.
        BotProcessStatus failed;
        failed.bot = "alpha_bot";
        failed.state = BotProcessState::Failed;
        failed.error = "bot alpha_bot: its program '/x/y' cannot be started";
        *processes = {failed};
        events = at(9'001 * kSecond);
        QCOMPARE(events.size(), std::size_t{2}); // and it is lost: its stream closed long after its last request
        QCOMPARE(int(events[1].kind), int(BotHealthRule::Event::Kind::FailedToStart));
        QCOMPARE(events[1].detail, failed.error);
        QVERIFY(at(9'002 * kSecond).empty());
        rule.describe(rows);
        QCOMPARE(int(rows.at(0).process), int(BotProcessState::Failed));
    }

    void leaveKeepsItsOrders()
    {
        BotDay day(BotLostAction::LeaveOrders);
        QVERIFY(startTrading(day, QStringLiteral("leave.sqlite")));
        dropTheStream(day);
        QTRY_COMPARE_WITH_TIMEOUT(int(linkOf(day)), int(BotLinkState::Down), 15'000);
        const auto s = day.engine->snapshot();
        QVERIFY(alerted(*s, "bot alpha_bot lost (no trade_updates stream and silent "));
        QVERIFY(alerted(*s, "(heartbeat 1 s)): its orders and positions are left as they are"));
        QCOMPARE(workingOrders(*s), 1);
        QCOMPARE(strategyRow(*s)->openQty, Quantity{10});
        QVERIFY(!strategyRow(*s)->stopped);
        QTRY_VERIFY_WITH_TIMEOUT(audited(*day.engine, "bot lost", "bot alpha_bot lost"), 10'000);
        QTest::qWait(500);
        QCOMPARE(workingOrders(*day.engine->snapshot()), 1);

        day.link.lastSeenWall = utcNowNs(); // it made a request
        QTRY_COMPARE_WITH_TIMEOUT(int(linkOf(day)), int(BotLinkState::Up), 10'000);
        QVERIFY(alerted(*day.engine->snapshot(), "bot alpha_bot is back: it made a request"));
        day.engine->stop();
    }

    void cancelLeavesNoWorkingOrderAndKeepsThePosition()
    {
        BotDay day(BotLostAction::CancelOrders);
        QVERIFY(startTrading(day, QStringLiteral("cancel.sqlite")));
        dropTheStream(day);
        QTRY_COMPARE_WITH_TIMEOUT(int(linkOf(day)), int(BotLinkState::Down), 15'000);
        QVERIFY(alerted(*day.engine->snapshot(), "bot alpha_bot lost"));
        QVERIFY(alerted(*day.engine->snapshot(), "1 working order(s) of alpha_bot being cancelled"));
        QTRY_COMPARE_WITH_TIMEOUT(workingOrders(*day.engine->snapshot()), 0, 10'000);
        const auto s = day.engine->snapshot();
        QCOMPARE(strategyRow(*s)->openQty, Quantity{10}); // its position is its own business
        QVERIFY(!strategyRow(*s)->stopped);
        QTRY_VERIFY_WITH_TIMEOUT(
            audited(*day.engine, "cancel-orders", "1 working order(s) of alpha_bot being cancelled"), 10'000);
        QVERIFY(audited(*day.engine, "bot lost", "on_lost = cancel"));

        day.link.streams = 1; // it reconnected its stream
        QTRY_COMPARE_WITH_TIMEOUT(int(linkOf(day)), int(BotLinkState::Up), 10'000);
        QVERIFY(alerted(*day.engine->snapshot(), "bot alpha_bot is back: its stream is connected"));
        day.engine->stop();
    }

    void flattenLeavesItFlatAndStopped()
    {
        BotDay day(BotLostAction::Flatten);
        QVERIFY(startTrading(day, QStringLiteral("flatten.sqlite")));
        dropTheStream(day);
        QTRY_COMPARE_WITH_TIMEOUT(int(linkOf(day)), int(BotLinkState::Down), 15'000);
        QVERIFY(alerted(*day.engine->snapshot(), "bot alpha_bot lost"));
        QTRY_COMPARE_WITH_TIMEOUT(strategyRow(*day.engine->snapshot())->openQty, Quantity{0}, 15'000);
        const auto s = day.engine->snapshot();
        QCOMPARE(workingOrders(*s), 0);
        QVERIFY(strategyRow(*s)->stopped); // a flatten stops the strategy until an operator enables it
        QTRY_VERIFY_WITH_TIMEOUT(audited(*day.engine, "flatten", "flattening strategy alpha_bot"), 10'000);
        QVERIFY(audited(*day.engine, "bot lost", "on_lost = flatten"));
        day.engine->stop();
    }
};

QTEST_GUILESS_MAIN(TestBotHealth)
#include "tst_bot_health.moc"
