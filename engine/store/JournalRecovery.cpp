#include "store/JournalRecovery.h"

#include "incidents/IncidentBook.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <map>

namespace vigil {

namespace {

struct Checkpoint {
    std::int64_t seq = 0;
    QString sessionDate;
    QString kind;
    PortfolioState state;
    std::int64_t books = 0;
};

class Loader {
public:
    Loader(QSqlDatabase &db, const RecoveryInput &in, Recovery &out)
        : m_db(db)
        , m_in(in)
        , m_out(out)
    {}

    QString run()
    {
        m_date = QString::fromStdString(m_in.sessionDate);
        if (QString e = laterSessions(); !e.isEmpty())
            return e;
        if (QString e = session(); !e.isEmpty())
            return e;
        if (QString e = books(); !e.isEmpty())
            return e;
        if (QString e = orders(); !e.isEmpty())
            return e;
        if (QString e = controls(); !e.isEmpty())
            return e;
        if (QString e = reconciliation(); !e.isEmpty())
            return e;
        if (QString e = journaledMarks(); !e.isEmpty())
            return e;
        if (QString e = alerts(); !e.isEmpty())
            return e;
        if (QString e = incidents(); !e.isEmpty())
            return e;
        return equityCurve();
    }

private:
    /// A query with its values bound in order; `m_error` says what failed.
    QSqlQuery query(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            m_error = QStringLiteral("cannot read the journal (%1): %2").arg(sql.left(50), q.lastError().text());
            return q;
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec())
            m_error = QStringLiteral("cannot read the journal (%1): %2").arg(sql.left(50), q.lastError().text());
        return q;
    }

    int symbolId(const QString &name) const
    {
        const auto it = std::find(m_in.symbols.begin(), m_in.symbols.end(), name.toStdString());
        return it == m_in.symbols.end() ? -1 : static_cast<int>(it - m_in.symbols.begin());
    }

    /// kNoStrategy for operator orders; -1 for a name this build does not know.
    int strategyId(const QString &name) const
    {
        if (name == QLatin1String("operator"))
            return kNoStrategy;
        if (name == QLatin1String("account"))
            return kAccountBook;
        const auto it = std::find(m_in.strategies.begin(), m_in.strategies.end(), name.toStdString());
        return it == m_in.strategies.end() ? -1 : static_cast<int>(it - m_in.strategies.begin());
    }

    QString laterSessions()
    {
        QSqlQuery q = query(QStringLiteral("SELECT MAX(session_date) FROM sessions WHERE session_date > ?"), {m_date});
        if (!m_error.isEmpty())
            return m_error;
        if (q.next() && !q.value(0).isNull())
            return QStringLiteral("the journal already holds the later session of %1; the session of %2 cannot be "
                                  "traded after it")
                .arg(q.value(0).toString(), m_date);
        return {};
    }

    QString session()
    {
        QSqlQuery q = query(QStringLiteral("SELECT seed, closed_at FROM sessions WHERE session_date = ?"), {m_date});
        if (q.next()) {
            m_out.sessionFound = true;
            if (!q.value(0).isNull())
                m_out.seed = q.value(0).toULongLong();
            m_out.sessionClosed = !q.value(1).isNull();
        }
        QSqlQuery seq = query(QStringLiteral(
            "SELECT MAX(s) FROM (SELECT MAX(seq) AS s FROM order_events UNION ALL SELECT MAX(seq) FROM fills "
            "UNION ALL SELECT MAX(seq) FROM position_snapshots UNION ALL SELECT MAX(seq) FROM checkpoints "
            "UNION ALL SELECT MAX(seq) FROM alerts UNION ALL SELECT MAX(seq) FROM restarts "
            "UNION ALL SELECT MAX(seq) FROM trading_states UNION ALL SELECT MAX(seq) FROM strategy_controls "
            "UNION ALL SELECT MAX(seq) FROM audit)"));
        if (seq.next())
            m_out.lastSeq = seq.value(0).toULongLong();
        QSqlQuery last = query(
            QStringLiteral(
                "SELECT MAX(t) FROM (SELECT MAX(e.at) AS t FROM order_events e JOIN orders o USING (client_order_id) "
                "WHERE o.session_date = ? UNION ALL SELECT MAX(at) FROM checkpoints WHERE session_date = ? "
                "UNION ALL SELECT MAX(at) FROM restarts WHERE session_date = ? "
                "UNION ALL SELECT MAX(at) FROM equity_curve WHERE at >= ? AND at < ?)"),
            {m_date, m_date, m_date, QVariant::fromValue<qint64>(m_in.dayStart),
             QVariant::fromValue<qint64>(m_in.dayEnd)});
        if (last.next())
            m_out.lastTime = last.value(0).toLongLong();
        return m_error;
    }

