#include "api/AuditChain.h"

#include "store/AuditHash.h"

#include <QCryptographicHash>
#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>
#include <map>

namespace vigil {

namespace {
/// A read-only connection that closes itself.
class ReadConnection {
public:
    explicit ReadConnection(const QString &path)
        : m_name(QStringLiteral("vigil-audit-%1").arg(reinterpret_cast<quintptr>(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!QFileInfo::exists(path))
            m_error = QStringLiteral("%1: no such journal").arg(path);
        else if (!db.open())
            m_error = QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text());
    }
    ~ReadConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    const QString &error() const { return m_error; }

private:
    QString m_name;
    QString m_error;
};

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
}

namespace {
/// Which audit anchors name which records, for the walk along the chain.
class AnchorBook {
public:
    explicit AnchorBook(const std::vector<AuditAnchor> &anchors)
    {
        for (const AuditAnchor &a : anchors) {
            const std::size_t i = m_outcomes.size();
            m_outcomes.push_back({a, false, {}});
            if (!a.problem.isEmpty())
                m_outcomes.back().outcome = a.problem;
            else if (a.id > 0)
                m_byId.emplace(a.id, i);
            else
                m_byHash.emplace(a.hash, i);
        }
    }
    /// Record `id`, which holds, has `hash`.
    void see(std::int64_t id, const QByteArray &hash)
    {
        for (auto [it, end] = m_byId.equal_range(id); it != end; ++it) {
            AnchorOutcome &o = m_outcomes[it->second];
            o.holds = o.anchor.hash == hash;
            o.outcome = o.holds
                            ? QStringLiteral("holds")
                            : QStringLiteral("REWRITTEN: the chain's record %1 has hash %2, the anchor says %3")
                                  .arg(id)
                                  .arg(QString::fromLatin1(hash.toHex()), QString::fromLatin1(o.anchor.hash.toHex()));
        }
        for (auto [it, end] = m_byHash.equal_range(hash); it != end; ++it) {
            AnchorOutcome &o = m_outcomes[it->second];
            o.holds = true;
            o.outcome = QStringLiteral("holds (record %1)").arg(id);
        }
    }
    /// The walk ended after record `head` (`brokenAt`: at the first record that does not hold).
    std::vector<AnchorOutcome> finish(std::int64_t head, std::int64_t brokenAt)
    {
        for (AnchorOutcome &o : m_outcomes) {
            if (!o.outcome.isEmpty())
                continue;
            if (brokenAt > 0)
                o.outcome = QStringLiteral("not checked: the chain breaks at record %1 first").arg(brokenAt);
            else if (o.anchor.id > 0)
                o.outcome = QStringLiteral("SHORTENED: the chain ends at record %1, the anchor names record %2")
                                .arg(head)
                                .arg(o.anchor.id);
            else
                o.outcome = QStringLiteral("NOT FOUND: no record of the chain (1 to %1) has this hash").arg(head);
        }
        for (AnchorOutcome &o : m_outcomes)
            if (!o.holds && !o.anchor.rewoundBy.isEmpty())
                o.outcome +=
                    QStringLiteral(" (expected: %1 replaced the journal it was taken from)").arg(o.anchor.rewoundBy);
        return std::move(m_outcomes);
    }

private:
    std::vector<AnchorOutcome> m_outcomes;
    std::multimap<std::int64_t, std::size_t> m_byId;
    std::multimap<QByteArray, std::size_t> m_byHash;
};

constexpr int kFindingsListed = 20; ///< findings of one kind named one by one; the rest counted

/// Every order event and fill in exactly one covered range, given in journal order (the
/// chain holds, so they do not overlap). Rows older than both the first audit record and
/// the first range were written before the audit trail existed.
void checkCoverage(QSqlDatabase db, const std::vector<std::pair<std::int64_t, std::int64_t>> &ranges,
                   std::int64_t auditStart, AuditCheck &check)
{
    for (const char *table : {"order_events", "fills"}) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT seq FROM %1 ORDER BY seq").arg(QLatin1String(table)))) {
            check.findings << QStringLiteral("cannot read %1: %2").arg(QLatin1String(table), q.lastError().text());
            continue;
        }
        std::size_t r = 0;
        int uncovered = 0;
        while (q.next()) {
            const std::int64_t seq = q.value(0).toLongLong();
            if (seq >= 1 && seq < auditStart) {
                ++check.rowsBeforeAudit;
                continue;
            }
            while (r < ranges.size() && ranges[r].second < seq)
                ++r;
            if (r < ranges.size() && ranges[r].first <= seq) {
                ++check.coveredRows;
                continue;
            }
            if (++uncovered <= kFindingsListed)
                check.findings << QStringLiteral("%1 row of journal record %2 lies in no audit record's range "
                                                 "(added after the fact, or the record that covered it was deleted)")
                                      .arg(QLatin1String(table))
                                      .arg(seq);
        }
        if (uncovered > kFindingsListed)
            check.findings << QStringLiteral("... and %1 more %2 rows no audit record covers")
                                  .arg(uncovered - kFindingsListed)
                                  .arg(QLatin1String(table));
    }
}

