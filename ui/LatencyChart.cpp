#include "LatencyChart.h"

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

double toMs(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

QString binLabel(std::int64_t upperNs)
{
    if (upperNs == std::numeric_limits<std::int64_t>::max())
        return QStringLiteral("more");
    if (upperNs < kNsPerMs)
        return QStringLiteral("%1us").arg(upperNs / kNsPerUs);
    if (upperNs < kNsPerSecond)
        return QStringLiteral("%1ms").arg(upperNs / kNsPerMs);
    return QStringLiteral("%1s").arg(upperNs / kNsPerSecond);
}

} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : QFrame(parent)
{
    const plot::ChartPanel panel = plot::setUpChartPanel(this);
    m_summary = panel.summary;
    auto *plots = new QHBoxLayout;
    m_curve = plot::makePlot("latencyCurve", this);
    plot::useTimeOfDayAxis(m_curve->xAxis);
    m_curve->yAxis->setScaleType(QCPAxis::stLogarithmic);
    auto logTicker = QSharedPointer<QCPAxisTickerLog>::create();
    m_curve->yAxis->setTicker(logTicker);
    m_curve->yAxis->setNumberFormat(QStringLiteral("gb"));
    m_curve->yAxis->setLabel(tr("ms"));
    m_feedP50 = plot::addLine(m_curve, palette::mutedText(), Qt::SolidLine, tr("feed p50"), 1);
    m_feedP95 = plot::addLine(m_curve, palette::accent(), Qt::SolidLine, tr("feed p95"));
    m_feedP99 = plot::addLine(m_curve, palette::accent(), Qt::DotLine, tr("feed p99"));
    m_ackP95 = plot::addLine(m_curve, palette::warning(), Qt::SolidLine, tr("ack p95"));
    m_threshold = plot::addLine(m_curve, palette::loss(), Qt::DashLine, tr("alert: p95 > 500 ms"));
    plot::legendBelow(m_curve);
    m_threshold->removeFromLegend(); // the summary names the threshold
    plots->addWidget(m_curve, 3);

    m_histogram = plot::makePlot("latencyHistogram", this);
    m_feedBars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    m_feedBars->setName(tr("feed"));
    m_feedBars->setPen(Qt::NoPen);
    m_feedBars->setBrush(palette::accent());
    m_ackBars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    m_ackBars->setName(tr("ack"));
    m_ackBars->setPen(Qt::NoPen);
    m_ackBars->setBrush(palette::warning());
    auto *group = new QCPBarsGroup(m_histogram);
    m_feedBars->setBarsGroup(group);
    m_ackBars->setBarsGroup(group);
    m_feedBars->setWidth(0.4);
    m_ackBars->setWidth(0.4);
    m_histogram->yAxis->setLabel(tr("% of today's"));
    plots->addWidget(m_histogram, 2);
    panel.layout->addLayout(plots, 1);
}

void LatencyChart::applySnapshot(const Snapshot &s)
{
    std::uint64_t binned = 0;
    for (std::uint64_t n : s.feedBins.counts)
        binned += n;
    for (std::uint64_t n : s.ackBins.counts)
        binned += n;
    if (s.latencyCurve.size() == m_points && binned == m_binnedCount && m_points > 0)
        return;
    const std::optional<SessionWindow> session = plot::sessionOf(s.sessionDate);

    // The curve. A log axis cannot show zero: minutes without a measurement are left out.
    QVector<double> keys, p50, p95, p99, ackKeys, ack;
    double high = toMs(kAlertP95Ns);
    double low = 1.0;
    for (const LatencyPoint &p : s.latencyCurve) {
        const double t = plot::secondsOfDay(session, p.time);
        if (p.feedP95Ns > 0) {
            keys << t;
            p50 << std::max(toMs(p.feedP50Ns), 0.001);
            p95 << toMs(p.feedP95Ns);
            p99 << toMs(p.feedP99Ns);
            high = std::max(high, toMs(p.feedP99Ns));
            low = std::min(low, std::max(toMs(p.feedP50Ns), 0.001));
        }
        if (p.ackP95Ns > 0) {
            ackKeys << t;
            ack << toMs(p.ackP95Ns);
            high = std::max(high, toMs(p.ackP95Ns));
        }
    }
    m_feedP50->setData(keys, p50, true);
    m_feedP95->setData(keys, p95, true);
    m_feedP99->setData(keys, p99, true);
    m_ackP95->setData(ackKeys, ack, true);
    const double left = session ? plot::secondsOfDay(session, session->open) : 0;
    const double right = session ? plot::secondsOfDay(session, session->close) : plot::kSecondsPerDay;
    const double threshold = toMs(kAlertP95Ns);
    m_threshold->setData(QVector<double>{left, right}, QVector<double>{threshold, threshold}, true);
    m_curve->xAxis->setRange(left, right);
    m_curve->yAxis->setRange(low / 2, high * 2);

    const LatencyPoint last = s.latencyCurve.empty() ? LatencyPoint{} : s.latencyCurve.back();
    m_over = overThreshold(s);
    m_curve->axisRect()->setBackground(m_over ? QColor(0x3b, 0x14, 0x16) : palette::panel());
    theme::setText(m_summary, tr("last minute: feed p95 %1 · ack p95 %2 · alert over %3%4")
                                  .arg(last.feedP95Ns > 0 ? format::duration(last.feedP95Ns) : format::none(),
                                       last.ackP95Ns > 0 ? format::duration(last.ackP95Ns) : format::none(),
                                       format::duration(kAlertP95Ns), m_over ? tr("  OVER") : QString()));
    theme::setTone(m_summary, m_over ? theme::Tone::Loss : theme::Tone::Muted);

    // The histogram: each distribution as a share of its own count.
    auto shares = [](const LatencyBins &bins) {
        QVector<double> out;
        std::uint64_t total = 0;
        for (std::uint64_t n : bins.counts)
            total += n;
        for (std::uint64_t n : bins.counts)
            out << (total > 0 ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0.0);
        return out;
    };
    const LatencyBins &bins = s.feedBins.upperNs.empty() ? s.ackBins : s.feedBins;
    QVector<double> ticks;
    QVector<QString> labels;
    for (std::size_t i = 0; i < bins.upperNs.size(); ++i) {
        ticks << static_cast<double>(i);
        labels << binLabel(bins.upperNs[i]);
    }
    auto textTicker = QSharedPointer<QCPAxisTickerText>::create();
    textTicker->addTicks(ticks, labels);
    m_histogram->xAxis->setTicker(textTicker);
    m_histogram->xAxis->setTickLabelRotation(45);
    if (!s.feedBins.counts.empty())
        m_feedBars->setData(ticks, shares(s.feedBins), true);
    if (!s.ackBins.counts.empty())
        m_ackBars->setData(ticks, shares(s.ackBins), true);
    m_histogram->xAxis->setRange(-0.7, static_cast<double>(ticks.size()) - 0.3);
    m_histogram->yAxis->setRange(0, 100);

    m_curve->replot();
    m_histogram->replot();
    m_points = s.latencyCurve.size();
    m_binnedCount = binned;
}

bool LatencyChart::overThreshold(const Snapshot &s)
{
    if (s.latencyCurve.empty())
        return false;
    const LatencyPoint &last = s.latencyCurve.back();
    return last.feedP95Ns > kAlertP95Ns || last.ackP95Ns > kAlertP95Ns;
}

QString LatencyChart::summaryText() const { return m_summary->text(); }

} // namespace vigil
