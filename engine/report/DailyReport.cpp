#include "api/DailyReport.h"

#include "api/BackupCatalog.h"
#include "oms/ExecutionStats.h"
#include "portfolio/Portfolio.h"
#include "report/IncidentRead.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace vigil {

double ReportStrategy::winRatePct() const
{
    return closingTrades == 0 ? -1.0 : 100.0 * static_cast<double>(winningTrades) / static_cast<double>(closingTrades);
}

double DailyReport::totalPct() const
{
    return startingEquity.raw() == 0
               ? 0.0
               : 100.0 * static_cast<double>(total().raw()) / static_cast<double>(startingEquity.raw());
}

double DailyReport::fillRatePct() const
{
    return finished == 0 ? -1.0 : 100.0 * static_cast<double>(filledOrders) / static_cast<double>(finished);
}

double DailyReport::rejectRatePct() const
{
    return finished == 0 ? -1.0 : 100.0 * static_cast<double>(rejectedOrders) / static_cast<double>(finished);
}

std::string formatLatency(std::int64_t ns)
{
    char text[32];
    if (ns < 1'000'000)
        std::snprintf(text, sizeof text, "%lld \xc2\xb5s", static_cast<long long>((ns + 500) / 1000));
    else if (ns < 1'000'000'000)
        std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(ns) / 1e6);
    else
        std::snprintf(text, sizeof text, "%.2f s", static_cast<double>(ns) / 1e9);
    return text;
}

namespace {

constexpr int kSharpeSessions = 20;

/// SQL list of the reasons a pre-trade check gives: such an order never reached the broker.
QString preTradeReasons()
{
    QStringList names;
    names << QStringLiteral("'%1'").arg(QString::fromLatin1(toString(RejectReason::RiskLimit)));
    for (int r = static_cast<int>(RejectReason::OrderQuantity); r <= static_cast<int>(kLastRejectReason); ++r)
        names << QStringLiteral("'%1'").arg(QString::fromLatin1(toString(static_cast<RejectReason>(r))));
    return names.join(QLatin1Char(','));
}

Side sideOf(const QVariant &v) { return v.toString() == QLatin1String("sell") ? Side::Sell : Side::Buy; }
Money moneyOf(const QVariant &v) { return Money::fromRaw(v.toLongLong()); }
Price priceOf(const QVariant &v) { return Price::fromRaw(v.toLongLong()); }
std::string textOf(const QVariant &v) { return v.toString().toStdString(); }

/// The books of one checkpoint, per strategy key ("account" for the account's own).
struct CheckpointBooks {
    std::map<std::string, std::map<std::string, std::pair<Book, Price>>> books; ///< strategy -> symbol -> book, mark
    Money unrealized(const std::string &strategy) const
    {
        Money sum;
        if (auto it = books.find(strategy); it != books.end())
            for (const auto &[symbol, bm] : it->second)
                sum = sum + bm.first.unrealized(bm.second);
        return sum;
    }
    Money realized(const std::string &strategy) const
    {
        Money sum;
        if (auto it = books.find(strategy); it != books.end())
            for (const auto &[symbol, bm] : it->second)
                sum = sum + bm.first.realized;
        return sum;
    }
};

class Reader {
public:
    Reader(QSqlDatabase &db, QString &error)
        : m_q(db)
        , m_error(error)
    {
        m_q.setForwardOnly(true);
    }
    bool run(const QString &sql, const QVariantList &values = {})
    {
        if (!m_error.isEmpty())
            return false;
        m_q.prepare(sql);
        for (const QVariant &v : values)
            m_q.addBindValue(v);
        if (!m_q.exec()) {
            m_error = QStringLiteral("cannot read the journal: %1 (%2)").arg(m_q.lastError().text(), sql.left(60));
            return false;
        }
        return true;
    }
    QSqlQuery &q() { return m_q; }

