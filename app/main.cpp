// vigil: parses the command line and wires the engine to the console or to a headless run.

#include "AlertCommands.h"
#include "AuditCommands.h"
#include "BackupCommands.h"
#include "BackupMonitor.h"
#include "BotCommands.h"
#include "BrokerCommands.h"
#include "CommandLine.h"
#include "ConsoleRecovery.h"
#include "DayCommands.h"
#include "GatewayStart.h"
#include "IncidentCommands.h"
#include "MainWindow.h"
#include "ReportExport.h"
#include "SignalStop.h"
#include "VenueStart.h"
#include "api/AlertDispatcher.h"
#include "api/AuditChain.h"
#include "api/BackupCatalog.h"
#include "api/BackupWriter.h"
#include "api/ChecklistRunner.h"
#include "api/ConfigLoader.h"
#include "api/ControlChannel.h"
#include "api/DailyReport.h"
#include "api/DaySchedule.h"
#include "api/EndOfDay.h"
#include "api/Engine.h"
#include "api/InstanceLock.h"
#include "api/JournalVerifier.h"
#include "api/Reconciliation.h"
#include "api/Restore.h"
#include "api/Summary.h"
#include "api/UserName.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <optional>

using namespace vigil;

namespace {

/// Gives this file's user-visible strings a translation context lupdate understands.
struct Main {
    Q_DECLARE_TR_FUNCTIONS(Main)
};

/// The terminal gets each message once, as printed here; the log (once it is open) gets
/// it too, beside the engine's own lines, which stay off the terminal (setUpLogging).
void printErr(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    spdlog::info("{}", text.toStdString());
}
void printOut(const QString &text) { std::fprintf(stdout, "%s\n", qPrintable(text)); }

/// Qt's own messages (a platform plugin's remarks, "QStandardPaths: XDG_RUNTIME_DIR not
/// set") are for the log, not for an operator's terminal; only a fatal one is printed.
void qtMessageToLog(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "vigil: %s\n", qPrintable(message));
        std::abort();
    }
    spdlog::log(type == QtDebugMsg || type == QtInfoMsg ? spdlog::level::debug : spdlog::level::warn, "Qt: {}",
                message.toStdString());
}

/// The configuration in use; nothing (the errors printed, and given in `errors`) if it is
/// not valid.
std::optional<Config> loadConfiguration(const QString &explicitFile, QStringList *errors = nullptr)
{
    QString file = explicitFile;
    if (file.isEmpty()) {
        const QString user = QStandardPaths::locate(QStandardPaths::AppConfigLocation, QStringLiteral("vigil.toml"));
        if (user.isEmpty())
            return defaultConfig(); // the log says so once it is open
        file = user;
    }
    const ConfigLoadResult loaded = loadConfigFile(file.toStdString());
    if (!loaded.ok()) {
        for (const ConfigError &e : loaded.errors) {
            printErr(QStringLiteral("vigil: ") + QString::fromStdString(e.toString()));
            if (errors)
                *errors << QString::fromStdString(e.toString());
        }
        printErr(Main::tr("vigil: the configuration is not valid; nothing was started"));
        return std::nullopt;
    }
    return loaded.config;
}

QString resolveDataDir(const CommandLine &cl, const Config &config)
{
    QString dir = cl.dataDir;
    if (dir.isEmpty())
        dir = QString::fromStdString(config.paths.dataDir);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir::cleanPath(dir);
}

bool setUpLogging(const QString &dataDir)
{
    const QString logDir = dataDir + QStringLiteral("/logs");
    if (!QDir().mkpath(logDir)) {
        printErr(Main::tr("vigil: cannot create the data directory '%1'").arg(logDir));
        return false;
    }
    try {
        // The file only: what the terminal must say is printed as "vigil: ..." (printErr),
        // which the log gets too; a terminal sink here said each of those lines twice.
        auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            (logDir + QStringLiteral("/vigil.log")).toStdString(), 10 * 1024 * 1024, 5);
        auto logger = std::make_shared<spdlog::logger>("vigil", file);
        logger->set_level(spdlog::level::info);
        logger->flush_on(spdlog::level::warn);
        spdlog::set_default_logger(logger);
    } catch (const spdlog::spdlog_ex &e) {
        printErr(Main::tr("vigil: cannot open the log in '%1': %2").arg(logDir, QString::fromUtf8(e.what())));
        return false;
    }
    return true;
}

int checkConfig(const QString &file)
{
    const ConfigLoadResult loaded = loadConfigFile(file.toStdString());
    if (!loaded.ok()) {
        for (const ConfigError &e : loaded.errors)
            printErr(QString::fromStdString(e.toString()));
        printErr(Main::tr("%1: %n error(s)", nullptr, static_cast<int>(loaded.errors.size())).arg(file));
        return 1;
    }
    printOut(Main::tr("%1: valid (%2 symbols, broker %3)")
                 .arg(file)
                 .arg(loaded.config->simulator.symbols.size())
                 .arg(QStringLiteral("paper")));
    return 0;
}

QString journalPath(const QString &dataDir) { return dataDir + QStringLiteral("/journal.sqlite"); }

int verifyJournalCommand(const QString &dataDir)
{
    const QString path = journalPath(dataDir);
    const JournalCheck check = verifyJournal(path);
    if (!check.ok()) {
        for (const QString &problem : check.problems)
            printErr(problem);
        printErr(Main::tr("%1: %n problem(s)", nullptr, static_cast<int>(check.problems.size())).arg(path));
        return 1;
    }
    if (check.empty) {
        printOut(Main::tr("%1: empty (created, but nothing was recorded in it yet)").arg(path));
        return 0;
    }
    printOut(Main::tr("%1: sound (%2 orders, %3 fills, %4 position snapshots checked)")
                 .arg(path)
                 .arg(check.orders)
                 .arg(check.fills)
                 .arg(check.positionSnapshots - check.uncheckedSnapshots));
    if (check.uncheckedSnapshots > 0)
        printOut(Main::tr("%1: %2 position snapshot(s) written by schema version 1 do not name their session and "
                          "were not compared")
                     .arg(path)
                     .arg(check.uncheckedSnapshots));
    return 0;
}

int exportAuditCommand(const CommandLine &cl, const QString &dataDir)
{
    std::int64_t written = 0;
    const QString error = exportAudit(journalPath(dataDir), cl.auditFrom, cl.auditTo, cl.auditOut, written);
    if (!error.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + error);
        return 1;
    }
    printOut(
        Main::tr("%1: %2 audit record(s) from %3 to %4").arg(cl.auditOut).arg(written).arg(cl.auditFrom, cl.auditTo));
    return 0;
}

