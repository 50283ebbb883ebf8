#pragma once
// Writes one backup: a consistent snapshot of the journal (and of the paper broker's file)
// taken while the engine may be writing, the configuration, optionally the logs, and a
// manifest, in one tar archive in the backups directory. The archive is written under a
// temporary name and renamed into place only once complete and synced, so a crash never
// leaves a file that looks like a backup. It is verified at once and the result recorded
// next to it. Any thread (it opens its own connections); never the engine thread, which
// must not wait on a disk.

#include "api/BackupManifest.h"
#include "api/BackupVerifier.h"
#include "api/Config.h"

#include <QString>
#include <QStringList>

namespace vigil {

struct BackupRequest {
    QString dataDir;
    QString backupsDir;      ///< empty: DATA_DIR/backups
    QStringList configFiles; ///< the configuration file(s) in use; DATA_DIR/*.toml are added
    BackupType type = BackupType::Manual;
    bool includeLogs = false;   ///< DATA_DIR/logs
    bool includeJournal = true; ///< false: everything but the journal (it is kept aside whole instead)
};

struct BackupResult {
    QString path;  ///< the archive written (empty if none was)
    QString error; ///< why no backup was written, or why the one written is bad
    BackupManifest manifest;
    QStringList skipped; ///< files deliberately left out (secrets), one line each
    BackupCheck check;   ///< the verification right after writing
    bool ok() const { return error.isEmpty() && check.ok(); }
};

/// DATA_DIR/backups.
QString defaultBackupsDir(const QString &dataDir);

/// The configuration's `[backup] dir`, else DATA_DIR/backups.
QString configuredBackupsDir(const BackupConfig &config, const QString &dataDir);

/// True for a file name that looks like it holds secrets (secret, credential, key, token,
/// password, keychain, .pem, .p12, .env ...): such files are never put in a backup.
bool looksLikeSecret(const QString &fileName);

/// Removes the staging directories (`.staging-*`) in `backupsDir` that no backup holds any
/// more: those of backups killed while writing. A backup under way, in this process or
/// another, holds its own and keeps it. Done before every backup and at start-up. Returns
/// how many were removed.
int removeStaleStaging(const QString &backupsDir);

/// Writes and verifies one backup. `progress` is called on this thread.
BackupResult createBackup(const BackupRequest &request, const BackupProgress &progress = {});

/// Before the journal in `request.dataDir` is opened: if its schema is older than this
/// build's (opening it will migrate it), a `pre-migration` backup of the data directory as
/// it is. Nothing (an empty result) when no migration is due.
BackupResult backupBeforeMigration(BackupRequest request, const BackupProgress &progress = {});

} // namespace vigil
