#include "sim/PaperBrokerStore.h"

#include "store/SqliteStatement.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

namespace vigil {

namespace {

constexpr int kStoreSchemaVersion = 1;

constexpr const char *kSchema = R"sql(
CREATE TABLE IF NOT EXISTS account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cash INTEGER NOT NULL,
    last_execution_id INTEGER NOT NULL,
    duplicate_client_ids INTEGER NOT NULL,
    session_date TEXT NOT NULL,
    clock INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    client_order_id TEXT PRIMARY KEY,
    session_date TEXT NOT NULL,
    order_number INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    type TEXT NOT NULL,
    qty INTEGER NOT NULL,
    limit_price INTEGER,
    filled_qty INTEGER NOT NULL,
    status TEXT NOT NULL,
    reject_reason TEXT,
    fee_charged INTEGER NOT NULL,
    submitted_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_session ON orders (session_date, order_number);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (status);
CREATE TABLE IF NOT EXISTS executions (
    execution_id INTEGER PRIMARY KEY,
    client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
    at INTEGER NOT NULL,
    qty INTEGER NOT NULL CHECK (qty > 0),
    price INTEGER NOT NULL,
    fee INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS executions_by_order ON executions (client_order_id, execution_id);
CREATE TABLE IF NOT EXISTS positions (
    symbol TEXT PRIMARY KEY,
    qty INTEGER NOT NULL,
    cost INTEGER NOT NULL,
    realized INTEGER NOT NULL,
    fees INTEGER NOT NULL
)
)sql";

constexpr const char *kOrderColumns =
    "client_order_id, session_date, order_number, symbol, side, type, qty, limit_price, filled_qty, status, "
    "reject_reason, fee_charged, submitted_at, updated_at";

BrokerOrder orderFromRow(const SqliteStatement &q)
{
    BrokerOrder o;
    o.clientOrderId = q.text(0);
    o.sessionDate = q.text(1);
    o.number = static_cast<OrderId>(q.integer(2));
    o.symbol = q.text(3);
    o.side = q.text(4) == "sell" ? Side::Sell : Side::Buy;
    o.type = q.text(5) == "limit" ? OrderType::Limit : OrderType::Market;
    o.qty = q.integer(6);
    o.limitPrice = Price::fromRaw(q.isNull(7) ? 0 : q.integer(7));
    o.filledQty = q.integer(8);
    o.status = q.text(9);
    o.reason = q.isNull(10) ? RejectReason::None : rejectReasonFromText(q.text(10));
    o.feeCharged = q.integer(11) != 0;
    o.submittedAt = q.integer(12);
    o.updatedAt = q.integer(13);
    return o;
}

} // namespace

std::string_view brokerStatusText(bool rejected, bool cancelled, bool expired, Quantity filled, Quantity qty)
{
    if (rejected)
        return "rejected";
    if (filled == qty)
        return "filled";
    if (cancelled)
        return "cancelled";
    if (expired)
        return "expired";
    return filled > 0 ? "partially_filled" : "accepted";
}

struct PaperBrokerStore::Statements {
    SqliteStatement begin, commit, rollback, upsertOrder, insertExecution, upsertPosition, upsertAccount;
};

PaperBrokerStore::PaperBrokerStore() = default;

PaperBrokerStore::~PaperBrokerStore()
{
    m_statements.reset();
    if (m_db)
        sqlite3_close(m_db);
}

std::string PaperBrokerStore::error(const char *what) const
{
    // This file sets no page limit: FULL can only mean the disk.
    return "paper broker file " + m_path + ": " + what + ": " + sqliteFailure(m_db, FullMeans::Disk);
}

std::string PaperBrokerStore::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return {};
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return "paper broker file " + m_path + ": " + text;
}

