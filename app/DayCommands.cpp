#include "DayCommands.h"

#include "ReportPdf.h"
#include "api/Assembly.h"
#include "api/ChecklistFacts.h"
#include "api/ChecklistRunner.h"
#include "api/ControlChannel.h"
#include "api/DailyReport.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>
#include <cstdio>

namespace vigil {

namespace {

struct DayText {
    Q_DECLARE_TR_FUNCTIONS(DayCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

/// A drill for the tests: VIGIL_DRILL_KILL_REPORT_AFTER_PAGES=N ends the process with
/// SIGKILL once N pages are drawn, as if it were killed while writing. Anything else in the
/// variable is refused.
bool readReportDrill(int &pages)
{
    const QByteArray value = qgetenv("VIGIL_DRILL_KILL_REPORT_AFTER_PAGES");
    pages = 0;
    if (value.isEmpty())
        return true;
    bool ok = false;
    pages = value.toInt(&ok);
    if (!ok || pages <= 0) {
        printErr(DayText::tr("vigil: VIGIL_DRILL_KILL_REPORT_AFTER_PAGES must be a positive whole number, not '%1'")
                     .arg(QString::fromLocal8Bit(value)));
        return false;
    }
    return true;
}

void printChecklist(const QJsonObject &c, const QString &recorded)
{
    printOut(DayText::tr("%1 checklist of %2 (%3)")
                 .arg(c.value(QStringLiteral("checklist")).toString(),
                      c.value(QStringLiteral("session_date")).toString(), recorded));
    for (const QJsonValue &v : c.value(QStringLiteral("items")).toArray()) {
        const QJsonObject i = v.toObject();
        printOut(QStringLiteral("  %1  %2: %3  [%4]")
                     .arg(i.value(QStringLiteral("status")).toString().toUpper(), -4)
                     .arg(i.value(QStringLiteral("title")).toString(), i.value(QStringLiteral("measured")).toString(),
                          i.value(QStringLiteral("threshold")).toString()));
        const QString detail = i.value(QStringLiteral("detail")).toString();
        if (!detail.isEmpty())
            printOut(QStringLiteral("        ") + detail);
    }
    printOut(c.value(QStringLiteral("summary")).toString());
}

/// The day a checklist without an engine is about: the journal's latest session (the
/// simulator's days), else today in New York.
Date checklistDay(const QString &dataDir)
{
    std::string latest;
    if (latestSessionDate(QDir(dataDir).filePath(QStringLiteral("journal.sqlite")), latest).isEmpty()) {
        const QDate d = QDate::fromString(QString::fromStdString(latest), Qt::ISODate);
        return Date{d.year(), d.month(), d.day()};
    }
    return todayInNewYork();
}

} // namespace

int checkCommand(const CommandLine &cl, const Config &config, const QString &dataDir)
{
    cmd::RunChecklist ask;
    ask.kind = *checklistKindFromText(cl.checklist.toStdString()); // (checked by parseCommandLine)
    ask.reason = "vigil check";
    const ControlReply r = sendControlRequest(dataDir, encodeControlRequest(ask, 0), 60'000);
    QJsonObject checklist;
    QString recorded;
    if (r.reached) {
        if (!r.error.isEmpty() || !r.reply.contains(QStringLiteral("checklist"))) {
            printErr(QStringLiteral("vigil check: ")
                     + (r.error.isEmpty() ? r.reply.value(QStringLiteral("message")).toString() : r.error));
            return 1;
        }
        checklist = r.reply.value(QStringLiteral("checklist")).toObject();
        recorded = DayText::tr("run by the vigil on %1, %2")
                       .arg(dataDir, r.reply.value(QStringLiteral("recorded")).toString());
    } else {
        FactsSource source;
        source.engineProblem = QStringLiteral("no vigil is running on %1").arg(dataDir).toStdString();
        source.config = &config;
        source.dataDir = dataDir;
        source.broker = makeBrokerRecords(config.venue, dataDir);
        source.today = checklistDay(dataDir);
        ChecklistResult result = runChecklist(*checklistKindFromText(cl.checklist.toStdString()),
                                              gatherChecklistFacts(source), config.checklists);
        result.startedBy = "vigil check";
        checklist = checklistToJson(result);
        recorded = DayText::tr("from the data directory %1 alone: no vigil runs there; not recorded").arg(dataDir);
    }
    if (cl.json) {
        QJsonObject out = checklist;
        out[QStringLiteral("recorded")] = recorded;
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        printChecklist(checklist, recorded);
    }
    return checklist.value(QStringLiteral("failed")).toInt() > 0 ? 1 : 0;
}

QString writeDailyReport(const QString &dataDir, const QString &backupsDir, const QString &date, const QString &out,
                         int *pages)
{
    ReportSource source;
    source.journal = QDir(dataDir).filePath(QStringLiteral("journal.sqlite"));
    source.backupsDir = backupsDir;
    DailyReport report;
    if (const QString error = loadDailyReport(source, date.toStdString(), report); !error.isEmpty())
        return error;
    int killAfter = 0;
    if (!readReportDrill(killAfter))
        return DayText::tr("the report drill is misconfigured");
    ReportPdfOptions options;
    options.appVersion = QStringLiteral(VIGIL_VERSION);
    options.generatedAt = QDateTime::currentDateTimeUtc();
    if (killAfter > 0)
        options.pageDone = [killAfter](int page, int) {
            if (page >= killAfter)
                std::raise(SIGKILL);
        };
    const ReportPdfResult written = writeReportPdf(report, out, options);
    if (pages)
        *pages = written.pages;
    return written.error;
}

int reportCommand(const CommandLine &cl, const QString &dataDir, const QString &backupsDir)
{
    std::string date = cl.reportDate.toStdString();
    if (date.empty()) {
        const QString error = latestSessionDate(QDir(dataDir).filePath(QStringLiteral("journal.sqlite")), date);
        if (!error.isEmpty()) {
            printErr(QStringLiteral("vigil report: ") + error);
            return 1;
        }
    }
    const QString day = QString::fromStdString(date);
    const QString out = cl.reportOut.isEmpty() ? dailyReportPath(dataDir, day) : cl.reportOut;
    int pages = 0;
    if (const QString error = writeDailyReport(dataDir, backupsDir, day, out, &pages); !error.isEmpty()) {
        printErr(QStringLiteral("vigil report: ") + error);
        printErr(DayText::tr("vigil report: no report was written"));
        return 1;
    }
    printErr(DayText::tr("daily report of %1: %n page(s)", nullptr, pages).arg(day));
    printOut(QDir::cleanPath(QFileInfo(out).absoluteFilePath()));
    return 0;
}

} // namespace vigil
