#include "api/BackupWriter.h"

#include "api/AuditAnchor.h"
#include "api/BackupCatalog.h"
#include "backup/SqliteSnapshot.h"
#include "backup/TarArchive.h"
#include "store/Schema.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QUuid>

#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <future>
#include <thread>

#include <fcntl.h> // sync_file_range (_GNU_SOURCE, on by default with g++)
#include <unistd.h>

#include <optional>
#include <vector>

namespace vigil {

namespace {

struct Source {
    QString name;   ///< in the archive
    QString path;   ///< what is copied (a snapshot for databases)
    QString origin; ///< where it came from
    MemberRole role;
    QByteArray data; ///< small files are read whole, so a file being appended to is copied at one length
};

/// Makes a rename durable: the directory entry itself is synced.
void syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// A staging directory of a backup being written, held with an flock on the directory for
/// as long as the backup runs: a backup in another process (`vigil backup create` beside a
/// running console) or another thread of this one holds its own, and only a staging
/// directory nobody holds (its writer was killed) is removed as stale.
class Staging {
public:
    /// Makes and holds a new staging directory in `backupsDir`; error() says why not.
    explicit Staging(const QString &backupsDir)
    {
        // A cleaner that took the new directory for stale before it was held has removed
        // it (it has no links left once held): another is made.
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_dir.emplace(QDir(backupsDir).filePath(QStringLiteral(".staging-XXXXXX")));
            if (!m_dir->isValid()) {
                m_error = m_dir->errorString();
                return;
            }
            m_fd = ::open(QFile::encodeName(m_dir->path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            struct stat info {};
            if (m_fd >= 0 && ::flock(m_fd, LOCK_EX) == 0 && ::fstat(m_fd, &info) == 0 && info.st_nlink > 0)
                return;
            m_error = m_fd < 0 || info.st_nlink > 0 ? QString::fromLocal8Bit(std::strerror(errno))
                                                    : QStringLiteral("it was removed as it was made");
            release();
        }
    }
    ~Staging() { release(); }
    Staging(const Staging &) = delete;
    Staging &operator=(const Staging &) = delete;

    bool isValid() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }
    QString filePath(const QString &name) const { return m_dir->filePath(name); }

private:
    void release()
    {
        m_dir.reset(); // removed while still held: no cleaner can find it half gone
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    std::optional<QTemporaryDir> m_dir;
    int m_fd = -1;
    QString m_error;
};

/// Starts the archive's writeback every megabyte and waits for the previous range,
/// so that the disk sees a steady stream instead of one burst at the final fsync: the
/// journal's own commits (each an fsync) then wait behind a megabyte or two, not
/// behind the whole archive.
class WritebackPacer {
public:
    explicit WritebackPacer(QSaveFile &file)
        : m_file(file)
    {}
    void wrote()
    {
        const qint64 end = m_file.pos();
        if (end - m_started < kRangeBytes)
            return;
        m_file.flush();
        const int fd = m_file.handle();
        ::sync_file_range(fd, m_started, end - m_started, SYNC_FILE_RANGE_WRITE);
        if (m_started > 0) // the range before: on the disk before going on
            ::sync_file_range(fd, m_previous, m_started - m_previous,
                              SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
        m_previous = m_started;
        m_started = end;
        // No faster than kMaxBytesPerSecond on average: a fast disk taking the archive at
        // full speed still makes the journal's fsyncs queue behind it (docs/PERFORMANCE.md,
        // vigil-bench backup: the commit p99 while the archive is written).
        const auto due = m_begin + std::chrono::microseconds(end * 1'000'000 / kMaxBytesPerSecond);
        std::this_thread::sleep_until(due);
    }

private:
    static constexpr qint64 kRangeBytes = 1 << 20;
    static constexpr qint64 kMaxBytesPerSecond = 100 << 20;
    const std::chrono::steady_clock::time_point m_begin = std::chrono::steady_clock::now();
    QSaveFile &m_file;
    qint64 m_previous = 0;
    qint64 m_started = 0;
};

} // namespace

int removeStaleStaging(const QString &backupsDir)
{
    int removed = 0;
    const QDir dir(backupsDir);
    for (const QString &name :
         dir.entryList({QStringLiteral(".staging-*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString path = dir.filePath(name);
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && QDir(path).removeRecursively()) // held by no backup
            ++removed;
        ::close(fd);
    }
    return removed;
}

QString defaultBackupsDir(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("backups")); }

QString configuredBackupsDir(const BackupConfig &config, const QString &dataDir)
{
    return config.dir.empty() ? defaultBackupsDir(dataDir) : QDir::cleanPath(QString::fromStdString(config.dir));
}

bool looksLikeSecret(const QString &fileName)
{
    static const QRegularExpression secret(
        QStringLiteral("secret|credential|passw|token|keychain|keyring|key|\\.pem$|\\.p12$|\\.pfx$|\\.env$|^\\.netrc$"),
        QRegularExpression::CaseInsensitiveOption);
    return secret.match(fileName).hasMatch();
}

namespace {

/// The calling thread yields to everything else on the machine: CPU (nice 10) and, where
/// the I/O scheduler honours it, disk (best effort, lowest level). Failing to is harmless.
void yieldToTrading()
{
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, 10);
    constexpr int kIoprioWhoProcess = 1, kIoprioClassBestEffort = 2, kIoprioClassShift = 13;
    ::syscall(SYS_ioprio_set, kIoprioWhoProcess, static_cast<int>(tid),
              (kIoprioClassBestEffort << kIoprioClassShift) | 7);
}

BackupResult createBackupHere(const BackupRequest &request, const BackupProgress &progress);

} // namespace

BackupResult createBackup(const BackupRequest &request, const BackupProgress &progress)
{
    // On a thread of its own at a low priority: on a trading PC with two cores the backup's
    // hashing and integrity check otherwise take a core from the engine and the journal
    // (docs/PERFORMANCE.md, vigil-bench backup). A thread's priority cannot be raised back
    // without privileges, so the caller's own thread is left as it is.
    BackupResult result;
    std::exception_ptr thrown; // what the work threw is the caller's, as if it ran here
    std::thread worker([&] {
        yieldToTrading();
        try {
            result = createBackupHere(request, progress);
        } catch (...) {
            thrown = std::current_exception();
        }
    });
    worker.join();
    if (thrown)
        std::rethrow_exception(thrown);
    return result;
}

namespace {

BackupResult createBackupHere(const BackupRequest &request, const BackupProgress &progress)
{
    BackupResult result;
    auto report = [&](int percent, const QString &step) {
        if (progress)
            progress(percent, step);
    };
    const QDir data(request.dataDir);
    if (request.dataDir.isEmpty() || !data.exists()) {
        result.error =
            QStringLiteral("the data directory '%1' does not exist: nothing to back up").arg(request.dataDir);
        return result;
    }
    const QString backupsDir = request.backupsDir.isEmpty() ? defaultBackupsDir(request.dataDir) : request.backupsDir;
    if (!QDir().mkpath(backupsDir)) {
        result.error = QStringLiteral("cannot create the backups directory '%1'").arg(backupsDir);
        return result;
    }
    removeStaleStaging(backupsDir);
    const Staging staging(backupsDir);
    if (!staging.isValid()) {
        result.error =
            QStringLiteral("cannot create a staging directory in '%1': %2").arg(backupsDir, staging.errorString());
        return result;
    }

    // The databases: snapshots from connections of their own. Each snapshot's integrity and
    // foreign-key check runs on a thread of its own while the archive is written (the two
    // take about as long, docs/PERFORMANCE.md); the archive is published only once every
    // check has passed. Declared after `staging`, so the checks end before it is removed.
    struct PendingCheck {
        QString name, live;
        std::future<DatabaseCheck> check;
    };
    std::vector<PendingCheck> checks;
    std::vector<Source> sources;
    int schemaVersion = 0;
    std::optional<std::pair<std::int64_t, QByteArray>> auditHead; ///< of the journal snapshot
    const struct {
        const char *member;
        MemberRole role;
    } databases[] = {{kJournalMember, MemberRole::Journal}, {kBrokerMember, MemberRole::Broker}};
    int snapshotPercent = 0;
    for (const auto &db : databases) {
        const QString name = QLatin1String(db.member);
        const QString live = data.filePath(name);
        if (!QFileInfo(live).isFile() || (db.role == MemberRole::Journal && !request.includeJournal))
            continue;
        report(++snapshotPercent, QStringLiteral("snapshot of %1").arg(name));
        const QString copy = staging.filePath(name);
        if (QString e = snapshotDatabase(live, copy); !e.isEmpty()) {
            result.error = QStringLiteral("no backup written: %1").arg(e);
            return result;
        }
        if (db.role == MemberRole::Journal) {
            // The schema gate before anything is written: user_version alone is cheap.
            schemaVersion = databaseUserVersion(copy);
            if (schemaVersion > kJournalSchemaVersion) {
                result.error = QStringLiteral("no backup written: %1 has schema version %2, newer than this build's %3")
                                   .arg(live)
                                   .arg(schemaVersion)
                                   .arg(kJournalSchemaVersion);
                return result;
            }
            // The snapshot's audit head goes in the manifest: an anchor outside the journal
            // (AuditAnchor.h). A chain that cannot be read leaves it out; the checks below
            // and `vigil audit verify` say why.
            QString ignored;
            auditHead = readAuditHead(copy, ignored);
        }
        checks.push_back({name, live, std::async(std::launch::async, [copy] {
                              yieldToTrading();
                              return checkDatabase(copy, FileAccess::Private);
                          })});
        sources.push_back({name, copy, QFileInfo(live).absoluteFilePath(), db.role, {}});
    }

    // The configuration: the file(s) in use and any *.toml in the data directory; never a
    // file that looks like it holds secrets.
    QStringList configs = request.configFiles;
    for (const QFileInfo &f : data.entryInfoList({QStringLiteral("*.toml")}, QDir::Files))
        configs << f.absoluteFilePath();
    QStringList taken;
    for (const QString &file : configs) {
        const QFileInfo info(file);
        const QString canonical = info.canonicalFilePath();
        if (canonical.isEmpty()) {
            result.error = QStringLiteral("no backup written: the configuration file '%1' does not exist").arg(file);
            return result;
        }
        if (taken.contains(canonical))
            continue;
        taken << canonical;
        if (looksLikeSecret(info.fileName())) {
            result.skipped << QStringLiteral("%1: left out (its name says it holds secrets)").arg(canonical);
            continue;
        }
        QString name = QStringLiteral("config/") + info.fileName();
        for (int n = 2; std::any_of(sources.begin(), sources.end(), [&](const Source &s) { return s.name == name; });
             ++n)
            name = QStringLiteral("config/%1-%2").arg(n).arg(info.fileName());
        QFile in(canonical);
        if (!in.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("no backup written: cannot read %1: %2").arg(canonical, in.errorString());
            return result;
        }
        sources.push_back({name, {}, canonical, MemberRole::Config, in.readAll()});
    }
    if (request.includeLogs) {
        const QDir logs(data.filePath(QStringLiteral("logs")));
        QDirIterator it(logs.path(), QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString &file : files) {
            if (looksLikeSecret(QFileInfo(file).fileName())) {
                result.skipped << QStringLiteral("%1: left out (its name says it holds secrets)").arg(file);
                continue;
            }
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly))
                continue; // a log rotated away since it was listed
            sources.push_back(
                {QStringLiteral("logs/") + logs.relativeFilePath(file), {}, file, MemberRole::Log, in.readAll()});
        }
    }
    if (sources.empty()) {
        result.error = QStringLiteral("nothing to back up in '%1': no journal, no broker file, no configuration")
                           .arg(request.dataDir);
        return result;
    }

