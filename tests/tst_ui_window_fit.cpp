// The main window on a 1366x768 laptop screen (an offscreen screen of that size): its
// minimum size fits the screen less a task bar, the kill switch and the state are inside
// it, arming a control never changes its size, a saved geometry larger than the screen is
// brought back inside it, and the long columns (checklist Measured and Threshold,
// strategies Fills, reconciliation Resolution, audit Detail) show their whole text.

#include "AuditModel.h"
#include "ChecklistModel.h"
#include "ChecklistPanel.h"
#include "ControlBar.h"
#include "HeaderStrip.h"
#include "MainWindow.h"
#include "ReconciliationModel.h"
#include "ReconciliationPanel.h"
#include "StrategiesModel.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>
#include <QToolButton>

#include "SnapshotRows.h"

using namespace vigil;
using vigil::testing::position;
using vigil::testing::strategy;

namespace {

constexpr int kScreenWidth = 1366;
constexpr int kScreenHeight = 768;
constexpr int kTaskBar = 40; ///< a typical panel or task bar takes this much of the height

const Date kSessionDate{2026, 11, 20};

struct FakeEngine {
    std::shared_ptr<const Snapshot> current;
    MainWindow::SnapshotSource source()
    {
        return [this] { return current; };
    }
};

/// Accepts every command and answers it at once.
MainWindow::CommandSink acceptAll()
{
    return [](Command, std::function<void(const CommandResult &)> done) {
        CommandResult r;
        r.ok = true;
        r.message = "done";
        done(r);
    };
}

/// A mid-session picture with the long texts an operator meets: eight positions, four
/// strategies with their day's orders and fills, two reconciliation differences (one
/// resolved with a note).
std::shared_ptr<Snapshot> session(std::uint64_t version)
{
    auto s = std::make_shared<Snapshot>();
    const SessionWindow window = sessionFor(kSessionDate);
    s->version = version;
    s->phase = SessionPhase::Open;
    s->tradingState = TradingState::Active;
    s->sessionDate = kSessionDate.toIso();
    s->simTime = window.at(13, 42);
    s->simClock = window.clockText(s->simTime);
    s->speed = 60;
    s->startingEquity = Money::fromDollars(1'000'000);
    s->positions = {
        position("AAPL", 1200, 18942, 19107, 21450), position("AMD", -800, 11890, 12035, -8812),
        position("AMZN", 600, 17825, 18162, 6020),   position("GOOGL", 500, 14180, 14095, 0),
        position("META", -250, 51230, 50588, 15575), position("MSFT", 300, 41510, 41844, -4260),
        position("NVDA", 350, 48010, 48655, 33890),  position("TSLA", -400, 24100, 24471, -11237),
    };
    for (const PositionRow &row : s->positions) {
        s->realizedPnl += row.realizedPnl;
        s->unrealizedPnl += row.unrealizedPnl;
        s->grossExposure += row.marketValue.raw() < 0 ? -row.marketValue : row.marketValue;
        s->netExposure += row.marketValue;
    }
    s->equity = s->startingEquity + s->realizedPnl + s->unrealizedPnl;
    s->highWaterMark = s->equity;
    s->fees = Money::fromCents(184'212);
    s->strategies = {
        strategy("Momentum breakout", false, 12570, 4'123'000, 3'621'500, 1254, 11049),
        strategy("Mean reversion", true, -2260, -1'207'000, -423'300, 3047, 12843),
        strategy("Pairs tech", false, 2260, 0, 1'208'000, 918, 10016),
        strategy("Gap fade", true, 0, 2'346'600, 0, 312, 10310),
    };
    s->components = {{"market data", true, 180, 3, ComponentId::MarketData},
                     {"broker", true, 2'400, 40, ComponentId::Broker}};

    auto view = std::make_shared<ReconciliationView>();
    ReconciliationRunRow run;
    run.number = 3;
    run.clock = "13:40:12";
    run.startedBy = "on demand";
    run.actor = "alice (console)";
    run.complete = true;
    run.differences = 2;
    run.summary = "2 differences: AAPL: 1200 here, 0 at the broker (missing at the broker); MSFT: 300 here, "
                  "250 at the broker (quantity differs)";
    view->runs.push_back(run);
    ReconciliationDifferenceRow aapl;
    aapl.key = "position AAPL";
    aapl.kind = DifferenceKind::MissingAtBroker;
    aapl.symbol = "AAPL";
    aapl.internalQty = 1200;
    aapl.internalAvg = Price::fromCents(18942);
    aapl.status = ReconciliationDifferenceRow::Status::Resolving;
    aapl.resolution = "alice (console): flatten (closed by the desk at the broker, confirmed by phone)";
    aapl.choices = {Resolution::Adopt, Resolution::Flatten, Resolution::Accept};
    ReconciliationDifferenceRow msft;
    msft.key = "position MSFT";
    msft.kind = DifferenceKind::QuantityDiffers;
    msft.symbol = "MSFT";
    msft.internalQty = 300;
    msft.brokerQty = 250;
    msft.internalAvg = msft.brokerAvg = Price::fromCents(41510);
    msft.status = ReconciliationDifferenceRow::Status::Accepted;
    msft.resolution = "bob (console): accept (50 shares lent out under the securities lending programme, the broker "
                      "confirmed by e-mail)";
    msft.choices = {Resolution::Adopt, Resolution::Flatten};
    view->differences = {aapl, msft};
    s->reconciliation = view;
    return s;
}

/// The pre-market checklist as `vigil check premarket` words it on a fresh data directory.
ChecklistResult premarket()
{
    ChecklistResult r;
    r.kind = ChecklistKind::PreMarket;
    r.sessionDate = kSessionDate.toIso();
    r.at = sessionFor(kSessionDate).at(9, 0);
    r.startedBy = "schedule";
    const auto item = [&r](const char *title, CheckStatus status, const char *measured, const char *threshold,
                           const char *detail) {
        CheckItem i;
        i.id = title;
        i.title = title;
        i.status = status;
        i.measured = measured;
        i.threshold = threshold;
        i.detail = detail;
        r.items.push_back(i);
    };
    item("Engine running", CheckStatus::Pass, "running", "running", "");
    item("Component heartbeats", CheckStatus::Pass, "6 components, oldest heartbeat 0.4 s",
         "every component up, heartbeat < 10 s", "");
    item("Market data connected and fresh", CheckStatus::Pass, "connected, last message 0.2 s ago",
         "connected, last message < 300 s", "");
    item("Free disk space on the data volume", CheckStatus::Pass, "28.3 % free (76.5 GB of 270.6 GB)",
         "> 10 % free (warn below 15 %)", "");
    item("Errors and warnings since the last session", CheckStatus::Pass, "0 critical, 0 warnings",
         "none (any is shown as a warning to review)", "no earlier session: counted over the journal");
    item("Broker account active and not blocked", CheckStatus::Pass, "active, cash 980122.00",
         "active, trading not blocked", "");
    item("Risk limits in force, kill switch armed", CheckStatus::Pass, "9 limits, 3 kill triggers armed",
         "limits enforced, kill triggers armed, not latched", "");
    item("Trading not paused unless on purpose", CheckStatus::Pass, "ACTIVE",
         "ACTIVE, or stopped by a person with a reason", "");
    item("Strategy age", CheckStatus::Warn, "intraday_mean_reversion undated, swing_momentum undated",
         "deployed < 90 days ago", "record when each went live (strategies.*.deployed)");
    item("Last verified backup", CheckStatus::Fail, "none", "younger than 24 h",
         "no verified backup exists: make one now (File > Back up now, or vigil backup create)");
    return r;
}

/// Records as the journal words them, with an operator's long reason among them.
std::shared_ptr<const AuditTrail> auditTrail()
{
    auto trail = std::make_shared<AuditTrail>();
    trail->version = 1;
    const SimTime at = sessionFor(kSessionDate).at(9, 30);
    const auto record = [&](const char *actor, const char *action, const char *detail) {
        const std::int64_t id = trail->lastId + 1;
        trail->rows.push_back(
            {id, at + id * kNsPerMinute, 1'763'650'000'000 + id, actor, action, detail, std::string(64, 'a'), false});
        trail->lastId = id;
    };
    record("system (reconciliation)", "reconciliation",
           "start-up: clean: 8 positions and 0 working orders agree with the broker");
    record("system (schedule)", "checklist",
           "premarket checklist (schedule): 11 items: 9 pass, 1 warn, 1 fail (backup)");
    record("alice (console)", "trading state",
           "paused: FOMC statement at 14:00, spreads widening on the index names, resume once the first minute "
           "has traded");
    return trail;
}

/// A window as the console opens it, on the 1366x768 screen.
struct Console {
    FakeEngine engine;
    MainWindow window;
    Console()
        : window(engine.source(), acceptAll())
    {
        engine.current = session(1);
        window.refreshNow();
        window.showChecklist(premarket());
        window.setAuditSource([] { return auditTrail(); });
    }
};

/// The available screen less a task bar.
QRect workArea()
{
    QRect r = QGuiApplication::primaryScreen()->availableGeometry();
    r.setHeight(std::min(r.height(), kScreenHeight - kTaskBar));
    return r;
}

/// The height of `text` wrapped to `width` as the item views wrap it (at word boundaries,
/// or anywhere in a word longer than the line).
qreal wrappedHeight(const QFont &font, const QString &text, int width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        height += line.height();
    }
    layout.endLayout();
    return height;
}

/// `label` shows `text` whole: all of it, on screen, as tall as its wrapped lines.
bool labelShowsWhole(QLabel *label, const QString &text)
{
    return label->isVisible() && label->text().contains(text) && label->visibleRegion() == QRegion(label->rect())
           && label->height() >= label->heightForWidth(label->width());
}

QSize frameExtra(const QWidget &w) { return w.frameGeometry().size() - w.geometry().size(); }

} // namespace

class TestUiWindowFit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never the operator's own settings
        QCoreApplication::setOrganizationName(QStringLiteral("vigil-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_window_fit"));
        QSettings().clear();
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(kScreenWidth, kScreenHeight));
    }
    void cleanup() { QSettings().clear(); }
    void theMinimumSizeFitsALaptop();
    void theKillSwitchAndTheStateAreOnScreen();
    void armingNeverResizesTheWindow();
    void aSavedGeometryLargerThanTheScreenIsBroughtInside();
    void longColumnsShowTheirWholeText();
    void dockTabTitlesAreNeverCut();
};

