#pragma once
// The operator's day from the command line: `vigil report` and `vigil check`. Main thread
// only (the report draws its chart with a widget, on an offscreen application).

#include "CommandLine.h"

#include <QString>

namespace vigil {

/// `vigil report`: 0 written (its path printed last), 1 failed.
int reportCommand(const CommandLine &cl, const QString &dataDir, const QString &backupsDir);

/// `vigil check premarket|eod`: through the instance on the data directory (which records
/// the run), else from the data directory alone. 0 nothing failed, 1 an item failed.
int checkCommand(const CommandLine &cl, const Config &config, const QString &dataDir);

/// Loads the day `date` from the journal in `dataDir` (its backups section from
/// `backupsDir`) and writes its PDF to `out`; empty, or what went wrong. `pages` receives
/// the page count.
QString writeDailyReport(const QString &dataDir, const QString &backupsDir, const QString &date, const QString &out,
                         int *pages = nullptr);

} // namespace vigil
