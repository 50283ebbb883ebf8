// MainWindow fed by hand-built snapshots through its source function: the waiting state,
// the badge, the P&L tiles, the tables, the version check that makes bursts collapse,
// and a screenshot (saved to $VIGIL_SCREENSHOT_DIR when set).

#include "AuditModel.h"
#include "ChecklistModel.h"
#include "ChecklistPanel.h"
#include "ControlBar.h"
#include "EquityChart.h"
#include "ExecutionPanel.h"
#include "ExposureChart.h"
#include "Format.h"
#include "HeaderStrip.h"
#include "HealthPanel.h"
#include "LatencyChart.h"
#include "MainWindow.h"
#include "PnlChart.h"
#include "PnlTiles.h"
#include "PositionsModel.h"
#include "ReconciliationModel.h"
#include "ReconciliationPanel.h"
#include "StrategiesModel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "SnapshotRows.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

using namespace vigil;
using vigil::testing::position;
using vigil::testing::strategy;

namespace {

/// Stands in for Engine::snapshot(): hands out whatever the test put there.
struct FakeEngine {
    std::shared_ptr<const Snapshot> current;
    int polls = 0;
    MainWindow::SnapshotSource source()
    {
        return [this] {
            ++polls;
            return current;
        };
    }
};

const Date kSessionDate{2026, 11, 20};

LatencyStats latency(std::uint64_t count, std::int64_t p50Ns, std::int64_t p95Ns, std::int64_t p99Ns)
{
    return LatencyStats{count, p50Ns, p95Ns, p99Ns, p99Ns * 2};
}

/// A bare started session with the given P&L, for exact text checks.
std::shared_ptr<Snapshot> minimalSession(std::uint64_t version, Money realized, Money unrealized)
{
    auto snapshot = std::make_shared<Snapshot>();
    const SessionWindow session = sessionFor(kSessionDate);
    snapshot->version = version;
    snapshot->phase = SessionPhase::Open;
    snapshot->sessionDate = kSessionDate.toIso();
    snapshot->simTime = session.at(10, 15);
    snapshot->simClock = session.clockText(snapshot->simTime);
    snapshot->speed = 60;
    snapshot->startingEquity = Money::fromDollars(100'000);
    snapshot->realizedPnl = realized;
    snapshot->unrealizedPnl = unrealized;
    snapshot->equity = snapshot->startingEquity + realized + unrealized;
    snapshot->highWaterMark = std::max(snapshot->equity, snapshot->startingEquity);
    snapshot->drawdown = snapshot->highWaterMark - snapshot->equity;
    return snapshot;
}

/// A realistic mid-session picture: eight positions, four strategies, a day's equity
/// curve from the open to 13:42 New York, healthy components, one slow feed tail.
std::shared_ptr<Snapshot> tradingDay(std::uint64_t version, int minutesSinceOpen = 252)
{
    auto snapshot = std::make_shared<Snapshot>();
    const SessionWindow session = sessionFor(kSessionDate);
    snapshot->version = version;
    snapshot->phase = SessionPhase::Open;
    snapshot->tradingState = TradingState::Active;
    snapshot->sessionDate = kSessionDate.toIso();
    snapshot->simTime = session.open + minutesSinceOpen * kNsPerMinute + 5 * kNsPerSecond;
    snapshot->simClock = session.clockText(snapshot->simTime);
    snapshot->speed = 60;
    snapshot->startingEquity = Money::fromDollars(250'000);

    snapshot->positions = {
        position("AAPL", 120, 18942, 19107, 21450), position("AMD", -80, 11890, 12035, -8812),
        position("AMZN", 60, 17825, 18162, 6020),   position("GOOGL", 50, 14180, 14095, 0),
        position("META", -25, 51230, 50588, 15575), position("MSFT", 30, 41510, 41844, -4260),
        position("NVDA", 35, 48010, 48655, 33890),  position("TSLA", -40, 24100, 24471, -11237),
    };
    for (const PositionRow &row : snapshot->positions) {
        snapshot->realizedPnl += row.realizedPnl;
        snapshot->unrealizedPnl += row.unrealizedPnl;
        snapshot->grossExposure += row.marketValue.raw() < 0 ? -row.marketValue : row.marketValue;
        snapshot->netExposure += row.marketValue;
    }
    snapshot->fees = Money::fromCents(1842);
    snapshot->equity = snapshot->startingEquity + snapshot->realizedPnl + snapshot->unrealizedPnl;

    // One point a minute: a seeded random walk pinned to the start and to today's equity.
    const std::int64_t startCents = snapshot->startingEquity.raw() / 100;
    const std::int64_t endCents = snapshot->equity.raw() / 100;
    std::uint64_t seed = 20261120;
    std::vector<std::int64_t> walk(static_cast<std::size_t>(minutesSinceOpen) + 1, 0);
    for (std::size_t k = 1; k < walk.size(); ++k) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        // Cents; now and then a larger move, as when a position is opened or stopped out.
        std::int64_t step = static_cast<std::int64_t>((seed >> 33) % 12'001) - 5'900;
        if ((seed >> 20) % 23 == 0)
            step *= 6;
        walk[k] = walk[k - 1] + step;
    }
    const auto last = static_cast<std::int64_t>(walk.size() - 1);
    Money high = snapshot->startingEquity;
    for (std::int64_t k = 0; k <= last; ++k) {
        const std::int64_t bridge = walk[static_cast<std::size_t>(k)] - walk.back() * k / last;
        const std::int64_t cents = startCents + (endCents - startCents) * k / last + bridge;
        const Money equity = Money::fromCents(cents);
        EquityPoint point;
        point.time = session.open + k * kNsPerMinute;
        point.equity = equity;
        // Realized grows in steps as positions close; the rest of the day's result is open.
        point.realizedPnl = Money::fromCents(snapshot->realizedPnl.raw() / 100 * (k / 30 * 30) / last);
        point.unrealizedPnl = equity - snapshot->startingEquity - point.realizedPnl;
        point.grossExposure = Money::fromCents(snapshot->grossExposure.raw() / 100 * k / last);
        point.netExposure = Money::fromCents(snapshot->netExposure.raw() / 100 * k / last);
        point.breakdownKnown = true;
        snapshot->equityCurve.push_back(point);
        high = std::max(high, equity);
    }
    snapshot->highWaterMark = std::max(high, snapshot->equity);
    snapshot->drawdown = snapshot->highWaterMark - snapshot->equity;

    snapshot->events = 1'284'733;
    snapshot->orders = 131;
    snapshot->fills = 118;
    snapshot->rejects = 2;
    snapshot->workingOrders = 3;
    snapshot->strategies = {
        strategy("momentum-breakout", true, 570, 41230, 36215, 54, 49),
        strategy("mean-reversion", true, 260, -12070, -4233, 47, 43),
        strategy("pairs-tech", false, 260, 0, 12080, 18, 16),
        strategy("gap-fade", true, 0, 23466, 0, 12, 10),
    };
    // Each strategy's share of the day's result, a minute at a time.
    Money strategiesTotal;
    for (const StrategyRow &row : snapshot->strategies)
        strategiesTotal += row.realizedPnl + row.unrealizedPnl;
    for (const StrategyRow &row : snapshot->strategies) {
        StrategyCurve curve{row.key, row.name, {}};
        const Money share = row.realizedPnl + row.unrealizedPnl;
        for (const EquityPoint &p : snapshot->equityCurve)
            curve.pnl.push_back(
                Money::fromRaw((p.equity - snapshot->startingEquity).raw() * share.raw() / strategiesTotal.raw()));
        snapshot->strategyCurves.push_back(std::move(curve));
    }
    snapshot->components = {
        {"market data", true, 180, 3, ComponentId::MarketData},
        {"strategies", true, 180, 3, ComponentId::Strategies},
        {"risk", true, 180, 3, ComponentId::Risk},
        {"broker", true, 2'400, 40, ComponentId::Broker},
        {"store", true, 1'000, 17, ComponentId::Store},
        {"engine", true, 180, 3, ComponentId::Engine},
    };
    snapshot->latencyAlertP95Ns = 500 * kNsPerMs;
    snapshot->feedLatency = latency(48'211, 38 * kNsPerMs, 620 * kNsPerMs, 910 * kNsPerMs);
    snapshot->ackLatency = latency(131, 42 * kNsPerMs, 118 * kNsPerMs, 240 * kNsPerMs);
    snapshot->tickToOrder = latency(131, 8'400, 21'000, 47'000);
    snapshot->execution.sentInWindow = 46;
    snapshot->execution.finishedInWindow = 40;
    snapshot->execution.filledInWindow = 31;
    snapshot->execution.rejectedInWindow = 2;
    snapshot->execution.slippageFills = 118;
    snapshot->execution.slippageAvgBps = 1.84;
    snapshot->execution.slippageP95Bps = 6.2;
    snapshot->execution.slippageFillsInWindow = 29;
    snapshot->execution.slippageAvgInWindowBps = -0.36;
    snapshot->system.cpuKnown = true;
    snapshot->system.cpuPct = 23.4;
    snapshot->system.cores = 2;
    snapshot->system.rssBytes = 96'400'000;
    snapshot->system.dataDirectory = "/home/ops/.local/share/vigil";
    snapshot->system.diskFreeBytes = 71'900'000'000;
    snapshot->system.diskTotalBytes = 252'000'000'000;
    return snapshot;
}

/// Shows the window with the dock `name` in front: a chart in a hidden tab is not drawn.
void showWithDock(MainWindow &window, const char *name)
{
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDockWidget *dock = window.findChild<QDockWidget *>(QLatin1String(name));
    QVERIFY(dock);
    dock->raise();
    QCoreApplication::processEvents(); // the tab bar hides the others on its next pass
}

/// Renders the window to a PNG in `directory`; returns the file's path.
QString savePng(QWidget &window, const QString &directory, const QString &name)
{
    const QImage image = window.grab().toImage();
    if (image.isNull())
        return {};
    const QString path = QDir(directory).filePath(name);
    return image.save(path, "PNG") ? path : QString();
}

} // namespace

class TestUiMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never the operator's own settings
        QCoreApplication::setOrganizationName(QStringLiteral("vigil-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_mainwindow"));
        QSettings().clear();
    }
    void waitsForTheEngine();
    void theDockLayoutPersists();
    void showsTheSnapshot();
    void dailyPnlTextAndColour();
    void badgeFollowsTheTradingState();
    void unchangedVersionIsNotApplied();
    void timerCollapsesBursts();
    void equityCurveReplotsOnlyWhenItGrows();
    void theDailyLossLimitIsDrawnWhenItMatters();
    void latencyOverTheAlertThresholdIsShown();
    void exposureBySymbolAndStrategy();
    void executionAndProcessFigures();
    void pnlPartsAndStrategies();
    void marketDataAndBrokerInTheHeader();
    void reconciliationInTheStatusBar();
    void reconciliationPanelResolvesThroughTheControlBar();
    void reconciliationSaysWhenTheBooksLastAgreed();
    void aRestartsReplayIsShownOnEveryPriceTile();
    void drillsMenuArmsMarkedDrills();
    void checklistsPanelShowsRunsAndOffersFlatten();
    void theCloseIsShownStepByStep();
    void auditTrailTable();
    void screenshot();
};

void TestUiMainWindow::waitsForTheEngine()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    window.refreshNow();
    QVERIFY(engine.polls >= 1);
    QVERIFY(window.isWaitingForEngine());
    QCOMPARE(window.stateText(), QString());
    QCOMPARE(window.appliedSnapshotCount(), 0);

    // The engine runs but the session has not started: still waiting, honestly.
    auto notStarted = std::make_shared<Snapshot>();
    notStarted->version = 1;
    notStarted->sessionDate = kSessionDate.toIso();
    engine.current = notStarted;
    window.refreshNow();
    QVERIFY(window.isWaitingForEngine());
    QCOMPARE(window.appliedSnapshotCount(), 1);

    engine.current = tradingDay(2);
    window.refreshNow();
    QVERIFY(!window.isWaitingForEngine());
    QCOMPARE(window.stateText(), QStringLiteral("ACTIVE"));
}

void TestUiMainWindow::showsTheSnapshot()
{
    FakeEngine engine;
    engine.current = tradingDay(7);
    MainWindow window(engine.source());
    showWithDock(window, "equityDock");
    window.refreshNow();

    QCOMPARE(window.shownVersion(), 7u);
    QCOMPARE(window.positionsModel()->rowCount(), 8);
    QCOMPARE(window.positionsView()->model()->rowCount(), 8);
    // The filter over a table keeps the rows with the text in any column, any case.
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("positionsViewFilter"));
    QVERIFY(filter);
    filter->setText(QStringLiteral("am"));
    QCOMPARE(window.positionsView()->model()->rowCount(), 2); // AMD, AMZN
    QCOMPARE(window.positionsModel()->rowCount(), 8);         // the model keeps every row
    filter->clear();
    QCOMPARE(window.positionsView()->model()->rowCount(), 8);
    QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("fillsViewFilter")));
    QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("ordersViewFilter")));
    QCOMPARE(window.strategiesModel()->rowCount(), 4);
    QCOMPARE(window.headerStrip()->clockText(), QStringLiteral("13:42:05"));
    QCOMPARE(window.headerStrip()->phaseText(), QStringLiteral("Open"));
    QCOMPARE(window.headerStrip()->speedText(), QStringLiteral("60x"));
    QCOMPARE(window.pnlTiles()->valueText(PnlTiles::Tile::Fees), QStringLiteral("$18.42"));
    QCOMPARE(window.equityChart()->pointCount(), 253);

    // Feed p95 of 620 ms is over the 500 ms alert line; tick-to-order is in microseconds.
    HealthPanel *health = window.healthPanel();
    using Path = HealthPanel::Path;
    using Percentile = HealthPanel::Percentile;
    QCOMPARE(health->latencyText(Path::Feed, Percentile::P95), QStringLiteral("620 ms"));
    QCOMPARE(health->latencyTone(Path::Feed, Percentile::P95), theme::Tone::Warning);
    QCOMPARE(health->latencyTone(Path::Feed, Percentile::P50), theme::Tone::Normal);
    QCOMPARE(health->latencyText(Path::TickToOrder, Percentile::P99), QStringLiteral("47.0 µs"));
    QCOMPARE(health->componentCount(), 6);
    QCOMPARE(health->componentStatusText(QStringLiteral("broker")), QStringLiteral("UP"));
    QCOMPARE(health->rejectRateText(), QStringLiteral("1.53% of orders"));

    // A component going down shows as such on the next version.
    auto down = tradingDay(8);
    down->components[3].up = false;
    engine.current = down;
    window.refreshNow();
    QCOMPARE(health->componentStatusText(QStringLiteral("broker")), QStringLiteral("DOWN"));
}