    /// The trading state as last recorded (whatever the day: a kill stays latched), where a
    /// maintenance would return to, and the strategies stopped and not enabled since.
    QString controls()
    {
        QSqlQuery q =
            query(QStringLiteral("SELECT state, actor, reason, at FROM trading_states ORDER BY seq DESC LIMIT 1"));
        if (q.next()) {
            const std::string state = q.value(0).toString().toStdString();
            bool known = false;
            for (TradingState s : {TradingState::Active, TradingState::Paused, TradingState::Halted,
                                   TradingState::Killed, TradingState::Maintenance}) {
                if (toString(s) == state) {
                    m_out.tradingState = s;
                    known = true;
                }
            }
            if (!known)
                return QStringLiteral("the recorded trading state '%1' is not one this build knows")
                    .arg(QString::fromStdString(state));
            m_out.stateActor = q.value(1).toString().toStdString();
            m_out.stateReason = q.value(2).toString().toStdString();
            m_out.stateSince = q.value(3).toLongLong();
        }
        if (m_out.tradingState == TradingState::Maintenance) {
            QSqlQuery before = query(QStringLiteral(
                "SELECT previous FROM trading_states WHERE state = 'MAINTENANCE' ORDER BY seq DESC LIMIT 1"));
            if (before.next()) {
                const std::string previous = before.value(0).toString().toStdString();
                for (TradingState s : {TradingState::Active, TradingState::Paused, TradingState::Halted})
                    if (toString(s) == previous)
                        m_out.maintenanceReturn = s;
            }
        }
        // "risk.max_open_orders = 200" or "... = 100 (was 200)": the latest per limit.
        QSqlQuery limits =
            query(QStringLiteral("SELECT detail FROM audit WHERE action IN ('limit', 'limit change') ORDER BY id"));
        while (limits.next()) {
            const QString detail = limits.value(0).toString();
            const qsizetype equals = detail.indexOf(QStringLiteral(" = "));
            if (equals <= 0)
                continue;
            const std::string key = detail.left(equals).toStdString();
            const std::string value = detail.mid(equals + 3).section(QStringLiteral(" (was "), 0, 0).toStdString();
            auto known = std::find_if(m_out.recordedLimits.begin(), m_out.recordedLimits.end(),
                                      [&](const auto &kv) { return kv.first == key; });
            if (known == m_out.recordedLimits.end())
                m_out.recordedLimits.emplace_back(key, value);
            else
                known->second = value;
        }
        QSqlQuery stopped = query(QStringLiteral(
            "SELECT strategy, stopped FROM strategy_controls c WHERE seq = (SELECT MAX(seq) FROM strategy_controls "
            "WHERE strategy = c.strategy)"));
        while (stopped.next()) {
            const int id = strategyId(stopped.value(0).toString());
            if (id >= 0 && id < static_cast<int>(m_in.strategies.size()) && stopped.value(1).toInt() != 0)
                m_out.stoppedStrategies.push_back(static_cast<StrategyId>(id));
        }
        return m_error;
    }

