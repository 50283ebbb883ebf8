#pragma once
// The daily report from the console without stopping it: the journal is read on a worker
// thread, the chart recorded on the GUI thread (QCustomPlot is a widget), and the pages
// written on a worker again. GUI thread (it owns the hand-overs).

#include <QObject>
#include <QString>

#include <functional>

namespace vigil {

struct ReportExportResult {
    QString file;
    QString error; ///< empty when written
    int pages = 0;
};

/// Writes the report of `date` from the journal in `dataDir` (and the backups in
/// `backupsDir`) to `file`; `done` is called on the GUI thread. `owner` bounds the work's
/// callbacks (they are dropped if it goes first).
void exportDailyReport(QObject *owner, const QString &dataDir, const QString &backupsDir, const QString &date,
                       const QString &file, std::function<void(const ReportExportResult &)> done);

} // namespace vigil
