#include "api/InstanceLock.h"

#include <QDir>
#include <QFile>

#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace vigil {

namespace {

/// What a start writes as it begins: the lock, the log's first lines, a new journal and
/// broker file with their schemas and write-ahead logs (measured: about 300 KiB after the
/// first seconds of trading), with room for the first minutes of trading.
constexpr std::int64_t kStartNeedsBytes = 1 << 20;

/// "512 bytes", "340 KiB", "7.1 MiB".
QString byteText(std::int64_t bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    if (bytes < (1 << 20))
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 MiB").arg(static_cast<double>(bytes) / (1 << 20), 0, 'f', 1);
}

/// Why the lock file `file` in `dataDir` could not be made. QLockFile says only "unknown
/// error" or "permission": the disk and the directory are asked directly.
QString cannotCreate(const QString &dataDir, const QString &file)
{
    struct statvfs disk {};
    if (::statvfs(QFile::encodeName(dataDir).constData(), &disk) == 0) {
        const auto freeBytes = static_cast<std::int64_t>(disk.f_bavail) * static_cast<std::int64_t>(disk.f_frsize);
        if (freeBytes < kStartNeedsBytes || disk.f_favail == 0)
            return QStringLiteral(
                       "the disk of the data directory '%1' is full: cannot create the lock file %2: no space "
                       "left on device (%3 free; starting needs at least %4 for the lock, the log and the "
                       "journal's and the broker's files)")
                .arg(dataDir, file, byteText(freeBytes), byteText(kStartNeedsBytes));
    }
    if (::access(QFile::encodeName(dataDir).constData(), W_OK) != 0)
        return QStringLiteral("cannot create the lock file %1: %2")
            .arg(file, QString::fromLocal8Bit(std::strerror(errno)));
    return QStringLiteral("cannot create the lock file %1").arg(file);
}

} // namespace

InstanceLock::InstanceLock(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir)) {
        m_error = QStringLiteral("cannot create the data directory '%1'").arg(dataDir);
        return;
    }
    m_lock = std::make_unique<QLockFile>(dataDir + QStringLiteral("/vigil.lock"));
    m_lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (m_lock->tryLock(0))
        return;
    if (m_lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, application;
        if (!m_lock->getLockInfo(&pid, &host, &application)) {
            // A lock file that says nothing: a vigil killed after creating it and before
            // writing its pid, which with no stale age (above) would refuse every start
            // from now on. QLockFile holds an flock on the file from its creation, so it
            // can only be removed when no process holds it, and then it is taken.
            if (m_lock->removeStaleLockFile() && m_lock->tryLock(0))
                return;
            m_error = QStringLiteral("another vigil is starting on the data directory '%1' (%2 is held but not "
                                     "written yet); try again in a moment")
                          .arg(dataDir, QDir(dataDir).filePath(QStringLiteral("vigil.lock")));
            m_lock.reset();
            return;
        }
        m_error = QStringLiteral("another vigil (pid %1 on %2) is running on the data directory '%3'; use "
                                 "'vigil ctl' to control it, or choose another --data-dir")
                      .arg(pid)
                      .arg(host, dataDir);
    } else {
        m_error = cannotCreate(dataDir, QDir(dataDir).filePath(QStringLiteral("vigil.lock")));
    }
    m_lock.reset();
}

} // namespace vigil