void TestUiWindowFit::theMinimumSizeFitsALaptop()
{
    Console c;
    MainWindow &w = c.window;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // With a title bar of up to 40 pixels and borders of 8 on either side.
    const QSize room = workArea().size() - QSize(16, 40);
    QVERIFY2(w.minimumSizeHint().width() <= room.width() && w.minimumSizeHint().height() <= room.height(),
             qPrintable(QStringLiteral("minimum %1x%2 over %3x%4")
                            .arg(w.minimumSizeHint().width())
                            .arg(w.minimumSizeHint().height())
                            .arg(room.width())
                            .arg(room.height())));
    QVERIFY(w.minimumSize().width() <= room.width() && w.minimumSize().height() <= room.height());
    // The first start (no saved geometry) opens inside the screen.
    QVERIFY2(QGuiApplication::primaryScreen()->availableGeometry().contains(w.frameGeometry()),
             qPrintable(QStringLiteral("%1x%2").arg(w.frameGeometry().width()).arg(w.frameGeometry().height())));
}

void TestUiWindowFit::theKillSwitchAndTheStateAreOnScreen()
{
    Console c;
    MainWindow &w = c.window;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(workArea().size() - QSize(16, 40) - frameExtra(w));
    QCoreApplication::processEvents();
    QVERIFY(w.size().width() <= kScreenWidth && w.size().height() <= kScreenHeight - kTaskBar);
    const auto whole = [&w](QWidget *widget) {
        const QRect inWindow(widget->mapTo(&w, QPoint(0, 0)), widget->size());
        return widget->isVisible() && w.rect().contains(inWindow) && widget->visibleRegion() == QRegion(widget->rect());
    };
    QVERIFY(whole(w.controlBar()->killButton()));
    QVERIFY(whole(w.findChild<QLabel *>(QStringLiteral("stateBadge"))));
    for (QPushButton *b :
         {w.controlBar()->pauseButton(), w.controlBar()->haltButton(), w.controlBar()->maintenanceButton()})
        QVERIFY2(whole(b), qPrintable(b->objectName()));
}

