// The close of the day (api/EndOfDay.h) driven with the real parts: an engine on a real
// journal and broker file (a whole seeded session, resumed after its close), the real
// checklist runner and the real daily backup writer. The steps run in their order, each
// after the one before has ended; the report waits for the journal's commit of the close's
// reconciliation, told by the journal itself (no timer runs meanwhile); and a step that
// fails is named while the day's other tasks still run.
#include "api/EndOfDay.h"

#include "JournaledSession.h"
#include "SqlFiles.h"
#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/Checklist.h"
#include "api/ChecklistRunner.h"
#include "api/Config.h"
#include "api/DailyReport.h"
#include "api/Engine.h"
#include "api/Reconciliation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace vigil;
using namespace vigil::testing;

namespace {

constexpr char kDate[] = "2026-11-20";

/// Counts the timer events the thread it is installed in delivers: the close must need none.
class TimerEvents final : public QObject {
public:
    int count = 0;
    bool eventFilter(QObject *, QEvent *event) override
    {
        count += event->type() == QEvent::Timer ? 1 : 0;
        return false;
    }
};

/// Holds the journal's write lock, as another writer would: the journal's commits wait
/// behind it (up to their busy timeout) until release().
class JournalLock {
public:
    explicit JournalLock(const QString &journal)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-lock"));
        db.setDatabaseName(journal);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open())
            m_held = QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_held)
            m_error = db.lastError().text();
    }
    ~JournalLock() { release(); }
    bool held() const { return m_held; }
    const QString &error() const { return m_error; }
    void release()
    {
        if (!QSqlDatabase::contains(QStringLiteral("test-lock")))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("test-lock"));
            if (m_held)
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("test-lock"));
        m_held = false;
    }

private:
    bool m_held = false;
    QString m_error;
};

/// What the report worker saw when it was asked to write.
struct ReportSeen {
    bool asked = false;
    std::uint64_t durableSeq = 0;
    std::string lastReconciliationBy; ///< the report's last reconciliation run, from the journal
};

/// A copy of the seeded session's data directory, its engine resumed after the close (the
/// session has ended), and the close's machine on it with the real workers: the report read
/// from the journal (the console draws its PDF; here the text says what the report holds)
/// and the daily backup made by the backup writer.
struct Day {
    QTemporaryDir dir;
    QString data;
    Config config = defaultConfig();
    std::unique_ptr<Engine> engine;
    std::unique_ptr<ChecklistRunner> checklists;
    std::unique_ptr<EndOfDay> close;
    ReportSeen report;
    QStringList events; ///< "reconcile+" as a step starts, "reconcile." as it ends

    QString journal() const { return data + QStringLiteral("/journal.sqlite"); }
    QString backupsDir() const { return configuredBackupsDir(config.backup, data); }