/// Each order's current-state columns are what its last order event says: the events are
/// covered by the chain, the orders row is rewritten in place and is not.
void checkOrderStates(QSqlDatabase db, std::int64_t auditStart, AuditCheck &check)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT o.client_order_id, o.status, o.filled_qty, o.reject_reason, o.updated_at, e.seq, e.status, "
            "e.filled_qty, e.reason, e.at FROM orders o LEFT JOIN order_events e ON e.seq = "
            "(SELECT MAX(x.seq) FROM order_events x WHERE x.client_order_id = o.client_order_id)"))) {
        check.findings << QStringLiteral("cannot read orders: %1").arg(q.lastError().text());
        return;
    }
    int changed = 0;
    auto finding = [&](const QString &text) {
        if (++changed <= kFindingsListed)
            check.findings << text;
    };
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (q.value(5).isNull()) {
            finding(QStringLiteral("order %1 has no order event: no audit record covers it (added after the fact)")
                        .arg(id));
            continue;
        }
        const std::int64_t seq = q.value(5).toLongLong();
        if (seq < auditStart)
            continue; // its history ends before the audit trail began
        ++check.ordersChecked;
        const struct {
            const char *column;
            int mine, event;
        } pairs[] = {{"status", 1, 6}, {"filled_qty", 2, 7}, {"reject_reason", 3, 8}, {"updated_at", 4, 9}};
        for (const auto &p : pairs) {
            const QVariant mine = q.value(p.mine), event = q.value(p.event);
            if (mine.isNull() == event.isNull() && mine.toString() == event.toString())
                continue;
            finding(QStringLiteral("order %1: orders.%2 is '%3' but its last order event (journal record %4) says "
                                   "'%5' (changed after the fact)")
                        .arg(id, QLatin1String(p.column), mine.isNull() ? QStringLiteral("NULL") : mine.toString())
                        .arg(seq)
                        .arg(event.isNull() ? QStringLiteral("NULL") : event.toString()));
        }
    }
    if (changed > kFindingsListed)
        check.findings << QStringLiteral("... and %1 more orders whose state does not match their last event")
                              .arg(changed - kFindingsListed);
}
} // namespace

