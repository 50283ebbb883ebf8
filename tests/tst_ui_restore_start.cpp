// Disaster C through the console, driven by clicks as an operator would under the offscreen
// platform: an empty data directory and a backup file kept elsewhere (no configuration
// file anywhere). The start-up choice opens the restore wizard before anything trades; the
// wizard asks for the file at once through the file dialog the console uses (the newest
// archive in the home directory chosen already); the file is listed with its manifest's
// time and type; the restore runs with no configuration to
// restore into; the engine on the restored books comes up PAUSED and only a resume after
// a clean reconciliation makes it ACTIVE. Every click is counted: at most 8. Also
// `vigil --restore FILE`'s wizard (the file chosen, no dialog). Screenshots of the start-up
// choice and the wizard's first page go to $VIGIL_SCREENSHOT_DIR when it is set.
#include "ConsoleRecovery.h"
#include "ControlBar.h"
#include "MainWindow.h"
#include "RestoreWizard.h"

#include "JournaledSession.h"
#include "api/BackupAnchors.h"
#include "api/BackupWriter.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/Reconciliation.h"
#include "api/Restore.h"
#include "sim/PaperRecords.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

#include <functional>
#include <memory>

using namespace vigil;
using namespace vigil::testing;

namespace {

QString pageText(QWizard &wizard)
{
    QStringList parts;
    for (const QTextBrowser *text : wizard.currentPage()->findChildren<QTextBrowser *>())
        parts << text->toPlainText();
    for (const QLabel *label : wizard.currentPage()->findChildren<QLabel *>())
        parts << label->text();
    return parts.join(QLatin1Char('\n'));
}

/// The red line under the first page's list.
QString warningText(QWizard &wizard)
{
    const QLabel *warning = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("backupWarning"));
    return warning ? warning->text() : QStringLiteral("(no warning line)");
}

void saveShot(QWidget *widget, const char *name)
{
    const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        QVERIFY(widget->grab().save(shots + QLatin1Char('/') + QLatin1String(name)));
}

} // namespace

