#include "ExposureChart.h"

#include "Format.h"
#include "Palette.h"
#include "PlotStyle.h"
#include "QCustomPlotInclude.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {

/// `part` as a percentage of `whole` (0 when there is no whole).
double pctOf(Money part, Money whole)
{
    return whole.raw() == 0 ? 0.0 : 100.0 * static_cast<double>(part.raw()) / static_cast<double>(whole.raw());
}

} // namespace

ExposureChart::ExposureChart(QWidget *parent)
    : QFrame(parent)
{
    const plot::ChartPanel panel = plot::setUpChartPanel(this);
    m_summary = panel.summary;
    auto *plots = new QHBoxLayout;
    m_curve = plot::makePlot("exposureCurve", this);
    plot::useTimeOfDayAxis(m_curve->xAxis);
    m_curve->yAxis->setLabel(tr("% of equity"));
    m_net = plot::addLine(m_curve, palette::warning(), Qt::SolidLine, tr("net"), 2.5);
    // Gross over net: with only long positions the two coincide.
    m_gross = plot::addLine(m_curve, palette::accent(), Qt::SolidLine, tr("gross"), 1.2);
    m_limit = plot::addLine(m_curve, palette::loss(), Qt::DashLine, tr("gross limit"));
    plot::legendBelow(m_curve);
    plots->addWidget(m_curve, 3);

    m_bars = plot::makePlot("exposureBars", this);
    // Horizontal bars: the names read across, the largest at the top.
    m_bars->xAxis->setLabel(tr("% of equity"));
    m_bars->yAxis->setRangeReversed(true);
    m_longBars = new QCPBars(m_bars->yAxis, m_bars->xAxis);
    m_longBars->setPen(Qt::NoPen);
    m_longBars->setBrush(palette::profit());
    m_longBars->setWidth(0.7);
    m_shortBars = new QCPBars(m_bars->yAxis, m_bars->xAxis);
    m_shortBars->setPen(Qt::NoPen);
    m_shortBars->setBrush(palette::loss());
    m_shortBars->setWidth(0.7);
    plots->addWidget(m_bars, 2);
    panel.layout->addLayout(plots, 1);
}

void ExposureChart::applySnapshot(const Snapshot &s)
{
    if (s.version == m_shownVersion)
        return;
    const bool newMinute = static_cast<int>(s.equityCurve.size()) != m_points;
    const bool newBars = s.simTime - m_lastBarsTime >= kNsPerSecond * 5 || m_lastBarsTime == 0;
    if (!newMinute && !newBars)
        return;
    m_shownVersion = s.version;
    m_grossLimitPct = s.grossLimitPct;

    if (newMinute) {
        const std::optional<SessionWindow> session = plot::sessionOf(s.sessionDate);
        QVector<double> keys, gross, net;
        double high = std::max(m_grossLimitPct, 10.0);
        double low = 0;
        for (const EquityPoint &p : s.equityCurve) {
            if (!p.breakdownKnown)
                continue;
            keys << plot::secondsOfDay(session, p.time);
            gross << pctOf(p.grossExposure, p.equity);
            net << pctOf(p.netExposure, p.equity);
            high = std::max(high, gross.back());
            low = std::min(low, net.back());
        }
        m_gross->setData(keys, gross, true);
        m_net->setData(keys, net, true);
        const double left = session ? plot::secondsOfDay(session, session->open) : 0;
        const double right = session ? plot::secondsOfDay(session, session->close) : plot::kSecondsPerDay;
        m_limit->setData(QVector<double>{left, right}, QVector<double>{m_grossLimitPct, m_grossLimitPct}, true);
        m_limit->setVisible(m_grossLimitPct > 0);
        m_curve->xAxis->setRange(left, right);
        m_curve->yAxis->setRange(low - 5, high * 1.1);
        m_curve->replot();
        m_points = static_cast<int>(s.equityCurve.size());
    }

    // Now: the largest positions by symbol, then each strategy's gross, as % of equity.
    std::vector<const PositionRow *> positions;
    for (const PositionRow &p : s.positions)
        positions.push_back(&p);
    std::sort(positions.begin(), positions.end(), [](const PositionRow *a, const PositionRow *b) {
        return std::llabs(a->marketValue.raw()) > std::llabs(b->marketValue.raw());
    });
    if (positions.size() > static_cast<std::size_t>(kSymbolBars))
        positions.resize(kSymbolBars);
    QVector<double> ticks, longs, shorts;
    QVector<QString> labels;
    m_barLabels.clear();
    for (const PositionRow *p : positions) {
        const double pct = pctOf(p->marketValue, s.equity);
        ticks << static_cast<double>(ticks.size());
        labels << QString::fromStdString(p->symbol);
        longs << (pct > 0 ? pct : 0);
        shorts << (pct < 0 ? pct : 0);
    }
    for (const StrategyRow &row : s.strategies) {
        ticks << static_cast<double>(ticks.size());
        labels << QString::fromStdString(row.name);
        longs << pctOf(row.grossExposure, s.equity); // gross: shown as one bar
        shorts << 0;
    }
    for (const QString &l : labels)
        m_barLabels << l;
    auto textTicker = QSharedPointer<QCPAxisTickerText>::create();
    textTicker->addTicks(ticks, labels);
    textTicker->setTickCount(static_cast<int>(ticks.size()));
    m_bars->yAxis->setTicker(textTicker);
    m_longBars->setData(ticks, longs, true);
    m_shortBars->setData(ticks, shorts, true);
    double top = 1, bottom = 0;
    for (double v : longs)
        top = std::max(top, v);
    for (double v : shorts)
        bottom = std::min(bottom, v);
    m_bars->yAxis->setRange(-0.7, std::max(1.0, static_cast<double>(ticks.size())) - 0.3);
    m_bars->xAxis->setRange(bottom * 1.15 - (bottom < 0 ? 1 : 0), top * 1.15);
    m_bars->replot();
    m_lastBarsTime = s.simTime;

    plot::setSummary(m_summary, tr("now: gross %1 · net %2 of equity · gross limit %3%")
                                    .arg(format::percent(format::ratio(s.grossExposure, s.equity)),
                                         format::percent(format::ratio(s.netExposure, s.equity), format::Sign::Always))
                                    .arg(m_grossLimitPct, 0, 'f', 0));
}

} // namespace vigil
