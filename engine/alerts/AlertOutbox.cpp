#include "alerts/AlertOutbox.h"

#include <sqlite3.h>

#include <chrono>

namespace vigil {

namespace {
constexpr const char *kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    alert_id INTEGER NOT NULL,
    severity TEXT NOT NULL,
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    clock TEXT NOT NULL,
    count INTEGER NOT NULL,
    raised_ns INTEGER NOT NULL,
    note TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    settled_ns INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (state) WHERE state = 'pending';
)sql";

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}
}

std::string_view toString(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Pending: return "pending";
    case DeliveryState::Delivered: return "delivered";
    case DeliveryState::Failed: return "failed";
    case DeliveryState::Dropped: return "dropped";
    }
    return "pending";
}

AlertOutbox::~AlertOutbox()
{
    if (m_inTransaction)
        commit();
    if (m_db) // the statements are finalized after this; close_v2 waits for them
        sqlite3_close_v2(m_db);
}

std::string AlertOutbox::open(const std::string &path)
{
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr)
        != SQLITE_OK) {
        std::string why = "cannot open " + path + ": " + sqliteFailure(m_db, FullMeans::Disk);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return why;
    }
    sqlite3_busy_timeout(m_db, 2'000);
    // WAL with NORMAL sync: a row survives the process's crash (what the outbox is for); a
    // power cut may lose the last rows, which the journal still holds as alerts.
    char *message = nullptr;
    const std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;") + kSchema;
    if (sqlite3_exec(m_db, setup.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string why = "cannot set up " + path + ": " + (message ? message : "?");
        sqlite3_free(message);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return why;
    }
    if (!m_insert.prepare(m_db, "INSERT INTO outbox (channel, alert_id, severity, source, message, clock, count, "
                                "raised_ns, note, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending')")
        || !m_update.prepare(m_db, "UPDATE outbox SET state = ?2, attempts = ?3, last_error = ?4, settled_ns = ?5 "
                                   "WHERE id = ?1"))
        return "cannot prepare " + path + ": " + sqliteFailure(m_db, FullMeans::Disk);
    return {};
}

void AlertOutbox::begin()
{
    if (m_db && !m_inTransaction)
        m_inTransaction = sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
}

void AlertOutbox::commit()
{
    if (m_db && m_inTransaction && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        m_error = sqliteFailure(m_db, FullMeans::Disk);
    m_inTransaction = false;
}

std::int64_t AlertOutbox::add(AlertChannelKind channel, const OutgoingAlert &alert)
{
    if (!m_db)
        return 0;
    const std::string_view severity = toString(alert.severity);
    m_insert.bind(1, toString(channel));
    m_insert.bind(2, static_cast<std::int64_t>(alert.id));
    m_insert.bind(3, severity);
    m_insert.bind(4, alert.source);
    m_insert.bind(5, alert.message);
    m_insert.bind(6, alert.clock);
    m_insert.bind(7, static_cast<std::int64_t>(alert.count));
    m_insert.bind(8, alert.raisedNs);
    m_insert.bind(9, alert.note);
    if (!m_insert.run(m_error))
        return 0;
    return sqlite3_last_insert_rowid(m_db);
}

void AlertOutbox::settle(std::int64_t row, DeliveryState state, int attempts, const std::string &error)
{
    if (!m_db || row == 0)
        return;
    m_update.bind(1, row);
    m_update.bind(2, toString(state));
    m_update.bind(3, std::int64_t{attempts});
    m_update.bind(4, error);
    m_update.bind(5, nowNs());
    m_update.run(m_error);
}

std::vector<AlertOutbox::Row> AlertOutbox::pending()
{
    std::vector<Row> rows;
    if (!m_db)
        return rows;
    SqliteStatement q;
    if (!q.prepare(m_db, "SELECT id, channel, alert_id, severity, source, message, clock, count, raised_ns, note, "
                         "attempts FROM outbox WHERE state = 'pending' ORDER BY id"))
        return rows;
    while (q.next()) {
        Row r;
        r.id = q.integer(0);
        r.channel = q.text(1) == "email" ? AlertChannelKind::Email : AlertChannelKind::Webhook;
        r.alert.id = static_cast<std::uint64_t>(q.integer(2));
        r.alert.severity = alertSeverityFromText(q.text(3)).value_or(AlertSeverity::Critical);
        r.alert.source = q.text(4);
        r.alert.message = q.text(5);
        r.alert.clock = q.text(6);
        r.alert.count = static_cast<std::uint32_t>(q.integer(7));
        r.alert.raisedNs = q.integer(8);
        r.alert.note = q.text(9);
        r.attempts = static_cast<int>(q.integer(10));
        rows.push_back(std::move(r));
    }
    q.reset();
    return rows;
}

std::int64_t AlertOutbox::count(DeliveryState state)
{
    if (!m_db)
        return 0;
    SqliteStatement q;
    if (!q.prepare(m_db, "SELECT COUNT(*) FROM outbox WHERE state = ?1"))
        return 0;
    q.bind(1, toString(state));
    const std::int64_t n = q.next() ? q.integer(0) : 0;
    q.reset();
    return n;
}

} // namespace vigil