class TestUiRestoreStart : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_kept; ///< the backup file, copied away from where it was written
    BackupManifest m_manifest;
    int m_clicks = 0;

    /// One click of the operator's, counted.
    void click(QAbstractButton *button)
    {
        QVERIFY(button);
        QVERIFY2(button->isVisible() && button->isEnabled(),
                 qPrintable(button->text()
                            + (button->isVisible() ? QStringLiteral(": disabled") : QStringLiteral(": hidden"))));
        ++m_clicks;
        QTest::mouseClick(button, Qt::LeftButton);
    }

    /// Runs `act` on the modal dialog of type T once it is up (a dialog's exec() is under way
    /// when this returns to the event loop); `done` is set once it has run.
    template<typename T> void whenModal(std::function<void(T *)> act, bool *done)
    {
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [poll, act, done] {
            T *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible())
                return;
            poll->stop();
            poll->deleteLater();
            act(dialog);
            *done = true;
        });
        poll->start(20);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The machine that was lost: its session, backed up with no configuration file.
        const QString lost = m_dir.filePath(QStringLiteral("lost"));
        QVERIFY(QDir().mkpath(lost));
        journaledSession(lost);
        BackupRequest request;
        request.dataDir = lost;
        const BackupResult backup = createBackup(request);
        QVERIFY2(backup.ok(), qPrintable(backup.error));
        m_manifest = backup.manifest;
        // The copy kept elsewhere: the operator's home, where the file dialog opens.
        const QString home = m_dir.filePath(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(home));
        qputenv("HOME", QFile::encodeName(home));
        m_kept = QDir(home).filePath(QStringLiteral("kept.tar"));
        QVERIFY(QFile::copy(backup.path, m_kept));
        QVERIFY(QDir(lost).removeRecursively());
    }

    void theDrillFromAnEmptyDirectoryTakesAtMostEightClicks()
    {
        const QString data = m_dir.filePath(QStringLiteral("new-machine/vigil")); // does not exist yet
        QVERIFY(holdsNoBooks(data));
        m_clicks = 0;

        // 1. The start-up choice: restore, before anything can trade.
        bool answered = false;
        whenModal<QMessageBox>(
            [this](QMessageBox *box) {
                QCOMPARE(box->objectName(), QStringLiteral("startChoice"));
                QVERIFY(box->findChild<QPushButton *>(QStringLiteral("newBook")));
                saveShot(box, "restore-start.png");
                click(box->findChild<QPushButton *>(QStringLiteral("restoreFromBackup")));
            },
            &answered);
        QCOMPARE(askHowToStart(data), StartChoice::Restore);
        QVERIFY(answered);

        // The wizard as the console opens it: no configuration file anywhere to restore into.
        RestoreWizard::Setup setup;
        setup.dataDir = data;
        setup.why = QStringLiteral("%1 holds no books").arg(data);
        RestoreWizard wizard(setup);
        // 2. No backup to list: the file dialog comes first, in the home directory where the
        // copy is, with the newest archive there chosen already: Open.
        bool chosen = false;
        whenModal<QFileDialog>(
            [this](QFileDialog *dialog) {
                QCOMPARE(dialog->directory().absolutePath(), QFileInfo(m_kept).absolutePath());
                auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                QVERIFY(name);
                QCOMPARE(name->text(), QFileInfo(m_kept).fileName()); // nothing to type
                click(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open));
            },
            &chosen);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_VERIFY_WITH_TIMEOUT(chosen, 10'000);

        // The file is listed with its manifest's time and type, and nothing red is left.
        auto *list = wizard.currentPage()->findChild<QTreeWidget *>(QStringLiteral("backupList"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QTreeWidgetItem *row = list->currentItem();
        QVERIFY(row && row->isSelected());
        QCOMPARE(row->text(0), QLocale().toString(m_manifest.createdAt.toLocalTime(), QLocale::ShortFormat));
        QCOMPARE(row->text(2), QStringLiteral("manual"));
        QVERIFY2(warningText(wizard).isEmpty(), qPrintable(warningText(wizard)));
        saveShot(&wizard, "restore-chosen.png");

        // 3-6. Next, Next, Restore, Finish.
        click(wizard.button(QWizard::NextButton));
        QCOMPARE(wizard.currentId(), int(RestoreWizard::VerifyPage));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 60'000);
        click(wizard.button(QWizard::NextButton));
        QCOMPARE(wizard.currentId(), int(RestoreWizard::PlanPage));
        QTRY_VERIFY_WITH_TIMEOUT(pageText(wizard).contains(QLatin1String("Data-loss window"))
                                     || pageText(wizard).contains(QLatin1String("failed")),
                                 60'000);
        QVERIFY2(wizard.currentPage()->isComplete(), qPrintable(pageText(wizard)));
        click(wizard.button(QWizard::CommitButton));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentId() == int(RestoreWizard::DonePage), 60'000);
        QVERIFY2(wizard.restored(), qPrintable(wizard.result().error));
        QVERIFY2(pageText(wizard).contains(QLatin1String("agree with the broker")), qPrintable(pageText(wizard)));
        click(wizard.button(QWizard::FinishButton));
        QVERIFY(!wizard.isVisible());
        QVERIFY(!holdsNoBooks(data));
        QVERIFY(!restoreHoldText(data).isEmpty());

        // The console on the restored books, started as main.cpp's openStores starts it: the
        // stores, the reconciliation at start-up, and the restore's hold.
        RunOptions options;
        options.seed = 7;
        options.sessionDate = Date{2026, 11, 23};
        options.speed = 1;
        Engine engine(defaultConfig(), options);
        QVERIFY(engine.openBroker(QDir(data).filePath(QStringLiteral("paper-broker.sqlite")).toStdString()).empty());
        QVERIFY(engine.openJournal(QDir(data).filePath(QStringLiteral("journal.sqlite")).toStdString()).empty());
        cmd::RecordReconciliation reconciled;
        reconciled.actor = "system (reconciliation)";
        reconciled.reason = reconciled.startedBy = "start-up";
        const ReconciliationResult recon =
            reconcile(booksOf(*engine.snapshot()),
                      PaperRecords(QDir(data).filePath(QStringLiteral("paper-broker.sqlite"))).statement());
        QVERIFY2(recon.clean(), summarize(recon).c_str());
        reconciled.result = std::make_shared<const ReconciliationResult>(recon);
        engine.command(std::move(reconciled), [](const CommandResult &) {});
        engine.holdAfterRestore(restoreHoldPath(data).toStdString(), restoreHoldText(data).toStdString());
        QVERIFY(engine.tradingState() == TradingState::Paused);

        MainWindow window([&engine] { return engine.snapshot(); },
                          [&engine](Command command, std::function<void(const CommandResult &)> done) {
                              engine.command(std::move(command), std::move(done));
                          });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        engine.start();
        // The dashboard replaces the waiting page once the session has started; the control bar
        // may be told the state (Resume) a snapshot before.
        QTRY_VERIFY_WITH_TIMEOUT(!window.isWaitingForEngine(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(window.controlBar()->pauseButton()->text(), QStringLiteral("Resume"), 10'000);

        // 7-8. Resume (a reason typed) and Fire: trading the restored books.
        click(window.controlBar()->pauseButton());
        QTest::keyClicks(window.controlBar()->reasonEdit(), QStringLiteral("restored, books agree"));
        click(window.controlBar()->fireButton());
        QTRY_VERIFY_WITH_TIMEOUT(engine.tradingState() == TradingState::Active, 10'000);
        QVERIFY(restoreHoldText(data).isEmpty()); // the resume cleared the hold
        engine.stop();
        QVERIFY2(m_clicks <= 8, qPrintable(QStringLiteral("%1 clicks").arg(m_clicks)));
        qInfo("the drill took %d clicks", m_clicks);
    }

    void aStrayKeyAnswersNothingAtTheFirstStart()
    {
        // The question is up on a machine nobody is watching closely: a Space or an Enter
        // typed by mistake must not start a new book (that trades) nor open anything.
        const QString data = m_dir.filePath(QStringLiteral("stray-keys/vigil"));
        bool answered = false;
        whenModal<QMessageBox>(
            [](QMessageBox *box) {
                // Answered whatever the checks find, so that a failure ends the test.
                const auto quit = qScopeGuard([box] {
                    if (box->isVisible())
                        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("quitStart")), Qt::LeftButton);
                });
                QWidget *focus = QApplication::focusWidget();
                const auto *focusButton = qobject_cast<QPushButton *>(focus);
                QVERIFY2(
                    !focusButton,
                    qPrintable(
                        QStringLiteral("the focus is on '%1'").arg(focusButton ? focusButton->text() : QString())));
                for (const Qt::Key key : {Qt::Key_Space, Qt::Key_Return, Qt::Key_Enter}) {
                    QTest::keyClick(focus ? focus : box, key);
                    QCoreApplication::processEvents();
                    QVERIFY2(box->isVisible(),
                             qPrintable(QStringLiteral("key %1 answered the start-up question (focus: %2)")
                                            .arg(int(key))
                                            .arg(QLatin1String(focus ? focus->metaObject()->className() : "none"))));
                }
            },
            &answered);
        QCOMPARE(askHowToStart(data), StartChoice::Quit);
        QVERIFY(answered);
        QVERIFY(!QFileInfo::exists(data));
    }

    void restoreFileGivenOnTheCommandLineIsChosenWithoutADialog()
    {
        // `vigil --restore FILE`: the wizard opens on FILE, with its manifest's time and type.
        RestoreWizard::Setup setup;
        setup.dataDir = m_dir.filePath(QStringLiteral("second-machine"));
        setup.backupFile = m_kept;
        RestoreWizard wizard(setup);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTest::qWait(100); // a dialog would be up by now
        QVERIFY(!QApplication::activeModalWidget() || QApplication::activeModalWidget() == &wizard);
        auto *list = wizard.currentPage()->findChild<QTreeWidget *>(QStringLiteral("backupList"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->currentItem()->data(0, Qt::UserRole).toString(), m_kept);
        QCOMPARE(list->currentItem()->text(2), QStringLiteral("manual"));
        QVERIFY(wizard.currentPage()->isComplete());
        QVERIFY2(warningText(wizard).isEmpty(), qPrintable(warningText(wizard)));
        saveShot(&wizard, "restore-wizard-file.png");
    }
};

QTEST_MAIN(TestUiRestoreStart)
#include "tst_ui_restore_start.moc"
