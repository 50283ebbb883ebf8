#include "sim/PaperRecords.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace vigil {

namespace {
/// Runs `read` on a read-only connection of its own to `path`. Returns why the file cannot
/// be opened (empty when it could, and `read` ran).
template<typename Read> std::string withFile(const QString &path, Read read)
{
    if (!QFileInfo(path).isFile())
        return QCoreApplication::translate("Reconciliation", "%1 does not exist").arg(path).toStdString();
    const QString name = QStringLiteral("vigil-broker-records-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::string error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QCoreApplication::translate("Reconciliation", "cannot open %1: %2")
                        .arg(path, db.lastError().text())
                        .toStdString();
        } else {
            read(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}
} // namespace

BrokerStatement PaperRecords::statement() const
{
    const QString &path = m_path;
    BrokerStatement s;
    std::string error = withFile(path, [&s, &path](QSqlDatabase &db) {
        // One read transaction: positions and orders from the same moment.
        QSqlQuery q(db);
        db.transaction();
        if (q.exec(QStringLiteral("SELECT symbol, qty, cost FROM positions WHERE qty != 0 ORDER BY symbol"))) {
            while (q.next()) {
                const Quantity qty = q.value(1).toLongLong();
                s.positions.push_back({q.value(0).toString().toStdString(), qty,
                                       averagePrice(Money::fromRaw(q.value(2).toLongLong()), qty)});
            }
            s.positionsAnswered = true;
        } else {
            s.error = QCoreApplication::translate("Reconciliation", "cannot read the positions in %1: %2")
                          .arg(path, q.lastError().text())
                          .toStdString();
        }
        if (q.exec(QStringLiteral("SELECT client_order_id, symbol, side, qty, filled_qty FROM orders "
                                  "WHERE status IN ('accepted', 'partially_filled') ORDER BY client_order_id"))) {
            while (q.next())
                s.openOrders.push_back({q.value(0).toString().toStdString(), q.value(1).toString().toStdString(),
                                        q.value(2).toString() == QLatin1String("sell") ? Side::Sell : Side::Buy,
                                        q.value(3).toLongLong(), q.value(4).toLongLong()});
            s.ordersAnswered = true;
        } else if (s.error.empty()) {
            s.error = QCoreApplication::translate("Reconciliation", "cannot read the orders in %1: %2")
                          .arg(path, q.lastError().text())
                          .toStdString();
        }
        // The account's cash, from the same moment: a broker that tells it has it compared.
        if (q.exec(QStringLiteral("SELECT cash FROM account WHERE id = 1")) && q.next())
            s.cash = Money::fromRaw(q.value(0).toLongLong());
        // Executions on orders the console did not place (their client order ids are not
        // Vigil's), in the account's current session.
        if (q.exec(QStringLiteral(
                "SELECT o.symbol, o.side, e.qty, e.price, e.fee FROM executions e "
                "JOIN orders o ON o.client_order_id = e.client_order_id "
                "WHERE o.client_order_id NOT LIKE 'VG-%' "
                "AND o.session_date = (SELECT session_date FROM account WHERE id = 1) ORDER BY e.execution_id"))) {
            while (q.next()) {
                const Quantity qty = q.value(2).toLongLong();
                s.outsideTrades.push_back(
                    {q.value(0).toString().toStdString(), q.value(1).toString() == QLatin1String("sell") ? -qty : qty,
                     Price::fromRaw(q.value(3).toLongLong()), Money::fromRaw(q.value(4).toLongLong())});
            }
        }
        db.rollback();
    });
    if (!error.empty())
        s.error = std::move(error);
    return s;
}

AccountFacts PaperRecords::account() const
{
    AccountFacts a;
    std::string error = withFile(m_path, [&a, this](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT cash FROM account WHERE id = 1")) && q.next()) {
            // The paper broker has no account states of its own: an account it keeps is active.
            a.known = true;
            a.active = true;
            a.tradingBlocked = false;
            a.cash = Money::fromRaw(q.value(0).toLongLong());
        } else {
            a.error = QCoreApplication::translate("Reconciliation", "cannot read the account in %1: %2")
                          .arg(m_path, q.lastError().text())
                          .toStdString();
        }
    });
    if (!error.empty())
        a.error = std::move(error);
    return a;
}

} // namespace vigil
