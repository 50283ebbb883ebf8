#include "api/Restore.h"

#include "api/InstanceLock.h"

#include "api/AuditAnchor.h"

#include "api/AuditAnchor.h"
#include "api/BackupWriter.h"
#include "api/ConfigLoader.h"
#include "api/JournalVerifier.h"
#include "backup/SqliteSnapshot.h"
#include "store/Schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QUuid>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace vigil {

namespace {

const char *const kDatabaseSidecars[] = {"-wal", "-shm"};

void syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

QString systemError() { return QString::fromLocal8Bit(std::strerror(errno)); }

bool renameFile(const QString &from, const QString &to, QString &error)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    error = QCoreApplication::translate("Restore", "cannot rename %1 to %2: %3").arg(from, to, systemError());
    return false;
}

/// One file of the swap: `staged` replaces `live`; what `live` was (and its -wal/-shm, for
/// a database) is kept under `replaced`.
struct SwapStep {
    QString staged;
    QString live;
    QString replaced;
    bool database = false;
};

QJsonObject toJson(const SwapStep &s)
{
    return {{QStringLiteral("staged"), s.staged},
            {QStringLiteral("live"), s.live},
            {QStringLiteral("replaced"), s.replaced},
            {QStringLiteral("database"), s.database}};
}

SwapStep swapStepFromJson(const QJsonObject &o)
{
    return {o.value(QStringLiteral("staged")).toString(), o.value(QStringLiteral("live")).toString(),
            o.value(QStringLiteral("replaced")).toString(), o.value(QStringLiteral("database")).toBool()};
}

/// Runs (or, after a crash, finishes) one step. Each part can be repeated: while the staged
/// file exists the step is not done, and every part checks what is already in place.
QString runSwapStep(const SwapStep &s)
{
    QString error;
    if (s.staged.isEmpty()) { // undoing a file the restore created: it is moved out of the way
        QDir().mkpath(QFileInfo(s.replaced).absolutePath());
        return !QFileInfo::exists(s.live) || renameFile(s.live, s.replaced, error) ? QString() : error;
    }
    if (!QFileInfo::exists(s.staged))
        return {}; // renamed into place already
    QDir().mkpath(QFileInfo(s.replaced).absolutePath());
    if (QFileInfo::exists(s.live) && !QFileInfo::exists(s.replaced)) {
        // A second name for what is replaced, so there is never a moment without a live file.
        if (::link(QFile::encodeName(s.live).constData(), QFile::encodeName(s.replaced).constData()) != 0
            && !QFile::copy(s.live, s.replaced))
            return QCoreApplication::translate("Restore", "cannot keep a copy of %1 in %2: %3")
                .arg(s.live, s.replaced, systemError());
    }
    if (s.database) {
        // The live database's -wal belongs to it alone: it must never meet the new file.
        for (const char *suffix : kDatabaseSidecars) {
            const QString live = s.live + QLatin1String(suffix);
            if (QFileInfo::exists(live) && !renameFile(live, s.replaced + QLatin1String(suffix), error))
                return error;
        }
    }
    if (!renameFile(s.staged, s.live, error))
        return error;
    return {};
}

/// Writes `content` to `path` durably (the file, then its directory).
QString writeSynced(const QString &path, const QByteArray &content)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
    out.write(content);
    if (!out.commit())
        return QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
    syncDirectory(QFileInfo(path).absolutePath());
    return {};
}

/// `hold`: the restore's hold to leave once the swap runs forward (empty for a rollback).
QString writeIntent(const QString &dataDir, const QString &staging, const std::vector<SwapStep> &steps,
                    const QString &keepAs, const QJsonObject &hold = {})
{
    QJsonArray list;
    for (const SwapStep &s : steps)
        list.append(toJson(s));
    QJsonObject intent{{QStringLiteral("staging"), staging},
                       {QStringLiteral("keep_replaced_as"), keepAs},
                       {QStringLiteral("steps"), list}};
    if (!hold.isEmpty())
        intent.insert(QStringLiteral("hold"), hold);
    return writeSynced(restoreIntentPath(dataDir), QJsonDocument(intent).toJson());
}