/// `vigil ctl reconcile`'s answer: 0 the books agree, 4 they differ, 1 the run is incomplete
/// or could not be recorded.
int printReconciliation(const QJsonObject &reply, bool json)
{
    const QJsonObject r = reply.value(QStringLiteral("reconciliation")).toObject();
    if (json) {
        std::fputs(QJsonDocument(reply).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        printOut(r.value(QStringLiteral("summary")).toString());
        for (const QJsonValue &v : r.value(QStringLiteral("differences")).toArray()) {
            const QJsonObject d = v.toObject();
            QStringList how;
            for (const QJsonValue &c : d.value(QStringLiteral("resolutions")).toArray())
                how << c.toString();
            printOut(Main::tr("  %1: %2\n      vigil ctl resolve %1 %3 --reason NOTE")
                         .arg(d.value(QStringLiteral("key")).toString(),
                              d.value(QStringLiteral("description")).toString(), how.join(QLatin1Char('|'))));
        }
        QStringList blocked;
        for (const QJsonValue &v : reply.value(QStringLiteral("blocked_symbols")).toArray())
            blocked << v.toString();
        if (!blocked.isEmpty())
            printOut(Main::tr("new entries blocked in: %1").arg(blocked.join(QStringLiteral(", "))));
        printOut(Main::tr("recorded: %1").arg(reply.value(QStringLiteral("recorded")).toString()));
    }
    if (!r.value(QStringLiteral("complete")).toBool() || !reply.value(QStringLiteral("ok")).toBool())
        return 1;
    return r.value(QStringLiteral("clean")).toBool() ? 0 : 4;
}

/// `vigil ctl`: one request to the instance on the data directory. 0 done, 1 refused or
/// failed, 3 nothing answered.
int controlCommand(const CommandLine &cl, const QString &dataDir)
{
    const bool waits = kindOf(cl.control) == CommandKind::Flatten && cl.waitMs > 0;
    const ControlReply r = sendControlRequest(dataDir, encodeControlRequest(cl.control, waits ? cl.waitMs : 0),
                                              (waits ? cl.waitMs : 0) + 10'000);
    if (!r.reached || !r.error.isEmpty()) {
        printErr(QStringLiteral("vigil ctl: ") + r.error);
        return r.reached ? 1 : 3;
    }
    const bool ok = r.reply.value(QStringLiteral("ok")).toBool();
    if (kindOf(cl.control) == CommandKind::Reconcile)
        return printReconciliation(r.reply, cl.json);
    if (cl.json) {
        const QJsonObject out =
            kindOf(cl.control) == CommandKind::Status ? r.reply.value(QStringLiteral("status")).toObject() : r.reply;
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    } else if (kindOf(cl.control) == CommandKind::Status) {
        printOut(r.reply.value(QStringLiteral("status_text")).toString());
    } else {
        const QString line = r.reply.value(QStringLiteral("message")).toString();
        if (ok)
            printOut(line);
        else if (kindOf(cl.control) == CommandKind::Drill && line.startsWith(QLatin1String("DRILL ")))
            printErr(QStringLiteral("vigil ctl: ") + line); // taken, but it could not act: the line says why
        else
            printErr(QStringLiteral("vigil ctl: refused: ") + line);
        const QString state = r.reply.value(QStringLiteral("state")).toString();
        if (!line.contains(state))
            printOut(Main::tr("trading is %1").arg(state));
    }
    return ok ? 0 : 1;
}

/// Backups must work when the configuration is what is broken: with --data-dir, an
/// invalid configuration is reported and the command goes on.
int backupCommand(const CommandLine &cl)
{
    std::optional<Config> config;
    const QString file = configFileInUse(cl.configFile);
    if (file.isEmpty() || (cl.mode == Mode::Restore && !QFileInfo::exists(file))) { // restore may bring it back
        config = defaultConfig();
    } else {
        const ConfigLoadResult loaded = loadConfigFile(file.toStdString());
        if (loaded.ok()) {
            config = loaded.config;
        } else {
            for (const ConfigError &e : loaded.errors)
                printErr(QStringLiteral("vigil: ") + QString::fromStdString(e.toString()));
            if (cl.dataDir.isEmpty()) {
                printErr(
                    Main::tr("vigil: the configuration is not valid and names the data directory: give --data-dir"));
                return 2;
            }
            config = defaultConfig();
            printErr(
                Main::tr("vigil: the configuration is not valid; going on with --data-dir %1 and the backups in %2 "
                         "(if its [backup] dir names another place, give it with --backups-dir)")
                    .arg(cl.dataDir, cl.backup.backupsDir.isEmpty() ? defaultBackupsDir(QDir::cleanPath(cl.dataDir))
                                                                    : cl.backup.backupsDir));
        }
    }
    const QString dataDir = resolveDataDir(cl, *config);
    if (const QString problem = dataDirectoryProblem(cl, dataDir); !problem.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + problem);
        return 2;
    }
    return runBackupCommand(cl, dataDir, config->backup);
}

/// A bot's key must be revocable when the configuration is what is broken: with
/// --data-dir, an invalid configuration is reported and the command goes on.
int botCommand(const CommandLine &cl)
{
    std::optional<Config> config;
    const QString file = configFileInUse(cl.configFile);
    if (file.isEmpty()) {
        config = defaultConfig();
    } else {
        const ConfigLoadResult loaded = loadConfigFile(file.toStdString());
        for (const ConfigError &e : loaded.errors)
            printErr(QStringLiteral("vigil: ") + QString::fromStdString(e.toString()));
        if (loaded.ok())
            config = loaded.config;
        else if (cl.dataDir.isEmpty()) {
            printErr(Main::tr("vigil: the configuration is not valid and names the data directory: give --data-dir"));
            return 2;
        } else {
            printErr(Main::tr("vigil: the configuration is not valid; going on with --data-dir %1").arg(cl.dataDir));
        }
    }
    const QString dataDir = resolveDataDir(cl, config ? *config : defaultConfig());
    if (const QString problem = dataDirectoryProblem(cl, dataDir); !problem.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + problem);
        return 2;
    }
    return runBotCommand(cl, config, dataDir);
}

/// The keys of the account --environment names, else of the configuration's Alpaca venue,
/// else paper's. The data directory plays no part: the keys are the OS user's.
int brokerCommand(const CommandLine &cl)
{
    if (cl.brokerEnvironment)
        return runBrokerCommand(cl, *cl.brokerEnvironment);
    const std::optional<Config> config = loadConfiguration(cl.configFile);
    if (!config) {
        printErr(Main::tr("vigil broker: give --environment paper|live, or fix the configuration"));
        return 2;
    }
    return runBrokerCommand(cl, config->venue.kind == VenueKind::Alpaca ? config->venue.alpaca.environment
                                                                        : AlpacaEnvironment::Paper);
}

QString brokerPath(const QString &dataDir) { return dataDir + QStringLiteral("/paper-broker.sqlite"); }

