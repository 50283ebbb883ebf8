#pragma once
// Restores a backup into a data directory, or says what a restore would change (a dry
// run) without touching anything. Any thread but the engine's; the caller must not run
// an engine on the data directory (restore takes its instance lock, so a running vigil
// makes it refuse).
//
// The steps: verify the backup while extracting it into a staging directory inside the
// data directory (what is checked is what goes in); migrate an older journal there; say
// what would change; take a pre-restore safety backup of the current state; write the
// swap's plan (`DATA_DIR/restore-in-progress.json`, synced), keep a hard link to each
// file about to be replaced, then rename(2) each staged file over the live one; check the
// result (SQLite integrity and the journal's invariants, the configuration loads) and, if
// it fails, put the replaced files back the same way. A crash during the swap leaves the
// plan behind, and completeInterruptedRestore() (run before anything opens the data
// directory) finishes it, so the data directory ends up entirely old or entirely new.

#include "api/BackupManifest.h"
#include "api/BackupVerifier.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace vigil {

enum class RestoreScope { All, Config, Journal };

struct RestoreRequest {
    QString backupFile;
    QString dataDir;
    QString configTarget; ///< where a configuration kept outside the data directory goes: the file vigil
                          ///< reads (empty: such a configuration is left in the backup, and said so)
    QString backupsDir;   ///< for the safety backup; empty: DATA_DIR/backups
    RestoreScope scope = RestoreScope::All;
    bool dryRun = false;
    /// For drills and tests: called after each file of the swap is in place (1, 2, ...),
    /// to stop the process there as a crash would.
    std::function<void(int swapped)> afterEachSwap;
};

/// A journal in numbers, for the dry run.
struct JournalFigures {
    bool present = false;
    QString problem; ///< why it could not be read, if it could not
    int schemaVersion = 0;
    std::int64_t orders = 0;
    std::int64_t fills = 0;
    std::int64_t openPositions = -1; ///< non-flat account books at the last checkpoint (-1: unknown)
    QString lastSession;             ///< the latest session day
};

struct RestoreTarget {
    QString member; ///< in the backup
    QString live;   ///< the file it replaces (or creates)
    bool exists = false;
    bool identical = false;
};

struct RestorePlan {
    BackupCheck check;
    std::vector<RestoreTarget> targets;
    JournalFigures currentJournal, backupJournal;
    QStringList configDifferences;    ///< "- line" (current only) and "+ line" (backup only), per file
    QStringList notes;                ///< what is left out and why
    std::int64_t dataLossSeconds = 0; ///< the backup's age: what the journal loses
};

struct RestoreResult {
    RestorePlan plan;
    QString safetyBackup;  ///< the pre-restore backup's path (empty: nothing to save, or a dry run)
    QStringList steps;     ///< what was done, in order, for the operator
    QString error;         ///< empty: restored (or, for a dry run, planned)
    bool applied = false;  ///< the new files are in place
    bool declined = false; ///< the confirmation said no
    bool ok() const { return error.isEmpty(); }
};

/// Called with the plan once it is known and before anything is touched: true goes on.
using RestoreConfirm = std::function<bool(const RestorePlan &)>;

RestoreResult restoreBackup(const RestoreRequest &request, const BackupProgress &progress = {},
                            const RestoreConfirm &confirm = {});

/// The numbers of the journal at `path` (queried only; its files are left as they were).
JournalFigures journalFigures(const QString &path);

/// If a restore's swap was interrupted in `dataDir`, finishes it. Empty or the reason it
/// cannot (then nothing must open the data directory); `finished` says whether there was
/// one.
QString completeInterruptedRestore(const QString &dataDir, bool *finished = nullptr);

/// Where the swap's plan is kept while it runs.
QString restoreIntentPath(const QString &dataDir);

/// The restore's hold: a file every restore that puts files in place leaves in the data
/// directory (`DATA_DIR/restored-hold.json`: the backup, when). While it is there, vigil
/// starts PAUSED (reduce-only) on that directory, and only an operator's resume after a
/// clean reconciliation removes it (Engine::holdAfterRestore). It is written right after
/// the swap's plan and before any file moves, and a start that finishes an interrupted
/// swap writes it again, so no crash between a restore and the next start can lose it.
QString restoreHoldPath(const QString &dataDir);
/// What the hold in `dataDir` says ("restored from FILE at TIME"); empty when there is none.
QString restoreHoldText(const QString &dataDir);

} // namespace vigil
