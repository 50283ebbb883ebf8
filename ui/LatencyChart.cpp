#include "LatencyChart.h"

#include "Format.h"
#include "Palette.h"
#include "PlotStyle.h"
#include "QCustomPlotInclude.h"
#include "Theme.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

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

const Percentiles &of(const LatencyPoint &p, LatencyChart::Path path)
{
    switch (path) {
    case LatencyChart::Path::Feed: return p.feed;
    case LatencyChart::Path::Acknowledgement: return p.ack;
    case LatencyChart::Path::TickToOrder: return p.tickToOrder;
    }
    return p.feed;
}

/// Measurements in a distribution.
std::uint64_t total(const LatencyBins &bins)
{
    std::uint64_t n = 0;
    for (std::uint64_t c : bins.counts)
        n += c;
    return n;
}

} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : QFrame(parent)
{
    const plot::ChartPanel panel = plot::setUpChartPanel(this);
    m_summary = panel.summary;

    // The path picker, at the left of the summary's row.
    m_paths = new QButtonGroup(this);
    m_paths->setExclusive(true);
    const std::pair<Path, QString> paths[] = {
        {Path::Feed, tr("Feed")}, {Path::Acknowledgement, tr("Broker ack")}, {Path::TickToOrder, tr("Tick-to-order")}};
    int position = 0;
    for (const auto &[path, name] : paths) {
        auto *button = new QPushButton(name, this);
        button->setObjectName(QStringLiteral("segment")); // styled as one of a set (Theme)
        button->setProperty("path", static_cast<int>(path));
        button->setCheckable(true);
        button->setChecked(path == m_path);
        button->setFocusPolicy(Qt::ClickFocus);
        m_paths->addButton(button, static_cast<int>(path));
        panel.titleRow->insertWidget(position++, button);
    }
    connect(m_paths, &QButtonGroup::idClicked, this, [this](int id) { showPath(static_cast<Path>(id)); });

    auto *plots = new QHBoxLayout;
    m_curve = plot::makePlot("latencyCurve", this);
    plot::useTimeOfDayAxis(m_curve->xAxis);
    m_curve->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_curve->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_curve->yAxis->setNumberFormat(QStringLiteral("gb"));
    m_curve->yAxis->setLabel(tr("ms"));
    m_p50 = plot::addLine(m_curve, palette::mutedText(), Qt::SolidLine, tr("p50"), 1);
    m_p95 = plot::addLine(m_curve, palette::accent(), Qt::SolidLine, tr("p95"), 2);
    m_p99 = plot::addLine(m_curve, palette::warning(), Qt::DotLine, tr("p99"));
    m_threshold = plot::addLine(m_curve, palette::loss(), Qt::DashLine, tr("alert"));
    plot::legendBelow(m_curve);
    plots->addWidget(m_curve, 3);

    m_histogram = plot::makePlot("latencyHistogram", this);
    m_bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(palette::accent());
    m_bars->setWidth(0.7);
    m_histogram->yAxis->setLabel(tr("% of today's"));
    m_histogram->xAxis->setTickLabelRotation(45);
    plots->addWidget(m_histogram, 2);
    panel.layout->addLayout(plots, 1);
}

void LatencyChart::applySnapshot(const Snapshot &s)
{
    const std::uint64_t binned = total(s.feedBins) + total(s.ackBins) + total(s.tickToOrderBins);
    if (m_drawn && s.latencyCurve.size() == m_points && binned == m_binnedCount && s.latencyAlertP95Ns == m_alertP95Ns)
        return;
    m_sessionDate = s.sessionDate;
    m_latencyCurve = s.latencyCurve;
    m_bins[static_cast<int>(Path::Feed)] = s.feedBins;
    m_bins[static_cast<int>(Path::Acknowledgement)] = s.ackBins;
    m_bins[static_cast<int>(Path::TickToOrder)] = s.tickToOrderBins;
    m_alertP95Ns = s.latencyAlertP95Ns;
    m_points = s.latencyCurve.size();
    m_binnedCount = binned;
    m_over = overThreshold(s);
    draw();
}

QAbstractButton *LatencyChart::pathButton(Path path) const { return m_paths->button(static_cast<int>(path)); }

void LatencyChart::showPath(Path path)
{
    if (QAbstractButton *button = m_paths->button(static_cast<int>(path)))
        button->setChecked(true);
    if (path == m_path)
        return;
    m_path = path;
    if (m_drawn)
        draw();
}