/// The paper broker's file at `path` holds orders or positions (a file created by a start
/// that ended before its journal existed holds neither).
bool brokerFileHasTraded(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    bool traded = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vigil-broker-check"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            traded = q.exec(QStringLiteral(
                         "SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM positions WHERE qty != 0)"))
                     && q.next() && q.value(0).toLongLong() > 0;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("vigil-broker-check"));
    return traded;
}

/// Before trading starts: the books (from the journal, settled with the broker) against the
/// broker's own statement. The run goes to the engine like any other (journaled, audited):
/// new entries are blocked in every symbol with a difference until an operator resolves
/// it; exits stay allowed. A statement that could not be read says nothing about any
/// symbol, so the session then starts paused (reduce-only) with that as the reason.
void reconcileAtStartUp(Engine &engine, const ReconciliationConfig &config, ReconciliationResult *out)
{
    ReconciliationTolerance tolerance;
    tolerance.cash = config.cashTolerance;
    const ReconciliationResult r = reconcile(booksOf(*engine.snapshot()), engine.brokerStatement(), tolerance);
    const QString summary = QString::fromStdString(summarize(r));
    if (out)
        *out = r;
    printErr(Main::tr("vigil: reconciliation at start-up: %1").arg(summary)); // (the log too)
    cmd::RecordReconciliation run;
    run.actor = "system (reconciliation)";
    run.reason = run.startedBy = "start-up";
    run.result = std::make_shared<const ReconciliationResult>(r);
    engine.command(std::move(run), [](const CommandResult &) {});
    if (!r.complete()) {
        printErr(Main::tr("vigil: trading starts paused (reduce-only): the broker's books could not be compared"));
        cmd::Pause pause;
        pause.actor = "system (reconciliation)";
        pause.reason = "reconciliation at start-up: " + summary.left(300).toStdString();
        engine.command(std::move(pause), [](const CommandResult &) {});
    } else if (!r.clean()) {
        QStringList symbols;
        for (const std::string &s : r.affectedSymbols())
            symbols << QString::fromStdString(s);
        if (symbols.isEmpty()) // the cash alone: it blocks no symbol
            printErr(Main::tr("vigil: the difference is in the cash alone and blocks no symbol; resolve it with "
                              "'vigil ctl resolve' or in the RECONCILIATION panel"));
        else
            printErr(Main::tr("vigil: new entries blocked in %1 until each difference is resolved (exits allowed)")
                         .arg(symbols.join(QStringLiteral(", "))));
    }
}

/// A data directory restored from a backup starts PAUSED (reduce-only), whatever the
/// journal says, until its books are reconciled clean and an operator resumes: the
/// restore's hold (api/Restore.h) stays on disk until that resume removes it.
void holdAfterRestore(Engine &engine, const QString &dataDir)
{
    const QString held = restoreHoldText(dataDir);
    if (held.isEmpty())
        return;
    printErr(Main::tr("vigil: %1: trading starts paused (reduce-only) until the books are reconciled clean and an "
                      "operator resumes")
                 .arg(held));
    engine.holdAfterRestore(restoreHoldPath(dataDir).toStdString(), held.toStdString());
}

/// Opens the paper broker's file and the journal in the data directory, resuming the
/// session if the journal already holds it, and reconciles them; false (with the reason
/// printed, and in `problem`) if they cannot be used.
bool openStores(Engine &engine, const Config &config, const QString &dataDir, QString *problem = nullptr,
                ReconciliationResult *reconciliation = nullptr)
{
    // Everything said here also goes to `problem`, for the console's dialog.
    const auto printErr = [problem](const QString &line) {
        ::printErr(line);
        if (problem)
            *problem += (problem->isEmpty() ? QString() : QStringLiteral("\n")) + line;
    };
    bool finished = false;
    if (const QString e = completeInterruptedRestore(dataDir, &finished); !e.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + e);
        printErr(Main::tr("vigil: nothing was started: the data directory is between two states"));
        return false;
    }
    if (finished)
        printErr(Main::tr("vigil: finished a restore that had been interrupted"));
    // Staging folders of backups killed while writing (each a copy of the databases).
    if (const int removed = removeStaleStaging(configuredBackupsDir(config.backup, dataDir)); removed > 0)
        spdlog::info("removed {} staging folder(s) left by backups that were killed", removed);
    // A journal that opening will migrate is backed up as it is first.
    BackupRequest beforeMigration;
    beforeMigration.dataDir = dataDir;
    beforeMigration.backupsDir = configuredBackupsDir(config.backup, dataDir);
    if (!config.sourceFile.empty())
        beforeMigration.configFiles << QString::fromStdString(config.sourceFile);
    const BackupResult saved = backupBeforeMigration(beforeMigration); // empty when no migration is due
    if (!saved.error.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + saved.error);
        printErr(
            Main::tr("vigil: nothing was started: the journal needs a migration and could not be backed up first"));
        return false;
    }
    if (!saved.path.isEmpty()) {
        printErr(Main::tr("vigil: the journal's schema is migrated from version %1; backed up first to %2")
                     .arg(saved.manifest.schemaVersion)
                     .arg(saved.path));
        spdlog::info("pre-migration backup {}", saved.path.toStdString());
    }
    // A journal that is gone from a data directory that has been traded on is a disaster,
    // not a first start: a new empty journal would trade against the broker's books as if
    // they were not there.
    if (!QFileInfo::exists(journalPath(dataDir))) {
        QStringList traces;
        if (brokerFileHasTraded(brokerPath(dataDir)))
            traces << QFileInfo(brokerPath(dataDir)).fileName();
        if (!listBackups(configuredBackupsDir(config.backup, dataDir)).empty())
            traces << Main::tr("backups");
        if (!traces.isEmpty()) {
            printErr(
                Main::tr("vigil: the journal %1 is missing, but the data directory has been traded on (%2 present)")
                    .arg(journalPath(dataDir), traces.join(QStringLiteral(", "))));
            printErr(
                Main::tr("vigil: nothing was started: restore the journal from a backup ('vigil restore BACKUP --only "
                         "journal' or the console's wizard), or move the data directory aside to start afresh"));
            return false;
        }
    }
    std::string error = engine.openBroker(brokerPath(dataDir).toStdString());
    if (error.empty())
        error = engine.openJournal(journalPath(dataDir).toStdString());
    if (!error.empty()) {
        printErr(QStringLiteral("vigil: ") + QString::fromStdString(error));
        printErr(Main::tr("vigil: nothing was started: trading without a journal could lose what it did"));
        return false;
    }
    const std::string resumed = engine.resumeSummary();
    if (!resumed.empty())
        printErr(Main::tr("vigil: resuming the session from the journal: %1").arg(QString::fromStdString(resumed)));
    reconcileAtStartUp(engine, config.reconciliation, reconciliation);
    holdAfterRestore(engine, dataDir);
    return true;
}

