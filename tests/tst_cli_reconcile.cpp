// The real vigil binary reconciles its books with the broker's before trading starts: a
// clean start says so; a position closed by hand at the broker while the console was down
// is found, and the session then starts paused (reduce-only) with the difference as the
// journaled, audited reason, instead of trading on books the broker does not share; the
// close reconciles again, and a run whose books still disagree fails.
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using vigil::testing::execute;
using vigil::testing::rows;
using vigil::testing::scalar;

class TestCliReconcile : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    using Run = vigil::testing::VigilRun;

    /// The real binary; `crashAfter` > 0 arms the drill that ends it after that many new
    /// orders at the broker.
    Run vigil(const QStringList &args, int crashAfter = 0)
    {
        QProcessEnvironment extra;
        if (crashAfter > 0)
            extra.insert(QStringLiteral("VIGIL_DRILL_CRASH_AFTER_BROKER_ACCEPTS"), QString::number(crashAfter));
        return vigil::testing::runVigil(m_home.path(), args, extra);
    }

private Q_SLOTS:
    void aPositionClosedAtTheBrokerWhileDownStartsTheSessionPaused()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run{QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                              QStringLiteral("7"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                              QStringLiteral("--data-dir"), data};
        // The day stops early (a crash drill) with positions open.
        const Run first = vigil(run, 40);
        QVERIFY2(first.exitCode != 0, qPrintable(first.err));
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString broker = data + QStringLiteral("/paper-broker.sqlite");
        const QStringList held = rows(broker, QStringLiteral("SELECT symbol FROM positions WHERE qty != 0 ORDER BY symbol"));
        QVERIFY2(!held.isEmpty(), "the drill should leave a position open");

        // While it is down, the operator closes one by hand at the broker.
        execute(broker, {QStringLiteral("UPDATE positions SET qty = 0, cost = 0 WHERE symbol = '%1'").arg(held.front())});

        // The day runs paused and closes with the difference still there: the run fails, so
        // that a scheduler hears of it.
        const Run second = vigil(run);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at start-up: 1 difference: %1").arg(held.front())),
                 qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("missing at the broker")), qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("trading starts paused")), qPrintable(second.err));
        const QStringList paused = rows(journal, QStringLiteral("SELECT actor, reason FROM trading_states WHERE state = 'PAUSED'"));
        QCOMPARE(paused.size(), 1);
        QVERIFY2(paused.front().startsWith(QStringLiteral("system (reconciliation)|reconciliation at start-up: 1 difference")),
                 qPrintable(paused.front()));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'trading state' AND detail LIKE "
                                                "'%reconciliation at start-up%'")),
                 qint64(1));
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at the close: 1 difference: %1").arg(held.front())),
                 qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("daily backup")), qPrintable(second.err)); // still made
    }

    void aCleanStartSaysSoAndTrades()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run{QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                              QStringLiteral("7"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                              QStringLiteral("--data-dir"), data};
        const Run first = vigil(run, 40);
        QVERIFY(first.exitCode != 0);
        const Run second = vigil(run);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at start-up: clean:")), qPrintable(second.err));
        // And at the close, once the broker's books are settled up to the last quote.
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at the close: clean:")), qPrintable(second.err));
        QCOMPARE(scalar(data + QStringLiteral("/journal.sqlite"),
                        QStringLiteral("SELECT COUNT(*) FROM trading_states WHERE state = 'PAUSED'")),
                 qint64(0));
    }
};

QTEST_MAIN(TestCliReconcile)
#include "tst_cli_reconcile.moc"
