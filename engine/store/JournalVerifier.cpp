#include "store/JournalVerifier.h"

#include "oms/Order.h"
#include "portfolio/Portfolio.h"
#include "store/Schema.h"

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

std::optional<OrderStatus> statusFromText(const QString &text)
{
    for (int i = 0; i <= static_cast<int>(OrderStatus::Expired); ++i) {
        const auto s = static_cast<OrderStatus>(i);
        const std::string_view name = toString(s);
        if (text == QLatin1String(name.data(), static_cast<qsizetype>(name.size())))
            return s;
    }
    return std::nullopt;
}

class Checker {
public:
    Checker(QSqlDatabase &db, JournalCheck &out) : m_db(db), m_out(out) {}

    void run()
    {
        integrity();
        if (!m_out.ok())
            return; // a damaged file's contents prove nothing
        const int version = journalSchemaVersion(m_db);
        if (version != kJournalSchemaVersion) {
            m_out.problems << QStringLiteral("schema version %1; this build reads version %2")
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
    QSqlQuery query(const QString &sql)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(sql))
            m_out.problems << QStringLiteral("query failed (%1): %2").arg(sql.left(60), q.lastError().text());
        return q;
    }

    void integrity()
    {
        QSqlQuery q = query(QStringLiteral("PRAGMA integrity_check"));
        while (q.next()) {
            const QString line = q.value(0).toString();
            if (line != QLatin1String("ok"))
                m_out.problems << QStringLiteral("SQLite integrity check: %1").arg(line);
        }
        QSqlQuery fk = query(QStringLiteral("PRAGMA foreign_key_check"));
        while (fk.next())
            m_out.problems << QStringLiteral("table %1 row %2 refers to a missing row of %3")
                                  .arg(fk.value(0).toString(), fk.value(1).toString(), fk.value(2).toString());
    }

    void counts()
    {
        QSqlQuery q = query(QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM fills), (SELECT COUNT(*) FROM position_snapshots)"));
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
            m_out.problems << QStringLiteral("order %1: execution %2 recorded %3 times")
                                  .arg(dup.value(0).toString(), dup.value(1).toString(), dup.value(2).toString());
        QSqlQuery orphan = query(QStringLiteral(
            "SELECT f.client_order_id, f.execution_id FROM fills f LEFT JOIN orders o USING (client_order_id) "
            "WHERE o.client_order_id IS NULL"));
        while (orphan.next())
            m_out.problems << QStringLiteral("fill %2 names order %1, which is not in the journal")
                                  .arg(orphan.value(0).toString(), orphan.value(1).toString());
        QSqlQuery sums = query(QStringLiteral(
            "SELECT o.client_order_id, o.qty, o.filled_qty, COALESCE(SUM(f.qty), 0) FROM orders o "
            "LEFT JOIN fills f USING (client_order_id) GROUP BY o.client_order_id "
            "HAVING o.filled_qty != COALESCE(SUM(f.qty), 0) OR o.filled_qty > o.qty"));
        while (sums.next())
            m_out.problems << QStringLiteral("order %1: filled quantity %2 (of %3) but its fills add up to %4")
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
                m_out.problems << QStringLiteral("order %1: its last recorded state is '%2' but the order says '%3'")
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
            const std::optional<OrderStatus> status = statusFromText(statusText);
            if (!status) {
                m_out.problems << QStringLiteral("order %1: unknown state '%2'").arg(order, statusText);
                continue;
            }
            if (!previous) {
                if (*status != OrderStatus::New)
                    m_out.problems << QStringLiteral("order %1: first recorded state is '%2', not 'new'").arg(order, statusText);
            } else if (*status != *previous || *status == OrderStatus::PartiallyFilled) {
                if (!isLegalTransition(*previous, *status))
                    m_out.problems << QStringLiteral("order %1: illegal change from '%2' to '%3'")
                                          .arg(order, QLatin1String(toString(*previous).data()), statusText);
            }
            previous = status;
        }
        finishOrder();
    }

    void positionsMatchFills()
    {
        // Fills and snapshots in the engine's order (their record numbers), replayed into
        // books exactly as the engine kept them.
        QSqlQuery q = query(QStringLiteral(
            "SELECT seq, 0 AS kind, strategy, symbol, side, qty, price, fee, 0 FROM fills "
            "UNION ALL SELECT seq, 1, strategy, symbol, '', qty, cost, realized, at FROM position_snapshots "
            "ORDER BY 1, 2"));
        std::map<std::pair<QString, QString>, Book> books;
        while (q.next()) {
            const auto key = std::make_pair(q.value(2).toString(), q.value(3).toString());
            Book &book = books[key];
            if (q.value(1).toInt() == 0) {
                const Side side = q.value(4).toString() == QLatin1String("buy") ? Side::Buy : Side::Sell;
                book.apply(side, q.value(5).toLongLong(), Price::fromRaw(q.value(6).toLongLong()),
                           Money::fromRaw(q.value(7).toLongLong()));
                continue;
            }
            const Quantity qty = q.value(5).toLongLong();
            const Money cost = Money::fromRaw(q.value(6).toLongLong());
            const Money realized = Money::fromRaw(q.value(7).toLongLong());
            if (book.qty != qty || book.cost != cost || book.realized != realized)
                m_out.problems << QStringLiteral(
                                      "position %1 %2 at record %3: stored qty %4 cost %5 realized %6, "
                                      "but its fills give qty %7 cost %8 realized %9")
                                      .arg(key.first, key.second, q.value(0).toString())
                                      .arg(qty)
                                      .arg(QString::fromStdString(cost.toString()), QString::fromStdString(realized.toString()))
                                      .arg(book.qty)
                                      .arg(QString::fromStdString(book.cost.toString()),
                                           QString::fromStdString(book.realized.toString()));
        }
    }

    QSqlDatabase &m_db;
    JournalCheck &m_out;
};

} // namespace

JournalCheck verifyJournal(const QString &path)
{
    JournalCheck out;
    if (!QFileInfo::exists(path)) {
        out.problems << QStringLiteral("%1: no such journal").arg(path);
        return out;
    }
    const QString connection = QStringLiteral("vigil-verify-%1").arg(reinterpret_cast<quintptr>(&out));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            out.problems << QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text());
        } else {
            Checker(db, out).run();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return out;
}

} // namespace vigil
