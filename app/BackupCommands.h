#pragma once
// `vigil backup create|list|verify|prune` and `vigil restore`. Main thread only.

#include "CommandLine.h"
#include "api/Config.h"

#include <QString>

namespace vigil {

/// The configuration file `vigil` reads: --config, else the user's vigil.toml (empty if
/// neither: built-in defaults).
QString configFileInUse(const QString &explicitFile);
/// Where a restore puts a configuration kept outside the data directory: the file in use,
/// or where vigil looks for one (the user's configuration directory) when there is none.
QString configRestoreTarget(const QString &explicitFile);

/// Runs the backup or restore command `cl` names on `dataDir`; the process's exit status.
/// `configured` is the configuration's [backup]: where backups are and what retention
/// keeps, unless --backups-dir and --keep-* say otherwise.
int runBackupCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured);

} // namespace vigil