    CheckpointBooks books(qlonglong checkpoint)
    {
        CheckpointBooks out;
        if (run(QStringLiteral("SELECT strategy, symbol, qty, cost, realized, fees, mark FROM position_snapshots WHERE "
                               "checkpoint = ?"),
                {checkpoint}))
            while (m_q.next()) {
                auto &[book, mark] = out.books[textOf(m_q.value(0))][textOf(m_q.value(1))];
                book.qty = m_q.value(2).toLongLong();
                book.cost = moneyOf(m_q.value(3));
                book.realized = moneyOf(m_q.value(4));
                book.fees = moneyOf(m_q.value(5));
                mark = priceOf(m_q.value(6));
            }
        return out;
    }
    /// The first (kind open) and last checkpoint of a session; 0 where there is none.
    std::pair<qlonglong, qlonglong> checkpointsOf(const QString &date)
    {
        std::pair<qlonglong, qlonglong> out{0, 0};
        if (run(QStringLiteral("SELECT MIN(CASE WHEN kind = 'open' THEN seq END), MAX(seq) FROM checkpoints WHERE "
                               "session_date = ?"),
                {date})
            && m_q.next()) {
            out.first = m_q.value(0).isNull() ? 0 : m_q.value(0).toLongLong();
            out.second = m_q.value(1).isNull() ? 0 : m_q.value(1).toLongLong();
        }
        return out;
    }

private:
    QSqlQuery m_q;
    QString &m_error;
};

bool hasTable(Reader &r, const char *table)
{
    return r.run(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"),
                 {QString::fromLatin1(table)})
           && r.q().next() && r.q().value(0).toLongLong() > 0;
}

void readBooks(Reader &r, const QString &date, DailyReport &out)
{
    QSqlQuery &q = r.q();
    const qlonglong last = r.checkpointsOf(date).second;
    if (last == 0)
        return;
    if (r.run(QStringLiteral(
                  "SELECT at, kind, base, starting_equity, high_water_mark, max_drawdown FROM checkpoints WHERE "
                  "seq = ?"),
              {last})
        && q.next()) {
        out.asOf = q.value(0).toLongLong();
        out.asOfKind = textOf(q.value(1));
        const Money base = moneyOf(q.value(2));
        out.startingEquity = moneyOf(q.value(3));
        out.highWaterMark = moneyOf(q.value(4));
        out.maxDrawdown = moneyOf(q.value(5));
        const CheckpointBooks books = r.books(last);
        out.realized = books.realized("account");
        out.unrealized = books.unrealized("account");
        out.equity = base + out.realized + out.unrealized;
        if (auto it = books.books.find("account"); it != books.books.end())
            for (const auto &[symbol, bm] : it->second) {
                out.fees = out.fees + bm.first.fees;
                if (bm.first.qty == 0)
                    continue;
                const ReportPosition p{symbol, bm.first.qty, bm.second};
                out.positions.push_back(p);
                out.grossExposure = out.grossExposure + Money::fromRaw(std::llabs(p.value().raw()));
                out.netExposure = out.netExposure + p.value();
            }
        std::sort(out.positions.begin(), out.positions.end(), [](const ReportPosition &a, const ReportPosition &b) {
            const auto va = std::llabs(a.value().raw()), vb = std::llabs(b.value().raw());
            return va != vb ? va > vb : a.symbol < b.symbol;
        });
        for (const auto &[key, symbols] : books.books) {
            if (key == "account")
                continue;
            ReportStrategy s;
            s.key = key;
            s.realized = books.realized(key);
            s.unrealized = books.unrealized(key);
            out.strategies.push_back(s);
        }
    }
}

/// Each strategy's daily P&L (realized, and the change of its open positions' value since
/// the open) over the last sessions up to `date`, as a share of each day's starting equity.
void readSharpe(Reader &r, const QString &date, DailyReport &out)
{
    QSqlQuery &q = r.q();
    std::vector<std::pair<QString, Money>> sessions; // date, starting equity; newest first
    if (r.run(QStringLiteral("SELECT session_date, starting_equity FROM sessions WHERE session_date <= ? ORDER BY "
                             "session_date DESC LIMIT %1")
                  .arg(kSharpeSessions),
              {date}))
        while (q.next())
            sessions.emplace_back(q.value(0).toString(), moneyOf(q.value(1)));
    std::map<std::string, std::vector<double>> returns;
    for (const auto &[day, starting] : sessions) {
        const auto [open, last] = r.checkpointsOf(day);
        if (open == 0 || last == 0 || starting.raw() == 0)
            continue;
        const CheckpointBooks atOpen = r.books(open), atClose = r.books(last);
        for (ReportStrategy &s : out.strategies) {
            const Money pnl = atClose.realized(s.key) + atClose.unrealized(s.key) - atOpen.unrealized(s.key);
            returns[s.key].push_back(static_cast<double>(pnl.raw()) / static_cast<double>(starting.raw()));
        }
    }
    for (ReportStrategy &s : out.strategies) {
        const std::vector<double> &x = returns[s.key];
        s.sharpeSessions = static_cast<int>(x.size());
        if (x.size() < 2)
            continue;
        double mean = 0;
        for (double v : x)
            mean += v;
        mean /= static_cast<double>(x.size());
        double var = 0;
        for (double v : x)
            var += (v - mean) * (v - mean);
        const double sd = std::sqrt(var / static_cast<double>(x.size() - 1));
        if (sd > 0)
            s.sharpe = mean / sd * std::sqrt(252.0);
    }
}

void readFills(Reader &r, const QString &date, DailyReport &out)
{
    QSqlQuery &q = r.q();
    // The strategies' books at the open, so that each closing fill's realized P&L is known.
    std::map<std::pair<std::string, std::string>, Book> books;
    const qlonglong open = r.checkpointsOf(date).first;
    if (open != 0)
        for (const auto &[strategy, symbols] : r.books(open).books)
            for (const auto &[symbol, bm] : symbols)
                books[{strategy, symbol}] = bm.first;
    ExecutionStats slippage;
    std::map<std::string, ReportStrategy *> byKey;
    for (ReportStrategy &s : out.strategies)
        byKey[s.key] = &s;
    const bool hasMid =
        r.run(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('orders') WHERE name = 'arrival_mid'")) && q.next()
        && q.value(0).toLongLong() > 0;
    if (!r.run(QStringLiteral(
                   "SELECT f.at, f.client_order_id, f.strategy, f.symbol, f.side, f.qty, f.price, f.fee, %1 FROM "
                   "fills f JOIN orders o USING (client_order_id) WHERE o.session_date = ? ORDER BY f.seq")
                   .arg(hasMid ? QStringLiteral("o.arrival_mid") : QStringLiteral("NULL")),
               {date}))
        return;
    SimTime lastAt = 0;
    while (q.next()) {
        ReportFill f;
        f.at = q.value(0).toLongLong();
        f.clientOrderId = textOf(q.value(1));
        f.strategy = textOf(q.value(2));
        f.symbol = textOf(q.value(3));
        f.side = sideOf(q.value(4));
        f.qty = q.value(5).toLongLong();
        f.price = priceOf(q.value(6));
        f.fee = moneyOf(q.value(7));
        lastAt = std::max(lastAt, f.at);
        if (!q.value(8).isNull())
            slippage.fill(f.at, f.side, f.price, priceOf(q.value(8)));
        Book &book = books[{f.strategy, f.symbol}];
        const bool closes = book.qty != 0 && ((book.qty > 0) == (f.side == Side::Sell));
        const Money realized = book.apply(f.side, f.qty, f.price, f.fee);
        auto it = byKey.find(f.strategy);
        if (it == byKey.end()) { // a strategy with fills but no book at the checkpoint
            ReportStrategy s;
            s.key = f.strategy;
            out.strategies.push_back(s);
            byKey.clear();
            for (ReportStrategy &each : out.strategies)
                byKey[each.key] = &each;
            it = byKey.find(f.strategy);
        }
        ++it->second->fills;
        if (closes) {
            ++it->second->closingTrades;
            if (realized.raw() > 0)
                ++it->second->winningTrades;
        }
        out.fills.push_back(std::move(f));
    }
    const ExecutionFigures figures = slippage.figures(lastAt);
    out.slippageFills = figures.slippageFills;
    out.slippageAvgBps = figures.slippageAvgBps;
    out.slippageP95Bps = figures.slippageP95Bps;
}

void readOrders(Reader &r, const QString &date, DailyReport &out)
{
    QSqlQuery &q = r.q();
    const QString refused = QStringLiteral("(status = 'rejected' AND reject_reason IN (%1))").arg(preTradeReasons());
    if (r.run(
            QStringLiteral(
                "SELECT COUNT(*), "
                "SUM(CASE WHEN %1 THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN NOT %1 AND status IN ('filled', 'cancelled', 'rejected', 'expired') THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN NOT %1 AND status IN ('filled', 'cancelled', 'rejected', 'expired') AND filled_qty > 0 "
                "THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN NOT %1 AND status = 'rejected' THEN 1 ELSE 0 END) "
                "FROM orders WHERE session_date = ?")
                .arg(refused),
            {date})
        && q.next()) {
        out.orders = static_cast<std::uint64_t>(q.value(0).toLongLong());
        out.refusedPreTrade = static_cast<std::uint64_t>(q.value(1).toLongLong());
        out.finished = static_cast<std::uint64_t>(q.value(2).toLongLong());
        out.filledOrders = static_cast<std::uint64_t>(q.value(3).toLongLong());
        out.rejectedOrders = static_cast<std::uint64_t>(q.value(4).toLongLong());
    }
}

void readEvents(Reader &r, const QString &date, SimTime dayStart, SimTime dayEnd, DailyReport &out)
{
    QSqlQuery &q = r.q();
    if (r.run(QStringLiteral("SELECT at, severity, source, message FROM alerts WHERE at >= ? AND at < ? ORDER BY seq"),
              {qlonglong(dayStart), qlonglong(dayEnd)}))
        while (q.next())
            out.timeline.push_back(
                {q.value(0).toLongLong(), textOf(q.value(1)), textOf(q.value(2)), textOf(q.value(3))});
    if (hasTable(r, "trading_states")
        && r.run(
            QStringLiteral("SELECT at, state, previous, actor, reason FROM trading_states WHERE session_date = ? ORDER "
                           "BY seq"),
            {date}))
        while (q.next())
            out.timeline.push_back(
                {q.value(0).toLongLong(), q.value(1).toString() == QLatin1String("KILLED") ? "kill" : "state",
                 textOf(q.value(3)), textOf(q.value(2)) + " -> " + textOf(q.value(1)) + ": " + textOf(q.value(4))});
    if (r.run(QStringLiteral("SELECT at, detail FROM restarts WHERE session_date = ? ORDER BY seq"), {date}))
        while (q.next()) {
            out.timeline.push_back({q.value(0).toLongLong(), "restart", "system", textOf(q.value(1))});
            ++out.restarts;
        }
    std::stable_sort(out.timeline.begin(), out.timeline.end(),
                     [](const ReportEvent &a, const ReportEvent &b) { return a.at < b.at; });
}

/// Everything a person did: the audit records of the day whose actor is not the system. An
/// alert's record names its source as the actor ("market data", "venue"): never a person.
void readActions(Reader &r, SimTime dayStart, SimTime dayEnd, DailyReport &out)
{
    QSqlQuery &q = r.q();
    if (r.run(QStringLiteral(
                  "SELECT at, wall_at, actor, action, detail FROM audit WHERE at >= ? AND at < ? AND covers_from "
                  "IS NULL AND action <> 'alert' AND actor NOT LIKE 'system%' AND actor NOT IN ('risk', 'engine', "
                  "'strategies', 'broker', 'feed', 'store') ORDER BY id"),
              {qlonglong(dayStart), qlonglong(dayEnd)}))
        while (q.next())
            out.actions.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), textOf(q.value(2)),
                                   textOf(q.value(3)), textOf(q.value(4))});
    if (r.run(QStringLiteral("SELECT id, hex(hash) FROM audit WHERE at >= ? AND at < ? ORDER BY id DESC LIMIT 1"),
              {qlonglong(dayStart), qlonglong(dayEnd)})
        && q.next()) {
        out.lastAuditId = q.value(0).toLongLong();
        out.lastAuditHash = q.value(1).toString().toLower().toStdString();
    }
}