QString writeHold(const QString &dataDir, const QJsonObject &hold)
{
    return writeSynced(restoreHoldPath(dataDir), QJsonDocument(hold).toJson());
}

/// Runs every step of a written plan, then syncs the directories.
QString runSwap(const std::vector<SwapStep> &steps, const std::function<void(int)> &afterEach = {})
{
    QSet<QString> dirs;
    int swapped = 0;
    for (const SwapStep &s : steps) {
        if (const QString e = runSwapStep(s); !e.isEmpty())
            return e;
        dirs.insert(QFileInfo(s.live).absolutePath());
        if (afterEach) {
            syncDirectory(QFileInfo(s.live).absolutePath());
            afterEach(++swapped);
        }
    }
    for (const QString &dir : dirs)
        syncDirectory(dir);
    return {};
}

/// After the swap: sets the replaced files aside (`keepAs`) or deletes them with the
/// staging directory, and removes the plan.
QString cleanUpSwap(const QString &dataDir, const QString &staging, const QString &keepAs)
{
    if (!keepAs.isEmpty()) {
        const QString replaced = QDir(staging).filePath(QStringLiteral("replaced"));
        QString error;
        if (QFileInfo::exists(replaced) && !QFileInfo::exists(keepAs) && !renameFile(replaced, keepAs, error))
            return error;
    }
    QDir(staging).removeRecursively();
    QFile::remove(restoreIntentPath(dataDir));
    syncDirectory(dataDir);
    return {};
}

/// Lines only in `a` ("- ") and only in `b` ("+ "), in file order: enough to see which keys differ.
QStringList lineDifferences(const QString &label, const QByteArray &a, const QByteArray &b)
{
    const QStringList left = QString::fromUtf8(a).split(QLatin1Char('\n'));
    const QStringList right = QString::fromUtf8(b).split(QLatin1Char('\n'));
    const QSet<QString> inLeft(left.begin(), left.end());
    const QSet<QString> inRight(right.begin(), right.end());
    QStringList out;
    for (const QString &l : left)
        if (!inRight.contains(l) && !l.trimmed().isEmpty())
            out << QStringLiteral("%1: - %2").arg(label, l);
    for (const QString &l : right)
        if (!inLeft.contains(l) && !l.trimmed().isEmpty())
            out << QStringLiteral("%1: + %2").arg(label, l);
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Folds a database's -wal into the file (nothing else may have it open), so that the file
/// alone is the database and can be moved without its companions.
void checkpoint(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK)
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close_v2(db); // the last connection to close removes the -wal
}

/// Brings a staged journal of an older schema to this build's, on a connection of its own.
QString migrateStagedJournal(const QString &path)
{
    const QString name = QStringLiteral("restore-migrate-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        error = openJournalDatabase(path, name);
        if (error.isEmpty()) {
            QSqlDatabase db = QSqlDatabase::database(name);
            error = migrateJournal(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

/// What is wrong with the files now in place: the journal's checks, the configuration's.
QStringList healthProblems(const std::vector<RestoreTarget> &targets)
{
    QStringList problems;
    for (const RestoreTarget &t : targets) {
        if (t.member == QLatin1String(kJournalMember)) {
            const JournalCheck check = verifyJournal(t.live);
            for (const QString &p : check.problems)
                problems << QStringLiteral("%1: %2").arg(t.live, p);
        } else if (t.member == QLatin1String(kBrokerMember)) {
            for (const QString &p : checkDatabase(t.live).problems)
                problems << QStringLiteral("%1: %2").arg(t.live, p);
        } else if (t.member.startsWith(QLatin1String("config/"))) {
            for (const ConfigError &e : loadConfigFile(QFile::encodeName(t.live).toStdString()).errors)
                problems << QString::fromStdString(e.toString());
        }
    }
    return problems;
}

} // namespace

QString restoreIntentPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("restore-in-progress.json"));
}

QString restoreHoldPath(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("restored-hold.json")); }