/// Opens the control socket for `vigil ctl`; false (said why) if it cannot: an instance the
/// operator cannot reach from outside must not trade.
bool listenForControl(ControlServer &control, const QString &dataDir)
{
    const QString error = control.listen(dataDir);
    if (!error.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + error);
        printErr(Main::tr("vigil: nothing was started: 'vigil ctl' could not reach this instance"));
        return false;
    }
    spdlog::info("vigil ctl listens on {}", control.socketPath().toStdString());
    return true;
}

/// A drill for the resume tests: VIGIL_DRILL_CRASH_AT=T ends the process when the engine
/// reaches simulated time T (nanoseconds since the epoch, as the journal records times),
/// with the journal durable up to there. Anything else in the variable is an error.
bool readCrashAt(RunOptions &options)
{
    const QByteArray value = qgetenv("VIGIL_DRILL_CRASH_AT");
    if (value.isEmpty())
        return true;
    bool ok = false;
    const qlonglong at = value.toLongLong(&ok);
    if (!ok || at <= 0) {
        printErr(
            Main::tr("vigil: VIGIL_DRILL_CRASH_AT must be a simulated time in nanoseconds since the epoch, not '%1'")
                .arg(QString::fromLocal8Bit(value)));
        return false;
    }
    options.crashAt = at;
    spdlog::warn("drill armed: the process ends when the engine reaches simulated time {}", at);
    return true;
}

/// A drill for the crash tests: VIGIL_DRILL_CRASH_AFTER_BROKER_ACCEPTS=N ends the process
/// right after the paper broker has recorded its N-th new order, before the engine hears
/// of it. Anything else in the variable is an error, never silently ignored.
bool readDrills(RunOptions &options)
{
    if (!readCrashAt(options))
        return false;
    const QByteArray value = qgetenv("VIGIL_DRILL_CRASH_AFTER_BROKER_ACCEPTS");
    if (value.isEmpty())
        return true;
    bool ok = false;
    const qulonglong count = value.toULongLong(&ok);
    if (!ok || count == 0) {
        printErr(Main::tr("vigil: VIGIL_DRILL_CRASH_AFTER_BROKER_ACCEPTS must be a positive whole number, not '%1'")
                     .arg(QString::fromLocal8Bit(value)));
        return false;
    }
    options.crashAfterBrokerAccepts = count;
    spdlog::warn("drill armed: the process ends after the broker records order {}", count);
    return true;
}

/// The headless run's words for each step of the close as it ends (the console shows the
/// same steps in its window): what failed is said, and the run's exit status says it too.
void printCloseStep(EndOfDayStep step, const EndOfDayProgress &p)
{
    switch (step) {
    case EndOfDayStep::Reconcile:
    case EndOfDayStep::Durable: break; // said at the end of the run, with the session's figures
    case EndOfDayStep::Report:
        if (p.report.error.isEmpty())
            printErr(Main::tr("daily report %1").arg(p.report.file));
        else
            printErr(Main::tr("vigil: the daily report of %1 could not be written: %2")
                         .arg(QString::fromStdString(p.sessionDate), p.report.error));
        break;
    case EndOfDayStep::Backup:
        if (!p.backup.error.isEmpty()) {
            printErr(Main::tr("vigil: the session closed but its daily backup failed: %1").arg(p.backup.error));
            break;
        }
        for (const QString &e : p.backup.pruneErrors)
            printErr(QStringLiteral("vigil: ") + e);
        printErr(Main::tr("daily backup %1 verified").arg(p.backup.path));
        break;
    case EndOfDayStep::Checklist: {
        const ChecklistResult &eod = *p.checklist;
        printErr(Main::tr("vigil: end-of-day checklist: %1%2")
                     .arg(QString::fromStdString(eod.summary()),
                          p.checklistRecorded
                              ? QString()
                              : Main::tr(" (not recorded: %1)").arg(QString::fromStdString(p.checklistNotRecorded))));
        for (const CheckItem &i : eod.items)
            if (i.status == CheckStatus::Fail)
                printErr(Main::tr("vigil:   %1: %2 (%3)")
                             .arg(QString::fromStdString(i.title), QString::fromStdString(i.measured),
                                  QString::fromStdString(i.detail)));
        break;
    }
    }
}

/// The headless run's workers for the close: the report drawn here, on the main thread (its
/// chart is a widget, on the offscreen platform), the backup on a worker thread.
EndOfDayWorkers headlessCloseWorkers(const Config &config, const QString &dataDir)
{
    EndOfDayWorkers workers;
    workers.report = [dataDir, backupsDir = configuredBackupsDir(config.backup, dataDir)](
                         const QString &date, const QString &file, const EndOfDayWorkers::ReportDone &done) {
        EndOfDayReport report;
        report.file = file;
        report.error = writeDailyReport(dataDir, backupsDir, date, file, &report.pages);
        done(report);
    };
    workers.backup = dailyBackupWriter(config, dataDir);
    return workers;
}

/// A headless run told to stop by a signal before its close: the engine stopped (the
/// journal drained and closed, as the console's Quit leaves it), no end-of-day tasks (the
/// day goes on at the next start), exit 0: the stop was asked for.
int stopOnSignal(Engine &engine, std::promise<ChecklistResult> *preMarket, int signal)
{
    const QString name = SignalStop::signalName(signal);
    spdlog::warn("{}: stopping before the close, as the console's quit does", name.toStdString());
    printErr(Main::tr("vigil: %1: stopping in order before the close; the session resumes from the journal at the next "
                      "start")
                 .arg(name));
    if (preMarket)
        preMarket->get_future().wait(); // its run is recorded before the journal closes
    engine.stop();                      // before `control` goes: no answer can arrive for it after this
    const std::string failure = engine.journalFailure();
    if (!failure.empty()) {
        printErr(Main::tr("vigil: the journal could not be written: %1").arg(QString::fromStdString(failure)));
        return 1;
    }
    const std::string_view state = toString(engine.tradingState());
    printErr(Main::tr("vigil: stopped; trading was %1")
                 .arg(QString::fromUtf8(state.data(), static_cast<qsizetype>(state.size()))));
    return 0;
}

