// `vigil report`: the daily PDF read back with pdftotext. Its totals equal the journal's to
// the cent, a day of 50,000 fills gives every fill on a multi-page report, a process
// killed while writing leaves the file that was there before, and bad input is refused.

#include "SqlFiles.h"
#include "SyntheticDay.h"
#include "VigilProcess.h"

#include "api/Fixed.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>
#include <optional>
#include <unistd.h>
#include <vector>

using namespace vigil;
using namespace vigil::testing;

namespace {

/// The PDF's text, page by page (form feeds between pages).
QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(120'000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {pdf});
    if (!p.waitForFinished(60'000))
        return -1;
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

/// The value printed after `label` on its line ("Realized P&L   +$22.34").
QString valueAfter(const QString &text, const QString &label)
{
    const QRegularExpressionMatch m =
        QRegularExpression(QRegularExpression::escape(label) + QStringLiteral("\\s+(\\S+)")).match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

/// Money as the report prints it: "+$1,234.56", "-$0.50".
QString dollars(qint64 raw, bool signedAlways)
{
    const QString text = QString::fromStdString(Money::fromRaw(raw).toString(2));
    const bool negative = text.startsWith(QLatin1Char('-'));
    QString digits = negative ? text.mid(1) : text;
    const int dot = static_cast<int>(digits.indexOf(QLatin1Char('.')));
    for (int i = dot - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    const QString sign = negative ? QStringLiteral("-")
                                  : (signedAlways && digits != QLatin1String("0.00") ? QStringLiteral("+") : QString());
    return sign + QLatin1Char('$') + digits;
}

/// Rounded half away from zero to the cent, in 1/10000 $.
qint64 toCent(qint64 raw) { return raw >= 0 ? (raw + 50) / 100 * 100 : -((-raw + 50) / 100 * 100); }

/// A printed amount ("+$1,234.56", "-$0.50", "0.0035") in 1/10000 $.
qint64 rawOf(QString text)
{
    text.remove(QLatin1Char(',')).remove(QLatin1Char('$'));
    const std::optional<Money> m = Money::parse(text.toStdString());
    return m ? m->raw() : std::numeric_limits<qint64>::min();
}

} // namespace

class TestCliReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aDaysReportCarriesTheJournalsTotalsToTheCent()
    {
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data-dir"));
        const QString summary = home.filePath(QStringLiteral("summary.json"));
        const VigilRun day =
            runVigil(home.path(), {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                                   QStringLiteral("7"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                                   QStringLiteral("--data-dir"), data, QStringLiteral("--summary-json"), summary});
        QVERIFY2(day.exitCode == 0, qPrintable(day.err));
        const QString pdf = home.filePath(QStringLiteral("out/day.pdf"));
        QVERIFY(QDir().mkpath(home.filePath(QStringLiteral("out")))); // (one that is not there is refused)
        const VigilRun made =
            runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                                   QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), data});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QCOMPARE(made.lastLine(), QFileInfo(pdf).absoluteFilePath());
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("Daily report 2026-11-20")), qPrintable(text.left(400)));

        // The journal's own figures: the account's books at the close checkpoint.
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString close =
            QStringLiteral("(SELECT MAX(seq) FROM checkpoints WHERE session_date = '2026-11-20' AND kind = 'close')");
        const qint64 realized =
            scalar(journal, QStringLiteral("SELECT SUM(realized) FROM position_snapshots WHERE strategy = "
                                           "'account' AND checkpoint = %1")
                                .arg(close));
        const qint64 unrealized =
            scalar(journal, QStringLiteral("SELECT SUM(qty * mark - cost) FROM position_snapshots WHERE "
                                           "strategy = 'account' AND checkpoint = %1")
                                .arg(close));
        QCOMPARE(valueAfter(text, QStringLiteral("Realized P&L")), dollars(realized, true));
        QCOMPARE(valueAfter(text, QStringLiteral("Unrealized P&L")), dollars(unrealized, true));
        // The total is the sum of the two figures as printed.
        QCOMPARE(valueAfter(text, QStringLiteral("Total P&L")), dollars(toCent(realized) + toCent(unrealized), true));
        const qint64 hwm =
            scalar(journal, QStringLiteral("SELECT high_water_mark FROM checkpoints WHERE seq = %1").arg(close));
        QCOMPARE(valueAfter(text, QStringLiteral("High-water mark")), dollars(hwm, false));
        // The curve the chart plots holds the point where the mark was set: its highest point
        // is the mark, and the report has no difference to explain.
        const qint64 curveHigh = scalar(journal, QStringLiteral("SELECT MAX(equity) FROM equity_curve"));
        QCOMPARE(curveHigh, hwm);
        QVERIFY(!text.contains(QStringLiteral("was set between two points of the curve")));
        // ... and the session's own summary, rounded to the cent.
        QFile s(summary);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(s.readAll()).object();
        QCOMPARE(dollars(Money::parse(o.value(QStringLiteral("realized_pnl")).toString().toStdString())->raw(), true),
                 valueAfter(text, QStringLiteral("Realized P&L")));
        const qint64 fills = scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills"));
        QVERIFY2(text.contains(QStringLiteral("Fills (%1)").arg(fills)), qPrintable(QString::number(fills)));
        // The report anchors the audit chain: the day's last record and its hash.
        const QStringList last =
            rows(journal, QStringLiteral("SELECT id, lower(hex(hash)) FROM audit ORDER BY id DESC LIMIT 1"));
        QCOMPARE(last.size(), 1);
        const QStringList idHash = last.first().split(QLatin1Char('|'));
        QVERIFY2(text.contains(QStringLiteral("Last audit record of the day: #") + idHash[0]), qPrintable(idHash[0]));
        QVERIFY2(text.contains(QStringLiteral("SHA-256: ") + idHash[1]), qPrintable(idHash[1]));
        // The sections an operator needs are all there.
        for (const char *section :
             {"Equity curve", "Strategies", "Exposure", "Execution", "Latency", "Incidents and kill-switch events",
              "Operator actions", "Reconciliation", "Backups"})
            QVERIFY2(text.contains(QLatin1String(section)), section);
        QVERIFY(text.contains(QStringLiteral("books agree")));
        QVERIFY(text.contains(QStringLiteral("Newest verified backup: vigil-backup-")));
    }

