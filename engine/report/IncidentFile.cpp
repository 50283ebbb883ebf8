#include "api/IncidentFile.h"

#include "api/AlertSeverity.h"
#include "report/IncidentRead.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <functional>
#include <map>

namespace vigil {

const IncidentFieldValue &IncidentRecord::field(IncidentField which) const
{
    for (std::size_t i = 0; i < kAnalysisFields.size(); ++i)
        if (kAnalysisFields[i] == which)
            return analysis[i];
    static const IncidentFieldValue none;
    return none; // a field that is not part of the analysis (a note, an event) has no value
}

namespace {

/// The first schema that has the incidents tables.
constexpr int kIncidentSchema = 8;

std::string textOf(const QVariant &v) { return v.toString().toStdString(); }

/// Runs the statements of one read; the first failure is kept in `error` and the rest are
/// skipped, so a caller checks once at the end.
class Reader {
public:
    Reader(QSqlDatabase &db, const QString &journal, QString &error)
        : m_q(db)
        , m_journal(journal)
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
            m_error = QStringLiteral("cannot read the journal %1: %2 (%3)")
                          .arg(m_journal, m_q.lastError().text(), sql.left(60));
            return false;
        }
        return true;
    }
    QSqlQuery &q() { return m_q; }
    bool failed() const { return !m_error.isEmpty(); }
    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }
    bool hasTable(const char *table)
    {
        return run(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"),
                   {QString::fromLatin1(table)})
               && m_q.next() && m_q.value(0).toLongLong() > 0;
    }
    int schemaVersion()
    {
        return run(QStringLiteral("PRAGMA user_version")) && m_q.next() ? static_cast<int>(m_q.value(0).toLongLong())
                                                                        : -1;
    }

private:
    QSqlQuery m_q;
    const QString &m_journal;
    QString &m_error;
};

