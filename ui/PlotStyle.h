#pragma once
// What the console's charts share: the session's time axis (New York time of day) and
// the dark plot style. GUI thread only (QCustomPlot is a widget).

#include "api/Time.h"

#include <optional>
#include <string>

#include <QVector>
#include <Qt>

class QColor;
class QCustomPlot;
class QCPAxis;
class QCPGraph;
class QCPRange;
class QFrame;
class QHBoxLayout;
class QLabel;
class QString;
class QVBoxLayout;
class QWidget;

namespace vigil::plot {

constexpr double kSecondsPerDay = 86'400.0;

/// The session of an ISO date ("2026-11-20"), if it is one.
std::optional<SessionWindow> sessionOf(const std::string &isoDate);
/// Seconds since New York midnight (UTC midnight when the session date is unknown).
double secondsOfDay(const std::optional<SessionWindow> &session, SimTime time);
/// The x range of a day's chart: the whole regular session (so a curve grows towards the
/// close), widened to any key outside it; the keys' own span without a session.
QCPRange sessionRange(const std::optional<SessionWindow> &session, const QVector<double> &keys);
/// The panel background, muted axes and dotted grid.
void styleAxis(QCPAxis *axis);
void stylePlot(QCustomPlot *plot);
/// Tick labels as whole dollars: "$100,250", "-$1,200".
void useDollarAxis(QCPAxis *axis, int tickCount = 5);
/// The x axis as "HH:MM" New York time.
void useTimeOfDayAxis(QCPAxis *axis);

/// A styled plot named `name` (for tests and style sheets), at least 160 px high.
QCustomPlot *makePlot(const char *name, QWidget *parent);
/// A line graph with a legend entry.
QCPGraph *addLine(QCustomPlot *plot, const QColor &colour, Qt::PenStyle style, const QString &name, double width = 1.5);
/// The legend as one row under the plot, where it covers no data.
void legendBelow(QCustomPlot *plot);
/// Makes `panel` a chart panel: its frame, a vertical layout (for the plots) and a summary
/// line at the top right.
struct ChartPanel {
    QVBoxLayout *layout = nullptr;
    QHBoxLayout *titleRow = nullptr; ///< the summary's row: room at its left for the panel's own controls
    QLabel *summary = nullptr;
};
ChartPanel setUpChartPanel(QFrame *panel);
/// Sets a chart panel's summary line, whole in its tool tip as well.
void setSummary(QLabel *summary, const QString &text);

} // namespace vigil::plot
