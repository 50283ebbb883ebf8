#include "ReportExport.h"

#include "ReportPdf.h"
#include "api/DailyReport.h"

#include <QDir>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent>

#include <memory>

namespace vigil {

namespace {

struct Loaded {
    QString error;
    std::shared_ptr<const DailyReport> report;
};

template<typename Result, typename Work, typename Then> void inBackground(QObject *owner, Work work, Then then)
{
    auto *watcher = new QFutureWatcher<Result>(owner);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, owner, [watcher, then] {
        then(watcher->future().result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace

void exportDailyReport(QObject *owner, const QString &dataDir, const QString &backupsDir, const QString &date,
                       const QString &file, std::function<void(const ReportExportResult &)> done)
{
    ReportSource source;
    source.journal = QDir(dataDir).filePath(QStringLiteral("journal.sqlite"));
    source.backupsDir = backupsDir;
    inBackground<Loaded>(
        owner,
        [source, date] {
            auto report = std::make_shared<DailyReport>();
            Loaded loaded;
            loaded.error = loadDailyReport(source, date.toStdString(), *report);
            loaded.report = std::move(report);
            return loaded;
        },
        [owner, file, done](const Loaded &loaded) {
            if (!loaded.error.isEmpty()) {
                done({file, loaded.error, 0});
                return;
            }
            // The chart here, on the GUI thread; the pages on a worker.
            const QPicture chart = equityChartPicture(*loaded.report);
            ReportPdfOptions options;
            options.appVersion = QStringLiteral(VIGIL_VERSION);
            options.generatedAt = QDateTime::currentDateTimeUtc();
            inBackground<ReportExportResult>(
                owner,
                [report = loaded.report, chart, file, options] {
                    const ReportPdfResult written = writeReportPdf(*report, chart, file, options);
                    return ReportExportResult{file, written.error, written.pages};
                },
                done);
        });
}

} // namespace vigil
