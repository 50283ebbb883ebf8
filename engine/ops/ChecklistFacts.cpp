#include "api/ChecklistFacts.h"

#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/DailyReport.h"
#include "api/Snapshot.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <map>

namespace vigil {

namespace {

constexpr const char *kIntradayKey = "intraday_mean_reversion";

/// Runs `read` on a read-only connection to `path`; false when it cannot be opened.
template<typename Read> bool withDatabase(const QString &path, Read read)
{
    if (!QFileInfo(path).isFile())
        return false;
    const QString name = QStringLiteral("vigil-checklist-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            db.transaction();
            {
                QSqlQuery q(db);
                q.setForwardOnly(true);
                ok = read(q);
            }
            db.rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

/// From the journal: alerts since the previous session's close, that session's closing
/// marks (for overnight gaps), and, without an engine, the day's books and reconciliation.
void readJournal(const FactsSource &source, ChecklistFacts &f, std::map<std::string, Price> &previousClose)
{
    const QString today = QString::fromStdString(source.today.toIso());
    const QString journal = QDir(source.dataDir).filePath(QStringLiteral("journal.sqlite"));
    const bool offline = source.snapshot == nullptr;
    const bool read = withDatabase(journal, [&](QSqlQuery &q) {
        qlonglong since = 0;
        if (!q.exec(
                QStringLiteral("SELECT session_date, COALESCE(closed_at, 0) FROM sessions WHERE session_date < '%1' "
                               "ORDER BY session_date DESC LIMIT 1")
                    .arg(today)))
            return false;
        if (q.next()) {
            f.lastSession = q.value(0).toString().toStdString();
            since = q.value(1).toLongLong();
        }
        if (!q.exec(
                QStringLiteral("SELECT SUM(severity = 'critical'), SUM(severity = 'warning') FROM alerts WHERE at > %1")
                    .arg(since))
            || !q.next())
            return false;
        f.criticalSinceLastSession = q.value(0).toInt();
        f.warningsSinceLastSession = q.value(1).toInt();
        f.errorsKnown = true;
        if (!f.lastSession.empty()
            && q.exec(QStringLiteral(
                          "SELECT symbol, mark FROM position_snapshots WHERE strategy = 'account' AND qty != 0 AND "
                          "checkpoint = (SELECT MAX(seq) FROM checkpoints WHERE session_date = '%1')")
                          .arg(QString::fromStdString(f.lastSession))))
            while (q.next())
                previousClose[q.value(0).toString().toStdString()] = Price::fromRaw(q.value(1).toLongLong());
        if (!offline)
            return true;
        // No engine: the day as the journal has it.
        if (q.exec(QStringLiteral("SELECT closed_at IS NOT NULL FROM sessions WHERE session_date = '%1'").arg(today))
            && q.next())
            f.sessionClosed = q.value(0).toBool();
        if (f.sessionClosed
            && q.exec(
                QStringLiteral("SELECT symbol, qty FROM position_snapshots WHERE strategy = '%1' AND qty != 0 AND "
                               "checkpoint = (SELECT MAX(seq) FROM checkpoints WHERE session_date = '%2' AND kind = "
                               "'close') ORDER BY symbol")
                    .arg(QLatin1String(kIntradayKey), today))) {
            f.positionsKnown = true;
            while (q.next())
                f.openIntraday.push_back({kIntradayKey, q.value(0).toString().toStdString(), q.value(1).toLongLong()});
        }
        const SimTime close = sessionFor(source.today).close;
        if (q.exec(QStringLiteral(
                       "SELECT complete, differences, summary FROM reconciliations WHERE session_date = '%1' AND "
                       "at >= %2 ORDER BY seq DESC LIMIT 1")
                       .arg(today)
                       .arg(close))
            && q.next()) {
            f.reconciled = true;
            f.reconciliationComplete = q.value(0).toBool();
            f.reconciliationDifferences = q.value(1).toInt();
            f.reconciliationSummary = q.value(2).toString().toStdString();
        }
        return true;
    });
    (void)read; // what could not be read stays unknown, and fails its item
}

void readSnapshot(const Snapshot &s, const std::map<std::string, Price> &previousClose, ChecklistFacts &f)
{
    f.engineRunning = true;
    f.sessionOpen = s.phase == SessionPhase::Open;
    f.sessionClosed = s.phase == SessionPhase::Closed;
    for (const ComponentHealth &c : s.components) {
        // Ages on the engine's own clock: simulated time in the simulator.
        const std::int64_t age = s.phase == SessionPhase::NotStarted ? -1 : c.simAgeMs;
        f.components.push_back({c.name, c.up, age});
        if (c.name == "market data") {
            f.feedUp = c.up;
            f.feedAgeMs = age;
        }
    }
    for (const LimitUsage &l : s.limits) {
        ++f.limitsInForce;
        f.killTriggersArmed += l.killTrigger ? 1 : 0;
    }
    f.state = s.tradingState;
    f.stateActor = s.stateActor;
    f.stateReason = s.stateReason;
    // Held overnight: what the previous session closed holding, against its mark now.
    for (const auto &[symbol, close] : previousClose) {
        const auto now = std::find_if(s.positions.begin(), s.positions.end(),
                                      [&symbol = symbol](const PositionRow &p) { return p.symbol == symbol; });
        f.held.push_back({symbol, now == s.positions.end() ? 0 : now->qty, close,
                          now == s.positions.end() ? Price{} : now->markPrice});
    }
    f.positionsKnown = true;
    for (const StrategyRow &st : s.strategies)
        if (st.intraday && st.openQty != 0)
            f.openIntraday.push_back({st.key, {}, st.openQty});
    const ReconciliationView &r = *s.reconciliation;
    for (auto it = r.runs.rbegin(); it != r.runs.rend(); ++it) {
        if (it->startedBy != "the close" && it->clock < "16:00:00")
            continue;
        f.reconciled = true;
        f.reconciliationComplete = it->complete;
        f.reconciliationDifferences = it->differences;
        f.reconciliationSummary = it->summary;
        break;
    }
}

void readBackups(const QString &dir, ChecklistFacts &f)
{
    f.backupsKnown = true; // an absent directory is known: it holds no backup
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const BackupEntry &b : listBackups(dir)) { // newest first
        if (b.status == BackupStatus::Bad)
            ++f.badBackups;
        if (b.status != BackupStatus::Verified)
            continue;
        if (f.verifiedBackups++ > 0)
            continue;
        f.newestVerifiedName = QFileInfo(b.path).fileName().toStdString();
        f.newestVerifiedAgeMs = b.createdAt.msecsTo(now);
        f.newestVerifiedIsDaily = b.type == BackupType::Daily;
        if (b.manifest)
            for (const ManifestMember &m : b.manifest->members)
                f.newestVerifiedHasLogs = f.newestVerifiedHasLogs || m.role == MemberRole::Log;
    }
}

} // namespace

void readAccount(const AccountFacts &account, ChecklistFacts &f)
{
    if (!account.known)
        return;
    f.accountKnown = true;
    f.accountActive = account.active;
    f.tradingBlocked = account.tradingBlocked;
    f.patternDayTrader = account.patternDayTrader;
    f.buyingPower = account.buyingPower;
    f.cash = account.cash;
}

ChecklistFacts gatherChecklistFacts(const FactsSource &source)
{
    ChecklistFacts f;
    f.today = source.today;
    f.dataDir = source.dataDir.toStdString();
    f.engineProblem = source.engineProblem;

    // The volume the data directory is (or will be) on.
    QString onVolume = QDir(source.dataDir).absolutePath();
    while (!QFileInfo::exists(onVolume) && QFileInfo(onVolume).absolutePath() != onVolume)
        onVolume = QFileInfo(onVolume).absolutePath();
    const QStorageInfo volume(onVolume);
    if (volume.isValid() && volume.isReady()) {
        f.diskFreeBytes = volume.bytesAvailable();
        f.diskTotalBytes = volume.bytesTotal();
    }
    std::map<std::string, Price> previousClose;
    readJournal(source, f, previousClose);
    if (source.snapshot)
        readSnapshot(*source.snapshot, previousClose, f);
    if (source.broker)
        readAccount(source.broker->account(), f);
    if (source.config) {
        f.strategies.push_back(
            {kIntradayKey, source.config->strategies.intraday.enabled, source.config->strategies.intraday.deployed});
        f.strategies.push_back(
            {"swing_momentum", source.config->strategies.swing.enabled, source.config->strategies.swing.deployed});
    }
    readBackups(source.config ? configuredBackupsDir(source.config->backup, source.dataDir)
                              : defaultBackupsDir(source.dataDir),
                f);
    f.reportPath = dailyReportPath(source.dataDir, QString::fromStdString(source.today.toIso())).toStdString();
    const QFileInfo report(QString::fromStdString(f.reportPath));
    f.reportBytes = report.isFile() ? report.size() : -1;
    return f;
}

} // namespace vigil