void TestUiMainWindow::dailyPnlTextAndColour()
{
    FakeEngine engine;
    engine.current = minimalSession(1, Money::fromCents(100'025), Money::fromCents(23'425));
    MainWindow window(engine.source());
    window.refreshNow();
    QCOMPARE(window.dailyPnlText(), QStringLiteral("+$1,234.50"));
    QCOMPARE(window.pnlTiles()->detailText(PnlTiles::Tile::DailyPnl), QStringLiteral("+1.23% of start"));
    QCOMPARE(window.pnlTiles()->valueText(PnlTiles::Tile::Equity), QStringLiteral("$101,234.50"));

    engine.current = minimalSession(2, Money::fromCents(-100'025), Money::fromCents(-23'425));
    window.refreshNow();
    QCOMPARE(window.dailyPnlText(), QStringLiteral("-$1,234.50"));
    QCOMPARE(window.pnlTiles()->detailText(PnlTiles::Tile::DailyPnl), QStringLiteral("-1.23% of start"));
    QCOMPARE(window.pnlTiles()->valueText(PnlTiles::Tile::Drawdown), QStringLiteral("-$1,234.50"));
}

void TestUiMainWindow::badgeFollowsTheTradingState()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    const std::pair<TradingState, const char *> states[] = {
        {TradingState::Active, "ACTIVE"}, {TradingState::Paused, "PAUSED"},           {TradingState::Halted, "HALTED"},
        {TradingState::Killed, "KILLED"}, {TradingState::Maintenance, "MAINTENANCE"},
    };
    std::uint64_t version = 10;
    for (const auto &[state, text] : states) {
        auto snapshot = tradingDay(++version);
        snapshot->tradingState = state;
        engine.current = snapshot;
        window.refreshNow();
        QCOMPARE(window.stateText(), QString::fromLatin1(text));
    }
    // A restarted session replaying the market it already traded says so, and when it ends.
    HeaderStrip header;
    auto replaying = tradingDay(++version);
    replaying->catchingUpTo = "10:45:00";
    header.applySnapshot(*replaying);
    QVERIFY2(header.stateDetailText().contains(QStringLiteral("replaying the market to 10:45:00")),
             qPrintable(header.stateDetailText()));
    replaying->catchingUpTo.clear();
    header.applySnapshot(*replaying);
    QCOMPARE(header.stateDetailText(), QStringLiteral("Orders flow"));
    QCOMPARE(HeaderStrip::stateTone(TradingState::Active), theme::Tone::Profit);
    QCOMPARE(HeaderStrip::stateTone(TradingState::Paused), theme::Tone::Warning);
    QCOMPARE(HeaderStrip::stateTone(TradingState::Killed), theme::Tone::Loss);
    QCOMPARE(HeaderStrip::stateTone(TradingState::Maintenance), theme::Tone::Neutral);
}