    void theFiguresAddUpAsPrinted()
    {
        // A day whose realized (-1,973.1149) and unrealized (+360.2751) P&L round on their own
        // to figures (-1,973.11, +360.28) whose sum (-1,612.83) is not the exact total rounded
        // (-1,612.84); the equity rounded on its own (998,387.16) is not the start plus the
        // printed total (998,387.17). The books of the synthetic day's close are set so.
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        SyntheticDay day;
        day.fills = 200;
        day.openAtClose = 1;
        QString error;
        const QString journal = data + QStringLiteral("/journal.sqlite");
        QVERIFY2(writeSyntheticDay(journal, day, error), qPrintable(error));
        const QString close = QStringLiteral("(SELECT MAX(seq) FROM checkpoints WHERE kind = 'close')");
        const QString open = QStringLiteral("(SELECT symbol FROM position_snapshots WHERE checkpoint = %1 AND qty != 0 "
                                            "AND strategy = 'account')")
                                 .arg(close);
        execute(journal,
                {QStringLiteral("UPDATE position_snapshots SET realized = 0 WHERE checkpoint = %1").arg(close),
                 QStringLiteral("UPDATE position_snapshots SET realized = -19731149, cost = qty * mark - 3602751 "
                                "WHERE checkpoint = %1 AND symbol = %2")
                     .arg(close, open)});
        QCOMPARE(
            scalar(journal, QStringLiteral("SELECT SUM(realized) FROM position_snapshots WHERE checkpoint = %1 AND "
                                           "strategy = 'account'")
                                .arg(close)),
            qint64(-19'731'149));
        const QString pdf = home.filePath(QStringLiteral("day.pdf"));
        const VigilRun made = runVigil(
            home.path(), {QStringLiteral("report"), QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), data});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const QString text = pdfText(pdf);
        QCOMPARE(valueAfter(text, QStringLiteral("Realized P&L")), QStringLiteral("-$1,973.11"));
        QCOMPARE(valueAfter(text, QStringLiteral("Unrealized P&L")), QStringLiteral("+$360.28"));
        QCOMPARE(valueAfter(text, QStringLiteral("Total P&L")), QStringLiteral("-$1,612.83"));
        QCOMPARE(valueAfter(text, QStringLiteral("Starting equity")), QStringLiteral("$1,000,000.00"));
        QCOMPARE(valueAfter(text, QStringLiteral("Equity")), QStringLiteral("$998,387.17"));
        QCOMPARE(valueAfter(text, QStringLiteral("Total, % of starting equity")), QStringLiteral("-0.16%"));
        // The strategy's row adds up across: P&L = realized + unrealized, as printed.
        const QRegularExpressionMatch row =
            QRegularExpression(QStringLiteral("intraday_mean_reversion\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)")).match(text);
        QVERIFY2(row.hasMatch(), qPrintable(text.left(3000)));
        QCOMPARE(row.captured(1), QStringLiteral("-$1,612.83"));
        QCOMPARE(rawOf(row.captured(2)) + rawOf(row.captured(3)), rawOf(row.captured(1)));
        // The fills' fee column, as charged, adds up to the day's fees as printed.
        const QRegularExpression fillLine(
            QStringLiteral("^\\s*\\d\\d:\\d\\d:\\d\\d\\s+VG-\\S+\\s+\\S+\\s+\\S+\\s+(buy|sell)\\s+\\d+\\s+"
                           "(\\S+)\\s+(\\S+)\\s*$"),
            QRegularExpression::MultilineOption);
        qint64 fees = 0;
        int fills = 0;
        for (auto it = fillLine.globalMatch(text); it.hasNext(); ++fills)
            fees += rawOf(it.next().captured(3));
        QCOMPARE(fills, int(day.written));
        QCOMPARE(dollars(toCent(fees), false), valueAfter(text, QStringLiteral("Fees")));
        // This journal holds the equity once a minute only, below the mark its checkpoint
        // carries: the report says so, with both figures, rather than leave the reader to find it.
        QVERIFY2(text.contains(
                     QStringLiteral("The high-water mark ($1,001,234.00) was set between two points of the curve")),
                 qPrintable(text.left(3000)));
    }

    void threeSessionsGiveEachStrategyASharpeRatio()
    {
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data"));
        // A different market each day (the seed), the books carried from one day to the next.
        for (const auto &[date, seed] : {std::pair{"2026-11-18", "5"}, {"2026-11-19", "7"}, {"2026-11-20", "9"}}) {
            const VigilRun day =
                runVigil(home.path(), {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                                       QLatin1String(seed), QStringLiteral("--date"), QLatin1String(date),
                                       QStringLiteral("--data-dir"), data});
            QVERIFY2(day.exitCode == 0, qPrintable(day.err));
        }
        const QString journal = data + QStringLiteral("/journal.sqlite");
        // The swing strategy carried positions into the third day: its pre-market checklist
        // compared them with the second day's close.
        const QString gaps =
            rows(journal, QStringLiteral("SELECT i.measured FROM checklist_items i JOIN checklist_runs r ON "
                                         "r.seq = i.run WHERE r.session_date = '2026-11-20' AND "
                                         "r.checklist = 'premarket' AND i.item = 'gaps'"))
                .value(0);
        QVERIFY2(!gaps.isEmpty() && !gaps.startsWith(QLatin1String("0 held")), qPrintable(gaps));
        const QString text = pdfText(data + QStringLiteral("/reports/vigil-report-2026-11-20.pdf"));
        // Each strategy's line ends with its Sharpe over the three sessions: its daily P&L
        // (realized, plus the change of its open positions' value since the open) as a share
        // of each day's starting equity, annualised; worked out here from the journal's books.
        for (const char *strategy : {"intraday_mean_reversion", "swing_momentum"}) {
            std::vector<double> returns;
            for (const char *date : {"2026-11-18", "2026-11-19", "2026-11-20"}) {
                const auto books = [&](const QString &which, const QString &what) {
                    return scalar(
                        journal,
                        QStringLiteral("SELECT COALESCE(SUM(%1), 0) FROM position_snapshots WHERE strategy "
                                       "= '%2' AND checkpoint = (SELECT %3(seq) FROM checkpoints WHERE "
                                       "session_date = '%4'%5)")
                            .arg(what, QLatin1String(strategy), which, QLatin1String(date),
                                 which == QLatin1String("MIN") ? QStringLiteral(" AND kind = 'open'") : QString()));
                };
                const double pnl = double(books(QStringLiteral("MAX"), QStringLiteral("realized")))
                                   + double(books(QStringLiteral("MAX"), QStringLiteral("qty * mark - cost")))
                                   - double(books(QStringLiteral("MIN"), QStringLiteral("qty * mark - cost")));
                returns.push_back(pnl
                                  / double(scalar(journal, QStringLiteral("SELECT starting_equity FROM sessions WHERE "
                                                                          "session_date = '%1'")
                                                               .arg(QLatin1String(date)))));
            }
            double mean = 0, var = 0;
            for (double r : returns)
                mean += r / 3;
            for (double r : returns)
                var += (r - mean) * (r - mean) / 2;
            const QString expected = QString::number(mean / std::sqrt(var) * std::sqrt(252.0), 'f', 2);
            QVERIFY2(QRegularExpression(QLatin1String(strategy) + QStringLiteral(".*\\s")
                                        + QRegularExpression::escape(expected) + QStringLiteral(" \\(3 d\\)"))
                         .match(text)
                         .hasMatch(),
                     qPrintable(QLatin1String(strategy) + QStringLiteral(": expected ") + expected + QLatin1Char('\n')
                                + text.left(3000)));
        }
        // The first day's report has only itself to go by.
        const VigilRun first =
            runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("2026-11-18"),
                                   QStringLiteral("--out"), home.filePath(QStringLiteral("first.pdf")),
                                   QStringLiteral("--data-dir"), data});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(pdfText(home.filePath(QStringLiteral("first.pdf"))).contains(QStringLiteral("n/a (1 d)")));
    }

    void fiftyThousandFillsGiveEveryFillOnAMultiPageReport()
    {
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        SyntheticDay day;
        day.fills = 50'000;
        QString error;
        QVERIFY2(writeSyntheticDay(data + QStringLiteral("/journal.sqlite"), day, error), qPrintable(error));
        QVERIFY(day.written >= 49'000);
        const VigilRun made = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--data-dir"), data});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const QString pdf = data + QStringLiteral("/reports/vigil-report-2026-11-20.pdf");
        QCOMPARE(made.lastLine(), pdf); // the latest session, in the default place
        const int pages = pdfPages(pdf);
        QVERIFY2(pages > 100, qPrintable(QString::number(pages)));
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(
            QStringLiteral("Fills (%1)").arg(QLocale(QLocale::English).toString(qlonglong(day.written)))));
        QCOMPARE(text.count(QStringLiteral("VG-20261120-mr-")), qsizetype(day.written));
        QVERIFY(text.contains(QString::fromStdString(day.lastClientOrderId)));
        QVERIFY(text.contains(QStringLiteral("page %1 of %1").arg(pages)));
        QCOMPARE(valueAfter(text, QStringLiteral("Realized P&L")), dollars(day.realized.raw(), true));
        QCOMPARE(valueAfter(text, QStringLiteral("Unrealized P&L")), dollars(day.unrealized.raw(), true));
        QCOMPARE(valueAfter(text, QStringLiteral("Fees")), dollars(day.fees.raw(), false));
        // The day's incidents and the operator's actions, from the journal.
        QVERIFY(text.contains(QStringLiteral("gross exposure at 81 % of its limit")));
        QVERIFY(text.contains(QStringLiteral("ACTIVE -> PAUSED: checking the exposure")));
        QVERIFY(text.contains(QStringLiteral("alice (console)")));
    }

    void aReportKilledWhileWritingLeavesTheFileThatWasThere()
    {
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        SyntheticDay day;
        day.fills = 4'000;
        QString error;
        QVERIFY2(writeSyntheticDay(data + QStringLiteral("/journal.sqlite"), day, error), qPrintable(error));
        const QString pdf = home.filePath(QStringLiteral("report.pdf"));
        {
            QFile before(pdf);
            QVERIFY(before.open(QIODevice::WriteOnly));
            before.write("yesterday's report");
        }
        QProcessEnvironment drill;
        drill.insert(QStringLiteral("VIGIL_DRILL_KILL_REPORT_AFTER_PAGES"), QStringLiteral("3"));
        const VigilRun killed = runVigil(
            home.path(), {QStringLiteral("report"), QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), data},
            drill);
        QVERIFY2(killed.crashed, qPrintable(killed.err));
        QFile after(pdf);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), QByteArray("yesterday's report"));
        // Nothing else either: QSaveFile writes to an unnamed file (O_TMPFILE) that gets a name
        // only when it is complete, so a killed writer leaves nothing at all.
        QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("report.pdf")});
        // The same run without the drill replaces it whole.
        const VigilRun made = runVigil(
            home.path(), {QStringLiteral("report"), QStringLiteral("--out"), pdf, QStringLiteral("--data-dir"), data});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY(pdfPages(pdf) > 3);
    }

    void badInputIsRefusedWithItsReason()
    {
        QTemporaryDir home;
        const QString data = home.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        // No journal.
        VigilRun r = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--data-dir"), data});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("journal")) && r.err.contains(QStringLiteral("does not exist")),
                 qPrintable(r.err));
        // Not a date.
        r = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("2026-02-30"),
                                   QStringLiteral("--data-dir"), data});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("2026-02-30")), qPrintable(r.err));
        // A day the journal does not hold: named, with the days it does.
        SyntheticDay day;
        day.fills = 100;
        QString error;
        QVERIFY2(writeSyntheticDay(data + QStringLiteral("/journal.sqlite"), day, error), qPrintable(error));
        r = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--date"), QStringLiteral("2026-11-19"),
                                   QStringLiteral("--data-dir"), data});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no session on 2026-11-19"))
                     && r.err.contains(QStringLiteral("2026-11-20")),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(data + QStringLiteral("/reports/vigil-report-2026-11-19.pdf")));
        // A place it cannot write.
        QFile blocker(home.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        r = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--out"),
                                   home.filePath(QStringLiteral("file/x.pdf")), QStringLiteral("--data-dir"), data});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'%1' of").arg(home.filePath(QStringLiteral("file"))))
                     && r.err.contains(QStringLiteral("is not a directory")),
                 qPrintable(r.err));
        // A folder it may not write in.
        const QString locked = home.filePath(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(locked));
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        r = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--out"), locked + QStringLiteral("/x.pdf"),
                                   QStringLiteral("--data-dir"), data});
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        if (::geteuid() != 0) { // (root writes anywhere)
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QStringLiteral("no report was written")), qPrintable(r.err));
        }
        // An option of another command.
        r = runVigil(home.path(), {QStringLiteral("report"), QStringLiteral("--seed"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_cli_report.moc"
