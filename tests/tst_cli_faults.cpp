// The real vigil binary on a full disk: a small tmpfs mounted for the test (root only, as
// in CI) and filled to a chosen number of free bytes. The start says the disk is full and
// which file; a backup gives the system's reason; a paper broker whose file cannot be
// written halts trading in order (journaled, alerted, audited) instead of ending the
// session; and the staging folders of killed backups are cleared by the next backup.
#include "api/AuditChain.h"
#include "api/JournalVerifier.h"

#include "BusyConfig.h"
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace vigil;
using namespace vigil::testing;

namespace {

/// A tmpfs of `megabytes` mounted on a fresh directory for as long as it lives.
class SmallDisk {
public:
    explicit SmallDisk(int megabytes)
    {
        if (::geteuid() != 0) {
            m_error = QStringLiteral("mounting a small tmpfs needs root (CI runs these tests as root)");
            return;
        }
        const QByteArray where = QFile::encodeName(m_dir.path());
        const QByteArray options = "size=" + QByteArray::number(megabytes) + "m";
        if (::mount("tmpfs", where.constData(), "tmpfs", 0, options.constData()) != 0) {
            m_error = QStringLiteral("cannot mount a tmpfs on %1: %2")
                          .arg(m_dir.path(), QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        m_mounted = true;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }
    const QString &error() const { return m_error; }
    QString path(const QString &name = {}) const { return name.isEmpty() ? m_dir.path() : m_dir.filePath(name); }

    qint64 freeBytes() const
    {
        struct statvfs disk {};
        ::statvfs(QFile::encodeName(m_dir.path()).constData(), &disk);
        return static_cast<qint64>(disk.f_bavail) * static_cast<qint64>(disk.f_frsize);
    }
    /// Takes all but `leave` bytes with a filler file.
    bool fill(qint64 leave)
    {
        const qint64 take = freeBytes() - leave;
        if (take <= 0)
            return true;
        const int fd = ::open(QFile::encodeName(path(QStringLiteral("filler"))).constData(), O_CREAT | O_WRONLY, 0600);
        const bool ok = fd >= 0 && ::posix_fallocate(fd, 0, take) == 0;
        if (fd >= 0)
            ::close(fd);
        return ok;
    }
    bool unfill() { return QFile::remove(path(QStringLiteral("filler"))); }

private:
    QTemporaryDir m_dir;
    QString m_error;
    bool m_mounted = false;
};

QStringList dayArgs(const QString &data, const QStringList &more = {})
{
    return QStringList{QStringLiteral("run"),        QStringLiteral("--headless"),
                       QStringLiteral("--seed"),     QStringLiteral("7"),
                       QStringLiteral("--date"),     QStringLiteral("2026-11-20"),
                       QStringLiteral("--data-dir"), data}
           + more;
}

QStringList stagingIn(const QString &backups)
{
    return QDir(backups).entryList({QStringLiteral(".staging-*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_tradedDay; ///< a data directory that has traded a day (made once)

    /// A data directory with one traded day in it, copied for each test that needs one.
    QString tradedDataDir(const QString &where)
    {
        if (m_tradedDay.isEmpty()) {
            const QString made = m_home.filePath(QStringLiteral("traded"));
            const VigilRun day =
                runVigil(m_home.path(), dayArgs(made, {QStringLiteral("--config"), writeBusyConfig(m_home.path())}));
            if (day.exitCode != 0)
                qWarning("the day to back up failed: %s", qPrintable(day.err));
            m_tradedDay = made;
        }
        QDir().mkpath(where);
        for (const QString &name : {QStringLiteral("journal.sqlite"), QStringLiteral("paper-broker.sqlite")})
            if (!QFile::copy(m_tradedDay + QLatin1Char('/') + name, where + QLatin1Char('/') + name))
                return {};
        return where;
    }

private Q_SLOTS:
    void startOnAFullDiskSaysSoAndHowMuchIsNeeded()
    {
        SmallDisk disk(16);
        if (!disk.error().isEmpty())
            QSKIP(qPrintable(disk.error()));
        const QString data = disk.path(QStringLiteral("d"));
        QVERIFY(QDir().mkpath(data + QStringLiteral("/logs")));
        QVERIFY(disk.fill(0));
        const VigilRun run = runVigil(m_home.path(), dayArgs(data));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("is full")), qPrintable(run.err));
        QVERIFY2(run.err.contains(data + QStringLiteral("/vigil.lock")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("no space left on device")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("needs at least 1.0 MiB")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("permissions?")), qPrintable(run.err));
    }

    void backupOnAFullDiskGivesTheSystemsReason_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::addColumn<double>("roomForDatabases"); ///< free space, in sizes of the two databases
        QTest::newRow("the snapshots") << QStringLiteral("cannot copy") << 0.5;
        QTest::newRow("the archive") << QStringLiteral("cannot write journal.sqlite") << 1.5;
    }

    void backupOnAFullDiskGivesTheSystemsReason()
    {
        QFETCH(QString, stage);
        QFETCH(double, roomForDatabases);
        SmallDisk disk(64);
        if (!disk.error().isEmpty())
            QSKIP(qPrintable(disk.error()));
        const QString data = tradedDataDir(m_home.filePath(
            QStringLiteral("backup-")
            + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        QVERIFY(!data.isEmpty());
        const qint64 databases = QFileInfo(data + QStringLiteral("/journal.sqlite")).size()
                                 + QFileInfo(data + QStringLiteral("/paper-broker.sqlite")).size();
        QVERIFY(databases > 1 << 20);
        const QString backups = disk.path(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(backups));
        QVERIFY(disk.fill(static_cast<qint64>(static_cast<double>(databases) * roomForDatabases)));
        const VigilRun run =
            runVigil(m_home.path(), {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"),
                                     data, QStringLiteral("--backups-dir"), backups});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(stage), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("No space left on device")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("Unknown error")), qPrintable(run.err));
        QCOMPARE(stagingIn(backups), QStringList()); // a failed backup leaves nothing behind
    }

    void stagingOfKilledBackupsIsClearedByTheNextBackup()
    {
        const QString data = tradedDataDir(m_home.filePath(QStringLiteral("staging")));
        QVERIFY(!data.isEmpty());
        const QString backups = data + QStringLiteral("/backups");
        // What a backup killed while writing leaves: its staging folder with a snapshot.
        for (const QString &name : {QStringLiteral(".staging-Ab12Cd"), QStringLiteral(".staging-Xy34Zw")}) {
            QVERIFY(QDir().mkpath(backups + QLatin1Char('/') + name));
            QVERIFY(QFile::copy(data + QStringLiteral("/journal.sqlite"),
                                backups + QLatin1Char('/') + name + QStringLiteral("/journal.sqlite")));
        }
        // One in use by a backup under way (in another process: this test) stays.
        const QString held = backups + QStringLiteral("/.staging-InUse1");
        QVERIFY(QDir().mkpath(held));
        const int fd = ::open(QFile::encodeName(held).constData(), O_RDONLY | O_DIRECTORY);
        QVERIFY(fd >= 0 && ::flock(fd, LOCK_EX) == 0);
        const VigilRun run = runVigil(
            m_home.path(), {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), data});
        ::close(fd);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(stagingIn(backups), QStringList{QStringLiteral(".staging-InUse1")});
    }

    void brokerFileOnAFullDiskHaltsTradingInOrder()
    {
        SmallDisk disk(8);
        if (!disk.error().isEmpty())
            QSKIP(qPrintable(disk.error()));
        const QString config = writeBusyConfig(m_home.path());
        QVERIFY(!config.isEmpty());
        // The broker's file alone on the small disk (SQLite follows the link, and keeps its
        // write-ahead log beside the file it leads to), so it fills before the journal does.
        const QString data = m_home.filePath(QStringLiteral("broker-full"));
        QVERIFY(QDir().mkpath(data));
        const QString brokerFile = disk.path(QStringLiteral("paper-broker.sqlite"));
        QVERIFY(QFile::link(brokerFile, data + QStringLiteral("/paper-broker.sqlite")));
        QVERIFY(disk.fill(256 * 1024));
        const VigilRun run = runVigil(m_home.path(), dayArgs(data, {QStringLiteral("--config"), config}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(!run.err.contains(QStringLiteral("venue thread failed")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("trading was halted: the paper broker's file could not be written")),
                 qPrintable(run.err));
        const QString named = data + QStringLiteral("/paper-broker.sqlite"); // as vigil opened it
        QVERIFY2(run.err.contains(named) && run.err.contains(QStringLiteral("No space left on device")),
                 qPrintable(run.err));

        // Halted in order, with the reason, journaled, alerted and audited.
        const QString journal = data + QStringLiteral("/journal.sqlite");
        const QStringList halted = rows(
            journal, QStringLiteral("SELECT actor, reason FROM trading_states WHERE state = 'HALTED' ORDER BY seq"));
        QCOMPARE(halted.size(), 1);
        QVERIFY2(halted.first().startsWith(QStringLiteral("system|paper broker file ") + named
                                           + QStringLiteral(": commit failed: No space left on device")),
                 qPrintable(halted.first()));
        QCOMPARE(
            scalar(journal, QStringLiteral("SELECT COUNT(*) FROM alerts WHERE severity = 'critical' AND source = "
                                           "'broker' AND message LIKE 'paper broker file %No space left on device%'")),
            qint64(1));
        QVERIFY(
            scalar(journal, QStringLiteral("SELECT COUNT(*) FROM audit WHERE detail LIKE '%paper broker file %No space "
                                           "left on device%'"))
            >= 1);
        const JournalCheck check = verifyJournal(journal);
        QVERIFY2(check.ok(), qPrintable(check.problems.join(QStringLiteral("; "))));
        QVERIFY2(verifyAudit(journal).ok(), qPrintable(verifyAudit(journal).problem));
        // The session went on to its close (halted), and nothing was booked that the
        // broker's file does not hold.
        QCOMPARE(scalar(journal, QStringLiteral("SELECT COUNT(*) FROM sessions WHERE closed_at IS NOT NULL")),
                 qint64(1));
        const QString fills = QStringLiteral("SELECT client_order_id || '/' || execution_id FROM fills ORDER BY 1");
        const QString executions =
            QStringLiteral("SELECT client_order_id || '/' || execution_id FROM executions ORDER BY 1");
        const QStringList booked = rows(journal, fills);
        QVERIFY(!booked.isEmpty());
        QCOMPARE(booked, rows(brokerFile, executions));

        // With room again, the day resumes on both files: the books agree at its close.
        QVERIFY(disk.unfill());
        const VigilRun resumed = runVigil(m_home.path(), dayArgs(data, {QStringLiteral("--config"), config}));
        QVERIFY2(resumed.err.contains(QStringLiteral("reconciliation at the close: clean:")), qPrintable(resumed.err));
        QCOMPARE(rows(journal, fills), rows(brokerFile, executions));
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
