#include "PlotStyle.h"

#include "Palette.h"
#include "QCustomPlotInclude.h"
#include "Theme.h"

#include <QDate>

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

void useTimeOfDayAxis(QCPAxis *axis)
{
    auto timeTicker = QSharedPointer<QCPAxisTickerTime>::create();
    timeTicker->setTimeFormat(QStringLiteral("%h:%m"));
    timeTicker->setTickCount(8);
    axis->setTicker(timeTicker);
}

} // namespace vigil::plot
