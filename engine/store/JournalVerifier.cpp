#include "api/JournalVerifier.h"

#include "oms/Order.h"
#include "portfolio/Portfolio.h"
#include "store/Schema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <map>
#include <optional>
#include <utility>

namespace vigil {

namespace {

class Checker {
public:
    Checker(QSqlDatabase &db, JournalCheck &out)
        : m_db(db)
        , m_out(out)
    {}

    void run()
    {
        integrity();
        if (!m_out.ok())
            return; // a damaged file's contents prove nothing
        const int version = journalSchemaVersion(m_db);
        if (version == 0 && tableCount() == 0) {
            // Created, then stopped before its schema was committed (the migration is one
            // transaction): nothing was ever recorded in it, and nothing is inconsistent.
            m_out.empty = true;
            return;
        }
        if (version != kJournalSchemaVersion) {
            m_out.problems << QCoreApplication::translate("Journal", "schema version %1; this build reads version %2")
                                  .arg(version)
                                  .arg(kJournalSchemaVersion);
            return;
        }
        counts();
        fillsMatchOrders();
        orderHistories();
        positionsMatchFills();
    }

private:
    int tableCount()
    {
        QSqlQuery q = query(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"));
        return q.next() ? q.value(0).toInt() : -1;
    }

    QSqlQuery query(const QString &sql)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(sql))
            m_out.problems << QCoreApplication::translate("Journal", "query failed (%1): %2")
                                  .arg(sql.left(60), q.lastError().text());
        return q;
    }

    void integrity()
    {
        QSqlQuery q = query(QStringLiteral("PRAGMA integrity_check"));
        while (q.next()) {
            const QString line = q.value(0).toString();
            if (line != QLatin1String("ok"))
                m_out.problems << QCoreApplication::translate("Journal", "SQLite integrity check: %1").arg(line);
        }
        QSqlQuery fk = query(QStringLiteral("PRAGMA foreign_key_check"));
        while (fk.next())
            m_out.problems << QCoreApplication::translate("Journal", "table %1 row %2 refers to a missing row of %3")
                                  .arg(fk.value(0).toString(), fk.value(1).toString(), fk.value(2).toString());
    }

    void counts()
    {
        QSqlQuery q = query(QStringLiteral("SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM fills), "
                                           "(SELECT COUNT(*) FROM position_snapshots)"));
        if (q.next()) {
            m_out.orders = q.value(0).toInt();
            m_out.fills = q.value(1).toInt();
            m_out.positionSnapshots = q.value(2).toInt();
        }
    }

    void fillsMatchOrders()
    {
        QSqlQuery dup = query(QStringLiteral(
            "SELECT client_order_id, execution_id, COUNT(*) FROM fills GROUP BY 1, 2 HAVING COUNT(*) > 1"));
        while (dup.next())
            m_out.problems << QCoreApplication::translate("Journal", "order %1: execution %2 recorded %3 times")
                                  .arg(dup.value(0).toString(), dup.value(1).toString(), dup.value(2).toString());
        QSqlQuery orphan = query(QStringLiteral(
            "SELECT f.client_order_id, f.execution_id FROM fills f LEFT JOIN orders o USING (client_order_id) "
            "WHERE o.client_order_id IS NULL"));
        while (orphan.next())
            m_out.problems << QCoreApplication::translate("Journal",
                                                          "fill %2 names order %1, which is not in the journal")
                                  .arg(orphan.value(0).toString(), orphan.value(1).toString());
        QSqlQuery sums =
            query(QStringLiteral("SELECT o.client_order_id, o.qty, o.filled_qty, COALESCE(SUM(f.qty), 0) FROM orders o "
                                 "LEFT JOIN fills f USING (client_order_id) GROUP BY o.client_order_id "
                                 "HAVING o.filled_qty != COALESCE(SUM(f.qty), 0) OR o.filled_qty > o.qty"));
        while (sums.next())
            m_out.problems << QCoreApplication::translate(
                                  "Journal", "order %1: filled quantity %2 (of %3) but its fills add up to %4")
                                  .arg(sums.value(0).toString(), sums.value(2).toString(), sums.value(1).toString(),
                                       sums.value(3).toString());
    }

    void orderHistories()
    {
        QSqlQuery q = query(QStringLiteral(
            "SELECT e.client_order_id, e.status, o.status FROM order_events e JOIN orders o USING (client_order_id) "
            "ORDER BY e.client_order_id, e.seq"));
        QString current;
        std::optional<OrderStatus> previous;
        QString finalStatus;
        auto finishOrder = [&] {
            if (!current.isEmpty() && previous && QLatin1String(toString(*previous).data()) != finalStatus)
                m_out.problems << QCoreApplication::translate(
                                      "Journal", "order %1: its last recorded state is '%2' but the order says '%3'")
                                      .arg(current, QLatin1String(toString(*previous).data()), finalStatus);
        };
        while (q.next()) {
            const QString order = q.value(0).toString();
            const QString statusText = q.value(1).toString();
            if (order != current) {
                finishOrder();
                current = order;
                previous.reset();
                finalStatus = q.value(2).toString();
            }
            const std::optional<OrderStatus> status = orderStatusFromText(statusText.toStdString());
            if (!status) {
                m_out.problems
                    << QCoreApplication::translate("Journal", "order %1: unknown state '%2'").arg(order, statusText);
                continue;
            }
            if (!previous) {
                if (*status != OrderStatus::New)
                    m_out.problems << QCoreApplication::translate("Journal",
                                                                  "order %1: first recorded state is '%2', not 'new'")
                                          .arg(order, statusText);
            } else if (*status != *previous || *status == OrderStatus::PartiallyFilled) {
                if (!isLegalTransition(*previous, *status))
                    m_out.problems << QCoreApplication::translate("Journal",
                                                                  "order %1: illegal change from '%2' to '%3'")
                                          .arg(order, QLatin1String(toString(*previous).data()), statusText);
            }
            previous = status;
        }
        finishOrder();
    }

