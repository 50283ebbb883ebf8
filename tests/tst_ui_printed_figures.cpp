// Printed figures add up as printed: the P&L tiles and `vigil ctl status` print parts
// rounded to the cent and totals that are the sums of those printed parts, on a day whose
// exact figures, each rounded on its own, would not add up. The report's equity chart keeps
// its legend off the plotted day and draws the high-water mark the report prints.

#include "PlotStyle.h"
#include "PnlTiles.h"
#include "QCustomPlotInclude.h"
#include "ReportPdf.h"

#include "api/ControlChannel.h"
#include "api/PrintedPnl.h"

#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace vigil;

namespace {

/// Realized -1,973.1149 and unrealized +360.2751: -1,973.11 and +360.28 printed, whose sum is
/// -1,612.83, while the exact total (-1,612.8398) rounds to -1,612.84 and the exact equity
/// (998,387.1602) to 998,387.16.
Snapshot awkwardDay()
{
    Snapshot s;
    s.phase = SessionPhase::Open;
    s.sessionDate = "2026-11-20";
    s.startingEquity = Money::fromDollars(1'000'000);
    s.realizedPnl = Money::fromRaw(-19'731'149);
    s.unrealizedPnl = Money::fromRaw(3'602'751);
    s.equity = s.startingEquity + s.realizedPnl + s.unrealizedPnl;
    s.highWaterMark = Money::fromRaw(10'002'251'349); // 1,000,225.1349
    s.drawdown = s.highWaterMark - s.equity;
    s.fees = Money::fromRaw(1'234'565);
    return s;
}

/// "-$1,973.11" -> -197311 cents; "45.20%" is not money (fails the test).
qint64 centsOf(QString text)
{
    text.remove(QLatin1Char(',')).remove(QLatin1Char('$'));
    const std::optional<Money> m = Money::parse(text.toStdString());
    if (!m) {
        qWarning("not money: %s", qPrintable(text));
        return std::numeric_limits<qint64>::min();
    }
    return m->raw() / 100;
}

} // namespace

class TestUiPrintedFigures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundingIsHalfAwayFromZeroToTheCent()
    {
        QCOMPARE(roundToCent(Money::fromRaw(12'345)), Money::fromRaw(12'300));
        QCOMPARE(roundToCent(Money::fromRaw(12'350)), Money::fromRaw(12'400));
        QCOMPARE(roundToCent(Money::fromRaw(-12'350)), Money::fromRaw(-12'400));
        QCOMPARE(roundToCent(Money::fromRaw(-12'349)), Money::fromRaw(-12'300));
        QCOMPARE(roundToCent(Money::fromRaw(-49)), Money{});
        // What format::money() and toString(2) print is this rounding.
        for (const std::int64_t raw : {-19'731'149LL, 3'602'751LL, -50LL, 50LL, 149LL, -150LL})
            QCOMPARE(roundToCent(Money::fromRaw(raw)).toString(2), Money::fromRaw(raw).toString(2));
    }

    void theTilesAddUpAsPrinted()
    {
        PnlTiles tiles;
        tiles.applySnapshot(awkwardDay());
        using Tile = PnlTiles::Tile;
        QCOMPARE(tiles.valueText(Tile::Realized), QStringLiteral("-$1,973.11"));
        QCOMPARE(tiles.valueText(Tile::Unrealized), QStringLiteral("+$360.28"));
        QCOMPARE(tiles.valueText(Tile::DailyPnl), QStringLiteral("-$1,612.83"));
        QCOMPARE(tiles.valueText(Tile::Equity), QStringLiteral("$998,387.17"));
        QCOMPARE(tiles.detailText(Tile::Equity), QStringLiteral("start $1,000,000.00"));
        // The sums a reader does with the printed figures.
        const qint64 realized = centsOf(tiles.valueText(Tile::Realized));
        const qint64 unrealized = centsOf(tiles.valueText(Tile::Unrealized));
        const qint64 daily = centsOf(tiles.valueText(Tile::DailyPnl));
        const qint64 equity = centsOf(tiles.valueText(Tile::Equity));
        const qint64 start = centsOf(tiles.detailText(Tile::Equity).mid(6));
        QCOMPARE(realized + unrealized, daily);
        QCOMPARE(start + daily, equity);
        // Drawdown: the high-water mark (1,000,225.13 as printed) less the printed equity.
        QCOMPARE(tiles.valueText(Tile::Drawdown), QStringLiteral("-$1,837.96"));
        QCOMPARE(tiles.valueText(Tile::Fees), QStringLiteral("$123.46"));
    }

    void ctlStatusPrintsTheSameFigures()
    {
        const Snapshot s = awkwardDay();
        const QJsonObject pnl = statusJson(s).value(QStringLiteral("pnl")).toObject();
        QCOMPARE(pnl.value(QStringLiteral("realized")).toString(), QStringLiteral("-1973.11"));
        QCOMPARE(pnl.value(QStringLiteral("unrealized")).toString(), QStringLiteral("360.28"));
        QCOMPARE(pnl.value(QStringLiteral("daily")).toString(), QStringLiteral("-1612.83"));
        QCOMPARE(pnl.value(QStringLiteral("equity")).toString(), QStringLiteral("998387.17"));
        QCOMPARE(pnl.value(QStringLiteral("high_water_mark")).toString(), QStringLiteral("1000225.13"));
        QCOMPARE(pnl.value(QStringLiteral("drawdown")).toString(), QStringLiteral("1837.96"));
        const QString text = statusText(s);
        QVERIFY2(text.contains(QStringLiteral("P&L         -1612.83 (")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("realized -1973.11, unrealized 360.28, equity 998387.17")),
                 qPrintable(text));
    }

    void aDayThatCarriesPositionsAddsUpWithItsOpeningUnrealized()
    {
        // Positions carried in at a profit of 500.0049 over their cost: in the starting
        // equity already, and in today's unrealized (which is against cost).
        Snapshot s = awkwardDay();
        s.equity = s.equity - Money::fromRaw(5'000'049);
        const PrintedPnl p = printedPnl(s.startingEquity, s.equity, s.realizedPnl, s.unrealizedPnl, s.highWaterMark);
        QCOMPARE(p.unrealizedAtOpen, Money::fromCents(50'000));
        QCOMPARE(p.equity, p.startingEquity + p.total - p.unrealizedAtOpen);
        QCOMPARE(p.drawdown, p.highWaterMark - p.equity);
        // The next day opens where the last closed, as printed: realized +23.9730 and
        // unrealized -571.7080 close at 999,452.26 (999,452.265 rounded on its own is .27); the
        // next day's base holds the realized, its start the positions' unrealized at the open.
        const Money cash = Money::fromDollars(1'000'000), realized = Money::fromRaw(239'730),
                    unrealized = Money::fromRaw(-5'717'080);
        const PrintedPnl first = printedPnl(cash, cash + realized + unrealized, realized, unrealized, cash);
        QCOMPARE(first.equity, Money::fromRaw(9'994'522'600));
        const Money base = cash + realized, todayRealized = Money::fromRaw(-44'005'949),
                    todayUnrealized = Money::fromRaw(7'987'551);
        const PrintedPnl second = printedPnl(base + unrealized, base + todayRealized + todayUnrealized, todayRealized,
                                             todayUnrealized, base + unrealized);
        QCOMPARE(second.startingEquity, first.equity);
        QCOMPARE(second.unrealizedAtOpen, first.unrealized);
        QCOMPARE(second.equity, second.startingEquity + second.total - second.unrealizedAtOpen);
        // Standing at its high, the mark is printed as the equity is and the drawdown is nothing.
        s.highWaterMark = s.equity;
        const PrintedPnl high = printedPnl(s.startingEquity, s.equity, s.realizedPnl, s.unrealizedPnl, s.highWaterMark);
        QVERIFY(high.highWaterMark >= high.equity);
        QVERIFY(high.drawdown >= Money{});
    }

    void theChartsLegendCoversNoData()
    {
        // A day whose first 35 minutes are its highest: where the legend used to sit.
        DailyReport report;
        report.date = "2026-11-20";
        const SessionWindow session = sessionFor(Date{2026, 11, 20});
        report.startingEquity = Money::fromDollars(1'000'000);
        for (int minute = 0; minute <= 390; ++minute) {
            const std::int64_t dollars = minute <= 35 ? 1'000'200 - minute : 999'000 + (minute % 17) * 10;
            report.equityCurve.emplace_back(session.open + minute * kNsPerMinute, Money::fromDollars(dollars));
        }
        report.curveHigh = Money::fromDollars(1'000'200);
        report.highWaterMark = report.curveHigh;
        QCustomPlot plot;
        drawEquityChart(plot, report);
        // At the size the report draws it (a hidden widget gets no resize event: the viewport
        // is set as toPainter() sets it).
        plot.resize(equityChartSize());
        plot.setViewport(QRect(QPoint(0, 0), equityChartSize()));
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(plot.viewport().size(), equityChartSize());
        QVERIFY(plot.legend->visible());
        const QRect legend = plot.legend->outerRect();
        const QRect area = plot.axisRect()->rect();
        QVERIFY2(!legend.isEmpty(), "no legend drawn");
        QVERIFY2(!legend.intersects(area),
                 qPrintable(QStringLiteral("legend %1,%2 %3x%4 inside the plot area %5,%6 %7x%8")
                                .arg(legend.x())
                                .arg(legend.y())
                                .arg(legend.width())
                                .arg(legend.height())
                                .arg(area.x())
                                .arg(area.y())
                                .arg(area.width())
                                .arg(area.height())));
        // ... so no point of the curve is under it.
        QCPGraph *curve = plot.graph(0);
        for (const auto &[at, equity] : report.equityCurve) {
            const QPointF pixel = curve->coordsToPixels(plot::secondsOfDay(session, at), equity.toDouble());
            QVERIFY(!legend.contains(pixel.toPoint()));
        }
        // The high-water mark is drawn, named with the figure the report prints, and the
        // curve's highest point is on it.
        QCPGraph *high = nullptr;
        for (int i = 0; i < plot.graphCount(); ++i)
            if (plot.graph(i)->name().startsWith(QStringLiteral("high-water mark")))
                high = plot.graph(i);
        QVERIFY(high);
        QCOMPARE(high->name(), QStringLiteral("high-water mark $1,000,200.00"));
        double highest = 0;
        for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
            highest = std::max(highest, it->value);
        QCOMPARE(highest, high->data()->constBegin()->value);
    }
};

QTEST_MAIN(TestUiPrintedFigures)
#include "tst_ui_printed_figures.moc"