/// Opens `journal` read-only under a connection name of its own, runs `read` inside one
/// read transaction (the engine may go on writing) and closes it again. `read` reports its
/// failures through the reader, whose error is returned.
QString withJournal(const QString &journal, const std::function<void(QSqlDatabase &, Reader &)> &read)
{
    if (!QFileInfo(journal).isFile())
        return QStringLiteral("the journal %1 does not exist").arg(journal);
    const QString name = QStringLiteral("vigil-incident-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(journal);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QStringLiteral("cannot open the journal %1: %2").arg(journal, db.lastError().text());
        } else {
            db.transaction();
            {
                Reader r(db, journal, error);
                read(db, r);
            }
            db.rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

/// Applies one change to the incident as it stands.
void apply(IncidentRecord &incident, const IncidentChangeRecord &c)
{
    incident.changes.push_back(c);
    switch (c.field) {
    case IncidentField::Note: incident.notes.push_back(c); return;
    case IncidentField::Event: incident.events.push_back(c); return;
    case IncidentField::Level:
        incident.level = std::max(incident.level, QString::fromStdString(c.value).toInt());
        return;
    case IncidentField::SignOff:
        // The actor column is NOT NULL but may be empty: the incident is still closed.
        incident.signedOffBy = c.actor.empty() ? std::string("(unnamed)") : c.actor;
        incident.signedOffAt = c.at;
        incident.signedOffWallMs = c.wallMs;
        incident.signOffNote = c.value;
        return;
    default: break;
    }
    for (std::size_t i = 0; i < kAnalysisFields.size(); ++i)
        if (kAnalysisFields[i] == c.field)
            incident.analysis[i] = {c.value, c.actor.empty() ? std::string("(unnamed)") : c.actor, c.at, c.wallMs};
}

/// The incidents matching `where` (on the incidents table, aliased i) with their changes.
void readWhere(Reader &r, const QString &where, const QVariantList &values, std::vector<IncidentRecord> &out)
{
    QSqlQuery &q = r.q();
    std::map<qlonglong, std::size_t> byId;
    if (r.run(QStringLiteral("SELECT i.id, i.session_date, i.at, i.wall_at, i.cause, i.level, i.title, i.opened_by, "
                             "i.alert FROM incidents i WHERE %1 ORDER BY i.id")
                  .arg(where),
              values))
        while (q.next()) {
            IncidentRecord incident;
            incident.id = static_cast<std::uint64_t>(q.value(0).toLongLong());
            incident.sessionDate = textOf(q.value(1));
            incident.at = q.value(2).toLongLong();
            incident.wallMs = q.value(3).toLongLong();
            incident.cause = incidentCauseFromText(textOf(q.value(4))).value_or(IncidentCause::Operator);
            incident.level = static_cast<int>(q.value(5).toLongLong());
            incident.title = textOf(q.value(6));
            incident.openedBy = textOf(q.value(7));
            if (!q.value(8).isNull())
                incident.alert = static_cast<std::uint64_t>(q.value(8).toLongLong());
            byId[q.value(0).toLongLong()] = out.size();
            out.push_back(std::move(incident));
        }
    if (out.empty())
        return;
    if (r.run(QStringLiteral("SELECT c.incident, c.seq, c.at, c.wall_at, c.actor, c.field, c.value FROM "
                             "incident_changes c JOIN incidents i ON i.id = c.incident WHERE %1 ORDER BY c.seq")
                  .arg(where),
              values))
        while (q.next()) {
            const auto it = byId.find(q.value(0).toLongLong());
            const std::optional<IncidentField> field = incidentFieldFromText(textOf(q.value(5)));
            if (it == byId.end() || !field)
                continue; // (the schema's CHECK admits no other field)
            apply(out[it->second], {static_cast<std::uint64_t>(q.value(1).toLongLong()), q.value(2).toLongLong(),
                                    q.value(3).toLongLong(), textOf(q.value(4)), *field, textOf(q.value(6))});
        }
}

bool hasIncidents(Reader &r) { return r.schemaVersion() >= kIncidentSchema && r.hasTable("incidents"); }

// --- the timeline ---------------------------------------------------------------------

/// A timeline line with what orders it at an equal time: the journal's sequence number.
struct Line {
    TimelineEntry entry;
    qlonglong seq = 0;
};

void readAlerts(Reader &r, SimTime from, SimTime to, std::vector<Line> &out)
{
    QSqlQuery &q = r.q();
    if (r.run(QStringLiteral("SELECT seq, at, severity, source, message FROM alerts WHERE at >= ? AND at <= ?"),
              {qlonglong(from), qlonglong(to)}))
        while (q.next()) {
            const std::optional<AlertSeverity> severity = alertSeverityFromText(textOf(q.value(2)));
            TimelineEntry e{q.value(1).toLongLong(),
                            0,
                            TimelineKind::Alert,
                            textOf(q.value(3)),
                            "alert #" + std::to_string(q.value(0).toLongLong()) + " " + textOf(q.value(2)) + ": "
                                + textOf(q.value(4)),
                            severity ? alertLevel(*severity) : 1};
            out.push_back({std::move(e), q.value(0).toLongLong()});
        }
}

void readStates(Reader &r, SimTime from, SimTime to, std::vector<Line> &out)
{
    QSqlQuery &q = r.q();
    if (!r.hasTable("trading_states"))
        return;
    if (r.run(QStringLiteral("SELECT seq, at, wall_at, state, previous, actor, reason FROM trading_states WHERE at >= "
                             "? AND at <= ?"),
              {qlonglong(from), qlonglong(to)}))
        while (q.next())
            out.push_back({{q.value(1).toLongLong(), q.value(2).toLongLong(), TimelineKind::State, textOf(q.value(5)),
                            textOf(q.value(4)) + " -> " + textOf(q.value(3)) + ": " + textOf(q.value(6)), 0},
                           q.value(0).toLongLong()});
}

/// A person's commands. Left out: the engine's own bookkeeping records (the transactions'
/// orders and fills, alerts, sessions, limits, the configuration, reconciliation and
/// checklist runs, restarts), what has a line of its own here (a trading state, an
/// operator's order) and the incident's own records, which its changes show; and whatever
/// the engine's parts did by themselves, as the daily report's operator actions leave out.
void readActions(Reader &r, SimTime from, SimTime to, std::vector<Line> &out)
{
    QSqlQuery &q = r.q();
    if (!r.hasTable("trading_states")) // the audit trail is filled from schema 3
        return;
    if (r.run(QStringLiteral(
                  "SELECT COALESCE(seq, 0), at, wall_at, actor, action, detail FROM audit WHERE at >= ? AND at <= ? "
                  "AND covers_from IS NULL AND action NOT IN ('orders and fills', 'alert', 'trading state', 'session', "
                  "'limit', 'limit change', 'limit breach', 'configuration', 'reconciliation', 'checklist', 'restart', "
                  "'operator order') AND action NOT LIKE 'incident%' AND actor NOT LIKE 'system%' AND actor NOT IN "
                  "('risk', 'engine', 'strategies', 'broker', 'feed', 'store')"),
              {qlonglong(from), qlonglong(to)}))
        while (q.next()) {
            const std::string detail = textOf(q.value(5));
            out.push_back({{q.value(1).toLongLong(), q.value(2).toLongLong(), TimelineKind::OperatorAction,
                            textOf(q.value(3)), textOf(q.value(4)) + (detail.empty() ? "" : ": " + detail), 0},
                           q.value(0).toLongLong()});
        }
}

void readOrders(Reader &r, SimTime from, SimTime to, std::vector<Line> &out)
{
    QSqlQuery &q = r.q();
    const bool hasOrigin = r.run(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('orders') WHERE name = "
                                                "'origin'"))
                           && q.next() && q.value(0).toLongLong() > 0;
    if (r.run(QStringLiteral("SELECT o.client_order_id, o.created_at, o.strategy, o.symbol, o.side, o.type, o.qty, "
                             "o.limit_price, %1, (SELECT MIN(e.seq) FROM order_events e WHERE e.client_order_id = "
                             "o.client_order_id) FROM orders o WHERE o.created_at >= ? AND o.created_at <= ?")
                  .arg(hasOrigin ? QStringLiteral("o.origin") : QStringLiteral("'strategy'")),
              {qlonglong(from), qlonglong(to)}))
        while (q.next()) {
            const std::string strategy = textOf(q.value(2)), type = textOf(q.value(5));
            std::string text = textOf(q.value(0)) + " " + textOf(q.value(4)) + " "
                               + std::to_string(q.value(6).toLongLong()) + " " + textOf(q.value(3)) + " " + type;
            if (type == "limit" && !q.value(7).isNull())
                text += " " + Price::fromRaw(q.value(7).toLongLong()).toString();
            text += " (" + strategy + ")";
            const bool byOperator = textOf(q.value(8)) == "operator";
            out.push_back({{q.value(1).toLongLong(), 0, TimelineKind::OrderCreated, byOperator ? "operator" : strategy,
                            std::move(text), 0},
                           q.value(9).isNull() ? 0 : q.value(9).toLongLong()});
        }
}

void readFills(Reader &r, SimTime from, SimTime to, std::vector<Line> &out)
{
    QSqlQuery &q = r.q();
    if (r.run(QStringLiteral("SELECT seq, at, client_order_id, strategy, symbol, side, qty, price, fee FROM fills "
                             "WHERE at >= ? AND at <= ?"),
              {qlonglong(from), qlonglong(to)}))
        while (q.next())
            out.push_back({{q.value(1).toLongLong(), 0, TimelineKind::Fill, textOf(q.value(3)),
                            textOf(q.value(2)) + " " + (textOf(q.value(5)) == "sell" ? "sold " : "bought ")
                                + std::to_string(q.value(6).toLongLong()) + " " + textOf(q.value(4)) + " at "
                                + Price::fromRaw(q.value(7).toLongLong()).toString() + ", fee "
                                + Money::fromRaw(q.value(8).toLongLong()).toString(),
                            0},
                           q.value(0).toLongLong()});
}

/// The incident's own lines: opened, its notes, a raised level, the sign-off.
void incidentLines(const IncidentRecord &incident, std::vector<Line> &out)
{
    out.push_back({{incident.at, incident.wallMs, TimelineKind::Opened, incident.openedBy,
                    "incident #" + std::to_string(incident.id) + " opened (" + std::string(toString(incident.cause))
                        + "): " + incident.title,
                    0},
                   static_cast<qlonglong>(incident.id)});
    for (const IncidentChangeRecord &c : incident.changes) {
        TimelineKind kind;
        std::string text = c.value;
        if (c.field == IncidentField::Note)
            kind = TimelineKind::Note;
        else if (c.field == IncidentField::Level)
            kind = TimelineKind::Level, text = "level raised to " + c.value;
        else if (c.field == IncidentField::SignOff)
            kind = TimelineKind::SignedOff, text = "signed off" + (c.value.empty() ? std::string() : ": " + c.value);
        else
            continue;
        out.push_back({{c.at, c.wallMs, kind, c.actor, std::move(text), 0}, static_cast<qlonglong>(c.seq)});
    }
}

/// The time of the journal's newest record: where an open incident's window ends.
SimTime newestRecord(Reader &r)
{
    QSqlQuery &q = r.q();
    QStringList parts;
    const std::pair<const char *, const char *> columns[] = {
        {"alerts", "at"},         {"audit", "at"},           {"fills", "at"},       {"order_events", "at"},
        {"orders", "updated_at"}, {"equity_curve", "at"},    {"checkpoints", "at"}, {"trading_states", "at"},
        {"incidents", "at"},      {"incident_changes", "at"}};
    for (const auto &[table, column] : columns)
        if (r.hasTable(table))
            parts << QStringLiteral("SELECT MAX(%1) AS t FROM %2").arg(QLatin1String(column), QLatin1String(table));
    if (!parts.isEmpty()
        && r.run(QStringLiteral("SELECT MAX(t) FROM (%1)").arg(parts.join(QStringLiteral(" UNION ALL ")))) && q.next()
        && !q.value(0).isNull())
        return q.value(0).toLongLong();
    return 0;
}

bool stopped(const std::string &state) { return state == "HALTED" || state == "KILLED" || state == "MAINTENANCE"; }

void readImpact(Reader &r, SimTime from, SimTime to, IncidentImpact &impact)
{
    QSqlQuery &q = r.q();
    auto equityAt = [&](SimTime t, Money &equity, bool &found) {
        if (r.run(QStringLiteral("SELECT equity FROM equity_curve WHERE at <= ? ORDER BY at DESC LIMIT 1"),
                  {qlonglong(t)})
            && q.next()) {
            equity = Money::fromRaw(q.value(0).toLongLong());
            found = true;
        }
    };
    equityAt(from, impact.equityBefore, impact.hasEquityBefore);
    equityAt(to, impact.equityAfter, impact.hasEquityAfter);
    if (impact.hasEquityBefore && impact.hasEquityAfter)
        impact.change = impact.equityAfter - impact.equityBefore;
    if (r.run(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(fee), 0) FROM fills WHERE at >= ? AND at <= ?"),
              {qlonglong(from), qlonglong(to)})
        && q.next()) {
        impact.fills = static_cast<std::uint64_t>(q.value(0).toLongLong());
        impact.fees = Money::fromRaw(q.value(1).toLongLong());
    }
    if (r.run(QStringLiteral("SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at <= ?"),
              {qlonglong(from), qlonglong(to)})
        && q.next())
        impact.orders = static_cast<std::uint64_t>(q.value(0).toLongLong());
    if (!r.hasTable("trading_states"))
        return;
    // The state in force at the window's start is the last change before it; none: the
    // engine starts ACTIVE.
    std::string state = "ACTIVE";
    if (r.run(QStringLiteral("SELECT state FROM trading_states WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1"),
              {qlonglong(from)})
        && q.next())
        state = textOf(q.value(0));
    SimTime since = from;
    auto close = [&](SimTime until) {
        if (stopped(state))
            impact.stoppedNs += until - since;
        else if (state == "PAUSED")
            impact.reduceOnlyNs += until - since;
        since = until;
    };
    if (r.run(QStringLiteral("SELECT at, state FROM trading_states WHERE at >= ? AND at <= ? ORDER BY at, seq"),
              {qlonglong(from), qlonglong(to)}))
        while (q.next()) {
            close(q.value(0).toLongLong());
            state = textOf(q.value(1));
        }
    close(to);
}

