// The backup and restore wizards, driven as an operator would under the offscreen
// platform: a lost journal restored from its backup (the data-loss window shown, the books
// back and agreeing with the broker's); a tampered backup refused at verification with
// nothing touched; no backup at all said loudly; a backup made from the console verified;
// the console's backup age in the status bar and its daily backup after the close.
#include "BackupMonitor.h"
#include "BackupWizard.h"
#include "ConsoleRecovery.h"
#include "MainWindow.h"
#include "RestoreWizard.h"

#include "JournaledSession.h"
#include "SqlFiles.h"
#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "api/JournalVerifier.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

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

/// Waits until the current page lets the operator go on (its long step has finished).
bool waitUntilComplete(QWizard &wizard)
{
    return QTest::qWaitFor([&wizard] { return wizard.currentPage()->isComplete(); }, 60'000);
}

/// A snapshot of the seeded session's day (2026-11-20) in `phase`.
std::shared_ptr<Snapshot> sessionSnapshot(SessionPhase phase)
{
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->version = 1;
    snapshot->sessionDate = "2026-11-20";
    snapshot->phase = phase;
    return snapshot;
}

} // namespace

class TestUiBackup : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data;
    QString m_backup;
    qint64 m_fills = 0;

    /// DIR/data with copies of the seeded session's `files`; empty if they could not be made.
    QString copyOfTheSession(const QTemporaryDir &dir, std::initializer_list<const char *> files) const
    {
        const QString data = dir.filePath(QStringLiteral("data"));
        if (!QDir().mkpath(data))
            return {};
        for (const char *file : files)
            if (!QFile::copy(m_data + QLatin1Char('/') + QLatin1String(file),
                             data + QLatin1Char('/') + QLatin1String(file)))
                return {};
        return data;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(m_data));
        journaledSession(m_data);
        m_fills = scalar(m_data + QStringLiteral("/journal.sqlite"), QStringLiteral("SELECT COUNT(*) FROM fills"));
        QVERIFY(m_fills > 10);
    }

    void aBackupMadeFromTheConsoleIsVerified()
    {
        BackupRequest request;
        request.dataDir = m_data;
        // As File > Back up now opens it: a child of the console's window, in its colours.
        MainWindow window([] { return std::shared_ptr<const Snapshot>(); });
        BackupWizard wizard(request, &window);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(wizard.grab().save(shots + QStringLiteral("/backup-wizard-options.png")));
        QCOMPARE(wizard.currentId(), int(BackupWizard::OptionsPage));
        QCOMPARE(wizard.currentPage()->findChild<QLineEdit *>(QStringLiteral("backupsDir"))->text(),
                 defaultBackupsDir(m_data));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(BackupWizard::RunPage));
        QVERIFY(!wizard.button(QWizard::CancelButton)->isEnabled()); // a backup under way runs to its end
        QVERIFY(waitUntilComplete(wizard));
        QVERIFY2(wizard.result().ok(), qPrintable(wizard.result().error + wizard.result().check.problems.join(u';')));
        QVERIFY(pageText(wizard).contains(QLatin1String("VERIFIED")));
        if (!shots.isEmpty())
            QVERIFY(wizard.grab().save(shots + QStringLiteral("/backup-wizard-done.png")));
        m_backup = wizard.result().path;
        QVERIFY(QFile::exists(m_backup));
        const std::vector<BackupEntry> listed = listBackups(defaultBackupsDir(m_data));
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed.front().status, BackupStatus::Verified);
    }

    void aLostJournalIsRestoredWithItsBooks()
    {
        QVERIFY(!m_backup.isEmpty());
        // Disaster B: the journal is gone.
        const QString journal = m_data + QStringLiteral("/journal.sqlite");
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(journal + suffix);
        RestoreWizard::Setup setup;
        setup.dataDir = m_data;
        setup.scope = RestoreScope::Journal;
        setup.why = QStringLiteral("the journal is missing");
        RestoreWizard wizard(setup);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));

        // Choose: the backup is listed, verified, and chosen for the operator.
        auto *list = wizard.currentPage()->findChild<QTreeWidget *>(QStringLiteral("backupList"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("verified"));
        QVERIFY(wizard.currentPage()->isComplete());
        QVERIFY(pageText(wizard).contains(QLatin1String("the journal is missing")));
        wizard.next();

        // Verify again, then the dry run: what would change, and the data-loss window.
        QCOMPARE(wizard.currentId(), int(RestoreWizard::VerifyPage));
        QVERIFY(waitUntilComplete(wizard));
        QVERIFY(pageText(wizard).contains(QLatin1String("VERIFIED")));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(RestoreWizard::PlanPage));
        QVERIFY(waitUntilComplete(wizard));
        const QString plan = pageText(wizard);
        QVERIFY2(plan.contains(QLatin1String("Data-loss window")), qPrintable(plan));
        QVERIFY2(plan.contains(QLatin1String("Journal now:        none")), qPrintable(plan));
        QVERIFY2(plan.contains(QStringLiteral("%1 fills").arg(m_fills)), qPrintable(plan));
        QVERIFY(!QFile::exists(journal)); // a dry run touches nothing
        const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(wizard.grab().save(shots + QStringLiteral("/restore-wizard-plan.png")));

        // Restore.
        wizard.next();
        QCOMPARE(wizard.currentId(), int(RestoreWizard::RestorePage));
        // A restore that succeeds goes on to the last page by itself, its steps shown there.
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentId() == int(RestoreWizard::DonePage), 60'000);
        QVERIFY2(wizard.restored(), qPrintable(wizard.result().error));
        QVERIFY(pageText(wizard).contains(QLatin1String("journal.sqlite restored from")));
        const QString done = pageText(wizard);
        QVERIFY2(done.contains(QLatin1String("agree with the broker")), qPrintable(done));

        // The books are back, whole.
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")), m_fills);
        const JournalCheck check = verifyJournal(journal);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QStringLiteral("; "))));
        if (!shots.isEmpty())
            QVERIFY(wizard.grab().save(shots + QStringLiteral("/restore-wizard-done.png")));
    }

    void aTamperedBackupIsRefusedBeforeAnythingIsTouched()
    {
        QVERIFY(!m_backup.isEmpty());
        const QString tampered = m_dir.filePath(QStringLiteral("elsewhere/tampered.tar"));
        QVERIFY(QDir().mkpath(QFileInfo(tampered).path()));
        QVERIFY(QFile::copy(m_backup, tampered));
        {
            QFile f(tampered);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2); // inside the journal's snapshot
            QByteArray byte = f.read(1);
            byte[0] = static_cast<char>(byte[0] ^ 0x5a);
            f.seek(f.size() / 2);
            f.write(byte);
        }
        const QString journal = m_data + QStringLiteral("/journal.sqlite");
        const QByteArray before = scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")) == m_fills
                                      ? QByteArray("intact")
                                      : QByteArray();
        QVERIFY(!before.isEmpty());
        RestoreWizard::Setup setup;
        setup.dataDir = m_data;
        setup.scope = RestoreScope::Journal;
        RestoreWizard wizard(setup);
        wizard.show();
        wizard.choose(tampered, RestoreScope::Journal);
        wizard.setStartId(RestoreWizard::VerifyPage);
        wizard.restart();
        QCOMPARE(wizard.currentId(), int(RestoreWizard::VerifyPage));
        QVERIFY(QTest::qWaitFor([&wizard] { return pageText(wizard).contains(QLatin1String("REFUSED")); }, 60'000));
        QVERIFY(!wizard.currentPage()->isComplete());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY2(pageText(wizard).contains(QLatin1String("journal.sqlite")), qPrintable(pageText(wizard)));
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM fills")), m_fills);
    }

    void theConsoleMakesTheDailyBackupAfterTheCloseAndShowsItsAge()
    {
        QTemporaryDir dir;
        const QString data = copyOfTheSession(dir, {"journal.sqlite", "paper-broker.sqlite"});
        QVERIFY(!data.isEmpty());
        auto snapshot = sessionSnapshot(SessionPhase::Open);
        std::shared_ptr<const Snapshot> shown = snapshot;
        MainWindow window([&shown] { return shown; });
        BackupRequest request;
        request.dataDir = data;
        window.setBackupRequest(request);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.backupMonitor()->status().known, 20'000);
        QCOMPARE(window.backupStatusText(), QStringLiteral("NO BACKUP"));
        QVERIFY(window.backupMonitor()->status().warning(QDateTime::currentDateTimeUtc()));
        window.refreshNow();
        QVERIFY(!window.backupMonitor()->busy()); // no backup while the session trades

        // The close: one daily backup, verified, and the warning goes.
        auto closed = std::make_shared<Snapshot>(*snapshot);
        closed->version = 2;
        closed->phase = SessionPhase::Closed;
        shown = closed;
        window.refreshNow();
        QVERIFY(window.backupMonitor()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.backupMonitor()->busy() && window.backupMonitor()->status().newestVerified.isValid(), 60'000);
        const std::vector<BackupEntry> listed = listBackups(defaultBackupsDir(data));
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed.front().type, BackupType::Daily);
        QCOMPARE(listed.front().status, BackupStatus::Verified);
        QCOMPARE(window.backupStatusText(), QStringLiteral("backup verified 0 min ago"));
        QVERIFY(!window.backupMonitor()->status().warning(QDateTime::currentDateTimeUtc()));
        // Seen again: not twice for the same session.
        auto again = std::make_shared<Snapshot>(*closed);
        again->version = 3;
        shown = again;
        window.refreshNow();
        QVERIFY(!window.backupMonitor()->busy());
        // A day later with nothing newer, the backup is stale.
        QVERIFY(window.backupMonitor()->status().warning(QDateTime::currentDateTimeUtc().addSecs(25 * 3600)));
        QVERIFY(window.backupMonitor()
                    ->text(QDateTime::currentDateTimeUtc().addSecs(25 * 3600))
                    .contains(QLatin1String("OLD")));
    }

    void whileTheSessionIsOpenIntradayBackupsAreMadeAndPruned()
    {
        QTemporaryDir dir;
        const QString data = copyOfTheSession(dir, {"journal.sqlite", "paper-broker.sqlite"});
        QVERIFY(!data.isEmpty());
        auto open = sessionSnapshot(SessionPhase::Open);
        std::shared_ptr<const Snapshot> shown = open;
        MainWindow window([&shown] { return shown; });
        BackupRequest request;
        request.dataDir = data;
        RetentionPolicy retention;
        retention.intraday = 2;
        window.setBackupRequest(request, retention);
        BackupMonitor *monitor = window.backupMonitor();
        QSignalSpy intraday(monitor, &BackupMonitor::intradayBackupFinished);
        QSignalSpy daily(monitor, &BackupMonitor::dailyBackupFinished);
        monitor->setIntradayInterval(std::chrono::milliseconds(100));
        window.show();
        window.refreshNow(); // the session is open

        // Four intraday backups; retention keeps the newest two.
        QTRY_VERIFY_WITH_TIMEOUT(intraday.count() >= 4, 60'000);
        monitor->setIntradayInterval(std::chrono::milliseconds(0));
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->busy(), 60'000);
        QVERIFY2(monitor->status().intradayProblem.isEmpty(), qPrintable(monitor->status().intradayProblem));
        std::vector<BackupEntry> listed = listBackups(defaultBackupsDir(data));
        QCOMPARE(listed.size(), std::size_t(2));
        for (const BackupEntry &e : listed) {
            QCOMPARE(e.type, BackupType::Intraday);
            QCOMPARE(e.status, BackupStatus::Verified);
        }
        QVERIFY(daily.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(window.backupStatusText(), QStringLiteral("backup verified 0 min ago"), 20'000);

        // The close comes while an intraday backup runs: the daily backup follows it.
        monitor->setIntradayInterval(std::chrono::milliseconds(20));
        QTRY_VERIFY_WITH_TIMEOUT(monitor->busy(), 20'000);
        auto closed = std::make_shared<Snapshot>(*open);
        closed->version = 2;
        closed->phase = SessionPhase::Closed;
        shown = closed;
        window.refreshNow();
        QVERIFY(monitor->busy());
        QTRY_COMPARE_WITH_TIMEOUT(daily.count(), 1, 60'000);
        listed = listBackups(defaultBackupsDir(data));
        QCOMPARE(std::count_if(listed.begin(), listed.end(),
                               [](const BackupEntry &e) { return e.type == BackupType::Daily; }),
                 1);
        QCOMPARE(listed.front().type, BackupType::Daily); // the newest
        QCOMPARE(listed.front().status, BackupStatus::Verified);

        // Closed: no more intraday backups, however short the interval.
        const qsizetype made = intraday.count();
        QTest::qWait(300);
        window.refreshNow();
        QCOMPARE(intraday.count(), made);
        QVERIFY(!monitor->busy());
    }

    void aDailyBackupThatFailsIsAnAlert()
    {
        QTemporaryDir dir;
        const QString data = copyOfTheSession(dir, {"journal.sqlite"});
        QVERIFY(!data.isEmpty());
        // The backups directory cannot be made: a file stands where it should be.
        const QString blocked = dir.filePath(QStringLiteral("backups"));
        {
            QFile f(blocked);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto closed = sessionSnapshot(SessionPhase::Closed);
        MainWindow window([closed] { return closed; });
        BackupRequest request;
        request.dataDir = data;
        request.backupsDir = blocked;
        window.setBackupRequest(request);
        window.show();
        window.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(!window.backupMonitor()->busy() && window.backupMonitor()->status().known, 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.backupStatusText().startsWith(QLatin1String("DAILY BACKUP FAILED")), 20'000);
        QVERIFY(window.backupMonitor()->status().warning(QDateTime::currentDateTimeUtc()));
        auto *alert = window.findChild<QMessageBox *>(QStringLiteral("backupAlert"));
        QVERIFY(alert);
        QVERIFY(alert->text().contains(blocked) || alert->text().contains(QLatin1String("backups")));
        alert->close();
    }

    void intradayBackupsThatFailAreOneAlert()
    {
        QTemporaryDir dir;
        const QString data = copyOfTheSession(dir, {"journal.sqlite"});
        QVERIFY(!data.isEmpty());
        const QString blocked = dir.filePath(QStringLiteral("backups")); // a file where the directory should be
        {
            QFile f(blocked);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto open = sessionSnapshot(SessionPhase::Open);
        MainWindow window([open] { return open; });
        BackupRequest request;
        request.dataDir = data;
        request.backupsDir = blocked;
        window.setBackupRequest(request);
        QSignalSpy intraday(window.backupMonitor(), &BackupMonitor::intradayBackupFinished);
        window.backupMonitor()->setIntradayInterval(std::chrono::milliseconds(50));
        window.show();
        window.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(intraday.count() >= 3, 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(window.backupStatusText().startsWith(QLatin1String("INTRADAY BACKUP FAILED")), 20'000);
        QVERIFY(window.backupMonitor()->status().warning(QDateTime::currentDateTimeUtc()));
        // Three failures, one alert.
        const QList<QMessageBox *> alerts = window.findChildren<QMessageBox *>(QStringLiteral("intradayBackupAlert"));
        QCOMPARE(alerts.size(), 1);
        QVERIFY2(alerts.first()->text().contains(QLatin1String("backups")), qPrintable(alerts.first()->text()));
        if (const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR"); !shots.isEmpty()) {
            QVERIFY(window.grab().save(shots + QStringLiteral("/intraday-backup-failed.png")));
            QVERIFY(alerts.first()->grab().save(shots + QStringLiteral("/intraday-backup-alert.png")));
        }
        alerts.first()->close();
    }

    void aBadConfigurationAtStartUpOffersTheRestoreOfTheConfiguration()
    {
        // Disaster A, as the console shows it: the error with file, line and key, and the
        // restore wizard for the configuration only; quitting starts nothing.
        const QString problem =
            QStringLiteral("The configuration /etc/vigil.toml is not valid:\n"
                           "/etc/vigil.toml:12: risk.max_order_qty: must be between 1 and 10000000, found 0");
        QString shownText;
        bool offeredConfigOnly = false;
        const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
        QTimer::singleShot(300, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), QStringLiteral("startupProblem"));
            shownText = box->text();
            if (!shots.isEmpty())
                box->grab().save(shots + QStringLiteral("/startup-bad-configuration.png"));
            for (QAbstractButton *b : box->buttons()) {
                if (b->text() == QStringLiteral("Restore the configuration…")) {
                    offeredConfigOnly = true;
                    // The wizard opens on the configuration only; the operator closes it.
                    QTimer::singleShot(300, this, [] {
                        auto *wizard = qobject_cast<RestoreWizard *>(QApplication::activeModalWidget());
                        QVERIFY(wizard);
                        QCOMPARE(int(wizard->scope()), int(RestoreScope::Config));
                        wizard->reject();
                    });
                    b->click();
                    return;
                }
            }
        });
        QTemporaryDir empty;
        QVERIFY(!offerRestore(problem, RestoreScope::Config, empty.path(), {}, QStringLiteral("/etc/vigil.toml")));
        QVERIFY(offeredConfigOnly);
        QVERIFY(shownText.contains(QLatin1String("vigil.toml:12: risk.max_order_qty")));
    }

    void noBackupAtAllIsSaidLoudly()
    {
        QTemporaryDir empty;
        RestoreWizard::Setup setup;
        setup.dataDir = empty.path();
        setup.scope = RestoreScope::Config;
        RestoreWizard wizard(setup);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QVERIFY(pageText(wizard).contains(QLatin1String("There is no backup")));
        QVERIFY(!wizard.currentPage()->isComplete());
        // A backup of what is there is offered at once.
        auto *backUp = wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("backUpNow"));
        QVERIFY(backUp && backUp->isVisible());
    }
};

QTEST_MAIN(TestUiBackup)
#include "tst_ui_backup.moc"
