// What `vigil run` does before the first message, timed: the paper broker's file is opened
// and loaded, the journal is opened (migrated if needed) and the books are rebuilt from it.
// The history is written the way a real engine writes it (through JournalWriter and
// PaperBrokerStore): a trading day after another, each with its opening and closing
// checkpoints, 1,000 orders of 4 fills, until the journal holds the fills asked for.
// Start-up reads the last close and today's fills only, so the figures should not move
// with the size of the history; this measures that they do not.

#include "StartupBench.h"

#include "api/Config.h"
#include "api/Engine.h"
#include "sim/PaperBrokerStore.h"
#include "store/JournalWriter.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

namespace vigil::bench {

namespace {

constexpr int kOrdersPerDay = 1000;
constexpr int kFillsPerOrder = 4;
const Date kToday{2026, 11, 20};

long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

/// Trading days before today, oldest first.
std::vector<Date> pastDays(long count)
{
    std::vector<Date> days;
    QDate d(kToday.year, kToday.month, kToday.day);
    while (static_cast<long>(days.size()) < count) {
        d = d.addDays(-1);
        if (d.dayOfWeek() <= 5)
            days.push_back(Date{d.year(), d.month(), d.day()});
    }
    std::reverse(days.begin(), days.end());
    return days;
}

/// One day of history: round trips of 100 shares, books flat at the close.
bool writeDay(const QString &journal, PaperBrokerStore &broker, const Config &config, const Date &date,
              std::uint64_t &seq, std::uint64_t &execution)
{
    JournalNames names;
    for (const SymbolSpec &s : config.simulator.symbols)
        names.symbols.push_back(s.symbol);
    names.strategies = {"intraday_mean_reversion", "swing_momentum"};
    names.sessionDate = date.toIso();
    names.seed = 1;
    JournalWriter writer(journal, names);
    if (const QString e = writer.start(); !e.isEmpty()) {
        std::fprintf(stderr, "vigil-bench: %s\n", qPrintable(e));
        return false;
    }
    const SessionWindow session = sessionFor(date);
    const std::string compact = date.toCompact();
    const std::size_t symbols = names.symbols.size();
    Money realized;
    std::vector<Money> symbolRealized(symbols);
    auto record = [&](JournalRecord r) {
        r.seq = ++seq;
        if (r.time == 0)
            r.time = session.open + static_cast<SimTime>(seq % 1'000'000) * kNsPerMs;
        writer.append(r);
        writer.flush();
    };
    auto checkpoint = [&](const char *kind) {
        JournalRecord c;
        c.kind = JournalRecord::Kind::Checkpoint;
        c.setText(kind);
        c.amount = c.realized = c.highWaterMark = Money::fromDollars(1'000'000);
        c.qty = std::string_view(kind) == "close" ? static_cast<Quantity>(symbols) : 0;
        record(c);
        for (std::size_t s = 0; c.qty > 0 && s < symbols; ++s) { // the account's books: flat, realized today
            JournalRecord p;
            p.kind = JournalRecord::Kind::Position;
            p.strategy = kAccountBook;
            p.symbol = static_cast<SymbolId>(s);
            p.realized = symbolRealized[s];
            p.price = Price::fromDollars(100);
            record(p);
        }
    };
    JournalRecord opened;
    opened.kind = JournalRecord::Kind::SessionOpened;
    opened.amount = Money::fromDollars(1'000'000);
    record(opened);
    checkpoint("open");
    if (const std::string e = broker.begin(); !e.empty())
        return false;
    for (int o = 1; o <= kOrdersPerDay; ++o) {
        const auto symbol = static_cast<SymbolId>(o % symbols);
        const Side side = o % 2 ? Side::Buy : Side::Sell; // each pair a round trip
        const std::string client = clientOrderId(compact, "mr", static_cast<OrderId>(o));
        JournalRecord order;
        order.kind = JournalRecord::Kind::OrderCreated;
        order.orderId = static_cast<OrderId>(o);
        order.strategy = 0;
        order.symbol = symbol;
        order.side = side;
        order.qty = 100 * kFillsPerOrder;
        order.setText(client);
        record(order);
        BrokerOrder b;
        b.clientOrderId = client;
        b.sessionDate = names.sessionDate;
        b.number = static_cast<OrderId>(o);
        b.symbol = names.symbols[symbol];
        b.side = side;
        b.qty = order.qty;
        b.filledQty = order.qty;
        b.status = "filled";
        if (!broker.saveOrder(b).empty())
            return false;
        for (int f = 0; f < kFillsPerOrder; ++f) {
            JournalRecord fill = order;
            fill.kind = JournalRecord::Kind::Fill;
            fill.executionId = ++execution;
            fill.qty = 100;
            fill.price = Price::fromCents(side == Side::Buy ? 10'000 : 10'001);
            fill.endsGroup = false;
            record(fill);
            if (!broker.saveExecution(client, {execution, 0, 100, fill.price, Money{}}).empty())
                return false;
        }
        if (side == Side::Sell)
            symbolRealized[symbol] += Money::fromDollars(kFillsPerOrder); // one cent a share
        JournalRecord filled = order;
        filled.kind = JournalRecord::Kind::OrderChanged;
        filled.status = OrderStatus::Filled;
        filled.filledQty = order.qty;
        record(filled);
    }
    checkpoint("close");
    JournalRecord closed;
    closed.kind = JournalRecord::Kind::SessionClosed;
    record(closed);
    BrokerAccount account;
    account.cash = Money::fromDollars(1'000'000);
    account.lastExecutionId = execution;
    account.sessionDate = names.sessionDate;
    if (!broker.saveAccount(account).empty() || !broker.commit().empty())
        return false;
    while (writer.durableSeq() < seq && !writer.failed()) {
        writer.flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    writer.stop();
    return !writer.failed();
}

bool writeHistory(const QString &dataDir, long fills)
{
    const Config config = defaultConfig();
    PaperBrokerStore broker;
    if (const std::string e = broker.open((dataDir + QStringLiteral("/paper-broker.sqlite")).toStdString());
        !e.empty()) {
        std::fprintf(stderr, "vigil-bench: %s\n", e.c_str());
        return false;
    }
    const long days = (fills + kOrdersPerDay * kFillsPerOrder - 1) / (kOrdersPerDay * kFillsPerOrder);
    std::uint64_t seq = 0;
    std::uint64_t execution = 0;
    for (const Date &d : pastDays(days)) {
        if (!writeDay(dataDir + QStringLiteral("/journal.sqlite"), broker, config, d, seq, execution))
            return false;
    }
    return true;
}

struct Probe {
    double ms = 0;
    long rssKb = 0;
};

bool probe(const char *program, const QString &dataDir, Probe &out)
{
    QProcess p;
    p.start(QString::fromLocal8Bit(program), {QStringLiteral("startup-probe"), dataDir});
    if (!p.waitForFinished(120'000) || p.exitCode() != 0) {
        std::fprintf(stderr, "vigil-bench: start-up probe failed: %s\n", p.readAllStandardError().constData());
        return false;
    }
    const QList<QByteArray> parts = p.readAllStandardOutput().trimmed().split(' ');
    out.ms = parts.value(0).toDouble();
    out.rssKb = parts.value(1).toLong();
    return out.ms > 0 && out.rssKb > 0;
}

} // namespace

int runStartupProbe(const char *dataDir)
{
    spdlog::set_level(spdlog::level::err);
    const QString dir = QString::fromLocal8Bit(dataDir);
    const auto start = std::chrono::steady_clock::now();
    RunOptions options;
    options.sessionDate = kToday;
    Engine engine(defaultConfig(), options);
    std::string error = engine.openBroker((dir + QStringLiteral("/paper-broker.sqlite")).toStdString());
    if (error.empty())
        error = engine.openJournal((dir + QStringLiteral("/journal.sqlite")).toStdString());
    if (error.empty() && !engine.snapshot())
        error = "no snapshot";
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::printf("%.3f %ld\n", ms, peakRssKb());
    return 0;
}

int runStartupBench(const char *program, const char *directory, long fills)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir scratch(QDir(QString::fromLocal8Bit(directory)).filePath(QStringLiteral("vigil-bench-XXXXXX")));
    if (!scratch.isValid())
        return 1;
    // Three data directories: none at all (the files are created), one day of history, and
    // the history asked for. The target compares the last with the first; the middle one
    // shows whether reading grows with the history.
    const QString dirs[] = {scratch.filePath(QStringLiteral("empty")), scratch.filePath(QStringLiteral("day")),
                            scratch.filePath(QStringLiteral("full"))};
    for (const QString &d : dirs)
        QDir().mkpath(d);
    std::printf("writing a history of %ld fills ...\n", fills);
    const auto started = std::chrono::steady_clock::now();
    if (!writeHistory(dirs[1], kOrdersPerDay * kFillsPerOrder) || !writeHistory(dirs[2], fills))
        return 1;
    std::printf("history written in %.1f s (journal %.0f MB, broker file %.0f MB)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                static_cast<double>(QFileInfo(dirs[2] + QStringLiteral("/journal.sqlite")).size()) / 1e6,
                static_cast<double>(QFileInfo(dirs[2] + QStringLiteral("/paper-broker.sqlite")).size()) / 1e6);
    // Each probe starts on a fresh copy, so that every one meets the same files (a start-up
    // writes the session's first records), in a fresh process, interleaved so that drift
    // on the machine hits all three alike.
    constexpr int kRuns = 7;
    std::vector<double> ms[3];
    long rss[3] = {0, 0, 0};
    for (int i = 0; i < kRuns; ++i) {
        for (int c = 0; c < 3; ++c) {
            const QString copy = scratch.filePath(QStringLiteral("run"));
            QDir(copy).removeRecursively();
            QDir().mkpath(copy);
            for (const char *name : {"journal.sqlite", "paper-broker.sqlite"}) {
                const QString from = dirs[c] + QLatin1Char('/') + QLatin1String(name);
                if (QFile::exists(from) && !QFile::copy(from, copy + QLatin1Char('/') + QLatin1String(name)))
                    return 1;
            }
            Probe p;
            if (!probe(program, copy, p))
                return 1;
            ms[c].push_back(p.ms);
            rss[c] = std::max(rss[c], p.rssKb);
        }
    }
    double median[3];
    for (int c = 0; c < 3; ++c) {
        std::sort(ms[c].begin(), ms[c].end());
        median[c] = ms[c][kRuns / 2];
    }
    std::printf("start-up (median of %d): empty data directory %.1f ms, peak RSS %.1f MB; one day %.1f ms, %.1f MB; "
                "%ld fills %.1f ms, %.1f MB\n",
                kRuns, median[0], static_cast<double>(rss[0]) / 1024, median[1], static_cast<double>(rss[1]) / 1024,
                fills, median[2], static_cast<double>(rss[2]) / 1024);
    std::printf("{\"fills\": %ld, \"startup_empty_ms\": %.1f, \"startup_one_day_ms\": %.1f, \"startup_full_ms\": %.1f, "
                "\"ratio\": %.2f, \"ratio_to_one_day\": %.2f, \"rss_empty_mb\": %.1f, \"rss_full_mb\": %.1f, "
                "\"rss_delta_mb\": %.1f}\n",
                fills, median[0], median[1], median[2], median[2] / median[0], median[2] / median[1],
                static_cast<double>(rss[0]) / 1024, static_cast<double>(rss[2]) / 1024,
                static_cast<double>(rss[2] - rss[0]) / 1024);
    return 0;
}

} // namespace vigil::bench