QString restoreHoldText(const QString &dataDir)
{
    QFile in(restoreHoldPath(dataDir));
    if (!in.exists())
        return {};
    // A hold that cannot be read still holds: what it says is only the detail.
    const QJsonObject o = in.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(in.readAll()).object() : QJsonObject();
    const QString backup = o.value(QStringLiteral("backup")).toString();
    const QDateTime at = QDateTime::fromString(o.value(QStringLiteral("restored_at")).toString(), Qt::ISODate);
    if (backup.isEmpty() || !at.isValid())
        return QStringLiteral("restored from a backup (%1 cannot be read)").arg(in.fileName());
    return QStringLiteral("restored from %1 at %2")
        .arg(QFileInfo(backup).fileName(), at.toLocalTime().toString(Qt::ISODate));
}

JournalFigures journalFigures(const QString &path)
{
    JournalFigures f;
    if (!QFileInfo(path).isFile())
        return f;
    f.present = true;
    // Read-write but query-only: a read-only connection would leave a -wal and -shm behind
    // (it may not remove them), and a dry run must leave the data directory as it was.
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK
        || sqlite3_exec(db, "PRAGMA query_only=1", nullptr, nullptr, nullptr) != SQLITE_OK) {
        f.problem = QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close_v2(db);
        return f;
    }
    sqlite3_busy_timeout(db, 5000);
    auto scalar = [&](const char *sql, QString *text = nullptr) -> std::int64_t {
        sqlite3_stmt *stmt = nullptr;
        std::int64_t value = -1;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
            value = sqlite3_column_int64(stmt, 0);
            if (text && sqlite3_column_text(stmt, 0))
                *text = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
        return value;
    };
    f.schemaVersion = static_cast<int>(scalar("PRAGMA user_version"));
    if (f.schemaVersion < 0)
        f.problem = QString::fromUtf8(sqlite3_errmsg(db));
    if (f.schemaVersion > 0) {
        f.orders = scalar("SELECT COUNT(*) FROM orders");
        f.fills = scalar("SELECT COUNT(*) FROM fills");
        f.openPositions = scalar("SELECT COUNT(*) FROM position_snapshots WHERE strategy = 'account' AND qty <> 0 AND "
                                 "checkpoint = (SELECT MAX(seq) FROM checkpoints)");
        scalar("SELECT MAX(session_date) FROM sessions", &f.lastSession);
    }
    sqlite3_close_v2(db);
    return f;
}

QString completeInterruptedRestore(const QString &dataDir, bool *finished)
{
    if (finished)
        *finished = false;
    QFile in(restoreIntentPath(dataDir));
    if (!in.exists())
        return {};
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("an interrupted restore left %1, which cannot be read: %2")
            .arg(in.fileName(), in.errorString());
    const QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
    in.close();
    const QJsonArray list = o.value(QStringLiteral("steps")).toArray();
    if (list.isEmpty())
        return QStringLiteral("an interrupted restore left %1, which is not a restore plan: move it away only after "
                              "checking the data directory")
            .arg(in.fileName());
    std::vector<SwapStep> steps;
    for (const QJsonValue &v : list)
        steps.push_back(swapStepFromJson(v.toObject()));
    const QJsonObject hold = o.value(QStringLiteral("hold")).toObject();
    QString error = hold.isEmpty() ? QString() : writeHold(dataDir, hold);
    if (error.isEmpty())
        error = runSwap(steps);
    if (error.isEmpty())
        error = cleanUpSwap(dataDir, o.value(QStringLiteral("staging")).toString(),
                            o.value(QStringLiteral("keep_replaced_as")).toString());
    if (error.isEmpty() && finished)
        *finished = true;
    return error.isEmpty() ? QString() : QStringLiteral("cannot finish the interrupted restore: ") + error;
}

