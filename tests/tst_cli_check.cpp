// `vigil check premarket|eod`: exit codes (0 nothing failed, 1 an item failed, 2 bad
// arguments), the JSON, a run through the instance on the data directory (recorded in its
// journal and audit trail) and one from the data directory alone; and the headless day's
// own schedule: the pre-market checklist at the open, the end-of-day tasks at the close.

#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace vigil::testing;

class TestCliCheck : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QProcess m_instance;

    /// The socket directory `vigil ctl` and `vigil check` need, private to this test.
    QProcessEnvironment runtimeDir() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        return env;
    }

    VigilRun vigil(const QStringList &args) { return runVigil(m_home.path(), args, runtimeDir()); }

    static QJsonObject itemOf(const QJsonObject &checklist, const QString &id)
    {
        for (const QJsonValue &v : checklist.value(QStringLiteral("items")).toArray())
            if (v.toObject().value(QStringLiteral("id")).toString() == id)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("run"))));
        QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    void badArgumentsAreExitTwo()
    {
        QCOMPARE(vigil({QStringLiteral("check")}).exitCode, 2);
        const VigilRun r = vigil({QStringLiteral("check"), QStringLiteral("midday")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("premarket|eod")), qPrintable(r.err));
        QCOMPARE(vigil({QStringLiteral("check"), QStringLiteral("eod"), QStringLiteral("--seed"), QStringLiteral("1")})
                     .exitCode,
                 2);
    }

    void withoutAnInstanceTheEngineItemsFail()
    {
        const QString data = m_home.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(data)); // (one that does not exist is a wrong argument: exit 2)
        const VigilRun r = vigil({QStringLiteral("check"), QStringLiteral("premarket"), QStringLiteral("--json"),
                                  QStringLiteral("--data-dir"), data});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("checklist")).toString(), QStringLiteral("premarket"));
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        const QJsonObject engine = itemOf(o, QStringLiteral("engine"));
        QCOMPARE(engine.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QVERIFY2(engine.value(QStringLiteral("detail")).toString().contains(QStringLiteral("no vigil is running on")),
                 qPrintable(engine.value(QStringLiteral("detail")).toString()));
        QVERIFY(o.value(QStringLiteral("recorded")).toString().contains(QStringLiteral("not recorded")));
        // The disk is looked at whatever runs.
        QCOMPARE(itemOf(o, QStringLiteral("disk")).value(QStringLiteral("status")).toString() == QLatin1String("fail"),
                 false);
    }

    void aHeadlessDayRunsItsOwnChecklistsAndEndsWithEverythingDone()
    {
        const QString data = m_home.filePath(QStringLiteral("day"));
        const VigilRun day =
            vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("7"),
                   QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data});
        QVERIFY2(day.exitCode == 0, qPrintable(day.err));
        QVERIFY2(day.err.contains(QStringLiteral("pre-market checklist: 11 items")), qPrintable(day.err));
        QVERIFY2(day.err.contains(QStringLiteral("end-of-day checklist: 5 items: 5 pass")), qPrintable(day.err));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        QCOMPARE(rows(journal,
                      QStringLiteral(
                          "SELECT checklist || ' ' || started_by || ' ' || actor FROM checklist_runs ORDER BY seq")),
                 (QStringList{QStringLiteral("premarket schedule system (schedule)"),
                              QStringLiteral("eod schedule system (schedule)")}));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM checklist_items")), qint64(16));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'checklist'")), qint64(2));
        // At the open the market data had just started and no backup existed yet.
        QCOMPARE(rows(journal, QStringLiteral(
                                   "SELECT i.status FROM checklist_items i JOIN checklist_runs r ON r.seq = i.run "
                                   "WHERE r.checklist = 'premarket' AND i.item IN ('feed', 'backup') ORDER BY i.item")),
                 (QStringList{QStringLiteral("fail"), QStringLiteral("pass")}));
        QVERIFY(QFileInfo(data + QStringLiteral("/reports/vigil-report-2026-11-20.pdf")).size() > 10'000);
        // Afterwards, from the data directory alone: the end of day holds (exit 0) ...
        VigilRun eod = vigil({QStringLiteral("check"), QStringLiteral("eod"), QStringLiteral("--data-dir"), data});
        QVERIFY2(eod.exitCode == 0, qPrintable(eod.out + eod.err));
        QVERIFY2(eod.out.contains(QStringLiteral("5 items: 5 pass, 0 warn, 0 fail")), qPrintable(eod.out));
        // ... until the report is gone (exit 1, the item names what is missing).
        QVERIFY(QFile::remove(data + QStringLiteral("/reports/vigil-report-2026-11-20.pdf")));
        eod = vigil({QStringLiteral("check"), QStringLiteral("eod"), QStringLiteral("--data-dir"), data});
        QCOMPARE(eod.exitCode, 1);
        QVERIFY2(eod.out.contains(QStringLiteral("FAIL  Daily report generated: missing")), qPrintable(eod.out));
    }

    void anInstanceRunsAndRecordsTheChecklistItIsAskedFor()
    {
        const QString data = m_home.filePath(QStringLiteral("instance"));
        m_instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        m_instance.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"),
                                 QStringLiteral("20"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                                 QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("--data-dir"), data});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(runtimeDir());
        m_instance.setProcessEnvironment(env);
        m_instance.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_instance.start();
        QVERIFY(m_instance.waitForStarted());
        bool answering = false;
        for (int i = 0; i < 200 && !answering; ++i) {
            answering =
                vigil({QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--data-dir"), data}).exitCode
                == 0;
            QThread::msleep(50);
        }
        QVERIFY(answering);
        // A verified backup (online, while it trades), so that the rest is what the engine reports.
        QCOMPARE(
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data}).exitCode,
            0);
        QThread::msleep(1000); // a little simulated trading: market data flowing
        const VigilRun r = vigil({QStringLiteral("check"), QStringLiteral("premarket"), QStringLiteral("--json"),
                                  QStringLiteral("--data-dir"), data});
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(o.value(QStringLiteral("failed")).toInt(), 0);
        for (const char *id : {"engine", "heartbeats", "feed", "risk", "account", "backup"})
            QVERIFY2(itemOf(o, QLatin1String(id)).value(QStringLiteral("status")).toString() == QLatin1String("pass"),
                     id);
        QVERIFY2(itemOf(o, QStringLiteral("feed"))
                     .value(QStringLiteral("measured"))
                     .toString()
                     .startsWith(QStringLiteral("connected")),
                 qPrintable(itemOf(o, QStringLiteral("feed")).value(QStringLiteral("measured")).toString()));
        // Undated strategies are flagged, not failed.
        QCOMPARE(itemOf(o, QStringLiteral("strategy_age")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("warn"));
        QCOMPARE(o.value(QStringLiteral("recorded")).toString().contains(QStringLiteral("journaled and audited")),
                 true);
        // On disk before the answer: the run, by whoever asked.
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QStringList recorded =
            rows(journal, QStringLiteral("SELECT checklist, started_by, failed FROM checklist_runs "
                                         "WHERE started_by = 'vigil check'"));
        QCOMPARE(recorded, QStringList{QStringLiteral("premarket|vigil check|0")});
        QVERIFY(scalar(journal,
                       QStringLiteral(
                           "SELECT COUNT(*) FROM audit WHERE action = 'checklist' AND actor LIKE '%(vigil ctl, pid %'"))
                == 1);
        // The end of day is not done while the market is open: exit 1, the items say why.
        const VigilRun eod =
            vigil({QStringLiteral("check"), QStringLiteral("eod"), QStringLiteral("--data-dir"), data});
        QCOMPARE(eod.exitCode, 1);
        QVERIFY2(eod.out.contains(QStringLiteral("the session has not closed yet")), qPrintable(eod.out));
        m_instance.kill();
        m_instance.waitForFinished();
    }

    void cleanupTestCase()
    {
        if (m_instance.state() != QProcess::NotRunning) {
            m_instance.kill();
            m_instance.waitForFinished();
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCheck)
#include "tst_cli_check.moc"
