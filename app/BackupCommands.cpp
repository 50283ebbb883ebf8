// `vigil backup create|list|verify|prune` and `vigil restore`: what they print and their
// exit statuses. Main thread only.

#include "BackupCommands.h"

#include "api/BackupCatalog.h"
#include "api/BackupVerifier.h"
#include "api/BackupWriter.h"
#include "api/Restore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace vigil {

namespace {

/// Gives this file's user-visible strings a translation context lupdate understands.
struct BackupText {
    Q_DECLARE_TR_FUNCTIONS(BackupCommands)
};

void printErr(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

QString backupsDirOf(const CommandLine &cl, const BackupConfig &configured, const QString &dataDir)
{
    return cl.backup.backupsDir.isEmpty() ? configuredBackupsDir(configured, dataDir)
                                          : QDir::cleanPath(cl.backup.backupsDir);
}

RetentionPolicy retentionOf(const CommandLine &cl, const BackupConfig &configured)
{
    RetentionPolicy policy = retentionPolicy(configured);
    policy.daily = cl.backup.keepDaily.value_or(policy.daily);
    policy.weekly = cl.backup.keepWeekly.value_or(policy.weekly);
    policy.monthly = cl.backup.keepMonthly.value_or(policy.monthly);
    return policy;
}

QString sizeText(std::int64_t bytes)
{
    return bytes >= 10 * 1024 * 1024 ? QStringLiteral("%1 MB").arg(bytes / (1024 * 1024))
                                     : QStringLiteral("%1 kB").arg((bytes + 1023) / 1024);
}

QString ageText(const QDateTime &t)
{
    const qint64 minutes = t.secsTo(QDateTime::currentDateTimeUtc()) / 60;
    if (minutes < 120)
        return BackupText::tr("%1 min").arg(minutes);
    if (minutes < 48 * 60)
        return BackupText::tr("%1 h").arg(minutes / 60);
    return BackupText::tr("%1 days").arg(minutes / (24 * 60));
}

/// Progress on the terminal (stderr): each new step, and every tenth of the way.
BackupProgress terminalProgress()
{
    return [step = QString(), tenth = -1](int percent, const QString &now) mutable {
        if (now == step && percent / 10 == tenth)
            return;
        step = now;
        tenth = percent / 10;
        std::fprintf(stderr, "%3d%%  %s\n", percent, qPrintable(now));
    };
}

/// `vigil backup create`: the archive's path is the last line on stdout.
int backupCreateCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured)
{
    BackupRequest request;
    request.dataDir = dataDir;
    request.backupsDir = backupsDirOf(cl, configured, dataDir);
    request.type = cl.backup.type;
    request.includeLogs = cl.backup.includeLogs;
    if (const QString config = configFileInUse(cl.configFile); !config.isEmpty())
        request.configFiles << config;
    BackupProgress progress = terminalProgress();
    // A drill for the tests: the process dies while the archive is being written.
    if (qEnvironmentVariableIsSet("VIGIL_DRILL_CRASH_DURING_BACKUP")) {
        progress = [inner = progress](int percent, const QString &step) {
            inner(percent, step);
            if (step.startsWith(QLatin1String("writing the manifest")))
                std::raise(SIGKILL);
        };
    }
    const BackupResult result = createBackup(request, progress);
    for (const QString &skipped : result.skipped)
        printErr(QStringLiteral("vigil backup: ") + skipped);
    if (!result.ok()) {
        printErr(QStringLiteral("vigil backup: ") + result.error);
        return 1;
    }
    printErr(BackupText::tr("vigil backup: %1 backup %2 verified: %n member(s), %3, journal schema version %4", nullptr,
                            static_cast<int>(result.manifest.members.size()))
                 .arg(backupTypeText(result.manifest.type), result.manifest.id, sizeText(QFileInfo(result.path).size()))
                 .arg(result.manifest.schemaVersion));
    printOut(result.path);
    return 0;
}

int backupListCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured)
{
    const QString dir = backupsDirOf(cl, configured, dataDir);
    const std::vector<BackupEntry> backups = listBackups(dir);
    if (cl.json) {
        QJsonArray list;
        for (const BackupEntry &e : backups) {
            QJsonObject o{{QStringLiteral("path"), e.path},
                          {QStringLiteral("created_at"), isoUtc(e.createdAt)},
                          {QStringLiteral("type"), backupTypeText(e.type)},
                          {QStringLiteral("size"), static_cast<qint64>(e.size)},
                          {QStringLiteral("status"), backupStatusText(e.status).toLower()},
                          {QStringLiteral("problems"), QJsonArray::fromStringList(e.problems)}};
            if (e.verifiedAt.isValid())
                o.insert(QStringLiteral("verified_at"), isoUtc(e.verifiedAt));
            if (e.manifest) {
                o.insert(QStringLiteral("id"), e.manifest->id);
                o.insert(QStringLiteral("schema_version"), e.manifest->schemaVersion);
                o.insert(QStringLiteral("app_version"), e.manifest->appVersion);
            }
            list.append(o);
        }
        std::fputs(QJsonDocument(list).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        for (const BackupEntry &e : backups) {
            printOut(QStringLiteral("%1  %2  %3  %4  %5  %6")
                         .arg(e.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'")))
                         .arg(backupTypeText(e.type), -13)
                         .arg(sizeText(e.size), 8)
                         .arg(backupStatusText(e.status), -10)
                         .arg(BackupText::tr("%1 old").arg(ageText(e.createdAt)), -12)
                         .arg(e.path));
            for (const QString &p : e.problems)
                printOut(QStringLiteral("    ") + p);
        }
    }
    // The warnings an operator must not miss.
    const auto verified = std::find_if(backups.begin(), backups.end(),
                                       [](const BackupEntry &e) { return e.status == BackupStatus::Verified; });
    if (backups.empty())
        printErr(
            BackupText::tr("vigil backup: WARNING: no backup in %1: make one now with 'vigil backup create'").arg(dir));
    else if (verified == backups.end())
        printErr(BackupText::tr(
                     "vigil backup: WARNING: no verified backup in %1: run 'vigil backup verify' or make a new one")
                     .arg(dir));
    else if (verified->createdAt.secsTo(QDateTime::currentDateTimeUtc()) > 24 * 3600)
        printErr(BackupText::tr("vigil backup: WARNING: the newest verified backup is %1 old")
                     .arg(ageText(verified->createdAt)));
    for (const QString &left : unfinishedLeftovers(dir))
        printErr(BackupText::tr("vigil backup: %1 was left by an interrupted backup; 'vigil backup prune' removes it")
                     .arg(left));
    return 0;
}

int backupVerifyCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured)
{
    const QString dir = backupsDirOf(cl, configured, dataDir);
    QStringList files;
    if (!cl.backup.file.isEmpty()) {
        QString file = cl.backup.file;
        if (!QFileInfo::exists(file) && QFileInfo::exists(QDir(dir).filePath(file)))
            file = QDir(dir).filePath(file);
        files << file;
    } else {
        for (const BackupEntry &e : listBackups(dir))
            files << e.path;
        if (files.isEmpty()) {
            printErr(BackupText::tr("vigil backup: no backup in %1 to verify").arg(dir));
            return 1;
        }
    }
    int bad = 0;
    for (const QString &file : files) {
        const BackupCheck check = verifyBackup(file, terminalProgress());
        if (QFileInfo(file).isFile()) {
            if (const QString e = recordVerification(file, check); !e.isEmpty())
                printErr(QStringLiteral("vigil backup: ") + e);
        }
        if (!check.ok()) {
            ++bad;
            for (const QString &p : check.problems)
                printErr(QStringLiteral("vigil backup: ") + p);
            printErr(BackupText::tr("vigil backup: %1: BAD").arg(file));
            continue;
        }
        printOut(BackupText::tr("%1: verified (%n member(s), journal schema version %2, taken %3)", nullptr,
                                static_cast<int>(check.manifest->members.size()))
                     .arg(file)
                     .arg(check.schemaVersion)
                     .arg(isoUtc(check.manifest->createdAt)));
        if (!check.note.isEmpty())
            printOut(QStringLiteral("%1: %2").arg(file, check.note));
    }
    return bad == 0 ? 0 : 1;
}

int backupPruneCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured)
{
    const QString dir = backupsDirOf(cl, configured, dataDir);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    PruneResult result;
    if (cl.backup.dryRun)
        result.decision = decideRetention(listBackups(dir), retentionOf(cl, configured), now);
    else
        result = pruneBackups(dir, retentionOf(cl, configured), now);
    for (const RetentionItem &item : result.decision.keep)
        printOut(BackupText::tr("keep    %1  (%2)").arg(item.entry.path, item.reason));
    for (const RetentionItem &item : result.decision.remove)
        printOut((cl.backup.dryRun ? BackupText::tr("would delete  %1  (%2)") : BackupText::tr("deleted %1  (%2)"))
                     .arg(item.entry.path, item.reason));
    for (const QString &left : result.removedLeftovers)
        printOut(BackupText::tr("deleted %1  (left by an interrupted backup)").arg(left));
    for (const QString &e : result.errors)
        printErr(QStringLiteral("vigil backup: ") + e);
    return result.errors.isEmpty() ? 0 : 1;
}