    /// Today's runs, and the last complete run's differences with the resolutions after it.
    QString reconciliation()
    {
        QSqlQuery runs =
            query(QStringLiteral("SELECT at, wall_at, started_by, actor, complete, differences, summary FROM "
                                 "(SELECT * FROM reconciliations WHERE session_date = ? ORDER BY seq DESC "
                                 "LIMIT 50) ORDER BY seq"),
                  {m_date});
        while (runs.next())
            m_out.reconciliationRuns.push_back({runs.value(0).toLongLong(), runs.value(1).toLongLong(),
                                                runs.value(2).toString().toStdString(),
                                                runs.value(3).toString().toStdString(), runs.value(4).toInt() != 0,
                                                runs.value(5).toInt(), runs.value(6).toString().toStdString()});
        QSqlQuery last = query(
            QStringLiteral("SELECT MAX(seq) FROM reconciliations WHERE session_date = ? AND complete = 1"), {m_date});
        if (!last.next() || last.value(0).isNull())
            return m_error;
        const qlonglong run = last.value(0).toLongLong();
        QSqlQuery d =
            query(QStringLiteral("SELECT difference_key, kind, symbol, internal_qty, broker_qty, internal_avg, "
                                 "broker_avg FROM reconciliation_differences WHERE run = ? ORDER BY difference_key"),
                  {run});
        while (d.next()) {
            Recovery::ReconciliationDifference r;
            r.key = d.value(0).toString().toStdString();
            r.kind = d.value(1).toString().toStdString();
            r.symbol = d.value(2).toString().toStdString();
            r.internalQty = d.value(3).toLongLong();
            r.brokerQty = d.value(4).toLongLong();
            r.internalAvg = Price::fromRaw(d.value(5).toLongLong());
            r.brokerAvg = Price::fromRaw(d.value(6).toLongLong());
            m_out.reconciliationDifferences.push_back(std::move(r));
        }
        QSqlQuery resolved =
            query(QStringLiteral("SELECT difference_key, resolution, actor, note FROM "
                                 "reconciliation_resolutions WHERE session_date = ? AND seq > ? ORDER BY seq"),
                  {m_date, run});
        while (resolved.next()) {
            const std::string key = resolved.value(0).toString().toStdString();
            const std::string how = resolved.value(1).toString().toStdString();
            if (how == "unblock") {
                m_out.unblockedSymbols.push_back(key.substr(key.find(' ') + 1)); // "symbol KO"
                continue;
            }
            for (Recovery::ReconciliationDifference &r : m_out.reconciliationDifferences)
                if (r.key == key) {
                    r.resolution = how;
                    r.resolvedBy = resolved.value(2).toString().toStdString();
                    r.note = resolved.value(3).toString().toStdString();
                }
        }
        return m_error;
    }

    bool readCheckpoint(QSqlQuery &q, Checkpoint &cp)
    {
        if (!q.next())
            return false;
        cp.seq = q.value(0).toLongLong();
        cp.sessionDate = q.value(1).toString();
        cp.kind = q.value(2).toString();
        cp.state.base = Money::fromRaw(q.value(3).toLongLong());
        cp.state.startingEquity = Money::fromRaw(q.value(4).toLongLong());
        cp.state.highWaterMark = Money::fromRaw(q.value(5).toLongLong());
        cp.state.maxDrawdown = Money::fromRaw(q.value(6).toLongLong());
        cp.books = q.value(7).toLongLong();
        return true;
    }

    QString readBooks(Checkpoint &cp)
    {
        cp.state.marks.assign(m_in.symbols.size(), Price{});
        QSqlQuery q = query(QStringLiteral("SELECT strategy, symbol, qty, cost, realized, fees, mark FROM "
                                           "position_snapshots WHERE checkpoint = ? ORDER BY seq"),
                            {QVariant::fromValue<qint64>(cp.seq)});
        std::int64_t rows = 0;
        while (q.next()) {
            ++rows;
            const int strategy = strategyId(q.value(0).toString());
            const int symbol = symbolId(q.value(1).toString());
            if (strategy < 0 || strategy == kNoStrategy || symbol < 0)
                return QStringLiteral("checkpoint %1 holds a position of %2 in %3, which this configuration does not "
                                      "have")
                    .arg(cp.seq)
                    .arg(q.value(0).toString(), q.value(1).toString());
            Book b;
            b.qty = q.value(2).toLongLong();
            b.cost = Money::fromRaw(q.value(3).toLongLong());
            b.realized = Money::fromRaw(q.value(4).toLongLong());
            b.fees = Money::fromRaw(q.value(5).toLongLong());
            (strategy == kAccountBook ? cp.state.symbolBooks : cp.state.books)
                .push_back({static_cast<StrategyId>(strategy), static_cast<SymbolId>(symbol), b});
            const Price mark = Price::fromRaw(q.value(6).toLongLong());
            if (!mark.isZero())
                cp.state.marks[static_cast<std::size_t>(symbol)] = mark;
        }
        if (!m_error.isEmpty())
            return m_error;
        if (rows != cp.books)
            return QStringLiteral("checkpoint %1 announces %2 positions but holds %3")
                .arg(cp.seq)
                .arg(cp.books)
                .arg(rows);
        return {};
    }

