#pragma once
// Consistent copies of live SQLite files, and the checks run on a copy. Any thread: each
// call opens its own connections and closes them before returning.

#include <QString>
#include <QStringList>

namespace vigil {

/// Copies the database at `source` to a new file `destination` with SQLite's backup API in
/// one step: the whole copy is read inside one read transaction, so it is the database as
/// of one commit, while a writer in WAL mode carries on (it is never blocked). The copy is
/// a self-contained file in rollback-journal mode (no -wal to go with it). Empty or the
/// reason.
QString snapshotDatabase(const QString &source, const QString &destination);

struct DatabaseCheck {
    QStringList problems; ///< integrity_check and foreign_key_check findings; empty when sound
    int userVersion = -1; ///< PRAGMA user_version (-1: unreadable)
    bool ok() const { return problems.isEmpty() && userVersion >= 0; }
};

/// Who else may have the file open while it is checked.
enum class FileAccess {
    Shared,  ///< a live file: read through SQLite's ordinary reads
    Private, ///< a copy nothing else opens: read through a memory map, without a copy per page.
             ///< A mapped file truncated under the reader would crash it, hence the choice.
};

/// PRAGMA integrity_check, foreign_key_check and user_version on the file at `path`
/// (opened read-only).
DatabaseCheck checkDatabase(const QString &path, FileAccess access = FileAccess::Shared);

/// PRAGMA user_version of the database at `path` (-1 if it cannot be read); the files are
/// left as they were.
int databaseUserVersion(const QString &path);

} // namespace vigil
