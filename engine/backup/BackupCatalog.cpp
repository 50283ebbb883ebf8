#include "api/BackupCatalog.h"

#include "api/BackupVerifier.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace vigil {

namespace {
const QString kStampFormat = QStringLiteral("yyyyMMdd'T'HHmmsszzz");

const QRegularExpression &backupNamePattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^vigil-backup-(\\d{8}T\\d{9})Z-(daily|pre-restore|pre-migration|manual|intraday)\\.tar$"));
    return pattern;
}

bool newerFirst(const BackupEntry &a, const BackupEntry &b)
{
    return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.path > b.path;
}
} // namespace

QString backupFileName(const QDateTime &createdAt, BackupType type)
{
    return QStringLiteral("vigil-backup-%1Z-%2.tar")
        .arg(createdAt.toUTC().toString(kStampFormat), backupTypeText(type));
}

std::optional<std::pair<QDateTime, BackupType>> parseBackupFileName(const QString &fileName)
{
    const QRegularExpressionMatch m = backupNamePattern().match(fileName);
    if (!m.hasMatch())
        return std::nullopt;
    const QDateTime local = QDateTime::fromString(m.captured(1), kStampFormat);
    if (!local.isValid())
        return std::nullopt;
    return std::make_pair(QDateTime(local.date(), local.time(), Qt::UTC), *backupTypeFromText(m.captured(2)));
}

QString backupStatusText(BackupStatus status)
{
    switch (status) {
    case BackupStatus::Verified: return QStringLiteral("verified");
    case BackupStatus::Bad: return QStringLiteral("BAD");
    case BackupStatus::Unverified: break;
    }
    return QStringLiteral("unverified");
}

std::vector<BackupEntry> listBackups(const QString &backupsDir)
{
    std::vector<BackupEntry> out;
    for (const QFileInfo &f : QDir(backupsDir).entryInfoList({QStringLiteral("vigil-backup-*.tar")}, QDir::Files)) {
        const auto parsed = parseBackupFileName(f.fileName());
        if (!parsed)
            continue;
        BackupEntry e;
        e.path = f.absoluteFilePath();
        e.createdAt = parsed->first;
        e.type = parsed->second;
        e.size = f.size();
        if (const std::optional<VerificationRecord> r = readVerification(e.path)) {
            e.verifiedAt = r->verifiedAt;
            e.note = r->note;
            e.manifest = r->manifest;
            if (r->archiveSize != e.size) {
                e.status = BackupStatus::Unverified;
                e.problems << QStringLiteral("changed since it was verified (%1 bytes then, %2 now): verify it again")
                                  .arg(r->archiveSize)
                                  .arg(e.size);
            } else {
                e.status = r->ok ? BackupStatus::Verified : BackupStatus::Bad;
                e.problems = r->problems;
            }
        }
        out.push_back(e);
    }
    std::sort(out.begin(), out.end(), newerFirst);
    return out;
}