    static const char *checkpointColumns()
    {
        return "SELECT seq, session_date, kind, base, starting_equity, high_water_mark, max_drawdown, books FROM "
               "checkpoints ";
    }

    /// Where the books start: today's opening checkpoint, or else the latest one before today.
    QString anchor(Checkpoint &cp, bool &found)
    {
        QSqlQuery today = query(QString::fromLatin1(checkpointColumns())
                                    + QStringLiteral("WHERE session_date = ? AND kind = 'open' ORDER BY seq LIMIT 1"),
                                {m_date});
        found = readCheckpoint(today, cp);
        if (!found) {
            QSqlQuery before = query(QString::fromLatin1(checkpointColumns())
                                         + QStringLiteral("WHERE session_date < ? ORDER BY seq DESC LIMIT 1"),
                                     {m_date});
            found = readCheckpoint(before, cp);
        }
        if (!m_error.isEmpty())
            return m_error;
        return found ? readBooks(cp) : QString();
    }

    static QString describe(const PortfolioState::Entry &e, const RecoveryInput &in)
    {
        const QString owner =
            e.strategy == kAccountBook ? QStringLiteral("account") : QString::fromStdString(in.strategies[e.strategy]);
        return QStringLiteral("%1 %2: qty %3 cost %4 realized %5 fees %6")
            .arg(owner, QString::fromStdString(in.symbols[e.symbol]))
            .arg(e.book.qty)
            .arg(QString::fromStdString(e.book.cost.toString()), QString::fromStdString(e.book.realized.toString()),
                 QString::fromStdString(e.book.fees.toString()));
    }

    /// The rebuilt books must equal what the checkpoint stored.
    QString compare(const Portfolio &portfolio, Checkpoint &cp)
    {
        if (QString e = readBooks(cp); !e.isEmpty())
            return e;
        const PortfolioState rebuilt = portfolio.state();
        auto key = [](const PortfolioState::Entry &e) { return std::make_pair(e.strategy, e.symbol); };
        std::map<std::pair<StrategyId, SymbolId>, const PortfolioState::Entry *> stored, mine;
        for (const auto *list : {&cp.state.books, &cp.state.symbolBooks})
            for (const auto &e : *list)
                stored[key(e)] = &e;
        for (const auto *list : {&rebuilt.books, &rebuilt.symbolBooks})
            for (const auto &e : *list)
                mine[key(e)] = &e;
        for (const auto &[k, e] : stored) {
            const auto it = mine.find(k);
            const Book empty;
            const Book &b = it == mine.end() ? empty : it->second->book;
            if (b.qty != e->book.qty || b.cost != e->book.cost || b.realized != e->book.realized
                || b.fees != e->book.fees)
                return QStringLiteral("checkpoint %1 stored %2, but the fills before it give qty %3 cost %4; run "
                                      "'vigil journal verify' for every difference")
                    .arg(cp.seq)
                    .arg(describe(*e, m_in))
                    .arg(b.qty)
                    .arg(QString::fromStdString(b.cost.toString()));
        }
        for (const auto &[k, e] : mine)
            if (!stored.count(k))
                return QStringLiteral("checkpoint %1 has no position where the fills before it give %2")
                    .arg(cp.seq)
                    .arg(describe(*e, m_in));
        ++m_out.checkpointsCompared;
        return {};
    }