void LatencyChart::draw()
{
    const std::optional<SessionWindow> session = plot::sessionOf(m_sessionDate);

    // The curve. A log axis cannot show zero: minutes without a measurement are left out.
    QVector<double> keys, p50, p95, p99;
    const bool alertPath = m_path != Path::TickToOrder && m_alertP95Ns > 0;
    double high = alertPath ? toMs(m_alertP95Ns) : 0.01;
    double low = high;
    for (const LatencyPoint &point : m_latencyCurve) {
        const Percentiles &p = of(point, m_path);
        if (p.p95Ns <= 0)
            continue;
        keys << plot::secondsOfDay(session, point.time);
        p50 << std::max(toMs(p.p50Ns), 0.0001);
        p95 << toMs(p.p95Ns);
        p99 << std::max(toMs(p.p99Ns), p95.back());
        high = std::max(high, p99.back());
        low = std::min(low, p50.back());
    }
    m_p50->setData(keys, p50, true);
    m_p95->setData(keys, p95, true);
    m_p99->setData(keys, p99, true);
    const QCPRange range = plot::sessionRange(session, keys);
    m_thresholdMs = alertPath ? toMs(m_alertP95Ns) : 0;
    m_threshold->setData(QVector<double>{range.lower, range.upper}, QVector<double>{m_thresholdMs, m_thresholdMs},
                         true);
    m_threshold->setVisible(alertPath);
    m_threshold->setName(tr("alert: p95 over %1").arg(format::duration(m_alertP95Ns)));
    if (alertPath)
        m_threshold->addToLegend();
    else
        m_threshold->removeFromLegend();
    m_curve->xAxis->setRange(range);
    // At least two decades, so that the log axis has labels to show.
    const double centre = std::sqrt(low * high);
    const double halfSpan = std::max(std::sqrt(high / low) * 2, 10.0);
    m_curve->yAxis->setRange(centre / halfSpan, centre * halfSpan);
    m_curve->axisRect()->setBackground(m_over ? QColor(0x3b, 0x14, 0x16) : palette::panel());
    m_drawnPoints = static_cast<int>(keys.size());
    m_lastP95Ms = p95.isEmpty() ? 0 : p95.back();

    // The last minute of every path, whichever is drawn.
    const LatencyPoint last = m_latencyCurve.empty() ? LatencyPoint{} : m_latencyCurve.back();
    auto p95Text = [](const Percentiles &p) { return p.p95Ns > 0 ? format::duration(p.p95Ns) : format::none(); };
    const QString summary = tr("last minute p95: feed %1 · ack %2 · tick-to-order %3%4")
                                .arg(p95Text(last.feed), p95Text(last.ack), p95Text(last.tickToOrder),
                                     m_over ? tr(" · OVER %1").arg(format::duration(m_alertP95Ns)) : QString());
    plot::setSummary(m_summary, summary);
    theme::setTone(m_summary, m_over ? theme::Tone::Loss : theme::Tone::Muted);

    // The histogram: today's distribution of the path, as shares of its measurements.
    const LatencyBins &bins = m_bins[static_cast<int>(m_path)];
    const std::uint64_t measured = total(bins);
    QVector<double> ticks;
    QVector<QString> labels;
    m_shares.clear();
    for (std::size_t i = 0; i < bins.upperNs.size(); ++i) {
        ticks << static_cast<double>(i);
        // The decades only: fifteen labels side by side would run into each other.
        const std::int64_t edge = bins.upperNs[i];
        bool decade = edge == std::numeric_limits<std::int64_t>::max();
        for (std::int64_t d = kNsPerUs; !decade && d <= edge && d > 0; d *= 10)
            decade = d == edge;
        labels << (decade ? binLabel(edge) : QString());
        const std::uint64_t n = i < bins.counts.size() ? bins.counts[i] : 0;
        m_shares << (measured > 0 ? 100.0 * static_cast<double>(n) / static_cast<double>(measured) : 0.0);
    }
    auto textTicker = QSharedPointer<QCPAxisTickerText>::create();
    textTicker->addTicks(ticks, labels);
    m_histogram->xAxis->setTicker(textTicker);
    m_bars->setData(ticks, m_shares, true);
    m_bars->setBrush(m_path == Path::Feed              ? palette::accent()
                     : m_path == Path::Acknowledgement ? palette::warning()
                                                       : palette::series(2));
    m_histogram->xAxis->setRange(-0.7, static_cast<double>(ticks.size()) - 0.3);
    m_histogram->yAxis->setRange(0, 100);

    m_curve->replot();
    m_histogram->replot();
    m_drawn = true;
}

bool LatencyChart::overThreshold(const Snapshot &s)
{
    if (s.latencyCurve.empty() || s.latencyAlertP95Ns <= 0)
        return false;
    const LatencyPoint &last = s.latencyCurve.back();
    return last.feed.p95Ns > s.latencyAlertP95Ns || last.ack.p95Ns > s.latencyAlertP95Ns;
}

QString LatencyChart::summaryText() const { return m_summary->text(); }

} // namespace vigil
