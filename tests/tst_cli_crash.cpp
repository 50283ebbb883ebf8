// The real vigil binary, trading fast (thousands of fills a day), killed with SIGKILL at
// random moments and restarted on the same data directory until the day is done. After
// every kill the journal must verify clean and still hold every fill that was durable
// before it; after the last restart the engine's books must equal the paper broker's own
// file, execution for execution, and no client order id may have reached the broker twice.
// A drill ends the process between the broker recording an order and the engine hearing
// of it: the restart must settle that order from the broker, never send it again.
#include "api/JournalVerifier.h"

#include "BookQueries.h"
#include "BusyConfig.h"
#include "SqlFiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace vigil;
using namespace vigil::testing;

namespace {

QStringList runArgs(const QString &config, int seed, const QString &data)
{
    return {QStringLiteral("run"),        QStringLiteral("--headless"),
            QStringLiteral("--config"),   config,
            QStringLiteral("--seed"),     QString::number(seed),
            QStringLiteral("--date"),     QStringLiteral("2026-11-20"),
            QStringLiteral("--data-dir"), data};
}

struct Finished {
    int exitCode = -1;
    QString err;
};

Finished runToEnd(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess vigil;
    vigil.setProcessEnvironment(env);
    vigil.start(qEnvironmentVariable("VIGIL_BINARY"), args);
    vigil.waitForFinished(120'000);
    return {vigil.exitStatus() == QProcess::NormalExit ? vigil.exitCode() : -1,
            QString::fromUtf8(vigil.readAllStandardError())};
}

/// The warnings and errors of the data directory's log, the last 40: what a headless run
/// keeps off the terminal.
QString logWarnings(const QString &data)
{
    QFile log(data + QStringLiteral("/logs/vigil.log"));
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("(no log)");
    QStringList lines;
    for (const QString &line : QString::fromUtf8(log.readAll()).split(QLatin1Char('\n')))
        if (line.contains(QLatin1String("[warning]")) || line.contains(QLatin1String("[error]"))
            || line.contains(QLatin1String("[critical]")))
            lines.append(line);
    return lines.mid(std::max<qsizetype>(0, lines.size() - 40)).join(QLatin1Char('\n'));
}

} // namespace

class TestCliCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedAndRestartedUntilTheDayIsDone()
    {
        const int kills = qEnvironmentVariableIntValue("VIGIL_CRASH_TRIALS") > 0
                              ? qEnvironmentVariableIntValue("VIGIL_CRASH_TRIALS")
                              : 50;
        constexpr int kChainLength = 10;   // kills on one data directory before the day may finish
        QRandomGenerator random(20261121); // fixed: a failing trial can be run again
        int killed = 0;
        int killedWhileTrading = 0;
        for (int chain = 0; killed < kills; ++chain) {
            QTemporaryDir dir;
            const QString config = writeBusyConfig(dir.path());
            QVERIFY(!config.isEmpty());
            const QString data = dir.filePath(QStringLiteral("data"));
            const QString journal = data + QStringLiteral("/journal.sqlite");
            const QString broker = data + QStringLiteral("/paper-broker.sqlite");
            const int seed = chain + 1;
            QSet<QString> durable; // fills the journal held when the last kill came
            for (int k = 0; k < kChainLength && killed < kills; ++k) {
                QProcess vigil;
                vigil.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
                vigil.setArguments(runArgs(config, seed, data));
                // What a killed run says is noise that would bury a failure's message; its log
                // is in the data directory.
                vigil.setStandardErrorFile(QProcess::nullDevice());
                vigil.start();
                QVERIFY(vigil.waitForStarted());
                const int afterMs = 40 + static_cast<int>(random.bounded(400));
                QTest::qWait(afterMs);
                const qint64 pid = vigil.processId(); // 0 once it has ended: kill(0) would hit this test
                const bool running = vigil.state() == QProcess::Running && pid > 0;
                if (running) {
                    ::kill(static_cast<pid_t>(pid), SIGKILL);
                    ++killed;
                }
                vigil.waitForFinished(30'000);
                const QString where = QStringLiteral("seed %1, kill %2 after %3 ms").arg(seed).arg(k).arg(afterMs);
                if (!running) {
                    QVERIFY2(vigil.exitStatus() == QProcess::NormalExit && vigil.exitCode() == 0, qPrintable(where));
                    break; // the day finished before the kill
                }
                if (!QFile::exists(journal))
                    continue;
                const JournalCheck check = verifyJournal(journal);
                QVERIFY2(check.ok(),
                         qPrintable(where + QStringLiteral(": ") + check.problems.join(QStringLiteral("; "))));
                const QStringList now = rows(journal, kJournalFills);
                const QSet<QString> present(now.begin(), now.end());
                for (const QString &fill : durable)
                    QVERIFY2(present.contains(fill),
                             qPrintable(where + QStringLiteral(": fill ") + fill + QStringLiteral(" was lost")));
                if (present.size() > durable.size())
                    ++killedWhileTrading;
                durable = present;
            }
            // The last restart runs the day to its end.
            const Finished last = runToEnd(runArgs(config, seed, data));
            if (last.exitCode != 0) {
                // Rare and timing-bound: keep the evidence (journal, broker file, log) for a rerun.
                dir.setAutoRemove(false);
                QVERIFY2(false, qPrintable(last.err + QStringLiteral("\nkept: ") + dir.path()
                                           + QStringLiteral("\nlog warnings:\n") + logWarnings(data)));
            }
            const JournalCheck check = verifyJournal(journal);
            QVERIFY2(check.ok(), qPrintable(check.problems.join(QStringLiteral("; "))));
            const QStringList journalFills = rows(journal, kJournalFills);
            QVERIFY(journalFills.size() > 1000);
            QCOMPARE(journalFills, rows(broker, kBrokerFills)); // none lost, none twice, none invented
            QCOMPARE(rows(journal, kJournalPositions), rows(broker, kBrokerPositions));
            QCOMPARE(scalar(broker, QStringLiteral("SELECT duplicate_client_ids FROM account")), qint64(0));
            QVERIFY(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM restarts")) >= 1);
            QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM orders WHERE status = 'unknown'")),
                     qint64(0));
        }
        // Most kills must land while the session trades, or this proves little.
        qInfo("%d of %d kills landed while the session traded", killedWhileTrading, killed);
        QVERIFY2(killedWhileTrading >= kills / 2, qPrintable(QString::number(killedWhileTrading)));
    }

