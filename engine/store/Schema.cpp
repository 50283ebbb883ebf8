#include "store/Schema.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <vector>

namespace vigil {

namespace {

struct Migration {
    int version;            ///< user_version after it ran
    const char *statements; ///< separated by ';'
};

// Forward migrations, oldest first. Never edit one that has shipped: add the next.
const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> list = {
        {1, R"sql(
CREATE TABLE sessions (
    session_date TEXT PRIMARY KEY,
    starting_equity INTEGER NOT NULL,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER
);
CREATE TABLE orders (
    client_order_id TEXT PRIMARY KEY,
    session_date TEXT NOT NULL,
    order_number INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    type TEXT NOT NULL,
    qty INTEGER NOT NULL,
    limit_price INTEGER,
    status TEXT NOT NULL,
    filled_qty INTEGER NOT NULL,
    reject_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (session_date, order_number)
);
CREATE TABLE order_events (
    seq INTEGER PRIMARY KEY,
    client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
    at INTEGER NOT NULL,
    status TEXT NOT NULL,
    filled_qty INTEGER NOT NULL,
    reason TEXT
);
CREATE INDEX order_events_by_order ON order_events (client_order_id, seq);
CREATE TABLE fills (
    seq INTEGER NOT NULL UNIQUE,
    client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
    execution_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    qty INTEGER NOT NULL CHECK (qty > 0),
    price INTEGER NOT NULL,
    fee INTEGER NOT NULL,
    PRIMARY KEY (client_order_id, execution_id)
);
CREATE TABLE position_snapshots (
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    symbol TEXT NOT NULL,
    qty INTEGER NOT NULL,
    cost INTEGER NOT NULL,
    realized INTEGER NOT NULL,
    PRIMARY KEY (seq, strategy, symbol)
);
CREATE TABLE equity_curve (
    at INTEGER PRIMARY KEY,
    equity INTEGER NOT NULL
);
CREATE TABLE alerts (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    severity TEXT NOT NULL,
    source TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    previous_hash BLOB,
    hash BLOB NOT NULL
)
)sql"},
        // Version 2: restart and resume. Checkpoints anchor the books (a new day starts from
        // the last one instead of every fill ever made); the session remembers its seed so
        // that a resumed day continues the same market; restarts are recorded.
        {2, R"sql(
ALTER TABLE sessions ADD COLUMN seed INTEGER;
CREATE TABLE checkpoints (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('open', 'periodic', 'close')),
    base INTEGER NOT NULL,
    starting_equity INTEGER NOT NULL,
    high_water_mark INTEGER NOT NULL,
    max_drawdown INTEGER NOT NULL,
    books INTEGER NOT NULL
);
CREATE INDEX checkpoints_by_session ON checkpoints (session_date, seq);
ALTER TABLE position_snapshots ADD COLUMN checkpoint INTEGER REFERENCES checkpoints (seq);
ALTER TABLE position_snapshots ADD COLUMN fees INTEGER NOT NULL DEFAULT 0;
ALTER TABLE position_snapshots ADD COLUMN mark INTEGER NOT NULL DEFAULT 0;
CREATE INDEX position_snapshots_by_checkpoint ON position_snapshots (checkpoint);
CREATE INDEX orders_open ON orders (status, session_date);
CREATE TABLE restarts (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    unknown_orders INTEGER NOT NULL,
    fills_recovered INTEGER NOT NULL,
    detail TEXT NOT NULL
)
)sql"},
        // Version 3: controls. The trading state and stopped strategies survive a restart;
        // an order says whether the operator placed it (flatten, kill); the audit trail is
        // filled (hash-chained) and records the wall time as well as the engine's; a record
        // that stands for a transaction's orders and fills names the journal records it
        // covers and the digest of their rows.
        {3, R"sql(
CREATE TABLE trading_states (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    wall_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('ACTIVE', 'PAUSED', 'HALTED', 'KILLED', 'MAINTENANCE')),
    previous TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE strategy_controls (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    stopped INTEGER NOT NULL CHECK (stopped IN (0, 1)),
    actor TEXT NOT NULL,
    reason TEXT NOT NULL
);
ALTER TABLE orders ADD COLUMN origin TEXT NOT NULL DEFAULT 'strategy' CHECK (origin IN ('strategy', 'operator'));
ALTER TABLE audit ADD COLUMN wall_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN seq INTEGER;
ALTER TABLE audit ADD COLUMN covers_from INTEGER;
ALTER TABLE audit ADD COLUMN rows_hash BLOB
)sql"},
        // Version 4: reconciliation. Every run against the broker's statement with its
        // differences, and every resolution an operator chose.
        {4, R"sql(
CREATE TABLE reconciliations (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    wall_at INTEGER NOT NULL,
    started_by TEXT NOT NULL,
    actor TEXT NOT NULL,
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    positions_checked INTEGER NOT NULL,
    orders_checked INTEGER NOT NULL,
    differences INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE reconciliation_differences (
    run INTEGER NOT NULL REFERENCES reconciliations (seq),
    difference_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    symbol TEXT NOT NULL,
    internal_qty INTEGER NOT NULL,
    broker_qty INTEGER NOT NULL,
    internal_avg INTEGER NOT NULL,
    broker_avg INTEGER NOT NULL,
    PRIMARY KEY (run, difference_key)
);
CREATE TABLE reconciliation_resolutions (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    wall_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    difference_key TEXT NOT NULL,
    resolution TEXT NOT NULL CHECK (resolution IN ('adopt', 'flatten', 'cancel', 'accept', 'unblock')),
    note TEXT NOT NULL
)
)sql"},
        // Version 5: each order's quote mid when it was sent, so a fill's slippage can be
        // worked out from the journal (a day's report, a resumed session's statistics).
        {5, R"sql(
ALTER TABLE orders ADD COLUMN arrival_mid INTEGER
)sql"},
        // Version 6: the operator's day. The day's latency percentiles per path (rewritten at
        // every checkpoint, so a past day's report has them), and every checklist run with
        // each item's verdict, measured value and threshold.
        {6, R"sql(
CREATE TABLE latency_summaries (
    session_date TEXT NOT NULL,
    path TEXT NOT NULL CHECK (path IN ('feed', 'ack', 'tick_to_order')),
    at INTEGER NOT NULL,
    samples INTEGER NOT NULL,
    p50_ns INTEGER NOT NULL,
    p95_ns INTEGER NOT NULL,
    p99_ns INTEGER NOT NULL,
    max_ns INTEGER NOT NULL,
    PRIMARY KEY (session_date, path)
);
CREATE TABLE checklist_runs (
    seq INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    wall_at INTEGER NOT NULL,
    checklist TEXT NOT NULL CHECK (checklist IN ('premarket', 'eod')),
    started_by TEXT NOT NULL,
    actor TEXT NOT NULL,
    passed INTEGER NOT NULL,
    warned INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE checklist_items (
    run INTEGER NOT NULL REFERENCES checklist_runs (seq),
    item TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
    measured TEXT NOT NULL,
    threshold TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (run, item)
)
)sql"},
        // Version 7: a strategy source's own name for an order (a bot's client_order_id), so
        // that the bot finds its orders by it after a restart. NULL: the source named none.
        {7, R"sql(
ALTER TABLE orders ADD COLUMN source_ref TEXT
)sql"},
        // Version 8: incidents. Each incident as it was opened, and every change to it since
        // (an analysis field's new text, a note, an attached event, a higher level, the
        // sign-off): the incident as it stands is its changes applied in order.
        {8, R"sql(
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    session_date TEXT NOT NULL,
    at INTEGER NOT NULL,
    wall_at INTEGER NOT NULL,
    cause TEXT NOT NULL CHECK (cause IN ('kill', 'halt', 'broker', 'feed', 'storage', 'reconciliation', 'refusals', 'operator')),
    level INTEGER NOT NULL CHECK (level IN (2, 3)),
    title TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    alert INTEGER
);
CREATE TABLE incident_changes (
    seq INTEGER PRIMARY KEY,
    incident INTEGER NOT NULL REFERENCES incidents (id),
    at INTEGER NOT NULL,
    wall_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('summary', 'root_cause', 'contributing_factors', 'actions_taken', 'preventive_immediate', 'preventive_short_term', 'preventive_long_term', 'note', 'event', 'level', 'sign_off')),
    value TEXT NOT NULL
);
CREATE INDEX incident_changes_by_incident ON incident_changes (incident, seq)
)sql"},
    };
    return list;
}

