#include "ConsoleRecovery.h"

#include "RestoreWizard.h"
#include "Theme.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace vigil {

namespace {
struct Recovery {
    Q_DECLARE_TR_FUNCTIONS(Recovery)
};
} // namespace

bool runRestoreWizard(const QString &why, const QString &dataDir, const QString &backupsDir,
                      const QString &configTarget, const QString &backupFile)
{
    RestoreWizard::Setup setup;
    setup.dataDir = dataDir;
    setup.backupsDir = backupsDir;
    setup.configTarget = configTarget;
    setup.scope = RestoreScope::All;
    setup.why = why;
    setup.backupFile = backupFile;
    RestoreWizard wizard(setup);
    wizard.exec();
    return wizard.restored();
}

bool holdsNoBooks(const QString &dataDir)
{
    const QDir dir(dataDir);
    return !QFileInfo::exists(dir.filePath(QStringLiteral("journal.sqlite")))
           && !QFileInfo::exists(dir.filePath(QStringLiteral("paper-broker.sqlite")));
}

namespace {

/// Swallows Enter and Return that reach the start-up question's box: a box with no default
/// answer still takes one of them as an answer, and a stray key must answer nothing.
class NoAnswerOnEnter : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter)
                return true;
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

StartChoice askHowToStart(const QString &dataDir)
{
    QMessageBox box(QMessageBox::Question, Recovery::tr("Vigil: a new data directory"),
                    Recovery::tr("%1 holds no books yet.").arg(QDir::toNativeSeparators(dataDir)));
    box.setStyleSheet(theme::styleSheet()); // no console window yet to take its colours from
    box.setObjectName(QStringLiteral("startChoice"));
    box.setInformativeText(Recovery::tr("Start a new book here: the session starts and the strategies trade.\n"
                                        "Or restore the books from a backup first (a machine that was lost): nothing "
                                        "trades until the restored books are reconciled and you resume."));
    QPushButton *fresh = box.addButton(Recovery::tr("Start a new book"), QMessageBox::AcceptRole);
    fresh->setObjectName(QStringLiteral("newBook"));
    QPushButton *restore = box.addButton(Recovery::tr("Restore from a backup…"), QMessageBox::AcceptRole);
    restore->setObjectName(QStringLiteral("restoreFromBackup"));
    QPushButton *quit = box.addButton(Recovery::tr("Quit"), QMessageBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitStart"));
    box.setEscapeButton(quit);
    // Neither answer is the default: Enter or a stray Space must not start trading.
    box.setDefaultButton(static_cast<QPushButton *>(nullptr));
    for (QPushButton *b : {fresh, restore, quit}) {
        b->setAutoDefault(false);
        b->ensurePolished(); // the style sheet's font and padding: each answer is read whole
        b->setMinimumWidth(b->fontMetrics().horizontalAdvance(b->text()) + 48);
    }
    // Nor does any hold the focus when the question comes up (the box would give it to its
    // first button, where a Space presses it): the question's text takes it, first in the
    // tab order, so a click or Tab then picks the answer.
    if (auto *question = box.findChild<QLabel *>(QStringLiteral("qt_msgbox_label")))
        question->setFocusPolicy(Qt::TabFocus);
    NoAnswerOnEnter noAnswerOnEnter;
    box.installEventFilter(&noAnswerOnEnter);
    box.exec();
    if (box.clickedButton() == fresh)
        return StartChoice::NewBook;
    return box.clickedButton() == restore ? StartChoice::Restore : StartChoice::Quit;
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
