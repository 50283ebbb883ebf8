#include "PnlChart.h"

#include "Format.h"
#include "Palette.h"
#include "PlotStyle.h"
#include "QCustomPlotInclude.h"
#include "Theme.h"

#include "api/PrintedPnl.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace vigil {

namespace {

/// A flat line across `range` at `level`.
void flatLine(QCPGraph *graph, const QCPRange &range, double level)
{
    graph->setData(QVector<double>{range.lower, range.upper}, QVector<double>{level, level}, true);
}

/// The y range around `low` .. `high` with some room, never thinner than $100.
void fitValues(QCPAxis *axis, double low, double high)
{
    const double padding = std::max((high - low) * 0.12, 50.0);
    axis->setRange(low - padding, high + padding);
}

} // namespace

PnlChart::PnlChart(QWidget *parent)
    : QFrame(parent)
{
    const plot::ChartPanel panel = plot::setUpChartPanel(this);
    m_summary = panel.summary;
    auto *plots = new QHBoxLayout;

    m_parts = plot::makePlot("pnlParts", this);
    plot::useTimeOfDayAxis(m_parts->xAxis);
    plot::useDollarAxis(m_parts->yAxis);
    m_zero = m_parts->addGraph();
    m_zero->setPen(QPen(palette::neutral(), 1, Qt::DashLine));
    m_lossLimit = plot::addLine(m_parts, palette::loss(), Qt::DashLine, tr("loss limit"));
    m_realized = plot::addLine(m_parts, palette::series(0), Qt::SolidLine, tr("realized"));
    m_unrealized = plot::addLine(m_parts, palette::series(1), Qt::SolidLine, tr("unrealized"));
    m_total = plot::addLine(m_parts, palette::text(), Qt::SolidLine, tr("total"), 2.5);
    m_parts->legend->removeItem(m_parts->legend->itemWithPlottable(m_zero));
    plot::legendBelow(m_parts);
    plots->addWidget(m_parts, 3);

    m_strategies = plot::makePlot("pnlByStrategy", this);
    plot::useTimeOfDayAxis(m_strategies->xAxis);
    plot::useDollarAxis(m_strategies->yAxis);
    m_strategies->xAxis->ticker()->setTickCount(4);
    m_strategyZero = m_strategies->addGraph();
    m_strategyZero->setPen(QPen(palette::neutral(), 1, Qt::DashLine));
    m_strategies->legend->removeItem(m_strategies->legend->itemWithPlottable(m_strategyZero));
    plot::legendBelow(m_strategies);
    m_strategies->legend->setWrap(2); // two names a row: the plot is narrow
    plots->addWidget(m_strategies, 2);
    panel.layout->addLayout(plots, 1);
}

QCPGraph *PnlChart::graph(Series series) const
{
    switch (series) {
    case Series::Total: return m_total;
    case Series::Realized: return m_realized;
    case Series::Unrealized: return m_unrealized;
    }
    return m_total;
}

int PnlChart::pointCount(Series series) const { return graph(series)->dataCount(); }

double PnlChart::lastValue(Series series) const
{
    const QCPGraph *g = graph(series);
    return g->dataCount() == 0 ? 0.0 : (g->data()->constEnd() - 1)->value;
}

double PnlChart::lastStrategyValue(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_strategyLines.size()))
        return 0.0;
    const QCPGraph *g = m_strategyLines[static_cast<std::size_t>(index)];
    return g->dataCount() == 0 ? 0.0 : (g->data()->constEnd() - 1)->value;
}

void PnlChart::applySnapshot(const Snapshot &snapshot)
{
    const std::vector<EquityPoint> &curve = snapshot.equityCurve;
    const SimTime lastTime = curve.empty() ? 0 : curve.back().time;
    if (curve.size() == m_pointCount && lastTime == m_lastPointTime && m_replotCount > 0
        && static_cast<int>(snapshot.strategyCurves.size()) == m_strategyNames.size())
        return;
    plot(snapshot);
}