QString noSuchIncident(const QString &journal, std::uint64_t id)
{
    return QStringLiteral("no incident #%1 in %2").arg(id).arg(journal);
}

/// Incident `id` on an open reader; false when the journal has no such incident (said
/// through the reader) or could not be read.
bool readOne(Reader &r, const QString &journal, std::uint64_t id, IncidentRecord &out)
{
    std::vector<IncidentRecord> found;
    if (hasIncidents(r))
        readWhere(r, QStringLiteral("i.id = ?"), {qlonglong(id)}, found);
    if (r.failed())
        return false;
    if (found.empty()) {
        r.fail(noSuchIncident(journal, id));
        return false;
    }
    out = std::move(found.front());
    return true;
}

} // namespace

std::string_view toString(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::Alert: return "alert";
    case TimelineKind::State: return "state";
    case TimelineKind::OperatorAction: return "action";
    case TimelineKind::OrderCreated: return "order";
    case TimelineKind::Fill: return "fill";
    case TimelineKind::Note: return "note";
    case TimelineKind::Opened: return "opened";
    case TimelineKind::Level: return "level";
    case TimelineKind::SignedOff: return "signed off";
    }
    return "note";
}

QString readIncidentRows(QSqlDatabase &db, const QString &journal, const std::string &fromDate,
                         const std::string &toDate, std::vector<IncidentRecord> &out)
{
    out.clear();
    QString error;
    Reader r(db, journal, error);
    if (!hasIncidents(r))
        return error;
    QStringList where{QStringLiteral("1 = 1")};
    QVariantList values;
    if (!fromDate.empty()) {
        where << QStringLiteral("i.session_date >= ?");
        values << QString::fromStdString(fromDate);
    }
    if (!toDate.empty()) {
        where << QStringLiteral("i.session_date <= ?");
        values << QString::fromStdString(toDate);
    }
    readWhere(r, where.join(QStringLiteral(" AND ")), values, out);
    if (!error.isEmpty())
        out.clear();
    return error;
}

