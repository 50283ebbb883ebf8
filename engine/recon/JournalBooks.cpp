#include "api/JournalBooks.h"

#include "portfolio/Portfolio.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <map>

namespace vigil {

QString journalBooks(const QString &path, InternalBooks &out)
{
    if (!QFileInfo(path).isFile())
        return QStringLiteral("%1 does not exist").arg(path);
    const QString name = QStringLiteral("vigil-journal-books-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        } else {
            QSqlQuery q(db);
            db.transaction(); // one moment of the file
            auto run = [&](const QString &sql, const QVariantList &values = {}) {
                q.prepare(sql);
                for (const QVariant &v : values)
                    q.addBindValue(v);
                if (!q.exec() && error.isEmpty())
                    error = QStringLiteral("cannot read the books in %1: %2").arg(path, q.lastError().text());
                return error.isEmpty();
            };
            std::map<std::string, Book> books;
            qlonglong since = 0; // fills after this journal record
            if (run(QStringLiteral("SELECT MAX(seq) FROM checkpoints")) && q.next() && !q.value(0).isNull()) {
                since = q.value(0).toLongLong();
                if (run(QStringLiteral("SELECT symbol, qty, cost FROM position_snapshots WHERE checkpoint = ? AND "
                                       "strategy = 'account'"),
                        {since}))
                    while (q.next()) {
                        Book &b = books[q.value(0).toString().toStdString()];
                        b.qty = q.value(1).toLongLong();
                        b.cost = Money::fromRaw(q.value(2).toLongLong());
                    }
            }
            if (error.isEmpty()
                && run(QStringLiteral("SELECT symbol, side, qty, price FROM fills WHERE seq > ? ORDER BY seq"),
                       {since}))
                while (q.next())
                    books[q.value(0).toString().toStdString()].apply(
                        q.value(1).toString() == QLatin1String("sell") ? Side::Sell : Side::Buy,
                        q.value(2).toLongLong(), Price::fromRaw(q.value(3).toLongLong()), Money{});
            for (const auto &[symbol, b] : books)
                if (b.qty != 0)
                    out.positions.push_back({symbol, b.qty, b.averagePrice()});
            if (error.isEmpty()
                && run(QStringLiteral(
                    "SELECT client_order_id, symbol, side, qty, filled_qty FROM orders WHERE session_date = "
                    "(SELECT MAX(session_date) FROM sessions) AND status IN ('new', 'accepted', "
                    "'partially filled', 'cancel pending', 'unknown') ORDER BY client_order_id")))
                while (q.next())
                    out.workingOrders.push_back(
                        {q.value(0).toString().toStdString(), q.value(1).toString().toStdString(),
                         q.value(2).toString() == QLatin1String("sell") ? Side::Sell : Side::Buy,
                         q.value(3).toLongLong(), q.value(4).toLongLong()});
            db.rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        out = {};
    return error;
}

} // namespace vigil
