#include "api/OperatorAudit.h"

#include "api/AuditAnchor.h"
#include "store/AuditHash.h"
#include "store/Schema.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace vigil {

namespace {

/// The journal's records carry one sequence of numbers across its tables; the next one
/// follows the largest of them (JournalRecovery reads the last the same way, audit
/// included, so the engine's next record follows this one).
constexpr const char *kLastSeq =
    "SELECT MAX(s) FROM (SELECT MAX(seq) AS s FROM order_events UNION ALL SELECT MAX(seq) FROM fills "
    "UNION ALL SELECT MAX(seq) FROM position_snapshots UNION ALL SELECT MAX(seq) FROM checkpoints "
    "UNION ALL SELECT MAX(seq) FROM alerts UNION ALL SELECT MAX(seq) FROM restarts "
    "UNION ALL SELECT MAX(seq) FROM trading_states UNION ALL SELECT MAX(seq) FROM strategy_controls "
    "UNION ALL SELECT MAX(seq) FROM reconciliations UNION ALL SELECT MAX(seq) FROM reconciliation_resolutions "
    "UNION ALL SELECT MAX(seq) FROM checklist_runs UNION ALL SELECT MAX(seq) FROM audit)";

QString append(QSqlDatabase &db, const QString &path, const std::string &actor, const std::string &action,
               const std::string &detail, std::int64_t &id, QByteArray &hash, bool &anchorHolds)
{
    const int version = journalSchemaVersion(db);
    if (version != kJournalSchemaVersion)
        return QStringLiteral("the journal %1 is of schema version %2, this vigil writes version %3: start vigil on "
                              "it once first")
            .arg(path)
            .arg(version)
            .arg(kJournalSchemaVersion);
    QSqlQuery q(db);
    auto failed = [&](const char *what) {
        const QString why = QStringLiteral("journal %1: %2: %3").arg(path, QLatin1String(what), q.lastError().text());
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return why;
    };
    // IMMEDIATE: the write lock first, so that the head read is the head written after.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failed("cannot begin a transaction");
    if (!q.exec(QStringLiteral("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")))
        return failed("cannot read the audit trail's last record");
    std::int64_t lastId = 0;
    QByteArray previous;
    if (q.next()) {
        lastId = q.value(0).toLongLong();
        previous = q.value(1).toByteArray();
    }
    // An anchor this chain does not hold is evidence (the journal was replaced or cut
    // short): the writer sets it aside at its next start, so it is left as it is here.
    const QString anchorPath = auditAnchorPath(path);
    anchorHolds = !QFileInfo::exists(anchorPath);
    if (!anchorHolds) {
        const AuditAnchor anchor = readAnchorFile(anchorPath);
        q.prepare(QStringLiteral("SELECT hash FROM audit WHERE id = ?"));
        q.addBindValue(QVariant::fromValue<qint64>(anchor.id));
        anchorHolds = anchor.problem.isEmpty() && q.exec() && q.next() && q.value(0).toByteArray() == anchor.hash;
    }
    if (!q.exec(QString::fromLatin1(kLastSeq)) || !q.next())
        return failed("cannot read the last journal number");
    const std::int64_t seq = q.value(0).toLongLong() + 1;
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
    const AuditEntry entry{lastId + 1, wallMs * 1'000'000, wallMs, actor, action, detail, 0, 0, {}};
    hash = auditHash(entry, previous);
    q.prepare(QStringLiteral("INSERT INTO audit (id, at, wall_at, actor, action, detail, previous_hash, hash, seq) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(QVariant::fromValue<qint64>(entry.id));
    q.addBindValue(QVariant::fromValue<qint64>(entry.at));
    q.addBindValue(QVariant::fromValue<qint64>(entry.wallAt));
    q.addBindValue(QString::fromStdString(actor));
    q.addBindValue(QString::fromStdString(action));
    q.addBindValue(QString::fromStdString(detail));
    q.addBindValue(previous.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(previous));
    q.addBindValue(hash);
    q.addBindValue(QVariant::fromValue<qint64>(seq));
    if (!q.exec())
        return failed("cannot write the audit record");
    if (!q.exec(QStringLiteral("COMMIT")))
        return failed("cannot commit the audit record");
    id = entry.id;
    return {};
}

} // namespace

QString appendOperatorAudit(const QString &journalPath, const std::string &actor, const std::string &action,
                            const std::string &detail)
{
    if (!QFileInfo(journalPath).isFile())
        return QStringLiteral("no journal at %1 yet").arg(journalPath);
    const QString connection = QStringLiteral("vigil-operator-audit");
    QString error;
    std::int64_t id = 0;
    QByteArray hash;
    bool anchorHolds = false;
    {
        error = openJournalDatabase(journalPath, connection);
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        if (error.isEmpty())
            error = append(db, journalPath, actor, action, detail, id, hash, anchorHolds);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!error.isEmpty())
        return error;
    // The anchor may lag the chain, never lead it: written once the record is committed.
    if (!anchorHolds)
        return {};
    if (const QString anchor = writeAnchorFile(auditAnchorPath(journalPath), id, hash); !anchor.isEmpty())
        return QStringLiteral("recorded as audit record %1, but the audit anchor was not moved: %2")
            .arg(id)
            .arg(anchor);
    return {};
}

} // namespace vigil
