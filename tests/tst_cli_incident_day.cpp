// A simulated day with a kill-switch trigger, a feed outage and a reconciliation
// difference, run headless as an operator runs it, with alerts going to real receivers on
// 127.0.0.1 (a webhook server and an SMTP server, AlertReceivers.h):
// - each alert reaches the webhook once with its level, the level-2 ones reach the SMTP
//   server too, and the kill's level-3 alert, sent to the webhook only, escalates to e-mail
//   when nobody acknowledges it;
// - one incident per cause (kill, feed, reconciliation), each with its timeline from the
//   journal;
// - resuming after the kill is refused until its level-3 incident is signed off;
// - the incident exports as PDF and Markdown, and the day's report lists the incidents.

#include "AlertReceivers.h"
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using vigil::testing::Receiver;
using vigil::testing::rows;
using Run = vigil::testing::VigilRun;

class TestCliIncidentDay : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<Receiver> m_webhook;
    std::unique_ptr<Receiver> m_smtp;
    QString m_data;

    /// Without a D-Bus session: no keyring (the channels here need no secret).
    static QProcessEnvironment noKeyring()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        return env;
    }

    Run vigil(QStringList args)
    {
        args << QStringLiteral("--data-dir") << m_data;
        return vigil::testing::runVigil(m_home.path(), args, noKeyring());
    }

    static QStringList with(const QStringList &texts, const QString &part) { return texts.filter(part); }

    /// `vigil incident list`'s line of the incident of `cause`, or nothing.
    QStringList incidentLines(const QString &cause)
    {
        const Run list = vigil({QStringLiteral("incident"), QStringLiteral("list")});
        QStringList found;
        for (const QString &line : list.out.split(QLatin1Char('\n')))
            if (line.contains(QStringLiteral(" ") + cause + QStringLiteral(" ")))
                found << line;
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        m_webhook = std::make_unique<Receiver>(QStringLiteral("webhook_receiver.py"), m_home.path());
        QVERIFY2(m_webhook->port() > 0, qPrintable(m_webhook->error()));
        m_smtp = std::make_unique<Receiver>(QStringLiteral("smtp_receiver.py"), m_home.path());
        QVERIFY2(m_smtp->port() > 0, qPrintable(m_smtp->error()));
        m_data = m_home.filePath(QStringLiteral("day"));
        QVERIFY(QDir().mkpath(m_data));
    }

    void aDayOfThreeIncidents()
    {
        // Level 3 to the webhook only: e-mail hears of it when nobody acknowledges it in 2 s.
        const QString configText =
            QStringLiteral("[alerts]\nescalate_after_seconds = 2\nescalation = [\"webhook\", \"email\"]\n"
                           "[alerts.webhook]\nenabled = true\nurl = \"%1\"\nlevels = [2, 3]\ntimeout_seconds = 2\n"
                           "[alerts.email]\nenabled = true\nserver = \"127.0.0.1\"\nport = %2\nsecurity = \"none\"\n"
                           "from = \"vigil@example.com\"\nto = [\"ops@example.com\"]\nlevels = [2]\n"
                           "[[simulator.faults]]\nkind = \"silent_feed\"\nat = \"09:30:10\"\nduration_s = 150\n")
                .arg(m_webhook->url(QStringLiteral("/ok/day")))
                .arg(m_smtp->port());
        const QString config = m_home.filePath(QStringLiteral("day.toml"));
        {
            QFile file(config);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(configText.toUtf8());
        }
        QProcess run;
        run.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        run.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"),
                          QStringLiteral("600"), QStringLiteral("--seed"), QStringLiteral("3"),
                          QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), m_data,
                          QStringLiteral("--config"), config});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("xdg-config")));
        env.insert(noKeyring());
        run.setProcessEnvironment(env);
        run.setStandardOutputFile(m_home.filePath(QStringLiteral("run.out")));
        run.setStandardErrorFile(m_home.filePath(QStringLiteral("run.err")));
        run.start();
        QVERIFY(run.waitForStarted());

        // The feed falls silent at 09:30:10: after 120 s the kill trigger fires (level 3) and
        // the feed's own incident opens (level 2).
        const QString killText = QStringLiteral("kill switch fired automatically: market data silent");
        QTRY_VERIFY_WITH_TIMEOUT(!with(m_webhook->texts(), killText).isEmpty(), 90'000);
        const QString kill = with(m_webhook->texts(), killText).front();
        QVERIFY2(kill.startsWith(QStringLiteral("[Vigil L3 critical] risk: ")), qPrintable(kill));
        QTRY_VERIFY_WITH_TIMEOUT(
            !with(m_webhook->texts(), QStringLiteral("market data: market data silent for")).isEmpty(), 15'000);
        QVERIFY2(with(m_webhook->texts(), QStringLiteral("market data: market data silent for"))
                     .front()
                     .startsWith(QStringLiteral("[Vigil L2 warning] market data: market data silent for 120 s")),
                 qPrintable(m_webhook->texts().join(QLatin1Char('\n'))));
        QTRY_VERIFY_WITH_TIMEOUT(
            !with(m_smtp->texts(), QStringLiteral("market data: market data silent for")).isEmpty(), 15'000);
        // Not acknowledged: the kill escalates to e-mail, once.
        QTRY_VERIFY_WITH_TIMEOUT(!with(m_smtp->texts(), killText).isEmpty(), 15'000);
        QVERIFY2(
            with(m_smtp->texts(), killText).front().contains(QStringLiteral("escalated, not acknowledged for 2 s")),
            qPrintable(with(m_smtp->texts(), killText).front()));

        QTRY_COMPARE_WITH_TIMEOUT(incidentLines(QStringLiteral("kill")).size(), qsizetype(1), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(incidentLines(QStringLiteral("feed")).size(), qsizetype(1), 15'000);
        const QString killLine = incidentLines(QStringLiteral("kill")).front();
        QVERIFY2(killLine.contains(QStringLiteral("L3")) && killLine.contains(QStringLiteral("OPEN")),
                 qPrintable(killLine));
        QVERIFY2(incidentLines(QStringLiteral("feed")).front().contains(QStringLiteral("L2")),
                 qPrintable(incidentLines(QStringLiteral("feed")).front()));
        const QString killId = QRegularExpression(QStringLiteral("#(\\d+)")).match(killLine).captured(1);
        QVERIFY(!killId.isEmpty());

        // Resuming waits for the level-3 incident's sign-off.
        const QStringList resume{QStringLiteral("ctl"),      QStringLiteral("resume"),
                                 QStringLiteral("--reason"), QStringLiteral("feed back"),
                                 QStringLiteral("--ack"),    QStringLiteral("the feed outage")};
        const Run refused = vigil(resume);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("#%1 (kill) not signed off").arg(killId)),
                 qPrintable(refused.err + refused.out));
        const Run cause =
            vigil({QStringLiteral("ctl"), QStringLiteral("incident-set"), killId, QStringLiteral("root_cause"),
                   QStringLiteral("--reason"), QStringLiteral("the data vendor's feed stopped for 150 s")});
        QVERIFY2(cause.exitCode == 0, qPrintable(cause.err + cause.out));
        const Run note = vigil({QStringLiteral("ctl"), QStringLiteral("incident-note"), killId,
                                QStringLiteral("--reason"), QStringLiteral("vendor confirmed the outage by phone")});
        QVERIFY2(note.exitCode == 0, qPrintable(note.err + note.out));
        const Run signOff = vigil({QStringLiteral("ctl"), QStringLiteral("incident-sign-off"), killId,
                                   QStringLiteral("--reason"), QStringLiteral("cause known, feed back")});
        QVERIFY2(signOff.exitCode == 0, qPrintable(signOff.err + signOff.out));
        const Run resumed = vigil(resume);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err + resumed.out));

        // A trade at the broker the books never saw: the reconciliation's difference.
        const Run drill = vigil({QStringLiteral("ctl"), QStringLiteral("drill"), QStringLiteral("broker-manual-trade"),
                                 QStringLiteral("--symbol"), QStringLiteral("MSFT"), QStringLiteral("--reason"),
                                 QStringLiteral("a rehearsal")});
        QVERIFY2(drill.exitCode == 0, qPrintable(drill.err + drill.out));
        QTRY_VERIFY_WITH_TIMEOUT(vigil({QStringLiteral("ctl"), QStringLiteral("reconcile")}).exitCode == 4, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(incidentLines(QStringLiteral("reconciliation")).size(), qsizetype(1), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !with(m_webhook->texts(), QStringLiteral("[Vigil L2 warning] reconciliation")).isEmpty(), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(!with(m_smtp->texts(), QStringLiteral("new entries blocked there")).isEmpty(), 15'000);
        // The operator books the broker's trade, so that the day closes clean (its incident stays
        // open for the analysis).
        const Run adopt =
            vigil({QStringLiteral("ctl"), QStringLiteral("resolve"), QStringLiteral("position"), QStringLiteral("MSFT"),
                   QStringLiteral("adopt"), QStringLiteral("--reason"), QStringLiteral("the rehearsal's trade")});
        QVERIFY2(adopt.exitCode == 0, qPrintable(adopt.err + adopt.out));

        QVERIFY2(run.waitForFinished(240'000), "the day did not end");
        QFile err(m_home.filePath(QStringLiteral("run.err")));
        QVERIFY(err.open(QIODevice::ReadOnly));
        QVERIFY2(run.exitCode() == 0, err.readAll().right(3000).constData());

        // Deduplicated: each alert reached the webhook once.
        QCOMPARE(with(m_webhook->texts(), killText).size(), qsizetype(1));
        QCOMPARE(with(m_smtp->texts(), killText).size(), qsizetype(1));
        QCOMPARE(with(m_webhook->texts(), QStringLiteral("market data: market data silent for")).size(), qsizetype(1));

        // One incident per cause, and the kill's, signed off, with its timeline from the journal.
        QCOMPARE(incidentLines(QStringLiteral("kill")).size(), qsizetype(1));
        QCOMPARE(incidentLines(QStringLiteral("feed")).size(), qsizetype(1));
        QCOMPARE(incidentLines(QStringLiteral("reconciliation")).size(), qsizetype(1));
        QVERIFY2(incidentLines(QStringLiteral("kill")).front().contains(QStringLiteral("signed off by")),
                 qPrintable(incidentLines(QStringLiteral("kill")).front()));
        const QString journal = m_data + QStringLiteral("/journal.sqlite");
        QCOMPARE(rows(journal, QStringLiteral("SELECT cause FROM incidents ORDER BY cause")),
                 (QStringList{QStringLiteral("feed"), QStringLiteral("kill"), QStringLiteral("reconciliation")}));
        const Run show = vigil({QStringLiteral("incident"), QStringLiteral("show"), killId});
        QCOMPARE(show.exitCode, 0);
        for (const QString &part :
             {QStringLiteral("the data vendor's feed stopped for 150 s"),
              QStringLiteral("vendor confirmed the outage by phone"), QStringLiteral("cause known, feed back"),
              QStringLiteral("ACTIVE -> KILLED"), killText})
            QVERIFY2(show.out.contains(part), qPrintable(part + QStringLiteral(" not in:\n") + show.out));
        // Every change to it is in the audit trail (and each command that made one, under its name).
        QCOMPARE(
            rows(journal,
                 QStringLiteral("SELECT action FROM audit WHERE detail LIKE 'incident #%1%%' ORDER BY id").arg(killId)),
            (QStringList{QStringLiteral("incident"), QStringLiteral("incident change"), QStringLiteral("incident-set"),
                         QStringLiteral("incident change"), QStringLiteral("incident-set"),
                         QStringLiteral("incident sign-off"), QStringLiteral("incident-sign-off")}));

        // Exported as PDF and Markdown.
        const QString md = m_home.filePath(QStringLiteral("kill.md"));
        const QString pdf = m_home.filePath(QStringLiteral("kill.pdf"));
        QCOMPARE(vigil({QStringLiteral("incident"), QStringLiteral("export"), killId, QStringLiteral("--format"),
                        QStringLiteral("md"), QStringLiteral("--out"), md})
                     .exitCode,
                 0);
        QFile markdown(md);
        QVERIFY(markdown.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(markdown.readAll()).contains(QStringLiteral("the data vendor's feed stopped")));
        QCOMPARE(vigil({QStringLiteral("incident"), QStringLiteral("export"), killId, QStringLiteral("--format"),
                        QStringLiteral("pdf"), QStringLiteral("--out"), pdf})
                     .exitCode,
                 0);
        QFile printed(pdf);
        QVERIFY(printed.open(QIODevice::ReadOnly));
        QCOMPARE(printed.read(4), QByteArray("%PDF"));

        // The day's report, written by the end of day, lists the incidents with their state.
        const QString report = m_data + QStringLiteral("/reports/vigil-report-2026-11-20.pdf");
        QVERIFY2(QFile::exists(report), qPrintable(report));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), report, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30'000));
        const QString reportText = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(reportText.contains(QStringLiteral("#%1").arg(killId)), qPrintable(reportText));
        QVERIFY2(reportText.contains(QStringLiteral("signed off by")), qPrintable(reportText));
    }
};

QTEST_GUILESS_MAIN(TestCliIncidentDay)
#include "tst_cli_incident_day.moc"