    QString books()
    {
        Checkpoint start;
        bool found = false;
        if (QString e = anchor(start, found); !e.isEmpty())
            return e;
        Money cash = m_in.startingCash;
        if (!found) { // no checkpoint (a journal from before they existed): every fill counts
            QSqlQuery first =
                query(QStringLiteral("SELECT starting_equity FROM sessions ORDER BY session_date LIMIT 1"));
            if (first.next())
                cash = Money::fromRaw(first.value(0).toLongLong());
        }
        Portfolio portfolio(m_in.symbols.size(), m_in.strategies.size(), cash);
        if (found)
            portfolio.restore(start.state);
        bool today = found && start.sessionDate == m_date;

        // Today's later checkpoints, each compared when the replay reaches it.
        std::vector<Checkpoint> checks;
        QSqlQuery c = query(QString::fromLatin1(checkpointColumns())
                                + QStringLiteral("WHERE session_date = ? AND seq > ? ORDER BY seq"),
                            {m_date, QVariant::fromValue<qint64>(found ? start.seq : 0)});
        for (Checkpoint cp; readCheckpoint(c, cp); cp = Checkpoint{})
            checks.push_back(cp);
        if (!m_error.isEmpty())
            return m_error;
        std::size_t nextCheck = 0;
        auto checkUpTo = [&](std::int64_t seq) -> QString {
            for (; nextCheck < checks.size() && checks[nextCheck].seq < seq; ++nextCheck) {
                if (!today) { // an opening checkpoint starts the day (only when there was no anchor today)
                    portfolio.startNewDay();
                    today = true;
                }
                if (QString e = compare(portfolio, checks[nextCheck]); !e.isEmpty())
                    return e;
                const PortfolioState &st = checks[nextCheck].state;
                PortfolioState current = portfolio.state();
                current.highWaterMark = std::max(current.highWaterMark, st.highWaterMark);
                current.maxDrawdown = std::max(current.maxDrawdown, st.maxDrawdown);
                current.startingEquity = st.startingEquity;
                current.base = st.base;
                portfolio.restore(current);
            }
            return {};
        };

        QSqlQuery f = query(QStringLiteral("SELECT f.seq, f.strategy, f.symbol, f.side, f.qty, f.price, f.fee, "
                                           "o.session_date FROM fills f JOIN orders o USING (client_order_id) "
                                           "WHERE f.seq > ? ORDER BY f.seq"),
                            {QVariant::fromValue<qint64>(found ? start.seq : 0)});
        while (f.next()) {
            const std::int64_t seq = f.value(0).toLongLong();
            if (QString e = checkUpTo(seq); !e.isEmpty())
                return e;
            if (!today && f.value(7).toString() == m_date) {
                portfolio.startNewDay();
                today = true;
            }
            const int strategy = strategyId(f.value(1).toString());
            const int symbol = symbolId(f.value(2).toString());
            if (strategy < 0 || strategy == kNoStrategy || strategy == kAccountBook || symbol < 0)
                return QStringLiteral("fill %1 is for %2 in %3, which this configuration does not have")
                    .arg(seq)
                    .arg(f.value(1).toString(), f.value(2).toString());
            const Side side = f.value(3).toString() == QLatin1String("sell") ? Side::Sell : Side::Buy;
            portfolio.applyFill(static_cast<StrategyId>(strategy), static_cast<SymbolId>(symbol), side,
                                f.value(4).toLongLong(), Price::fromRaw(f.value(5).toLongLong()),
                                Money::fromRaw(f.value(6).toLongLong()));
            ++m_out.fillsReplayed;
        }
        if (!m_error.isEmpty())
            return m_error;
        if (QString e = checkUpTo(std::numeric_limits<std::int64_t>::max()); !e.isEmpty())
            return e;
        if (!today)
            portfolio.startNewDay();
        m_out.portfolio = portfolio.state();
        return {};
    }

