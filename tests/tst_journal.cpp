// The journal: what a session writes, that it verifies clean, that tampering and damage are
// found, that a newer schema is refused, that the GUI only sees what is durable, and that a
// full disk halts trading with the journal left consistent.
#include "SqlFiles.h"
#include "api/AuditChain.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/JournalVerifier.h"
#include "oms/ExecutionStats.h"
#include "store/JournalRecovery.h"
#include "store/JournalWriter.h"
#include "store/Schema.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

using namespace vigil;
using namespace vigil::testing;

namespace {
RunOptions options(std::uint64_t seed, double speed = 0)
{
    RunOptions o;
    o.seed = seed;
    o.sessionDate = Date{2026, 11, 20};
    o.speed = speed;
    return o;
}

RunResult journaledSession(const QString &path, std::uint64_t seed)
{
    Engine engine(defaultConfig(), options(seed));
    const std::string error = engine.openJournal(path.toStdString());
    if (!error.empty())
        qFatal("cannot open the journal: %s", error.c_str());
    engine.start();
    engine.waitFinished();
    return engine.result();
}

/// Runs SQL against a journal on a connection of its own.
/// A writer on a fresh journal at `path` for one symbol and strategy, its session opened
/// with record 1.
std::unique_ptr<JournalWriter> openedWriter(const QString &path)
{
    JournalNames names;
    names.symbols = {"AAPL"};
    names.strategies = {"intraday_mean_reversion"};
    auto writer = std::make_unique<JournalWriter>(path, names);
    if (!writer->start().isEmpty())
        return nullptr;
    JournalRecord session;
    session.seq = 1;
    session.kind = JournalRecord::Kind::SessionOpened;
    session.setText("2026-11-20");
    writer->append(session);
    return writer;
}

bool mentions(const JournalCheck &check, const QString &text)
{
    for (const QString &p : check.problems)
        if (p.contains(text))
            return true;
    return false;
}
}