int runHeadless(const CommandLine &cl, const Config &config, const QString &dataDir)
{
    const auto started = std::chrono::steady_clock::now();
    RunOptions options = cl.run;
    if (!readDrills(options))
        return 2;
    const InstanceLock lock(dataDir);
    if (!lock.error().isEmpty()) {
        printErr(QStringLiteral("vigil: ") + lock.error());
        return 1;
    }
    // The bots' gateway before the engine, which takes their sources, and gone after it.
    std::unique_ptr<Gateway> gateway;
    if (!startGateway(config, dataDir, gateway))
        return 1;
    std::unique_ptr<Venue> venue;
    if (!startVenue(config, options, venue))
        return 1;
    std::unique_ptr<AlertDispatcher> alerts; // made before the engine, which tells it every alert
    if (!startAlerts(config, dataDir, alerts))
        return 1;
    Engine engine(config, options, engineExtensions(gateway.get(), alerts.get()), std::move(venue));
    const AlertDelivery delivery(alerts.get(), engine); // the last alerts out before the engine goes
    if (!openStores(engine, config, dataDir))
        return 1;
    const std::unique_ptr<BotProcesses> bots =
        gateway ? std::make_unique<BotProcesses>(config, *gateway, engine) : nullptr;
    ControlServer control(engine);
    if (!listenForControl(control, dataDir))
        return 1;
    ChecklistRunner checklists(engine, config, dataDir);
    control.setChecklistRunner(&checklists);
    DaySchedule schedule(config.checklists, true);
    const SessionWindow session = sessionFor(options.sessionDate);
    std::promise<ChecklistResult> preMarketDone;
    bool preMarketStarted = false; // (a day resumed after its close has no pre-market left)
    // The end of day (api/EndOfDay.h): the books against the broker's, recorded in the journal
    // while it is still open, then the day's report, its backup and the end-of-day checklist,
    // each said as it ends. A difference or a failed task makes the run fail (below): a
    // scheduler must hear of it.
    EndOfDayProgress closed; // what has been said (made before `close`, whose connection uses it)
    EndOfDay close(engine, checklists, dataDir, headlessCloseWorkers(config, dataDir));
    const auto sayClose = [&closed, &preMarketStarted, &preMarketDone](const EndOfDayProgress &p) {
        for (std::size_t i = 0; i < kEndOfDaySteps; ++i) {
            if (!p.steps[i].ended() || closed.steps[i].ended())
                continue;
            const auto step = static_cast<EndOfDayStep>(i);
            if (step == EndOfDayStep::Reconcile && preMarketStarted) { // (run at the open: long done)
                const ChecklistResult preMarket = preMarketDone.get_future().get();
                printErr(Main::tr("vigil: pre-market checklist: %1").arg(QString::fromStdString(preMarket.summary())));
            }
            printCloseStep(step, p);
        }
        closed = p;
        if (p.finished())
            QCoreApplication::quit();
    };
    QObject::connect(&close, &EndOfDay::progressed, sayClose);
    // SIGTERM, SIGINT, SIGHUP: stop in order before the close, as the console's Quit does;
    // once the session has ended, the close runs to its end.
    SignalStop stopSignals;
    if (!stopSignals.error().isEmpty())
        printErr(QStringLiteral("vigil: ") + stopSignals.error());
    QObject::connect(&stopSignals, &SignalStop::stopRequested, [&engine](int) {
        if (!engine.isFinished())
            QCoreApplication::quit();
    });
    engine.start();
    // The main thread serves `vigil ctl` until the close is done, runs the pre-market
    // checklist when the schedule says, and starts the close once the session has ended.
    QTimer finished;
    QObject::connect(&finished, &QTimer::timeout, [&] {
        const std::shared_ptr<const Snapshot> s = engine.snapshot();
        for (const ScheduledTask task : schedule.poll(s->phase, session.secondsOfDay(s->simTime)))
            if (task == ScheduledTask::PreMarket) {
                preMarketStarted = true;
                checklists.run(
                    ChecklistKind::PreMarket, "schedule", "system (schedule)",
                    [&preMarketDone](const ChecklistResult &r, const CommandResult &) { preMarketDone.set_value(r); });
            }
        if (engine.isFinished()) {
            finished.stop();
            close.start();
        }
    });
    finished.start(20);
    QCoreApplication::exec();
    if (stopSignals.signalNumber() != 0 && !engine.isFinished())
        return stopOnSignal(engine, preMarketStarted ? &preMarketDone : nullptr, stopSignals.signalNumber());
    if (!close.progress().finished()) { // the signal came as the session ended: the close still runs
        finished.stop();
        close.start();
        QCoreApplication::exec();
    }
    engine.waitFinished(); // before `control` goes: no answer can arrive for it after this
    const RunResult result = engine.result();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!cl.summaryJson.isEmpty()) {
        const QString error = writeSummary(result, cl.summaryJson);
        if (!error.isEmpty()) {
            printErr(Main::tr("vigil: cannot write the summary to '%1': %2").arg(cl.summaryJson, error));
            return 1;
        }
    }
    // Wall-clock figures go to the log and the terminal, never into the summary.
    spdlog::info("headless session {} (seed {}) took {:.2f} s for {} events", result.sessionDate, result.seed, seconds,
                 result.events);
    printErr(Main::tr("session %1 seed %2: %3 events, %4 orders, %5 fills, realized %6, unrealized %7 (%8 s)")
                 .arg(QString::fromStdString(result.sessionDate))
                 .arg(result.seed)
                 .arg(result.events)
                 .arg(result.orders)
                 .arg(result.fills)
                 .arg(QString::fromStdString(result.realizedPnl.toString()),
                      QString::fromStdString(result.unrealizedPnl.toString()))
                 .arg(seconds, 0, 'f', 2));
    // A store that could not be written halted trading: the run failed, whatever came after.
    bool storesWritten = true;
    if (!result.brokerFailure.empty()) {
        printErr(Main::tr("vigil: trading was halted: the paper broker's file could not be written: %1")
                     .arg(QString::fromStdString(result.brokerFailure)));
        storesWritten = false;
    }
    if (const std::string failure = engine.journalFailure(); !failure.empty()) {
        printErr(Main::tr("vigil: trading was halted: the journal could not be written: %1")
                     .arg(QString::fromStdString(failure)));
        storesWritten = false;
    }
    if (!result.completed) {
        printErr(Main::tr("vigil: the session did not run to its close"));
        return 1;
    }
    printErr(Main::tr("vigil: reconciliation at the close: %1")
                 .arg(QString::fromStdString(summarize(*close.progress().reconciliation))));
    return close.progress().ok() && storesWritten ? 0 : 1;
}

/// How a console run ended: its exit code, or a reason to start again after a restore.
struct ConsoleExit {
    enum class Next { Quit, StoresUnusable, RestoreAsked };
    ConsoleExit(int exitCode, Next then = Next::Quit, QString why = {})
        : code(exitCode)
        , next(then)
        , problem(std::move(why))
    {}
    int code = 0;
    Next next = Next::Quit;
    QString problem; ///< why the stores could not be opened
};

constexpr int kRestoreAskedExitCode = 75; ///< QApplication::exit() code of the File menu's restore