void TestUiMainWindow::unchangedVersionIsNotApplied()
{
    FakeEngine engine;
    engine.current = tradingDay(5);
    MainWindow window(engine.source());
    QSignalSpy applied(&window, &MainWindow::snapshotApplied);
    window.refreshNow();
    QCOMPARE(applied.count(), 1);
    QCOMPARE(window.stateText(), QStringLiteral("ACTIVE"));

    // Different content under the same version: polled, but not applied.
    auto sameVersion = tradingDay(5);
    sameVersion->tradingState = TradingState::Halted;
    engine.current = sameVersion;
    const int pollsBefore = engine.polls;
    window.refreshNow();
    window.refreshNow();
    QVERIFY(engine.polls >= pollsBefore + 2);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(window.appliedSnapshotCount(), 1);
    QCOMPARE(window.stateText(), QStringLiteral("ACTIVE"));

    auto next = tradingDay(6);
    next->tradingState = TradingState::Halted;
    engine.current = next;
    window.refreshNow();
    QCOMPARE(applied.count(), 2);
    QCOMPARE(applied.at(1).at(0).toULongLong(), 6u);
    QCOMPARE(window.stateText(), QStringLiteral("HALTED"));
}

void TestUiMainWindow::timerCollapsesBursts()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    // Nobody calls refreshNow(): the window's own timer polls.
    engine.current = tradingDay(1);
    QTRY_COMPARE(window.appliedSnapshotCount(), 1);

    // Three publications between two ticks: only the latest is shown, once.
    for (std::uint64_t version = 2; version <= 4; ++version) {
        auto snapshot = tradingDay(version);
        snapshot->tradingState = version == 4 ? TradingState::Paused : TradingState::Active;
        engine.current = snapshot;
    }
    QTRY_COMPARE(window.shownVersion(), 4u);
    QCOMPARE(window.appliedSnapshotCount(), 2);
    QCOMPARE(window.stateText(), QStringLiteral("PAUSED"));

    // Ticks keep polling without applying anything new.
    const int polls = engine.polls;
    QTRY_VERIFY(engine.polls >= polls + 3);
    QCOMPARE(window.appliedSnapshotCount(), 2);
}

void TestUiMainWindow::equityCurveReplotsOnlyWhenItGrows()
{
    FakeEngine engine;
    engine.current = tradingDay(1, 100);
    MainWindow window(engine.source());
    showWithDock(window, "equityDock");
    window.refreshNow();
    const int replots = window.equityChart()->replotCount();
    QCOMPARE(window.equityChart()->pointCount(), 101);

    engine.current = tradingDay(2, 100); // new version, same curve
    window.refreshNow();
    QCOMPARE(window.appliedSnapshotCount(), 2);
    QCOMPARE(window.equityChart()->replotCount(), replots);

    engine.current = tradingDay(3, 101); // one more minute
    window.refreshNow();
    QCOMPARE(window.equityChart()->replotCount(), replots + 1);
    QCOMPARE(window.equityChart()->pointCount(), 102);
}

void TestUiMainWindow::executionAndProcessFigures()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    auto day = tradingDay(1);
    engine.current = day;
    showWithDock(window, "executionDock");
    window.refreshNow();
    ExecutionPanel *execution = window.executionPanel();
    QCOMPARE(execution->fillRateText(), QStringLiteral("77.50%"));  // 31 of 40 finished
    QCOMPARE(execution->rejectRateText(), QStringLiteral("5.00%")); // 2 of 40
    QCOMPARE(execution->slippageAverageText(), QStringLiteral("+1.8 bp"));
    QCOMPARE(execution->slippageP95Text(), QStringLiteral("+6.2 bp"));
    QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("executionDock"))->windowTitle(),
             QStringLiteral("EXECUTION · fill rate 77.50%"));
    HealthPanel *health = window.healthPanel();
    QCOMPARE(health->cpuText(), QStringLiteral("23.4%"));
    QCOMPARE(health->memoryText(), QStringLiteral("96.4 MB"));
    QCOMPARE(health->diskText(), QStringLiteral("71.9 GB (28.53%)"));
    QCOMPARE(int(health->diskTone()), int(theme::Tone::Normal));

    // Under 10 % free the disk turns red; with nothing finished there is no rate at all.
    auto full = std::make_shared<Snapshot>(*day);
    full->version = 2;
    full->system.diskFreeBytes = 20'000'000'000; // 7.9 %
    full->execution = ExecutionFigures{};
    engine.current = full;
    window.refreshNow();
    QCOMPARE(int(health->diskTone()), int(theme::Tone::Loss));
    QCOMPARE(execution->fillRateText(), format::none());
    QCOMPARE(execution->slippageP95Text(), format::none());

    const QString shotDirectory = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!shotDirectory.isEmpty()) {
        auto again = std::make_shared<Snapshot>(*day);
        again->version = 3;
        engine.current = again;
        window.refreshNow();
        QCoreApplication::processEvents(); // lay out what the refresh added before grabbing
        QVERIFY(QDir().mkpath(shotDirectory));
        QVERIFY(!savePng(window, shotDirectory, QStringLiteral("mainwindow-execution.png")).isEmpty());
    }
}

void TestUiMainWindow::screenshot()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QString shotDirectory = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!shotDirectory.isEmpty())
        QVERIFY(QDir().mkpath(shotDirectory));
    const auto capture = [&](const QString &name) {
        QCoreApplication::processEvents();
        const QString path = savePng(window, temporary.path(), name);
        QVERIFY2(!path.isEmpty(), qPrintable(name));
        QVERIFY(QFileInfo(path).size() > 0);
        const QImage reloaded(path);
        QCOMPARE(reloaded.size(), window.size() * window.devicePixelRatio());
        if (!shotDirectory.isEmpty())
            QVERIFY(!savePng(window, shotDirectory, name).isEmpty());
    };

    window.refreshNow();
    capture(QStringLiteral("mainwindow-waiting.png"));

    engine.current = tradingDay(42);
    window.refreshNow();
    QVERIFY(!window.isWaitingForEngine());
    capture(QStringLiteral("mainwindow.png"));

    auto killed = tradingDay(43, 300);
    killed->tradingState = TradingState::Killed;
    killed->components[3].up = false;
    killed->ackLatency = latency(140, 380 * kNsPerMs, 1'450 * kNsPerMs, 2'900 * kNsPerMs);
    engine.current = killed;
    window.refreshNow();
    QCOMPARE(window.stateText(), QStringLiteral("KILLED"));
    capture(QStringLiteral("mainwindow-killed.png"));
}