class TestJournal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sessionIsJournaledAndVerifiesClean()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        const RunResult r = journaledSession(path, 42);
        QVERIFY(r.completed);
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM orders")), qint64(r.orders));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM fills")), qint64(r.fills));
        QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")), qint64(kJournalSchemaVersion));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM sessions WHERE closed_at IS NOT NULL")), qint64(1));
        QVERIFY(scalar(path, QStringLiteral("SELECT COUNT(*) FROM equity_curve")) >= 390);
        // The last equity point is the session's final equity, to the 1/10000 of a dollar.
        QCOMPARE(scalar(path, QStringLiteral("SELECT equity FROM equity_curve ORDER BY at DESC LIMIT 1")),
                 r.equity.raw());
        const JournalCheck check = verifyJournal(path);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
        QCOMPARE(check.fills, int(r.fills));
        QVERIFY(check.positionSnapshots > 0);
    }

    void theJournalReproducesTheDaysSlippage()
    {
        // Each order's quote mid when it was sent is journaled with it, so a fill's slippage
        // can be worked out later from the journal alone (a day's report, a resumed session).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        Engine engine(defaultConfig(), options(42));
        QCOMPARE(engine.openJournal(path.toStdString()), std::string());
        engine.start();
        engine.waitFinished();
        const ExecutionFigures live = engine.snapshot()->execution;
        QVERIFY(live.slippageFills > 0);
        const QStringList rowsOf =
            rows(path, QStringLiteral(
                           "SELECT f.side, f.price, o.arrival_mid FROM fills f JOIN orders o USING (client_order_id) "
                           "WHERE o.arrival_mid IS NOT NULL ORDER BY f.seq"));
        QCOMPARE(qint64(rowsOf.size()), qint64(live.slippageFills));
        double sum = 0;
        for (const QString &row : rowsOf) {
            const QStringList f = row.split(QLatin1Char('|'));
            sum += ExecutionStats::slippageBps(f[0] == QLatin1String("sell") ? Side::Sell : Side::Buy,
                                               Price::fromRaw(f[1].toLongLong()), Price::fromRaw(f[2].toLongLong()));
        }
        const double average = sum / static_cast<double>(rowsOf.size());
        QVERIFY2(std::fabs(average - live.slippageAvgBps) < 1e-9,
                 qPrintable(QStringLiteral("%1 from the journal, %2 live").arg(average).arg(live.slippageAvgBps)));
        // A restart reads them back: a resumed session's open orders keep theirs.
        RecoveryInput input;
        for (const SymbolSpec &symbol : defaultConfig().simulator.symbols)
            input.symbols.push_back(symbol.symbol);
        input.strategies = {"intraday_mean_reversion", "swing_momentum", "reconciliation"};
        input.sessionDate = "2026-11-20";
        Recovery recovered;
        QCOMPARE(loadRecovery(path, input, recovered), QString());
        int withMid = 0;
        for (const Order &o : recovered.orders) {
            const qint64 stored = scalar(path, QStringLiteral("SELECT COALESCE(arrival_mid, 0) FROM orders WHERE "
                                                              "client_order_id = '%1'")
                                                   .arg(QString::fromStdString(o.clientOrderId)));
            QCOMPARE(o.arrivalMid.raw(), stored);
            withMid += stored > 0 ? 1 : 0;
        }
        QVERIFY(withMid > 0);
        // An order that never left (refused by a check) has none.
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM orders WHERE arrival_mid IS NOT NULL AND status = "
                                             "'rejected' AND reject_reason IN ('order quantity', 'order notional', "
                                             "'price collar', 'position limit', 'gross exposure', 'open orders', "
                                             "'order rate', 'duplicate order')")),
                 qint64(0));
    }

    void journalingChangesNothingInTheSession()
    {
        QTemporaryDir dir;
        const RunResult journaled = journaledSession(dir.filePath(QStringLiteral("j.sqlite")), 5);
        Engine plain(defaultConfig(), options(5));
        plain.start();
        plain.waitFinished();
        const RunResult unjournaled = plain.result();
        QCOMPARE(journaled.realizedPnl, unjournaled.realizedPnl);
        QCOMPARE(journaled.unrealizedPnl, unjournaled.unrealizedPnl);
        QCOMPARE(journaled.fills, unjournaled.fills);
    }

    void tamperingIsFound()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        journaledSession(path, 42);
        // A lost fill: the order's filled quantity and the later positions no longer add up.
        execute(path, {QStringLiteral("DELETE FROM fills WHERE seq = (SELECT MIN(seq) FROM fills)")});
        const JournalCheck lost = verifyJournal(path);
        QVERIFY(!lost.ok());
        QVERIFY(mentions(lost, QStringLiteral("but its fills add up to")));
        QVERIFY(mentions(lost, QStringLiteral("but its fills give qty")));

        QTemporaryDir dir2;
        const QString path2 = dir2.filePath(QStringLiteral("journal.sqlite"));
        journaledSession(path2, 42);
        // A state history no order can have: filled, then back to accepted.
        execute(path2, {QStringLiteral("INSERT INTO order_events (seq, client_order_id, at, status, filled_qty) "
                                       "SELECT 100000000, client_order_id, 0, 'accepted', filled_qty FROM orders "
                                       "WHERE status = 'filled' LIMIT 1"),
                        QStringLiteral("UPDATE orders SET status = 'accepted' WHERE client_order_id = "
                                       "(SELECT client_order_id FROM order_events WHERE seq = 100000000)")});
        const JournalCheck illegal = verifyJournal(path2);
        QVERIFY(mentions(illegal, QStringLiteral("illegal change from 'filled' to 'accepted'")));
    }

    void anAlertOfUnknownSeverityIsNotResumed()
    {
        // The alerts come back with their severity; a word the journal's writer never writes
        // is named, not read as a warning.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        journaledSession(path, 42);
        RecoveryInput input;
        for (const SymbolSpec &symbol : defaultConfig().simulator.symbols)
            input.symbols.push_back(symbol.symbol);
        input.strategies = {"intraday_mean_reversion", "swing_momentum", "reconciliation"};
        input.sessionDate = "2026-11-20";
        input.dayEnd = std::numeric_limits<SimTime>::max();
        execute(path, {QStringLiteral("INSERT INTO alerts (seq, at, severity, source, message) "
                                      "SELECT 100000000, MAX(at), 'critical', 'risk', 'kill switch' FROM fills")});
        Recovery known;
        QCOMPARE(loadRecovery(path, input, known), QString());
        QVERIFY(!known.alerts.empty());
        QCOMPARE(int(known.alerts.back().severity), int(AlertSeverity::Critical));
        QCOMPARE(known.alerts.back().message, std::string("kill switch"));

        execute(path, {QStringLiteral("UPDATE alerts SET severity = 'urgent' WHERE seq = 100000000")});
        Recovery unknown;
        const QString refused = loadRecovery(path, input, unknown);
        QVERIFY2(
            refused.endsWith(QStringLiteral(
                "the journal holds an alert of unknown severity 'urgent' (neither recovered, warning nor critical)")),
            qPrintable(refused));
    }

    void damageIsFound()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        journaledSession(path, 3);
        execute(path, {QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")});
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 64 * 1024);
        f.seek(size / 2);
        f.write(QByteArray(8192, '\x5a')); // scribble over pages in the middle of the file
        f.close();
        const JournalCheck check = verifyJournal(path);
        QVERIFY(!check.ok());
        QVERIFY2(mentions(check, QStringLiteral("integrity")) || mentions(check, QStringLiteral("malformed"))
                     || mentions(check, QStringLiteral("cannot open")),
                 qPrintable(check.problems.join(QLatin1Char('\n'))));
        QVERIFY(
            mentions(verifyJournal(dir.filePath(QStringLiteral("missing.sqlite"))), QStringLiteral("no such journal")));
    }

    void everyRecordArrivesEvenWhenTheQueueOverflows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        const auto opened = openedWriter(path);
        QVERIFY(opened);
        JournalWriter &writer = *opened;
        // Far more than the queue holds, faster than any disk: the rest waits in the backlog.
        constexpr int kOrders = 60'000;
        for (int i = 1; i <= kOrders; ++i) {
            JournalRecord order;
            order.seq = static_cast<std::uint64_t>(i) + 1;
            order.kind = JournalRecord::Kind::OrderCreated;
            order.orderId = static_cast<OrderId>(i);
            order.qty = 1;
            order.setText("VG-20261120-mr-" + std::to_string(i));
            writer.append(order);
        }
        writer.stop(); // no flush from a producer: stop() must hand the backlog over itself
        QCOMPARE(writer.durableSeq(), std::uint64_t(kOrders + 1));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM orders")), qint64(kOrders));
    }

    void aGroupReachesTheDiskWholeOrNotAtAll()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        const auto opened = openedWriter(path);
        QVERIFY(opened);
        JournalWriter &writer = *opened;
        JournalRecord order;
        order.seq = 2;
        order.kind = JournalRecord::Kind::OrderCreated;
        order.orderId = 1;
        order.qty = 100;
        order.setText("VG-20261120-mr-000001");
        writer.append(order);
        writer.flush();
        QTRY_COMPARE(writer.durableSeq(), std::uint64_t(2));

        // A fill and the order's new state, as one engine message makes them.
        JournalRecord fill;
        fill.seq = 3;
        fill.kind = JournalRecord::Kind::Fill;
        fill.orderId = 1;
        fill.executionId = 1;
        fill.qty = 100;
        fill.price = Price::fromCents(10'000);
        fill.setText("VG-20261120-mr-000001");
        fill.endsGroup = false;
        writer.append(fill);
        writer.flush();
        QTest::qWait(200); // the writer has every chance to commit the fill alone
        QCOMPARE(writer.durableSeq(), std::uint64_t(2));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM fills")), qint64(0));

        JournalRecord filled = order;
        filled.seq = 4;
        filled.kind = JournalRecord::Kind::OrderChanged;
        filled.status = OrderStatus::Filled;
        filled.filledQty = 100;
        writer.append(filled);
        writer.flush();
        QTRY_COMPARE(writer.durableSeq(), std::uint64_t(4));
        writer.stop();
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM fills")), qint64(1));
        QCOMPARE(scalar(path, QStringLiteral("SELECT filled_qty FROM orders")), qint64(100));
    }

    void aJournalKilledBeforeItsSchemaVerifiesAsEmpty()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        execute(path, {QStringLiteral("PRAGMA journal_mode=WAL")}); // created, nothing else
        const JournalCheck empty = verifyJournal(path);
        QVERIFY2(empty.ok(), qPrintable(empty.problems.join(QLatin1Char('\n'))));
        QVERIFY(empty.empty);
        // Tables without a schema version are not a journal this build wrote.
        execute(path, {QStringLiteral("CREATE TABLE stray (x INTEGER)")});
        const JournalCheck stray = verifyJournal(path);
        QVERIFY(!stray.ok());
        QVERIFY(!stray.empty);
        QVERIFY(mentions(stray, QStringLiteral("schema version 0")));
    }

    void aJournalKilledInTheMiddleOfATransactionStillVerifies()
    {
        // What a SIGKILL in the middle of a transaction can leave: a hot rollback journal
        // beside a file that already holds some of the transaction's pages. A read-only
        // connection cannot roll it back; the verifier has SQLite do so (as the next start
        // would) and then reads the journal as it was before the transaction.
        QTemporaryDir dir;
        const QString live = dir.filePath(QStringLiteral("live.sqlite"));
        const QString killed = dir.filePath(QStringLiteral("journal.sqlite"));
        journaledSession(live, 42);
        const qint64 fills = scalar(live, QStringLiteral("SELECT COUNT(*) FROM fills"));
        execute(live, {QStringLiteral("PRAGMA journal_mode=DELETE")});
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            db.setDatabaseName(live);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA cache_size=1"))); // the transaction spills into the file
            QVERIFY(q.exec(QStringLiteral("BEGIN")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM fills")));
            QVERIFY(QFile::exists(live + QStringLiteral("-journal")));
            QVERIFY(QFile::copy(live, killed));
            QVERIFY(QFile::copy(live + QStringLiteral("-journal"), killed + QStringLiteral("-journal")));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        const JournalCheck check = verifyJournal(killed);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
        QCOMPARE(qint64(check.fills), fills);
    }

    void newerSchemaIsRefusedAndLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        journaledSession(path, 1);
        execute(path, {QStringLiteral("PRAGMA user_version = 99")});
        const qint64 orders = scalar(path, QStringLiteral("SELECT COUNT(*) FROM orders"));
        Engine engine(defaultConfig(), options(1));
        const std::string error = engine.openJournal(path.toStdString());
        QVERIFY(QString::fromStdString(error).contains(QStringLiteral("schema version 99, newer than this build's")));
        QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")), qint64(99));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM orders")), orders);
    }

    void anEmptyFileIsMigratedToTheCurrentSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        execute(path, {QStringLiteral("PRAGMA user_version = 0")});
        Engine engine(defaultConfig(), options(1));
        QCOMPARE(engine.openJournal(path.toStdString()), std::string());
        engine.stop();
        QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")), qint64(kJournalSchemaVersion));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit'")), qint64(1));
    }

    void aVersionOneJournalIsMigratedAndItsBooksCarryOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(migrateJournal(db, 1), QString());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        // A day as a version 1 build wrote it: 100 AAPL bought at 150.00 and held overnight.
        execute(
            path,
            {
                QStringLiteral("INSERT INTO sessions VALUES ('2026-11-19', 10000000000, 1, 2)"),
                QStringLiteral("INSERT INTO orders VALUES ('VG-20261119-sw-000001', '2026-11-19', 1, 'swing_momentum', "
                               "'AAPL', 'buy', 'market', 100, NULL, 'filled', 100, NULL, 1, 1)"),
                QStringLiteral("INSERT INTO order_events VALUES (1, 'VG-20261119-sw-000001', 1, 'new', 0, NULL)"),
                QStringLiteral("INSERT INTO order_events VALUES (3, 'VG-20261119-sw-000001', 1, 'filled', 100, NULL)"),
                QStringLiteral(
                    "INSERT INTO fills VALUES (2, 'VG-20261119-sw-000001', '1', 1, 'swing_momentum', 'AAPL', "
                    "'buy', 100, 1500000, 0)"),
                QStringLiteral(
                    "INSERT INTO position_snapshots VALUES (4, 1, 'swing_momentum', 'AAPL', 100, 150000000, 0)"),
            });
        QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")), qint64(1));

        Engine engine(defaultConfig(), options(1));
        QCOMPARE(engine.openJournal(path.toStdString()), std::string());
        QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")), qint64(kJournalSchemaVersion));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM fills")), qint64(1));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'checkpoints'")),
                 qint64(1));
        // The next day starts with what the old journal's fills hold.
        const auto start = engine.snapshot();
        QCOMPARE(start->positions.size(), std::size_t(1));
        QCOMPARE(start->positions[0].symbol, std::string("AAPL"));
        QCOMPARE(start->positions[0].qty, Quantity(100));
        QCOMPARE(start->positions[0].avgPrice, Price::fromCents(15000));
        QCOMPARE(start->realizedPnl, Money{});
        engine.start();
        engine.waitFinished();
        const JournalCheck check = verifyJournal(path);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
        QCOMPARE(check.uncheckedSnapshots, 1); // the version 1 row does not say its session
        QVERIFY(check.positionSnapshots > 1);
        // Its two order events and its fill were written before the audit trail existed: they
        // are counted as such, not as rows added after the fact.
        const AuditCheck audit = verifyAudit(path);
        QVERIFY2(audit.ok(), qPrintable(audit.problem + audit.findings.join(QLatin1Char('\n'))));
        QCOMPARE(audit.rowsBeforeAudit, std::int64_t(3));
        QVERIFY(audit.coveredRows > 0);
    }

    void theGuiOnlySeesWhatIsDurable()
    {
        QTemporaryDir dir;
        Engine engine(defaultConfig(), options(9, 3000));
        QCOMPARE(engine.openJournal(dir.filePath(QStringLiteral("j.sqlite")).toStdString()), std::string());
        engine.start();
        std::uint64_t seenRecords = 0;
        for (int i = 0; i < 200; ++i) {
            const auto shown = engine.snapshot();
            const std::uint64_t durable = engine.journalDurableSeq(); // read after: it only grows
            QVERIFY2(shown->journalSeq <= durable,
                     qPrintable(QStringLiteral("%1 > %2").arg(shown->journalSeq).arg(durable)));
            seenRecords = std::max(seenRecords, shown->journalSeq);
            QTest::qWait(5);
        }
        QVERIFY(seenRecords > 0);
        engine.stop();
    }

    void onAFullDiskTheControlsStillWork()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        Engine engine(defaultConfig(), options(42, 1000));
        JournalLimits small;
        small.maxPageCount = 30; // the schema, and about an hour of trading
        QCOMPARE(engine.openJournal(path.toStdString(), small), std::string());
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(!engine.journalFailure().empty(), 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(int(engine.snapshot()->tradingState), int(TradingState::Halted), 5'000);
        QVERIFY(!engine.snapshot()->positions.empty()); // something to get out of (seed 42: three)
        // Kill: recorded nowhere, but carried out (cancel all, flatten, strategies stopped).
        std::atomic<int> answered{0};
        CommandResult killed;
        cmd::Kill kill;
        kill.actor = "tester";
        kill.reason = "disk full";
        engine.command(kill, [&](const CommandResult &r) {
            killed = r;
            answered.store(1);
        });
        QTRY_COMPARE_WITH_TIMEOUT(answered.load(), 1, 5'000);
        QVERIFY2(killed.ok, killed.message.c_str());
        QCOMPARE(int(engine.tradingState()), int(TradingState::Killed));
        QTRY_COMPARE_WITH_TIMEOUT(int(engine.snapshot()->flatten.phase), int(FlattenStatus::Phase::Flat), 30'000);
        QVERIFY(engine.snapshot()->positions.empty());
        QCOMPARE(engine.snapshot()->workingOrders, std::uint64_t(0));
        engine.stop();
        const JournalCheck check = verifyJournal(path);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
    }

    void fullDiskHaltsTradingAndKeepsTheJournalConsistent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
        Engine engine(defaultConfig(), options(42));
        JournalLimits small;
        small.maxPageCount = 24; // the schema takes about 16 pages, a whole day about 40
        QCOMPARE(engine.openJournal(path.toStdString(), small), std::string());
        engine.start();
        engine.waitFinished();
        QVERIFY(QString::fromStdString(engine.journalFailure()).contains(QStringLiteral("full")));
        const auto last = engine.snapshot();
        QCOMPARE(int(last->tradingState), int(TradingState::Halted));
        bool storeDown = false;
        for (const ComponentHealth &c : last->components)
            storeDown = storeDown || (c.name == "store" && !c.up);
        QVERIFY(storeDown);
        // What did reach the disk is whole and consistent.
        const JournalCheck check = verifyJournal(path);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QLatin1Char('\n'))));
        // Trading stopped: after the failure no new order was sent (a full day has 89).
        const RunResult r = engine.result();
        QVERIFY(r.completed);
        QVERIFY(r.orders < 89);
        QVERIFY(r.fills < 105);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
