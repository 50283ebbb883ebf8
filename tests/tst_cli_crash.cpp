// The real vigil binary killed with SIGKILL at random moments while it trades and
// journals: after every kill the journal must pass verification (SQLite's integrity check
// and Vigil's invariants: fills against orders, legal state paths, positions against
// fills). Resuming from the journal after the kill is not built yet; this checks that
// what a crash leaves on disk is whole.
#include "store/JournalVerifier.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace vigil;

namespace {
/// Fills in the journal (-1: no journal with a schema yet).
qint64 fillsIn(const QString &path)
{
    qint64 fills = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (QFile::exists(path) && db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM fills")) && q.next())
                fills = q.value(0).toLongLong();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return fills;
}
}

class TestCliCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void journalIsWholeAfterEveryKill()
    {
        const int trials = qEnvironmentVariableIntValue("VIGIL_CRASH_TRIALS") > 0
            ? qEnvironmentVariableIntValue("VIGIL_CRASH_TRIALS")
            : 50;
        QRandomGenerator random(20261121); // fixed: a failing trial can be run again
        int killedWhileTrading = 0;
        for (int trial = 0; trial < trials; ++trial) {
            QTemporaryDir dir;
            QProcess vigil;
            vigil.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
            vigil.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                                QString::number(trial + 1), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                                QStringLiteral("--data-dir"), dir.path()});
            vigil.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            vigil.start();
            QVERIFY(vigil.waitForStarted());
            const int afterMs = 30 + static_cast<int>(random.bounded(300));
            QTest::qWait(afterMs);
            const qint64 pid = vigil.processId(); // 0 once it has ended: kill(0) would hit this test
            const bool stillRunning = vigil.state() == QProcess::Running && pid > 0;
            if (stillRunning)
                ::kill(static_cast<pid_t>(pid), SIGKILL);
            vigil.waitForFinished(10'000);

            const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
            const qint64 fills = fillsIn(journal);
            if (fills < 0)
                continue; // killed before the journal had its schema: nothing was written
            if (stillRunning && fills > 0)
                ++killedWhileTrading;
            const JournalCheck check = verifyJournal(journal);
            QVERIFY2(check.ok(), qPrintable(QStringLiteral("trial %1 (killed after %2 ms): %3")
                                                .arg(trial)
                                                .arg(afterMs)
                                                .arg(check.problems.join(QStringLiteral("; ")))));
        }
        // Most kills must land while the session trades, or this proves little.
        QVERIFY2(killedWhileTrading >= trials / 2, qPrintable(QString::number(killedWhileTrading)));
    }
};

QTEST_GUILESS_MAIN(TestCliCrash)
#include "tst_cli_crash.moc"
