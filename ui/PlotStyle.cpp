#include "PlotStyle.h"

#include "Palette.h"
#include "QCustomPlotInclude.h"
#include "Theme.h"

#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vigil::plot {

std::optional<SessionWindow> sessionOf(const std::string &isoDate)
{
    const QDate date = QDate::fromString(QString::fromStdString(isoDate), Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    return sessionFor(Date{date.year(), date.month(), date.day()});
}

double secondsOfDay(const std::optional<SessionWindow> &session, SimTime time)
{
    if (session)
        return session->secondsOfDay(time);
    const SimTime seconds = time / kNsPerSecond;
    return static_cast<double>(((seconds % 86'400) + 86'400) % 86'400);
}

QCPRange sessionRange(const std::optional<SessionWindow> &session, const QVector<double> &keys)
{
    double left = session ? secondsOfDay(session, session->open) : (keys.isEmpty() ? 0 : keys.front());
    double right = session ? secondsOfDay(session, session->close) : (keys.isEmpty() ? kSecondsPerDay : keys.back());
    if (!keys.isEmpty()) {
        left = std::min(left, keys.front());
        right = std::max(right, keys.back());
    }
    return {left, right};
}

void styleAxis(QCPAxis *axis)
{
    const QColor border = palette::border();
    axis->setBasePen(QPen(border));
    axis->setTickPen(QPen(border));
    axis->setSubTickPen(Qt::NoPen);
    axis->setTickLabelColor(palette::mutedText());
    axis->setTickLabelFont(theme::monospaceFont(11));
    axis->setLabelColor(palette::mutedText());
    axis->grid()->setPen(QPen(QColor(border.red(), border.green(), border.blue(), 160), 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void stylePlot(QCustomPlot *plot)
{
    plot->setBackground(palette::panel());
    plot->axisRect()->setBackground(palette::panel());
    plot->setAntialiasedElements(QCP::aePlottables);
    styleAxis(plot->xAxis);
    styleAxis(plot->yAxis);
}

namespace {

/// Tick labels as whole dollars with thousands separators: "$100,250", "-$1,200".
class DollarTicker final : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        static const QLocale english(QLocale::English, QLocale::UnitedStates);
        const QString digits = english.toString(std::abs(tick), 'f', 0);
        return (tick <= -0.5 ? QStringLiteral("-$") : QStringLiteral("$")) + digits;
    }
};

} // namespace

void useDollarAxis(QCPAxis *axis, int tickCount)
{
    auto ticker = QSharedPointer<DollarTicker>::create();
    ticker->setTickCount(tickCount);
    axis->setTicker(ticker);
}

void useTimeOfDayAxis(QCPAxis *axis)
{
    auto timeTicker = QSharedPointer<QCPAxisTickerTime>::create();
    timeTicker->setTimeFormat(QStringLiteral("%h:%m"));
    timeTicker->setTickCount(8);
    axis->setTicker(timeTicker);
}

QCustomPlot *makePlot(const char *name, QWidget *parent)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(QLatin1String(name));
    plot->setMinimumHeight(160);
    stylePlot(plot);
    return plot;
}

QCPGraph *addLine(QCustomPlot *plot, const QColor &colour, Qt::PenStyle style, const QString &name, double width)
{
    QCPGraph *graph = plot->addGraph();
    graph->setPen(QPen(colour, width, style));
    graph->setName(name);
    return graph;
}

void legendBelow(QCustomPlot *plot)
{
    QCPLegend *legend = plot->legend;
    legend->setVisible(true);
    legend->setTextColor(palette::mutedText());
    legend->setFont(theme::monospaceFont(10));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(0);
    legend->setColumnSpacing(4);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    plot->axisRect()->insetLayout()->take(legend);
    plot->plotLayout()->addElement(1, 0, legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
}

void setSummary(QLabel *summary, const QString &text)
{
    theme::setText(summary, text);
    if (summary->toolTip() != text)
        summary->setToolTip(text);
}

ChartPanel setUpChartPanel(QFrame *panel)
{
    panel->setObjectName(QStringLiteral("panel"));
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    auto *titleRow = new QHBoxLayout;
    auto *summary = new QLabel(panel);
    summary->setObjectName(QStringLiteral("tileDetail"));
    summary->setFont(theme::monospaceFont(12));
    // The summary never widens its dock: in a narrow one it is cut at the left (the newest,
    // most important words are at its end) and read whole in its tool tip.
    summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    summary->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    titleRow->addWidget(summary, 1);
    layout->addLayout(titleRow);
    return {layout, titleRow, summary};
}

} // namespace vigil::plot