std::string PaperBrokerStore::open(const std::string &path)
{
    m_path = path;
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr)
        != SQLITE_OK)
        return error("cannot open");
    sqlite3_busy_timeout(m_db, 5000);
    if (std::string e = exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"); !e.empty())
        return e;
    SqliteStatement version;
    if (!version.prepare(m_db, "PRAGMA user_version") || !version.next())
        return error("cannot read its schema version");
    const std::int64_t current = version.integer(0);
    version.reset();
    if (current > kStoreSchemaVersion)
        return "paper broker file " + m_path + " has schema version " + std::to_string(current)
               + ", newer than this build's " + std::to_string(kStoreSchemaVersion) + ": refusing to use it";
    if (current < kStoreSchemaVersion) {
        const std::string script = std::string("BEGIN;") + kSchema
                                   + ";PRAGMA user_version=" + std::to_string(kStoreSchemaVersion) + ";COMMIT;";
        if (std::string e = exec(script.c_str()); !e.empty()) {
            exec("ROLLBACK");
            return e;
        }
    }
    m_statements = std::make_unique<Statements>();
    Statements &s = *m_statements;
    const std::string upsertOrder =
        std::string("INSERT INTO orders (") + kOrderColumns
        + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (client_order_id) DO "
          "UPDATE SET filled_qty = ?9, status = ?10, reject_reason = ?11, fee_charged = ?12, updated_at = ?14";
    const bool ok =
        s.begin.prepare(m_db, "BEGIN") && s.commit.prepare(m_db, "COMMIT") && s.rollback.prepare(m_db, "ROLLBACK")
        && s.upsertOrder.prepare(m_db, upsertOrder.c_str())
        && s.insertExecution.prepare(m_db, "INSERT INTO executions (execution_id, client_order_id, at, qty, price, "
                                           "fee) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        && s.upsertPosition.prepare(
            m_db, "INSERT INTO positions (symbol, qty, cost, realized, fees) VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (symbol) DO UPDATE SET qty = ?2, cost = ?3, realized = ?4, fees = ?5")
        && s.upsertAccount.prepare(
            m_db, "INSERT INTO account (id, cash, last_execution_id, duplicate_client_ids, session_date, clock) "
                  "VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET cash = ?1, last_execution_id = ?2, "
                  "duplicate_client_ids = ?3, session_date = ?4, clock = ?5");
    if (!ok)
        return error("cannot prepare statements");
    return {};
}

std::string PaperBrokerStore::loadAccount(Money startingCash, BrokerAccount &out)
{
    out = BrokerAccount{};
    SqliteStatement q;
    if (!q.prepare(m_db, "SELECT cash, last_execution_id, duplicate_client_ids, session_date, clock FROM account"))
        return error("cannot read the account");
    if (q.next()) {
        out.fresh = false;
        out.cash = Money::fromRaw(q.integer(0));
        out.lastExecutionId = static_cast<std::uint64_t>(q.integer(1));
        out.duplicateClientIds = static_cast<std::uint64_t>(q.integer(2));
        out.sessionDate = q.text(3);
        out.clock = q.integer(4);
    } else {
        out.cash = startingCash;
    }
    q.reset();
    SqliteStatement p;
    if (!p.prepare(m_db, "SELECT symbol, qty, cost, realized, fees FROM positions"))
        return error("cannot read the positions");
    while (p.next()) {
        Book b;
        b.qty = p.integer(1);
        b.cost = Money::fromRaw(p.integer(2));
        b.realized = Money::fromRaw(p.integer(3));
        b.fees = Money::fromRaw(p.integer(4));
        out.positions[p.text(0)] = b;
    }
    p.reset();
    return {};
}

std::string PaperBrokerStore::readOrders(const char *where, const std::string &sessionDate,
                                         std::vector<BrokerOrder> &out)
{
    out.clear();
    SqliteStatement q;
    const std::string sql = std::string("SELECT ") + kOrderColumns + " FROM orders WHERE " + where;
    if (!q.prepare(m_db, sql.c_str()))
        return error("cannot read orders");
    q.bind(1, sessionDate);
    while (q.next())
        out.push_back(orderFromRow(q));
    q.reset();
    return {};
}

std::string PaperBrokerStore::ordersOf(const std::string &sessionDate, std::vector<BrokerOrder> &out)
{
    if (std::string e = readOrders("session_date = ?1 ORDER BY order_number, client_order_id", sessionDate, out);
        !e.empty())
        return e;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < out.size(); ++i)
        index[out[i].clientOrderId] = i;
    SqliteStatement e;
    if (!e.prepare(m_db, "SELECT e.client_order_id, e.execution_id, e.at, e.qty, e.price, e.fee FROM executions e "
                         "JOIN orders o USING (client_order_id) WHERE o.session_date = ?1 ORDER BY e.execution_id"))
        return error("cannot read executions");
    e.bind(1, sessionDate);
    while (e.next()) {
        const auto it = index.find(e.text(0));
        if (it == index.end())
            continue;
        out[it->second].executions.push_back({static_cast<std::uint64_t>(e.integer(1)), e.integer(2), e.integer(3),
                                              Price::fromRaw(e.integer(4)), Money::fromRaw(e.integer(5))});
    }
    e.reset();
    return {};
}