    QString orders()
    {
        QSqlQuery q = query(
            QStringLiteral("SELECT order_number, strategy, symbol, side, type, qty, limit_price, status, "
                           "filled_qty, reject_reason, created_at, updated_at, client_order_id, "
                           "arrival_mid, origin, source_ref FROM orders WHERE session_date = ? ORDER BY order_number"),
            {m_date});
        std::map<QString, OrderId> byClientId;
        while (q.next()) {
            const auto number = static_cast<OrderId>(q.value(0).toULongLong());
            const QString clientId = q.value(12).toString();
            if (number == 0 || number > (1u << 24))
                return QStringLiteral("order %1 has an impossible number %2").arg(clientId).arg(number);
            const int strategy = strategyId(q.value(1).toString());
            const int symbol = symbolId(q.value(2).toString());
            const std::optional<OrderStatus> status = orderStatusFromText(q.value(7).toString().toStdString());
            if (strategy < 0 || symbol < 0 || !status)
                return QStringLiteral("order %1 (%2, %3, %4) is not one this configuration can take over")
                    .arg(clientId, q.value(1).toString(), q.value(2).toString(), q.value(7).toString());
            while (m_out.orders.size() < number) {
                Order gap;
                gap.id = m_out.orders.size() + 1;
                gap.status = OrderStatus::Rejected;
                gap.rejectReason = RejectReason::NotReceived;
                m_out.orders.push_back(gap);
            }
            Order &o = m_out.orders[number - 1];
            o = Order{};
            o.id = number;
            o.strategy = static_cast<StrategyId>(strategy);
            o.symbol = static_cast<SymbolId>(symbol);
            o.side = q.value(3).toString() == QLatin1String("sell") ? Side::Sell : Side::Buy;
            o.type = q.value(4).toString() == QLatin1String("limit") ? OrderType::Limit : OrderType::Market;
            o.qty = q.value(5).toLongLong();
            o.limitPrice = Price::fromRaw(q.value(6).toLongLong());
            o.status = *status;
            o.rejectReason =
                q.value(9).isNull() ? RejectReason::None : rejectReasonFromText(q.value(9).toString().toStdString());
            o.createdAt = q.value(10).toLongLong();
            o.updatedAt = q.value(11).toLongLong();
            o.arrivalMid = Price::fromRaw(q.value(13).toLongLong()); // NULL: zero, not counted
            o.byOperator = q.value(14).toString() == QLatin1String("operator");
            o.clientOrderId = clientId.toStdString();
            o.reference = q.value(15).toString().toStdString(); // NULL: none
            byClientId[clientId] = number;
        }
        if (!m_error.isEmpty())
            return m_error;
        QSqlQuery f = query(QStringLiteral("SELECT f.client_order_id, f.execution_id, f.qty, f.price FROM fills f "
                                           "JOIN orders o USING (client_order_id) WHERE o.session_date = ? "
                                           "ORDER BY f.seq"),
                            {m_date});
        while (f.next()) {
            const auto it = byClientId.find(f.value(0).toString());
            if (it == byClientId.end())
                continue;
            Order &o = m_out.orders[it->second - 1];
            o.executionIds.push_back(f.value(1).toULongLong());
            o.filledQty += f.value(2).toLongLong();
            o.filledNotional += notional(Price::fromRaw(f.value(3).toLongLong()), f.value(2).toLongLong());
        }
        QSqlQuery stale =
            query(QStringLiteral("SELECT COUNT(*) FROM orders WHERE session_date < ? AND status IN ('new', 'accepted', "
                                 "'partially filled', 'cancel pending', 'unknown')"),
                  {m_date});
        if (stale.next())
            m_out.openOrdersOfEarlierSessions = stale.value(0).toULongLong();
        return m_error;
    }