/// Everything a console run owns. Each connection and callback wired by runConsole uses only
/// members of this object and has one of them as its context, so none outlives what it
/// uses; and the order in which they go is written here, not left to the order of
/// declarations: the engine's threads stop first (they call back into the checklists, the
/// close and the window), then the close goes (the completions still in flight for it are
/// dropped), the checklist runs under way are awaited (their results go to the window),
/// and the control socket, the window and the engine go last.
struct ConsoleRun {
    ConsoleRun(const Config &config, const RunOptions &options, std::unique_ptr<Gateway> botGateway,
               std::unique_ptr<AlertDispatcher> alertDispatcher, std::unique_ptr<Venue> venue)
        : gateway(std::move(botGateway))
        , alerts(std::move(alertDispatcher))
        , engine(config, options, engineExtensions(gateway.get(), alerts.get()), std::move(venue))
        , delivery(alerts.get(), engine)
        , schedule(config.checklists, true)
        , session(sessionFor(options.sessionDate))
    {}
    ~ConsoleRun()
    {
        engine.stop(); // before `control` goes: no answer can arrive for it after this
        delivery.stop();
        if (gateway)
            gateway->engineStopped(); // the bots' waiting requests are answered 503
        bots.reset();                 // their processes stopped before the window goes
        if (window)
            window->setChecklistRunner({});
        if (control)
            control->setChecklistRunner(nullptr);
        close.reset();
        checklists.reset();
        stopSignals.reset();
        control.reset();
        window.reset();
    }
    ConsoleRun(const ConsoleRun &) = delete;
    ConsoleRun &operator=(const ConsoleRun &) = delete;

    std::unique_ptr<Gateway> gateway;        ///< the bots' (null when off): made before the engine, gone after it
    std::unique_ptr<AlertDispatcher> alerts; ///< (null without a channel): made before the engine, gone after it
    Engine engine;
    AlertDelivery delivery;             ///< stops the delivery (last alerts out) after the engine stopped
    std::unique_ptr<BotProcesses> bots; ///< the bots' processes (null without a gateway)
    std::unique_ptr<ControlServer> control;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<SignalStop> stopSignals;
    std::unique_ptr<ChecklistRunner> checklists;
    std::unique_ptr<EndOfDay> close;
    DaySchedule schedule;
    const SessionWindow session;
    bool endOfDayDue = false;
};

/// The console's workers for the close: the report written as File > Export writes it (read
/// and drawn off the GUI thread but its chart), the daily backup the backup monitor started
/// at the close, awaited (one backup at a time: it may follow an intraday one).
EndOfDayWorkers consoleCloseWorkers(MainWindow *window, const QString &dataDir, const QString &backupsDir)
{
    EndOfDayWorkers workers;
    workers.report = [window, dataDir, backupsDir](const QString &date, const QString &file,
                                                   EndOfDayWorkers::ReportDone done) {
        exportDailyReport(window, dataDir, backupsDir, date, file, [done](const ReportExportResult &r) {
            done({r.file, r.error, r.pages});
        });
    };
    workers.backup = [window](const QString &date, EndOfDayWorkers::BackupDone done) {
        window->backupMonitor()->whenDailyBackupDone(date, [done](const QString &problem) {
            EndOfDayBackup backup;
            backup.error = problem;
            done(backup);
        });
    };
    return workers;
}

/// The File menu's backup and restore, the checklists, the day's schedule and the close,
/// wired to `run`'s window.
void wireConsole(ConsoleRun &run, const Config &config, const QString &dataDir)
{
    MainWindow *window = run.window.get();
    window->setVenue(config.venue);
    // The File menu: a backup now (online: trading goes on), or a restart into the restore
    // wizard once trading is halted and the engine has stopped.
    BackupRequest backup;
    backup.dataDir = dataDir;
    backup.backupsDir = configuredBackupsDir(config.backup, dataDir);
    if (!config.sourceFile.empty())
        backup.configFiles << QString::fromStdString(config.sourceFile);
    window->setBackupRequest(backup, retentionPolicy(config.backup));
    window->backupMonitor()->setIntradayInterval(std::chrono::minutes(config.backup.intradayEveryMinutes));
    QObject::connect(window, &MainWindow::restoreRequested, window, [&run](const QString &actor) {
        cmd::Halt halt;
        halt.actor = actor.toStdString();
        halt.reason = "restore from a backup";
        run.engine.command(std::move(halt), [](const CommandResult &) {});
        QCoreApplication::exit(kRestoreAskedExitCode);
    });
    // Checklists: run from the panel, by `vigil check` or by the schedule, gathered and
    // recorded off the GUI thread; every result is shown in the panel.
    run.checklists = std::make_unique<ChecklistRunner>(run.engine, config, dataDir);
    run.control->setChecklistRunner(run.checklists.get());
    const auto showResult = [window](const ChecklistResult &r, const CommandResult &) {
        QMetaObject::invokeMethod(
            window, [window, r] { window->showChecklist(r); }, Qt::QueuedConnection);
    };
    window->setChecklistRunner([&run, showResult](ChecklistKind kind, const std::string &startedBy) {
        const std::string actor =
            startedBy == "schedule" ? std::string("system (schedule)") : currentUserName() + " (console)";
        run.checklists->run(kind, startedBy, actor, showResult);
    });
    // The close (api/EndOfDay.h), which the window displays: the books against the broker's
    // (in the status bar), then the day's report, its backup and the end-of-day checklist.
    run.close = std::make_unique<EndOfDay>(run.engine, *run.checklists, dataDir,
                                           consoleCloseWorkers(window, dataDir, backup.backupsDir));
    QObject::connect(run.close.get(), &EndOfDay::progressed, window, &MainWindow::showEndOfDay);
    // The day's schedule: the pre-market checklist as the session opens; the close once the
    // session has ended.
    QObject::connect(window, &MainWindow::snapshotApplied, window, [&run, showResult] {
        const std::shared_ptr<const Snapshot> s = run.engine.snapshot();
        for (const ScheduledTask task : run.schedule.poll(s->phase, run.session.secondsOfDay(s->simTime))) {
            if (task == ScheduledTask::PreMarket)
                run.checklists->run(ChecklistKind::PreMarket, "schedule", "system (schedule)", showResult);
            else
                run.endOfDayDue = true;
        }
        if (run.endOfDayDue && run.engine.isFinished())
            run.close->start(); // once
    });
}

