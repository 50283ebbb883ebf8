#include "backup/PositionCheck.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <map>

namespace vigil {

namespace {

/// Runs `sql` (symbol, quantity rows) on the file at `path`, read-only. Empty or why not.
QString readPositions(const QString &path, const QString &sql, std::map<QString, std::int64_t> &out)
{
    if (!QFileInfo(path).isFile())
        return QStringLiteral("%1 does not exist").arg(path);
    const QString name = QStringLiteral("vigil-position-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                error = QStringLiteral("cannot read the positions in %1: %2").arg(path, q.lastError().text());
            } else {
                while (q.next())
                    out[q.value(0).toString()] = q.value(1).toLongLong();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace

PositionComparison compareBooks(const QString &journalPath, const QString &brokerPath)
{
    PositionComparison result;
    std::map<QString, std::int64_t> journal, broker;
    result.error = readPositions(journalPath,
                                 QStringLiteral("SELECT symbol, SUM(CASE side WHEN 'buy' THEN qty ELSE -qty END) AS q "
                                                "FROM fills GROUP BY symbol HAVING q != 0"),
                                 journal);
    if (result.error.isEmpty())
        result.error = readPositions(brokerPath, QStringLiteral("SELECT symbol, qty FROM positions WHERE qty != 0"), broker);
    if (!result.error.isEmpty())
        return result;
    std::map<QString, std::pair<std::int64_t, std::int64_t>> both;
    for (const auto &[symbol, qty] : journal)
        both[symbol].first = qty;
    for (const auto &[symbol, qty] : broker)
        both[symbol].second = qty;
    result.symbols = static_cast<int>(both.size());
    for (const auto &[symbol, qty] : both)
        if (qty.first != qty.second)
            result.differences.push_back({symbol, qty.first, qty.second});
    return result;
}

} // namespace vigil
