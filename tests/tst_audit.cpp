// The audit trail: a session's chain verifies and covers every order event and fill; an
// edited, deleted or reordered record is named, as is an edit whose own hash was redone;
// an edited or deleted fill breaks the record that covers it; export writes a day's range;
// the console's trail is the journal's newest committed records, and survives a reopening.
#include "SqlFiles.h"
#include "api/AuditAnchor.h"
#include "api/AuditChain.h"
#include "api/AuditTrail.h"
#include "api/Config.h"
#include "api/Engine.h"
#include "store/AuditHash.h"
#include "store/AuditTrailPublisher.h"
#include "store/JournalWriter.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
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

/// The first digest's form (version 1) of the order events and fills of journal records
/// `from` .. `to`, worked out here from the tables as a build before version 2 wrote it.
QByteArray firstDigest(const QString &path, qint64 from, qint64 to)
{
    TradeRowsDigest digest(1);
    for (const QString &row :
         rows(path, QStringLiteral("SELECT e.seq, e.client_order_id, e.at, e.status, e.filled_qty, "
                                   "e.reason, o.strategy, o.symbol, o.side, o.type, o.qty, "
                                   "o.limit_price FROM order_events e JOIN orders o USING "
                                   "(client_order_id) WHERE e.seq BETWEEN %1 AND %2 ORDER BY e.seq")
                        .arg(from)
                        .arg(to))) {
        const QStringList f = row.split(QLatin1Char('|'));
        const QByteArray id = utf8(f[1]), status = utf8(f[3]), reason = utf8(f[5]), strategy = utf8(f[6]),
                         symbol = utf8(f[7]), side = utf8(f[8]), type = utf8(f[9]);
        digest.addOrderEvent(f[0].toLongLong(), view(id), f[2].toLongLong(), view(status), f[4].toLongLong(),
                             view(reason), view(strategy), view(symbol), view(side), view(type), f[10].toLongLong(),
                             f[11].isEmpty() ? std::nullopt : std::optional<std::int64_t>(f[11].toLongLong()));
    }
    for (const QString &row :
         rows(path, QStringLiteral("SELECT seq, client_order_id, execution_id, at, strategy, symbol, "
                                   "side, qty, price, fee FROM fills WHERE seq BETWEEN %1 AND %2 "
                                   "ORDER BY seq")
                        .arg(from)
                        .arg(to))) {
        const QStringList f = row.split(QLatin1Char('|'));
        const QByteArray id = utf8(f[1]), execution = utf8(f[2]), strategy = utf8(f[4]), symbol = utf8(f[5]),
                         side = utf8(f[6]);
        digest.addFill(f[0].toLongLong(), view(id), view(execution), f[3].toLongLong(), view(strategy), view(symbol),
                       view(side), f[7].toLongLong(), f[8].toLongLong(), f[9].toLongLong());
    }
    return digest.take();
}