QString lastError(const QSqlQuery &q) { return q.lastError().text(); }

} // namespace

QString openJournalDatabase(const QString &path, const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return QStringLiteral("cannot open the journal %1: %2").arg(path, db.lastError().text());
    QSqlQuery q(db);
    // WAL: readers (verify, reports) never block the writer. synchronous=FULL: a commit
    // returns only after the WAL is on stable storage, so it survives a power cut.
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()
        || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return QStringLiteral("journal %1: cannot switch to WAL mode: %2").arg(path, lastError(q));
    for (const char *pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return QStringLiteral("journal %1: %2 failed: %3").arg(path, QString::fromLatin1(pragma), lastError(q));
    }
    return {};
}

int journalSchemaVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QString migrateJournal(QSqlDatabase &db) { return migrateJournal(db, kJournalSchemaVersion); }

QString migrateJournal(QSqlDatabase &db, int version)
{
    const int current = journalSchemaVersion(db);
    const QString file = QFileInfo(db.databaseName()).fileName();
    if (current < 0)
        return QStringLiteral("journal %1: cannot read its schema version").arg(file);
    if (current > kJournalSchemaVersion)
        return QStringLiteral("journal %1 has schema version %2, newer than this build's %3: refusing to write to it; "
                              "use the Vigil that wrote it or a newer one")
            .arg(file)
            .arg(current)
            .arg(kJournalSchemaVersion);
    // Every pending step in one transaction: a journal is at its old version or at the
    // new one, never in between, whenever the process stops.
    if (current >= version)
        return {};
    if (!db.transaction())
        return QStringLiteral("journal %1: cannot begin the migration from version %2: %3")
            .arg(file)
            .arg(current)
            .arg(db.lastError().text());
    QSqlQuery q(db);
    for (const Migration &m : migrations()) {
        if (m.version <= current || m.version > version)
            continue;
        const QStringList statements = QString::fromUtf8(m.statements).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!q.exec(statement)) {
                const QString error = lastError(q);
                db.rollback();
                return QStringLiteral(
                           "journal %1: migration to version %2 failed: %3 (the journal is left at version %4)")
                    .arg(file)
                    .arg(m.version)
                    .arg(error)
                    .arg(current);
            }
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)) || !db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        return QStringLiteral("journal %1: migration to version %2 failed: %3 (the journal is left at version %4)")
            .arg(file)
            .arg(version)
            .arg(error)
            .arg(current);
    }
    return {};
}

} // namespace vigil
