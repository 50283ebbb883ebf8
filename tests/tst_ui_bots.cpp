// An operator's bot in the console, against a real engine on the simulator: a strategy
// source trading under a bot's key shows in the strategies dock by its own name, and the
// health panel has its row: up while its stream is connected, its streams, when last seen,
// its process (a real one, under the BotSupervisor) and restarts; down once its stream is
// gone and it has been silent past its heartbeat.
// VIGIL_TEST_SCREENSHOT=FILE.png keeps a picture of the window with the bot up.

#include "HealthPanel.h"
#include "MainWindow.h"
#include "StrategiesModel.h"
#include "api/BotSupervisor.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/StrategySource.h"

#include "BotLikeSource.h"

#include <QStandardPaths>
#include <QTest>

#include <atomic>

using namespace vigil;
using vigil::testing::BotLikeSource;

class TestUiBots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aBotShowsInTheStrategiesAndTheHealthPanel()
    {
        Config config = defaultConfig(); // the two built-in strategies trade beside the bot
        BotConfig bot;
        bot.name = "alpha_bot";
        bot.displayName = "Alpha (bot)";
        bot.code = "ab";
        bot.heartbeatSeconds = 1;
        bot.onLost = BotLostAction::CancelOrders;
        bot.command = {"/bin/sh", "-c", "echo trading; exec sleep 60"};
        config.bots = {bot};

        BotSupervisorSetup setup;
        setup.baseUrl = "http://127.0.0.1:18789";
        BotSupervisor supervisor(config.bots, setup);
        supervisor.startAll();

        std::atomic<int> streams{1};
        std::atomic<std::int64_t> lastSeen{utcNowNs()};
        RunOptions options;
        options.seed = 5;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 60;
        std::vector<std::unique_ptr<StrategySource>> bots;
        bots.push_back(std::make_unique<BotLikeSource>());
        Engine engine(config, options, EngineExtensions{std::move(bots)});
        BotWatch watch;
        watch.links = [&] { return std::vector<GatewayBotLink>{{"alpha_bot", streams.load(), lastSeen.load()}}; };
        watch.processes = [&supervisor] { return supervisor.statuses(); };
        engine.watchBots(watch);

        MainWindow window([&engine] { return engine.snapshot(); });
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        engine.start();

        HealthPanel *health = window.healthPanel();
        const QString name = QStringLiteral("Alpha (bot)");
        using Column = HealthPanel::BotColumn;
        QTRY_COMPARE_WITH_TIMEOUT(health->botCount(), 1, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(health->botText(name, Column::Status), QStringLiteral("UP"), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(health->botText(name, Column::Process), QStringLiteral("running"), 10'000);
        QCOMPARE(health->botText(name, Column::Streams), QStringLiteral("1"));
        QCOMPARE(health->botText(name, Column::Restarts), QStringLiteral("0"));
        QVERIFY(!health->botText(name, Column::LastSeen).isEmpty());
        QVERIFY(health->botText(name, Column::LastSeen) != QStringLiteral("never"));

        // The strategies dock lists it by its name beside the built-ins, with its position.
        StrategiesModel *strategies = window.strategiesModel();
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int r = 0; r < strategies->rowCount(); ++r)
                    if (strategies->index(r, StrategiesModel::NameColumn).data().toString() == name)
                        row = r;
                return row >= 0;
            }(),
            10'000);
        QCOMPARE(strategies->rowCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(strategies->index(row, StrategiesModel::OpenQuantityColumn).data().toString(),
                                  QStringLiteral("10"), 10'000);
        QTest::qWait(1'000); // a few simulated minutes on the charts for the picture
        if (const QString shot = qEnvironmentVariable("VIGIL_TEST_SCREENSHOT"); !shot.isEmpty())
            QVERIFY(window.grab().save(shot));

        // Its stream drops and it falls silent: down.
        lastSeen = utcNowNs();
        streams = 0;
        QTRY_COMPARE_WITH_TIMEOUT(health->botText(name, Column::Status), QStringLiteral("DOWN"), 10'000);
        QCOMPARE(health->botText(name, Column::Streams), QStringLiteral("0"));
        if (const QString shot = qEnvironmentVariable("VIGIL_TEST_SCREENSHOT_DOWN"); !shot.isEmpty())
            QVERIFY(window.grab().save(shot));
        engine.stop();
    }
};

QTEST_MAIN(TestUiBots)
#include "tst_ui_bots.moc"
