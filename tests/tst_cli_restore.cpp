// The real vigil binary around a restore: the console on a data directory with no books
// asks before anything starts (a new book or a restore; `--restore FILE` opens the wizard
// first, `--new-book` does not ask); a restored data directory starts PAUSED (reduce-only)
// until the reconciliation is clean and an operator resumes, and the hold that says so
// survives a crash between the restore and the start; a backup path that does not exist
// is named, and nothing is created for it (`vigil restore`, `vigil --restore`).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "VigilProcess.h"

class TestCliRestore : public QObject {
    Q_OBJECT

    using Run = vigil::testing::VigilRun;

    QTemporaryDir m_home;
    QString m_backup; ///< a backup of a closed day (seed 5, 2026-11-19), no configuration in it
    QProcess m_instance;

    QProcessEnvironment environment(const QProcessEnvironment &extra = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(extra);
        return env;
    }

    Run vigil(const QStringList &args, const QProcessEnvironment &extra = {})
    {
        return vigil::testing::runVigil(m_home.path(), args, environment(extra));
    }

    QJsonObject status(const QString &data)
    {
        const Run r = vigil({QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--json"),
                             QStringLiteral("--data-dir"), data});
        if (r.exitCode != 0)
            qWarning("ctl status --json: %d %s", r.exitCode, qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    /// A console-less session on `data`, slow enough to outlast the test, answering `ctl`.
    bool startInstance(const QString &data)
    {
        m_instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        m_instance.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"),
                                 QStringLiteral("20"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                                 QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("--data-dir"), data});
        m_instance.setProcessEnvironment(environment());
        m_instance.start();
        if (!m_instance.waitForStarted())
            return false;
        for (int i = 0; i < 400; ++i) {
            if (vigil({QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--data-dir"), data}).exitCode
                == 0)
                return true;
            QThread::msleep(50);
        }
        return false;
    }

    /// Stops the session in order (SIGTERM, as the console's quit) and returns its stderr.
    QString stopInstance()
    {
        m_instance.terminate();
        m_instance.waitForFinished(60'000);
        return QString::fromUtf8(m_instance.readAllStandardError());
    }

    QString restoreInto(const QString &data, const QProcessEnvironment &extra = {}, int *exitCode = nullptr)
    {
        const Run r = vigil(
            {QStringLiteral("restore"), m_backup, QStringLiteral("--yes"), QStringLiteral("--data-dir"), data}, extra);
        if (exitCode)
            *exitCode = r.exitCode;
        return r.err + r.out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        const QString original = m_home.filePath(QStringLiteral("original"));
        const Run run =
            vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("5"),
                   QStringLiteral("--date"), QStringLiteral("2026-11-19"), QStringLiteral("--data-dir"), original});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const Run created =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), original});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        m_backup = m_home.filePath(QStringLiteral("kept-elsewhere.tar"));
        QVERIFY(QFile::copy(created.lastLine(), m_backup));
    }

    void aMissingBackupIsNamedAndNothingIsCreated()
    {
        const QString fresh = m_home.filePath(QStringLiteral("never-made"));
        const QString missing = m_home.filePath(QStringLiteral("missing.tar"));
        const Run restore =
            vigil({QStringLiteral("restore"), missing, QStringLiteral("--yes"), QStringLiteral("--data-dir"), fresh});
        QCOMPARE(restore.exitCode, 1);
        QVERIFY2(!QFileInfo::exists(fresh), "the data directory was created for a backup that does not exist");
        QVERIFY2(restore.err.contains(missing + QStringLiteral(" does not exist")), qPrintable(restore.err));
        const Run dry = vigil(
            {QStringLiteral("restore"), missing, QStringLiteral("--dry-run"), QStringLiteral("--data-dir"), fresh});
        QCOMPARE(dry.exitCode, 1);
        QVERIFY(!QFileInfo::exists(fresh));

        // The console's --restore: refused before a window or a data directory.
        QProcessEnvironment offscreen;
        offscreen.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Run console =
            vigil({QStringLiteral("--restore"), missing, QStringLiteral("--data-dir"), fresh}, offscreen);
        QCOMPARE(console.exitCode, 2);
        QVERIFY2(console.err.contains(missing + QStringLiteral(" does not exist")), qPrintable(console.err));
        QVERIFY(!QFileInfo::exists(fresh));
        const Run headless = vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--restore"),
                                    m_backup, QStringLiteral("--data-dir"), fresh});
        QCOMPARE(headless.exitCode, 2);
        QVERIFY2(headless.err.contains(QStringLiteral("vigil restore FILE")), qPrintable(headless.err));
    }

    void theConsoleOnAnEmptyDirectoryAsksBeforeAnythingTrades()
    {
        // --screenshot takes the dialog in front and quits: what an operator sees first.
        QProcessEnvironment offscreen;
        offscreen.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        auto console = [&](const QString &data, const QStringList &more) {
            return vigil(QStringList{QStringLiteral("--data-dir"), data, QStringLiteral("--screenshot"),
                                     data + QStringLiteral("-shot.png"), QStringLiteral("--screenshot-after-ms"),
                                     QStringLiteral("1500")}
                             + more,
                         offscreen);
        };
        const QString asked = m_home.filePath(QStringLiteral("asked"));
        Run r = console(asked, {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(asked + QStringLiteral("-shot.png")));
        QVERIFY2(!QFile::exists(asked + QStringLiteral("/journal.sqlite")), "a session started before the question");
        QVERIFY(!QFile::exists(asked + QStringLiteral("/paper-broker.sqlite")));

        const QString wizard = m_home.filePath(QStringLiteral("wizard"));
        r = console(wizard, {QStringLiteral("--restore"), m_backup});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(wizard + QStringLiteral("-shot.png")));
        QVERIFY(!QFile::exists(wizard + QStringLiteral("/journal.sqlite")));

        const QString fresh = m_home.filePath(QStringLiteral("new-book"));
        r = console(fresh, {QStringLiteral("--new-book"), QStringLiteral("--speed"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(fresh + QStringLiteral("/journal.sqlite"))); // the console started
    }

    void aRestoredDirectoryStartsPausedUntilACleanReconciliationAndAResume()
    {
        const QString data = m_home.filePath(QStringLiteral("restored"));
        int code = -1;
        const QString restored = restoreInto(data, {}, &code);
        QVERIFY2(code == 0, qPrintable(restored));

        QVERIFY(startInstance(data));
        QJsonObject s = status(data);
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED"));
        QVERIFY2(restored.contains(QStringLiteral("trading starts PAUSED")), qPrintable(restored));
        QVERIFY(QFile::exists(data + QStringLiteral("/restored-hold.json")));
        QVERIFY2(s.value(QStringLiteral("state_reason"))
                     .toString()
                     .contains(QStringLiteral("restored from kept-elsewhere.tar")),
                 qPrintable(s.value(QStringLiteral("state_reason")).toString()));
        // The start-up reconciliation found the restored books and the broker's in agreement:
        // the operator's resume is what ends the hold.
        const Run resume =
            vigil({QStringLiteral("ctl"), QStringLiteral("resume"), QStringLiteral("--reason"),
                   QStringLiteral("restored books agree with the broker"), QStringLiteral("--data-dir"), data});
        QVERIFY2(resume.exitCode == 0, qPrintable(resume.err + resume.out));
        QCOMPARE(status(data).value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
        QVERIFY(!QFile::exists(data + QStringLiteral("/restored-hold.json")));
        const QString err = stopInstance();
        QVERIFY2(err.contains(QStringLiteral("trading starts paused (reduce-only)")), qPrintable(err));

        // The next start is an ordinary one: nothing holds it any more.
        QVERIFY(startInstance(data));
        QCOMPARE(status(data).value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
        QVERIFY(!stopInstance().contains(QStringLiteral("trading starts paused (reduce-only)")));
    }

    void theHoldSurvivesACrashBetweenTheRestoreAndTheStart()
    {
        // The restore dies during its swap; the start that finishes it starts paused.
        const QString data = m_home.filePath(QStringLiteral("crashed"));
        QProcessEnvironment crash;
        crash.insert(QStringLiteral("VIGIL_DRILL_CRASH_DURING_RESTORE"), QStringLiteral("1"));
        int code = -1;
        restoreInto(data, crash, &code);
        QCOMPARE(code, 86);
        QVERIFY(QFile::exists(data + QStringLiteral("/restore-in-progress.json")));
        QVERIFY(startInstance(data));
        QCOMPARE(status(data).value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED"));
        const QString err = stopInstance();
        QVERIFY2(err.contains(QStringLiteral("finished a restore that had been interrupted")), qPrintable(err));
        // Not resumed: the next start is held all the same.
        QVERIFY(QFile::exists(data + QStringLiteral("/restored-hold.json")));
        QVERIFY(startInstance(data));
        QCOMPARE(status(data).value(QStringLiteral("state")).toString(), QStringLiteral("PAUSED"));
        stopInstance();
    }

    void cleanup()
    {
        // A test that failed half-way leaves its session running: the next starts its own.
        if (m_instance.state() != QProcess::NotRunning) {
            m_instance.kill();
            m_instance.waitForFinished();
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRestore)
#include "tst_cli_restore.moc"