/// Rewrites the journal's chain as a build that wrote the first digest for records 1 to
/// `lastFirstDigest` (and the current one after) would have: those records' digests in
/// version 1, and every hash from the first record on.
void rechainWithFirstDigestUpTo(const QString &path, qint64 lastFirstDigest)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rechain"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery read(db), write(db);
        QVERIFY(read.exec(QStringLiteral("SELECT id, at, wall_at, actor, action, detail, covers_from, seq, rows_hash "
                                         "FROM audit ORDER BY id")));
        QVERIFY(
            write.prepare(QStringLiteral("UPDATE audit SET previous_hash = ?, hash = ?, rows_hash = ? WHERE id = ?")));
        QByteArray previous;
        QVERIFY(db.transaction());
        while (read.next()) {
            const qint64 id = read.value(0).toLongLong();
            const QByteArray actor = utf8(read.value(3).toString()), action = utf8(read.value(4).toString()),
                             detail = utf8(read.value(5).toString());
            AuditEntry entry{id,
                             read.value(1).toLongLong(),
                             read.value(2).toLongLong(),
                             view(actor),
                             view(action),
                             view(detail),
                             0,
                             0,
                             {}};
            if (!read.value(6).isNull()) {
                entry.coversFrom = read.value(6).toLongLong();
                entry.coversTo = read.value(7).toLongLong();
                entry.rowsHash = id <= lastFirstDigest ? firstDigest(path, entry.coversFrom, entry.coversTo)
                                                       : read.value(8).toByteArray();
            }
            const QByteArray hash = auditHash(entry, previous);
            write.addBindValue(previous.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(previous));
            write.addBindValue(hash);
            write.addBindValue(entry.rowsHash.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                        : QVariant(entry.rowsHash));
            write.addBindValue(id);
            QVERIFY2(write.exec(), qPrintable(write.lastError().text()));
            previous = hash;
        }
        QVERIFY(db.commit());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rechain"));
}
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
        const QStringList row =
            rows(path, QStringLiteral("SELECT at, wall_at, actor, action, detail, hex(previous_hash), "
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

    void theLastRecordDeletedIsCaughtOnlyByAnAnchor()
    {
        // What a chain cannot tell by itself: its own end cut off (what is left is still a
        // whole chain). A copy of its head kept elsewhere can.
        const QString path = copyOfSession("truncated");
        // Which record ends the session's chain depends on how its commits grouped (the last
        // one may cover trades). An operator's note is chained after it the way the writer
        // chains one, so that cutting the end off leaves every row covered.
        {
            const QStringList last =
                rows(path, QStringLiteral("SELECT id, at, hex(hash) FROM audit ORDER BY id DESC LIMIT 1"))
                    .value(0)
                    .split(QLatin1Char('|'));
            QCOMPARE(last.size(), 3);
            const qint64 id = last[0].toLongLong() + 1;
            const QByteArray previous = QByteArray::fromHex(last[2].toLatin1());
            const AuditEntry note{id, last[1].toLongLong(), 1, "operator", "note", "end of day checked", 0, 0, {}};
            execute(path,
                    {QStringLiteral("INSERT INTO audit (id, at, wall_at, actor, action, detail, previous_hash, hash, "
                                    "seq) VALUES (%1, %2, 1, 'operator', 'note', 'end of day checked', x'%3', x'%4', "
                                    "(SELECT MAX(seq) FROM audit))")
                         .arg(id)
                         .arg(last[1])
                         .arg(last[2], QString::fromLatin1(auditHash(note, previous).toHex()))});
            QVERIFY(verifyAudit(path).ok());
        }
        const QStringList head = rows(path, QStringLiteral("SELECT id, hex(hash) FROM audit ORDER BY id DESC LIMIT 1"))
                                     .value(0)
                                     .split(QLatin1Char('|'));
        QCOMPARE(head.size(), 2);
        execute(path, {QStringLiteral("DELETE FROM audit WHERE id = %1").arg(head[0])});
        const AuditCheck bare = verifyAudit(path);
        QVERIFY2(bare.ok(), qPrintable(bare.problem + bare.findings.join(QLatin1Char('\n'))));
        QCOMPARE(bare.records, head[0].toLongLong() - 1);

        AuditAnchor anchor;
        anchor.source = QStringLiteral("the day's report");
        anchor.id = head[0].toLongLong();
        anchor.hash = QByteArray::fromHex(head[1].toLatin1());
        const AuditCheck anchored = verifyAudit(path, {anchor});
        QVERIFY(!anchored.ok());
        QCOMPARE(anchored.anchors.size(), std::size_t(1));
        QCOMPARE(anchored.anchors[0].outcome, QStringLiteral("SHORTENED: the chain ends at record %1, the anchor names "
                                                             "record %2")
                                                  .arg(anchor.id - 1)
                                                  .arg(anchor.id));
        // The record before it still holds against its own head.
        anchor.id = bare.headId;
        anchor.hash = bare.headHash;
        QVERIFY(verifyAudit(path, {anchor}).ok());
    }

    void theWriterAnchorsTheCommittedHeadBesideTheJournal()
    {
        const AuditAnchor anchor = readAnchorFile(auditAnchorPath(m_pristine));
        QVERIFY2(anchor.problem.isEmpty(), qPrintable(anchor.problem));
        QCOMPARE(QFileInfo(auditAnchorPath(m_pristine)).fileName(), QStringLiteral("session.audit-anchor"));
        const AuditCheck check = verifyAudit(m_pristine, {anchor});
        QVERIFY(check.ok());
        QCOMPARE(anchor.id, check.headId);
        QCOMPARE(anchor.hash, check.headHash);
        QCOMPARE(check.anchors[0].outcome, QStringLiteral("holds"));
    }

    void aJournalOpenedUnderAnAnchorItsChainDoesNotHoldKeepsItAsEvidence()
    {
        // The journal's end is cut off while no vigil runs; the next day's session then opens it.
        const QString path = copyOfSession("cut-then-reopened");
        const QString anchorFile = auditAnchorPath(path);
        QVERIFY(QFile::copy(auditAnchorPath(m_pristine), anchorFile));
        const AuditAnchor before = readAnchorFile(anchorFile);
        execute(path, {QStringLiteral("DELETE FROM audit WHERE id > %1").arg(before.id - 2)});
        journaledSession(path, defaultConfig(), Date{2026, 11, 23});

        const QStringList files = auditAnchorFiles(path);
        QCOMPARE(files.size(), 2);
        QVERIFY2(QFileInfo(files[0]).fileName().startsWith(QLatin1String("cut-then-reopened.audit-anchor.superseded-")),
                 qPrintable(files[0]));
        const AuditAnchor kept = readAnchorFile(files[0]);
        QCOMPARE(kept.id, before.id);
        QCOMPARE(kept.hash, before.hash);
        std::vector<AuditAnchor> anchors;
        for (const QString &f : files)
            anchors.push_back(readAnchorFile(f));
        const AuditCheck check = verifyAudit(path, anchors);
        QVERIFY(!check.ok());
        QVERIFY2(check.anchors[0].outcome.startsWith(
                     QStringLiteral("REWRITTEN: the chain's record %1 has hash").arg(before.id)),
                 qPrintable(check.anchors[0].outcome));
        QCOMPARE(check.anchors[1].outcome, QStringLiteral("holds")); // the new anchor names the new head
        QCOMPARE(check.anchors[1].anchor.id, check.headId);
    }

    void anUnreadableAnchorFails()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbled.audit-anchor"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not an anchor\n");
        file.close();
        const AuditCheck check = verifyAudit(m_pristine, {readAnchorFile(path)});
        QVERIFY(!check.ok());
        QCOMPARE(check.anchors[0].outcome, QStringLiteral("MALFORMED: it does not hold ID:HASH"));
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
        const QString seq =
            QString::number(scalar(path, QStringLiteral("SELECT seq FROM fills ORDER BY seq LIMIT 1 OFFSET 40")));
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
        const QString event =
            QString::number(scalar(events, QStringLiteral("SELECT seq FROM order_events WHERE status = "
                                                          "'accepted' ORDER BY seq LIMIT 1 OFFSET 5")));
        QVERIFY(event.toLongLong() > 0);
        execute(events, {QStringLiteral("DELETE FROM order_events WHERE seq = %1").arg(event)});
        QCOMPARE(verifyAudit(events).firstBroken, coveringRecord(events, event));
    }

    void anOrdersFixedColumnChangedBreaksTheRecordThatCoversItsFirstEvent()
    {
        for (const QString &change :
             {QStringLiteral("arrival_mid = arrival_mid + 1"), QStringLiteral("origin = 'operator'"),
              QStringLiteral("created_at = created_at - 1"), QStringLiteral("order_number = -order_number"),
              QStringLiteral("session_date = '2026-11-19'")}) {
            const QString path = copyOfSession("order-header");
            const QString order =
                rows(path, QStringLiteral("SELECT client_order_id FROM orders WHERE arrival_mid IS NOT "
                                          "NULL AND origin = 'strategy' ORDER BY created_at LIMIT 1 OFFSET 3"))
                    .value(0);
            QVERIFY(!order.isEmpty());
            const QString first = QString::number(scalar(
                path, QStringLiteral("SELECT MIN(seq) FROM order_events WHERE client_order_id = '%1'").arg(order)));
            execute(path, {QStringLiteral("PRAGMA foreign_keys = OFF"),
                           QStringLiteral("UPDATE orders SET %1 WHERE client_order_id = '%2'").arg(change, order)});
            const AuditCheck check = verifyAudit(path);
            QVERIFY2(check.firstBroken == coveringRecord(path, first),
                     qPrintable(change + QStringLiteral(": ") + check.problem));
        }
    }

    void recordsWrittenWithTheFirstDigestStillVerify()
    {
        // A journal whose first half was audited by a build that wrote digest version 1.
        const QString path = copyOfSession("first-digest");
        const qint64 last = scalar(path, QStringLiteral("SELECT MAX(id) FROM audit"));
        rechainWithFirstDigestUpTo(path, last / 2);
        const QStringList versions = rows(path, QStringLiteral("SELECT DISTINCT length(rows_hash) FROM audit WHERE "
                                                               "rows_hash IS NOT NULL ORDER BY 1"));
        QCOMPARE(versions, (QStringList{QStringLiteral("32"), QStringLiteral("33")}));
        const AuditCheck check = verifyAudit(path);
        QVERIFY2(check.ok(), qPrintable(check.problem + check.findings.join(QLatin1Char('\n'))));
        QCOMPARE(check.records, last);

        // A fill a version 1 record covers is still protected ...
        const QString fill =
            QString::number(scalar(path, QStringLiteral("SELECT f.seq FROM fills f JOIN audit a ON f.seq "
                                                        "BETWEEN a.covers_from AND a.seq WHERE "
                                                        "length(a.rows_hash) = 32 ORDER BY f.seq LIMIT 1")));
        const QString edited = copyOfSession("first-digest-fill");
        QFile::remove(edited);
        QVERIFY(QFile::copy(path, edited));
        execute(edited, {QStringLiteral("UPDATE fills SET qty = qty + 1 WHERE seq = %1").arg(fill)});
        QCOMPARE(verifyAudit(edited).firstBroken, coveringRecord(edited, fill));

        // ... but version 1 did not hash an order's arrival mid: that needs a version 2 record.
        const QString order = rows(path, QStringLiteral("SELECT e.client_order_id FROM order_events e JOIN audit a ON "
                                                        "e.seq BETWEEN a.covers_from AND a.seq JOIN orders o USING "
                                                        "(client_order_id) WHERE length(a.rows_hash) = 32 AND "
                                                        "o.arrival_mid IS NOT NULL ORDER BY e.seq LIMIT 1"))
                                  .value(0);
        QVERIFY(!order.isEmpty());
        execute(path, {QStringLiteral("UPDATE orders SET arrival_mid = arrival_mid + 1 WHERE client_order_id = '%1'")
                           .arg(order)});
        QVERIFY(verifyAudit(path).ok());
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
                    out << QStringLiteral("%1|%2|%3")
                               .arg(r.id)
                               .arg(QString::fromStdString(r.action), QString::fromStdString(r.hash).toUpper());
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
        const auto others =
            std::count_if(trail->rows.begin(), trail->rows.end(), [](const AuditRow &r) { return !r.coversTrades; });
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
