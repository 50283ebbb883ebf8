#include "backup/SqliteSnapshot.h"
#include "store/SqliteStatement.h"

#include <QFile>

#include <sqlite3.h>

namespace vigil {

namespace {

/// Owns a connection for the length of one call.
struct Connection {
    sqlite3 *db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
    /// Why the last call failed (sqliteFailure; no page limit is set on these files).
    QString message() const
    {
        return db ? QString::fromStdString(sqliteFailure(db, FullMeans::Disk)) : QStringLiteral("out of memory");
    }
    bool exec(const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

} // namespace

QString snapshotDatabase(const QString &source, const QString &destination)
{
    Connection from;
    // Read-write (never create): a read-only connection cannot open a WAL database whose
    // -shm is missing. Nothing is written through it.
    if (sqlite3_open_v2(QFile::encodeName(source).constData(), &from.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        return QStringLiteral("cannot open %1: %2").arg(source, from.message());
    sqlite3_busy_timeout(from.db, 5000);
    Connection to;
    if (sqlite3_open_v2(QFile::encodeName(destination).constData(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr)
        != SQLITE_OK)
        return QStringLiteral("cannot create %1: %2").arg(destination, to.message());
    // The copy is a scratch file until the archive holds it: no rollback journal, no
    // fsync (the archive is synced once, whole).
    to.exec("PRAGMA journal_mode=OFF");
    to.exec("PRAGMA synchronous=OFF");
    sqlite3_backup *backup = sqlite3_backup_init(to.db, "main", from.db, "main");
    if (!backup)
        return QStringLiteral("cannot start copying %1: %2").arg(source, to.message());
    // -1: every page in one step, so one read transaction covers the whole copy.
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) // a write failed on the copy's side (a read on the source's)
        return QStringLiteral("cannot copy %1 to %2: %3")
            .arg(source, destination, sqlite3_errcode(to.db) != SQLITE_OK ? to.message() : from.message());
    // The pages came from a WAL database and say so; make the copy stand alone.
    if (!to.exec("PRAGMA journal_mode=DELETE"))
        return QStringLiteral("cannot take %1 out of WAL mode: %2").arg(destination, to.message());
    return {};
}

int databaseUserVersion(const QString &path)
{
    Connection c;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK
        || !c.exec("PRAGMA query_only=1"))
        return -1;
    sqlite3_stmt *stmt = nullptr;
    int version = -1;
    if (sqlite3_prepare_v2(c.db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

DatabaseCheck checkDatabase(const QString &path, FileAccess access)
{
    DatabaseCheck check;
    Connection c;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        check.problems << QStringLiteral("cannot open: %1").arg(c.message());
        return check;
    }
    if (access == FileAccess::Private)
        c.exec("PRAGMA mmap_size=1073741824"); // up to 1 GiB mapped; SQLite reads the rest
    auto rows = [&](const char *sql, int limit, QStringList &out) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(c.db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            out << QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(sql), c.message());
            return;
        }
        int rc = SQLITE_ROW;
        while (out.size() < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            QStringList values;
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const auto *text = sqlite3_column_text(stmt, i);
                values << (text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : QStringLiteral("NULL"));
            }
            out << values.join(QLatin1Char(' '));
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            out << QStringLiteral("%1 failed: %2").arg(QString::fromLatin1(sql), c.message());
        sqlite3_finalize(stmt);
    };
    QStringList version;
    rows("PRAGMA user_version", 1, version);
    bool ok = false;
    check.userVersion = version.value(0).toInt(&ok);
    if (!ok) {
        check.userVersion = -1;
        check.problems << QStringLiteral("not a readable SQLite database (%1)").arg(version.value(0));
        return check;
    }
    QStringList integrity;
    rows("PRAGMA integrity_check(20)", 20, integrity);
    if (!(integrity.size() == 1 && integrity.first() == QLatin1String("ok")))
        for (const QString &line : integrity)
            check.problems << QStringLiteral("integrity_check: %1").arg(line);
    QStringList keys;
    rows("PRAGMA foreign_key_check", 20, keys);
    for (const QString &line : keys)
        check.problems << QStringLiteral("foreign_key_check: %1").arg(line);
    return check;
}

} // namespace vigil