void TestUiMainWindow::theDockLayoutPersists()
{
    FakeEngine engine;
    auto dock = [](MainWindow &w, const char *name) { return w.findChild<QDockWidget *>(QLatin1String(name)); };
    {
        MainWindow first(engine.source());
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QCOMPARE(first.docks().size(), std::size_t(16)); // with INCIDENTS
        QCOMPARE(int(first.dockWidgetArea(dock(first, "strategiesDock"))), int(Qt::BottomDockWidgetArea));
        // The operator moves the strategies to the left and closes the limits.
        first.addDockWidget(Qt::LeftDockWidgetArea, dock(first, "strategiesDock"));
        dock(first, "limitsDock")->close();
        // ... shows the broker's latency and the audit trail's order and fill records.
        first.latencyChart()->showPath(LatencyChart::Path::Acknowledgement);
        first.findChild<QCheckBox *>(QStringLiteral("auditShowTrades"))->setChecked(true);
        first.close(); // saves the layout
    }
    MainWindow second(engine.source());
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QCOMPARE(int(second.dockWidgetArea(dock(second, "strategiesDock"))), int(Qt::LeftDockWidgetArea));
    QCOMPARE(int(second.latencyChart()->shownPath()), int(LatencyChart::Path::Acknowledgement));
    QVERIFY(second.auditModel()->showsTradeRecords());
    QVERIFY(second.findChild<QCheckBox *>(QStringLiteral("auditShowTrades"))->isChecked());
    QVERIFY(dock(second, "limitsDock")->isHidden());
    second.resetLayout();
    QCOMPARE(int(second.dockWidgetArea(dock(second, "strategiesDock"))), int(Qt::BottomDockWidgetArea));
    QVERIFY(!dock(second, "limitsDock")->isHidden());
    QSettings().clear();
}

