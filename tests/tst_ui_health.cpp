// The health panel against a running engine with the simulator's fault hooks: a broker
// disconnect turns the broker tile DOWN, a silent feed turns market data STALE (and the
// feed-silence trigger fires the kill switch), each within its timeout, and back to UP.
#include "HealthPanel.h"
#include "MainWindow.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QStandardPaths>
#include <QTest>

using namespace vigil;

class TestUiHealth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void silencedComponentsTurnBadAndRecover()
    {
        Config config = defaultConfig();
        FaultSpec disconnect;
        disconnect.kind = FaultKind::Disconnect;
        disconnect.startSecondOfDay = 9 * 3600 + 32 * 60; // 09:32 for five minutes
        disconnect.durationSeconds = 300;
        FaultSpec silence;
        silence.kind = FaultKind::SilentFeed;
        silence.startSecondOfDay = 9 * 3600 + 45 * 60; // 09:45 for ten minutes
        silence.durationSeconds = 600;
        config.simulator.faults = {disconnect, silence};
        RunOptions options;
        options.seed = 3;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 240; // a simulated minute in a quarter of a second
        Engine engine(config, options);
        MainWindow window([&engine] { return engine.snapshot(); });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        engine.start();
        HealthPanel *health = window.healthPanel();
        QTRY_COMPARE_WITH_TIMEOUT(health->componentStatusText(QStringLiteral("broker")), QStringLiteral("UP"), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(health->componentStatusText(QStringLiteral("broker")), QStringLiteral("DOWN"),
                                  20'000);
        QTRY_COMPARE_WITH_TIMEOUT(health->componentStatusText(QStringLiteral("broker")), QStringLiteral("UP"), 20'000);
        QCOMPARE(health->componentStatusText(QStringLiteral("market data")), QStringLiteral("UP"));

        QTRY_COMPARE_WITH_TIMEOUT(health->componentStatusText(QStringLiteral("market data")), QStringLiteral("STALE"),
                                  20'000);
        // Two minutes of silence is also a kill trigger.
        QTRY_COMPARE_WITH_TIMEOUT(int(engine.tradingState()), int(TradingState::Killed), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(health->componentStatusText(QStringLiteral("market data")), QStringLiteral("UP"),
                                  20'000);
        engine.stop();
    }
};

QTEST_MAIN(TestUiHealth)
#include "tst_ui_health.moc"
