// The command line as an operator meets it: `vigil --help` is a short overview and each
// command (and ctl verb) prints its own usage, options and examples; a path that does not
// exist is an error naming it, with nothing created; every message reaches the terminal
// once, without Qt's remarks.
#include "VigilProcess.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil::testing;

class TestCliUsage : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_day;       ///< a data directory holding one simulated day
    QString m_dayStderr; ///< what the run that made it printed on stderr

    /// Without XDG_RUNTIME_DIR, as under a plain `su`, cron or a container: Qt then has
    /// something to say, and it must not reach the terminal.
    static QProcessEnvironment noRuntimeDir()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QString());
        return env;
    }

    VigilRun vigil(const QStringList &args) { return runVigil(m_home.path(), args, noRuntimeDir()); }

    QString path(const QString &name) const { return m_home.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        m_day = path(QStringLiteral("day"));
        const VigilRun run = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--date"),
                                    QStringLiteral("2026-11-20"), QStringLiteral("--seed"), QStringLiteral("3"),
                                    QStringLiteral("--data-dir"), m_day});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        m_dayStderr = run.err;
    }

    void overviewIsShortAndListsTheCommands()
    {
        const VigilRun r = vigil({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QLatin1String("usage: vigil [COMMAND]")), qPrintable(r.out));
        QVERIFY2(r.out.count(QLatin1Char('\n')) <= 40, qPrintable(r.out));
        for (const char *command : {"run", "config check", "journal verify", "audit verify|export", "ctl VERB",
                                    "backup create|list|verify|prune", "restore BACKUP", "report",
                                    "check premarket|eod", "bot add|list|revoke", "broker set-keys|keys|delete-keys"})
            QVERIFY2(r.out.contains(QLatin1String(command)), command);
        QVERIFY(r.out.contains(QLatin1String("vigil COMMAND --help")));
    }

    void eachCommandHasItsOwnHelp_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("usage");
        QTest::addColumn<QString>("option"); ///< one of its own options (or words) the help explains
        const auto row = [](const char *words, const char *usage, const char *option) {
            QTest::newRow(words) << QString::fromLatin1(words).split(QLatin1Char(' ')) << QString::fromLatin1(usage)
                                 << QString::fromLatin1(option);
        };
        row("run", "usage: vigil [run] [--seed N]", "--summary-json FILE");
        row("config", "usage: vigil config check FILE", "line, key and reason");
        row("config check", "usage: vigil config check FILE", "line, key and reason");
        row("journal verify", "usage: vigil journal verify", "--data-dir DIR");
        row("audit", "usage: vigil audit verify", "audit export");
        row("audit verify", "usage: vigil audit verify", "--anchor ID:HASH");
        row("audit export", "usage: vigil audit export", "--from DAY");
        row("ctl", "usage: vigil ctl VERB", "drill NAME");
        row("ctl status", "usage: vigil ctl status", "--json");
        row("ctl pause", "usage: vigil ctl pause", "reduce-only");
        row("ctl resume", "usage: vigil ctl resume", "--ack TEXT");
        row("ctl halt", "usage: vigil ctl halt", "working orders cancelled");
        row("ctl kill", "usage: vigil ctl kill", "kill switch");
        row("ctl flatten", "usage: vigil ctl flatten", "--timeout S");
        row("ctl maintenance", "usage: vigil ctl maintenance enter", "--message TEXT");
        row("ctl maintenance enter", "usage: vigil ctl maintenance enter", "--message TEXT");
        row("ctl enable", "usage: vigil ctl enable STRATEGY", "--reason TEXT");
        row("ctl reconcile", "usage: vigil ctl reconcile", "4 they differ");
        row("ctl resolve", "usage: vigil ctl resolve position SYMBOL", "adopt");
        row("ctl unblock", "usage: vigil ctl unblock SYMBOL", "--reason TEXT");
        row("ctl drill", "usage: vigil ctl drill NAME", "broker-manual-close");
        row("ctl drill broker-manual-close", "usage: vigil ctl drill NAME", "--amount N");
        row("backup", "usage: vigil backup create|list|verify|prune", "prune");
        row("backup create", "usage: vigil backup create", "--include-logs");
        row("backup list", "usage: vigil backup list", "--json");
        row("backup verify", "usage: vigil backup verify [BACKUP]", "checksums");
        row("backup prune", "usage: vigil backup prune", "--keep-daily N");
        row("restore", "usage: vigil restore BACKUP", "--only config|journal");
        row("report", "usage: vigil report", "--out FILE.pdf");
        row("check", "usage: vigil check premarket|eod", "--json");
        row("bot", "usage: vigil bot add NAME | vigil bot list", "revoke NAME|KEY_ID");
        row("bot add", "usage: vigil bot add NAME", "APCA_API_SECRET_KEY");
        row("bot list", "usage: vigil bot list", "Never a secret");
        row("bot revoke", "usage: vigil bot revoke NAME|KEY_ID", "1 no key in force");
        row("broker", "usage: vigil broker set-keys|keys|delete-keys", "--environment paper|live");
        row("broker set-keys", "usage: vigil broker set-keys", "Never from an");
        row("broker keys", "usage: vigil broker keys", "Never the secret");
        row("broker delete-keys", "usage: vigil broker delete-keys", "0 none left");
    }

    void eachCommandHasItsOwnHelp()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, usage);
        QFETCH(QString, option);
        const VigilRun r = vigil(words + QStringList{QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(usage), qPrintable(r.out));
        QCOMPARE(r.out.count(QLatin1String("usage: ")), 1); // its own, no other command's
        QVERIFY2(r.out.contains(option), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("\nExamples:\n  vigil ")), qPrintable(r.out));
        QVERIFY2(r.out.count(QLatin1Char('\n')) <= 32, qPrintable(r.out));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void aUsageErrorPointsAtTheCommandsHelp()
    {
        const VigilRun drill = vigil({QStringLiteral("ctl"), QStringLiteral("drill")});
        QCOMPARE(drill.exitCode, 2);
        QVERIFY2(drill.err.contains(QLatin1String("Try 'vigil ctl drill --help'.")), qPrintable(drill.err));
        const VigilRun unknown = vigil({QStringLiteral("fly"), QStringLiteral("--help")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QLatin1String("no command named 'fly'")), qPrintable(unknown.err));
    }

    void aMissingPathIsAnErrorThatNamesIt_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("missing"); ///< what must be named, and must still not exist after
        const QString nowhere = path(QStringLiteral("nowhere"));
        const QString data = QStringLiteral("--data-dir");
        QTest::newRow("report --out") << QStringList{QStringLiteral("report"), QStringLiteral("--out"),
                                                     nowhere + QStringLiteral("/x.pdf"), data, m_day}
                                      << nowhere;
        QTest::newRow("backup list") << QStringList{QStringLiteral("backup"), QStringLiteral("list"), data, nowhere}
                                     << nowhere;
        QTest::newRow("backup prune --dry-run") << QStringList{QStringLiteral("backup"), QStringLiteral("prune"),
                                                               QStringLiteral("--dry-run"), data, nowhere}
                                                << nowhere;
        QTest::newRow("backup create") << QStringList{QStringLiteral("backup"), QStringLiteral("create"), data, nowhere}
                                       << nowhere;
        QTest::newRow("backup verify") << QStringList{QStringLiteral("backup"), QStringLiteral("verify"), data, nowhere}
                                       << nowhere;
        QTest::newRow("backup list --backups-dir") << QStringList{QStringLiteral("backup"),
                                                                  QStringLiteral("list"),
                                                                  QStringLiteral("--backups-dir"),
                                                                  nowhere,
                                                                  data,
                                                                  m_day}
                                                   << nowhere;
        QTest::newRow("ctl status") << QStringList{QStringLiteral("ctl"), QStringLiteral("status"), data, nowhere}
                                    << nowhere;
        QTest::newRow("journal verify") << QStringList{QStringLiteral("journal"), QStringLiteral("verify"), data,
                                                       nowhere}
                                        << nowhere;
        QTest::newRow("audit verify") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), data, nowhere}
                                      << nowhere;
        QTest::newRow("audit export --out") << QStringList{QStringLiteral("audit"),
                                                           QStringLiteral("export"),
                                                           QStringLiteral("--from"),
                                                           QStringLiteral("2026-11-20"),
                                                           QStringLiteral("--to"),
                                                           QStringLiteral("2026-11-20"),
                                                           QStringLiteral("--out"),
                                                           nowhere + QStringLiteral("/a.csv"),
                                                           data,
                                                           m_day}
                                            << nowhere;
        QTest::newRow("check") << QStringList{QStringLiteral("check"), QStringLiteral("premarket"), data, nowhere}
                               << nowhere;
        QTest::newRow("--config") << QStringList{QStringLiteral("backup"),
                                                 QStringLiteral("list"),
                                                 QStringLiteral("--config"),
                                                 nowhere + QStringLiteral(".toml"),
                                                 data,
                                                 m_day}
                                  << nowhere + QStringLiteral(".toml");
        QTest::newRow("config check") << QStringList{QStringLiteral("config"), QStringLiteral("check"),
                                                     nowhere + QStringLiteral(".toml")}
                                      << nowhere + QStringLiteral(".toml");
    }

    void aMissingPathIsAnErrorThatNamesIt()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, missing);
        const VigilRun r = vigil(args);
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.contains(QStringLiteral("'%1'").arg(missing)) && r.err.contains(QLatin1String("does not exist")),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1String("does not exist")), 1);
        QVERIFY2(!QFileInfo::exists(missing), qPrintable(missing + QStringLiteral(" was created")));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }

    void eachMessageOnceWithoutQtRemarks()
    {
        // The headless day: each line the terminal got is said once, none is a log line.
        const QRegularExpression logLine(QStringLiteral("^\\[\\d{4}-\\d\\d-\\d\\d "),
                                         QRegularExpression::MultilineOption);
        QVERIFY2(!m_dayStderr.contains(logLine), qPrintable(m_dayStderr));
        QVERIFY2(!m_dayStderr.contains(QLatin1String("QStandardPaths")), qPrintable(m_dayStderr));
        const QRegularExpressionMatch premarket =
            QRegularExpression(QStringLiteral("pre-market checklist: (.+)")).match(m_dayStderr);
        QVERIFY2(premarket.hasMatch(), qPrintable(m_dayStderr));
        QCOMPARE(m_dayStderr.count(premarket.captured(1)), 1);

        // Failing commands: the message once, and no Qt remark about sockets or paths.
        const QString empty = path(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        const VigilRun report = vigil({QStringLiteral("report"), QStringLiteral("--data-dir"), empty});
        QCOMPARE(report.exitCode, 1);
        QCOMPARE(report.err.count(QLatin1String("journal.sqlite")), 1);
        const VigilRun status =
            vigil({QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--data-dir"), empty});
        QCOMPARE(status.exitCode, 3);
        QCOMPARE(status.err.count(QLatin1String("no vigil is running on the data directory")), 1);
        for (const QString &err : {report.err, status.err}) {
            QVERIFY2(!err.contains(QLatin1String("QStandardPaths")), qPrintable(err));
            QVERIFY2(!err.contains(QLatin1String("QLocalSocket")) && !err.contains(QLatin1String("Invalid name")),
                     qPrintable(err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliUsage)
#include "tst_cli_usage.moc"