void TestUiMainWindow::theDailyLossLimitIsDrawnWhenItMatters()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    showWithDock(window, "equityDock");
    auto day = tradingDay(1);
    day->highWaterMark = day->startingEquity + Money::fromDollars(1'000);
    day->killDrawdown = Money::fromDollars(5'000); // 2% of $250,000
    day->drawdown = Money::fromDollars(200);
    engine.current = day;
    window.refreshNow();
    QCOMPARE(window.equityChart()->lossLimitLevel(), 246'000.0); // the high less the limit
    QVERIFY(!window.equityChart()->lossLimitInView());           // far away: the curve keeps its detail

    auto worse = std::make_shared<Snapshot>(*day);
    worse->version = 2;
    worse->drawdown = Money::fromDollars(2'000); // 40% of the limit used
    EquityPoint point;
    point.time = worse->equityCurve.back().time + kNsPerMinute;
    point.equity = day->highWaterMark - worse->drawdown;
    worse->equityCurve.push_back(point);
    engine.current = worse;
    window.refreshNow();
    QVERIFY(window.equityChart()->lossLimitInView());
}

void TestUiMainWindow::latencyOverTheAlertThresholdIsShown()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    const SessionWindow session = sessionFor(kSessionDate);
    auto day = tradingDay(1);
    for (int minute = 1; minute <= 30; ++minute) {
        LatencyPoint p;
        p.time = session.open + minute * kNsPerMinute;
        p.feed = {1 * kNsPerMs, 4 * kNsPerMs, 7 * kNsPerMs};
        p.ack = {9 * kNsPerMs, 20 * kNsPerMs, 31 * kNsPerMs};
        if (minute % 2 == 0) // orders only every other minute
            p.tickToOrder = {15 * kNsPerUs, 40 * kNsPerUs, 90 * kNsPerUs};
        day->latencyCurve.push_back(p);
    }
    day->feedBins.upperNs = {kNsPerMs, 10 * kNsPerMs, std::numeric_limits<std::int64_t>::max()};
    day->feedBins.counts = {50, 45, 5};
    day->ackBins = day->feedBins;
    day->ackBins.counts = {0, 20, 80};
    day->tickToOrderBins = day->feedBins;
    day->tickToOrderBins.counts = {30, 0, 0};
    engine.current = day;
    showWithDock(window, "equityDock");
    window.refreshNow();
    QCOMPARE(window.latencyChart()->pointCount(), 0); // its tab is hidden: not drawn
    window.findChild<QDockWidget *>(QStringLiteral("latencyDock"))->raise();
    QTRY_COMPARE(window.latencyChart()->pointCount(), 30); // drawn on being shown
    QVERIFY(!window.latencyChart()->overThreshold());
    LatencyChart *chart = window.latencyChart();
    QCOMPARE(chart->lastP95Ms(), 4.0);
    QCOMPARE(chart->thresholdMs(), 500.0);
    QCOMPARE(chart->histogramShares(), (QVector<double>{50, 45, 5}));

    // Each path on demand: the acknowledgements, then tick-to-order (no alert line of its own).
    QTest::mouseClick(chart->pathButton(LatencyChart::Path::Acknowledgement), Qt::LeftButton);
    QCOMPARE(int(chart->shownPath()), int(LatencyChart::Path::Acknowledgement));
    QCOMPARE(chart->lastP95Ms(), 20.0);
    QCOMPARE(chart->histogramShares(), (QVector<double>{0, 20, 80}));
    QTest::mouseClick(chart->pathButton(LatencyChart::Path::TickToOrder), Qt::LeftButton);
    QCOMPARE(chart->pointCount(), 15); // minutes without an order are left out
    QCOMPARE(chart->lastP95Ms(), 0.04);
    QCOMPARE(chart->thresholdMs(), 0.0);
    QCOMPARE(chart->histogramShares(), (QVector<double>{100, 0, 0}));
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    QCoreApplication::processEvents(); // the summary's new width
    if (!dir.isEmpty())
        chart->grab().save(dir + QStringLiteral("/latency-tick-to-order.png"));
    chart->showPath(LatencyChart::Path::Feed);

    auto slow = std::make_shared<Snapshot>(*day);
    slow->version = 2;
    LatencyPoint late = slow->latencyCurve.back();
    late.time += kNsPerMinute;
    late.ack.p95Ns = 650 * kNsPerMs; // the broker slows down
    slow->latencyCurve.push_back(late);
    engine.current = slow;
    window.refreshNow();
    QCOMPARE(window.latencyChart()->pointCount(), 31);
    QVERIFY(window.latencyChart()->overThreshold());
    QVERIFY2(window.latencyChart()->summaryText().contains(QLatin1String("OVER")),
             qPrintable(window.latencyChart()->summaryText()));
    // Hidden again behind the equity curve, the alert still shows in the tab's title.
    window.findChild<QDockWidget *>(QStringLiteral("equityDock"))->raise();
    QCoreApplication::processEvents();
    QVERIFY(
        window.findChild<QDockWidget *>(QStringLiteral("latencyDock"))->windowTitle().contains(QLatin1String("over")));
}

void TestUiMainWindow::exposureBySymbolAndStrategy()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    showWithDock(window, "exposureDock");
    auto day = tradingDay(1);
    StrategyRow mr;
    mr.name = "Mean reversion";
    mr.grossExposure = Money::fromDollars(20'000);
    day->strategies = {mr};
    day->grossLimitPct = 150;
    for (EquityPoint &p : day->equityCurve) {
        p.grossExposure = Money::fromDollars(30'000);
        p.netExposure = Money::fromDollars(10'000);
        p.breakdownKnown = true;
    }
    engine.current = day;
    window.refreshNow();
    ExposureChart *chart = window.exposureChart();
    QCOMPARE(chart->pointCount(), int(day->equityCurve.size()));
    QCOMPARE(chart->grossLimitPct(), 150.0);
    // The largest positions first (by |market value|), then the strategies.
    QCOMPARE(chart->barLabels().size(), int(day->positions.size()) + 1);
    QCOMPARE(chart->barLabels().last(), QStringLiteral("Mean reversion"));
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        chart->grab().save(dir + QStringLiteral("/exposure.png"));
}

void TestUiMainWindow::pnlPartsAndStrategies()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    showWithDock(window, "pnlDock");
    auto day = tradingDay(1);
    // The process restarted at the 20th minute: the points before carry the equity only.
    const int restored = 20;
    for (int k = 0; k < restored; ++k)
        day->equityCurve[static_cast<std::size_t>(k)].breakdownKnown = false;
    engine.current = day;
    window.refreshNow();

    PnlChart *chart = window.pnlChart();
    using Series = PnlChart::Series;
    const int points = int(day->equityCurve.size());
    QCOMPARE(chart->pointCount(Series::Total), points);
    QCOMPARE(chart->pointCount(Series::Realized), points - restored);
    QCOMPARE(chart->pointCount(Series::Unrealized), points - restored);
    const EquityPoint &last = day->equityCurve.back();
    QCOMPARE(chart->lastValue(Series::Total), (last.equity - day->startingEquity).toDouble());
    QCOMPARE(chart->lastValue(Series::Realized), last.realizedPnl.toDouble());
    QCOMPARE(chart->lastValue(Series::Unrealized), last.unrealizedPnl.toDouble());
    QCOMPARE(chart->lastValue(Series::Realized) + chart->lastValue(Series::Unrealized),
             chart->lastValue(Series::Total));

    // One line per strategy, named as the operator reads them, ending at its P&L.
    QCOMPARE(chart->strategyNames(), (QStringList{QStringLiteral("momentum-breakout"), QStringLiteral("mean-reversion"),
                                                  QStringLiteral("pairs-tech"), QStringLiteral("gap-fade")}));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(chart->lastStrategyValue(i), day->strategyCurves[static_cast<std::size_t>(i)].pnl.back().toDouble());
    // The loss limit as P&L: the high-water mark less the limit, from the start.
    auto later = std::make_shared<Snapshot>(*day);
    later->killDrawdown = Money::fromDollars(5'000);
    later->version = 2;
    later->equityCurve.push_back(later->equityCurve.back());
    later->equityCurve.back().time += kNsPerMinute;
    for (StrategyCurve &c : later->strategyCurves)
        c.pnl.push_back(c.pnl.back());
    engine.current = later;
    window.refreshNow();
    QCOMPARE(chart->lossLimitLevel(), (later->highWaterMark - later->killDrawdown - later->startingEquity).toDouble());

    // Nothing new: nothing redrawn.
    const int replots = chart->replotCount();
    auto same = std::make_shared<Snapshot>(*later);
    same->version = 3;
    engine.current = same;
    window.refreshNow();
    QCOMPARE(chart->replotCount(), replots);
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    QCoreApplication::processEvents(); // the summary's new width
    if (!dir.isEmpty())
        chart->grab().save(dir + QStringLiteral("/pnl.png"));
}

void TestUiMainWindow::marketDataAndBrokerInTheHeader()
{
    FakeEngine engine;
    MainWindow window(engine.source());
    auto day = tradingDay(1);
    day->components = {{"market data", true, 400, 3, ComponentId::MarketData},
                       {"broker", true, 2'400, 40, ComponentId::Broker},
                       {"engine", true, 0, 1, ComponentId::Engine}};
    engine.current = day;
    window.refreshNow();
    HeaderStrip *header = window.headerStrip();
    QCOMPARE(header->marketDataText(), QStringLiteral("400 ms"));
    QCOMPARE(header->marketDataTone(), theme::Tone::Profit);
    QCOMPARE(header->brokerText(), QStringLiteral("connected"));
    QCOMPARE(header->brokerTone(), theme::Tone::Profit);

    // A silent feed (five simulated minutes) and a broker answering with errors.
    auto later = std::make_shared<Snapshot>(*day);
    later->version = 2;
    later->components[0].simAgeMs = 300'000;
    later->brokerErrorStreak = 2;
    engine.current = later;
    window.refreshNow();
    QCOMPARE(header->marketDataText(), QStringLiteral("STALE 5m 00s"));
    QCOMPARE(header->marketDataTone(), theme::Tone::Warning);
    QCOMPARE(header->brokerText(), QStringLiteral("2 errors"));
    QCOMPARE(header->brokerTone(), theme::Tone::Warning);

    // Both down: said in words, in red.
    auto down = std::make_shared<Snapshot>(*later);
    down->version = 3;
    down->components[0].up = false;
    down->components[1].up = false;
    engine.current = down;
    window.refreshNow();
    QCOMPARE(header->marketDataText(), QStringLiteral("DOWN"));
    QCOMPARE(header->marketDataTone(), theme::Tone::Loss);
    QCOMPARE(header->brokerText(), QStringLiteral("DOWN"));
    QCOMPARE(header->brokerTone(), theme::Tone::Loss);
}

void TestUiMainWindow::reconciliationInTheStatusBar()
{
    FakeEngine engine;
    engine.current = tradingDay(1);
    MainWindow window(engine.source());
    window.refreshNow();
    QCOMPARE(window.reconciliationText(), QString()); // no run yet: nothing claimed

    InternalBooks ours{{{"AAPL", 100, Price::fromCents(19000)}}, {}};
    BrokerStatement broker;
    broker.positionsAnswered = broker.ordersAnswered = true;
    broker.positions = ours.positions;
    window.setReconciliation(reconcile(ours, broker));
    QCOMPARE(window.reconciliationText(), QStringLiteral("books agree"));
    auto *label = window.findChild<QLabel *>(QStringLiteral("reconciliationStatus"));
    QCOMPARE(label->property("tone").toByteArray(), QByteArray("muted"));

    broker.positions.clear(); // closed by hand at the broker
    window.setReconciliation(reconcile(ours, broker));
    QCOMPARE(window.reconciliationText(), QStringLiteral("BOOKS DIFFER: AAPL"));
    QCOMPARE(label->property("tone").toByteArray(), QByteArray("loss"));
    QVERIFY(label->toolTip().contains(QLatin1String("AAPL: 100 here, 0 at the broker")));

    broker.ordersAnswered = false; // and the orders could not be read
    broker.positions = ours.positions;
    window.setReconciliation(reconcile(ours, broker));
    QCOMPARE(window.reconciliationText(), QStringLiteral("RECONCILIATION INCOMPLETE"));
    QCOMPARE(label->property("tone").toByteArray(), QByteArray("warning"));
}

namespace {
/// A session whose last reconciliation found two differences: AAPL open (entries blocked),
/// MSFT accepted with a note; three runs so far.
std::shared_ptr<Snapshot> withDifferences(std::uint64_t version)
{
    auto s = tradingDay(version);
    auto view = std::make_shared<ReconciliationView>();
    ReconciliationView &v = *view;
    for (std::uint64_t n = 1; n <= 3; ++n) {
        ReconciliationRunRow run;
        run.number = n;
        run.clock = n == 1 ? "09:30:00" : n == 2 ? "10:02:41" : "13:40:12";
        run.wallMs = 1'795'000'000'000 + static_cast<std::int64_t>(n) * 60'000;
        run.startedBy = n == 1 ? "start-up" : n == 2 ? "broker reconnect" : "on demand";
        run.actor = n == 3 ? "alice (console)" : "system (reconciliation)";
        run.complete = true;
        run.differences = n == 1 ? 0 : 2;
        run.summary = n == 1 ? "clean: 8 positions and 0 working orders agree with the broker"
                             : "2 differences: AAPL: 120 here, 0 at the broker (missing at the broker); MSFT: 30 here, "
                               "25 at the broker (quantity differs)";
        v.runs.push_back(run);
    }
    ReconciliationDifferenceRow aapl;
    aapl.key = "position AAPL";
    aapl.kind = DifferenceKind::MissingAtBroker;
    aapl.symbol = "AAPL";
    aapl.internalQty = 120;
    aapl.internalAvg = Price::fromCents(18942);
    aapl.description = "AAPL: 120 here, 0 at the broker (missing at the broker)";
    aapl.choices = {Resolution::Adopt, Resolution::Flatten, Resolution::Accept};
    ReconciliationDifferenceRow msft;
    msft.key = "position MSFT";
    msft.kind = DifferenceKind::QuantityDiffers;
    msft.symbol = "MSFT";
    msft.internalQty = 30;
    msft.brokerQty = 25;
    msft.internalAvg = msft.brokerAvg = Price::fromCents(41510);
    msft.description = "MSFT: 30 here, 25 at the broker (quantity differs)";
    msft.status = ReconciliationDifferenceRow::Status::Accepted;
    msft.resolution = "bob (console): accept (5 lent out, the broker confirmed)";
    msft.choices = {Resolution::Adopt, Resolution::Flatten};
    v.differences = {aapl, msft};
    v.blockedSymbols = {"AAPL"};
    s->reconciliation = view;
    return s;
}
}

void TestUiMainWindow::reconciliationSaysWhenTheBooksLastAgreed()
{
    FakeEngine engine;
    auto s = tradingDay(1);
    auto view = std::make_shared<ReconciliationView>();
    ReconciliationRunRow run;
    run.number = 14;
    run.clock = "10:01:07";
    run.startedBy = "periodic";
    run.actor = "system (reconciliation)";
    run.complete = true;
    run.summary = "clean: 8 positions, 0 working orders and the cash agree with the broker";
    view->runs = {run};
    s->reconciliation = view;
    engine.current = s;
    MainWindow window(engine.source());
    showWithDock(window, "reconciliationDock");
    window.refreshNow();
    // Not "books agree" about old news: when they last agreed, in the title, the headline
    // and the status bar.
    QCOMPARE(window.reconciliationDock()->windowTitle(), QStringLiteral("RECONCILIATION · books agree, 10:01:07"));
    QVERIFY2(window.reconciliationPanel()->headline().contains(QLatin1String("(periodic, system (reconciliation)): "
                                                                             "books agree, 10:01:07")),
             qPrintable(window.reconciliationPanel()->headline()));
    QCOMPARE(window.reconciliationText(), QStringLiteral("books agree, 10:01:07"));

    // A later run finds the cash apart: the cash is named, not a symbol.
    auto later = tradingDay(2);
    auto differs = std::make_shared<ReconciliationView>(*view);
    run.number = 15;
    run.clock = "10:02:09";
    run.differences = 1;
    run.summary = "1 difference: cash: 998279.74 here, 999925.12 at the broker, 1645.38 apart (cash differs)";
    differs->runs.push_back(run);
    ReconciliationDifferenceRow cash;
    cash.key = "cash";
    cash.kind = DifferenceKind::CashDiffers;
    cash.description = "cash: 998279.74 here, 999925.12 at the broker, 1645.38 apart (cash differs)";
    cash.choices = {Resolution::Accept};
    cash.cash = true;
    cash.internalCash = Money::parse("998279.74").value();
    cash.brokerCash = Money::parse("999925.12").value();
    differs->differences = {cash};
    later->reconciliation = differs;
    engine.current = later;
    window.refreshNow();
    QCOMPARE(window.reconciliationText(), QStringLiteral("BOOKS DIFFER: cash"));
    // The differences table: the cash's amounts where a position's quantities are.
    const DifferencesModel *model = window.reconciliationPanel()->differencesModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, DifferencesModel::KeyColumn).data().toString(), QStringLiteral("cash"));
    QVERIFY(model->index(0, DifferencesModel::HereColumn).data().toString().startsWith(QLatin1String("998279.74")));
    QVERIFY(model->index(0, DifferencesModel::BrokerColumn).data().toString().startsWith(QLatin1String("999925.12")));
    QCOMPARE(window.reconciliationDock()->windowTitle(), QStringLiteral("RECONCILIATION · 1 open"));
}

void TestUiMainWindow::aRestartsReplayIsShownOnEveryPriceTile()
{
    FakeEngine engine;
    auto s = tradingDay(1);
    s->catchingUpTo = "11:42:10";
    s->figuresAsOf = "11:41:58";
    engine.current = s;
    MainWindow window(engine.source());
    window.refreshNow();
    const QString asOf = QStringLiteral("replaying, figures as of 11:41");
    for (const PnlTiles::Tile tile :
         {PnlTiles::Tile::DailyPnl, PnlTiles::Tile::Unrealized, PnlTiles::Tile::Equity, PnlTiles::Tile::Drawdown,
          PnlTiles::Tile::GrossExposure, PnlTiles::Tile::NetExposure})
        QCOMPARE(window.pnlTiles()->detailText(tile), asOf);
    // Realized P&L and fees are the journal's own: not marked.
    QCOMPARE(window.pnlTiles()->detailText(PnlTiles::Tile::Realized), QStringLiteral("net of fees"));
    QCOMPARE(window.pnlTiles()->detailText(PnlTiles::Tile::Fees), QStringLiteral("today"));
    // The header: the session's phase beside the badge.
    auto *header = window.findChild<HeaderStrip *>();
    QVERIFY(header);
    QCOMPARE(header->phaseText(), QStringLiteral("Replaying"));
    auto *badge = window.findChild<QLabel *>(QStringLiteral("stateBadge"));
    QVERIFY2(badge->text().endsWith(QStringLiteral("ACTIVE · replaying")), qPrintable(badge->text()));

    // Caught up: the tiles' own lines again.
    auto live = tradingDay(2);
    engine.current = live;
    window.refreshNow();
    QVERIFY(window.pnlTiles()->detailText(PnlTiles::Tile::DailyPnl).endsWith(QLatin1String("of start")));
    QCOMPARE(header->phaseText(), QStringLiteral("Open"));
    QVERIFY(!badge->text().contains(QLatin1String("replaying")));
}

void TestUiMainWindow::reconciliationPanelResolvesThroughTheControlBar()
{
    FakeEngine engine;
    engine.current = withDifferences(1);
    std::vector<Command> sent;
    MainWindow window(engine.source(), [&sent](Command c, std::function<void(const CommandResult &)> done) {
        sent.push_back(c);
        CommandResult r;
        r.ok = true;
        r.message = "done";
        done(r);
    });
    showWithDock(window, "reconciliationDock");
    window.refreshNow();
    ReconciliationPanel *panel = window.reconciliationPanel();
    QAbstractItemModelTester tester(panel->differencesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester runsTester(panel->runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.reconciliationDock()->windowTitle(), QStringLiteral("RECONCILIATION · 1 open"));
    QCOMPARE(panel->differencesModel()->rowCount(), 2);
    QCOMPARE(panel->runsModel()->rowCount(), 3);
    QVERIFY2(panel->headline().startsWith(QLatin1String("Last run #3 at 13:40:12 (on demand, alice (console)): 2 "
                                                        "differences, 1 unresolved")),
             qPrintable(panel->headline()));
    // The status bar follows the engine: only the open difference counts.
    QCOMPARE(window.reconciliationText(), QStringLiteral("BOOKS DIFFER: AAPL"));
    auto *blockedLabel = window.findChild<QLabel *>(QStringLiteral("reconciliationBlocked"));
    QVERIFY(blockedLabel->text().contains(QLatin1String("New entries blocked until resolved: AAPL")));

    // Nothing selected: only "Reconcile now" is offered.
    QVERIFY(panel->button(QStringLiteral("reconcile"))->isEnabled());
    QVERIFY(!panel->button(QStringLiteral("adopt"))->isEnabled());
    QTest::mouseClick(panel->button(QStringLiteral("reconcile")), Qt::LeftButton);
    QCOMPARE(sent.size(), std::size_t(1));
    QCOMPARE(int(kindOf(sent.back())), int(CommandKind::Reconcile));
    QVERIFY(!std::get_if<cmd::RecordReconciliation>(&sent.back())); // a request for a run, not a result

    // AAPL (open): adopt, flatten, accept and unblock; no cancel.
    QTableView *view = panel->differencesView();
    view->selectRow(0);
    QCOMPARE(view->model()->index(0, DifferencesModel::KeyColumn).data().toString(), QStringLiteral("AAPL"));
    QVERIFY(panel->button(QStringLiteral("adopt"))->isEnabled());
    QVERIFY(panel->button(QStringLiteral("flatten"))->isEnabled());
    QVERIFY(panel->button(QStringLiteral("accept"))->isEnabled());
    QVERIFY(!panel->button(QStringLiteral("cancel"))->isEnabled());
    QVERIFY(panel->button(QStringLiteral("unblock"))->isEnabled());
    // MSFT (accepted): no second accept, not blocked.
    view->selectRow(1);
    QVERIFY(!panel->button(QStringLiteral("accept"))->isEnabled());
    QVERIFY(panel->button(QStringLiteral("adopt"))->isEnabled());
    QVERIFY(!panel->button(QStringLiteral("unblock"))->isEnabled());
    QCOMPARE(view->model()->index(1, DifferencesModel::StatusColumn).data().toString(), QStringLiteral("ACCEPTED"));

    // A resolution arms the control bar; nothing is sent until it is fired with a note.
    view->selectRow(0);
    QTest::mouseClick(panel->button(QStringLiteral("adopt")), Qt::LeftButton);
    ControlBar *bar = window.controlBar();
    QVERIFY(bar->isArmed());
    QCOMPARE(int(bar->armedKind()), int(CommandKind::Resolve));
    QCOMPARE(sent.size(), std::size_t(1));
    QVERIFY(!bar->fireButton()->isEnabled()); // the note is required
    QTest::keyClicks(bar->reasonEdit(), QStringLiteral("closed by hand at 9:31, confirmed"));
    QTest::mouseClick(bar->fireButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), std::size_t(2));
    QCOMPARE(int(kindOf(sent.back())), int(CommandKind::Resolve));
    QCOMPARE(std::get<cmd::Resolve>(sent.back()).differenceKey, std::string("position AAPL"));
    QCOMPARE(std::string(toString(std::get<cmd::Resolve>(sent.back()).resolution)), std::string("adopt"));
    QCOMPARE(originOf(sent.back()).reason, std::string("closed by hand at 9:31, confirmed"));
    QVERIFY(QString::fromStdString(originOf(sent.back()).actor).endsWith(QLatin1String("(console)")));

    QTest::mouseClick(panel->button(QStringLiteral("unblock")), Qt::LeftButton);
    QCOMPARE(int(bar->armedKind()), int(CommandKind::Unblock));
    QTest::keyClicks(bar->reasonEdit(), QStringLiteral("desk on the phone with the broker"));
    QTest::keyClick(bar->reasonEdit(), Qt::Key_Return);
    QCOMPARE(int(kindOf(sent.back())), int(CommandKind::Unblock));
    QCOMPARE(std::get<cmd::Unblock>(sent.back()).symbol, std::string("AAPL"));

    if (qEnvironmentVariableIsSet("VIGIL_SCREENSHOT_DIR")) {
        view->selectRow(0);
        QTest::mouseClick(panel->button(QStringLiteral("flatten")), Qt::LeftButton);
        QVERIFY(!savePng(window, qEnvironmentVariable("VIGIL_SCREENSHOT_DIR"),
                         QStringLiteral("mainwindow-reconciliation.png"))
                     .isEmpty());
    }
}

void TestUiMainWindow::theCloseIsShownStepByStep()
{
    // The console only displays the close's progress (api/EndOfDay.h): each step where the
    // operator looks for it, once.
    FakeEngine engine;
    engine.current = tradingDay(1);
    MainWindow window(engine.source());
    showWithDock(window, "checklistsDock");
    window.refreshNow();
    using State = EndOfDayStepOutcome::State;
    const auto set = [](EndOfDayProgress &p, EndOfDayStep step, State state) {
        p.steps[static_cast<std::size_t>(step)].state = state;
    };
    EndOfDayProgress p;
    set(p, EndOfDayStep::Reconcile, State::Running);
    window.showEndOfDay(p);
    QCOMPARE(window.reconciliationText(), QString()); // nothing claimed before the run

    InternalBooks ours{{{"AAPL", 100, Price::fromCents(19000)}}, {}};
    BrokerStatement broker;
    broker.positionsAnswered = broker.ordersAnswered = true;
    broker.positions = ours.positions;
    p.reconciliation = std::make_shared<const ReconciliationResult>(reconcile(ours, broker));
    set(p, EndOfDayStep::Reconcile, State::Done);
    set(p, EndOfDayStep::Durable, State::Done);
    p.report.file = QStringLiteral("/data/reports/vigil-report-2026-11-20.pdf");
    set(p, EndOfDayStep::Report, State::Running);
    window.showEndOfDay(p);
    QCOMPARE(window.reconciliationText(), QStringLiteral("books agree"));
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("Writing the daily report /data/reports/vigil-report-2026-11-20.pdf…"));

    p.report.pages = 3;
    set(p, EndOfDayStep::Report, State::Done);
    set(p, EndOfDayStep::Backup, State::Running);
    window.showEndOfDay(p);
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("Daily report written: /data/reports/vigil-report-2026-11-20.pdf (3 pages)"));

    // Shown once: the reconciliation the engine's snapshots say later is not overwritten by
    // the same step shown again.
    window.setReconciliation(ReconciliationResult{});
    const QString later = window.reconciliationText();
    auto checklist = std::make_shared<ChecklistResult>();
    checklist->kind = ChecklistKind::EndOfDay;
    checklist->sessionDate = "2026-11-20";
    checklist->startedBy = "schedule";
    checklist->items = {{"daily_backup", "Backup made and verified", CheckStatus::Pass, "a.tar", "", ""}};
    p.checklist = checklist;
    set(p, EndOfDayStep::Backup, State::Done);
    set(p, EndOfDayStep::Checklist, State::Done);
    window.showEndOfDay(p);
    QCOMPARE(window.reconciliationText(), later);
    QCOMPARE(window.checklistPanel()->model(ChecklistKind::EndOfDay)->rowCount(), 1);
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("reportFailed")));

    // A report that was not written is a warning, not a status line.
    EndOfDayProgress failed;
    failed.report.file = QStringLiteral("/data/reports/vigil-report-2026-11-21.pdf");
    set(failed, EndOfDayStep::Report, State::Running);
    window.showEndOfDay(failed);
    failed.report.error = QStringLiteral("disk full");
    set(failed, EndOfDayStep::Report, State::Failed);
    window.showEndOfDay(failed);
    QCOMPARE(window.statusBar()->currentMessage(), QString());
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("reportFailed"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QLatin1String("disk full")));
    box->close();
}

