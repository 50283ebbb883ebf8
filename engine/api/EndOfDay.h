#pragma once
// The close of a trading day, one sequence for the console and the headless run alike:
//   1. reconcile: the books against the broker's statement, recorded in the journal;
//   2. durable:   the journal on stable storage up to that record (the report reads it);
//   3. report:    the day's report to DATA_DIR/reports;
//   4. backup:    the daily backup, verified, then pruned by the retention rules;
//   5. checklist: the end-of-day checklist, recorded.
// Each step starts when the one before has ended, whatever its outcome: a step that fails
// is named in the progress and the day's other tasks still run (the checklist after a
// failed backup is what reports it). The close runs once per machine.
//
// Threading: construct, start() and destroy on one thread that runs a Qt event loop (the
// GUI thread in the console, the main thread in the headless run); only that thread
// advances the machine. Each step's completion, on whatever thread it comes (the
// reconciliation thread, the journal's store thread at its commit, the checklist worker, a
// backup worker), is posted to that thread as a queued call: the machine never sleeps,
// polls or blocks. Its progress is a plain value (EndOfDayProgress), emitted by
// progressed() on that thread after every change; the console displays it and does nothing
// else with it. A machine destroyed half-way drops the completions still in flight.

#include <QObject>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace vigil {

class Engine;
class ChecklistRunner;
struct ChecklistResult;
struct Config;
struct ReconciliationResult;

enum class EndOfDayStep : std::uint8_t { Reconcile, Durable, Report, Backup, Checklist };
inline constexpr std::size_t kEndOfDaySteps = 5;

/// What went wrong in a step.
enum class EndOfDayFailure : std::uint8_t {
    None,
    BooksDiffer,              ///< reconcile: the books differ from the broker's
    ReconciliationIncomplete, ///< reconcile: the broker's books could not be compared
    JournalNotDurable,        ///< durable: the journal failed (or closed) before the close's record was on disk
    ReportNotWritten,         ///< report
    BackupFailed,             ///< backup: not made, or not verified
    ChecklistFailed,          ///< checklist: an item failed
};

struct EndOfDayStepOutcome {
    enum class State : std::uint8_t { Waiting, Running, Done, Failed };
    State state = State::Waiting;
    EndOfDayFailure failure = EndOfDayFailure::None;
    QString detail; ///< the failure in its own words: the backup's error, the journal's, ...
    bool ended() const { return state == State::Done || state == State::Failed; }
};

/// The report step's outcome, as its writer gives it.
struct EndOfDayReport {
    QString file;
    QString error; ///< empty: written
    int pages = 0;
};

/// The backup step's outcome, as its maker gives it.
struct EndOfDayBackup {
    QString path;            ///< the verified backup (empty when its maker does not say)
    QString error;           ///< empty: made and verified
    QStringList pruneErrors; ///< what retention could not remove, after a verified backup
};

struct EndOfDayProgress {
    std::array<EndOfDayStepOutcome, kEndOfDaySteps> steps;
    std::string sessionDate;
    std::shared_ptr<const ReconciliationResult> reconciliation; ///< once the reconcile step has ended
    std::uint64_t closeSeq = 0; ///< the journal record that ends the close's reconciliation
    EndOfDayReport report;      ///< its file from the start of the step
    EndOfDayBackup backup;
    std::shared_ptr<const ChecklistResult> checklist; ///< once the checklist step has ended
    bool checklistRecorded = false;
    std::string checklistNotRecorded; ///< why the journal did not take the checklist

    const EndOfDayStepOutcome &step(EndOfDayStep s) const { return steps[static_cast<std::size_t>(s)]; }
    bool started() const { return steps.front().state != EndOfDayStepOutcome::State::Waiting; }
    bool finished() const { return steps.back().ended(); }
    /// Every step ended, none failed.
    bool ok() const;
    /// The step under way.
    std::optional<EndOfDayStep> running() const;
};

/// The workers of the steps that are not the engine's. Each calls its `done` once, on any
/// thread, possibly before returning.
struct EndOfDayWorkers {
    using ReportDone = std::function<void(const EndOfDayReport &)>;
    using BackupDone = std::function<void(const EndOfDayBackup &)>;
    /// Writes the report of the session `date` to `file`.
    std::function<void(const QString &date, const QString &file, ReportDone done)> report;
    /// Makes the daily backup of the session `date`, or waits for the one under way.
    std::function<void(const QString &date, BackupDone done)> backup;
};

/// The daily backup as the configuration asks it (its [backup] dir, the logs included, the
/// configuration file), verified, then pruned by its retention rules: a backup worker that
/// makes it on Qt's thread pool.
std::function<void(const QString &date, EndOfDayWorkers::BackupDone done)> dailyBackupWriter(const Config &config,
                                                                                             const QString &dataDir);

class EndOfDay final : public QObject {
    Q_OBJECT

public:
    /// `engine` and `checklists` must outlive the machine.
    EndOfDay(Engine &engine, ChecklistRunner &checklists, QString dataDir, EndOfDayWorkers workers,
             QObject *parent = nullptr);
    ~EndOfDay() override;

    /// Once the session has ended (Engine::isFinished()): runs the close. Once; later calls do nothing.
    void start();
    const EndOfDayProgress &progress() const { return m_progress; }

Q_SIGNALS:
    /// After each step's start and end; a receiver may keep a copy.
    void progressed(const vigil::EndOfDayProgress &progress);

private:
    struct Mailbox; ///< shared with every completion in flight: how it reaches the machine

    void begin(EndOfDayStep step);
    void end(EndOfDayStep step, EndOfDayFailure failure = EndOfDayFailure::None, QString detail = {});
    void reconciled(std::shared_ptr<const ReconciliationResult> result, std::uint64_t seq);
    void durable();
    void reported(EndOfDayReport report);
    void backedUp(EndOfDayBackup backup);
    void checked(std::shared_ptr<const ChecklistResult> result, bool recorded, std::string whyNot);

    Engine &m_engine;
    ChecklistRunner &m_checklists;
    const QString m_dataDir;
    const EndOfDayWorkers m_workers;
    std::shared_ptr<Mailbox> m_mailbox;
    EndOfDayProgress m_progress;
};

} // namespace vigil
