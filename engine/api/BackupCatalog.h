#pragma once
// The backups directory: what is in it, which backups retention keeps, and pruning.
// Any thread; nothing here is on a trading path.
//
// A backup is `vigil-backup-<UTC yyyyMMddTHHmmsszzz>Z-<type>.tar`; its verification is
// recorded in `<archive>.verified.json`. Anything else matching `vigil-backup-*.tar.*` or
// `.staging-*` / `.verify-*` is left behind by an interrupted backup or check.

#include "api/BackupManifest.h"
#include "api/Config.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace vigil {

QString backupFileName(const QDateTime &createdAt, BackupType type);
/// The creation time and type a backup's file name gives; nothing for any other name.
std::optional<std::pair<QDateTime, BackupType>> parseBackupFileName(const QString &fileName);

enum class BackupStatus { Verified, Bad, Unverified };
QString backupStatusText(BackupStatus status); ///< "verified", "BAD", "unverified"

struct BackupEntry {
    QString path;
    QDateTime createdAt; ///< UTC
    BackupType type = BackupType::Manual;
    std::int64_t size = 0;
    BackupStatus status = BackupStatus::Unverified;
    QDateTime verifiedAt;
    QStringList problems; ///< why it is bad, or why its record no longer counts
    QString note;
    std::optional<BackupManifest> manifest; ///< from the verification record
};

/// The backups in `backupsDir`, newest first.
std::vector<BackupEntry> listBackups(const QString &backupsDir);
/// Files and directories left by interrupted backups or checks (never shown as backups).
QStringList unfinishedLeftovers(const QString &backupsDir);

/// How many backups retention keeps. Daily backups are thinned grandfather-father-son:
/// the newest of each of the last `daily` days that have one, of each of the last `weekly`
/// ISO weeks and of each of the last `monthly` months (a backup may count for several).
/// Pre-restore, pre-migration and manual backups are each kept for `otherDays` days, and
/// the newest `otherAtLeast` of each of these types whatever their age. Intraday backups
/// (a full copy every few minutes) are kept only as the newest `intraday` of them. Bad backups count
/// for nothing; one is kept only while no verified backup is newer (it is the evidence).
/// Whatever the numbers, the newest verified backup is never deleted.
struct RetentionPolicy {
    int daily = 30;
    int weekly = 12;
    int monthly = 12;
    int otherDays = 90;
    int otherAtLeast = 5;
    int intraday = 3;
};

/// The configuration's numbers (`[backup] keep_daily`, `keep_weekly`, `keep_monthly`).
RetentionPolicy retentionPolicy(const BackupConfig &config);

struct RetentionItem {
    BackupEntry entry;
    QString reason; ///< why it is kept or deleted
};

struct RetentionDecision {
    std::vector<RetentionItem> keep;
    std::vector<RetentionItem> remove;
};

/// Pure: decides from a list (any order) what retention keeps, as of `now`.
RetentionDecision decideRetention(const std::vector<BackupEntry> &backups, const RetentionPolicy &policy,
                                  const QDateTime &now);

struct PruneResult {
    RetentionDecision decision;
    QStringList removedLeftovers;
    QStringList errors; ///< files that could not be deleted
};

/// Deletes what decideRetention() does not keep (each archive with its record), and the
/// leftovers of interrupted backups older than an hour.
PruneResult pruneBackups(const QString &backupsDir, const RetentionPolicy &policy, const QDateTime &now);

} // namespace vigil