QString figuresText(const JournalFigures &f)
{
    if (!f.present)
        return BackupText::tr("none");
    if (!f.problem.isEmpty())
        return BackupText::tr("unreadable (%1)").arg(f.problem);
    return BackupText::tr(
               "%1 orders, %2 fills, %3 open positions at the last checkpoint, last session %4, schema version %5")
        .arg(f.orders)
        .arg(f.fills)
        .arg(f.openPositions < 0 ? QStringLiteral("?") : QString::number(f.openPositions))
        .arg(f.lastSession.isEmpty() ? QStringLiteral("-") : f.lastSession)
        .arg(f.schemaVersion);
}

void printRestorePlan(const RestorePlan &plan, const QString &backup)
{
    const BackupManifest &m = *plan.check.manifest;
    printOut(BackupText::tr("backup %1: %2, taken %3 (%4 ago: what the restored files lose)")
                 .arg(backup, backupTypeText(m.type), isoUtc(m.createdAt), ageText(m.createdAt)));
    if (!plan.check.note.isEmpty())
        printOut(plan.check.note);
    for (const RestoreTarget &t : plan.targets)
        printOut(t.identical ? BackupText::tr("  unchanged  %1").arg(t.live)
                             : (t.exists ? BackupText::tr("  replace    %1  (from %2)")
                                         : BackupText::tr("  create     %1  (from %2)"))
                                   .arg(t.live, t.member));
    if (plan.currentJournal.present || plan.backupJournal.present) {
        printOut(BackupText::tr("journal now:       %1").arg(figuresText(plan.currentJournal)));
        printOut(BackupText::tr("journal restored:  %1").arg(figuresText(plan.backupJournal)));
    }
    for (const QString &d : plan.configDifferences)
        printOut(QStringLiteral("  ") + d);
    for (const QString &n : plan.notes)
        printOut(n);
}