std::string PaperBrokerStore::staleWorkingOrders(const std::string &sessionDate, std::vector<BrokerOrder> &out)
{
    return readOrders("status IN ('accepted', 'partially_filled') AND session_date != ?1", sessionDate, out);
}

std::string PaperBrokerStore::begin()
{
    std::string e;
    return m_statements->begin.run(e) ? std::string() : error("cannot begin a transaction");
}

std::string PaperBrokerStore::commit()
{
    std::string e;
    if (m_statements->commit.run(e))
        return {};
    const std::string message = error("commit failed");
    rollback();
    return message;
}

std::string PaperBrokerStore::syncCommitted() const
{
    // Through a descriptor of our own: the venue thread owns the connection, and a sync of
    // the file's inode covers whatever any descriptor wrote. No WAL: every commit is in the
    // database file, which SQLite synced when it checkpointed the WAL away.
    const std::string wal = m_path + "-wal";
    const int fd = ::open(wal.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? std::string() : "paper broker file " + wal + ": cannot open: " + std::strerror(errno);
    const bool synced = ::fdatasync(fd) == 0;
    const int error = errno;
    ::close(fd);
    return synced ? std::string() : "paper broker file " + wal + ": sync failed: " + std::strerror(error);
}

void PaperBrokerStore::rollback()
{
    std::string ignored;
    m_statements->rollback.run(ignored);
}

std::string PaperBrokerStore::saveOrder(const BrokerOrder &o)
{
    SqliteStatement &s = m_statements->upsertOrder;
    s.bind(1, o.clientOrderId);
    s.bind(2, o.sessionDate);
    s.bind(3, static_cast<std::int64_t>(o.number));
    s.bind(4, o.symbol);
    s.bind(5, toString(o.side));
    s.bind(6, toString(o.type));
    s.bind(7, o.qty);
    if (o.type == OrderType::Limit)
        s.bind(8, o.limitPrice);
    else
        s.bindNull(8);
    s.bind(9, o.filledQty);
    s.bind(10, o.status);
    if (o.reason == RejectReason::None)
        s.bindNull(11);
    else
        s.bind(11, toString(o.reason));
    s.bind(12, std::int64_t{o.feeCharged ? 1 : 0});
    s.bind(13, o.submittedAt);
    s.bind(14, o.updatedAt);
    std::string e;
    return s.run(e) ? std::string() : "paper broker file " + m_path + ": order " + o.clientOrderId + ": " + e;
}

std::string PaperBrokerStore::saveExecution(const std::string &clientOrderId, const BrokerOrder::Execution &x)
{
    SqliteStatement &s = m_statements->insertExecution;
    s.bind(1, static_cast<std::int64_t>(x.id));
    s.bind(2, clientOrderId);
    s.bind(3, x.at);
    s.bind(4, x.qty);
    s.bind(5, x.price);
    s.bind(6, x.fee);
    std::string e;
    return s.run(e) ? std::string() : "paper broker file " + m_path + ": execution " + std::to_string(x.id) + ": " + e;
}

std::string PaperBrokerStore::savePosition(const std::string &symbol, const Book &b)
{
    SqliteStatement &s = m_statements->upsertPosition;
    s.bind(1, symbol);
    s.bind(2, b.qty);
    s.bind(3, b.cost);
    s.bind(4, b.realized);
    s.bind(5, b.fees);
    std::string e;
    return s.run(e) ? std::string() : "paper broker file " + m_path + ": position " + symbol + ": " + e;
}

std::string PaperBrokerStore::saveAccount(const BrokerAccount &a)
{
    SqliteStatement &s = m_statements->upsertAccount;
    s.bind(1, a.cash);
    s.bind(2, static_cast<std::int64_t>(a.lastExecutionId));
    s.bind(3, static_cast<std::int64_t>(a.duplicateClientIds));
    s.bind(4, a.sessionDate);
    s.bind(5, a.clock);
    std::string e;
    return s.run(e) ? std::string() : "paper broker file " + m_path + ": account: " + e;
}

} // namespace vigil
