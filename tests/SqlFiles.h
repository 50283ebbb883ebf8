#pragma once
// Test helpers that read and change SQLite files directly, the way an operator's sqlite3
// shell (or a damaged disk) would. Each opens its own short-lived connection.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QVariantList>

namespace vigil::testing {

/// Runs each statement on the file at `path`; a statement that fails fails the test.
inline void execute(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-write"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            QVERIFY2(q.exec(s), qPrintable(s + QStringLiteral(": ") + q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-write"));
}

/// Every row of a query, each as its values joined by '|' (an empty list if it fails).
inline QStringList rows(const QString &path, const QString &sql)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-read"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                while (q.next()) {
                    QStringList values;
                    for (int i = 0; i < q.record().count(); ++i)
                        values << q.value(i).toString();
                    out << values.join(QLatin1Char('|'));
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-read"));
    return out;
}

/// The first column of the first row (-1 if there is none or the query fails).
inline qint64 scalar(const QString &path, const QString &sql)
{
    const QStringList r = rows(path, sql);
    return r.isEmpty() || r.first().isEmpty() ? -1 : r.first().section(QLatin1Char('|'), 0, 0).toLongLong();
}

} // namespace vigil::testing
