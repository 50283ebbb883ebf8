#pragma once
// The journal's schema and its forward migrations. Call from the thread that owns the
// connection (Qt Sql connections are bound to the thread that opened them).
//
// Units: every money and price column is an integer in 1/10000 of a dollar; times are
// nanoseconds since the Unix epoch (UTC); quantities are whole shares.

#include <QSqlDatabase>
#include <QString>

namespace vigil {

/// The schema this build writes. Raised by one for every migration added below.
constexpr int kJournalSchemaVersion = 8;

/// Opens `path` as a SQLite database under `connectionName` (WAL, synchronous=FULL).
/// Returns an empty string or the reason it could not.
QString openJournalDatabase(const QString &path, const QString &connectionName);

/// Brings the journal to kJournalSchemaVersion: every pending migration and the new PRAGMA
/// user_version in one transaction, so a crash leaves either the old or the new schema,
/// never one in between. Refuses (and changes nothing) when the file is newer than this
/// build.
QString migrateJournal(QSqlDatabase &db);
/// The same, stopping at `version` (tests make journals of earlier versions with it).
QString migrateJournal(QSqlDatabase &db, int version);

/// The schema version stored in the file (0 for a new file); -1 if it cannot be read.
int journalSchemaVersion(QSqlDatabase &db);

} // namespace vigil
