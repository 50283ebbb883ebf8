#pragma once
// A journal with incidents for the incident tests, written with the schema's own migrations
// and plain SQL as the engine's rows look: sessions on 2026-11-19, -20 and -21; on the 20th
// a level-3 kill incident (#500) opened at 10:15:00 New York and signed off at 10:45:00, with
// alerts, trading states, audit records, orders, fills and equity points inside and outside
// its window, and a feed incident (#650) raised to level 3 and still open; on the 21st an
// operator's incident (#2000). Main thread (it opens its own connection).

#include "SqlFiles.h"

#include "api/Time.h"
#include "store/Schema.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTest>

namespace vigil::testing {

/// Engine time (ns) of hh:mm:ss New York on 2026-11-20.
inline SimTime incidentDayAt(int h, int m, int s = 0) { return sessionFor(Date{2026, 11, 20}).at(h, m, s); }

/// Creates the schema in `path`, up to `version`.
inline void migrateIncidentJournal(const QString &path, int version = kJournalSchemaVersion)
{
    {
        QSqlDatabase db;
        QVERIFY(openJournalDatabase(path, QStringLiteral("incident-journal")).isEmpty());
        db = QSqlDatabase::database(QStringLiteral("incident-journal"));
        QCOMPARE(migrateJournal(db, version), QString());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("incident-journal"));
}

inline void writeIncidentJournal(const QString &path)
{
    migrateIncidentJournal(path);
    const auto t = [](int h, int m, int s = 0) { return QString::number(incidentDayAt(h, m, s)); };
    const auto wall = [](int h, int m, int s = 0) { return QString::number(incidentDayAt(h, m, s) / 1'000'000 + 250); };
    const SimTime nextDay = sessionFor(Date{2026, 11, 21}).at(10, 0);
    QStringList sql{
        QStringLiteral("INSERT INTO sessions (session_date, starting_equity, opened_at, seed) VALUES "
                       "('2026-11-19', 1000000000, 0, 7), ('2026-11-20', 1000000000, %1, 7), "
                       "('2026-11-21', 1000000000, %2, 7)")
            .arg(t(9, 30))
            .arg(nextDay),
        // Alerts: one before the window, three in it, one after.
        QStringLiteral("INSERT INTO alerts (seq, at, severity, source, message) VALUES "
                       "(100, %1, 'warning', 'risk', 'daily loss at 80% of the limit'), "
                       "(498, %2, 'critical', 'risk', 'kill switch engaged: daily loss limit'), "
                       "(505, %3, 'warning', 'broker', 'broker answered slowly'), "
                       "(525, %4, 'warning', 'broker', 'broker slow again'), "
                       "(900, %5, 'recovered', 'broker', 'broker back to normal')")
            .arg(t(10, 10), t(10, 15), t(10, 20), t(10, 22), t(11, 0)),
        // PAUSED before the window (in force at its start), KILLED for 25 minutes, PAUSED for
        // two, HALTED after it.
        QStringLiteral("INSERT INTO trading_states (seq, session_date, at, wall_at, state, previous, actor, reason) "
                       "VALUES (10, '2026-11-20', %1, 0, 'ACTIVE', 'ACTIVE', 'system', 'session open'), "
                       "(20, '2026-11-20', %2, 0, 'PAUSED', 'ACTIVE', 'alice', 'losses'), "
                       "(499, '2026-11-20', %3, %4, 'KILLED', 'PAUSED', 'risk', 'daily loss limit'), "
                       "(600, '2026-11-20', %5, 0, 'ACTIVE', 'KILLED', 'alice', 'reset after review'), "
                       "(610, '2026-11-20', %6, 0, 'PAUSED', 'ACTIVE', 'alice', 'watching'), "
                       "(620, '2026-11-20', %7, 0, 'ACTIVE', 'PAUSED', 'alice', 'calm'), "
                       "(800, '2026-11-20', %8, 0, 'HALTED', 'ACTIVE', 'alice', 'lunch')")
            .arg(t(9, 30), t(10, 13), t(10, 15), wall(10, 15), t(10, 40), t(10, 42), t(10, 44), t(10, 50)),
        // A person's commands are operator actions; the engine's own records are not.
        QStringLiteral("INSERT INTO audit (id, at, actor, action, detail, hash, wall_at, seq, covers_from) VALUES "
                       "(1, %1, 'alice', 'pause', 'before the window', X'00', 0, 30, NULL), "
                       "(2, %2, 'alice', 'ack', 'alert #100: looking at it', X'00', %3, 490, NULL), "
                       "(3, %4, 'risk', 'kill', 'daily loss limit', X'00', 0, 497, NULL), "
                       "(4, %4, 'engine', 'orders and fills', '', X'00', 0, 501, 485), "
                       "(5, %5, 'alice', 'trading state', 'KILLED -> ACTIVE', X'00', 0, 601, NULL), "
                       "(6, %6, 'alice', 'incident-set', '#500 root_cause', X'00', 0, 551, NULL), "
                       "(7, %7, 'bob', 'flatten', 'all', X'00', 0, 560, NULL), "
                       "(8, %8, 'bob', 'resume', 'after the window', X'00', 0, 900, NULL), "
                       "(9, %8, 'market data', 'alert', 'market data silent for 120 s', X'00', 0, 901, NULL)")
            .arg(t(10, 0), t(10, 14, 30), wall(10, 14, 30), t(10, 15), t(10, 40), t(10, 30), t(10, 35), t(11, 0)),
        QStringLiteral(
            "INSERT INTO orders (client_order_id, session_date, order_number, strategy, symbol, side, type, qty, "
            "limit_price, status, filled_qty, created_at, updated_at, origin) VALUES "
            "('VG-20261120-1', '2026-11-20', 1, 'intraday_mean_reversion', 'AAPL', 'buy', 'market', 10, NULL, "
            "'filled', 10, %1, %1, 'strategy'), "
            "('VG-20261120-2', '2026-11-20', 2, 'intraday_mean_reversion', 'AAPL', 'buy', 'market', 10, NULL, "
            "'filled', 10, %2, %3, 'strategy'), "
            "('VG-20261120-3', '2026-11-20', 3, 'intraday_mean_reversion', 'AAPL', 'sell', 'limit', 10, 1900000, "
            "'filled', 10, %4, %5, 'operator')")
            .arg(t(10, 5), t(10, 14, 10), t(10, 14, 12), t(10, 35), t(10, 35, 5)),
        QStringLiteral("INSERT INTO order_events (seq, client_order_id, at, status, filled_qty) VALUES "
                       "(40, 'VG-20261120-1', %1, 'new', 0), (485, 'VG-20261120-2', %2, 'new', 0), "
                       "(561, 'VG-20261120-3', %3, 'new', 0)")
            .arg(t(10, 5), t(10, 14, 10), t(10, 35)),
        QStringLiteral("INSERT INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, qty, price, "
                       "fee) VALUES "
                       "(41, 'VG-20261120-1', 'x1', %1, 'intraday_mean_reversion', 'AAPL', 'buy', 10, 1870000, 999), "
                       "(486, 'VG-20261120-2', 'x2', %2, 'intraday_mean_reversion', 'AAPL', 'buy', 10, 1875000, 35), "
                       "(562, 'VG-20261120-3', 'x3', %3, 'intraday_mean_reversion', 'AAPL', 'sell', 10, 1900000, 1234)")
            .arg(t(10, 5, 1), t(10, 14, 12), t(10, 35, 5)),
        // The window runs 10:14:00 to 10:45:00: before = the 10:14:00 point, after = 10:45:00's.
        QStringLiteral("INSERT INTO equity_curve (at, equity) VALUES (%1, 1000000000), (%2, 999500000), "
                       "(%3, 990000000), (%4, 985432100), (%5, 1)")
            .arg(t(10, 13), t(10, 14), t(10, 30), t(10, 45), t(10, 46)),
        QStringLiteral("INSERT INTO incidents (id, session_date, at, wall_at, cause, level, title, opened_by, alert) "
                       "VALUES (500, '2026-11-20', %1, %2, 'kill', 3, 'Kill switch: daily loss limit', 'risk', 498), "
                       "(650, '2026-11-20', %3, 0, 'feed', 2, 'Market data silent', 'feed', NULL), "
                       "(2000, '2026-11-21', %4, 0, 'operator', 2, 'Drill of the broker outage', 'dave', NULL)")
            .arg(t(10, 15), wall(10, 15), t(10, 50))
            .arg(nextDay),
        QStringLiteral(
            "INSERT INTO incident_changes (seq, incident, at, wall_at, actor, field, value) VALUES "
            "(502, 500, %1, %2, 'alice', 'summary', 'The kill switch fired on the daily loss limit.'), "
            "(510, 500, %3, 0, 'bob', 'note', 'Called the broker | fills confirmed'), "
            "(530, 500, %4, 0, 'system', 'event', 'alert #525: broker slow again'), "
            "(540, 500, %5, 0, 'alice', 'root_cause', 'first guess'), "
            "(550, 500, %6, %7, 'alice', 'root_cause', 'A stale AAPL quote fed the mean-reversion signal.'), "
            "(555, 500, %8, 0, 'alice', 'preventive_immediate', 'Lower the AAPL position limit.'), "
            "(700, 500, %9, %10, 'carol', 'sign_off', 'Reviewed with the desk.'), "
            "(660, 650, %11, 0, 'system', 'level', '3')")
            .arg(t(10, 18), wall(10, 18), t(10, 20), t(10, 22), t(10, 25), t(10, 30), wall(10, 30), t(10, 31),
                 t(10, 45))
            .arg(wall(10, 45), t(10, 55))};
    execute(path, sql);
}

} // namespace vigil::testing