void TestUiWindowFit::armingNeverResizesTheWindow()
{
    Console c;
    MainWindow &w = c.window;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCoreApplication::processEvents();
    const QSize size = w.size();
    const QSize minimum = w.minimumSizeHint();
    ControlBar *bar = w.controlBar();
    const auto same = [&](const char *what) {
        QCoreApplication::processEvents();
        QVERIFY2(bar->isArmed(), what);
        QVERIFY2(w.size() == size, qPrintable(QStringLiteral("%1: %2x%3, was %4x%5")
                                                  .arg(QLatin1String(what))
                                                  .arg(w.width())
                                                  .arg(w.height())
                                                  .arg(size.width())
                                                  .arg(size.height())));
        QVERIFY2(w.minimumSizeHint() == minimum, what);
        bar->disarm();
        QCoreApplication::processEvents();
        QCOMPARE(w.size(), size);
    };
    QTest::mouseClick(bar->pauseButton(), Qt::LeftButton);
    same("pause");
    QTest::mouseClick(bar->haltButton(), Qt::LeftButton);
    same("halt");
    QTest::mouseClick(bar->maintenanceButton(), Qt::LeftButton);
    same("maintenance");
    QTest::mouseClick(bar->killButton(), Qt::LeftButton);
    same("kill");
    bar->arm(cmd::Flatten{{}, {FlattenScope::Kind::Strategy, "Momentum breakout"}});
    same("flatten a strategy");
    cmd::Drill drill;
    drill.kind = DrillKind::BrokerManualClose;
    bar->arm(drill);
    same("drill");
    // A resume after a kill asks for the acknowledgement as well.
    auto killed = session(2);
    killed->tradingState = TradingState::Killed;
    c.engine.current = killed;
    w.refreshNow();
    QCoreApplication::processEvents();
    QCOMPARE(w.size(), size);
    QTest::mouseClick(bar->pauseButton(), Qt::LeftButton);
    QVERIFY(bar->acknowledgementEdit()->isVisible());
    same("resume after the kill");
}