    void positionsMatchFills()
    {
        // Fills and checkpoints in the engine's order (their record numbers), replayed into
        // books exactly as the engine keeps them: per strategy and symbol, and the account's
        // own book per symbol. A new session carries positions at cost and starts realized
        // P&L and fees from zero. Rows written before checkpoints existed (schema version 1)
        // do not say which session they belong to and are counted, not compared.
        QSqlQuery q = query(QStringLiteral(
            "SELECT f.seq, 0 AS kind, f.strategy, f.symbol, f.side, f.qty, f.price, f.fee, 0, o.session_date "
            "FROM fills f JOIN orders o USING (client_order_id) "
            "UNION ALL SELECT p.seq, 1, p.strategy, p.symbol, '', p.qty, p.cost, p.realized, p.fees, c.session_date "
            "FROM position_snapshots p JOIN checkpoints c ON c.seq = p.checkpoint ORDER BY 1, 2"));
        std::map<std::pair<QString, QString>, Book> books;
        QString session;
        while (q.next()) {
            const QString rowSession = q.value(9).toString();
            if (rowSession != session) {
                if (!session.isEmpty()) {
                    for (auto it = books.begin(); it != books.end();) {
                        it->second.realized = it->second.fees = Money{};
                        it = it->second.qty == 0 && it->second.cost.isZero() ? books.erase(it) : std::next(it);
                    }
                }
                session = rowSession;
            }
            const auto key = std::make_pair(q.value(2).toString(), q.value(3).toString());
            if (q.value(1).toInt() == 0) {
                const Side side = q.value(4).toString() == QLatin1String("buy") ? Side::Buy : Side::Sell;
                const Price price = Price::fromRaw(q.value(6).toLongLong());
                const Money fee = Money::fromRaw(q.value(7).toLongLong());
                books[key].apply(side, q.value(5).toLongLong(), price, fee);
                books[std::make_pair(QStringLiteral("account"), key.second)].apply(side, q.value(5).toLongLong(), price,
                                                                                   fee);
                continue;
            }
            Book stored;
            stored.qty = q.value(5).toLongLong();
            stored.cost = Money::fromRaw(q.value(6).toLongLong());
            stored.realized = Money::fromRaw(q.value(7).toLongLong());
            stored.fees = Money::fromRaw(q.value(8).toLongLong());
            const Book &book = books[key];
            if (book.qty != stored.qty || book.cost != stored.cost || book.realized != stored.realized
                || book.fees != stored.fees)
                m_out.problems << QCoreApplication::translate(
                                      "Journal",
                                      "position %1 %2 at record %3: stored qty %4 cost %5 realized %6 fees %7, "
                                      "but its fills give qty %8 cost %9 realized %10 fees %11")
                                      .arg(key.first, key.second, q.value(0).toString())
                                      .arg(stored.qty)
                                      .arg(QString::fromStdString(stored.cost.toString()),
                                           QString::fromStdString(stored.realized.toString()),
                                           QString::fromStdString(stored.fees.toString()))
                                      .arg(book.qty)
                                      .arg(QString::fromStdString(book.cost.toString()),
                                           QString::fromStdString(book.realized.toString()),
                                           QString::fromStdString(book.fees.toString()));
        }
        QSqlQuery old = query(QStringLiteral("SELECT COUNT(*) FROM position_snapshots WHERE checkpoint IS NULL"));
        if (old.next())
            m_out.uncheckedSnapshots = old.value(0).toInt();
    }

    QSqlDatabase &m_db;
    JournalCheck &m_out;
};

} // namespace

JournalCheck verifyJournal(const QString &path)
{
    JournalCheck out;
    if (!QFileInfo::exists(path)) {
        out.problems << QCoreApplication::translate("Journal", "%1: no such journal").arg(path);
        return out;
    }
    const QString connection = QStringLiteral("vigil-verify-%1").arg(reinterpret_cast<quintptr>(&out));
    // A process killed while it wrote can leave a hot rollback journal (a transaction half
    // in the file) or a write-ahead log without its shared-memory index. SQLite must roll
    // the one back or rebuild the other before anyone can read, and a read-only connection
    // cannot: a read-write one does it first, the recovery the next start would do anyway,
    // which brings back the last committed state and adds nothing.
    if (QFileInfo::exists(path + QStringLiteral("-journal"))
        || (QFileInfo::exists(path + QStringLiteral("-wal")) && !QFileInfo::exists(path + QStringLiteral("-shm")))) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open()) {
                QSqlQuery recover(db);
                recover.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"));
                recover.finish();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(connection);
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            out.problems
                << QCoreApplication::translate("Journal", "%1: cannot open: %2").arg(path, db.lastError().text());
        } else {
            Checker(db, out).run();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return out;
}

} // namespace vigil
