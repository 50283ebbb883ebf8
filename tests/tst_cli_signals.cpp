// The real vigil binary told to stop by a signal (SIGTERM from systemd or `kill`, SIGINT
// from Ctrl+C, SIGHUP from a logout): the console and the headless run stop as the
// console's Quit does (exit 0, the trading state as recorded, the journal drained, closed
// and sound, the control socket gone); and the sockets that processes killed outright
// left behind are removed by the next start.
#include "api/ControlChannel.h"
#include "api/JournalVerifier.h"

#include "SqlFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace vigil;
using namespace vigil::testing;

namespace {

/// How long a start may take before its control socket is there.
constexpr int kStartMs = 60'000;

class TestVigil {
public:
    TestVigil(const QString &home, const QString &runtime, bool console, const QString &data)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.remove(QStringLiteral("DISPLAY"));
        m_process.setProcessEnvironment(env);
        m_process.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        // Paced, so the day is far from its close when the signal comes.
        QStringList args{
            QStringLiteral("--seed"),  QStringLiteral("3"),  QStringLiteral("--date"),     QStringLiteral("2026-11-20"),
            QStringLiteral("--speed"), QStringLiteral("30"), QStringLiteral("--data-dir"), data};
        if (!console)
            args = QStringList{QStringLiteral("run"), QStringLiteral("--headless")} + args;
        else
            args << QStringLiteral("--new-book"); // the data directory is new: no start-up question
        m_process.setArguments(args);
        m_process.start();
        m_process.waitForStarted();
    }
    ~TestVigil()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10'000);
        }
    }
    QProcess &process() { return m_process; }
    void signal(int number) const { ::kill(static_cast<pid_t>(m_process.processId()), number); }

private:
    QProcess m_process;
};

bool waitForFile(const QString &path, QProcess &owner)
{
    QElapsedTimer waited;
    waited.start();
    while (!QFile::exists(path) && waited.elapsed() < kStartMs && owner.state() == QProcess::Running)
        QTest::qWait(50);
    return QFile::exists(path);
}

} // namespace

class TestCliSignals : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QTemporaryDir m_runtime; ///< this test's own XDG_RUNTIME_DIR

    QString socketOf(const QString &data) { return controlSocketPath(data); }

    /// `vigil ctl` with the test's runtime directory.
    int ctl(const QString &data, const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("VIGIL_BINARY"),
                QStringList{QStringLiteral("ctl")} + args + QStringList{QStringLiteral("--data-dir"), data});
        p.waitForFinished(60'000);
        if (p.exitCode() != 0)
            qWarning("vigil ctl: %s", p.readAllStandardError().constData());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtime.isValid());
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path())); // for controlSocketPath()
    }

    void stopsInOrderOnASignal_data()
    {
        QTest::addColumn<bool>("console");
        QTest::addColumn<int>("signal");
        QTest::newRow("headless, SIGTERM") << false << int(SIGTERM);
        QTest::newRow("headless, SIGINT") << false << int(SIGINT);
        QTest::newRow("headless, SIGHUP") << false << int(SIGHUP);
        QTest::newRow("console, SIGTERM") << true << int(SIGTERM);
        QTest::newRow("console, SIGINT") << true << int(SIGINT);
        QTest::newRow("console, SIGHUP") << true << int(SIGHUP);
    }

    void stopsInOrderOnASignal()
    {
        QFETCH(bool, console);
        QFETCH(int, signal);
        const QString data = m_home.filePath(QStringLiteral("signal-%1-%2").arg(console).arg(signal));
        TestVigil vigil(m_home.path(), m_runtime.path(), console, data);
        const QString socket = socketOf(data);
        QVERIFY2(waitForFile(socket, vigil.process()), vigil.process().readAllStandardError().constData());
        QCOMPARE(ctl(data, {QStringLiteral("pause"), QStringLiteral("--reason"), QStringLiteral("before the signal")}),
                 0);

        vigil.signal(signal);
        QVERIFY(vigil.process().waitForFinished(60'000));
        const QString err = QString::fromUtf8(vigil.process().readAllStandardError());
        QVERIFY2(vigil.process().exitStatus() == QProcess::NormalExit, qPrintable(err));
        QVERIFY2(vigil.process().exitCode() == 0, qPrintable(err));
        QVERIFY2(!QFile::exists(socket), qPrintable(err));

        // The journal as the console's Quit leaves it: closed (its write-ahead log folded
        // in and gone), sound, the last state the one recorded, the day not closed.
        const QString journal = data + QStringLiteral("/journal.sqlite");
        QVERIFY(!QFile::exists(journal + QStringLiteral("-wal")));
        const JournalCheck check = verifyJournal(journal);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QStringLiteral("; "))));
        QCOMPARE(rows(journal, QStringLiteral("SELECT state, reason FROM trading_states ORDER BY seq DESC LIMIT 1")),
                 QStringList{QStringLiteral("PAUSED|before the signal")});
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM sessions WHERE closed_at IS NULL")), qint64(1));
    }

    void socketsOfKilledProcessesAreRemovedAtStart()
    {
        // One killed outright (SIGKILL: nothing can clean up after it).
        const QString deadData = m_home.filePath(QStringLiteral("killed"));
        const QString dead = socketOf(deadData);
        {
            TestVigil killed(m_home.path(), m_runtime.path(), false, deadData);
            QVERIFY(waitForFile(dead, killed.process()));
            killed.signal(SIGKILL);
            QVERIFY(killed.process().waitForFinished(30'000));
        }
        QVERIFY(QFile::exists(dead));
        // One alive, and a file that only looks like a socket by its name.
        const QString aliveData = m_home.filePath(QStringLiteral("alive"));
        TestVigil alive(m_home.path(), m_runtime.path(), false, aliveData);
        QVERIFY(waitForFile(socketOf(aliveData), alive.process()));
        const QString notASocket = m_runtime.filePath(QStringLiteral("vigil-0000000000000000.sock"));
        {
            QFile f(notASocket);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }

        const QString nextData = m_home.filePath(QStringLiteral("next"));
        TestVigil next(m_home.path(), m_runtime.path(), false, nextData);
        QVERIFY(waitForFile(socketOf(nextData), next.process()));
        QVERIFY(!QFile::exists(dead));
        QVERIFY(QFile::exists(socketOf(aliveData)));
        QCOMPARE(ctl(aliveData, {QStringLiteral("status")}), 0); // still reachable
        QVERIFY(QFile::exists(notASocket));
        for (TestVigil *v : {&alive, &next}) {
            v->signal(SIGTERM);
            QVERIFY(v->process().waitForFinished(60'000));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliSignals)
#include "tst_cli_signals.moc"
