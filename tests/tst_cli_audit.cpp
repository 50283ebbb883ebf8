// The real vigil binary: `vigil audit verify` on a finished headless day whose journal was
// changed the way an operator's sqlite3 shell would change it. Each way the issue found to
// shorten or sidestep the audit trail unnoticed is caught: the last record deleted, the
// last 82 deleted, an order's status or filled quantity changed, a fill added after the
// last covered record, a chain cut short below a backup's manifest; and --anchor checks a
// head kept elsewhere.
#include "SqlFiles.h"
#include "VigilProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using vigil::testing::execute;
using vigil::testing::rows;
using vigil::testing::scalar;

class TestCliAudit : public QObject {
    Q_OBJECT

    using Run = vigil::testing::VigilRun;

    QTemporaryDir m_home;
    QString m_day; ///< the finished day's data directory, never changed

    Run vigil(const QStringList &args) { return vigil::testing::runVigil(m_home.path(), args); }

    Run verify(const QString &dataDir, const QStringList &extra = {})
    {
        return vigil(
            QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), dataDir}
            + extra);
    }

    /// A data directory of its own holding the day's journal and its anchor file (but not
    /// the day's backups, whose manifests name the day's own data directory).
    QString copyOfDay(const QString &name)
    {
        const QString dir = m_home.filePath(name);
        QDir().mkpath(dir);
        if (!QFile::copy(journal(m_day), journal(dir)))
            qFatal("cannot copy %s", qPrintable(journal(m_day)));
        // theFinishedDayHoldsAgainstItsAnchorFileAndItsBackup() checks the writer left it.
        QFile::copy(QDir(m_day).filePath(QStringLiteral("journal.audit-anchor")),
                    QDir(dir).filePath(QStringLiteral("journal.audit-anchor")));
        return dir;
    }

    static QString journal(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("journal.sqlite")); }

    static QString head(const QString &dataDir)
    {
        return rows(journal(dataDir), QStringLiteral("SELECT id || ':' || lower(hex(hash)) FROM audit ORDER BY id DESC "
                                                     "LIMIT 1"))
            .value(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("VIGIL_BINARY").isEmpty());
        QVERIFY(m_home.isValid());
        m_day = m_home.filePath(QStringLiteral("day"));
        const Run run =
            vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"), QStringLiteral("77"),
                   QStringLiteral("--speed"), QStringLiteral("max"), QStringLiteral("--date"),
                   QStringLiteral("2026-11-20"), QStringLiteral("--data-dir"), m_day});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // How many there are depends on how the commits grouped (fewer on a busy machine).
        QVERIFY(scalar(journal(m_day), QStringLiteral("SELECT COUNT(*) FROM audit")) > 20);
        QVERIFY(scalar(journal(m_day), QStringLiteral("SELECT COUNT(*) FROM fills")) > 50);
    }

    void theFinishedDayHoldsAgainstItsAnchorFileAndItsBackup()
    {
        // The anchor file names the journal's last record: the writer updates it when it stops.
        QFile anchor(QDir(m_day).filePath(QStringLiteral("journal.audit-anchor")));
        QVERIFY(anchor.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(anchor.readAll()).trimmed(), head(m_day));

        const Run run = verify(m_day);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("anchor file %1 (%2): holds")
                                     .arg(QDir(m_day).filePath(QStringLiteral("journal.audit-anchor")), head(m_day))));
        // The day's closing backup names the chain's head as it was then.
        QVERIFY2(run.out.contains(QRegularExpression(
                     QStringLiteral("backup vigil-backup-\\S+-daily\\.tar \\(\\d+:[0-9a-f]{64}\\): holds"))),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("the audit trail holds")));
    }

    void theLastRecordDeletedIsCaughtByTheAnchorFile()
    {
        const QString dir = copyOfDay(QStringLiteral("last-deleted"));
        const QString anchored = head(dir);
        execute(journal(dir), {QStringLiteral("DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)")});
        const Run run = verify(dir);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            run.err.contains(QStringLiteral("(%1): SHORTENED: the chain ends at record %2, the anchor names record %3")
                                 .arg(anchored)
                                 .arg(anchored.section(QLatin1Char(':'), 0, 0).toLongLong() - 1)
                                 .arg(anchored.section(QLatin1Char(':'), 0, 0))),
            qPrintable(run.err));
        QVERIFY(run.err.contains(QLatin1String("the audit trail does NOT hold")));
    }

    void theLast82RecordsDeletedLeaveTheirFillsUncovered()
    {
        const QString dir = copyOfDay(QStringLiteral("last-82-deleted"));
        const qint64 last = scalar(journal(dir), QStringLiteral("SELECT MAX(id) FROM audit"));
        const qint64 cut = std::min<qint64>(82, last - 10); // the 82, or all but the morning's
        execute(journal(dir), {QStringLiteral("DELETE FROM audit WHERE id > %1").arg(last - cut)});
        const qint64 firstOrphan = scalar(journal(dir), QStringLiteral("SELECT MIN(seq) FROM fills WHERE seq > (SELECT "
                                                                       "MAX(seq) FROM audit)"));
        QVERIFY(firstOrphan > 0);
        const Run run = verify(dir);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(
                     QStringLiteral("fills row of journal record %1 lies in no audit record's range").arg(firstOrphan)),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QLatin1String("SHORTENED")));
        // The journal's own check cannot see it: what is left is a consistent journal.
        QCOMPARE(
            vigil({QStringLiteral("journal"), QStringLiteral("verify"), QStringLiteral("--data-dir"), dir}).exitCode,
            0);
    }

    void anOrdersStatusChangedIsNamed()
    {
        const QString dir = copyOfDay(QStringLiteral("status-changed"));
        const QString order = rows(journal(dir), QStringLiteral("SELECT client_order_id FROM orders WHERE status = "
                                                                "'filled' ORDER BY created_at LIMIT 1"))
                                  .value(0);
        QVERIFY(!order.isEmpty());
        execute(journal(dir),
                {QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE client_order_id = '%1'").arg(order)});
        const Run run = verify(dir);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(
                     QStringLiteral("order %1: orders.status is 'cancelled' but its last order event").arg(order)),
                 qPrintable(run.err));
    }

    void anOrdersFilledQuantityPlusOneIsNamed()
    {
        const QString dir = copyOfDay(QStringLiteral("filled-plus-one"));
        const QStringList order =
            rows(journal(dir), QStringLiteral("SELECT client_order_id, filled_qty FROM orders "
                                              "WHERE filled_qty > 0 ORDER BY created_at DESC LIMIT 1"))
                .value(0)
                .split(QLatin1Char('|'));
        QCOMPARE(order.size(), 2);
        execute(journal(dir),
                {QStringLiteral("UPDATE orders SET filled_qty = filled_qty + 1 WHERE client_order_id = '%1'")
                     .arg(order[0])});
        const Run run = verify(dir);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("order %1: orders.filled_qty is '%2' but its last order event")
                                      .arg(order[0])
                                      .arg(order[1].toLongLong() + 1)),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("says '%1'").arg(order[1])), qPrintable(run.err));
    }

    void aFillForgedAfterTheLastCoveredRecordIsNamed()
    {
        const QString dir = copyOfDay(QStringLiteral("forged-fill"));
        const qint64 seq = scalar(journal(dir), QStringLiteral("SELECT MAX(seq) FROM audit")) + 1;
        execute(
            journal(dir),
            {QStringLiteral("INSERT INTO fills (seq, client_order_id, execution_id, at, strategy, symbol, side, qty, "
                            "price, fee) SELECT %1, client_order_id, 'forged', at + 1, strategy, symbol, side, 100, "
                            "price, 0 FROM fills ORDER BY seq DESC LIMIT 1")
                 .arg(seq)});
        const Run run = verify(dir);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            run.err.contains(QStringLiteral("fills row of journal record %1 lies in no audit record's range").arg(seq)),
            qPrintable(run.err));
        // The chain itself and its anchor are untouched: only the coverage finds it.
        QVERIFY2(run.out.contains(QLatin1String("journal.audit-anchor"))
                     && !run.err.contains(QLatin1String("SHORTENED")),
                 qPrintable(run.out + run.err));
    }

    void anAnchorKeptElsewhereIsChecked()
    {
        const QString dir = copyOfDay(QStringLiteral("anchors"));
        const QString anchored = head(dir);
        const QString earlier =
            rows(journal(dir), QStringLiteral("SELECT lower(hex(hash)) FROM audit WHERE id = 10")).value(0);
        const Run good =
            verify(dir, {QStringLiteral("--anchor"), anchored, QStringLiteral("--anchor"), earlier.toUpper()});
        QVERIFY2(good.exitCode == 0, qPrintable(good.out + good.err));
        QVERIFY2(good.out.contains(QStringLiteral("--anchor (%1): holds\n").arg(anchored)), qPrintable(good.out));
        QVERIFY2(good.out.contains(QStringLiteral("--anchor (%1): holds (record 10)").arg(earlier)),
                 qPrintable(good.out));

        // A hash no record has, and a record's number with another's hash.
        const QString unknown(64, QLatin1Char('a'));
        const QString wrong = QStringLiteral("10:") + anchored.section(QLatin1Char(':'), 1);
        const Run bad = verify(dir, {QStringLiteral("--anchor"), unknown, QStringLiteral("--anchor"), wrong});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("--anchor (%1): NOT FOUND: no record of the chain").arg(unknown)),
                 qPrintable(bad.err));
        QVERIFY2(bad.err.contains(
                     QStringLiteral("--anchor (%1): REWRITTEN: the chain's record 10 has hash %2").arg(wrong, earlier)),
                 qPrintable(bad.err));

        // The same in JSON, one entry per anchor checked.
        const Run json = verify(dir, {QStringLiteral("--json"), QStringLiteral("--anchor"), unknown});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("holds")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("head")).toString(), anchored);
        const QJsonArray anchors = o.value(QStringLiteral("anchors")).toArray();
        QCOMPARE(anchors.size(), 2); // the anchor file and --anchor
        QCOMPARE(anchors[0].toObject().value(QStringLiteral("holds")).toBool(), true);
        QCOMPARE(anchors[1].toObject().value(QStringLiteral("source")).toString(), QStringLiteral("--anchor"));
        QCOMPARE(anchors[1].toObject().value(QStringLiteral("holds")).toBool(true), false);

        for (const QString &malformed :
             {QStringLiteral("xyz"), QStringLiteral("12:abc"), QString(63, QLatin1Char('a'))}) {
            const Run run = verify(dir, {QStringLiteral("--anchor"), malformed});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QStringLiteral("--anchor '%1' is not an audit hash").arg(malformed)),
                     qPrintable(run.err));
        }
    }

    void aBackupsManifestCatchesAChainCutShortWithItsAnchorFile()
    {
        // A backup taken now records the head; then the chain's end and the anchor file both go.
        const QString dir = copyOfDay(QStringLiteral("backup-anchor"));
        const QString anchored = head(dir);
        const Run backup =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), dir});
        QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));
        const QString archive = QFileInfo(backup.lastLine()).fileName();
        QVERIFY2(archive.startsWith(QLatin1String("vigil-backup-")), qPrintable(backup.out));
        const QString anchorFile = QDir(dir).filePath(QStringLiteral("journal.audit-anchor"));
        QFile::remove(anchorFile);
        QVERIFY(!QFile::exists(anchorFile));
        execute(journal(dir), {QStringLiteral("DELETE FROM audit WHERE id > (SELECT MAX(id) - 3 FROM audit)")});

        const Run run = verify(dir);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("backup %1 (%2): SHORTENED").arg(archive, anchored)),
                 qPrintable(run.err));
    }

    void aRestoreRewindsTheChainAndSaysSo()
    {
        // A day, a backup, the next day with its daily backup; then the first backup is
        // restored. The second day's anchors name records the restored chain does not hold:
        // that is the restore's doing, said as such, and the trail still holds.
        const QString dir = m_home.filePath(QStringLiteral("restored"));
        const auto day = [&](const char *date) {
            return vigil({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--seed"),
                          QStringLiteral("5"), QStringLiteral("--speed"), QStringLiteral("max"),
                          QStringLiteral("--date"), QString::fromLatin1(date), QStringLiteral("--data-dir"), dir});
        };
        const Run first = day("2026-11-19");
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const Run backup =
            vigil({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--data-dir"), dir});
        QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));
        const Run second = day("2026-11-20");
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        const QStringList daily =
            QDir(dir + QStringLiteral("/backups")).entryList({QStringLiteral("*-daily.tar")}, QDir::Files, QDir::Name);
        QCOMPARE(daily.size(), 1); // the second day's: the first day's was pruned (one daily a day)
        const QString replacedHead = head(dir);
        const Run restore = vigil(
            {QStringLiteral("restore"), backup.lastLine(), QStringLiteral("--yes"), QStringLiteral("--data-dir"), dir});
        QVERIFY2(restore.exitCode == 0, qPrintable(restore.out + restore.err));
        QVERIFY(!QFile::exists(QDir(dir).filePath(QStringLiteral("journal.audit-anchor"))));
        QCOMPARE(QDir(dir).entryList({QStringLiteral("journal.audit-anchor.restored-*")}).size(), 1);

        const Run run = verify(dir);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("(%1): SHORTENED").arg(replacedHead))
                     && run.out.contains(QLatin1String("(expected: the restore at ")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("backup %1 (").arg(daily.first())), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("the audit trail holds")));

        // After the restore, a chain cut short is caught as before: the next day anchors anew.
        const Run next = day("2026-11-23");
        QVERIFY2(next.exitCode == 0, qPrintable(next.err));
        execute(journal(dir), {QStringLiteral("DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)")});
        const Run cut = verify(dir);
        QCOMPARE(cut.exitCode, 1);
        QVERIFY2(cut.err.contains(QLatin1String("journal.audit-anchor ("))
                     && cut.err.contains(QLatin1String("SHORTENED")),
                 qPrintable(cut.err));
    }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
