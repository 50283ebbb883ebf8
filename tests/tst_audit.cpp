// The audit trail: a session's chain verifies and covers every order event and fill; an
// edited, deleted or reordered record is named, as is an edit whose own hash was redone;
// an edited or deleted fill breaks the record that covers it; export writes a day's range;
// the console's trail is the journal's newest committed records, and survives a reopening.
#include "config/Config.h"
#include "runtime/Engine.h"
#include "store/AuditChain.h"
#include "store/AuditTrail.h"
#include "store/JournalWriter.h"
#include "SqlFiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace vigil;
using namespace vigil::testing;

namespace {
/// A whole simulated session journaled at `path`.
void journaledSession(const QString &path, Config config = defaultConfig(), Date day = Date{2026, 11, 20})
{
    RunOptions o;
    o.seed = 7;
    o.sessionDate = day;
    Engine engine(std::move(config), o);
    const std::string error = engine.openJournal(path.toStdString());
    if (!error.empty())
        qFatal("cannot open the journal: %s", error.c_str());
    engine.start();
    engine.waitFinished();
}

QByteArray utf8(const QString &s) { return s.toUtf8(); }
std::string_view view(const QByteArray &b) { return {b.constData(), static_cast<std::size_t>(b.size())}; }
}

class TestAudit : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pristine; ///< a journaled session, copied for each test that damages one

    QString copyOfSession(const char *name)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name) + QStringLiteral(".sqlite"));
        QFile::remove(path);
        if (!QFile::copy(m_pristine, path))
            qFatal("cannot copy the journal");
        return path;
    }

    qint64 coveringRecord(const QString &path, const QString &fillSeq)
    {
        return scalar(path, QStringLiteral("SELECT id FROM audit WHERE covers_from IS NOT NULL AND %1 BETWEEN "
                                           "covers_from AND seq")
                                .arg(fillSeq));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pristine = m_dir.filePath(QStringLiteral("session.sqlite"));
        journaledSession(m_pristine);
        // Fold the WAL into the file, so that copies carry everything.
        execute(m_pristine, {QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")});
    }

    void aSessionsChainVerifiesAndCoversEveryOrderEventAndFill()
    {
        const AuditCheck check = verifyAudit(m_pristine);
        QVERIFY2(check.ok(), qPrintable(check.problem));
        QCOMPARE(check.records, scalar(m_pristine, QStringLiteral("SELECT COUNT(*) FROM audit")));
        QVERIFY(scalar(m_pristine, QStringLiteral("SELECT COUNT(*) FROM fills")) > 50);
        const QString uncovered = QStringLiteral(
            "SELECT COUNT(*) FROM %1 r WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.covers_from IS NOT NULL "
            "AND r.seq BETWEEN a.covers_from AND a.seq)");
        QCOMPARE(scalar(m_pristine, uncovered.arg(QStringLiteral("fills"))), qint64(0));
        QCOMPARE(scalar(m_pristine, uncovered.arg(QStringLiteral("order_events"))), qint64(0));
        // The session's opening and closing are records of their own.
        QCOMPARE(scalar(m_pristine, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'session'")), qint64(2));
    }

    void anEditedRecordIsNamed()
    {
        const QString path = copyOfSession("edited");
        execute(path, {QStringLiteral("UPDATE audit SET detail = detail || ' (amended)' WHERE id = 2")});
        const AuditCheck check = verifyAudit(path);
        QCOMPARE(check.firstBroken, qint64(2));
        QVERIFY2(check.problem.contains(QLatin1String("edited")), qPrintable(check.problem));
    }

    void anEditWithItsOwnHashRedoneBreaksTheNextLink()
    {
        const QString path = copyOfSession("rehashed");
        const QStringList row = rows(path, QStringLiteral("SELECT at, wall_at, actor, action, detail, hex(previous_hash), "
                                                          "covers_from, seq, hex(rows_hash) FROM audit WHERE id = 2"));
        QCOMPARE(row.size(), 1);
        const QStringList f = row.first().split(QLatin1Char('|'));
        const QByteArray actor = utf8(f[2]), action = utf8(f[3]), detail = utf8(f[4] + QStringLiteral(" (amended)"));
        AuditEntry entry{2, f[0].toLongLong(), f[1].toLongLong(), view(actor), view(action), view(detail), 0, 0, {}};
        if (!f[6].isEmpty()) {
            entry.coversFrom = f[6].toLongLong();
            entry.coversTo = f[7].toLongLong();
            entry.rowsHash = QByteArray::fromHex(f[8].toLatin1());
        }
        const QByteArray forged = auditHash(entry, QByteArray::fromHex(f[5].toLatin1()));
        execute(path, {QStringLiteral("UPDATE audit SET detail = '%1', hash = x'%2' WHERE id = 2")
                           .arg(QString::fromUtf8(detail), QString::fromLatin1(forged.toHex()))});
        const AuditCheck check = verifyAudit(path);
        QCOMPARE(check.firstBroken, qint64(3));
        QVERIFY2(check.problem.contains(QLatin1String("does not follow record 2")), qPrintable(check.problem));
    }

    void aDeletedRecordIsNamed()
    {
        const QString path = copyOfSession("deleted");
        execute(path, {QStringLiteral("DELETE FROM audit WHERE id = 3")});
        const AuditCheck check = verifyAudit(path);
        QCOMPARE(check.firstBroken, qint64(4));
        QVERIFY2(check.problem.contains(QLatin1String("record(s) 3 to 3 are missing")), qPrintable(check.problem));
    }

    void theLastRecordDeletedIsNotDetectableButTheChainStillHolds()
    {
        // What a chain cannot tell by itself: its own end cut off. Only a copy of the last
        // hash kept elsewhere can; what is left is still a whole chain.
        const QString path = copyOfSession("truncated");
        execute(path, {QStringLiteral("DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)")});
        const AuditCheck check = verifyAudit(path);
        QVERIFY(check.ok());
        QCOMPARE(check.records, scalar(m_pristine, QStringLiteral("SELECT COUNT(*) FROM audit")) - 1);
    }

    void reorderedRecordsAreNamed()
    {
        const QString path = copyOfSession("reordered");
        execute(path, {QStringLiteral("UPDATE audit SET id = -1 WHERE id = 2"),
                       QStringLiteral("UPDATE audit SET id = 2 WHERE id = 3"),
                       QStringLiteral("UPDATE audit SET id = 3 WHERE id = -1")});
        const AuditCheck check = verifyAudit(path);
        QCOMPARE(check.firstBroken, qint64(2));
        QVERIFY(!check.ok());
    }

    void anEditedFillBreaksTheRecordThatCoversIt()
    {
        const QString path = copyOfSession("fill-edited");
        const QString seq = QString::number(scalar(path, QStringLiteral("SELECT seq FROM fills ORDER BY seq LIMIT 1 OFFSET 40")));
        execute(path, {QStringLiteral("UPDATE fills SET price = price + 100 WHERE seq = %1").arg(seq)});
        const AuditCheck check = verifyAudit(path);
        QCOMPARE(check.firstBroken, coveringRecord(path, seq));
        QVERIFY2(check.problem.contains(QLatin1String("do not match")), qPrintable(check.problem));
    }

    void aDeletedFillOrOrderEventBreaksTheRecordThatCoversIt()
    {
        const QString fills = copyOfSession("fill-deleted");
        const QString fill = QString::number(scalar(fills, QStringLiteral("SELECT MAX(seq) FROM fills")));
        execute(fills, {QStringLiteral("DELETE FROM fills WHERE seq = %1").arg(fill)});
        QCOMPARE(verifyAudit(fills).firstBroken, coveringRecord(fills, fill));

        const QString events = copyOfSession("event-deleted");
        const QString event = QString::number(scalar(events, QStringLiteral("SELECT seq FROM order_events WHERE status = "
                                                                             "'accepted' ORDER BY seq LIMIT 1 OFFSET 5")));
        QVERIFY(event.toLongLong() > 0);
        execute(events, {QStringLiteral("DELETE FROM order_events WHERE seq = %1").arg(event)});
        QCOMPARE(verifyAudit(events).firstBroken, coveringRecord(events, event));
    }

    void theConfigurationAndEveryLimitChangeAreAudited()
    {
        QCOMPARE(rows(m_pristine, QStringLiteral("SELECT detail FROM audit WHERE action = 'configuration'")),
                 QStringList{QStringLiteral("built-in defaults")});
        QCOMPARE(scalar(m_pristine, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'limit'")), qint64(16));
        QCOMPARE(rows(m_pristine, QStringLiteral("SELECT detail FROM audit WHERE action = 'limit' AND detail LIKE "
                                                 "'risk.kill_drawdown_pct%'")),
                 QStringList{QStringLiteral("risk.kill_drawdown_pct = 2")});

        // The next trading day starts with one limit tightened: only that one is recorded.
        const QString path = copyOfSession("next-day");
        Config tighter = defaultConfig();
        tighter.risk.maxOpenOrders = 100;
        journaledSession(path, tighter, Date{2026, 11, 23});
        QCOMPARE(rows(path, QStringLiteral("SELECT detail FROM audit WHERE action = 'limit change'")),
                 QStringList{QStringLiteral("risk.max_open_orders = 100 (was 200)")});
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'limit'")), qint64(16));
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'configuration'")), qint64(2));
        const AuditCheck check = verifyAudit(path);
        QVERIFY2(check.ok(), qPrintable(check.problem));
    }

    void theConsolesTrailIsTheJournalsNewestCommittedRecords()
    {
        const QString path = m_dir.filePath(QStringLiteral("trail.sqlite"));
        RunOptions o;
        o.seed = 7;
        o.sessionDate = Date{2026, 11, 20};
        std::shared_ptr<const AuditTrail> trail;
        {
            Engine engine(defaultConfig(), o);
            QVERIFY(!engine.auditTrail()); // no journal, no trail
            QCOMPARE(engine.openJournal(path.toStdString()), std::string());
            engine.start();
            engine.waitFinished();
            engine.stop();
            trail = engine.auditTrail();
        }
        QVERIFY(trail);
        // As the journal has them: the newest records of each kind, oldest first, by number
        // and hash, with the chain's end.
        auto shown = [](const AuditTrail &t, bool trades) {
            QStringList out;
            for (const AuditRow &r : t.rows)
                if (r.coversTrades == trades)
                    out << QStringLiteral("%1|%2|%3").arg(r.id).arg(QString::fromStdString(r.action),
                                                                  QString::fromStdString(r.hash).toUpper());
            return out;
        };
        auto stored = [&path](const char *where, int limit) {
            QStringList newest = rows(path, QStringLiteral("SELECT id, action, hex(hash) FROM audit WHERE %1 "
                                                           "ORDER BY id DESC LIMIT %2")
                                                 .arg(QLatin1String(where))
                                                 .arg(limit));
            std::reverse(newest.begin(), newest.end());
            return newest;
        };
        const QStringList records = stored("covers_from IS NULL", int(kAuditTrailRecords));
        const QStringList trades = stored("covers_from IS NOT NULL", int(kAuditTrailTradeRecords));
        QVERIFY2(records.size() > 16, qPrintable(records.join(QLatin1Char(',')))); // configuration, limits, session ...
        QVERIFY(!trades.isEmpty());
        QCOMPARE(shown(*trail, false), records);
        QCOMPARE(shown(*trail, true), trades);
        QCOMPARE(trail->lastId, scalar(path, QStringLiteral("SELECT MAX(id) FROM audit")));
        for (std::size_t i = 1; i < trail->rows.size(); ++i)
            QVERIFY(trail->rows[i - 1].id < trail->rows[i].id);

        // Reopened (a restarted console): the same trail, read from the file.
        JournalWriter reopened(path, JournalNames{{}, {}, "2026-11-20", 7});
        QCOMPARE(reopened.start(), QString());
        const std::shared_ptr<const AuditTrail> loaded = reopened.auditTrail();
        reopened.stop();
        QCOMPARE(shown(*loaded, false), records);
        QCOMPARE(shown(*loaded, true), trades);
        QCOMPARE(loaded->lastId, trail->lastId);
        QCOMPARE(loaded->rows, trail->rows);
    }

    void theTrailPublishesOnlyWhatCommittedAtABoundedRate()
    {
        AuditTrailPublisher publisher;
        QCOMPARE(publisher.latest()->rows.size(), std::size_t(0));
        auto row = [](std::int64_t id, bool trades) {
            AuditRow r;
            r.id = id;
            r.action = trades ? "orders and fills" : "trading state";
            r.coversTrades = trades;
            return r;
        };
        // A transaction that rolled back never shows.
        publisher.stage(row(1, false));
        publisher.discardStaged();
        publisher.commitStaged(1'000'000'000);
        publisher.publishPending(1'000'000'000);
        QCOMPARE(publisher.latest()->rows.size(), std::size_t(0));

        // Committed: shown at once when the last publication is old enough...
        publisher.stage(row(1, false));
        publisher.commitStaged(1'000'000'000);
        QCOMPARE(publisher.latest()->lastId, std::int64_t(1));
        const std::uint64_t version = publisher.latest()->version;
        // ...otherwise only once the store thread goes idle (publishPending).
        publisher.stage(row(2, true));
        publisher.commitStaged(1'050'000'000);
        QCOMPARE(publisher.latest()->version, version);
        publisher.publishPending(1'060'000'000);
        QCOMPARE(publisher.latest()->lastId, std::int64_t(2));
        QCOMPARE(publisher.latest()->version, version + 1);
        publisher.publishPending(1'070'000'000); // nothing new: no new version
        QCOMPARE(publisher.latest()->version, version + 1);

        // Thousands of trade records never push the others out.
        std::int64_t id = 2;
        for (int i = 0; i < 5'000; ++i) {
            publisher.stage(row(++id, true));
            if (i % 1'000 == 0)
                publisher.stage(row(++id, false));
            publisher.commitStaged(2'000'000'000 + i);
        }
        publisher.publishPending(3'000'000'000);
        const std::shared_ptr<const AuditTrail> trail = publisher.latest();
        const auto others = std::count_if(trail->rows.begin(), trail->rows.end(), [](const AuditRow &r) { return !r.coversTrades; });
        QCOMPARE(others, 1 + 5);
        QCOMPARE(trail->rows.size(), std::size_t(6) + kAuditTrailTradeRecords);
        QCOMPARE(trail->rows.front().id, std::int64_t(1));
        QCOMPARE(trail->rows.back().id, id);
        QCOMPARE(trail->lastId, id);
    }

    void exportWritesTheDaysRecordsAsCsv()
    {
        const QString out = m_dir.filePath(QStringLiteral("audit.csv"));
        std::int64_t written = -1;
        QCOMPARE(exportAudit(m_pristine, QStringLiteral("2026-11-20"), QStringLiteral("2026-11-20"), out, written),
                 QString());
        QCOMPARE(written, scalar(m_pristine, QStringLiteral("SELECT COUNT(*) FROM audit")));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(), QByteArray("id,time_utc,wall_time_utc,actor,action,detail,sha256"));
        QVERIFY(lines.at(1).startsWith("1,2026-11-20T"));
        QVERIFY(lines.at(1).contains(",system,session,"));
        QCOMPARE(lines.size(), int(written) + 2); // the header, the records, and the final newline's empty rest

        std::int64_t none = -1;
        const QString empty = m_dir.filePath(QStringLiteral("none.csv"));
        QCOMPARE(exportAudit(m_pristine, QStringLiteral("2026-11-21"), QStringLiteral("2026-11-30"), empty, none),
                 QString());
        QCOMPARE(none, std::int64_t(0));
    }

    void exportRefusesBadRangesAndWritesNothing()
    {
        const QString out = m_dir.filePath(QStringLiteral("bad.csv"));
        std::int64_t written = 0;
        QVERIFY(exportAudit(m_pristine, QStringLiteral("2026-13-01"), QStringLiteral("2026-11-20"), out, written)
                    .contains(QLatin1String("--from '2026-13-01' is not a date")));
        QVERIFY(exportAudit(m_pristine, QStringLiteral("2026-11-20"), QStringLiteral("2026-11-19"), out, written)
                    .contains(QLatin1String("before")));
        QVERIFY(exportAudit(m_dir.filePath(QStringLiteral("missing.sqlite")), QStringLiteral("2026-11-20"),
                            QStringLiteral("2026-11-20"), out, written)
                    .contains(QLatin1String("no such journal")));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