void TestUiMainWindow::checklistsPanelShowsRunsAndOffersFlatten()
{
    FakeEngine engine;
    engine.current = tradingDay(1);
    std::vector<Command> sent;
    MainWindow window(engine.source(), [&sent](Command c, std::function<void(const CommandResult &)> done) {
        sent.push_back(c);
        CommandResult r;
        r.ok = true;
        done(r);
    });
    std::vector<std::pair<ChecklistKind, std::string>> runs;
    window.setChecklistRunner(
        [&runs](ChecklistKind kind, const std::string &startedBy) { runs.emplace_back(kind, startedBy); });
    showWithDock(window, "checklistsDock");
    window.refreshNow();
    ChecklistPanel *panel = window.checklistPanel();
    QCOMPARE(window.checklistsDock()->windowTitle(), QStringLiteral("CHECKLISTS"));
    QAbstractItemModelTester tester(panel->model(ChecklistKind::PreMarket),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // One click runs the whole checklist, as the console's operator.
    QVERIFY(panel->runButton(ChecklistKind::PreMarket)->isEnabled());
    QTest::mouseClick(panel->runButton(ChecklistKind::PreMarket), Qt::LeftButton);
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(int(runs.back().first), int(ChecklistKind::PreMarket));
    QCOMPARE(runs.back().second, std::string("console"));
    QVERIFY(!panel->runButton(ChecklistKind::PreMarket)->isEnabled()); // until its result is back

    ChecklistResult morning;
    morning.kind = ChecklistKind::PreMarket;
    morning.sessionDate = "2026-11-20";
    morning.startedBy = "console";
    morning.items = {{"engine", "Engine running", CheckStatus::Pass, "running", "running", ""},
                     {"disk", "Free disk space on the data volume", CheckStatus::Fail,
                      "7.9 % free (21.3 GB of 270.6 GB)", "> 10 % free (warn below 15 %)",
                      "free space on /srv/vigil before the journal cannot grow"},
                     {"strategy_age", "Strategy age", CheckStatus::Warn, "swing_momentum 172 d",
                      "deployed < 90 days ago", "swing_momentum is 172 days old: review it"}};
    window.showChecklist(morning);
    QVERIFY(panel->runButton(ChecklistKind::PreMarket)->isEnabled());
    QCOMPARE(panel->model(ChecklistKind::PreMarket)->rowCount(), 3);
    const QModelIndex disk = panel->model(ChecklistKind::PreMarket)->index(1, ChecklistModel::StatusColumn);
    QCOMPARE(disk.data().toString(), QStringLiteral("FAIL"));
    QCOMPARE(panel->model(ChecklistKind::PreMarket)->index(1, ChecklistModel::ThresholdColumn).data().toString(),
             QStringLiteral("> 10 % free (warn below 15 %)"));
    QVERIFY2(panel->headline(ChecklistKind::PreMarket).contains(QStringLiteral("1 pass, 1 warn, 1 fail")),
             qPrintable(panel->headline(ChecklistKind::PreMarket)));
    QCOMPARE(window.checklistsDock()->windowTitle(), QStringLiteral("CHECKLISTS · PRE-MARKET 1 FAIL"));
    // What to do, failing items first as the checklist orders them.
    QCOMPARE(panel->advice(ChecklistKind::PreMarket),
             QStringLiteral(
                 "FAIL Free disk space on the data volume: free space on /srv/vigil before the journal cannot grow\n"
                 "WARN Strategy age: swing_momentum is 172 days old: review it"));

    // An intraday strategy left open at the end of the day: its flatten is one click away,
    // through the control bar like every command.
    ChecklistResult evening;
    evening.kind = ChecklistKind::EndOfDay;
    evening.sessionDate = "2026-11-20";
    evening.startedBy = "schedule";
    evening.items = {{"intraday_flat", "Intraday strategies flat", CheckStatus::Fail,
                      "1 open: intraday_mean_reversion NVDA 150", "no open intraday position",
                      "flatten the strategy before leaving it overnight"},
                     {"report", "Daily report generated", CheckStatus::Pass,
                      "/srv/vigil/reports/vigil-report-2026-11-20.pdf (59 KB)", "the day's PDF exists", ""}};
    window.showChecklist(evening);
    QCOMPARE(panel->flattenButtons().size(), qsizetype(1));
    QPushButton *flatten = panel->flattenButtons().first();
    QCOMPARE(flatten->text(), QStringLiteral("Flatten intraday_mean_reversion…"));
    QTest::mouseClick(flatten, Qt::LeftButton);
    ControlBar *bar = window.controlBar();
    QVERIFY(bar->isArmed());
    QCOMPARE(int(bar->armedKind()), int(CommandKind::Flatten));
    QVERIFY(sent.empty()); // nothing leaves before Fire, with a reason
    QTest::keyClicks(bar->reasonEdit(), QStringLiteral("left open by the end-of-day checklist"));
    QTest::mouseClick(bar->fireButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), std::size_t(1));
    QCOMPARE(int(std::get<cmd::Flatten>(sent.back()).scope.kind), int(FlattenScope::Kind::Strategy));
    QCOMPARE(std::get<cmd::Flatten>(sent.back()).scope.target, std::string("intraday_mean_reversion"));
    QCOMPARE(window.checklistsDock()->windowTitle(),
             QStringLiteral("CHECKLISTS · PRE-MARKET 1 FAIL, END OF DAY 1 FAIL"));
    if (qEnvironmentVariableIsSet("VIGIL_SCREENSHOT_DIR")) {
        window.showChecklist(morning);
        QVERIFY(
            !savePng(window, qEnvironmentVariable("VIGIL_SCREENSHOT_DIR"), QStringLiteral("mainwindow-checklists.png"))
                 .isEmpty());
    }
}

