// The real vigil binary: `vigil backup create|list|verify|prune` on a data directory a
// headless session wrote: the path is create's last line, exit statuses, damaged backups
// named and marked bad, bad arguments, a backup killed half-way, and backups made when the
// configuration itself is broken.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestCliBackup : public QObject {
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        bool crashed = false;
        QString out;
        QString err;
        QString lastLine() const { return out.trimmed().section(QLatin1Char('\n'), -1); }
    };

    Run vigil(const QStringList &args, const QString &drill = {})
    {
        QProcess p;
        p.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        p.setArguments(args);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
        env.remove(QStringLiteral("DISPLAY"));
        if (!drill.isEmpty())
            env.insert(drill, QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start();
        if (!p.waitForFinished(120'000))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.exitStatus() != QProcess::NormalExit,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QStringList backupArgs(const QStringList &words) const
    {
        return QStringList{QStringLiteral("backup")} + words + QStringList{QStringLiteral("--data-dir"), m_data};
    }

    QTemporaryDir m_home;
    QString m_data; ///< a data directory with a session in it

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        m_data = m_home.filePath(QStringLiteral("vigil-data"));
        const Run run = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                               QStringLiteral("7"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                               QStringLiteral("--data-dir"), m_data});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void helpListsTheBackupCommands()
    {
        const Run h = vigil({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        for (const char *text : {"vigil backup create", "vigil backup list", "vigil backup verify", "vigil backup prune",
                                 "--include-logs", "--keep-daily"})
            QVERIFY2(h.out.contains(QLatin1String(text)), text);
    }

    void createPrintsThePathLastThenListAndVerify()
    {
        const Run created = vigil(backupArgs({QStringLiteral("create"), QStringLiteral("--type"), QStringLiteral("daily"),
                                              QStringLiteral("--include-logs")}));
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString path = created.lastLine();
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(created.out));
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(m_data).filePath(QStringLiteral("backups")));
        QVERIFY(path.endsWith(QStringLiteral("-daily.tar")));
        QVERIFY2(created.err.contains(QStringLiteral("verified")), qPrintable(created.err));
        QVERIFY2(created.err.contains(QStringLiteral("100%")), qPrintable(created.err)); // progress

        const Run listed = vigil(backupArgs({QStringLiteral("list"), QStringLiteral("--json")}));
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        const QJsonObject b = list.at(0).toObject();
        QCOMPARE(b.value(QStringLiteral("path")).toString(), path);
        QCOMPARE(b.value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(b.value(QStringLiteral("type")).toString(), QStringLiteral("daily"));
        QVERIFY(b.value(QStringLiteral("schema_version")).toInt() > 0);
        QVERIFY(!listed.err.contains(QStringLiteral("WARNING")));

        const Run text = vigil(backupArgs({QStringLiteral("list")}));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(path));
        QVERIFY(text.out.contains(QStringLiteral("verified")));

        const Run all = vigil(backupArgs({QStringLiteral("verify")}));
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QVERIFY(all.out.contains(path + QStringLiteral(": verified")));
        const Run one = vigil(backupArgs({QStringLiteral("verify"), QFileInfo(path).fileName()}));
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));

        const Run pruned = vigil(backupArgs({QStringLiteral("prune"), QStringLiteral("--dry-run")}));
        QCOMPARE(pruned.exitCode, 0);
        QVERIFY(pruned.out.contains(QStringLiteral("keep")));
        QVERIFY(QFileInfo::exists(path));
    }

    void damagedBackupIsNamedAndMarkedBad()
    {
        const Run created = vigil(backupArgs({QStringLiteral("create")}));
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString path = created.lastLine();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(512 + 3000); // inside the journal, the first member
            char c = 0;
            f.getChar(&c);
            f.seek(512 + 3000);
            f.putChar(static_cast<char>(c ^ 0x04));
        }
        const Run verify = vigil(backupArgs({QStringLiteral("verify"), path}));
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.err.contains(QStringLiteral("journal.sqlite")) && verify.err.contains(QStringLiteral("SHA-256 expected")),
                 qPrintable(verify.err));
        QVERIFY(verify.err.contains(QStringLiteral("BAD")));
        const Run listed = vigil(backupArgs({QStringLiteral("list"), QStringLiteral("--json")}));
        bool bad = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(listed.out.toUtf8()).array())
            bad = bad || (v.toObject().value(QStringLiteral("path")).toString() == path
                          && v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("bad"));
        QVERIFY2(bad, qPrintable(listed.out));
        QCOMPARE(vigil(backupArgs({QStringLiteral("verify")})).exitCode, 1); // one of them is bad

        const Run missing = vigil(backupArgs({QStringLiteral("verify"), m_home.filePath(QStringLiteral("nothing.tar"))}));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("nothing.tar")));
        QFile::remove(path);
    }

    void badArgumentsExitTwo()
    {
        const QList<QStringList> cases{
            {QStringLiteral("backup")},
            {QStringLiteral("backup"), QStringLiteral("frobnicate")},
            {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--type"), QStringLiteral("weekly")},
            {QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--include-logs")},
            {QStringLiteral("backup"), QStringLiteral("verify"), QStringLiteral("a.tar"), QStringLiteral("b.tar")},
            {QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--keep-daily"), QStringLiteral("many")},
            {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--dry-run")},
            {QStringLiteral("run"), QStringLiteral("--include-logs")},
        };
        for (const QStringList &args : cases) {
            const Run r = vigil(args);
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
            QVERIFY2(r.err.startsWith(QStringLiteral("vigil: ")), qPrintable(r.err));
        }
        const Run type = vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--type"), QStringLiteral("weekly")});
        QVERIFY(type.err.contains(QStringLiteral("'weekly'")));
    }

    void killedBackupLeavesNoBackup()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/journal.sqlite"), data + QStringLiteral("/journal.sqlite")));
        const Run killed = vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data},
                                 QStringLiteral("VIGIL_DRILL_CRASH_DURING_BACKUP"));
        QVERIFY2(killed.crashed, qPrintable(killed.err));
        const QStringList left = QDir(data + QStringLiteral("/backups")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(!left.isEmpty(), "the drill did not stop the backup half-way");
        for (const QString &name : left)
            QVERIFY2(!name.endsWith(QStringLiteral(".tar")), qPrintable(name));
        const Run listed = vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json"),
                                  QStringLiteral("--data-dir"), data});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 0);
        QVERIFY2(listed.err.contains(QStringLiteral("WARNING: no backup")), qPrintable(listed.err));
        QVERIFY2(listed.err.contains(QStringLiteral("interrupted backup")), qPrintable(listed.err));
        // The next backup is whole.
        const Run again = vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(QFileInfo(again.lastLine()).isFile());
    }

    void configurationBrokenStillBacksUp()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/journal.sqlite"), data + QStringLiteral("/journal.sqlite")));
        const QString config = dir.filePath(QStringLiteral("broken.toml"));
        {
            QFile f(config);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[simulator]\nspeed = \"fast\"\n");
        }
        const Run created = vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--config"), config,
                                   QStringLiteral("--data-dir"), data, QStringLiteral("--type"), QStringLiteral("pre-restore")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY2(created.err.contains(QStringLiteral("not valid")), qPrintable(created.err));
        QVERIFY(created.lastLine().endsWith(QStringLiteral("-pre-restore.tar")));
        // Without --data-dir, the broken file cannot say where the data is.
        const Run refused = vigil({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--config"), config});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains(QStringLiteral("--data-dir")));
    }
};

QTEST_GUILESS_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