    BackupManifest &manifest = result.manifest;
    manifest.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    manifest.createdAt = QDateTime::currentDateTimeUtc();
    manifest.type = request.type;
    manifest.appVersion = QStringLiteral(VIGIL_VERSION);
    manifest.schemaVersion = schemaVersion;
    if (auditHead) {
        manifest.auditHeadId = auditHead->first;
        manifest.auditHeadHash = auditHead->second;
    }
    manifest.dataDir = data.absolutePath();
    QString path;
    for (;;) { // two backups in the same millisecond get different names
        path = QDir(backupsDir).filePath(backupFileName(manifest.createdAt, manifest.type));
        if (!QFile::exists(path))
            break;
        manifest.createdAt = manifest.createdAt.addMSecs(1);
    }

    std::int64_t total = 1;
    for (const Source &s : sources)
        total += s.path.isEmpty() ? s.data.size() : QFileInfo(s.path).size();
    std::int64_t written = 0;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        result.error = QStringLiteral("no backup written: cannot create %1: %2").arg(path, out.errorString());
        return result;
    }
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // the books are nobody else's business
    TarWriter tar;
    WritebackPacer pacer(out);
    QString error = tar.open(&out);
    for (const Source &s : sources) {
        if (!error.isEmpty())
            break;
        report(static_cast<int>(5 + 75 * written / total), QStringLiteral("writing %1").arg(s.name));
        ManifestMember member{s.name, s.role, s.origin, 0, {}};
        if (s.path.isEmpty()) {
            member.size = s.data.size();
            error = tar.addData(s.name, s.data, &member.sha256);
        } else {
            const std::int64_t before = written;
            error = tar.addFile(s.name, s.path, member.sha256, member.size, [&](std::int64_t done) {
                pacer.wrote();
                report(static_cast<int>(5 + 75 * (before + done) / total), QStringLiteral("writing %1").arg(s.name));
            });
        }
        written += member.size;
        manifest.members.push_back(member);
    }
    for (PendingCheck &pending : checks) {
        if (!error.isEmpty())
            break;
        report(79, QStringLiteral("checking the snapshot of %1").arg(pending.name));
        const DatabaseCheck check = pending.check.get();
        if (!check.ok())
            error = QStringLiteral("the snapshot of %1 fails its checks: %2")
                        .arg(pending.live, check.problems.join(QStringLiteral("; ")));
    }
    if (error.isEmpty()) {
        report(80, QStringLiteral("writing the manifest"));
        error = tar.addData(QLatin1String(kManifestName), manifest.toBytes());
    }
    if (error.isEmpty())
        error = tar.close();
    if (!error.isEmpty()) {
        out.cancelWriting();
        result.error = QStringLiteral("no backup written: %1").arg(error);
        return result;
    }
    report(82, QStringLiteral("syncing the archive"));
    if (!out.commit()) { // fsync, then rename over nothing: the name appears complete or not at all
        result.error = QStringLiteral("no backup written: cannot complete %1: %2").arg(path, out.errorString());
        return result;
    }
    syncDirectory(backupsDir);
    result.path = path;