void TestUiMainWindow::drillsMenuArmsMarkedDrills()
{
    FakeEngine engine;
    engine.current = tradingDay(1);
    std::vector<Command> sent;
    MainWindow window(engine.source(),
                      [&sent](Command c, std::function<void(const CommandResult &)>) { sent.push_back(c); });
    window.refreshNow();
    QMenu *menu = window.drillsMenu();
    QStringList names;
    for (QAction *a : menu->actions())
        if (!a->objectName().isEmpty()) {
            names << a->objectName();
            QVERIFY2(a->text().startsWith(QLatin1String("DRILL: ")), qPrintable(a->text()));
            QVERIFY(a->isEnabled());
        }
    for (const char *drill :
         {"broker-manual-close", "broker-cancel-order", "broker-disconnect", "broker-error-burst", "feed-silence"})
        QVERIFY2(names.contains(QLatin1String(drill)), drill);
    menu->findChild<QAction *>(QStringLiteral("broker-disconnect"))->trigger();
    ControlBar *bar = window.controlBar();
    QCOMPARE(int(bar->armedKind()), int(CommandKind::Drill));
    const QString armed = bar->findChild<QLabel *>(QStringLiteral("armedText"))->text();
    QVERIFY2(armed.startsWith(QLatin1String("DRILL broker-disconnect"))
                 && armed.contains(QLatin1String("not a real fault")),
             qPrintable(armed));
    QTest::keyClicks(bar->reasonEdit(), QStringLiteral("monthly rehearsal"));
    QTest::mouseClick(bar->fireButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), std::size_t(1));
    QCOMPARE(std::string(toString(std::get<cmd::Drill>(sent.back()).kind)), std::string("broker-disconnect"));

    // A window without an engine to command only shows: its drills are disabled.
    MainWindow viewer(engine.source());
    for (QAction *a : viewer.drillsMenu()->actions())
        if (!a->objectName().isEmpty())
            QVERIFY(!a->isEnabled());
}

