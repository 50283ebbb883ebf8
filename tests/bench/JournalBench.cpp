// (a) Throughput: as many order and fill records as the writer takes, at full load, until
//     all are durable; against raw SQLite (C API, prepared statements, the same schema, WAL,
//     synchronous=FULL, the same batch size) in the same run.
// (b) Durability latency: fills handed to the journal at a steady 10,000 a second; for each,
//     the time until its transaction is durable, p50 and p99. The baseline is raw fdatasync
//     on the same volume at the same pace: a committer that makes everything waiting
//     durable with one 4 KiB write and one fdatasync, each fill timed from its hand-over as
//     the journal's are. Also measured in the same run: the simplest group commit on raw
//     SQLite at the same pace (C API, same schema), and the p99 of one fdatasync on its own
//     with nothing queued behind it.

#include "JournalBench.h"

#include "api/Time.h"
#include "health/LatencyHistogram.h"
#include "store/JournalWriter.h"
#include "store/Schema.h"

#include <QDir>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vigil::bench {

namespace {

constexpr std::size_t kOrders = 50'000;
constexpr std::size_t kFillsPerOrder = 3;
constexpr std::size_t kBatch = 4096; // the writer's largest transaction

JournalNames names()
{
    JournalNames n;
    n.symbols = {"AAPL", "MSFT", "NVDA", "AMZN"};
    n.strategies = {"intraday_mean_reversion", "swing_momentum"};
    n.sessionDate = "2026-11-20";
    return n;
}

JournalRecord orderRecord(std::uint64_t seq, OrderId id)
{
    JournalRecord r;
    r.seq = seq;
    r.time = static_cast<SimTime>(seq) * kNsPerUs;
    r.kind = JournalRecord::Kind::OrderCreated;
    r.orderId = id;
    r.strategy = 0;
    r.symbol = static_cast<SymbolId>(id % 4);
    r.qty = 300;
    r.setText("VG-20261120-mr-" + std::to_string(id));
    return r;
}

JournalRecord fillRecord(std::uint64_t seq, OrderId id, std::uint64_t execution)
{
    JournalRecord r;
    r.seq = seq;
    r.time = static_cast<SimTime>(seq) * kNsPerUs;
    r.kind = JournalRecord::Kind::Fill;
    r.orderId = id;
    r.executionId = execution;
    r.strategy = 0;
    r.symbol = static_cast<SymbolId>(id % 4);
    r.qty = 100;
    r.price = Price::fromCents(22'850);
    r.setText("VG-20261120-mr-" + std::to_string(id));
    return r;
}

JournalRecord sessionRecord(std::uint64_t seq)
{
    JournalRecord r;
    r.seq = seq;
    r.kind = JournalRecord::Kind::SessionOpened;
    r.amount = Money::fromDollars(1'000'000);
    r.setText("2026-11-20");
    return r;
}

/// Opens and stops a writer once so the file has the current schema.
bool makeSchema(const QString &path)
{
    JournalWriter writer(path, names());
    const QString error = writer.start();
    writer.stop();
    if (!error.isEmpty())
        std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(error));
    return error.isEmpty();
}

double journalRowsPerSecond(const QString &path)
{
    JournalWriter writer(path, names());
    if (!writer.start().isEmpty())
        return 0;
    writer.append(sessionRecord(1));
    const std::uint64_t total = 1 + kOrders * (1 + kFillsPerOrder);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t seq = 1;
    for (OrderId id = 1; id <= kOrders; ++id) {
        writer.append(orderRecord(++seq, id));
        for (std::uint64_t e = 1; e <= kFillsPerOrder; ++e)
            writer.append(fillRecord(++seq, id, e));
        if (id % 64 == 0)
            writer.flush(); // as the engine does after each batch of messages
    }
    while (writer.durableSeq() < total && !writer.failed()) {
        writer.flush(); // as the engine thread does between messages
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writer.stop();
    return writer.failed() ? 0 : static_cast<double>(total - 1) / seconds;
}

bool check(int rc, sqlite3 *db, const char *what)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    std::fprintf(stderr, "vigil-bench: raw SQLite %s: %s\n", what, sqlite3_errmsg(db));
    return false;
}

double rawRowsPerSecond(const std::string &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        return 0;
    bool ok = check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                                 nullptr, nullptr, nullptr),
                    db, "pragmas");
    sqlite3_stmt *order = nullptr;
    sqlite3_stmt *fill = nullptr;
    ok = ok
         && check(
             sqlite3_prepare_v2(db,
                                "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, "
                                "side, type, qty, limit_price, status, filled_qty, reject_reason, created_at, "
                                "updated_at) VALUES (?, '2026-11-20', ?, 'intraday_mean_reversion', ?, 'buy', "
                                "'market', 300, NULL, 'new', 0, NULL, ?, ?)",
                                -1, &order, nullptr),
             db, "prepare")
         && check(sqlite3_prepare_v2(db,
                                     "INSERT OR IGNORE INTO fills (seq, client_order_id, execution_id, at, strategy, "
                                     "symbol, side, qty, price, fee) VALUES (?, ?, ?, ?, 'intraday_mean_reversion', ?, "
                                     "'buy', 100, 2285000, 0)",
                                     -1, &fill, nullptr),
                  db, "prepare");
    const char *symbols[] = {"AAPL", "MSFT", "NVDA", "AMZN"};
    const std::uint64_t total = kOrders * (1 + kFillsPerOrder);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t seq = 0;
    std::size_t inBatch = 0;
    ok = ok && check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (OrderId id = 1; ok && id <= kOrders; ++id) {
        const std::string client = "VG-20261120-mr-" + std::to_string(id);
        const auto at = static_cast<sqlite3_int64>(++seq * 1000);
        sqlite3_bind_text(order, 1, client.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(order, 2, static_cast<sqlite3_int64>(id));
        sqlite3_bind_text(order, 3, symbols[id % 4], -1, SQLITE_STATIC);
        sqlite3_bind_int64(order, 4, at);
        sqlite3_bind_int64(order, 5, at);
        ok = check(sqlite3_step(order), db, "insert order");
        sqlite3_reset(order);
        ++inBatch;
        for (std::uint64_t e = 1; ok && e <= kFillsPerOrder; ++e) {
            const std::string execution = std::to_string(e);
            sqlite3_bind_int64(fill, 1, static_cast<sqlite3_int64>(++seq));
            sqlite3_bind_text(fill, 2, client.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(fill, 3, execution.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(fill, 4, static_cast<sqlite3_int64>(seq * 1000));
            sqlite3_bind_text(fill, 5, symbols[id % 4], -1, SQLITE_STATIC);
            ok = check(sqlite3_step(fill), db, "insert fill");
            sqlite3_reset(fill);
            ++inBatch;
        }
        if (inBatch >= kBatch) {
            ok = ok && check(sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr), db, "commit");
            inBatch = 0;
        }
    }
    ok = ok && check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sqlite3_finalize(order);
    sqlite3_finalize(fill);
    sqlite3_close(db);
    return ok ? static_cast<double>(total) / seconds : 0;
}

/// Sleeps until `due` (wallNowNs() time), as the engine thread sleeps between messages.
void sleepUntilNs(std::int64_t due)
{
    for (std::int64_t now = wallNowNs(); now < due; now = wallNowNs())
        std::this_thread::sleep_for(std::chrono::nanoseconds(due - now));
}

constexpr std::int64_t kFillIntervalNs = 100 * kNsPerUs; // 10,000 fills a second

struct Durability {
    std::int64_t p50Ns = 0;
    std::int64_t p99Ns = 0;
    std::uint64_t samples = 0;
};

Durability journalDurability(const QString &path, int seconds)
{
    JournalWriter writer(path, names());
    const std::size_t count = static_cast<std::size_t>(seconds) * 10'000;
    std::vector<std::int64_t> handedAt(count + 2, 0);
    LatencyHistogram latency;
    std::uint64_t measuredUpTo = 0;
    writer.setCommitHook([&](std::uint64_t durable) { // store thread
        const std::int64_t now = wallNowNs();
        for (std::uint64_t s = measuredUpTo + 1; s <= durable && s < handedAt.size(); ++s)
            if (handedAt[s] != 0)
                latency.record(now - handedAt[s]);
        measuredUpTo = durable;
    });
    if (!writer.start().isEmpty())
        return {};
    // One order, then its fills at a steady 10,000 a second (the engine thread's pace).
    writer.append(sessionRecord(1));
    writer.append(orderRecord(2, 1));
    const std::int64_t start = wallNowNs();
    for (std::size_t i = 0; i < count; ++i) {
        sleepUntilNs(start + static_cast<std::int64_t>(i) * kFillIntervalNs);
        const std::uint64_t seq = i + 3;
        handedAt[seq] = wallNowNs();
        writer.append(fillRecord(seq, 1, seq));
        writer.flush(); // the engine flushes before it waits for its next message
    }
    while (writer.durableSeq() < count + 2 && !writer.failed()) {
        writer.flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    writer.stop();
    return {latency.quantile(0.50), latency.quantile(0.99), latency.count()};
}

/// A producer thread hands each fill's time over under a mutex at a steady 10,000 a
/// second; a committer thread makes everything waiting durable with one `commit(n)` call
/// (the simplest group commit). Each fill's latency runs from its hand-over to the end of
/// the commit that carried it, so a slow commit counts once for every fill that waited
/// for it, as it does in the journal.
template<typename Commit> Durability pacedGroupCommit(int seconds, Commit commit)
{
    const std::size_t count = static_cast<std::size_t>(seconds) * 10'000;
    std::mutex mutex;
    std::condition_variable handedOver;
    std::vector<std::int64_t> waiting;
    bool producing = true;
    std::thread producer([&] {
        const std::int64_t start = wallNowNs();
        for (std::size_t i = 0; i < count; ++i) {
            sleepUntilNs(start + static_cast<std::int64_t>(i) * kFillIntervalNs);
            std::lock_guard lock(mutex);
            if (!producing)
                return;
            waiting.push_back(wallNowNs());
            handedOver.notify_one();
        }
        std::lock_guard lock(mutex);
        producing = false;
        handedOver.notify_one();
    });
    LatencyHistogram latency;
    std::vector<std::int64_t> batch;
    bool ok = true;
    while (ok) {
        {
            std::unique_lock lock(mutex);
            handedOver.wait(lock, [&] { return !waiting.empty() || !producing; });
            if (waiting.empty())
                break;
            batch.swap(waiting);
        }
        ok = commit(batch.size());
        const std::int64_t now = wallNowNs();
        for (const std::int64_t handed : batch)
            latency.record(now - handed);
        batch.clear();
    }
    {
        std::lock_guard lock(mutex);
        producing = false;
    }
    producer.join();
    if (!ok)
        return {};
    return {latency.quantile(0.50), latency.quantile(0.99), latency.count()};
}

/// The same pace on raw SQLite: every commit inserts all the fills waiting.
Durability rawDurability(const std::string &path, int seconds)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        return {};
    sqlite3_stmt *fill = nullptr;
    const bool ready =
        check(sqlite3_exec(db,
                           "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                           "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, "
                           "side, type, qty, limit_price, status, filled_qty, reject_reason, created_at, "
                           "updated_at) VALUES ('VG-20261120-mr-1', '2026-11-20', 1, 'intraday_mean_reversion', "
                           "'AAPL', 'buy', 'market', 300, NULL, 'new', 0, NULL, 0, 0)",
                           nullptr, nullptr, nullptr),
              db, "pragmas")
        && check(sqlite3_prepare_v2(db,
                                    "INSERT OR IGNORE INTO fills (seq, client_order_id, execution_id, at, strategy, "
                                    "symbol, side, qty, price, fee) VALUES (?, 'VG-20261120-mr-1', ?, ?, "
                                    "'intraday_mean_reversion', 'AAPL', 'buy', 100, 2285000, 0)",
                                    -1, &fill, nullptr),
                 db, "prepare");
    std::uint64_t seq = 0;
    const Durability d = !ready ? Durability{} : pacedGroupCommit(seconds, [&](std::size_t fills) {
        bool ok = check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
        for (std::size_t i = 0; ok && i < fills; ++i) {
            const std::string execution = std::to_string(++seq);
            sqlite3_bind_int64(fill, 1, static_cast<sqlite3_int64>(seq));
            sqlite3_bind_text(fill, 2, execution.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(fill, 3, static_cast<sqlite3_int64>(seq * 1000));
            ok = check(sqlite3_step(fill), db, "insert fill");
            sqlite3_reset(fill);
        }
        return ok && check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    });
    sqlite3_finalize(fill);
    sqlite3_close(db);
    return d;
}

/// The same pace on the bare volume: every commit is one 4 KiB `pwrite` (cycling over 64
/// pages of a file written beforehand, so no commit changes the file's size) and one
/// `fdatasync`. Nothing that keeps data durable on this volume can do less per commit.
Durability fdatasyncDurability(const QString &directory, int seconds)
{
    const std::string file = (directory + QStringLiteral("/fdatasync-paced.probe")).toStdString();
    const int fd = ::open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0)
        return {};
    std::vector<char> page(4096, 'v');
    bool ready = true;
    for (off_t i = 0; ready && i < 64; ++i)
        ready = ::pwrite(fd, page.data(), page.size(), i * 4096) == static_cast<ssize_t>(page.size());
    ready = ready && ::fsync(fd) == 0;
    off_t next = 0;
    const Durability d = !ready ? Durability{} : pacedGroupCommit(seconds, [&](std::size_t) {
        const off_t at = (next++ % 64) * 4096;
        return ::pwrite(fd, page.data(), page.size(), at) == static_cast<ssize_t>(page.size()) && ::fdatasync(fd) == 0;
    });
    ::close(fd);
    ::unlink(file.c_str());
    return d;
}

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

/// One write and fdatasync at a time, 1,000 times, with nothing queued behind them.
std::int64_t fdatasyncP99(const QString &directory)
{
    const std::string file = (directory + QStringLiteral("/fdatasync.probe")).toStdString();
    const int fd = ::open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0)
        return 0;
    std::vector<char> page(4096, 'v');
    LatencyHistogram h;
    for (int i = 0; i < 1000; ++i) {
        const std::int64_t start = wallNowNs();
        if (::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i % 64) * 4096) < 0 || ::fdatasync(fd) != 0)
            break;
        h.record(wallNowNs() - start);
    }
    ::close(fd);
    ::unlink(file.c_str());
    return h.quantile(0.99);
}

} // namespace