    /// False (said why) if the engine could not be brought to its end of session.
    bool open(const QString &master)
    {
        data = dir.filePath(QStringLiteral("data"));
        if (!QDir().mkpath(data))
            return false;
        for (const QString &f : QDir(master).entryList(QDir::Files))
            if (!QFile::copy(master + QLatin1Char('/') + f, data + QLatin1Char('/') + f))
                return false;
        // The day's log, which the daily backup archives (the checklist looks for it there).
        QFile log(data + QStringLiteral("/logs/vigil.log"));
        if (!QDir().mkpath(data + QStringLiteral("/logs")) || !log.open(QIODevice::WriteOnly)
            || log.write("a day\n") < 0)
            return false;
        log.close();
        RunOptions o;
        o.seed = 7;
        o.sessionDate = Date{2026, 11, 20};
        engine = std::make_unique<Engine>(config, o);
        std::string error = engine->openBroker((data + QStringLiteral("/paper-broker.sqlite")).toStdString());
        if (error.empty())
            error = engine->openJournal(journal().toStdString());
        if (!error.empty()) {
            qWarning("%s", error.c_str());
            return false;
        }
        engine->start();
        if (!QTest::qWaitFor([this] { return engine->isFinished(); }, 60'000))
            return false;
        checklists = std::make_unique<ChecklistRunner>(*engine, config, data);
        EndOfDayWorkers workers;
        workers.report = [this](const QString &date, const QString &file, const EndOfDayWorkers::ReportDone &done) {
            report.asked = true;
            report.durableSeq = engine->journalDurableSeq();
            ReportSource source;
            source.journal = journal();
            DailyReport loaded;
            EndOfDayReport written{file, loadDailyReport(source, date.toStdString(), loaded), 0};
            report.lastReconciliationBy = loaded.reconciliationStartedBy;
            QFile out(file);
            if (written.error.isEmpty()
                && (!QDir().mkpath(QFileInfo(file).absolutePath()) || !out.open(QIODevice::WriteOnly)))
                written.error = QStringLiteral("cannot write %1").arg(file);
            if (written.error.isEmpty()) {
                out.write(QByteArray("report of ") + date.toUtf8() + QByteArray(": last reconciled by ")
                          + QByteArray::fromStdString(loaded.reconciliationStartedBy) + '\n');
                written.pages = 1;
            }
            done(written);
        };
        workers.backup = dailyBackupWriter(config, data);
        close = std::make_unique<EndOfDay>(*engine, *checklists, data, std::move(workers));
        QObject::connect(close.get(), &EndOfDay::progressed, close.get(), [this](const EndOfDayProgress &p) {
            static const char *names[] = {"reconcile", "durable", "report", "backup", "checklist"};
            for (std::size_t i = 0; i < kEndOfDaySteps; ++i) {
                const QString name = QLatin1String(names[i]);
                if (p.steps[i].state != EndOfDayStepOutcome::State::Waiting && !events.contains(name + u'+'))
                    events << name + u'+';
                if (p.steps[i].ended() && !events.contains(name + u'.'))
                    events << name + u'.';
            }
        });
        return true;
    }

    const EndOfDayProgress &progress() const { return close->progress(); }
    bool runToTheEnd()
    {
        return QTest::qWaitFor([this] { return progress().finished(); }, 90'000);
    }
    ~Day()
    {
        close.reset();
        if (engine)
            engine->stop();
        checklists.reset();
    }
};

const QStringList kInOrder{QStringLiteral("reconcile+"), QStringLiteral("reconcile."), QStringLiteral("durable+"),
                           QStringLiteral("durable."),   QStringLiteral("report+"),    QStringLiteral("report."),
                           QStringLiteral("backup+"),    QStringLiteral("backup."),    QStringLiteral("checklist+"),
                           QStringLiteral("checklist.")};

using State = EndOfDayStepOutcome::State;

/// The status of the checklist's item `id` (nothing if it has none).
std::optional<CheckStatus> itemStatus(const ChecklistResult &result, const std::string &id)
{
    for (const CheckItem &i : result.items)
        if (i.id == id)
            return i.status;
    return std::nullopt;
}

} // namespace

class TestEndOfDay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_master;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_master = m_dir.filePath(QStringLiteral("master"));
        QVERIFY(QDir().mkpath(m_master));
        journaledSession(m_master);
    }