AuditCheck verifyAudit(const QString &path, const std::vector<AuditAnchor> &anchors)
{
    AuditCheck check;
    AnchorBook book(anchors);
    ReadConnection connection(path);
    if (!connection.error().isEmpty()) {
        check.problem = connection.error();
        check.anchors = book.finish(0, 0);
        return check;
    }
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    QSqlQuery events(connection.db());
    QSqlQuery fills(connection.db());
    events.setForwardOnly(true);
    fills.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, at, wall_at, actor, action, detail, previous_hash, hash, covers_from, seq, "
                               "rows_hash FROM audit ORDER BY id"))
        || !events.prepare(QStringLiteral(
            "SELECT e.seq, e.client_order_id, e.at, e.status, e.filled_qty, e.reason, o.strategy, o.symbol, o.side, "
            "o.type, o.qty, o.limit_price, o.session_date, o.order_number, o.created_at, o.origin, o.arrival_mid, "
            "(SELECT MIN(f.seq) FROM order_events f WHERE f.client_order_id = e.client_order_id) = e.seq "
            "FROM order_events e JOIN orders o ON o.client_order_id = e.client_order_id "
            "WHERE e.seq BETWEEN ? AND ? ORDER BY e.seq"))
        || !fills.prepare(QStringLiteral("SELECT seq, client_order_id, execution_id, at, strategy, symbol, side, qty, "
                                         "price, fee FROM fills WHERE seq BETWEEN ? AND ? ORDER BY seq"))) {
        check.problem = QStringLiteral("%1: cannot read the audit trail: %2").arg(path, q.lastError().text());
        check.anchors = book.finish(0, 0);
        return check;
    }
    auto text = [](const QVariant &v) { return v.toString().toUtf8(); };
    auto view = [](const QByteArray &b) { return std::string_view(b.constData(), static_cast<std::size_t>(b.size())); };
    // The digest of the order events and fills that records `from` .. `to` left in the tables.
    auto digestOf = [&](std::int64_t from, std::int64_t to, int version, std::int64_t &rows, QString &error) {
        TradeRowsDigest digest(version);
        events.addBindValue(static_cast<qlonglong>(from));
        events.addBindValue(static_cast<qlonglong>(to));
        fills.addBindValue(static_cast<qlonglong>(from));
        fills.addBindValue(static_cast<qlonglong>(to));
        if (!events.exec() || !fills.exec()) {
            error = events.lastError().isValid() ? events.lastError().text() : fills.lastError().text();
            return QByteArray();
        }
        while (events.next()) {
            const QByteArray id = text(events.value(1)), status = text(events.value(3)), reason = text(events.value(5)),
                             strategy = text(events.value(6)), symbol = text(events.value(7)),
                             side = text(events.value(8)), type = text(events.value(9)),
                             session = text(events.value(12)), origin = text(events.value(15));
            const QVariant limit = events.value(11), mid = events.value(16);
            const OrderHeader header{view(session), events.value(13).toLongLong(), events.value(14).toLongLong(),
                                     view(origin),
                                     mid.isNull() ? std::nullopt : std::optional<std::int64_t>(mid.toLongLong())};
            digest.addOrderEvent(events.value(0).toLongLong(), view(id), events.value(2).toLongLong(), view(status),
                                 events.value(4).toLongLong(), view(reason), view(strategy), view(symbol), view(side),
                                 view(type), events.value(10).toLongLong(),
                                 limit.isNull() ? std::nullopt : std::optional<std::int64_t>(limit.toLongLong()),
                                 events.value(17).toInt() == 1 ? &header : nullptr);
        }
        while (fills.next()) {
            const QByteArray id = text(fills.value(1)), execution = text(fills.value(2)),
                             strategy = text(fills.value(4)), symbol = text(fills.value(5)),
                             side = text(fills.value(6));
            digest.addFill(fills.value(0).toLongLong(), view(id), view(execution), fills.value(3).toLongLong(),
                           view(strategy), view(symbol), view(side), fills.value(7).toLongLong(),
                           fills.value(8).toLongLong(), fills.value(9).toLongLong());
        }
        rows = digest.events() + digest.fills();
        return digest.take();
    };
    QByteArray previous;
    std::int64_t expectedId = 1;
    std::int64_t firstSeq = std::numeric_limits<std::int64_t>::max(); ///< the first record's journal record
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;        ///< covered journal records, in order
    while (q.next()) {
        const std::int64_t id = q.value(0).toLongLong();
        const QByteArray actor = text(q.value(3));
        const QByteArray action = text(q.value(4));
        const QByteArray detail = text(q.value(5));
        const QByteArray storedPrevious = q.value(6).toByteArray();
        const QByteArray stored = q.value(7).toByteArray();
        const bool covers = !q.value(8).isNull();
        AuditEntry entry{
            id, q.value(1).toLongLong(), q.value(2).toLongLong(), view(actor), view(action), view(detail), 0, 0, {}};
        if (covers) {
            entry.coversFrom = q.value(8).toLongLong();
            entry.coversTo = q.value(9).toLongLong();
            entry.rowsHash = q.value(10).toByteArray();
        }
        auto broken = [&](const QString &why) {
            check.firstBroken = id;
            check.problem = QStringLiteral("audit record %1: %2").arg(id).arg(why);
        };
        if (id != expectedId) {
            broken(id > expectedId
                       ? QStringLiteral("record(s) %1 to %2 are missing (deleted)").arg(expectedId).arg(id - 1)
                       : QStringLiteral("its number is out of order"));
            break;
        }
        if (storedPrevious != previous) {
            broken(QStringLiteral("it does not follow record %1 (a record was deleted, edited or moved)").arg(id - 1));
            break;
        }
        if (auditHash(entry, previous) != stored) {
            broken(QStringLiteral("its contents do not match its hash (edited)"));
            break;
        }
        if (covers) {
            const int version = TradeRowsDigest::versionOf(entry.rowsHash);
            if (version == 0) {
                broken(QStringLiteral("its digest of orders and fills is of no known form"));
                break;
            }
            if (entry.coversFrom > entry.coversTo || (!ranges.empty() && entry.coversFrom <= ranges.back().second)) {
                broken(QStringLiteral("the journal records it covers (%1 to %2) overlap those of an earlier record")
                           .arg(entry.coversFrom)
                           .arg(entry.coversTo));
                break;
            }
            QString error;
            std::int64_t rows = 0;
            const QByteArray digest = digestOf(entry.coversFrom, entry.coversTo, version, rows, error);
            if (!error.isEmpty()) {
                broken(QStringLiteral("cannot read the orders and fills it covers: %1").arg(error));
                break;
            }
            if (digest != entry.rowsHash) {
                broken(QStringLiteral("the order events and fills of journal records %1 to %2 do not match it "
                                      "(one was edited, deleted or added)")
                           .arg(entry.coversFrom)
                           .arg(entry.coversTo));
                break;
            }
            ranges.emplace_back(entry.coversFrom, entry.coversTo);
            firstSeq = std::min<std::int64_t>(firstSeq, entry.coversFrom);
        }
        if (!q.value(9).isNull())
            firstSeq = std::min<std::int64_t>(firstSeq, q.value(9).toLongLong());
        book.see(id, stored);
        previous = stored;
        check.headId = id;
        check.headHash = stored;
        ++expectedId;
        ++check.records;
    }
    check.anchors = book.finish(check.headId, check.firstBroken);
    if (check.firstBroken == 0) {
        checkCoverage(connection.db(), ranges, firstSeq, check);
        checkOrderStates(connection.db(), firstSeq, check);
    }
    return check;
}

