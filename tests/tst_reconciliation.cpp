// Reconciliation's comparison: each class of difference found and described, agreeing
// books clean, an unanswered part never read as flat, the adopting fill's id the same on
// a repeated run; the paper broker's statement read from its file agrees with the engine's
// books after a session and shows a trade done behind the engine's back.
#include "api/JournalBooks.h"
#include "api/Reconciliation.h"
#include "sim/PaperRecords.h"

#include "JournaledSession.h"
#include "SqlFiles.h"
#include "api/Config.h"
#include "api/Engine.h"

#include <QTemporaryDir>
#include <QTest>

#include <QTest>
#include <algorithm>

using namespace vigil;
using namespace vigil::testing;

namespace {

BookPosition position(const char *symbol, Quantity qty, std::int64_t avgCents)
{
    return {symbol, qty, Price::fromCents(avgCents)};
}

BookOrder order(const char *id, const char *symbol, Quantity qty, Quantity filled = 0)
{
    return {id, symbol, Side::Buy, qty, filled};
}

BrokerStatement answered(std::vector<BookPosition> positions, std::vector<BookOrder> orders)
{
    BrokerStatement s;
    s.positionsAnswered = true;
    s.ordersAnswered = true;
    s.positions = std::move(positions);
    s.openOrders = std::move(orders);
    return s;
}

} // namespace