QString readIncidents(const QString &journal, const std::string &fromDate, const std::string &toDate,
                      std::vector<IncidentRecord> &out)
{
    out.clear();
    QString readError;
    const QString error = withJournal(
        journal, [&](QSqlDatabase &db, Reader &) { readError = readIncidentRows(db, journal, fromDate, toDate, out); });
    return error.isEmpty() ? readError : error;
}

QString readIncident(const QString &journal, std::uint64_t id, IncidentRecord &out)
{
    out = IncidentRecord{};
    const QString error = withJournal(journal, [&](QSqlDatabase &, Reader &r) { readOne(r, journal, id, out); });
    if (!error.isEmpty())
        out = IncidentRecord{};
    return error;
}

QString loadIncidentReport(const QString &journal, std::uint64_t id, IncidentReport &out)
{
    out = IncidentReport{};
    const QString error = withJournal(journal, [&](QSqlDatabase &, Reader &r) {
        if (!readOne(r, journal, id, out.incident))
            return;
        const IncidentRecord &incident = out.incident;
        out.windowStart = incident.at - kIncidentLeadNs;
        out.windowEnd = incident.signedOff() ? incident.signedOffAt : std::max(incident.at, newestRecord(r));
        std::vector<Line> lines;
        readAlerts(r, out.windowStart, out.windowEnd, lines);
        readStates(r, out.windowStart, out.windowEnd, lines);
        readActions(r, out.windowStart, out.windowEnd, lines);
        readOrders(r, out.windowStart, out.windowEnd, lines);
        readFills(r, out.windowStart, out.windowEnd, lines);
        incidentLines(incident, lines);
        // Oldest first; at an equal time the annotations on top, then in journal order.
        std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) {
            if (a.entry.at != b.entry.at)
                return a.entry.at < b.entry.at;
            const bool noteA = a.entry.kind == TimelineKind::Note, noteB = b.entry.kind == TimelineKind::Note;
            if (noteA != noteB)
                return noteA;
            return a.seq < b.seq;
        });
        for (Line &line : lines)
            out.timeline.push_back(std::move(line.entry));
        readImpact(r, out.windowStart, out.windowEnd, out.impact);
    });
    if (!error.isEmpty())
        out = IncidentReport{};
    return error;
}

} // namespace vigil