    /// Each symbol's latest price the journal holds (a checkpoint's mark or a fill's price,
    /// whichever is later): a restart values today's positions at these, not at the opening
    /// checkpoint's marks nor at the replayed market's early prices.
    QString journaledMarks()
    {
        std::vector<SimTime> at(m_in.symbols.size(), 0);
        auto take = [&](QSqlQuery &q) {
            while (q.next()) {
                const int symbol = symbolId(q.value(0).toString());
                const Price price = Price::fromRaw(q.value(1).toLongLong());
                const SimTime when = q.value(2).toLongLong();
                if (symbol < 0 || price.raw() <= 0 || when < at[static_cast<std::size_t>(symbol)])
                    continue;
                at[static_cast<std::size_t>(symbol)] = when;
                m_out.portfolio.marks[static_cast<std::size_t>(symbol)] = price;
            }
        };
        if (m_out.portfolio.marks.size() != m_in.symbols.size())
            return m_error;
        QSqlQuery checkpoint = query(
            QStringLiteral("SELECT p.symbol, p.mark, c.at FROM position_snapshots p JOIN checkpoints c ON c.seq = "
                           "p.checkpoint WHERE p.strategy = 'account' AND c.seq = (SELECT MAX(seq) FROM checkpoints "
                           "WHERE session_date = ?)"),
            {m_date});
        take(checkpoint);
        QSqlQuery fills =
            query(QStringLiteral("SELECT f.symbol, f.price, f.at FROM fills f JOIN orders o USING "
                                 "(client_order_id) WHERE o.session_date = ? AND f.seq IN (SELECT MAX(seq) "
                                 "FROM fills GROUP BY symbol)"),
                  {m_date});
        take(fills);
        // The oldest price behind an open position: the figures are as of then at the latest.
        SimTime oldest = 0;
        for (const PortfolioState::Entry &e : m_out.portfolio.symbolBooks)
            if (e.book.qty != 0 && at[e.symbol] > 0 && (oldest == 0 || at[e.symbol] < oldest))
                oldest = at[e.symbol];
        m_out.marksAt = oldest;
        return m_error;
    }

    /// Today's alerts, the newest 200 raised (repeats among them), oldest first, and the
    /// acknowledgements since the first of them (the audit trail's "ack" records, whose
    /// answer names the alert "#id"): the Alerts panel shows them again as they were.
    QString alerts()
    {
        const QVariant from = QVariant::fromValue<qint64>(m_in.dayStart);
        const QVariant to = QVariant::fromValue<qint64>(m_in.dayEnd);
        QSqlQuery q = query(QStringLiteral("SELECT seq, at, severity, source, message, 0 FROM (SELECT * FROM alerts "
                                           "WHERE at >= ? AND at < ? ORDER BY seq DESC LIMIT 200) "
                                           "UNION ALL SELECT seq, at, '', actor, detail, 1 FROM audit "
                                           "WHERE action = 'ack' AND at >= ? AND at < ? AND seq IS NOT NULL "
                                           "ORDER BY 1"),
                            {from, to, from, to});
        static const QRegularExpression alertId(QStringLiteral("#(\\d+)"));
        while (q.next()) {
            Recovery::Alert alert;
            alert.seq = q.value(0).toULongLong();
            alert.at = q.value(1).toLongLong();
            alert.source = q.value(3).toString().toStdString();
            alert.message = q.value(4).toString().toStdString();
            alert.acknowledgement = q.value(5).toInt() == 1;
            if (alert.acknowledgement) {
                const QRegularExpressionMatch m = alertId.match(q.value(4).toString());
                if (!m.hasMatch() || m_out.alerts.empty())
                    continue; // acknowledges an alert older than the newest 200
                alert.seq = m.captured(1).toULongLong();
                m_out.alerts.push_back(std::move(alert));
                continue;
            }
            const std::string severity = q.value(2).toString().toStdString();
            const std::optional<AlertSeverity> known = alertSeverityFromText(severity);
            if (!known) // the journal's own writer never wrote it: a damaged or foreign journal
                return m_error = QStringLiteral("the journal holds an alert of unknown severity '%1' "
                                                "(neither recovered, warning nor critical)")
                                     .arg(QString::fromStdString(severity));
            alert.severity = *known;
            m_out.alerts.push_back(std::move(alert));
        }
        return m_error;
    }

