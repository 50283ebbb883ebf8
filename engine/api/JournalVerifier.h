#pragma once
// Checks a journal file: SQLite's own integrity check, then Vigil's invariants. Opens the
// file read-only and changes nothing. Any thread (it opens its own connection).

#include <QString>
#include <QStringList>

namespace vigil {

struct JournalCheck {
    bool empty = false;   ///< created but never given its schema: nothing recorded yet
    QStringList problems; ///< one readable line each; empty when the journal is sound
    int orders = 0;
    int fills = 0;
    int positionSnapshots = 0;
    int uncheckedSnapshots = 0; ///< from schema version 1, which did not say their session
    bool ok() const { return problems.isEmpty(); }
};

/// Verifies:
/// - PRAGMA integrity_check and foreign_key_check;
/// - the schema version is one this build knows;
/// - no execution is recorded twice, and every fill belongs to a known order;
/// - each order's filled quantity equals the sum of its fills and never exceeds its size;
/// - each order's recorded states follow the order state machine;
/// - every checkpoint's books (per strategy, and the account's per symbol) equal the books
///   rebuilt from the fills before it.
JournalCheck verifyJournal(const QString &path);

} // namespace vigil