class TestReconciliation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreeingBooksAreClean()
    {
        InternalBooks ours{{position("AAPL", 100, 19000), position("MSFT", -20, 41000), position("FLAT", 0, 0)},
                           {order("a-1", "AAPL", 50, 10)}};
        const ReconciliationResult r =
            reconcile(ours, answered({position("MSFT", -20, 41000), position("AAPL", 100, 19000)},
                                     {order("a-1", "AAPL", 50, 20)}));
        QVERIFY(r.complete());
        QVERIFY(r.clean());
        QCOMPARE(r.positionsChecked, 2);
        QCOMPARE(r.ordersChecked, 1);
    }

    void everyClassOfDifferenceIsFound()
    {
        InternalBooks ours{{position("AAPL", 100, 19000), position("AMD", 30, 12000), position("MSFT", 10, 41000),
                            position("NVDA", 5, 48000)},
                           {order("ours-only", "AMD", 10), order("both", "MSFT", 5)}};
        BrokerStatement broker = answered({position("AMD", 20, 12000), position("MSFT", 10, 41005),
                                           position("NVDA", 5, 48000), position("TSLA", -7, 24000)},
                                          {order("both", "MSFT", 5), order("theirs-only", "TSLA", 3)});
        const ReconciliationResult r = reconcile(ours, broker);
        QVERIFY(r.complete());
        QCOMPARE(r.differences.size(), std::size_t(6));
        QStringList seen;
        for (const Difference &d : r.differences)
            seen << QString::fromStdString(d.describe());
        QCOMPARE(
            seen,
            (QStringList{
                QStringLiteral("AAPL: 100 here, 0 at the broker (missing at the broker)"),
                QStringLiteral("TSLA: 0 here, -7 at the broker (missing here)"),
                QStringLiteral("AMD: 30 here, 20 at the broker (quantity differs)"),
                QStringLiteral("MSFT: 10 at 410.00 here, at 410.05 at the broker (average price differs)"),
                QStringLiteral("TSLA order theirs-only: 0 open here, 3 at the broker (unknown order at the broker)"),
                QStringLiteral("AMD order ours-only: 10 open here, 0 at the broker (order the broker does not know)"),
            }));
        QCOMPARE(r.differences[2].adoptQty(), Quantity(-10)); // sell 10 to adopt the broker's 20
        // New entries stay blocked where the books disagree; NVDA agrees.
        QCOMPARE(r.affectedSymbols(), (std::vector<std::string>{"AAPL", "AMD", "MSFT", "TSLA"}));
    }

    void averagePricesWithinTheToleranceAgree()
    {
        InternalBooks ours{{position("MSFT", 10, 41000)}, {}};
        QVERIFY(
            reconcile(ours, answered({{"MSFT", 10, Price::fromRaw(Price::fromCents(41000).raw() + 99)}}, {})).clean());
        QVERIFY(!reconcile(ours, answered({{"MSFT", 10, Price::fromRaw(Price::fromCents(41000).raw() + 101)}}, {}))
                     .clean());
    }

    void cashIsComparedWithinItsTolerance()
    {
        // After a restore: the broker's cash is not the books' (the figures).
        InternalBooks ours{{position("AAPL", 100, 19000)}, {}};
        ours.cash = Money::parse("998279.74").value();
        BrokerStatement broker = answered({position("AAPL", 100, 19000)}, {});
        broker.cash = Money::parse("999925.12").value();
        const ReconciliationResult r = reconcile(ours, broker);
        QVERIFY(r.complete() && !r.clean());
        QCOMPARE(r.differences.size(), std::size_t(1));
        const Difference &d = r.differences.front();
        QCOMPARE(int(d.kind), int(DifferenceKind::CashDiffers));
        QCOMPARE(d.key(), std::string("cash"));
        QCOMPARE(QString::fromStdString(d.describe()),
                 QStringLiteral("cash: 998279.74 here, 999925.12 at the broker, 1645.38 apart (cash differs)"));
        QCOMPARE(resolutionsFor(d.kind), std::vector<Resolution>{Resolution::Accept});
        QVERIFY(r.affectedSymbols().empty()); // no symbol's entries are blocked for it
        DifferenceKind back{};
        QVERIFY(kindFromCode(codeOf(d.kind), back) && back == DifferenceKind::CashDiffers);

        // Within the tolerance (a cent by default, configurable) the cash agrees.
        broker.cash = *ours.cash + Money::fromCents(1);
        QVERIFY(reconcile(ours, broker).clean());
        broker.cash = *ours.cash + Money::fromRaw(Money::fromCents(1).raw() + 1);
        QVERIFY(!reconcile(ours, broker).clean());
        ReconciliationTolerance wide;
        wide.cash = Money::fromDollars(5);
        QVERIFY(reconcile(ours, broker, wide).clean());

        // A broker that does not tell its cash is not compared on it, and not incomplete.
        broker.cash.reset();
        const ReconciliationResult silent = reconcile(ours, broker);
        QVERIFY(silent.clean() && !silent.cashCompared);

        // Shares bought by hand at the broker explain the position difference, and the cash
        // they cost with it: one difference, which adopting (at the trade's price) settles.
        BrokerStatement manual = answered({position("AAPL", 100, 19000), position("MSFT", 10, 41000)}, {});
        manual.outsideTrades = {{"MSFT", 10, Price::fromCents(41000), Money::fromCents(35)}};
        manual.cash = *ours.cash - Money::fromDollars(4100) - Money::fromCents(35);
        const ReconciliationResult explained = reconcile(ours, manual);
        QCOMPARE(explained.differences.size(), std::size_t(1));
        QCOMPARE(explained.differences.front().key(), std::string("position MSFT"));

        // Two looks: a cash gap that stays the same is confirmed, one that moved is not.
        broker.cash = *ours.cash + Money::fromDollars(100);
        const ReconciliationResult first = reconcile(ours, broker);
        QCOMPARE(confirmed(first, reconcile(ours, broker)).differences.size(), std::size_t(1));
        BrokerStatement moved = broker;
        moved.cash = *ours.cash + Money::fromDollars(60);
        QVERIFY(confirmed(first, reconcile(ours, moved)).differences.empty());
    }

    void anUnansweredPartIsNeverReadAsFlat()
    {
        InternalBooks ours{{position("AAPL", 100, 19000)}, {order("a-1", "AAPL", 50)}};
        BrokerStatement failed; // the broker answered nothing: an empty book must not mean flat
        failed.error = "HTTP 503 from the broker";
        const ReconciliationResult none = reconcile(ours, failed);
        QVERIFY(!none.complete());
        QVERIFY(!none.clean());
        QVERIFY(none.differences.empty()); // no "missing at the broker" invented
        QCOMPARE(QString::fromStdString(none.incompleteReason),
                 QStringLiteral("incomplete: the broker's positions and working orders could not be compared (HTTP 503 "
                                "from the broker); nothing is assumed flat"));

        // Positions answered, orders not: the positions are compared, the orders are not.
        BrokerStatement half = answered({}, {});
        half.ordersAnswered = false;
        half.error = "timeout";
        const ReconciliationResult r = reconcile(ours, half);
        QVERIFY(!r.complete());
        QVERIFY(r.positionsCompared);
        QCOMPARE(r.differences.size(), std::size_t(1));
        QCOMPARE(int(r.differences.front().kind), int(DifferenceKind::MissingAtBroker));
        QVERIFY(QString::fromStdString(r.incompleteReason).contains(QLatin1String("working orders")));
    }

    void aRepeatedRunGivesTheSameAdoptingFill()
    {
        InternalBooks ours{{position("AMD", 30, 12000)}, {}};
        const BrokerStatement broker = answered({position("AMD", 20, 12000)}, {});
        const Difference first = reconcile(ours, broker).differences.front();
        const Difference again = reconcile(ours, broker).differences.front();
        QCOMPARE(reconciliationExecutionId("2026-11-20", first, "close"),
                 reconciliationExecutionId("2026-11-20", again, "close"));
        QVERIFY(reconciliationExecutionId("2026-11-20", first, "close")
                != reconciliationExecutionId("2026-11-20", first, "open"));
        QCOMPARE(first.key(), std::string("position AMD"));
        // Another difference (the books moved) is another fill.
        InternalBooks moved{{position("AMD", 25, 12000)}, {}};
        QVERIFY(reconciliationExecutionId("2026-11-20", reconcile(moved, broker).differences.front(), "close")
                != reconciliationExecutionId("2026-11-20", first, "close"));
    }

    void thePaperBrokersStatementAgreesWithTheEngineAndShowsAManualTrade()
    {
        QTemporaryDir dir;
        const QString broker = dir.filePath(QStringLiteral("paper-broker.sqlite"));
        RunOptions o;
        o.seed = 7;
        o.sessionDate = Date{2026, 11, 20};
        Engine engine(defaultConfig(), o);
        QCOMPARE(engine.openBroker(broker.toStdString()), std::string());
        engine.start();
        engine.waitFinished();
        engine.stop();
        const RunResult result = engine.result();
        InternalBooks ours;
        std::string held;
        Money value;
        for (const PositionRow &p : result.positions) {
            ours.positions.push_back({p.symbol, p.qty, p.avgPrice});
            value += p.marketValue;
            if (p.qty != 0 && held.empty())
                held = p.symbol;
        }
        QVERIFY(!held.empty());
        ours.cash = result.equity - value; // what booksOf() takes from a snapshot

        const BrokerStatement statement = PaperRecords(broker).statement();
        QVERIFY2(statement.positionsAnswered && statement.ordersAnswered, statement.error.c_str());
        QVERIFY(statement.cash.has_value());
        QCOMPARE(statement.cash->raw(), result.brokerCash.raw());
        const ReconciliationResult r = reconcile(ours, statement);
        QVERIFY2(r.clean(),
                 r.differences.empty() ? r.incompleteReason.c_str() : r.differences.front().describe().c_str());
        // A whole day's fills and fees leave the books' cash where the broker's is, to 1/10000 $.
        QVERIFY(r.cashCompared);
        QCOMPARE(ours.cash->raw(), statement.cash->raw());
        QVERIFY(QString::fromStdString(summarize(r)).endsWith(QLatin1String("and the cash agree with the broker")));

        // A position closed by hand at the broker while the console was down.
        const std::string symbol = held;
        execute(broker, {QStringLiteral("UPDATE positions SET qty = 0, cost = 0 WHERE symbol = '%1'")
                             .arg(QString::fromStdString(symbol))});
        const ReconciliationResult after = reconcile(ours, PaperRecords(broker).statement());
        QCOMPARE(after.differences.size(), std::size_t(1));
        QCOMPARE(int(after.differences.front().kind), int(DifferenceKind::MissingAtBroker));
        QCOMPARE(after.differences.front().symbol, symbol);

        // An unreadable file answers nothing.
        const BrokerStatement none = PaperRecords(dir.filePath(QStringLiteral("nothing.sqlite"))).statement();
        QVERIFY(!none.positionsAnswered && !none.ordersAnswered);
        QVERIFY(!reconcile(ours, none).complete());
    }

    void twoLooksKeepOnlyWhatStays()
    {
        // First look: AAPL differs by 10 (a report on its way), MSFT by 5, an order unknown.
        InternalBooks ours{{position("AAPL", 100, 19000), position("MSFT", 10, 41000)}, {}};
        const ReconciliationResult first = reconcile(
            ours, answered({position("AAPL", 110, 19000), position("MSFT", 15, 41000)}, {order("x-1", "TSLA", 3)}));
        QCOMPARE(first.differences.size(), std::size_t(3));
        // A second later: AAPL's report has arrived (both 110), MSFT moved on both sides but
        // still differs by 5, the unknown order is still there.
        InternalBooks later{{position("AAPL", 110, 19000), position("MSFT", 20, 41000)}, {}};
        const ReconciliationResult second = reconcile(
            later, answered({position("AAPL", 110, 19000), position("MSFT", 25, 41000)}, {order("x-1", "TSLA", 3)}));
        const ReconciliationResult kept = confirmed(first, second);
        QVERIFY(kept.complete());
        QCOMPARE(kept.differences.size(), std::size_t(2));
        QCOMPARE(kept.differences[0].key(), std::string("position MSFT"));
        QCOMPARE(kept.differences[0].brokerQty, Quantity(25)); // the later figures
        QCOMPARE(kept.differences[1].key(), std::string("order x-1"));
        // A gap that changed is not the same difference.
        const ReconciliationResult moved =
            confirmed(first, reconcile(later, answered({position("MSFT", 23, 41000)}, {})));
        QVERIFY(!std::any_of(moved.differences.begin(), moved.differences.end(),
                             [](const Difference &d) { return d.symbol == "MSFT"; }));
        // Either look incomplete: the result is.
        BrokerStatement failed;
        failed.error = "timeout";
        const ReconciliationResult half = confirmed(reconcile(ours, failed), second);
        QVERIFY(!half.complete());
        QVERIFY(QString::fromStdString(half.incompleteReason).contains(QLatin1String("timeout")));
    }

    void theJournalsBooksWithoutAnEngine()
    {
        // What a restore leaves: a journal and the broker's file, no engine running.
        QTemporaryDir dir;
        journaledSession(dir.path());
        const QString journal = dir.filePath(QStringLiteral("journal.sqlite"));
        const QString broker = dir.filePath(QStringLiteral("paper-broker.sqlite"));
        InternalBooks books;
        QCOMPARE(journalBooks(journal, books), QString());
        QVERIFY(!books.positions.empty());
        const ReconciliationResult r = reconcile(books, PaperRecords(broker).statement());
        QVERIFY2(r.clean(), summarize(r).c_str()); // quantities and average prices to the cent
        QCOMPARE(r.positionsChecked, int(books.positions.size()));

        // The broker went on after the backup the journal came from: the quantity differs.
        const QString symbol = QString::fromStdString(books.positions.front().symbol);
        execute(broker, {QStringLiteral("UPDATE positions SET qty = qty + 10 WHERE symbol = '%1'").arg(symbol)});
        const ReconciliationResult after = reconcile(books, PaperRecords(broker).statement());
        QCOMPARE(after.differences.size(), std::size_t(1));
        QCOMPARE(int(after.differences.front().kind), int(DifferenceKind::QuantityDiffers));
        QCOMPARE(after.differences.front().symbol, symbol.toStdString());

        // Fills after the last checkpoint count too (a session stopped between checkpoints).
        execute(journal, {QStringLiteral("DELETE FROM position_snapshots WHERE checkpoint = (SELECT MAX(seq) FROM "
                                         "checkpoints)"),
                          QStringLiteral("DELETE FROM checkpoints WHERE seq = (SELECT MAX(seq) FROM checkpoints)")});
        InternalBooks replayed;
        QCOMPARE(journalBooks(journal, replayed), QString());
        QCOMPARE(replayed.positions.size(), books.positions.size());
        for (std::size_t i = 0; i < books.positions.size(); ++i) {
            QCOMPARE(replayed.positions[i].qty, books.positions[i].qty);
            QVERIFY(std::llabs(replayed.positions[i].avgPrice.raw() - books.positions[i].avgPrice.raw()) <= 1);
        }

        InternalBooks none;
        QVERIFY(
            journalBooks(dir.filePath(QStringLiteral("gone.sqlite")), none).contains(QLatin1String("does not exist")));
    }
};

QTEST_MAIN(TestReconciliation)
#include "tst_reconciliation.moc"