void readReconciliation(Reader &r, const QString &date, DailyReport &out)
{
    QSqlQuery &q = r.q();
    if (!hasTable(r, "reconciliations"))
        return;
    if (r.run(QStringLiteral("SELECT COUNT(*) FROM reconciliations WHERE session_date = ?"), {date}) && q.next())
        out.reconciliationRuns = static_cast<int>(q.value(0).toLongLong());
    if (r.run(QStringLiteral("SELECT at, started_by, complete, differences, summary FROM reconciliations WHERE "
                             "session_date = ? ORDER BY seq DESC LIMIT 1"),
              {date})
        && q.next()) {
        out.reconciled = true;
        out.reconciliationAt = q.value(0).toLongLong();
        out.reconciliationStartedBy = textOf(q.value(1));
        out.reconciliationComplete = q.value(2).toLongLong() != 0;
        out.reconciliationDifferences = static_cast<int>(q.value(3).toLongLong());
        out.reconciliationSummary = textOf(q.value(4));
    }
    if (r.run(QStringLiteral("SELECT COUNT(*) FROM reconciliation_resolutions WHERE session_date = ?"), {date})
        && q.next())
        out.resolutions = static_cast<int>(q.value(0).toLongLong());
}

void readLatencyAndChecklists(Reader &r, const QString &date, DailyReport &out)
{
    QSqlQuery &q = r.q();
    if (!hasTable(r, "latency_summaries"))
        return;
    if (r.run(QStringLiteral("SELECT path, samples, p50_ns, p95_ns, p99_ns, max_ns FROM latency_summaries WHERE "
                             "session_date = ? ORDER BY CASE path WHEN 'feed' THEN 0 WHEN 'ack' THEN 1 ELSE 2 END"),
              {date}))
        while (q.next())
            out.latency.push_back({textOf(q.value(0)), static_cast<std::uint64_t>(q.value(1).toLongLong()),
                                   q.value(2).toLongLong(), q.value(3).toLongLong(), q.value(4).toLongLong(),
                                   q.value(5).toLongLong()});
    if (r.run(QStringLiteral(
                  "SELECT at, checklist, started_by, passed, warned, failed, summary FROM checklist_runs WHERE "
                  "session_date = ? ORDER BY seq"),
              {date}))
        while (q.next())
            out.checklists.push_back({q.value(0).toLongLong(), textOf(q.value(1)), textOf(q.value(2)),
                                      static_cast<int>(q.value(3).toLongLong()),
                                      static_cast<int>(q.value(4).toLongLong()),
                                      static_cast<int>(q.value(5).toLongLong()), textOf(q.value(6))});
}

