#pragma once
// Keeps the console's eye on its backups: every minute (off the GUI thread) it lists the
// backups directory and says how old the newest verified backup is: none, or older than
// 24 hours, is a warning the status bar shows in red. While the session is open it backs up
// every few minutes (type intraday, the configuration's [backup] intraday_every_minutes);
// after each session's close it makes the day's backup (type daily). Each is verified, then
// pruned by the retention rules; one backup runs at a time (a daily backup due while an
// intraday one runs follows it). GUI thread only; the listing, the backups and the pruning
// run on Qt's thread pool.

#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace vigil {

class BackupMonitor final : public QObject {
    Q_OBJECT

public:
    /// Newer than this, the newest verified backup is fresh.
    static constexpr qint64 kFreshSeconds = 24 * 3600;

    struct Status {
        bool known = false; ///< a listing has come back
        int backups = 0;
        int bad = 0;
        QDateTime newestVerified; ///< invalid: none
        QString dailyProblem;     ///< why the last daily backup failed (empty: it did not)
        QString intradayProblem;  ///< why the last intraday backup failed (empty: it did not)
        bool warning(const QDateTime &now) const
        {
            return !known || !newestVerified.isValid() || newestVerified.secsTo(now) > kFreshSeconds
                   || !dailyProblem.isEmpty() || !intradayProblem.isEmpty();
        }
    };

    /// Backs up as `request` says after each close, then prunes by `retention`.
    BackupMonitor(BackupRequest request, RetentionPolicy retention, QObject *parent = nullptr);

    const BackupRequest &request() const { return m_request; }
    const Status &status() const { return m_status; }
    /// The status in words for the status bar: "backup verified 3 h ago", "NO VERIFIED BACKUP".
    QString text(const QDateTime &now) const;

    /// Lists the backups again now (the timer does it every minute).
    void refresh();
    /// The session of `sessionDate` has closed: its daily backup, once per session.
    void sessionClosed(const QString &sessionDate);
    /// The close's backup step (api/EndOfDay.h): the daily backup of `sessionDate` (started
    /// now if the close has not started it yet); `done` gets why it failed (empty: verified)
    /// once no backup is under way any more, at once if none is.
    void whenDailyBackupDone(const QString &sessionDate, std::function<void(const QString &problem)> done);
    /// While the session is open, an intraday backup every `every` (zero: none). A tick that
    /// finds a backup still running is skipped.
    void setIntradayInterval(std::chrono::milliseconds every);
    /// Whether the session is open; the console says so at each refresh.
    void setSessionOpen(bool open) { m_sessionOpen = open; }
    /// True while a backup is being made, or a daily one waits for an intraday one.
    bool busy() const { return m_running.has_value() || !m_pendingDaily.isEmpty(); }

Q_SIGNALS:
    void statusChanged();
    /// A daily backup has ended, verified or not (the status says which).
    void dailyBackupFinished();
    /// An intraday backup has ended, verified or not.
    void intradayBackupFinished();

private:
    BackupRequest m_request;
    RetentionPolicy m_retention;
    Status m_status;
    void start(BackupType type);
    void intradayDue();

    QTimer m_timer;
    QTimer m_intradayTimer;
    QSet<QString> m_dailyDone;
    QString m_pendingDaily;              ///< a session closed while an intraday backup ran
    std::optional<BackupType> m_running; ///< the backup being made
    bool m_sessionOpen = false;
    std::vector<std::function<void(const QString &)>> m_dailyWaiters; ///< whenDailyBackupDone()
};

} // namespace vigil
