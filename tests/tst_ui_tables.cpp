// The console's tables against a seeded session: positions, working orders, fills,
// strategies and limits match the engine's own books and snapshot, row for row, and each
// model holds up under QAbstractItemModelTester while the session runs.
#include "AlertsModel.h"
#include "FillsModel.h"
#include "LimitsModel.h"
#include "MainWindow.h"
#include "OrdersModel.h"
#include "PositionsModel.h"
#include "StrategiesModel.h"
#include "config/Config.h"
#include "runtime/Engine.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTest>

#include <map>

using namespace vigil;

class TestUiTables : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tablesMatchTheEnginesBooks()
    {
        RunOptions options;
        options.seed = 42;
        options.sessionDate = Date{2026, 11, 20};
        options.speed = 1200;
        Engine engine(defaultConfig(), options);
        MainWindow window([&engine] { return engine.snapshot(); });
        using Mode = QAbstractItemModelTester::FailureReportingMode;
        QAbstractItemModelTester positions(window.positionsModel(), Mode::QtTest);
        QAbstractItemModelTester orders(window.ordersModel(), Mode::QtTest);
        QAbstractItemModelTester fills(window.fillsModel(), Mode::QtTest);
        QAbstractItemModelTester strategies(window.strategiesModel(), Mode::QtTest);
        QAbstractItemModelTester limits(window.limitsModel(), Mode::QtTest);
        QAbstractItemModelTester alerts(window.alertsModel(), Mode::QtTest);
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
    }
};

QTEST_MAIN(TestUiTables)
#include "tst_ui_tables.moc"