    void crashBetweenTheBrokerAndTheAcknowledgement_data()
    {
        QTest::addColumn<bool>("creationLost");
        QTest::newRow("order recorded as sent") << false;
        QTest::newRow("order never recorded") << true;
    }

    void crashBetweenTheBrokerAndTheAcknowledgement()
    {
        QFETCH(bool, creationLost);
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString broker = data + QStringLiteral("/paper-broker.sqlite");
        const QStringList args{
            QStringLiteral("run"),    QStringLiteral("--headless"), QStringLiteral("--seed"),     QStringLiteral("42"),
            QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data};
        // The drill ends the process right after the broker has recorded its N-th order.
        // Whether the engine's record of sending it reached the disk first is a race; the
        // drill is repeated until the case this row is about happens.
        QString id;
        for (int n = 3; n < 30 && id.isEmpty(); ++n) {
            QDir(data).removeRecursively();
            QProcessEnvironment drill = QProcessEnvironment::systemEnvironment();
            drill.insert(QStringLiteral("VIGIL_DRILL_CRASH_AFTER_BROKER_ACCEPTS"), QString::number(n));
            const Finished crashed = runToEnd(args, drill);
            QVERIFY2(crashed.exitCode == 86, qPrintable(crashed.err));
            const QString last = rows(broker, QStringLiteral("SELECT client_order_id FROM orders WHERE status != "
                                                             "'rejected' ORDER BY order_number DESC LIMIT 1"))
                                     .value(0);
            const QString recorded =
                rows(journal, QStringLiteral("SELECT status FROM orders WHERE client_order_id = '%1'").arg(last))
                    .value(0);
            if (recorded == QLatin1String("new") || (creationLost && recorded.isEmpty()))
                id = last;
        }
        QVERIFY(!id.isEmpty());
        if (creationLost) // as if the crash came before the order's record reached the disk
            execute(journal, {QStringLiteral("DELETE FROM order_events WHERE client_order_id = '%1'").arg(id),
                              QStringLiteral("DELETE FROM fills WHERE client_order_id = '%1'").arg(id),
                              QStringLiteral("DELETE FROM orders WHERE client_order_id = '%1'").arg(id)});
        const qint64 brokerOrdersBefore = scalar(broker, QStringLiteral("SELECT COUNT(*) FROM orders"));

        const Finished resumed = runToEnd(args);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        const QRegularExpression adopted(QStringLiteral("(\\d+) known only to it"));
        const QRegularExpressionMatch m = adopted.match(resumed.err);
        QVERIFY2(m.hasMatch(), qPrintable(resumed.err));
        if (creationLost)
            QVERIFY2(m.captured(1).toInt() >= 1, qPrintable(resumed.err));
        // Settled from the broker's records, under its own id, and never sent again.
        const QString status =
            QStringLiteral("SELECT status, filled_qty FROM orders WHERE client_order_id = '%1'").arg(id);
        const QString brokerStatus =
            rows(broker, status)
                .value(0)
                .replace(QStringLiteral("partially_filled"), QStringLiteral("partially filled"));
        QCOMPARE(rows(journal, status).value(0), brokerStatus);
        QCOMPARE(
            rows(journal,
                 QStringLiteral("SELECT status FROM order_events WHERE client_order_id = '%1' ORDER BY seq").arg(id))
                .mid(0, 2),
            (QStringList{QStringLiteral("new"), QStringLiteral("unknown")}));
        QCOMPARE(scalar(broker, QStringLiteral("SELECT duplicate_client_ids FROM account")), qint64(0));
        QVERIFY(scalar(broker, QStringLiteral("SELECT COUNT(*) FROM orders")) > brokerOrdersBefore); // it traded on
        QCOMPARE(rows(journal, kJournalFills), rows(broker, kBrokerFills));
        QCOMPARE(rows(journal, kJournalPositions), rows(broker, kBrokerPositions));
        const JournalCheck check = verifyJournal(journal);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QStringLiteral("; "))));
    }
};

QTEST_GUILESS_MAIN(TestCliCrash)
#include "tst_cli_crash.moc"
