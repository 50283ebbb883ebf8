#pragma once
// The guided restore: choose a backup (its age is the data-loss window), verify it again,
// see what a restore would change (a dry run), then restore: a safety backup of the
// current state, the backup staged inside the data directory, an atomic swap, the checks
// after it, and a rollback to the state before if anything fails (api/Restore.h does
// the work). Ends with the restored books against the paper broker's. Runs before the
// engine opens the data directory (at start-up, or on a restart the console asks for):
// nothing may trade on it meanwhile. Long steps run off the GUI thread with a progress
// bar. Restoring everything into a data directory with no books, with no backup to list
// and none given, the first page opens the file dialog at once: the backup is then a file
// kept elsewhere, and its time and type come from its manifest. A restore that succeeds
// goes on to the last page by itself. GUI thread only.

#include "api/Restore.h"

#include <QWizard>

namespace vigil {

class RestoreWizard final : public QWizard {
    Q_OBJECT

public:
    enum PageId { ChoosePage, VerifyPage, PlanPage, RestorePage, DonePage };

    struct Setup {
        QString dataDir;
        QString backupsDir;   ///< empty: DATA_DIR/backups
        QString configTarget; ///< the configuration file vigil reads (restored there)
        RestoreScope scope = RestoreScope::All;
        QString why;        ///< what went wrong, shown on the first page (empty: the operator asked)
        QString backupFile; ///< a file chosen before the wizard opened (`vigil --restore FILE`): listed, selected
    };

    explicit RestoreWizard(Setup setup, QWidget *parent = nullptr);

    const Setup &setup() const { return m_setup; }
    /// The backup chosen, and the scope (the first page may change it).
    QString chosenBackup() const { return m_backup; }
    RestoreScope scope() const { return m_setup.scope; }
    void choose(const QString &backup, RestoreScope scope);

    /// After the restore page: what happened. `restored()` is true only when the new files
    /// are in place and checked.
    const RestoreResult &result() const { return m_result; }
    bool restored() const { return m_result.ok() && m_result.applied; }

    /// For the pages.
    RestoreRequest request(bool dryRun) const;
    void setResult(RestoreResult result) { m_result = std::move(result); }

private:
    Setup m_setup;
    QString m_backup;
    RestoreResult m_result;
};

} // namespace vigil
