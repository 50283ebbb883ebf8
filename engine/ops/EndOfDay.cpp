#include "api/EndOfDay.h"

#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/Checklist.h"
#include "api/ChecklistRunner.h"
#include "api/Config.h"
#include "api/DailyReport.h"
#include "api/Engine.h"
#include "api/Reconciliation.h"

#include <QDateTime>
#include <QThreadPool>

#include <mutex>

namespace vigil {

bool EndOfDayProgress::ok() const
{
    for (const EndOfDayStepOutcome &s : steps)
        if (s.state != EndOfDayStepOutcome::State::Done)
            return false;
    return true;
}

std::optional<EndOfDayStep> EndOfDayProgress::running() const
{
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].state == EndOfDayStepOutcome::State::Running)
            return static_cast<EndOfDayStep>(i);
    return std::nullopt;
}

/// The completions of the steps come on other threads and may outlive the machine: they
/// hold this, not the machine, and the machine's destructor empties it under the lock, so a
/// completion either is posted before the machine goes (Qt then drops it with the machine)
/// or finds nobody.
struct EndOfDay::Mailbox {
    std::mutex mutex;
    EndOfDay *machine = nullptr;

    void post(std::function<void(EndOfDay &)> then)
    {
        std::lock_guard lock(mutex);
        if (EndOfDay *m = machine)
            QMetaObject::invokeMethod(
                m, [m, then = std::move(then)] { then(*m); }, Qt::QueuedConnection);
    }
};

EndOfDay::EndOfDay(Engine &engine, ChecklistRunner &checklists, QString dataDir, EndOfDayWorkers workers,
                   QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_checklists(checklists)
    , m_dataDir(std::move(dataDir))
    , m_workers(std::move(workers))
    , m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->machine = this;
}

EndOfDay::~EndOfDay()
{
    std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->machine = nullptr;
}

void EndOfDay::begin(EndOfDayStep step)
{
    m_progress.steps[static_cast<std::size_t>(step)].state = EndOfDayStepOutcome::State::Running;
    Q_EMIT progressed(m_progress);
}

void EndOfDay::end(EndOfDayStep step, EndOfDayFailure failure, QString detail)
{
    EndOfDayStepOutcome &s = m_progress.steps[static_cast<std::size_t>(step)];
    s.state = failure == EndOfDayFailure::None ? EndOfDayStepOutcome::State::Done : EndOfDayStepOutcome::State::Failed;
    s.failure = failure;
    s.detail = std::move(detail);
    Q_EMIT progressed(m_progress);
}

void EndOfDay::start()
{
    if (m_progress.started())
        return;
    m_progress.sessionDate = m_engine.snapshot()->sessionDate;
    begin(EndOfDayStep::Reconcile);
    m_engine.reconcile("the close", "system (reconciliation)",
                       [mailbox = m_mailbox](const ReconciliationResult &r, const CommandResult &recorded) {
                           mailbox->post([result = std::make_shared<const ReconciliationResult>(r),
                                          seq = recorded.journalSeq](EndOfDay &m) { m.reconciled(result, seq); });
                       });
}

void EndOfDay::reconciled(std::shared_ptr<const ReconciliationResult> result, std::uint64_t seq)
{
    m_progress.reconciliation = result;
    m_progress.closeSeq = seq;
    const EndOfDayFailure failure = result->clean()      ? EndOfDayFailure::None
                                    : result->complete() ? EndOfDayFailure::BooksDiffer
                                                         : EndOfDayFailure::ReconciliationIncomplete;
    end(EndOfDayStep::Reconcile, failure,
        failure == EndOfDayFailure::None ? QString() : QString::fromStdString(summarize(*result)));
    // The report reads the journal: everything up to the close's reconciliation first. The
    // journal says so at the commit that makes it durable (or at its failure).
    begin(EndOfDayStep::Durable);
    m_engine.whenDurable(seq, [mailbox = m_mailbox] { mailbox->post([](EndOfDay &m) { m.durable(); }); });
}

