#pragma once
// What the console's charts share: the session's time axis (New York time of day) and
// the dark plot style. GUI thread only (QCustomPlot is a widget).

#include "core/Time.h"

#include <optional>
#include <string>

class QCustomPlot;
class QCPAxis;

namespace vigil::plot {

constexpr double kSecondsPerDay = 86'400.0;

/// The session of an ISO date ("2026-11-20"), if it is one.
std::optional<SessionWindow> sessionOf(const std::string &isoDate);
/// Seconds since New York midnight (UTC midnight when the session date is unknown).
double secondsOfDay(const std::optional<SessionWindow> &session, SimTime time);
/// The panel background, muted axes and dotted grid.
void styleAxis(QCPAxis *axis);
void stylePlot(QCustomPlot *plot);
/// The x axis as "HH:MM" New York time.
void useTimeOfDayAxis(QCPAxis *axis);

} // namespace vigil::plot
