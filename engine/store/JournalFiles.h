#pragma once
// File-level operations on a journal that is not open for writing. Any thread (each call
// opens and closes its own connection).

#include <QString>

namespace vigil {

/// Whether the journal at `path` exists and already holds the session of `isoDate`.
/// An unreadable file counts as holding it (the caller must not write over it blindly).
bool journalHoldsSession(const QString &path, const QString &isoDate);

/// Moves the journal aside, whole (its write-ahead log folded in first), to a name with
/// `stamp` in it beside the original. Returns the new path, or an empty string and the
/// reason in `error`.
QString archiveJournal(const QString &path, const QString &stamp, QString *error);

} // namespace vigil
