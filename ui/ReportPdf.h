#pragma once
// The daily report as a PDF: QPdfWriter and QPainter, the equity curve drawn by QCustomPlot
// as vectors. Written through QSaveFile, so the file at the target path is either the old
// one or the whole new report, never half of one.
//
// Threads: QCustomPlot is a widget, so the chart is recorded (as a QPicture, still vectors)
// on the GUI thread; the pages, every fill among them, can then be written on any thread,
// so the console never waits for a long report. The command line has an offscreen
// application for the chart.

#include "api/DailyReport.h"

#include <QDateTime>
#include <QPicture>
#include <QSize>
#include <QString>

#include <functional>

class QCustomPlot;

namespace vigil {

struct ReportPdfOptions {
    QString appVersion;
    QDateTime generatedAt; ///< UTC
    /// Called after each page is finished with its number (1, 2, ...); for progress and for
    /// the drill that kills the process midway.
    std::function<void(int page, int pages)> pageDone;
};

struct ReportPdfResult {
    QString error; ///< empty on success
    int pages = 0;
    bool ok() const { return error.isEmpty(); }
};

/// Draws the day's equity curve on `plot` (empty: nothing): the curve, the starting equity, the
/// high-water mark, and the legend in a row under the axes. GUI thread.
void drawEquityChart(QCustomPlot &plot, const DailyReport &report);
/// The size (pixels) the chart is drawn at before it is scaled onto the page.
QSize equityChartSize();
/// The equity curve as QCustomPlot draws it, recorded in vectors. GUI thread.
QPicture equityChartPicture(const DailyReport &report);
/// Writes the report with `chart` (from equityChartPicture()). Any thread.
ReportPdfResult writeReportPdf(const DailyReport &report, const QPicture &chart, const QString &file,
                               const ReportPdfOptions &options);
/// Both of the above. GUI thread.
ReportPdfResult writeReportPdf(const DailyReport &report, const QString &file, const ReportPdfOptions &options);

} // namespace vigil