QString exportAudit(const QString &path, const QString &from, const QString &to, const QString &out,
                    std::int64_t &written)
{
    written = 0;
    const QDate first = QDate::fromString(from, Qt::ISODate);
    const QDate last = QDate::fromString(to, Qt::ISODate);
    if (!first.isValid())
        return QStringLiteral("--from '%1' is not a date (YYYY-MM-DD)").arg(from);
    if (!last.isValid())
        return QStringLiteral("--to '%1' is not a date (YYYY-MM-DD)").arg(to);
    if (last < first)
        return QStringLiteral("--to %1 is before --from %2").arg(to, from);
    ReadConnection connection(path);
    if (!connection.error().isEmpty())
        return connection.error();
    const qint64 fromNs = QDateTime(first, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1'000'000;
    const qint64 toNs = QDateTime(last.addDays(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1'000'000;
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, at, wall_at, actor, action, detail, hash FROM audit WHERE at >= ? AND at < ? "
                             "ORDER BY id"));
    q.addBindValue(fromNs);
    q.addBindValue(toNs);
    if (!q.exec())
        return QStringLiteral("%1: cannot read the audit trail: %2").arg(path, q.lastError().text());
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("cannot write %1: %2").arg(out, file.errorString());
    file.write("id,time_utc,wall_time_utc,actor,action,detail,sha256\n");
    while (q.next()) {
        const QString at =
            QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong() / 1'000'000, Qt::UTC).toString(Qt::ISODateWithMs);
        const qint64 wallMs = q.value(2).toLongLong();
        const QString wall =
            wallMs == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(wallMs, Qt::UTC).toString(Qt::ISODateWithMs);
        const QStringList fields{q.value(0).toString(),
                                 at,
                                 wall,
                                 csvField(q.value(3).toString()),
                                 csvField(q.value(4).toString()),
                                 csvField(q.value(5).toString()),
                                 QString::fromLatin1(q.value(6).toByteArray().toHex())};
        file.write(fields.join(QLatin1Char(',')).toUtf8() + '\n');
        ++written;
    }
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(out, file.errorString());
    return {};
}

} // namespace vigil
