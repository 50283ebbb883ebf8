#include "store/JournalWriter.h"

#include "store/Schema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <spdlog/spdlog.h>

#include <unordered_map>

namespace vigil {

namespace {
QString text(std::string_view v) { return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size())); }
QVariant money(Money m) { return QVariant::fromValue<qint64>(m.raw()); }
QVariant price(Price p) { return QVariant::fromValue<qint64>(p.raw()); }
QVariant integer(std::int64_t v) { return QVariant::fromValue<qint64>(v); }
}

/// Prepared statements and what the writer remembers between records. Store thread only.
struct JournalWriter::Statements {
    explicit Statements(const QSqlDatabase &db)
        : openSession(db), closeSession(db), insertOrder(db), updateOrder(db), insertOrderEvent(db), insertFill(db),
          insertPosition(db), insertEquity(db), insertAlert(db)
    {
    }
    QSqlQuery openSession;
    QSqlQuery closeSession;
    QSqlQuery insertOrder;
    QSqlQuery updateOrder;
    QSqlQuery insertOrderEvent;
    QSqlQuery insertFill;
    QSqlQuery insertPosition;
    QSqlQuery insertEquity;
    QSqlQuery insertAlert;
    std::unordered_map<OrderId, QString> clientOrderIds;
    QString sessionDate;
    // Names and enum texts made once: building a QString per field per row costs more than
    // SQLite's own insert.
    std::vector<QString> symbols;
    std::vector<QString> strategies;
    QString sides[2];
    QString types[2];
    QString statuses[8];
    QString reasons[11];
};

JournalWriter::JournalWriter(QString path, JournalNames names, JournalLimits limits)
    : m_path(std::move(path))
    , m_names(std::move(names))
    , m_limits(limits)
    , m_connectionName(QStringLiteral("vigil-journal-%1").arg(reinterpret_cast<quintptr>(this)))
{
}

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
    if (m_backlog.empty())
        return;
    std::size_t sent = 0;
    while (sent < m_backlog.size() && m_queue.tryPush(m_backlog[sent]))
        ++sent;
    m_backlog.erase(m_backlog.begin(), m_backlog.begin() + static_cast<std::ptrdiff_t>(sent));
    if (sent > 0)
        m_bell.ring();
}