QStringList unfinishedLeftovers(const QString &backupsDir)
{
    QStringList out;
    const QDir dir(backupsDir);
    for (const QFileInfo &f : dir.entryInfoList(
             {QStringLiteral("vigil-backup-*.tar.*"), QStringLiteral(".staging-*"), QStringLiteral(".verify-*")},
             QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        if (f.fileName().endsWith(QLatin1String(".verified.json")))
            continue;
        out << f.absoluteFilePath();
    }
    return out;
}

RetentionPolicy retentionPolicy(const BackupConfig &config)
{
    RetentionPolicy policy;
    policy.daily = config.keepDaily;
    policy.weekly = config.keepWeekly;
    policy.monthly = config.keepMonthly;
    policy.intraday = config.keepIntraday;
    return policy;
}

RetentionDecision decideRetention(const std::vector<BackupEntry> &backups, const RetentionPolicy &policy,
                                  const QDateTime &now)
{
    std::vector<BackupEntry> sorted = backups;
    std::sort(sorted.begin(), sorted.end(), newerFirst);
    std::map<QString, QString> reasons; // path -> why kept
    auto keep = [&](const BackupEntry &e, const QString &why) {
        QString &r = reasons[e.path];
        r = r.isEmpty() ? why : r + QStringLiteral(", ") + why;
    };

    const auto newestVerified = std::find_if(sorted.begin(), sorted.end(),
                                             [](const BackupEntry &e) { return e.status == BackupStatus::Verified; });
    if (newestVerified != sorted.end())
        keep(*newestVerified, QStringLiteral("the newest verified backup"));

    // Daily backups, thinned by day, ISO week and month: in each period the newest
    // verified backup stands for it (the newest unverified one if none is verified).
    auto tier = [&](int periods, const QString &label, auto periodOf) {
        if (periods <= 0)
            return;
        std::vector<QString> order;
        std::map<QString, const BackupEntry *> chosen;
        for (const BackupEntry &e : sorted) {
            if (e.type != BackupType::Daily || e.status == BackupStatus::Bad)
                continue;
            const QString period = periodOf(e.createdAt.toUTC().date());
            auto it = chosen.find(period);
            if (it == chosen.end()) {
                order.push_back(period);
                chosen[period] = &e;
            } else if (it->second->status != BackupStatus::Verified && e.status == BackupStatus::Verified) {
                it->second = &e;
            }
        }
        for (std::size_t i = 0; i < order.size() && i < static_cast<std::size_t>(periods); ++i)
            keep(*chosen[order[i]], QStringLiteral("%1 %2").arg(label, order[i]));
    };
    tier(policy.daily, QStringLiteral("daily"), [](const QDate &d) { return d.toString(Qt::ISODate); });
    tier(policy.weekly, QStringLiteral("weekly"), [](const QDate &d) {
        int year = 0;
        const int week = d.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    });
    tier(policy.monthly, QStringLiteral("monthly"),
         [](const QDate &d) { return d.toString(QStringLiteral("yyyy-MM")); });

    std::map<BackupType, int> seenOfType;
    for (const BackupEntry &e : sorted) {
        if (e.type == BackupType::Daily || e.status == BackupStatus::Bad)
            continue;
        const int rank = ++seenOfType[e.type];
        if (e.type == BackupType::Intraday) {
            if (rank <= policy.intraday)
                keep(e, QStringLiteral("one of the newest %1 intraday backups").arg(policy.intraday));
            continue;
        }
        if (rank <= policy.otherAtLeast)
            keep(
                e,
                QStringLiteral("one of the newest %1 %2 backups").arg(policy.otherAtLeast).arg(backupTypeText(e.type)));
        else if (e.createdAt.secsTo(now) <= static_cast<qint64>(policy.otherDays) * 86400)
            keep(e, QStringLiteral("%1 backups are kept %2 days").arg(backupTypeText(e.type)).arg(policy.otherDays));
    }
    for (const BackupEntry &e : sorted)
        if (e.status == BackupStatus::Bad
            && (newestVerified == sorted.end() || e.createdAt > newestVerified->createdAt))
            keep(e, QStringLiteral("bad, kept while no verified backup is newer"));

    RetentionDecision decision;
    for (const BackupEntry &e : sorted) {
        const auto it = reasons.find(e.path);
        if (it != reasons.end())
            decision.keep.push_back({e, it->second});
        else
            decision.remove.push_back({e, e.status == BackupStatus::Bad
                                              ? QStringLiteral("bad, and a newer backup is verified")
                                              : QStringLiteral("beyond the retention policy")});
    }
    return decision;
}

PruneResult pruneBackups(const QString &backupsDir, const RetentionPolicy &policy, const QDateTime &now)
{
    PruneResult result;
    result.decision = decideRetention(listBackups(backupsDir), policy, now);
    for (const RetentionItem &item : result.decision.remove) {
        for (const QString &file : {item.entry.path, verificationRecordPath(item.entry.path)}) {
            if (QFile::exists(file) && !QFile::remove(file))
                result.errors << QStringLiteral("cannot delete %1").arg(file);
        }
    }
    for (const QString &left : unfinishedLeftovers(backupsDir)) {
        const QFileInfo info(left);
        if (info.lastModified().secsTo(now) < 3600)
            continue; // may belong to a backup running now
        const bool removed = info.isDir() ? QDir(left).removeRecursively() : QFile::remove(left);
        if (removed)
            result.removedLeftovers << left;
        else
            result.errors << QStringLiteral("cannot delete %1").arg(left);
    }
    return result;
}

} // namespace vigil
