#include "EquityChart.h"

#include "Format.h"
#include "Palette.h"
#include "PlotStyle.h"
#include "QCustomPlotInclude.h"
#include "Theme.h"

#include "api/PrintedPnl.h"

#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace vigil {

namespace {

using plot::secondsOfDay;
using plot::sessionOf;

} // namespace

bool EquityChart::lossLimitInView() const { return m_plot->yAxis->range().contains(m_lossLimitLevel); }

void EquityChart::setTitleVisible(bool visible) { m_title->setVisible(visible); }

EquityChart::EquityChart(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("panel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(4);

    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(tr("EQUITY CURVE"), this);
    m_title->setObjectName(QStringLiteral("panelTitle"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("tileDetail"));
    m_summary->setFont(theme::monospaceFont(12));
    titleRow->addWidget(m_title);
    titleRow->addStretch(1);
    titleRow->addWidget(m_summary);
    layout->addLayout(titleRow);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("equityPlot"));
    m_plot->setMinimumHeight(180);
    plot::stylePlot(m_plot);
    plot::useTimeOfDayAxis(m_plot->xAxis);
    plot::useDollarAxis(m_plot->yAxis);

    m_baseline = m_plot->addGraph();
    m_baseline->setPen(QPen(palette::neutral(), 1, Qt::DashLine));
    m_curve = m_plot->addGraph();
    m_curve->setChannelFillGraph(m_baseline);
    m_highWater = m_plot->addGraph();
    m_highWater->setPen(QPen(palette::mutedText(), 1, Qt::DotLine));
    m_lossLimit = m_plot->addGraph();
    m_lossLimit->setPen(QPen(palette::loss(), 1.5, Qt::DashLine));
    layout->addWidget(m_plot, 1);
}

void EquityChart::applySnapshot(const Snapshot &snapshot)
{
    const std::vector<EquityPoint> &curve = snapshot.equityCurve;
    const SimTime lastTime = curve.empty() ? 0 : curve.back().time;
    if (curve.size() == m_pointCount && lastTime == m_lastPointTime && m_replotCount > 0)
        return;
    plot(snapshot);
}

void EquityChart::plot(const Snapshot &snapshot)
{
    const std::vector<EquityPoint> &curve = snapshot.equityCurve;
    const std::optional<SessionWindow> session = sessionOf(snapshot.sessionDate);

    QVector<double> keys;
    QVector<double> values;
    keys.reserve(static_cast<qsizetype>(curve.size()));
    values.reserve(static_cast<qsizetype>(curve.size()));
    const double start = snapshot.startingEquity.toDouble();
    double low = start;
    double high = start;
    for (const EquityPoint &point : curve) {
        const double equity = point.equity.toDouble();
        keys.append(secondsOfDay(session, point.time));
        values.append(equity);
        low = std::min(low, equity);
        high = std::max(high, equity);
    }
    m_curve->setData(keys, values, true);

    // The whole regular session stays in view, so the curve grows towards the close.
    const QCPRange range = plot::sessionRange(session, keys);
    const double left = range.lower, right = range.upper;
    m_baseline->setData(QVector<double>{left, right}, QVector<double>{start, start}, true);
    const double highWater = snapshot.highWaterMark.toDouble();
    m_highWater->setData(QVector<double>{left, right}, QVector<double>{highWater, highWater}, true);
    m_lossLimitLevel = (snapshot.highWaterMark - snapshot.killDrawdown).toDouble();
    m_lossLimit->setData(QVector<double>{left, right}, QVector<double>{m_lossLimitLevel, m_lossLimitLevel}, true);
    m_lossLimit->setVisible(snapshot.killDrawdown.raw() > 0);
    const bool nearLimit =
        snapshot.killDrawdown.raw() > 0 && snapshot.drawdown.raw() * 4 >= snapshot.killDrawdown.raw();
    if (nearLimit)
        low = std::min(low, m_lossLimitLevel);
    high = std::max(high, highWater);
    m_plot->xAxis->setRange(left, right);
    const double padding = std::max((high - low) * 0.12, 50.0);
    m_plot->yAxis->setRange(low - padding, high + padding);

    // The figures as the tiles print them: the equity less the start, the high less the equity
    // (the drawdown tile) and the loss limit add up as printed.
    const PrintedPnl printed = printedPnl(snapshot.startingEquity, snapshot.equity, snapshot.realizedPnl,
                                          snapshot.unrealizedPnl, snapshot.highWaterMark);
    const Money result = curve.empty() ? Money{} : printed.equity - printed.startingEquity;
    const QColor lineColour = result.raw() < 0 ? palette::loss() : palette::profit();
    QColor fillColour = lineColour;
    fillColour.setAlpha(38);
    m_curve->setPen(QPen(lineColour, 2));
    m_curve->setBrush(fillColour);

    theme::setText(m_summary,
                   curve.empty()
                       ? tr("no points yet")
                       : tr("%1 since the start · high %2 · loss limit %3")
                             .arg(format::money(result, format::Sign::Always), format::money(printed.highWaterMark),
                                  snapshot.killDrawdown.raw() > 0
                                      ? format::money(printed.highWaterMark - roundToCent(snapshot.killDrawdown))
                                      : format::none()));
    theme::setTone(m_summary, curve.empty() ? theme::Tone::Muted : theme::signTone(result.raw()));

    m_plot->replot();
    m_pointCount = curve.size();
    m_lastPointTime = curve.empty() ? 0 : curve.back().time;
    ++m_replotCount;
}

} // namespace vigil