ConsoleExit runConsole(const CommandLine &cl, const Config &config, const QString &dataDir)
{
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/vigil/icons/vigil.svg")));
    const InstanceLock lock(dataDir);
    if (!lock.error().isEmpty()) {
        printErr(QStringLiteral("vigil: ") + lock.error());
        QMessageBox::critical(nullptr, Main::tr("Vigil cannot start"), lock.error());
        return {1};
    }
    std::unique_ptr<Gateway> gateway;
    if (QString why; !startGateway(config, dataDir, gateway, &why)) {
        QMessageBox::critical(nullptr, Main::tr("Vigil cannot start"), why);
        return {1};
    }
    std::unique_ptr<Venue> venue;
    if (QString why; !startVenue(config, cl.run, venue, &why)) {
        QMessageBox::critical(nullptr, Main::tr("Vigil cannot start"), why);
        return {1};
    }
    std::unique_ptr<AlertDispatcher> alerts;
    if (QString why; !startAlerts(config, dataDir, alerts, &why)) {
        QMessageBox::critical(nullptr, Main::tr("Vigil cannot start"), why);
        return {1};
    }
    // Within the lock's life: made after it, gone before it.
    ConsoleRun run(config, cl.run, std::move(gateway), std::move(alerts), std::move(venue));
    QString problem;
    ReconciliationResult reconciliation;
    if (!openStores(run.engine, config, dataDir, &problem, &reconciliation))
        return {1, ConsoleExit::Next::StoresUnusable, problem};
    if (run.gateway)
        run.bots = std::make_unique<BotProcesses>(config, *run.gateway, run.engine);
    run.control = std::make_unique<ControlServer>(run.engine);
    if (!listenForControl(*run.control, dataDir))
        return {1};
    Engine &engine = run.engine;
    run.window =
        std::make_unique<MainWindow>([&engine] { return engine.snapshot(); },
                                     [&engine](Command command, std::function<void(const CommandResult &)> done) {
                                         engine.command(std::move(command), std::move(done));
                                     });
    MainWindow *window = run.window.get();
    window->setAuditSource([&engine] { return engine.auditTrail(); });
    window->setIncidentJournal(journalPath(dataDir));
    window->setDesktopAlerts(config.alerts.desktop);
    std::vector<AlertChannelKind> channels;
    if (config.alerts.webhook.enabled)
        channels.push_back(AlertChannelKind::Webhook);
    if (config.alerts.email.enabled)
        channels.push_back(AlertChannelKind::Email);
    window->setAlertTester([alerts = config.alerts](AlertChannelKind kind) { return sendTestAlert(alerts, kind); },
                           std::move(channels));
    window->setReconciliation(reconciliation);
    window->show();
    // SIGTERM, SIGINT, SIGHUP: the window closes as File > Quit closes it, and the engine
    // stops as it does then.
    run.stopSignals = std::make_unique<SignalStop>();
    if (!run.stopSignals->error().isEmpty())
        printErr(QStringLiteral("vigil: ") + run.stopSignals->error());
    QObject::connect(run.stopSignals.get(), &SignalStop::stopRequested, window, [window](int signal) {
        spdlog::warn("{}: stopping as the console's quit does", SignalStop::signalName(signal).toStdString());
        printErr(Main::tr("vigil: %1: stopping in order").arg(SignalStop::signalName(signal)));
        window->closeWithoutAsking(); // the signal is the answer: no question asked
        QCoreApplication::exit(0);    // also out of a dialog's own loop
    });
    engine.start();
    if (!cl.screenshotFile.isEmpty()) {
        QTimer::singleShot(cl.screenshotAfterMs, window, [window, file = cl.screenshotFile] {
            window->refreshNow();
            if (!window->grab().save(file))
                printErr(Main::tr("vigil: cannot save the screenshot to '%1'").arg(file));
            QCoreApplication::exit(0);
        });
    }
    wireConsole(run, config, dataDir);
    const int code = QApplication::exec();
    if (code == kRestoreAskedExitCode)
        return {0, ConsoleExit::Next::RestoreAsked};
    return {code};
}

/// With --screenshot, the dialog in front before the console opens (the start-up choice,
/// the restore wizard) is grabbed after the delay, and everything quits as after the
/// console's own screenshot. True once it has been taken.
bool screenshotTaken = false;

void screenshotDialogs(const CommandLine &cl)
{
    if (cl.screenshotFile.isEmpty())
        return;
    QTimer::singleShot(cl.screenshotAfterMs, qApp, [file = cl.screenshotFile] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return; // the console is up: its own timer takes the picture
        if (!dialog->grab().save(file))
            printErr(Main::tr("vigil: cannot save the screenshot to '%1'").arg(file));
        screenshotTaken = true;
        QCoreApplication::exit(0); // out of the dialog's own loop
    });
}

/// The console, started again after each restore: a configuration it cannot read or a
/// journal it cannot open is shown with the restore wizard offered, never started on
/// defaults. A data directory with no books asks first: a new book, or a restore (nothing
/// trades meanwhile); `--restore FILE` opens the wizard on FILE before anything.
int consoleMode(CommandLine cl)
{
    const double askedSpeed = cl.run.speed;
    QString why;
    if (!cl.restoreFile.isEmpty() && !QFileInfo(cl.restoreFile).isFile()) {
        printErr(Main::tr("vigil: --restore: %1 %2; nothing was started")
                     .arg(cl.restoreFile,
                          QFileInfo::exists(cl.restoreFile) ? Main::tr("is not a file") : Main::tr("does not exist")));
        return 2;
    }
    QString restoreFirst = cl.restoreFile.isEmpty() ? QString() : QFileInfo(cl.restoreFile).absoluteFilePath();
    bool newBook = cl.newBook;
    screenshotDialogs(cl);
    while (true) {
        QStringList errors;
        const std::optional<Config> config = loadConfiguration(cl.configFile, &errors);
        if (!config) {
            const QString problem = Main::tr("The configuration %1 is not valid:\n%2")
                                        .arg(configFileInUse(cl.configFile), errors.join(QLatin1Char('\n')));
            const QString dataDir =
                cl.dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : cl.dataDir;
            // The configuration's [backup] dir cannot be read: the default place is listed,
            // and the wizard can open a backup anywhere.
            if (offerRestore(problem, RestoreScope::Config, QDir::cleanPath(dataDir), {},
                             configRestoreTarget(cl.configFile)))
                continue;
            return 1;
        }
        cl.run.speed = askedSpeed < 0 ? config->simulator.speed : askedSpeed;
        const QString dataDir = resolveDataDir(cl, *config);
        const QString restoreInto = configRestoreTarget(
            config->sourceFile.empty() ? cl.configFile : QString::fromStdString(config->sourceFile));
        const QString backupsDir = configuredBackupsDir(config->backup, dataDir);
        // Before anything opens the data directory, let alone trades on it.
        if (!restoreFirst.isEmpty()) {
            runRestoreWizard(Main::tr("Restoring %1 into %2 before the console starts.")
                                 .arg(restoreFirst, QDir::toNativeSeparators(dataDir)),
                             dataDir, backupsDir, restoreInto, restoreFirst);
            restoreFirst.clear();
            if (screenshotTaken)
                return 0;
            continue; // restored or not, the start goes on from what is there
        }
        if (!newBook && holdsNoBooks(dataDir)) {
            switch (askHowToStart(dataDir)) {
            case StartChoice::NewBook: newBook = true; break;
            case StartChoice::Restore:
                runRestoreWizard(Main::tr("%1 holds no books: restore them from a backup. Nothing trades until the "
                                          "restored books are reconciled and you resume.")
                                     .arg(QDir::toNativeSeparators(dataDir)),
                                 dataDir, backupsDir, restoreInto);
                if (screenshotTaken)
                    return 0;
                continue; // asked again if nothing was restored
            case StartChoice::Quit: return 0;
            }
        }
        if (!setUpLogging(dataDir))
            return 1;
        spdlog::info("vigil {} starting, data directory {}", VIGIL_VERSION, dataDir.toStdString());
        spdlog::info("configuration: {}",
                     config->sourceFile.empty() ? std::string("built-in defaults") : config->sourceFile);
        const ConsoleExit exit = runConsole(cl, *config, dataDir);
        switch (exit.next) {
        case ConsoleExit::Next::Quit: return exit.code;
        case ConsoleExit::Next::StoresUnusable:
            if (offerRestore(exit.problem, RestoreScope::Journal, dataDir, backupsDir, restoreInto))
                continue;
            return exit.code;
        case ConsoleExit::Next::RestoreAsked:
            why = Main::tr("Asked for from the console. Trading was halted and the engine stopped; the console starts "
                           "again when the wizard closes.");
            runRestoreWizard(why, dataDir, backupsDir, restoreInto);
            continue; // restored or not, the console comes back on what is there
        }
    }
}

} // namespace

