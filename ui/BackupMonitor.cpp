#include "BackupMonitor.h"

#include "Background.h"

#include "api/BackupCatalog.h"

#include <utility>

namespace vigil {

namespace {

QString backupsDirOf(const BackupRequest &r)
{
    return r.backupsDir.isEmpty() ? defaultBackupsDir(r.dataDir) : r.backupsDir;
}

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
    connect(&m_intradayTimer, &QTimer::timeout, this, &BackupMonitor::intradayDue);
    refresh();
}

void BackupMonitor::setIntradayInterval(std::chrono::milliseconds every)
{
    m_intradayTimer.stop();
    if (every.count() > 0) {
        m_intradayTimer.setInterval(every);
        m_intradayTimer.start();
    }
}

void BackupMonitor::intradayDue()
{
    if (m_sessionOpen && !busy())
        start(BackupType::Intraday);
}

QString BackupMonitor::text(const QDateTime &now) const
{
    if (!m_status.dailyProblem.isEmpty())
        return tr("DAILY BACKUP FAILED: %1").arg(m_status.dailyProblem);
    if (!m_status.intradayProblem.isEmpty())
        return tr("INTRADAY BACKUP FAILED: %1").arg(m_status.intradayProblem);
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
            s.intradayProblem = m_status.intradayProblem;
            s.backups = static_cast<int>(entries.size());
            for (const BackupEntry &e : entries) {
                s.bad += e.status == BackupStatus::Bad ? 1 : 0;
                if (e.status == BackupStatus::Verified
                    && (!s.newestVerified.isValid() || e.createdAt > s.newestVerified))
                    s.newestVerified = e.createdAt;
            }
            m_status = s;
            Q_EMIT statusChanged();
        });
}

void BackupMonitor::sessionClosed(const QString &sessionDate)
{
    if (sessionDate.isEmpty() || m_dailyDone.contains(sessionDate))
        return;
    m_dailyDone.insert(sessionDate);
    if (m_running) { // an intraday backup: the daily one follows it
        m_pendingDaily = sessionDate;
        return;
    }
    start(BackupType::Daily);
}

void BackupMonitor::whenDailyBackupDone(const QString &sessionDate, std::function<void(const QString &)> done)
{
    sessionClosed(sessionDate);
    if (busy())
        m_dailyWaiters.push_back(std::move(done));
    else
        done(m_status.dailyProblem);
}

void BackupMonitor::start(BackupType type)
{
    m_running = type;
    BackupRequest request = m_request;
    request.type = type;
    request.includeLogs = type == BackupType::Daily; // the day's log archive
    runInBackground<BackupResult>(
        this,
        [request, retention = m_retention](const BackupProgress &progress) {
            BackupResult result = createBackup(request, progress);
            if (result.ok()) // retention only ever runs after a verified backup
                pruneBackups(backupsDirOf(request), retention, QDateTime::currentDateTimeUtc());
            return result;
        },
        [](int, const QString &) {},
        [this, type](const BackupResult &result) {
            m_running.reset();
            const QString problem =
                result.ok()
                    ? QString()
                    : (result.error.isEmpty() ? result.check.problems.join(QStringLiteral("; ")) : result.error);
            (type == BackupType::Daily ? m_status.dailyProblem : m_status.intradayProblem) = problem;
            if (type == BackupType::Daily && problem.isEmpty())
                m_status.intradayProblem.clear(); // the day is backed up whole now
            if (!m_pendingDaily.isEmpty()) {
                m_pendingDaily.clear();
                start(BackupType::Daily);
            }
            refresh();
            if (type == BackupType::Daily)
                Q_EMIT dailyBackupFinished();
            else
                Q_EMIT intradayBackupFinished();
            if (!busy())
                for (const auto &done : std::exchange(m_dailyWaiters, {}))
                    done(m_status.dailyProblem);
        });
}

} // namespace vigil