void EndOfDay::durable()
{
    if (m_engine.journalDurableSeq() >= m_progress.closeSeq) {
        end(EndOfDayStep::Durable);
    } else {
        const std::string failure = m_engine.journalFailure();
        end(EndOfDayStep::Durable, EndOfDayFailure::JournalNotDurable,
            failure.empty() ? tr("the journal was closed before the close's reconciliation was on disk")
                            : QString::fromStdString(failure));
    }
    const QString date = QString::fromStdString(m_progress.sessionDate);
    m_progress.report.file = dailyReportPath(m_dataDir, date);
    begin(EndOfDayStep::Report);
    m_workers.report(date, m_progress.report.file, [mailbox = m_mailbox](const EndOfDayReport &r) {
        mailbox->post([r](EndOfDay &m) { m.reported(r); });
    });
}

void EndOfDay::reported(EndOfDayReport report)
{
    m_progress.report = std::move(report);
    if (m_progress.report.error.isEmpty())
        end(EndOfDayStep::Report);
    else
        end(EndOfDayStep::Report, EndOfDayFailure::ReportNotWritten, m_progress.report.error);
    begin(EndOfDayStep::Backup);
    m_workers.backup(QString::fromStdString(m_progress.sessionDate), [mailbox = m_mailbox](const EndOfDayBackup &b) {
        mailbox->post([b](EndOfDay &m) { m.backedUp(b); });
    });
}

void EndOfDay::backedUp(EndOfDayBackup backup)
{
    m_progress.backup = std::move(backup);
    if (m_progress.backup.error.isEmpty())
        end(EndOfDayStep::Backup);
    else
        end(EndOfDayStep::Backup, EndOfDayFailure::BackupFailed, m_progress.backup.error);
    // Once the backup has ended: the checklist looks at it.
    begin(EndOfDayStep::Checklist);
    m_checklists.run(ChecklistKind::EndOfDay, "schedule", "system (schedule)",
                     [mailbox = m_mailbox](const ChecklistResult &result, const CommandResult &recorded) {
                         mailbox->post([result = std::make_shared<const ChecklistResult>(result), ok = recorded.ok,
                                        why = recorded.message](EndOfDay &m) { m.checked(result, ok, why); });
                     });
}

void EndOfDay::checked(std::shared_ptr<const ChecklistResult> result, bool recorded, std::string whyNot)
{
    m_progress.checklist = result;
    m_progress.checklistRecorded = recorded;
    m_progress.checklistNotRecorded = recorded ? std::string() : std::move(whyNot);
    if (result->failed())
        end(EndOfDayStep::Checklist, EndOfDayFailure::ChecklistFailed, QString::fromStdString(result->summary()));
    else
        end(EndOfDayStep::Checklist);
}

std::function<void(const QString &, EndOfDayWorkers::BackupDone)> dailyBackupWriter(const Config &config,
                                                                                    const QString &dataDir)
{
    BackupRequest request;
    request.dataDir = dataDir;
    request.backupsDir = configuredBackupsDir(config.backup, dataDir);
    request.type = BackupType::Daily;
    request.includeLogs = true; // the day's log archive
    if (!config.sourceFile.empty())
        request.configFiles << QString::fromStdString(config.sourceFile);
    return [request, retention = retentionPolicy(config.backup)](const QString &, EndOfDayWorkers::BackupDone done) {
        QThreadPool::globalInstance()->start([request, retention, done = std::move(done)] {
            EndOfDayBackup outcome;
            const BackupResult backup = createBackup(request);
            if (!backup.ok()) {
                outcome.error =
                    backup.error.isEmpty() ? backup.check.problems.join(QStringLiteral("; ")) : backup.error;
            } else { // retention only ever runs after a verified backup
                outcome.path = backup.path;
                outcome.pruneErrors =
                    pruneBackups(request.backupsDir, retention, QDateTime::currentDateTimeUtc()).errors;
            }
            done(outcome);
        });
    };
}

} // namespace vigil
