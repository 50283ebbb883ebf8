#include "store/JournalWriter.h"

#include "api/AuditAnchor.h"
#include "api/AuditChain.h"
#include "store/AuditHash.h"
#include "store/Schema.h"
#include "store/SqliteStatement.h"

#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>

namespace vigil {

/// Prepared statements and what the writer remembers between records. Store thread only.
/// Qt Sql opens, migrates and owns the connection; rows go through SQLite's own prepared
/// statements on that connection's handle, because binding every value through QVariant
/// cost more than SQLite's insert itself (see docs/PERFORMANCE.md, vigil-bench journal).
struct JournalWriter::Statements {
    sqlite3 *db = nullptr;
    SqliteStatement begin, commit, rollback;
    SqliteStatement openSession, closeSession, insertOrder, updateOrder, insertOrderEvent, insertFill, insertPosition,
        insertEquity, insertAlert, insertCheckpoint, insertRestart, insertTradingState, insertStrategyControl,
        insertAudit, lastAudit, insertReconciliation, insertDifference, insertResolution, insertLatency,
        insertChecklist, insertChecklistItem, insertIncident, insertIncidentChange;
    std::int64_t checkpoint = 0;     ///< the checkpoint that Position records belong to
    std::int64_t reconciliation = 0; ///< the run that ReconciliationDifference records belong to
    std::int64_t checklist = 0;      ///< the run that ChecklistItem records belong to
    std::string executionId;         ///< scratch text for the current fill's execution id
    std::string detail;              ///< scratch text for the current audit record
    std::string incidentValue;       ///< an incident change's pieces so far
    // The audit chain's end: the last record's number and hash (as committed, and as written
    // in the transaction under way).
    std::int64_t auditId = 0;
    QByteArray auditHash;
    std::int64_t committedAuditId = 0;
    QByteArray committedAuditHash;
    // The order events and fills of the transaction under way, for its audit record.
    TradeRowsDigest tradeRows;
    std::int64_t tradeFrom = 0, tradeTo = 0, tradeAt = 0, tradeOrders = 0;
};

namespace {
bool isPreTradeRefusal(RejectReason r)
{
    return r == RejectReason::RiskLimit || (r >= RejectReason::OrderQuantity && r <= kLastRejectReason);
}

std::string money(Money m) { return m.toString(2); }

/// The newest audit records of each kind already in the journal (looking back at most
/// 200,000 records, so that opening a long history stays quick).
void loadAuditTrail(sqlite3 *db, std::int64_t lastId, AuditTrailPublisher &trail)
{
    std::vector<AuditRow> rows;
    for (const auto &[where, limit] : {std::pair{"covers_from IS NULL", kAuditTrailRecords},
                                       std::pair{"covers_from IS NOT NULL", kAuditTrailTradeRecords}}) {
        const std::string sql =
            std::string("SELECT id, at, wall_at, actor, action, detail, hash, covers_from FROM audit "
                        "WHERE id > ?1 AND ")
            + where + " ORDER BY id DESC LIMIT ?2";
        SqliteStatement q;
        if (!q.prepare(db, sql.c_str()))
            continue; // the trail is a view: an unreadable one shows empty, the chain is verified elsewhere
        q.bind(1, lastId - 200'000);
        q.bind(2, static_cast<std::int64_t>(limit));
        while (q.next()) {
            const std::string hash = q.blob(6);
            rows.push_back({q.integer(0), q.integer(1), q.integer(2), q.text(3), q.text(4), q.text(5),
                            AuditTrailPublisher::hex(QByteArray(hash.data(), static_cast<qsizetype>(hash.size()))),
                            q.integer(7) != 0});
        }
    }
    trail.load(std::move(rows));
}
}

JournalWriter::JournalWriter(QString path, JournalNames names, JournalLimits limits)
    : m_path(std::move(path))
    , m_names(std::move(names))
    , m_limits(limits)
    , m_connectionName(QStringLiteral("vigil-journal-%1").arg(reinterpret_cast<quintptr>(this)))
{}

JournalWriter::~JournalWriter() { stop(); }

QString JournalWriter::start()
{
    std::promise<QString> opened;
    auto result = opened.get_future();
    m_thread = std::thread([this, &opened] { run(&opened); });
    const QString error = result.get();
    if (!error.isEmpty() && m_thread.joinable())
        m_thread.join();
    return error;
}

void JournalWriter::stop()
{
    // The producer is gone: hand over what waited for room, however long that takes.
    Backoff backoff;
    while (m_thread.joinable() && !m_backlog.empty() && !failed()) {
        flush();
        m_bell.ring();
        if (!m_backlog.empty())
            backoff.pause();
    }
    m_stopping.store(true);
    m_bell.ring();
    if (m_thread.joinable())
        m_thread.join();
}

void JournalWriter::flush()
{
    std::size_t sent = 0;
    while (sent < m_backlog.size() && m_queue.tryPush(m_backlog[sent]))
        ++sent;
    if (sent > 0) {
        m_backlog.erase(m_backlog.begin(), m_backlog.begin() + static_cast<std::ptrdiff_t>(sent));
        m_unsignalled = true;
    }
    // Waking the store thread may cost a system call, so it happens here, between the
    // engine's messages, and not on the order path in append().
    if (m_unsignalled) {
        m_unsignalled = false;
        m_bell.ring();
    }
}

void JournalWriter::append(JournalRecord record)
{
    if (!m_backlog.empty() || !m_queue.tryPush(record))
        m_backlog.push_back(record); // behind the older records that wait for room
    m_unsignalled = true;
}

QString JournalWriter::failure() const
{
    std::lock_guard lock(m_failureMutex);
    return m_failure;
}

void JournalWriter::fail(const QString &reason)
{
    {
        std::lock_guard lock(m_failureMutex);
        m_failure = reason;
    }
    m_failed.store(true, std::memory_order_release);
    spdlog::critical("journal: {}; nothing more is written", reason.toStdString());
}

void JournalWriter::run(std::promise<QString> *opened)
{
    {
        QString error = openJournalDatabase(m_path, m_connectionName);
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (error.isEmpty())
            error = migrateJournal(db);
        if (error.isEmpty() && m_limits.maxPageCount > 0) {
            QSqlQuery cap(db);
            if (!cap.exec(QStringLiteral("PRAGMA max_page_count=%1").arg(m_limits.maxPageCount)))
                error = QStringLiteral("journal %1: cannot cap its size: %2").arg(m_path, cap.lastError().text());
        }
        if (error.isEmpty()) {
            m_statements = std::make_unique<Statements>();
            Statements &s = *m_statements;
            const QVariant handle = db.driver()->handle();
            if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
                s.db = *static_cast<sqlite3 *const *>(handle.constData());
            const bool ok =
                s.db && s.begin.prepare(s.db, "BEGIN") && s.commit.prepare(s.db, "COMMIT")
                && s.rollback.prepare(s.db, "ROLLBACK")
                && s.openSession.prepare(s.db, "INSERT OR IGNORE INTO sessions (session_date, starting_equity, "
                                               "opened_at, seed) VALUES (?1, ?2, ?3, ?4)")
                && s.closeSession.prepare(s.db, "UPDATE sessions SET closed_at = ?1 WHERE session_date = ?2")
                && s.insertOrder.prepare(
                    s.db,
                    "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, side, type, "
                    "qty, "
                    "limit_price, status, filled_qty, reject_reason, created_at, updated_at, origin, arrival_mid, "
                    "source_ref) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, NULL, ?11, ?11, ?12, ?13, ?14)")
                && s.updateOrder.prepare(
                    s.db, "UPDATE orders SET status = ?1, filled_qty = ?2, reject_reason = ?3, updated_at = ?4 "
                          "WHERE client_order_id = ?5")
                && s.insertOrderEvent.prepare(
                    s.db, "INSERT INTO order_events (seq, client_order_id, at, status, filled_qty, reason) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                && s.insertFill.prepare(
                    s.db,
                    "INSERT OR IGNORE INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, qty, "
                    "price, fee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                && s.insertPosition.prepare(
                    s.db, "INSERT INTO position_snapshots (seq, at, strategy, symbol, qty, cost, realized, fees, mark, "
                          "checkpoint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                && s.insertCheckpoint.prepare(
                    s.db,
                    "INSERT INTO checkpoints (seq, session_date, at, kind, base, starting_equity, high_water_mark, "
                    "max_drawdown, books) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                && s.insertRestart.prepare(
                    s.db, "INSERT INTO restarts (seq, session_date, at, unknown_orders, fills_recovered, detail) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                && s.insertEquity.prepare(s.db, "INSERT OR REPLACE INTO equity_curve (at, equity) VALUES (?1, ?2)")
                && s.insertAlert.prepare(
                    s.db, "INSERT INTO alerts (seq, at, severity, source, message) VALUES (?1, ?2, ?5, ?3, ?4)")
                && s.insertTradingState.prepare(
                    s.db, "INSERT INTO trading_states (seq, session_date, at, wall_at, state, previous, actor, reason) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                && s.insertStrategyControl.prepare(
                    s.db, "INSERT INTO strategy_controls (seq, session_date, at, strategy, stopped, actor, reason) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                && s.insertAudit.prepare(
                    s.db,
                    "INSERT INTO audit (id, at, wall_at, actor, action, detail, previous_hash, hash, seq, covers_from, "
                    "rows_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                && s.lastAudit.prepare(s.db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
                && s.insertReconciliation.prepare(
                    s.db, "INSERT INTO reconciliations (seq, session_date, at, wall_at, started_by, actor, complete, "
                          "positions_checked, orders_checked, differences, summary) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                && s.insertDifference.prepare(
                    s.db, "INSERT INTO reconciliation_differences (run, difference_key, kind, symbol, internal_qty, "
                          "broker_qty, internal_avg, broker_avg) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                && s.insertResolution.prepare(
                    s.db,
                    "INSERT INTO reconciliation_resolutions (seq, session_date, at, wall_at, actor, difference_key, "
                    "resolution, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                && s.insertLatency.prepare(s.db, "INSERT OR REPLACE INTO latency_summaries (session_date, path, at, "
                                                 "samples, p50_ns, p95_ns, p99_ns, "
                                                 "max_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                && s.insertChecklist.prepare(
                    s.db,
                    "INSERT INTO checklist_runs (seq, session_date, at, wall_at, checklist, started_by, actor, passed, "
                    "warned, failed, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                && s.insertChecklistItem.prepare(
                    s.db, "INSERT INTO checklist_items (run, item, status, measured, threshold, detail) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                && s.insertIncident.prepare(s.db,
                                            "INSERT INTO incidents (id, session_date, at, wall_at, cause, level, "
                                            "title, opened_by, alert) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                && s.insertIncidentChange.prepare(
                    s.db, "INSERT INTO incident_changes (seq, incident, at, wall_at, actor, field, value) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            if (ok && s.lastAudit.next()) {
                s.auditId = s.lastAudit.integer(0);
                const std::string hash = s.lastAudit.blob(1);
                s.auditHash = QByteArray(hash.data(), static_cast<qsizetype>(hash.size()));
            }
            if (ok)
                s.lastAudit.reset();
            if (ok)
                loadAuditTrail(s.db, s.auditId, m_auditTrail);
            s.committedAuditId = s.auditId;
            s.committedAuditHash = s.auditHash;
            if (ok)
                adoptAnchor();
            if (!ok)
                error = QStringLiteral("journal %1: cannot prepare statements: %2")
                            .arg(m_path, s.db ? QString::fromUtf8(sqlite3_errmsg(s.db))
                                              : QStringLiteral("the SQLite driver gave no handle"));
        }
        if (!error.isEmpty()) {
            m_statements.reset();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            opened->set_value(error);
            return;
        }
        opened->set_value(QString());
    }

    // A transaction ends only at the end of a group: records after the last group end wait
    // (at the front of `batch`) for the rest of their group.
    std::vector<JournalRecord> batch(8192);
    std::size_t held = 0;
    while (true) {
        m_lastAliveWallNs.store(wallNowNs(), std::memory_order_relaxed);
        if (batch.size() - held < 4096)
            batch.resize(held + 4096); // a group larger than any seen so far
        const std::size_t n = held + m_queue.popBatch(batch.data() + held, batch.size() - held);
        std::size_t complete = n;
        while (complete > 0 && !batch[complete - 1].endsGroup)
            --complete;
        if (complete == 0) {
            held = n;
            if (m_stopping.load() && m_queue.empty()) {
                if (held > 0 && !failed())
                    spdlog::error("journal: {} records of an unfinished group were not written", held);
                break;
            }
            if (held == n && n > 0 && !m_queue.empty())
                continue; // more of the group is already there
            m_auditTrail.publishPending(wallNowNs());
            writeAnchor(false); // idle: the anchor catches up within kAnchorIntervalMs
            m_bell.sleepUntil([this] { return !m_queue.empty() || m_stopping.load(); }, std::chrono::milliseconds(50));
            continue;
        }
        if (!failed()) { // after a failure the file stays as it was at the last commit
            QString error;
            if (writeBatch(batch.data(), complete, error)) {
                m_durableSeq.store(batch[complete - 1].seq, std::memory_order_release);
                m_lastCommitWallNs.store(wallNowNs(), std::memory_order_relaxed);
                m_auditTrail.commitStaged(wallNowNs());
                if (m_commitHook)
                    m_commitHook(batch[complete - 1].seq);
                writeAnchor(false); // after the hook: the durable news never waits for its fsync
            } else {
                fail(error);
                if (m_commitHook)
                    m_commitHook(m_durableSeq.load(std::memory_order_acquire));
            }
        }
        held = n - complete;
        std::copy(batch.begin() + static_cast<std::ptrdiff_t>(complete), batch.begin() + static_cast<std::ptrdiff_t>(n),
                  batch.begin());
    }
    m_auditTrail.publishPending(wallNowNs());
    writeAnchor(true);
    m_statements.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

void JournalWriter::adoptAnchor()
{
    Statements &s = *m_statements;
    m_anchorPath = auditAnchorPath(m_path);
    if (!QFile::exists(m_anchorPath))
        return;
    const AuditAnchor anchor = readAnchorFile(m_anchorPath);
    QString why = anchor.problem;
    if (why.isEmpty()) {
        SqliteStatement q;
        std::string hash;
        if (q.prepare(s.db, "SELECT hash FROM audit WHERE id = ?1")) {
            q.bind(1, anchor.id);
            if (q.next())
                hash = q.blob(0);
        }
        if (QByteArray(hash.data(), static_cast<qsizetype>(hash.size())) == anchor.hash) {
            m_anchoredId = anchor.id;
            return;
        }
        why = anchor.id > s.auditId
                  ? QStringLiteral("it names record %1, the chain ends at record %2").arg(anchor.id).arg(s.auditId)
                  : QStringLiteral("the chain's record %1 has another hash").arg(anchor.id);
    }
    // Never overwritten: it is the evidence that this journal is not the one it anchored.
    const QString kept = m_anchorPath + QStringLiteral(".superseded-")
                         + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    const bool moved = QFile::rename(m_anchorPath, kept);
    spdlog::critical("journal: the audit anchor {} does not match this journal's chain ({}); {}",
                     m_anchorPath.toStdString(), why.toStdString(),
                     moved ? "kept as " + kept.toStdString() + "; `vigil audit verify` reports it"
                           : std::string("it could not be moved aside and is left as it is"));
    if (!moved)
        m_anchorPath.clear(); // never overwrite it
}

void JournalWriter::writeAnchor(bool now)
{
    if (!m_statements || m_anchorPath.isEmpty())
        return;
    const Statements &s = *m_statements;
    if (s.committedAuditId <= m_anchoredId)
        return;
    const std::int64_t at = wallNowNs();
    if (!now && at - m_anchorWrittenNs < std::int64_t{kAnchorIntervalMs} * 1'000'000)
        return;
    m_anchorWrittenNs = at;
    // The chain's committed end is on stable storage (synchronous=FULL): the anchor never
    // names a record a power cut could take back.
    const QString error = writeAnchorFile(m_anchorPath, s.committedAuditId, s.committedAuditHash);
    if (error.isEmpty()) {
        m_anchoredId = s.committedAuditId;
        m_anchorFailing = false;
    } else if (!m_anchorFailing) {
        m_anchorFailing = true;
        spdlog::error("journal: the audit anchor was not updated: {} (the journal itself is unaffected)",
                      error.toStdString());
    }
}

bool JournalWriter::writeBatch(const JournalRecord *records, std::size_t count, QString &error)
{
    Statements &s = *m_statements;
    if (!s.begin.run(error)) {
        error = QStringLiteral("cannot begin a transaction: %1").arg(error);
        return false;
    }
    auto undo = [this, &s] {
        QString ignored;
        s.rollback.run(ignored);
        s.auditId = s.committedAuditId; // the chain ends where the file's does
        s.auditHash = s.committedAuditHash;
        s.tradeRows.take();
        s.incidentValue.clear();
        m_auditTrail.discardStaged();
        return false;
    };
    for (std::size_t i = 0; i < count; ++i) {
        if (!write(records[i], error))
            return undo();
    }
    const bool trades = !s.tradeRows.empty();
    if (trades && !auditTrades(error))
        return undo();
    // Only order events and fills can repeat what the broker told: a transaction without
    // them (equity points, alerts, checkpoints) does not wait for the broker's file.
    if (trades && m_beforeCommit)
        m_beforeCommit();
    if (!s.commit.run(error)) {
        error = QStringLiteral("commit failed: %1").arg(error);
        return undo();
    }
    s.committedAuditId = s.auditId;
    s.committedAuditHash = s.auditHash;
    return true;
}

bool JournalWriter::appendAudit(const AuditEntry &entry, std::int64_t seq, QString &error)
{
    Statements &s = *m_statements;
    const QByteArray hash = auditHash(entry, s.auditHash);
    SqliteStatement &a = s.insertAudit;
    a.bind(1, entry.id);
    a.bind(2, entry.at);
    a.bind(3, entry.wallAt);
    a.bind(4, entry.actor);
    a.bind(5, entry.action);
    a.bind(6, entry.detail);
    if (s.auditHash.isEmpty())
        a.bindNull(7);
    else
        a.bindBlob(7, s.auditHash.constData(), static_cast<std::size_t>(s.auditHash.size()));
    a.bindBlob(8, hash.constData(), static_cast<std::size_t>(hash.size()));
    a.bind(9, seq);
    if (entry.rowsHash.isEmpty()) {
        a.bindNull(10);
        a.bindNull(11);
    } else {
        a.bind(10, entry.coversFrom);
        a.bindBlob(11, entry.rowsHash.constData(), static_cast<std::size_t>(entry.rowsHash.size()));
    }
    if (!a.run(error)) {
        error = QStringLiteral("writing audit record %1 failed: %2").arg(entry.id).arg(error);
        return false;
    }
    s.auditId = entry.id;
    s.auditHash = hash;
    m_auditTrail.stage({entry.id, entry.at, entry.wallAt, std::string(entry.actor), std::string(entry.action),
                        std::string(entry.detail), AuditTrailPublisher::hex(hash), !entry.rowsHash.isEmpty()});
    return true;
}

bool JournalWriter::auditTrades(QString &error)
{
    Statements &s = *m_statements;
    const std::int64_t events = s.tradeRows.events(), fills = s.tradeRows.fills();
    AuditEntry entry{s.auditId + 1, s.tradeAt, utcNowNs() / 1'000'000, "engine", "orders and fills", {}, 0, 0, {}};
    entry.coversFrom = s.tradeFrom;
    entry.coversTo = s.tradeTo;
    entry.rowsHash = s.tradeRows.take();
    s.detail = std::to_string(s.tradeOrders) + " new orders, " + std::to_string(events) + " order events, "
               + std::to_string(fills) + " fills: journal records " + std::to_string(s.tradeFrom) + " to "
               + std::to_string(s.tradeTo);
    entry.detail = s.detail;
    s.tradeOrders = 0;
    return appendAudit(entry, entry.coversTo, error);
}

bool JournalWriter::write(const JournalRecord &r, QString &error)
{
    Statements &s = *m_statements;
    auto run = [&](SqliteStatement &statement) {
        if (statement.run(error))
            return true;
        error = QStringLiteral("writing record %1 failed: %2").arg(r.seq).arg(error);
        return false;
    };
    const std::string_view strategy = r.strategy < m_names.strategies.size()
                                          ? std::string_view(m_names.strategies[r.strategy])
                                      : r.strategy == kAccountBook ? std::string_view("account")
                                                                   : std::string_view("operator");
    const std::string_view symbol =
        r.symbol < m_names.symbols.size() ? std::string_view(m_names.symbols[r.symbol]) : "";
    const auto seq = static_cast<std::int64_t>(r.seq);
    const std::string_view sessionDate = m_names.sessionDate;
    // The transaction's audit record covers this record's order event or fill.
    auto coverTrade = [&] {
        if (s.tradeRows.empty())
            s.tradeFrom = seq;
        s.tradeTo = seq;
        s.tradeAt = r.time;
    };
    // Every order record also adds a line to the order's history.
    auto orderEvent = [&](std::string_view id, const OrderHeader *header) {
        const std::string_view status = toString(r.status);
        const std::string_view reason = r.reason == RejectReason::None ? std::string_view() : toString(r.reason);
        SqliteStatement &e = s.insertOrderEvent;
        e.bind(1, seq);
        e.bind(2, id);
        e.bind(3, r.time);
        e.bind(4, status);
        e.bind(5, r.filledQty);
        if (reason.empty())
            e.bindNull(6);
        else
            e.bind(6, reason);
        if (!run(e))
            return false;
        coverTrade();
        s.tradeRows.addOrderEvent(
            seq, id, r.time, status, r.filledQty, reason, strategy, symbol, toString(r.side), toString(r.type), r.qty,
            r.type == OrderType::Limit ? std::optional<std::int64_t>(r.price.raw()) : std::nullopt, header);
        return true;
    };
    // The audit record of this record, chained to the one before it.
    auto audit = [&](std::string_view actor, std::string_view action, std::string_view detail) {
        return appendAudit(AuditEntry{s.auditId + 1, r.time, r.wallNs / 1'000'000, actor, action, detail, 0, 0, {}},
                           seq, error);
    };

    switch (r.kind) {
    case JournalRecord::Kind::SessionOpened:
        s.openSession.bind(1, sessionDate);
        s.openSession.bind(2, r.amount);
        s.openSession.bind(3, r.time);
        s.openSession.bind(4, static_cast<std::int64_t>(m_names.seed));
        s.detail = "session " + std::string(sessionDate) + " opened with equity " + money(r.amount);
        return run(s.openSession) && audit("system", "session", s.detail);
    case JournalRecord::Kind::SessionClosed:
        s.closeSession.bind(1, r.time);
        s.closeSession.bind(2, sessionDate);
        s.detail = "session " + std::string(sessionDate) + " closed";
        return run(s.closeSession) && audit("system", "session", s.detail);
    case JournalRecord::Kind::OrderCreated: {
        const std::string_view id = r.textView();
        SqliteStatement &o = s.insertOrder;
        o.bind(1, id);
        o.bind(2, sessionDate);
        o.bind(3, static_cast<std::int64_t>(r.orderId));
        o.bind(4, strategy);
        o.bind(5, symbol);
        o.bind(6, toString(r.side));
        o.bind(7, toString(r.type));
        o.bind(8, r.qty);
        if (r.type == OrderType::Limit)
            o.bind(9, r.price);
        else
            o.bindNull(9);
        o.bind(10, toString(r.status));
        o.bind(11, r.time);
        o.bind(12, std::string_view(r.byOperator ? "operator" : "strategy"));
        if (r.otherPrice.raw() > 0) // the quote's mid when it was sent (none: never sent, or no quote)
            o.bind(13, r.otherPrice);
        else
            o.bindNull(13);
        if (const std::string_view reference = r.referenceView(); !reference.empty())
            o.bind(14, reference);
        else
            o.bindNull(14);
        ++s.tradeOrders;
        // The columns of the orders row no event repeats go into the digest with its first.
        const OrderHeader header{
            sessionDate, static_cast<std::int64_t>(r.orderId), r.time, r.byOperator ? "operator" : "strategy",
            r.otherPrice.raw() > 0 ? std::optional<std::int64_t>(r.otherPrice.raw()) : std::nullopt};
        if (!run(o) || !orderEvent(id, &header))
            return false;
        if (!r.byOperator)
            return true; // audited by the transaction's record
        // The operator's orders also each have their own record, naming who placed them.
        s.detail = std::string(id) + ": " + std::string(toString(r.side)) + " " + std::to_string(r.qty) + " "
                   + std::string(symbol)
                   + (r.type == OrderType::Limit ? " limit " + r.price.toString() : std::string(" market"));
        return audit(r.actorView(), "operator order", s.detail);
    }
    case JournalRecord::Kind::OrderChanged: {
        const std::string_view id = r.textView();
        SqliteStatement &u = s.updateOrder;
        u.bind(1, toString(r.status));
        u.bind(2, r.filledQty);
        if (r.reason == RejectReason::None)
            u.bindNull(3);
        else
            u.bind(3, toString(r.reason));
        u.bind(4, r.time);
        u.bind(5, id);
        if (!run(u) || !orderEvent(id, nullptr))
            return false;
        if (r.status == OrderStatus::Rejected && isPreTradeRefusal(r.reason)) {
            s.detail = std::string(id) + " refused: " + std::string(toString(r.reason));
            return audit("risk", "limit breach", s.detail);
        }
        return true;
    }
    case JournalRecord::Kind::Fill: {
        s.executionId = std::to_string(r.executionId);
        SqliteStatement &f = s.insertFill;
        f.bind(1, seq);
        f.bind(2, r.textView());
        f.bind(3, s.executionId);
        f.bind(4, r.time);
        f.bind(5, strategy);
        f.bind(6, symbol);
        f.bind(7, toString(r.side));
        f.bind(8, r.qty);
        f.bind(9, r.price);
        f.bind(10, r.amount);
        if (!run(f))
            return false;
        if (sqlite3_changes(s.db) > 0) { // not a replay of a fill already booked
            coverTrade();
            s.tradeRows.addFill(seq, r.textView(), s.executionId, r.time, strategy, symbol, toString(r.side), r.qty,
                                r.price.raw(), r.amount.raw());
        }
        return true;
    }
    case JournalRecord::Kind::Position: {
        SqliteStatement &p = s.insertPosition;
        p.bind(1, seq);
        p.bind(2, r.time);
        p.bind(3, strategy);
        p.bind(4, symbol);
        p.bind(5, r.qty);
        p.bind(6, r.amount);
        p.bind(7, r.realized);
        p.bind(8, r.fees);
        p.bind(9, r.price);
        p.bind(10, s.checkpoint);
        return run(p);
    }
    case JournalRecord::Kind::Checkpoint: {
        s.checkpoint = seq;
        SqliteStatement &c = s.insertCheckpoint;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, r.textView());
        c.bind(5, r.amount);
        c.bind(6, r.realized);
        c.bind(7, r.highWaterMark);
        c.bind(8, r.maxDrawdown);
        c.bind(9, r.qty);
        return run(c);
    }
    case JournalRecord::Kind::Restart: {
        SqliteStatement &c = s.insertRestart;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, r.qty);
        c.bind(5, r.filledQty);
        c.bind(6, r.textView());
        return run(c) && audit("system", "restart", r.textView());
    }
    case JournalRecord::Kind::TradingStateChanged: {
        SqliteStatement &t = s.insertTradingState;
        t.bind(1, seq);
        t.bind(2, sessionDate);
        t.bind(3, r.time);
        t.bind(4, r.wallNs / 1'000'000);
        t.bind(5, toString(r.tradingState));
        t.bind(6, toString(r.previousState));
        t.bind(7, r.actorView());
        t.bind(8, r.textView());
        s.detail = std::string(toString(r.previousState)) + " -> " + std::string(toString(r.tradingState)) + ": "
                   + std::string(r.textView());
        return run(t) && audit(r.actorView(), "trading state", s.detail);
    }
    case JournalRecord::Kind::StrategyControl: {
        SqliteStatement &c = s.insertStrategyControl;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, strategy);
        c.bind(5, r.qty != 0 ? 1 : 0);
        c.bind(6, r.actorView());
        c.bind(7, r.textView());
        s.detail = std::string(strategy) + ": " + std::string(r.textView());
        return run(c) && audit(r.actorView(), r.qty != 0 ? "strategy stopped" : "strategy enabled", s.detail);
    }
    case JournalRecord::Kind::Audit: return audit(r.actorView(), r.actionView(), r.textView());
    case JournalRecord::Kind::ReconciliationRun: {
        s.reconciliation = seq;
        SqliteStatement &c = s.insertReconciliation;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, r.wallNs / 1'000'000);
        c.bind(5, r.actionView());
        c.bind(6, r.actorView());
        c.bind(7, std::int64_t{r.complete ? 1 : 0});
        c.bind(8, r.filledQty);
        c.bind(9, static_cast<std::int64_t>(r.orderId));
        c.bind(10, r.qty);
        c.bind(11, r.textView());
        s.detail = std::string(r.actionView()) + ": " + std::string(r.textView());
        return run(c) && audit(r.actorView(), "reconciliation", s.detail);
    }
    case JournalRecord::Kind::ReconciliationDifference: {
        SqliteStatement &d = s.insertDifference;
        d.bind(1, s.reconciliation);
        d.bind(2, r.keyView());
        d.bind(3, r.actionView());
        d.bind(4, r.textView());
        d.bind(5, r.qty);
        d.bind(6, r.filledQty);
        d.bind(7, r.price);
        d.bind(8, r.otherPrice);
        return run(d); // audited through the run's record, in the same transaction
    }
    case JournalRecord::Kind::ReconciliationResolution: {
        SqliteStatement &c = s.insertResolution;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, r.wallNs / 1'000'000);
        c.bind(5, r.actorView());
        c.bind(6, r.keyView());
        c.bind(7, r.actionView());
        c.bind(8, r.textView());
        s.detail =
            std::string(r.keyView()) + ": " + std::string(r.actionView()) + " (" + std::string(r.textView()) + ")";
        return run(c) && audit(r.actorView(), "reconciliation resolved", s.detail);
    }
    case JournalRecord::Kind::LatencySummary: {
        SqliteStatement &l = s.insertLatency;
        l.bind(1, sessionDate);
        l.bind(2, r.actionView());
        l.bind(3, r.time);
        l.bind(4, r.qty);
        for (int i = 0; i < 4; ++i)
            l.bind(5 + i, r.latencyNs[i]);
        return run(l);
    }
    case JournalRecord::Kind::ChecklistRun: {
        s.checklist = seq;
        SqliteStatement &c = s.insertChecklist;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, r.wallNs / 1'000'000);
        c.bind(5, r.actionView());
        c.bind(6, r.keyView());
        c.bind(7, r.actorView());
        c.bind(8, r.qty);
        c.bind(9, r.filledQty);
        c.bind(10, static_cast<std::int64_t>(r.orderId));
        c.bind(11, r.textView());
        s.detail =
            std::string(r.actionView()) + " checklist (" + std::string(r.keyView()) + "): " + std::string(r.textView());
        return run(c) && audit(r.actorView(), "checklist", s.detail);
    }
    case JournalRecord::Kind::ChecklistItem: {
        // text: measured, threshold and detail, separated by tabs
        const std::string_view text = r.textView();
        const std::size_t a = text.find('\t');
        const std::size_t b = a == std::string_view::npos ? a : text.find('\t', a + 1);
        SqliteStatement &c = s.insertChecklistItem;
        c.bind(1, s.checklist);
        c.bind(2, r.keyView());
        c.bind(3, r.actionView());
        c.bind(4, text.substr(0, a));
        c.bind(5, a == std::string_view::npos ? std::string_view("") : text.substr(a + 1, b - a - 1));
        c.bind(6, b == std::string_view::npos ? std::string_view("") : text.substr(b + 1));
        return run(c); // audited through the run's record, in the same transaction
    }
    case JournalRecord::Kind::IncidentOpened: {
        SqliteStatement &c = s.insertIncident;
        c.bind(1, seq);
        c.bind(2, sessionDate);
        c.bind(3, r.time);
        c.bind(4, r.wallNs / 1'000'000);
        c.bind(5, r.keyView());
        c.bind(6, r.qty);
        c.bind(7, r.textView());
        c.bind(8, r.actorView());
        if (r.orderId != 0)
            c.bind(9, static_cast<std::int64_t>(r.orderId));
        else
            c.bindNull(9);
        s.detail = "incident #" + std::to_string(seq) + " opened (" + std::string(r.keyView()) + ", level "
                   + std::to_string(r.qty) + "): " + std::string(r.textView());
        return run(c) && audit(r.actorView(), "incident", s.detail);
    }
    case JournalRecord::Kind::IncidentChange: {
        s.incidentValue += r.textView();
        if (!r.complete)
            return true; // more of the value follows in this group
        SqliteStatement &c = s.insertIncidentChange;
        c.bind(1, seq);
        c.bind(2, static_cast<std::int64_t>(r.orderId));
        c.bind(3, r.time);
        c.bind(4, r.wallNs / 1'000'000);
        c.bind(5, r.actorView());
        c.bind(6, r.actionView());
        c.bind(7, std::string_view(s.incidentValue));
        // The whole value is audited: the trail alone tells what the analysis said and when.
        s.detail =
            "incident #" + std::to_string(r.orderId) + " " + std::string(r.actionView()) + ": " + s.incidentValue;
        const bool written = run(c);
        s.incidentValue.clear();
        return written
               && audit(r.actorView(), r.actionView() == "sign_off" ? "incident sign-off" : "incident change",
                        s.detail);
    }
    case JournalRecord::Kind::Equity:
        s.insertEquity.bind(1, r.time);
        s.insertEquity.bind(2, r.amount);
        return run(s.insertEquity);
    case JournalRecord::Kind::Alert:
        s.insertAlert.bind(1, seq);
        s.insertAlert.bind(2, r.time);
        s.insertAlert.bind(3, r.actorView().empty() ? toString(r.reason) : r.actorView());
        s.insertAlert.bind(4, r.textView());
        s.insertAlert.bind(5, r.actionView().empty() ? std::string_view("critical") : r.actionView());
        return run(s.insertAlert)
               && audit(r.actorView().empty() ? std::string_view("system") : r.actorView(), "alert", r.textView());
    }
    return true;
}

} // namespace vigil