RestoreResult restoreBackup(const RestoreRequest &request, const BackupProgress &progress,
                            const RestoreConfirm &confirm)
{
    RestoreResult result;
    RestorePlan &plan = result.plan;
    auto report = [&](int percent, const QString &step) {
        if (progress)
            progress(percent, step);
    };
    const QString file = QFileInfo(request.backupFile).fileName();
    const QDir data(QFileInfo(request.dataDir).absoluteFilePath());
    if (request.dataDir.isEmpty()) {
        result.error = QCoreApplication::translate("Restore", "no data directory to restore into");
        return result;
    }
    // Before anything is created (the data directory, its lock, a staging directory).
    if (const QFileInfo backup(request.backupFile); !backup.isFile()) {
        result.error = backup.exists()
                           ? QCoreApplication::translate("Restore", "%1 is not a file; nothing was touched")
                           : QCoreApplication::translate("Restore", "%1 does not exist; nothing was touched");
        result.error = result.error.arg(request.backupFile);
        return result;
    }

    // Nothing runs on the data directory while it is restored (a dry run only reads).
    std::unique_ptr<InstanceLock> lock;
    if (!request.dryRun) {
        lock = std::make_unique<InstanceLock>(request.dataDir);
        if (!lock->error().isEmpty()) {
            result.error = QCoreApplication::translate("Restore", "nothing was restored: %1").arg(lock->error());
            return result;
        }
        bool finishedEarlier = false;
        if (const QString e = completeInterruptedRestore(request.dataDir, &finishedEarlier); !e.isEmpty()) {
            result.error = e;
            return result;
        }
        if (finishedEarlier)
            result.steps << QStringLiteral("finished a restore that had been interrupted");
        // With no plan on disk, a staging directory is what a restore stopped before its swap
        // left behind.
        for (const QString &left : data.entryList({QStringLiteral(".restore-*")}, QDir::Dirs | QDir::Hidden))
            QDir(data.filePath(left)).removeRecursively();
    }

    // 1. Verify while extracting: the staged files are the verified bytes.
    std::unique_ptr<QTemporaryDir> staging =
        request.dryRun ? std::make_unique<QTemporaryDir>()
                       : std::make_unique<QTemporaryDir>(data.filePath(QStringLiteral(".restore-XXXXXX")));
    if (!staging->isValid()) {
        result.error = QCoreApplication::translate("Restore", "nothing was restored: no staging directory: %1")
                           .arg(staging->errorString());
        return result;
    }
    const QString staged = QDir(staging->path()).filePath(QStringLiteral("staged"));
    QDir().mkpath(staged);
    plan.check = verifyBackup(
        request.backupFile, [&](int percent, const QString &step) { report(percent * 40 / 100, step); },
        DatabaseChecks::Extract, staged);
    if (!plan.check.ok()) {
        result.error = QCoreApplication::translate("Restore", "%1 is not restored, nothing was touched: %2")
                           .arg(file, plan.check.problems.join(QStringLiteral("; ")));
        return result;
    }
    result.steps << QStringLiteral("verified %1").arg(request.backupFile);
    const BackupManifest &manifest = *plan.check.manifest;
    plan.dataLossSeconds = manifest.createdAt.secsTo(QDateTime::currentDateTimeUtc());

    // 2. What goes where.
    bool configTargetTaken = false;
    const QString sourceData = QDir::cleanPath(manifest.dataDir);
    for (const ManifestMember &m : manifest.members) {
        RestoreTarget t;
        t.member = m.name;
        if (m.role == MemberRole::Journal || m.role == MemberRole::Broker) {
            if (request.scope == RestoreScope::Config
                || (request.scope == RestoreScope::Journal && m.role == MemberRole::Broker))
                continue;
            t.live = data.filePath(m.name);
        } else if (m.role == MemberRole::Config) {
            if (request.scope == RestoreScope::Journal)
                continue;
            if (QFileInfo(m.origin).absolutePath() == sourceData) {
                t.live = data.filePath(QFileInfo(m.origin).fileName());
            } else if (request.configTarget.isEmpty()) {
                plan.notes << QStringLiteral("%1 is not restored: it came from %2 and no configuration file was named "
                                             "to restore it into (give --config FILE)")
                                  .arg(m.name, m.origin);
                continue;
            } else if (!configTargetTaken) {
                t.live = QFileInfo(request.configTarget).absoluteFilePath();
                configTargetTaken = true;
            } else {
                plan.notes << QStringLiteral("%1 is not restored: it came from %2 and only one configuration file is "
                                             "restored outside the data directory")
                                  .arg(m.name, m.origin);
                continue;
            }
        } else {
            plan.notes << QStringLiteral("%1 is not restored (logs stay in the backup)").arg(m.name);
            continue;
        }
        const QString source = QDir(staged).filePath(m.name);
        t.exists = QFileInfo::exists(t.live);
        t.identical = t.exists && m.role == MemberRole::Config && readAll(t.live) == readAll(source);
        if (m.role == MemberRole::Config && t.exists && !t.identical)
            plan.configDifferences << lineDifferences(QFileInfo(t.live).fileName(), readAll(t.live), readAll(source));
        plan.targets.push_back(t);
    }
    if (plan.targets.empty()) {
        result.error = QCoreApplication::translate("Restore", "%1 holds nothing to restore for %2")
                           .arg(file, request.scope == RestoreScope::Config    ? QStringLiteral("--only config")
                                      : request.scope == RestoreScope::Journal ? QStringLiteral("--only journal")
                                                                               : QStringLiteral("a full restore"));
        return result;
    }
    const bool journalRestored = std::any_of(plan.targets.begin(), plan.targets.end(), [](const RestoreTarget &t) {
        return t.member == QLatin1String(kJournalMember);
    });
    if (journalRestored) {
        plan.currentJournal = journalFigures(data.filePath(QLatin1String(kJournalMember)));
        plan.backupJournal = journalFigures(QDir(staged).filePath(QLatin1String(kJournalMember)));
    }
    report(45, QStringLiteral("planned"));
    if (request.dryRun) {
        result.steps << QStringLiteral("dry run: nothing was changed");
        return result;
    }
    if (confirm && !confirm(plan)) {
        result.declined = true;
        result.error =
            QCoreApplication::translate("Restore", "not restored: the restore was not confirmed; nothing was changed");
        return result;
    }

    // 3. An older journal is migrated in the staging directory.
    if (journalRestored && plan.backupJournal.schemaVersion < kJournalSchemaVersion
        && plan.backupJournal.schemaVersion > 0) {
        report(47,
               QStringLiteral("migrating the journal from schema version %1").arg(plan.backupJournal.schemaVersion));
        if (const QString e = migrateStagedJournal(QDir(staged).filePath(QLatin1String(kJournalMember)));
            !e.isEmpty()) {
            result.error = QCoreApplication::translate(
                               "Restore", "nothing was restored: the backup's journal cannot be migrated: %1")
                               .arg(e);
            return result;
        }
        result.steps << QStringLiteral("migrated the journal from schema version %1 to %2")
                            .arg(plan.backupJournal.schemaVersion)
                            .arg(kJournalSchemaVersion);
    }

    // 4. The safety backup of what is there now. A journal too damaged to be backed up is
    // kept aside as it is instead.
    QString keepReplacedAs;
    const QString liveJournal = data.filePath(QLatin1String(kJournalMember));
    BackupRequest safety;
    safety.dataDir = request.dataDir;
    safety.backupsDir = request.backupsDir;
    safety.type = BackupType::PreRestore;
    if (QFileInfo::exists(request.configTarget))
        safety.configFiles << request.configTarget;
    const bool journalDamaged = QFileInfo::exists(liveJournal) && !checkDatabase(liveJournal).ok();
    const bool somethingToSave =
        QFileInfo::exists(liveJournal) || QFileInfo::exists(data.filePath(QLatin1String(kBrokerMember)))
        || !safety.configFiles.isEmpty() || !data.entryList({QStringLiteral("*.toml")}, QDir::Files).isEmpty();
    if (journalDamaged) {
        keepReplacedAs =
            data.filePath(QStringLiteral("damaged-%1")
                              .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))));
        result.steps << QStringLiteral("the current journal is damaged: it is kept as it is in %1").arg(keepReplacedAs);
        safety.includeJournal = false;
    }
    if (somethingToSave) {
        report(50, QStringLiteral("safety backup of the current state"));
        const BackupResult saved = createBackup(safety, [&](int percent, const QString &step) {
            report(50 + percent * 25 / 100, QStringLiteral("safety backup: ") + step);
        });
        if (saved.ok()) {
            result.safetyBackup = saved.path;
            result.steps << QStringLiteral("safety backup of the current state: %1").arg(saved.path);
        } else if (!(journalDamaged && saved.path.isEmpty()
                     && saved.error.contains(QStringLiteral("nothing to back up")))) {
            result.error = QCoreApplication::translate(
                               "Restore", "nothing was restored: the safety backup of the current state failed: %1")
                               .arg(saved.error);
            return result;
        }
    }

    // 5. The swap: the plan on disk first, then one rename(2) per file.
    report(80, QStringLiteral("putting the restored files in place"));
    std::vector<SwapStep> steps;
    const QString replacedDir = QDir(staging->path()).filePath(QStringLiteral("replaced"));
    for (const RestoreTarget &t : plan.targets) {
        if (t.identical)
            continue;
        SwapStep s;
        s.live = t.live;
        s.staged = QDir(staged).filePath(t.member);
        s.replaced = QDir(replacedDir).filePath(t.member);
        s.database = t.member == QLatin1String(kJournalMember) || t.member == QLatin1String(kBrokerMember);
        if (!t.live.startsWith(data.absolutePath() + QLatin1Char('/'))) {
            // Outside the data directory (the configuration): staged beside its target, so
            // that the rename stays on one file system.
            const QString beside = t.live + QStringLiteral(".restoring");
            QDir().mkpath(QFileInfo(t.live).absolutePath());
            QFile::remove(beside);
            if (!QFile::copy(s.staged, beside)) {
                result.error = QCoreApplication::translate("Restore", "nothing was restored: cannot stage %1 beside %2")
                                   .arg(t.member, t.live);
                return result;
            }
            QFile f(beside);
            if (f.open(QIODevice::ReadWrite)) {
                ::fsync(f.handle());
                f.close();
            }
            s.staged = beside;
        }
        steps.push_back(s);
    }
    for (const SwapStep &step : steps)
        if (step.database && QFileInfo::exists(step.live) && !journalDamaged)
            checkpoint(step.live);
    staging->setAutoRemove(false); // from here on the plan on disk owns it
    // The hold goes with the plan: whatever finishes the swap leaves it behind.
    const QJsonObject hold{{QStringLiteral("backup"), QFileInfo(request.backupFile).absoluteFilePath()},
                           {QStringLiteral("restored_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    const bool heldBefore = QFileInfo::exists(restoreHoldPath(request.dataDir));
    QString intentError = writeIntent(request.dataDir, staging->path(), steps, keepReplacedAs, hold);
    if (intentError.isEmpty())
        intentError = writeHold(request.dataDir, hold);
    if (!intentError.isEmpty()) {
        QFile::remove(restoreIntentPath(request.dataDir));
        if (!heldBefore)
            QFile::remove(restoreHoldPath(request.dataDir));
        staging->setAutoRemove(true);
        result.error = QCoreApplication::translate("Restore", "nothing was restored: %1").arg(intentError);
        return result;
    }
    if (const QString e = runSwap(steps, request.afterEachSwap); !e.isEmpty()) {
        result.error =
            QCoreApplication::translate("Restore", "the restore stopped during the swap (%1); the next restore "
                                                   "or start of vigil finishes it")
                .arg(e);
        return result;
    }
    result.applied = true;
    for (const RestoreTarget &t : plan.targets)
        result.steps << (t.identical ? QStringLiteral("%1 unchanged").arg(t.live)
                                     : QStringLiteral("%1 restored from %2").arg(t.live, t.member));

    // 6. Health checks; a failure puts the replaced files back, the same way.
    report(90, QStringLiteral("checking the restored files"));
    const QStringList problems = healthProblems(plan.targets);
    if (!problems.isEmpty()) {
        result.error = QCoreApplication::translate("Restore", "the restored files fail their checks: %1")
                           .arg(problems.join(QStringLiteral("; ")));
        std::vector<SwapStep> back;
        const QString rolledBack = QDir(staging->path()).filePath(QStringLiteral("rolled-back"));
        for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
            const QString member = QDir(replacedDir).relativeFilePath(it->replaced);
            back.push_back({QFileInfo::exists(it->replaced) ? it->replaced : QString(), it->live,
                            QDir(rolledBack).filePath(member), it->database});
        }
        QString e = writeIntent(request.dataDir, staging->path(), back, {});
        if (e.isEmpty())
            e = runSwap(back);
        for (const SwapStep &step : back) // a damaged journal's own -wal goes back with it
            for (const char *suffix : kDatabaseSidecars)
                if (step.database && !step.staged.isEmpty() && QFileInfo::exists(step.staged + QLatin1String(suffix)))
                    renameFile(step.staged + QLatin1String(suffix), step.live + QLatin1String(suffix), e);
        if (e.isEmpty())
            e = cleanUpSwap(request.dataDir, staging->path(), {});
        if (e.isEmpty() && !heldBefore) // the files before are back: nothing of this restore to hold
            QFile::remove(restoreHoldPath(request.dataDir));
        result.applied = false;
        result.error += e.isEmpty()
                            ? QStringLiteral("; the previous files were put back")
                            : QStringLiteral("; putting the previous files back failed (%1): the safety backup %2 "
                                             "holds them")
                                  .arg(e, result.safetyBackup);
        return result;
    }
    // The restored chain is older than the anchor the replaced journal left: that anchor is
    // kept, named for this restore, so that `audit verify` tells a restore from a chain cut
    // short. (Killed before this rename, the next start keeps it as a superseded anchor.)
    const QString anchor = auditAnchorPath(data.filePath(QLatin1String(kJournalMember)));
    if (journalRestored && QFileInfo::exists(anchor)) {
        QString e;
        if (renameFile(
                anchor,
                restoredAnchorPath(data.filePath(QLatin1String(kJournalMember)), QDateTime::currentDateTimeUtc()), e))
            result.steps << QStringLiteral("the replaced journal's audit anchor is kept for `vigil audit verify`");
        else
            result.steps << QStringLiteral(
                                "restored, but the replaced journal's audit anchor could not be set aside (%1): "
                                "`vigil audit verify` will report it")
                                .arg(e);
    }
    if (const QString e = cleanUpSwap(request.dataDir, staging->path(), keepReplacedAs); !e.isEmpty())
        result.steps << QStringLiteral("restored, but cleaning up failed: ") + e;
    result.steps << QStringLiteral("trading starts PAUSED (reduce-only) on this data directory until the books are "
                                   "reconciled clean and an operator resumes");
    report(100, QStringLiteral("restored"));
    return result;
}

} // namespace vigil