int runJournalBench(const char *directory)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // progress lines as they come
    QTemporaryDir scratch(QDir(QString::fromLocal8Bit(directory)).filePath(QStringLiteral("vigil-bench-XXXXXX")));
    if (!scratch.isValid()) {
        std::fprintf(stderr, "vigil-bench: cannot make a scratch directory in %s\n", directory);
        return 1;
    }
    std::printf("journal bench in %s (%zu orders, %zu fills each, batches of up to %zu)\n", directory, kOrders,
                kFillsPerOrder, kBatch);
    // Throughput: the best of three alternating rounds each, each on a fresh file, so that a
    // burst of other work on the machine does not decide the ratio.
    double rawRate = 0;
    double journalRate = 0;
    for (int round = 0; round < 3; ++round) {
        const QString raw = scratch.filePath(QStringLiteral("raw-%1.sqlite").arg(round));
        if (!makeSchema(raw))
            return 1;
        const double rawRound = rawRowsPerSecond(raw.toStdString());
        const double journalRound =
            journalRowsPerSecond(scratch.filePath(QStringLiteral("journal-%1.sqlite").arg(round)));
        std::printf("throughput round %d: journal %.0f rows/s, raw SQLite %.0f rows/s\n", round + 1, journalRound,
                    rawRound);
        rawRate = std::max(rawRate, rawRound);
        journalRate = std::max(journalRate, journalRound);
    }
    std::printf("throughput (best of 3): journal %.0f rows/s, raw SQLite %.0f rows/s\n", journalRate, rawRate);

    // Durability: three rounds, each the bare volume, raw SQLite and the journal at the same
    // pace one after the other on fresh files; this volume stalls now and then for 10-15 ms,
    // and a stall lands in whichever run is under way, so the rounds are compared by their
    // median.
    constexpr int kRounds = 3;
    constexpr int kSeconds = 3;
    struct Round {
        Durability bare, raw, journal;
        double ratio() const { return static_cast<double>(journal.p99Ns) / static_cast<double>(bare.p99Ns); }
    };
    std::vector<Round> rounds;
    for (int round = 0; round < kRounds; ++round) {
        Round r;
        r.bare = fdatasyncDurability(scratch.path(), kSeconds);
        const QString raw = scratch.filePath(QStringLiteral("raw-durability-%1.sqlite").arg(round));
        r.raw = makeSchema(raw) ? rawDurability(raw.toStdString(), kSeconds) : Durability{};
        r.journal = journalDurability(scratch.filePath(QStringLiteral("durability-%1.sqlite").arg(round)), kSeconds);
        if (r.bare.samples == 0 || r.raw.samples == 0 || r.journal.samples == 0) {
            std::fprintf(stderr, "vigil-bench: a durability measurement failed\n");
            return 1;
        }
        std::printf("durability round %d at 10,000 fills/s (p50 / p99): journal %.2f / %.2f ms, raw SQLite %.2f / "
                    "%.2f ms, bare fdatasync %.2f / %.2f ms; journal p99 / bare p99 %.2f\n",
                    round + 1, ms(r.journal.p50Ns), ms(r.journal.p99Ns), ms(r.raw.p50Ns), ms(r.raw.p99Ns),
                    ms(r.bare.p50Ns), ms(r.bare.p99Ns), r.ratio());
        rounds.push_back(r);
    }
    std::sort(rounds.begin(), rounds.end(), [](const Round &a, const Round &b) { return a.ratio() < b.ratio(); });
    const Round &median = rounds[rounds.size() / 2];
    const std::int64_t sync = fdatasyncP99(scratch.path());
    std::printf("one fdatasync alone (1,000 calls, no queue): p99 %.2f ms\n", ms(sync));
    if (rawRate <= 0 || journalRate <= 0 || sync <= 0) {
        std::fprintf(stderr, "vigil-bench: a measurement failed\n");
        return 1;
    }
    const Durability &d = median.journal;
    const Durability &r = median.raw;
    std::printf("{\"journal_rows_per_s\": %.0f, \"raw_sqlite_rows_per_s\": %.0f, \"ratio\": %.3f, "
                "\"durable_p50_ms\": %.3f, \"durable_p99_ms\": %.3f, \"fdatasync_paced_p50_ms\": %.3f, "
                "\"fdatasync_paced_p99_ms\": %.3f, \"durable_p99_over_fdatasync_paced_p99\": %.2f, "
                "\"raw_sqlite_durable_p99_ms\": %.3f, \"durable_p99_over_raw_sqlite_p99\": %.2f, "
                "\"fdatasync_alone_p99_ms\": %.3f, \"durable_p99_over_fdatasync_alone_p99\": %.2f}\n",
                journalRate, rawRate, journalRate / rawRate, ms(d.p50Ns), ms(d.p99Ns), ms(median.bare.p50Ns),
                ms(median.bare.p99Ns), median.ratio(), ms(r.p99Ns),
                static_cast<double>(d.p99Ns) / static_cast<double>(r.p99Ns), ms(sync),
                static_cast<double>(d.p99Ns) / static_cast<double>(sync));
    return 0;
}

} // namespace vigil::bench