void PnlChart::plot(const Snapshot &snapshot)
{
    const std::vector<EquityPoint> &curve = snapshot.equityCurve;
    const std::optional<SessionWindow> session = plot::sessionOf(snapshot.sessionDate);
    const double start = snapshot.startingEquity.toDouble();

    // Today's P&L and its parts. The total is known at every point (equity less the start);
    // the parts only where the point's breakdown is.
    QVector<double> keys, totals, partKeys, realized, unrealized;
    double low = 0, high = 0;
    for (const EquityPoint &p : curve) {
        const double key = plot::secondsOfDay(session, p.time);
        keys << key;
        totals << p.equity.toDouble() - start;
        low = std::min(low, totals.back());
        high = std::max(high, totals.back());
        if (!p.breakdownKnown)
            continue;
        partKeys << key;
        realized << p.realizedPnl.toDouble();
        unrealized << p.unrealizedPnl.toDouble();
        low = std::min({low, realized.back(), unrealized.back()});
        high = std::max({high, realized.back(), unrealized.back()});
    }
    m_total->setData(keys, totals, true);
    m_realized->setData(partKeys, realized, true);
    m_unrealized->setData(partKeys, unrealized, true);
    const QCPRange range = plot::sessionRange(session, keys);
    flatLine(m_zero, range, 0);
    // The kill switch fires when equity falls the limit below the high-water mark.
    const Money lossLimit = snapshot.highWaterMark - snapshot.killDrawdown - snapshot.startingEquity;
    m_lossLimitLevel = lossLimit.toDouble();
    flatLine(m_lossLimit, range, m_lossLimitLevel);
    const bool limitKnown = snapshot.killDrawdown.raw() > 0;
    m_lossLimit->setVisible(limitKnown);
    if (limitKnown)
        m_lossLimit->addToLegend(); // no-op when it is there
    else
        m_lossLimit->removeFromLegend();
    if (limitKnown && snapshot.drawdown.raw() * 4 >= snapshot.killDrawdown.raw())
        low = std::min(low, m_lossLimitLevel); // a quarter of the way there: show where it is
    m_parts->xAxis->setRange(range);
    fitValues(m_parts->yAxis, low, high);
    m_parts->replot();

    // Each strategy's P&L, where the breakdown is known.
    if (static_cast<int>(snapshot.strategyCurves.size()) != m_strategyNames.size()) {
        for (QCPGraph *g : m_strategyLines)
            m_strategies->removeGraph(g);
        m_strategyLines.clear();
        m_strategyNames.clear();
        for (const StrategyCurve &c : snapshot.strategyCurves) {
            const QString name = QString::fromStdString(c.name.empty() ? c.key : c.name);
            m_strategyLines.push_back(plot::addLine(
                m_strategies, palette::series(static_cast<int>(m_strategyLines.size()) + 2), Qt::SolidLine, name, 2));
            m_strategyNames << name;
        }
    }
    double strategyLow = 0, strategyHigh = 0;
    for (std::size_t i = 0; i < snapshot.strategyCurves.size(); ++i) {
        const std::vector<Money> &pnl = snapshot.strategyCurves[i].pnl;
        QVector<double> sKeys, values;
        for (std::size_t k = 0; k < curve.size() && k < pnl.size(); ++k) {
            if (!curve[k].breakdownKnown)
                continue;
            sKeys << keys[static_cast<qsizetype>(k)];
            values << pnl[k].toDouble();
            strategyLow = std::min(strategyLow, values.back());
            strategyHigh = std::max(strategyHigh, values.back());
        }
        m_strategyLines[i]->setData(sKeys, values, true);
    }
    flatLine(m_strategyZero, range, 0);
    m_strategies->xAxis->setRange(range);
    fitValues(m_strategies->yAxis, strategyLow, strategyHigh);
    m_strategies->replot();

    // As the tiles print them: the total is the sum of the printed parts.
    const PrintedPnl printed = printedPnl(snapshot.startingEquity, snapshot.equity, snapshot.realizedPnl,
                                          snapshot.unrealizedPnl, snapshot.highWaterMark);
    const Money total = printed.total;
    plot::setSummary(m_summary, tr("today %1 = realized %2 + unrealized %3 · loss limit at %4")
                                    .arg(format::money(total, format::Sign::Always),
                                         format::money(printed.realized, format::Sign::Always),
                                         format::money(printed.unrealized, format::Sign::Always),
                                         limitKnown ? format::money(lossLimit, format::Sign::Always) : format::none()));
    theme::setTone(m_summary, theme::signTone(total.raw()));
    m_pointCount = curve.size();
    m_lastPointTime = curve.empty() ? 0 : curve.back().time;
    ++m_replotCount;
}

} // namespace vigil
