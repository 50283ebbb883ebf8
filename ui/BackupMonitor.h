#pragma once
// Keeps the console's eye on its backups: every minute (off the GUI thread) it lists the
// backups directory and says how old the newest verified backup is: none, or older than
// 24 hours, is a warning the status bar shows in red. After each session's close it makes
// the day's backup (type daily), verified, then prunes by the retention rules. GUI thread
// only; the listing, the backup and the pruning run on Qt's thread pool.

#include "backup/BackupCatalog.h"
#include "backup/BackupWriter.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace vigil {

class BackupMonitor final : public QObject {
    Q_OBJECT

public:
    /// Newer than this, the newest verified backup is fresh.
    static constexpr qint64 kFreshSeconds = 24 * 3600;

    struct Status {
        bool known = false;        ///< a listing has come back
        int backups = 0;
        int bad = 0;
        QDateTime newestVerified;  ///< invalid: none
        QString dailyProblem;      ///< why the last daily backup failed (empty: it did not)
        bool warning(const QDateTime &now) const
        {
            return !known || !newestVerified.isValid() || newestVerified.secsTo(now) > kFreshSeconds
                || !dailyProblem.isEmpty();
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
    /// True while a daily backup is being made.
    bool busy() const { return m_busy; }

Q_SIGNALS:
    void statusChanged();
    /// A daily backup has ended, verified or not (the status says which).
    void dailyBackupFinished();

private:
    BackupRequest m_request;
    RetentionPolicy m_retention;
    Status m_status;
    QTimer m_timer;
    QSet<QString> m_dailyDone;
    bool m_busy = false;
};

} // namespace vigil