void JournalWriter::append(JournalRecord record)
{
    flush(); // older records first: the backlog holds what did not fit before
    if (!m_backlog.empty() || !m_queue.tryPush(record))
        m_backlog.push_back(record);
    m_bell.ring();
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
            m_statements = std::make_unique<Statements>(db);
            Statements &s = *m_statements;
            for (const std::string &name : m_names.symbols)
                s.symbols.push_back(QString::fromStdString(name));
            for (const std::string &name : m_names.strategies)
                s.strategies.push_back(QString::fromStdString(name));
            for (int i = 0; i < 2; ++i) {
                s.sides[i] = text(toString(static_cast<Side>(i)));
                s.types[i] = text(toString(static_cast<OrderType>(i)));
            }
            for (int i = 0; i < 8; ++i)
                s.statuses[i] = text(toString(static_cast<OrderStatus>(i)));
            for (int i = 0; i < 11; ++i)
                s.reasons[i] = text(toString(static_cast<RejectReason>(i)));
            bool ok = s.openSession.prepare(QStringLiteral(
                          "INSERT OR IGNORE INTO sessions (session_date, starting_equity, opened_at) VALUES (?, ?, ?)"))
                && s.closeSession.prepare(QStringLiteral("UPDATE sessions SET closed_at = ? WHERE session_date = ?"))
                && s.insertOrder.prepare(QStringLiteral(
                    "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, side, type, qty, "
                    "limit_price, status, filled_qty, reject_reason, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)"))
                && s.updateOrder.prepare(QStringLiteral(
                    "UPDATE orders SET status = ?, filled_qty = ?, reject_reason = ?, updated_at = ? "
                    "WHERE client_order_id = ?"))
                && s.insertOrderEvent.prepare(QStringLiteral(
                    "INSERT INTO order_events (seq, client_order_id, at, status, filled_qty, reason) VALUES (?, ?, ?, ?, ?, ?)"))
                && s.insertFill.prepare(QStringLiteral(
                    "INSERT OR IGNORE INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, qty, price, "
                    "fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                && s.insertPosition.prepare(QStringLiteral(
                    "INSERT INTO position_snapshots (seq, at, strategy, symbol, qty, cost, realized) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)"))
                && s.insertEquity.prepare(QStringLiteral("INSERT OR REPLACE INTO equity_curve (at, equity) VALUES (?, ?)"))
                && s.insertAlert.prepare(QStringLiteral(
                    "INSERT INTO alerts (seq, at, severity, source, message) VALUES (?, ?, ?, ?, ?)"));
            if (!ok)
                error = QStringLiteral("journal %1: cannot prepare statements: %2").arg(m_path, db.lastError().text());
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

    std::vector<JournalRecord> batch(4096);
    while (true) {
        const std::size_t n = m_queue.popBatch(batch.data(), batch.size());
        if (n == 0) {
            if (m_stopping.load())
                break;
            m_bell.sleepUntil([this] { return !m_queue.empty() || m_stopping.load(); }, std::chrono::milliseconds(50));
            continue;
        }
        if (failed())
            continue; // the journal is consistent up to the failure; nothing after it is written
        QString error;
        if (!writeBatch(batch.data(), n, error)) {
            fail(error);
            continue;
        }
        m_durableSeq.store(batch[n - 1].seq, std::memory_order_release);
        m_lastCommitWallNs.store(wallNowNs(), std::memory_order_relaxed);
        if (m_commitHook)
            m_commitHook(batch[n - 1].seq);
    }
    m_statements.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool JournalWriter::writeBatch(const JournalRecord *records, std::size_t count, QString &error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        error = QStringLiteral("cannot begin a transaction: %1").arg(db.lastError().text());
        return false;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (!write(records[i], error)) {
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        error = QStringLiteral("commit failed: %1").arg(db.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

bool JournalWriter::write(const JournalRecord &r, QString &error)
{
    Statements &s = *m_statements;
    auto run = [&](QSqlQuery &q, std::initializer_list<QVariant> values) {
        int i = 0;
        for (const QVariant &v : values)
            q.bindValue(i++, v);
        if (q.exec())
            return true;
        error = QStringLiteral("writing record %1 failed: %2").arg(r.seq).arg(q.lastError().text());
        return false;
    };
    auto strategyName = [&](StrategyId id) { return id < s.strategies.size() ? s.strategies[id] : QStringLiteral("operator"); };
    auto symbolName = [&](SymbolId id) { return s.symbols.at(id); };
    auto sideText = [&](Side v) { return s.sides[static_cast<int>(v)]; };
    auto typeText = [&](OrderType v) { return s.types[static_cast<int>(v)]; };
    auto statusText = [&](OrderStatus v) { return s.statuses[static_cast<int>(v)]; };
    auto reasonText = [&](RejectReason v) { return s.reasons[static_cast<int>(v)]; };
    auto clientId = [&](OrderId id) -> QString {
        const auto it = s.clientOrderIds.find(id);
        return it == s.clientOrderIds.end() ? QString() : it->second;
    };

    switch (r.kind) {
    case JournalRecord::Kind::SessionOpened:
        s.sessionDate = text(r.textView());
        return run(s.openSession, {s.sessionDate, money(r.amount), integer(r.time)});
    case JournalRecord::Kind::SessionClosed:
        return run(s.closeSession, {integer(r.time), s.sessionDate});
    case JournalRecord::Kind::OrderCreated: {
        const QString id = text(r.textView());
        s.clientOrderIds[r.orderId] = id;
        return run(s.insertOrder,
                   {id, s.sessionDate, integer(static_cast<std::int64_t>(r.orderId)), strategyName(r.strategy),
                    symbolName(r.symbol), sideText(r.side), typeText(r.type), integer(r.qty),
                    r.type == OrderType::Limit ? price(r.price) : QVariant(), statusText(r.status),
                    integer(r.time), integer(r.time)})
            && run(s.insertOrderEvent, {integer(static_cast<std::int64_t>(r.seq)), id, integer(r.time),
                                        statusText(r.status), integer(0), QVariant()});
    }
    case JournalRecord::Kind::OrderChanged: {
        const QString id = clientId(r.orderId);
        const QVariant reason = r.reason == RejectReason::None ? QVariant() : QVariant(reasonText(r.reason));
        return run(s.updateOrder, {statusText(r.status), integer(r.filledQty), reason, integer(r.time), id})
            && run(s.insertOrderEvent, {integer(static_cast<std::int64_t>(r.seq)), id, integer(r.time),
                                        statusText(r.status), integer(r.filledQty), reason});
    }
    case JournalRecord::Kind::Fill:
        return run(s.insertFill, {integer(static_cast<std::int64_t>(r.seq)), clientId(r.orderId),
                                  QString::number(r.executionId), integer(r.time), strategyName(r.strategy),
                                  symbolName(r.symbol), sideText(r.side), integer(r.qty), price(r.price),
                                  money(r.amount)});
    case JournalRecord::Kind::Position:
        return run(s.insertPosition, {integer(static_cast<std::int64_t>(r.seq)), integer(r.time), strategyName(r.strategy),
                                      symbolName(r.symbol), integer(r.qty), money(r.amount), money(r.realized)});
    case JournalRecord::Kind::Equity:
        return run(s.insertEquity, {integer(r.time), money(r.amount)});
    case JournalRecord::Kind::Alert:
        return run(s.insertAlert, {integer(static_cast<std::int64_t>(r.seq)), integer(r.time), QStringLiteral("critical"),
                                   reasonText(r.reason), text(r.textView())});
    }
    return true;
}

} // namespace vigil