/// `vigil restore BACKUP`: 0 restored (or planned, with --dry-run), 1 not restored.
int restoreCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured)
{
    RestoreRequest request;
    request.backupFile = cl.backup.file;
    const QString dir = backupsDirOf(cl, configured, dataDir);
    if (!QFileInfo::exists(request.backupFile) && QFileInfo::exists(QDir(dir).filePath(request.backupFile)))
        request.backupFile = QDir(dir).filePath(request.backupFile);
    request.dataDir = dataDir;
    request.backupsDir = dir;
    request.scope = cl.backup.scope;
    request.dryRun = cl.backup.dryRun;
    // A drill for the tests: the process dies once N files of the swap are in place.
    if (const QByteArray drill = qgetenv("VIGIL_DRILL_CRASH_DURING_RESTORE"); !drill.isEmpty()) {
        const int after = drill.toInt();
        if (after <= 0) {
            printErr(BackupText::tr("vigil: VIGIL_DRILL_CRASH_DURING_RESTORE must be a positive whole number, not '%1'")
                         .arg(QString::fromLocal8Bit(drill)));
            return 2;
        }
        request.afterEachSwap = [after](int swapped) {
            if (swapped == after)
                std::_Exit(86);
        };
    }
    request.configTarget = configRestoreTarget(cl.configFile);
    const RestoreResult result = restoreBackup(request, terminalProgress(), [&](const RestorePlan &plan) {
        printRestorePlan(plan, request.backupFile);
        if (cl.backup.yes)
            return true;
        std::fprintf(stdout, "%s",
                     qPrintable(BackupText::tr("Restore these files? A safety backup of the current state is "
                                               "taken first. Type 'yes' to go on: ")));
        std::fflush(stdout);
        char answer[64] = {};
        return std::fgets(answer, sizeof answer, stdin) && QByteArray(answer).trimmed() == "yes";
    });
    if (result.plan.check.manifest && cl.backup.dryRun && result.ok())
        printRestorePlan(result.plan, request.backupFile);
    for (const QString &step : result.steps)
        printOut(step);
    if (!result.ok()) {
        printErr(QStringLiteral("vigil restore: ") + result.error);
        return 1;
    }
    if (!cl.backup.dryRun)
        printOut(BackupText::tr("restored from %1; start vigil to reconcile with the broker").arg(request.backupFile));
    return 0;
}

} // namespace

QString configFileInUse(const QString &explicitFile)
{
    return explicitFile.isEmpty()
               ? QStandardPaths::locate(QStandardPaths::AppConfigLocation, QStringLiteral("vigil.toml"))
               : explicitFile;
}

QString configRestoreTarget(const QString &explicitFile)
{
    const QString inUse = configFileInUse(explicitFile);
    return inUse.isEmpty() ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                                 .filePath(QStringLiteral("vigil.toml"))
                           : inUse;
}

int runBackupCommand(const CommandLine &cl, const QString &dataDir, const BackupConfig &configured)
{
    switch (cl.mode) {
    case Mode::BackupCreate: return backupCreateCommand(cl, dataDir, configured);
    case Mode::BackupList: return backupListCommand(cl, dataDir, configured);
    case Mode::BackupVerify: return backupVerifyCommand(cl, dataDir, configured);
    case Mode::Restore: return restoreCommand(cl, dataDir, configured);
    default: return backupPruneCommand(cl, dataDir, configured);
    }
}

} // namespace vigil
