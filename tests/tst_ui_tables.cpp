// The console's tables against a seeded session: positions, working orders, fills,
// strategies and limits match the engine's own books and snapshot, the audit trail the
// journal's records, row for row, and each model holds up under QAbstractItemModelTester
// while the session runs; the reconciliation panel finds a trade done by hand at the
// broker and resolves it through the control bar, with the journal as the witness.
#include "AlertsModel.h"
#include "AuditModel.h"
#include "ChecklistModel.h"
#include "ChecklistPanel.h"
#include "ControlBar.h"
#include "FillsModel.h"
#include "LimitsModel.h"
#include "MainWindow.h"
#include "OrdersModel.h"
#include "PositionsModel.h"
#include "ReconciliationModel.h"
#include "ReconciliationPanel.h"
#include "SqlFiles.h"
#include "StrategiesModel.h"
#include "api/ChecklistRunner.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace vigil;

namespace {
/// The seeded day every test here watches, at `speed` simulated seconds a second.
RunOptions seededDay(double speed)
{
    RunOptions options;
    options.seed = 42;
    options.sessionDate = Date{2026, 11, 20};
    options.speed = speed;
    return options;
}
} // namespace

class TestUiTables : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void checklistsAndTheReportFromALiveConsole()
    {
        Engine engine(defaultConfig(), seededDay(1200));
        QTemporaryDir dir;
        QCOMPARE(engine.openBroker(dir.filePath(QStringLiteral("paper-broker.sqlite")).toStdString()), std::string());
        QCOMPARE(engine.openJournal(dir.filePath(QStringLiteral("journal.sqlite")).toStdString()), std::string());
        MainWindow window([&engine] { return engine.snapshot(); },
                          [&engine](Command c, std::function<void(const CommandResult &)> done) {
                              engine.command(std::move(c), std::move(done));
                          });
        BackupRequest backup;
        backup.dataDir = dir.path();
        window.setBackupRequest(backup);
        ChecklistRunner runner(engine, defaultConfig(), dir.path());
        MainWindow *shown = &window;
        window.setChecklistRunner([&runner, shown](ChecklistKind kind, const std::string &startedBy) {
            runner.run(kind, startedBy, "tester (console)", [shown](const ChecklistResult &r, const CommandResult &) {
                QMetaObject::invokeMethod(
                    shown, [shown, r] { shown->showChecklist(r); }, Qt::QueuedConnection);
            });
        });
        window.resize(1400, 900);
        window.show();
        window.checklistsDock()->raise();
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.fillsModel()->rowCount() >= 3, 60'000);

        // One click: every item judged off the GUI thread, the result shown and recorded.
        ChecklistPanel *panel = window.checklistPanel();
        QTest::mouseClick(panel->runButton(ChecklistKind::PreMarket), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->model(ChecklistKind::PreMarket)->rowCount(), 11, 20'000);
        const ChecklistResult &shownResult = panel->model(ChecklistKind::PreMarket)->result();
        QCOMPARE(shownResult.startedBy, std::string("console"));
        for (const CheckItem &i : shownResult.items)
            if (i.id == "engine" || i.id == "feed" || i.id == "risk" || i.id == "heartbeats")
                QVERIFY2(i.status == CheckStatus::Pass, (i.id + ": " + i.measured + " " + i.detail).c_str());
        // No backup was ever made in this directory: said, and the dock's title says so.
        QVERIFY(window.checklistsDock()->windowTitle().contains(QLatin1String("FAIL")));
        const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
        QTRY_COMPARE_WITH_TIMEOUT(
            testing::scalar(journal, QStringLiteral("SELECT COUNT(*) FROM checklist_runs WHERE started_by = "
                                                    "'console' AND actor = 'tester (console)'")),
            qint64(1), 10'000);

        // File > Export daily report, written while the session runs.
        const QString pdf = dir.filePath(QStringLiteral("exported/day.pdf"));
        QString error = QStringLiteral("not finished");
        window.exportDailyReport(pdf, [&error](const QString &, const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("not finished"), 30'000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60'000));
        const QString body = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(body.contains(QStringLiteral("Session NOT closed")), qPrintable(body.left(300)));
        QVERIFY(body.contains(QStringLiteral("premarket")) && body.contains(QStringLiteral("console")));

        const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shots + QStringLiteral("/mainwindow-checklists-live.png")));
        }
        engine.stop();
    }

    void tablesMatchTheEnginesBooks()
    {
        Engine engine(defaultConfig(), seededDay(1200));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
        QCOMPARE(engine.openJournal(journal.toStdString()), std::string());
        MainWindow window([&engine] { return engine.snapshot(); });
        window.setAuditSource([&engine] { return engine.auditTrail(); });
        using Mode = QAbstractItemModelTester::FailureReportingMode;
        QAbstractItemModelTester positions(window.positionsModel(), Mode::QtTest);
        QAbstractItemModelTester orders(window.ordersModel(), Mode::QtTest);
        QAbstractItemModelTester fills(window.fillsModel(), Mode::QtTest);
        QAbstractItemModelTester strategies(window.strategiesModel(), Mode::QtTest);
        QAbstractItemModelTester limits(window.limitsModel(), Mode::QtTest);
        QAbstractItemModelTester alerts(window.alertsModel(), Mode::QtTest);
        QAbstractItemModelTester audit(window.auditModel(), Mode::QtTest);
        window.show();
        engine.start();
        // Trade until there are positions and fills on screen (working orders come and go
        // within moments; whatever there are when the engine stops is compared).
        QTRY_VERIFY_WITH_TIMEOUT(window.fillsModel()->rowCount() >= 5 && window.positionsModel()->rowCount() > 0,
                                 60'000);
        engine.stop(); // the books stand still
        window.refreshNow();
        const std::shared_ptr<const Snapshot> s = engine.snapshot();
        QCOMPARE(window.shownVersion(), s->version);
        const RunResult books = engine.result();

        // Positions: the engine's books, symbol by symbol.
        std::map<std::string, Quantity> held;
        for (const PositionRow &p : books.positions)
            if (p.qty != 0)
                held[p.symbol] = p.qty;
        QCOMPARE(window.positionsModel()->rows().size(), held.size());
        for (const PositionRow &p : window.positionsModel()->rows())
            QCOMPARE(p.qty, held[p.symbol]);

        // Working orders: every one the engine has, with its numbers.
        QCOMPARE(static_cast<std::uint64_t>(window.ordersModel()->rowCount()), s->workingOrders);
        std::map<std::string, OrderRow> working;
        for (const OrderRow &o : s->workingOrderRows)
            working[o.clientOrderId] = o;
        for (const OrderRow &o : window.ordersModel()->rows())
            QCOMPARE(o, working[o.clientOrderId]);

        // Fills: the day's (fewer than the window's 500), adding up to the fill count.
        QCOMPARE(static_cast<std::uint64_t>(window.fillsModel()->rowCount()), s->fills);
        QCOMPARE(window.fillsModel()->rows().back().id, s->fills);
        Quantity bought = 0;
        for (const FillRow &f : window.fillsModel()->rows())
            bought += f.side == Side::Buy ? f.qty : -f.qty;
        Quantity net = 0;
        for (const PositionRow &p : books.positions)
            net += p.qty;
        QCOMPARE(bought, net); // the day started flat

        QCOMPARE(window.strategiesModel()->rows().size(), s->strategies.size());
        QCOMPARE(window.limitsModel()->rows().size(), s->limits.size());

        // The audit trail: the journal's records other than those covering orders and fills
        // (fewer than the trail keeps), by number, actor, action and hash; with them when asked.
        auto shown = [&window] {
            QStringList out;
            for (const AuditRow &r : window.auditModel()->rows())
                out << QStringLiteral("%1|%2|%3|%4")
                           .arg(r.id)
                           .arg(QString::fromStdString(r.actor), QString::fromStdString(r.action),
                                QString::fromStdString(r.hash).toUpper());
            return out;
        };
        const QStringList records = testing::rows(
            journal,
            QStringLiteral("SELECT id, actor, action, hex(hash) FROM audit WHERE covers_from IS NULL ORDER BY id"));
        QVERIFY(records.size() > 16); // the configuration, its limits, the session ...
        QCOMPARE(shown(), records);
        window.findChild<QCheckBox *>(QStringLiteral("auditShowTrades"))->click();
        const qint64 trades =
            testing::scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE covers_from IS NOT NULL"));
        QVERIFY(trades > 0);
        QCOMPARE(window.auditModel()->rowCount(),
                 int(records.size() + std::min<qint64>(trades, kAuditTrailTradeRecords)));

        // The seeded session as the operator sees it, with the P&L and the audit trail in front.
        const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            window.resize(1400, 900);
            window.findChild<QCheckBox *>(QStringLiteral("auditShowTrades"))->click(); // the operators' records only
            for (const char *name : {"pnlDock", "auditDock"})
                window.findChild<QDockWidget *>(QLatin1String(name))->raise();
            QCoreApplication::processEvents();
            window.refreshNow();
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shots + QStringLiteral("/mainwindow-session.png")));
            for (const char *name : {"latencyDock", "ordersDock", "alertsDock", "executionDock"})
                window.findChild<QDockWidget *>(QLatin1String(name))->raise();
            QCoreApplication::processEvents();
            window.refreshNow();
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shots + QStringLiteral("/mainwindow-session-2.png")));
        }
    }

    void reconciliationPanelOnALiveSession()
    {
        Engine engine(defaultConfig(), seededDay(600));
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
        QCOMPARE(engine.openBroker(dir.filePath(QStringLiteral("paper-broker.sqlite")).toStdString()), std::string());
        QCOMPARE(engine.openJournal(journal.toStdString()), std::string());
        MainWindow window([&engine] { return engine.snapshot(); },
                          [&engine](Command c, std::function<void(const CommandResult &)> done) {
                              engine.command(std::move(c), std::move(done));
                          });
        window.setAuditSource([&engine] { return engine.auditTrail(); });
        ReconciliationPanel *panel = window.reconciliationPanel();
        using Mode = QAbstractItemModelTester::FailureReportingMode;
        QAbstractItemModelTester differences(panel->differencesModel(), Mode::QtTest);
        QAbstractItemModelTester runs(panel->runsModel(), Mode::QtTest);
        window.resize(1400, 900);
        window.show();
        window.reconciliationDock()->raise();
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.fillsModel()->rowCount() >= 3, 60'000);

        // Someone buys 25 KO by hand at the broker's own screen.
        cmd::Drill drill;
        drill.actor = "tester";
        drill.reason = "rehearsal";
        drill.kind = DrillKind::BrokerManualTrade;
        drill.subject = "KO";
        drill.amount = 25;
        engine.command(drill, {});
        QTest::qWait(300);
        QTRY_VERIFY_WITH_TIMEOUT(panel->button(QStringLiteral("reconcile"))->isEnabled(), 5'000);
        QTest::mouseClick(panel->button(QStringLiteral("reconcile")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->differencesModel()->rowCount() >= 1, 20'000);
        const auto koRow = [panel]() -> int {
            for (int r = 0; r < panel->differencesModel()->rowCount(); ++r)
                if (panel->differencesModel()->row(r).symbol == "KO")
                    return r;
            return -1;
        };
        QVERIFY(koRow() >= 0);
        const ReconciliationDifferenceRow ko = panel->differencesModel()->row(koRow());
        QCOMPARE(ko.brokerQty - ko.internalQty, Quantity(25));
        QCOMPARE(int(ko.status), int(ReconciliationDifferenceRow::Status::Open));
        QVERIFY(window.reconciliationText().contains(QLatin1String("BOOKS DIFFER")));
        QVERIFY(window.reconciliationDock()->windowTitle().contains(QLatin1String("open")));

        const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shots + QStringLiteral("/mainwindow-reconciliation-live.png")));
        }

        // Adopted through the panel and the control bar, with a note.
        QTableView *view = panel->differencesView();
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, DifferencesModel::KeyColumn).data().toString() == QLatin1String("KO"))
                view->selectRow(r);
        QVERIFY(panel->button(QStringLiteral("adopt"))->isEnabled());
        QTest::mouseClick(panel->button(QStringLiteral("adopt")), Qt::LeftButton);
        ControlBar *bar = window.controlBar();
        QCOMPARE(int(bar->armedKind()), int(CommandKind::Resolve));
        QTest::keyClicks(bar->reasonEdit(), QStringLiteral("bought by the desk for a client"));
        QTest::mouseClick(bar->fireButton(), Qt::LeftButton);
        // The resolution is confirmed by a run of its own: the difference goes, KO trades again.
        QTRY_VERIFY_WITH_TIMEOUT(koRow() < 0 && panel->runsModel()->rowCount() >= 2, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(window.reconciliationText().contains(QLatin1String("BOOKS DIFFER")), false, 20'000);
        engine.stop();
        QCOMPARE(testing::rows(journal, QStringLiteral("SELECT difference_key, resolution, note FROM "
                                                       "reconciliation_resolutions")),
                 QStringList{QStringLiteral("position KO|adopt|bought by the desk for a client")});
        // Confirmed by a later run (the one after the resolution, or a periodic one first).
        QVERIFY(testing::scalar(journal, QStringLiteral("SELECT COUNT(*) FROM reconciliations WHERE complete = 1 AND "
                                                        "differences = 0 AND seq > (SELECT MAX(seq) FROM "
                                                        "reconciliation_resolutions)"))
                >= 1);
        if (!shots.isEmpty()) {
            window.refreshNow();
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shots + QStringLiteral("/mainwindow-reconciliation-resolved.png")));
        }
    }
};

QTEST_MAIN(TestUiTables)
#include "tst_ui_tables.moc"
