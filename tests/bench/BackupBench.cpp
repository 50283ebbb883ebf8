// The journal is built quickly with bulk inserts in one transaction (orders of four fills,
// each order with its 'new' and 'filled' states, so that the restored journal passes
// `journal verify`). A writer thread then commits one order and its four fills per
// transaction, on a WAL connection with synchronous=FULL as the store thread does, about
// every millisecond, and records each commit's latency.
//
// Measured, in this order, with the writer running throughout:
//   idle:    the writer alone for a few seconds (commit latency without a backup);
//   cp:      `cp journal.sqlite journal.sqlite-wal DIR` (what operators do today; the copy
//            is not a consistent snapshot), three times, and the same followed by an
//            fsync of the copies;
//   backup:  createBackup() (snapshot, integrity check of the snapshot, archive, fsync,
//            read-back of every checksum), the commit latencies during it;
// then, writer stopped: restoreBackup() of the journal into a fresh data directory
// (verify and extract, journal invariants).

#include "BackupBench.h"

#include "api/BackupVerifier.h"
#include "api/BackupWriter.h"
#include "api/Restore.h"
#include "store/Schema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

namespace vigil::bench {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool buildJournal(const QString &path, long fills, QString &error)
{
    const QString connection = QStringLiteral("bench-build");
    {
        error = openJournalDatabase(path, connection);
        if (!error.isEmpty())
            return false;
        QSqlDatabase db = QSqlDatabase::database(connection);
        error = migrateJournal(db);
        if (!error.isEmpty())
            return false;
        QSqlQuery q(db);
        const long orders = fills / 4;
        const QStringList statements{
            QStringLiteral(
                "INSERT INTO sessions (session_date, starting_equity, opened_at, seed) VALUES ('2026-11-20', "
                "10000000000, 0, 1)"),
            QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, side, type, "
                "qty, status, filled_qty, created_at, updated_at) "
                "SELECT printf('VG-20261120-mr-%07d', i), '2026-11-20', i, 'intraday_mean_reversion', "
                "'SYM' || (i % 24), CASE i % 2 WHEN 0 THEN 'buy' ELSE 'sell' END, 'market', 400, 'filled', 400, "
                "i, i FROM n")
                .arg(orders),
            QStringLiteral("INSERT INTO order_events (seq, client_order_id, at, status, filled_qty) "
                           "SELECT order_number * 6 - 5, client_order_id, created_at, 'new', 0 FROM orders"),
            QStringLiteral("INSERT INTO order_events (seq, client_order_id, at, status, filled_qty) "
                           "SELECT order_number * 6, client_order_id, created_at, 'filled', 400 FROM orders"),
            QStringLiteral(
                "WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 4) "
                "INSERT INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, qty, price, fee) "
                "SELECT order_number * 6 - 5 + j, client_order_id, 'E' || (order_number * 4 + j), created_at, "
                "strategy, symbol, side, 100, 1000000 + j, 35 FROM orders, k"),
        };
        if (!db.transaction())
            return false;
        for (const QString &s : statements) {
            if (!q.exec(s)) {
                error = s.left(60) + QStringLiteral(": ") + q.lastError().text();
                return false;
            }
        }
        if (!db.commit()) {
            error = db.lastError().text();
            return false;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return true;
}

/// Commits one order and its four fills per transaction until told to stop.
class Writer {
public:
    Writer(const QString &path, long firstOrder)
        : m_path(path)
        , m_next(firstOrder)
    {}
    ~Writer() { stop(); }

