#include "ConsoleRecovery.h"

#include "RestoreWizard.h"
#include "Theme.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace vigil {

namespace {
struct Recovery {
    Q_DECLARE_TR_FUNCTIONS(Recovery)
};
} // namespace

bool runRestoreWizard(const QString &why, const QString &dataDir, const QString &backupsDir, const QString &configTarget)
{
    RestoreWizard::Setup setup;
    setup.dataDir = dataDir;
    setup.backupsDir = backupsDir;
    setup.configTarget = configTarget;
    setup.scope = RestoreScope::All;
    setup.why = why;
    RestoreWizard wizard(setup);
    wizard.exec();
    return wizard.restored();
}

bool offerRestore(const QString &problem, RestoreScope scope, const QString &dataDir, const QString &backupsDir,
                  const QString &configTarget)
{
    QMessageBox box(QMessageBox::Critical, Recovery::tr("Vigil cannot start"), problem);
    box.setStyleSheet(theme::styleSheet()); // no console window yet to take its colours from
    box.setObjectName(QStringLiteral("startupProblem"));
    box.setInformativeText(scope == RestoreScope::Config
                               ? Recovery::tr("Nothing was started: Vigil never trades on a configuration it cannot "
                                              "read. Fix the file, or restore it from a backup.")
                               : Recovery::tr("Nothing was started: trading without a sound journal could lose what it "
                                              "did. Restore the journal from a backup; the wizard shows what would be "
                                              "lost."));
    QPushButton *restore = box.addButton(scope == RestoreScope::Config ? Recovery::tr("Restore the configuration…")
                                                                       : Recovery::tr("Restore the journal…"),
                                         QMessageBox::AcceptRole);
    box.addButton(Recovery::tr("Quit"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() != restore)
        return false;
    RestoreWizard::Setup setup;
    setup.dataDir = dataDir;
    setup.backupsDir = backupsDir;
    setup.configTarget = configTarget;
    setup.scope = scope;
    setup.why = problem;
    RestoreWizard wizard(setup);
    wizard.exec();
    return wizard.restored();
}

} // namespace vigil