    // Read back at once. The databases were checked as snapshots while the archive was
    // written, and the checksums prove the archive holds those very bytes.
    result.check = verifyBackup(
        path, [&](int percent, const QString &step) { report(85 + percent * 15 / 100, step); }, DatabaseChecks::Skip);
    const ArchiveDigest asWritten{tar.writtenBytes(), tar.writtenSha256()};
    if (result.check.file.known() && result.check.file != asWritten)
        result.check.problems << QStringLiteral(
                                     "%1 reads back as %2 bytes with another SHA-256 than the %3 bytes written")
                                     .arg(path)
                                     .arg(result.check.file.bytes)
                                     .arg(asWritten.bytes);
    const QString recorded = recordVerification(path, result.check, asWritten);
    if (!result.check.ok())
        result.error = QStringLiteral("%1 was written but failed verification and is marked bad: %2")
                           .arg(path, result.check.problems.join(QStringLiteral("; ")));
    else if (!recorded.isEmpty())
        result.error = QStringLiteral("%1 was written and verified, but %2").arg(path, recorded);
    return result;
}

} // namespace

BackupResult backupBeforeMigration(BackupRequest request, const BackupProgress &progress)
{
    const QString journal = QDir(request.dataDir).filePath(QLatin1String(kJournalMember));
    if (!QFileInfo(journal).isFile())
        return {};
    const int version = databaseUserVersion(journal);
    if (version <= 0 || version >= kJournalSchemaVersion)
        return {}; // new, current, newer (refused when opened) or unreadable (said when opened)
    request.type = BackupType::PreMigration;
    return createBackup(request, progress);
}

} // namespace vigil
