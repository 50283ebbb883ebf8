// A day of `fills` fills is written through JournalWriter (tests/SyntheticDay.h), then, three
// rounds each, best kept:
//   rows:    the fills of the day read back from the journal with their orders (the same
//            join the report makes), every column, nothing else: the baseline;
//   load:    loadDailyReport(): every section's numbers;
//   report:  load, the chart recorded by QCustomPlot, every page written to a PDF.
// The target: the whole report in under 2 seconds.

#include "ReportBench.h"

#include "ReportPdf.h"
#include "SyntheticDay.h"
#include "api/DailyReport.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace vigil::bench {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// The day's fills with their orders' arrival mids, as the report reads them; the rows read.
long readRows(const QString &journal)
{
    long rows = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-rows"));
        db.setDatabaseName(journal);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.exec(QStringLiteral(
                "SELECT f.at, f.client_order_id, f.strategy, f.symbol, f.side, f.qty, f.price, f.fee, "
                "o.arrival_mid FROM fills f JOIN orders o USING (client_order_id) WHERE o.session_date = "
                "'2026-11-20' ORDER BY f.seq"));
            qint64 sum = 0;
            while (q.next()) {
                for (int c = 0; c < 9; ++c)
                    sum += q.value(c).toString().size();
                ++rows;
            }
            std::printf("%s", sum < 0 ? " " : ""); // keep the reads
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-rows"));
    return rows;
}

} // namespace

int runReportBench(int argc, char **argv, const char *directory, long fills)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv); // QCustomPlot draws the chart
    QTemporaryDir scratch(
        QDir(QString::fromLocal8Bit(directory)).absoluteFilePath(QStringLiteral("vigil-bench-XXXXXX")));
    if (!scratch.isValid()) {
        std::fprintf(stderr, "vigil-bench: cannot make a scratch directory in %s\n", directory);
        return 1;
    }
    const QString journal = scratch.filePath(QStringLiteral("journal.sqlite"));
    testing::SyntheticDay day;
    day.fills = fills;
    QString error;
    std::printf("writing a day of %ld fills ...\n", fills);
    if (!testing::writeSyntheticDay(journal, day, error)) {
        std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(error));
        return 1;
    }
    double rowsBest = 1e9, loadBest = 1e9, reportBest = 1e9;
    long rows = 0;
    int pages = 0;
    qint64 bytes = 0;
    for (int round = 1; round <= 3; ++round) {
        auto t = Clock::now();
        rows = readRows(journal);
        const double rowsSeconds = secondsSince(t);
        t = Clock::now();
        ReportSource source;
        source.journal = journal;
        DailyReport report;
        if (const QString e = loadDailyReport(source, "2026-11-20", report); !e.isEmpty()) {
            std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(e));
            return 1;
        }
        const double loadSeconds = secondsSince(t);
        t = Clock::now();
        DailyReport again;
        loadDailyReport(source, "2026-11-20", again);
        ReportPdfOptions options;
        options.appVersion = QStringLiteral(VIGIL_VERSION);
        options.generatedAt = QDateTime::currentDateTimeUtc();
        const QString pdf = scratch.filePath(QStringLiteral("report.pdf"));
        const auto pagesStart = Clock::now();
        const ReportPdfResult written = writeReportPdf(again, pdf, options);
        const double pagesSeconds = secondsSince(pagesStart);
        const double reportSeconds = secondsSince(t);
        if (!written.ok()) {
            std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(written.error));
            return 1;
        }
        pages = written.pages;
        bytes = QFileInfo(pdf).size();
        std::printf("round %d: rows %.3f s (%ld), load %.3f s, chart and pages %.3f s, whole report %.3f s (%d pages, "
                    "%.1f MB)\n",
                    round, rowsSeconds, rows, loadSeconds, pagesSeconds, reportSeconds, pages,
                    static_cast<double>(bytes) / 1e6);
        rowsBest = std::min(rowsBest, rowsSeconds);
        loadBest = std::min(loadBest, loadSeconds);
        reportBest = std::min(reportBest, reportSeconds);
    }
    std::printf("{\"fills\": %ld, \"rows_s\": %.3f, \"load_s\": %.3f, \"report_s\": %.3f, \"report_over_rows\": %.1f, "
                "\"pages\": %d, \"pdf_mb\": %.1f, \"target_s\": 2.0}\n",
                rows, rowsBest, loadBest, reportBest, reportBest / rowsBest, pages, static_cast<double>(bytes) / 1e6);
    return 0;
}

} // namespace vigil::bench
