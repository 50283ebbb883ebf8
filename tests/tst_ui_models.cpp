// PositionsModel and StrategiesModel: the difference between two snapshots becomes the
// smallest set of model notifications, checked under QAbstractItemModelTester.

#include "AlertsModel.h"
#include "FillsModel.h"
#include "LimitsModel.h"
#include "OrdersModel.h"
#include "Palette.h"
#include "PositionsModel.h"
#include "StrategiesModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include "SnapshotRows.h"

using namespace vigil;
using vigil::testing::position;
using vigil::testing::strategy;

namespace {

LimitUsage limit(const char *name, double used, LimitUsage::Level level, bool kill = false)
{
    LimitUsage l;
    l.name = name;
    l.value = QString::number(used, 'f', 2).toStdString() + "%";
    l.limit = "100%";
    l.usedPct = used;
    l.distance = QString::number(100 - used, 'f', 2).toStdString() + "%";
    l.level = level;
    l.killTrigger = kill;
    return l;
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromLatin1(text);
    return list;
}

QStringList column(const QAbstractItemModel &model, int columnIndex, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, columnIndex).data(role).toString();
    return values;
}

/// Every structural or content notification a model can send.
struct Spies {
    explicit Spies(QAbstractItemModel *model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , reset(model, &QAbstractItemModel::modelReset)
        , layout(model, &QAbstractItemModel::layoutChanged)
    {}
    void clear()
    {
        inserted.clear();
        removed.clear();
        changed.clear();
        reset.clear();
        layout.clear();
    }
    int total() const
    {
        return int(inserted.count() + removed.count() + changed.count() + reset.count() + layout.count());
    }
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy changed;
    QSignalSpy reset;
    QSignalSpy layout;
};

} // namespace

class TestUiModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void positionsApplyTheDifference();
    void positionsReplaceTheWholeSet();
    void positionsDisplayText();
    void positionsColoursAlignmentAndSortRole();
    void positionsSortByRawValue();
    void strategiesApplyTheDifference();
    void strategiesDisplayAndColours();
    void aBotIsCalledABot();
    void limitsApplyTheDifferenceAndShowTheLevel();
    void alertsInsertTheNewAndDropTheOld();
    void workingOrdersAndFills();
};

