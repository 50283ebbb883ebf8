// The broker's file is written through PaperBrokerStore (as the paper broker writes it),
// the journal's rows through its own schema; the console's books differ from the broker's
// in 1 % of the positions and 0.1 % of the orders, so the comparison has differences to
// describe. Each figure is the median of seven rounds.

#include "ReconBench.h"

#include "api/Reconciliation.h"
#include "sim/PaperBrokerStore.h"
#include "sim/PaperRecords.h"
#include "store/Schema.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace vigil::bench {

namespace {

constexpr int kPositions = 5000;
constexpr int kOrders = 20000;
constexpr int kRounds = 7;
const char *kDate = "2026-11-20";

using Clock = std::chrono::steady_clock;

std::string symbolName(int i)
{
    char name[16];
    std::snprintf(name, sizeof name, "S%04d", i);
    return name;
}

std::string orderId(int i)
{
    char id[32];
    std::snprintf(id, sizeof id, "VG-20261120-mr-%06d", i + 1);
    return id;
}

double medianMs(const std::function<void()> &work)
{
    std::vector<double> ms;
    for (int round = 0; round < kRounds; ++round) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

QString writeBroker(const QString &path, InternalBooks &ours)
{
    PaperBrokerStore store;
    if (std::string e = store.open(path.toStdString()); !e.empty())
        return QString::fromStdString(e);
    if (std::string e = store.begin(); !e.empty())
        return QString::fromStdString(e);
    for (int i = 0; i < kPositions; ++i) {
        Book b;
        b.qty = (i % 2 ? -1 : 1) * (100 + i % 400);
        b.cost = notional(Price::fromCents(5000 + i), b.qty);
        if (std::string e = store.savePosition(symbolName(i), b); !e.empty())
            return QString::fromStdString(e);
        ours.positions.push_back({symbolName(i), b.qty + (i % 100 == 0 ? 1 : 0), Price::fromCents(5000 + i)});
    }
    for (int i = 0; i < kOrders; ++i) {
        BrokerOrder o;
        o.clientOrderId = orderId(i);
        o.sessionDate = kDate;
        o.number = static_cast<OrderId>(i + 1);
        o.symbol = symbolName(i % kPositions);
        o.side = i % 2 ? Side::Sell : Side::Buy;
        o.type = OrderType::Limit;
        o.qty = 100;
        o.limitPrice = Price::fromCents(4000 + i % 1000);
        o.filledQty = i % 3 == 0 ? 40 : 0;
        o.status = o.filledQty > 0 ? "partially_filled" : "accepted";
        if (std::string e = store.saveOrder(o); !e.empty())
            return QString::fromStdString(e);
        if (i % 1000 != 0) // a few the broker holds that the console does not
            ours.workingOrders.push_back({o.clientOrderId, o.symbol, o.side, o.qty, o.filledQty});
    }
    BrokerAccount account;
    account.fresh = false;
    account.cash = Money::fromDollars(1'000'000);
    account.sessionDate = kDate;
    if (std::string e = store.saveAccount(account); !e.empty())
        return QString::fromStdString(e);
    if (std::string e = store.commit(); !e.empty())
        return QString::fromStdString(e);
    return {};
}

QString writeJournal(const QString &path)
{
    QString error = openJournalDatabase(path, QStringLiteral("recon-bench-write"));
    {
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("recon-bench-write"), false);
        if (error.isEmpty())
            error = migrateJournal(db);
        if (error.isEmpty()) {
            db.transaction();
            QSqlQuery q(db);
            q.exec(
                QStringLiteral("INSERT INTO checkpoints (seq, session_date, at, kind, base, starting_equity, "
                               "high_water_mark, max_drawdown, books) VALUES (1, '%1', 0, 'periodic', 0, 0, 0, 0, %2)")
                    .arg(QLatin1String(kDate))
                    .arg(kPositions));
            q.prepare(QStringLiteral("INSERT INTO position_snapshots (seq, at, strategy, symbol, qty, cost, realized, "
                                     "fees, mark, checkpoint) VALUES (?, 0, 'account', ?, ?, ?, 0, 0, 0, 1)"));
            for (int i = 0; i < kPositions; ++i) {
                const Quantity qty = (i % 2 ? -1 : 1) * (100 + i % 400);
                q.addBindValue(i + 2);
                q.addBindValue(QString::fromStdString(symbolName(i)));
                q.addBindValue(static_cast<qlonglong>(qty));
                q.addBindValue(static_cast<qlonglong>(notional(Price::fromCents(5000 + i), qty).raw()));
                if (!q.exec())
                    error = q.lastError().text();
            }
            q.prepare(
                QStringLiteral("INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, "
                               "side, type, qty, limit_price, status, filled_qty, created_at, updated_at) "
                               "VALUES (?, ?, ?, 'mean_reversion', ?, ?, 'limit', 100, ?, ?, ?, 0, 0)"));
            for (int i = 0; i < kOrders && error.isEmpty(); ++i) {
                q.addBindValue(QString::fromStdString(orderId(i)));
                q.addBindValue(QLatin1String(kDate));
                q.addBindValue(i + 1);
                q.addBindValue(QString::fromStdString(symbolName(i % kPositions)));
                q.addBindValue(i % 2 ? QStringLiteral("sell") : QStringLiteral("buy"));
                q.addBindValue(static_cast<qlonglong>(Price::fromCents(4000 + i % 1000).raw()));
                q.addBindValue(i % 3 == 0 ? QStringLiteral("partially filled") : QStringLiteral("accepted"));
                q.addBindValue(i % 3 == 0 ? 40 : 0);
                if (!q.exec())
                    error = q.lastError().text();
            }
            if (error.isEmpty())
                db.commit();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("recon-bench-write"));
    return error;
}

/// The same numbers of rows as the statement, read from the journal into the same shapes.
InternalBooks loadFromJournal(const QString &path)
{
    InternalBooks books;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("recon-bench-read"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        db.open();
        QSqlQuery q(db);
        db.transaction();
        q.exec(QStringLiteral("SELECT symbol, qty, cost FROM position_snapshots WHERE checkpoint = 1"));
        while (q.next()) {
            const Quantity qty = q.value(1).toLongLong();
            books.positions.push_back(
                {q.value(0).toString().toStdString(), qty, averagePrice(Money::fromRaw(q.value(2).toLongLong()), qty)});
        }
        q.exec(QStringLiteral("SELECT client_order_id, symbol, side, qty, filled_qty FROM orders WHERE status IN "
                              "('accepted', 'partially filled')"));
        while (q.next())
            books.workingOrders.push_back({q.value(0).toString().toStdString(), q.value(1).toString().toStdString(),
                                           q.value(2).toString() == QLatin1String("sell") ? Side::Sell : Side::Buy,
                                           q.value(3).toLongLong(), q.value(4).toLongLong()});
        db.rollback();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("recon-bench-read"));
    return books;
}

} // namespace

int runReconBench(const char *directory)
{
    QTemporaryDir scratch(
        QDir(QString::fromLocal8Bit(directory)).absoluteFilePath(QStringLiteral("vigil-recon-bench-XXXXXX")));
    if (!scratch.isValid()) {
        std::fprintf(stderr, "vigil-bench: cannot make a scratch directory under %s\n", directory);
        return 1;
    }
    const QString brokerFile = scratch.filePath(QStringLiteral("paper-broker.sqlite"));
    const QString journalFile = scratch.filePath(QStringLiteral("journal.sqlite"));
    InternalBooks ours;
    for (const QString &error : {writeBroker(brokerFile, ours), writeJournal(journalFile)})
        if (!error.isEmpty()) {
            std::fprintf(stderr, "vigil-bench: cannot write the data: %s\n", qPrintable(error));
            return 1;
        }
    std::printf("%d positions and %d working orders at the broker; the console's books differ in %zu positions and "
                "%d orders\n",
                kPositions, kOrders, static_cast<std::size_t>(kPositions / 100), kOrders / 1000);

    InternalBooks loaded;
    const double journalMs = medianMs([&] { loaded = loadFromJournal(journalFile); });
    BrokerStatement statement;
    const double statementMs = medianMs([&] { statement = PaperRecords(brokerFile).statement(); });
    ReconciliationResult result;
    const double compareMs = medianMs([&] { result = reconcile(ours, statement); });
    const double runMs = medianMs([&] { result = reconcile(ours, PaperRecords(brokerFile).statement()); });
    if (loaded.positions.size() != static_cast<std::size_t>(kPositions)
        || loaded.workingOrders.size() != static_cast<std::size_t>(kOrders) || !result.complete()) {
        std::fprintf(stderr, "vigil-bench: the data did not read back whole (%zu positions, %zu orders; %s)\n",
                     loaded.positions.size(), loaded.workingOrders.size(), result.incompleteReason.c_str());
        return 1;
    }
    std::printf("journal load (same rows):    %8.1f ms\n", journalMs);
    std::printf("broker statement read:       %8.1f ms\n", statementMs);
    std::printf("comparison:                  %8.1f ms  (%zu differences)\n", compareMs, result.differences.size());
    std::printf("whole run (read + compare):  %8.1f ms  = %.2fx the journal load\n", runMs, runMs / journalMs);
    std::printf("{\"recon_run_ms\": %.1f, \"recon_compare_ms\": %.1f, \"recon_statement_ms\": %.1f, "
                "\"journal_load_ms\": %.1f, \"ratio\": %.2f, \"differences\": %zu}\n",
                runMs, compareMs, statementMs, journalMs, runMs / journalMs, result.differences.size());
    return 0;
}

} // namespace vigil::bench
