// `vigil incident list|show|export` on a journal with incidents (IncidentJournal.h): one line
// per incident with its state, the Markdown record on stdout, the exports where they were
// asked for (or DATA_DIR/incidents/), and bad input refused: an unknown incident is exit 1
// naming it, a bad format or number exit 2.

#include "IncidentJournal.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;
using namespace vigil::testing;

class TestCliIncident : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_data;

    VigilRun vigil(QStringList args) const
    {
        args << QStringLiteral("--data-dir") << m_data;
        return runVigil(m_home.path(), args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariableIsEmpty("VIGIL_BINARY"));
        QVERIFY(m_home.isValid());
        m_data = m_home.filePath(QStringLiteral("data-dir"));
        QVERIFY(QDir().mkpath(m_data));
        writeIncidentJournal(QDir(m_data).filePath(QStringLiteral("journal.sqlite")));
    }

    void listGivesOneLineEach()
    {
        const VigilRun r = vigil({QStringLiteral("incident"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        for (const char *part :
             {"#500", "2026-11-20", "10:15:00", "kill", "L3", "signed off by carol", "Kill switch: daily loss limit"})
            QVERIFY2(lines[0].contains(QLatin1String(part)), qPrintable(lines[0]));
        for (const char *part : {"#650", "10:50:00", "feed", "L3", "OPEN", "Market data silent"})
            QVERIFY2(lines[1].contains(QLatin1String(part)), qPrintable(lines[1]));
        QVERIFY2(lines[2].contains(QLatin1String("#2000")) && lines[2].contains(QLatin1String("2026-11-21")),
                 qPrintable(lines[2]));

        const VigilRun later = vigil({QStringLiteral("incident"), QStringLiteral("list"), QStringLiteral("--from"),
                                      QStringLiteral("2026-11-21")});
        QCOMPARE(later.exitCode, 0);
        QCOMPARE(later.out.trimmed().split(QLatin1Char('\n')).size(), 1);
        QVERIFY(later.out.contains(QLatin1String("#2000")));

        const VigilRun json = vigil({QStringLiteral("incident"), QStringLiteral("list"), QStringLiteral("--to"),
                                     QStringLiteral("2026-11-20"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray rows =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value(QLatin1String("incidents")).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toObject().value(QLatin1String("id")).toString(), QStringLiteral("500"));
        QCOMPARE(rows[0].toObject().value(QLatin1String("signed_off_by")).toString(), QStringLiteral("carol"));
        QCOMPARE(rows[1].toObject().value(QLatin1String("open")).toBool(), true);
    }

    void showPrintsTheMarkdown()
    {
        const VigilRun r = vigil({QStringLiteral("incident"), QStringLiteral("show"), QStringLiteral("500")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QLatin1String("# Incident #500: Kill switch: daily loss limit\n")),
                 qPrintable(r.out));
        for (const char *section :
             {"## Summary", "## Severity", "## Timeline", "## Root cause", "## Contributing factors", "## Impact",
              "## Actions taken", "## Preventive measures", "## Sign-off", "-$1,406.79", "Signed off by carol"})
            QVERIFY2(r.out.contains(QLatin1String(section)), section);
    }

    void exportWritesMarkdownAndPdf()
    {
        const VigilRun md = vigil({QStringLiteral("incident"), QStringLiteral("export"), QStringLiteral("500"),
                                   QStringLiteral("--format"), QStringLiteral("md")});
        QVERIFY2(md.exitCode == 0, qPrintable(md.err));
        const QString mdFile = QDir(m_data).filePath(QStringLiteral("incidents/incident-500.md"));
        QCOMPARE(md.lastLine(), QDir::cleanPath(mdFile));
        QFile written(mdFile);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const VigilRun show = vigil({QStringLiteral("incident"), QStringLiteral("show"), QStringLiteral("500")});
        QCOMPARE(QString::fromUtf8(written.readAll()), show.out);

        const QString pdfFile = m_home.filePath(QStringLiteral("rca.pdf"));
        const VigilRun pdf =
            vigil({QStringLiteral("incident"), QStringLiteral("export"), QStringLiteral("500"),
                   QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("--out"), pdfFile});
        QVERIFY2(pdf.exitCode == 0, qPrintable(pdf.err));
        QCOMPARE(pdf.lastLine(), QDir::cleanPath(pdfFile));
        QFile file(pdfFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        const VigilRun byDefault = vigil({QStringLiteral("incident"), QStringLiteral("export"), QStringLiteral("650"),
                                          QStringLiteral("--format"), QStringLiteral("pdf")});
        QVERIFY2(byDefault.exitCode == 0, qPrintable(byDefault.err));
        QVERIFY(QFile::exists(QDir(m_data).filePath(QStringLiteral("incidents/incident-650.pdf"))));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdfFile, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60'000));
        QVERIFY(QString::fromUtf8(text.readAllStandardOutput())
                    .contains(QLatin1String("Incident #500: Kill switch: daily loss limit")));
    }

    void anUnknownIncidentIsNamed()
    {
        const VigilRun show = vigil({QStringLiteral("incident"), QStringLiteral("show"), QStringLiteral("7")});
        QCOMPARE(show.exitCode, 1);
        QVERIFY2(show.err.contains(QLatin1String("no incident #7 in ")), qPrintable(show.err));
        QVERIFY(show.out.isEmpty());
        const VigilRun exported = vigil({QStringLiteral("incident"), QStringLiteral("export"), QStringLiteral("7"),
                                         QStringLiteral("--format"), QStringLiteral("pdf")});
        QCOMPARE(exported.exitCode, 1);
        QVERIFY2(exported.err.contains(QLatin1String("no incident #7")), qPrintable(exported.err));
        QVERIFY(!QFile::exists(QDir(m_data).filePath(QStringLiteral("incidents/incident-7.pdf"))));
    }

    void badInputIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named"); ///< what the message names
        QTest::newRow("format") << QStringList{QStringLiteral("export"), QStringLiteral("500"),
                                               QStringLiteral("--format"), QStringLiteral("docx")}
                                << QStringLiteral("'docx' is neither 'pdf' nor 'md'");
        QTest::newRow("no format") << QStringList{QStringLiteral("export"), QStringLiteral("500")}
                                   << QStringLiteral("--format pdf|md is required");
        QTest::newRow("number") << QStringList{QStringLiteral("show"), QStringLiteral("abc")}
                                << QStringLiteral("'abc' is not an incident number");
        QTest::newRow("verb") << QStringList{QStringLiteral("close"), QStringLiteral("500")}
                              << QStringLiteral("unknown command 'close'");
        QTest::newRow("day") << QStringList{QStringLiteral("list"), QStringLiteral("--from"), QStringLiteral("20/11")}
                             << QStringLiteral("'20/11' is not a day");
        QTest::newRow("option") << QStringList{QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("md")}
                                << QStringLiteral("--format goes with 'vigil incident export'");
    }

    void badInputIsAUsageError()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const VigilRun r = vigil(QStringList{QStringLiteral("incident")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("vigil incident --help")), qPrintable(r.err));
    }

    void aJournalThatIsNotThereIsAnError()
    {
        QTemporaryDir empty;
        const VigilRun r = runVigil(m_home.path(), {QStringLiteral("incident"), QStringLiteral("list"),
                                                    QStringLiteral("--data-dir"), empty.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QDir(empty.path()).filePath(QStringLiteral("journal.sqlite"))), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliIncident)
#include "tst_cli_incident.moc"
