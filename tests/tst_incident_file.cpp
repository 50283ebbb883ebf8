// Incidents read back from the journal: each analysis field's latest text, the sign-off, the
// timeline of exactly the rows in the incident's window (annotations first at an equal time),
// the impact to the cent and the second, the runbook's Markdown record, the PDF (one page and
// many), the daily report's incident section, a journal before incidents, an unknown id.

#include "IncidentJournal.h"
#include "IncidentPdf.h"
#include "ReportPdf.h"

#include "api/DailyReport.h"
#include "api/IncidentFile.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::testing;

namespace {

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60'000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool hasPdftotext() { return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(); }

QString clock(SimTime t) { return QString::fromStdString(sessionFor(Date{2026, 11, 20}).clockText(t)); }

} // namespace

class TestIncidentFile : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_journal;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_journal = m_dir.filePath(QStringLiteral("journal.sqlite"));
        writeIncidentJournal(m_journal);
    }

    void theRecordIsItsChangesAppliedInOrder()
    {
        IncidentRecord r;
        QCOMPARE(readIncident(m_journal, 500, r), QString());
        QCOMPARE(r.id, std::uint64_t(500));
        QCOMPARE(r.sessionDate, std::string("2026-11-20"));
        QCOMPARE(r.at, incidentDayAt(10, 15));
        QVERIFY(r.cause == IncidentCause::KillSwitch);
        QCOMPARE(r.level, 3);
        QCOMPARE(r.title, std::string("Kill switch: daily loss limit"));
        QCOMPARE(r.openedBy, std::string("risk"));
        QVERIFY(r.alert.has_value());
        QCOMPARE(*r.alert, std::uint64_t(498));
        QCOMPARE(r.field(IncidentField::Summary).text, std::string("The kill switch fired on the daily loss limit."));
        // Set twice: the latest text wins, with who set it and when.
        const IncidentFieldValue &root = r.field(IncidentField::RootCause);
        QCOMPARE(root.text, std::string("A stale AAPL quote fed the mean-reversion signal."));
        QCOMPARE(root.actor, std::string("alice"));
        QCOMPARE(root.at, incidentDayAt(10, 30));
        QCOMPARE(root.wallMs, incidentDayAt(10, 30) / 1'000'000 + 250);
        QCOMPARE(r.field(IncidentField::PreventiveImmediate).text, std::string("Lower the AAPL position limit."));
        QVERIFY(!r.field(IncidentField::ContributingFactors).isSet());
        QVERIFY(r.field(IncidentField::ContributingFactors).text.empty());
        QCOMPARE(r.notes.size(), std::size_t(1));
        QCOMPARE(r.notes[0].actor, std::string("bob"));
        QCOMPARE(r.events.size(), std::size_t(1));
        QCOMPARE(r.events[0].value, std::string("alert #525: broker slow again"));
        QVERIFY(r.signedOff());
        QCOMPARE(r.signedOffBy, std::string("carol"));
        QCOMPARE(r.signedOffAt, incidentDayAt(10, 45));
        QCOMPARE(r.signOffNote, std::string("Reviewed with the desk."));
        QCOMPARE(r.changes.size(), std::size_t(7));
        QCOMPARE(incidentStateText(r), std::string("signed off by carol"));
    }

    void listsByDayWithTheirState()
    {
        std::vector<IncidentRecord> all;
        QCOMPARE(readIncidents(m_journal, "", "", all), QString());
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].id, std::uint64_t(500));
        QCOMPARE(all[1].id, std::uint64_t(650));
        QCOMPARE(all[2].id, std::uint64_t(2000));
        // Opened at level 2, raised to 3, never signed off.
        QCOMPARE(all[1].level, 3);
        QVERIFY(!all[1].signedOff());
        QCOMPARE(incidentStateText(all[1]), std::string("OPEN"));
        std::vector<IncidentRecord> day;
        QCOMPARE(readIncidents(m_journal, "2026-11-20", "2026-11-20", day), QString());
        QCOMPARE(day.size(), std::size_t(2));
        QCOMPARE(readIncidents(m_journal, "2026-11-21", "", day), QString());
        QCOMPARE(day.size(), std::size_t(1));
        QCOMPARE(day[0].id, std::uint64_t(2000));
        QCOMPARE(readIncidents(m_journal, "", "2026-11-19", day), QString());
        QVERIFY(day.empty());
    }

    void theTimelineHoldsExactlyTheWindowsRows()
    {
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 500, report), QString());
        QCOMPARE(report.windowStart, incidentDayAt(10, 14));
        QCOMPARE(report.windowEnd, incidentDayAt(10, 45));
        QStringList got;
        for (const TimelineEntry &e : report.timeline)
            got << QStringLiteral("%1 %2 %3")
                       .arg(clock(e.at), QString::fromLatin1(toString(e.kind).data(), toString(e.kind).size()),
                            QString::fromStdString(e.actor));
        const QStringList expected{
            QStringLiteral("10:14:10 order intraday_mean_reversion"),
            QStringLiteral("10:14:12 fill intraday_mean_reversion"),
            QStringLiteral("10:14:30 action alice"),
            QStringLiteral("10:15:00 alert risk"),
            QStringLiteral("10:15:00 state risk"),
            QStringLiteral("10:15:00 opened risk"),
            QStringLiteral("10:20:00 note bob"), // on top of the alert at the same second
            QStringLiteral("10:20:00 alert broker"),
            QStringLiteral("10:22:00 alert broker"),
            QStringLiteral("10:35:00 action bob"),
            QStringLiteral("10:35:00 order operator"),
            QStringLiteral("10:35:05 fill intraday_mean_reversion"),
            QStringLiteral("10:40:00 state alice"),
            QStringLiteral("10:42:00 state alice"),
            QStringLiteral("10:44:00 state alice"),
            QStringLiteral("10:45:00 signed off carol"),
        };
        QCOMPARE(got, expected);
        const std::vector<TimelineEntry> &t = report.timeline;
        QCOMPARE(t[0].text, std::string("VG-20261120-2 buy 10 AAPL market (intraday_mean_reversion)"));
        QCOMPARE(t[1].text, std::string("VG-20261120-2 bought 10 AAPL at 187.50, fee 0.0035"));
        QCOMPARE(t[2].text, std::string("ack: alert #100: looking at it"));
        QCOMPARE(t[2].wallMs, incidentDayAt(10, 14, 30) / 1'000'000 + 250);
        QCOMPARE(t[3].level, 3);
        QCOMPARE(t[3].text, std::string("alert #498 critical: kill switch engaged: daily loss limit"));
        QCOMPARE(t[4].text, std::string("PAUSED -> KILLED: daily loss limit"));
        QCOMPARE(t[6].text, std::string("Called the broker | fills confirmed"));
        QCOMPARE(t[7].level, 2);
        QCOMPARE(t[10].text, std::string("VG-20261120-3 sell 10 AAPL limit 190.00 (intraday_mean_reversion)"));
        QCOMPARE(t[15].text, std::string("signed off: Reviewed with the desk."));
        for (const TimelineEntry &e : t)
            if (e.kind != TimelineKind::Alert)
                QCOMPARE(e.level, 0);
    }

    void theImpactIsExact()
    {
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 500, report), QString());
        const IncidentImpact &i = report.impact;
        QVERIFY(i.hasEquityBefore && i.hasEquityAfter);
        QCOMPARE(i.equityBefore.raw(), std::int64_t(999'500'000));
        QCOMPARE(i.equityAfter.raw(), std::int64_t(985'432'100));
        QCOMPARE(i.change.raw(), std::int64_t(-14'067'900));
        QCOMPARE(i.fees.raw(), std::int64_t(35 + 1234));
        QCOMPARE(i.fills, std::uint64_t(2));
        QCOMPARE(i.orders, std::uint64_t(2));
        // KILLED 10:15 to 10:40; PAUSED from before the window to 10:15 and 10:42 to 10:44.
        QCOMPARE(i.stoppedNs, 25 * kNsPerMinute);
        QCOMPARE(i.reduceOnlyNs, 3 * kNsPerMinute);
    }

    void anOpenIncidentRunsToTheNewestRecord()
    {
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 650, report), QString());
        QCOMPARE(report.windowEnd, sessionFor(Date{2026, 11, 21}).at(10, 0));
        const std::string md = incidentMarkdown(report);
        QVERIFY2(md.find("state: OPEN") != std::string::npos, md.c_str());
        QVERIFY2(md.find("Not signed off: the incident is open.") != std::string::npos, md.c_str());
        QVERIFY2(md.find("- Raised to level 3 at 10:55:00 by system") != std::string::npos, md.c_str());
        // A clock on another day than the incident's carries its date.
        QVERIFY2(md.find("to 2026-11-21 10:00:00 New York") != std::string::npos, md.c_str());
    }

    void theMarkdownIsTheRunbooksRecord()
    {
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 500, report), QString());
        const std::string md = incidentMarkdown(report);
        for (const char *expected :
             {"# Incident #500: Kill switch: daily loss limit\n",
              "Cause: kill; level: L3; state: signed off by carol",
              "Opened 2026-11-20 10:15:00 New York",
              "by risk, on alert #498.",
              "## Summary\n\nThe kill switch fired on the daily loss limit.",
              "## Severity\n\nLevel 3, critical",
              "- 10:22:00 alert #525: broker slow again",
              "## Timeline\n",
              "| Time | Kind | Who | What |",
              "| 10:20:00 | note | bob | Called the broker \\| fills confirmed |",
              "| 10:15:00 | alert L3 | risk | alert #498 critical: kill switch engaged: daily loss limit |",
              "## Root cause\n\nA stale AAPL quote fed the mean-reversion signal.",
              "_Last set by alice at 10:30:00 New York",
              "## Contributing factors\n\n(not filled in)",
              "## Impact\n",
              "- Equity change: -$1,406.79 (from $99,950.00 at 10:14:00 to $98,543.21 at 10:45:00)",
              "- Fees: $0.13",
              "- Fills: 2; orders created: 2",
              "- Time without trading (halted, killed or in maintenance): 25m 00s",
              "- Time reduce-only (paused): 3m 00s",
              "## Actions taken\n\n(not filled in)",
              "## Preventive measures\n",
              "### Immediate\n\nLower the AAPL position limit.",
              "### Short term\n\n(not filled in)",
              "### Long term\n\n(not filled in)",
              "## Sign-off\n\nSigned off by carol at 10:45:00 New York",
              "Reviewed with the desk."})
            QVERIFY2(md.find(expected) != std::string::npos, (std::string(expected) + "\n---\n" + md).c_str());
        QVERIFY2(md.find("first guess") == std::string::npos, md.c_str());
    }

    void thePdfIsWritten()
    {
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 500, report), QString());
        const QString file = m_dir.filePath(QStringLiteral("out/incident-500.pdf"));
        const IncidentPdfResult written = writeIncidentPdf(report, file, {QStringLiteral("test"), {}});
        QVERIFY2(written.ok(), qPrintable(written.error));
        QVERIFY(written.pages >= 1);
        QFile pdf(file);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.size() > 1000);
        QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
        if (!hasPdftotext())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString text = pdfText(file);
        QVERIFY2(text.contains(QLatin1String("Incident #500: Kill switch: daily loss limit")), qPrintable(text));
        for (const char *expected :
             {"Root cause", "A stale AAPL quote fed the mean-reversion signal.", "Contributing factors",
              "(not filled in)", "-$1,406.79", "25m 00s", "Signed off by carol", "Called the broker | fills confirmed"})
            QVERIFY2(text.contains(QLatin1String(expected)), expected);
    }

    void aLongTimelinePaginates()
    {
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 500, report), QString());
        for (int i = 0; i < 200; ++i)
            report.timeline.push_back({incidentDayAt(10, 30) + i * kNsPerSecond, 0, TimelineKind::Alert, "broker",
                                       "alert #" + std::to_string(10'000 + i) + " warning: broker slow", 2});
        report.timeline.push_back(
            {incidentDayAt(10, 44), 0, TimelineKind::Note, "bob", std::string(3000, 'x') + " the last line", 0});
        const QString file = m_dir.filePath(QStringLiteral("long.pdf"));
        const IncidentPdfResult written = writeIncidentPdf(report, file, {QStringLiteral("test"), {}});
        QVERIFY2(written.ok(), qPrintable(written.error));
        QVERIFY2(written.pages >= 3, qPrintable(QString::number(written.pages)));
        if (!hasPdftotext())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString text = pdfText(file);
        QVERIFY(text.contains(QLatin1String("alert #10000 warning")));
        QVERIFY(text.contains(QLatin1String("alert #10199 warning")));
        QVERIFY(text.contains(QLatin1String("the last line")));
        QVERIFY(text.contains(QStringLiteral("page %1 of %1").arg(written.pages)));
        QVERIFY2(text.count(QLatin1String("Who / source")) >= 2, "the table's header on every page");
    }

    void theDailyReportListsTheDaysIncidents()
    {
        ReportSource source;
        source.journal = m_journal;
        DailyReport day;
        QCOMPARE(loadDailyReport(source, "2026-11-20", day), QString());
        QCOMPARE(day.incidents.size(), std::size_t(2));
        QCOMPARE(day.incidents[0].id, std::uint64_t(500));
        QVERIFY(day.incidents[0].signedOff());
        QVERIFY(!day.incidents[1].signedOff());
        // The operator actions are a person's: an alert's record (its source as the actor) is not.
        QStringList actions;
        for (const ReportAction &a : day.actions)
            actions << QString::fromStdString(a.actor + " " + a.action);
        QCOMPARE(actions, (QStringList{QStringLiteral("alice pause"), QStringLiteral("alice ack"),
                                       QStringLiteral("alice trading state"), QStringLiteral("alice incident-set"),
                                       QStringLiteral("bob flatten"), QStringLiteral("bob resume")}));
        const QString file = m_dir.filePath(QStringLiteral("day.pdf"));
        QVERIFY(writeReportPdf(day, file, {QStringLiteral("test"), {}, {}}).ok());
        DailyReport quiet;
        QCOMPARE(loadDailyReport(source, "2026-11-19", quiet), QString());
        QVERIFY(quiet.incidents.empty());
        const QString quietFile = m_dir.filePath(QStringLiteral("quiet.pdf"));
        QVERIFY(writeReportPdf(quiet, quietFile, {QStringLiteral("test"), {}, {}}).ok());
        if (!hasPdftotext())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString text = pdfText(file);
        QVERIFY2(text.contains(QLatin1String("Incidents (2, 1 open)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Kill switch: daily loss limit")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("signed off by carol")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("OPEN")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("Drill of the broker outage")), qPrintable(text)); // the 21st's
        QVERIFY(pdfText(quietFile).contains(QLatin1String("No incidents")));
    }

    void aJournalBeforeIncidentsHasNone()
    {
        const QString old = m_dir.filePath(QStringLiteral("v7.sqlite"));
        migrateIncidentJournal(old, 7);
        std::vector<IncidentRecord> none{IncidentRecord{}};
        QCOMPARE(readIncidents(old, "", "", none), QString());
        QVERIFY(none.empty());
        IncidentRecord r;
        const QString error = readIncident(old, 5, r);
        QVERIFY2(error.contains(QLatin1String("no incident #5")), qPrintable(error));
    }

    void anUnknownIdIsNamed()
    {
        IncidentRecord r;
        const QString error = readIncident(m_journal, 7, r);
        QCOMPARE(error, QStringLiteral("no incident #7 in %1").arg(m_journal));
        IncidentReport report;
        QCOMPARE(loadIncidentReport(m_journal, 7, report), error);
        const QString missing = m_dir.filePath(QStringLiteral("nothing.sqlite"));
        std::vector<IncidentRecord> none;
        QVERIFY(readIncidents(missing, "", "", none).contains(missing));
        QVERIFY(!QFile::exists(missing)); // read-only: nothing was created
    }
};

QTEST_MAIN(TestIncidentFile)
#include "tst_incident_file.moc"
