#include "store/JournalFiles.h"

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace vigil {

namespace {
/// Runs `work` on a connection of its own to `path`; false if the file cannot be opened.
template <typename Work>
bool withConnection(const QString &path, const QString &name, Work work)
{
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        opened = db.open();
        if (opened) {
            work(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}
}

bool journalHoldsSession(const QString &path, const QString &isoDate)
{
    if (!QFileInfo::exists(path))
        return false;
    bool holds = true;
    withConnection(path, QStringLiteral("vigil-holds-session"), [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        const bool hasTable = q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sessions'"))
            && q.next() && q.value(0).toInt() == 1;
        if (!hasTable) {
            holds = false; // an empty or foreign file: the writer decides what to do with it
            return;
        }
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE session_date = ?"));
        q.addBindValue(isoDate);
        holds = !(q.exec() && q.next() && q.value(0).toInt() == 0);
    });
    return holds;
}

QString archiveJournal(const QString &path, const QString &stamp, QString *error)
{
    const QFileInfo info(path);
    const QString target = info.dir().filePath(QStringLiteral("%1-%2.%3").arg(info.completeBaseName(), stamp,
                                                                                info.suffix()));
    if (QFileInfo::exists(target)) {
        *error = QStringLiteral("cannot move %1 aside: %2 already exists").arg(path, target);
        return {};
    }
    QString checkpointError;
    const bool opened = withConnection(path, QStringLiteral("vigil-archive"), [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
            checkpointError = q.lastError().text();
    });
    if (!opened || !checkpointError.isEmpty()) {
        *error = QStringLiteral("cannot fold the write-ahead log of %1 into it: %2")
                     .arg(path, opened ? checkpointError : QStringLiteral("cannot open it"));
        return {};
    }
    if (!QFile::rename(path, target)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(path, target);
        return {};
    }
    for (const char *suffix : {"-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix)); // empty after the checkpoint
    return target;
}

} // namespace vigil