    /// The incidents an operator still has to close (open ones, of any day) and today's
    /// (opened or signed off today), each with its changes applied in the journal's order.
    QString incidents()
    {
        const QVariant from = QVariant::fromValue<qint64>(m_in.dayStart);
        QSqlQuery q = query(
            QStringLiteral("SELECT i.id, i.session_date, i.at, i.cause, i.level, i.title, i.opened_by FROM incidents i "
                           "WHERE i.at >= ? OR NOT EXISTS (SELECT 1 FROM incident_changes c WHERE c.incident = i.id "
                           "AND c.field = 'sign_off' AND c.at < ?) ORDER BY i.id"),
            {from, from});
        while (q.next()) {
            IncidentRow row;
            row.id = q.value(0).toULongLong();
            row.sessionDate = q.value(1).toString().toStdString();
            row.opened = q.value(2).toLongLong();
            row.openedClock = m_in.clockText ? m_in.clockText(row.opened) : std::string();
            const std::optional<IncidentCause> cause = incidentCauseFromText(q.value(3).toString().toStdString());
            if (!cause)
                return m_error = QStringLiteral("incident #%1 has an unknown cause '%2'")
                                     .arg(row.id)
                                     .arg(q.value(3).toString());
            row.cause = *cause;
            row.severity = q.value(4).toInt() == 3 ? AlertSeverity::Critical : AlertSeverity::Warning;
            row.title = q.value(5).toString().toStdString();
            row.openedBy = q.value(6).toString().toStdString();
            m_out.incidents.push_back(std::move(row));
        }
        for (IncidentRow &row : m_out.incidents) {
            QSqlQuery c =
                query(QStringLiteral("SELECT at, actor, field, value FROM incident_changes WHERE incident = ? "
                                     "ORDER BY seq"),
                      {QVariant::fromValue<qulonglong>(row.id)});
            while (c.next()) {
                const std::optional<IncidentField> field = incidentFieldFromText(c.value(2).toString().toStdString());
                if (!field)
                    return m_error = QStringLiteral("incident #%1 has a change of unknown field '%2'")
                                         .arg(row.id)
                                         .arg(c.value(2).toString());
                const SimTime at = c.value(0).toLongLong();
                applyIncidentChange(row, *field,
                                    {at, m_in.clockText ? m_in.clockText(at) : std::string(),
                                     c.value(1).toString().toStdString(), c.value(3).toString().toStdString()});
            }
        }
        return m_error;
    }

    QString equityCurve()
    {
        QSqlQuery q = query(QStringLiteral("SELECT at, equity FROM equity_curve WHERE at >= ? AND at < ? ORDER BY at"),
                            {QVariant::fromValue<qint64>(m_in.dayStart), QVariant::fromValue<qint64>(m_in.dayEnd)});
        while (q.next())
            m_out.equityCurve.emplace_back(q.value(0).toLongLong(), Money::fromRaw(q.value(1).toLongLong()));
        for (const auto &[at, equity] : m_out.equityCurve)
            m_out.portfolio.highWaterMark = std::max(m_out.portfolio.highWaterMark, equity);
        return m_error;
    }

    QSqlDatabase &m_db;
    const RecoveryInput &m_in;
    Recovery &m_out;
    QString m_date;
    QString m_error;
};

} // namespace

QString loadRecovery(const QString &path, const RecoveryInput &input, Recovery &out)
{
    out = Recovery{};
    if (!QFileInfo::exists(path)) {
        Portfolio fresh(input.symbols.size(), input.strategies.size(), input.startingCash);
        out.portfolio = fresh.state();
        return {};
    }
    out.journalExisted = true;
    const QString connection = QStringLiteral("vigil-recovery-%1").arg(reinterpret_cast<quintptr>(&out));
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = QStringLiteral("cannot open the journal %1: %2").arg(path, db.lastError().text());
        } else {
            error = Loader(db, input, out).run();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!error.isEmpty())
        error = QStringLiteral("journal %1: %2").arg(QFileInfo(path).fileName(), error);
    return error;
}

} // namespace vigil
