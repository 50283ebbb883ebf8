#pragma once
// `vigil audit verify`: the journal's audit chain against every anchor kept outside it.
// Main thread only.

#include "CommandLine.h"

#include <QString>

namespace vigil {

/// Checks the chain of DATA_DIR/journal.sqlite, its coverage of every order event and fill,
/// every order's state, and the chain against the anchor files beside the journal, every
/// backup's manifest in `backupsDir` and each --anchor. 0 all holds, 1 anything does not.
int verifyAuditCommand(const CommandLine &cl, const QString &dataDir, const QString &backupsDir);

} // namespace vigil
