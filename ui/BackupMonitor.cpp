#include "BackupMonitor.h"

#include "Background.h"

#include "backup/BackupCatalog.h"

namespace vigil {

namespace {

QString backupsDirOf(const BackupRequest &r) { return r.backupsDir.isEmpty() ? defaultBackupsDir(r.dataDir) : r.backupsDir; }

/// "12 min", "3 h", "2 days".
QString ago(qint64 seconds)
{
    if (seconds < 3600)
        return BackupMonitor::tr("%1 min").arg(std::max<qint64>(seconds / 60, 0));
    if (seconds < 48 * 3600)
        return BackupMonitor::tr("%1 h").arg(seconds / 3600);
    return BackupMonitor::tr("%1 days").arg(seconds / 86'400);
}

} // namespace

BackupMonitor::BackupMonitor(BackupRequest request, RetentionPolicy retention, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_retention(retention)
{
    m_timer.setInterval(60'000);
    connect(&m_timer, &QTimer::timeout, this, &BackupMonitor::refresh);
    m_timer.start();
    refresh();
}

QString BackupMonitor::text(const QDateTime &now) const
{
    if (!m_status.dailyProblem.isEmpty())
        return tr("DAILY BACKUP FAILED: %1").arg(m_status.dailyProblem);
    if (!m_status.known)
        return tr("backups: looking…");
    if (!m_status.newestVerified.isValid())
        return m_status.backups == 0 ? tr("NO BACKUP") : tr("NO VERIFIED BACKUP (%n bad)", nullptr, m_status.bad);
    const qint64 age = m_status.newestVerified.secsTo(now);
    return age > kFreshSeconds ? tr("NEWEST VERIFIED BACKUP %1 OLD").arg(ago(age))
                               : tr("backup verified %1 ago").arg(ago(age));
}

void BackupMonitor::refresh()
{
    const QString dir = backupsDirOf(m_request);
    runInBackground<std::vector<BackupEntry>>(
        this, [dir](const BackupProgress &) { return listBackups(dir); }, [](int, const QString &) {},
        [this](const std::vector<BackupEntry> &entries) {
            Status s;
            s.known = true;
            s.dailyProblem = m_status.dailyProblem;
            s.backups = static_cast<int>(entries.size());
            for (const BackupEntry &e : entries) {
                s.bad += e.status == BackupStatus::Bad ? 1 : 0;
                if (e.status == BackupStatus::Verified && (!s.newestVerified.isValid() || e.createdAt > s.newestVerified))
                    s.newestVerified = e.createdAt;
            }
            m_status = s;
            Q_EMIT statusChanged();
        });
}

void BackupMonitor::sessionClosed(const QString &sessionDate)
{
    if (m_busy || sessionDate.isEmpty() || m_dailyDone.contains(sessionDate))
        return;
    m_dailyDone.insert(sessionDate);
    m_busy = true;
    BackupRequest request = m_request;
    request.type = BackupType::Daily;
    request.includeLogs = true; // the day's log archive
    runInBackground<BackupResult>(
        this,
        [request, retention = m_retention](const BackupProgress &progress) {
            BackupResult result = createBackup(request, progress);
            if (result.ok()) // retention only ever runs after a verified backup
                pruneBackups(backupsDirOf(request), retention, QDateTime::currentDateTimeUtc());
            return result;
        },
        [](int, const QString &) {},
        [this](const BackupResult &result) {
            m_busy = false;
            m_status.dailyProblem = result.ok() ? QString()
                                                : (result.error.isEmpty() ? result.check.problems.join(QStringLiteral("; "))
                                                                          : result.error);
            refresh();
            Q_EMIT dailyBackupFinished();
        });
}

} // namespace vigil