void TestUiWindowFit::aSavedGeometryLargerThanTheScreenIsBroughtInside()
{
    {
        // The layout as a 1600x1000 screen left it, 1036 pixels tall.
        Console c;
        c.window.setGeometry(0, 0, 1600, 1036);
        c.window.saveLayout();
    }
    Console c;
    MainWindow &w = c.window;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QVERIFY2(available.contains(w.frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                   .arg(w.frameGeometry().x())
                                                                   .arg(w.frameGeometry().y())
                                                                   .arg(w.frameGeometry().width())
                                                                   .arg(w.frameGeometry().height())));
}

void TestUiWindowFit::longColumnsShowTheirWholeText()
{
    Console c;
    MainWindow &w = c.window;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(workArea().size() - QSize(16, 40) - frameExtra(w));
    QCoreApplication::processEvents();

    // Every cell of `column` in view: its text on one line within the column, or wrapped
    // within the column and the row's height; and the column inside the viewport.
    const auto showsWhole = [](QTableView *view, int column, const char *what) {
        QVERIFY2(view->model()->rowCount() > 0, what);
        const int left = view->columnViewportPosition(column);
        QVERIFY2(left >= 0 && left + view->columnWidth(column) <= view->viewport()->width(),
                 qPrintable(QStringLiteral("%1: column at %2, %3 wide, viewport %4")
                                .arg(QLatin1String(what))
                                .arg(left)
                                .arg(view->columnWidth(column))
                                .arg(view->viewport()->width())));
        // ... and on screen: not behind the edge of a dock that scrolls sideways.
        const QRect header(left, 0, view->columnWidth(column), 1);
        QVERIFY2(QRegion(header).subtracted(view->viewport()->visibleRegion()).isEmpty(),
                 qPrintable(QStringLiteral("%1: the column is partly off screen").arg(QLatin1String(what))));
        const QFontMetrics metrics(view->font());
        const int margin = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QString text = view->model()->index(row, column).data().toString();
            const int room = view->columnWidth(column) - margin;
            const bool oneLine = metrics.horizontalAdvance(text) <= room;
            const bool wrapped = view->wordWrap() && wrappedHeight(view->font(), text, room) <= view->rowHeight(row);
            QVERIFY2(oneLine || wrapped, qPrintable(QStringLiteral("%1 row %2: '%3' in %4 x %5")
                                                        .arg(QLatin1String(what))
                                                        .arg(row)
                                                        .arg(text)
                                                        .arg(room)
                                                        .arg(view->rowHeight(row))));
        }
    };
    const auto front = [&w](const char *dock) {
        w.findChild<QDockWidget *>(QLatin1String(dock))->raise();
        QCoreApplication::processEvents();
    };

    front("checklistsDock");
    auto *checklist = w.findChild<QTableView *>(QStringLiteral("preMarketView"));
    showsWhole(checklist, ChecklistModel::MeasuredColumn, "checklist Measured");
    showsWhole(checklist, ChecklistModel::ThresholdColumn, "checklist Threshold");
    showsWhole(checklist, ChecklistModel::ItemColumn, "checklist Item");

    front("strategiesDock");
    auto *strategies = w.findChild<QTableView *>(QStringLiteral("strategiesView"));
    showsWhole(strategies, StrategiesModel::FillsColumn, "strategies Fills");
    showsWhole(strategies, StrategiesModel::NameColumn, "strategies Name");

    // The reconciliation: the selected difference whole under the table, with its resolution.
    front("reconciliationDock");
    QTableView *differences = w.reconciliationPanel()->differencesView();
    auto *selected = w.findChild<QLabel *>(QStringLiteral("reconciliationSelected"));
    QVERIFY(selected);
    for (int row = 0; row < differences->model()->rowCount(); ++row) {
        differences->selectRow(row);
        QCoreApplication::processEvents();
        const QString resolution =
            differences->model()->index(row, DifferencesModel::ResolutionColumn).data().toString();
        QVERIFY(resolution.size() > 60);
        QVERIFY2(labelShowsWhole(selected, resolution), qPrintable(selected->text()));
    }

    // The audit trail: the selected record whole under the table, in view without scrolling.
    front("auditDock");
    auto *audit = w.findChild<QTableView *>(QStringLiteral("auditView"));
    const int longest = 0; // sorted newest first: the operator's long reason
    audit->selectRow(longest);
    QCoreApplication::processEvents();
    auto *record = w.findChild<QPlainTextEdit *>(QStringLiteral("auditRecord"));
    if (const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(w.grab().save(QDir(shots).filePath(QStringLiteral("console-1366x768-audit.png"))));
    QVERIFY(record && record->isVisible());
    QCOMPARE(record->visibleRegion(), QRegion(record->rect())); // on screen, not scrolled away
    const QString detail = audit->model()->index(longest, AuditModel::DetailColumn).data().toString();
    QVERIFY(detail.startsWith(QLatin1String("paused: FOMC")));
    QVERIFY2(record->toPlainText().contains(detail), qPrintable(record->toPlainText()));
    QVERIFY2(record->verticalScrollBar()->maximum() == 0, "the record scrolls");
}