    void start()
    {
        m_thread = std::thread([this] { run(); });
        while (!m_running.load() && m_error.isEmpty())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    /// Latencies (ms) of the commits that began after the call to mark() and ended before
    /// the call to take().
    void mark()
    {
        std::lock_guard lock(m_mutex);
        m_latencies.clear();
        m_ends.clear();
        m_fillsSinceMark = 0;
    }
    std::vector<double> take(long &fills)
    {
        std::lock_guard lock(m_mutex);
        fills = m_fillsSinceMark;
        return m_latencies;
    }
    /// When each of those commits ended.
    std::vector<Clock::time_point> ends()
    {
        std::lock_guard lock(m_mutex);
        return m_ends;
    }
    const QString &error() const { return m_error; }

private:
    void run()
    {
        const QString connection = QStringLiteral("bench-writer");
        {
            m_error = openJournalDatabase(m_path, connection);
            if (!m_error.isEmpty())
                return;
            QSqlDatabase db = QSqlDatabase::database(connection);
            QSqlQuery order(db), event(db), fill(db);
            order.prepare(QStringLiteral("INSERT INTO orders (client_order_id, session_date, order_number, strategy, "
                                         "symbol, side, type, qty, status, "
                                         "filled_qty, created_at, updated_at) VALUES (?, '2026-11-20', ?, "
                                         "'intraday_mean_reversion', 'SYM1', 'buy', "
                                         "'market', 400, 'filled', 400, ?, ?)"));
            event.prepare(QStringLiteral(
                "INSERT INTO order_events (seq, client_order_id, at, status, filled_qty) VALUES (?, ?, ?, ?, ?)"));
            fill.prepare(
                QStringLiteral("INSERT INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, "
                               "qty, price, fee) VALUES (?, ?, ?, ?, 'intraday_mean_reversion', 'SYM1', 'buy', 100, "
                               "1000000, 35)"));
            m_running.store(true);
            while (!m_stop.load()) {
                const long i = m_next++;
                const QString id = QStringLiteral("VG-20261120-mr-%1").arg(i, 7, 10, QLatin1Char('0'));
                const auto begun = Clock::now();
                db.transaction();
                order.addBindValue(id);
                order.addBindValue(static_cast<qlonglong>(i));
                order.addBindValue(static_cast<qlonglong>(i));
                order.addBindValue(static_cast<qlonglong>(i));
                bool ok = order.exec();
                for (const auto &[offset, status, filled] : {std::tuple{5, "new", 0}, std::tuple{0, "filled", 400}}) {
                    event.addBindValue(static_cast<qlonglong>(i * 6 - offset));
                    event.addBindValue(id);
                    event.addBindValue(static_cast<qlonglong>(i));
                    event.addBindValue(QString::fromLatin1(status));
                    event.addBindValue(filled);
                    ok = ok && event.exec();
                }
                for (int j = 1; j <= 4; ++j) {
                    fill.addBindValue(static_cast<qlonglong>(i * 6 - 5 + j));
                    fill.addBindValue(id);
                    fill.addBindValue(QStringLiteral("E%1").arg(i * 4 + j));
                    fill.addBindValue(static_cast<qlonglong>(i));
                    ok = ok && fill.exec();
                }
                ok = ok && db.commit();
                if (!ok) {
                    m_error = db.lastError().text() + order.lastError().text() + fill.lastError().text();
                    break;
                }
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - begun).count();
                {
                    std::lock_guard lock(m_mutex);
                    m_latencies.push_back(ms);
                    m_ends.push_back(Clock::now());
                    m_fillsSinceMark += 4;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }

    QString m_path;
    long m_next;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_running{false};
    std::mutex m_mutex;
    std::vector<double> m_latencies;
    std::vector<Clock::time_point> m_ends;
    long m_fillsSinceMark = 0;
    QString m_error;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void fsyncFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// `cp` of the journal and its -wal into `target`; seconds, or -1.
double timeCp(const QString &dataDir, const QString &target, bool sync)
{
    QDir(target).removeRecursively();
    QDir().mkpath(target);
    QStringList files{dataDir + QStringLiteral("/journal.sqlite")};
    if (QFileInfo::exists(dataDir + QStringLiteral("/journal.sqlite-wal")))
        files << dataDir + QStringLiteral("/journal.sqlite-wal");
    const auto start = Clock::now();
    QProcess cp;
    cp.start(QStringLiteral("cp"), files + QStringList{target});
    if (!cp.waitForFinished(600'000) || cp.exitCode() != 0)
        return -1;
    if (sync)
        for (const QString &f : files)
            fsyncFile(QDir(target).filePath(QFileInfo(f).fileName()));
    return secondsSince(start);
}

} // namespace

int runBackupBench(const char *directory, long fills)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir scratch(QDir(QString::fromLocal8Bit(directory)).filePath(QStringLiteral("vigil-bench-XXXXXX")));
    if (!scratch.isValid())
        return 1;
    const QString data = scratch.filePath(QStringLiteral("data"));
    QDir().mkpath(data);
    const QString journal = data + QStringLiteral("/journal.sqlite");
    std::printf("building a journal of %ld fills ...\n", fills);
    auto started = Clock::now();
    QString error;
    if (!buildJournal(journal, fills, error)) {
        std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(error));
        return 1;
    }
    const double journalMb = static_cast<double>(QFileInfo(journal).size()) / 1e6;
    std::printf("journal built in %.1f s: %.0f MB\n", secondsSince(started), journalMb);

    Writer writer(journal, fills / 4 + 1);
    writer.start();
    if (!writer.error().isEmpty()) {
        std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(writer.error()));
        return 1;
    }
    // The writer alone.
    std::this_thread::sleep_for(std::chrono::seconds(1));
    writer.mark();
    std::this_thread::sleep_for(std::chrono::seconds(4));
    long idleFills = 0;
    const std::vector<double> idle = writer.take(idleFills);

    // cp, three times each way, the median.
    std::vector<double> cps, cpSyncs;
    for (int i = 0; i < 3; ++i) {
        cps.push_back(timeCp(data, scratch.filePath(QStringLiteral("cp")), false));
        cpSyncs.push_back(timeCp(data, scratch.filePath(QStringLiteral("cp")), true));
    }
    QDir(scratch.filePath(QStringLiteral("cp"))).removeRecursively();
    std::sort(cps.begin(), cps.end());
    std::sort(cpSyncs.begin(), cpSyncs.end());
    if (cps.front() < 0 || cpSyncs.front() < 0) {
        std::fprintf(stderr, "vigil-bench: cp failed\n");
        return 1;
    }
    const double cp = cps[1];
    const double cpSync = cpSyncs[1];

    // The backup, with its steps timed.
    BackupRequest request;
    request.dataDir = data;
    QString lastStep;
    struct Step {
        QString name;
        double seconds;
        Clock::time_point from, to;
    };
    std::vector<Step> steps;
    auto stepStarted = Clock::now();
    writer.mark();
    started = Clock::now();
    const BackupResult backup = createBackup(request, [&](int, const QString &step) {
        const QString kind = step.startsWith(QLatin1String("reading")) ? QStringLiteral("reading back") : step;
        if (kind == lastStep)
            return;
        if (!lastStep.isEmpty())
            steps.push_back({lastStep, secondsSince(stepStarted), stepStarted, Clock::now()});
        lastStep = kind;
        stepStarted = Clock::now();
    });
    const double backupSeconds = secondsSince(started);
    steps.push_back({lastStep, secondsSince(stepStarted), stepStarted, Clock::now()});
    long backupFills = 0;
    const std::vector<double> during = writer.take(backupFills);
    const std::vector<Clock::time_point> ends = writer.ends();
    writer.stop();
    if (!backup.ok() || !writer.error().isEmpty()) {
        std::fprintf(stderr, "vigil-bench: %s%s\n", qPrintable(backup.error), qPrintable(writer.error()));
        return 1;
    }
    const double archiveMb = static_cast<double>(QFileInfo(backup.path).size()) / 1e6;

    // On-demand verification, then the restore into a fresh data directory.
    started = Clock::now();
    const BackupCheck check = verifyBackup(backup.path);
    const double verifySeconds = secondsSince(started);
    RestoreRequest restore;
    restore.backupFile = backup.path;
    restore.dataDir = scratch.filePath(QStringLiteral("restored"));
    restore.scope = RestoreScope::Journal;
    started = Clock::now();
    const RestoreResult restored = restoreBackup(restore);
    const double restoreSeconds = secondsSince(started);
    if (!check.ok() || !restored.ok()) {
        std::fprintf(stderr, "vigil-bench: %s%s\n", qPrintable(check.problems.join(QStringLiteral("; "))),
                     qPrintable(restored.error));
        return 1;
    }

    std::printf("writer alone: %zu commits of 4 fills, p50 %.2f ms, p99 %.2f ms (%.0f fills/s)\n", idle.size(),
                percentile(idle, 0.5), percentile(idle, 0.99), static_cast<double>(idleFills) / 4.0);
    std::printf("cp of %.0f MB: %.3f s, with fsync %.3f s (median of 3)\n", journalMb, cp, cpSync);
    std::printf("backup: %.3f s (%.0f MB archive); while it ran the writer committed %ld fills, commit p50 %.2f ms, "
                "p99 %.2f ms\n",
                backupSeconds, archiveMb, backupFills, percentile(during, 0.5), percentile(during, 0.99));
    for (const Step &step : steps) {
        std::vector<double> inStep;
        for (std::size_t i = 0; i < during.size() && i < ends.size(); ++i)
            if (ends[i] >= step.from && ends[i] < step.to)
                inStep.push_back(during[i]);
        const double worst = inStep.empty() ? 0 : *std::max_element(inStep.begin(), inStep.end());
        std::printf("  %-40s %.3f s  %4zu commits, p99 %.2f ms, slowest %.2f ms\n", qPrintable(step.name), step.seconds,
                    inStep.size(), percentile(inStep, 0.99), worst);
    }
    std::printf("verify on demand (checksums, extraction, integrity check): %.3f s\n", verifySeconds);
    std::printf("restore of the journal into a fresh data directory (verify, extract, journal invariants): %.3f s\n",
                restoreSeconds);
    std::printf("{\"fills\": %ld, \"journal_mb\": %.0f, \"cp_s\": %.3f, \"cp_fsync_s\": %.3f, \"backup_s\": %.3f, "
                "\"ratio_to_cp\": %.2f, \"ratio_to_cp_fsync\": %.2f, \"verify_s\": %.3f, \"restore_s\": %.3f, "
                "\"commit_p99_idle_ms\": %.2f, \"commit_p99_backup_ms\": %.2f, \"commit_p99_ratio\": %.2f, "
                "\"fills_during_backup\": %ld}\n",
                fills, journalMb, cp, cpSync, backupSeconds, backupSeconds / cp, backupSeconds / cpSync, verifySeconds,
                restoreSeconds, percentile(idle, 0.99), percentile(during, 0.99),
                percentile(during, 0.99) / std::max(1e-9, percentile(idle, 0.99)), backupFills);
    return 0;
}

} // namespace vigil::bench