    void theStepsRunInOrderAndTheReportWaitsForTheJournalsCommit()
    {
        Day day;
        QVERIFY(day.open(m_master));
        TimerEvents timers;
        QCoreApplication::instance()->installEventFilter(&timers);
        // Another writer holds the journal: the close's reconciliation cannot reach the disk.
        JournalLock lock(day.journal());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        day.close->start();
        QVERIFY(QTest::qWaitFor([&day] { return day.progress().running() == EndOfDayStep::Durable; }, 20'000));
        const std::uint64_t closeSeq = day.progress().closeSeq;
        QVERIFY(closeSeq > 0);
        QVERIFY(day.engine->journalDurableSeq() < closeSeq);
        QTest::qWait(700);
        QCOMPARE(day.progress().running(), std::optional<EndOfDayStep>(EndOfDayStep::Durable)); // still waiting
        QVERIFY(!day.report.asked);
        // The commit lands once the lock goes; the journal's word moves the close on.
        lock.release();
        QVERIFY(day.runToTheEnd());
        QCoreApplication::instance()->removeEventFilter(&timers);
        QCOMPARE(day.events, kInOrder);
        QCOMPARE(timers.count, 0); // no polling: every step was moved on by its own completion

        const EndOfDayProgress &p = day.progress();
        for (const EndOfDayStepOutcome &s : p.steps)
            QVERIFY2(s.state == State::Done, qPrintable(s.detail));
        QVERIFY(p.ok());
        QCOMPARE(p.sessionDate, std::string(kDate));
        // The report read a journal that held the close's reconciliation.
        QVERIFY(day.report.durableSeq >= closeSeq);
        QCOMPARE(day.report.lastReconciliationBy, std::string("the close"));
        QCOMPARE(p.report.file, dailyReportPath(day.data, QLatin1String(kDate)));
        QVERIFY(QFile::exists(p.report.file));
        QVERIFY(p.reconciliation && p.reconciliation->clean());
        // One daily backup, verified.
        const std::vector<BackupEntry> listed = listBackups(day.backupsDir());
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed.front().type, BackupType::Daily);
        QCOMPARE(listed.front().status, BackupStatus::Verified);
        QVERIFY(QFile::exists(p.backup.path));
        // The end-of-day checklist, judged after the backup and recorded.
        QVERIFY(p.checklist);
        QVERIFY(p.checklist->kind == ChecklistKind::EndOfDay);
        QVERIFY2(p.checklistRecorded, p.checklistNotRecorded.c_str());
        QVERIFY(itemStatus(*p.checklist, "daily_backup") == CheckStatus::Pass);
        QVERIFY(itemStatus(*p.checklist, "report") == CheckStatus::Pass);
        day.engine->stop();
        QCOMPARE(
            rows(day.journal(), QStringLiteral("SELECT started_by FROM reconciliations ORDER BY seq DESC LIMIT 1")),
            QStringList{QStringLiteral("the close")});
        QCOMPARE(
            rows(day.journal(), QStringLiteral("SELECT checklist, started_by FROM checklist_runs ORDER BY seq DESC "
                                               "LIMIT 1")),
            QStringList{QStringLiteral("eod|schedule")});
    }

    void aBackupThatFailsIsNamedAndTheChecklistStillRuns()
    {
        Day day;
        // The backups directory cannot be made: a file stands where it should be.
        const QString blocked = day.dir.filePath(QStringLiteral("backups"));
        {
            QFile f(blocked);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        day.config.backup.dir = blocked.toStdString();
        QVERIFY(day.open(m_master));
        day.close->start();
        QVERIFY(day.runToTheEnd());
        QCOMPARE(day.events, kInOrder);
        const EndOfDayProgress &p = day.progress();
        QCOMPARE(p.step(EndOfDayStep::Report).state, State::Done);
        const EndOfDayStepOutcome &backup = p.step(EndOfDayStep::Backup);
        QCOMPARE(backup.state, State::Failed);
        QCOMPARE(backup.failure, EndOfDayFailure::BackupFailed);
        QVERIFY2(backup.detail.contains(QLatin1String("backups")), qPrintable(backup.detail));
        // The checklist ran after it, and saw no verified backup of the day.
        QVERIFY(p.step(EndOfDayStep::Checklist).ended());
        QVERIFY(p.checklist);
        QVERIFY(p.checklistRecorded);
        QVERIFY(itemStatus(*p.checklist, "daily_backup") == CheckStatus::Fail);
        QVERIFY(!p.ok());
    }

    void aReportThatCannotBeWrittenIsNamedAndTheDayGoesOn()
    {
        Day day;
        QVERIFY(day.open(m_master));
        // A file where the reports directory should be.
        {
            QFile f(day.data + QStringLiteral("/reports"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        day.close->start();
        QVERIFY(day.runToTheEnd());
        QCOMPARE(day.events, kInOrder);
        const EndOfDayProgress &p = day.progress();
        const EndOfDayStepOutcome &report = p.step(EndOfDayStep::Report);
        QCOMPARE(report.state, State::Failed);
        QCOMPARE(report.failure, EndOfDayFailure::ReportNotWritten);
        QVERIFY2(report.detail.contains(QLatin1String("vigil-report-2026-11-20")), qPrintable(report.detail));
        QCOMPARE(p.step(EndOfDayStep::Backup).state, State::Done); // the day is still backed up
        QVERIFY(p.step(EndOfDayStep::Checklist).ended());
        QVERIFY(p.checklistRecorded);
        QVERIFY(!p.ok());
    }

    void aJournalThatFailsBeforeTheCloseIsOnDiskIsNamed()
    {
        Day day;
        QVERIFY(day.open(m_master));
        // Held past the journal's busy timeout: its commit fails, and nothing more is written.
        JournalLock lock(day.journal());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        day.close->start();
        QVERIFY(QTest::qWaitFor([&day] { return day.progress().step(EndOfDayStep::Durable).ended(); }, 30'000));
        lock.release();
        QVERIFY(day.runToTheEnd());
        QCOMPARE(day.events, kInOrder);
        const EndOfDayProgress &p = day.progress();
        const EndOfDayStepOutcome &durable = p.step(EndOfDayStep::Durable);
        QCOMPARE(durable.state, State::Failed);
        QCOMPARE(durable.failure, EndOfDayFailure::JournalNotDurable);
        QVERIFY(!day.engine->journalFailure().empty());
        QCOMPARE(durable.detail, QString::fromStdString(day.engine->journalFailure()));
        // The day's other tasks still ran, as before the machine.
        QVERIFY(day.report.asked);
        QVERIFY(p.step(EndOfDayStep::Backup).ended());
        QVERIFY(p.step(EndOfDayStep::Checklist).ended());
        QVERIFY(!p.ok());
    }
};

QTEST_GUILESS_MAIN(TestEndOfDay)
#include "tst_end_of_day.moc"