void TestUiWindowFit::dockTabTitlesAreNeverCut()
{
    Console c;
    MainWindow &w = c.window;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(workArea().size() - QSize(16, 40) - frameExtra(w));
    QCoreApplication::processEvents();
    // The short screen stacks docks behind tabs; each tab is as wide as its whole title.
    const QList<QTabBar *> bars = w.findChildren<QTabBar *>(Qt::FindDirectChildrenOnly);
    int tabs = 0;
    for (QTabBar *bar : bars) {
        if (!bar->isVisible())
            continue;
        for (int i = 0; i < bar->count(); ++i, ++tabs) {
            const int textWidth = bar->fontMetrics().horizontalAdvance(bar->tabText(i));
            QVERIFY2(bar->tabRect(i).width() >= textWidth,
                     qPrintable(QStringLiteral("tab '%1' is %2 px for %3 px of text")
                                    .arg(bar->tabText(i))
                                    .arg(bar->tabRect(i).width())
                                    .arg(textWidth)));
        }
    }
    QVERIFY2(tabs >= 6, "the short screen's layout stacks the docks behind tabs");
}

int main(int argc, char **argv)
{
    // A 1366x768 screen for the offscreen platform (the tests' QT_QPA_PLATFORM).
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 2;
    file.write(QStringLiteral(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": %1, "height": %2,
                                  "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                   .arg(kScreenWidth)
                   .arg(kScreenHeight)
                   .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toUtf8());
    QApplication app(argc, argv);
    TestUiWindowFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ui_window_fit.moc"