void TestUiModels::positionsApplyTheDifference()
{
    PositionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Spies spies(&model);

    // Insert into an empty model: one run of rows, no reset.
    const PositionRow aapl = position("AAPL", 100, 18950, 19012);
    const PositionRow msft = position("MSFT", -50, 41020, 40988);
    const PositionRow tsla = position("TSLA", 20, 24100, 23875);
    model.applySnapshot({aapl, msft, tsla});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(column(model, PositionsModel::SymbolColumn), strings({"AAPL", "MSFT", "TSLA"}));

    // The same rows again: not a single notification.
    spies.clear();
    model.applySnapshot({aapl, msft, tsla});
    QCOMPARE(spies.total(), 0);

    // One row changes: dataChanged covers exactly that row, every column.
    spies.clear();
    const PositionRow msftMoved = position("MSFT", -50, 41020, 40750);
    model.applySnapshot({aapl, msftMoved, tsla});
    QCOMPARE(spies.changed.count(), 1);
    const auto topLeft = spies.changed.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = spies.changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(topLeft.column(), 0);
    QCOMPARE(bottomRight.column(), PositionsModel::ColumnCount - 1);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(spies.inserted.count(), 0);
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(model.index(1, PositionsModel::MarkPriceColumn).data().toString(), QStringLiteral("407.50"));

    // A symbol vanishes: one removal of that row only.
    spies.clear();
    model.applySnapshot({msftMoved, tsla});
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.removed.at(0).at(1).toInt(), 0);
    QCOMPARE(spies.removed.at(0).at(2).toInt(), 0);
    QCOMPARE(spies.changed.count(), 0);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(column(model, PositionsModel::SymbolColumn), strings({"MSFT", "TSLA"}));

    // A symbol appears in the middle while another row changes and the last one goes.
    spies.clear();
    const PositionRow nvda = position("NVDA", 300, 48010, 48555);
    const PositionRow tslaMoved = position("TSLA", 20, 24100, 24220);
    model.applySnapshot({msftMoved, nvda, tslaMoved});
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.changed.at(0).at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(spies.changed.at(0).at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(column(model, PositionsModel::SymbolColumn), strings({"MSFT", "NVDA", "TSLA"}));

    // Everything closed: the rows go, the model is empty.
    spies.clear();
    model.applySnapshot({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.reset.count(), 0);
}

void TestUiModels::positionsReplaceTheWholeSet()
{
    PositionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot({position("AAPL", 1, 100, 100), position("MSFT", 1, 100, 100)});
    Spies spies(&model);
    // No symbol in common: one reset instead of a removal and an insertion.
    model.applySnapshot({position("AMD", 5, 100, 100), position("NVDA", 5, 100, 100), position("TSLA", 5, 100, 100)});
    QCOMPARE(spies.reset.count(), 1);
    QCOMPARE(spies.inserted.count(), 0);
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(column(model, PositionsModel::SymbolColumn), strings({"AMD", "NVDA", "TSLA"}));
}

void TestUiModels::positionsDisplayText()
{
    PositionsModel model;
    PositionRow row;
    row.symbol = "META";
    row.qty = -300;
    row.avgPrice = Price::fromRaw(5'123'456);  // 512.3456
    row.markPrice = Price::fromRaw(5'124'450); // 512.4450 rounds away from zero
    row.marketValue = Money::fromRaw(-1'537'335'000);
    row.unrealizedPnl = Money::fromCents(-123'450);
    row.realizedPnl = Money::fromRaw(-50); // -0.005 rounds to -0.01
    model.applySnapshot({row});

    const auto text = [&](int columnIndex) { return model.index(0, columnIndex).data().toString(); };
    QCOMPARE(text(PositionsModel::SymbolColumn), QStringLiteral("META"));
    QCOMPARE(text(PositionsModel::QuantityColumn), QStringLiteral("-300"));
    QCOMPARE(text(PositionsModel::AveragePriceColumn), QStringLiteral("512.35"));
    QCOMPARE(text(PositionsModel::MarkPriceColumn), QStringLiteral("512.45"));
    QCOMPARE(text(PositionsModel::MarketValueColumn), QStringLiteral("-153733.50"));
    QCOMPARE(text(PositionsModel::UnrealizedPnlColumn), QStringLiteral("-1234.50"));
    QCOMPARE(text(PositionsModel::RealizedPnlColumn), QStringLiteral("-0.01"));
    // The tool tip keeps the exact value.
    QCOMPARE(model.index(0, PositionsModel::AveragePriceColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("512.3456"));

    QCOMPARE(model.headerData(PositionsModel::SymbolColumn, Qt::Horizontal).toString(), QStringLiteral("Symbol"));
    QCOMPARE(model.headerData(PositionsModel::UnrealizedPnlColumn, Qt::Horizontal).toString(),
             QStringLiteral("Unrealized P&L"));
    QCOMPARE(model.columnCount(), 7);
}

void TestUiModels::positionsColoursAlignmentAndSortRole()
{
    PositionsModel model;
    PositionRow winner = position("AAPL", 100, 10000, 10150);
    winner.realizedPnl = Money::fromCents(-200);
    PositionRow flat = position("IBM", 10, 10000, 10000);
    model.applySnapshot({winner, flat});

    const auto colour = [&](int row, int columnIndex) {
        return model.index(row, columnIndex).data(Qt::ForegroundRole);
    };
    QCOMPARE(colour(0, PositionsModel::UnrealizedPnlColumn).value<QColor>(), palette::profit());
    QCOMPARE(colour(0, PositionsModel::RealizedPnlColumn).value<QColor>(), palette::loss());
    QVERIFY(!colour(1, PositionsModel::UnrealizedPnlColumn).isValid()); // zero: no colour of its own
    QVERIFY(!colour(0, PositionsModel::SymbolColumn).isValid());

    const auto alignment = [&](int columnIndex) {
        return model.index(0, columnIndex).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
    };
    QVERIFY(alignment(PositionsModel::SymbolColumn) & Qt::AlignLeft);
    for (int columnIndex = PositionsModel::QuantityColumn; columnIndex < PositionsModel::ColumnCount; ++columnIndex)
        QVERIFY(alignment(columnIndex) & Qt::AlignRight);

    const auto raw = [&](int columnIndex) { return model.index(0, columnIndex).data(PositionsModel::SortRole); };
    QCOMPARE(raw(PositionsModel::QuantityColumn).toLongLong(), 100);
    QCOMPARE(raw(PositionsModel::MarkPriceColumn).toLongLong(), 1'015'000);
    QCOMPARE(raw(PositionsModel::UnrealizedPnlColumn).toLongLong(), winner.unrealizedPnl.raw());
    QCOMPARE(raw(PositionsModel::SymbolColumn).toString(), QStringLiteral("AAPL"));
}

void TestUiModels::positionsSortByRawValue()
{
    PositionsModel model;
    // As text "-50.00" < "-1000.00" < "5.00" < "20.00" would sort wrongly; as values not.
    std::vector<PositionRow> rows;
    for (auto [symbol, cents] :
         {std::pair{"AAA", -5'000}, std::pair{"BBB", -100'000}, std::pair{"CCC", 500}, std::pair{"DDD", 2'000}}) {
        PositionRow row = position(symbol, 1, 100, 100);
        row.unrealizedPnl = Money::fromCents(cents);
        rows.push_back(row);
    }
    model.applySnapshot(rows);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(PositionsModel::SortRole);
    proxy.sort(PositionsModel::UnrealizedPnlColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, PositionsModel::SymbolColumn), strings({"BBB", "AAA", "CCC", "DDD"}));
}

void TestUiModels::strategiesApplyTheDifference()
{
    StrategiesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Spies spies(&model);

    // Not sorted by name on input: the model keeps its rows sorted.
    const StrategyRow momentum = strategy("momentum", true, 400, 12'345, -2'000, 12, 10);
    const StrategyRow carry = strategy("carry", false, 1'000, 0, 50'000, 2, 2);
    const StrategyRow reversion = strategy("reversion", true, 0, -4'500, 0, 30, 28);
    model.applySnapshot({momentum, carry, reversion});
    QCOMPARE(column(model, StrategiesModel::NameColumn), strings({"carry", "momentum", "reversion"}));
    QCOMPARE(spies.inserted.count(), 1);

    spies.clear();
    StrategyRow momentumMoved = momentum;
    momentumMoved.fills = 11;
    model.applySnapshot({carry, momentumMoved, reversion});
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(spies.changed.at(0).at(1).value<QModelIndex>().row(), 1);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(model.index(1, StrategiesModel::FillsColumn).data().toString(), QStringLiteral("11"));

    spies.clear();
    model.applySnapshot({carry, reversion});
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.removed.at(0).at(1).toInt(), 1);
    QCOMPARE(spies.changed.count(), 0);

    spies.clear();
    const StrategyRow gap = strategy("gap-fade", true, 50, 0, 0, 1, 1);
    model.applySnapshot({reversion, gap, carry});
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(spies.changed.count(), 0);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(column(model, StrategiesModel::NameColumn), strings({"carry", "gap-fade", "reversion"}));
}

void TestUiModels::aBotIsCalledABot()
{
    StrategiesModel model;
    StrategyRow bot = strategy("Alpha", false, 10, 0, 0, 3, 1);
    bot.key = "alpha_bot";
    StrategyRow scalper = strategy("Scalper", true, 0, 0, 0, 0, 0);
    scalper.key = "scalper_bot";
    StrategyRow swing = strategy("Momentum", false, 0, 0, 0, 0, 0);
    swing.key = "swing_momentum";
    model.applySnapshot({bot, scalper, swing});
    const auto kind = [&](int row) { return model.index(row, StrategiesModel::KindColumn).data().toString(); };
    QCOMPARE(kind(0), QStringLiteral("swing")); // not told yet

    // Told once the snapshot's bot rows are known: the kind column repaints, nothing else.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setBotKeys({"alpha_bot", "scalper_bot"});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(StrategiesModel::KindColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(StrategiesModel::KindColumn));
    QCOMPARE(kind(0), QStringLiteral("bot"));
    QCOMPARE(kind(1), QStringLiteral("swing"));
    QCOMPARE(kind(2), QStringLiteral("bot, intraday"));
    QVERIFY(
        model.index(0, StrategiesModel::KindColumn).data(Qt::ToolTipRole).toString().contains(QLatin1String("bot")));
    model.setBotKeys({"alpha_bot", "scalper_bot"});
    QCOMPARE(changed.count(), 1); // the same keys: nothing repainted
}

void TestUiModels::strategiesDisplayAndColours()
{
    StrategiesModel model;
    model.applySnapshot(
        {strategy("momentum", true, 400, -123'450, 2'005, 12, 10), strategy("carry", false, 1'000, 0, 0, 2, 2)});
    const auto text = [&](int row, int columnIndex) { return model.index(row, columnIndex).data().toString(); };
    QCOMPARE(text(0, StrategiesModel::NameColumn), QStringLiteral("carry"));
    QCOMPARE(text(0, StrategiesModel::KindColumn), QStringLiteral("swing"));
    QCOMPARE(text(1, StrategiesModel::KindColumn), QStringLiteral("intraday"));
    QCOMPARE(text(1, StrategiesModel::OpenQuantityColumn), QStringLiteral("400"));
    QCOMPARE(text(1, StrategiesModel::RealizedPnlColumn), QStringLiteral("-1234.50"));
    QCOMPARE(text(1, StrategiesModel::UnrealizedPnlColumn), QStringLiteral("20.05"));
    QCOMPARE(text(1, StrategiesModel::OrdersColumn), QStringLiteral("12"));
    QCOMPARE(text(1, StrategiesModel::FillsColumn), QStringLiteral("10"));

    QCOMPARE(model.index(1, StrategiesModel::RealizedPnlColumn).data(Qt::ForegroundRole).value<QColor>(),
             palette::loss());
    QCOMPARE(model.index(1, StrategiesModel::UnrealizedPnlColumn).data(Qt::ForegroundRole).value<QColor>(),
             palette::profit());
    QVERIFY(!model.index(0, StrategiesModel::RealizedPnlColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(1, StrategiesModel::RealizedPnlColumn).data(StrategiesModel::SortRole).toLongLong(),
             -12'345'000);
    QVERIFY(model.index(1, StrategiesModel::FillsColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>()
            & Qt::AlignRight);
    QCOMPARE(model.headerData(StrategiesModel::OpenQuantityColumn, Qt::Horizontal).toString(),
             QStringLiteral("Open qty"));
}

void TestUiModels::limitsApplyTheDifferenceAndShowTheLevel()
{
    LimitsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Spies spies(&model);
    const LimitUsage drawdown = limit("daily drawdown", 10, LimitUsage::Level::Ok, true);
    const LimitUsage gross = limit("gross exposure", 85, LimitUsage::Level::Warning);
    model.applySnapshot({gross, drawdown});
    QCOMPARE(column(model, LimitsModel::NameColumn), strings({"daily drawdown", "gross exposure"}));
    QCOMPARE(column(model, LimitsModel::StatusColumn),
             (QStringList{QStringLiteral("OK \u00b7 kill"), QStringLiteral("WARNING")}));
    QCOMPARE(column(model, LimitsModel::UsedColumn), strings({"10.0%", "85.0%"}));
    QCOMPARE(model.index(1, LimitsModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(), palette::warning());
    QVERIFY(!model.index(0, LimitsModel::StatusColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(1, LimitsModel::UsedColumn).data(LimitsModel::SortRole).toDouble(), 85.0);

    // The drawdown grows into a breach: one row changes, nothing else.
    spies.clear();
    model.applySnapshot({limit("daily drawdown", 104, LimitUsage::Level::Breach, true), gross});
    QCOMPARE(spies.total(), 1);
    QCOMPARE(spies.changed.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(model.index(0, LimitsModel::StatusColumn).data().toString(), QStringLiteral("BREACH \u00b7 kill"));
    QCOMPARE(model.index(0, LimitsModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(), palette::loss());

    // An unchanged snapshot tells the views nothing.
    spies.clear();
    model.applySnapshot({limit("daily drawdown", 104, LimitUsage::Level::Breach, true), gross});
    QCOMPARE(spies.total(), 0);
}

void TestUiModels::alertsInsertTheNewAndDropTheOld()
{
    AlertsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Spies spies(&model);
    auto alert = [](std::uint64_t id, const char *severity, const char *message) {
        AlertRow a;
        a.id = id;
        a.clock = "10:0" + std::to_string(id) + ":00";
        a.severity = alertSeverityFromText(severity).value();
        a.source = "risk";
        a.message = message;
        return a;
    };
    const AlertRow first = alert(1, "warning", "daily drawdown at 80% of its kill limit");
    const AlertRow second = alert(2, "critical", "kill switch fired automatically");
    model.applySnapshot({first, second});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.criticalCount(), 1);
    QCOMPARE(column(model, AlertsModel::SeverityColumn), strings({"L2 WARNING", "L3 CRITICAL"}));
    // Not yet acknowledged, and the critical one says so in red; a repeat shows its count.
    QCOMPARE(column(model, AlertsModel::AcknowledgedColumn), strings({"not yet", "not yet"}));
    QCOMPARE(model.index(1, AlertsModel::AcknowledgedColumn).data(Qt::ForegroundRole).value<QColor>(), palette::loss());
    AlertRow repeated = first;
    repeated.count = 3;
    repeated.lastClock = "09:45:00";
    repeated.acknowledgedBy = "ann (console)";
    model.applySnapshot({repeated, second});
    QCOMPARE(model.index(0, AlertsModel::MessageColumn).data().toString(),
             QStringLiteral("daily drawdown at 80% of its kill limit (3 times, last 09:45:00)"));
    QCOMPARE(model.index(0, AlertsModel::AcknowledgedColumn).data().toString(), QStringLiteral("ann (console)"));
    QVERIFY(model.index(0, AlertsModel::TimeColumn).data(AlertsModel::AcknowledgedRole).toBool());
    QCOMPARE(model.unacknowledgedCriticalCount(), 1);
    model.applySnapshot({first, second});
    QCOMPARE(model.index(1, AlertsModel::SeverityColumn).data(Qt::ForegroundRole).value<QColor>(), palette::loss());
    QCOMPARE(model.index(1, AlertsModel::TimeColumn).data(AlertsModel::SortRole).toULongLong(), 2ull);

    // The window moves on: the oldest falls out, a new one comes in; nothing else is touched.
    spies.clear();
    model.applySnapshot({second, alert(3, "warning", "3 broker errors in a row")});
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.changed.count(), 0);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(column(model, AlertsModel::MessageColumn),
             strings({"kill switch fired automatically", "3 broker errors in a row"}));
}

void TestUiModels::workingOrdersAndFills()
{
    OrdersModel orders;
    QAbstractItemModelTester ordersTester(&orders, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Spies spies(&orders);
    auto order = [](const char *id, const char *symbol, Side side, OrderType type, Quantity qty, std::int64_t cents) {
        OrderRow o;
        o.clientOrderId = id;
        o.strategy = "intraday_mean_reversion";
        o.symbol = symbol;
        o.side = side;
        o.type = type;
        o.qty = qty;
        o.limitPrice = Price::fromCents(cents);
        o.status = OrderStatus::Accepted;
        o.created = "10:15:00";
        return o;
    };
    const OrderRow buy = order("VG-1", "AAPL", Side::Buy, OrderType::Limit, 100, 22'850);
    const OrderRow sell = order("VG-2", "MSFT", Side::Sell, OrderType::Market, 40, 0);
    orders.applySnapshot({sell, buy});
    QCOMPARE(column(orders, OrdersModel::IdColumn), strings({"VG-1", "VG-2"}));
    QCOMPARE(column(orders, OrdersModel::PriceColumn), strings({"228.50", "market"}));
    QCOMPARE(orders.index(0, OrdersModel::SideColumn).data(Qt::ForegroundRole).value<QColor>(), palette::profit());
    OrderRow partly = buy;
    partly.filledQty = 30;
    partly.status = OrderStatus::PartiallyFilled;
    spies.clear();
    orders.applySnapshot({partly, sell});
    QCOMPARE(spies.total(), 1);
    QCOMPARE(orders.index(0, OrdersModel::FilledColumn).data().toString(), QStringLiteral("30"));
    spies.clear();
    orders.applySnapshot({sell}); // VG-1 done: it leaves the table
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(orders.rowCount(), 1);

    FillsModel fills;
    QAbstractItemModelTester fillsTester(&fills, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FillRow f;
    f.id = 7;
    f.clock = "10:15:02";
    f.clientOrderId = "VG-1";
    f.symbol = "AAPL";
    f.qty = 30;
    f.price = Price::fromCents(22'849);
    f.fee = Money::fromRaw(10'505); // $1.0505
    fills.applySnapshot({f});
    QCOMPARE(fills.index(0, FillsModel::PriceColumn).data().toString(), QStringLiteral("228.49"));
    QCOMPARE(fills.index(0, FillsModel::FeeColumn).data().toString(), QStringLiteral("1.05"));
    QCOMPARE(fills.index(0, FillsModel::FeeColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("1.0505"));
    QCOMPARE(fills.index(0, FillsModel::TimeColumn).data(FillsModel::SortRole).toULongLong(), 7ull);
}

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
