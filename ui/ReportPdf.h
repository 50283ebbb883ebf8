#pragma once
// The daily report as a PDF: QPdfWriter and QPainter, the equity curve drawn by QCustomPlot
// as vectors. Written through QSaveFile, so the file at the target path is either the old
// one or the whole new report, never half of one. GUI thread (QCustomPlot is a widget; the
// command line creates an offscreen application for it).

#include "report/DailyReport.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace vigil {

struct ReportPdfOptions {
    QString appVersion;
    QDateTime generatedAt;              ///< UTC
    /// Called after each page is finished with its number (1, 2, ...); for progress and for
    /// the drill that kills the process midway.
    std::function<void(int page, int pages)> pageDone;
};

struct ReportPdfResult {
    QString error;                      ///< empty on success
    int pages = 0;
    bool ok() const { return error.isEmpty(); }
};

ReportPdfResult writeReportPdf(const DailyReport &report, const QString &file, const ReportPdfOptions &options);

} // namespace vigil