namespace {
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv, bool withWindows)
{
    std::unique_ptr<QCoreApplication> app;
    if (withWindows)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("vigil"));
    QCoreApplication::setApplicationName(QStringLiteral("vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    return app;
}
}

int main(int argc, char **argv)
{
    // Until a command opens the log, nothing goes to it (spdlog's own default would print
    // on stdout, into what a script reads); Qt's remarks go there too, never the terminal.
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("vigil"));
    qInstallMessageHandler(qtMessageToLog);
    // The command line is read without a display; only the console then gets one, so a
    // bad argument or a headless run never needs (or waits for) a window system.
    auto app = makeApplication(argc, argv, false);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("vigil"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    const ParseResult parsed = parseCommandLine(QCoreApplication::arguments());
    if (!parsed.error.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + parsed.error);
        printErr(Main::tr("Try '%1'.").arg(parsed.helpHint));
        return 2;
    }
    if (const QString missing = missingPath(parsed.commandLine); !missing.isEmpty()) {
        printErr(QStringLiteral("vigil: ") + missing);
        return 2;
    }
    // The report draws its chart with a widget; the headless run writes the day's report at
    // its close; an incident's PDF needs the fonts of a GUI application. None ever shows a
    // window: they draw on the offscreen platform.
    const Mode mode = parsed.commandLine.mode;
    if (mode == Mode::Headless || mode == Mode::Report || mode == Mode::ExportIncident)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (mode == Mode::Console || mode == Mode::Headless || mode == Mode::Report || mode == Mode::ExportIncident) {
        app.reset();
        app = makeApplication(argc, argv, true);
        QCoreApplication::installTranslator(&translator);
    }
    CommandLine cl = parsed.commandLine;
    switch (cl.mode) {
    case Mode::Help: std::fputs(qPrintable(cl.helpText), stdout); return 0;
    case Mode::Version: printOut(QStringLiteral("vigil ") + QStringLiteral(VIGIL_VERSION)); return 0;
    case Mode::ConfigCheck: return checkConfig(cl.checkFile);
    case Mode::BackupCreate:
    case Mode::BackupList:
    case Mode::BackupVerify:
    case Mode::BackupPrune:
    case Mode::Restore: return backupCommand(cl);
    case Mode::BotAdd:
    case Mode::BotList:
    case Mode::BotRevoke: return botCommand(cl);
    case Mode::BrokerSetKeys:
    case Mode::BrokerKeys:
    case Mode::BrokerDeleteKeys: return brokerCommand(cl);
    case Mode::AlertsTest:
    case Mode::AlertsSetSecret:
    case Mode::AlertsDeleteSecret: {
        if (cl.mode != Mode::AlertsTest) // the secrets are the OS user's: no configuration needed
            return runAlertsCommand(cl, defaultConfig());
        const std::optional<Config> config = loadConfiguration(cl.configFile);
        return config ? runAlertsCommand(cl, *config) : 2;
    }
    case Mode::JournalVerify:
    case Mode::AuditVerify:
    case Mode::AuditExport:
    case Mode::Report:
    case Mode::ListIncidents:
    case Mode::ShowIncident:
    case Mode::ExportIncident:
    case Mode::Check:
    case Mode::Control: {
        const std::optional<Config> config = loadConfiguration(cl.configFile);
        if (!config)
            return cl.mode == Mode::Control ? 2 : 1;
        const QString dataDir = resolveDataDir(cl, *config);
        if (const QString problem = dataDirectoryProblem(cl, dataDir); !problem.isEmpty()) {
            printErr(QStringLiteral("vigil: ") + problem);
            return 2;
        }
        switch (cl.mode) {
        case Mode::JournalVerify: return verifyJournalCommand(dataDir);
        case Mode::AuditVerify:
            return verifyAuditCommand(cl, dataDir,
                                      cl.backup.backupsDir.isEmpty() ? configuredBackupsDir(config->backup, dataDir)
                                                                     : QDir::cleanPath(cl.backup.backupsDir));
        case Mode::AuditExport: return exportAuditCommand(cl, dataDir);
        case Mode::Report: return reportCommand(cl, dataDir, configuredBackupsDir(config->backup, dataDir));
        case Mode::Check: return checkCommand(cl, *config, dataDir);
        case Mode::ListIncidents:
        case Mode::ShowIncident:
        case Mode::ExportIncident: return incidentCommand(cl, dataDir);
        default: return controlCommand(cl, dataDir);
        }
    }
    case Mode::Headless:
    case Mode::Console: break;
    }

    if (cl.mode == Mode::Console)
        return consoleMode(cl);
    const std::optional<Config> config = loadConfiguration(cl.configFile);
    if (!config)
        return 1;
    if (cl.run.speed < 0)
        cl.run.speed = cl.mode == Mode::Headless ? 0.0 : config->simulator.speed;
    const QString dataDir = resolveDataDir(cl, *config);
    if (!setUpLogging(dataDir))
        return 1;
    spdlog::info("vigil {} starting, data directory {}", VIGIL_VERSION, dataDir.toStdString());
    spdlog::info("configuration: {}",
                 config->sourceFile.empty() ? std::string("built-in defaults") : config->sourceFile);
    return runHeadless(cl, *config, dataDir);
}
