#pragma once
// What the console does when it cannot start on its data: it says what is wrong (the file,
// line and key of a bad configuration; why the journal cannot be opened) and offers the
// restore wizard for that part, instead of starting on defaults or quitting with a line in
// a terminal nobody reads. Also the console's File menu: a backup now, or a restart into
// the restore wizard; and, on a data directory with no books yet, the choice between a
// new book and a restore, asked before anything can trade. GUI thread only.

#include "api/Restore.h"

#include <QString>

namespace vigil {

/// Shows `problem` and offers to restore `scope` from a backup; runs the wizard if asked.
/// True when something was restored (start again), false to quit. `backupsDir` is where
/// the wizard lists backups (empty: DATA_DIR/backups; another file can always be chosen).
bool offerRestore(const QString &problem, RestoreScope scope, const QString &dataDir, const QString &backupsDir,
                  const QString &configTarget);

/// The restore wizard for everything, asked for from the console's menu (the engine has
/// stopped), from the start-up choice, or by `vigil --restore FILE` (`backupFile`: listed
/// and chosen). True when something was restored.
bool runRestoreWizard(const QString &why, const QString &dataDir, const QString &backupsDir,
                      const QString &configTarget, const QString &backupFile = {});

/// A data directory with no books in it (no journal, no broker's file): a new machine, or
/// one whose disk was lost. Before anything trades, the operator says which.
enum class StartChoice { NewBook, Restore, Quit };
StartChoice askHowToStart(const QString &dataDir);
/// True when `dataDir` holds neither a journal nor a broker's file (it may not exist).
bool holdsNoBooks(const QString &dataDir);

} // namespace vigil
