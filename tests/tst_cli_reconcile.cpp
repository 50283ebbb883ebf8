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

    /// A headless run of the seeded day on `data`.
    static QStringList headlessDay(const QString &data)
    {
        return {QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("7"),
                QStringLiteral("--date"), QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), data};
    }

private Q_SLOTS:
    void aPositionClosedAtTheBrokerWhileDownBlocksThatSymbol()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run = headlessDay(data);
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
        // The close's run is journaled and audited like the others.
        QCOMPARE(rows(journal, QStringLiteral("SELECT actor, complete, differences FROM reconciliations WHERE started_by = "
                                              "'the close'")),
                 QStringList{QStringLiteral("system (reconciliation)|1|1")});
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'reconciliation' AND detail "
                                                "LIKE 'the close: 1 difference%'")),
                 qint64(1));
        QVERIFY2(second.err.contains(QStringLiteral("daily backup")), qPrintable(second.err)); // still made
    }

    void anEntryCancelledWhileDownIsNotTakenAsFilled()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run = headlessDay(data);
        // Stopped right after the broker took order 3, a limit entry it has partly filled.
        const Run first = vigil(run, 3);
        QVERIFY(first.exitCode != 0);
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString broker = data + QStringLiteral("/paper-broker.sqlite");
        const QStringList working = rows(broker, QStringLiteral("SELECT client_order_id, symbol, qty, filled_qty FROM orders "
                                                                "WHERE status IN ('accepted', 'partially_filled')"));
        QCOMPARE(working.size(), 1);
        const QStringList entry = working.front().split(QLatin1Char('|'));
        const QString id = entry[0];
        const qint64 qty = entry[2].toLongLong();
        const qint64 filled = entry[3].toLongLong();
        QVERIFY2(filled < qty, "the entry should be only partly filled");
        // While vigil is down, the rest of the entry is cancelled at the broker.
        execute(broker, {QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE client_order_id = '%1'").arg(id)});

        const Run second = vigil(run);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        // The journal says cancelled with what the broker filled: never filled in full.
        QCOMPARE(rows(journal, QStringLiteral("SELECT status, filled_qty FROM orders WHERE client_order_id = '%1'").arg(id)),
                 QStringList{QStringLiteral("cancelled|%1").arg(filled)});
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COALESCE(SUM(qty), 0) FROM fills WHERE client_order_id = '%1'").arg(id)),
                 filled);
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at start-up: clean:")), qPrintable(second.err));
    }

    void aRestartBooksOnlyWhatTheBrokerDid()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run = headlessDay(data);
        // Stopped right after the broker took order 40, a market exit it filled at once: the
        // journal still holds the position it closed (and the order as new, or not at all if
        // its record had not reached the disk).
        const Run first = vigil(run, 40);
        QVERIFY(first.exitCode != 0);
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QString broker = data + QStringLiteral("/paper-broker.sqlite");
        const QString exit = QStringLiteral("VG-20261120-mr-000040");
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills WHERE client_order_id = '%1'").arg(exit)),
                 qint64(0));
        QCOMPARE(rows(broker, QStringLiteral("SELECT status FROM orders WHERE client_order_id = '%1'").arg(exit)),
                 QStringList{QStringLiteral("filled")});
        const QString symbol = rows(broker, QStringLiteral("SELECT symbol FROM orders WHERE client_order_id = '%1'").arg(exit)).front();

        const Run second = vigil(run);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        // The exit is booked from the broker's own execution, once; nothing else is booked.
        const QString brokerExecutions = QStringLiteral("SELECT e.execution_id || ':' || e.qty || ':' || e.price FROM executions e "
                                                        "JOIN orders o USING (client_order_id) WHERE o.symbol = '%1' "
                                                        "ORDER BY e.execution_id")
                                             .arg(symbol);
        const QString journalFills = QStringLiteral("SELECT execution_id || ':' || qty || ':' || price FROM fills "
                                                    "WHERE symbol = '%1' ORDER BY CAST(execution_id AS INTEGER)")
                                         .arg(symbol);
        QCOMPARE(rows(journal, journalFills), rows(broker, brokerExecutions));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM orders WHERE client_order_id LIKE '%-rc-%'")),
                 qint64(0));
        QCOMPARE(scalar(broker, QStringLiteral("SELECT COUNT(*) FROM orders WHERE client_order_id = '%1'").arg(exit)),
                 qint64(1)); // never sent again
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at start-up: clean:")), qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at the close: clean:")), qPrintable(second.err));
    }

    void aCleanStartSaysSoAndTrades()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList run = headlessDay(data);
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
