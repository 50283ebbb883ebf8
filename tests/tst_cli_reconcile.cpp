// The real vigil binary reconciles its books with the broker's before trading starts: a
// clean start says so; a position closed by hand at the broker while the console was down
// is found, journaled and audited, and nothing more is traded in that symbol (no entry, and
// no "exit" that would sell at the broker what only the journal holds) while the rest of
// the book trades on; the close reconciles again, and a run whose books still disagree
// fails.
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

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
        return {
            QStringLiteral("run"),    QStringLiteral("--headless"), QStringLiteral("--seed"),     QStringLiteral("7"),
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
        const QStringList held =
            rows(broker, QStringLiteral("SELECT symbol FROM positions WHERE qty != 0 ORDER BY symbol"));
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
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM trading_states WHERE state = 'PAUSED'")),
                 qint64(0));
        QVERIFY2(scalar(broker, QStringLiteral("SELECT COUNT(*) FROM orders")) > otherOrdersBefore,
                 "the rest trades on");
        // Nothing at all reached the broker in that symbol: the journal's 'exit' would have
        // opened a short there.
        QCOMPARE(scalar(broker, ordersIn), brokerOrdersBefore);
        QCOMPARE(scalar(broker, QStringLiteral("SELECT qty FROM positions WHERE symbol = '%1'").arg(symbol)),
                 qint64(0));
        // The run and its difference are journaled, and audited.
        // (The first run's start-up found the books clean.)
        QCOMPARE(rows(journal, QStringLiteral("SELECT started_by, actor, complete, differences FROM reconciliations "
                                              "WHERE started_by = 'start-up' ORDER BY seq")),
                 (QStringList{QStringLiteral("start-up|system (reconciliation)|1|0"),
                              QStringLiteral("start-up|system (reconciliation)|1|1")}));
        QCOMPARE(rows(journal,
                      QStringLiteral("SELECT d.difference_key, d.kind, d.broker_qty FROM reconciliation_differences d "
                                     "JOIN reconciliations r ON r.seq = d.run ORDER BY r.seq LIMIT 1")),
                 QStringList{QStringLiteral("position %1|missing-at-broker|0").arg(symbol)});
        QCOMPARE(
            scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'reconciliation' AND actor = "
                                           "'system (reconciliation)' AND detail LIKE 'start-up: 1 difference%'")),
            qint64(1));
        QVERIFY2(second.err.contains(QStringLiteral("reconciliation at the close: 1 difference: %1").arg(symbol)),
                 qPrintable(second.err));
        // The close's run is journaled and audited like the others.
        QCOMPARE(
            rows(journal, QStringLiteral("SELECT actor, complete, differences FROM reconciliations WHERE started_by = "
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
        const QStringList working =
            rows(broker, QStringLiteral("SELECT client_order_id, symbol, qty, filled_qty FROM orders "
                                        "WHERE status IN ('accepted', 'partially_filled')"));
        QCOMPARE(working.size(), 1);
        const QStringList entry = working.front().split(QLatin1Char('|'));
        const QString id = entry[0];
        const qint64 qty = entry[2].toLongLong();
        const qint64 filled = entry[3].toLongLong();
        QVERIFY2(filled < qty, "the entry should be only partly filled");
        // While vigil is down, the rest of the entry is cancelled at the broker.
        execute(broker,
                {QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE client_order_id = '%1'").arg(id)});

        const Run second = vigil(run);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        // The journal says cancelled with what the broker filled: never filled in full.
        QCOMPARE(
            rows(journal, QStringLiteral("SELECT status, filled_qty FROM orders WHERE client_order_id = '%1'").arg(id)),
            QStringList{QStringLiteral("cancelled|%1").arg(filled)});
        QCOMPARE(scalar(journal,
                        QStringLiteral("SELECT COALESCE(SUM(qty), 0) FROM fills WHERE client_order_id = '%1'").arg(id)),
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
        const QString symbol =
            rows(broker, QStringLiteral("SELECT symbol FROM orders WHERE client_order_id = '%1'").arg(exit)).front();

        const Run second = vigil(run);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        // The exit is booked from the broker's own execution, once; nothing else is booked.
        const QString brokerExecutions =
            QStringLiteral("SELECT e.execution_id || ':' || e.qty || ':' || e.price FROM executions e "
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

    void aHandCloseAtTheBrokerIsFoundWithoutAsking()
    {
        // A live session (20 simulated seconds a wall second): the operator closes the
        // largest position by hand at the broker and asks nothing; the periodic run finds it.
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.filePath(QStringLiteral("run")));
        env.remove(QStringLiteral("DISPLAY"));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("run"))));
        QFile::setPermissions(dir.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QProcess instance;
        instance.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
        instance.setArguments({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--speed"),
                               QStringLiteral("20"), QStringLiteral("--date"), QStringLiteral("2026-11-20"),
                               QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("--data-dir"), data});
        instance.setProcessEnvironment(env);
        instance.start();
        QVERIFY(instance.waitForStarted());
        auto ctl = [&](const QStringList &args) {
            QProcess p;
            p.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
            p.setArguments(QStringList{QStringLiteral("ctl")} + args + QStringList{QStringLiteral("--data-dir"), data});
            p.setProcessEnvironment(env);
            p.start();
            if (!p.waitForFinished(60'000))
                p.kill();
            return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, false,
                       QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
        };
        auto status = [&] {
            return QJsonDocument::fromJson(ctl({QStringLiteral("status"), QStringLiteral("--json")}).out.toUtf8())
                .object();
        };
        auto stop = qScopeGuard([&] {
            instance.kill();
            instance.waitForFinished();
        });
        // Until the strategies hold something (the simulated morning's first minutes).
        bool holding = false;
        for (int i = 0; i < 600 && !holding; ++i) {
            holding = status().value(QStringLiteral("exposure")).toObject().value(QStringLiteral("gross")).toString()
                          != QLatin1String("0.00")
                      && ctl({QStringLiteral("status")}).exitCode == 0;
            if (!holding)
                QThread::msleep(100);
        }
        QVERIFY2(holding, "the session never held a position");
        // No 'ctl reconcile': the periodic run finds it, says when, and the panel's
        // "books agree" is gone. (An intraday position may be closed by its strategy
        // before the drill reaches the broker, leaving nothing to close: the drill is
        // then sent again, to the largest position the broker holds by then.)
        QJsonObject recon;
        bool found = false;
        for (int i = 0; i < 600 && !found; ++i) {
            if (i % 50 == 0) {
                const Run drill =
                    ctl({QStringLiteral("drill"), QStringLiteral("broker-manual-close"), QStringLiteral("--reason"),
                         QStringLiteral("rehearsal: closed by hand at the broker")});
                // Exit 1 only when the broker held nothing to close at that moment (the drill says so).
                QVERIFY2(drill.exitCode == 0
                             || (drill.exitCode == 1 && drill.err.contains(QLatin1String("holds no position"))),
                         qPrintable(drill.out + drill.err));
            }
            recon = status().value(QStringLiteral("reconciliation")).toObject();
            for (const QJsonValue &v : recon.value(QStringLiteral("differences")).toArray())
                found = found
                        || (v.toObject().value(QStringLiteral("key")).toString().startsWith(QLatin1String("position "))
                            && v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("open"));
            if (!found)
                QThread::msleep(100);
        }
        QVERIFY2(found, QJsonDocument(recon).toJson().constData());
        const QJsonObject last = recon.value(QStringLiteral("last_run")).toObject();
        QCOMPARE(last.value(QStringLiteral("actor")).toString(), QStringLiteral("system (reconciliation)"));
        QVERIFY(last.value(QStringLiteral("clock")).toString().size() == 8); // HH:MM:SS
        QVERIFY(!last.value(QStringLiteral("wall_at")).toString().isEmpty());
        QVERIFY(last.value(QStringLiteral("differences")).toInt() >= 1);
        stop.dismiss();
        instance.kill();
        instance.waitForFinished();
        const QString journal = data + QStringLiteral("/journal.sqlite");
        QVERIFY(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM reconciliations WHERE started_by = 'periodic'"))
                >= 1);
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM reconciliations WHERE started_by = 'on demand'")),
                 qint64(0));
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