void readBackups(const QString &backupsDir, DailyReport &out)
{
    if (backupsDir.isEmpty())
        return;
    for (const BackupEntry &b : listBackups(backupsDir)) { // newest first
        if (b.status == BackupStatus::Bad)
            ++out.badBackups;
        if (b.status != BackupStatus::Verified)
            continue;
        if (out.verifiedBackups++ == 0) {
            out.newestVerifiedBackup = QFileInfo(b.path).fileName().toStdString();
            out.newestVerifiedType = backupTypeText(b.type).toStdString();
            out.newestVerifiedAtMs = b.createdAt.toMSecsSinceEpoch();
        }
    }
}

} // namespace

QString dailyReportPath(const QString &dataDir, const QString &date)
{
    return QDir(dataDir).filePath(QStringLiteral("reports/vigil-report-%1.pdf").arg(date));
}

QString latestSessionDate(const QString &journal, std::string &date)
{
    if (!QFileInfo(journal).isFile())
        return QStringLiteral("the journal %1 does not exist").arg(journal);
    const QString name = QStringLiteral("vigil-report-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(journal);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QStringLiteral("cannot open the journal %1: %2").arg(journal, db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT MAX(session_date) FROM sessions")) || !q.next())
                error = QStringLiteral("cannot read the journal %1: %2").arg(journal, q.lastError().text());
            else if (q.value(0).isNull())
                error = QStringLiteral("the journal %1 holds no session yet").arg(journal);
            else
                date = textOf(q.value(0));
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QString loadDailyReport(const ReportSource &source, const std::string &date, DailyReport &out)
{
    out = DailyReport{};
    const QDate day = QDate::fromString(QString::fromStdString(date), Qt::ISODate);
    if (!day.isValid())
        return QStringLiteral("'%1' is not a date in the form YYYY-MM-DD").arg(QString::fromStdString(date));
    if (!QFileInfo(source.journal).isFile())
        return QStringLiteral("the journal %1 does not exist").arg(source.journal);
    out.date = date;
    out.account = source.account;
    const SessionWindow window = sessionFor(Date{day.year(), day.month(), day.day()});
    const SimTime dayStart = window.at(0, 0);
    const SimTime dayEnd = dayStart + 24 * 3600 * kNsPerSecond;
    const QString name = QStringLiteral("vigil-report-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString sessionDate = QString::fromStdString(date);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(source.journal);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QStringLiteral("cannot open the journal %1: %2").arg(source.journal, db.lastError().text());
        } else {
            db.transaction(); // one moment of the file, while the engine may go on writing
            {
                Reader r(db, error);
                QSqlQuery &q = r.q();
                QStringList days;
                bool found = false;
                if (r.run(QStringLiteral("SELECT session_date, closed_at FROM sessions ORDER BY session_date")))
                    while (q.next()) {
                        days << q.value(0).toString();
                        if (days.last() == sessionDate) {
                            found = true;
                            out.closed = !q.value(1).isNull();
                        }
                    }
                if (error.isEmpty() && !found)
                    error = days.isEmpty() ? QStringLiteral("the journal %1 holds no session yet").arg(source.journal)
                                           : QStringLiteral("the journal %1 holds no session on %2 (it holds %3 to %4)")
                                                 .arg(source.journal, sessionDate, days.first(), days.last());
                if (error.isEmpty()) {
                    readBooks(r, sessionDate, out);
                    readSharpe(r, sessionDate, out);
                    readFills(r, sessionDate, out);
                    readOrders(r, sessionDate, out);
                    readEvents(r, sessionDate, dayStart, dayEnd, out);
                    readActions(r, dayStart, dayEnd, out);
                    readReconciliation(r, sessionDate, out);
                    readLatencyAndChecklists(r, sessionDate, out);
                    if (r.run(
                            QStringLiteral("SELECT at, equity FROM equity_curve WHERE at >= ? AND at < ? ORDER BY at"),
                            {qlonglong(dayStart), qlonglong(dayEnd)}))
                        while (q.next())
                            out.equityCurve.emplace_back(q.value(0).toLongLong(), moneyOf(q.value(1)));
                    if (!out.equityCurve.empty()) {
                        out.curveHigh =
                            std::max_element(out.equityCurve.begin(), out.equityCurve.end(),
                                             [](const auto &a, const auto &b) { return a.second < b.second; })
                                ->second;
                        // Points journaled after the last checkpoint may have gone higher: as a
                        // restart would take it, the mark is the higher of the two.
                        out.highWaterMark = std::max(out.highWaterMark, out.curveHigh);
                    }
                }
            }
            if (error.isEmpty())
                error = readIncidentRows(db, source.journal, date, date, out.incidents);
            db.rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (error.isEmpty())
        readBackups(source.backupsDir, out);
    if (!error.isEmpty())
        out = DailyReport{};
    return error;
}

} // namespace vigil
