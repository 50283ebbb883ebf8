#pragma once
// The console's books as its journal holds them, without an engine: the account's net
// position per symbol with its average price (the latest checkpoint's books, then the fills
// after it, as a restart reads them) and the orders of the latest session still open. For a
// reconciliation when no engine runs on the data directory (after a restore). Read-only;
// any thread.

#include "api/Reconciliation.h"

#include <QString>

namespace vigil {

/// Reads the books from the journal at `path` into `out`; an empty string, or why not (a
/// journal that cannot be read is never taken as flat).
QString journalBooks(const QString &path, InternalBooks &out);

} // namespace vigil
