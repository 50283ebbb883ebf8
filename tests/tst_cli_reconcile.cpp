// The real vigil binary reconciles its books with the broker's before trading starts: a
// clean start says so; a position closed by hand at the broker while the console was down
// is found, journaled and audited, and nothing more is traded in that symbol (no entry, and
// no "exit" that would sell at the broker what only the journal holds) while the rest of
// the book trades on; the close reconciles again, and a run whose books still disagree
// fails.
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
    void aPositionClosedAtTheBrokerWhileDownBlocksThatSymbol()
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
        const QString symbol = held.front();

        // While it is down, the operator closes one by hand at the broker.
        execute(broker, {QStringLiteral("UPDATE positions SET qty = 0, cost = 0 WHERE symbol = '%1'").arg(symbol)});
        const QString ordersIn = QStringLiteral("SELECT COUNT(*) FROM orders WHERE symbol = '%1'").arg(symbol);
        const qint64 brokerOrdersBefore = scalar(broker, ordersIn);
        const qint64 otherOrdersBefore = scalar(broker, QStringLiteral("SELECT COUNT(*) FROM orders"));

        // The day runs and closes with the difference still there: the run fails, so that a
        // scheduler hears of it.
        const Run second = vigil(run);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at start-up: 1 difference: %1").arg(symbol)),
                 qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("missing at the broker")), qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("new entries blocked in %1").arg(symbol)), qPrintable(second.err));
        // Not the whole session: only that symbol.
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM trading_states WHERE state = 'PAUSED'")), qint64(0));
        QVERIFY2(scalar(broker, QStringLiteral("SELECT COUNT(*) FROM orders")) > otherOrdersBefore, "the rest trades on");
        // Nothing at all reached the broker in that symbol: the journal's 'exit' would have
        // opened a short there.
        QCOMPARE(scalar(broker, ordersIn), brokerOrdersBefore);
        QCOMPARE(scalar(broker, QStringLiteral("SELECT qty FROM positions WHERE symbol = '%1'").arg(symbol)), qint64(0));
        // The run and its difference are journaled, and audited.
        // (The first run's start-up found the books clean.)
        QCOMPARE(rows(journal, QStringLiteral("SELECT started_by, actor, complete, differences FROM reconciliations "
                                              "WHERE started_by = 'start-up' ORDER BY seq")),
                 (QStringList{QStringLiteral("start-up|system (reconciliation)|1|0"),
                              QStringLiteral("start-up|system (reconciliation)|1|1")}));
        QCOMPARE(rows(journal, QStringLiteral("SELECT d.difference_key, d.kind, d.broker_qty FROM reconciliation_differences d "
                                              "JOIN reconciliations r ON r.seq = d.run ORDER BY r.seq LIMIT 1")),
                 QStringList{QStringLiteral("position %1|missing-at-broker|0").arg(symbol)});
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'reconciliation' AND actor = "
                                                "'system (reconciliation)' AND detail LIKE 'start-up: 1 difference%'")),
                 qint64(1));
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at the close: 1 difference: %1").arg(symbol)),
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