void TestUiMainWindow::auditTrailTable()
{
    FakeEngine engine;
    engine.current = tradingDay(1);
    MainWindow window(engine.source());
    showWithDock(window, "auditDock");
    QDockWidget *dock = window.findChild<QDockWidget *>(QStringLiteral("auditDock"));
    window.refreshNow();
    QCOMPARE(dock->windowTitle(), QStringLiteral("AUDIT TRAIL · no journal"));
    QCOMPARE(window.auditModel()->rowCount(), 0);

    QAbstractItemModelTester tester(window.auditModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto trail = std::make_shared<AuditTrail>();
    trail->version = 1;
    const SimTime at = sessionFor(kSessionDate).at(9, 31, 5);
    auto record = [&](std::int64_t id, const char *actor, const char *action, const char *detail, bool trades) {
        trail->rows.push_back({id, at + id * kNsPerSecond, 1'763'650'000'000 + id, actor, action, detail,
                               std::string(64, char('a' + id % 6)), trades});
        trail->lastId = id;
    };
    record(1, "system", "session", "session 2026-11-20 opened with equity 250000.00", false);
    record(2, "engine", "orders and fills", "1 new orders, 2 order events, 1 fills: journal records 3 to 5", true);
    record(3, "ops (console)", "trading state", "paused: news on AAPL", false);
    record(4, "engine", "orders and fills", "0 new orders, 1 order events, 0 fills: journal records 6 to 6", true);
    std::shared_ptr<const AuditTrail> published = trail;
    window.setAuditSource([&published] { return published; });

    // The operators' records; the ones covering orders and fills only when asked for.
    QCOMPARE(window.auditModel()->rowCount(), 2);
    // Dock titles change together, at most once a second (each change lays the window out).
    QTRY_COMPARE_WITH_TIMEOUT(dock->windowTitle(), QStringLiteral("AUDIT TRAIL · 4 records"), 3000);
    QAbstractItemModel *view = window.findChild<QTableView *>(QStringLiteral("auditView"))->model();
    QCOMPARE(view->index(0, AuditModel::NumberColumn).data().toString(), QStringLiteral("3")); // the newest first
    QCOMPARE(view->index(0, AuditModel::ActorColumn).data().toString(), QStringLiteral("ops (console)"));
    QCOMPARE(view->index(0, AuditModel::TimeColumn).data().toString(), QStringLiteral("2026-11-20 09:31:08"));
    QCOMPARE(view->index(0, AuditModel::HashColumn).data().toString(), QStringLiteral("dddddddd"));
    QVERIFY(view->index(0, AuditModel::DetailColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QString(64, QLatin1Char('d'))));
    auto *showTrades = window.findChild<QCheckBox *>(QStringLiteral("auditShowTrades"));
    QVERIFY(showTrades);
    showTrades->setChecked(true);
    QCOMPARE(window.auditModel()->rowCount(), 4);
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("auditViewFilter"));
    QVERIFY(filter);
    filter->setText(QStringLiteral("PAUSED"));
    QCOMPARE(view->rowCount(), 1);
    filter->clear();

    // A newer trail: the new record is added, the table keeps the rest.
    auto newer = std::make_shared<AuditTrail>(*trail);
    newer->version = 2;
    newer->rows.push_back(
        {5, at + 9 * kNsPerSecond, 0, "ops (console)", "trading state", "resumed", std::string(64, 'f'), false});
    newer->lastId = 5;
    published = newer;
    window.refreshNow();
    QCOMPARE(window.auditModel()->rowCount(), 5);
    QCOMPARE(view->index(0, AuditModel::DetailColumn).data().toString(), QStringLiteral("resumed"));
    QTRY_COMPARE_WITH_TIMEOUT(dock->windowTitle(), QStringLiteral("AUDIT TRAIL · 5 records"), 3000);
    showTrades->setChecked(false);
    QCOMPARE(window.auditModel()->rowCount(), 3);
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(dir + QStringLiteral("/mainwindow-audit.png"));
}

QTEST_MAIN(TestUiMainWindow)
#include "tst_ui_mainwindow.moc"
